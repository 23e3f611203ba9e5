//! Main-content detection: which element holds the page's content, and which elements inside
//! it are boilerplate (navigation, cookie banners, share buttons, forms…) to leave out.
//!
//! The main element is the first kind found of: `<main>` / `[role=main]`, `<article>`, an
//! element with a usual content id or class (`#content`, `.content`, `#main`, `.post`,
//! `.entry-content`), each time the one with the most text; else `<body>`. Walkers over the
//! content ask [`Main::skip`] about every element they meet.

use std::borrow::Cow;

#[cfg(test)]
use crate::dom::AttrExt;
use ego_tree::{NodeId, NodeRef};
use html5ever::local_name;
use scraper::{ElementRef, Html, Node};

/// At most this many candidates of one kind are weighed (bounds the work on odd pages).
const MAX_CANDIDATES: usize = 64;
/// An `<article>` or content-class candidate must hold at least 1/this of the body's text,
/// so that a teaser card is not taken for the page.
const MIN_SHARE_DIVISOR: usize = 7;
/// Walkers stop recursing this deep and take the rest as plain text.
pub(crate) const MAX_DEPTH: u32 = 200;

/// Elements dropped wherever they are, with everything inside. (A `match`: it runs for every
/// element the walkers meet, and compiles to a few length and byte comparisons.)
fn is_dropped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "nav"
            | "aside"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "dialog"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "head"
            | "link"
            | "meta"
            | "title"
    )
}

/// Words in an id or class that mark boilerplate (the reference list; the walk uses the
/// `match` in [`is_boilerplate_token`], tested to hold the same words).
#[cfg(test)]
const BOILERPLATE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "banner",
    "newsletter",
    "share",
    "sharing",
    "social",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "popup",
    "modal",
    "advert",
    "adverts",
    "advertisement",
    "promo",
    "comment",
    "comments",
    "related",
    "recommended",
    "recommendations",
    "suggested",
    "similar",
    "upsell",
];

/// How headings of related-item strips begin ("More like this", "Suggested Topics").
const RELATED_HEADINGS: &[&str] = &[
    "more like this",
    "related",
    "suggested",
    "you may also like",
    "you might also like",
    "similar",
    "recommended",
    "people also",
    "customers also",
    "readers also",
    "students also",
    "more from",
    "ähnliche",
    "vous aimerez",
];

/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// The chosen main element and what the boilerplate rules need to know about it.
pub(crate) struct Main<'a> {
    /// The element whose content is the page's content.
    pub(crate) root: ElementRef<'a>,
    /// Whether `root` is `<body>` (no better element found): page-level `<header>` and
    /// `<footer>` are then inside it and dropped.
    pub(crate) is_body: bool,
    /// Amount of text in `root`, for the "never drop most of the content" guard.
    root_text: usize,
}

