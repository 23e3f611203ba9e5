//! The home screen: what Trawl does, whether the service can be reached, and where to start.

use leptos::prelude::*;

use crate::components::service_status::ServiceStatus;
use crate::route::{HistoryQuery, Route};
use crate::settings::AppState;

/// The first screen of the full app.
#[component]
pub fn HomePage() -> impl IntoView {
    let settings = AppState::get().settings;
    let has_key = move || settings.with(|s| !s.api_key.trim().is_empty());
    view! {
        <h1>"Trawl"</h1>
        <p class="lead">
            "Give Trawl a list of web pages: it fetches each one and turns it into clean data you can review and export."
        </p>
        <ServiceStatus />
        <Show when=move || !has_key()>
            <p class="notice">
                "First step: add your API key in "
                <a href=Route::Settings.href()>"Settings"</a> "."
            </p>
        </Show>
        <div class="actions">
            <a class="button" href=Route::NewBatch.href()>
                "Start a new batch"
            </a>
            <a class="button button--secondary" href=Route::History(HistoryQuery::default()).href()>
                "See earlier batches"
            </a>
        </div>
    }
}
