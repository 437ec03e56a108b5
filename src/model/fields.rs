//! Fields a layout set declares beyond the budget format (`fields:` in its
//! `layout.yaml`): the file writes them under `版式字段`, the checker holds
//! them to the declaration, templates read them.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// 版式声明的字段的值：是否、整数、文字、文字列表，或 名称 → 文字 的映射。
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum FieldValue {
    Yes(bool),
    Integer(i64),
    Text(String),
    List(Vec<String>),
    Map(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for FieldValue {
    // Untagged derive reports "did not match any variant"; say what is allowed.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            Yes(bool),
            Integer(i64),
            Text(String),
            List(Vec<String>),
            Map(BTreeMap<String, String>),
        }
        match Any::deserialize(d) {
            Ok(Any::Yes(b)) => Ok(FieldValue::Yes(b)),
            Ok(Any::Integer(n)) => Ok(FieldValue::Integer(n)),
            Ok(Any::Text(s)) => Ok(FieldValue::Text(s)),
            Ok(Any::List(l)) => Ok(FieldValue::List(l)),
            Ok(Any::Map(m)) => Ok(FieldValue::Map(m)),
            Err(_) => Err(serde::de::Error::custom(
                "版式字段的值应为 是否（true/false）、整数、文字、文字列表或 名称: 文字 的映射",
            )),
        }
    }
}

labelled_enum! {
    /// 版式字段的类型。
    FieldType { Text = "文字", Integer = "整数", Yes = "是否", List = "列表", Map = "映射" }
}

impl FieldValue {
    /// Whether the value is of `kind`; an unquoted number is also 文字
    /// (an officer writes 编号: 2026 without quotes).
    pub fn is(&self, kind: FieldType) -> bool {
        matches!(
            (self, kind),
            (FieldValue::Yes(_), FieldType::Yes)
                | (FieldValue::Integer(_), FieldType::Integer | FieldType::Text)
                | (FieldValue::Text(_), FieldType::Text)
                | (FieldValue::List(_), FieldType::List)
                | (FieldValue::Map(_), FieldType::Map)
        )
    }
}

/// 版式字段：名称 → 值。
pub type Fields = BTreeMap<String, FieldValue>;

/// One declared field: its type, what it is (shown in the schema), and
/// whether every file must write it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDecl {
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub required: bool,
    /// What templates read where a file writes nothing: a phrase a format's
    /// documents vary (台（套） or 套), which a file may override by name.
    #[serde(default)]
    pub default: Option<FieldValue>,
    /// For a 列表 of names (the 名词解释 a document lists): the 映射 field of
    /// the same scope where a file defines a name its default does not
    /// hold, so a term the set cannot explain is refused, not printed bare.
    #[serde(default)]
    pub defined_in: Option<String>,
}

impl FieldDecl {
    /// The names a file may list without defining them: its default's.
    pub fn known_items(&self) -> &[String] {
        match &self.default {
            Some(FieldValue::List(items)) => items,
            _ => &[],
        }
    }
}

/// What is wrong with a declaration, found when a set is opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeclFault {
    #[error("fields 的“{name}”的 default 应为{kind}")]
    DefaultType { name: String, kind: &'static str },
    #[error("fields 的“{name}”写了 defined_in，它应为列表")]
    DefinedInNotList { name: String },
    #[error("fields 的“{name}”的 defined_in 应是同一处声明的映射字段，“{target}”不是")]
    DefinedInTarget { name: String, target: String },
}

impl DeclFault {
    /// The declaration a message points at.
    pub fn name(&self) -> &str {
        match self {
            DeclFault::DefaultType { name, .. }
            | DeclFault::DefinedInNotList { name }
            | DeclFault::DefinedInTarget { name, .. } => name,
        }
    }
}

impl FieldScopes {
    /// The first declaration that cannot stand: a default not of its own
    /// type, or a `defined_in` that names no 映射 beside it.
    pub fn fault(&self) -> Option<DeclFault> {
        [&self.budget, &self.unit, &self.project, &self.form]
            .into_iter()
            .find_map(scope_fault)
    }
}

fn scope_fault(scope: &BTreeMap<String, FieldDecl>) -> Option<DeclFault> {
    scope.iter().find_map(|(name, d)| {
        let name = name.clone();
        if d.default.as_ref().is_some_and(|v| !v.is(d.kind)) {
            return Some(DeclFault::DefaultType {
                name,
                kind: d.kind.label(),
            });
        }
        let target = d.defined_in.as_ref()?;
        if d.kind != FieldType::List {
            return Some(DeclFault::DefinedInNotList { name });
        }
        match scope.get(target) {
            Some(t) if t.kind == FieldType::Map => None,
            _ => Some(DeclFault::DefinedInTarget {
                name,
                target: target.clone(),
            }),
        }
    })
}

/// The fields a layout set declares, by where a file writes them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldScopes {
    /// At the top of a unit's file or of 部门.yaml.
    #[serde(rename = "预算", default)]
    pub budget: BTreeMap<String, FieldDecl>,
    /// Under 单位 (部门 in 部门.yaml).
    #[serde(rename = "单位", default)]
    pub unit: BTreeMap<String, FieldDecl>,
    #[serde(rename = "项目", default)]
    pub project: BTreeMap<String, FieldDecl>,
    #[serde(rename = "绩效表", default)]
    pub form: BTreeMap<String, FieldDecl>,
}

impl FieldScopes {
    /// These declarations over `base`'s, replacing by name.
    pub fn over(self, mut base: FieldScopes) -> FieldScopes {
        base.budget.extend(self.budget);
        base.unit.extend(self.unit);
        base.project.extend(self.project);
        base.form.extend(self.form);
        base
    }
}
