//! The editable Word document, rendered from the document tree with docx-rs.
//!
//! By default it holds the explanation part (the part that ends with the
//! signed 说明) with its attached forms; [`Scope::Full`] holds the whole
//! package. What docx-rs cannot write is added in one place, [`post`].

mod chart;
mod chart_part;
mod error;
mod post;
mod schema;
mod styles;
mod table;
mod table_xml;
mod text;
mod theme;
mod xml;

pub use error::DocxError;

use crate::doc::{Block, Document, TocEntry};
use docx_rs::{Docx, Paragraph};
use styles::Metrics;

/// What the Word document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The explanation part with its forms and the signed 说明.
    #[default]
    Explanation,
    /// Every part, cover and 目录 included.
    Full,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub scope: Scope,
    /// Stamp the 仅供内部审核 watermark on every page.
    pub draft: bool,
}

/// The blocks a scope covers: the explanation is what the layout set
/// marked so (the whole document when it marked nothing).
pub fn scoped_blocks(doc: &Document, scope: Scope) -> &[Block] {
    match (scope, &doc.explanation) {
        (Scope::Explanation, Some(range)) => doc.blocks.get(range.clone()).unwrap_or(&doc.blocks),
        _ => &doc.blocks,
    }
}

pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>, DocxError> {
    let blocks = scoped_blocks(doc, options.scope);
    let mut b = Builder::new(doc, options, blocks);
    for (i, block) in blocks.iter().enumerate() {
        b.block(block, blocks.get(i + 1))?;
    }
    let (docx, fixes) = b.finish();
    let mut packed = Vec::new();
    docx.build()
        .pack(std::io::Cursor::new(&mut packed))
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    post::finish(&packed, &fixes)
}

/// Page geometry in twips.
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
}

impl Page {
    fn of(doc: &Document, landscape: bool) -> Page {
        let mm = |v: f32| (v * 56.692_9).round() as i32;
        let paper = &doc.page.paper;
        let (w, h) = (mm(paper.width_mm) as u32, mm(paper.height_mm) as u32);
        Page {
            width: if landscape { h } else { w },
            height: if landscape { w } else { h },
            top: mm(doc.page.margin_top_mm),
            bottom: mm(doc.page.margin_bottom_mm),
            left: mm(doc.page.margin_left_mm),
            right: mm(doc.page.margin_right_mm),
        }
    }
    /// Width between the margins.
    pub fn text_width(&self) -> i32 {
        self.width as i32 - self.left - self.right
    }
}

/// The id docx-rs gives the first footer it registers (the header's is post::HEADER_RID).
const FOOTER_RID: &str = "rIdFooter1";

pub struct Builder<'d> {
    doc: &'d Document,
    options: Options,
    docx: Docx,
    m: Metrics,
    /// Orientation of the section being built.
    landscape: bool,
    /// Still in the unnumbered cover-and-目录 section (full scope).
    in_front_matter: bool,
    /// The next section is the first numbered one: restart at 1.
    restart_numbering: bool,
    /// Nothing yet on the current page (skip page breaks there).
    at_page_start: bool,
    /// A page break waits for the next paragraph.
    pending_break: bool,
    next_bookmark: usize,
    /// 目录 entries with no heading of their own: bookmarked on the next paragraph.
    pending_bookmarks: Vec<&'d TocEntry>,
    toc: Vec<&'d TocEntry>,
    fixes: post::Fixes<'d>,
}

