//! Scoring one corpus page: the schema result against the expected values (field by field,
//! and whether it validates) and the markdown against the main-content sentences. Shared by
//! the quality benchmark and the corpus test (`tests/corpus.rs`), which need the same verdicts.

#![allow(dead_code)]

use std::path::Path;

use serde_json::{Map, Value, json};

/// One corpus page: its name, spec (`NAME.json`), decoded HTML and address.
pub struct Page {
    pub name: String,
    pub spec: Value,
    pub bytes: usize,
    pub html: String,
    pub url: url::Url,
}

/// Every page of `crates/extract/corpus/`, sorted by name. Unreadable files stop the run:
/// a corpus that silently shrinks would make every score look better.
pub fn corpus() -> Vec<Page> {
    pages_in("corpus")
}

/// The unseen pages of `crates/extract/unseen/`: written blind and never used to change a rule,
/// so their score is what to expect of pages nobody has looked at.
pub fn unseen() -> Vec<Page> {
    pages_in("unseen")
}

fn pages_in(folder: &str) -> Vec<Page> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    specs.sort();
    specs
        .into_iter()
        .map(|spec_path| {
            let name = spec_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&spec_path)
                .unwrap_or_else(|e| panic!("cannot read {name}.json: {e}"));
            let spec: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}.json: {e}"));
            let bytes = std::fs::read(spec_path.with_extension("html"))
                .unwrap_or_else(|e| panic!("{name}.html: {e}"));
            let content_type = spec.get("contentType").and_then(Value::as_str);
            let html = trawl_extract::decode_html(&bytes, content_type);
            let url = spec
                .get("url")
                .and_then(Value::as_str)
                .and_then(|u| url::Url::parse(u).ok())
                .unwrap_or_else(|| url::Url::parse("https://example.com/").expect("a valid URL"));
            Page {
                name,
                spec,
                bytes: bytes.len(),
                html,
                url,
            }
        })
        .collect()
}

/// The verdicts for one page: fields matched and missed, schema validity, main content.
pub fn score_page(p: &Page) -> Map<String, Value> {
    let (name, spec, html, url) = (&p.name, &p.spec, &p.html, &p.url);
    let group = spec.get("group").and_then(Value::as_str).unwrap_or("other");
    let mut page = Map::new();
    page.insert("page".into(), json!(name));
    page.insert("group".into(), json!(group));
    page.insert("bytes".into(), json!(p.bytes));

    if let (Some(schema), Some(expected)) = (spec.get("schema"), spec.get("expected")) {
        let data = trawl_extract::page_data(html, url, 200);
        let result = trawl_extract::fill_schema(schema, &data);
        let mut fields = Vec::new();
        compare(expected, &result, "", &mut fields);
        let matched = fields.iter().filter(|f| f.1).count();
        let misses: Vec<Value> = fields
            .iter()
            .filter(|f| !f.1)
            .map(|(path, _, want, got)| json!({ "field": path, "expected": want, "got": got }))
            .collect();
        let mut errors = Vec::new();
        validate(schema, &result, "", &mut errors);
        page.insert("fields".into(), json!(fields.len()));
        page.insert("fieldsMatched".into(), json!(matched));
        page.insert("misses".into(), Value::Array(misses));
        page.insert("validates".into(), json!(errors.is_empty()));
        if !errors.is_empty() {
            page.insert("schemaErrors".into(), json!(errors));
        }
        page.insert("result".into(), result);
    }

    let markdown = trawl_extract::html_to_markdown(html, url);
    if let Some(main) = spec.get("mainContent") {
        let flat = searchable(&markdown);
        let strings = |key: &str| -> Vec<String> {
            main.get(key)
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let present = strings("present");
        let absent = strings("absent");
        let missing: Vec<&String> = present
            .iter()
            .filter(|s| !flat.contains(&searchable(s)))
            .collect();
        let leaked: Vec<&String> = absent
            .iter()
            .filter(|s| flat.contains(&searchable(s)))
            .collect();
        let too_long = main
            .get("maxChars")
            .and_then(Value::as_u64)
            .is_some_and(|max| markdown.chars().count() as u64 > max);
        page.insert(
            "mainContent".into(),
            json!({
                "sentences": present.len(), "sentencesFound": present.len() - missing.len(),
                "boilerplate": absent.len(), "boilerplateExcluded": absent.len() - leaked.len(),
                "missing": missing, "leaked": leaked, "tooLong": too_long,
                "markdownChars": markdown.chars().count(),
            }),
        );
    }
    page
}

/// Markdown with escapes and runs of whitespace removed, for "does this sentence appear".
fn searchable(text: &str) -> String {
    text.replace('\\', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collects (path, matched, expected, got) for every expected leaf: scalars and arrays of
/// scalars compare whole; objects and arrays of objects field by field.
fn compare(expected: &Value, got: &Value, path: &str, out: &mut Vec<(String, bool, Value, Value)>) {
    match expected {
        Value::Object(map) => {
            for (key, want) in map {
                let child = got.get(key).cloned().unwrap_or(Value::Null);
                compare(want, &child, &format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (index, want) in items.iter().enumerate() {
                let child = got.get(index).cloned().unwrap_or(Value::Null);
                compare(want, &child, &format!("{path}/{index}"), out);
            }
            let extra = got
                .as_array()
                .map_or(0, |g| g.len().saturating_sub(items.len()));
            if extra > 0 {
                out.push((
                    format!("{path}/+{extra} extra"),
                    false,
                    json!(items.len()),
                    json!(got),
                ));
            }
        }
        _ => out.push((
            path.to_string(),
            same(expected, got),
            expected.clone(),
            got.clone(),
        )),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// The parts of JSON Schema the extractor's results must honour: type, properties,
/// required, items, enum.
fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let type_ok = types.is_empty()
        || types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_i64() || value.is_u64(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
    if !type_ok {
        errors.push(format!("{path}: {value} is not {types:?}"));
        return;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} not in enum"));
    }
    if let Value::Object(map) = value {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for key in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(key) {
                    errors.push(format!("{path}/{key}: required but absent"));
                }
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (key, sub) in properties {
                if let Some(child) = map.get(key) {
                    validate(sub, child, &format!("{path}/{key}"), errors);
                }
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (index, item) in items.iter().enumerate() {
            validate(item_schema, item, &format!("{path}/{index}"), errors);
        }
    }
}
