//! schema.org microdata (`itemscope` / `itemtype` / `itemprop`) as JSON objects shaped like
//! JSON-LD: `{"@type": "Product", "name": …, "offers": {"@type": "Offer", "price": …}}`.

use scraper::{ElementRef, Html};
use serde_json::{Map, Value};
use url::Url;

use crate::dom::AttrExt;
use crate::inline::collapse;
use crate::main_content::MAX_DEPTH;
use crate::urls::resolve_link;

/// At most this many top-level items are read.
const MAX_ITEMS: usize = 200;

/// The page's top-level microdata items (those not themselves the value of a property).
pub(crate) fn items(doc: &Html, base: &Url) -> Vec<Value> {
    let mut found = Vec::new();
    for el in doc.root_element().descendent_elements() {
        let v = el.value();
        if v.attr_str("itemscope").is_some() && v.attr_str("itemprop").is_none() {
            found.push(item(el, base));
            if found.len() >= MAX_ITEMS {
                break;
            }
        }
    }
    found
}

fn item(scope: ElementRef<'_>, base: &Url) -> Value {
    let mut props = Map::new();
    if let Some(kind) = scope.value().attr_str("itemtype") {
        let first = kind.split_whitespace().next().unwrap_or("");
        let name = first
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(first);
        if !name.is_empty() {
            props.insert("@type".into(), Value::String(name.to_string()));
        }
    }
    collect(scope, base, &mut props, 0);
    Value::Object(props)
}

/// Adds the properties found under `el` (not inside nested items) to `props`.
fn collect(el: ElementRef<'_>, base: &Url, props: &mut Map<String, Value>, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in el.child_elements() {
        let v = child.value();
        let nested = v.attr_str("itemscope").is_some();
        if let Some(names) = v.attr_str("itemprop") {
            let value = if nested {
                item(child, base)
            } else {
                Value::String(property_value(child, base))
            };
            for name in names.split_whitespace() {
                add(props, name, value.clone());
            }
        }
        if !nested {
            collect(child, base, props, depth + 1);
        }
    }
}

/// A repeated property becomes a list of its values.
fn add(props: &mut Map<String, Value>, name: &str, value: Value) {
    match props.get_mut(name) {
        None => {
            props.insert(name.to_string(), value);
        }
        Some(Value::Array(list)) => list.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

/// The value of a property element, as the microdata standard defines it per element.
fn property_value(el: ElementRef<'_>, base: &Url) -> String {
    let v = el.value();
    let url_attr = match v.name() {
        "a" | "area" | "link" => Some("href"),
        "img" | "audio" | "video" | "source" | "embed" | "iframe" | "track" => Some("src"),
        "object" => Some("data"),
        _ => None,
    };
    if let Some(attr) = url_attr {
        let raw = v.attr_str(attr).unwrap_or("");
        return resolve_link(base, raw)
            .map(String::from)
            .unwrap_or_else(|| raw.trim().to_string());
    }
    let attr = match v.name() {
        "meta" => v.attr_str("content"),
        "data" | "meter" => v.attr_str("value"),
        "time" => v.attr_str("datetime"),
        _ => v.attr_str("content"),
    };
    match attr {
        Some(value) => value.trim().to_string(),
        None => collapse(&el.text().collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_items_become_nested_objects() {
        let html = r#"<div itemscope itemtype="https://schema.org/Product">
            <h1 itemprop="name">Blanket</h1><a itemprop="url" href="/b">see</a>
            <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
              <meta itemprop="priceCurrency" content="EUR"><span itemprop="price" content="89.90">89,90 €</span>
              <link itemprop="availability" href="https://schema.org/InStock"></div>
            <span itemprop="color">red</span><span itemprop="color">blue</span></div>
            <p itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann</span></p>"#;
        let doc = Html::parse_document(html);
        let base = Url::parse("https://shop.example.com/p").unwrap();
        assert_eq!(
            items(&doc, &base),
            vec![
                json!({"@type": "Product", "name": "Blanket", "url": "https://shop.example.com/b",
                    "offers": {"@type": "Offer", "priceCurrency": "EUR", "price": "89.90",
                               "availability": "https://schema.org/InStock"},
                    "color": ["red", "blue"]}),
                json!({"@type": "Person", "name": "Ann"}),
            ]
        );
    }
}
