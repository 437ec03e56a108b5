//! JSON Schema of the budget format, for editors' completion and validation.

use crate::model::{Budget, FieldDecl, FieldScopes, FieldType};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub fn budget_schema() -> String {
    budget_schema_with(&FieldScopes::default())
}

/// The schema with a layout set's declared fields under each 版式字段.
pub fn budget_schema_with(declared: &FieldScopes) -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(Budget)).unwrap_or_default();
    let scopes = [
        (None, &declared.budget),
        (Some("Unit"), &declared.unit),
        (Some("Project"), &declared.project),
        (Some("PerformanceForm"), &declared.form),
    ];
    for (definition, fields) in scopes {
        let target = match definition {
            None => Some(&mut schema),
            Some(name) => schema.pointer_mut(&format!("/$defs/{name}")),
        };
        if let Some(Value::Object(props)) = target.and_then(|t| t.get_mut("properties")) {
            props.insert("版式字段".into(), fields_schema(fields));
        }
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default()
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
            one["description"] = Value::from(format!("{}（{}）", d.description, d.kind.label()));
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
