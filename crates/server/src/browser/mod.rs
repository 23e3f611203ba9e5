//! Headless Chromium (Debian's package) for pages that need JavaScript and for screenshots.
//!
//! Every run is a fresh browser process with its own throw-away profile, so a crash fails one
//! page, never the server. All its traffic goes through [`egress_proxy`], where the SSRF guard
//! applies. A semaphore limits how many pages render at once.

pub mod egress_proxy;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
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
    pub timeout: Duration,
}

#[derive(Clone)]
pub struct Browser {
    chromium: PathBuf,
    proxy: SocketAddr,
    slots: Arc<Semaphore>,
    timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error("the browser did not finish within {0} seconds")]
    Timeout(u64),
    #[error("the browser could not start: {0}")]
    Start(String),
    #[error("the browser stopped without a result ({0})")]
    Failed(String),
}

impl Browser {
    /// `None` when Chromium is not installed: the server then refuses `screenshot: true` with
    /// a message that says how to install it.
    pub async fn start(settings: BrowserSettings) -> Result<Option<Browser>, String> {
        if !settings.chromium.exists() {
            tracing::warn!(
                "{} not found: screenshots and JavaScript rendering are off (apt-get install chromium)",
                settings.chromium.display()
            );
            return Ok(None);
        }
        let proxy = egress_proxy::start(settings.allow_private_targets)
            .await
            .map_err(|e| format!("cannot start the browser's egress proxy: {e}"))?;
        Ok(Some(Browser {
            chromium: settings.chromium,
            proxy,
            slots: Arc::new(Semaphore::new(settings.max_pages.max(1))),
            timeout: settings.timeout,
        }))
    }

    fn command(&self, profile: &Path) -> tokio::process::Command {
        let mut command = tokio::process::Command::new(&self.chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--mute-audio",
                "--hide-scrollbars",
                "--virtual-time-budget=5000",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--proxy-server=http://{}", self.proxy))
            // Without this Chromium talks to loopback directly, around the guard.
            .arg("--proxy-bypass-list=<-loopback>")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        command
    }

    async fn run(&self, extra: &[String], url: &str) -> Result<Vec<u8>, BrowserError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|e| BrowserError::Start(e.to_string()))?;
        let profile =
            std::env::temp_dir().join(format!("trawl-chromium-{}", uuid::Uuid::new_v4().simple()));
        let mut command = self.command(&profile);
        command
            .args(extra)
            .arg(url)
            .stdout(std::process::Stdio::piped());
        let child = command
            .spawn()
            .map_err(|e| BrowserError::Start(e.to_string()))?;
        let result = tokio::time::timeout(self.timeout, child.wait_with_output()).await;
        let _ = tokio::fs::remove_dir_all(&profile).await;
        match result {
            Err(_) => Err(BrowserError::Timeout(self.timeout.as_secs())),
            Ok(Err(e)) => Err(BrowserError::Failed(e.to_string())),
            Ok(Ok(output)) if output.status.success() => Ok(output.stdout),
            Ok(Ok(output)) => Err(BrowserError::Failed(output.status.to_string())),
        }
    }

    /// A PNG of the page at 1280 px wide (the first 2000 px of its height) into `file`.
    pub async fn screenshot(&self, url: &str, file: &Path) -> Result<(), BrowserError> {
        let extra = [
            "--window-size=1280,2000".to_string(),
            format!("--screenshot={}", file.display()),
        ];
        self.run(&extra, url).await?;
        match tokio::fs::metadata(file).await {
            Ok(meta) if meta.len() > 0 => Ok(()),
            _ => Err(BrowserError::Failed("no screenshot was written".into())),
        }
    }

    /// The page's HTML after its scripts ran.
    pub async fn rendered_html(&self, url: &str) -> Result<String, BrowserError> {
        let output = self.run(&["--dump-dom".to_string()], url).await?;
        Ok(String::from_utf8_lossy(&output).into_owned())
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
mod tests {
    use super::*;

    #[test]
    fn a_react_style_shell_is_empty_but_an_article_is_not() {
        let shell =
            r#"<html><body><div id="root"></div><script src="/app.js"></script></body></html>"#;
        assert!(looks_like_empty_shell(shell));
        let words = "word ".repeat(60);
        let article =
            format!("<html><body><main><p>{words}</p></main><script>1</script></body></html>");
        assert!(!looks_like_empty_shell(&article));
        assert!(!looks_like_empty_shell(
            "<html><body><p>short static page</p></body></html>"
        ));
        let product = r#"<html><head><script type="application/ld+json">{}</script></head><body><h1>Widget</h1><p>€5</p></body></html>"#;
        assert!(
            !looks_like_empty_shell(product),
            "a short product page with JSON-LD is not a shell"
        );
    }
}
