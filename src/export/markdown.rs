//! A Markdown download: one section per page, with its fields as a list or its text as is.

use trawl_protocol::BatchItem;

use super::flatten::{cell_text, flatten};

/// The items as one Markdown document.
pub fn items_to_markdown(items: &[BatchItem]) -> String {
    let mut out = String::from("# Trawl results\n");
    for item in items {
        out.push_str(&format!("\n## {}\n\n", item.url));
        out.push_str(&format!("Status: {}\n\n", item.status.as_str()));
        if let Some(error) = &item.error {
            out.push_str(&format!("> {error}\n\n"));
        }
        match &item.result {
            Some(serde_json::Value::String(text)) => {
                out.push_str(text.trim_end());
                out.push('\n');
            }
            Some(result) => {
                for (name, value) in flatten(result) {
                    out.push_str(&format!("- **{name}**: {}\n", cell_text(&value)));
                }
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use trawl_protocol::ItemStatus;

    fn item(result: serde_json::Value, error: Option<&str>) -> BatchItem {
        let mut item = crate::test_support::item("https://a.example/", ItemStatus::Completed);
        item.result = Some(result);
        item.error = error.map(str::to_owned);
        item
    }

    #[test]
    fn structured_results_become_a_list_of_fields() {
        let text = items_to_markdown(&[item(json!({"offer": {"price": 5}}), None)]);
        assert!(text.contains("## https://a.example/"));
        assert!(text.contains("- **offer.price**: 5"));
    }

    #[test]
    fn markdown_results_are_included_as_written() {
        let text = items_to_markdown(&[item(json!("# Hello\n\nWorld\n\n"), None)]);
        assert!(text.contains("# Hello\n\nWorld\n"));
    }

    #[test]
    fn errors_are_quoted() {
        let text = items_to_markdown(&[item(json!(null), Some("The page returned 404."))]);
        assert!(text.contains("> The page returned 404."));
    }
}
