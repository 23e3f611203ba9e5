//! Server benchmark, run by `cargo xtask bench` (never by the tests).
//!
//! Everything runs on loopback: a 500-page fixture site served by this program, and the real
//! `trawl-server` binary. Each figure is paired with a baseline measured in the same run, so the
//! ratio means something on a shared, noisy machine:
//! - throughput: Trawl pages/minute (markdown) vs. a bare fetch + markdown loop at the same concurrency;
//! - status latency: `GET /api/batch/scrape/{id}` of a 50-item batch under load vs. `GET /api/health`;
//! - peak RSS of the server process.

use axum::Router;
use axum::extract::Path;
use axum::response::Html;
use axum::routing::get;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PAGES: u32 = 500;
const CONCURRENCY: usize = 8;
const KEY: &str = "trawl_bench_key_000000000000000000";

fn fixture_page(n: u32) -> String {
    let mut body = String::with_capacity(24 * 1024);
    body.push_str(&format!(
        "<!doctype html><html lang=en><head><title>Product {n}</title>\
         <meta name=description content=\"Product number {n}\">\
         <script type=application/ld+json>{{\"@type\":\"Product\",\"name\":\"Product {n}\",\"offers\":{{\"price\":\"{n}.50\"}}}}</script>\
         </head><body><nav><a href=/>Home</a> <a href=/cart>Cart</a></nav><main><h1>Product {n}</h1>"
    ));
    for p in 0..40 {
        body.push_str(&format!(
            "<p>Paragraph {p} about product {n}: sturdy, light and <a href=\"/product/{}\">related</a> to others.</p>",
            (n + p) % PAGES
        ));
    }
    body.push_str("<table><tr><th>Size</th><th>Price</th></tr><tr><td>M</td><td>€12</td></tr></table></main><footer>Shop</footer></body></html>");
    body
}