impl<'d> Builder<'d> {
    fn new(doc: &'d Document, options: &Options, blocks: &'d [Block]) -> Builder<'d> {
        let has_cover = blocks.iter().any(|b| matches!(b, Block::Cover(_)));
        let toc = doc
            .toc_entries()
            .into_iter()
            .filter(|e| blocks.iter().any(|b| toc_of(b) == Some(e)))
            .collect();
        let docx = styles::add_styles(Docx::new(), doc);
        Builder {
            doc,
            options: *options,
            docx,
            m: Metrics::of(doc),
            landscape: false,
            in_front_matter: has_cover,
            restart_numbering: true,
            at_page_start: true,
            pending_break: false,
            next_bookmark: 1,
            pending_bookmarks: Vec::new(),
            toc,
            fixes: post::Fixes::default(),
        }
    }

    pub fn page(&self) -> Page {
        Page::of(self.doc, self.landscape)
    }

    fn push(&mut self, mut p: Paragraph) {
        for e in std::mem::take(&mut self.pending_bookmarks) {
            p = self.bookmark(Some(e), p);
        }
        let p = if self.pending_break {
            self.pending_break = false;
            p.page_break_before(true)
        } else {
            p
        };
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
        self.at_page_start = false;
    }

    /// docx-rs gets an empty stand-in; [`post`] writes the table there.
    fn push_table(&mut self, t: table_xml::TableXml<'d>) {
        self.fixes.tables.push(t);
        let name = post::stand_in(post::StandIn::Table, self.fixes.tables.len());
        self.docx =
            std::mem::take(&mut self.docx).add_table(docx_rs::Table::new(Vec::new()).style(name));
        self.at_page_start = false;
    }

    fn bookmark(&mut self, entry: Option<&TocEntry>, p: Paragraph) -> Paragraph {
        match entry {
            Some(e) => {
                let id = self.next_bookmark;
                self.next_bookmark += 1;
                p.add_bookmark_start(id, bookmark_name(e))
                    .add_bookmark_end(id)
            }
            None => p,
        }
    }

    /// `next` is the block after: a heading goes into the section of the
    /// table it introduces, so a part title never sits alone on a page.
    fn block(&mut self, block: &'d Block, next: Option<&Block>) -> Result<(), DocxError> {
        match block {
            Block::Cover(c) => self.cover(c),
            Block::Toc { title } => self.toc(title),
            Block::PageBreak => self.page_break(),
            Block::TocEntry(e) => self.pending_bookmarks.push(e),
            Block::Heading(h) => {
                if h.level == 1 && self.in_front_matter {
                    self.end_front_matter();
                }
                self.orient(matches!(next, Some(Block::Table(t)) if t.landscape));
                self.heading(h);
            }
            Block::Paragraph(p) => {
                self.orient(false);
                self.paragraph(p);
            }
            Block::List(l) => {
                self.orient(false);
                self.list(l);
            }
            Block::Table(t) => {
                self.orient(t.landscape);
                self.table(t);
            }
            Block::Chart(c) => {
                self.orient(false);
                self.chart(c)?;
            }
            Block::Signature(s) => {
                self.orient(false);
                self.signature(s);
            }
        }
        Ok(())
    }

    /// The next paragraph starts a page (deferred, so that a section change,
    /// which starts a page by itself, does not leave a blank one).
    fn page_break(&mut self) {
        if !self.at_page_start {
            self.pending_break = true;
        }
    }

    /// Switches orientation by closing the current section.
    fn orient(&mut self, landscape: bool) {
        if self.landscape != landscape {
            self.close_section();
            self.landscape = landscape;
        }
    }

    fn end_front_matter(&mut self) {
        self.close_section();
        self.in_front_matter = false;
    }

    /// Ends the current section here, with its page setup, header and footer.
    fn close_section(&mut self) {
        let props = self.section_properties();
        self.docx =
            std::mem::take(&mut self.docx).add_paragraph(Paragraph::new().section_property(props));
        self.at_page_start = true;
        self.pending_break = false;
    }

    fn section_properties(&mut self) -> docx_rs::SectionProperty {
        let page = self.page();
        let mut s = docx_rs::SectionProperty::new()
            .page_size(
                docx_rs::PageSize::new()
                    .width(page.width)
                    .height(page.height)
                    .orient(self.orientation()),
            )
            .page_margin(self.margin(&page));
        // Sections share the one footer and header part registered in
        // `finish` (docx-rs creates parts only for the document's own).
        if !self.in_front_matter {
            s = s.footer(docx_rs::Footer::new(), FOOTER_RID);
        }
        if self.options.draft {
            s = s.header(docx_rs::Header::new(), post::HEADER_RID);
        }
        if !self.in_front_matter && self.restart_numbering {
            s = s.page_num_type(docx_rs::PageNumType::new().start(1));
            self.restart_numbering = false;
        }
        s
    }

    fn orientation(&self) -> docx_rs::PageOrientationType {
        if self.landscape {
            docx_rs::PageOrientationType::Landscape
        } else {
            docx_rs::PageOrientationType::Portrait
        }
    }

    fn margin(&self, page: &Page) -> docx_rs::PageMargin {
        docx_rs::PageMargin::new()
            .top(page.top)
            .bottom(page.bottom)
            .left(page.left)
            .right(page.right)
            .header(851)
            .footer(992)
    }

    /// The final section's setup goes on the document itself.
    fn finish(mut self) -> (Docx, post::Fixes<'d>) {
        let page = self.page();
        let margin = self.margin(&page);
        let footer = self.footer();
        let numbered = !self.in_front_matter && self.restart_numbering;
        let mut docx = std::mem::take(&mut self.docx)
            .page_size(page.width, page.height)
            .page_orient(self.orientation())
            .page_margin(margin)
            .footer(footer);
        if numbered {
            docx = docx.page_num_type(docx_rs::PageNumType::new().start(1));
        }
        if self.options.draft {
            docx = docx.header(self.watermark_header());
        }
        let meta = &self.doc.meta;
        self.fixes.language = meta.language.clone();
        self.fixes.title = meta.title.clone();
        self.fixes.author = meta.author.clone();
        self.fixes.subject = meta.subject.clone();
        self.fixes.date = meta.date.clone();
        self.fixes.theme_fonts = styles::theme_fonts(self.doc);
        (docx, self.fixes)
    }
}

fn toc_of(b: &Block) -> Option<&TocEntry> {
    match b {
        Block::Heading(h) => h.toc.as_ref(),
        Block::TocEntry(e) => Some(e),
        Block::Table(t) => t.toc.as_ref(),
        _ => None,
    }
}

/// Word hides bookmarks whose names start with `_Toc`.
fn bookmark_name(e: &TocEntry) -> String {
    let n: String = e.id.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("_Toc_{n}")
}
