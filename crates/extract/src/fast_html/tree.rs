//! The tree under construction: the stack of open elements, the list of active formatting
//! elements, insertion (with foster parenting and text coalescing), scopes, implied end
//! tags and the adoption agency algorithm of the HTML standard. The insertion-mode rules
//! that drive it live in `modes.rs`.

use ego_tree::{NodeId, Tree};
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::QuirksMode;
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use scraper::Node;
use scraper::node::{Comment, Element, Text};

use super::foreign;
use super::tokenizer::Tokenizer;

/// Which vocabulary an element belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Ns {
    Html,
    Svg,
    Math,
}

/// One entry of the stack of open elements.
pub(super) struct Open {
    pub(super) id: NodeId,
    pub(super) name: LocalName,
    pub(super) ns: Ns,
    /// Where children go: the element itself, or a `<template>`'s content fragment.
    pub(super) target: NodeId,
    /// SVG `foreignObject`, `desc`, `title`: HTML inside foreign content.
    pub(super) html_point: bool,
    flags: u16,
}

/// What the tree builder asks about an open element, worked out once when it is pushed.
mod flag {
    /// "Special" in the standard's sense.
    pub(super) const SPECIAL: u16 = 1;
    /// Ends every element scope except the table scope.
    pub(super) const SCOPE: u16 = 1 << 1;
    /// `ol`/`ul`: also ends the list-item scope.
    pub(super) const LIST_SCOPE: u16 = 1 << 2;
    /// `button`: also ends the button scope.
    pub(super) const BUTTON_SCOPE: u16 = 1 << 3;
    /// `html`, `table`, `template`: end the table scope.
    pub(super) const TABLE_SCOPE: u16 = 1 << 4;
    /// Closed by "generate implied end tags".
    pub(super) const IMPLIED_END: u16 = 1 << 5;
    /// Closed by "generate all implied end tags thoroughly".
    pub(super) const IMPLIED_END_THOROUGH: u16 = 1 << 6;
    /// An HTML `p`.
    pub(super) const P: u16 = 1 << 7;
    /// Where "clear the stack back to a table context" stops: `table`, `html`, `template`.
    pub(super) const TABLE_CONTEXT: u16 = 1 << 8;
    /// … to a table body context: `tbody`, `tfoot`, `thead`, `html`, `template`.
    pub(super) const BODY_CONTEXT: u16 = 1 << 9;
    /// … to a table row context: `tr`, `html`, `template`.
    pub(super) const ROW_CONTEXT: u16 = 1 << 10;
}

fn flags(name: &str, ns: Ns) -> u16 {
    use flag::*;
    match ns {
        // One match (not list scans): this runs for every element.
        Ns::Html => match name {
            "applet" | "marquee" | "object" => SPECIAL | SCOPE,
            "caption" => SPECIAL | SCOPE | IMPLIED_END_THOROUGH,
            "td" | "th" => SPECIAL | SCOPE | IMPLIED_END_THOROUGH,
            "html" | "template" => {
                SPECIAL | SCOPE | TABLE_SCOPE | TABLE_CONTEXT | BODY_CONTEXT | ROW_CONTEXT
            }
            "table" => SPECIAL | SCOPE | TABLE_SCOPE | TABLE_CONTEXT,
            "ol" | "ul" => SPECIAL | LIST_SCOPE,
            "button" => SPECIAL | BUTTON_SCOPE,
            "p" => SPECIAL | P | IMPLIED_END | IMPLIED_END_THOROUGH,
            "dd" | "dt" | "li" => SPECIAL | IMPLIED_END | IMPLIED_END_THOROUGH,
            "optgroup" | "option" | "rb" | "rp" | "rt" | "rtc" => {
                IMPLIED_END | IMPLIED_END_THOROUGH
            }
            "tbody" | "tfoot" | "thead" => SPECIAL | IMPLIED_END_THOROUGH | BODY_CONTEXT,
            "tr" => SPECIAL | IMPLIED_END_THOROUGH | ROW_CONTEXT,
            "colgroup" => SPECIAL | IMPLIED_END_THOROUGH,
            "address" | "area" | "article" | "aside" | "base" | "basefont" | "bgsound"
            | "blockquote" | "body" | "br" | "center" | "col" | "details" | "dir" | "div"
            | "dl" | "embed" | "fieldset" | "figcaption" | "figure" | "footer" | "form"
            | "frame" | "frameset" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head"
            | "header" | "hgroup" | "hr" | "iframe" | "img" | "input" | "keygen" | "link"
            | "listing" | "main" | "menu" | "meta" | "nav" | "noembed" | "noframes"
            | "noscript" | "param" | "plaintext" | "pre" | "script" | "search" | "section"
            | "select" | "source" | "style" | "summary" | "textarea" | "title" | "track"
            | "wbr" | "xmp" => SPECIAL,
            _ => 0,
        },
        Ns::Math => match name {
            "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml" => SPECIAL | SCOPE,
            _ => 0,
        },
        Ns::Svg => match name {
            "foreignObject" | "desc" | "title" => SPECIAL | SCOPE,
            _ => 0,
        },
    }
}

