//! Differential test: every corpus page parsed by html5ever and by `fast_html` must give
//! the same tree, the same markdown and the same page data.

use std::fmt::Write as _;
use std::path::Path;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::main_content::Main;
use crate::urls::document_base;

/// The tree as indented lines (names, sorted attributes, text), for comparisons.
pub(super) fn dump(doc: &Html) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeRef<'_, Node>, usize)> = vec![(doc.tree.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        let pad = "  ".repeat(depth.min(60));
        match node.value() {
            Node::Document => out.push_str("#document\n"),
            Node::Fragment => {
                let _ = writeln!(out, "{pad}#fragment");
            }
            Node::Doctype(d) => {
                let _ = writeln!(out, "{pad}<!DOCTYPE {}>", d.name());
            }
            Node::Comment(c) => {
                let _ = writeln!(out, "{pad}<!-- {:?} -->", &**c);
            }
            Node::Text(t) => {
                let _ = writeln!(out, "{pad}{:?}", &**t);
            }
            Node::Element(e) => {
                let mut attrs: Vec<String> = e
                    .attrs
                    .iter()
                    .map(|(k, v)| format!("{}:{}={:?}", &*k.ns, &*k.local, &**v))
                    .collect();
                attrs.sort();
                let _ = writeln!(
                    out,
                    "{pad}<{}:{} {}>",
                    &*e.name.ns,
                    e.name(),
                    attrs.join(" ")
                );
            }
            Node::ProcessingInstruction(_) => {}
        }
        let children: Vec<_> = node.children().collect();
        for child in children.into_iter().rev() {
            stack.push((child, depth + 1));
        }
    }
    out
}

fn outputs(doc: &Html, url: &url::Url) -> (String, serde_json::Value) {
    let main = Main::find(doc);
    let base = document_base(doc, url);
    let markdown = crate::markdown::render(&main, &base, 0);
    let data = crate::page_data::from_document(doc, &main, &base, url, 200);
    (markdown, data)
}

/// (name, html, url) of every corpus page.
fn corpus() -> Vec<(String, String, url::Url)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pages = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return pages;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let spec: serde_json::Value = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let Ok(bytes) = std::fs::read(path.with_extension("html")) else {
            continue;
        };
        let html = crate::decode_html(&bytes, spec["contentType"].as_str());
        let url = spec["url"]
            .as_str()
            .and_then(|u| url::Url::parse(u).ok())
            .unwrap_or_else(|| url::Url::parse("https://example.com/").expect("valid"));
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        pages.push((name, html, url));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {i}:\n  html5ever: {x}\n  fast:      {y}");
        }
    }
    format!("lengths {} vs {}", a.lines().count(), b.lines().count())
}

#[test]
fn corpus_pages_give_the_same_tree_markdown_and_page_data_with_both_parsers() {
    let pages = corpus();
    assert!(pages.len() >= 100, "corpus has {} pages", pages.len());
    let mut output_diffs = Vec::new();
    let mut tree_diffs = Vec::new();
    for (name, html, url) in &pages {
        let reference = Html::parse_document(html);
        let fast = super::parse_document(html);
        let (ref_tree, fast_tree) = (dump(&reference), dump(&fast));
        if ref_tree != fast_tree {
            tree_diffs.push(format!(
                "{name}: {}",
                first_difference(&ref_tree, &fast_tree)
            ));
        }
        let (ref_md, ref_data) = outputs(&reference, url);
        let (fast_md, fast_data) = outputs(&fast, url);
        if ref_md != fast_md {
            output_diffs.push(format!(
                "{name}: markdown {}",
                first_difference(&ref_md, &fast_md)
            ));
        }
        if ref_data != fast_data {
            output_diffs.push(format!("{name}: page data differs"));
        }
    }
    // Identical trees are the strong check (all corpus pages have them); the outputs are what
    // a user would notice, reported separately so a tree difference can be judged.
    assert!(
        tree_diffs.is_empty(),
        "{} of {} trees differ:\n{}",
        tree_diffs.len(),
        pages.len(),
        tree_diffs.join("\n")
    );
    assert!(
        output_diffs.is_empty(),
        "{} differences:\n{}",
        output_diffs.len(),
        output_diffs.join("\n")
    );
}
