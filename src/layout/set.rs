//! Finding and reading a layout set: a bundled one by name, or a folder on disk.
//!
//! Every file is read and parsed once, when the set is opened, so building
//! many units reuses the same parsed set.

use super::context::FIELDS_READ_AS;
use super::error::LayoutError;
use super::reads;
use super::spec::{
    BlockKind, BlockSpec, CheckSpec, ProfileSpec, SetFile, SetSpec, SourceRow, SourceRowSpec,
};
use super::templates::Templates;
use crate::conventions::Profile;
use crate::hash::Hasher;
use crate::model::{Source, group_takes_in};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts");

/// Which bundled sets serve when none is chosen: data, like the sets.
#[derive(serde::Deserialize)]
struct Defaults {
    #[serde(rename = "单位")]
    unit: String,
    #[serde(rename = "部门")]
    department: String,
}

fn defaults() -> &'static Defaults {
    static DEFAULTS: std::sync::OnceLock<Defaults> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| {
        // Bundled at build time and tested; were it ever unreadable, the
        // empty name gives "找不到版式" rather than a panic.
        BUNDLED
            .get_file("defaults.yaml")
            .and_then(|f| f.contents_utf8())
            .and_then(|t| serde_yaml::from_str(t).ok())
            .unwrap_or(Defaults {
                unit: String::new(),
                department: String::new(),
            })
    })
}

/// The set used when none is chosen (`layouts/defaults.yaml`).
pub fn default_set() -> &'static str {
    &defaults().unit
}

/// The set of a department's consolidated package in `batch` when none is
/// chosen (`layouts/defaults.yaml`).
pub fn default_department_set() -> &'static str {
    &defaults().department
}

/// The entry file of every set.
const ENTRY: &str = "layout.yaml";

#[derive(Debug)]
pub struct LayoutSet {
    /// Name or folder, for messages.
    pub origin: String,
    pub spec: SetSpec,
    /// Included block files by their name in the set.
    pub includes: BTreeMap<String, Vec<BlockSpec>>,
    /// Template files (macros) by name.
    pub templates: BTreeMap<String, String>,
    /// Every template of the set, compiled once when first rendered.
    pub compiled: Templates,
    /// A hash of every file of the set (and of the sets it extends).
    pub fingerprint: String,
    /// The set's own `catalog/` folder (a set on disk may bring the
    /// catalogues of its province or years).
    pub catalog_dir: Option<PathBuf>,
    /// The budget `sample:` names, for a set on disk.
    pub sample: Option<PathBuf>,
}

impl LayoutSet {
    /// What the set brings to reading and checking a budget: the catalogues
    /// (`--catalog FILE`, then its own `catalog/` folder) and its checking
    /// conventions.
    pub fn conventions(&self, file: Option<PathBuf>) -> crate::conventions::Conventions {
        crate::conventions::Conventions {
            file,
            folder: self.catalog_dir.clone(),
            profile: self.spec.check.clone(),
            read: Default::default(),
        }
    }
}

enum Location {
    Bundled(&'static Dir<'static>),
    Disk(PathBuf),
}

impl Location {
    /// The file's text, or `None` when this location does not have it.
    fn read(&self, origin: &str, name: &str) -> Result<Option<String>, LayoutError> {
        match self {
            Location::Bundled(dir) => Ok(dir
                .get_file(dir.path().join(name))
                .and_then(|f| f.contents_utf8())
                .map(str::to_string)),
            Location::Disk(root) => {
                let path = root.join(name);
                if !path.starts_with(root) || name.contains("..") {
                    return Err(LayoutError::file(
                        origin,
                        name,
                        "版式文件必须位于版式目录之内".into(),
                    ));
                }
                use crate::input::{ReadError, read_within};
                // A link in the set is followed only within the set: a
                // block file linked to /etc/passwd would print it.
                match read_within(root, &path, crate::load::MAX_FILE_BYTES) {
                    Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
                        LayoutError::file(origin, name, "不是 UTF-8 编码的文本".into())
                    }),
                    Err(ReadError::NotFound) => Ok(None),
                    Err(ReadError::Outside) => Err(LayoutError::file(
                        origin,
                        name,
                        "版式文件必须位于版式目录之内：这是指向目录之外的链接，为安全起见不读取"
                            .into(),
                    )),
                    Err(e) => Err(LayoutError::file(origin, name, e.to_string())),
                }
            }
        }
    }

    /// A set named by `extends`: a folder beside this one's, or a bundled set.
    fn base(&self, origin: &str, name: &str) -> Result<Location, LayoutError> {
        if let Location::Disk(root) = self {
            let folder = root.join(name);
            if folder.join(ENTRY).is_file() {
                return Ok(Location::Disk(folder));
            }
        }
        BUNDLED.get_dir(name).map(Location::Bundled).ok_or_else(|| {
            LayoutError::file(
                origin,
                ENTRY,
                format!(
                    "extends 指定的版式“{name}”不存在（内置：{}）",
                    bundled_sets().join("、")
                ),
            )
        })
    }
}

