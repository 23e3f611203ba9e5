//! The PostgreSQL store, for several trawl-server processes sharing one database (scale-out).
//!
//! Same semantics as [`super::SqliteStore`]: batch counters and status are recomputed from the
//! items in the same transaction as every item change. What differs is concurrency:
//!
//! * Every transaction that changes items locks their batch row first (`SELECT … FOR UPDATE`),
//!   so counters are recomputed one writer at a time per batch, from committed data, and locks
//!   are always taken batch-then-items (no deadlocks between writers).
//! * Claiming is `UPDATE … WHERE status = 'pending'`: of two processes starting the same item,
//!   exactly one gets it. `pending_items` reads with `FOR UPDATE SKIP LOCKED`, so a process does
//!   not even see items another process is claiming right now.
//! * Crash recovery cannot simply requeue every running item: other processes are still running
//!   theirs. Each store holds a session advisory lock on a random key for as long as it lives (on
//!   a connection of its own) and stamps the items it starts with that key (`claimed_by`). An
//!   item is requeued only when its key's lock is free, i.e. its process (or that process's
//!   connection) is gone. Besides the start-up call, every store sweeps for such items every
//!   [`SWEEP_EVERY`], so the survivors pick up a dead peer's work without a restart.
//!
//! * Cookies are never stored, so they live in the memory of the server that received them.
//!   A cookie batch is stamped with that server's key (`cookie_holder`); other servers leave its
//!   items alone while that server lives.
//!
//! No TLS: connect over a unix socket, loopback, or a TLS-terminating proxy.

use super::{
    ApiKeyRecord, CancelOutcome, ItemCounts, ItemOutcome, KeyLookup, NewBatch, QueuedItem,
    RetryOutcome, Store, StoreError, batch_status,
};
use crate::clock;
use crate::credits;
use async_trait::async_trait;
use deadpool_postgres::{
    GenericClient, Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, Runtime, Transaction,
};
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::config::Host;
use tokio_postgres::error::SqlState;
use tokio_postgres::{Config, IsolationLevel, NoTls, Row};
use trawl_protocol::{
    BatchDetail, BatchItem, BatchList, BatchStatus, BatchSummary, ItemStatus, OutputFormat,
    Pagination,
};

/// Connections per server process (the queue's workers and the API's requests share them).
pub const POOL_SIZE: usize = 10;
/// How often a store looks for items left running by processes that are gone.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// Held (transaction-scoped) while the schema is brought up to date, so that servers starting
/// together do not race on `CREATE TABLE IF NOT EXISTS`. An arbitrary constant ("trawl-db").
const SCHEMA_LOCK: i64 = 0x7472_6177_6c2d_6462;

/// PostgreSQL through a small connection pool. Clones share the pool and the liveness lock.
#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    /// This process's advisory-lock key: stamped on the items it starts.
    instance: i64,
    _liveness: Arc<Liveness>,
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        if error.code() == Some(&SqlState::DISK_FULL) {
            return StoreError::DiskFull;
        }
        match error.as_db_error() {
            Some(db) => StoreError::Database(format!("{} ({})", db.message(), db.code().code())),
            None => StoreError::Database(format!("PostgreSQL: {}", error_text(&error))),
        }
    }
}

impl From<PoolError> for StoreError {
    fn from(error: PoolError) -> Self {
        match error {
            PoolError::Backend(error) => error.into(),
            other => StoreError::Database(format!("no PostgreSQL connection available: {other}")),
        }
    }
}

