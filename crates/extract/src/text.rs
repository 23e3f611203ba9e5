//! Plain text and links of the main content (for `main_text`, word counts and page data).

use std::collections::HashSet;

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};
use url::Url;

use crate::dom::AttrExt;
use crate::inline::collapse;
use crate::main_content::{MAX_DEPTH, Main};
use crate::urls::{is_web, resolve_link};
use crate::writer::Out;

/// At most this many links are collected.
pub(crate) const MAX_LINKS: usize = 200;

/// Plain text of the page's main content: boilerplate left out, whitespace collapsed, one
/// line per block.
pub fn main_text(html: &str) -> String {
    let doc = crate::fast_html::parse_document(html);
    let main = Main::find(&doc);
    collect(&main, None).text
}

/// What one walk over the main content gathers.
pub(crate) struct Content {
    pub(crate) text: String,
    /// (link text, absolute http(s) URL), deduplicated by URL, at most [`MAX_LINKS`].
    pub(crate) links: Vec<(String, String)>,
}

/// Walks the main content once; collects links too when given the base URL.
pub(crate) fn collect(main: &Main<'_>, base: Option<&Url>) -> Content {
    let mut walker = Walker {
        main,
        base,
        out: Out::block(0),
        links: Vec::new(),
        seen: HashSet::new(),
    };
    walker.children(*main.root, !main.is_body, 0);
    Content {
        text: walker.out.finish(),
        links: walker.links,
    }
}

struct Walker<'m, 'a> {
    main: &'m Main<'a>,
    base: Option<&'m Url>,
    out: Out,
    links: Vec<(String, String)>,
    seen: HashSet<String>,
}

impl<'a> Walker<'_, 'a> {
    fn children(&mut self, node: NodeRef<'a, Node>, in_section: bool, depth: u32) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.out.text(t),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, in_section, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'a>, mut in_section: bool, depth: u32) {
        if self.main.skip(el, in_section) {
            return;
        }
        if depth > MAX_DEPTH {
            el.text().for_each(|t| self.out.text(t));
            return;
        }
        let name = el.value().name();
        if name == "a" {
            self.link(el);
        }
        if matches!(name, "article" | "main") {
            in_section = true;
        }
        let block = is_line_block(name);
        if name == "br" || block {
            self.out.newline(1);
        }
        if name == "img" {
            if let Some(alt) = el
                .value()
                .attr_str("alt")
                .map(collapse)
                .filter(|a| !a.is_empty())
            {
                self.out.space();
                self.out.text(&alt);
                self.out.space();
            }
        } else if name == "td" || name == "th" {
            self.out.space();
            self.children(*el, in_section, depth);
            self.out.space();
        } else {
            self.children(*el, in_section, depth);
        }
        if block {
            self.out.newline(1);
        }
    }

    fn link(&mut self, el: ElementRef<'a>) {
        let Some(base) = self.base else { return };
        if self.links.len() >= MAX_LINKS {
            return;
        }
        let Some(url) = el
            .value()
            .attr_str("href")
            .and_then(|href| resolve_link(base, href))
            .filter(is_web)
        else {
            return;
        };
        let mut text = collapse(&el.text().collect::<String>());
        if text.is_empty() {
            let v = el.value();
            let label = v
                .attr_str("aria-label")
                .or(v.attr_str("title"))
                .or_else(|| {
                    el.descendent_elements()
                        .find(|d| d.value().name() == "img")
                        .and_then(|img| img.value().attr_str("alt"))
                });
            text = collapse(label.unwrap_or(""));
        }
        let url = String::from(url);
        if self.seen.insert(url.clone()) {
            self.links.push((text, url));
        }
    }
}

/// Elements that start and end a line of plain text.
#[rustfmt::skip]
const LINE_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "pre", "blockquote", "table", "tr", "figure",
    "figcaption", "address", "details", "summary", "hr", "form", "fieldset", "caption",
];

fn is_line_block(name: &str) -> bool {
    LINE_TAGS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_is_plain_lines_without_boilerplate() {
        let html = r#"<body><nav>Home | Shop</nav><header>Site title</header>
            <div id="cookie-consent">We use cookies</div>
            <h1>Hello   world</h1><p>First <b>bold</b> line.</p><ul><li>one</li><li>two</li></ul>
            <script>var x = 1;</script><footer>Copyright</footer></body>"#;
        assert_eq!(main_text(html), "Hello world\nFirst bold line.\none\ntwo");
    }

    #[test]
    fn links_are_absolute_deduped_and_web_only() {
        let html = r#"<body><main><p><a href="/a">A</a> <a href="/a#x">A2</a> <a href="/a">again</a>
            <a href="mailto:x@y.z">mail</a> <a href="javascript:go()">js</a>
            <a href="https://other.org/p"><img alt="Logo" src="l.png"></a></p></main>
            <nav><a href="/nav-only">Nav</a></nav></body>"#;
        let doc = scraper::Html::parse_document(html);
        let main = Main::find(&doc);
        let base = Url::parse("https://example.com/dir/page").unwrap();
        let content = collect(&main, Some(&base));
        let links: Vec<(&str, &str)> = content
            .links
            .iter()
            .map(|(t, u)| (t.as_str(), u.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("A", "https://example.com/a"),
                ("A2", "https://example.com/a#x"),
                ("Logo", "https://other.org/p"),
            ]
        );
    }
}