/// A set's folder and the folders of the sets it extends, nearest first: a
/// file is taken from the first that has it.
struct Chain(Vec<Location>);

impl Chain {
    fn read(&self, origin: &str, name: &str) -> Result<String, LayoutError> {
        for location in &self.0 {
            if let Some(text) = location.read(origin, name)? {
                return clean(origin, name, text);
            }
        }
        Err(LayoutError::file(
            origin,
            name,
            "版式文件不存在".to_string(),
        ))
    }
}

/// A layout file's text, refused when it holds a character no document may
/// (see `chars::is_forbidden`): its literal text goes into every package.
fn clean(origin: &str, name: &str, text: String) -> Result<String, LayoutError> {
    let found = text.lines().enumerate().find_map(|(i, line)| {
        line.chars()
            .find(|c| crate::chars::is_forbidden(*c))
            .map(|c| (i + 1, c))
    });
    match found {
        None => Ok(text),
        Some((line, c)) => Err(LayoutError::file(
            origin,
            name,
            format!(
                "含有看不见的控制字符（U+{:04X}），Word 等软件无法打开含有它的文档",
                c as u32
            ),
        )
        .at_line(Some(line))),
    }
}

/// Names of the bundled layout sets.
pub fn bundled_sets() -> Vec<String> {
    BUNDLED
        .dirs()
        .filter(|d| d.get_file(d.path().join(ENTRY)).is_some())
        .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
        .collect()
}

/// `display_variants` replace only formats `number_formats` defines, and
/// `default_display` names one of them; the checker learns how each shows
/// the tables' amounts (what rounding notes compare).
fn display_variants(origin: &str, chain: &Chain, spec: &mut SetSpec) -> Result<(), LayoutError> {
    // The entry file is read again only to point at a mistake's line.
    let at = |needle: &str| {
        chain
            .read(origin, ENTRY)
            .ok()
            .and_then(|text| line_of(&text, needle))
    };
    for (variant, formats) in &spec.display_variants {
        if let Some(name) = formats
            .keys()
            .find(|n| !spec.number_formats.contains_key(*n))
        {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                format!(
                    "display_variants 的写法“{variant}”替换的数字格式“{name}”没有在 number_formats 中定义"
                ),
            )
            .at_line(at(&format!("{variant}:"))));
        }
    }
    if let Some(default) = &spec.default_display
        && !spec.display_variants.contains_key(default)
    {
        let known: Vec<&str> = spec.display_variants.keys().map(String::as_str).collect();
        return Err(LayoutError::file(
            origin,
            ENTRY,
            format!(
                "default_display 的“{default}”不是 display_variants 中的写法（有：{}）",
                if known.is_empty() {
                    "无".to_string()
                } else {
                    known.join("、")
                }
            ),
        )
        .at_line(at("default_display")));
    }
    let check = &mut spec.check;
    check.default_display = spec.default_display.clone();
    check.display_variants = spec
        .display_variants
        .iter()
        .map(|(variant, formats)| {
            let shown = check
                .display_name
                .as_ref()
                .and_then(|name| formats.get(name))
                .cloned()
                .unwrap_or_else(|| check.display.clone());
            (variant.clone(), shown)
        })
        .collect();
    Ok(())
}

