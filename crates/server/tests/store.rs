//! The same store behaviour checks against both stores: the embedded SQLite store and the
//! PostgreSQL store (on a throwaway cluster started by the test binary, see `pg/mod.rs`).
//! PostgreSQL-only checks (disk full, live peers, start-up errors) follow at the end.

mod pg;

use serde_json::json;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use trawl_protocol::{BatchStatus, ItemStatus, OutputFormat};
use trawl_server::credits;
use trawl_server::keys::{hash_key, key_hint};
use trawl_server::store::{
    CancelOutcome, ItemOutcome, KeyLookup, NewBatch, PostgresStore, RetryOutcome, SqliteStore,
    Store, StoreError,
};

type Opened = Pin<Box<dyn Future<Output = Arc<dyn Store>> + Send>>;

/// One database and a way to open another handle on it (another "process").
struct Backend {
    name: &'static str,
    open: Box<dyn Fn() -> Opened + Send + Sync>,
    _dir: Option<tempfile::TempDir>,
}

impl Backend {
    async fn open(&self) -> Arc<dyn Store> {
        (self.open)().await
    }
}

fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    Backend {
        name: "sqlite",
        open: Box::new(move || {
            let path = path.clone();
            Box::pin(async move { Arc::new(SqliteStore::open(&path).unwrap()) as Arc<dyn Store> })
        }),
        _dir: Some(dir),
    }
}

async fn postgres(test: &str) -> Option<Backend> {
    let url = pg::fresh_database(test).await?;
    Some(Backend {
        name: "postgres",
        open: Box::new(move || {
            let url = url.clone();
            Box::pin(async move {
                Arc::new(PostgresStore::connect(&url).await.unwrap()) as Arc<dyn Store>
            })
        }),
        _dir: None,
    })
}

/// Each check runs once per store: `sqlite::check` and `postgres::check`.
macro_rules! for_both_stores {
    ($($check:ident),* $(,)?) => {
        mod sqlite_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $check() {
                    super::$check(&super::sqlite()).await;
                }
            )*
        }
        mod postgres_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $check() {
                    let Some(backend) = super::postgres(stringify!($check)).await else {
                        return;
                    };
                    super::$check(&backend).await;
                }
            )*
        }
    };
}

for_both_stores!(
    submit_then_detail,
    list_paginates_and_filters_by_status,
    queue_order_fields_and_skipped_hosts,
    retry_puts_back_failed_items_only,
    cancel_keeps_running_items_and_refunds_the_rest,
    keys_are_found_by_hash_and_revoked,
    items_left_running_by_a_crash_are_queued_again,
    two_claimers_never_get_the_same_item,
    counters_stay_exact_under_concurrent_finishes,
    screenshots_are_found_by_token,
);

fn new_batch(owner: &str, urls: Vec<String>) -> NewBatch {
    NewBatch {
        uuid: uuid::Uuid::new_v4().to_string(),
        owner: owner.to_string(),
        urls,
        output: OutputFormat::Json,
        prompt: None,
        schema: None,
        use_proxy: false,
        proxy_country: None,
        screenshot: false,
        render_js: false,
        has_cookies: false,
        created_at: trawl_server::clock::now(),
    }
}

fn urls(n: usize, hosts: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("https://site{}.example/page/{i}", i % hosts.max(1)))
        .collect()
}

async fn submit(store: &dyn Store, owner: &str, urls: Vec<String>) -> NewBatch {
    let batch = new_batch(owner, urls);
    store.insert_batch(&batch).await.unwrap();
    batch
}

async fn item_ids(store: &dyn Store, owner: &str, batch_id: &str) -> Vec<String> {
    store
        .batch_detail(owner, batch_id)
        .await
        .unwrap()
        .unwrap()
        .items
        .into_iter()
        .map(|item| item.uuid)
        .collect()
}

fn completed(n: u32) -> ItemOutcome {
    ItemOutcome::Completed {
        result: json!({"title": format!("Widget {n}"), "b": 1, "a": 2}),
        credits_used: 2,
        screenshot_file: None,
        note: None,
    }
}

