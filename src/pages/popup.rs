//! The extension's popup (popup.html): scrape the open tabs, or, when opened from the right-click
//! menu, a page, a link, or all links on a page. Without settings it says so and opens Settings.

mod link_source;
mod page_picker;
mod scrape_form;
mod tab_source;

use leptos::prelude::*;

use crate::extension::source::PopupSource;
use crate::extension::{self, open_app_page, open_app_page_at};
use crate::route::Route;
use crate::settings::AppState;
use link_source::{LinksSource, SingleSource};
use scrape_form::Noun;
use tab_source::TabSource;

/// What the popup was opened for, from its address hash.
fn source_of_this_page() -> PopupSource {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    PopupSource::parse(&hash, |text| {
        js_sys::decode_uri_component(text).ok().map(String::from)
    })
}

/// The view on popup.html.
#[component]
pub fn PopupPage() -> impl IntoView {
    let state = AppState::from_browser();
    provide_context(state);
    let is_set_up = state
        .settings
        .with_untracked(|s| !s.service_url.trim().is_empty() && !s.api_key.trim().is_empty());

    let content = if !extension::is_extension_page() {
        view! { <p>"Scrape a list of pages and review the results."</p> }.into_any()
    } else if !is_set_up {
        view! { <NotSetUp /> }.into_any()
    } else {
        match source_of_this_page() {
            PopupSource::Tabs => view! { <TabSource /> }.into_any(),
            PopupSource::Page(url) => {
                view! { <SingleSource url=url noun=Noun { one: "page", many: "pages" } /> }
                    .into_any()
            }
            PopupSource::Link(url) => {
                view! { <SingleSource url=url noun=Noun { one: "link", many: "links" } /> }
                    .into_any()
            }
            PopupSource::LinksOn(page) => view! { <LinksSource page=page /> }.into_any(),
        }
    };

    view! {
        <main class="popup">
            <h1>"Trawl"</h1>
            {content}
            <div class="actions popup__footer">
                <button type="button" class="button button--secondary" on:click=move |_| open_app_page()>
                    "Open Trawl"
                </button>
            </div>
        </main>
    }
}

/// No service or key yet: say so, and the way forward.
#[component]
fn NotSetUp() -> impl IntoView {
    view! {
        <div class="notice">
            <p>
                "Trawl is not set up yet. Add the address of your Trawl service and your API key in Settings, then click Trawl again."
            </p>
            <button type="button" class="button" on:click=move |_| open_app_page_at(&Route::Settings.href())>
                "Open Settings"
            </button>
        </div>
    }
}