async fn fixture_site() -> std::net::SocketAddr {
    let router = Router::new().route(
        "/product/{n}",
        get(|Path(n): Path<u32>| async move { Html(fixture_page(n)) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind fixture site");
    let addr = listener.local_addr().expect("fixture address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    addr
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Value {
    let mut request = client.request(method, url).header("x-api-key", KEY);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    match request.send().await {
        Ok(response) => response.json().await.unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// Hammers `url` from `workers` tasks for `duration`; returns sorted latencies in ms.
async fn latencies(
    client: &reqwest::Client,
    url: String,
    workers: usize,
    duration: Duration,
) -> Vec<f64> {
    let deadline = Instant::now() + duration;
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < deadline && samples.len() < 5000 {
                let start = Instant::now();
                if let Ok(response) = client.get(&url).header("x-api-key", KEY).send().await {
                    let _ = response.bytes().await;
                    samples.push(start.elapsed().as_secs_f64() * 1000.0);
                }
            }
            samples
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap_or_default());
    }
    all.sort_by(|a, b| a.total_cmp(b));
    all
}

/// Bare baseline: fetch every page and convert it to markdown, CONCURRENCY at a time.
async fn baseline_pages_per_minute(site: std::net::SocketAddr) -> f64 {
    let client = reqwest::Client::new();
    let next = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, next) = (client.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if n >= PAGES {
                    break;
                }
                let url = format!("http://{site}/product/{n}");
                if let Ok(response) = client.get(&url).send().await
                    && let Ok(bytes) = response.bytes().await
                {
                    let base = url::Url::parse(&url).expect("fixture URL");
                    let html = trawl_extract::decode_html(&bytes, Some("text/html"));
                    let markdown = tokio::task::spawn_blocking(move || {
                        trawl_extract::html_to_markdown(&html, &base)
                    })
                    .await;
                    drop(markdown);
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    f64::from(PAGES) / start.elapsed().as_secs_f64() * 60.0
}

async fn wait_all_finished(client: &reqwest::Client, base: &str, ids: &[String]) {
    loop {
        let mut finished = 0;
        for id in ids {
            let batch = call(
                client,
                reqwest::Method::GET,
                &format!("{base}/api/batch/scrape/{id}"),
                None,
            )
            .await;
            if ["completed", "failed", "cancelled"]
                .contains(&batch["status"].as_str().unwrap_or(""))
            {
                finished += 1;
            }
        }
        if finished == ids.len() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let server_bin =
        PathBuf::from(arg("--server").unwrap_or_else(|| "target/release/trawl-server".into()));
    let out_dir = PathBuf::from(arg("--out").unwrap_or_else(|| "bench-results".into()));
    let _ = std::fs::create_dir_all(&out_dir);

    let site = fixture_site().await;
    let data = std::env::temp_dir().join(format!("trawl-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let child = Command::new(&server_bin)
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--allow-private-targets",
        ])
        .args([
            "--max-concurrency",
            &CONCURRENCY.to_string(),
            "--per-host",
            &CONCURRENCY.to_string(),
            "--data-dir",
        ])
        .arg(&data)
        .env("TRAWL_API_KEY", KEY)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", server_bin.display()));
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if client
            .get(format!("{}/api/health", server.base))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    println!("baseline: bare fetch + markdown of {PAGES} pages, {CONCURRENCY} at a time…");
    let baseline_ppm = baseline_pages_per_minute(site).await;

    println!(
        "trawl: {PAGES} pages in {} batches of 50, markdown output…",
        PAGES / 50
    );
    let start = Instant::now();
    let mut ids = Vec::new();
    for chunk in 0..PAGES / 50 {
        let urls: Vec<String> = (chunk * 50..chunk * 50 + 50)
            .map(|n| format!("http://{site}/product/{n}"))
            .collect();
        let answer = call(
            &client,
            reqwest::Method::POST,
            &format!("{}/api/batch/scrape", server.base),
            Some(json!({"urls": urls, "output": "markdown"})),
        )
        .await;
        ids.push(answer["batchId"].as_str().unwrap_or_default().to_string());
    }
    wait_all_finished(&client, &server.base, &ids).await;
    let trawl_ppm = f64::from(PAGES) / start.elapsed().as_secs_f64() * 60.0;

    println!("status latency: 50-item batch under load (4 pollers, 8 s)…");
    let urls: Vec<String> = (0..50)
        .map(|n| format!("http://{site}/product/{n}"))
        .collect();
    let mut load_ids = Vec::new();
    for _ in 0..4 {
        let answer = call(
            &client,
            reqwest::Method::POST,
            &format!("{}/api/batch/scrape", server.base),
            Some(json!({"urls": urls, "output": "json"})),
        )
        .await;
        load_ids.push(answer["batchId"].as_str().unwrap_or_default().to_string());
    }
    let status_url = format!("{}/api/batch/scrape/{}", server.base, load_ids[0]);
    let status = latencies(&client, status_url, 4, Duration::from_secs(8)).await;
    let health = latencies(
        &client,
        format!("{}/api/health", server.base),
        4,
        Duration::from_secs(4),
    )
    .await;
    wait_all_finished(&client, &server.base, &load_ids).await;
    let rss_kib = peak_rss_kib(server.child.id()).unwrap_or(0);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);

    let results = json!({
        "pages": PAGES,
        "concurrency": CONCURRENCY,
        "throughput": {
            "trawlPagesPerMinute": trawl_ppm.round(),
            "baselinePagesPerMinute": baseline_ppm.round(),
            "ratioToBaseline": (trawl_ppm / baseline_ppm * 100.0).round() / 100.0
        },
        "statusLatencyMs": {
            "samples": status.len(),
            "p50": percentile(&status, 0.5), "p90": percentile(&status, 0.9),
            "p99": percentile(&status, 0.99), "max": status.last().copied().unwrap_or(0.0),
            "healthBaselineP50": percentile(&health, 0.5), "healthBaselineP99": percentile(&health, 0.99)
        },
        "peakRssMiB": (rss_kib as f64 / 1024.0 * 10.0).round() / 10.0
    });
    let text = serde_json::to_string_pretty(&results).unwrap_or_default();
    println!("{text}");
    if let Err(e) = std::fs::write(out_dir.join("server.json"), &text) {
        eprintln!("cannot write results: {e}");
        std::process::exit(1);
    }
}
