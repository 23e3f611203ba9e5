//! Items really get scraped: results, errors in plain words, retry, cancel, cookies, SSRF guard.

mod common;

use common::{all_file_bytes, contains, fixture_site, trawl, trawl_with};
use serde_json::json;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn json_items_carry_title_price_and_json_ld() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/3"), site.url("/product/4")], "output": "json"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(batch["status"], "completed");
    assert_eq!(batch["completedCount"], 2);
    assert_eq!(batch["failedCount"], 0);
    assert!(batch["finishedAt"].is_string());
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed");
    assert_eq!(item["result"]["title"], "Widget 3");
    assert_eq!(item["result"]["statusCode"], 200);
    assert_eq!(item["result"]["url"], site.url("/product/3"));
    assert_eq!(item["result"]["description"], "The best widget number 3.");
    assert_eq!(item["result"]["jsonLd"][0]["offers"]["price"], "3.99");
    assert_eq!(item["result"]["openGraph"]["title"], "Widget 3");
    assert_eq!(item["creditsUsed"], 2);
    assert!(item["jobId"].is_string());
    assert!(item["startedAt"].is_string() && item["finishedAt"].is_string());
    assert!(item["error"].is_null());
    assert!(item["screenshotUrl"].is_null());
}

#[tokio::test]
async fn markdown_items_are_the_main_content_with_absolute_links() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/5")], "output": "markdown"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let markdown = batch["items"][0]["result"]
        .as_str()
        .expect("markdown result is a string");
    assert!(markdown.contains("# Widget 5"), "{markdown}");
    assert!(markdown.contains("€5.99"), "{markdown}");
    assert!(
        markdown.contains(&format!("({})", site.url("/manual/5"))),
        "{markdown}"
    );
    assert!(markdown.contains("| Size | Weight |"), "{markdown}");
    assert!(
        !markdown.contains("Cart"),
        "navigation must be left out: {markdown}"
    );
    assert_eq!(batch["items"][0]["creditsUsed"], 1);
}

#[tokio::test]
async fn a_schema_shapes_every_result() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let schema = json!({"type": "object", "required": ["name", "price"], "properties": {
        "name": {"type": "string"}, "price": {"type": "number"},
        "currency": {"type": ["string", "null"]}, "available": {"type": ["boolean", "null"]}}});
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/12")], "output": "markdown", "schema": schema}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let result = &batch["items"][0]["result"];
    assert_eq!(
        result,
        &json!({"name": "Widget 12", "price": 12.99, "currency": "EUR", "available": true})
    );
    assert!(trawl_server::schema_check::conforms(&schema, result));
}

#[tokio::test]
async fn failed_pages_say_what_happened_and_cost_nothing() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let batch_id = trawl.submit(json!({"urls": [site.url("/status/404"), site.url("/file.pdf"), site.url("/product/1")]})).await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(
        batch["status"], "completed",
        "a batch with failures still completes"
    );
    assert_eq!(batch["failedCount"], 2);
    assert_eq!(batch["completedCount"], 1);
    assert_eq!(
        batch["items"][0]["error"],
        "The page returned 404 Not Found."
    );
    assert_eq!(batch["items"][0]["creditsUsed"], 0);
    assert!(batch["items"][0]["result"].is_null());
    assert!(
        batch["items"][1]["error"]
            .as_str()
            .unwrap()
            .contains("application/pdf")
    );
}

#[tokio::test]
async fn transient_errors_are_retried_automatically() {
    let site = fixture_site().await;
    site.control.flaky_failures_left.store(2, Ordering::SeqCst);
    let trawl = trawl().await;
    let batch_id = trawl.submit(json!({"urls": [site.url("/flaky")]})).await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(batch["items"][0]["status"], "completed", "{batch}");
    assert_eq!(site.hits(), 3, "two 503s, then success");
}

#[tokio::test]
async fn retry_requeues_only_failed_items() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/1"), site.url("/fixable")]}))
        .await;
    let first = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(first["failedCount"], 1);
    let completed_before = first["items"][0].clone();

    site.control.fixed.store(true, Ordering::SeqCst);
    let hits_before = site.hits();
    let (status, answer) = trawl
        .call("POST", &format!("/api/batch/scrape/{batch_id}/retry"), None)
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, json!({"status": "queued", "retriedCount": 1}));
    let after_retry = trawl.batch(&batch_id).await;
    assert!(
        ["running", "completed"].contains(&after_retry["status"].as_str().unwrap()),
        "{after_retry}"
    );
    assert!(after_retry["finishedAt"].is_null() || after_retry["status"] == "completed");

    let done = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(done["failedCount"], 0);
    assert_eq!(done["completedCount"], 2);
    assert_eq!(done["items"][1]["result"]["title"], "Widget 9");
    assert_eq!(
        done["items"][0], completed_before,
        "completed items are never touched"
    );
    assert_eq!(
        site.hits() - hits_before,
        1,
        "only the failed page is fetched again"
    );

    let (_, again) = trawl
        .call("POST", &format!("/api/batch/scrape/{batch_id}/retry"), None)
        .await;
    assert_eq!(again["retriedCount"], 0);
}

