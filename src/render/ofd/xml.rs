//! Writing OFD parts: elements in the `ofd:` namespace through quick-xml
//! (which escapes text and attribute values), numbers in millimetres with
//! at most three decimals so files stay small and the same every run.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub const NAMESPACE: &str = "http://www.ofdspec.org/2016";

pub struct Part {
    w: Writer<Vec<u8>>,
    open: Vec<String>,
}

impl Part {
    /// A part whose root element is `ofd:{root}`, with the namespace declared.
    pub fn new(root: &str, attrs: &[(&str, String)]) -> std::io::Result<Part> {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut part = Part {
            w,
            open: Vec::new(),
        };
        let mut all = vec![("xmlns:ofd", NAMESPACE.to_string())];
        all.extend(attrs.iter().cloned());
        part.open(root, &all)?;
        Ok(part)
    }

    fn start(name: &str, attrs: &[(&str, String)]) -> BytesStart<'static> {
        let mut e = BytesStart::new(format!("ofd:{name}"));
        for (k, v) in attrs {
            e.push_attribute((*k, v.as_str()));
        }
        e
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, String)]) -> std::io::Result<()> {
        self.w.write_event(Event::Start(Self::start(name, attrs)))?;
        self.open.push(format!("ofd:{name}"));
        Ok(())
    }

    pub fn close(&mut self) -> std::io::Result<()> {
        if let Some(name) = self.open.pop() {
            self.w.write_event(Event::End(BytesEnd::new(name)))?;
        }
        Ok(())
    }

    /// An element without children.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, String)]) -> std::io::Result<()> {
        self.w.write_event(Event::Empty(Self::start(name, attrs)))
    }

    /// An element holding only text.
    pub fn text(
        &mut self,
        name: &str,
        attrs: &[(&str, String)],
        text: &str,
    ) -> std::io::Result<()> {
        self.w.write_event(Event::Start(Self::start(name, attrs)))?;
        self.w.write_event(Event::Text(BytesText::new(text)))?;
        self.w
            .write_event(Event::End(BytesEnd::new(format!("ofd:{name}"))))
    }

    /// The finished part, every open element closed.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        while !self.open.is_empty() {
            self.close()?;
        }
        Ok(self.w.into_inner())
    }
}

/// A length in millimetres: three decimals at most, no trailing zeros.
pub fn num(v: f32) -> String {
    let r = (f64::from(v) * 1000.0).round() / 1000.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Numbers joined by spaces (boxes, points, colours, DeltaX).
pub fn nums(values: &[f32]) -> String {
    values.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(210.0), "210");
        assert_eq!(num(1.23456), "1.235");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(nums(&[0.0, 0.0, 297.0, 210.0]), "0 0 297 210");
    }

    #[test]
    fn text_and_attributes_are_escaped() -> std::io::Result<()> {
        let mut p = Part::new("Doc", &[])?;
        p.text(
            "Title",
            &[("Note", "a<b & \"c\"".into())],
            "预算 <表> & 说明",
        )?;
        let xml = String::from_utf8(p.finish()?).unwrap_or_default();
        assert!(
            xml.contains("xmlns:ofd=\"http://www.ofdspec.org/2016\""),
            "{xml}"
        );
        assert!(xml.contains("Note=\"a&lt;b &amp; &quot;c&quot;\""), "{xml}");
        assert!(
            xml.contains(">预算 &lt;表&gt; &amp; 说明</ofd:Title></ofd:Doc>"),
            "{xml}"
        );
        Ok(())
    }
}
