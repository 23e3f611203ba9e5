//! JSON request bodies with our error shape: malformed JSON and oversized bodies get a 400
//! whose message says exactly what is wrong.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

/// Largest request body accepted (50 URLs, a schema and cookies fit easily).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Like `axum::Json`, but lenient about the Content-Type header (curl's `-d` sends a form type)
/// and with messages written for people. An empty body reads as `{}`.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            ApiError::BadRequest(format!(
                "The request body is larger than {} KB. Send at most 50 URLs per batch and keep the schema and cookies short.",
                MAX_BODY_BYTES / 1024
            ))
        })?;
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(text).map(JsonBody).map_err(|error| {
            let detail = error.to_string();
            let message = if error.is_syntax() || error.is_eof() {
                format!("The request body is not valid JSON ({detail}). Check for missing quotes, commas or brackets.")
            } else {
                format!("The request body has a field of the wrong type ({detail}).")
            };
            ApiError::BadRequest(message)
        })
    }
}
