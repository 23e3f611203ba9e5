//! The server hands out the web app: compressed copies to browsers that accept them, the
//! app's page for its own routes, and compressed API answers.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use common::KEY;
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

struct Fetched {
    status: StatusCode,
    vary: Option<String>,
    encoding: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

async fn get(router: &axum::Router, path: &str, accept_encoding: Option<&str>) -> Fetched {
    let mut request = Request::builder().uri(path).header("x-api-key", KEY);
    if let Some(accepted) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, accepted);
    }
    let response: Response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let header_text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    Fetched {
        status: response.status(),
        vary: header_text(header::VARY),
        encoding: header_text(header::CONTENT_ENCODING),
        content_type: header_text(header::CONTENT_TYPE),
        body: response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// A dist/ folder as `cargo xtask build-app` leaves it: files plus their .br / .gz copies.
fn built_app() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", b"<!doctype html><title>Trawl</title>");
    write("index.html.gz", b"gzip copy of index");
    write("trawl_bg.wasm", b"\0asm the app itself");
    write("trawl_bg.wasm.br", b"brotli copy of the app");
    write("trawl_bg.wasm.gz", b"gzip copy of the app");
    dir
}

#[tokio::test]
async fn browsers_get_the_smallest_copy_of_the_app_they_accept() {
    let trawl = common::trawl().await;
    let dist = built_app();
    let router = trawl_server::app(trawl.state.clone(), Some(dist.path()));

    let brotli = get(&router, "/trawl_bg.wasm", Some("gzip, deflate, br")).await;
    assert_eq!(brotli.status, StatusCode::OK);
    assert_eq!(brotli.encoding.as_deref(), Some("br"));
    assert_eq!(brotli.content_type.as_deref(), Some("application/wasm"));
    assert_eq!(brotli.body, b"brotli copy of the app");
    assert_eq!(brotli.vary.as_deref(), Some("accept-encoding"));

    let gzip = get(&router, "/trawl_bg.wasm", Some("gzip")).await;
    assert_eq!(gzip.encoding.as_deref(), Some("gzip"));
    assert_eq!(gzip.body, b"gzip copy of the app");

    let plain = get(&router, "/trawl_bg.wasm", None).await;
    assert_eq!(plain.encoding, None);
    assert_eq!(plain.body, b"\0asm the app itself");

    // The app's routes live after '#'; any other path says 404 but still shows the app
    // (compressed too), so a person who mistyped a link lands somewhere useful.
    let elsewhere = get(&router, "/no-such-page", Some("gzip")).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert_eq!(elsewhere.body, b"gzip copy of index");
    let elsewhere = get(&router, "/no-such-page", None).await;
    assert_eq!(elsewhere.body, b"<!doctype html><title>Trawl</title>");
}

#[tokio::test]
async fn api_answers_are_gzipped_for_clients_that_ask() {
    let trawl = common::trawl().await;
    let router = trawl_server::app(trawl.state.clone(), None);

    let compressed = get(&router, "/api/batch/scrape", Some("gzip")).await;
    assert_eq!(compressed.status, StatusCode::OK);
    assert_eq!(compressed.encoding.as_deref(), Some("gzip"));
    let json: serde_json::Value = serde_json::from_slice(&gunzip(&compressed.body)).unwrap();
    assert!(json["jobs"].is_array(), "{json}");

    let plain = get(&router, "/api/batch/scrape", None).await;
    assert_eq!(plain.encoding, None);
    let json: serde_json::Value = serde_json::from_slice(&plain.body).unwrap();
    assert!(json["jobs"].is_array(), "{json}");
}
