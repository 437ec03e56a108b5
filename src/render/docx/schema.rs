//! The order WordprocessingML's schema (ECMA-376, transitional) gives the
//! children of the property elements a package holds. Word and WPS read
//! these as strict sequences and drop what comes out of order (a heading's
//! `w:pStyle` after its `w:rPr` loses 标题 1), so every part is written
//! through [`Ordered`], which puts each such element's children in this
//! order whatever order they were produced in.
//!
//! Only property and settings elements are ordered: they are small, so
//! holding one while it is sorted costs little. Paragraphs, runs and tables
//! stream through untouched (their own children are written in order).

use quick_xml::events::Event;

/// An element's children in schema order, by local name in the `w:`
/// namespace (a name with its own prefix is written out).
fn child_order(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        // CT_PPr; CT_PPrGeneral (styles, numbering, defaults) is its
        // prefix, without rPr, sectPr and pPrChange.
        "w:pPr" => &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
        // CT_RPr, and CT_ParaRPr's revision marks before it.
        "w:rPr" => &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
        "w:tblPr" => &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
        // A choice in the schema; written in the order Word writes it.
        "w:trPr" => &[
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
            "ins",
            "del",
            "trPrChange",
        ],
        "w:tcPr" => &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
        "w:sectPr" => &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
        "w:tblBorders" | "w:tcBorders" | "w:tblCellMar" | "w:tcMar" => &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
        "w:pBdr" => &["top", "left", "bottom", "right", "between", "bar"],
        "w:style" => &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
        "w:styles" => &["docDefaults", "latentStyles", "style"],
        "w:docDefaults" => &["rPrDefault", "pPrDefault"],
        "w:pPrDefault" => &["pPr"],
        "w:rPrDefault" => &["rPr"],
        "w:numbering" => &["numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"],
        "w:abstractNum" => &[
            "nsid",
            "multiLevelType",
            "tmpl",
            "name",
            "styleLink",
            "numStyleLink",
            "lvl",
        ],
        "w:num" => &["abstractNumId", "lvlOverride"],
        "w:lvl" => &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
        "w:settings" => SETTINGS,
        _ => return None,
    })
}

/// CT_Settings. Elements of later namespaces (w14:, w15:) follow them all.
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "sl:schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

/// Where `child` goes among its siblings in `order`: unknown children
/// (later namespaces' extensions) after every known one.
fn rank(order: &[&str], child: &str) -> usize {
    let local = child.strip_prefix("w:");
    order
        .iter()
        .position(|o| match local {
            Some(l) => *o == l,
            None => *o == child,
        })
        .unwrap_or(order.len())
}

/// Where the paragraph properties are CT_PPrGeneral, which has no place for
/// a paragraph mark's run properties: a style's run properties are its own
/// `w:rPr`, a level's too, and docx-rs writes an empty one there.
const GENERAL_PARAGRAPH_PROPERTIES: [&str; 3] = ["w:style", "w:lvl", "w:pPrDefault"];

/// An element being held until it closes.
struct Held {
    name: String,
    /// Its children's order, when it has one.
    order: Option<&'static [&'static str]>,
    start: Event<'static>,
    /// Each child as its events, with its rank.
    children: Vec<(usize, Vec<Event<'static>>)>,
    /// Left out when it closes.
    dropped: bool,
}

impl Held {
    fn rank_of(&self, child: &str) -> usize {
        self.order.map_or(0, |o| rank(o, child))
    }

    /// Its events, children in order.
    fn into_events(mut self, end: Event<'static>) -> Vec<Event<'static>> {
        // Stable: children of one rank (rows, runs) keep their order.
        self.children.sort_by_key(|(rank, _)| *rank);
        let mut out = vec![self.start];
        out.extend(self.children.into_iter().flat_map(|(_, events)| events));
        out.push(end);
        out
    }
}

/// Puts the children of ordered elements in schema order as events pass:
/// an ordered element is held from its start to its end, then released.
#[derive(Default)]
pub struct Ordered {
    held: Vec<Held>,
}

fn name_of(e: &quick_xml::events::BytesStart) -> String {
    e.name().as_ref().to_string()
}

impl Ordered {
    /// Whether `event` must pass through [`Ordered::push`]: it is inside a
    /// held element, or starts an ordered one. Every other event can be
    /// written as it comes, without being copied.
    pub fn takes(&self, event: &Event<'_>) -> bool {
        !self.held.is_empty()
            || matches!(event, Event::Start(e) if child_order(e.name().as_ref()).is_some())
    }

