//! Output shaped by a prompt alone: the prompt's words become the fields to look for (found by
//! meaning like schema properties), followed by the general page object so the result is
//! never empty.

use serde_json::{Map, Value};
use url::Url;

use crate::coerce::parse_number;
use crate::sources::{Sources, same_field};
use crate::structured::{clean_text, page_base, scalar_text};

/// The fields a person asked for in plain words: "Extract the product name, price, and
/// availability" → ["product name", "price", "availability"].
pub fn prompt_fields(prompt: &str) -> Vec<String> {
    const FILLER: [&str; 12] = [
        "extract", "get", "find", "scrape", "collect", "list", "return", "give", "me", "the",
        "all", "please",
    ];
    let mut fields: Vec<String> = Vec::new();
    let separated = prompt
        .replace([';', '\n', '.', ':'], ",")
        .replace(" and ", ",")
        .replace(" & ", ",");
    for part in separated.split(',') {
        let words: Vec<&str> = part
            .split_whitespace()
            .skip_while(|w| FILLER.contains(&w.to_ascii_lowercase().as_str()))
            .collect();
        let field = words
            .join(" ")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let is_new = !fields.iter().any(|f| f.eq_ignore_ascii_case(&field));
        if !field.is_empty() && field.len() <= 40 && words.len() <= 4 && is_new {
            fields.push(field);
        }
    }
    fields
}

/// `product name` → `productName`: the key a requested field gets in the result.
pub fn field_key(field: &str) -> String {
    let mut key = String::new();
    for (index, word) in field.split_whitespace().enumerate() {
        let word = word.to_lowercase();
        if index == 0 {
            key.push_str(&word);
        } else {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                key.extend(first.to_uppercase());
                key.push_str(chars.as_str());
            }
        }
    }
    key
}

/// The general page object with the fields the prompt asked for first (null when the page has
/// no such value), so the result is never empty.
pub fn fill_prompt(prompt: &str, page: &Value) -> Value {
    let sources = Sources::of_page(page);
    let base = page_base(page);
    let mut out = Map::new();
    for field in prompt_fields(prompt) {
        let key = field_key(&field);
        let value = sources
            .find(&field)
            .map(|found| readable(&key, found, base.as_ref()))
            .unwrap_or(Value::Null);
        out.insert(key, value);
    }
    if let Some(page) = page.as_object() {
        for (key, value) in page {
            out.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    Value::Object(out)
}

/// A found value in the form a person expects: prices as numbers, schema.org enums as words.
fn readable(key: &str, found: Value, base: Option<&Url>) -> Value {
    if found.is_array() && !found.as_array().is_some_and(|l| l.iter().all(is_scalar)) {
        return found;
    }
    let Some(text) = scalar_text(&found) else {
        return found;
    };
    if (same_field("price", key) || same_field("rating", key))
        && let Some(number) = parse_number(&text).and_then(serde_json::Number::from_f64)
    {
        return Value::Number(number);
    }
    Value::String(clean_text(key, &text, None, base))
}

fn is_scalar(value: &Value) -> bool {
    !value.is_object() && !value.is_array()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prompt_words_become_fields() {
        assert_eq!(
            prompt_fields("Extract the product name, price, and availability"),
            vec!["product name", "price", "availability"]
        );
        assert_eq!(
            prompt_fields("title; author & date"),
            vec!["title", "author", "date"]
        );
        assert_eq!(field_key("product name"), "productName");
    }

    #[test]
    fn a_prompt_fills_its_fields_first_and_keeps_the_page_object() {
        let page = json!({"title": "Widget", "jsonLd": [{"@type": "Product", "name": "Widget Pro",
            "offers": {"price": "49.99", "availability": "https://schema.org/InStock"}}]});
        let result = fill_prompt("Extract the product name, price, and availability", &page);
        assert_eq!(result["productName"], "Widget Pro");
        assert_eq!(result["price"], 49.99);
        assert_eq!(result["availability"], "InStock");
        assert_eq!(result["title"], "Widget");
        let keys: Vec<&String> = result.as_object().unwrap().keys().collect();
        assert_eq!(keys[0], "productName", "asked-for fields come first");
    }
}
