//! HTML to markdown: one walk over the main content, writing headings, paragraphs, lists,
//! links, images, emphasis, code, quotes, tables and definition lists.
//!
//! Inline wrappers (`**…**`, `[…](…)`, `` `…` ``) render their content into a small
//! single-line buffer first, so empty or whitespace-padded elements never produce broken
//! markers. Inline elements live in [`crate::inline`], tables and definition lists in
//! [`crate::tables`].

use std::cell::RefCell;

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};
use url::Url;

use crate::dom::AttrExt;
use crate::inline::collapse;
use crate::main_content::{MAX_DEPTH, Main};
use crate::tables;
use crate::urls::document_base;
use crate::writer::{Out, plain_words};

/// Markdown of the page's main content. Links and images are made absolute against `base`
/// (and the page's `<base href>` if present).
pub fn html_to_markdown(html: &str, base: &Url) -> String {
    let doc = crate::fast_html::parse_document(html);
    let main = Main::find(&doc);
    render(&main, &document_base(&doc, html, base), html.len())
}

/// Markdown of an already found main element; `base` is the document's base URL and
/// `size_hint` the length of the source HTML.
pub(crate) fn render(main: &Main<'_>, base: &Url, size_hint: usize) -> String {
    let renderer = Renderer {
        main,
        base,
        spare: RefCell::new(Vec::new()),
        grid: RefCell::default(),
    };
    let mut out = Out::block(size_hint / 4);
    let ctx = Ctx {
        in_section: !main.is_body,
        ..Ctx::default()
    };
    renderer.children(*main.root, &mut out, ctx);
    out.finish()
}

/// Where the walk is; copied down the recursion.
#[derive(Clone, Copy, Default)]
pub(crate) struct Ctx {
    pub(crate) depth: u32,
    /// Inside a list item: blocks are separated by a line break, not a blank line.
    pub(crate) in_li: bool,
    /// Inside `<article>`/`<main>`: `<header>`/`<footer>` are content.
    pub(crate) in_section: bool,
    /// Already bold / italic / code / link: don't nest the same markers.
    pub(crate) strong: bool,
    pub(crate) em: bool,
    pub(crate) code: bool,
    pub(crate) link: bool,
}

impl Ctx {
    /// Line breaks between blocks here.
    pub(crate) fn gap(self) -> u8 {
        if self.in_li { 1 } else { 2 }
    }
}

/// The walker: knows the main element's boilerplate rules and the base URL.
pub(crate) struct Renderer<'m, 'a> {
    pub(crate) main: &'m Main<'a>,
    pub(crate) base: &'m Url,
    /// Single-line writers to reuse (see [`Renderer::with_inline`]).
    pub(crate) spare: RefCell<Vec<Out>>,
    /// A table's grid buffers to reuse (see [`tables::table`]).
    pub(crate) grid: RefCell<tables::Grid>,
}