/// The optional budget fields this set neither prints nor checks: none
/// of the names they reach templates by is read by its templates.
fn unprinted(
    spec: &SetSpec,
    includes: &BTreeMap<String, Vec<BlockSpec>>,
    macros: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut read = reads::variables(&spec.meta, &spec.document, includes, macros);
    if spec.check.max_share_without_targets.is_some() {
        read.insert("check.max_share_without_targets".into());
    }
    FIELDS_READ_AS
        .iter()
        .filter(|(_, names)| !names.iter().any(|n| reads::reads(&read, n)))
        .map(|(field, _)| field.to_string())
        .collect()
}

/// How deep `extends` may go: deeper is surely a loop.
const MAX_EXTENDS: usize = 4;

impl LayoutSet {
    /// Opens a set by folder path (when it exists) or by bundled name.
    pub fn open(name_or_path: &str) -> Result<LayoutSet, LayoutError> {
        let path = Path::new(name_or_path);
        let catalog_dir =
            Some(path.join("catalog")).filter(|d| path.join(ENTRY).is_file() && d.is_dir());
        let location = if path.join(ENTRY).is_file() {
            Location::Disk(path.to_path_buf())
        } else if let Some(dir) = BUNDLED.get_dir(name_or_path) {
            Location::Bundled(dir)
        } else {
            return Err(LayoutError::SetNotFound {
                name: name_or_path.to_string(),
                bundled: bundled_sets().join("、"),
            });
        };
        let mut hasher = Hasher::default();
        let on_disk = matches!(location, Location::Disk(_));
        let (spec, chain, sample) = Self::entry(name_or_path, location, 0, &mut hasher)?;
        let mut templates = BTreeMap::new();
        if let Some(m) = spec.macros.clone() {
            let text = chain.read(name_or_path, &m)?;
            hash_file(&mut hasher, &m, &text);
            templates.insert(m, text);
        }
        let mut includes = BTreeMap::new();
        let mut pending = include_names(&spec.document);
        while let Some(name) = pending.pop() {
            if includes.contains_key(&name) {
                continue;
            }
            let text = chain.read(name_or_path, &name)?;
            hash_file(&mut hasher, &name, &text);
            let blocks: Vec<BlockSpec> = parse(name_or_path, &name, &text)?;
            pending.extend(include_names(&blocks));
            includes.insert(name, blocks);
        }
        let mut spec = spec;
        spec.check.unprinted = unprinted(&spec, &includes, &templates);
        display_variants(name_or_path, &chain, &mut spec)?;
        let compiled = Templates::new(&spec, &templates)?;
        Ok(LayoutSet {
            origin: name_or_path.to_string(),
            spec,
            includes,
            templates,
            compiled,
            fingerprint: hasher.hex(),
            catalog_dir,
            sample: sample.filter(|_| on_disk).map(|s| path.join(s)),
        })
    }

