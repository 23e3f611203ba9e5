//! Resolving the URLs found in a page: the document's base URL and absolute link targets.

use crate::dom::AttrExt;
use scraper::Html;
use url::Url;

/// The base URL links resolve against: the first `<base href>` of `doc` (itself resolved against
/// the page URL) if it parses to an http(s) URL, else the page URL. `html` is the source `doc`
/// was parsed from.
pub(crate) fn document_base(doc: &Html, html: &str, page: &Url) -> Url {
    // Most pages have no `<base>`, and a `<base` tag in the source tells (a scan of the text is
    // several times cheaper than one of the tree's nodes, on a large page tens of megabytes).
    if !mentions_base_tag(html) {
        return page.clone();
    }
    let base_href = doc
        .root_element()
        .descendent_elements()
        .find(|el| el.value().name() == "base" && el.value().attr_str("href").is_some())
        .and_then(|el| el.value().attr_str("href"));
    match base_href.and_then(|href| page.join(href.trim()).ok()) {
        Some(url) if matches!(url.scheme(), "http" | "https") => url,
        _ => page.clone(),
    }
}

/// Whether the source has a `<base` tag, in any letter case.
fn mentions_base_tag(html: &str) -> bool {
    // Looking for the letter finds far fewer candidates than looking for every `<`.
    let bytes = html.as_bytes();
    memchr::memchr2_iter(b'b', b'B', bytes).any(|at| {
        at > 0
            && bytes[at - 1] == b'<'
            && bytes.get(at..at + 5).is_some_and(|tag| {
                tag[..4].eq_ignore_ascii_case(b"base") && !tag[4].is_ascii_alphanumeric()
            })
    })
}

/// Resolves a link target against `base`. `None` for empty values, fragment-only links
/// (`#top`), `javascript:` and `data:` URLs, and anything that does not parse.
pub(crate) fn resolve_link(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || has_scheme(href, "javascript") {
        return None;
    }
    if has_scheme(href, "data") {
        return None;
    }
    base.join(href).ok()
}

/// Whether `href` starts with `scheme:` (ASCII case-insensitive).
fn has_scheme(href: &str, scheme: &str) -> bool {
    href.len() > scheme.len()
        && href.as_bytes()[scheme.len()] == b':'
        && href.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
}

/// Whether the URL is an http(s) URL.
pub(crate) fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// Formats a URL for a markdown link target: wrapped in `<…>` when its parentheses do not
/// balance or it contains a space, which would otherwise end the target early.
pub(crate) fn markdown_target(url: &Url) -> String {
    let s = url.as_str();
    let mut depth: i32 = 0;
    let mut balanced = true;
    for b in s.bytes() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    balanced = false;
                }
            }
            b' ' => balanced = false,
            _ => {}
        }
    }
    if balanced && depth == 0 {
        s.to_string()
    } else {
        format!("<{s}>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_href_changes_resolution() {
        let page = Url::parse("https://example.com/a/b.html").unwrap();
        let html =
            r#"<html><head><BASE href="https://cdn.example.org/docs/"></head><body></body></html>"#;
        let base = document_base(&Html::parse_document(html), html, &page);
        assert_eq!(
            resolve_link(&base, "x.html").unwrap().as_str(),
            "https://cdn.example.org/docs/x.html"
        );
        // `<basefont>` and a page without a base tag resolve against the page itself.
        let html = r#"<basefont size=3><p>x</p>"#;
        assert_eq!(
            document_base(&Html::parse_document(html), html, &page),
            page
        );
    }

    #[test]
    fn skips_script_fragment_and_data_links() {
        let base = Url::parse("https://example.com/").unwrap();
        assert!(resolve_link(&base, "JavaScript:void(0)").is_none());
        assert!(resolve_link(&base, "#top").is_none());
        assert!(resolve_link(&base, "data:image/png;base64,AAAA").is_none());
        assert_eq!(
            resolve_link(&base, "/p?q=1").unwrap().as_str(),
            "https://example.com/p?q=1"
        );
        assert_eq!(
            resolve_link(&base, "mailto:a@b.c").unwrap().as_str(),
            "mailto:a@b.c"
        );
    }

    #[test]
    fn unbalanced_parentheses_get_angle_brackets() {
        let ok = Url::parse("https://en.wikipedia.org/wiki/Rust_(language)").unwrap();
        assert_eq!(markdown_target(&ok), ok.as_str());
        let odd = Url::parse("https://example.com/a)b").unwrap();
        assert_eq!(markdown_target(&odd), "<https://example.com/a)b>");
    }
}