fn failed() -> ItemOutcome {
    ItemOutcome::Failed {
        error: "The site answered 404".to_string(),
    }
}

async fn submit_then_detail(backend: &Backend) {
    let store = backend.open().await;
    let batch = submit(&*store, "k1", urls(3, 3)).await;
    let detail = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.uuid, batch.uuid);
    assert_eq!(detail.status, BatchStatus::Pending);
    assert_eq!(
        (
            detail.total_urls,
            detail.completed_count,
            detail.failed_count
        ),
        (3, 0, 0)
    );
    assert_eq!(detail.output_format, "json");
    assert_eq!(detail.created_at, batch.created_at);
    assert_eq!(detail.finished_at, None);
    let listed: Vec<&str> = detail.items.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(
        listed,
        batch.urls.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(
        detail
            .items
            .iter()
            .all(|i| i.status == ItemStatus::Pending && i.result.is_none() && i.job_id.is_none())
    );
    assert!(store.owns_batch("k1", &batch.uuid).await.unwrap());
    assert!(!store.owns_batch("k2", &batch.uuid).await.unwrap());
    assert!(
        store
            .batch_detail("k2", &batch.uuid)
            .await
            .unwrap()
            .is_none(),
        "{}: another key's batch is invisible",
        backend.name
    );
    assert!(store.batch_detail("k1", "no-such").await.unwrap().is_none());
    assert!(store.has_pending_items(&batch.uuid).await.unwrap());

    // A result keeps its key order, whichever store holds it.
    let first = &detail.items[0].uuid;
    assert!(store.start_item(first, "job-1").await.unwrap());
    store.finish_item(first, &completed(1)).await.unwrap();
    let detail = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.status, BatchStatus::Running);
    assert_eq!(detail.completed_count, 1);
    let item = &detail.items[0];
    assert_eq!(item.status, ItemStatus::Completed);
    assert_eq!(item.job_id.as_deref(), Some("job-1"));
    assert_eq!(item.credits_used, 2);
    assert!(item.started_at.is_some() && item.finished_at.is_some());
    assert_eq!(
        serde_json::to_string(item.result.as_ref().unwrap()).unwrap(),
        r#"{"title":"Widget 1","b":1,"a":2}"#
    );
}

async fn list_paginates_and_filters_by_status(backend: &Backend) {
    let store = backend.open().await;
    let mut batches = Vec::new();
    for _ in 0..5 {
        batches.push(submit(&*store, "k1", urls(2, 1)).await);
    }
    submit(&*store, "other", urls(1, 1)).await;
    // b1 cancelled, b3 completed, the rest pending.
    store.cancel_batch("k1", &batches[1].uuid).await.unwrap();
    for id in item_ids(&*store, "k1", &batches[3].uuid).await {
        assert!(store.start_item(&id, "job").await.unwrap());
        store.finish_item(&id, &completed(3)).await.unwrap();
    }
    let ids = |list: &trawl_protocol::BatchList| -> Vec<String> {
        list.jobs.iter().map(|j| j.uuid.clone()).collect()
    };
    let uuid = |i: usize| batches[i].uuid.clone();

    let page1 = store.list_batches("k1", 1, 2, None).await.unwrap();
    assert_eq!(ids(&page1), vec![uuid(4), uuid(3)], "{}", backend.name);
    assert_eq!(
        (page1.pagination.total, page1.pagination.total_pages),
        (5, 3)
    );
    assert_eq!(page1.jobs[1].status, BatchStatus::Completed);
    assert_eq!(page1.jobs[1].completed_count, 2);
    assert!(page1.jobs[1].finished_at.is_some());
    let page3 = store.list_batches("k1", 3, 2, None).await.unwrap();
    assert_eq!(ids(&page3), vec![uuid(0)]);
    let page4 = store.list_batches("k1", 4, 2, None).await.unwrap();
    assert!(page4.jobs.is_empty());
    assert_eq!(page4.pagination.total, 5);

    let done = store
        .list_batches("k1", 1, 10, Some(BatchStatus::Completed))
        .await
        .unwrap();
    assert_eq!(ids(&done), vec![uuid(3)]);
    assert_eq!(done.pagination.total, 1);
    let cancelled = store
        .list_batches("k1", 1, 10, Some(BatchStatus::Cancelled))
        .await
        .unwrap();
    assert_eq!(ids(&cancelled), vec![uuid(1)]);
    let pending = store
        .list_batches("k1", 1, 2, Some(BatchStatus::Pending))
        .await
        .unwrap();
    assert_eq!(ids(&pending), vec![uuid(4), uuid(2)]);
    assert_eq!(
        (pending.pagination.total, pending.pagination.total_pages),
        (3, 2)
    );
    let running = store
        .list_batches("k1", 1, 10, Some(BatchStatus::Running))
        .await
        .unwrap();
    assert!(running.jobs.is_empty());
    let nobody = store.list_batches("nobody", 1, 10, None).await.unwrap();
    assert!(nobody.jobs.is_empty());
    assert_eq!(nobody.pagination.total, 0);
}

