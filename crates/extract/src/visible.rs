//! Data a person sees on the page without any markup for machines: "Label: value" lines,
//! definition lists, two-column tables, classed fields (`<span class="price">`), tables with
//! a header row, lists under headings, bylines and dates (repeated cards: [`crate::listings`]).

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value, json};
use url::Url;

use crate::dom::AttrExt;
use crate::inline::collapse;
use crate::main_content::{MAX_DEPTH, text_len};

const MAX_DETAILS: usize = 150;
/// The label a struck-through price is kept under (an alias of `oldPrice`; it does not
/// contain "price", so a `price` field never finds it).
pub(crate) const OLD_PRICE: &str = "Struck through";
const MAX_TABLES: usize = 20;
const MAX_ROWS: usize = 500;
const MAX_LISTS: usize = 40;
const MAX_LIST_ITEMS: usize = 200;
pub(crate) const MAX_LISTINGS: usize = 10;
/// A label longer than this is a sentence, not a label.
const MAX_LABEL_CHARS: usize = 40;
/// A classed element with more text than this is content, not a field.
const MAX_FIELD_CHARS: usize = 120;
/// Lines labelled without a colon: "Posted on 2024-01-09", "Tel. 030 1234567".
const PREFIX_LABELS: &[(&str, &str)] = &[
    ("Posted on", "published"),
    ("Published on", "published"),
    ("Published", "published"),
    ("Updated on", "updated"),
    ("Updated", "updated"),
    ("Tel.", "telephone"),
    ("Tel", "telephone"),
    ("Phone", "telephone"),
    ("Fax", "fax"),
    ("Tickets from", "price"),
    ("Prices from", "price"),
    ("Price from", "price"),
    ("Admission", "price"),
];
/// Children sharing tag and class, at least this many, make a listing.
pub(crate) const MIN_CARDS: usize = 3;

/// What the page shows, gathered in one walk over `<body>`.
#[derive(Default)]
pub(crate) struct Visible {
    /// Label → value, first occurrence wins.
    pub(crate) details: Map<String, Value>,
    /// Each table with a header row as a list of row objects keyed by header.
    pub(crate) tables: Vec<Value>,
    /// `{"heading": …, "label": id or class, "items": […]}` for each top-level list.
    pub(crate) lists: Vec<Value>,
    /// Each group of repeated cards as a list of card objects.
    pub(crate) listings: Vec<Value>,
    /// A byline author (`rel=author`, `.author`, `.byline`).
    pub(crate) author: Option<String>,
    /// The first `<time>`'s machine-readable date (or its text).
    pub(crate) time: Option<String>,
    /// `<details><summary>Question</summary>Answer</details>` blocks.
    faq: Vec<Value>,
    /// Tables and card groups inside page chrome (sidebars, footers, related-item strips):
    /// a list is taken from them only when the page's own content has nothing as good.
    pub(crate) aside_tables: Vec<Value>,
    pub(crate) aside_listings: Vec<Value>,
    /// The walk is inside page chrome.
    in_aside: bool,
    /// Amount of text in `<body>` (chrome never holds most of it).
    body_text: usize,
}

/// Words in an id or class that mark a sidebar, footer or related-item strip.
const ASIDE_WORDS: &[&str] = &[
    "sidebar",
    "footer",
    "related",
    "recommended",
    "recommendations",
    "suggested",
    "similar",
    "upsell",
    "crosssell",
    "widget",
    "widgets",
];

impl Visible {
    pub(crate) fn scan(doc: &Html, base: &Url) -> Visible {
        let mut v = Visible::default();
        let root = doc.root_element();
        let body = root
            .child_elements()
            .find(|el| el.value().name() == "body")
            .unwrap_or(root);
        let mut heading = String::new();
        v.body_text = text_len(*body);
        v.walk(body, base, &mut heading, 0);
        if v.faq.len() >= 2 {
            let faq = std::mem::take(&mut v.faq);
            v.listings.push(Value::Array(faq));
        }
        v
    }

