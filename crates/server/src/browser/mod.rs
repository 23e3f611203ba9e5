//! Headless Chromium (Debian's package) for pages that need JavaScript and for screenshots,
//! driven through the Chrome DevTools Protocol.
//!
//! Every page gets a fresh browser process ([`process`]) with its own throw-away profile and an
//! off-the-record context, so cookies never reach the disk and a crash or a hang fails one page,
//! never the server: the next page simply starts a new browser. All its traffic goes through its
//! own [`egress_proxy`] listener, where the SSRF guard applies and which connects directly or
//! through the item's country proxy ([`upstream`]). A semaphore limits how many pages render at
//! once (`--browser-pages`).

pub mod cdp;
pub mod egress_proxy;
pub mod page;
pub mod process;
pub mod socks5;
pub mod upstream;

pub use page::{MAX_SCREENSHOT_HEIGHT, RenderRequest, Rendered};
pub use upstream::{ProxyFailure, UpstreamProxy};

use egress_proxy::Egress;
use page::PageError;
use process::ChromiumProcess;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Where Debian installs Chromium; `--chromium` on the command line overrides it.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

#[derive(Debug, Clone)]
pub struct BrowserSettings {
    pub chromium: PathBuf,
    pub max_pages: usize,
    pub allow_private_targets: bool,
    /// How long one page may take in the browser, start-up included.
    pub timeout: Duration,
}

#[derive(Clone)]
pub struct Browser {
    chromium: PathBuf,
    allow_private_targets: bool,
    slots: Arc<Semaphore>,
    timeout: Duration,
}

/// Why the browser gave no result; `Display` is a sentence shown to people.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error(
        "The page did not finish loading in the browser within {0} seconds (it may keep waiting for something that never arrives), so the browser was stopped."
    )]
    Timeout(u64),
    #[error("The browser could not start on the server ({0}).")]
    Start(String),
    #[error(
        "The browser crashed while showing this page. Retry it; if it keeps crashing, submit it without \"renderJs\"."
    )]
    Crashed,
    #[error("The browser could not open the page ({0}).")]
    Navigation(String),
    #[error("The browser stopped without a result ({0}).")]
    Failed(String),
    /// The item's country proxy failed, so the page was not loaded (never directly instead).
    #[error("{0}")]
    Proxy(ProxyFailure),
}

impl BrowserError {
    /// Worth one more try with a fresh browser: it died or did not start, or its proxy could not
    /// be reached. A timeout is not (it would only double the wait), nor a page the browser could
    /// not open, nor a proxy that turned Trawl away.
    pub fn is_transient(&self) -> bool {
        match self {
            BrowserError::Start(_) | BrowserError::Crashed | BrowserError::Failed(_) => true,
            BrowserError::Proxy(failure) => !failure.refused,
            BrowserError::Timeout(_) | BrowserError::Navigation(_) => false,
        }
    }
}

impl From<PageError> for BrowserError {
    fn from(error: PageError) -> Self {
        match error {
            PageError::Navigation(reason) => BrowserError::Navigation(reason),
            PageError::Cdp(cdp::CdpError::Crashed) => BrowserError::Crashed,
            PageError::Cdp(cdp::CdpError::Closed) => {
                BrowserError::Failed("the browser process ended unexpectedly".into())
            }
            PageError::Cdp(other) => BrowserError::Failed(other.to_string()),
        }
    }
}

impl Browser {
    /// `None` when Chromium is not installed: the server then refuses `screenshot: true` and
    /// `renderJs: true` with a message that says how to install it.
    pub async fn start(settings: BrowserSettings) -> Result<Option<Browser>, String> {
        if !settings.chromium.exists() {
            tracing::warn!(
                "{} not found: screenshots and JavaScript rendering are off (apt-get install chromium)",
                settings.chromium.display()
            );
            return Ok(None);
        }
        // No page takes an hour: such profiles were left by a server killed mid-page.
        process::remove_stale_profiles(Duration::from_secs(3600));
        Ok(Some(Browser {
            chromium: settings.chromium,
            allow_private_targets: settings.allow_private_targets,
            slots: Arc::new(Semaphore::new(settings.max_pages.max(1))),
            timeout: settings.timeout,
        }))
    }

    /// Opens one page in a new browser process and returns what `request` asks for. A page that
    /// takes longer than the timeout has its browser killed; the error says so. With
    /// `request.proxy`, every connection of the page goes through that proxy; if the proxy
    /// itself fails, so does the page, with an error that says so.
    pub async fn render(&self, request: &RenderRequest) -> Result<Rendered, BrowserError> {
        let slot = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| BrowserError::Start(e.to_string()))?;
        let egress = Egress::start(self.allow_private_targets, request.proxy.clone())
            .await
            .map_err(|e| BrowserError::Start(format!("its egress proxy: {e}")))?;
        let mut chromium = ChromiumProcess::launch(&self.chromium, egress.address)
            .map_err(|e| BrowserError::Start(e.to_string()))?;
        let result =
            tokio::time::timeout(self.timeout, page::render(&mut chromium.cdp, request)).await;
        // Inline rather than in the background: a page's result then always means its browser
        // is gone and its profile deleted (~0.5 s), even if the server stops right after.
        chromium.close().await;
        let proxy_failure = egress.proxy_failure();
        drop(egress);
        drop(slot);
        // A page whose proxy failed is not what the person asked for, even if the browser
        // showed something (an empty 502 answer).
        if let Some(failure) = proxy_failure {
            return Err(BrowserError::Proxy(failure));
        }
        match result {
            Err(_) => Err(BrowserError::Timeout(self.timeout.as_secs())),
            Ok(Err(error)) => Err(error.into()),
            Ok(Ok(rendered)) => Ok(rendered),
        }
    }
}

/// True when a page's HTML is a script-driven shell with almost no text of its own, so the
/// plain fetch saw nothing a person would (single-page apps): it runs scripts (JSON data blocks
/// such as JSON-LD do not count), has no top-level heading and fewer than 25 words of text.
pub fn looks_like_empty_shell(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let scripts = lower.matches("<script").count();
    let data_blocks =
        lower.matches("application/ld+json").count() + lower.matches("application/json").count();
    if scripts <= data_blocks || trawl_extract::main_text(html).split_whitespace().count() >= 25 {
        return false;
    }
    // Headings written inside scripts do not count: only ones in the document itself.
    let base = url::Url::parse("http://page.invalid/").ok();
    let has_h1 = base.is_some_and(|base| {
        trawl_extract::page_data(html, &base, 200)["headings"]
            .as_array()
            .is_some_and(|headings| headings.iter().any(|h| h["level"] == 1))
    });
    !has_h1
}

#[cfg(test)]
mod tests;
