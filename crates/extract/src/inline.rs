//! Inline markdown: links, images, bold and italic, inline code.
//!
//! Each wrapper renders its content into a single-line buffer first, then writes
//! `open + text + close` as one token, keeping the whitespace that surrounded the content
//! outside the markers (`a<b> bold </b>c` → `a **bold** c`).

use scraper::ElementRef;

use crate::dom::AttrExt;
use crate::markdown::{Ctx, Renderer, is_block};
use crate::urls::{needs_angle_brackets, resolve_link, resolve_link_text};
use crate::writer::Out;

impl<'a> Renderer<'_, 'a> {
    pub(crate) fn link(&self, el: ElementRef<'a>, out: &mut Out, ctx: Ctx) {
        let target = el
            .value()
            .attr_str("href")
            .and_then(|href| resolve_link_text(self.base, href));
        let Some(url) = target.filter(|_| !ctx.link) else {
            // No usable target (anchor-only, javascript:): keep the text.
            self.children(*el, out, ctx);
            return;
        };
        let (open_angle, close_angle) = if needs_angle_brackets(&url) {
            ("<", ">")
        } else {
            ("", "")
        };
        let close = ["](", open_angle, &url, close_angle, ")"];
        self.with_inline(el, Ctx { link: true, ..ctx }, |lead, text, trail| {
            if text.is_empty() {
                emit_wrapped(out, lead, &label(el), trail, "[", &close);
            } else {
                emit_wrapped(out, lead, text, trail, "[", &close);
            }
        });
    }

    pub(crate) fn image(&self, el: ElementRef<'a>, out: &mut Out) {
        let v = el.value();
        if v.attr_str("width") == Some("1") && v.attr_str("height") == Some("1") {
            return; // tracking pixel
        }
        let Some(url) = image_source(el).and_then(|src| resolve_link(self.base, src)) else {
            return;
        };
        let alt = collapse(v.attr_str("alt").unwrap_or(""));
        let url = url.as_str();
        if needs_angle_brackets(url) {
            out.token_parts(&["![", &alt, "](<", url, ">)"]);
        } else {
            out.token_parts(&["![", &alt, "](", url, ")"]);
        }
    }

    /// `**…**` / `*…*` around the content; content holding blocks is rendered plainly, as
    /// markers cannot span paragraphs.
    pub(crate) fn wrap(
        &self,
        el: ElementRef<'a>,
        out: &mut Out,
        ctx: Ctx,
        open: &str,
        close: &str,
    ) {
        if has_block_descendant(el) {
            self.children(*el, out, ctx);
            return;
        }
        self.with_inline(el, ctx, |lead, text, trail| {
            emit_wrapped(out, lead, text, trail, open, &[close]);
        });
    }

    pub(crate) fn code(&self, el: ElementRef<'a>, out: &mut Out, ctx: Ctx) {
        let inner = Ctx {
            code: true,
            strong: true,
            em: true,
            ..ctx
        };
        self.with_inline(el, inner, |lead, text, trail| {
            let (open, close) = if text.contains('`') {
                ("`` ", " ``")
            } else {
                ("`", "`")
            };
            emit_wrapped(out, lead, text, trail, open, &[close]);
        });
    }
}

/// Writes `open text close` (`close` given in parts) as one token, keeping the spaces
/// around it.
fn emit_wrapped(out: &mut Out, lead: bool, text: &str, trail: bool, open: &str, close: &[&str]) {
    if lead {
        out.space();
    }
    if !text.is_empty() {
        out.token_parts(&[open, text]);
        for part in close {
            out.continue_token(part);
        }
    }
    if trail {
        out.space();
    }
}

/// Text for a link with no text: its `aria-label` or `title`.
fn label(el: ElementRef<'_>) -> String {
    let v = el.value();
    collapse(
        v.attr_str("aria-label")
            .or(v.attr_str("title"))
            .unwrap_or(""),
    )
}

