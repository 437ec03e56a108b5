//! PDF/A-2b (ISO 19005-2, level B): what the finishing pass adds for an
//! archive. The XMP metadata states the part and level and repeats the
//! document information; the output intent says the colours are sRGB;
//! every annotation prints. The rest of level B the plain PDF already
//! meets: fonts embedded as subsets with ToUnicode maps, no encryption, no
//! transparency, no JavaScript or external content, a file identifier.

use crate::doc::Meta;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Which PDF a build writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Standard {
    /// PDF 1.7, as readers and printers expect.
    #[default]
    Plain,
    /// PDF/A-2b, for archives.
    A2b,
}

/// The ICC name of the output condition, as registered.
const SRGB: &str = "sRGB IEC61966-2.1";

/// Adds what PDF/A-2b asks beyond the plain file to `catalog`'s document.
pub fn make_archival(pdf: &mut Document, catalog: ObjectId, meta: &Meta, producer: &str) {
    let metadata = pdf.add_object(xmp_stream(meta, producer));
    let intent = output_intent(pdf);
    if let Ok(c) = pdf.get_object_mut(catalog).and_then(Object::as_dict_mut) {
        c.set("Metadata", Object::Reference(metadata));
        c.set(
            "OutputIntents",
            Object::Array(vec![Object::Reference(intent)]),
        );
    }
    print_annotations(pdf);
}

/// The metadata stream, never compressed: ISO 19005-2 §6.6.2.1 lets an
/// archive read it without decoding anything.
fn xmp_stream(meta: &Meta, producer: &str) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    Stream::new(dict, xmp(meta, producer).into_bytes()).with_compression(false)
}

/// The XMP packet: pdfaid, and the document information as the Info
/// dictionary has it (§6.6.3 wants the two to agree).
pub fn xmp(meta: &Meta, producer: &str) -> String {
    let e = |s: &str| quick_xml::escape::escape(s).into_owned();
    let date = format!("{}T00:00:00Z", meta.date);
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<pdfaid:part>2</pdfaid:part>\n\
<pdfaid:conformance>B</pdfaid:conformance>\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n\
<xmp:CreatorTool>gongkai</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = e(&meta.title),
        author = e(&meta.author),
        subject = e(&meta.subject),
        language = e(&meta.language),
        producer = e(producer),
    )
}

/// The sRGB output intent with its profile (§6.2.3).
fn output_intent(pdf: &mut Document) -> ObjectId {
    let mut profile = Dictionary::new();
    profile.set("N", Object::Integer(3));
    let profile = pdf.add_object(Stream::new(profile, super::icc::srgb()));
    let string = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", string(SRGB));
    intent.set("Info", string(SRGB));
    intent.set("DestOutputProfile", Object::Reference(profile));
    pdf.add_object(intent)
}

/// Every annotation prints and is not hidden (§6.3.2): flag 4, Print.
fn print_annotations(pdf: &mut Document) {
    for obj in pdf.objects.values_mut() {
        if let Ok(d) = obj.as_dict_mut()
            && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Annot".as_slice())
        {
            d.set("F", Object::Integer(4));
        }
    }
}
