//! Where parsing time goes: tokenizing alone, tokenizing plus tree building, and the
//! markdown walk over the finished tree, on the corpus and on a generated large page.
//! Run optimised: `cargo test --release -p trawl-extract --lib breakdown -- --ignored --nocapture`.
//! The crate's test binary allocates with mimalloc (see `lib.rs`), as `trawl-server` does.

use std::time::Instant;

#[path = "../../examples/quality/large_page.rs"]
mod quality_large_page;

use super::tokenizer::{Token, Tokenizer};
use crate::main_content::Main;

/// Mean milliseconds of `work` over enough runs to take ~20 ms, best of 3.
fn time_ms(mut work: impl FnMut()) -> f64 {
    work();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let mut runs = 0u32;
        while start.elapsed().as_millis() < 20 || runs == 0 {
            work();
            runs += 1;
        }
        best = best.min(start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs));
    }
    best
}

/// Tokens of a whole document (raw-text elements read as the tree builder would).
fn tokenize(html: &str) -> usize {
    let mut tok = Tokenizer::new(html);
    let mut count = 0;
    loop {
        match tok.next_token() {
            Token::Eof => return count,
            Token::Start(tag) => {
                let kind = match &*tag.name {
                    "script" => Some(super::tokenizer::RawKind::Script),
                    "style" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes" => {
                        Some(super::tokenizer::RawKind::Rawtext)
                    }
                    "title" | "textarea" => Some(super::tokenizer::RawKind::Rcdata),
                    _ => None,
                };
                if let Some(kind) = kind {
                    std::hint::black_box(tok.raw_text(kind, &tag.name));
                }
                count += 1;
            }
            other => {
                std::hint::black_box(other);
                count += 1;
            }
        }
    }
}

pub(super) fn large_page() -> String {
    quality_large_page::large_page(5 * 1024 * 1024)
}

fn report(label: &str, pages: &[String]) {
    let url = url::Url::parse("https://example.com/").expect("valid");
    let kb: f64 = pages.iter().map(|p| p.len() as f64).sum::<f64>() / 102_400.0;
    let sum = |f: &dyn Fn(&str)| -> f64 { pages.iter().map(|p| time_ms(|| f(p))).sum() };
    let tokenize_ms = sum(&|p| {
        std::hint::black_box(tokenize(p));
    });
    let parse_ms = sum(&|p| {
        std::hint::black_box(super::parse_document(p));
    });
    let html5ever_ms = sum(&|p| {
        std::hint::black_box(scraper::Html::parse_document(p));
    });
    let docs: Vec<_> = pages.iter().map(|p| super::parse_document(p)).collect();
    let walk_ms: f64 = docs
        .iter()
        .map(|doc| {
            time_ms(|| {
                let main = Main::find(doc);
                std::hint::black_box(crate::markdown::render(&main, &url, 0));
            })
        })
        .sum();
    let markdown_ms = sum(&|p| {
        std::hint::black_box(crate::html_to_markdown(p, &url));
    });
    eprintln!(
        "{label}: ms per 100 KB: tokenize {:.3}, tree building {:.3} (parse {:.3}; html5ever {:.3}), \
         markdown walk {:.3}, html_to_markdown {:.3}",
        tokenize_ms / kb,
        (parse_ms - tokenize_ms) / kb,
        parse_ms / kb,
        html5ever_ms / kb,
        walk_ms / kb,
        markdown_ms / kb,
    );
}

/// The HTML of every corpus page, decoded as the equivalence tests decode it.
fn corpus_html() -> Vec<String> {
    super::equivalence::corpus()
        .into_iter()
        .map(|(_, html, _)| html)
        .collect()
}

#[test]
#[ignore = "timing report; run with --release -- --ignored --nocapture"]
fn breakdown() {
    let pages = corpus_html();
    report("corpus", &pages);
    report("generated 5 MB page", &[large_page()]);
}

#[test]
#[ignore = "profiling loop"]
fn profile_parse_loop() {
    let pages = corpus_html();
    // A fixed amount of work, so `perf stat` instruction counts compare across builds.
    let html5ever = std::env::var_os("PROFILE_HTML5EVER").is_some();
    let markdown = std::env::var_os("PROFILE_MARKDOWN").is_some();
    let url = url::Url::parse("https://example.com/").expect("valid");
    let iterations = std::env::var("PROFILE_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    for _ in 0..iterations {
        for p in &pages {
            if markdown {
                std::hint::black_box(crate::html_to_markdown(p, &url));
            } else if html5ever {
                std::hint::black_box(scraper::Html::parse_document(p));
            } else {
                std::hint::black_box(super::parse_document(p));
            }
        }
    }
}

#[test]
#[ignore = "profiling loop"]
fn profile_large_page_loop() {
    let page = large_page();
    let markdown = std::env::var_os("PROFILE_MARKDOWN").is_some();
    let url = url::Url::parse("https://example.com/").expect("valid");
    let iterations = std::env::var("PROFILE_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    for _ in 0..iterations {
        if markdown {
            std::hint::black_box(crate::html_to_markdown(&page, &url));
        } else {
            std::hint::black_box(super::parse_document(&page));
        }
    }
}

/// Nodes per byte of the large page and the size of one node (what the tree costs in memory).
#[test]
#[ignore = "node counts"]
fn node_counts() {
    let page = large_page();
    let doc = super::parse_document(&page);
    eprintln!(
        "bytes {} nodes {} bytes/node {:.1} node size {}",
        page.len(),
        doc.tree.nodes().count(),
        page.len() as f64 / doc.tree.nodes().count() as f64,
        std::mem::size_of::<scraper::Node>()
    );
}

/// Writes the markdown of every corpus and unseen page (with its own URL and with
/// `https://example.com/`) and of the generated 5 MB page to `$MARKDOWN_OUT`, so that a speed
/// change can be checked for byte-identical output with `diff -r`.
#[test]
#[ignore = "writes outputs; run with MARKDOWN_OUT=dir"]
fn write_markdown_outputs() {
    let Some(dir) = std::env::var_os("MARKDOWN_OUT") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create output folder");
    let example = url::Url::parse("https://example.com/").expect("valid");
    for (name, html, url) in super::equivalence::corpus() {
        let own = crate::html_to_markdown(&html, &url);
        std::fs::write(dir.join(format!("{name}.md")), own).expect("write");
        let plain = crate::html_to_markdown(&html, &example);
        std::fs::write(dir.join(format!("{name}.example.md")), plain).expect("write");
    }
    let large = crate::html_to_markdown(&large_page(), &example);
    std::fs::write(dir.join("large_page.md"), large).expect("write");
}
