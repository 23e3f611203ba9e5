//! Small DOM helpers tuned for the extraction walks.

use scraper::node::Element;

/// Attribute lookup by plain string comparison.
///
/// `scraper`'s own `Element::attr` interns the name as an atom first (hashing, and a global
/// lock for names it does not know); a linear scan over an element's few attributes is
/// several times cheaper, and these lookups run for nearly every element.
pub(crate) trait AttrExt {
    /// The value of the attribute `name` (lowercase), if present.
    fn attr_str(&self, name: &str) -> Option<&str>;

    /// The whitespace-separated tokens of the `class` attribute.
    fn class_tokens(&self) -> std::str::SplitAsciiWhitespace<'_> {
        self.attr_str("class")
            .unwrap_or("")
            .split_ascii_whitespace()
    }
}

impl AttrExt for Element {
    fn attr_str(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn finds_attributes_and_classes() {
        let doc = Html::parse_fragment(r#"<div id="x" class=" a  b " data-src="s"></div>"#);
        let div = doc
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "div")
            .unwrap();
        let v = div.value();
        assert_eq!(v.attr_str("data-src"), Some("s"));
        assert_eq!(v.attr_str("src"), None);
        assert_eq!(v.class_tokens().collect::<Vec<_>>(), ["a", "b"]);
    }
}
