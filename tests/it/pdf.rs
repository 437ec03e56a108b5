//! The PDF read back with poppler and qpdf: every table cell and every
//! narrative sentence of the text rendering; 目录 numbers equal the pages the
//! headings are on; a clean file with embedded subset fonts; no line starts
//! with a forbidden mark; a missing glyph is named; repeated headers under
//! 续表 on long tables; identical bytes run to run.

use crate::common;

use crate::common::{document_of, sample_text};
use gongkai::doc::Document;
use gongkai::render::pdf::{Options, render};
use std::path::Path;
use std::process::Command;

/// poppler-utils and qpdf; `.ci/run` installs them and sets GONGKAI_REQUIRE_TOOLS.
fn tools() -> bool {
    let ok = ["pdftotext", "qpdf", "pdffonts"]
        .iter()
        .all(|t| Command::new(t).arg("-v").output().is_ok());
    if !ok {
        assert!(
            std::env::var_os("GONGKAI_REQUIRE_TOOLS").is_none(),
            "poppler-utils and qpdf are required here"
        );
        eprintln!("poppler-utils or qpdf not installed: skipped");
    }
    ok
}

fn pdf_of(doc: &Document) -> Vec<u8> {
    render(doc, &Options::default()).expect("renders")
}

struct Pdf {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn write(bytes: &[u8]) -> Pdf {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("package.pdf");
    std::fs::write(&path, bytes).expect("write");
    Pdf { _dir: dir, path }
}

fn run(cmd: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_count(path: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

/// Each page's text (`-raw`: in drawing order, so a cell's wrapped lines
/// stay together; `-layout`: as printed) with its footer number taken off.
fn pages(path: &Path) -> Vec<(Option<u32>, String)> {
    pages_in(path, "-raw")
}

fn pages_in(path: &Path, mode: &str) -> Vec<(Option<u32>, String)> {
    (1..=page_count(path))
        .map(|i| {
            let n = i.to_string();
            let text = run("pdftotext", &["-f", &n, "-l", &n, mode], path);
            let mut lines: Vec<&str> = text.lines().collect();
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            // pdftotext may drop the spaces of `- N -`.
            let number = lines.last().and_then(|l| {
                let t = squeeze(l);
                t.strip_prefix('-')
                    .and_then(|r| r.strip_suffix('-'))
                    .and_then(|d| d.parse().ok())
            });
            if number.is_some() {
                lines.pop();
            }
            (number, lines.join("\n"))
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_holds_every_table_cell_and_sentence_in_order() {
    if !tools() {
        return;
    }
    let doc = document_of(&sample_text());
    let pdf = write(&pdf_of(&doc));
    let all = squeeze(
        &pages(&pdf.path)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<String>(),
    );
    let text = gongkai::render::text::render(&doc);
    let mut at = 0;
    let mut checked = 0;
    for line in common::rendered_lines(&text) {
        if line.contains('\t') {
            // Table rows and chart data: every cell (cells wrap inside their box).
            for cell in line.split('\t').filter(|c| !c.is_empty()) {
                assert!(all.contains(&squeeze(cell)), "cell missing: {cell}");
                checked += 1;
            }
        } else {
            // Prose: the whole sentence, in reading order (the 目录 lists
            // headings first, so order is checked after it).
            let want = squeeze(&line);
            match all[at..].find(&want) {
                Some(i) => at += i + want.len(),
                None => assert!(all.contains(&want), "text missing: {line}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 1300, "{checked} pieces compared");
}

#[test]
fn toc_numbers_are_the_pages_the_headings_are_on() {
    if !tools() {
        return;
    }
    let doc = document_of(&sample_text());
    let pdf = write(&pdf_of(&doc));
    let pages = pages_in(&pdf.path, "-layout");
    let toc_text: String = pages
        .iter()
        .filter(|(n, _)| n.is_none())
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let toc = squeeze(&toc_text);
    let mut checked = 0;
    // What each entry points at, as printed there (a table's own title).
    let mut printed = std::collections::HashMap::new();
    for b in &doc.blocks {
        match b {
            gongkai::doc::Block::Heading(h) => {
                if let Some(t) = &h.toc {
                    printed.insert(t.id.clone(), h.text.clone());
                }
            }
            gongkai::doc::Block::Table(t) => {
                if let Some(e) = &t.toc {
                    printed.insert(e.id.clone(), t.title.clone());
                }
            }
            _ => {}
        }
    }
    for entry in doc.toc_entries() {
        // In the 目录: the entry, its dot leader, then its number.
        let name = squeeze(&entry.text);
        let target = squeeze(&printed[&entry.id]);
        let at = toc
            .find(&name)
            .unwrap_or_else(|| panic!("{} not in the 目录", entry.text))
            + name.len();
        let _ = &target;
        let digits: String = toc[at..]
            .trim_start_matches('.')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let listed: u32 = digits
            .parse()
            .unwrap_or_else(|_| panic!("no number for {}", entry.text));
        // The page that carries the heading as a line of its own.
        let found = pages
            .iter()
            .filter(|(n, _)| n.is_some())
            .find(|(_, t)| t.lines().any(|l| squeeze(l) == target))
            .and_then(|(n, _)| *n)
            .unwrap_or_else(|| panic!("heading {} not found on a numbered page", entry.text));
        assert_eq!(
            listed, found,
            "目录 says {} is on page {listed}",
            entry.text
        );
        checked += 1;
    }
    assert_eq!(checked, 33);
}

#[test]
fn the_file_is_clean_with_embedded_subset_fonts() {
    if !tools() {
        return;
    }
    let pdf = write(&pdf_of(&document_of(&sample_text())));
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf.path)
        .output()
        .expect("qpdf");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let fonts = Command::new("pdffonts")
        .arg(&pdf.path)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, ToUnicode: {row}"
        );
        assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {row}");
    }
    let info = Command::new("pdfinfo")
        .arg(&pdf.path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           大同市财政信息中心2024年度单位预算公开"),
        "{info}"
    );
    assert!(info.contains("Author:          大同市财政信息中心"));
    assert!(
        info.lines()
            .any(|l| l.starts_with("PDF version:") && l.trim_end().ends_with("1.7")),
        "{info}"
    );
}

#[test]
fn no_line_starts_with_a_forbidden_mark() {
    if !tools() {
        return;
    }
    let pdf = write(&pdf_of(&document_of(&sample_text())));
    let text = run("pdftotext", &[], &pdf.path);
    for line in text.lines() {
        let first = line.trim_start().chars().next();
        assert!(
            !first.is_some_and(|c| "，。、；：？！）》」』】〕…%".contains(c)),
            "line starts with a forbidden mark: {line}"
        );
    }
}

#[test]
fn a_character_no_font_has_is_named() {
    let text = sample_text().replace("正科级建制", "正科级𪚥建制");
    let err = render(&document_of(&text), &Options::default())
        .expect_err("fails")
        .to_string();
    assert!(err.contains("𪚥") && err.contains("U+2A6A5"), "{err}");
    assert!(
        err.contains("大同市财政信息中心为公益一类事业单位"),
        "names where: {err}"
    );
}

/// Where Debian's fonts-noto-cjk puts the whole collections (`.ci/run` installs them).
const NOTO_CJK: &str = "/usr/share/fonts/opentype/noto";

#[test]
fn the_bundled_subset_comes_first_and_the_installed_collection_draws_what_it_lacks() {
    let noto = Path::new(NOTO_CJK);
    if !noto.join("NotoSerifCJK-Regular.ttc").is_file() {
        assert!(
            std::env::var_os("GONGKAI_REQUIRE_TOOLS").is_none(),
            "fonts-noto-cjk is required here"
        );
        eprintln!("fonts-noto-cjk not installed: skipped");
        return;
    }
    if !tools() {
        return;
    }
    let with_noto = Options {
        fonts: gongkai::fonts::FontOptions {
            system: false,
            dirs: vec![noto.to_path_buf()],
        },
        ..Options::default()
    };
    // The subset covers the sample: the same bytes as with the bundled fonts alone.
    let doc = document_of(&sample_text());
    assert!(
        render(&doc, &with_noto).expect("renders") == pdf_of(&doc),
        "an installed Noto CJK changed a document the subset covers"
    );
    // 堃 is in no bundled subset (not GB 2312) but in the installed collection:
    // drawn from it, only it, on a machine that has it.
    let text = sample_text().replace("正科级建制", "正科级堃建制");
    let rare = document_of(&text);
    let err = render(&rare, &Options::default()).expect_err("the subset lacks 堃");
    assert!(err.to_string().contains("U+5803"), "{err}");
    let pdf = write(&render(&rare, &with_noto).expect("the collection draws 堃"));
    assert!(squeeze(&run("pdftotext", &[], &pdf.path)).contains("正科级堃建制"));
    let fonts = Command::new("pdffonts")
        .arg(&pdf.path)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    let faces = |name: &str| fonts.lines().filter(|l| l.contains(name)).count();
    // Two Noto Serif CJK SC Regular faces: the subset, and the collection
    // for that one character; both embedded as subsets.
    assert_eq!(faces("NotoSerifCJKsc-Regular"), 2, "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes yes ")),
        "{fonts}"
    );
}

#[test]
fn two_renderings_are_byte_identical() {
    let doc = document_of(&sample_text());
    assert!(pdf_of(&doc) == pdf_of(&document_of(&sample_text())));
}

/// The file identifier is the SHA-256 of the file saved without it (16
/// bytes): the same for the same document, another for any change.
#[test]
fn the_identifier_is_a_digest_of_the_content() {
    use lopdf::{Document as Pdf, Object};
    let id = |bytes: &[u8]| -> Vec<u8> {
        let pdf = Pdf::load_mem(bytes).expect("lopdf reads it");
        let Ok(Object::Array(pair)) = pdf.trailer.get(b"ID") else {
            panic!("no /ID")
        };
        let first = pair[0].as_str().expect("a string").to_vec();
        assert_eq!(pair[0], pair[1], "both halves alike in a new file");
        first
    };
    let sample = pdf_of(&document_of(&sample_text()));
    let first = id(&sample);
    assert_eq!(first.len(), 16);
    let changed = sample_text().replace("正科级建制", "副处级建制");
    assert_ne!(id(&pdf_of(&document_of(&changed))), first);
}

#[test]
fn a_long_table_repeats_its_header_under_continued_captions() {
    if !tools() {
        return;
    }
    let mut yaml = sample_text();
    let anchor = "  - { 名称: Z财政视频会议设备更新,";
    let mut extra = String::new();
    for i in 1..=80 {
        extra.push_str(&format!(
            "  - {{ 名称: 测试项目{i:02}号运行维护经费, 类别: 其他运转类, 期限: 经常性, 功能科目: 2010699, 资金: {{ 一般公共预算: {} }} }}\n",
            10000 + i * 100
        ));
    }
    let at = yaml.find(anchor).expect("anchor");
    yaml.insert_str(at, &extra);
    let pdf = write(&pdf_of(&document_of(&yaml)));
    let pages = pages(&pdf.path);
    let table: Vec<&String> = pages
        .iter()
        .filter(|(n, _)| n.is_some())
        .map(|(_, t)| t)
        .skip_while(|t| !t.contains("2024年项目支出预算表（本年预算）"))
        .take_while(|t| !t.contains("2024年项目支出预算表（上年结转）"))
        .collect();
    assert!(
        table.len() >= 3,
        "80 projects run over several pages: {}",
        table.len()
    );
    for (i, page) in table.iter().enumerate().skip(1) {
        assert!(
            page.trim_start().starts_with("续表"),
            "page {i} of 表十二 starts with 续表"
        );
        let flat = squeeze(page);
        assert!(
            flat.contains("项目名称")
                && flat.contains("一般公共预算")
                && flat.contains("2024年财政拨款"),
            "header repeated on page {i}"
        );
    }
    for i in [1, 40, 80] {
        assert!(
            table
                .iter()
                .any(|p| p.contains(&format!("测试项目{i:02}号运行维护经费")))
        );
    }
}

#[test]
fn draft_mode_stamps_every_page() {
    if !tools() {
        return;
    }
    let doc = document_of(&sample_text());
    let bytes = render(
        &doc,
        &Options {
            draft: true,
            ..Options::default()
        },
    )
    .expect("renders");
    let pdf = write(&bytes);
    let pages = pages(&pdf.path);
    assert!(pages.len() > 30);
    for (i, (_, text)) in pages.iter().enumerate() {
        assert!(
            squeeze(text).contains("仅供内部审核"),
            "page {} lacks the watermark",
            i + 1
        );
    }
    let plain = write(&pdf_of(&doc));
    assert!(!run("pdftotext", &[], &plain.path).contains("仅供内部审核"));
}

#[test]
fn outline_labels_and_language_are_set() {
    use lopdf::{Document as Pdf, Object};
    let bytes = pdf_of(&document_of(&sample_text()));
    let pdf = Pdf::load_mem(&bytes).expect("lopdf reads it");
    assert_eq!(pdf.version, "1.7");
    let root = pdf
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    let catalog = pdf.get_dictionary(root).expect("catalog");
    assert_eq!(
        catalog
            .get(b"PageMode")
            .and_then(Object::as_name)
            .expect("mode"),
        b"UseOutlines"
    );
    assert!(catalog.get(b"Lang").is_ok() && catalog.get(b"PageLabels").is_ok());
    let outlines = pdf
        .get_dictionary(
            catalog
                .get(b"Outlines")
                .and_then(Object::as_reference)
                .expect("outlines"),
        )
        .expect("outline root");
    assert_eq!(
        outlines
            .get(b"Count")
            .and_then(Object::as_i64)
            .expect("count"),
        4,
        "four parts"
    );
    // The tree: parts → tables and sections → sub-sections, 33 entries in all.
    let seen: Vec<(usize, String)> = common::pdf_outline(&pdf)
        .into_iter()
        .map(|(depth, title, _, _)| (depth, title))
        .collect();
    assert_eq!(seen.len(), 33);
    assert_eq!(seen[0], (0, "第一部分 概况".to_string()));
    assert!(seen.contains(&(1, "表十二2024年项目支出预算表（本年预算）".to_string())));
    assert!(seen.contains(&(2, "（一）政府购买服务指导性目录".to_string())));
}

#[test]
fn no_narrative_line_comes_out_letter_spaced_and_the_sample_fits_32_pages() {
    if !tools() {
        return;
    }
    let doc = document_of(&sample_text());
    let pdf = write(&pdf_of(&doc));
    assert!(
        page_count(&pdf.path) <= 32,
        "{} pages",
        page_count(&pdf.path)
    );
    // A letter-spaced line reads as single characters between spaces:
    // “万 元 ， 占”. Table rows have cells of two characters or more.
    let text = run("pdftotext", &[], &pdf.path);
    let han = |t: &str| t.chars().count() == 1 && t.chars().all(|c| c > '\u{2e80}');
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let run = tokens.windows(4).any(|w| w.iter().all(|t| han(t)));
        assert!(!run, "letter-spaced: {line}");
    }
}

#[test]
fn toc_leaders_follow_the_title_in_the_printed_text() {
    if !tools() {
        return;
    }
    let doc = document_of(&sample_text());
    let pdf = write(&pdf_of(&doc));
    // As printed, a leader starts at most one space after its title.
    let toc = run("pdftotext", &["-f", "2", "-l", "3", "-layout"], &pdf.path);
    let mut leaders = 0;
    for line in toc.lines().filter(|l| l.contains("....")) {
        leaders += 1;
        let before = line.split("..").next().unwrap_or("");
        assert!(
            !before.trim_start().is_empty() && !before.ends_with("  "),
            "the leader starts away from the title: {line}"
        );
    }
    assert!(leaders > 20, "{leaders} 目录 lines with leaders");
}
