//! Turns one queued item into its result: fetch (with automatic retries of transient
//! failures), then markdown or structured JSON.

mod fetch;
pub mod guard;
mod structured;

pub use fetch::{FetchError, FetchSettings, FetchedPage, Fetcher};

use crate::credits;
use crate::store::{ItemOutcome, QueuedItem};
use std::time::Duration;
use trawl_protocol::OutputFormat;

/// How many times an item is tried before its error is final (transient errors only).
pub const MAX_ATTEMPTS: u32 = 3;

/// Wait before attempt `attempt + 1` when the site gave no `Retry-After`.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500 * 2u64.pow(attempt.saturating_sub(1).min(6)))
}

/// Scrapes one item. Never panics on page content; every failure becomes a readable error.
pub async fn scrape_item(
    fetcher: &Fetcher,
    item: &QueuedItem,
    cookies: Option<&str>,
) -> ItemOutcome {
    let mut attempt = 1;
    let page = loop {
        match fetcher
            .fetch(
                &item.url,
                cookies,
                item.use_proxy,
                item.proxy_country.as_deref(),
            )
            .await
        {
            Ok(page) => break page,
            Err(error) if error.is_transient() && attempt < MAX_ATTEMPTS => {
                let wait = error.retry_after().unwrap_or_else(|| backoff(attempt));
                tracing::info!(url = %item.url, attempt, %error, "transient failure, trying again");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(error) => {
                return ItemOutcome::Failed {
                    error: error.to_string(),
                };
            }
        }
    };
    let item_for_extraction = item.clone();
    let extracted =
        tokio::task::spawn_blocking(move || build_result(&item_for_extraction, &page)).await;
    match extracted {
        Ok(result) => ItemOutcome::Completed {
            result,
            credits_used: credits::for_completed_item(item.output, false),
            screenshot_file: None,
        },
        Err(_) => ItemOutcome::Failed {
            error: "Trawl could not read this page's content (the extractor stopped unexpectedly). Nothing was charged.".to_string(),
        },
    }
}

/// The item's `result`: a markdown string, or a JSON object.
pub fn build_result(item: &QueuedItem, page: &FetchedPage) -> serde_json::Value {
    let html = trawl_extract::decode_html(&page.body, page.content_type.as_deref());
    match item.output {
        OutputFormat::Markdown => {
            serde_json::Value::String(trawl_extract::html_to_markdown(&html, &page.final_url))
        }
        OutputFormat::Json => {
            let mut data = trawl_extract::page_data(&html, &page.final_url, page.status);
            if page.truncated
                && let Some(object) = data.as_object_mut()
            {
                object.insert("truncated".into(), serde_json::Value::Bool(true));
            }
            match &item.schema {
                Some(schema) => structured::fill_schema(schema, &data),
                None => data,
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
