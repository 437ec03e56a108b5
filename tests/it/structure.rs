//! The shape of the code, read from its paths (`crate::…`, `super::…`,
//! `self::…` and a module's own children): no module reaches up a floor of
//! the pipeline, the modules form no cycle, no two sibling files use each
//! other (nor any longer cycle of siblings), and no file and its folder's
//! `mod.rs` use each other.
//! Test code (`tests.rs` files and `#[cfg(test)] mod tests` blocks) may
//! build its inputs with any module and is not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, lowest first: a module may use its own floor's and lower
/// floors' modules only. The pipeline, `load → compute → check → layout →
/// render → publish`, with the jobs that drive it on top.
const FLOORS: &[&[&str]] = &[
    &["chars", "hash", "suggest", "diagnostic", "input"],
    &["model", "doc", "fonts", "schema"],
    &["sheet"],
    &["load"],
    &["catalog"],
    &["compute", "consolidate"],
    &["conventions"],
    &["check"],
    &["layout"],
    &["render"],
    &["publish", "diff"],
    &["run"],
    &["batch"],
    &["newyear"],
    &["convert"],
];

struct Source {
    /// Module path: `src/compute/ledger.rs` → [compute, ledger].
    module: Vec<String>,
    /// Whether the file is a folder's `mod.rs` (its `super` is one up).
    folder: bool,
    code: String,
}

fn sources() -> BTreeMap<PathBuf, Source> {
    let mut out = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walk(&root, &root, &mut out);
    assert!(out.len() > 100, "{} files read", out.len());
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Source>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.ends_with(".rs") || name == "tests.rs" {
            continue;
        }
        let rel = path.strip_prefix(root).expect("under src");
        let mut module: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let folder = module.last().is_some_and(|m| m == "mod");
        if folder || matches!(module.as_slice(), [m] if m == "lib" || m == "main") {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let code = text
            .split("#[cfg(test)]\nmod tests {")
            .next()
            .unwrap_or_default();
        let code = code
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(
            rel.to_path_buf(),
            Source {
                module,
                folder,
                code,
            },
        );
    }
}

/// Every path of two or more segments the code names (`a::b::C`), and the
/// members of a `use a::{b, c::D}` group each as a whole path.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let starts = ident(chars[i]) && (i == 0 || !(ident(chars[i - 1]) || chars[i - 1] == ':'));
        if !starts {
            i += 1;
            continue;
        }
        let (segments, next) = path_at(&chars, i);
        i = next.max(i + 1);
        // A group: `prefix::{a, b::{c, D}}`.
        if chars.get(next) == Some(&'{') && chars.get(next.wrapping_sub(1)) == Some(&':') {
            let close = matching(&chars, next);
            let inner: String = chars[next + 1..close].iter().collect();
            expand(&segments, &inner, &mut out);
            i = close;
            continue;
        }
        if segments.len() < 2 {
            continue;
        }
        out.push(segments);
    }
    out
}

/// Where the brace opened at `open` closes.
fn matching(chars: &[char], open: usize) -> usize {
    let mut depth = 0;
    for (k, c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    chars.len()
}

/// The members of a group after `prefix`, each as a whole path.
fn expand(prefix: &[String], inner: &str, out: &mut Vec<Vec<String>>) {
    let chars: Vec<char> = inner.chars().collect();
    let (mut depth, mut start) = (0, 0);
    let mut members = Vec::new();
    for (k, c) in chars.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(chars[start..k].iter().collect::<String>());
                start = k + 1;
            }
            _ => {}
        }
    }
    members.push(chars[start..].iter().collect());
    for member in members {
        let member = member.trim();
        match member.find('{') {
            Some(b) => {
                let mut p = prefix.to_vec();
                p.extend(path_segments(&member[..b]));
                let inner_end = member.rfind('}').unwrap_or(member.len());
                expand(&p, &member[b + 1..inner_end], out);
            }
            None => {
                let mut p = prefix.to_vec();
                p.extend(path_segments(member));
                out.push(p);
            }
        }
    }
}

/// `a::b as c` → [a, b]; `self` adds nothing.
fn path_segments(text: &str) -> Vec<String> {
    let text = text.split(" as ").next().unwrap_or_default();
    text.split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s != "self")
        .collect()
}

/// The segments of the path starting at `i`, and where it ends.
fn path_at(chars: &[char], mut i: usize) -> (Vec<String>, usize) {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut segments = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && ident(chars[i]) {
            i += 1;
        }
        if i == start {
            break;
        }
        segments.push(chars[start..i].iter().collect::<String>());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            break;
        }
    }
    (segments, i)
}

/// The file a module path leads to: its longest prefix that is a file.
fn file_of(all: &BTreeMap<PathBuf, Source>, segments: &[String]) -> Option<PathBuf> {
    (1..=segments.len()).rev().find_map(|n| {
        let base: PathBuf = segments[..n].iter().collect();
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|c| all.contains_key(c))
    })
}