async fn queue_order_fields_and_skipped_hosts(backend: &Backend) {
    let store = backend.open().await;
    let mut first = new_batch(
        "k1",
        vec![
            "https://a.example/1".into(),
            "https://b.example/1".into(),
            "https://a.example/2".into(),
        ],
    );
    first.output = OutputFormat::Markdown;
    first.prompt = Some("prices".into());
    first.schema = Some(json!({"type": "object", "properties": {"price": {"type": "number"}}}));
    first.use_proxy = true;
    first.proxy_country = Some("de".into());
    first.screenshot = true;
    first.render_js = true;
    first.has_cookies = true;
    store.insert_batch(&first).await.unwrap();
    let second = submit(&*store, "k2", vec!["https://c.example/1".into()]).await;

    let queued = store.pending_items(10, &[]).await.unwrap();
    let queued_urls: Vec<&str> = queued.iter().map(|q| q.url.as_str()).collect();
    assert_eq!(
        queued_urls,
        [
            "https://a.example/1",
            "https://b.example/1",
            "https://a.example/2",
            "https://c.example/1"
        ],
        "{}: oldest first",
        backend.name
    );
    let item = &queued[0];
    assert_eq!(item.batch_id, first.uuid);
    assert_eq!(item.output, OutputFormat::Markdown);
    assert_eq!(item.prompt.as_deref(), Some("prices"));
    assert_eq!(item.schema, first.schema);
    assert!(item.use_proxy && item.screenshot && item.render_js && item.has_cookies);
    assert_eq!(item.proxy_country.as_deref(), Some("de"));
    let plain = &queued[3];
    assert_eq!(plain.batch_id, second.uuid);
    assert!(!plain.use_proxy && !plain.screenshot && !plain.render_js && !plain.has_cookies);
    assert_eq!(plain.schema, None);

    let limited = store.pending_items(2, &[]).await.unwrap();
    assert_eq!(limited.len(), 2);
    let skipped = store
        .pending_items(10, &["a.example".to_string(), "c.example".to_string()])
        .await
        .unwrap();
    let skipped_urls: Vec<&str> = skipped.iter().map(|q| q.url.as_str()).collect();
    assert_eq!(skipped_urls, ["https://b.example/1"]);

    // Started items leave the queue; a second start of the same item is refused.
    assert!(store.start_item(&queued[0].item_id, "j1").await.unwrap());
    assert!(!store.start_item(&queued[0].item_id, "j2").await.unwrap());
    assert!(!store.start_item("no-such-item", "j3").await.unwrap());
    let left = store.pending_items(10, &[]).await.unwrap();
    assert_eq!(left.len(), 3);
    assert!(left.iter().all(|q| q.item_id != queued[0].item_id));
}

