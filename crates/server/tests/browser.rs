//! The browser path (Chromium driven over the DevTools protocol): full-page screenshots, cookies
//! for the page's own host only, `renderJs`, and pages that hang the browser.

mod common;

use common::*;
use serde_json::json;
use std::time::Duration;

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (width, height)
}

async fn get_without_key(trawl: &Trawl, path: &str) -> (u16, String, Vec<u8>) {
    let request = axum::http::Request::builder()
        .uri(path)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(trawl.router.clone(), request)
        .await
        .unwrap();
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, kind, bytes.to_vec())
}

#[tokio::test]
async fn screenshots_cover_the_whole_page_not_just_the_window() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    assert!(
        trawl.state.screenshots_available,
        "Chromium is missing: run `cargo xtask setup`"
    );
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/tall/5000")], "screenshot": true, "output": "markdown"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed", "{batch}");
    assert_eq!(item["creditsUsed"], 2, "fetch + screenshot");
    let link = item["screenshotUrl"].as_str().expect("a screenshot link");
    let path = format!("/api/{}", link.split_once("/api/").unwrap().1);
    let (status, kind, bytes) = get_without_key(&trawl, &path).await;
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    let (width, height) = png_size(&bytes);
    assert_eq!(width, 1280);
    assert!(
        height >= 4000,
        "a full-page screenshot of a 5,000 px page, got {height} px"
    );
    assert!(height <= trawl_server::browser::MAX_SCREENSHOT_HEIGHT);
}