/// Collapses whitespace runs to single spaces, drops invisible formatting characters
/// (direction marks, zero-width spaces, soft hyphens) and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let visible = if word.is_ascii() {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.chars().filter(|c| !is_invisible(*c)).collect())
        };
        if visible.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&visible);
    }
    out
}

/// Characters that change how text is laid out but are not part of it: `&lrm;` before an
/// Amazon model number, zero-width spaces, byte-order marks, soft hyphens.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// The image URL: `src` unless empty or a `data:` placeholder, then the usual lazy-loading
/// attributes, then the first `srcset` candidate.
fn image_source<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    let v = el.value();
    let usable = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    ["src", "data-src", "data-lazy-src", "data-original"]
        .iter()
        .find_map(|a| v.attr_str(a).filter(usable))
        .or_else(|| {
            ["srcset", "data-srcset"]
                .iter()
                .filter_map(|a| v.attr_str(a))
                .find_map(|set| set.split(',').next()?.split_whitespace().next())
                .filter(usable)
        })
}

fn has_block_descendant(el: ElementRef<'_>) -> bool {
    crate::dom::inside(*el).any(|d| {
        let Some(element) = d.value().as_element() else {
            return false;
        };
        let name = element.name();
        is_block(name)
            || matches!(
                name,
                "h1" | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "ul"
                    | "ol"
                    | "pre"
                    | "blockquote"
                    | "table"
                    | "dl"
                    | "hr"
            )
    })
}

#[cfg(test)]
mod tests {
    use crate::html_to_markdown;
    use url::Url;

    fn md(body: &str) -> String {
        let base = Url::parse("https://example.com/blog/post.html").unwrap();
        html_to_markdown(
            &format!("<html><body><main>{body}</main></body></html>"),
            &base,
        )
    }

    #[test]
    fn links_are_absolute_and_script_links_keep_text() {
        assert_eq!(
            md(
                r##"<p>See <a href="../docs/a b.html">the  docs</a>, <a href="javascript:void(0)">menu</a>,
                <a href="#top">top</a><a href="/x"> </a> and <a href="//cdn.example.org/f.pdf">PDF</a>.</p>"##
            ),
            "See [the docs](https://example.com/docs/a%20b.html), menu, top and [PDF](https://cdn.example.org/f.pdf)."
        );
    }

    #[test]
    fn base_href_is_honoured() {
        let html = r#"<html><head><base href="https://static.example.net/v2/"></head>
            <body><p><a href="guide">Guide</a> <img src="pic.png" alt="A pic"></p></body></html>"#;
        let base = Url::parse("https://example.com/").unwrap();
        assert_eq!(
            html_to_markdown(html, &base),
            "[Guide](https://static.example.net/v2/guide) ![A pic](https://static.example.net/v2/pic.png)"
        );
    }

    #[test]
    fn images_use_lazy_sources_and_skip_placeholders() {
        assert_eq!(
            md(
                r#"<p><img src="data:image/gif;base64,R0lG" data-src="/img/chair.jpg" alt="Red
                chair"><img alt="none"><img src="t.gif" width="1" height="1"></p>
                <a href="/item"><img src="thumb.png" alt=""></a>"#
            ),
            "![Red chair](https://example.com/img/chair.jpg)\n\n[![](https://example.com/blog/thumb.png)](https://example.com/item)"
        );
    }

    #[test]
    fn emphasis_and_code_keep_spacing() {
        assert_eq!(
            md(
                "<p>a<b> bold </b>c <strong><b>x</b></strong> <i></i><em>it</em> \
                <code>let x = 1;</code> <code>a`b</code></p>"
            ),
            "a **bold** c **x** *it* `let x = 1;` `` a`b ``"
        );
    }

    #[test]
    fn bold_around_paragraphs_is_not_split() {
        assert_eq!(md("<b><p>One</p><p>Two</p></b>"), "One\n\nTwo");
    }
}
