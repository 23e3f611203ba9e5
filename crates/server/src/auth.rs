//! Who is calling: the `x-api-key` header turned into the key's id, or 401/403.

use crate::error::ApiError;
use crate::keys::hash_key;
use crate::state::AppState;
use crate::store::KeyLookup;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The caller's API key id. Every batch belongs to one key and is only visible to it.
pub struct Caller {
    pub key_id: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get("x-api-key")
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .ok_or(ApiError::MissingKey)?;
        match state.store.find_key(&hash_key(key)).await? {
            KeyLookup::Active { id } => Ok(Caller { key_id: id }),
            KeyLookup::Revoked | KeyLookup::Unknown => Err(ApiError::InvalidKey),
        }
    }
}