async fn retry_puts_back_failed_items_only(backend: &Backend) {
    let store = backend.open().await;
    let batch = submit(&*store, "k1", urls(3, 1)).await;
    let ids = item_ids(&*store, "k1", &batch.uuid).await;
    for id in &ids {
        assert!(store.start_item(id, "job").await.unwrap());
    }
    store.finish_item(&ids[0], &completed(0)).await.unwrap();
    store.finish_item(&ids[1], &failed()).await.unwrap();
    store.finish_item(&ids[2], &failed()).await.unwrap();
    let before = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        before.status,
        BatchStatus::Completed,
        "failures still finish a batch"
    );
    assert_eq!((before.completed_count, before.failed_count), (1, 2));
    assert!(before.finished_at.is_some());
    assert!(!store.has_pending_items(&batch.uuid).await.unwrap());

    assert_eq!(
        store.retry_failed("k2", &batch.uuid, false).await.unwrap(),
        RetryOutcome::NotFound
    );
    assert_eq!(
        store.retry_failed("k1", &batch.uuid, true).await.unwrap(),
        RetryOutcome::Retried(2)
    );
    let after = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.status, BatchStatus::Running, "{}", backend.name);
    assert_eq!((after.completed_count, after.failed_count), (1, 0));
    assert_eq!(after.finished_at, None);
    assert_eq!(
        after.items[0], before.items[0],
        "completed items are never touched"
    );
    for item in &after.items[1..] {
        assert_eq!(item.status, ItemStatus::Pending);
        assert_eq!(
            (
                &item.error,
                &item.job_id,
                &item.started_at,
                &item.finished_at
            ),
            (&None, &None, &None, &None)
        );
    }
    let queued = store.pending_items(10, &[]).await.unwrap();
    assert_eq!(queued.len(), 2);
    assert!(
        queued.iter().all(|q| q.has_cookies),
        "retry sets has_cookies"
    );
    assert_eq!(
        store.retry_failed("k1", &batch.uuid, false).await.unwrap(),
        RetryOutcome::Retried(0)
    );
}

async fn cancel_keeps_running_items_and_refunds_the_rest(backend: &Backend) {
    let store = backend.open().await;
    let mut batch = new_batch("k1", urls(4, 2));
    batch.screenshot = true;
    batch.render_js = true;
    store.insert_batch(&batch).await.unwrap();
    let ids = item_ids(&*store, "k1", &batch.uuid).await;
    assert!(store.start_item(&ids[0], "job").await.unwrap());

    assert_eq!(
        store.cancel_batch("k2", &batch.uuid).await.unwrap(),
        CancelOutcome::NotFound
    );
    let per_item = credits::estimate_per_item(OutputFormat::Json, true, true);
    assert_eq!(
        store.cancel_batch("k1", &batch.uuid).await.unwrap(),
        CancelOutcome::Cancelled {
            items: 3,
            credits_refunded: 3 * per_item
        },
        "{}",
        backend.name
    );
    let detail = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.status, BatchStatus::Cancelled);
    assert_eq!(detail.items[0].status, ItemStatus::Running);
    assert!(
        detail.items[1..]
            .iter()
            .all(|i| i.status == ItemStatus::Cancelled && i.finished_at.is_some())
    );
    assert!(detail.finished_at.is_some());
    assert!(store.pending_items(10, &[]).await.unwrap().is_empty());
    assert!(!store.start_item(&ids[1], "late").await.unwrap());

    // The running item finishes normally; the batch stays cancelled.
    store.finish_item(&ids[0], &completed(0)).await.unwrap();
    let detail = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.status, BatchStatus::Cancelled);
    assert_eq!(detail.completed_count, 1);
    assert_eq!(detail.items[0].status, ItemStatus::Completed);
    assert_eq!(
        store.cancel_batch("k1", &batch.uuid).await.unwrap(),
        CancelOutcome::AlreadyFinished(BatchStatus::Cancelled)
    );
    assert_eq!(
        store.retry_failed("k1", &batch.uuid, false).await.unwrap(),
        RetryOutcome::Cancelled
    );

    // A finished batch cannot be cancelled.
    let done = submit(&*store, "k1", urls(1, 1)).await;
    let id = &item_ids(&*store, "k1", &done.uuid).await[0];
    assert!(store.start_item(id, "job").await.unwrap());
    store.finish_item(id, &failed()).await.unwrap();
    assert_eq!(
        store.cancel_batch("k1", &done.uuid).await.unwrap(),
        CancelOutcome::AlreadyFinished(BatchStatus::Completed)
    );
}

