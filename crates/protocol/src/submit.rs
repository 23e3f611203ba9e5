//! `POST /api/batch/scrape`: what a person submits and what they get back.

use serde::{Deserialize, Serialize};

/// The shape of each item's `result`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Structured data: `result` is a JSON object.
    #[default]
    Json,
    /// Readable text: `result` is a markdown string.
    Markdown,
}

impl OutputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Markdown => "markdown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "json" => Some(OutputFormat::Json),
            "markdown" => Some(OutputFormat::Markdown),
            _ => None,
        }
    }
}

/// Body of `POST /api/batch/scrape`.
///
/// Fields are kept loose (`serde_json::Value` for `urls` and `output`) so that a wrong type gets
/// a precise message from [`crate::validate_submit`] instead of a generic parse error.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SubmitRequest {
    #[serde(default)]
    pub urls: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_proxy: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookies: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenshot: Option<bool>,
}

/// Answer to a successful submit: the batch is stored and queued.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SubmitResponse {
    /// Always `"queued"`.
    pub status: String,
    pub batch_id: String,
    pub total: u32,
}
