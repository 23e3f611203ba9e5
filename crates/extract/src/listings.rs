//! Listing pages: sibling elements sharing tag and class, each holding a link (product cards,
//! search results), read as objects with name, url, image, price and their own labelled fields.

use scraper::ElementRef;
use serde_json::{Map, Value};
use url::Url;

use crate::dom::AttrExt;
use crate::urls::{is_web, resolve_link};
use crate::visible::{
    MIN_CARDS, Visible, has_block_child, is_block, is_field_block, is_struck, text_of,
};

/// At most this many cards of one listing are read (a page of results, not a whole archive).
const MAX_CARDS: usize = 500;

impl Visible {
    /// Children of `parent` sharing tag and class, each holding a link: the cards of a listing.
    pub(crate) fn cards(&mut self, parent: ElementRef<'_>, base: &Url) {
        let children: Vec<ElementRef<'_>> = parent.child_elements().collect();
        // The most frequent tag and class among the children (a heading may come first).
        let mut counts: Vec<((String, String), usize)> = Vec::new();
        for child in &children {
            let sig = signature(child);
            match counts.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, n)) => *n += 1,
                None => counts.push((sig, 1)),
            }
        }
        let Some((sig, _)) = counts.into_iter().max_by_key(|(_, n)| *n) else {
            return;
        };
        if matches!(
            sig.0.as_str(),
            "tr" | "td" | "th" | "option" | "dt" | "dd" | "tbody" | "p"
        ) {
            return;
        }
        let same: Vec<&ElementRef<'_>> = children.iter().filter(|c| signature(c) == sig).collect();
        let linked = same
            .iter()
            .filter(|c| c.descendent_elements().any(|d| d.value().name() == "a"))
            .count();
        // Cards without links (a menu's dishes) still each have their own heading.
        let headed = same
            .iter()
            .filter(|c| {
                c.descendent_elements()
                    .any(|d| matches!(d.value().name(), "h2" | "h3" | "h4" | "h5" | "h6"))
            })
            .count();
        let marked = linked >= MIN_CARDS || headed >= MIN_CARDS;
        if same.len() < MIN_CARDS || !marked || same.len() * 2 < children.len() {
            return;
        }
        if let Some(grouped) = grouped_cards(&same, base) {
            self.listings_here().push(Value::Array(grouped));
        }
        let cards: Vec<Value> = same
            .iter()
            .take(MAX_CARDS)
            .map(|card| card_object(**card, base))
            .collect();
        let substantial = cards
            .iter()
            .filter(|c| c.as_object().is_some_and(|o| o.len() >= 2))
            .count();
        if substantial >= MIN_CARDS {
            self.listings_here().push(Value::Array(cards));
        }
    }
}

/// Tag and first class: "plan-card plan-card--featured" is one more "plan-card".
fn signature(el: &ElementRef<'_>) -> (String, String) {
    (
        el.value().name().to_string(),
        el.value().class_tokens().next().unwrap_or("").to_string(),
    )
}