async fn keys_are_found_by_hash_and_revoked(backend: &Backend) {
    let store = backend.open().await;
    let key = "trawl_contract_key_0123456789";
    let record = store
        .create_key(&hash_key(key), &key_hint(key), "ci")
        .await
        .unwrap();
    assert_eq!(record.label, "ci");
    assert_eq!(record.revoked_at, None);
    assert_eq!(
        store.find_key(&hash_key(key)).await.unwrap(),
        KeyLookup::Active {
            id: record.id.clone()
        }
    );
    assert_eq!(
        store.find_key(key).await.unwrap(),
        KeyLookup::Unknown,
        "{}: only the hash is stored",
        backend.name
    );
    assert_eq!(
        store.find_key(&hash_key("another")).await.unwrap(),
        KeyLookup::Unknown
    );
    let second = store
        .create_key(&hash_key("k2"), "trawl_k2…", "second")
        .await
        .unwrap();
    let listed = store.list_keys().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&record) && listed.contains(&second));
    assert!(
        store
            .create_key(&hash_key(key), "dup", "dup")
            .await
            .is_err(),
        "hashes are unique"
    );

    assert!(store.revoke_key(&record.id).await.unwrap());
    assert!(
        !store.revoke_key(&record.id).await.unwrap(),
        "already revoked"
    );
    assert!(!store.revoke_key("no-such-id").await.unwrap());
    assert_eq!(
        store.find_key(&hash_key(key)).await.unwrap(),
        KeyLookup::Revoked
    );
    let listed = store.list_keys().await.unwrap();
    let revoked = listed.iter().find(|k| k.id == record.id).unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(
        store.find_key(&hash_key("k2")).await.unwrap(),
        KeyLookup::Active { id: second.id }
    );
}

/// Calls `requeue_interrupted` until it has requeued `expected` items in all (PostgreSQL frees a
/// dead session's lock a moment after its connection closes).
async fn requeue_until(store: &dyn Store, expected: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut total = 0;
    loop {
        total += store.requeue_interrupted().await.unwrap();
        if total >= expected || Instant::now() > deadline {
            return total;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn items_left_running_by_a_crash_are_queued_again(backend: &Backend) {
    let (batch, ids, before) = {
        let crashed = backend.open().await;
        let batch = submit(&*crashed, "k1", urls(3, 1)).await;
        let ids = item_ids(&*crashed, "k1", &batch.uuid).await;
        assert!(crashed.start_item(&ids[0], "job-0").await.unwrap());
        assert!(crashed.start_item(&ids[1], "job-1").await.unwrap());
        crashed.finish_item(&ids[0], &completed(0)).await.unwrap();
        let before = crashed
            .batch_detail("k1", &batch.uuid)
            .await
            .unwrap()
            .unwrap();
        (batch, ids, before)
        // The process "dies" here: its store is dropped with item 1 still running.
    };
    let restarted = backend.open().await;
    assert_eq!(requeue_until(&*restarted, 1).await, 1, "{}", backend.name);
    let after = restarted
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.items[0], before.items[0], "finished work is kept");
    let item = &after.items[1];
    assert_eq!(item.uuid, ids[1]);
    assert_eq!(item.status, ItemStatus::Pending);
    assert_eq!((&item.job_id, &item.started_at), (&None, &None));
    assert_eq!(after.status, BatchStatus::Running, "it had started before");
    assert_eq!(restarted.requeue_interrupted().await.unwrap(), 0);
    let queued: Vec<String> = restarted
        .pending_items(10, &[])
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.item_id)
        .collect();
    assert_eq!(queued, vec![ids[1].clone(), ids[2].clone()]);
}

async fn two_claimers_never_get_the_same_item(backend: &Backend) {
    let first = backend.open().await;
    let second = backend.open().await;
    let batch = submit(&*first, "k1", urls(60, 6)).await;
    let claim = |store: Arc<dyn Store>, name: &'static str| {
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let candidates = store.pending_items(8, &[]).await.unwrap();
                if candidates.is_empty() {
                    return mine;
                }
                for item in candidates {
                    if store.start_item(&item.item_id, name).await.unwrap() {
                        mine.push(item.item_id);
                    }
                }
            }
        })
    };
    let (a, b) = tokio::join!(
        claim(first.clone(), "first"),
        claim(second.clone(), "second")
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let a_set: HashSet<&String> = a.iter().collect();
    let b_set: HashSet<&String> = b.iter().collect();
    assert_eq!(a_set.len(), a.len());
    assert_eq!(b_set.len(), b.len());
    assert!(
        a_set.is_disjoint(&b_set),
        "{}: an item was claimed twice",
        backend.name
    );
    assert_eq!(a.len() + b.len(), 60, "every item was claimed once");
    let detail = first
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert!(detail.items.iter().all(|i| i.status == ItemStatus::Running));
    for item in &detail.items {
        let expected = if a_set.contains(&item.uuid) {
            "first"
        } else {
            "second"
        };
        assert_eq!(item.job_id.as_deref(), Some(expected));
    }
    assert_eq!(detail.status, BatchStatus::Running);
}