#[tokio::test]
async fn cancel_stops_pending_items_and_lets_running_ones_finish() {
    let site = fixture_site().await;
    let trawl = trawl_with(|c| {
        c.max_concurrency = 1;
        c.per_host = 1;
    })
    .await;
    let urls: Vec<String> = (0..5)
        .map(|n| site.url(&format!("/slow/600/{n}")))
        .collect();
    let batch_id = trawl.submit(json!({"urls": urls, "output": "json"})).await;
    trawl
        .wait_for(&batch_id, |b| b["items"][0]["status"] == "running")
        .await;

    let (status, answer) = trawl
        .call("DELETE", &format!("/api/batch/scrape/{batch_id}"), None)
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer,
        json!({"status": "cancelled", "cancelledItems": 4, "creditsRefunded": 8})
    );

    let done = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(done["status"], "cancelled");
    assert_eq!(
        done["items"][0]["status"], "completed",
        "the running item finishes normally"
    );
    for item in &done["items"].as_array().unwrap()[1..] {
        assert_eq!(item["status"], "cancelled");
        assert_eq!(item["creditsUsed"], 0);
    }
    assert_eq!(site.hits(), 1, "cancelled pages are never fetched");

    let (status, answer) = trawl
        .call("DELETE", &format!("/api/batch/scrape/{batch_id}"), None)
        .await;
    assert_eq!(status, 409);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("already cancelled")
    );
    let (status, _) = trawl
        .call("POST", &format!("/api/batch/scrape/{batch_id}/retry"), None)
        .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn cookies_reach_the_page_but_never_the_data_folder() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let secret = "session=SECRET-COOKIE-7f3a9";
    // The redirect goes to another host name (localhost instead of 127.0.0.1): no cookies there.
    let elsewhere = format!("http://localhost:{}/echo-cookies", site.addr.port());
    let batch_id = trawl
        .submit(json!({
            "urls": [site.url("/echo-cookies"), site.url(&format!("/redirect?to={elsewhere}"))],
            "cookies": secret,
            "output": "markdown"
        }))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let own_host = batch["items"][0]["result"].as_str().unwrap();
    let checksum: u32 = secret.bytes().map(u32::from).sum();
    assert!(
        own_host.contains(&format!("cookie names: session (checksum {checksum})")),
        "{own_host}"
    );
    let other_host = batch["items"][1]["result"].as_str().unwrap();
    assert!(
        other_host.contains("no cookies"),
        "cookies must not follow a redirect to another host: {other_host}"
    );
    assert!(
        trawl.state.queue.cookies.get(&batch_id).is_none(),
        "dropped from memory once done"
    );

    let on_disk = all_file_bytes(trawl.data_dir.path());
    assert!(!on_disk.is_empty());
    assert!(
        !contains(&on_disk, "SECRET-COOKIE-7f3a9"),
        "cookie value reached the data folder"
    );
}

#[tokio::test]
async fn the_ssrf_guard_refuses_internal_addresses_without_connecting() {
    let site = fixture_site().await;
    let trawl = trawl_with(|c| c.allow_private_targets = false).await;
    let port = site.addr.port();
    let urls = [
        format!("http://127.0.0.1:{port}/product/1"),
        format!("http://localhost:{port}/product/1"),
        format!("http://[::1]:{port}/product/1"),
        format!("http://2130706433:{port}/product/1"),
        format!("http://127.0.0.1:{port}/redirect?to=http://10.0.0.1/"),
    ];
    let batch_id = trawl.submit(json!({"urls": urls})).await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(batch["failedCount"], 5, "{batch}");
    for item in batch["items"].as_array().unwrap() {
        let error = item["error"].as_str().unwrap();
        assert!(
            error.contains("does not fetch internal network addresses"),
            "{error}"
        );
        assert!(error.contains("--allow-private-targets"), "{error}");
    }
    assert_eq!(site.hits(), 0, "no request may reach an internal address");
}

