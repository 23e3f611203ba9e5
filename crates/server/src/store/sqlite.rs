//! The embedded SQLite store: one file in the data folder, WAL journal, full fsync on commit.

use super::{
    ApiKeyRecord, CancelOutcome, ItemCounts, ItemOutcome, KeyLookup, NewBatch, QueuedItem,
    RetryOutcome, Store, StoreError, batch_status,
};
use crate::clock;
use crate::credits;
use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::path::Path;
use std::sync::{Arc, Mutex};
use trawl_protocol::{
    BatchDetail, BatchItem, BatchList, BatchStatus, BatchSummary, ItemStatus, OutputFormat,
    Pagination,
};

/// SQLite behind a mutex; every call runs on the blocking thread pool.
#[derive(Clone)]
pub struct SqliteStore {
    connection: Arc<Mutex<Connection>>,
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(failure, _) = &error
            && failure.code == rusqlite::ErrorCode::DiskFull
        {
            return StoreError::DiskFull;
        }
        StoreError::Database(error.to_string())
    }
}

impl SqliteStore {
    /// Opens (or creates) `trawl.db` in `data_dir` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            StoreError::Database(format!("cannot create {}: {e}", data_dir.display()))
        })?;
        let connection = Connection::open(data_dir.join("trawl.db"))?;
        connection.busy_timeout(std::time::Duration::from_secs(10))?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )?;
        connection.execute_batch(include_str!("schema.sql"))?;
        add_missing_columns(&connection)?;
        Ok(SqliteStore {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Caps the database at `pages` pages (4 KiB each): writes past it fail as if the disk were
    /// full. Lets the tests prove that a full disk gives a clear error and loses nothing.
    pub fn cap_size_in_pages(&self, pages: u32) -> Result<(), StoreError> {
        let connection = self
            .connection
            .lock()
            .map_err(|_| StoreError::Database("the database lock was poisoned".into()))?;
        connection.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection
                .lock()
                .map_err(|_| StoreError::Database("the database lock was poisoned".into()))?;
            work(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Database(format!("storage task failed: {e}")))?
    }
}

/// Columns added after the first release: `CREATE TABLE IF NOT EXISTS` leaves an older
/// database's tables as they were, so they are added here (with the same defaults).
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("items", "host", "TEXT NOT NULL DEFAULT ''"),
    ("batches", "render_js", "INTEGER NOT NULL DEFAULT 0"),
];

fn add_missing_columns(connection: &Connection) -> Result<(), StoreError> {
    for (table, column, definition) in ADDED_COLUMNS {
        let exists: bool = connection.query_row(
            &format!("SELECT COUNT(*) > 0 FROM pragma_table_info('{table}') WHERE name = ?1"),
            [column],
            |row| row.get(0),
        )?;
        if !exists {
            connection.execute_batch(&format!(
                "ALTER TABLE {table} ADD COLUMN {column} {definition}"
            ))?;
        }
    }
    Ok(())
}

fn bool_int(value: bool) -> i64 {
    i64::from(value)
}

fn output_of(text: &str) -> OutputFormat {
    OutputFormat::parse(text).unwrap_or_default()
}

fn item_counts(tx: &Transaction, batch_id: &str) -> Result<ItemCounts, StoreError> {
    let mut counts = ItemCounts::default();
    let mut statement = tx.prepare_cached(
        "SELECT status, COUNT(*) FROM items WHERE batch_uuid = ?1 GROUP BY status",
    )?;
    let rows = statement.query_map([batch_id], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
    })?;
    for row in rows {
        let (status, count) = row?;
        match ItemStatus::parse(&status) {
            Some(ItemStatus::Pending) => counts.pending = count,
            Some(ItemStatus::Running) => counts.running = count,
            Some(ItemStatus::Completed) => counts.completed = count,
            Some(ItemStatus::Failed) => counts.failed = count,
            Some(ItemStatus::Cancelled) => counts.cancelled = count,
            None => {}
        }
    }
    Ok(counts)
}