    /// Reads `layout.yaml` at `location`, then the sets it extends, and merges
    /// them: what this file leaves out comes from its base.
    fn entry(
        origin: &str,
        location: Location,
        depth: usize,
        hasher: &mut Hasher,
    ) -> Result<(SetSpec, Chain, Option<String>), LayoutError> {
        let text = location
            .read(origin, ENTRY)?
            .ok_or_else(|| LayoutError::file(origin, ENTRY, "版式文件不存在".to_string()))?;
        hash_file(hasher, ENTRY, &text);
        let file: SetFile = parse(origin, ENTRY, &text)?;
        let Some(base_name) = &file.extends else {
            let missing = |field: &str| {
                LayoutError::file(
                    origin,
                    ENTRY,
                    format!("缺少 {field}（未写 extends 时必须给出）"),
                )
            };
            let check = profile(
                origin,
                &text,
                Profile::default(),
                ProfileSpec {
                    kind: file.kind,
                    check: file.check,
                    vehicle_categories: file.vehicle_categories,
                    project_terms: file.project_terms,
                    fields: file.fields,
                    indicators: file.indicators,
                },
                &file.number_formats,
            )?;
            let sources = file
                .sources
                .map(|rows| source_rows(origin, &text, rows))
                .transpose()?;
            let spec = SetSpec {
                name: file.name,
                description: file.description,
                meta: file.meta.ok_or_else(|| missing("meta"))?,
                page: file.page.ok_or_else(|| missing("page"))?,
                fonts: file.fonts.ok_or_else(|| missing("fonts"))?,
                macros: file.macros,
                vars: file.vars,
                number_formats: file.number_formats,
                sources: sources.unwrap_or_else(every_source),
                check,
                table_page_break: file.table_page_break.unwrap_or_default(),
                display_variants: file.display_variants,
                default_display: file.default_display,
                document: file.document.ok_or_else(|| missing("document"))?,
            };
            return Ok((spec, Chain(vec![location]), file.sample));
        };
        if depth >= MAX_EXTENDS {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                format!("extends 嵌套超过 {MAX_EXTENDS} 层，可能互相引用"),
            ));
        }
        let base_location = location.base(origin, base_name)?;
        // A set's sample is its own: its base's would be in another folder.
        let (base, mut chain, _) = Self::entry(origin, base_location, depth + 1, hasher)?;
        chain.0.insert(0, location);
        let mut vars = base.vars;
        vars.extend(file.vars);
        let mut number_formats = base.number_formats;
        number_formats.extend(file.number_formats);
        let check = profile(
            origin,
            &text,
            base.check,
            ProfileSpec {
                kind: file.kind,
                check: file.check,
                vehicle_categories: file.vehicle_categories,
                project_terms: file.project_terms,
                fields: file.fields,
                indicators: file.indicators,
            },
            &number_formats,
        )?;
        let sources = file
            .sources
            .map(|rows| source_rows(origin, &text, rows))
            .transpose()?;
        let spec = SetSpec {
            name: file.name,
            description: file.description,
            meta: file.meta.unwrap_or(base.meta),
            page: file.page.unwrap_or(base.page),
            fonts: file.fonts.unwrap_or(base.fonts),
            macros: file.macros.or(base.macros),
            vars,
            number_formats,
            sources: sources.unwrap_or(base.sources),
            check,
            table_page_break: file.table_page_break.unwrap_or(base.table_page_break),
            display_variants: {
                let mut variants = base.display_variants;
                variants.extend(file.display_variants);
                variants
            },
            default_display: file.default_display.or(base.default_display),
            document: file.document.unwrap_or(base.document),
        };
        Ok((spec, chain, file.sample))
    }
}

/// The line of `text` (from 1) where `needle` first stands: where a value
/// that parsed but means nothing is pointed at. Comment lines are passed
/// over: a comment that mentions a key is not where its value is.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
        .map(|i| i + 1)
}

/// The checker's conventions: `check:` and `vehicle_categories` over those
/// of the base set.
fn profile(
    origin: &str,
    text: &str,
    base: Profile,
    given: ProfileSpec,
    formats: &BTreeMap<String, crate::compute::display::NumberFormat>,
) -> Result<Profile, LayoutError> {
    let mut out = base;
    if let Some(kind) = given.kind {
        out.kind = kind;
    }
    if let Some(terms) = given.project_terms {
        if terms.is_empty() || terms.iter().any(|t| t.trim().is_empty()) {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                "project_terms 须列出至少一种期限，且每一种都有名称".into(),
            )
            .at_line(line_of(text, "project_terms")));
        }
        out.project_terms = terms;
    }
    if let Some(names) = given.vehicle_categories {
        out.vehicle_categories = names;
    }
    if let Some(declared) = given.fields {
        out.fields = declared.over(std::mem::take(&mut out.fields));
        if let Some(fault) = out.fields.fault() {
            let line = line_of(text, &format!("{}:", fault.name()));
            return Err(LayoutError::file(origin, ENTRY, fault.to_string()).at_line(line));
        }
    }
    if let Some(scheme) = given.indicators {
        out.indicators = indicator_scheme(scheme).map_err(|fault| {
            LayoutError::file(origin, ENTRY, fault.to_string())
                .at_line(line_of(text, &fault.needle()))
        })?;
    }
    if let Some(spec) = given.check {
        apply_check(origin, text, &mut out, spec, formats)?;
    }
    cost_groups_declared(origin, text, out)
}

