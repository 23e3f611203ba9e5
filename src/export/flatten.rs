//! Nested JSON as a flat list of dotted names and values: `{"offer": {"price": 5}}` becomes
//! `offer.price = 5`, so it fits a spreadsheet column or a two-column table.

use serde_json::Value;

/// The name used when the whole result is one value (a markdown page, say).
pub const WHOLE_RESULT: &str = "content";

/// The leaves of `value` with their dotted names. Lists of plain values stay one entry
/// ("red, blue"); lists of objects are numbered (`offers.0.price`). Empty objects and lists
/// are kept as empty entries so a missing part still shows up.
pub fn flatten(value: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    match value {
        Value::Object(_) | Value::Array(_) => walk("", value, &mut out),
        other => out.push((WHOLE_RESULT.to_owned(), other.clone())),
    }
    out
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                walk(&join(prefix, key), child, out);
            }
        }
        Value::Array(list) if list.iter().any(|v| v.is_object() || v.is_array()) => {
            for (index, child) in list.iter().enumerate() {
                walk(&join(prefix, &index.to_string()), child, out);
            }
        }
        leaf => out.push((
            if prefix.is_empty() {
                WHOLE_RESULT.to_owned()
            } else {
                prefix.to_owned()
            },
            leaf.clone(),
        )),
    }
}

/// A leaf as text: strings as they are, numbers and booleans as JSON writes them, lists of plain
/// values joined with ", ", null and empty things as "".
pub fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(list) => list.iter().map(cell_text).collect::<Vec<_>>().join(", "),
        Value::Object(map) if map.is_empty() => String::new(),
        other => other.to_string(),
    }
}

/// True for values a person would call "missing": null, "", [] and {}.
pub fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(list) => list.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(value: &Value) -> Vec<String> {
        flatten(value).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn nested_objects_get_dotted_names() {
        let value = json!({"name": "Widget", "offer": {"price": 5, "seller": {"name": "Ana"}}});
        assert_eq!(names(&value), ["name", "offer.price", "offer.seller.name"]);
    }

    #[test]
    fn lists_of_objects_are_numbered_and_plain_lists_joined() {
        let value = json!({"offers": [{"price": 1}, {"price": 2}], "tags": ["red", "blue"]});
        let flat = flatten(&value);
        assert_eq!(flat[0], ("offers.0.price".to_owned(), json!(1)));
        assert_eq!(flat[1].0, "offers.1.price");
        assert_eq!(cell_text(&flat[2].1), "red, blue");
    }

    #[test]
    fn a_markdown_result_is_one_content_entry() {
        assert_eq!(
            flatten(&json!("# Title")),
            [("content".to_owned(), json!("# Title"))]
        );
    }

    #[test]
    fn empty_parts_are_kept_and_recognised() {
        let flat = flatten(&json!({"price": null, "images": [], "extra": {}}));
        assert_eq!(flat.len(), 3);
        assert!(flat.iter().all(|(_, value)| is_empty_value(value)));
        assert!(!is_empty_value(&json!(0)));
        assert!(!is_empty_value(&json!(false)));
    }

    #[test]
    fn cells_read_naturally() {
        assert_eq!(cell_text(&json!(49.99)), "49.99");
        assert_eq!(cell_text(&json!(true)), "true");
        assert_eq!(cell_text(&json!(null)), "");
        assert_eq!(cell_text(&json!("Ünïcode")), "Ünïcode");
    }
}