    fn walk(&mut self, el: ElementRef<'_>, base: &Url, heading: &mut String, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let v = el.value();
        let name = v.name();
        if matches!(
            name,
            "script" | "style" | "noscript" | "template" | "svg" | "nav" | "select" | "head"
        ) {
            return;
        }
        let enters_aside = !self.in_aside && is_aside(el, name, self.body_text);
        self.in_aside |= enters_aside;
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => *heading = text_of(el),
            "dl" => self.definition_list(el),
            _ if is_struck(name) => self.old_price(el),
            "table" => self.table(el),
            "ul" | "ol"
                if !el
                    .ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| e.name() == "li")) =>
            {
                self.list(el, heading)
            }
            "details" => {
                let summary = el.child_elements().find(|c| c.value().name() == "summary");
                if let Some(summary) = summary {
                    let question = text_of(summary);
                    let all = text_of(el);
                    let answer = all.strip_prefix(question.as_str()).unwrap_or(&all).trim();
                    self.faq
                        .push(json!({ "question": question, "answer": answer }));
                }
            }
            "time" if self.time.is_none() => {
                self.time = v
                    .attr_str("datetime")
                    .map(str::to_string)
                    .or_else(|| Some(text_of(el)))
                    .filter(|t| !t.is_empty());
            }
            "a" if v
                .attr_str("href")
                .is_some_and(|h| h.starts_with("tel:") || h.starts_with("mailto:")) =>
            {
                self.contact_link(v.attr_str("href").unwrap_or(""), &text_of(el));
            }
            "a" if self.author.is_none()
                && v.attr_str("rel")
                    .is_some_and(|r| r.split_whitespace().any(|r| r == "author")) =>
            {
                self.author = Some(text_of(el)).filter(|t| !t.is_empty());
            }
            _ => {}
        }
        if self.author.is_none()
            && v.class_tokens()
                .any(|c| matches!(c, "author" | "byline" | "author-name"))
        {
            let text = text_of(el);
            let text = text
                .strip_prefix("By ")
                .or(text.strip_prefix("by "))
                .unwrap_or(&text);
            if !text.is_empty() && text.len() <= MAX_LABEL_CHARS {
                self.author = Some(text.to_string());
            }
        }
        self.fields(el, name);
        if self.listings_here().len() < MAX_LISTINGS
            && el.child_elements().nth(MIN_CARDS - 1).is_some()
        {
            self.cards(el, base);
        }
        for child in el.child_elements() {
            self.walk(child, base, heading, depth + 1);
        }
        if enters_aside {
            self.in_aside = false;
        }
    }

    /// Where a table found now goes: the page's own tables or the chrome's.
    pub(crate) fn tables_here(&mut self) -> &mut Vec<Value> {
        if self.in_aside {
            &mut self.aside_tables
        } else {
            &mut self.tables
        }
    }

    /// Where a group of cards found now goes: the page's own listings or the chrome's.
    pub(crate) fn listings_here(&mut self) -> &mut Vec<Value> {
        if self.in_aside {
            &mut self.aside_listings
        } else {
            &mut self.listings
        }
    }

    /// The fields one element holds. Kept out of [`Visible::walk`] so the recursive walk's
    /// stack frame stays small (pages nest elements thousands deep).
    #[inline(never)]
    fn fields(&mut self, el: ElementRef<'_>, name: &str) {
        if is_field_block(name) && !has_block_child(el) {
            self.label_lines(el);
            self.classed_field(el);
        } else if is_field_block(name) && leaf_pair(el) {
            // `<div class="spec-row"><div class="spec-name">Processor</div><div>…</div></div>`
            self.label_pair(el);
        } else if matches!(
            name,
            "span" | "strong" | "b" | "em" | "small" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) {
            // `<h2 class="price">£13,495</h2>` is a field too.
            self.classed_field(el);
        }
    }

    /// The first struck-through amount on the page: the price before a reduction, for
    /// fields such as `oldPrice` or `wasPrice` (never for `price`).
    pub(crate) fn old_price(&mut self, el: ElementRef<'_>) {
        let text = text_of(el);
        if text.chars().any(|c| c.is_ascii_digit()) && text.chars().count() <= 40 {
            self.insert(OLD_PRICE, &text);
        }
    }

    fn insert(&mut self, label: &str, value: &str) {
        let label = label.trim().trim_end_matches(':').trim();
        let value = value.trim();
        if label.is_empty()
            || value.is_empty()
            || label.chars().count() > MAX_LABEL_CHARS
            || self.details.len() >= MAX_DETAILS
        {
            return;
        }
        if !self.details.contains_key(label) {
            self.details
                .insert(label.to_string(), Value::String(value.to_string()));
        }
    }

    pub(crate) fn definition_list(&mut self, dl: ElementRef<'_>) {
        let mut label: Option<String> = None;
        for el in dl.descendent_elements() {
            match el.value().name() {
                "dt" => label = Some(text_of(el)),
                "dd" => {
                    if let Some(label) = label.take() {
                        self.insert(&label, &text_of(el));
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, table: ElementRef<'_>) {
        let trs: Vec<ElementRef<'_>> = table
            .descendent_elements()
            .filter(|el| el.value().name() == "tr")
            .take(MAX_ROWS)
            .collect();
        let rows: Vec<Vec<(String, bool)>> = trs
            .iter()
            .map(|tr| {
                tr.child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|c| (cell_text(c), is_header_cell(c)))
                    .collect()
            })
            .collect();
        // A `<tfoot>` row sums up the rows ("Total | 129"): it is not one of them.
        let in_footer: Vec<bool> = trs
            .iter()
            .map(|tr| {
                tr.parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name() == "tfoot"))
                    .unwrap_or(false)
            })
            .collect();
        for row in &rows {
            if let [(label, _), (value, false)] = row.as_slice() {
                self.insert(label, value);
            }
        }
        let Some(header) = rows.first() else { return };
        let is_header = header.len() >= 2 && header.iter().all(|(_, h)| *h);
        if !is_header || rows.len() < 2 || self.tables_here().len() >= MAX_TABLES {
            return;
        }
        let objects: Vec<Value> = rows[1..]
            .iter()
            .zip(&in_footer[1..])
            .filter(|(_, footer)| !**footer)
            .map(|(r, _)| r)
            .filter(|r| r.iter().any(|(t, _)| !t.is_empty()))
            // "12:15 | Lunch" spanning the other columns is a break between rows, not a row.
            .filter(|r| header.len() < 3 || r.len() + 1 >= header.len())
            .map(|row| {
                let mut obj = Map::new();
                for ((key, _), (cell, _)) in header.iter().zip(row) {
                    if !key.is_empty() && !obj.contains_key(key) {
                        obj.insert(key.clone(), Value::String(cell.clone()));
                    }
                }
                Value::Object(obj)
            })
            .collect();
        self.tables_here().push(Value::Array(objects));
        if let Some(columns) = column_objects(&rows) {
            self.tables_here().push(Value::Array(columns));
        }
    }

    fn list(&mut self, list: ElementRef<'_>, heading: &str) {
        if self.lists.len() >= MAX_LISTS {
            return;
        }
        let items: Vec<Value> = list
            .child_elements()
            .filter(|li| li.value().name() == "li")
            .take(MAX_LIST_ITEMS)
            .map(|li| Value::String(text_of(li)))
            .filter(|t| t.as_str().is_some_and(|t| !t.is_empty()))
            .collect();
        let v = list.value();
        let label = v.attr_str("id").or(v.attr_str("class")).unwrap_or("");
        if !items.is_empty() {
            self.lists
                .push(json!({ "heading": heading, "label": label, "items": items }));
        }
    }

    /// `tel:` and `mailto:` links give the phone number and email address; a number is kept
    /// as the page shows it ("0412 555 807") when the link's text is that number.
    fn contact_link(&mut self, href: &str, text: &str) {
        let shown_digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let (label, value) = match href.split_once(':') {
            Some(("tel", number)) => {
                let href_digits: String = number.chars().filter(char::is_ascii_digit).collect();
                let shown = !shown_digits.is_empty()
                    && href_digits.ends_with(shown_digits.trim_start_matches('0'))
                    && text
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +-./()".contains(c));
                ("telephone", if shown { text } else { number })
            }
            Some(("mailto", address)) => ("email", address.split('?').next().unwrap_or("")),
            _ => return,
        };
        self.insert(label, value);
    }

    /// `<span class="label">Brand</span><span class="value">Acme</span>`: a labelled pair of
    /// elements without a colon.
    pub(crate) fn label_pair(&mut self, el: ElementRef<'_>) {
        let children = pair_children(el);
        let [first, second] = children.as_slice() else {
            return;
        };
        // `<span class="stat-value">43</span> <span class="stat-label">Properties sold</span>`:
        // the class says which one is the label, whatever comes first.
        let (label, value) = if classed_label(*second) && !classed_label(*first) {
            (second, first)
        } else {
            (first, second)
        };
        let loose_text = el
            .children()
            .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
        let v = label.value();
        // `<div><h3>License</h3><p>MIT</p></div>`: a short heading over its value.
        let heading = matches!(v.name(), "h2" | "h3" | "h4" | "h5" | "h6")
            && matches!(value.value().name(), "p" | "div" | "span" | "a")
            && text_of(*label).chars().count() <= 30;
        let labelled = heading
            || matches!(v.name(), "b" | "strong" | "th" | "dt" | "label")
            || v.class_tokens().any(|c| {
                let c = c.to_ascii_lowercase();
                ["label", "key", "term", "name", "attr"]
                    .iter()
                    .any(|w| c.contains(w))
            });
        // `<li><span>Weight</span><span>2.3 kg</span></li>`: two plain spans, a short word first.
        let label_text = text_of(*label);
        let plain = matches!(v.name(), "span" | "div")
            && matches!(value.value().name(), "span" | "div")
            && label_text.chars().count() <= 30
            && !label_text.chars().any(|c| c.is_ascii_digit());
        if (labelled || plain) && !loose_text {
            self.insert(&text_of(*label), &text_or_icon_label(*value));
        }
    }

    /// "Price: €12" lines, split at `<br>`.
    pub(crate) fn label_lines(&mut self, el: ElementRef<'_>) {
        self.label_pair(el);
        for line in lines(el) {
            if let Some((label, value)) = line.split_once(':')
                && label.split_whitespace().count() <= 4
                && !label.contains("http")
                // "2:05pm", "1:1 with rye": a time or a ratio, not a label.
                && !(label.ends_with(|c: char| c.is_ascii_digit())
                    && value.starts_with(|c: char| c.is_ascii_digit()))
            {
                self.insert(label, value);
            } else if let Some((label, value)) = PREFIX_LABELS
                .iter()
                .find_map(|(prefix, label)| Some((*label, line.strip_prefix(prefix)?)))
                .filter(|(_, value)| value.starts_with([' ', '.']) || value.is_empty())
            {
                self.insert(label, value.trim_start_matches('.'));
            }
        }
    }

    /// `<span class="price">£24.99</span>`, `<div id="availability">`: the id or class
    /// names the field.
    pub(crate) fn classed_field(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let Some(class) = [v.attr_str("id"), v.attr_str("class")]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|c| !c.is_empty())
        else {
            return;
        };
        if el.child_elements().any(|c| is_block(c.value().name())) {
            return;
        }
        let text = text_of(el);
        // `<p class="price-old">Was <s>£15,995</s></p>`: with the old price left out, only
        // its label remains; that is not the price.
        let struck = el
            .descendent_elements()
            .any(|d| is_struck(d.value().name()));
        if struck && !text.chars().any(|c| c.is_ascii_digit()) {
            return;
        }
        if !text.is_empty() && text.chars().count() <= MAX_FIELD_CHARS {
            self.insert(class, &text);
        }
    }
}

