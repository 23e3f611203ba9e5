//! `GET /api/screenshots/{token}.png`: the link itself is the secret (an unguessable token),
//! so an `<img>` can show it without an API key.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;

pub async fn screenshot(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let not_found = || {
        ApiError::NotFound("No screenshot at this address. It may have been deleted.".to_string())
    };
    let token = file.strip_suffix(".png").ok_or_else(not_found)?;
    if !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let name = state
        .store
        .screenshot_file(token)
        .await?
        .ok_or_else(not_found)?;
    let bytes = tokio::fs::read(state.screenshot_dir.join(name))
        .await
        .map_err(|_| not_found())?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        bytes,
    ))
}
