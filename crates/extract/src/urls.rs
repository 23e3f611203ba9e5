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

/// Whether a URL must be wrapped in `<…>` as a markdown link target: its parentheses do not
/// balance or it contains a space, which would otherwise end the target early.
pub(crate) fn needs_angle_brackets(url: &str) -> bool {
    let mut depth: i32 = 0;
    let mut balanced = true;
    for b in url.bytes() {
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
    !(balanced && depth == 0)
}

/// [`resolve_link`] as text: the same URL, serialized. Plain site paths (`/r/12`) against an
/// http(s) base are put together directly ([`join_plain_path`]), the rest goes through
/// [`Url::join`].
pub(crate) fn resolve_link_text(base: &Url, href: &str) -> Option<String> {
    if let Some(joined) = join_plain_path(base, href.trim()) {
        return Some(joined);
    }
    resolve_link(base, href).map(String::from)
}

/// `base.join(href)` serialized, when `href` is a path-absolute reference the URL parser would
/// copy unchanged (`/`, then only letters, digits and `-_~!$&'()*+,;=:@/`: no dot segments,
/// percent signs, backslashes, query, fragment, whitespace or non-ASCII) and `base` is an
/// http(s) URL: then the result is the base up to its path, followed by `href`. `None` for
/// anything else.
pub(crate) fn join_plain_path(base: &Url, href: &str) -> Option<String> {
    let bytes = href.as_bytes();
    if bytes.first() != Some(&b'/') || bytes.get(1) == Some(&b'/') {
        return None;
    }
    if !matches!(base.scheme(), "http" | "https") || !base.has_host() {
        return None;
    }
    let plain = bytes.iter().all(|&b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'/' | b'-'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            )
    });
    if !plain {
        return None;
    }
    let origin = &base[..url::Position::BeforePath];
    let mut joined = String::with_capacity(origin.len() + href.len());
    joined.push_str(origin);
    joined.push_str(href);
    Some(joined)
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
        assert!(!needs_angle_brackets(
            "https://en.wikipedia.org/wiki/Rust_(language)"
        ));
        assert!(needs_angle_brackets("https://example.com/a)b"));
        assert!(needs_angle_brackets("https://example.com/a(b"));
        assert!(needs_angle_brackets("https://example.com/)("));
        assert!(needs_angle_brackets("mailto:a b"));
    }

    #[test]
    fn plain_paths_join_exactly_as_the_url_parser_joins_them() {
        let bases = [
            "https://example.com/",
            "https://example.com/blog/post.html?x=1#frag",
            "http://user:pw@example.com:8080/a/b/",
            "https://example.com:443/",
            "https://EXAMPLE.com./dir",
            "http://[::1]/x",
            "http://127.0.0.1/",
            "https://xn--bcher-kva.example/",
        ];
        let mut hrefs: Vec<String> = [
            "/",
            "/r/12",
            "/a//b",
            "/a/b/",
            "//cdn.example.org/x",
            "/.",
            "/..",
            "/a/./b",
            "/a/../b",
            "/%2e%2e/x",
            "/a%20b",
            "/a b",
            "/a\\b",
            "/\\host",
            "/a?q=1",
            "/a#f",
            "/é",
            "/a\tb",
            "/a\nb",
            "/a|b",
            "/C:/x",
            "/a^b",
            "/a`b",
            "/{x}",
            "/[x]",
            "/\"x\"",
            "/<x>",
            "/x:y@z",
            "/~user/it's(1)*+,;=!$&",
            "r/12",
            "",
            "#x",
            "?q",
            "/a.html",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect();
        // Every ASCII character at the start, in the middle and at the end of a path.
        for b in 0u8..128 {
            let c = char::from(b);
            hrefs.push(format!("/{c}"));
            hrefs.push(format!("/a{c}b"));
            hrefs.push(format!("/a/{c}"));
        }
        for base in bases {
            let base = Url::parse(base).unwrap();
            for href in &hrefs {
                let expected = base.join(href).ok().map(String::from);
                if let Some(joined) = join_plain_path(&base, href) {
                    assert_eq!(Some(joined), expected, "{base} + {href:?}");
                }
                let text = resolve_link_text(&base, href);
                assert_eq!(
                    text,
                    resolve_link(&base, href).map(String::from),
                    "{base} + {href:?}"
                );
            }
            assert!(join_plain_path(&base, "/r/12").is_some());
        }
        // Other schemes always go through the parser.
        let file = Url::parse("file:///home/x").unwrap();
        assert_eq!(join_plain_path(&file, "/r/12"), None);
        let data = Url::parse("data:text/plain,hi").unwrap();
        assert_eq!(join_plain_path(&data, "/r/12"), None);
    }
}