impl<'a> Renderer<'_, 'a> {
    pub(crate) fn children(&self, node: NodeRef<'a, Node>, out: &mut Out, ctx: Ctx) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.text(t),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, out, ctx);
                    }
                }
                _ => {}
            }
        }
    }

    /// Renders the children of `el` into a single-line buffer and gives `f` the result:
    /// (began with whitespace, trimmed text, ended with whitespace). The buffers are reused
    /// from one call to the next.
    pub(crate) fn with_inline<R>(
        &self,
        el: ElementRef<'a>,
        ctx: Ctx,
        f: impl FnOnce(bool, &str, bool) -> R,
    ) -> R {
        // One text child of plain words (most links, cells, emphasis): the result is that
        // text as it is, without rendering it into a buffer.
        let mut children = el.children();
        if let (Some(only), None) = (children.next(), children.next())
            && let Node::Text(text) = only.value()
        {
            let text: &str = text;
            if let Some((start, end)) = plain_words(text.as_bytes()) {
                return f(start > 0, &text[start..end], end < text.len());
            }
        }
        let mut sub = self.spare.borrow_mut().pop().unwrap_or_else(Out::inline);
        self.children(*el, &mut sub, ctx);
        let result = {
            let (lead, text, trail) = sub.inline_parts();
            f(lead, text, trail)
        };
        sub.reset_inline();
        self.spare.borrow_mut().push(sub);
        result
    }

    pub(crate) fn element(&self, el: ElementRef<'a>, out: &mut Out, mut ctx: Ctx) {
        let v = el.value();
        let name = v.name();
        if self.main.skip_named(el, name, ctx.in_section) {
            return;
        }
        ctx.depth += 1;
        if ctx.depth > MAX_DEPTH {
            // Absurdly deep nesting: keep the words, stop recursing.
            el.text().for_each(|t| out.text(t));
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(el, out, ctx),
            "br" => out.newline(1),
            "hr" => {
                out.newline(2);
                out.raw_line("---");
                out.newline(2);
            }
            "ul" | "menu" | "dir" => self.list(el, out, ctx, false),
            "ol" => self.list(el, out, ctx, true),
            "li" => self.list_item(el, out, ctx, "- "),
            "a" => self.link(el, out, ctx),
            "img" => self.image(el, out),
            "strong" | "b" if !ctx.strong => {
                ctx.strong = true;
                self.wrap(el, out, ctx, "**", "**");
            }
            "em" | "i" if !ctx.em => {
                ctx.em = true;
                self.wrap(el, out, ctx, "*", "*");
            }
            "code" | "kbd" | "samp" | "tt" if !ctx.code => self.code(el, out, ctx),
            "pre" => self.pre(el, out),
            "blockquote" => {
                out.newline(2);
                out.push_prefix("> ");
                self.children(
                    *el,
                    out,
                    Ctx {
                        in_li: false,
                        ..ctx
                    },
                );
                out.pop_prefix();
                out.newline(2);
            }
            "table" => tables::table(self, el, out, ctx),
            "dl" => tables::definition_list(self, el, out, ctx),
            _ if is_block(name) => {
                if matches!(name, "article" | "main")
                    || v.attr_str("role")
                        .is_some_and(|r| matches!(r, "main" | "article"))
                {
                    ctx.in_section = true;
                }
                out.newline(ctx.gap());
                self.children(*el, out, ctx);
                out.newline(ctx.gap());
            }
            _ => self.children(*el, out, ctx),
        }
    }

    fn heading(&self, el: ElementRef<'a>, out: &mut Out, ctx: Ctx) {
        let level = el.value().name().as_bytes().get(1).map_or(1, |b| b - b'0');
        let inner = Ctx {
            strong: true,
            ..ctx
        };
        self.with_inline(el, inner, |_, text, _| {
            if text.is_empty() {
                return;
            }
            if out.is_inline() {
                out.space();
                out.token(text);
                out.space();
                return;
            }
            out.newline(ctx.gap().max(2));
            let hashes = "######"
                .get(..usize::from(level.clamp(1, 6)))
                .unwrap_or("#");
            out.set_marker(hashes, 0);
            out.set_marker(" ", 0);
            out.token(text);
            out.newline(ctx.gap().max(2));
        });
    }

    fn list(&self, el: ElementRef<'a>, out: &mut Out, ctx: Ctx, ordered: bool) {
        out.newline(ctx.gap());
        let mut number: i64 = el
            .value()
            .attr_str("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut last_width = 2;
        // The marker of a numbered item ("3. "), rewritten for each item.
        let mut numbered = String::new();
        for child in el.children() {
            let Some(item) = ElementRef::wrap(child) else {
                if let Node::Text(t) = child.value() {
                    out.text(t);
                }
                continue;
            };
            match item.value().name() {
                "li" => {
                    let marker = if ordered {
                        numbered.clear();
                        push_decimal(&mut numbered, number);
                        numbered.push_str(". ");
                        numbered.as_str()
                    } else {
                        "- "
                    };
                    last_width = marker.len();
                    if !self.main.skip(item, ctx.in_section) {
                        self.list_item(item, out, ctx, marker);
                        number = number.saturating_add(1);
                    }
                }
                // A list straight inside a list (invalid, common): nest it under the last item.
                "ul" | "ol" => {
                    out.push_indent(last_width);
                    self.element(item, out, Ctx { in_li: true, ..ctx });
                    out.pop_prefix();
                }
                _ => self.element(item, out, ctx),
            }
        }
        out.newline(ctx.gap());
    }

    fn list_item(&self, li: ElementRef<'a>, out: &mut Out, ctx: Ctx, marker: &str) {
        out.newline(1);
        out.push_indent(marker.len());
        let pending = out.marker_len();
        out.set_marker(marker, marker.len());
        let ctx = Ctx {
            in_li: true,
            depth: ctx.depth + 1,
            ..ctx
        };
        if ctx.depth > MAX_DEPTH {
            li.text().for_each(|t| out.text(t));
        } else {
            self.children(*li, out, ctx);
        }
        out.truncate_marker(pending);
        out.pop_prefix();
        out.newline(1);
        if out.is_inline() {
            out.space();
        }
    }

    fn pre(&self, el: ElementRef<'a>, out: &mut Out) {
        let mut text = String::new();
        for node in el.descendants() {
            match node.value() {
                Node::Text(t) => text.push_str(t),
                Node::Element(e) if e.name() == "br" => text.push('\n'),
                _ => {}
            }
        }
        let body = text.trim_end().trim_start_matches(['\n', '\r']);
        if body.trim().is_empty() {
            return;
        }
        if out.is_inline() {
            out.space();
            out.token(&format!("`{}`", collapse(body).replace('`', "'")));
            out.space();
            return;
        }
        let mut fence = String::from("```");
        while body.contains(fence.as_str()) {
            fence.push('`');
        }
        out.newline(2);
        out.raw_line(&format!("{fence}{}", code_language(el)));
        for line in body.lines() {
            out.raw_line(line);
        }
        out.raw_line(&fence);
        out.newline(2);
    }
}