async fn counters_stay_exact_under_concurrent_finishes(backend: &Backend) {
    let stores = [backend.open().await, backend.open().await];
    let batch = submit(&*stores[0], "k1", urls(40, 4)).await;
    let ids = item_ids(&*stores[0], "k1", &batch.uuid).await;
    let mut tasks = Vec::new();
    for (n, id) in ids.into_iter().enumerate() {
        let store = stores[n % 2].clone();
        tasks.push(tokio::spawn(async move {
            assert!(store.start_item(&id, "job").await.unwrap());
            let outcome = if n % 4 == 0 {
                failed()
            } else {
                completed(n as u32)
            };
            store.finish_item(&id, &outcome).await.unwrap();
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let detail = stores[1]
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (detail.completed_count, detail.failed_count),
        (30, 10),
        "{}",
        backend.name
    );
    assert_eq!(detail.status, BatchStatus::Completed);
    assert!(detail.finished_at.is_some());
    let listed = stores[0].list_batches("k1", 1, 10, None).await.unwrap();
    assert_eq!(listed.jobs[0].completed_count, 30);
    assert_eq!(listed.jobs[0].status, BatchStatus::Completed);
}

async fn screenshots_are_found_by_token(backend: &Backend) {
    let store = backend.open().await;
    let batch = submit(&*store, "k1", urls(1, 1)).await;
    let id = &item_ids(&*store, "k1", &batch.uuid).await[0];
    assert!(store.start_item(id, "job").await.unwrap());
    let outcome = ItemOutcome::Completed {
        result: json!({"title": "Shot"}),
        credits_used: 3,
        screenshot_file: Some("abc.png".into()),
        note: Some("a note".into()),
    };
    store.finish_item(id, &outcome).await.unwrap();
    let detail = store
        .batch_detail("k1", &batch.uuid)
        .await
        .unwrap()
        .unwrap();
    let url = detail.items[0].screenshot_url.clone().unwrap();
    assert_eq!(detail.items[0].note.as_deref(), Some("a note"));
    let token = url
        .strip_prefix("/api/screenshots/")
        .and_then(|t| t.strip_suffix(".png"))
        .unwrap();
    assert_eq!(
        store.screenshot_file(token).await.unwrap().as_deref(),
        Some("abc.png")
    );
    assert_eq!(store.screenshot_file("nope").await.unwrap(), None);
}

// ---- PostgreSQL only -------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_disk_full_is_reported_as_such_and_stores_nothing() {
    let Some(url) = pg::fresh_database("postgres_disk_full").await else {
        return;
    };
    let store = PostgresStore::connect(&url).await.unwrap();
    // A trigger raising SQLSTATE 53100 (disk_full) exactly as PostgreSQL does when a write
    // cannot get space: the error travels the real protocol.
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
        .batch_execute(
            "CREATE FUNCTION no_space() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'
                USING ERRCODE = 'disk_full'; END $$;
             CREATE TRIGGER no_space BEFORE INSERT ON items
                FOR EACH STATEMENT EXECUTE FUNCTION no_space();",
        )
        .await
        .unwrap();
    let batch = new_batch("k1", urls(3, 1));
    match store.insert_batch(&batch).await {
        Err(StoreError::DiskFull) => {}
        other => panic!("expected DiskFull, got {other:?}"),
    }
    assert!(
        store
            .batch_detail("k1", &batch.uuid)
            .await
            .unwrap()
            .is_none(),
        "the batch row was rolled back with its items"
    );
    client
        .batch_execute("DROP TRIGGER no_space ON items")
        .await
        .unwrap();
    store.insert_batch(&batch).await.unwrap();
    assert!(store.owns_batch("k1", &batch.uuid).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_items_of_a_live_peer_are_not_requeued() {
    let Some(url) = pg::fresh_database("postgres_live_peer").await else {
        return;
    };
    let peer = PostgresStore::connect(&url).await.unwrap();
    let me = PostgresStore::connect(&url).await.unwrap();
    assert_ne!(peer.instance_key(), me.instance_key());
    let batch = submit(&peer, "k1", urls(2, 1)).await;
    let ids = item_ids(&peer, "k1", &batch.uuid).await;
    assert!(peer.start_item(&ids[0], "peer-job").await.unwrap());
    assert!(me.start_item(&ids[1], "my-job").await.unwrap());

    // Both servers are alive: a restart of a third one requeues nothing.
    let third = PostgresStore::connect(&url).await.unwrap();
    assert_eq!(third.requeue_interrupted().await.unwrap(), 0);
    assert_eq!(
        me.requeue_interrupted().await.unwrap(),
        0,
        "not even my own"
    );
    let detail = me.batch_detail("k1", &batch.uuid).await.unwrap().unwrap();
    assert!(detail.items.iter().all(|i| i.status == ItemStatus::Running));

    // The peer dies: only its item goes back.
    drop(peer);
    assert_eq!(requeue_until(&third, 1).await, 1);
    let detail = me.batch_detail("k1", &batch.uuid).await.unwrap().unwrap();
    assert_eq!(detail.items[0].status, ItemStatus::Pending);
    assert_eq!(detail.items[1].status, ItemStatus::Running);
    assert_eq!(detail.items[1].job_id.as_deref(), Some("my-job"));
    // My item still finishes normally.
    me.finish_item(&ids[1], &completed(1)).await.unwrap();
    let detail = me.batch_detail("k1", &batch.uuid).await.unwrap().unwrap();
    assert_eq!(detail.completed_count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_servers_starting_together_share_one_schema() {
    let Some(url) = pg::fresh_database("postgres_starting_together").await else {
        return;
    };
    let opened = futures_util::future::join_all((0..4).map(|_| PostgresStore::connect(&url))).await;
    for store in &opened {
        assert!(store.is_ok(), "{:?}", store.as_ref().err());
    }
    let store = opened.into_iter().next().unwrap().unwrap();
    submit(&store, "k1", urls(1, 1)).await;
    // Reconnecting to an existing database changes nothing.
    let again = PostgresStore::connect(&url).await.unwrap();
    assert_eq!(
        again
            .list_batches("k1", 1, 10, None)
            .await
            .unwrap()
            .jobs
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_start_up_errors_say_what_to_check() {
    let Some(cluster) = pg::cluster("postgres_start_up_errors") else {
        return;
    };
    let message = |result: Result<PostgresStore, StoreError>| match result {
        Err(StoreError::Database(message)) => message,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("connected where it should not"),
    };
    let bad = message(PostgresStore::connect("mysql://root@localhost/trawl").await);
    assert!(
        bad.contains("not valid") && bad.contains("postgres://USER"),
        "{bad}"
    );

    // Nothing listens on this port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = message(
        PostgresStore::connect(&format!("postgres://trawl:secret@127.0.0.1:{port}/trawl")).await,
    );
    assert!(
        unreachable.contains("cannot connect to PostgreSQL")
            && unreachable.contains(&format!("127.0.0.1:{port}"))
            && unreachable.contains("Check that the server is running"),
        "{unreachable}"
    );
    assert!(
        !unreachable.contains("secret"),
        "no password in messages: {unreachable}"
    );

    let missing = message(PostgresStore::connect(&cluster.url("no_such_database")).await);
    assert!(
        missing.contains("no_such_database") && missing.contains("does not exist"),
        "{missing}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_over_a_unix_socket() {
    let Some(url) = pg::fresh_database("postgres_over_a_unix_socket").await else {
        return;
    };
    let cluster = pg::cluster("postgres_over_a_unix_socket").unwrap();
    let database = url.rsplit('/').next().unwrap();
    let socket = cluster
        .root
        .join("socket")
        .display()
        .to_string()
        .replace('/', "%2F");
    let store = PostgresStore::connect(&format!(
        "postgres://trawl@{socket}:{}/{database}",
        cluster.port
    ))
    .await
    .unwrap();
    let batch = submit(&store, "k1", urls(2, 1)).await;
    assert!(store.owns_batch("k1", &batch.uuid).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_cookie_batches_stay_with_the_server_holding_the_cookies() {
    let Some(url) = pg::fresh_database("postgres_cookie_batches").await else {
        return;
    };
    let receiver = PostgresStore::connect(&url).await.unwrap();
    let other = PostgresStore::connect(&url).await.unwrap();
    let mut batch = new_batch("k1", urls(2, 1));
    batch.has_cookies = true;
    receiver.insert_batch(&batch).await.unwrap();
    let plain = submit(&receiver, "k1", urls(1, 1)).await;

    let theirs = other.pending_items(10, &[]).await.unwrap();
    assert_eq!(theirs.len(), 1, "only the batch without cookies");
    assert_eq!(theirs[0].batch_id, plain.uuid);
    let mine = receiver.pending_items(10, &[]).await.unwrap();
    assert_eq!(mine.len(), 3);

    // The receiver stops before running them: now any server takes them (and fails them with
    // the "retry with cookies" message, as the queue does after a restart).
    drop(receiver);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let taken = other.pending_items(10, &[]).await.unwrap();
        if taken.len() == 3 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the cookie batch stays blocked: {taken:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A retry with new cookies pins the batch to the server that got them.
    let ids = item_ids(&other, "k1", &batch.uuid).await;
    for id in &ids {
        assert!(other.start_item(id, "job").await.unwrap());
        other.finish_item(id, &failed()).await.unwrap();
    }
    assert_eq!(
        other.retry_failed("k1", &batch.uuid, true).await.unwrap(),
        RetryOutcome::Retried(2)
    );
    let third = PostgresStore::connect(&url).await.unwrap();
    assert_eq!(third.pending_items(10, &[]).await.unwrap().len(), 1);
    assert_eq!(other.pending_items(10, &[]).await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survivors_requeue_a_dead_servers_items_without_a_restart() {
    let Some(url) = pg::fresh_database("postgres_survivors_requeue").await else {
        return;
    };
    let survivor = PostgresStore::connect_with_sweep(&url, Duration::from_millis(100))
        .await
        .unwrap();
    let batch = {
        let dying = PostgresStore::connect(&url).await.unwrap();
        let batch = submit(&dying, "k1", urls(2, 1)).await;
        let ids = item_ids(&dying, "k1", &batch.uuid).await;
        assert!(dying.start_item(&ids[0], "dying-job").await.unwrap());
        assert!(survivor.start_item(&ids[1], "survivor-job").await.unwrap());
        batch
    };
    // Nobody calls requeue_interrupted: the survivor's sweep finds the dead server's item.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let detail = survivor
            .batch_detail("k1", &batch.uuid)
            .await
            .unwrap()
            .unwrap();
        if detail.items[0].status == ItemStatus::Pending {
            assert_eq!(
                detail.items[1].status,
                ItemStatus::Running,
                "its own item stays"
            );
            break;
        }
        assert!(Instant::now() < deadline, "never requeued: {detail:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
