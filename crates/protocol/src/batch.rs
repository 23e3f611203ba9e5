//! Batch and item state as the API reports it: status, list, retry and cancel answers.

use serde::{Deserialize, Serialize};

/// Where a whole batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum BatchStatus {
    /// Queued, no item has started yet.
    Pending,
    /// At least one item has started and some are not finished.
    Running,
    /// Every item reached a terminal state (some may have failed).
    Completed,
    /// The batch as a whole could not run.
    Failed,
    /// Cancelled by its owner.
    Cancelled,
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Pending => "pending",
            BatchStatus::Running => "running",
            BatchStatus::Completed => "completed",
            BatchStatus::Failed => "failed",
            BatchStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            BatchStatus::Pending,
            BatchStatus::Running,
            BatchStatus::Completed,
            BatchStatus::Failed,
            BatchStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// No more work will happen on its own.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            BatchStatus::Completed | BatchStatus::Failed | BatchStatus::Cancelled
        )
    }
}

/// Where one URL of a batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Running => "running",
            ItemStatus::Completed => "completed",
            ItemStatus::Failed => "failed",
            ItemStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            ItemStatus::Pending,
            ItemStatus::Running,
            ItemStatus::Completed,
            ItemStatus::Failed,
            ItemStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ItemStatus::Completed | ItemStatus::Failed | ItemStatus::Cancelled
        )
    }
}

/// One URL of a batch and its result (`GET /api/batch/scrape/{batchId}` → `items[]`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchItem {
    pub uuid: String,
    pub url: String,
    pub job_id: Option<String>,
    pub status: ItemStatus,
    /// An object for json output, a string for markdown output; `null` until completed.
    pub result: Option<serde_json::Value>,
    pub error: Option<String>,
    pub credits_used: u32,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub screenshot_url: Option<String>,
    /// Trawl addition: something a person should know about a completed result (for example
    /// that the language model's answer was not used). Absent when there is nothing to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Full state of one batch (`GET /api/batch/scrape/{batchId}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchDetail {
    pub uuid: String,
    pub status: BatchStatus,
    pub total_urls: u32,
    pub completed_count: u32,
    pub failed_count: u32,
    pub output_format: String,
    pub scraping_channel: String,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub items: Vec<BatchItem>,
}

/// One entry of the batch history (`GET /api/batch/scrape` → `jobs[]`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchSummary {
    pub uuid: String,
    pub status: BatchStatus,
    pub total_urls: u32,
    pub completed_count: u32,
    pub failed_count: u32,
    pub output_format: String,
    pub scraping_channel: String,
    pub created_at: String,
    pub finished_at: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub page: u32,
    pub limit: u32,
    pub total: u64,
    pub total_pages: u64,
}

impl Pagination {
    pub fn new(page: u32, limit: u32, total: u64) -> Self {
        let total_pages = if limit == 0 {
            0
        } else {
            total.div_ceil(u64::from(limit))
        };
        Pagination {
            page,
            limit,
            total,
            total_pages,
        }
    }
}

/// `GET /api/batch/scrape?page&limit`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchList {
    pub jobs: Vec<BatchSummary>,
    pub pagination: Pagination,
}

/// Optional body of `POST /api/batch/scrape/{id}/retry` (a Trawl addition): cookies are never
/// stored, so a retry of pages behind a login has to send them again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RetryRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookies: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RetryResponse {
    /// Always `"queued"`.
    pub status: String,
    pub retried_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CancelResponse {
    /// Always `"cancelled"`.
    pub status: String,
    pub cancelled_items: u32,
    pub credits_refunded: u32,
}

/// Body of every error answer: `{ "status": "error", "message": "..." }`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ErrorResponse {
    pub status: String,
    pub message: String,
}

impl ErrorResponse {
    pub fn new(message: impl Into<String>) -> Self {
        ErrorResponse {
            status: "error".to_string(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_rounds_total_pages_up() {
        assert_eq!(Pagination::new(1, 20, 47).total_pages, 3);
        assert_eq!(Pagination::new(1, 20, 40).total_pages, 2);
        assert_eq!(Pagination::new(1, 20, 0).total_pages, 0);
    }

    #[test]
    fn item_serializes_with_spidra_field_names() {
        let item = BatchItem {
            uuid: "i".into(),
            url: "https://example.com/".into(),
            job_id: Some("j".into()),
            status: ItemStatus::Completed,
            result: Some(serde_json::json!({"price": 49.99})),
            error: None,
            credits_used: 2,
            started_at: Some("2024-01-15T10:00:01Z".into()),
            finished_at: None,
            screenshot_url: None,
            note: None,
        };
        let json = serde_json::to_value(&item).unwrap();
        for key in [
            "uuid",
            "url",
            "jobId",
            "status",
            "result",
            "error",
            "creditsUsed",
            "startedAt",
            "finishedAt",
            "screenshotUrl",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["status"], "completed");
    }

    #[test]
    fn statuses_round_trip_through_text() {
        assert_eq!(BatchStatus::parse("running"), Some(BatchStatus::Running));
        assert_eq!(ItemStatus::parse("cancelled"), Some(ItemStatus::Cancelled));
        assert_eq!(BatchStatus::parse("done"), None);
        assert!(BatchStatus::Completed.is_terminal());
        assert!(!BatchStatus::Running.is_terminal());
    }
}
