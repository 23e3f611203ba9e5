//! Turns one queued item into its result: fetch (with automatic retries of transient
//! failures), then markdown or structured JSON.

mod fetch;
pub mod guard;
pub mod model;

pub use fetch::{FetchError, FetchSettings, FetchedPage, Fetcher};

use crate::browser::{Browser, RenderRequest, looks_like_empty_shell};
use crate::credits;
use crate::store::{ItemOutcome, QueuedItem};
use std::path::PathBuf;
use std::time::Duration;
use trawl_protocol::OutputFormat;

/// What a worker needs to scrape: the HTTP fetcher, the browser (if Chromium is installed) and
/// the folder for screenshots.
#[derive(Clone)]
pub struct Scraper {
    pub fetcher: Fetcher,
    pub browser: Option<Browser>,
    pub screenshot_dir: PathBuf,
    /// A language model for json extraction, when the server's admin set one up.
    pub model: Option<model::Model>,
}

/// How many times an item is tried before its error is final (transient errors only).
pub const MAX_ATTEMPTS: u32 = 3;

/// Wait before attempt `attempt + 1` when the site gave no `Retry-After`.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500 * 2u64.pow(attempt.saturating_sub(1).min(6)))
}

/// Fetches with up to [`MAX_ATTEMPTS`] tries for transient failures.
async fn fetch_with_retries(
    fetcher: &Fetcher,
    item: &QueuedItem,
    cookies: Option<&str>,
) -> Result<FetchedPage, FetchError> {
    let mut attempt = 1;
    loop {
        match fetcher
            .fetch(
                &item.url,
                cookies,
                item.use_proxy,
                item.proxy_country.as_deref(),
            )
            .await
        {
            Ok(page) => return Ok(page),
            Err(error) if error.is_transient() && attempt < MAX_ATTEMPTS => {
                let wait = error.retry_after().unwrap_or_else(|| backoff(attempt));
                tracing::info!(url = %item.url, attempt, %error, "transient failure, trying again");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Scrapes one item. Never panics on page content; every failure becomes a readable error.
pub async fn scrape_item(
    scraper: &Scraper,
    item: &QueuedItem,
    cookies: Option<&str>,
) -> ItemOutcome {
    let page = match fetch_with_retries(&scraper.fetcher, item, cookies).await {
        Ok(page) => page,
        Err(error) => {
            return ItemOutcome::Failed {
                error: error.to_string(),
            };
        }
    };
    let mut html = trawl_extract::decode_html(&page.body, page.content_type.as_deref());
    let mut rendered = false;
    let mut screenshot_file = None;
    match &scraper.browser {
        Some(browser) => {
            let wants_html = item.render_js || looks_like_empty_shell(&html);
            if wants_html || item.screenshot {
                // The browser goes through the same proxy as the fetch, never around it.
                let proxy = scraper
                    .fetcher
                    .upstream_for(item.use_proxy, item.proxy_country.as_deref());
                if item.use_proxy && proxy.is_none() {
                    return ItemOutcome::Failed {
                        error: "This page was to be opened in the browser through a country proxy, but the server no longer has that proxy. Ask its admin to add it back (--proxy COUNTRY=URL), then retry.".to_string(),
                    };
                }
                let request = RenderRequest {
                    url: page.final_url.to_string(),
                    // For the item's own host only: the browser sends them nowhere else.
                    cookies: cookies.map(|c| (c.to_string(), item.url.clone())),
                    html: wants_html,
                    screenshot: item.screenshot,
                    proxy,
                };
                let mut outcome = browser.render(&request).await;
                if let Err(error) = &outcome
                    && error.is_transient()
                {
                    tracing::info!(url = %item.url, %error, "the browser failed; trying once more with a fresh one");
                    outcome = browser.render(&request).await;
                }
                match outcome {
                    Ok(result) => {
                        if let Some(rendered_html) = result.html.filter(|h| !h.trim().is_empty()) {
                            html = rendered_html;
                            rendered = true;
                        }
                        if let Some(png) = result.screenshot {
                            screenshot_file =
                                save_screenshot(&scraper.screenshot_dir, item, png).await;
                        }
                    }
                    // Asked for explicitly: the plain page is not what the person wanted.
                    Err(error) if item.render_js => {
                        return ItemOutcome::Failed {
                            error: error.to_string(),
                        };
                    }
                    Err(error) => {
                        tracing::warn!(url = %item.url, %error, "the browser failed; using the plain page without a screenshot")
                    }
                }
            }
        }
        None if item.render_js => {
            return ItemOutcome::Failed {
                error: "This page was to be rendered in a browser (\"renderJs\"), but Chromium is no longer available on the server. Ask its admin to install it (apt-get install chromium), then retry.".to_string(),
            };
        }
        None => {}
    }
    let item_for_extraction = item.clone();
    let final_url = page.final_url.clone();
    let (status, truncated) = (page.status, page.truncated);
    let wants_model = scraper.model.is_some()
        && item.output == OutputFormat::Json
        && (item.prompt.is_some() || item.schema.is_some());
    let extracted = tokio::task::spawn_blocking(move || {
        let result = build_result(
            &item_for_extraction,
            &html,
            &final_url,
            status,
            truncated,
            rendered,
        );
        let markdown = wants_model.then(|| trawl_extract::html_to_markdown(&html, &final_url));
        (result, markdown)
    })
    .await;
    match extracted {
        Ok((result, markdown)) => {
            let mut credits_used = credits::for_completed_item(item.output, rendered, screenshot_file.is_some());
            let (result, note) = match (&scraper.model, markdown) {
                (Some(model), Some(markdown)) => {
                    credits_used += credits::MODEL_CALL;
                    match model.extract(item.prompt.as_deref(), item.schema.as_ref(), &markdown).await {
                        Ok(answer) => (answer, None),
                        Err(reason) => (result, Some(format!(
                            "The language model's answer was not used because {reason}; this result comes from Trawl's built-in extractor."
                        ))),
                    }
                }
                _ => (result, None),
            };
            ItemOutcome::Completed { result, credits_used, screenshot_file, note }
        }
        Err(_) => ItemOutcome::Failed {
            error: "Trawl could not read this page's content (the extractor stopped unexpectedly). Nothing was charged.".to_string(),
        },
    }
}

/// Stores a screenshot as `<item id>.png`; a failure leaves the item without one (and
/// uncharged for it).
async fn save_screenshot(dir: &std::path::Path, item: &QueuedItem, png: Vec<u8>) -> Option<String> {
    let name = format!("{}.png", item.item_id);
    match tokio::fs::write(dir.join(&name), png).await {
        Ok(()) => Some(name),
        Err(error) => {
            tracing::warn!(url = %item.url, %error, "the screenshot could not be saved");
            None
        }
    }
}

/// The item's `result`: a markdown string, or a JSON object.
pub fn build_result(
    item: &QueuedItem,
    html: &str,
    final_url: &url::Url,
    status: u16,
    truncated: bool,
    rendered: bool,
) -> serde_json::Value {
    match item.output {
        OutputFormat::Markdown => {
            serde_json::Value::String(trawl_extract::html_to_markdown(html, final_url))
        }
        OutputFormat::Json => {
            let mut data = trawl_extract::page_data(html, final_url, status);
            if let Some(object) = data.as_object_mut() {
                if truncated {
                    object.insert("truncated".into(), serde_json::Value::Bool(true));
                }
                if rendered {
                    object.insert("renderedWithBrowser".into(), serde_json::Value::Bool(true));
                }
            }
            match (&item.schema, &item.prompt) {
                (Some(schema), _) => trawl_extract::fill_schema(schema, &data),
                (None, Some(prompt)) => trawl_extract::fill_prompt(prompt, &data),
                (None, None) => data,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_between_attempts() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_millis(1000));
        assert_eq!(backoff(3), Duration::from_millis(2000));
    }
}
