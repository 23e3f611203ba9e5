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

fn outputs(doc: &Html, html: &str, url: &url::Url) -> (String, serde_json::Value) {
    let main = Main::find(doc);
    let base = document_base(doc, html, url);
    let markdown = crate::markdown::render(&main, &base, 0);
    let data = crate::page_data::from_document(doc, &main, &base, url, 200);
    (markdown, data)
}

/// (name, html, url) of every corpus page and every unseen page.
pub(super) fn corpus() -> Vec<(String, String, url::Url)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    let paths = ["corpus", "unseen"]
        .iter()
        .filter_map(|folder| std::fs::read_dir(root.join(folder)).ok())
        .flat_map(|entries| entries.filter_map(Result::ok).map(|e| e.path()));
    for path in paths {
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
        let (ref_md, ref_data) = outputs(&reference, html, url);
        let (fast_md, fast_data) = outputs(&fast, html, url);
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

#[test]
fn one_pass_main_content_search_matches_measuring_each_candidate_on_every_page() {
    let pages = corpus();
    assert!(pages.len() >= 100, "corpus has {} pages", pages.len());
    for (name, html, _) in &pages {
        let doc = super::parse_document(html);
        let main = Main::find(&doc);
        let (root, is_body, _) = crate::main_content::find_by_measuring_each_candidate(&doc);
        assert_eq!(
            (main.root.id(), main.is_body),
            (root.id(), is_body),
            "{name}: a different main element"
        );
    }
    for (name, html) in stress_pages().iter().skip(1) {
        let doc = super::parse_document(html);
        let main = Main::find(&doc);
        let (root, is_body, _) = crate::main_content::find_by_measuring_each_candidate(&doc);
        assert_eq!(
            (main.root.id(), main.is_body),
            (root.id(), is_body),
            "{name}"
        );
    }
}

/// Pages beyond the corpus that stress the main-content search and the walkers: nested
/// candidates of every kind, boilerplate inside content, deep nesting.
fn stress_pages() -> Vec<(String, String)> {
    let mut pages = vec![("large".to_string(), super::breakdown::large_page())];
    let mut nested = String::from("<body><div class=content><p>Intro text here.</p>");
    for i in 0..80 {
        nested.push_str(&format!(
            "<article id=a{i}><div class=\"post sidebar\"><p>{}</p>\
             <section><h3>Related</h3><p>x{i}</p></section><form><p>f</p></form>",
            "Words of the article. ".repeat(i % 7 + 1)
        ));
    }
    nested.push_str(&"</div></article>".repeat(80));
    nested.push_str("</div><main role=main><p>m</p></main></body>");
    pages.push((
        "nested-candidates".to_string(),
        nested.replace("<main role=main><p>m</p></main>", ""),
    ));
    pages.push(("nested-with-main".to_string(), nested));
    let mut deep = String::from("<body>");
    for i in 0..400 {
        deep.push_str(&format!(
            "<div class=\"{}\"><script>var x={i}</script><p>level {i} text</p>",
            if i % 3 == 0 {
                "entry-content"
            } else {
                "menu-wrap"
            }
        ));
    }
    deep.push_str("</body>");
    pages.push(("deep".to_string(), deep));
    pages
}

/// Writes markdown, plain text and page data of every corpus and stress page to
/// `$SNAPSHOT_DIR`, to compare the outputs byte for byte across a refactoring.
#[test]
#[ignore = "writes output snapshots; run with SNAPSHOT_DIR=/tmp/x -- --ignored"]
fn write_output_snapshots() {
    let Some(dir) = std::env::var_os("SNAPSHOT_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("snapshot dir");
    let mut pages: Vec<(String, String, url::Url)> = corpus();
    let example = url::Url::parse("https://example.com/dir/page").expect("valid");
    for (name, html) in stress_pages() {
        pages.push((name, html, example.clone()));
    }
    for (name, html, url) in &pages {
        let both = crate::extract(html, url, 200);
        let text = format!(
            "{}\n=====\n{}\n=====\n{}\n=====\n{}",
            crate::html_to_markdown(html, url),
            both.markdown,
            crate::main_text(html),
            serde_json::to_string_pretty(&both.data).unwrap_or_default()
        );
        std::fs::write(dir.join(format!("{name}.txt")), text).expect("write snapshot");
    }
}
