//! The app shell: the header with its navigation, and which screen is shown (chosen by the
//! address's `#/…` part), or the extension popup.

use leptos::ev;
use leptos::prelude::*;

use crate::extension::service_access::ServiceAccessBanner;
use crate::pages::batch::BatchPage;
use crate::pages::history::HistoryPage;
use crate::pages::home::HomePage;
use crate::pages::new_batch::NewBatchPage;
use crate::pages::popup::PopupPage;
use crate::pages::settings::SettingsPage;
use crate::route::{self, HistoryQuery, Route};
use crate::settings::AppState;

/// What a page shows, chosen by the `data-view` attribute of its `<body>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The full app (index.html).
    Home,
    /// The small extension popup (popup.html sets `<body data-view="popup">`).
    Popup,
}

impl View {
    /// Picks the view from the value of `<body data-view>`; anything unknown shows the full app.
    pub fn from_data_view(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            Some("popup") => View::Popup,
            _ => View::Home,
        }
    }

    /// The view asked for by the current page's `<body>`.
    fn of_this_page() -> Self {
        let data_view = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
            .and_then(|body| body.get_attribute("data-view"));
        View::from_data_view(data_view.as_deref())
    }
}

/// The whole app: the popup on popup.html, otherwise the header and the current screen.
#[component]
pub fn App() -> impl IntoView {
    match View::of_this_page() {
        View::Popup => view! { <PopupPage /> }.into_any(),
        View::Home => view! { <FullApp /> }.into_any(),
    }
}

/// The full app: header, navigation and the screen the address asks for.
#[component]
fn FullApp() -> impl IntoView {
    let state = AppState::from_browser();
    provide_context(state);
    let listener = window_event_listener(ev::hashchange, move |_| {
        state.route.set(route::current());
    });
    on_cleanup(move || listener.remove());

    // Only a change of screen re-creates the page; the same route set again does nothing.
    let screen = Memo::new(move |_| state.route.get());
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <Header />
        <main id="main" class="page" tabindex="-1">
            <ServiceAccessBanner />
            {move || match screen.get() {
                Route::Home => view! { <HomePage /> }.into_any(),
                Route::NewBatch => view! { <NewBatchPage /> }.into_any(),
                Route::Batch(ids) => view! { <BatchPage ids=ids /> }.into_any(),
                Route::History(query) => view! { <HistoryPage query=query /> }.into_any(),
                Route::Settings => view! { <SettingsPage /> }.into_any(),
            }}
        </main>
    }
}

/// The bar at the top of every full-app page, with the three main screens.
#[component]
fn Header() -> impl IntoView {
    let state = AppState::get();
    let link = move |section: &'static str, route: Route, label: &'static str| {
        let current = move || (state.route.with(Route::section) == Some(section)).then_some("page");
        view! {
            <a class="nav__link" href=route.href() aria-current=current>
                {label}
            </a>
        }
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="#/">
                    "Trawl"
                </a>
                <nav class="nav" aria-label="Main">
                    {link("new", Route::NewBatch, "New batch")}
                    {link("history", Route::History(HistoryQuery::default()), "History")}
                    {link("settings", Route::Settings, "Settings")}
                </nav>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::View;

    #[test]
    fn popup_page_shows_the_popup() {
        assert_eq!(View::from_data_view(Some("popup")), View::Popup);
    }

    #[test]
    fn page_without_data_view_shows_the_full_app() {
        assert_eq!(View::from_data_view(None), View::Home);
        assert_eq!(View::from_data_view(Some("")), View::Home);
        assert_eq!(View::from_data_view(Some("settings-typo")), View::Home);
    }
}
