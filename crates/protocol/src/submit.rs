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

/// Trawl's additions to the submit body (not in Spidra's API). Absent fields are not sent,
/// so Spidra clients and servers see nothing new.
///
/// Loose `serde_json::Value`s, like `urls` and `output`, so that a wrong type gets a message
/// naming the field from [`crate::validate_trawl_submit`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TrawlSubmitOptions {
    /// `true`: render every page in headless Chromium and read the HTML its scripts built
    /// (costs one more credit per page). Absent or `false`: the plain fetch, with the browser
    /// used automatically only for empty script shells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub render_js: Option<serde_json::Value>,
}

/// The submit body as Trawl reads it: Spidra's [`SubmitRequest`] fields plus
/// [`TrawlSubmitOptions`], side by side in one JSON object.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TrawlSubmitRequest {
    #[serde(flatten)]
    pub request: SubmitRequest,
    #[serde(flatten)]
    pub options: TrawlSubmitOptions,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn trawl_options_sit_beside_spidra_fields_and_are_left_out_when_unset() {
        let body: TrawlSubmitRequest = serde_json::from_value(
            json!({"urls": ["https://a.test"], "screenshot": true, "renderJs": true}),
        )
        .unwrap();
        assert_eq!(body.request.screenshot, Some(true));
        assert_eq!(body.options.render_js, Some(json!(true)));
        let plain = TrawlSubmitRequest {
            request: SubmitRequest {
                urls: json!(["https://a.test"]),
                ..SubmitRequest::default()
            },
            options: TrawlSubmitOptions::default(),
        };
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({"urls": ["https://a.test"]})
        );
    }
}
