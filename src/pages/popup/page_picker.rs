//! The popup's list of pages with a checkbox each (all ticked at first), and "Tick all" /
//! "Untick all" buttons.

use std::collections::HashSet;

use leptos::prelude::*;

/// One page the person can tick: an open tab or a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Unique in the list (a tab id, or the link's address).
    pub key: String,
    pub url: String,
    /// What the person reads: the tab's title, or the address.
    pub label: String,
    pub site: String,
    pub favicon: Option<String>,
}

/// The addresses of the ticked candidates, each once, in list order.
pub fn ticked_urls(candidates: &[Candidate], unticked: &HashSet<String>) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for candidate in candidates.iter().filter(|c| !unticked.contains(&c.key)) {
        if !urls.contains(&candidate.url) {
            urls.push(candidate.url.clone());
        }
    }
    urls
}

/// A labelled list of checkboxes. `unticked` holds the keys the person unticked, so pages that
/// appear later (another filter) start ticked.
#[component]
pub fn PagePicker(
    /// The accessible name of the list, e.g. "Open tabs".
    label: &'static str,
    #[prop(into)] candidates: Signal<Vec<Candidate>>,
    unticked: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let set_all = move |ticked: bool| {
        unticked.update(|set| {
            for candidate in candidates.get_untracked() {
                if ticked {
                    set.remove(&candidate.key);
                } else {
                    set.insert(candidate.key);
                }
            }
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="link-button" on:click=move |_| set_all(true)>"Tick all"</button>
            <button type="button" class="link-button" on:click=move |_| set_all(false)>"Untick all"</button>
        </div>
        <ul class="picker" aria-label=label>
            <For each=move || candidates.get() key=|candidate| candidate.key.clone() let:candidate>
                <PickerRow candidate=candidate unticked=unticked />
            </For>
        </ul>
    }
}

#[component]
fn PickerRow(candidate: Candidate, unticked: RwSignal<HashSet<String>>) -> impl IntoView {
    let id = format!(
        "pick-{}",
        candidate
            .key
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let key = candidate.key.clone();
    let is_ticked = {
        let key = key.clone();
        move || unticked.with(|set| !set.contains(&key))
    };
    let toggle = move |_| {
        let key = key.clone();
        unticked.update(move |set| {
            if !set.remove(&key) {
                set.insert(key);
            }
        });
    };
    let favicon = candidate
        .favicon
        .clone()
        .map(|src| view! { <img class="picker__icon" src=src alt="" width="16" height="16" /> });
    view! {
        <li class="picker__row field--check">
            <input id=id.clone() type="checkbox" prop:checked=is_ticked on:change=toggle />
            {favicon}
            <label for=id title=candidate.url.clone()>
                <span class="picker__title">{candidate.label.clone()}</span>
                " "
                <span class="picker__site hint">{candidate.site.clone()}</span>
            </label>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(key: &str, url: &str) -> Candidate {
        Candidate {
            key: key.into(),
            url: url.into(),
            label: key.into(),
            site: String::new(),
            favicon: None,
        }
    }

    #[test]
    fn unticked_pages_are_left_out_and_repeats_sent_once() {
        let list = [
            candidate("1", "https://a.example/"),
            candidate("2", "https://b.example/"),
            candidate("3", "https://a.example/"),
        ];
        let unticked = HashSet::from(["2".to_owned()]);
        assert_eq!(ticked_urls(&list, &unticked), vec!["https://a.example/"]);
        assert_eq!(ticked_urls(&list, &HashSet::new()).len(), 2);
    }
}
