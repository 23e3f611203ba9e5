//! The popup opened from the right-click menu: one page or link, or all links on a page (after
//! the person allows Trawl to read that site).

use std::collections::HashSet;

use gloo_net::http::Request;
use leptos::prelude::*;

use super::page_picker::{Candidate, PagePicker, ticked_urls};
use super::scrape_form::{Noun, ScrapeForm};
use crate::extension::chrome;
use crate::extension::links::{base_href, collect_links, hrefs_in_html};
use crate::extension::tabs::site_of;

fn candidate(url: &str) -> Candidate {
    Candidate {
        key: url.to_owned(),
        url: url.to_owned(),
        label: url.to_owned(),
        site: site_of(url),
        favicon: None,
    }
}

/// "Scrape this page" / "Scrape this link": the one address, ticked, and the form.
#[component]
pub fn SingleSource(url: String, noun: Noun) -> impl IntoView {
    let candidates = Signal::stored(vec![candidate(&url)]);
    let unticked = RwSignal::new(HashSet::<String>::new());
    let urls = Signal::derive(move || {
        candidates.with(|list| unticked.with(|unticked| ticked_urls(list, unticked)))
    });
    view! {
        <PagePicker label="Pages to scrape" candidates=candidates unticked=unticked />
        <ScrapeForm urls=urls noun=noun />
    }
}

/// Where "all links on this page" stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum LinksState {
    Checking,
    /// Trawl may not read the site yet: the person has to allow it.
    NeedsAccess {
        refused: bool,
    },
    Reading,
    Found(Vec<String>),
    Failed(String),
}

/// Reads the page and returns the web pages it links to.
async fn read_links(page: &str) -> Result<Vec<String>, String> {
    let response = Request::get(page)
        .send()
        .await
        .map_err(|_| "Trawl could not load the page.".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "The page answered with an error (HTTP {}).",
            response.status()
        ));
    }
    let html = response
        .text()
        .await
        .map_err(|_| "Trawl could not read the page.".to_owned())?;
    let base = base_href(&html)
        .and_then(|base| resolve(&base, page))
        .unwrap_or_else(|| page.to_owned());
    Ok(collect_links(page, &hrefs_in_html(&html), |href| {
        resolve(href, &base)
    }))
}

/// `href` made absolute against `base` by the browser's URL parser.
fn resolve(href: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(href, base)
        .ok()
        .map(|url| url.href())
}

/// "Scrape all links on this page": asks for access to the page's site if needed, reads the
/// page, and lists its links to tick.
#[component]
pub fn LinksSource(page: String) -> impl IntoView {
    let site = site_of(&page);
    let state = RwSignal::new(LinksState::Checking);
    let read = {
        let page = page.clone();
        move || {
            let page = page.clone();
            leptos::task::spawn_local(async move {
                state.set(LinksState::Reading);
                state.set(match read_links(&page).await {
                    Ok(links) => LinksState::Found(links),
                    Err(error) => LinksState::Failed(error),
                });
            });
        }
    };
    {
        let page = page.clone();
        let read = read.clone();
        leptos::task::spawn_local(async move {
            if chrome::has_access(&page).await {
                read();
            } else {
                state.set(LinksState::NeedsAccess { refused: false });
            }
        });
    }
    let allow = {
        let page = page.clone();
        let read = read.clone();
        move |_| {
            let page = page.clone();
            let read = read.clone();
            leptos::task::spawn_local(async move {
                if chrome::request_access(&page).await {
                    read();
                } else {
                    state.set(LinksState::NeedsAccess { refused: true });
                }
            });
        }
    };

    let candidates = Memo::new(move |_| match state.get() {
        LinksState::Found(links) => links.iter().map(|url| candidate(url)).collect(),
        _ => Vec::new(),
    });
    let unticked = RwSignal::new(HashSet::<String>::new());
    let urls = Signal::derive(move || {
        candidates.with(|list| unticked.with(|unticked| ticked_urls(list, unticked)))
    });

    let body = move || {
        match state.get() {
        LinksState::Checking | LinksState::Reading => {
            view! { <p class="loading">"Reading the links on the page…"</p> }.into_any()
        }
        LinksState::NeedsAccess { refused } => view! {
            <div class="notice">
                <p>
                    {format!("To list the links on this page, Trawl needs your permission to read {site}. ")}
                    {refused.then_some("It was not given. ")}
                    "Trawl asks for this one site only."
                </p>
                <button type="button" class="button" on:click=allow.clone()>
                    {format!("Allow Trawl to read {site}")}
                </button>
            </div>
        }
        .into_any(),
        LinksState::Failed(error) => {
            view! { <p class="status status--error">{error}</p> }.into_any()
        }
        LinksState::Found(links) if links.is_empty() => {
            view! { <p class="empty">"This page has no links to other web pages."</p> }.into_any()
        }
        LinksState::Found(_) => view! {
            <PagePicker label="Links on the page" candidates=candidates unticked=unticked />
        }
        .into_any(),
    }
    };

    view! {
        <p class="hint">{format!("Links on {page}")}</p>
        {body}
        <ScrapeForm urls=urls noun=Noun { one: "link", many: "links" } />
    }
}
