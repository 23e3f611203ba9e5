//! Live updates of a batch (or a group of batches): polls the service with a backoff, pauses
//! while the tab is hidden, stops at the end, and keeps trying through "Reconnecting…".

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use trawl_protocol::BatchDetail;

use crate::api::{self, ApiError, Connection};
use crate::polling::{FASTEST_MS, HIDDEN_CHECK_MS, PollState, SLOWEST_MS, next_delay_ms};
use crate::settings::Settings;

/// The signals a poll loop writes, and the flags that stop it. Cheap to clone.
#[derive(Clone)]
pub struct Poller {
    pub ids: Vec<String>,
    pub settings: RwSignal<Settings>,
    /// The latest answer for every batch of the group, `None` until the first arrives.
    pub batches: RwSignal<Option<Vec<BatchDetail>>>,
    pub state: RwSignal<PollState>,
    /// An error that polling again won't fix (wrong key, unknown batch).
    pub fatal: RwSignal<Option<ApiError>>,
    /// False once the page is gone: the loop must not touch its signals any more.
    alive: Arc<AtomicBool>,
    running: Arc<AtomicBool>,
}

impl Poller {
    /// A poller for `ids`; it stops for good when the current reactive owner is cleaned up.
    pub fn new(ids: Vec<String>, settings: RwSignal<Settings>) -> Self {
        let alive = Arc::new(AtomicBool::new(true));
        on_cleanup({
            let alive = Arc::clone(&alive);
            move || alive.store(false, Ordering::SeqCst)
        });
        Poller {
            ids,
            settings,
            batches: RwSignal::new(None),
            state: RwSignal::new(PollState::Loading),
            fatal: RwSignal::new(None),
            alive,
            running: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts polling now, unless a loop is already running.
    pub fn start(&self) {
        if self.running.swap(true, Ordering::SeqCst) {
            return;
        }
        let poller = self.clone();
        spawn_local(async move {
            poller.run().await;
            poller.running.store(false, Ordering::SeqCst);
        });
    }

    fn alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }

    async fn run(&self) {
        let mut delay = FASTEST_MS;
        while self.alive() {
            if document_hidden() {
                self.state.set(PollState::Paused);
                TimeoutFuture::new(HIDDEN_CHECK_MS).await;
                continue;
            }
            let connection = self.settings.with_untracked(Settings::connection);
            let answer = fetch_all(&connection, &self.ids).await;
            if !self.alive() {
                return;
            }
            match answer {
                Ok(list) => {
                    let changed = self
                        .batches
                        .with_untracked(|old| old.as_ref() != Some(&list));
                    let finished = list.iter().all(|batch| batch.status.is_terminal());
                    if changed {
                        self.batches.set(Some(list));
                    }
                    self.fatal.set(None);
                    if finished {
                        self.state.set(PollState::Finished);
                        return;
                    }
                    self.state.set(PollState::Live);
                    delay = next_delay_ms(delay, changed);
                }
                Err(error) if error.is_temporary() => {
                    self.state.set(PollState::Reconnecting);
                    delay = SLOWEST_MS;
                }
                Err(error) => {
                    self.fatal.set(Some(error));
                    self.state.set(PollState::Stopped);
                    return;
                }
            }
            TimeoutFuture::new(delay).await;
        }
    }
}

async fn fetch_all(connection: &Connection, ids: &[String]) -> Result<Vec<BatchDetail>, ApiError> {
    let mut list = Vec::with_capacity(ids.len());
    for id in ids {
        list.push(api::get_batch(connection, id).await?);
    }
    Ok(list)
}

fn document_hidden() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| document.hidden())
}
