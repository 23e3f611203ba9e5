//! The app shell: the header, and which view a page shows (the full app or the extension popup).

use leptos::prelude::*;

use crate::pages::home::HomePage;
use crate::pages::popup::PopupPage;

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

/// The whole app: the popup on popup.html, otherwise the header and the home page.
#[component]
pub fn App() -> impl IntoView {
    match View::of_this_page() {
        View::Popup => view! { <PopupPage /> }.into_any(),
        View::Home => view! {
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <Header />
            <main id="main" class="page">
                <HomePage />
            </main>
        }
        .into_any(),
    }
}

/// The bar at the top of every full-app page.
#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <span class="brand">"Trawl"</span>
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