/// An error with its causes ("db error" alone says nothing; the cause names the problem).
fn error_text(error: &tokio_postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// Where a URL points, without its password: for error messages and logs.
pub fn describe(config: &Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            Host::Tcp(name) => name.clone(),
            Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let ports: Vec<String> = config.get_ports().iter().map(u16::to_string).collect();
    format!(
        "database {} on {}{} as user {}",
        config.get_dbname().unwrap_or("(default: the user name)"),
        if hosts.is_empty() {
            "(no host)".to_string()
        } else {
            hosts.join(",")
        },
        if ports.is_empty() {
            String::new()
        } else {
            format!(":{}", ports.join(","))
        },
        config.get_user().unwrap_or("(this system user)"),
    )
}

/// Parses a `--database-url`, with a message that shows the expected form.
pub fn parse_url(url: &str) -> Result<Config, StoreError> {
    let mut config: Config = url.parse().map_err(|e| {
        StoreError::Database(format!(
            "the database URL is not valid ({e}). Write it as postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, \
             e.g. postgres://trawl@127.0.0.1:5432/trawl, or postgres://trawl@%2Frun%2Fpostgresql/trawl for a unix socket"
        ))
    })?;
    if config.get_hosts().is_empty() {
        return Err(StoreError::Database(
            "the database URL names no host. Write it as postgres://USER@HOST[:PORT]/DATABASE"
                .into(),
        ));
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    if config.get_application_name().is_none() {
        config.application_name("trawl-server");
    }
    Ok(config)
}

impl PostgresStore {
    /// Connects to `url` (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE), brings the schema
    /// up to date and takes this process's liveness lock. Errors say what to check.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with_sweep(url, SWEEP_EVERY).await
    }

    /// [`PostgresStore::connect`] with another interval for the sweep that requeues the items
    /// of servers that are gone (tests use a short one).
    pub async fn connect_with_sweep(url: &str, sweep_every: Duration) -> Result<Self, StoreError> {
        let config = parse_url(url)?;
        let target = describe(&config);
        let unreachable = |error: &dyn std::fmt::Display| {
            StoreError::Database(format!(
                "cannot connect to PostgreSQL ({target}): {error}. Check that the server is running \
                 and reachable from here, that the user, password and database in --database-url \
                 (TRAWL_DATABASE_URL) exist, and that pg_hba.conf lets this client in. TLS is not \
                 supported: use a unix socket, loopback, or a TLS-terminating proxy."
            ))
        };
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .create_timeout(Some(Duration::from_secs(15)))
            .wait_timeout(Some(Duration::from_secs(30)))
            .build()
            .map_err(|e| StoreError::Database(format!("cannot set up the connection pool: {e}")))?;
        let mut client = pool.get().await.map_err(|e| match e {
            PoolError::Backend(e) => unreachable(&error_text(&e)),
            other => unreachable(&other),
        })?;
        {
            let tx = client.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
                .await?;
            tx.batch_execute(include_str!("postgres_schema.sql"))
                .await
                .map_err(|e| match StoreError::from(e) {
                    StoreError::Database(message) => StoreError::Database(format!(
                        "cannot create Trawl's tables in {target}: {message}. The user needs the \
                         CREATE privilege on the database (or its public schema)."
                    )),
                    disk_full => disk_full,
                })?;
            tx.commit().await?;
        }
        drop(client);
        let instance = random_key()?;
        let liveness = Liveness::start(config, pool.clone(), instance, sweep_every)
            .await
            .map_err(|e| unreachable(&error_text(&e)))?;
        Ok(PostgresStore {
            pool,
            instance,
            _liveness: Arc::new(liveness),
        })
    }

    /// This process's liveness key (stamped on the items it runs).
    pub fn instance_key(&self) -> i64 {
        self.instance
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        Ok(self.pool.get().await?)
    }
}

fn random_key() -> Result<i64, StoreError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Database(format!("no randomness available: {e}")))?;
    Ok(i64::from_le_bytes(bytes))
}

/// Holds this process's advisory lock on a connection of its own, reconnecting if that
/// connection drops, and sweeps for items of dead processes. Stops when dropped.
struct Liveness {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Liveness {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One connection holding `pg_advisory_lock(key)`; ends when the connection does.
async fn hold_lock(
    config: &Config,
    key: i64,
) -> Result<(tokio_postgres::Client, tokio::task::JoinHandle<()>), tokio_postgres::Error> {
    let (client, connection) = config.connect(NoTls).await?;
    let task = tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "the PostgreSQL connection holding this server's liveness lock ended");
        }
    });
    // Server-side keepalives: if this machine vanishes without closing the connection, the
    // database notices within about a minute and frees the lock, so peers requeue our items.
    client
        .batch_execute(&format!(
            "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; \
             SET tcp_keepalives_count = 3; SELECT pg_advisory_lock({key})"
        ))
        .await?;
    Ok((client, task))
}