/// Recomputes a batch's counters and status from its items, inside the caller's transaction.
fn refresh_batch(tx: &Transaction, batch_id: &str) -> Result<BatchStatus, StoreError> {
    let counts = item_counts(tx, batch_id)?;
    let (cancelled, ever_started, old_finished): (bool, bool, Option<String>) = tx.query_row(
        "SELECT cancelled, ever_started, finished_at FROM batches WHERE uuid = ?1",
        [batch_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let status = batch_status(counts, cancelled, ever_started);
    let finished_at = if status.is_terminal() {
        old_finished.or_else(|| Some(clock::now()))
    } else {
        None
    };
    tx.execute(
        "UPDATE batches SET status = ?2, completed_count = ?3, failed_count = ?4, finished_at = ?5
         WHERE uuid = ?1",
        params![
            batch_id,
            status.as_str(),
            counts.completed,
            counts.failed,
            finished_at
        ],
    )?;
    Ok(status)
}

fn owned_batch(
    tx: &Transaction,
    owner: &str,
    batch_id: &str,
) -> Result<Option<(BatchStatus, bool)>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT status, screenshot FROM batches WHERE uuid = ?1 AND owner = ?2",
            [batch_id, owner],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?)),
        )
        .optional()?
        .map(|(status, screenshot)| {
            (
                BatchStatus::parse(&status).unwrap_or(BatchStatus::Pending),
                screenshot,
            )
        }))
}

fn summary_from_row(row: &rusqlite::Row) -> rusqlite::Result<BatchSummary> {
    let status: String = row.get(1)?;
    Ok(BatchSummary {
        uuid: row.get(0)?,
        status: BatchStatus::parse(&status).unwrap_or(BatchStatus::Pending),
        total_urls: row.get(2)?,
        completed_count: row.get(3)?,
        failed_count: row.get(4)?,
        output_format: row.get(5)?,
        scraping_channel: "api".to_string(),
        created_at: row.get(6)?,
        finished_at: row.get(7)?,
    })
}

const SUMMARY_COLUMNS: &str = "uuid, status, total_urls, completed_count, failed_count, output_format, created_at, finished_at";

