//! Trawl's web app: a Leptos single-page app that is served by the Trawl service and also loaded
//! as a browser-extension page (index.html and popup.html share one bundle).

pub mod api;
pub mod app;
pub mod browser_url;
pub mod components;
pub mod export;
pub mod extension;
pub mod format;
pub mod pages;
pub mod polling;
pub mod progress;
pub mod route;
pub mod schema_fields;
pub mod settings;
pub mod templates;
pub mod url_list;
pub mod windowing;

#[cfg(test)]
mod test_support;

/// Mounts the app on `<body>`. The bin's `main` calls this once the wasm module is initialised.
/// An extension page first reads its settings from extension storage (asynchronous).
pub fn start() {
    console_error_panic_hook::set_once();
    // Leptos' own executor is set up by mounting, so this first task uses wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async {
        settings::preload().await;
        leptos::mount::mount_to_body(app::App);
    });
}