/// The atom and the flags of a common HTML element, from one `match` (this runs for every
/// element; [`super::names::local`] and [`flags`] would be two). `None` for other names.
#[inline]
fn common_html_element(name: &str) -> Option<(LocalName, u16)> {
    use flag::*;
    let found = match name {
        "a" => (local_name!("a"), 0),
        "b" => (local_name!("b"), 0),
        "i" => (local_name!("i"), 0),
        "p" => (
            local_name!("p"),
            SPECIAL | P | IMPLIED_END | IMPLIED_END_THOROUGH,
        ),
        "br" => (local_name!("br"), SPECIAL),
        "em" => (local_name!("em"), 0),
        "h1" => (local_name!("h1"), SPECIAL),
        "h2" => (local_name!("h2"), SPECIAL),
        "h3" => (local_name!("h3"), SPECIAL),
        "h4" => (local_name!("h4"), SPECIAL),
        "li" => (
            local_name!("li"),
            SPECIAL | IMPLIED_END | IMPLIED_END_THOROUGH,
        ),
        "ol" => (local_name!("ol"), SPECIAL | LIST_SCOPE),
        "ul" => (local_name!("ul"), SPECIAL | LIST_SCOPE),
        "td" => (local_name!("td"), SPECIAL | SCOPE | IMPLIED_END_THOROUGH),
        "th" => (local_name!("th"), SPECIAL | SCOPE | IMPLIED_END_THOROUGH),
        "tr" => (
            local_name!("tr"),
            SPECIAL | IMPLIED_END_THOROUGH | ROW_CONTEXT,
        ),
        "div" => (local_name!("div"), SPECIAL),
        "img" => (local_name!("img"), SPECIAL),
        "nav" => (local_name!("nav"), SPECIAL),
        "span" => (local_name!("span"), 0),
        "main" => (local_name!("main"), SPECIAL),
        "table" => (
            local_name!("table"),
            SPECIAL | SCOPE | TABLE_SCOPE | TABLE_CONTEXT,
        ),
        "tbody" => (
            local_name!("tbody"),
            SPECIAL | IMPLIED_END_THOROUGH | BODY_CONTEXT,
        ),
        "strong" => (local_name!("strong"), 0),
        "section" => (local_name!("section"), SPECIAL),
        "article" => (local_name!("article"), SPECIAL),
        _ => return None,
    };
    Some(found)
}

impl Open {
    pub(super) fn new(
        id: NodeId,
        name: LocalName,
        ns: Ns,
        target: NodeId,
        html_point: bool,
    ) -> Self {
        let flags = flags(&name, ns);
        Open::with_flags(id, name, ns, target, html_point, flags)
    }

    /// [`Open::new`] with the flags already known.
    fn with_flags(
        id: NodeId,
        name: LocalName,
        ns: Ns,
        target: NodeId,
        html_point: bool,
        flags: u16,
    ) -> Self {
        Open {
            id,
            name,
            ns,
            target,
            html_point,
            flags,
        }
    }

    pub(super) fn is(&self, name: &str) -> bool {
        self.ns == Ns::Html && same_name(&self.name, name)
    }

    pub(super) fn is_any(&self, names: &[&str]) -> bool {
        if self.ns != Ns::Html {
            return false;
        }
        let own: &str = &self.name;
        names.iter().any(|name| same_name(own, name))
    }
}

/// `a == b` for element names, which are a few bytes: compared in place, byte by byte, rather
/// than by a call to `memcmp`.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// One entry of the list of active formatting elements.
#[derive(Clone)]
pub(super) enum Entry {
    Marker,
    Element(NodeId, LocalName),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    InTable,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    AfterAfterBody,
    InFrameset,
}

/// The table contexts the table modes clear the stack back to.
#[derive(Clone, Copy)]
pub(super) enum Context {
    Table,
    Body,
    Row,
}

#[derive(Clone, Copy)]
pub(super) enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