/// Each file's uses of other files.
fn uses(all: &BTreeMap<PathBuf, Source>) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut out = BTreeMap::new();
    for (path, src) in all {
        let mut used = BTreeSet::new();
        for p in paths(&src.code) {
            let target: Vec<String> = match p[0].as_str() {
                "crate" => p[1..].to_vec(),
                "self" => src.module.iter().chain(&p[1..]).cloned().collect(),
                "super" => {
                    let up = p.iter().take_while(|s| *s == "super").count();
                    let keep = src.module.len().saturating_sub(up);
                    src.module[..keep].iter().chain(&p[up..]).cloned().collect()
                }
                // A module's own child, named from its mod.rs (or lib.rs).
                first if src.folder || src.module.is_empty() => {
                    let mut child = src.module.clone();
                    child.push(first.to_string());
                    if file_of(all, &child).is_none_or(|f| &f == path) {
                        continue;
                    }
                    src.module.iter().chain(&p).cloned().collect()
                }
                _ => continue,
            };
            if let Some(f) = file_of(all, &target)
                && &f != path
            {
                used.insert(f);
            }
        }
        out.insert(path.clone(), used);
    }
    out
}

fn top(path: &Path) -> String {
    let first = path.components().next().expect("a file");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn no_module_reaches_up_a_floor() {
    let all = sources();
    let floor: BTreeMap<&str, usize> = FLOORS
        .iter()
        .enumerate()
        .flat_map(|(i, ms)| ms.iter().map(move |m| (*m, i)))
        .collect();
    let mut climbs = Vec::new();
    for (file, used) in uses(&all) {
        let from = top(&file);
        if from == "lib" || from == "main" {
            continue;
        }
        let Some(&mine) = floor.get(from.as_str()) else {
            panic!("{from} is on no floor: add it to FLOORS");
        };
        for target in used {
            let to = top(&target);
            let theirs = floor.get(to.as_str()).copied().unwrap_or(0);
            if theirs > mine {
                climbs.push(format!(
                    "{} uses {} ({from} → {to})",
                    file.display(),
                    target.display()
                ));
            }
        }
    }
    assert!(
        climbs.is_empty(),
        "imports that climb:\n{}",
        climbs.join("\n")
    );
}

/// A cycle in `graph`, if any, as its nodes in order.
fn cycle<T: Ord + Clone + std::fmt::Debug>(graph: &BTreeMap<T, BTreeSet<T>>) -> Option<Vec<T>> {
    fn visit<T: Ord + Clone>(
        n: &T,
        graph: &BTreeMap<T, BTreeSet<T>>,
        state: &mut BTreeMap<T, bool>,
        stack: &mut Vec<T>,
    ) -> Option<Vec<T>> {
        match state.get(n) {
            Some(true) => return None,
            Some(false) => {
                let at = stack.iter().position(|s| s == n).unwrap_or(0);
                return Some(stack[at..].to_vec());
            }
            None => {}
        }
        state.insert(n.clone(), false);
        stack.push(n.clone());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut state, &mut Vec::new()))
}

#[test]
fn the_modules_form_no_cycle() {
    let all = sources();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, used) in uses(&all) {
        let from = top(&file);
        if from == "lib" || from == "main" {
            continue;
        }
        let entry = graph.entry(from.clone()).or_default();
        entry.extend(used.iter().map(|t| top(t)).filter(|t| *t != from));
    }
    assert_eq!(cycle(&graph), None, "modules that use each other");
}

#[test]
fn no_sibling_files_use_each_other() {
    let all = sources();
    // Files beside each other in one folder, mod.rs aside (it is the
    // folder's module itself).
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, used) in uses(&all) {
        if all[&file].folder {
            continue;
        }
        let siblings: BTreeSet<PathBuf> = used
            .into_iter()
            .filter(|t| !all[t].folder && t.parent() == file.parent())
            .collect();
        graph.entry(file).or_default().extend(siblings);
    }
    assert_eq!(cycle(&graph), None, "files that use each other");
}

/// The reader sees what it must: a sibling pair and a climb, on crafted code.
#[test]
fn the_reader_finds_paths_in_groups_and_relative_forms() {
    let found = paths(
        "use super::{ledger::{Ledger, X}, last::Y};\nlet a = crate::run::prior::Link::Typed;",
    );
    assert!(
        found.contains(&vec!["super".into(), "last".into(), "Y".into()]),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&["super".into(), "ledger".into()])),
        "{found:?}"
    );
    assert!(
        found.contains(&vec![
            "crate".into(),
            "run".into(),
            "prior".into(),
            "Link".into(),
            "Typed".into()
        ]),
        "{found:?}"
    );
    let mut g: BTreeMap<u8, BTreeSet<u8>> = BTreeMap::new();
    g.insert(1, [2].into());
    g.insert(2, [3].into());
    g.insert(3, [1].into());
    assert_eq!(cycle(&g), Some(vec![1, 2, 3]));
    g.insert(3, BTreeSet::new());
    assert_eq!(cycle(&g), None);
}

/// Nor do a folder's `mod.rs` and a file below it use each other: what
/// both need (an error type, the shared records, constants) lives in a
/// file of its own that both use — the table measurer's cells and cache
/// are `measure/cells.rs`, which the measurer and the table code share.
#[test]
fn no_file_and_its_folders_module_use_each_other() {
    let all = sources();
    let uses = uses(&all);
    let mut found = BTreeSet::new();
    for (file, used) in &uses {
        for target in used {
            if file < target && uses.get(target).is_some_and(|back| back.contains(file)) {
                found.insert((file.display().to_string(), target.display().to_string()));
            }
        }
    }
    assert!(found.is_empty(), "files that use each other: {found:#?}");
}
