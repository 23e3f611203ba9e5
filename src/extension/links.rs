//! "Scrape all links on this page": the link addresses in a page's HTML, made absolute,
//! limited to web pages, and each listed once.

use super::tabs::{is_web_address, without_fragment};

/// The `href` of every `<a>` element in `html`, in document order, with the common character
/// references decoded. Comments are skipped; a `<base href>` is returned by [`base_href`].
pub fn hrefs_in_html(html: &str) -> Vec<String> {
    tags(html)
        .filter(|(name, _)| name.eq_ignore_ascii_case("a"))
        .filter_map(|(_, attributes)| attribute(attributes, "href"))
        .collect()
}

/// The document's `<base href>`, which relative links are resolved against, if it has one.
pub fn base_href(html: &str) -> Option<String> {
    tags(html)
        .find(|(name, _)| name.eq_ignore_ascii_case("base"))
        .and_then(|(_, attributes)| attribute(attributes, "href"))
}

/// The addresses to offer: `hrefs` resolved against `page_url` by `resolve` (the browser's URL
/// parser in the app), web pages only, without `#anchors`, without the page itself, each once.
pub fn collect_links(
    page_url: &str,
    hrefs: &[String],
    resolve: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    let page = without_fragment(page_url);
    let mut links: Vec<String> = Vec::new();
    for href in hrefs {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            continue;
        }
        let Some(absolute) = resolve(href) else {
            continue;
        };
        if !is_web_address(&absolute) {
            continue;
        }
        let link = without_fragment(&absolute).to_owned();
        if link != page && !links.contains(&link) {
            links.push(link);
        }
    }
    links
}

/// Start tags as (name, attribute text), skipping comments and the insides of scripts and styles.
fn tags(html: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find('<')?;
            rest = &rest[start + 1..];
            if let Some(after) = rest.strip_prefix("!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            let name_len = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if name_len == 0 {
                continue;
            }
            let name = &rest[..name_len];
            let end = tag_end(&rest[name_len..]).map_or(rest.len(), |end| name_len + end);
            let attributes = &rest[name_len..end];
            rest = rest.get(end + 1..).unwrap_or("");
            if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                let closing = format!("</{}", name.to_ascii_lowercase());
                rest = rest
                    .to_ascii_lowercase()
                    .find(&closing)
                    .map_or("", |at| &rest[at..]);
            }
            return Some((name, attributes));
        }
    })
}

/// Where a tag's `>` is, ignoring `>` inside quoted attribute values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return Some(index),
            _ => {}
        }
    }
    None
}

/// The value of attribute `wanted` in a tag's attribute text.
fn attribute(text: &str, wanted: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, remaining) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = remaining;
            Some(value)
        } else {
            None
        };
        if name.eq_ignore_ascii_case(wanted) {
            return value.map(decode_references);
        }
    }
}

/// Decodes the character references that appear in link addresses.
fn decode_references(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small stand-in for the browser's URL parser: enough for absolute, root-relative and
    /// same-folder links on `https://shop.example/list/`.
    fn resolve(href: &str) -> Option<String> {
        if href.contains("://") || href.starts_with("mailto:") || href.starts_with("javascript:") {
            Some(href.to_owned())
        } else if let Some(path) = href.strip_prefix('/') {
            Some(format!("https://shop.example/{path}"))
        } else {
            Some(format!("https://shop.example/list/{href}"))
        }
    }

    #[test]
    fn finds_links_in_any_quoting_and_case() {
        let html = r#"<html><body>
            <A HREF="/item/1">One</A>
            <a class="x" href='item/2'>Two</a>
            <a href=https://other.example/page data-x="a > b">Three</a>
            <a name="top">no link</a>
            <a href="/search?q=1&amp;page=2">Search</a>
        </body></html>"#;
        assert_eq!(
            hrefs_in_html(html),
            vec![
                "/item/1",
                "item/2",
                "https://other.example/page",
                "/search?q=1&page=2"
            ]
        );
    }

    #[test]
    fn links_in_comments_and_scripts_are_ignored() {
        let html = r#"<!-- <a href="/old">old</a> -->
            <script>document.write('<a href="/fake">x</a>')</script>
            <a href="/real">real</a>"#;
        assert_eq!(hrefs_in_html(html), vec!["/real"]);
    }

    #[test]
    fn collected_links_are_absolute_web_pages_listed_once() {
        let hrefs: Vec<String> = [
            "/item/1",
            "item/2",
            "/item/1#reviews",
            "#top",
            "mailto:shop@example.org",
            "javascript:void(0)",
            "https://shop.example/list/",
            "https://other.example/page",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            collect_links("https://shop.example/list/#filters", &hrefs, resolve),
            vec![
                "https://shop.example/item/1",
                "https://shop.example/list/item/2",
                "https://other.example/page",
            ]
        );
    }

    #[test]
    fn base_href_is_found() {
        let html = r#"<head><base href="https://cdn.example/"><title>x</title></head>"#;
        assert_eq!(base_href(html).as_deref(), Some("https://cdn.example/"));
        assert_eq!(base_href("<p>none</p>"), None);
    }

    #[test]
    fn unfinished_markup_does_not_panic() {
        assert!(hrefs_in_html("<a href=\"/x").len() <= 1);
        assert!(hrefs_in_html("<").is_empty());
        assert!(hrefs_in_html("<!-- never closed <a href=/x>").is_empty());
        assert_eq!(hrefs_in_html("<a href>"), Vec::<String>::new());
    }
}