impl<'a> Main<'a> {
    /// Finds the main element of a parsed document.
    pub(crate) fn find(doc: &'a Html) -> Main<'a> {
        let html = doc.root_element();
        let body = html
            .child_elements()
            .find(|el| el.value().name() == "body")
            .unwrap_or(html);
        let Candidates {
            mains,
            articles,
            classed,
            body_text,
        } = Candidates::collect(body);
        if let Some((root, root_text)) = best(&mains, 1) {
            return Main {
                root,
                is_body: false,
                root_text,
            };
        }
        let min_share = (body_text / MIN_SHARE_DIVISOR).max(1);
        match best(&articles, min_share).or_else(|| best(&classed, min_share)) {
            Some((root, root_text)) => Main {
                root,
                is_body: false,
                root_text,
            },
            None => Main {
                root: body,
                is_body: true,
                root_text: body_text,
            },
        }
    }

    /// Whether a walker should leave out `el` and everything inside it. `in_section` tells
    /// whether the walker is inside an `<article>`/`<main>` (where `<header>`/`<footer>` belong
    /// to the content).
    pub(crate) fn skip(&self, el: ElementRef<'a>, in_section: bool) -> bool {
        self.skip_named(el, el.value().name(), in_section)
    }

    /// [`Main::skip`] for a caller that already has the element's name.
    pub(crate) fn skip_named(&self, el: ElementRef<'a>, name: &str, in_section: bool) -> bool {
        if el.id() == self.root.id() {
            return false;
        }
        let v = el.value();
        if matches!(name, "body" | "html") {
            return false;
        }
        if is_dropped_tag(name) {
            return true;
        }
        let page_level = self.is_body && !in_section;
        if page_level && matches!(name, "header" | "footer") {
            return true;
        }
        if name == "form" && !form_holds_content(el) {
            return true;
        }
        // One pass over the attributes.
        let mut named = false;
        for (key, value) in v.attrs() {
            let hidden = match key {
                "hidden" => value.trim() != "until-found",
                "aria-hidden" => value.trim() == "true",
                "style" => hidden_by_style(value),
                "role" => {
                    let role = value.trim();
                    CHROME_ROLES.contains(&role)
                        || (page_level && matches!(role, "banner" | "contentinfo"))
                }
                "id" | "class" => {
                    named |= has_boilerplate_word(value);
                    false
                }
                _ => false,
            };
            if hidden {
                return true;
            }
        }
        named |= matches!(name, "section" | "div" | "aside") && opens_related_strip(el);
        // Never drop an element holding most of the content (`<div class="has-sidebar">`).
        named && text_len(*el) * 2 <= self.root_text
    }
}

/// Whether a block starts with a heading such as "More like this" or "Suggested Topics".
fn opens_related_strip(el: ElementRef<'_>) -> bool {
    let Some(first) = el.child_elements().next() else {
        return false;
    };
    if !matches!(first.value().name(), "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
    }
    // Most headings are one text node: no need to join the pieces.
    // (`ElementRef::text` without its `traverse()` edges.)
    let mut pieces = crate::dom::inside(*first).filter_map(|n| n.value().as_text().map(|t| &**t));
    let joined: Cow<'_, str> = match (pieces.next(), pieces.next()) {
        (None, _) => Cow::Borrowed(""),
        (Some(only), None) => Cow::Borrowed(only),
        (Some(a), Some(b)) => {
            let mut all = String::from(a);
            all.push_str(b);
            all.extend(pieces);
            Cow::Owned(all)
        }
    };
    starts_related(joined.trim())
}

/// Whether a (trimmed) heading, lowercased, starts with one of [`RELATED_HEADINGS`].
fn starts_related(heading: &str) -> bool {
    if heading.is_ascii() {
        // ASCII lowercases byte by byte: compare without building the lowercase copy.
        let bytes = heading.as_bytes();
        return RELATED_HEADINGS.iter().any(|start| {
            bytes.len() >= start.len()
                && bytes[..start.len()].eq_ignore_ascii_case(start.as_bytes())
        });
    }
    let heading = heading.to_lowercase();
    RELATED_HEADINGS
        .iter()
        .any(|start| heading.starts_with(start))
}