/// A comparison table laid out sideways: the things compared head the columns ("", "Nimbus
/// X3", "Orion 12 Pro") and every row starts with a label ("Launch price"). Each column is
/// then one object, named by its heading.
fn column_objects(rows: &[Vec<(String, bool)>]) -> Option<Vec<Value>> {
    let (header, body) = rows.split_first()?;
    let sideways = header.len() >= 3
        && body.len() >= 2
        && body
            .iter()
            .all(|row| row.len() == header.len() && row[0].1 && !row[0].0.is_empty());
    if !sideways {
        return None;
    }
    let columns = (1..header.len())
        .map(|column| {
            let mut object = Map::new();
            object.insert("name".into(), Value::String(header[column].0.clone()));
            for row in body {
                object
                    .entry(row[0].0.clone())
                    .or_insert_with(|| Value::String(row[column].0.clone()));
            }
            Value::Object(object)
        })
        .collect();
    Some(columns)
}

fn classed_label(el: ElementRef<'_>) -> bool {
    el.value()
        .class_tokens()
        .any(|c| c.to_ascii_lowercase().contains("label"))
}

/// The element's text, or for an icon alone (✓ drawn by CSS) what it says to screen
/// readers: `<span class="icon-no" aria-label="No"></span>` → "No".
fn text_or_icon_label(el: ElementRef<'_>) -> String {
    let text = text_of(el);
    if !text.is_empty() {
        return text;
    }
    std::iter::once(el)
        .chain(el.descendent_elements())
        .find_map(|e| {
            let v = e.value();
            v.attr_str("aria-label")
                .or_else(|| v.attr_str("title"))
                .or_else(|| (v.name() == "img").then(|| v.attr_str("alt")).flatten())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The text a reader takes as the element's value: struck-through (old) prices and
/// `aria-hidden` parts left out.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    let text = read_text(el, true);
    // A cell holding nothing but a badge ("Sold out") is that badge's text.
    if text.is_empty() {
        read_text(el, false)
    } else {
        text
    }
}

/// The collapsed text of `el`, leaving out what is not read (struck, hidden, scripts) and,
/// when `without_badges`, badges and heading anchors.
fn read_text(el: ElementRef<'_>, without_badges: bool) -> String {
    // Iterative: pages can nest inline elements deeper than a worker thread's stack allows.
    let mut out = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name() == "br" => out.push(' '),
                Node::Element(e)
                    if (is_unread(e)
                        || (without_badges && is_badge(e))
                        || (e.name() == "sup" && is_footnote_mark(node, &out)))
                        && node.id() != el.id() =>
                {
                    skipping = Some(node.id());
                }
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            _ => {}
        }
    }
    collapse(&out)
}

