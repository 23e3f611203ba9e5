//! Browser-extension glue: whether the app runs as an extension page, the `chrome.*` calls it
//! makes, and the pure logic behind the popup (which tabs, which links, what it was opened for).
//!
//! The same bundle runs on a plain web page, so everything here checks before it touches `chrome`.

pub mod chrome;
pub mod links;
pub mod service_access;
pub mod source;
pub mod tabs;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// True when the app runs as an extension page (`chrome.runtime.id` is set). Ordinary web pages
/// in Chromium can see a `chrome.runtime` object too, but without an id.
pub fn is_extension_page() -> bool {
    let runtime_id = Reflect::get(&js_sys::global(), &JsValue::from_str("chrome"))
        .and_then(|chrome| Reflect::get(&chrome, &JsValue::from_str("runtime")))
        .and_then(|runtime| Reflect::get(&runtime, &JsValue::from_str("id")));
    match runtime_id {
        Ok(id) => id.as_string().is_some_and(|id| !id.is_empty()),
        Err(_) => false,
    }
}

/// The full app's address next to the current page, at `hash` (e.g. `#/batch/ID`).
pub fn app_page_url(hash: &str) -> String {
    format!("index.html{hash}")
}

/// Opens the full app (index.html, next to the current page) in a new tab, at `hash`.
pub fn open_app_page_at(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = app_page_url(hash);
    if window.open_with_url_and_target(&url, "_blank").is_err() {
        leptos::logging::warn!("Trawl: the browser refused to open {url} in a new tab");
    }
}

/// Opens the full app's first screen in a new tab.
pub fn open_app_page() {
    open_app_page_at("");
}
