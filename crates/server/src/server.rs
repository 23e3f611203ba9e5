//! Start-up: open the store, recover interrupted work, start the queue, then listen.

use crate::browser::{Browser, BrowserSettings};
use crate::keys::{hash_key, key_hint};
use crate::queue::{self, QueueLimits};
use crate::scrape::{FetchSettings, Fetcher, Scraper};
use crate::state::AppState;
use crate::store::{KeyLookup, PostgresStore, SqliteStore, Store};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// `--database-url`: PostgreSQL instead of the SQLite file in `data_dir` (scale-out).
    pub database_url: Option<String>,
    pub static_dir: Option<PathBuf>,
    pub allow_private_targets: bool,
    pub max_concurrency: usize,
    pub per_host: usize,
    pub timeout: Duration,
    pub max_page_bytes: usize,
    pub proxies: HashMap<String, String>,
    /// Chromium binary for screenshots and JavaScript rendering.
    pub chromium: PathBuf,
    /// Browser pages rendered at once.
    pub browser_pages: usize,
    /// An OpenAI-compatible model for json extraction (optional).
    pub model: Option<crate::scrape::model::ModelSettings>,
    /// `TRAWL_API_KEY`: created if it does not exist yet.
    pub api_key: Option<String>,
}

/// Makes sure `key` exists (a revoked key stays revoked). Returns a warning when it is revoked.
pub async fn ensure_key(store: &dyn Store, key: &str) -> Result<Option<String>, String> {
    match store
        .find_key(&hash_key(key))
        .await
        .map_err(|e| e.to_string())?
    {
        KeyLookup::Active { .. } => Ok(None),
        KeyLookup::Revoked => Ok(Some(format!(
            "TRAWL_API_KEY ({}) was revoked; requests with it are refused.",
            key_hint(key)
        ))),
        KeyLookup::Unknown => {
            store
                .create_key(&hash_key(key), &key_hint(key), "TRAWL_API_KEY")
                .await
                .map_err(|e| e.to_string())?;
            Ok(None)
        }
    }
}

/// The store the configuration asks for: PostgreSQL when a database URL is given, else the
/// embedded SQLite file in `data_dir`.
pub async fn open_store(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
) -> Result<Arc<dyn Store>, String> {
    match database_url.map(str::trim).filter(|url| !url.is_empty()) {
        Some(url) => {
            let store = PostgresStore::connect(url).await.map_err(|e| {
                format!(
                    "Cannot use the PostgreSQL database of --database-url (TRAWL_DATABASE_URL): {e}"
                )
            })?;
            if let Ok(config) = crate::store::postgres::parse_url(url) {
                tracing::info!(
                    "storing jobs in PostgreSQL: {}",
                    crate::store::postgres::describe(&config)
                );
            }
            Ok(Arc::new(store))
        }
        None => {
            let store = SqliteStore::open(data_dir)
                .map_err(|e| format!("Cannot open the data folder {}: {e}", data_dir.display()))?;
            Ok(Arc::new(store))
        }
    }
}

/// Everything the router needs, with interrupted work already back in the queue.
pub async fn build_state(config: &ServerConfig) -> Result<AppState, String> {
    let store = open_store(&config.data_dir, config.database_url.as_deref()).await?;
    if let Some(key) = config
        .api_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        && let Some(warning) = ensure_key(&*store, key).await?
    {
        tracing::warn!("{warning}");
    }
    let requeued = store
        .requeue_interrupted()
        .await
        .map_err(|e| e.to_string())?;
    if requeued > 0 {
        tracing::info!(
            requeued,
            "items interrupted by the last stop are queued again"
        );
    }
    let fetcher = Fetcher::new(FetchSettings {
        allow_private_targets: config.allow_private_targets,
        timeout: config.timeout,
        max_page_bytes: config.max_page_bytes,
        proxies: config.proxies.clone(),
    })?;
    let screenshot_dir = config.data_dir.join("screenshots");
    std::fs::create_dir_all(&screenshot_dir)
        .map_err(|e| format!("Cannot create {}: {e}", screenshot_dir.display()))?;
    let browser = Browser::start(BrowserSettings {
        chromium: config.chromium.clone(),
        max_pages: config.browser_pages,
        allow_private_targets: config.allow_private_targets,
        // The page's own time plus Chromium's start-up on a busy machine.
        timeout: config.timeout + Duration::from_secs(10),
    })
    .await?;
    let screenshots_available = browser.is_some();
    let scraper = Scraper {
        fetcher: fetcher.clone(),
        browser,
        screenshot_dir: screenshot_dir.clone(),
        model: match &config.model {
            Some(settings) => Some(crate::scrape::model::Model::new(
                settings.clone(),
                config.timeout * 4,
            )?),
            None => None,
        },
    };
    let queue = queue::start(
        store.clone(),
        scraper,
        QueueLimits {
            max_concurrency: config.max_concurrency.max(1),
            per_host: config.per_host.max(1),
        },
    );
    Ok(AppState {
        store,
        queue,
        fetcher,
        screenshot_dir,
        screenshots_available,
    })
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(config: ServerConfig) -> Result<(), String> {
    let state = build_state(&config).await?;
    if let Some(dir) = &config.static_dir
        && !dir.join("index.html").exists()
    {
        tracing::warn!(
            "{} has no index.html; the web app will not load",
            dir.display()
        );
    }
    let router = crate::app(state, config.static_dir.as_deref());
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| {
            format!(
                "Cannot listen on {}: {e}. Is another server using that port?",
                config.listen
            )
        })?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Trawl is ready at http://{address}/");
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
