//! JSON (one array) and NDJSON (one item per line) downloads, in the API's own field names.

use trawl_protocol::BatchItem;

/// A pretty-printed JSON array of the items.
pub fn items_to_json(items: &[BatchItem]) -> String {
    serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".to_owned())
}

/// One compact JSON object per line, each line ending with `\n`.
pub fn items_to_ndjson(items: &[BatchItem]) -> String {
    items
        .iter()
        .filter_map(|item| serde_json::to_string(item).ok())
        .map(|line| line + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use trawl_protocol::ItemStatus;

    fn item(url: &str) -> BatchItem {
        let mut item = crate::test_support::item(url, ItemStatus::Completed);
        item.result = Some(json!({"price": 5, "note": "line
break"}));
        item.credits_used = 2;
        item
    }

    #[test]
    fn json_download_is_an_array_with_api_field_names() {
        let text = items_to_json(&[item("https://a.example/")]);
        let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed[0]["url"], "https://a.example/");
        assert_eq!(parsed[0]["creditsUsed"], 2);
        assert_eq!(parsed[0]["result"]["price"], 5);
    }

    #[test]
    fn ndjson_has_one_parseable_line_per_item() {
        let text = items_to_ndjson(&[item("https://a.example/1"), item("https://a.example/2")]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        for line in lines {
            assert!(serde_json::from_str::<Value>(line).is_ok());
        }
        assert!(text.ends_with('\n'));
    }
}