/// A timetable's days, a menu's courses: groups, each a heading over cards of one kind.
/// The cards of every group as one listing, each with its group's heading (as `day` when the
/// heading is a weekday, else as `category`).
fn grouped_cards(groups: &[&ElementRef<'_>], base: &Url) -> Option<Vec<Value>> {
    let is_heading =
        |el: &ElementRef<'_>| matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let first_group = groups.first()?;
    let card_sig = first_group
        .child_elements()
        .find(|c| !is_heading(c))
        .map(|c| signature(&c))?;
    if card_sig.1.is_empty() {
        return None;
    }
    let mut cards = Vec::new();
    for group in groups {
        let heading = group
            .child_elements()
            .find(|c| is_heading(c))
            .map(text_of)?;
        let key = if crate::day_lists::is_weekday(&heading) {
            "day"
        } else {
            "category"
        };
        let inner: Vec<ElementRef<'_>> = group
            .child_elements()
            .filter(|c| signature(c) == card_sig)
            .collect();
        if inner.is_empty() {
            return None;
        }
        for card in inner.into_iter().take(MAX_CARDS) {
            let mut object = card_object(card, base);
            if let Some(fields) = object.as_object_mut() {
                fields.insert(key.into(), Value::String(heading.clone()));
            }
            cards.push(object);
        }
    }
    // Worth a listing of its own only when some group holds several cards.
    (cards.len() > groups.len()).then_some(cards)
}

fn card_object(card: ElementRef<'_>, base: &Url) -> Value {
    let mut inner = Visible::default();
    let mut heading = String::new();
    // Only the card's own fields; a nested walk would also find nested listings.
    for el in card.descendent_elements() {
        let name = el.value().name();
        if name.len() == 2 && name.starts_with('h') && heading.is_empty() {
            heading = text_of(el);
        }
        if is_field_block(name) && !has_block_child(el) {
            inner.label_lines(el);
        }
        if !el.child_elements().any(|c| is_block(c.value().name())) {
            inner.classed_field(el);
        }
        if is_struck(name) {
            inner.old_price(el);
        }
        if name == "dl" {
            inner.definition_list(el);
        }
    }
    let mut obj = Map::new();
    let link = card
        .descendent_elements()
        .find(|e| e.value().name() == "a" && e.value().attr_str("href").is_some());
    let name = Some(heading).filter(|h| !h.is_empty()).or_else(|| {
        card.descendent_elements()
            .filter(|e| e.value().name() == "a")
            .map(text_of)
            .find(|t| !t.is_empty())
    });
    if let Some(name) = name {
        obj.insert("name".into(), Value::String(name));
    }
    if let Some(url) = link
        .and_then(|a| a.value().attr_str("href"))
        .and_then(|href| resolve_link(base, href))
        .filter(is_web)
    {
        obj.insert("url".into(), Value::String(url.into()));
    }
    if let Some(src) = card
        .descendent_elements()
        .find(|e| e.value().name() == "img")
        .and_then(|img| img.value().attr_str("src"))
        .and_then(|src| resolve_link(base, src))
    {
        obj.insert("image".into(), Value::String(src.into()));
    }
    // The current price: an amount not struck through ("~~1 399,00 €~~ 1 299,00 €").
    let mut current = card.descendants().filter_map(|node| {
        let text = node.value().as_text()?;
        let struck = node
            .ancestors()
            .take_while(|a| a.id() != card.id())
            .any(|a| a.value().as_element().is_some_and(|e| is_struck(e.name())));
        (!struck).then(|| text.trim())
    });
    if let Some(price) = current.find(|t| looks_like_price(t)) {
        obj.insert("price".into(), Value::String(price.to_string()));
    }
    // The card's `<time>`: when its release, post or event was.
    if let Some(time) = card
        .descendent_elements()
        .find(|e| e.value().name() == "time")
    {
        let when = time
            .value()
            .attr_str("datetime")
            .map(str::to_string)
            .unwrap_or_else(|| text_of(time));
        if !when.is_empty() {
            obj.insert("date".into(), Value::String(when));
        }
    }
    for (key, value) in inner.details {
        obj.entry(key).or_insert(value);
    }
    let lists = card_lists(card);
    let all: Vec<Value> = lists.iter().flat_map(|(_, items)| items.clone()).collect();
    for (key, items) in lists.into_iter().filter(|(key, _)| !key.is_empty()) {
        obj.entry(key).or_insert(Value::Array(items));
    }
    if !all.is_empty() {
        // Every bullet of the card, for a list field no class names ("changes" under
        // "Added" / "Fixed" subheadings).
        obj.entry("items").or_insert(Value::Array(all));
    }
    Value::Object(obj)
}

/// A card's own bullet lists (a plan's features), named by their class or id (or "").
fn card_lists(card: ElementRef<'_>) -> Vec<(String, Vec<Value>)> {
    card.descendent_elements()
        .filter(|el| matches!(el.value().name(), "ul" | "ol"))
        .filter_map(|list| {
            let v = list.value();
            let key = v
                .class_tokens()
                .next()
                .or(v.attr_str("id"))
                .unwrap_or("")
                .to_string();
            let items: Vec<Value> = list
                .child_elements()
                .filter(|li| li.value().name() == "li")
                .map(text_of)
                .filter(|t| !t.is_empty())
                .map(Value::String)
                .collect();
            (!items.is_empty()).then_some((key, items))
        })
        .collect()
}

fn looks_like_price(text: &str) -> bool {
    text.len() <= 30
        && text.chars().any(|c| c.is_ascii_digit())
        && crate::coerce::currency_code(text).is_some()
}
