//! trawl-server: a Spidra-compatible batch scraping service that also serves the Trawl web app.
//!
//! `app(state)` is the whole HTTP surface; `Server::start` wires store, queue and fetcher.

pub mod auth;
pub mod browser;
pub mod clock;
pub mod credits;
pub mod error;
pub mod keys;
pub mod queue;
pub mod routes;
pub mod schema_check;
pub mod scrape;
pub mod server;
pub mod state;
pub mod store;

pub use server::{ServerConfig, build_state};
pub use state::AppState;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use routes::{batches, health, openapi, screenshots};
use std::path::Path;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The API under `/api`; anything else is the web app from `static_dir` (if given).
pub fn app(state: AppState, static_dir: Option<&Path>) -> Router {
    let api = Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(openapi::openapi))
        .route("/batch/scrape", get(batches::list).post(batches::submit))
        .route(
            "/batch/scrape/{batch_id}",
            get(batches::status).delete(batches::cancel),
        )
        .route(
            "/batch/scrape/{batch_id}/retry",
            axum::routing::post(batches::retry),
        )
        .route("/screenshots/{file}", get(screenshots::screenshot))
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(routes::body::MAX_BODY_BYTES))
        // Batch status with markdown for every item can be megabytes of JSON: compressed
        // quickly for clients that ask (screenshots, already compressed, are left alone).
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let router = Router::new().nest("/api", api);
    let router = match static_dir {
        // `cargo xtask build-app` writes Brotli and gzip copies beside the app's files;
        // browsers that accept them get those (the wasm shrinks from ~800 KB to ~240 KB).
        Some(dir) => {
            let files = ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .not_found_service(
                    ServeFile::new(dir.join("index.html"))
                        .precompressed_br()
                        .precompressed_gzip(),
                );
            // The answer depends on Accept-Encoding: caches in between must keep them apart.
            let web_app = Router::new().fallback_service(files).layer(
                SetResponseHeaderLayer::if_not_present(
                    header::VARY,
                    HeaderValue::from_static("accept-encoding"),
                ),
            );
            router.fallback_service(web_app)
        }
        None => router.fallback(no_web_app),
    };
    router.with_state(state)
}

async fn api_not_found(
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
) -> error::ApiError {
    error::ApiError::NotFound(format!(
        "There is no API endpoint at {}. See /api/openapi.json for the list.",
        uri.path()
    ))
}

async fn no_web_app() -> axum::response::Html<&'static str> {
    axum::response::Html(
        "<!doctype html><title>Trawl</title><h1>Trawl API is running</h1><p>The web app was not built. Run <code>cargo xtask run</code>, or see <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>",
    )
}
