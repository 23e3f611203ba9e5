//! Wire types of the Spidra-compatible batch scraping API, shared by the web app and the server.
//!
//! Field names follow Spidra's public API exactly (camelCase). No I/O, no async: this crate
//! compiles for the server and for WebAssembly alike.

mod batch;
mod submit;
mod validate;

pub use batch::{
    BatchDetail, BatchItem, BatchList, BatchStatus, BatchSummary, CancelResponse, ErrorResponse,
    ItemStatus, Pagination, RetryRequest, RetryResponse,
};
pub use submit::{
    OutputFormat, SubmitRequest, SubmitResponse, TrawlSubmitOptions, TrawlSubmitRequest,
};
pub use validate::{
    MAX_URL_LENGTH, MAX_URLS_PER_BATCH, ValidSubmit, ValidationError, normalize_url,
    validate_submit, validate_trawl_submit,
};

/// Largest page size `GET /api/batch/scrape` accepts.
pub const MAX_PAGE_LIMIT: u32 = 50;
/// Page size when the request does not give one.
pub const DEFAULT_PAGE_LIMIT: u32 = 20;
