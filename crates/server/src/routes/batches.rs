//! The batch endpoints, field for field as Spidra documents them:
//!
//! - `POST   /api/batch/scrape`              submit up to 50 URLs
//! - `GET    /api/batch/scrape?page&limit`   list batches, most recent first (Trawl adds `&status`)
//! - `GET    /api/batch/scrape/{batchId}`    status and per-item results
//! - `POST   /api/batch/scrape/{batchId}/retry`  re-queue failed items
//! - `DELETE /api/batch/scrape/{batchId}`    cancel pending items

use super::JsonBody;
use crate::auth::Caller;
use crate::clock;
use crate::error::ApiError;
use crate::schema_check::check_schema;
use crate::state::AppState;
use crate::store::{CancelOutcome, NewBatch, RetryOutcome};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use std::collections::HashMap;
use trawl_protocol::{
    BatchDetail, BatchList, BatchStatus, CancelResponse, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT,
    RetryRequest, RetryResponse, SubmitResponse, TrawlSubmitRequest, validate_trawl_submit,
};

pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<TrawlSubmitRequest>,
) -> Result<Json<SubmitResponse>, ApiError> {
    let valid = validate_trawl_submit(&request).map_err(|e| ApiError::BadRequest(e.0))?;
    if let Some(schema) = &valid.schema {
        check_schema(schema).map_err(ApiError::Unprocessable)?;
    }
    if valid.screenshot && !state.screenshots_available {
        return Err(ApiError::Unprocessable(
            "This server cannot take screenshots because Chromium is not installed on it. Install it (apt-get install chromium, or cargo xtask setup) and restart the server, or submit without \"screenshot\".".to_string(),
        ));
    }
    if valid.render_js && !state.screenshots_available {
        return Err(ApiError::Unprocessable(
            "This server cannot render pages in a browser because Chromium is not installed on it. Install it (apt-get install chromium, or cargo xtask setup) and restart the server, or submit without \"renderJs\".".to_string(),
        ));
    }
    if valid.use_proxy && !state.fetcher.has_proxy_for(valid.proxy_country.as_deref()) {
        return Err(ApiError::Unprocessable(no_proxy_message(
            valid.proxy_country.as_deref(),
            &state.fetcher.proxy_countries(),
        )));
    }
    let batch = NewBatch {
        uuid: uuid::Uuid::new_v4().to_string(),
        owner: caller.key_id,
        urls: valid.urls,
        output: valid.output,
        prompt: valid.prompt,
        schema: valid.schema,
        use_proxy: valid.use_proxy,
        proxy_country: valid.proxy_country,
        screenshot: valid.screenshot,
        render_js: valid.render_js,
        has_cookies: valid.cookies.is_some(),
        created_at: clock::now(),
    };
    if let Some(cookies) = valid.cookies {
        state.queue.cookies.put(&batch.uuid, cookies);
    }
    if let Err(error) = state.store.insert_batch(&batch).await {
        state.queue.cookies.forget(&batch.uuid);
        return Err(error.into());
    }
    state.queue.wake();
    Ok(Json(SubmitResponse {
        status: "queued".to_string(),
        batch_id: batch.uuid,
        total: batch.urls.len() as u32,
    }))
}

fn no_proxy_message(country: Option<&str>, available: &[String]) -> String {
    let wanted = match country {
        Some(country) => format!("for country \"{country}\""),
        None => "at all".to_string(),
    };
    let offer = if available.is_empty() {
        "This server has no proxies; its admin can add one with --proxy COUNTRY=URL.".to_string()
    } else {
        format!("Available: {}.", available.join(", "))
    };
    format!(
        "This server has no proxy configured {wanted}, so the batch was not queued. {offer} Or submit without useProxy/proxyCountry."
    )
}

/// `?page=&limit=`: page ≥ 1; limit 1–50 (larger limits are lowered to 50).
fn page_and_limit(query: &HashMap<String, String>) -> Result<(u32, u32), ApiError> {
    let number = |name: &str, default: u32| -> Result<u32, ApiError> {
        match query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(text) => match text.parse::<u32>() {
                Ok(value) if value >= 1 => Ok(value),
                _ => Err(ApiError::BadRequest(format!(
                    "\"{name}\" must be a whole number of at least 1, not \"{text}\"."
                ))),
            },
        }
    };
    Ok((
        number("page", 1)?,
        number("limit", DEFAULT_PAGE_LIMIT)?.min(MAX_PAGE_LIMIT),
    ))
}

