//! The list of active formatting elements (`<b>`, `<i>`, `<a>`…): pushing with the
//! "Noah's Ark" limit, reopening them after a block closed them implicitly, and the adoption
//! agency algorithm that untangles misnested end tags such as `<b><p>x</b>y`.

use ego_tree::NodeId;
use html5ever::LocalName;
use scraper::Node;

use super::tree::{Builder, Entry, Ns, Open, Place, Scope, is_special};

impl Builder<'_> {
    fn same_element(&self, a: NodeId, b: NodeId) -> bool {
        let element = |id| self.tree.get(id).and_then(|n| n.value().as_element());
        match (element(a), element(b)) {
            (Some(a), Some(b)) => a.name == b.name && a.attrs == b.attrs,
            _ => false,
        }
    }

    /// Pushes a formatting element, keeping at most three identical ones after the last marker.
    pub(super) fn push_formatting(&mut self, id: NodeId) {
        let Some(name) = self.stack.last().map(|o| o.name.clone()) else {
            return;
        };
        let mut same = Vec::new();
        for (i, entry) in self.afe.iter().enumerate().rev() {
            match entry {
                Entry::Marker => break,
                Entry::Element(other, other_name) => {
                    if *other_name == name && self.same_element(*other, id) {
                        same.push(i);
                    }
                }
            }
        }
        if same.len() >= 3
            && let Some(&earliest) = same.last()
        {
            self.afe.remove(earliest);
        }
        self.afe.push(Entry::Element(id, name));
    }

    pub(super) fn clear_formatting_to_marker(&mut self) {
        while let Some(entry) = self.afe.pop() {
            if matches!(entry, Entry::Marker) {
                break;
            }
        }
    }

    fn open_index(&self, id: NodeId) -> Option<usize> {
        self.stack.iter().rposition(|o| o.id == id)
    }

    /// A copy of an element (same name and attributes), unattached.
    fn clone_element(&mut self, id: NodeId) -> Option<NodeId> {
        let element = self.tree.get(id)?.value().as_element()?.clone();
        Some(self.tree.orphan(Node::Element(element)).id())
    }

    /// Reopens formatting elements that were closed implicitly (`<b>x<p>y` keeps `y` bold).
    pub(super) fn reconstruct_formatting(&mut self) {
        let Some(last) = self.afe.last() else {
            return;
        };
        let open = |b: &Self, e: &Entry| match e {
            Entry::Marker => true,
            Entry::Element(id, _) => b.open_index(*id).is_some(),
        };
        if open(self, last) {
            return;
        }
        let mut i = self.afe.len() - 1;
        while i > 0 {
            if open(self, &self.afe[i - 1]) {
                break;
            }
            i -= 1;
        }
        for j in i..self.afe.len() {
            let Entry::Element(old, name) = self.afe[j].clone() else {
                continue;
            };
            let Some(new) = self.clone_element(old) else {
                continue;
            };
            let place = self.place();
            self.put(place, new);
            self.push_open(new, Ns::Html);
            self.afe[j] = Entry::Element(new, name);
        }
    }

    fn formatting_index(&self, id: NodeId) -> Option<usize> {
        self.afe
            .iter()
            .rposition(|e| matches!(e, Entry::Element(other, _) if *other == id))
    }

    /// The adoption agency algorithm for the end tag `subject`. Returns `false` when the tag
    /// is to be handled like any other end tag.
    pub(super) fn adoption_agency(&mut self, subject: &str) -> bool {
        // The usual case (`<b>x</b>`): the element is the current node and the last entry of
        // the formatting list. The algorithm below would find it there, find no furthest
        // block, and pop it from both; this does the same without the searches.
        if let Some(current) = self.current()
            && current.is(subject)
            && matches!(self.afe.last(), Some(Entry::Element(id, _)) if *id == current.id)
        {
            self.stack.pop();
            self.afe.pop();
            return true;
        }
        if let Some(current) = self.current()
            && current.is(subject)
            && self.formatting_index(current.id).is_none()
        {
            self.stack.pop();
            return true;
        }
        for _ in 0..8 {
            // The formatting element: the last one named `subject` after the last marker.
            let mut found = None;
            for (i, entry) in self.afe.iter().enumerate().rev() {
                match entry {
                    Entry::Marker => break,
                    Entry::Element(id, name) if &**name == subject => {
                        found = Some((i, *id));
                        break;
                    }
                    Entry::Element(..) => {}
                }
            }
            let Some((fe_afe, fe)) = found else {
                return false;
            };
            let Some(fe_pos) = self.open_index(fe) else {
                self.afe.remove(fe_afe);
                return true;
            };
            if !self.in_scope_where(Scope::Default, |o| o.id == fe) {
                return true;
            }
            let Some(fb_pos) = (fe_pos + 1..self.stack.len()).find(|&i| is_special(&self.stack[i]))
            else {
                self.stack.truncate(fe_pos);
                self.afe.remove(fe_afe);
                return true;
            };
            let furthest = self.stack[fb_pos].id;
            let common_ancestor = fe_pos.checked_sub(1);
            let mut bookmark = fe_afe;
            let mut node_pos = fb_pos;
            let mut last_node = furthest;
            let mut inner = 0;
            loop {
                inner += 1;
                node_pos -= 1;
                let node = self.stack[node_pos].id;
                if node == fe {
                    break;
                }
                let mut node_afe = self.formatting_index(node);
                if inner > 3
                    && let Some(at) = node_afe
                {
                    self.afe.remove(at);
                    if at < bookmark {
                        bookmark -= 1;
                    }
                    node_afe = None;
                }
                let Some(at) = node_afe else {
                    self.stack.remove(node_pos);
                    continue;
                };
                let Some(new) = self.clone_element(node) else {
                    return true;
                };
                let name = self.stack[node_pos].name.clone();
                self.afe[at] = Entry::Element(new, name);
                self.stack[node_pos].id = new;
                self.stack[node_pos].target = new;
                if last_node == furthest {
                    bookmark = at + 1;
                }
                if let Some(mut moved) = self.tree.get_mut(last_node) {
                    moved.detach();
                }
                if let Some(mut parent) = self.tree.get_mut(new) {
                    parent.append_id(last_node);
                }
                last_node = new;
            }
            if let Some(mut moved) = self.tree.get_mut(last_node) {
                moved.detach();
            }
            let place = match common_ancestor {
                Some(i) => self.place_in(i),
                None => Place::Append(self.root()),
            };
            self.put(place, last_node);
            let Some(new) = self.clone_element(fe) else {
                return true;
            };
            if let Some(mut new_node) = self.tree.get_mut(new) {
                new_node.reparent_from_id_append(furthest);
            }
            if let Some(mut fb) = self.tree.get_mut(furthest) {
                fb.append_id(new);
            }
            if let Some(at) = self.formatting_index(fe) {
                self.afe.remove(at);
                if at < bookmark {
                    bookmark -= 1;
                }
            }
            let name = LocalName::from(subject);
            self.afe.insert(
                bookmark.min(self.afe.len()),
                Entry::Element(new, name.clone()),
            );
            if let Some(at) = self.open_index(fe) {
                self.stack.remove(at);
            }
            if let Some(at) = self.open_index(furthest) {
                self.stack
                    .insert(at + 1, Open::new(new, name, Ns::Html, new, false));
            }
        }
        true
    }
}