#[tokio::test]
async fn cookies_reach_the_browser_for_the_pages_own_host_only_and_never_the_disk() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let secret = "SECRET-BROWSER-COOKIE-51c9";
    // The page loads one image from its own host (127.0.0.1) and one from another host name
    // (localhost, same fixture server).
    let other = format!("localhost:{}", site.addr.port());
    let batch_id = trawl
        .submit(json!({
            "urls": [site.url(&format!("/members?other={other}"))],
            "cookies": format!("session={secret}; theme=dark"),
            "renderJs": true,
            "output": "markdown"
        }))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed", "{batch}");
    let markdown = item["result"].as_str().unwrap();
    assert!(
        markdown.contains("Checked by the browser."),
        "the browser's HTML is used: {markdown}"
    );
    assert!(
        markdown.contains("Welcome back, member"),
        "the browser sent the cookies: {markdown}"
    );
    assert_eq!(item["creditsUsed"], 2, "fetch + browser render");

    let log = site.control.cookie_log();
    let own = format!("127.0.0.1:{}", site.addr.port());
    let own_pixel: Vec<_> = log
        .iter()
        .filter(|(h, p, _)| *h == own && p == "/pixel.png")
        .collect();
    assert!(
        !own_pixel.is_empty(),
        "the browser loaded the page's own image: {log:?}"
    );
    assert!(
        own_pixel.iter().all(|(_, _, cookie)| *cookie),
        "same host gets the cookies: {log:?}"
    );
    let elsewhere: Vec<_> = log.iter().filter(|(h, _, _)| *h == other).collect();
    assert!(
        !elsewhere.is_empty(),
        "the browser loaded the other host's image: {log:?}"
    );
    assert!(
        elsewhere.iter().all(|(_, _, cookie)| !cookie),
        "another host must never receive the cookies: {log:?}"
    );

    // Not in the data folder, and no browser profile is left behind anywhere in /tmp.
    let on_disk = all_file_bytes(trawl.data_dir.path());
    assert!(
        !contains(&on_disk, secret),
        "cookie value reached the data folder"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    for entry in std::fs::read_dir(std::env::temp_dir()).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir()
            && entry
                .file_name()
                .to_string_lossy()
                .starts_with("trawl-chromium-")
        {
            assert!(
                !contains(&all_file_bytes(&path), secret),
                "cookie value in a browser profile: {}",
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn render_js_reads_what_scripts_write_and_costs_one_credit_more() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let url = site.url("/script-written");
    let plain = trawl
        .submit(json!({"urls": [&url], "output": "markdown"}))
        .await;
    let rendered = trawl
        .submit(json!({"urls": [&url], "output": "markdown", "renderJs": true}))
        .await;
    let plain = trawl.wait_until_finished(&plain).await;
    let rendered = trawl.wait_until_finished(&rendered).await;

    let plain_text = plain["items"][0]["result"].as_str().unwrap();
    assert!(plain_text.contains("Warehouse stock"), "{plain}");
    assert!(
        !plain_text.contains("written by script"),
        "not an empty shell, so no automatic rendering: {plain_text}"
    );
    assert_eq!(plain["items"][0]["creditsUsed"], 1);

    let rendered_text = rendered["items"][0]["result"].as_str().unwrap();
    assert!(
        rendered_text.contains("Stock level: 17 units (written by script)"),
        "{rendered}"
    );
    assert_eq!(
        rendered["items"][0]["creditsUsed"], 2,
        "fetch + browser render"
    );

    // JSON output says the browser was used.
    let json_batch = trawl
        .submit(json!({"urls": [&url], "renderJs": true}))
        .await;
    let json_batch = trawl.wait_until_finished(&json_batch).await;
    assert_eq!(
        json_batch["items"][0]["result"]["renderedWithBrowser"], true,
        "{json_batch}"
    );
    assert_eq!(
        json_batch["items"][0]["creditsUsed"], 3,
        "fetch + extraction + render"
    );
}

#[tokio::test]
async fn render_js_must_be_a_boolean_and_needs_chromium() {
    let trawl = trawl().await;
    let (status, message) = trawl
        .submit_refused(json!({"urls": ["https://shop.test/"], "renderJs": "yes"}))
        .await;
    assert_eq!(status, 400);
    assert!(
        message.contains("\"renderJs\" must be true or false"),
        "{message}"
    );

    // With a proxy, the browser goes through it; without one for the country, the batch is
    // refused exactly as a plain fetch would be.
    let (status, message) = trawl
        .submit_refused(
            json!({"urls": ["https://shop.test/"], "renderJs": true, "proxyCountry": "de"}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        message.contains("no proxy configured for country \"de\""),
        "{message}"
    );

    let without = trawl_with(|c| c.chromium = "/nonexistent/chromium".into()).await;
    let (status, message) = without
        .submit_refused(json!({"urls": ["https://shop.test/"], "renderJs": true}))
        .await;
    assert_eq!(status, 422);
    assert!(message.contains("Chromium is not installed"), "{message}");
}

#[tokio::test]
async fn cancelling_refunds_a_requested_render_too() {
    let site = fixture_site().await;
    let trawl = trawl_with(|c| c.per_host = 1).await;
    let urls: Vec<String> = (0..4)
        .map(|i| site.url(&format!("/slow/2000/{i}")))
        .collect();
    let batch_id = trawl
        .submit(json!({"urls": urls, "renderJs": true, "output": "markdown"}))
        .await;
    let (status, answer) = trawl
        .call("DELETE", &format!("/api/batch/scrape/{batch_id}"), None)
        .await;
    assert_eq!(status, 200, "{answer}");
    let cancelled = answer["cancelledItems"].as_u64().unwrap();
    assert!(cancelled >= 3, "{answer}");
    assert_eq!(
        answer["creditsRefunded"].as_u64().unwrap(),
        cancelled * 2,
        "fetch + the render asked for: {answer}"
    );
}

#[tokio::test]
async fn a_page_that_never_finishes_loading_fails_alone_and_the_next_one_renders() {
    let site = fixture_site().await;
    // The browser gets the page timeout plus 10 s for start-up: 12 s here.
    let trawl = trawl_with(|c| {
        c.timeout = Duration::from_secs(2);
        c.browser_pages = 1;
        c.per_host = 1;
    })
    .await;
    let started = std::time::Instant::now();
    let batch_id = trawl
        .submit(json!({
            "urls": [site.url("/never-loads"), site.url("/script-written")],
            "renderJs": true,
            "output": "markdown"
        }))
        .await;
    let batch = trawl
        .wait_for_longer(&batch_id, Duration::from_secs(60))
        .await;
    let elapsed = started.elapsed();
    let stuck = &batch["items"][0];
    assert_eq!(stuck["status"], "failed", "{batch}");
    let error = stuck["error"].as_str().unwrap();
    assert!(
        error.contains("did not finish loading in the browser within 12 seconds"),
        "{error}"
    );
    assert_eq!(stuck["creditsUsed"], 0);
    let next = &batch["items"][1];
    assert_eq!(next["status"], "completed", "{batch}");
    assert!(
        next["result"]
            .as_str()
            .unwrap()
            .contains("written by script"),
        "{batch}"
    );
    assert!(elapsed < Duration::from_secs(40), "took {elapsed:?}");
}