fn item_from_row(row: &rusqlite::Row) -> rusqlite::Result<BatchItem> {
    let status: String = row.get(3)?;
    let result_json: Option<String> = row.get(4)?;
    let token: Option<String> = row.get(9)?;
    let note: Option<String> = row.get(10)?;
    Ok(BatchItem {
        uuid: row.get(0)?,
        url: row.get(1)?,
        job_id: row.get(2)?,
        status: ItemStatus::parse(&status).unwrap_or(ItemStatus::Pending),
        result: result_json.and_then(|text| serde_json::from_str(&text).ok()),
        error: row.get(5)?,
        credits_used: row.get(6)?,
        started_at: row.get(7)?,
        finished_at: row.get(8)?,
        screenshot_url: token.map(|token| format!("/api/screenshots/{token}.png")),
        note,
    })
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_key(
        &self,
        key_hash: &str,
        hint: &str,
        label: &str,
    ) -> Result<ApiKeyRecord, StoreError> {
        let record = ApiKeyRecord {
            id: uuid::Uuid::new_v4().simple().to_string()[..12].to_string(),
            hint: hint.to_string(),
            label: label.to_string(),
            created_at: clock::now(),
            revoked_at: None,
        };
        let key_hash = key_hash.to_string();
        let stored = record.clone();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO api_keys (id, key_hash, hint, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![stored.id, key_hash, stored.hint, stored.label, stored.created_at],
            )?;
            Ok(())
        })
        .await?;
        Ok(record)
    }

    async fn find_key(&self, key_hash: &str) -> Result<KeyLookup, StoreError> {
        let key_hash = key_hash.to_string();
        self.run(move |conn| {
            let found: Option<(String, Option<String>)> = conn
                .query_row(
                    "SELECT id, revoked_at FROM api_keys WHERE key_hash = ?1",
                    [key_hash],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            Ok(match found {
                Some((id, None)) => KeyLookup::Active { id },
                Some((_, Some(_))) => KeyLookup::Revoked,
                None => KeyLookup::Unknown,
            })
        })
        .await
    }

    async fn list_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
        self.run(|conn| {
            let mut statement = conn.prepare(
                "SELECT id, hint, label, created_at, revoked_at FROM api_keys ORDER BY created_at",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(ApiKeyRecord {
                    id: row.get(0)?,
                    hint: row.get(1)?,
                    label: row.get(2)?,
                    created_at: row.get(3)?,
                    revoked_at: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    async fn revoke_key(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_string();
        self.run(move |conn| {
            let changed = conn.execute(
                "UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, clock::now()],
            )?;
            Ok(changed > 0)
        })
        .await
    }

    async fn insert_batch(&self, batch: &NewBatch) -> Result<(), StoreError> {
        let batch = batch.clone();
        self.run(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO batches (uuid, owner, status, output_format, prompt, schema_json,
                    use_proxy, proxy_country, screenshot, has_cookies, total_urls, created_at,
                    render_js)
                 VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    batch.uuid,
                    batch.owner,
                    batch.output.as_str(),
                    batch.prompt,
                    batch.schema.as_ref().map(|s| s.to_string()),
                    bool_int(batch.use_proxy),
                    batch.proxy_country,
                    bool_int(batch.screenshot),
                    bool_int(batch.has_cookies),
                    batch.urls.len() as i64,
                    batch.created_at,
                    bool_int(batch.render_js),
                ],
            )?;
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO items (uuid, batch_uuid, position, url, host, status)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'pending')",
                )?;
                for (position, url) in batch.urls.iter().enumerate() {
                    insert.execute(params![
                        uuid::Uuid::new_v4().to_string(),
                        batch.uuid,
                        position as i64,
                        url,
                        crate::queue::host_of(url)
                    ])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn batch_detail(
        &self,
        owner: &str,
        batch_id: &str,
    ) -> Result<Option<BatchDetail>, StoreError> {
        let (owner, batch_id) = (owner.to_string(), batch_id.to_string());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let summary = tx
                .query_row(
                    &format!(
                        "SELECT {SUMMARY_COLUMNS} FROM batches WHERE uuid = ?1 AND owner = ?2"
                    ),
                    [&batch_id, &owner],
                    summary_from_row,
                )
                .optional()?;
            let Some(summary) = summary else {
                return Ok(None);
            };
            let items = {
                let mut statement = tx.prepare_cached(
                    "SELECT uuid, url, job_id, status, result_json, error, credits_used,
                            started_at, finished_at, screenshot_token, note
                     FROM items WHERE batch_uuid = ?1 ORDER BY position",
                )?;
                let rows = statement.query_map([&batch_id], item_from_row)?;
                rows.collect::<Result<Vec<_>, _>>()?
            };
            Ok(Some(BatchDetail {
                uuid: summary.uuid,
                status: summary.status,
                total_urls: summary.total_urls,
                completed_count: summary.completed_count,
                failed_count: summary.failed_count,
                output_format: summary.output_format,
                scraping_channel: summary.scraping_channel,
                created_at: summary.created_at,
                finished_at: summary.finished_at,
                items,
            }))
        })
        .await
    }

    async fn owns_batch(&self, owner: &str, batch_id: &str) -> Result<bool, StoreError> {
        let (owner, batch_id) = (owner.to_string(), batch_id.to_string());
        self.run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT 1 FROM batches WHERE uuid = ?1 AND owner = ?2",
                    [batch_id, owner],
                    |_| Ok(()),
                )
                .optional()?
                .is_some())
        })
        .await
    }

    async fn list_batches(
        &self,
        owner: &str,
        page: u32,
        limit: u32,
        status: Option<BatchStatus>,
    ) -> Result<BatchList, StoreError> {
        let owner = owner.to_string();
        self.run(move |conn| {
            // `?2 IS NULL` keeps one statement for both the filtered and the plain list.
            let status = status.map(BatchStatus::as_str);
            let total: u64 = conn.query_row(
                "SELECT COUNT(*) FROM batches WHERE owner = ?1 AND (?2 IS NULL OR status = ?2)",
                params![owner, status],
                |row| row.get(0),
            )?;
            let offset = u64::from(page.saturating_sub(1)) * u64::from(limit);
            let mut statement = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM batches
                 WHERE owner = ?1 AND (?2 IS NULL OR status = ?2)
                 ORDER BY seq DESC LIMIT ?3 OFFSET ?4"
            ))?;
            let jobs = statement
                .query_map(
                    params![owner, status, limit, offset as i64],
                    summary_from_row,
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(BatchList {
                jobs,
                pagination: Pagination::new(page, limit, total),
            })
        })
        .await
    }

    async fn retry_failed(
        &self,
        owner: &str,
        batch_id: &str,
        has_cookies: bool,
    ) -> Result<RetryOutcome, StoreError> {
        let (owner, batch_id) = (owner.to_string(), batch_id.to_string());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            match owned_batch(&tx, &owner, &batch_id)? {
                None => return Ok(RetryOutcome::NotFound),
                Some((BatchStatus::Cancelled, _)) => return Ok(RetryOutcome::Cancelled),
                Some(_) => {}
            }
            let retried = tx.execute(
                "UPDATE items SET status = 'pending', error = NULL, result_json = NULL, note = NULL,
                    credits_used = 0, started_at = NULL, finished_at = NULL, job_id = NULL
                 WHERE batch_uuid = ?1 AND status = 'failed'",
                [&batch_id],
            )?;
            if retried > 0 {
                tx.execute(
                    "UPDATE batches SET has_cookies = ?2 WHERE uuid = ?1",
                    params![batch_id, bool_int(has_cookies)],
                )?;
                refresh_batch(&tx, &batch_id)?;
            }
            tx.commit()?;
            Ok(RetryOutcome::Retried(retried as u32))
        })
        .await
    }

    async fn cancel_batch(&self, owner: &str, batch_id: &str) -> Result<CancelOutcome, StoreError> {
        let (owner, batch_id) = (owner.to_string(), batch_id.to_string());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let screenshot = match owned_batch(&tx, &owner, &batch_id)? {
                None => return Ok(CancelOutcome::NotFound),
                Some((status, _)) if status.is_terminal() => {
                    return Ok(CancelOutcome::AlreadyFinished(status));
                }
                Some((_, screenshot)) => screenshot,
            };
            let (output, render_js): (String, bool) = tx.query_row(
                "SELECT output_format, render_js FROM batches WHERE uuid = ?1",
                [&batch_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let cancelled = tx.execute(
                "UPDATE items SET status = 'cancelled', finished_at = ?2
                 WHERE batch_uuid = ?1 AND status = 'pending'",
                params![batch_id, clock::now()],
            )? as u32;
            tx.execute(
                "UPDATE batches SET cancelled = 1 WHERE uuid = ?1",
                [&batch_id],
            )?;
            refresh_batch(&tx, &batch_id)?;
            tx.commit()?;
            let per_item = credits::estimate_per_item(output_of(&output), screenshot, render_js);
            Ok(CancelOutcome::Cancelled {
                items: cancelled,
                credits_refunded: cancelled * per_item,
            })
        })
        .await
    }

    async fn pending_items(
        &self,
        limit: u32,
        skip_hosts: &[String],
    ) -> Result<Vec<QueuedItem>, StoreError> {
        let skip_hosts = skip_hosts.to_vec();
        self.run(move |conn| {
            let placeholders = vec!["?"; skip_hosts.len()].join(", ");
            let mut statement = conn.prepare_cached(&format!(
                "SELECT i.uuid, i.batch_uuid, i.url, b.output_format, b.prompt, b.schema_json,
                        b.use_proxy, b.proxy_country, b.screenshot, b.has_cookies, b.render_js
                 FROM items i JOIN batches b ON b.uuid = i.batch_uuid
                 WHERE i.status = 'pending' AND i.host NOT IN ({placeholders})
                 ORDER BY i.seq LIMIT {limit}"
            ))?;
            let rows =
                statement.query_map(rusqlite::params_from_iter(skip_hosts.iter()), |row| {
                    let output: String = row.get(3)?;
                    let schema: Option<String> = row.get(5)?;
                    Ok(QueuedItem {
                        item_id: row.get(0)?,
                        batch_id: row.get(1)?,
                        url: row.get(2)?,
                        output: output_of(&output),
                        prompt: row.get(4)?,
                        schema: schema.and_then(|text| serde_json::from_str(&text).ok()),
                        use_proxy: row.get(6)?,
                        proxy_country: row.get(7)?,
                        screenshot: row.get(8)?,
                        has_cookies: row.get(9)?,
                        render_js: row.get(10)?,
                    })
                })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    async fn start_item(&self, item_id: &str, job_id: &str) -> Result<bool, StoreError> {
        let (item_id, job_id) = (item_id.to_string(), job_id.to_string());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let batch_id: Option<String> = tx
                .query_row(
                    "UPDATE items SET status = 'running', job_id = ?2, started_at = ?3
                     WHERE uuid = ?1 AND status = 'pending' RETURNING batch_uuid",
                    params![item_id, job_id, clock::now()],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(batch_id) = batch_id else {
                return Ok(false);
            };
            tx.execute(
                "UPDATE batches SET ever_started = 1 WHERE uuid = ?1",
                [&batch_id],
            )?;
            refresh_batch(&tx, &batch_id)?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    async fn finish_item(&self, item_id: &str, outcome: &ItemOutcome) -> Result<(), StoreError> {
        let (item_id, outcome) = (item_id.to_string(), outcome.clone());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let now = clock::now();
            let batch_id: Option<String> = match &outcome {
                ItemOutcome::Completed {
                    result,
                    credits_used,
                    screenshot_file,
                    note,
                } => {
                    let token = screenshot_file
                        .as_ref()
                        .map(|_| uuid::Uuid::new_v4().simple().to_string());
                    tx.query_row(
                        "UPDATE items SET status = 'completed', result_json = ?2, error = NULL,
                            credits_used = ?3, finished_at = ?4, screenshot_token = ?5,
                            screenshot_file = ?6, note = ?7
                         WHERE uuid = ?1 RETURNING batch_uuid",
                        params![
                            item_id,
                            result.to_string(),
                            credits_used,
                            now,
                            token,
                            screenshot_file,
                            note
                        ],
                        |row| row.get(0),
                    )
                    .optional()?
                }
                ItemOutcome::Failed { error } => tx
                    .query_row(
                        "UPDATE items SET status = 'failed', result_json = NULL, error = ?2, note = NULL,
                            credits_used = 0, finished_at = ?3,
                            started_at = COALESCE(started_at, ?3)
                         WHERE uuid = ?1 RETURNING batch_uuid",
                        params![item_id, error, now],
                        |row| row.get(0),
                    )
                    .optional()?,
            };
            if let Some(batch_id) = batch_id {
                refresh_batch(&tx, &batch_id)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn has_pending_items(&self, batch_id: &str) -> Result<bool, StoreError> {
        let batch_id = batch_id.to_string();
        self.run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT 1 FROM items WHERE batch_uuid = ?1 AND status = 'pending' LIMIT 1",
                    [batch_id],
                    |_| Ok(()),
                )
                .optional()?
                .is_some())
        })
        .await
    }

    async fn requeue_interrupted(&self) -> Result<u32, StoreError> {
        self.run(|conn| {
            let tx = conn.transaction()?;
            let batches: Vec<String> = {
                let mut statement =
                    tx.prepare("SELECT DISTINCT batch_uuid FROM items WHERE status = 'running'")?;
                let rows = statement.query_map([], |row| row.get(0))?;
                rows.collect::<Result<Vec<_>, _>>()?
            };
            let requeued = tx.execute(
                "UPDATE items SET status = 'pending', started_at = NULL, job_id = NULL
                 WHERE status = 'running'",
                [],
            )?;
            for batch_id in &batches {
                refresh_batch(&tx, batch_id)?;
            }
            tx.commit()?;
            Ok(requeued as u32)
        })
        .await
    }

    async fn screenshot_file(&self, token: &str) -> Result<Option<String>, StoreError> {
        let token = token.to_string();
        self.run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT screenshot_file FROM items WHERE screenshot_token = ?1",
                    [token],
                    |row| row.get::<_, Option<String>>(0),
                )
                .optional()?
                .flatten())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_database_gets_the_columns_added_since() {
        let dir = tempfile::tempdir().unwrap();
        {
            // The first release's tables, without items.host and batches.render_js.
            let old = Connection::open(dir.path().join("trawl.db")).unwrap();
            let schema = include_str!("schema.sql")
                .replace("    render_js       INTEGER NOT NULL DEFAULT 0,\n", "")
                .replace("    host             TEXT NOT NULL DEFAULT '',\n", "");
            assert!(!schema.contains("render_js") && !schema.contains("host             TEXT"));
            old.execute_batch(&schema).unwrap();
            old.execute_batch(
                "INSERT INTO batches (uuid, owner, status, output_format, use_proxy, screenshot,
                    has_cookies, total_urls, created_at)
                 VALUES ('b1', 'k1', 'completed', 'json', 0, 0, 0, 0, '2026-01-01T00:00:00.000Z')",
            )
            .unwrap();
        }
        let store = SqliteStore::open(dir.path()).unwrap();
        let connection = store.connection.lock().unwrap();
        let render_js: bool = connection
            .query_row(
                "SELECT render_js FROM batches WHERE uuid = 'b1'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(!render_js, "old batches did not ask for rendering");
        connection
            .execute_batch("SELECT host FROM items LIMIT 1")
            .unwrap();
        drop(connection);
        // Opening again changes nothing.
        SqliteStore::open(dir.path()).unwrap();
    }
}
