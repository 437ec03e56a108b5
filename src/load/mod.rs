//! Reading a budget file: guard against what is not a budget file at all, then
//! deserialize, and keep the source map so every diagnostic can name its line.

pub mod de;
mod limits;
mod mistakes;
pub mod node;
mod recover;
mod source_map;

pub use limits::{LIMITS, MAX_ALIASES, MAX_EXPANDED_BYTES, MAX_FILE_BYTES};
pub use source_map::{SourceMap, child_key, parent, yaml_path};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::Budget;
use crate::sheet::{AsWorkbook, CellMap};
use std::path::Path;

/// A successfully read file.
#[derive(Debug)]
pub struct Loaded {
    pub file: String,
    pub text: String,
    pub budget: Budget,
    pub map: SourceMap,
    /// For a workbook, the cell of each field (the text and map are of the
    /// YAML it was read into).
    pub cells: Option<CellMap>,
}

/// Why a file could not be turned into a budget.
#[derive(Debug)]
pub struct LoadError {
    /// Not a readable YAML text at all (exit code 2), rather than YAML that does
    /// not fit the format (exit code 1).
    pub unreadable: bool,
    pub diagnostic: Diagnostic,
    /// Further problems found with the first (a workbook's cells).
    pub more: Vec<Diagnostic>,
    /// The file's text, when it is text, to show the offending line.
    pub text: Option<String>,
}

impl LoadError {
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }
    /// Every problem found, the first first.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        std::iter::once(self.diagnostic.clone())
            .chain(self.more.iter().cloned())
            .collect()
    }
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

type LoadResult = Result<Loaded, Box<LoadError>>;

fn failure(unreadable: bool, diagnostic: Diagnostic, text: Option<String>) -> Box<LoadError> {
    Box::new(LoadError {
        unreadable,
        diagnostic,
        more: Vec::new(),
        text,
    })
}

fn unreadable(rule: &'static str, message: String) -> Box<LoadError> {
    failure(true, Diagnostic::error(rule, "", message), None)
}

/// Reads a budget file: YAML, or a workbook (.xlsx) of the same budget.
pub fn load_file(path: &Path) -> LoadResult {
    let parsed = load_file_bytes_as::<Budget>(bounded(path)?)?;
    let cells = parsed.cells.clone();
    let mut loaded = parsed.into_loaded(&path.display().to_string());
    loaded.cells = cells;
    Ok(loaded)
}

/// A file's bytes as a document of ours: YAML, or a workbook of it.
fn load_file_bytes_as<T: serde::de::DeserializeOwned + AsWorkbook>(
    bytes: Vec<u8>,
) -> Result<Parsed<T>, Box<LoadError>> {
    if crate::sheet::is_workbook(&bytes) {
        return load_workbook_as::<T>(bytes);
    }
    load_bytes_as::<T>(&bytes)
}

/// A workbook read into the document's tree, then loaded as the YAML of
/// that tree would be; every diagnostic points at its cell.
pub fn load_workbook_as<T: serde::de::DeserializeOwned + AsWorkbook>(
    bytes: Vec<u8>,
) -> Result<Parsed<T>, Box<LoadError>> {
    let read = crate::sheet::read(bytes, T::DOCUMENT)
        .map_err(|e| unreadable("workbook-unreadable", e.to_string()))?;
    let text = crate::sheet::to_yaml(&read.tree);
    let mut problems = read.problems;
    let parsed = parse_text::<T>(text);
    if let Err(e) = &parsed {
        // A value refused in its cell is missing from the tree: the
        // loader's "missing" for its record says nothing more.
        let refused = problems.len();
        for d in e.diagnostics() {
            let p = &d.path;
            let said = !p.is_empty()
                && problems[..refused]
                    .iter()
                    .any(|x| x.path.starts_with(p.as_str()));
            if !said {
                problems.push(d);
            }
        }
    }
    read.cells.place(&mut problems);
    if problems.is_empty()
        && let Ok(mut parsed) = parsed
    {
        parsed.cells = Some(read.cells);
        return Ok(parsed);
    }
    let unreadable = parsed.as_ref().err().is_some_and(|e| e.unreadable);
    let mut all = problems.into_iter();
    let first = all
        .next()
        .unwrap_or_else(|| Diagnostic::error("workbook-unreadable", "", "工作簿无法读取"));
    Err(Box::new(LoadError {
        unreadable,
        diagnostic: first,
        more: all.collect(),
        text: None,
    }))
}

fn bounded(path: &Path) -> Result<Vec<u8>, Box<LoadError>> {
    read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge => unreadable(
            "file-too-large",
            format!(
                "文件过大：一个单位的预算文件不应超过 {} MB，请确认选对了文件",
                MAX_FILE_BYTES / 1048576
            ),
        ),
        e => unreadable("file-unreadable", e.to_string()),
    })
}

/// Any YAML document of ours (a unit's budget, a department's file), read
/// with the same guards and diagnostics.
pub struct Parsed<T> {
    pub text: String,
    pub value: T,
    pub map: SourceMap,
    /// For a workbook, the cell of each field.
    pub cells: Option<CellMap>,
}

