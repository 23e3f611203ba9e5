//! `GET /api/openapi.json`: the OpenAPI 3.1 description of this API.

use axum::Json;
use serde_json::{Value, json};

pub async fn openapi() -> Json<Value> {
    Json(document())
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}})
}

fn ok(description: &str, schema: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn batch_id_parameter() -> Value {
    json!({"name": "batchId", "in": "path", "required": true, "schema": {"type": "string"}})
}

/// The whole document; kept as data so it is easy to read next to `routes/batches.rs`.
pub fn document() -> Value {
    let auth_errors = json!({
        "401": error_response("Missing x-api-key header"),
        "403": error_response("Invalid or revoked API key"),
    });
    let with_auth = |mut responses: Value| {
        if let (Some(map), Some(extra)) = (responses.as_object_mut(), auth_errors.as_object()) {
            map.extend(extra.clone());
        }
        responses
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Trawl batch scraping API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Spidra-compatible batch scraping. Authenticate with the x-api-key header."
        },
        "servers": [{"url": "/api"}],
        "security": [{"ApiKeyAuth": []}],
        "paths": {
            "/health": {"get": {
                "summary": "Health check (no key needed)", "security": [],
                "responses": {"200": {"description": "The server is ready"}}
            }},
            "/batch/scrape": {
                "post": {
                    "summary": "Submit a batch of up to 50 URLs",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubmitRequest"}}}},
                    "responses": with_auth(json!({
                        "200": ok("The batch is stored and queued", "SubmitResponse"),
                        "400": error_response("Malformed body or URL list"),
                        "422": error_response("Invalid JSON Schema, no proxy for the requested country, or screenshot/renderJs on a server without Chromium"),
                        "507": error_response("The server's disk is full; nothing was saved"),
                    }))
                },
                "get": {
                    "summary": "List batches, most recent first",
                    "parameters": [
                        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                        {"name": "limit", "in": "query", "description": "Values above 50 are lowered to 50", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 20}},
                        {"name": "status", "in": "query", "description": "Trawl addition: only batches with this status; pagination.total and totalPages count only those. Absent: all batches", "schema": {"type": "string", "enum": ["pending", "running", "completed", "failed", "cancelled"]}}
                    ],
                    "responses": with_auth(json!({
                        "200": ok("A page of batches", "BatchList"),
                        "400": error_response("page or limit is not a whole number ≥ 1, or status is not a batch status"),
                    }))
                }
            },
            "/batch/scrape/{batchId}": {
                "parameters": [batch_id_parameter()],
                "get": {
                    "summary": "Batch status with per-item results",
                    "responses": with_auth(json!({
                        "200": ok("The batch", "BatchDetail"),
                        "404": error_response("No such batch for this key"),
                    }))
                },
                "delete": {
                    "summary": "Cancel pending items; running items finish normally",
                    "responses": with_auth(json!({
                        "200": ok("Cancelled", "CancelResponse"),
                        "404": error_response("No such batch for this key"),
                        "409": error_response("The batch already finished"),
                    }))
                }
            },
            "/batch/scrape/{batchId}/retry": {
                "parameters": [batch_id_parameter()],
                "post": {
                    "summary": "Re-queue failed items; completed items are never touched",
                    "requestBody": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RetryRequest"}}}},
                    "responses": with_auth(json!({
                        "200": ok("Failed items are queued again", "RetryResponse"),
                        "404": error_response("No such batch for this key"),
                        "409": error_response("The batch was cancelled"),
                    }))
                }
            },
            "/screenshots/{file}": {"get": {
                "summary": "A screenshot; the unguessable link is the credential", "security": [],
                "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "PNG image", "content": {"image/png": {}}}, "404": error_response("No such screenshot")}
            }}
        },
        "components": {
            "securitySchemes": {"ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "x-api-key"}},
            "schemas": schemas()
        }
    })
}

