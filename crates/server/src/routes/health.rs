//! `GET /api/health`: answers 200 without a key once the server is ready.

use axum::Json;
use serde_json::{Value, json};

pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok", "service": "trawl", "version": env!("CARGO_PKG_VERSION") }))
}