impl Parsed<Budget> {
    fn into_loaded(self, file: &str) -> Loaded {
        Loaded {
            file: file.to_string(),
            text: self.text,
            budget: self.value,
            map: self.map,
            cells: None,
        }
    }
}

/// A file of ours (a unit's budget, a 部门 file) as YAML or a workbook.
pub fn load_file_as<T: serde::de::DeserializeOwned + AsWorkbook>(
    path: &Path,
) -> Result<Parsed<T>, Box<LoadError>> {
    load_file_bytes_as(bounded(path)?)
}

pub use crate::input::{ReadError, read_bounded};

pub fn load_bytes(file: &str, bytes: &[u8]) -> LoadResult {
    Ok(load_bytes_as::<Budget>(bytes)?.into_loaded(file))
}

pub fn load_bytes_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> Result<Parsed<T>, Box<LoadError>> {
    let text = guarded_text(bytes)?;
    // Whatever is wrong with a file that is not ours at all, none of its
    // text is shown: it may be anything (a password file named by mistake).
    if !looks_like_ours(&text) {
        return Err(unreadable(
            "file-not-budget",
            "这不是 gongkai 的预算文件（没有“格式版本”“年度”等字段）：请确认选对了文件".into(),
        ));
    }
    parse_text(text)
}

/// A YAML file of ours that is not a budget (an import profile), read with
/// the same bounds and guards, and every mistake at its line.
pub fn load_plain_as<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Parsed<T>, Box<LoadError>> {
    load_plain_bytes_as(&bounded(path)?)
}

/// `load_plain_as` for bytes already had (a bundled file).
pub fn load_plain_bytes_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> Result<Parsed<T>, Box<LoadError>> {
    parse_text(guarded_text(bytes)?)
}

/// The text of a YAML file: bounded, not binary, UTF-8, not empty.
fn guarded_text(bytes: &[u8]) -> Result<String, Box<LoadError>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable("file-too-large", "文件过大，拒绝读取".into()));
    }
    if is_utf16(bytes) {
        return Err(failure(
            true,
            Diagnostic::error(
                "file-encoding",
                "",
                "文件是 UTF-16 编码（记事本“另存为”中的“Unicode”），不是 UTF-8",
            )
            .with_help("请用记事本“另存为”，编码选“UTF-8”后再试（VS Code：右下角编码 → 通过编码保存 → UTF-8）"),
            None,
        ));
    }
    if bytes.contains(&0) {
        return Err(unreadable(
            "file-binary",
            "这不是文本文件（含有二进制内容）：请选择 YAML 格式的预算文件".into(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        failure(
            true,
            Diagnostic::error(
                "file-encoding",
                "",
                format!("文件不是 UTF-8 编码（第 {line} 行起无法识别，可能是 GBK 编码）"),
            )
            .with_help("请用记事本或 VS Code 以“UTF-8”编码另存后再试"),
            None,
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    if text.trim().is_empty() {
        return Err(unreadable(
            "file-empty",
            "文件是空的：没有任何预算内容".into(),
        ));
    }
    Ok(text)
}

/// A text that passed the guards for a file of ours, parsed.
fn parse_text<T: serde::de::DeserializeOwned>(text: String) -> Result<Parsed<T>, Box<LoadError>> {
    if let Some(d) = invisible_character(&text) {
        return Err(failure(true, d, Some(text)));
    }
    let (map, root) = match SourceMap::build_with_tree(&text, LIMITS) {
        Ok(both) => both,
        Err(e) => return Err(failure(true, walk_failure(&e), Some(text))),
    };
    if let Some((c, span)) = map.forbidden {
        return Err(failure(true, invisible_at(c, span), Some(text)));
    }
    if let Some((path, first, second)) = map.duplicate_keys.first() {
        let d = Diagnostic::error(
            "field-duplicate",
            path.clone(),
            format!(
                "“{}”在同一处写了两次（第 {} 行和第 {} 行）",
                last_segment(path),
                first.line,
                second.line
            ),
        )
        .at(Some(*second));
        return Err(failure(false, d, Some(text)));
    }
    match de::from_node_with_path::<T>(&root) {
        Ok(value) => Ok(Parsed {
            text,
            value,
            map,
            cells: None,
        }),
        Err(err) => {
            let first = recover::Mistake::of(&err);
            let d = diagnostic_of(&map, &first, err.inner().at);
            if d.rule == "yaml-invalid" {
                return Err(failure(true, d, Some(text)));
            }
            let more = recover::further::<T>(&root, text.len(), map.expanded, &first)
                .iter()
                .map(|m| diagnostic_of(&map, m, None))
                .collect();
            let mut e = failure(false, d, Some(text));
            e.more = more;
            Err(e)
        }
    }
}

/// A reading mistake in Chinese, for files other than budgets (whose
/// diagnostics carry rule and help as well).
pub fn mistake_words(kind: &de::Kind) -> String {
    mistakes::translate(kind).message
}

/// Why the walk over a text stopped, in Chinese, at its line.
fn walk_failure(e: &crate::input::YamlError) -> Diagnostic {
    use crate::input::YamlError;
    match e {
        YamlError::Syntax { line, column, .. } => {
            Diagnostic::error("yaml-syntax", "", e.to_string())
                .at(Some(Span {
                    line: *line,
                    column: *column,
                }))
                .with_help("检查这一行及上一行的缩进、冒号和引号是否配对")
        }
        YamlError::TooDeep { line, .. } => Diagnostic::error("yaml-too-deep", "", e.to_string())
            .at(Some(Span {
                line: *line,
                column: 1,
            }))
            .with_help("预算文件最多只有几层缩进：请确认选对了文件"),
        YamlError::Aliases { count, .. } => Diagnostic::error(
            "yaml-alias-bomb",
            "",
            format!(
                "文件使用了 {count} 个以上的 YAML 别名（*名称）：预算文件不需要别名，疑似恶意构造，拒绝读取"
            ),
        ),
        YamlError::MultipleDocuments => {
            Diagnostic::error("yaml-multiple-documents", "", e.to_string())
        }
        YamlError::Expanded { .. } => Diagnostic::error(
            "yaml-alias-bomb",
            "",
            "文件中的 YAML 别名（*名称）展开后过大：预算文件不需要别名，疑似恶意构造，拒绝读取",
        ),
    }
}

/// A deserializing mistake in Chinese, at its line.
fn diagnostic_of(
    map: &SourceMap,
    m: &recover::Mistake,
    location: Option<(usize, usize)>,
) -> Diagnostic {
    let tr = mistakes::translate(&m.kind);
    // An unknown key is pointed at by its name, whatever it is said to be.
    let key = matches!(m.kind, de::Kind::UnknownField { .. });
    let span = position(map, &m.path, key, location);
    let mut d = Diagnostic::error(tr.rule, m.path.clone(), tr.message).at(span);
    d.help = tr.help;
    d
}

/// UTF-16 text: by its byte-order mark, or, without one, by the zero byte
/// every ASCII character (and so every line break and space) brings.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 8 {
        return false;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    // Mostly zeros on one side, none on the other: two bytes per character.
    (odd * 4 > half && even == 0) || (even * 4 > half && odd == 0)
}

/// Keys every file of ours has at its top level (a unit's budget, a
/// department's file).
const MARKER_KEYS: [&str; 2] = ["格式版本", "年度"];

/// Whether some line starts with one of our marker keys: what tells a
/// budget with mistakes from a file that is not a budget.
fn looks_like_ours(text: &str) -> bool {
    text.lines().any(|line| {
        let l = line.trim_start_matches([' ', '-', '{', '"', '\'']);
        MARKER_KEYS.iter().any(|k| {
            l.strip_prefix(k)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'', ' ']).starts_with(':'))
        })
    })
}