/// The main-content candidates of each kind under `<body>` with their amounts of text, and
/// the body's own amount, from one pass over the tree (no subtree is measured twice).
struct Candidates<'a> {
    mains: Vec<(ElementRef<'a>, usize)>,
    articles: Vec<(ElementRef<'a>, usize)>,
    classed: Vec<(ElementRef<'a>, usize)>,
    body_text: usize,
}

/// A candidate (or the body) the one-pass search is inside of. Other elements get no entry:
/// the text inside them counts for the innermost candidate around them all the same.
struct OpenNode {
    id: NodeId,
    /// Text measured so far.
    len: usize,
    /// Its slot in a candidate list (none for the body).
    slot: Option<(Kind, usize)>,
}

/// Which candidate list an open element belongs to.
#[derive(Clone, Copy)]
enum Kind {
    Main,
    Article,
    Classed,
}

impl<'a> Candidates<'a> {
    fn collect(body: ElementRef<'a>) -> Candidates<'a> {
        let mut found = Candidates {
            mains: Vec::new(),
            articles: Vec::new(),
            classed: Vec::new(),
            body_text: 0,
        };
        let mut open: Vec<OpenNode> = Vec::new();
        // A depth-first walk by hand (first child, next sibling, parent), in the order of
        // `traverse()` but without making an edge value for every step: on a large page this
        // walk is a good part of the whole extraction.
        let root = *body;
        let mut node = root;
        loop {
            found.enter(node, root, &mut open);
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            // Leave `node`, and each ancestor whose last child was just left.
            loop {
                found.leave(node, &mut open);
                if node.id() == root.id() {
                    return found;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                let Some(parent) = node.parent() else {
                    return found;
                };
                node = parent;
            }
        }
    }

    /// The walk reaches `node`: a slot and an entry on the open stack if it is a candidate
    /// (or the root). A text node's length goes to the innermost entry, unless the text is
    /// straight inside an element whose text is not counted (script, style…).
    fn enter(
        &mut self,
        node: NodeRef<'a, Node>,
        root: NodeRef<'a, Node>,
        open: &mut Vec<OpenNode>,
    ) {
        match node.value() {
            Node::Text(t) => {
                let in_raw = node
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(is_raw_text_element);
                if !in_raw && let Some(top) = open.last_mut() {
                    top.len += non_space_bytes(t);
                }
            }
            Node::Element(v) => {
                let is_root = node.id() == root.id();
                let slot = if is_root { None } else { self.push(node, v) };
                if is_root || slot.is_some() {
                    open.push(OpenNode {
                        id: node.id(),
                        len: 0,
                        slot,
                    });
                }
            }
            _ => {}
        }
    }

    /// The walk leaves `node`: if it has an entry, its measured text goes to its slot and to
    /// the entry around it (or is the body's when it was the root).
    fn leave(&mut self, node: NodeRef<'a, Node>, open: &mut Vec<OpenNode>) {
        if open.last().is_none_or(|top| top.id != node.id()) {
            return;
        }
        let Some(OpenNode { len, slot, .. }) = open.pop() else {
            return;
        };
        if let Some((kind, index)) = slot
            && let Some(entry) = self.list(kind).get_mut(index)
        {
            entry.1 = len;
        }
        match open.last_mut() {
            Some(parent) => parent.len += len,
            None => self.body_text = len,
        }
    }

    /// Adds `node` to its candidate list (if it is a candidate and the list has room).
    fn push(
        &mut self,
        node: NodeRef<'a, Node>,
        v: &scraper::node::Element,
    ) -> Option<(Kind, usize)> {
        let kind = candidate_kind(v)?;
        let el = ElementRef::wrap(node)?;
        let list = self.list(kind);
        if list.len() >= MAX_CANDIDATES {
            return None;
        }
        list.push((el, 0));
        Some((kind, list.len() - 1))
    }

    fn list(&mut self, kind: Kind) -> &mut Vec<(ElementRef<'a>, usize)> {
        match kind {
            Kind::Main => &mut self.mains,
            Kind::Article => &mut self.articles,
            Kind::Classed => &mut self.classed,
        }
    }
}

/// Which kind of main-content candidate an element is, if any: `<main>` or `role=main`, else
/// `<article>`, else a usual content id (`content`, `main`) or class (`content`, `post`,
/// `entry-content`). One pass over
/// the attributes, names compared as interned atoms.
fn candidate_kind(v: &scraper::node::Element) -> Option<Kind> {
    let name = &v.name.local;
    if *name == local_name!("main") {
        return Some(Kind::Main);
    }
    // The first of each attribute, as `attr_str` finds it.
    let (mut role, mut id, mut class) = (None, None, None);
    for (key, value) in v.attrs.iter() {
        let key = &key.local;
        if *key == local_name!("role") {
            role = role.or(Some(value));
        } else if *key == local_name!("id") {
            id = id.or(Some(value));
        } else if *key == local_name!("class") {
            class = class.or(Some(value));
        }
    }
    if role.is_some_and(|r| r.trim() == "main") {
        return Some(Kind::Main);
    }
    if *name == local_name!("article") {
        return Some(Kind::Article);
    }
    if id.is_some_and(|id| matches!(&**id, "content" | "main"))
        || class.is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|c| matches!(c, "content" | "post" | "entry-content"))
        })
    {
        return Some(Kind::Classed);
    }
    None
}

/// The candidate with the most text, if it has at least `min` of it.
fn best<'a>(candidates: &[(ElementRef<'a>, usize)], min: usize) -> Option<(ElementRef<'a>, usize)> {
    let mut best: Option<(ElementRef<'a>, usize)> = None;
    for &(el, len) in candidates {
        if len >= min && best.is_none_or(|(_, b)| len > b) {
            best = Some((el, len));
        }
    }
    best
}

/// Whether the element has one of the usual ids or classes of a content container.
#[cfg(test)]
fn is_content_container(v: &scraper::node::Element) -> bool {
    if v.attr_str("id")
        .is_some_and(|id| matches!(id, "content" | "main"))
    {
        return true;
    }
    v.class_tokens()
        .any(|c| matches!(c, "content" | "post" | "entry-content"))
}

/// A form that wraps real content (ASP.NET pages wrap the whole body in one) is kept.
fn form_holds_content(form: ElementRef<'_>) -> bool {
    form.descendent_elements().any(|el| {
        matches!(
            el.value().name(),
            "p" | "article" | "main" | "h1" | "h2" | "table"
        )
    })
}

fn hidden_by_style(style: &str) -> bool {
    if !style.contains("none") && !style.contains("hidden") {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Whether an id or class attribute contains a boilerplate word as one of its word-ish tokens:
/// split at non-alphanumerics and at lower-to-upper case changes (`cookieBanner`). One pass
/// over the bytes (non-ASCII bytes separate tokens as non-ASCII characters do).
pub(crate) fn has_boilerplate_word(attr: &str) -> bool {
    let bytes = attr.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            if is_boilerplate_token(&bytes[start..i]) {
                return true;
            }
            start = i + 1;
        } else if i > start && b.is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
            if is_boilerplate_token(&bytes[start..i]) {
                return true;
            }
            start = i;
        }
    }
    is_boilerplate_token(&bytes[start..])
}