/// A table cell's text without a note on a line of its own in small print:
/// "Amsterdam Centraal<br><small>via Amstel</small>" is "Amsterdam Centraal".
fn cell_text(cell: ElementRef<'_>) -> String {
    let note = cell.children().any(|child| {
        child
            .value()
            .as_element()
            .is_some_and(|e| e.name() == "small")
            && child
                .prev_siblings()
                .find(|s| !s.value().as_text().is_some_and(|t| t.trim().is_empty()))
                .is_some_and(|s| s.value().as_element().is_some_and(|e| e.name() == "br"))
    });
    if !note {
        return text_of(cell);
    }
    let mut text = String::new();
    for child in cell.children() {
        if child
            .value()
            .as_element()
            .is_some_and(|e| e.name() == "small" || is_unread(e))
        {
            continue;
        }
        match ElementRef::wrap(child) {
            Some(el) => {
                text.push(' ');
                text.push_str(&text_of(el));
            }
            None => {
                if let Some(t) = child.value().as_text() {
                    text.push_str(t);
                }
            }
        }
    }
    let text = collapse(&text);
    if text.is_empty() { text_of(cell) } else { text }
}

/// Whether `el` is page chrome: a sidebar, footer or related-item strip (by tag, ARIA role or
/// a word in its id or class), holding less than half of the body's text.
fn is_aside(el: ElementRef<'_>, name: &str, body_text: usize) -> bool {
    let v = el.value();
    let chrome = matches!(name, "aside" | "footer")
        || v.attr_str("role")
            .is_some_and(|r| matches!(r.trim(), "complementary" | "contentinfo"))
        || [v.attr_str("id"), v.attr_str("class")]
            .into_iter()
            .flatten()
            .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
            .any(|token| ASIDE_WORDS.iter().any(|w| token.eq_ignore_ascii_case(w)));
    chrome && text_len(*el) * 2 <= body_text
}