    /// Takes one event; gives the events that may be written now.
    pub fn push(&mut self, event: Event<'_>, out: &mut Vec<Event<'static>>) {
        match event {
            Event::Start(e) => {
                let name = name_of(&e);
                let order = child_order(&name);
                if self.held.is_empty() && order.is_none() {
                    out.push(Event::Start(e.into_owned()));
                    return;
                }
                let dropped = self.misplaced(&name);
                self.held.push(Held {
                    name,
                    order,
                    start: Event::Start(e.into_owned()),
                    children: Vec::new(),
                    dropped,
                });
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if self.misplaced(&name) {
                    return;
                }
                self.child(&name, vec![Event::Empty(e.into_owned())], out);
            }
            Event::End(e) => match self.held.pop() {
                Some(held) => {
                    let name = held.name.clone();
                    let dropped = held.dropped;
                    let events = held.into_events(Event::End(e.into_owned()));
                    if !dropped {
                        self.child(&name, events, out);
                    }
                }
                None => out.push(Event::End(e.into_owned())),
            },
            other => {
                let other = other.into_owned();
                match self.held.last_mut() {
                    Some(parent) => {
                        let rank = parent.children.last().map_or(0, |(r, _)| *r);
                        parent.children.push((rank, vec![other]));
                    }
                    None => out.push(other),
                }
            }
        }
    }

    /// A whole child: into its held parent, else out.
    fn child(&mut self, name: &str, events: Vec<Event<'static>>, out: &mut Vec<Event<'static>>) {
        match self.held.last_mut() {
            Some(parent) => {
                let rank = parent.rank_of(name);
                parent.children.push((rank, events));
            }
            None => out.extend(events),
        }
    }

    /// A `w:rPr` in paragraph properties that have no place for it.
    fn misplaced(&self, name: &str) -> bool {
        let n = self.held.len();
        name == "w:rPr"
            && n >= 2
            && self.held[n - 1].name == "w:pPr"
            && GENERAL_PARAGRAPH_PROPERTIES.contains(&self.held[n - 2].name.as_str())
    }

    /// Whether every element held has been released.
    pub fn is_done(&self) -> bool {
        self.held.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(xml: &str) -> String {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut sorter = Ordered::default();
        let mut writer = quick_xml::Writer::new(Vec::new());
        loop {
            let event = reader.read_event().expect("well-formed");
            if matches!(event, Event::Eof) {
                break;
            }
            let mut out = Vec::new();
            sorter.push(event, &mut out);
            for e in out {
                writer.write_event(e).expect("written");
            }
        }
        assert!(sorter.is_done());
        String::from_utf8(writer.into_inner()).expect("UTF-8")
    }

    #[test]
    fn paragraph_properties_start_with_the_style_and_end_with_the_mark() {
        assert_eq!(
            ordered(
                "<w:p><w:pPr><w:rPr><w:sz w:val=\"28\"/><w:b/></w:rPr><w:pStyle w:val=\"H\"/>\
                 <w:jc w:val=\"center\"/><w:keepNext/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"
            ),
            "<w:p><w:pPr><w:pStyle w:val=\"H\"/><w:keepNext/><w:jc w:val=\"center\"/>\
             <w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn a_style_keeps_its_own_run_properties_and_loses_the_marks() {
        assert_eq!(
            ordered(
                "<w:style><w:name w:val=\"a\"/><w:rPr><w:sz/><w:rFonts/></w:rPr>\
                 <w:pPr><w:rPr/><w:jc/><w:ind/></w:pPr><w:qFormat/><w:basedOn/></w:style>"
            ),
            "<w:style><w:name w:val=\"a\"/><w:basedOn/><w:qFormat/><w:pPr><w:ind/><w:jc/></w:pPr>\
             <w:rPr><w:rFonts/><w:sz/></w:rPr></w:style>"
        );
    }

    #[test]
    fn settings_put_extensions_last_and_unordered_content_streams() {
        assert_eq!(
            ordered(
                "<w:settings><w:defaultTabStop/><w:zoom/><w15:x/><w:compat><w:b/><w:a/></w:compat>\
                 <w:updateFields/></w:settings>"
            ),
            "<w:settings><w:zoom/><w:defaultTabStop/><w:updateFields/><w:compat><w:b/><w:a/></w:compat>\
             <w15:x/></w:settings>"
        );
        // Rows and cells are never reordered: only their properties are.
        let table = "<w:tbl><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:p/></w:tc>\
                     <w:tc><w:p/></w:tc></w:tr></w:tbl>";
        assert_eq!(
            ordered(table),
            table.replace(
                "<w:tblHeader/><w:cantSplit/>",
                "<w:cantSplit/><w:tblHeader/>"
            )
        );
    }
}
