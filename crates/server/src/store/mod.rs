//! Durable storage of keys, batches and items, behind one small trait so that SQLite (the
//! default, embedded) and PostgreSQL (scale-out) can share the queue logic and the tests.

pub mod postgres;
mod sqlite;
mod status;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;
pub use status::{ItemCounts, batch_status};

use async_trait::async_trait;
use trawl_protocol::{BatchDetail, BatchList, BatchStatus, OutputFormat};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the disk holding the data folder is full")]
    DiskFull,
    #[error("storage error: {0}")]
    Database(String),
}

/// An API key as listed by `trawl-server keys list` (never the key itself).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKeyRecord {
    pub id: String,
    pub hint: String,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeyLookup {
    Active { id: String },
    Revoked,
    Unknown,
}

/// A batch ready to be stored: every field is already validated.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub uuid: String,
    pub owner: String,
    pub urls: Vec<String>,
    pub output: OutputFormat,
    pub prompt: Option<String>,
    pub schema: Option<serde_json::Value>,
    pub use_proxy: bool,
    pub proxy_country: Option<String>,
    pub screenshot: bool,
    /// Trawl's `renderJs`: render every page in the browser.
    pub render_js: bool,
    pub has_cookies: bool,
    pub created_at: String,
}

/// One item waiting in the queue, with what the worker needs to process it.
#[derive(Debug, Clone)]
pub struct QueuedItem {
    pub item_id: String,
    pub batch_id: String,
    pub url: String,
    pub output: OutputFormat,
    pub prompt: Option<String>,
    pub schema: Option<serde_json::Value>,
    pub use_proxy: bool,
    pub proxy_country: Option<String>,
    pub screenshot: bool,
    pub render_js: bool,
    pub has_cookies: bool,
}

/// How an item ended.
#[derive(Debug, Clone)]
pub enum ItemOutcome {
    Completed {
        result: serde_json::Value,
        credits_used: u32,
        screenshot_file: Option<String>,
        note: Option<String>,
    },
    Failed {
        error: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum RetryOutcome {
    NotFound,
    Cancelled,
    Retried(u32),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CancelOutcome {
    NotFound,
    AlreadyFinished(trawl_protocol::BatchStatus),
    Cancelled { items: u32, credits_refunded: u32 },
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    async fn create_key(
        &self,
        key_hash: &str,
        hint: &str,
        label: &str,
    ) -> Result<ApiKeyRecord, StoreError>;
    async fn find_key(&self, key_hash: &str) -> Result<KeyLookup, StoreError>;
    async fn list_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError>;
    /// Revokes the key with this id; false when there is none.
    async fn revoke_key(&self, id: &str) -> Result<bool, StoreError>;

    /// Stores a batch and all its items as pending, in one transaction.
    async fn insert_batch(&self, batch: &NewBatch) -> Result<(), StoreError>;
    async fn batch_detail(
        &self,
        owner: &str,
        batch_id: &str,
    ) -> Result<Option<BatchDetail>, StoreError>;
    /// Whether `owner` has a batch with this id (a cheap check: no items are read).
    async fn owns_batch(&self, owner: &str, batch_id: &str) -> Result<bool, StoreError>;
    /// Most recent first; `page` is 1-based. With `status`, only batches in that status are
    /// listed and counted.
    async fn list_batches(
        &self,
        owner: &str,
        page: u32,
        limit: u32,
        status: Option<BatchStatus>,
    ) -> Result<BatchList, StoreError>;
    /// Puts failed items back in the queue; completed items are never touched.
    async fn retry_failed(
        &self,
        owner: &str,
        batch_id: &str,
        has_cookies: bool,
    ) -> Result<RetryOutcome, StoreError>;
    /// Cancels pending items; running items finish normally.
    async fn cancel_batch(&self, owner: &str, batch_id: &str) -> Result<CancelOutcome, StoreError>;

    /// Pending items, oldest first, leaving out items of the hosts in `skip_hosts`.
    async fn pending_items(
        &self,
        limit: u32,
        skip_hosts: &[String],
    ) -> Result<Vec<QueuedItem>, StoreError>;
    /// Marks an item running if it is still pending (it may have been cancelled meanwhile).
    async fn start_item(&self, item_id: &str, job_id: &str) -> Result<bool, StoreError>;
    async fn finish_item(&self, item_id: &str, outcome: &ItemOutcome) -> Result<(), StoreError>;
    /// Whether any item of the batch still waits in the queue.
    async fn has_pending_items(&self, batch_id: &str) -> Result<bool, StoreError>;
    /// After a crash: items left running go back to pending. Returns how many.
    async fn requeue_interrupted(&self) -> Result<u32, StoreError>;
    /// The file name of an item's screenshot, found by its unguessable token.
    async fn screenshot_file(&self, token: &str) -> Result<Option<String>, StoreError>;
}