impl Liveness {
    async fn start(
        config: Config,
        pool: Pool,
        key: i64,
        sweep_every: Duration,
    ) -> Result<Self, tokio_postgres::Error> {
        let (client, task) = hold_lock(&config, key).await?;
        let (stop_tx, mut stop) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let mut held = Some((client, task));
            let mut sweep = tokio::time::interval(sweep_every);
            sweep.tick().await;
            loop {
                let lost = async {
                    match held.as_mut() {
                        Some((_, task)) => {
                            let _ = task.await;
                        }
                        None => std::future::pending::<()>().await,
                    }
                };
                tokio::select! {
                    _ = &mut stop => return,
                    _ = lost => {
                        drop(held.take());
                        // Reconnect (a database restart ends every session).
                        loop {
                            tokio::select! {
                                _ = &mut stop => return,
                                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                            }
                            match hold_lock(&config, key).await {
                                Ok(again) => {
                                    tracing::info!("liveness lock taken again");
                                    held = Some(again);
                                    break;
                                }
                                Err(error) => tracing::warn!(%error, "cannot take the liveness lock again yet"),
                            }
                        }
                    }
                    _ = sweep.tick() => {
                        match requeue_orphans(&pool).await {
                            Ok(0) => {}
                            Ok(requeued) => tracing::info!(requeued, "items left running by a server that is gone are queued again"),
                            Err(error) => tracing::warn!(%error, "could not look for items of servers that are gone"),
                        }
                    }
                }
            }
        });
        Ok(Liveness {
            stop: Some(stop_tx),
        })
    }
}

/// Items left running by processes whose liveness lock is free go back to the queue.
async fn requeue_orphans(pool: &Pool) -> Result<u32, StoreError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // `pg_try_advisory_xact_lock` succeeds only for keys nobody holds: their process is gone.
    // Holding it until commit keeps that process from coming back halfway.
    const ORPHANED: &str =
        "status = 'running' AND (claimed_by IS NULL OR pg_try_advisory_xact_lock(claimed_by))";
    let batches: Vec<String> = tx
        .query(
            &format!("SELECT DISTINCT batch_uuid FROM items WHERE {ORPHANED}"),
            &[],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    if batches.is_empty() {
        return Ok(0);
    }
    // Batch rows first, in a fixed order, as every writer does.
    let locked = tx
        .query(
            "SELECT uuid, cancelled, ever_started, finished_at FROM batches
             WHERE uuid = ANY($1) ORDER BY uuid FOR UPDATE",
            &[&batches],
        )
        .await?;
    let requeued = tx
        .execute(
            &format!(
                "UPDATE items SET status = 'pending', started_at = NULL, job_id = NULL,
                    claimed_by = NULL
                 WHERE batch_uuid = ANY($1) AND {ORPHANED}"
            ),
            &[&batches],
        )
        .await?;
    for row in &locked {
        let flags = BatchFlags {
            cancelled: row.get(1),
            ever_started: row.get(2),
            finished_at: row.get(3),
        };
        refresh_batch(&tx, row.get(0), &flags).await?;
    }
    tx.commit().await?;
    Ok(requeued as u32)
}

/// What `refresh_batch` needs from the batch row (read while locking it).
struct BatchFlags {
    cancelled: bool,
    ever_started: bool,
    finished_at: Option<String>,
}

/// Locks the batch row of an item (the first lock of every writing transaction) and reads its
/// id and flags, in one round trip.
async fn lock_batch_of_item(
    tx: &Transaction<'_>,
    item_id: &str,
) -> Result<Option<(String, BatchFlags)>, StoreError> {
    let statement = tx
        .prepare_cached(
            "SELECT b.uuid, b.cancelled, b.ever_started, b.finished_at
             FROM items i JOIN batches b ON b.uuid = i.batch_uuid
             WHERE i.uuid = $1 FOR UPDATE OF b",
        )
        .await?;
    Ok(tx.query_opt(&statement, &[&item_id]).await?.map(|row| {
        (
            row.get(0),
            BatchFlags {
                cancelled: row.get(1),
                ever_started: row.get(2),
                finished_at: row.get(3),
            },
        )
    }))
}

