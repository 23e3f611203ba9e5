//! Schema- and prompt-shaped output: each wanted field is looked up by name in the page data
//! (JSON-LD, OpenGraph, meta tags, page basics) and coerced to its type. Missing values are `null`.

use serde_json::{Map, Value};

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
    let mut out = Map::new();
    for field in prompt_fields(prompt) {
        let key = field_key(&field);
        let value = find_value(page, &field)
            .map(|found| readable(&key, found))
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
fn readable(key: &str, found: Value) -> Value {
    let Some(text) = scalar_text(&found) else {
        return found;
    };
    let price_like = aliases("price").contains(&normalized(key));
    if price_like && let Some(number) = parse_number(&text).and_then(serde_json::Number::from_f64) {
        return Value::Number(number);
    }
    match text
        .strip_prefix("https://schema.org/")
        .or_else(|| text.strip_prefix("http://schema.org/"))
    {
        Some(word) => Value::String(word.to_string()),
        None => Value::String(text),
    }
}

/// Builds an object with exactly the schema's properties, filled from `page` (a `page_data` object).
pub fn fill_schema(schema: &Value, page: &Value) -> Value {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return page.clone();
    };
    let mut out = Map::new();
    for (name, property) in properties {
        let found = find_value(page, name);
        out.insert(name.clone(), coerce(found, property));
    }
    Value::Object(out)
}

fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn aliases(name: &str) -> Vec<String> {
    let key = normalized(name);
    let extra: &[&str] = match key.as_str() {
        "title" | "name" | "productname" => &["name", "headline", "title"],
        "price" | "cost" | "amount" => &["price", "lowprice", "priceamount", "productpriceamount"],
        "currency" => &["pricecurrency", "pricecurrency", "productpricecurrency"],
        "description" | "summary" => &["description"],
        "image" | "imageurl" => &["image"],
        "url" | "link" => &["url"],
        "author" => &["author"],
        "date" | "published" | "publishedat" | "datepublished" => &["datepublished", "publishedat"],
        "brand" => &["brand"],
        "sku" => &["sku"],
        "availability" | "available" | "instock" => &["availability"],
        _ => &[],
    };
    let mut names = vec![key];
    names.extend(extra.iter().map(|s| s.to_string()));
    names
}

/// Breadth-first search of the page data for the first key matching one of the aliases,
/// preferring JSON-LD, then OpenGraph, then the page basics.
fn find_value(page: &Value, name: &str) -> Option<Value> {
    let names = aliases(name);
    let sources = [
        page.get("jsonLd"),
        page.get("openGraph"),
        page.get("meta"),
        Some(page),
    ];
    for source in sources.into_iter().flatten() {
        if let Some(found) = search(source, &names) {
            return Some(found);
        }
    }
    None
}

fn search(root: &Value, names: &[String]) -> Option<Value> {
    let mut queue = std::collections::VecDeque::from([root]);
    while let Some(value) = queue.pop_front() {
        match value {
            Value::Object(map) => {
                for wanted in names {
                    for (key, found) in map {
                        if normalized(key) == *wanted && !found.is_null() {
                            return Some(found.clone());
                        }
                    }
                }
                queue.extend(map.values());
            }
            Value::Array(list) => queue.extend(list.iter()),
            _ => {}
        }
    }
    None
}

fn allowed_types(property: &Value) -> Vec<String> {
    match property.get("type") {
        Some(Value::String(kind)) => vec![kind.clone()],
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Names inside objects (`{"name": "Ada"}` → "Ada") and the first of lists, for scalar fields.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_string()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Array(list) => list.first().and_then(scalar_text),
        Value::Object(map) => ["name", "@value", "url", "text"]
            .iter()
            .find_map(|key| map.get(*key))
            .and_then(scalar_text),
        Value::Null => None,
    }
}

pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-')
        .collect();
    let (last_dot, last_comma) = (cleaned.rfind('.'), cleaned.rfind(','));
    let canonical = match (last_dot, last_comma) {
        (Some(dot), Some(comma)) if comma > dot => cleaned.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => cleaned.replace(',', ""),
        (None, Some(comma)) if cleaned.len() - comma - 1 == 3 => cleaned.replace(',', ""),
        (None, Some(_)) => cleaned.replace(',', "."),
        _ => cleaned,
    };
    canonical.parse().ok()
}

fn coerce(found: Option<Value>, property: &Value) -> Value {
    let Some(found) = found else {
        return Value::Null;
    };
    let types = allowed_types(property);
    if types.is_empty() {
        return found;
    }
    for kind in &types {
        let converted = match kind.as_str() {
            "string" => scalar_text(&found).map(Value::String),
            "number" => scalar_text(&found)
                .and_then(|t| parse_number(&t))
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            "integer" => scalar_text(&found)
                .and_then(|t| parse_number(&t))
                .map(|n| Value::from(n.round() as i64)),
            "boolean" => scalar_text(&found).map(|t| {
                let t = t.to_ascii_lowercase();
                Value::Bool(
                    t.contains("instock") || t == "true" || t.contains("in stock") || t == "yes",
                )
            }),
            "array" => Some(match &found {
                Value::Array(_) => found.clone(),
                other => Value::Array(vec![other.clone()]),
            }),
            "object" => found.is_object().then(|| found.clone()),
            _ => None,
        };
        if let Some(value) = converted {
            return value;
        }
    }
    Value::Null
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_price_and_name_from_json_ld_offers() {
        let page = json!({
            "title": "Widget Pro | Shop",
            "jsonLd": [{"@type": "Product", "name": "Widget Pro",
                        "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "EUR",
                                   "availability": "https://schema.org/InStock"}}]
        });
        let schema = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "price": {"type": "number"},
            "currency": {"type": ["string", "null"]}, "available": {"type": ["boolean", "null"]},
            "color": {"type": ["string", "null"]}
        }});
        let result = fill_schema(&schema, &page);
        assert_eq!(result["name"], "Widget Pro");
        assert_eq!(result["price"], 49.99);
        assert_eq!(result["currency"], "EUR");
        assert_eq!(result["available"], true);
        assert!(result["color"].is_null());
    }

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

    #[test]
    fn parses_prices_written_the_european_way() {
        assert_eq!(parse_number("€1.299,00"), Some(1299.0));
        assert_eq!(parse_number("$1,299.50"), Some(1299.5));
        assert_eq!(parse_number("12,5"), Some(12.5));
    }
}
