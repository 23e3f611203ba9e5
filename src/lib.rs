//! Trawl's web app: a Leptos single-page app that is served by the Trawl service and also loaded
//! as a browser-extension page (index.html and popup.html share one bundle).

pub mod api;
pub mod app;
pub mod components;
pub mod extension;
pub mod pages;

/// Mounts the app on `<body>`. The bin's `main` calls this once the wasm module is initialised.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
