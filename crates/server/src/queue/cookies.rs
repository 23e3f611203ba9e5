//! Cookies live in memory only, per batch, and are dropped once the batch has nothing left to run.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct CookieJar {
    by_batch: Arc<Mutex<HashMap<String, String>>>,
}

impl CookieJar {
    pub fn put(&self, batch_id: &str, cookies: String) {
        if let Ok(mut map) = self.by_batch.lock() {
            map.insert(batch_id.to_string(), cookies);
        }
    }

    pub fn get(&self, batch_id: &str) -> Option<String> {
        self.by_batch.lock().ok()?.get(batch_id).cloned()
    }

    pub fn forget(&self, batch_id: &str) {
        if let Ok(mut map) = self.by_batch.lock() {
            map.remove(batch_id);
        }
    }
}
