//! The extension's toolbar popup: a way into the full app.

use leptos::prelude::*;

use crate::extension;

/// The small view on popup.html.
#[component]
pub fn PopupPage() -> impl IntoView {
    view! {
        <main class="popup">
            <h1>"Trawl"</h1>
            <p>"Scrape a list of pages and review the results."</p>
            <button type="button" class="button" on:click=move |_| extension::open_app_page()>
                "Open Trawl"
            </button>
        </main>
    }
}
