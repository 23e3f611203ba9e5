//! The person's settings (service URL and API key) and the app-wide state every screen reads
//! them from. A web page keeps them in localStorage; the extension keeps them in
//! `chrome.storage.local`, where its service worker can read them to follow running batches.

use std::cell::RefCell;

use leptos::prelude::*;

use crate::api::{Connection, ServiceLocation};
use crate::extension;
use crate::route::{self, Route};

const SERVICE_URL_KEY: &str = "trawl.serviceUrl";
const API_KEY_KEY: &str = "trawl.apiKey";

/// What the person typed in Settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Empty means "the service that served this page".
    pub service_url: String,
    pub api_key: String,
}

impl Settings {
    /// The service to talk to: the typed URL, or else `page_default`.
    pub fn service_location(&self, page_default: ServiceLocation) -> ServiceLocation {
        let typed = self.service_url.trim().trim_end_matches('/');
        if typed.is_empty() {
            page_default
        } else {
            ServiceLocation::At(typed.to_owned())
        }
    }

    /// Service and key for API calls from this page.
    pub fn connection(&self) -> Connection {
        Connection {
            service: self.service_location(ServiceLocation::of_this_page()),
            api_key: self.api_key.trim().to_owned(),
        }
    }

    /// Reads the saved settings; missing or unreadable storage gives empty settings. On an
    /// extension page these are the ones [`preload`] read before the app was mounted.
    pub fn load() -> Self {
        if let Some(settings) = EXTENSION_SETTINGS.with(|cell| cell.borrow().clone()) {
            return settings;
        }
        let read = |key: &str| {
            local_storage()
                .and_then(|storage| storage.get_item(key).ok().flatten())
                .unwrap_or_default()
        };
        Settings {
            service_url: read(SERVICE_URL_KEY),
            api_key: read(API_KEY_KEY),
        }
    }

    /// Saves the settings in this browser. Fails when storage is off (private windows, policies).
    pub fn save(&self) -> Result<(), &'static str> {
        if EXTENSION_SETTINGS.with(|cell| cell.borrow().is_some()) {
            self.save_in_extension();
            return Ok(());
        }
        let storage = local_storage().ok_or("This browser does not allow saving settings.")?;
        storage
            .set_item(SERVICE_URL_KEY, self.service_url.trim())
            .and_then(|()| storage.set_item(API_KEY_KEY, self.api_key.trim()))
            .map_err(|_| "This browser refused to save the settings (storage is full or blocked).")
    }
}

thread_local! {
    /// Extension storage is asynchronous: the extension's settings are read once before the app
    /// is mounted ([`preload`]) and kept here, so `Settings::load` stays synchronous.
    static EXTENSION_SETTINGS: RefCell<Option<Settings>> = const { RefCell::new(None) };
}

impl Settings {
    /// The settings as a `chrome.storage.local` object.
    fn to_storage(&self) -> serde_json::Value {
        serde_json::json!({
            SERVICE_URL_KEY: self.service_url.trim(),
            API_KEY_KEY: self.api_key.trim(),
        })
    }

    /// Settings from a `chrome.storage.local` object; missing fields are empty.
    fn from_storage(stored: &serde_json::Value) -> Self {
        let read = |key: &str| {
            stored
                .get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Settings {
            service_url: read(SERVICE_URL_KEY),
            api_key: read(API_KEY_KEY),
        }
    }

    fn save_in_extension(&self) {
        EXTENSION_SETTINGS.with(|cell| *cell.borrow_mut() = Some(self.clone()));
        let items = self.to_storage();
        leptos::task::spawn_local(async move {
            if let Err(error) = extension::chrome::storage_set(&items).await {
                leptos::logging::warn!("Trawl: could not save the settings: {error}");
            }
        });
    }
}

/// On an extension page, reads the settings from `chrome.storage.local` so that later
/// `Settings::load` calls return them. Does nothing on a web page.
pub async fn preload() {
    if !extension::is_extension_page() {
        return;
    }
    let stored = extension::chrome::storage_get(&[SERVICE_URL_KEY, API_KEY_KEY])
        .await
        .unwrap_or_else(|error| {
            leptos::logging::warn!("Trawl: could not read the settings: {error}");
            serde_json::Value::Null
        });
    let settings = Settings::from_storage(&stored);
    EXTENSION_SETTINGS.with(|cell| *cell.borrow_mut() = Some(settings));
}

/// Checks a typed service URL; empty is fine (it means "this page's service").
pub fn check_service_url(text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("http://") || text.starts_with("https://") {
        Ok(())
    } else {
        Err(format!(
            "The service URL must start with http:// or https://, like https://{text}"
        ))
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

/// App-wide state, provided by the shell as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: RwSignal<Settings>,
    pub route: RwSignal<Route>,
}

impl AppState {
    /// State from storage and the current address.
    pub fn from_browser() -> Self {
        AppState {
            settings: RwSignal::new(Settings::load()),
            route: RwSignal::new(route::current()),
        }
    }

    /// The app state from context, or fresh state when a screen is shown on its own (tests).
    pub fn get() -> Self {
        use_context::<AppState>().unwrap_or_else(|| {
            let state = AppState::from_browser();
            provide_context(state);
            state
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_service_url_means_this_pages_service() {
        let settings = Settings::default();
        let here = ServiceLocation::At("http://127.0.0.1:8787".into());
        assert_eq!(settings.service_location(here.clone()), here);
    }

    #[test]
    fn typed_service_url_wins_without_trailing_slash() {
        let settings = Settings {
            service_url: " https://trawl.example/ ".into(),
            api_key: String::new(),
        };
        assert_eq!(
            settings.service_location(ServiceLocation::NotConfigured),
            ServiceLocation::At("https://trawl.example".into())
        );
    }

    #[test]
    fn extension_storage_round_trips_trimmed_settings() {
        let settings = Settings {
            service_url: " http://127.0.0.1:8787 ".into(),
            api_key: "trawl_abc\n".into(),
        };
        let stored = settings.to_storage();
        assert_eq!(stored["trawl.serviceUrl"], "http://127.0.0.1:8787");
        assert_eq!(
            Settings::from_storage(&stored),
            Settings {
                service_url: "http://127.0.0.1:8787".into(),
                api_key: "trawl_abc".into(),
            }
        );
        assert_eq!(
            Settings::from_storage(&serde_json::Value::Null),
            Settings::default()
        );
    }

    #[test]
    fn service_url_needs_a_scheme() {
        assert!(check_service_url("").is_ok());
        assert!(check_service_url("http://127.0.0.1:8787").is_ok());
        let error = check_service_url("trawl.example").unwrap_err();
        assert!(error.contains("https://trawl.example"));
    }
}