/// Whether a token is one of the words that mark boilerplate, in any letter case.
fn is_boilerplate_token(token: &[u8]) -> bool {
    // The longest word has 15 letters.
    let mut lower = [0u8; 15];
    let Some(lower) = lower.get_mut(..token.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(token) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"cookie"
            | b"cookies"
            | b"consent"
            | b"banner"
            | b"newsletter"
            | b"share"
            | b"sharing"
            | b"social"
            | b"sidebar"
            | b"breadcrumb"
            | b"breadcrumbs"
            | b"menu"
            | b"nav"
            | b"navbar"
            | b"navigation"
            | b"footer"
            | b"popup"
            | b"modal"
            | b"advert"
            | b"adverts"
            | b"advertisement"
            | b"promo"
            | b"comment"
            | b"comments"
            | b"related"
            | b"recommended"
            | b"recommendations"
            | b"suggested"
            | b"similar"
            | b"upsell"
    )
}

/// The tokenization [`has_boilerplate_word`] does, as first written (for tests).
#[cfg(test)]
fn has_boilerplate_word_reference(attr: &str) -> bool {
    attr.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(split_camel)
        .any(|token| {
            BOILERPLATE_WORDS
                .iter()
                .any(|w| token.eq_ignore_ascii_case(w))
        })
}

/// Splits `fooBarBaz` into `foo`, `Bar`, `Baz` (no allocation).
#[cfg(test)]
fn split_camel(token: &str) -> impl Iterator<Item = &str> {
    let mut rest = token;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let cut = (1..bytes.len())
            .find(|&i| bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase())
            .unwrap_or(bytes.len());
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// Amount of visible text under a node: non-whitespace bytes, not counting script or style.
pub(crate) fn text_len(node: NodeRef<'_, Node>) -> usize {
    // `node.descendants()`, stepped without `traverse()` edges.
    std::iter::once(node)
        .chain(crate::dom::inside(node))
        .filter_map(|n| match n.value() {
            Node::Text(t) if !in_raw_text_element(n) => Some(t),
            _ => None,
        })
        .map(|t| non_space_bytes(t))
        .sum()
}

/// 1 for the bytes `u8::is_ascii_whitespace` accepts, else 0.
const ASCII_SPACE: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'\t' as usize] = 1;
    table[b'\n' as usize] = 1;
    table[0x0c] = 1;
    table[b'\r' as usize] = 1;
    table[b' ' as usize] = 1;
    table
};

/// Bytes of `text` that are not ASCII whitespace.
fn non_space_bytes(text: &str) -> usize {
    // Counting the spaces by table lookup (text pieces are short: a vector loop rarely runs)
    // and subtracting; eight bytes a step, so that the loop's own test and jump are paid once
    // per eight lookups.
    let space = |b: &u8| usize::from(ASCII_SPACE[usize::from(*b)]);
    let mut chunks = text.as_bytes().chunks_exact(8);
    let mut spaces = 0;
    for chunk in &mut chunks {
        spaces += chunk.iter().map(space).sum::<usize>();
    }
    spaces += chunks.remainder().iter().map(space).sum::<usize>();
    text.len() - spaces
}