/// `check:` over the conventions so far.
fn apply_check(
    origin: &str,
    text: &str,
    out: &mut Profile,
    spec: CheckSpec,
    formats: &BTreeMap<String, crate::compute::display::NumberFormat>,
) -> Result<(), LayoutError> {
    let line_of = |needle: &str| line_of(text, needle);
    if let Some(day) = spec.assets_as_of {
        out.assets_as_of = month_day(&day).ok_or_else(|| {
            LayoutError::file(
                origin,
                ENTRY,
                format!(
                    "check.assets_as_of 应写作 \"月-日\"，如 \"12-31\"、\"08-31\"，得到“{day}”"
                ),
            )
            .at_line(line_of("assets_as_of"))
        })?;
    }
    if let Some(name) = spec.display {
        out.display_name = Some(name.clone());
        out.display = formats.get(&name).cloned().ok_or_else(|| {
            LayoutError::file(
                origin,
                ENTRY,
                format!("check.display 的数字格式“{name}”没有在 number_formats 中定义"),
            )
            .at_line(line_of("display:"))
        })?;
    }
    if let Some(paths) = spec.requires {
        if let Some(bad) = paths.iter().find(|p| !crate::schema::names_a_field(p)) {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                format!("check.requires 中的“{bad}”不是预算文件的字段（用 . 连接字段名，如 国有资产.办公用房面积）"),
            )
            .at_line(line_of(bad)));
        }
        out.requires = paths;
    }
    if let Some(groups) = spec.cost_indicators {
        out.cost_indicators = groups;
    }
    if let Some(units) = spec.indicator_units {
        if let Some(bad) = units
            .iter()
            .find(|u| u.trim().is_empty() || u.chars().any(|c| c.is_ascii_digit()))
        {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                format!("check.indicator_units 中的“{bad}”不是计量单位（不能为空或含数字）"),
            )
            .at_line(line_of("indicator_units")));
        }
        out.indicator_units = units;
    }
    if let Some(openers) = spec.instruction_openers {
        if openers.iter().any(|o| o.trim().is_empty()) {
            return Err(LayoutError::file(
                origin,
                ENTRY,
                "check.instruction_openers 中有空的词：每项是括号中说明开头的字，如 要求"
                    .to_string(),
            )
            .at_line(line_of("instruction_openers")));
        }
        out.instruction_openers.extend(openers);
    }
    // Shares in percent: 0 to 100.
    let percent = |key: &str, value: Option<u32>| match value {
        Some(p) if p > 100 => Err(LayoutError::file(
            origin,
            ENTRY,
            format!("check.{key} 是百分数（0 到 100），不是 {p}"),
        )
        .at_line(line_of(key))),
        _ => Ok(value),
    };
    if let Some(share) = percent("max_share_without_targets", spec.max_share_without_targets)? {
        out.max_share_without_targets = Some(share);
    }
    if let Some(p) = percent("gap_reason_percent", spec.gap_reason_percent)? {
        out.gap_reason_percent = p;
    }
    if let Some(off) = spec.off {
        let ids = crate::check::RULES.iter().map(|r| r.id);
        if let Some(bad) = off
            .iter()
            .find(|id| !ids.clone().any(|known| known == id.as_str()))
        {
            let near = crate::suggest::closest(bad, ids)
                .map(|c| format!("，是否应为“{c}”"))
                .unwrap_or_default();
            return Err(LayoutError::file(
                origin,
                ENTRY,
                format!("check.off 的“{bad}”不是检查规则的编号{near}（gongkai rules 列出全部编号；读取文件时的检查不能关闭）"),
            )
            .at_line(line_of(bad)));
        }
        out.off = off;
    }
    Ok(())
}

/// What is wrong with a set's 指标体系.
#[derive(Debug, thiserror::Error)]
enum SchemeFault {
    #[error("indicators 的一级指标“{0}”须有名称和至少一个二级指标")]
    Level1(String),
    #[error("indicators 中“{l1}”的二级指标“{l2}”为空或重复")]
    Level2 { l1: String, l2: String },
}

impl SchemeFault {
    /// What the faulty line of `layout.yaml` holds.
    fn needle(&self) -> String {
        match self {
            SchemeFault::Level1(l1) => format!("{l1}:"),
            SchemeFault::Level2 { l2, .. } => l2.clone(),
        }
    }
}