fn invisible_character(text: &str) -> Option<Diagnostic> {
    let (line_no, line) = text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.chars().any(crate::chars::is_forbidden))?;
    let (column, c) = line
        .chars()
        .enumerate()
        .find(|(_, c)| crate::chars::is_forbidden(*c))?;
    let span = Span {
        line: line_no + 1,
        column: column + 1,
    };
    Some(invisible_at(c, span))
}

fn invisible_at(c: char, span: Span) -> Diagnostic {
    Diagnostic::error(
        "text-invisible-character",
        "",
        format!(
            "第 {} 行第 {} 列有一个看不见的控制字符（U+{:04X}）：Word 等软件无法打开含有它的文档",
            span.line, span.column, c as u32
        ),
    )
    .at(Some(span))
    .with_help("这类字符通常随文字从 Word、网页或聊天软件复制而来：删除这一处文字后重新输入")
}

fn last_segment(path: &str) -> &str {
    let p = parent(path);
    path[p.len()..].trim_start_matches('.')
}

/// The line of the field a reading mistake names, for files that are not
/// budgets (layout sets). The node a mistake was raised at may be the
/// mapping that holds the field; the path is cut short inside flattened
/// structs. Each falls short only ever, never past the field: the later of
/// the two is the nearer.
pub fn error_line(text: &str, err: &serde_path_to_error::Error<de::DeError>) -> Option<usize> {
    let theirs = err.inner().at.map(|(line, _)| line);
    let ours = SourceMap::build(text).ok().and_then(|map| {
        let path = yaml_path(err.path());
        let unknown = match &err.inner().kind {
            de::Kind::UnknownField { field, .. } => Some(field.as_str()),
            _ => None,
        };
        let span = match unknown {
            Some(key) => map
                .find_key_below(&path, key)
                .or_else(|| map.locate_key(&path)),
            None => map.locate_field(&path),
        };
        span.map(|s| s.line)
    });
    ours.max(theirs)
}

/// Where to point for a reading mistake: the source map's place for its
/// path first; the node it was raised at when the map has no such path.
fn position(
    map: &SourceMap,
    path: &str,
    key: bool,
    fallback: Option<(usize, usize)>,
) -> Option<Span> {
    let ours = if key {
        map.locate_key(path)
    } else {
        map.locate(path)
    };
    ours.or_else(|| fallback.map(|(line, column)| Span { line, column }))
}
