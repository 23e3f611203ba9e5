//! Browser-extension glue: whether the app runs as an extension page, and opening the full app.
//!
//! The same bundle runs on a plain web page, so everything here checks before it touches `chrome`.

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

/// Opens the full app (index.html, next to the current page) in a new tab.
pub fn open_app_page() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window
        .open_with_url_and_target("index.html", "_blank")
        .is_err()
    {
        leptos::logging::warn!("Trawl: the browser refused to open index.html in a new tab");
    }
}