fn schemas() -> Value {
    let status_enum = json!(["pending", "running", "completed", "failed", "cancelled"]);
    let nullable_time = json!({"type": ["string", "null"], "format": "date-time"});
    let summary_properties = json!({
        "uuid": {"type": "string", "format": "uuid"},
        "status": {"type": "string", "enum": status_enum},
        "totalUrls": {"type": "integer"},
        "completedCount": {"type": "integer"},
        "failedCount": {"type": "integer"},
        "outputFormat": {"type": "string", "enum": ["json", "markdown"]},
        "scrapingChannel": {"type": "string", "enum": ["api", "playground"]},
        "createdAt": {"type": "string", "format": "date-time"},
        "finishedAt": nullable_time,
    });
    let mut detail_properties = summary_properties.clone();
    if let Some(map) = detail_properties.as_object_mut() {
        map.insert(
            "items".into(),
            json!({"type": "array", "items": {"$ref": "#/components/schemas/BatchItem"}}),
        );
    }
    json!({
        "ErrorResponse": {"type": "object", "required": ["status", "message"], "properties": {
            "status": {"type": "string", "enum": ["error"]}, "message": {"type": "string"}}},
        "SubmitRequest": {"type": "object", "required": ["urls"], "properties": {
            "urls": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"type": "string", "format": "uri"}},
            "prompt": {"type": "string"},
            "output": {"type": "string", "enum": ["json", "markdown"], "default": "json"},
            "schema": {"type": "object", "description": "JSON Schema of each item's result; forces json output"},
            "useProxy": {"type": "boolean", "description": "Fetch through one of the server's proxies; pages opened in the browser (renderJs, screenshot) go through the same proxy"},
            "proxyCountry": {"type": "string", "description": "Two-letter country code of the proxy to use (implies useProxy)"},
            "cookies": {"type": "string", "description": "Cookie header value; never stored"},
            "screenshot": {"type": "boolean", "description": "A full-page PNG (1280 px wide, at most 16,000 px tall) linked from each item's screenshotUrl"},
            "renderJs": {"type": "boolean", "default": false, "description": "Trawl addition: render every page in headless Chromium and read the HTML its scripts built (+1 credit per page). Absent or false: plain fetch, with the browser used automatically only for empty script shells. With useProxy/proxyCountry the browser goes through the same country proxy as the fetch"}}},
        "SubmitResponse": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["queued"]}, "batchId": {"type": "string"}, "total": {"type": "integer"}}},
        "BatchItem": {"type": "object", "properties": {
            "uuid": {"type": "string"}, "url": {"type": "string"}, "jobId": {"type": ["string", "null"]},
            "status": {"type": "string", "enum": status_enum},
            "result": {"description": "Object for json output, string for markdown; null until completed"},
            "error": {"type": ["string", "null"]}, "creditsUsed": {"type": "integer"},
            "startedAt": nullable_time, "finishedAt": nullable_time,
            "screenshotUrl": {"type": ["string", "null"]}}},
        "BatchSummary": {"type": "object", "properties": summary_properties},
        "BatchDetail": {"type": "object", "properties": detail_properties},
        "Pagination": {"type": "object", "properties": {
            "page": {"type": "integer"}, "limit": {"type": "integer"}, "total": {"type": "integer"}, "totalPages": {"type": "integer"}}},
        "BatchList": {"type": "object", "properties": {
            "jobs": {"type": "array", "items": {"$ref": "#/components/schemas/BatchSummary"}},
            "pagination": {"$ref": "#/components/schemas/Pagination"}}},
        "RetryRequest": {"type": "object", "properties": {"cookies": {"type": "string", "description": "Send cookies again (they are never stored)"}}},
        "RetryResponse": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["queued"]}, "retriedCount": {"type": "integer"}}},
        "CancelResponse": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["cancelled"]}, "cancelledItems": {"type": "integer"}, "creditsRefunded": {"type": "integer"}}}
    })
}
