//! The toolbar popup's main view: the open web pages of this window (or all windows), narrowed
//! by site, each with a checkbox, and the form that scrapes the ticked ones.

use std::collections::HashSet;

use leptos::prelude::*;

use super::page_picker::{Candidate, PagePicker, ticked_urls};
use super::scrape_form::{Noun, ScrapeForm};
use crate::extension::chrome;
use crate::extension::tabs::{OpenTab, TabFilter, WindowScope, sites, visible_tabs};

/// The open tabs and the window the popup belongs to, read once when the popup opens.
#[derive(Clone, Debug, Default)]
struct OpenTabs {
    tabs: Vec<OpenTab>,
    current_window: Option<i32>,
}

fn candidate(tab: &OpenTab) -> Candidate {
    Candidate {
        key: tab.id.unwrap_or_default().to_string(),
        url: tab.scrapable_url().unwrap_or_default().to_owned(),
        label: tab.label(),
        site: tab.site(),
        favicon: tab.favicon().map(str::to_owned),
    }
}

/// Lists the open tabs with filters, and scrapes the ticked ones.
#[component]
pub fn TabSource() -> impl IntoView {
    let open_tabs = LocalResource::new(|| async {
        let tabs = chrome::all_tabs().await?;
        let current_window = chrome::current_window_id().await;
        Ok::<_, String>(OpenTabs {
            tabs,
            current_window,
        })
    });
    let filter = RwSignal::new(TabFilter::default());
    let unticked = RwSignal::new(HashSet::<String>::new());
    let loaded = move || open_tabs.get().and_then(Result::ok).unwrap_or_default();

    let candidates = Memo::new(move |_| {
        let OpenTabs {
            tabs,
            current_window,
        } = loaded();
        filter.with(|filter| {
            visible_tabs(&tabs, filter, current_window)
                .into_iter()
                .map(candidate)
                .collect::<Vec<_>>()
        })
    });
    let site_choices = Memo::new(move |_| {
        let OpenTabs {
            tabs,
            current_window,
        } = loaded();
        sites(&tabs, filter.with(|f| f.scope), current_window)
    });
    let urls = Signal::derive(move || {
        candidates.with(|list| unticked.with(|unticked| ticked_urls(list, unticked)))
    });
    let set_scope = move |scope: WindowScope| filter.set(TabFilter { scope, site: None });

    let body = move || {
        match open_tabs.get() {
        None => view! { <p class="loading">"Looking at your open tabs…"</p> }.into_any(),
        Some(Err(error)) => view! {
            <p class="status status--error">{format!("Trawl could not read your open tabs ({error}).")}</p>
        }
        .into_any(),
        Some(Ok(_)) if candidates.with(Vec::is_empty) => view! {
            <p class="empty">
                {move || match filter.with(|f| f.scope) {
                    WindowScope::ThisWindow => "No web pages are open in this window. Try \"All windows\".",
                    WindowScope::AllWindows => "No web pages are open. Open the pages you want, then click Trawl again.",
                }}
            </p>
        }
        .into_any(),
        Some(Ok(_)) => view! {
            <PagePicker label="Open tabs" candidates=candidates unticked=unticked />
        }
        .into_any(),
    }
    };

    view! {
        <fieldset class="fieldset filters">
            <legend>"Which tabs"</legend>
            <div class="field field--check">
                <input
                    id="scope-window"
                    type="radio"
                    name="scope"
                    prop:checked=move || filter.with(|f| f.scope == WindowScope::ThisWindow)
                    on:change=move |_| set_scope(WindowScope::ThisWindow)
                />
                <label for="scope-window">"This window"</label>
            </div>
            <div class="field field--check">
                <input
                    id="scope-all"
                    type="radio"
                    name="scope"
                    prop:checked=move || filter.with(|f| f.scope == WindowScope::AllWindows)
                    on:change=move |_| set_scope(WindowScope::AllWindows)
                />
                <label for="scope-all">"All windows"</label>
            </div>
            <div class="field">
                <label for="site-filter">"Site"</label>
                <select
                    id="site-filter"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.site = (!value.is_empty()).then_some(value));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.site.is_none())>"All sites"</option>
                    <For
                        each=move || site_choices.get()
                        key=|(site, count)| format!("{site} {count}")
                        let:choice
                    >
                        {
                            let (site, count) = choice;
                            let selected = {
                                let site = site.clone();
                                move || filter.with(|f| f.site.as_deref() == Some(site.as_str()))
                            };
                            view! { <option value=site.clone() selected=selected>{format!("{site} ({count})")}</option> }
                        }
                    </For>
                </select>
            </div>
        </fieldset>
        {body}
        <ScrapeForm urls=urls noun=Noun { one: "tab", many: "tabs" } />
    }
}