/// Struck-through text: an old price, a withdrawn statement.
pub(crate) fn is_struck(name: &str) -> bool {
    matches!(name, "del" | "s" | "strike")
}

/// "15,00 €<sup>1</sup>", "Total<sup>*</sup>": a footnote mark, not part of the value
/// (after a letter, "m<sup>2</sup>" is an exponent and stays).
fn is_footnote_mark(sup: NodeRef<'_, Node>, before: &str) -> bool {
    let mark: String = sup
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let mark = mark.trim();
    let after_letter = before.trim_end().ends_with(char::is_alphabetic)
        && before.ends_with(|c: char| !c.is_whitespace());
    !mark.is_empty()
        && mark.chars().count() <= 3
        && mark
            .chars()
            .all(|c| c.is_ascii_digit() || "*†‡§".contains(c))
        && !after_letter
}

fn is_unread(e: &scraper::node::Element) -> bool {
    is_struck(e.name())
        || matches!(e.name(), "script" | "style" | "template")
        || e.attr_str("aria-hidden")
            .is_some_and(|v| v.trim() == "true")
}

/// "Nimbus X2 [Best overall]", "2.14.0 [Latest] [#]": badges and heading anchors decorate a
/// value without being part of it.
fn is_badge(e: &scraper::node::Element) -> bool {
    e.class_tokens().any(|c| {
        matches!(
            c,
            "badge" | "pill" | "chip" | "tag" | "anchor" | "headerlink" | "heading-anchor"
        ) || c.ends_with("-badge")
            || c.starts_with("badge-")
    })
}

