//! What every request handler can reach.

use crate::queue::QueueHandle;
use crate::scrape::Fetcher;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub queue: QueueHandle,
    pub fetcher: Fetcher,
    /// Where screenshots are written (inside the data folder).
    pub screenshot_dir: PathBuf,
    /// Chromium is installed: `screenshot: true` can be honoured.
    pub screenshots_available: bool,
}