/// ` ```rust` for `<pre class="language-rust">` or `<pre><code class="lang-rust">`.
fn code_language(pre: ElementRef<'_>) -> String {
    let code = pre.child_elements().find(|c| c.value().name() == "code");
    [Some(pre), code]
        .into_iter()
        .flatten()
        .flat_map(|e| e.value().class_tokens())
        .find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
        })
        .filter(|l| {
            l.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c))
        })
        .unwrap_or("")
        .to_string()
}

/// Appends `n` in decimal, as `format!("{n}")` writes it.
fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut value = n.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Whether `name` is laid out as a block (blank line before and after) when not handled
/// otherwise. (A `match`: it runs for most elements.)
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "address"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "center"
            | "hgroup"
            | "caption"
            | "fieldset"
            | "legend"
            | "form"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "dt"
            | "dd"
            | "body"
            | "html"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        html_to_markdown(
            html,
            &Url::parse("https://shop.example.com/products/item").unwrap(),
        )
    }

    #[test]
    fn page_chrome_is_dropped_and_blocks_are_separated() {
        let html = r#"<html><body>
            <header><a href="/">Shop logo</a></header>
            <nav><ul><li>Home</li><li>Catalog</li></ul></nav>
            <div class="cookie-consent">We use cookies. <button>Accept</button></div>
            <h1>Garden   Chair</h1>
            <p>Sturdy and
               light.</p><p>Second<br>line</p>
            <hr>
            <div class="share-buttons">Share on X</div>
            <form><input name="q"><button>Search</button></form>
            <script>track()</script><style>p{}</style>
            <footer>© 2024 Shop Ltd</footer>
        </body></html>"#;
        assert_eq!(
            md(html),
            "# Garden Chair\n\nSturdy and light.\n\nSecond\nline\n\n---"
        );
    }

    #[test]
    fn main_element_wins_and_keeps_its_own_header() {
        let html = r#"<body><div class="sidebar"><p>Popular posts</p></div>
            <main><article><header><h2>Post title</h2></header><p>Post body.</p></article>
            <aside>Related</aside></main><footer>Site footer</footer></body>"#;
        assert_eq!(md(html), "## Post title\n\nPost body.");
    }

    #[test]
    fn decimal_numbers_are_written_as_format_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12345,
            -1,
            -10,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn nested_and_numbered_lists() {
        let html = r#"<main><ul><li>Fruit<ul><li>Apple</li><li>Pear</li></ul></li><li></li>
            <li><p>Veg</p></li></ul><ol start="3"><li>three</li><li>four</li></ol></main>"#;
        assert_eq!(
            md(html),
            "- Fruit\n  - Apple\n  - Pear\n- Veg\n\n3. three\n4. four"
        );
    }

    #[test]
    fn pre_is_fenced_verbatim_and_quotes_are_prefixed() {
        let html = "<main><pre class=\"language-rust\"><code>fn main() {\n    println!(\"hi\");\n}\n</code></pre>\
            <blockquote><p>Quoted <em>text</em></p><p>More</p></blockquote></main>";
        assert_eq!(
            md(html),
            "```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\n> Quoted *text*\n>\n> More"
        );
    }

    #[test]
    fn list_items_hold_code_and_quotes_with_indentation() {
        let html =
            "<main><ol><li>Run:<pre>make\n  all</pre></li><li><h3>Title</h3></li></ol></main>";
        assert_eq!(
            md(html),
            "1. Run:\n\n   ```\n   make\n     all\n   ```\n\n2. ### Title"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!(
            "<main>{}deep text{}</main>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(md(&html), "deep text");
    }
}
