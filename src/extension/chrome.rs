//! The few `chrome.*` extension APIs the app calls, as async functions. Each one fails with a
//! sentence (never panics) when the API is missing, so the bundle still loads on a web page.

use js_sys::{Promise, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::tabs::OpenTab;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(query: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = create)]
    fn tabs_create(properties: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "windows"], js_name = getCurrent)]
    fn windows_get_current() -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = get)]
    fn storage_local_get(keys: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = set)]
    fn storage_local_set(items: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(permissions: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = contains)]
    fn permissions_contains(permissions: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(message: &JsValue) -> Result<Promise, JsValue>;
}

/// Why an extension call failed, for logs; the UI words its own sentence.
fn describe(error: JsValue) -> String {
    Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned())
}

async fn call(promise: Result<Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(describe)?)
        .await
        .map_err(describe)
}

fn to_js(value: &impl Serialize) -> Result<JsValue, String> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| error.to_string())
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
}

/// Every open tab of every window.
pub async fn all_tabs() -> Result<Vec<OpenTab>, String> {
    from_js(call(tabs_query(&to_js(&serde_json::json!({}))?)).await?)
}

/// The id of the window the current extension page belongs to.
pub async fn current_window_id() -> Option<i32> {
    let window = call(windows_get_current()).await.ok()?;
    Reflect::get(&window, &JsValue::from_str("id"))
        .ok()?
        .as_f64()
        .map(|id| id as i32)
}

/// Opens `url` in a new tab.
pub async fn open_tab(url: &str) -> Result<(), String> {
    call(tabs_create(&to_js(&serde_json::json!({ "url": url }))?))
        .await
        .map(|_| ())
}

/// Reads `keys` from `chrome.storage.local`: a JSON object with the keys that are set.
pub async fn storage_get(keys: &[&str]) -> Result<serde_json::Value, String> {
    from_js(call(storage_local_get(&to_js(&keys)?)).await?)
}

/// Writes the fields of `items` (a JSON object) to `chrome.storage.local`.
pub async fn storage_set(items: &serde_json::Value) -> Result<(), String> {
    call(storage_local_set(&to_js(items)?)).await.map(|_| ())
}

/// The host-permission pattern for one origin, e.g. `http://127.0.0.1/*` (ports are not part of
/// match patterns). `None` for anything that is not an http(s) address.
pub fn origin_pattern(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let site = super::tabs::site_of(rest);
    let host = match site.rsplit_once(':') {
        // An IPv6 literal keeps its brackets; only a trailing :port is dropped.
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => site.as_str(),
    };
    (!host.is_empty()).then(|| format!("{scheme}://{host}/*"))
}

/// Whether the extension may already talk to the site at `url`.
pub async fn has_access(url: &str) -> bool {
    let Some(pattern) = origin_pattern(url) else {
        return false;
    };
    let Ok(query) = to_js(&serde_json::json!({ "origins": [pattern] })) else {
        return false;
    };
    call(permissions_contains(&query))
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

/// Asks the person to let the extension talk to the site at `url` (that origin only). Must be
/// called from a click. True when access is granted (at once if it already was).
pub async fn request_access(url: &str) -> bool {
    let Some(pattern) = origin_pattern(url) else {
        return false;
    };
    let Ok(query) = to_js(&serde_json::json!({ "origins": [pattern] })) else {
        return false;
    };
    match call(permissions_request(&query)).await {
        Ok(granted) => granted.as_bool().unwrap_or(false),
        Err(error) => {
            leptos::logging::warn!("Trawl: permission request for {pattern} failed: {error}");
            false
        }
    }
}

/// Tells the service worker about batches started here, so it can show their progress on the
/// toolbar badge and say when they finish.
pub async fn track_batches(ids: &[String]) -> Result<(), String> {
    let message = to_js(&serde_json::json!({ "type": "trawl.track", "ids": ids }))?;
    call(runtime_send_message(&message)).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::origin_pattern;

    #[test]
    fn access_is_asked_for_one_origin_without_its_port() {
        assert_eq!(
            origin_pattern("http://127.0.0.1:8787/").as_deref(),
            Some("http://127.0.0.1/*")
        );
        assert_eq!(
            origin_pattern("https://Trawl.Example.org/base").as_deref(),
            Some("https://trawl.example.org/*")
        );
        assert_eq!(
            origin_pattern("http://[::1]:8787").as_deref(),
            Some("http://[::1]/*")
        );
        assert_eq!(origin_pattern("ftp://x.example"), None);
        assert_eq!(origin_pattern("trawl.example"), None);
    }
}