/// Script, style, noscript, template: elements whose text is not visible text.
fn is_raw_text_element(v: &scraper::node::Element) -> bool {
    let name = &v.name.local;
    *name == local_name!("script")
        || *name == local_name!("style")
        || *name == local_name!("noscript")
        || *name == local_name!("template")
}

fn in_raw_text_element(text: NodeRef<'_, Node>) -> bool {
    text.parent()
        .and_then(|p| p.value().as_element().map(|e| e.name()))
        .is_some_and(is_raw_text_name)
}

/// Elements whose text is not visible text.
fn is_raw_text_name(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}

/// The main element as found before the one-pass search: each candidate's text measured
/// with its own walk. Kept to check that [`Main::find`] chooses the same element.
#[cfg(test)]
pub(crate) fn find_by_measuring_each_candidate(doc: &Html) -> (ElementRef<'_>, bool, usize) {
    let html = doc.root_element();
    let body = html
        .child_elements()
        .find(|el| el.value().name() == "body")
        .unwrap_or(html);
    let (mut mains, mut articles, mut classed) = (Vec::new(), Vec::new(), Vec::new());
    for el in body.descendent_elements().skip(1) {
        let v = el.value();
        let list = if v.name() == "main" || v.attr_str("role").is_some_and(|r| r.trim() == "main") {
            &mut mains
        } else if v.name() == "article" {
            &mut articles
        } else if is_content_container(v) {
            &mut classed
        } else {
            continue;
        };
        if list.len() < MAX_CANDIDATES {
            list.push((el, text_len(*el)));
        }
    }
    if let Some((root, len)) = best(&mains, 1) {
        return (root, false, len);
    }
    let body_text = text_len(*body);
    let min_share = (body_text / MIN_SHARE_DIVISOR).max(1);
    match best(&articles, min_share).or_else(|| best(&classed, min_share)) {
        Some((root, len)) => (root, false, len),
        None => (body, true, body_text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass search and the per-candidate measurement agree on `html`.
    fn assert_same_main(html: &str) {
        let doc = crate::fast_html::parse_document(html);
        let main = Main::find(&doc);
        let (root, is_body, root_text) = find_by_measuring_each_candidate(&doc);
        assert_eq!(
            (main.root.id(), main.is_body, main.root_text),
            (root.id(), is_body, root_text),
            "{html}"
        );
    }

    #[test]
    fn one_pass_search_picks_what_measuring_each_candidate_picks() {
        let nested_articles = format!(
            "<body><p>{}</p>{}{}</body>",
            "Intro words. ".repeat(20),
            (0..70)
                .map(|i| format!("<article id=a{i}><p>{}</p>", "Text. ".repeat(i % 9 + 1)))
                .collect::<String>(),
            "</article>".repeat(70)
        );
        for html in [
            "",
            "<p>only text</p>",
            "<html><frameset><frame></frameset></html>",
            r#"<body><main><p>a</p></main><div role=" main "><p>longer text</p></div></body>"#,
            r#"<body><article><p>x</p><script>long script text here</script></article>
                <article><template><p>template text counts</p></template></article></body>"#,
            r#"<body><div id=content><div class="post"><p>inner post</p></div><p>more</p></div>
                <div class="entry-content">short</div></body>"#,
            r#"<body><div class=content><article><p>teaser</p></article></div>
                <p>Body text that is long enough to outweigh the teaser by far.</p></body>"#,
            r#"<table><tr><td><article>in a table <style>p{}</style></article></td></tr></table>"#,
            r#"<body><article><noscript><p>no script text</p>raw</noscript><svg><script>s</script>
                <style>svg style</style></svg><!-- c --><p>x</p></article><p>body</p></body>"#,
            &nested_articles,
        ] {
            assert_same_main(html);
        }
    }

    fn main_id(html: &str) -> String {
        let doc = Html::parse_document(html);
        let main = Main::find(&doc);
        let v = main.root.value();
        format!("{}#{}", v.name(), v.id().unwrap_or(""))
    }

    #[test]
    fn prefers_main_then_largest_article() {
        assert_eq!(
            main_id(r#"<body><div>menu</div><main id="m"><p>Body text</p></main></body>"#),
            "main#m"
        );
        let articles = r#"<body><article id="a"><p>short</p></article>
            <article id="b"><p>a much longer article text here</p></article></body>"#;
        assert_eq!(main_id(articles), "article#b");
    }

    #[test]
    fn falls_back_to_content_class_then_body() {
        let html = r#"<body><div id="menu">Home About</div>
            <div class="entry-content"><p>The real text of the post is here.</p></div></body>"#;
        assert_eq!(main_id(html), "div#");
        assert_eq!(main_id("<body><p>Just text</p></body>"), "body#");
    }

    #[test]
    fn related_item_strips_are_left_out_of_the_markdown() {
        let html = r#"<body><main><h1>Trek Marlin 5</h1><p>Well kept bike, new tyres.</p>
            <section><h4>More like this</h4><ul><li><a href="/1">Giant Talon 3</a></li></ul></section>
            <div class="related-posts"><a href="/2">Rockhopper</a></div></main></body>"#;
        let url = url::Url::parse("https://example.com/ad").unwrap();
        let md = crate::html_to_markdown(html, &url);
        assert!(md.contains("Well kept bike"), "{md}");
        assert!(
            !md.contains("Giant Talon") && !md.contains("Rockhopper"),
            "{md}"
        );
    }

    #[test]
    fn tiny_teaser_article_is_not_the_main_content() {
        let html = format!(
            r#"<body><div><p>{}</p></div><aside><article id="t">Teaser</article></aside></body>"#,
            "Long page text. ".repeat(40)
        );
        assert_eq!(main_id(&html), "body#");
    }

    #[test]
    fn non_space_bytes_are_the_bytes_that_are_not_ascii_whitespace() {
        let all: Vec<u8> = (0..=255).collect();
        let expected = all.iter().filter(|b| !b.is_ascii_whitespace()).count();
        let text = String::from_utf8_lossy(&all).into_owned();
        let lossy = text.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        assert_eq!(non_space_bytes(&text), lossy);
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            assert_eq!(non_space_bytes(&s), usize::from(!b.is_ascii_whitespace()));
        }
        assert_eq!(expected, 251);
    }

    #[test]
    fn boilerplate_words_match_whole_tokens() {
        assert!(has_boilerplate_word("site-footer"));
        assert!(has_boilerplate_word("cookieBanner"));
        assert!(has_boilerplate_word("c-social_links"));
        assert!(has_boilerplate_word("navbar navbar-expand"));
        assert!(!has_boilerplate_word("shared-content"));
        assert!(!has_boilerplate_word("canvas"));
        assert!(!has_boilerplate_word("article-body"));
    }

    #[test]
    fn boilerplate_words_are_found_as_the_reference_finds_them() {
        for word in BOILERPLATE_WORDS {
            assert!(is_boilerplate_token(word.as_bytes()), "{word}");
            assert!(
                is_boilerplate_token(word.to_uppercase().as_bytes()),
                "{word}"
            );
        }
        let mut attrs: Vec<String> = [
            "",
            "-",
            "nav",
            "Nav",
            "NAV",
            "navBar",
            "NavBar",
            "myNavbar",
            "xNAVy",
            "a--nav--b",
            "cookieBanner",
            "cookie_banner",
            "socialLinks",
            "shareé",
            "éshare",
            "share\u{a0}x",
            "navé",
            "recommendationsX",
            "recommendationsx",
            "aNav",
            "ANav",
            "a1Nav",
            "nav1",
            "site-footer footer-2",
            "sideBarMenu",
            "menuItem",
            "menus",
            "x y  z",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every id and class value of the corpus pages.
        for (_, html, _) in crate::fast_html::corpus_pages() {
            let doc = crate::fast_html::parse_document(&html);
            for el in doc.root_element().descendent_elements() {
                for (key, value) in el.value().attrs() {
                    if key == "id" || key == "class" {
                        attrs.push(value.to_string());
                    }
                }
            }
        }
        assert!(attrs.len() > 1000);
        for attr in &attrs {
            assert_eq!(
                has_boilerplate_word(attr),
                has_boilerplate_word_reference(attr),
                "{attr:?}"
            );
        }
    }
}
