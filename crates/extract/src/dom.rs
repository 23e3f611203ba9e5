//! Small DOM helpers tuned for the extraction walks.

use ego_tree::NodeRef;
use scraper::node::Element;

/// The nodes inside `root` (not `root` itself) in document order: what
/// `root.descendants().skip(1)` gives, but stepping by first child, next sibling and parent
/// instead of through `traverse()`, which makes an open and a close edge for every node (a
/// third of the cost of the walks that only look for something inside an element).
pub(crate) fn inside<T>(root: NodeRef<'_, T>) -> Inside<'_, T> {
    Inside {
        root,
        next: root.first_child(),
    }
}

pub(crate) struct Inside<'a, T> {
    root: NodeRef<'a, T>,
    next: Option<NodeRef<'a, T>>,
}

impl<'a, T> Iterator for Inside<'a, T> {
    type Item = NodeRef<'a, T>;

    fn next(&mut self) -> Option<Self::Item> {
        let node = self.next?;
        self.next = following(node, self.root);
        Some(node)
    }
}

/// The node after `node` in document order, staying inside `root`.
fn following<'a, T>(node: NodeRef<'a, T>, root: NodeRef<'a, T>) -> Option<NodeRef<'a, T>> {
    if let Some(child) = node.first_child() {
        return Some(child);
    }
    let mut node = node;
    loop {
        if node.id() == root.id() {
            return None;
        }
        if let Some(next) = node.next_sibling() {
            return Some(next);
        }
        node = node.parent()?;
    }
}

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
    fn inside_is_descendants_without_the_root() {
        let doc = Html::parse_document(
            "<body><div><p>a<b>b</b></p><ul><li>c</li><li></li></ul></div><p>d<!--e--></p>\
             <table><tr><td>f</table></body>",
        );
        let all: Vec<_> = doc.tree.root().descendants().map(|n| n.id()).collect();
        for node in doc.tree.root().descendants() {
            let expected: Vec<_> = node.descendants().skip(1).map(|n| n.id()).collect();
            let found: Vec<_> = inside(node).map(|n| n.id()).collect();
            assert_eq!(found, expected);
        }
        assert!(all.len() > 20);
    }

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
