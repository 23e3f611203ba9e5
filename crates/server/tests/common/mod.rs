//! Shared test fixtures: a fixture web site on 127.0.0.1 and an in-process Trawl router.
#![allow(dead_code)]

pub mod binary;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use http_body_util::BodyExt;
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;
use trawl_server::{AppState, ServerConfig, app, build_state};

pub const KEY: &str = "trawl_test_key_0123456789";

/// Counters and switches the tests use to steer the fixture site.
#[derive(Default)]
pub struct SiteControl {
    pub hits: AtomicUsize,
    pub flaky_failures_left: AtomicUsize,
    pub fixed: AtomicBool,
    pub in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    /// Every request to the browser fixtures: (Host header, path, whether a Cookie header came).
    pub cookie_log: std::sync::Mutex<Vec<(String, String, bool)>>,
}

impl SiteControl {
    fn log_cookie(&self, headers: &HeaderMap, path: &str) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let had_cookie = headers.contains_key(header::COOKIE);
        self.cookie_log
            .lock()
            .unwrap()
            .push((host, path.to_string(), had_cookie));
    }

    pub fn cookie_log(&self) -> Vec<(String, String, bool)> {
        self.cookie_log.lock().unwrap().clone()
    }
}

/// A page `height` px tall, for full-page screenshots.
pub fn tall_page(height: u32) -> String {
    format!(
        r#"<!doctype html><html><head><title>Tall page</title></head><body style="margin:0">
<main><h1>Tall page</h1><div style="height:{height}px;background:linear-gradient(#c00,#00c)"></div>
<p>The bottom of the tall page.</p></main></body></html>"#
    )
}

/// Static text a person would read (so it is no empty shell) plus a line only a script writes.
pub const SCRIPT_WRITTEN_PAGE: &str = r#"<!doctype html><html><head><title>Stock</title></head><body>
<main><h1>Warehouse stock</h1>
<p>This page lists the current stock of the warehouse. The numbers below are filled in by a small
script when the page is opened in a browser, as many shops do for live stock levels and prices.</p>
<p id="live">Loading the stock level…</p></main>
<script>document.getElementById('live').textContent = 'Stock level: 17 units (written by script)';</script>
</body></html>"#;

pub struct FixtureSite {
    pub addr: SocketAddr,
    pub control: Arc<SiteControl>,
}

impl FixtureSite {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
    pub fn hits(&self) -> usize {
        self.control.hits.load(Ordering::SeqCst)
    }
}

pub fn product_page(n: u32) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Widget {n} | Shop</title>
<meta name="description" content="The best widget number {n}.">
<meta property="og:title" content="Widget {n}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Product","name":"Widget {n}","sku":"W-{n}","offers":{{"@type":"Offer","price":"{n}.99","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}}}</script>
</head><body><nav>Home | Shop | Cart</nav><main><h1>Widget {n}</h1>
<p>Price: <strong>€{n}.99</strong></p><p>A <a href="/manual/{n}">manual</a> is included.</p>
<table><tr><th>Size</th><th>Weight</th></tr><tr><td>10 cm</td><td>{n} kg</td></tr></table>
</main><footer>© Shop</footer></body></html>"#
    )
}

async fn count(State(control): State<Arc<SiteControl>>) {
    control.hits.fetch_add(1, Ordering::SeqCst);
}