/// `?status=` (a Trawl addition): one batch status, or absent/empty for all.
fn status_filter(query: &HashMap<String, String>) -> Result<Option<BatchStatus>, ApiError> {
    match query.get("status").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => BatchStatus::parse(&text.to_ascii_lowercase())
            .map(Some)
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "\"status\" must be one of pending, running, completed, failed, cancelled (or left out for all batches), not \"{}\".",
                    text.chars().take(40).collect::<String>()
                ))
            }),
    }
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<BatchList>, ApiError> {
    let (page, limit) = page_and_limit(&query)?;
    let status = status_filter(&query)?;
    Ok(Json(
        state
            .store
            .list_batches(&caller.key_id, page, limit, status)
            .await?,
    ))
}

/// The public base of this server as the caller reached it, for absolute screenshot links.
fn public_base(headers: &HeaderMap) -> String {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get("host"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(batch_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<BatchDetail>, ApiError> {
    let mut detail = state
        .store
        .batch_detail(&caller.key_id, &batch_id)
        .await?
        .ok_or_else(|| ApiError::batch_not_found(&batch_id))?;
    let base = public_base(&headers);
    for item in &mut detail.items {
        if let Some(path) = &item.screenshot_url {
            item.screenshot_url = Some(format!("{base}{path}"));
        }
    }
    Ok(Json(detail))
}

pub async fn retry(
    State(state): State<AppState>,
    caller: Caller,
    Path(batch_id): Path<String>,
    JsonBody(request): JsonBody<RetryRequest>,
) -> Result<Json<RetryResponse>, ApiError> {
    let cookies = request
        .cookies
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    if let Some(cookies) = &cookies
        && cookies.chars().any(char::is_control)
    {
        return Err(ApiError::BadRequest(
            "\"cookies\" must be one line of name=value pairs separated by \"; \" (no line breaks).".into(),
        ));
    }
    if let Some(cookies) = cookies.clone() {
        // Cookies must be in memory before the items are back in the queue, and only for the
        // caller's own batch.
        if !state.store.owns_batch(&caller.key_id, &batch_id).await? {
            return Err(ApiError::batch_not_found(&batch_id));
        }
        state.queue.cookies.put(&batch_id, cookies);
    }
    let outcome = state
        .store
        .retry_failed(&caller.key_id, &batch_id, cookies.is_some())
        .await;
    match outcome? {
        RetryOutcome::NotFound => Err(ApiError::batch_not_found(&batch_id)),
        RetryOutcome::Cancelled => Err(ApiError::Conflict(
            "This batch was cancelled, so it cannot be retried. Submit its URLs as a new batch instead.".into(),
        )),
        RetryOutcome::Retried(count) => {
            state.queue.wake();
            Ok(Json(RetryResponse {
                status: "queued".to_string(),
                retried_count: count,
            }))
        }
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(batch_id): Path<String>,
) -> Result<Json<CancelResponse>, ApiError> {
    match state.store.cancel_batch(&caller.key_id, &batch_id).await? {
        CancelOutcome::NotFound => Err(ApiError::batch_not_found(&batch_id)),
        CancelOutcome::AlreadyFinished(status) => Err(ApiError::Conflict(format!(
            "This batch is already {}, so there is nothing left to cancel.",
            status.as_str()
        ))),
        CancelOutcome::Cancelled {
            items,
            credits_refunded,
        } => {
            state.queue.cookies.forget(&batch_id);
            Ok(Json(CancelResponse {
                status: "cancelled".to_string(),
                cancelled_items: items,
                credits_refunded,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn page_and_limit_default_and_cap() {
        assert_eq!(page_and_limit(&query(&[])).unwrap(), (1, 20));
        assert_eq!(
            page_and_limit(&query(&[("page", "3"), ("limit", "500")])).unwrap(),
            (3, 50)
        );
    }

    #[test]
    fn the_status_filter_takes_batch_statuses_only() {
        assert_eq!(status_filter(&query(&[])).unwrap(), None);
        assert_eq!(status_filter(&query(&[("status", "")])).unwrap(), None);
        assert_eq!(
            status_filter(&query(&[("status", "Failed")])).unwrap(),
            Some(BatchStatus::Failed)
        );
        let error = status_filter(&query(&[("status", "done")]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("\"done\""), "{error}");
        assert!(
            error.contains("pending, running, completed, failed, cancelled"),
            "{error}"
        );
    }

    #[test]
    fn page_zero_and_words_are_refused_by_name() {
        let error = page_and_limit(&query(&[("page", "0")])).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("\"page\" must be a whole number")
        );
        let error = page_and_limit(&query(&[("limit", "ten")])).unwrap_err();
        assert!(error.to_string().contains("\"ten\""));
    }
}