#[tokio::test]
async fn resolved_names_are_checked_not_just_literals() {
    // The machine's own host name usually resolves to loopback through /etc/hosts: a name the
    // guard can only catch by checking the resolved address.
    let name = std::fs::read_to_string("/etc/hostname")
        .unwrap_or_default()
        .trim()
        .to_string();
    let resolves_to_loopback = match tokio::net::lookup_host((name.as_str(), 80)).await {
        Ok(addrs) => {
            let addrs: Vec<_> = addrs.collect();
            !addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback())
        }
        Err(_) => false,
    };
    if name.is_empty() || !resolves_to_loopback {
        eprintln!("skipped: this machine's host name does not resolve to loopback");
        return;
    }
    let site = fixture_site().await;
    let trawl = trawl_with(|c| c.allow_private_targets = false).await;
    let batch_id = trawl
        .submit(json!({"urls": [format!("http://{name}:{}/product/1", site.addr.port())]}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let error = batch["items"][0]["error"].as_str().unwrap();
    assert!(error.contains("internal network"), "{error}");
    assert!(
        error.contains("127.0.0.1"),
        "the message names the resolved address: {error}"
    );
    assert_eq!(site.hits(), 0);
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (width, height)
}

#[tokio::test]
async fn screenshots_are_taken_and_served_at_an_unguessable_link_without_a_key() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    assert!(
        trawl.state.screenshots_available,
        "Chromium is missing: run `cargo xtask setup`"
    );
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/21")], "screenshot": true}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed", "{batch}");
    assert_eq!(item["creditsUsed"], 3, "fetch + extraction + screenshot");
    let link = item["screenshotUrl"].as_str().expect("a screenshot link");
    let path = link
        .split_once("/api/")
        .map(|(_, p)| format!("/api/{p}"))
        .unwrap();
    let token = path
        .trim_start_matches("/api/screenshots/")
        .trim_end_matches(".png");
    assert!(
        token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
        "{token}"
    );

    let request = axum::http::Request::builder()
        .uri(&path)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(trawl.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let (width, height) = png_size(&bytes);
    assert_eq!(width, 1280);
    assert!(height > 100);

    let (status, _) = trawl
        .call_with_key(
            "GET",
            "/api/screenshots/00000000000000000000000000000000.png",
            None,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn pages_built_by_javascript_are_rendered_in_the_browser() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/spa")], "output": "markdown"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let markdown = batch["items"][0]["result"].as_str().unwrap_or_default();
    assert!(markdown.contains("# Rendered Widget"), "{batch}");
    assert!(markdown.contains("Price: 42 EUR"), "{markdown}");
    assert_eq!(
        batch["items"][0]["creditsUsed"], 2,
        "fetch + browser render"
    );
}

#[tokio::test]
async fn screenshots_are_refused_up_front_when_chromium_is_missing() {
    let trawl = trawl_with(|c| c.chromium = "/nonexistent/chromium".into()).await;
    let (status, message) = trawl
        .submit_refused(json!({"urls": ["https://shop.test/"], "screenshot": true}))
        .await;
    assert_eq!(status, 422);
    assert!(message.contains("Chromium is not installed"), "{message}");
}

/// The request lines a stand-in proxy received ("GET http://site/path HTTP/1.1").
type SeenRequests = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// A stand-in for a country proxy: answers every request itself and records its request
/// line. A request for a path ending in `/start` is redirected to `redirect_to`.
async fn fake_proxy_redirecting(
    redirect_to: Option<String>,
) -> (std::net::SocketAddr, SeenRequests) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = SeenRequests::default();
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let read = socket.read(&mut buffer).await.unwrap_or(0);
            let head = String::from_utf8_lossy(&buffer[..read]).to_string();
            let line = head.lines().next().unwrap_or_default().to_string();
            record.lock().unwrap().push(line.clone());
            let answer = match &redirect_to {
                Some(target) if line.contains("/start ") => format!(
                    "HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                ),
                _ => {
                    let body = "<html><head><title>Seen from Germany</title></head><body><main><h1>Preis: 10 €</h1></main></body></html>";
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                }
            };
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    (addr, seen)
}

async fn fake_proxy() -> (std::net::SocketAddr, SeenRequests) {
    fake_proxy_redirecting(None).await
}

/// This machine's own name, when it resolves to an internal address (as /etc/hosts makes it
/// on Linux machines and containers).
async fn own_internal_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim().to_string();
    let addresses: Vec<_> = tokio::net::lookup_host((name.as_str(), 80))
        .await
        .ok()?
        .collect();
    let internal = addresses.iter().any(|a| {
        let ip = a.ip();
        ip.is_loopback()
            || match ip {
                std::net::IpAddr::V4(v4) => v4.is_private() || v4.is_link_local(),
                std::net::IpAddr::V6(_) => false,
            }
    });
    internal.then_some(name)
}