/// An 指标体系 with names, each 二级指标 once under its 一级指标.
fn indicator_scheme(
    scheme: crate::model::IndicatorScheme,
) -> Result<crate::model::IndicatorScheme, SchemeFault> {
    for (l1, groups) in &scheme {
        if l1.trim().is_empty() || groups.is_empty() {
            return Err(SchemeFault::Level1(l1.clone()));
        }
        for (i, l2) in groups.iter().enumerate() {
            if l2.trim().is_empty() || groups[..i].contains(l2) {
                return Err(SchemeFault::Level2 {
                    l1: l1.clone(),
                    l2: l2.clone(),
                });
            }
        }
    }
    Ok(scheme)
}

/// `check.cost_indicators` names groups of the 指标体系 (when the set
/// declares one): `一级指标` or `一级指标.二级指标`.
fn cost_groups_declared(origin: &str, text: &str, out: Profile) -> Result<Profile, LayoutError> {
    if out.indicators.is_empty() {
        return Ok(out);
    }
    let known = |group: &str| {
        (out.indicators.iter())
            .any(|(l1, names)| names.iter().any(|l2| group_takes_in(group, l1, l2)))
    };
    match out.cost_indicators.iter().find(|p| !known(p)) {
        None => Ok(out),
        Some(bad) => Err(LayoutError::file(
            origin,
            ENTRY,
            format!("check.cost_indicators 中的“{bad}”不是 indicators 中的指标（写作 一级指标 或 一级指标.二级指标）"),
        )
        .at_line(line_of(text, bad))),
    }
}

/// `"08-31"` as (8, 31), when it is a day of the year (29 February too).
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((m, d))
}

/// Each source of funds alone, in the official order.
fn every_source() -> Vec<SourceRow> {
    Source::ALL
        .iter()
        .map(|&s| SourceRow {
            name: s.label().to_string(),
            sources: vec![s],
        })
        .collect()
}

/// The rows `sources:` names, each source known by its Chinese name.
fn source_rows(
    origin: &str,
    text: &str,
    rows: Vec<SourceRowSpec>,
) -> Result<Vec<SourceRow>, LayoutError> {
    let known = |name: &str| {
        Source::from_label(name).ok_or_else(|| {
            let line = line_of(text, name);
            LayoutError::file(
                origin,
                ENTRY,
                format!(
                    "sources 中的资金来源“{name}”不存在（可用：{}）",
                    Source::ALL
                        .iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )
            .at_line(line)
        })
    };
    rows.into_iter()
        .map(|row| match row {
            SourceRowSpec::One(name) => Ok(SourceRow {
                sources: vec![known(&name)?],
                name,
            }),
            SourceRowSpec::Sum { name, of } => Ok(SourceRow {
                sources: of.iter().map(|n| known(n)).collect::<Result<_, _>>()?,
                name,
            }),
        })
        .collect()
}

/// Every file read goes into the set's fingerprint, which decides whether a
/// batch must rebuild.
fn hash_file(hasher: &mut Hasher, name: &str, text: &str) {
    hasher.part(name.as_bytes()).part(text.as_bytes());
}

/// What a layout file may hold: nesting as any file of ours, aliases for
/// shared column lists (a few in the bundled sets), and no more once they
/// are expanded than the largest file allowed.
const FILE_LIMITS: crate::input::Limits = crate::input::Limits {
    depth: crate::input::MAX_DEPTH,
    aliases: 1024,
    expanded: crate::load::MAX_FILE_BYTES,
};

fn parse<T: serde::de::DeserializeOwned>(
    origin: &str,
    name: &str,
    text: &str,
) -> Result<T, LayoutError> {
    // One bounded walk builds the tree, as for budgets.
    let root = crate::load::node::parse(text, FILE_LIMITS)
        .map_err(|e| LayoutError::file(origin, name, e.to_string()).at_line(e.line()))?;
    crate::load::de::from_node_with_path(&root).map_err(|e| {
        let line = crate::load::error_line(text, &e);
        LayoutError::file(origin, name, super::error::yaml_reason(&e)).at_line(line)
    })
}

fn include_names(blocks: &[BlockSpec]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Include(name) => out.push(name.clone()),
            BlockKind::Group(inner) => out.extend(include_names(inner)),
            _ => {}
        }
    }
    out
}
