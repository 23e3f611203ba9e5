//! The worker pool: takes pending items from the store, runs them with a global and a per-host
//! limit, and records every outcome. State lives in the store, so a restart loses nothing.

mod cookies;

pub use cookies::CookieJar;

use crate::scrape::{Scraper, scrape_item};
use crate::store::{ItemOutcome, QueuedItem, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// The error an item gets when its batch's cookies are gone (they are never stored).
pub const COOKIES_LOST: &str = "This page was to be fetched with the cookies you sent, but the server restarted before it ran and cookies are never stored. Retry the batch and send the cookies again.";

#[derive(Debug, Clone, Copy)]
pub struct QueueLimits {
    /// Items processed at once, across all sites.
    pub max_concurrency: usize,
    /// Items processed at once for one host name, to be polite to each site.
    pub per_host: usize,
}

/// A handle to wake the queue and share cookies with it.
#[derive(Clone)]
pub struct QueueHandle {
    wake: Arc<Notify>,
    pub cookies: CookieJar,
}

impl QueueHandle {
    /// Tells the dispatcher that new work is waiting.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

struct Dispatcher {
    store: Arc<dyn Store>,
    scraper: Scraper,
    limits: QueueLimits,
    handle: QueueHandle,
    busy_hosts: Arc<Mutex<HashMap<String, usize>>>,
}

/// Starts the dispatcher on the current runtime and returns its handle.
pub fn start(store: Arc<dyn Store>, scraper: Scraper, limits: QueueLimits) -> QueueHandle {
    let handle = QueueHandle {
        wake: Arc::new(Notify::new()),
        cookies: CookieJar::default(),
    };
    let dispatcher = Dispatcher {
        store,
        scraper,
        limits,
        handle: handle.clone(),
        busy_hosts: Arc::new(Mutex::new(HashMap::new())),
    };
    tokio::spawn(dispatcher.run());
    handle
}

/// The host name the per-host limit counts by.
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

impl Dispatcher {
    async fn run(self) {
        loop {
            if let Err(error) = self.dispatch_ready().await {
                tracing::error!(%error, "the queue could not read the store; trying again shortly");
            }
            tokio::select! {
                _ = self.handle.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
            }
        }
    }

    fn in_flight(&self) -> usize {
        self.busy_hosts
            .lock()
            .map(|hosts| hosts.values().sum())
            .unwrap_or(usize::MAX)
    }

    /// Reserves a slot for `host` if both limits allow it.
    fn try_reserve(&self, host: &str) -> bool {
        let Ok(mut hosts) = self.busy_hosts.lock() else {
            return false;
        };
        let total: usize = hosts.values().sum();
        let busy = hosts.get(host).copied().unwrap_or(0);
        if total >= self.limits.max_concurrency || busy >= self.limits.per_host {
            return false;
        }
        hosts.insert(host.to_string(), busy + 1);
        true
    }

    fn release(busy_hosts: &Mutex<HashMap<String, usize>>, host: &str) {
        if let Ok(mut hosts) = busy_hosts.lock()
            && let Some(count) = hosts.get_mut(host)
        {
            *count = count.saturating_sub(1);
            if *count == 0 {
                hosts.remove(host);
            }
        }
    }

    async fn dispatch_ready(&self) -> Result<(), crate::store::StoreError> {
        let in_flight = self.in_flight();
        if in_flight >= self.limits.max_concurrency {
            return Ok(());
        }
        // Only a few candidates per free slot, never from hosts already at their limit: reading
        // the whole queue on every wake would make a long queue quadratic.
        let full_hosts: Vec<String> = self
            .busy_hosts
            .lock()
            .map(|hosts| {
                hosts
                    .iter()
                    .filter(|(_, busy)| **busy >= self.limits.per_host)
                    .map(|(host, _)| host.clone())
                    .collect()
            })
            .unwrap_or_default();
        let free = (self.limits.max_concurrency - in_flight) as u32;
        let candidates = self.store.pending_items(free * 4 + 8, &full_hosts).await?;
        for item in candidates {
            if self.in_flight() >= self.limits.max_concurrency {
                break;
            }
            let cookies = self.handle.cookies.get(&item.batch_id);
            if item.has_cookies && cookies.is_none() {
                let outcome = ItemOutcome::Failed {
                    error: COOKIES_LOST.to_string(),
                };
                self.store.finish_item(&item.item_id, &outcome).await?;
                continue;
            }
            let host = host_of(&item.url);
            if !self.try_reserve(&host) {
                continue;
            }
            let job_id = uuid::Uuid::new_v4().to_string();
            if !self.store.start_item(&item.item_id, &job_id).await? {
                Self::release(&self.busy_hosts, &host);
                continue;
            }
            self.spawn_worker(item, host, cookies);
        }
        Ok(())
    }

    fn spawn_worker(&self, item: QueuedItem, host: String, cookies: Option<String>) {
        let store = self.store.clone();
        let scraper = self.scraper.clone();
        let busy_hosts = self.busy_hosts.clone();
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let outcome = scrape_item(&scraper, &item, cookies.as_deref()).await;
            // A store failure here (e.g. a full disk) leaves the item running; the next start
            // puts it back in the queue, so the work is redone rather than lost.
            if let Err(error) = store.finish_item(&item.item_id, &outcome).await {
                tracing::error!(%error, item = %item.item_id, "could not record an item's result");
            }
            Self::release(&busy_hosts, &host);
            if cookies.is_some()
                && matches!(store.has_pending_items(&item.batch_id).await, Ok(false))
            {
                handle.cookies.forget(&item.batch_id);
            }
            handle.wake();
        });
    }
}