async fn item_counts(tx: &Transaction<'_>, batch_id: &str) -> Result<ItemCounts, StoreError> {
    let statement = tx
        .prepare_cached("SELECT status, COUNT(*) FROM items WHERE batch_uuid = $1 GROUP BY status")
        .await?;
    let mut counts = ItemCounts::default();
    for row in tx.query(&statement, &[&batch_id]).await? {
        let status: &str = row.get(0);
        let count = row.get::<_, i64>(1) as u32;
        match ItemStatus::parse(status) {
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

/// Recomputes a batch's counters and status from its items, inside the caller's transaction,
/// which holds the batch row's lock (see [`lock_batch_of_item`]). `flags` are written back too.
async fn refresh_batch(
    tx: &Transaction<'_>,
    batch_id: &str,
    flags: &BatchFlags,
) -> Result<BatchStatus, StoreError> {
    let counts = item_counts(tx, batch_id).await?;
    let status = batch_status(counts, flags.cancelled, flags.ever_started);
    let finished_at = if status.is_terminal() {
        flags.finished_at.clone().or_else(|| Some(clock::now()))
    } else {
        None
    };
    let statement = tx
        .prepare_cached(
            "UPDATE batches SET status = $2, completed_count = $3, failed_count = $4,
                finished_at = $5, cancelled = $6, ever_started = $7
             WHERE uuid = $1",
        )
        .await?;
    tx.execute(
        &statement,
        &[
            &batch_id,
            &status.as_str(),
            &(counts.completed as i32),
            &(counts.failed as i32),
            &finished_at,
            &flags.cancelled,
            &flags.ever_started,
        ],
    )
    .await?;
    Ok(status)
}

fn output_of(text: &str) -> OutputFormat {
    OutputFormat::parse(text).unwrap_or_default()
}

const SUMMARY_COLUMNS: &str = "uuid, status, total_urls, completed_count, failed_count, output_format, created_at, finished_at";

fn summary_from_row(row: &Row) -> BatchSummary {
    BatchSummary {
        uuid: row.get(0),
        status: BatchStatus::parse(row.get(1)).unwrap_or(BatchStatus::Pending),
        total_urls: row.get::<_, i32>(2) as u32,
        completed_count: row.get::<_, i32>(3) as u32,
        failed_count: row.get::<_, i32>(4) as u32,
        output_format: row.get(5),
        scraping_channel: "api".to_string(),
        created_at: row.get(6),
        finished_at: row.get(7),
    }
}

fn item_from_row(row: &Row) -> BatchItem {
    let result_json: Option<&str> = row.get(4);
    let token: Option<String> = row.get(9);
    BatchItem {
        uuid: row.get(0),
        url: row.get(1),
        job_id: row.get(2),
        status: ItemStatus::parse(row.get(3)).unwrap_or(ItemStatus::Pending),
        result: result_json.and_then(|text| serde_json::from_str(text).ok()),
        error: row.get(5),
        credits_used: row.get::<_, i32>(6) as u32,
        started_at: row.get(7),
        finished_at: row.get(8),
        screenshot_url: token.map(|token| format!("/api/screenshots/{token}.png")),
        note: row.get(10),
    }
}

#[async_trait]
impl Store for PostgresStore {
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
        self.client()
            .await?
            .execute(
                "INSERT INTO api_keys (id, key_hash, hint, label, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[&record.id, &key_hash, &record.hint, &record.label, &record.created_at],
            )
            .await?;
        Ok(record)
    }

    async fn find_key(&self, key_hash: &str) -> Result<KeyLookup, StoreError> {
        let client = self.client().await?;
        let statement = client
            .prepare_cached("SELECT id, revoked_at FROM api_keys WHERE key_hash = $1")
            .await?;
        let found = client.query_opt(&statement, &[&key_hash]).await?;
        Ok(match found {
            Some(row) => match row.get::<_, Option<String>>(1) {
                None => KeyLookup::Active { id: row.get(0) },
                Some(_) => KeyLookup::Revoked,
            },
            None => KeyLookup::Unknown,
        })
    }

    async fn list_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT id, hint, label, created_at, revoked_at FROM api_keys ORDER BY created_at",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|row| ApiKeyRecord {
                id: row.get(0),
                hint: row.get(1),
                label: row.get(2),
                created_at: row.get(3),
                revoked_at: row.get(4),
            })
            .collect())
    }

    async fn revoke_key(&self, id: &str) -> Result<bool, StoreError> {
        let changed = self
            .client()
            .await?
            .execute(
                "UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                &[&id, &clock::now()],
            )
            .await?;
        Ok(changed > 0)
    }

    async fn insert_batch(&self, batch: &NewBatch) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let schema = batch.schema.as_ref().map(|s| s.to_string());
        tx.execute(
            "INSERT INTO batches (uuid, owner, status, output_format, prompt, schema_json,
                use_proxy, proxy_country, screenshot, has_cookies, total_urls, created_at,
                render_js, cookie_holder)
             VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                CASE WHEN $9 THEN $13::bigint END)",
            &[
                &batch.uuid,
                &batch.owner,
                &batch.output.as_str(),
                &batch.prompt,
                &schema,
                &batch.use_proxy,
                &batch.proxy_country,
                &batch.screenshot,
                &batch.has_cookies,
                &(batch.urls.len() as i32),
                &batch.created_at,
                &batch.render_js,
                &self.instance,
            ],
        )
        .await?;
        // One statement for all the items: arrays unnested in order (a round trip per item
        // would make a 1,000-URL submit slow over the network).
        let uuids: Vec<String> = batch
            .urls
            .iter()
            .map(|_| uuid::Uuid::new_v4().to_string())
            .collect();
        let hosts: Vec<String> = batch
            .urls
            .iter()
            .map(|url| crate::queue::host_of(url))
            .collect();
        tx.execute(
            "INSERT INTO items (uuid, batch_uuid, position, url, host, status)
             SELECT u.uuid, $1, u.position - 1, u.url, u.host, 'pending'
             FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                AS u (uuid, url, host, position)
             ORDER BY u.position",
            &[&batch.uuid, &uuids, &batch.urls, &hosts],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn batch_detail(
        &self,
        owner: &str,
        batch_id: &str,
    ) -> Result<Option<BatchDetail>, StoreError> {
        let mut client = self.client().await?;
        // One snapshot for the batch and its items, so counters and items agree.
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let statement = tx
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM batches WHERE uuid = $1 AND owner = $2"
            ))
            .await?;
        let Some(row) = tx.query_opt(&statement, &[&batch_id, &owner]).await? else {
            return Ok(None);
        };
        let summary = summary_from_row(&row);
        let statement = tx
            .prepare_cached(
                "SELECT uuid, url, job_id, status, result_json, error, credits_used,
                        started_at, finished_at, screenshot_token, note
                 FROM items WHERE batch_uuid = $1 ORDER BY position",
            )
            .await?;
        let items = tx
            .query(&statement, &[&batch_id])
            .await?
            .iter()
            .map(item_from_row)
            .collect();
        tx.commit().await?;
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
    }

    async fn owns_batch(&self, owner: &str, batch_id: &str) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let statement = client
            .prepare_cached("SELECT 1 FROM batches WHERE uuid = $1 AND owner = $2")
            .await?;
        Ok(client
            .query_opt(&statement, &[&batch_id, &owner])
            .await?
            .is_some())
    }

    async fn list_batches(
        &self,
        owner: &str,
        page: u32,
        limit: u32,
        status: Option<BatchStatus>,
    ) -> Result<BatchList, StoreError> {
        let client = self.client().await?;
        // `$2 IS NULL` keeps one statement for both the filtered and the plain list.
        let status = status.map(BatchStatus::as_str);
        let count = client
            .prepare_cached(
                "SELECT COUNT(*) FROM batches
                 WHERE owner = $1 AND ($2::text IS NULL OR status = $2::text)",
            )
            .await?;
        let total = client
            .query_one(&count, &[&owner, &status])
            .await?
            .get::<_, i64>(0) as u64;
        let offset = (u64::from(page.saturating_sub(1)) * u64::from(limit)) as i64;
        let select = client
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM batches
                 WHERE owner = $1 AND ($2::text IS NULL OR status = $2::text)
                 ORDER BY seq DESC LIMIT $3 OFFSET $4"
            ))
            .await?;
        let jobs = client
            .query(&select, &[&owner, &status, &i64::from(limit), &offset])
            .await?
            .iter()
            .map(summary_from_row)
            .collect();
        Ok(BatchList {
            jobs,
            pagination: Pagination::new(page, limit, total),
        })
    }

    async fn retry_failed(
        &self,
        owner: &str,
        batch_id: &str,
        has_cookies: bool,
    ) -> Result<RetryOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let row = tx
            .query_opt(
                "SELECT cancelled, ever_started, finished_at, status FROM batches
                 WHERE uuid = $1 AND owner = $2 FOR UPDATE",
                &[&batch_id, &owner],
            )
            .await?;
        let Some(row) = row else {
            return Ok(RetryOutcome::NotFound);
        };
        if BatchStatus::parse(row.get(3)) == Some(BatchStatus::Cancelled) {
            return Ok(RetryOutcome::Cancelled);
        }
        let flags = BatchFlags {
            cancelled: row.get(0),
            ever_started: row.get(1),
            finished_at: row.get(2),
        };
        let retried = tx
            .execute(
                "UPDATE items SET status = 'pending', error = NULL, result_json = NULL, note = NULL,
                    credits_used = 0, started_at = NULL, finished_at = NULL, job_id = NULL,
                    claimed_by = NULL
                 WHERE batch_uuid = $1 AND status = 'failed'",
                &[&batch_id],
            )
            .await?;
        if retried > 0 {
            // The new cookies (if any) are in this server's memory.
            tx.execute(
                "UPDATE batches SET has_cookies = $2, cookie_holder = CASE WHEN $2 THEN $3::bigint END
                 WHERE uuid = $1",
                &[&batch_id, &has_cookies, &self.instance],
            )
            .await?;
            refresh_batch(&tx, batch_id, &flags).await?;
        }
        tx.commit().await?;
        Ok(RetryOutcome::Retried(retried as u32))
    }

    async fn cancel_batch(&self, owner: &str, batch_id: &str) -> Result<CancelOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let row = tx
            .query_opt(
                "SELECT cancelled, ever_started, finished_at, status, screenshot, output_format,
                    render_js
                 FROM batches WHERE uuid = $1 AND owner = $2 FOR UPDATE",
                &[&batch_id, &owner],
            )
            .await?;
        let Some(row) = row else {
            return Ok(CancelOutcome::NotFound);
        };
        let status = BatchStatus::parse(row.get(3)).unwrap_or(BatchStatus::Pending);
        if status.is_terminal() {
            return Ok(CancelOutcome::AlreadyFinished(status));
        }
        let (screenshot, output, render_js): (bool, &str, bool) =
            (row.get(4), row.get(5), row.get(6));
        let cancelled = tx
            .execute(
                "UPDATE items SET status = 'cancelled', finished_at = $2
                 WHERE batch_uuid = $1 AND status = 'pending'",
                &[&batch_id, &clock::now()],
            )
            .await? as u32;
        let flags = BatchFlags {
            cancelled: true,
            ever_started: row.get(1),
            finished_at: row.get(2),
        };
        refresh_batch(&tx, batch_id, &flags).await?;
        tx.commit().await?;
        let per_item = credits::estimate_per_item(output_of(output), screenshot, render_js);
        Ok(CancelOutcome::Cancelled {
            items: cancelled,
            credits_refunded: cancelled * per_item,
        })
    }

    async fn pending_items(
        &self,
        limit: u32,
        skip_hosts: &[String],
    ) -> Result<Vec<QueuedItem>, StoreError> {
        let client = self.client().await?;
        // SKIP LOCKED: items another process is starting right now are left out, not waited for.
        // Items of a batch whose cookies another live server holds are left to that server;
        // once it is gone (its lock is free) they are taken, and fail asking for a retry with
        // cookies, as after a restart.
        let statement = client
            .prepare_cached(
                "SELECT i.uuid, i.batch_uuid, i.url, b.output_format, b.prompt, b.schema_json,
                        b.use_proxy, b.proxy_country, b.screenshot, b.has_cookies, b.render_js
                 FROM items i JOIN batches b ON b.uuid = i.batch_uuid
                 WHERE i.status = 'pending' AND i.host <> ALL($1::text[])
                    AND (NOT b.has_cookies OR b.cookie_holder IS NULL OR b.cookie_holder = $3
                         OR pg_try_advisory_xact_lock(b.cookie_holder))
                 ORDER BY i.seq LIMIT $2
                 FOR UPDATE OF i SKIP LOCKED",
            )
            .await?;
        let rows = client
            .query(
                &statement,
                &[&skip_hosts, &i64::from(limit), &self.instance],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|row| {
                let output: &str = row.get(3);
                let schema: Option<&str> = row.get(5);
                QueuedItem {
                    item_id: row.get(0),
                    batch_id: row.get(1),
                    url: row.get(2),
                    output: output_of(output),
                    prompt: row.get(4),
                    schema: schema.and_then(|text| serde_json::from_str(text).ok()),
                    use_proxy: row.get(6),
                    proxy_country: row.get(7),
                    screenshot: row.get(8),
                    has_cookies: row.get(9),
                    render_js: row.get(10),
                }
            })
            .collect())
    }

    async fn start_item(&self, item_id: &str, job_id: &str) -> Result<bool, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // Not waiting for the disk here halves the time the batch row stays locked per item.
        // Safe: if the database crashes before this start reaches the disk, the item is simply
        // pending again (as crash recovery would make it), and a late finish still records it.
        tx.batch_execute("SET LOCAL synchronous_commit = off")
            .await?;
        let Some((batch_id, mut flags)) = lock_batch_of_item(&tx, item_id).await? else {
            return Ok(false);
        };
        // The claim: of several processes starting this item, exactly one sees it pending.
        let statement = tx
            .prepare_cached(
                "UPDATE items SET status = 'running', job_id = $2, started_at = $3, claimed_by = $4
                 WHERE uuid = $1 AND status = 'pending'",
            )
            .await?;
        let started = tx
            .execute(
                &statement,
                &[&item_id, &job_id, &clock::now(), &self.instance],
            )
            .await?;
        if started == 0 {
            return Ok(false);
        }
        flags.ever_started = true;
        refresh_batch(&tx, &batch_id, &flags).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn finish_item(&self, item_id: &str, outcome: &ItemOutcome) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let Some((batch_id, flags)) = lock_batch_of_item(&tx, item_id).await? else {
            return Ok(());
        };
        let now = clock::now();
        match outcome {
            ItemOutcome::Completed {
                result,
                credits_used,
                screenshot_file,
                note,
            } => {
                let token = screenshot_file
                    .as_ref()
                    .map(|_| uuid::Uuid::new_v4().simple().to_string());
                let statement = tx
                    .prepare_cached(
                        "UPDATE items SET status = 'completed', result_json = $2, error = NULL,
                            credits_used = $3, finished_at = $4, screenshot_token = $5,
                            screenshot_file = $6, note = $7, claimed_by = NULL
                         WHERE uuid = $1",
                    )
                    .await?;
                tx.execute(
                    &statement,
                    &[
                        &item_id,
                        &result.to_string(),
                        &(*credits_used as i32),
                        &now,
                        &token,
                        screenshot_file,
                        note,
                    ],
                )
                .await?;
            }
            ItemOutcome::Failed { error } => {
                let statement = tx
                    .prepare_cached(
                        "UPDATE items SET status = 'failed', result_json = NULL, error = $2,
                            note = NULL, credits_used = 0, finished_at = $3,
                            started_at = COALESCE(started_at, $3), claimed_by = NULL
                         WHERE uuid = $1",
                    )
                    .await?;
                tx.execute(&statement, &[&item_id, error, &now]).await?;
            }
        }
        refresh_batch(&tx, &batch_id, &flags).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn has_pending_items(&self, batch_id: &str) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let statement = client
            .prepare_cached(
                "SELECT 1 FROM items WHERE batch_uuid = $1 AND status = 'pending' LIMIT 1",
            )
            .await?;
        Ok(client.query_opt(&statement, &[&batch_id]).await?.is_some())
    }

    /// Items left running by processes that are gone go back to pending; items other live
    /// servers are running are left alone (see the module documentation).
    async fn requeue_interrupted(&self) -> Result<u32, StoreError> {
        requeue_orphans(&self.pool).await
    }

    async fn screenshot_file(&self, token: &str) -> Result<Option<String>, StoreError> {
        let client = self.client().await?;
        let statement = client
            .prepare_cached("SELECT screenshot_file FROM items WHERE screenshot_token = $1")
            .await?;
        Ok(client
            .query_opt(&statement, &[&token])
            .await?
            .and_then(|row| row.get::<_, Option<String>>(0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_before_connecting() {
        let message = |url: &str| match parse_url(url) {
            Err(StoreError::Database(message)) => message,
            other => panic!("{url}: expected an error, got {:?}", other.map(|_| ())),
        };
        assert!(message("mysql://x").contains("postgres://USER"));
        assert!(message("postgres:///trawl").contains("names no host"));
        let config = parse_url("postgres://trawl:secret@db.internal:6543/jobs").unwrap();
        let described = describe(&config);
        assert_eq!(described, "database jobs on db.internal:6543 as user trawl");
        assert!(!described.contains("secret"));
        assert_eq!(config.get_connect_timeout(), Some(&Duration::from_secs(10)));
    }
}
