//! JSON Schema of the budget format, for editors' completion and validation.

use crate::model::{Budget, FieldDecl, FieldScopes, FieldType, FieldValue, IndicatorScheme};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub fn budget_schema() -> String {
    let terms = crate::model::PROJECT_TERMS;
    budget_schema_with(
        &FieldScopes::default(),
        &IndicatorScheme::default(),
        &[],
        &terms,
    )
}

/// The schema with a layout set's declared fields under each 版式字段, its
/// 指标体系 (when it declares one) as the names 绩效指标 may use, and its
/// ways of writing figures as what `显示` may say.
pub fn budget_schema_with(
    declared: &FieldScopes,
    scheme: &IndicatorScheme,
    variants: &[&str],
    terms: &[&str],
) -> String {
    let mut schema = budget_schema_value(declared, scheme);
    display_choices(&mut schema, variants);
    if let Some(Value::Object(term)) = schema.pointer_mut("/$defs/Project/properties/期限") {
        term.insert("enum".into(), json!(terms));
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// `显示` as one of the set's variants (none declared: nothing to write).
fn display_choices(schema: &mut Value, variants: &[&str]) {
    if let Some(Value::Object(display)) = schema.pointer_mut("/properties/显示") {
        display.remove("type");
        display.insert("enum".into(), json!(variants));
    }
}

/// The budget model's own schema, without any layout set's additions.
pub fn model_schema_value() -> Value {
    model_schema().clone()
}

/// The model's schema, generated once per process: opening a layout set
/// asks it whether each field the set names exists, and generating it per
/// question took about 2.5 ms of a one-unit build (perf).
fn model_schema() -> &'static Value {
    static SCHEMA: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::to_value(schemars::schema_for!(Budget)).unwrap_or_default())
}

/// The schema as a value, for the workbook's shape.
pub fn budget_schema_value(declared: &FieldScopes, scheme: &IndicatorScheme) -> Value {
    let mut schema = model_schema().clone();
    let scopes = [
        (None, &declared.budget),
        (Some("Unit"), &declared.unit),
        (Some("Project"), &declared.project),
        (Some("PerformanceForm"), &declared.form),
    ];
    declare_fields(&mut schema, &scopes);
    if !scheme.is_empty()
        && let Some(Value::Object(tree)) = schema.pointer_mut("/$defs/IndicatorTree")
    {
        tree.insert("properties".into(), scheme_properties(scheme));
        tree.insert("additionalProperties".into(), Value::Bool(false));
    }
    schema
}

/// The schema of a 部门 file (部门.yaml), with a layout set's declared
/// fields under its 版式字段 (the budget's) and 部门.版式字段 (the unit's).
pub fn department_schema_with(declared: &FieldScopes, variants: &[&str]) -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(crate::model::DepartmentFile))
        .unwrap_or_default();
    let scopes = [
        (None, &declared.budget),
        (Some("DepartmentInfo"), &declared.unit),
    ];
    declare_fields(&mut schema, &scopes);
    display_choices(&mut schema, variants);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Each scope's declared fields as the 版式字段 of its object: the root
/// (`None`) or a definition by name.
fn declare_fields(schema: &mut Value, scopes: &[(Option<&str>, &BTreeMap<String, FieldDecl>)]) {
    for (definition, fields) in scopes {
        let target = match definition {
            None => Some(&mut *schema),
            Some(name) => schema.pointer_mut(&format!("/$defs/{name}")),
        };
        if let Some(Value::Object(props)) = target.and_then(|t| t.get_mut("properties")) {
            props.insert("版式字段".into(), fields_schema(fields));
        }
    }
}

/// Each 一级指标 with its 二级指标, each a list of 三级指标.
fn scheme_properties(scheme: &IndicatorScheme) -> Value {
    let level1: Map<String, Value> = scheme
        .iter()
        .map(|(l1, groups)| {
            let level2: Map<String, Value> = groups
                .iter()
                .map(|l2| {
                    let list = json!({ "type": "array", "items": { "$ref": "#/$defs/Indicator" } });
                    (l2.clone(), list)
                })
                .collect();
            let one = json!({
                "description": format!("一级指标（二级指标：{}）。", groups.join("、")),
                "type": "object",
                "properties": level2,
                "additionalProperties": false,
            });
            (l1.clone(), one)
        })
        .collect();
    Value::Object(level1)
}

/// A field's default as the officer would write it, after the field's kind.
fn said(default: &FieldValue) -> String {
    let shown = match default {
        FieldValue::Yes(b) => if *b { "是" } else { "否" }.to_string(),
        FieldValue::Integer(n) => n.to_string(),
        FieldValue::Text(t) if t.is_empty() => return "；不填时不印".to_string(),
        FieldValue::Text(t) => t.clone(),
        FieldValue::List(items) => items.join("、"),
        FieldValue::Map(m) => m.keys().cloned().collect::<Vec<_>>().join("、"),
    };
    format!("；不填时为 {shown}")
}

fn fields_schema(fields: &BTreeMap<String, FieldDecl>) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|(name, d)| {
            let mut one = match d.kind {
                FieldType::Text => json!({ "type": ["string", "integer"] }),
                FieldType::Integer => json!({ "type": "integer" }),
                FieldType::Yes => json!({ "type": "boolean" }),
                FieldType::List => json!({ "type": "array", "items": { "type": "string" } }),
                FieldType::Map => {
                    json!({ "type": "object", "additionalProperties": { "type": "string" } })
                }
            };
            // The default is said in words too: the workbook shows only the
            // description, and an officer trimming a list starts from it.
            let default = d.default.as_ref().map(said).unwrap_or_default();
            one["description"] =
                Value::from(format!("{}（{}{default}）", d.description, d.kind.label()));
            if let Some(default) = &d.default {
                one["default"] = serde_json::to_value(default).unwrap_or_default();
            }
            (name.clone(), one)
        })
        .collect();
    let required: Vec<&String> = fields
        .iter()
        .filter(|(_, d)| d.required)
        .map(|(n, _)| n)
        .collect();
    json!({
        "description": "版式声明的其他字段。",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Whether `path` (`国有资产.办公用房面积`, `项目.编报绩效目标`) names a field
/// of the budget format: each name a property of the one before, through
/// lists and optional values.
pub fn names_a_field(path: &str) -> bool {
    let schema = model_schema();
    let mut at = schema;
    for name in path.split('.') {
        match resolve(schema, at)
            .get("properties")
            .and_then(|p| p.get(name))
        {
            Some(next) => at = next,
            None => return false,
        }
    }
    true
}

/// The object schema behind references, optional values and lists.
fn resolve<'a>(root: &'a Value, mut at: &'a Value) -> &'a Value {
    // Nesting is shallow; the bound only guards a self-referring schema.
    for _ in 0..16 {
        if let Some(target) = at
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| root.pointer(p))
        {
            at = target;
        } else if let Some(branch) = ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| at.get(*k).and_then(Value::as_array))
            .flatten()
            .find(|b| b.get("type") != Some(&Value::from("null")))
        {
            at = branch;
        } else if let Some(items) = at.get("items") {
            at = items;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_name_fields_through_options_and_lists() {
        for path in [
            "国有资产.办公用房面积",
            "国有资产.车辆.编制数",
            "项目.编报绩效目标",
            "三公经费.各项原因.公务接待费",
            "政府采购.面向中小企业预留",
        ] {
            assert!(super::names_a_field(path), "{path}");
        }
        for path in ["国有资产.办公面积", "项目.名称.长度", ""] {
            assert!(!super::names_a_field(path), "{path}");
        }
    }
}