/// The text of an element as lines, broken at `<br>` and block children.
fn lines(el: ElementRef<'_>) -> Vec<String> {
    fn walk(node: NodeRef<'_, Node>, current: &mut String, out: &mut Vec<String>, depth: u32) {
        if depth > MAX_DEPTH {
            // Deeper than any real page: the rest as plain text (iteratively).
            if let Some(el) = ElementRef::wrap(node) {
                current.push_str(&text_of(el));
            }
            return;
        }
        for child in node.children() {
            match child.value() {
                Node::Text(t) => current.push_str(t),
                Node::Element(e) if e.name() == "br" => out.push(std::mem::take(current)),
                Node::Element(e) if is_unread(e) || is_badge(e) => {}
                Node::Element(_) => {
                    // `<span>SKU: 1</span> <span>Category: Mugs</span>`: each pair on its own line.
                    let pair = depth == 0
                        && ElementRef::wrap(child).is_some_and(|c| {
                            text_of(c)
                                .split_once(':')
                                .is_some_and(|(l, v)| !l.trim().is_empty() && !v.trim().is_empty())
                        });
                    if pair {
                        out.push(std::mem::take(current));
                    }
                    walk(child, current, out, depth + 1);
                    if pair {
                        out.push(std::mem::take(current));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    let mut current = String::new();
    walk(*el, &mut current, &mut out, 0);
    out.push(current);
    out.into_iter()
        .map(|l| collapse(&l))
        .filter(|l| !l.is_empty())
        .collect()
}

fn is_header_cell(cell: ElementRef<'_>) -> bool {
    if cell.value().name() == "th" {
        return true;
    }
    // `<td><b>Plan</b></td>`: a cell whose only content is bold reads as a header.
    let mut elements = cell.child_elements();
    let only_bold = elements
        .next()
        .is_some_and(|b| matches!(b.value().name(), "b" | "strong") && elements.next().is_none());
    let loose_text = cell
        .children()
        .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
    only_bold && !loose_text
}

pub(crate) fn is_field_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "div" | "dd" | "td" | "address" | "section"
    )
}

pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "dl"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "form"
            | "blockquote"
            | "pre"
    )
}

/// Exactly two child elements, neither holding blocks of its own: a label cell and a value
/// cell laid out as blocks.
fn leaf_pair(el: ElementRef<'_>) -> bool {
    match pair_children(el).as_slice() {
        [label, value] => !has_block_child(*label) && !has_block_child(*value),
        _ => false,
    }
}

/// The children of a label/value pair, without an icon in front of them:
/// `<li><span class="icon" aria-label="Age">👧</span><span>Age</span><span>5–10</span></li>`.
fn pair_children(el: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut children: Vec<ElementRef<'_>> = el.child_elements().collect();
    if children.len() == 3 && is_icon(children[0]) {
        children.remove(0);
    }
    // `<span class="label">Elevation gain</span><span class="value">870 m</span>
    // <span class="alt">2,854 ft</span>`: the classes say which two are the pair.
    if children.len() == 3 {
        let classed = |word: &str| {
            let found: Vec<ElementRef<'_>> = children
                .iter()
                .copied()
                .filter(|c| {
                    c.value()
                        .class_tokens()
                        .any(|t| t.to_ascii_lowercase().contains(word))
                })
                .collect();
            match found.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        if let (Some(label), Some(value)) = (classed("label"), classed("value")) {
            return vec![label, value];
        }
    }
    children
}

/// An icon: a class saying so, or no letters or digits in it ("👧", "⏱").
fn is_icon(el: ElementRef<'_>) -> bool {
    el.value()
        .class_tokens()
        .any(|c| c.to_ascii_lowercase().contains("icon"))
        || !text_of(el).chars().any(char::is_alphanumeric)
}

pub(crate) fn has_block_child(el: ElementRef<'_>) -> bool {
    el.child_elements().any(|c| is_block(c.value().name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(html: &str) -> Visible {
        let doc = Html::parse_document(html);
        Visible::scan(&doc, &Url::parse("https://shop.example.com/c").unwrap())
    }

    #[test]
    fn labels_come_from_lines_definition_lists_and_two_column_tables() {
        let v = scan(
            r#"<ul><li><strong>Price:</strong> €1.299,00</li></ul><p>Company: Meridian<br>Location: Remote</p>
            <dl><dt>Brand</dt><dd>Northwind</dd></dl><table><tr><th>Model</th><td>UV-27K</td></tr></table>
            <span class="price-now">£24.99</span>"#,
        );
        let d = &v.details;
        assert_eq!(d["Price"], "€1.299,00");
        assert_eq!(d["Company"], "Meridian");
        assert_eq!(d["Location"], "Remote");
        assert_eq!(d["Brand"], "Northwind");
        assert_eq!(d["Model"], "UV-27K");
        assert_eq!(d["price-now"], "£24.99");
    }

    #[test]
    fn header_tables_become_row_objects_and_lists_keep_their_heading() {
        let v = scan(
            "<h2>Ingredients</h2><ul><li>2 eggs</li><li>flour</li></ul>
            <table><tr><th>Country</th><th>Capital</th></tr><tr><td>Norway</td><td>Oslo</td></tr></table>",
        );
        assert_eq!(
            v.tables,
            vec![json!([{"Country": "Norway", "Capital": "Oslo"}])]
        );
        assert_eq!(
            v.lists,
            vec![json!({"heading": "Ingredients", "label": "", "items": ["2 eggs", "flour"]})]
        );
    }

    #[test]
    fn repeated_cards_become_a_listing() {
        let cards: String = ["Orb", "Cone", "Arc"]
            .iter()
            .map(|n| format!(r#"<div class="card"><h3><a href="/l/{n}">{n} Lamp</a></h3><span class="price">$45.00</span></div>"#))
            .collect();
        let v = scan(&format!(r#"<div class="grid">{cards}</div>"#));
        assert_eq!(
            v.listings[0][1],
            json!({"name": "Cone Lamp", "url": "https://shop.example.com/l/Cone", "price": "$45.00"})
        );
    }

    #[test]
    fn lines_labelled_without_a_colon_and_faq_blocks_are_read() {
        let v = scan(
            "<p>Posted on 2024-01-09</p><p>Tel. 030 1234567</p>
            <details><summary>Ship abroad?</summary><p>Yes.</p></details>
            <details><summary>Invoice?</summary><p>For businesses.</p></details>",
        );
        assert_eq!(v.details["published"], "2024-01-09");
        assert_eq!(v.details["telephone"], "030 1234567");
        assert_eq!(
            v.listings[0][1],
            json!({"question": "Invoice?", "answer": "For businesses."})
        );
    }

    #[test]
    fn struck_out_prices_and_contact_links_are_read_as_a_person_would() {
        let v = scan(
            r#"<p class="price"><del>$30.00</del> <ins>$25.00</ins></p>
            <p><a href="tel:+4930123456">Call</a> <a href="mailto:hi@firma.example?subject=x">Mail</a></p>"#,
        );
        assert_eq!(v.details["price"], "$25.00");
        assert_eq!(v.details["telephone"], "+4930123456");
        assert_eq!(v.details["email"], "hi@firma.example");
    }

    #[test]
    fn deeply_nested_inline_elements_do_not_exhaust_the_stack() {
        let html = format!(
            r#"<p class="note">Weight: {}2 kg{}</p>"#,
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        let weight = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || scan(&html).details.get("Weight").cloned())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(weight, Some(json!("2 kg")));
    }
}
