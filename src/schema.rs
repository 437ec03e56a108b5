//! JSON Schema of the budget format, for editors' completion and validation.

use crate::model::Budget;

pub fn budget_schema() -> String {
    let schema = schemars::schema_for!(Budget);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
