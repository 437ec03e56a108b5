//! Text blocks: cover, 目录, headings, paragraphs, lists, signature; the
//! page-number footer and the watermark header.

use super::styles::{
    BODY, CENTER, COVER_SUBTITLE, COVER_TITLE, HEADINGS, NOTE, RIGHT, TOC, TOC_TITLE,
};
use super::{Builder, bookmark_name};
use crate::doc::{
    Cover, Heading, List, Paragraph as DocParagraph, ParagraphStyle, Run as DocRun, Signature,
};
use docx_rs::{
    FieldCharType, Footer, Header, Hyperlink, HyperlinkType, InstrPAGEREF, InstrText, Paragraph,
    Run, Tab, TabLeaderType, TabValueType,
};

pub fn runs(p: Paragraph, runs: &[DocRun]) -> Paragraph {
    runs.iter().fold(p, |p, r| {
        let run = Run::new().add_text(&r.text);
        p.add_run(if r.bold { run.bold() } else { run })
    })
}

/// A field: `{ INSTR }` showing `shown` until the reader updates it.
fn field(p: Paragraph, instr: InstrText, shown: &str) -> Paragraph {
    p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(instr))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text(shown))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

impl<'d> Builder<'d> {
    pub fn cover(&mut self, c: &Cover) {
        self.push(
            Paragraph::new()
                .style(COVER_TITLE)
                .add_run(Run::new().add_text(&c.title)),
        );
        self.push(
            Paragraph::new()
                .style(COVER_SUBTITLE)
                .add_run(Run::new().add_text(&c.subtitle)),
        );
        for l in &c.lines {
            self.push(
                Paragraph::new()
                    .style(CENTER)
                    .add_run(Run::new().add_text(l)),
            );
        }
    }

    /// Entries written out (docx-rs's own TOC shows raw field codes in
    /// LibreOffice): text, a dot leader and a PAGEREF to the heading's
    /// bookmark, linked to it. `updateFields` makes Word refresh the numbers.
    pub fn toc(&mut self, title: &str) {
        self.push(
            Paragraph::new()
                .style(TOC_TITLE)
                .add_run(Run::new().add_text(title)),
        );
        let width = self.page().text_width().max(0) as usize;
        for e in self.toc.clone() {
            let level = usize::from(e.level.clamp(1, 3)) - 1;
            let name = bookmark_name(e);
            let link = Hyperlink::new(&name, HyperlinkType::Anchor)
                .add_run(Run::new().add_text(&e.text))
                .add_run(Run::new().add_tab());
            let p = Paragraph::new()
                .style(TOC[level])
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(width),
                )
                .add_hyperlink(link);
            let p = field(
                p,
                InstrText::PAGEREF(InstrPAGEREF::new(&name).hyperlink()),
                "1",
            );
            self.push(p);
        }
    }

    pub fn heading(&mut self, h: &'d Heading) {
        let level = usize::from(h.level.clamp(1, 4)) - 1;
        let p = Paragraph::new()
            .style(HEADINGS[level])
            .add_run(Run::new().add_text(&h.text));
        let p = self.bookmark(h.toc.as_ref(), p);
        self.push(p.keep_next(true));
    }

    pub fn paragraph(&mut self, p: &DocParagraph) {
        let style = match p.style {
            ParagraphStyle::Body => BODY,
            ParagraphStyle::Center => CENTER,
            ParagraphStyle::Right => RIGHT,
            ParagraphStyle::Note => NOTE,
        };
        self.push(runs(Paragraph::new().style(style), &p.runs));
    }

    pub fn list(&mut self, l: &List) {
        for item in &l.items {
            self.push(runs(Paragraph::new().style(BODY), item));
        }
    }

    pub fn signature(&mut self, s: &Signature) {
        for (i, line) in s.lines.iter().enumerate() {
            let mut p = Paragraph::new()
                .style(RIGHT)
                .add_run(Run::new().add_text(line));
            if i == 0 {
                p = p.keep_next(true);
            }
            self.push(p);
        }
    }

    /// The layout's page-number line (`- N -` by default), centred, in 四号.
    pub fn footer(&self) -> Footer {
        let pattern = &self.doc.page.footer;
        let (before, after) = pattern
            .split_once(crate::doc::PAGE)
            .unwrap_or((pattern.as_str(), ""));
        let mut p = Paragraph::new()
            .align(docx_rs::AlignmentType::Center)
            .size(28);
        if !before.is_empty() {
            p = p.add_run(Run::new().add_text(before).size(28));
        }
        p = field(p, InstrText::PAGE(docx_rs::InstrPAGE::new()), "1");
        if !after.is_empty() {
            p = p.add_run(Run::new().add_text(after).size(28));
        }
        Footer::new().add_paragraph(p)
    }

    /// The watermark's header: one empty paragraph, which [`super::post`] gives the
    /// shape (docx-rs cannot write it), finding the part by its relationship.
    pub fn watermark_header(&self) -> Header {
        Header::new().add_paragraph(Paragraph::new())
    }
}