/// Where a new node goes.
pub(super) enum Place {
    Append(NodeId),
    Before(NodeId),
}

pub(super) fn is_special(open: &Open) -> bool {
    open.flags & flag::SPECIAL != 0
}

pub(super) fn is_space_only(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
}

/// About as many nodes as the page can make: an element per `<` and a text between two, plus
/// implied elements. Growing the tree's vector copies every node (tens of megabytes on a large
/// page), while reserving too much only reserves address space.
fn node_estimate(src: &str) -> usize {
    let tags = memchr::memchr_iter(b'<', src.as_bytes()).count();
    2 * tags + 16
}

pub(super) struct Builder<'a> {
    pub(super) tok: Tokenizer<'a>,
    pub(super) tree: Tree<Node>,
    pub(super) quirks: QuirksMode,
    pub(super) mode: Mode,
    pub(super) template_modes: Vec<Mode>,
    pub(super) stack: Vec<Open>,
    pub(super) afe: Vec<Entry>,
    pub(super) head: Option<NodeId>,
    pub(super) form: Option<NodeId>,
    /// Inside a table, misplaced content goes before the table.
    pub(super) foster: bool,
    /// A newline right after `<pre>`/`<listing>` is dropped.
    pub(super) ignore_lf: bool,
    pub(super) frameset_ok: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Builder {
            tok: Tokenizer::new(src),
            tree: Tree::with_capacity(Node::Document, node_estimate(src)),
            quirks: QuirksMode::NoQuirks,
            mode: Mode::Initial,
            template_modes: Vec::new(),
            stack: Vec::new(),
            afe: Vec::new(),
            head: None,
            form: None,
            foster: false,
            ignore_lf: false,
            frameset_ok: true,
        }
    }

    pub(super) fn root(&self) -> NodeId {
        self.tree.root().id()
    }

    pub(super) fn current(&self) -> Option<&Open> {
        self.stack.last()
    }

    pub(super) fn current_is(&self, name: &str) -> bool {
        self.current().is_some_and(|o| o.is(name))
    }

    pub(super) fn current_is_any(&self, names: &[&str]) -> bool {
        self.current().is_some_and(|o| o.is_any(names))
    }

    // ---- node creation and insertion ----

    /// A new, unattached element named `local` (the atom of the adjusted name).
    fn create(&mut self, local: LocalName, mut attrs: Vec<Attribute>, ns: Ns) -> NodeId {
        let namespace = match ns {
            Ns::Html => ns!(html),
            Ns::Svg => ns!(svg),
            Ns::Math => ns!(mathml),
        };
        if ns != Ns::Html {
            for attr in &mut attrs {
                attr.name = foreign::attr_name(&attr.name.local, ns == Ns::Svg);
            }
        }
        let element = Element::new(QualName::new(None, namespace, local), attrs);
        self.tree.orphan(Node::Element(element)).id()
    }

    /// Inserts a new element at the current place and pushes it onto the stack.
    pub(super) fn insert(&mut self, name: &str, attrs: Vec<Attribute>, ns: Ns) -> NodeId {
        if ns == Ns::Html
            && let Some((local, flags)) = common_html_element(name)
        {
            // The usual elements: atom and flags from one lookup, and no `<template>` content
            // or integration point to set up.
            let id = self.create(local.clone(), attrs, ns);
            let place = self.place();
            self.put(place, id);
            self.stack
                .push(Open::with_flags(id, local, ns, id, false, flags));
            return id;
        }
        let local = match ns {
            Ns::Svg => super::names::local(foreign::svg_tag_name(name)),
            Ns::Html | Ns::Math => super::names::local(name),
        };
        let id = self.create(local.clone(), attrs, ns);
        let place = self.place();
        self.put(place, id);
        self.push_open_named(id, local, ns);
        id
    }

    /// Pushes an (already inserted) element onto the stack of open elements.
    pub(super) fn push_open(&mut self, id: NodeId, ns: Ns) {
        let Some(element) = self.tree.get(id).and_then(|n| n.value().as_element()) else {
            return;
        };
        let name = element.name.local.clone();
        self.push_open_named(id, name, ns);
    }

    /// [`Builder::push_open`] for an element whose local name the caller has at hand (a new
    /// element: no need to look it up in the tree again).
    fn push_open_named(&mut self, id: NodeId, name: LocalName, ns: Ns) {
        // `<annotation-xml encoding="text/html">` would be an HTML integration point too, but
        // html5ever only sees it when the tree sink says so and scraper's never does; this
        // parser builds scraper's tree, so it does the same.
        // (Names compared as atoms: no string to look up for every element.)
        let html_point = ns == Ns::Svg
            && (name == local_name!("foreignObject")
                || name == local_name!("desc")
                || name == local_name!("title"));
        let mut target = id;
        if ns == Ns::Html
            && name == local_name!("template")
            && let Some(mut node) = self.tree.get_mut(id)
        {
            target = node.append(Node::Fragment).id();
        }
        self.stack.push(Open::new(id, name, ns, target, html_point));
    }

    pub(super) fn place(&self) -> Place {
        let Some(current) = self.current() else {
            return Place::Append(self.root());
        };
        if self.foster && current.is_any(&["table", "tbody", "tfoot", "thead", "tr"]) {
            self.foster_place()
        } else {
            Place::Append(current.target)
        }
    }

    pub(super) fn place_in(&self, index: usize) -> Place {
        let open = &self.stack[index];
        if self.foster && open.is_any(&["table", "tbody", "tfoot", "thead", "tr"]) {
            self.foster_place()
        } else {
            Place::Append(open.target)
        }
    }

    /// Foster parenting: before the last open table (or into the last template).
    fn foster_place(&self) -> Place {
        let table = self.stack.iter().rposition(|o| o.is("table"));
        let template = self.stack.iter().rposition(|o| o.is("template"));
        if let Some(t) = template
            && table.is_none_or(|table| t > table)
        {
            return Place::Append(self.stack[t].target);
        }
        let Some(table) = table else {
            return Place::Append(self.stack.first().map_or(self.root(), |o| o.target));
        };
        let table_id = self.stack[table].id;
        if self
            .tree
            .get(table_id)
            .is_some_and(|n| n.parent().is_some())
        {
            Place::Before(table_id)
        } else {
            Place::Append(self.stack[table.saturating_sub(1)].target)
        }
    }

    pub(super) fn put(&mut self, place: Place, id: NodeId) {
        match place {
            Place::Append(parent) => {
                if let Some(mut parent) = self.tree.get_mut(parent) {
                    parent.append_id(id);
                }
            }
            Place::Before(sibling) => {
                if let Some(mut sibling) = self.tree.get_mut(sibling) {
                    sibling.insert_id_before(id);
                }
            }
        }
    }

    /// Inserts text at the current place, merged into a text node just before it.
    pub(super) fn insert_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let place = self.place();
        self.put_text(place, text);
    }

    fn put_text(&mut self, place: Place, text: &str) {
        match place {
            Place::Append(parent) => {
                let Some(mut parent) = self.tree.get_mut(parent) else {
                    return;
                };
                if let Some(mut last) = parent.last_child()
                    && let Node::Text(t) = last.value()
                {
                    t.text.push_slice(text);
                    return;
                }
                let text = self.tok.tendril(text);
                parent.append(Node::Text(Text { text }));
            }
            Place::Before(sibling) => {
                let Some(mut sibling) = self.tree.get_mut(sibling) else {
                    return;
                };
                if let Some(mut prev) = sibling.prev_sibling()
                    && let Node::Text(t) = prev.value()
                {
                    t.text.push_slice(text);
                    return;
                }
                let text = self.tok.tendril(text);
                sibling.insert_before(Node::Text(Text { text }));
            }
        }
    }

    pub(super) fn insert_comment(&mut self, text: &str) {
        let place = self.place();
        self.append_comment_at(place, text);
    }

    pub(super) fn append_comment_to(&mut self, parent: NodeId, text: &str) {
        self.append_comment_at(Place::Append(parent), text);
    }

    fn append_comment_at(&mut self, place: Place, text: &str) {
        let id = self
            .tree
            .orphan(Node::Comment(Comment {
                comment: StrTendril::from_slice(text),
            }))
            .id();
        self.put(place, id);
    }

    /// Adds the attributes an element does not have yet (a second `<html>` or `<body>`).
    pub(super) fn add_missing_attrs(&mut self, id: NodeId, attrs: Vec<Attribute>) {
        let Some(mut node) = self.tree.get_mut(id) else {
            return;
        };
        let Node::Element(element) = node.value() else {
            return;
        };
        for attr in attrs {
            if let Err(at) = element.attrs.binary_search_by(|(n, _)| n.cmp(&attr.name)) {
                element.attrs.insert(at, (attr.name, attr.value));
            }
        }
    }

    // ---- the stack ----

    pub(super) fn pop(&mut self) {
        self.stack.pop();
    }

    pub(super) fn pop_until(&mut self, name: &str) {
        while let Some(open) = self.stack.pop() {
            if open.is(name) {
                break;
            }
        }
    }

    pub(super) fn pop_until_any(&mut self, names: &[&str]) {
        while let Some(open) = self.stack.pop() {
            if open.is_any(names) {
                break;
            }
        }
    }

    /// Pops until the current node ends the given table context ("clear the stack back to a
    /// table / table body / table row context"), using the flags worked out at push time.
    pub(super) fn clear_back_to(&mut self, context: Context) {
        let stop = match context {
            Context::Table => flag::TABLE_CONTEXT,
            Context::Body => flag::BODY_CONTEXT,
            Context::Row => flag::ROW_CONTEXT,
        };
        while let Some(current) = self.current() {
            if current.flags & stop != 0 {
                break;
            }
            self.stack.pop();
        }
    }

    fn is_boundary(open: &Open, scope: Scope) -> bool {
        let mask = match scope {
            Scope::Default => flag::SCOPE,
            Scope::ListItem => flag::SCOPE | flag::LIST_SCOPE,
            Scope::Button => flag::SCOPE | flag::BUTTON_SCOPE,
            Scope::Table => flag::TABLE_SCOPE,
        };
        open.flags & mask != 0
    }

    pub(super) fn in_scope_where(&self, scope: Scope, found: impl Fn(&Open) -> bool) -> bool {
        for open in self.stack.iter().rev() {
            if found(open) {
                return true;
            }
            if Self::is_boundary(open, scope) {
                return false;
            }
        }
        false
    }

    pub(super) fn in_scope(&self, name: &str, scope: Scope) -> bool {
        if name == "p" {
            return self.in_scope_where(scope, |o| o.flags & flag::P != 0);
        }
        self.in_scope_where(scope, |o| o.is(name))
    }

    pub(super) fn generate_implied_end(&mut self, except: Option<&str>) {
        while let Some(current) = self.current() {
            if current.flags & flag::IMPLIED_END == 0 || except.is_some_and(|e| current.is(e)) {
                break;
            }
            self.stack.pop();
        }
    }

    pub(super) fn generate_implied_end_thoroughly(&mut self) {
        while self
            .current()
            .is_some_and(|o| o.flags & flag::IMPLIED_END_THOROUGH != 0)
        {
            self.stack.pop();
        }
    }

    pub(super) fn close_p_in_button_scope(&mut self) {
        if self.in_scope("p", Scope::Button) {
            self.generate_implied_end(Some("p"));
            self.pop_until("p");
        }
    }

    pub(super) fn has_open(&self, name: &str) -> bool {
        self.stack.iter().any(|o| o.is(name))
    }

    /// Closes the element of an end tag that no other rule handles: the nearest open element
    /// of that name, unless a special element comes first.
    pub(super) fn any_other_end_tag(&mut self, name: &str) {
        for i in (0..self.stack.len()).rev() {
            if self.stack[i].is(name) {
                self.generate_implied_end(Some(name));
                self.stack.truncate(i);
                return;
            }
            if is_special(&self.stack[i]) {
                return;
            }
        }
    }

    /// Resets the insertion mode from the stack of open elements (after a table closes).
    pub(super) fn reset_mode(&mut self) {
        for (i, open) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            if open.ns != Ns::Html {
                continue;
            }
            let mode = match &*open.name {
                "td" | "th" if !last => Mode::InCell,
                "tr" => Mode::InRow,
                "tbody" | "thead" | "tfoot" => Mode::InTableBody,
                "caption" => Mode::InCaption,
                "colgroup" => Mode::InColumnGroup,
                "table" => Mode::InTable,
                "template" => *self.template_modes.last().unwrap_or(&Mode::InBody),
                "head" if !last => Mode::InHead,
                "body" => Mode::InBody,
                "frameset" => Mode::InFrameset,
                "html" => {
                    if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ if last => Mode::InBody,
                _ => continue,
            };
            self.mode = mode;
            return;
        }
        self.mode = Mode::InBody;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_elements_have_the_atom_and_flags_of_the_general_path() {
        for name in [
            "a", "b", "i", "p", "br", "em", "h1", "h2", "h3", "h4", "li", "ol", "ul", "td", "th",
            "tr", "div", "img", "nav", "span", "main", "table", "tbody", "strong", "section",
            "article",
        ] {
            let (local, flags_found) = common_html_element(name).expect(name);
            assert_eq!(local, LocalName::from(name), "{name}");
            assert_eq!(flags_found, flags(name, Ns::Html), "{name}");
        }
        assert!(common_html_element("custom-element").is_none());
    }
}
