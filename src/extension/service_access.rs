//! In the extension, the browser only lets Trawl talk to the service after the person allows
//! that one site. This banner says so and asks, with a button (a click is required).

use leptos::prelude::*;

use super::{chrome, is_extension_page};
use crate::settings::AppState;

/// Whether the extension may talk to the configured service.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Access {
    /// Not an extension page, no service URL yet, or access is granted: nothing to show.
    NotNeeded,
    /// The person has to allow the service's site.
    Missing(String),
    /// The person said no (or the browser refused) when asked.
    Refused(String),
}

/// Shown above every full-app screen on an extension page when the service's site is not
/// allowed yet: "Allow Trawl to talk to …" with a button that asks the browser.
#[component]
pub fn ServiceAccessBanner() -> impl IntoView {
    let settings = AppState::get().settings;
    let access = RwSignal::new(Access::NotNeeded);
    let service_url = Memo::new(move |_| settings.with(|s| s.service_url.trim().to_owned()));
    Effect::new(move || {
        let url = service_url.get();
        if !is_extension_page() || chrome::origin_pattern(&url).is_none() {
            access.set(Access::NotNeeded);
            return;
        }
        leptos::task::spawn_local(async move {
            let granted = chrome::has_access(&url).await;
            // The URL may have changed while the browser answered; only the latest counts.
            if service_url.get_untracked() == url {
                access.set(if granted {
                    Access::NotNeeded
                } else {
                    Access::Missing(url)
                });
            }
        });
    });
    let allow = move |_| {
        let url = service_url.get_untracked();
        leptos::task::spawn_local(async move {
            if chrome::request_access(&url).await {
                // Every screen checks the service again, now that it may.
                if let Some(window) = web_sys::window()
                    && window.location().reload().is_err()
                {
                    access.set(Access::NotNeeded);
                }
            } else {
                access.set(Access::Refused(url));
            }
        });
    };
    move || {
        let (url, refused) = match access.get() {
            Access::NotNeeded => return None,
            Access::Missing(url) => (url, false),
            Access::Refused(url) => (url, true),
        };
        Some(view! {
            <div class="notice" role="region" aria-label="Permission">
                <p>
                    {format!("Your browser needs your permission before Trawl can talk to the service at {url}. ")}
                    {refused.then_some("It was not given. ")}
                    "Trawl only asks for this one site."
                </p>
                <button type="button" class="button" on:click=allow>
                    "Allow Trawl to use this service"
                </button>
            </div>
        })
    }
}