/// Serves the fixture site on an ephemeral loopback port.
pub async fn fixture_site() -> FixtureSite {
    let control = Arc::new(SiteControl::default());
    let router = Router::new()
        .route("/product/{n}", get(|Path(n): Path<u32>| async move { Html(product_page(n)) }))
        .route(
            "/slow/{ms}/{n}",
            get(|Path((ms, n)): Path<(u64, u32)>| async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                Html(product_page(n))
            }),
        )
        .route(
            "/status/{code}",
            get(|Path(code): Path<u16>| async move {
                StatusCode::from_u16(code).unwrap_or(StatusCode::IM_A_TEAPOT).into_response()
            }),
        )
        .route(
            "/flaky",
            get(|State(c): State<Arc<SiteControl>>| async move {
                if c.flaky_failures_left.load(Ordering::SeqCst) > 0 {
                    c.flaky_failures_left.fetch_sub(1, Ordering::SeqCst);
                    return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "0")], "busy").into_response();
                }
                Html(product_page(7)).into_response()
            }),
        )
        .route(
            "/fixable",
            get(|State(c): State<Arc<SiteControl>>| async move {
                if c.fixed.load(Ordering::SeqCst) {
                    Html(product_page(9)).into_response()
                } else {
                    StatusCode::NOT_FOUND.into_response()
                }
            }),
        )
        .route(
            "/echo-cookies",
            get(|headers: HeaderMap| async move {
                // Only the names and a checksum are echoed, so the value itself never lands in a result.
                let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
                let text = match cookie {
                    Some(cookie) => {
                        let names: Vec<&str> = cookie.split(';').filter_map(|p| p.split('=').next()).map(str::trim).collect();
                        let checksum: u32 = cookie.bytes().map(u32::from).sum();
                        format!("cookie names: {} (checksum {checksum})", names.join(","))
                    }
                    None => "no cookies".to_string(),
                };
                Html(format!("<html><head><title>Cookies</title></head><body><main><p>{text}</p></main></body></html>"))
            }),
        )
        .route(
            "/redirect",
            get(|axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>| async move {
                Redirect::temporary(q.get("to").map(String::as_str).unwrap_or("/product/1"))
            }),
        )
        .route(
            "/spa",
            get(|| async {
                Html(r#"<!doctype html><html><head><title>Shop app</title></head><body><div id="root"></div>
<script>document.getElementById('root').innerHTML = '<main><h1>Rendered Widget</h1><p>Price: 42 EUR, rendered by JavaScript.</p></main>';</script>
</body></html>"#)
            }),
        )
        .route("/tall/{height}", get(|Path(height): Path<u32>| async move { Html(tall_page(height)) }))
        .route("/script-written", get(|| async { Html(SCRIPT_WRITTEN_PAGE) }))
        .route(
            // Logged-in text only with a Cookie header; a script adds a line, and two images are
            // loaded: one from this host, one from `?other=HOST:PORT` (another host name).
            "/members",
            get(|State(c): State<Arc<SiteControl>>, headers: HeaderMap, axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>| async move {
                c.log_cookie(&headers, "/members");
                let greeting = if headers.contains_key(header::COOKIE) {
                    "Welcome back, member. Your orders are below."
                } else {
                    "Please log in to see your orders."
                };
                let other = q.get("other").map(|host| format!(r#"<img src="http://{host}/pixel.png" alt="">"#)).unwrap_or_default();
                Html(format!(
                    r#"<!doctype html><html><head><title>Members</title></head><body><main><h1>Members</h1><p>{greeting}</p>
<img src="/pixel.png" alt="">{other}<p id="js"></p></main>
<script>document.getElementById('js').textContent = 'Checked by the browser.';</script></body></html>"#
                ))
            }),
        )
        .route(
            "/pixel.png",
            get(|State(c): State<Arc<SiteControl>>, headers: HeaderMap| async move {
                c.log_cookie(&headers, "/pixel.png");
                ([(header::CONTENT_TYPE, "image/gif")], &b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"[..])
            }),
        )
        .route(
            // The HTML arrives at once, but an image on it never does: the load never ends.
            "/never-loads",
            get(|| async {
                Html(r#"<!doctype html><html><head><title>Stuck</title></head><body><main><h1>Stuck page</h1><p>Waiting for an image that never arrives.</p><img src="/never"></main></body></html>"#)
            }),
        )
        .route(
            "/never",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                ""
            }),
        )
        .route("/file.pdf", get(|| async { ([(header::CONTENT_TYPE, "application/pdf")], "%PDF-1.4") }))
        .layer(axum::middleware::from_fn_with_state(control.clone(), |State(c): State<Arc<SiteControl>>, req: Request<Body>, next: axum::middleware::Next| async move {
            count(State(c.clone())).await;
            let now = c.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            c.max_in_flight.fetch_max(now, Ordering::SeqCst);
            let response = next.run(req).await;
            c.in_flight.fetch_sub(1, Ordering::SeqCst);
            response
        }))
        .with_state(control.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    FixtureSite { addr, control }
}

pub struct Trawl {
    pub router: Router,
    pub state: AppState,
    pub data_dir: tempfile::TempDir,
}

pub fn config(data_dir: &std::path::Path, allow_private_targets: bool) -> ServerConfig {
    ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_path_buf(),
        database_url: None,
        static_dir: None,
        allow_private_targets,
        max_concurrency: 4,
        per_host: 4,
        timeout: Duration::from_secs(5),
        max_page_bytes: 2 * 1024 * 1024,
        proxies: HashMap::new(),
        chromium: trawl_server::browser::DEFAULT_CHROMIUM.into(),
        browser_pages: 2,
        model: None,
        api_key: Some(KEY.to_string()),
    }
}

/// A Trawl router with its queue running, on a fresh data folder.
pub async fn trawl_with(adjust: impl FnOnce(&mut ServerConfig)) -> Trawl {
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = config(data_dir.path(), true);
    adjust(&mut config);
    let state = build_state(&config).await.unwrap();
    Trawl {
        router: app(state.clone(), None),
        state,
        data_dir,
    }
}

pub async fn trawl() -> Trawl {
    trawl_with(|_| {}).await
}

impl Trawl {
    /// Sends a request with the test key (or `key`), returns status and JSON body.
    pub async fn call_with_key(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(key) = key {
            request = request.header("x-api-key", key);
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call_with_key(method, path, Some(KEY), body).await
    }

    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        let response: Response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        (status, json)
    }

    pub async fn submit(&self, body: Value) -> String {
        let (status, json) = self.call("POST", "/api/batch/scrape", Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        json["batchId"].as_str().unwrap().to_string()
    }

    /// Submits a body the API must refuse: its status and the error message.
    pub async fn submit_refused(&self, body: Value) -> (StatusCode, String) {
        let (status, json) = self.call("POST", "/api/batch/scrape", Some(body)).await;
        assert_ne!(status, StatusCode::OK, "accepted: {json}");
        let message = json["message"].as_str().unwrap_or_default().to_string();
        (status, message)
    }

    pub async fn batch(&self, batch_id: &str) -> Value {
        let (status, json) = self
            .call("GET", &format!("/api/batch/scrape/{batch_id}"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{json}");
        json
    }

    /// Polls until `done(batch)` holds (30 s at most).
    pub async fn wait_for(&self, batch_id: &str, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..600 {
            let batch = self.batch(batch_id).await;
            if done(&batch) {
                return batch;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "batch {batch_id} did not get there: {}",
            self.batch(batch_id).await
        );
    }

    /// Like [`Trawl::wait_until_finished`], for batches that take longer than 30 s.
    pub async fn wait_for_longer(&self, batch_id: &str, limit: Duration) -> Value {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let batch = self.batch(batch_id).await;
            let finished = ["completed", "failed", "cancelled"]
                .contains(&batch["status"].as_str().unwrap_or(""))
                && batch["items"].as_array().is_some_and(|items| {
                    items
                        .iter()
                        .all(|i| i["status"] != "running" && i["status"] != "pending")
                });
            if finished {
                return batch;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "batch {batch_id} did not finish within {limit:?}: {batch}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_until_finished(&self, batch_id: &str) -> Value {
        self.wait_for(batch_id, |b| {
            ["completed", "failed", "cancelled"].contains(&b["status"].as_str().unwrap_or(""))
                && b["items"].as_array().is_some_and(|items| {
                    items
                        .iter()
                        .all(|i| i["status"] != "running" && i["status"] != "pending")
                })
        })
        .await
    }
}

/// Every byte under `dir`, for "this secret never reached the disk" checks.
pub fn all_file_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            bytes.extend(all_file_bytes(&path));
        } else if let Ok(content) = std::fs::read(&path) {
            bytes.extend(content);
        }
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
