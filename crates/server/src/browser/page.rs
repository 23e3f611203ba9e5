//! What Trawl does with a page in the browser: open it in a fresh in-memory browser context,
//! hand it the batch's cookies for its own host only, load it, then read its HTML and/or take a
//! full-page screenshot.

use super::cdp::{Cdp, CdpError};
use super::process::{VIEWPORT_HEIGHT, VIEWPORT_WIDTH};
use super::upstream::UpstreamProxy;
use base64::Engine;
use serde_json::{Value, json};
use std::time::Duration;

/// Screenshots stop at this height: beyond it PNGs get huge and Chromium's capture becomes
/// unreliable (GPU textures are limited to 16,384 px).
pub const MAX_SCREENSHOT_HEIGHT: u32 = 16_000;

/// After the load event, how long to wait for the network to go quiet (scripts fetching data).
const SETTLE_LIMIT: Duration = Duration::from_secs(3);

/// What to get from one page.
#[derive(Debug, Clone, Default)]
pub struct RenderRequest {
    /// The address to open.
    pub url: String,
    /// A `Cookie` header value and the address whose host alone may receive it.
    pub cookies: Option<(String, String)>,
    pub html: bool,
    pub screenshot: bool,
    /// The country proxy every connection of the page goes through (`useProxy`); `None`: direct.
    pub proxy: Option<UpstreamProxy>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    /// The document's HTML after its scripts ran (when asked for).
    pub html: Option<String>,
    /// A PNG of the whole page, up to [`MAX_SCREENSHOT_HEIGHT`] (when asked for).
    pub screenshot: Option<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("the browser could not open the page ({0})")]
    Navigation(String),
    #[error(transparent)]
    Cdp(#[from] CdpError),
}

/// `name=value` pairs of a `Cookie` header; pairs without a name are skipped.
pub fn parse_cookie_header(header: &str) -> Vec<(String, String)> {
    header
        .split(';')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let name = name.trim();
            (!name.is_empty()).then(|| (name.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Cookies for the browser's `Storage.setCookies`: host-only cookies of `url`'s host (no
/// `domain`), path `/`, so they go to that host and nowhere else.
pub fn cookie_params(header: &str, url: &str) -> Value {
    Value::Array(
        parse_cookie_header(header)
            .into_iter()
            .map(|(name, value)| json!({"name": name, "value": value, "url": url, "path": "/"}))
            .collect(),
    )
}

/// Loads one page and returns what was asked for. The caller bounds the time taken.
pub async fn render(cdp: &mut Cdp, request: &RenderRequest) -> Result<Rendered, PageError> {
    // An off-the-record context keeps cookies and storage in memory only.
    let context = cdp
        .call(
            None,
            "Target.createBrowserContext",
            json!({"disposeOnDetach": true}),
        )
        .await?["browserContextId"]
        .clone();
    if let Some((header, url)) = &request.cookies {
        let cookies = cookie_params(header, url);
        if cookies.as_array().is_some_and(|c| !c.is_empty()) {
            cdp.call(
                None,
                "Storage.setCookies",
                json!({"cookies": cookies, "browserContextId": context}),
            )
            .await?;
        }
    }
    let target = cdp
        .call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank", "browserContextId": context}),
        )
        .await?["targetId"]
        .clone();
    let session = cdp
        .call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        )
        .await?["sessionId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let session = Some(session.as_str());
    cdp.call(session, "Page.enable", json!({})).await?;
    cdp.call(
        session,
        "Page.setLifecycleEventsEnabled",
        json!({"enabled": true}),
    )
    .await?;
    cdp.call(
        session,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await?;
    cdp.forget_events();
    let navigation = cdp
        .call(session, "Page.navigate", json!({"url": request.url}))
        .await?;
    if let Some(error) = navigation["errorText"].as_str().filter(|e| !e.is_empty()) {
        return Err(PageError::Navigation(error.to_string()));
    }
    let frame = navigation["frameId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    cdp.wait_event(session, |e| e["method"] == "Page.loadEventFired")
        .await?;
    // Pages that fetch their content after load: give them until the network is quiet.
    let quiet = cdp.wait_event(session, |e| {
        e["method"] == "Page.lifecycleEvent"
            && e["params"]["name"] == "networkIdle"
            && e["params"]["frameId"].as_str() == Some(frame.as_str())
    });
    let _ = tokio::time::timeout(SETTLE_LIMIT, quiet).await;

    let mut rendered = Rendered::default();
    if request.html {
        let answer = cdp
            .call(
                session,
                "Runtime.evaluate",
                json!({"expression": "document.documentElement ? document.documentElement.outerHTML : ''", "returnByValue": true}),
            )
            .await?;
        rendered.html = Some(
            answer["result"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    if request.screenshot {
        let metrics = cdp
            .call(session, "Page.getLayoutMetrics", json!({}))
            .await?;
        let size = if metrics["cssContentSize"].is_object() {
            &metrics["cssContentSize"]
        } else {
            &metrics["contentSize"]
        };
        let height = screenshot_height(size["height"].as_f64().unwrap_or(0.0));
        let shot = cdp
            .call(
                session,
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": {"x": 0, "y": 0, "width": VIEWPORT_WIDTH, "height": height, "scale": 1}
                }),
            )
            .await?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .map_err(|e| CdpError::Protocol(format!("screenshot data: {e}")))?;
        rendered.screenshot = Some(png);
    }
    Ok(rendered)
}

/// The document's height, at least one viewport and at most [`MAX_SCREENSHOT_HEIGHT`].
pub fn screenshot_height(content_height: f64) -> u32 {
    if !content_height.is_finite() || content_height < 1.0 {
        return VIEWPORT_HEIGHT;
    }
    (content_height.ceil() as u32).clamp(1, MAX_SCREENSHOT_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_headers_become_host_only_cookies() {
        let params = cookie_params(
            "session=abc=; theme=dark ;; =x; broken",
            "https://shop.example/a/b",
        );
        let list = params.as_array().unwrap();
        assert_eq!(list.len(), 2, "{params}");
        assert_eq!(list[0]["name"], "session");
        assert_eq!(list[0]["value"], "abc=");
        assert_eq!(list[0]["url"], "https://shop.example/a/b");
        assert_eq!(list[0]["path"], "/");
        assert!(list[0].get("domain").is_none(), "no domain: host-only");
        assert_eq!(list[1]["name"], "theme");
    }

    #[test]
    fn screenshots_are_the_page_height_within_limits() {
        assert_eq!(screenshot_height(5000.4), 5001);
        assert_eq!(screenshot_height(0.0), VIEWPORT_HEIGHT);
        assert_eq!(screenshot_height(f64::NAN), VIEWPORT_HEIGHT);
        assert_eq!(screenshot_height(90_000.0), MAX_SCREENSHOT_HEIGHT);
    }
}