#[tokio::test]
async fn a_proxy_is_not_a_way_around_the_guard_for_internal_names_and_redirects() {
    let Some(internal_name) = own_internal_name().await else {
        eprintln!("skipped: this machine's name does not resolve to an internal address");
        return;
    };
    // Sites are written as public IP literals so the test makes no DNS queries; the stand-in
    // proxy answers for them, nothing leaves the machine.
    let (proxy, seen) = fake_proxy_redirecting(Some("http://10.1.2.3/admin".into())).await;
    let trawl = trawl_with(|c| {
        c.allow_private_targets = false;
        c.proxies.insert("de".into(), format!("http://{proxy}"));
    })
    .await;
    let batch_id = trawl
        .submit(json!({
            "urls": [
                format!("http://{internal_name}:9/secret"),
                "http://93.184.215.14/start",
                "http://93.184.215.14/page",
            ],
            "useProxy": true,
            "proxyCountry": "de"
        }))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let items = batch["items"].as_array().unwrap();
    let error = |i: usize| items[i]["error"].as_str().unwrap_or_default().to_string();
    // A name of this network is refused before the proxy is asked.
    assert_eq!(items[0]["status"], "failed", "{batch}");
    assert!(
        error(0).contains("internal network addresses"),
        "{}",
        error(0)
    );
    // A public page redirecting to an internal address: the redirect is not followed.
    assert_eq!(items[1]["status"], "failed", "{batch}");
    assert!(error(1).contains("10.1.2.3"), "{}", error(1));
    // An ordinary page still goes through the proxy.
    assert_eq!(items[2]["status"], "completed", "{batch}");
    assert_eq!(items[2]["result"]["title"], "Seen from Germany", "{batch}");
    let seen = seen.lock().unwrap().clone();
    assert!(
        !seen
            .iter()
            .any(|line| line.contains(&internal_name) || line.contains("10.1.2.3")),
        "the proxy was asked for an internal site: {seen:?}"
    );
}

#[tokio::test]
async fn redirects_through_a_proxy_are_followed() {
    let (proxy, seen) = fake_proxy_redirecting(Some("/landing".into())).await;
    let trawl = trawl_with(|c| {
        c.proxies.insert("de".into(), format!("http://{proxy}"));
    })
    .await;
    let batch_id = trawl
        .submit(
            json!({"urls": ["http://93.184.215.14/start"], "useProxy": true, "proxyCountry": "de"}),
        )
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(
        batch["items"][0]["result"]["title"], "Seen from Germany",
        "{batch}"
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            "GET http://93.184.215.14/start HTTP/1.1",
            "GET http://93.184.215.14/landing HTTP/1.1"
        ]
    );
}

#[tokio::test]
async fn proxy_country_routes_the_fetch_through_that_countrys_proxy() {
    let site = fixture_site().await;
    let (proxy, seen) = fake_proxy().await;
    let trawl = trawl_with(|c| {
        c.proxies.insert("de".into(), format!("http://{proxy}"));
    })
    .await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/1")], "useProxy": true, "proxyCountry": "de"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(
        batch["items"][0]["result"]["title"], "Seen from Germany",
        "{batch}"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(site.hits(), 0, "the site is reached only through the proxy");

    let (status, body) = trawl
        .call(
            "POST",
            "/api/batch/scrape",
            Some(json!({"urls": [site.url("/product/1")], "proxyCountry": "us"})),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        body["message"].as_str().unwrap().contains("Available: de"),
        "{body}"
    );
}

#[tokio::test]
async fn the_per_host_limit_keeps_one_site_from_being_hammered() {
    let site = fixture_site().await;
    let trawl = trawl_with(|c| {
        c.max_concurrency = 4;
        c.per_host = 1;
    })
    .await;
    let port = site.addr.port();
    let mut urls: Vec<String> = (0..3)
        .map(|n| site.url(&format!("/slow/300/{n}")))
        .collect();
    urls.extend((3..6).map(|n| format!("http://localhost:{port}/slow/300/{n}")));
    let batch_id = trawl.submit(json!({"urls": urls})).await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(batch["completedCount"], 6, "{batch}");
    assert_eq!(
        site.control.max_in_flight.load(Ordering::SeqCst),
        2,
        "one page at a time per host name, two host names in parallel"
    );
}
