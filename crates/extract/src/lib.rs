//! Trawl's page extraction: turns fetched HTML into readable markdown of the page's main
//! content and a JSON object of page data.
//!
//! Pure functions only: no I/O, no async, no network. Every function accepts any input
//! (malformed HTML, odd encodings) and never panics on it.
//!
//! - [`decode_html`]: raw response bytes to text, honouring BOM, Content-Type charset and
//!   `<meta charset>`.
//! - [`html_to_markdown`]: markdown of the main content, boilerplate (navigation, cookie
//!   banners, share buttons, forms…) left out, links and images absolute.
//! - [`page_data`]: title, description, language, canonical URL, Open Graph, Twitter, meta
//!   tags, JSON-LD, headings, links and word count as JSON.
//! - [`main_text`]: plain text of the main content.
//! - [`extract`]: markdown and page data from one parse of the page.
//! - [`parse_html`]: the parser they all use (html5ever's tree, built faster).

mod address;
mod charset;
mod coerce;
mod day_lists;
mod dom;
mod duration;
mod fast_html;
mod field_names;
mod inline;
mod listings;
mod main_content;
mod markdown;
mod microdata;
mod page_data;
mod prompt;
mod sources;
mod structured;
mod tables;
mod text;
mod urls;
mod visible;
mod writer;

pub use charset::decode_html;
pub use coerce::parse_number;
pub use markdown::html_to_markdown;
pub use page_data::page_data;
pub use prompt::{field_key, fill_prompt, prompt_fields};
pub use structured::fill_schema;
pub use text::main_text;

/// Parses a document into the `scraper` tree the other functions walk, with the crate's
/// own parser: the tree html5ever (`scraper::Html::parse_document`) builds, in a fraction
/// of the time.
pub fn parse_html(html: &str) -> scraper::Html {
    fast_html::parse_document(html)
}

/// Markdown and page data of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// As [`html_to_markdown`] returns it.
    pub markdown: String,
    /// As [`page_data`] returns it.
    pub data: serde_json::Value,
}

/// [`html_to_markdown`] and [`page_data`] together, parsing the HTML once (about half the
/// work of calling both).
pub fn extract(html: &str, final_url: &url::Url, status_code: u16) -> Extracted {
    let doc = fast_html::parse_document(html);
    let main = main_content::Main::find(&doc);
    let base = urls::document_base(&doc, html, final_url);
    Extracted {
        markdown: markdown::render(&main, &base, html.len()),
        data: page_data::from_document(&doc, &main, &base, final_url, status_code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extract_matches_the_separate_functions() {
        let html = r#"<html lang="en"><head><title>T</title></head>
            <body><article><h1>Head</h1><p>Some <a href="/x">link</a>.</p></article></body></html>"#;
        let url = url::Url::parse("https://example.com/p").unwrap();
        let both = extract(html, &url, 200);
        assert_eq!(both.markdown, html_to_markdown(html, &url));
        assert_eq!(both.data, page_data(html, &url, 200));
        assert_eq!(
            both.markdown,
            "# Head\n\nSome [link](https://example.com/x)."
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let url = url::Url::parse("https://example.com/").unwrap();
        let page = r#"<!doctype html><html lang=fr><head><meta charset="utf-8"><title>Été</title>
            <script type="application/ld+json">{"@graph": [{"@type": "Thing"}]}</script></head>
            <body><nav>x</nav><main><h1>Café <em>crème</em></h1><table><tr><th>a|b</th><th>c</th></tr>
            <tr><td colspan="99999999999">1</td></tr></table><ol start="-3"><li>x<li>y</ol>
            <pre>  code  </pre><dl><dd>alone</dd></dl><a href="http://[::1">bad url</a>
            <img srcset=", ,"><blockquote><blockquote>deep</blockquote></blockquote></main>
            <frameset><frame src="x"></frameset></body></html>"#;
        let mut inputs: Vec<String> = vec![
            String::new(),
            "plain text only".into(),
            "<".into(),
            "<html><frameset><frame></frameset></html>".into(),
            "<table><tr><td><table>".into(),
            "\u{0}\u{feff}<p>\u{0}</p>".into(),
        ];
        // Every 7th prefix of the page (cut on char boundaries).
        inputs.extend(
            page.char_indices()
                .step_by(7)
                .map(|(i, _)| page[..i].to_string()),
        );
        for html in &inputs {
            let both = extract(html, &url, 200);
            assert!(both.data.is_object());
            let _ = main_text(html);
            let _ = decode_html(html.as_bytes(), Some("text/html; charset"));
            let _ = decode_html(&html.as_bytes()[..html.len() / 2], None);
        }
        let md = html_to_markdown(page, &url);
        assert!(md.starts_with("# Café *crème*"), "{md}");
        assert!(md.contains("| a\\|b | c |"), "{md}");
        assert!(md.contains("-3. x\n-2. y"), "{md}");
        assert!(md.contains("> > deep"), "{md}");
        assert!(!md.contains("x\n\n# "), "nav text leaked: {md}");
    }
}

/// The crate's tests (and the parser's timing tests among them) allocate as `trawl-server`
/// does.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
