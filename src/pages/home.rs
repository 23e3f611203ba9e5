//! The home screen: what Trawl does, and whether the service can be reached.

use leptos::prelude::*;

use crate::components::service_status::ServiceStatus;

/// The first screen of the full app.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <h1>"Trawl"</h1>
        <p class="lead">
            "Give Trawl a list of web pages: it fetches each one and turns it into clean data you can review and export."
        </p>
        <ServiceStatus />
    }
}
