//! The one error type of the HTTP API, and its mapping to status codes and `{status, message}`.

use crate::store::StoreError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use trawl_protocol::ErrorResponse;

/// Everything a request can fail with. The message is shown to people: it says what happened
/// and what to do next.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request itself is malformed (bad JSON, bad URL list, body too large).
    #[error("{0}")]
    BadRequest(String),
    /// 401: no `x-api-key` header.
    #[error(
        "Missing API key: send it in the x-api-key header. Create one with `cargo xtask keys create`."
    )]
    MissingKey,
    /// 403: the key is unknown or revoked.
    #[error(
        "This API key is not valid or was revoked. Check the key in Settings, or create a new one with `cargo xtask keys create`."
    )]
    InvalidKey,
    /// 404: no such batch for this key, or no such endpoint.
    #[error("{0}")]
    NotFound(String),
    /// 409: the batch is in a state where this action does nothing.
    #[error("{0}")]
    Conflict(String),
    /// 422: well-formed but unusable (invalid JSON Schema, no proxy for that country).
    #[error("{0}")]
    Unprocessable(String),
    /// 507: the data folder's disk is full; nothing was saved.
    #[error(
        "The server's disk is full, so nothing was saved. Free some space on the server and try again."
    )]
    DiskFull,
    /// 500: a bug or an unexpected storage failure; details go to the log only.
    #[error(
        "Something went wrong on the server. Nothing was lost; try again, and check the server log if it keeps happening."
    )]
    Internal(String),
}

impl ApiError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::MissingKey => StatusCode::UNAUTHORIZED,
            ApiError::InvalidKey => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::DiskFull => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn batch_not_found(batch_id: &str) -> Self {
        ApiError::NotFound(format!(
            "No batch with id \"{batch_id}\" was found for this API key. Check the id; batches are only visible to the key that created them."
        ))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::DiskFull => ApiError::DiskFull,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let status = self.status_code();
        (status, Json(ErrorResponse::new(self.to_string()))).into_response()
    }
}
