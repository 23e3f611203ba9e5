//! Checks that a submitted `schema` is a JSON Schema Trawl can fill, before anything is queued.

use serde_json::Value;

/// Nesting deeper than this is almost certainly a mistake and slows every item down.
const MAX_DEPTH: usize = 10;

/// `Ok` when the schema is valid JSON Schema describing an object; otherwise the reason,
/// phrased for the person who wrote it.
pub fn check_schema(schema: &Value) -> Result<(), String> {
    if let Err(error) = jsonschema::meta::validate(schema) {
        return Err(format!(
            "\"schema\" is not a valid JSON Schema: {error} (at {}).",
            display_path(&error.instance_path.to_string())
        ));
    }
    if let Err(error) = jsonschema::validator_for(schema) {
        return Err(format!("\"schema\" cannot be used: {error}."));
    }
    let declares_object = match schema.get("type") {
        Some(Value::String(kind)) => kind == "object",
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k == "object"),
        None => schema.get("properties").is_some(),
        _ => false,
    };
    if !declares_object {
        return Err(
            "\"schema\" must describe an object (\"type\": \"object\" with \"properties\"), because each page's result is one object.".to_string(),
        );
    }
    if depth(schema) > MAX_DEPTH {
        return Err(format!(
            "\"schema\" is nested more than {MAX_DEPTH} levels deep; flatten it a little."
        ));
    }
    Ok(())
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_string()
    } else {
        path.to_string()
    }
}

fn depth(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        Value::Array(list) => 1 + list.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// True when `result` satisfies `schema` (used to check what the extractor produced).
pub fn conforms(schema: &Value, result: &Value) -> bool {
    jsonschema::validator_for(schema)
        .map(|validator| validator.is_valid(result))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_the_spidra_example_schema() {
        let schema = json!({"type": "object", "required": ["name", "price"], "properties": {
            "name": {"type": "string"}, "price": {"type": "number"},
            "currency": {"type": ["string", "null"]}}});
        assert_eq!(check_schema(&schema), Ok(()));
    }

    #[test]
    fn explains_an_unknown_type() {
        let schema = json!({"type": "object", "properties": {"price": {"type": "money"}}});
        let message = check_schema(&schema).unwrap_err();
        assert!(message.contains("not a valid JSON Schema"), "{message}");
        assert!(message.contains("/properties/price/type"), "{message}");
    }

    #[test]
    fn refuses_a_schema_that_is_not_an_object() {
        let message = check_schema(&json!({"type": "string"})).unwrap_err();
        assert!(message.contains("must describe an object"), "{message}");
    }
}
