//! trawl-server on PostgreSQL, end to end: the API in-process, then several real server
//! processes sharing one database, one of them killed with -9 mid-batch.
//! Needs PostgreSQL's server binaries (see `pg/mod.rs`; TRAWL_SKIP_POSTGRES=1 skips).

mod common;
mod pg;

use common::binary::{RunningServer, api, start_server};
use common::{fixture_site, trawl_with};
use serde_json::{Value, json};
use std::process::Command;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_works_the_same_on_postgres() {
    let Some(url) = pg::fresh_database("the_api_works_the_same_on_postgres").await else {
        return;
    };
    let site = fixture_site().await;
    let trawl = trawl_with(|config| config.database_url = Some(url.clone())).await;
    let batch_id = trawl
        .submit(
            json!({"urls": [site.url("/product/3"), site.url("/status/404")], "output": "json"}),
        )
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(batch["status"], "completed", "{batch}");
    assert_eq!(batch["completedCount"], 1);
    assert_eq!(batch["failedCount"], 1);
    assert_eq!(batch["items"][0]["result"]["title"], "Widget 3");
    assert_eq!(batch["items"][1]["status"], "failed");

    let (status, list) = trawl
        .call(
            "GET",
            "/api/batch/scrape?page=1&limit=10&status=completed",
            None,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["jobs"][0]["uuid"], batch_id.as_str());
    assert_eq!(list["pagination"]["total"], 1);

    let (status, retried) = trawl
        .call("POST", &format!("/api/batch/scrape/{batch_id}/retry"), None)
        .await;
    assert_eq!(status, 200, "{retried}");
    assert_eq!(retried["retriedCount"], 1);
    let again = trawl.wait_until_finished(&batch_id).await;
    assert_eq!(
        again["items"][0], batch["items"][0],
        "completed items are kept"
    );

    // Nothing of the jobs went to the data folder: it holds no SQLite database.
    assert!(!trawl.data_dir.path().join("trawl.db").exists());
}

async fn batch(server: &RunningServer, batch_id: &str) -> Value {
    api(
        server,
        reqwest::Method::GET,
        &format!("/api/batch/scrape/{batch_id}"),
        None,
    )
    .await
}

fn job_ids(batch: &Value) -> Vec<Value> {
    batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["jobId"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_share_the_queue_and_survivors_finish_a_killed_servers_work() {
    let Some(url) = pg::fresh_database("servers_share_the_queue").await else {
        return;
    };
    let site = fixture_site().await;
    let (dir_a, dir_b, dir_c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let a = start_server(dir_a.path(), Some(&url)).await;
    let b = start_server(dir_b.path(), Some(&url)).await;
    let urls: Vec<String> = (0..12)
        .map(|n| site.url(&format!("/slow/400/{n}")))
        .collect();
    let submitted = api(
        &a,
        reqwest::Method::POST,
        "/api/batch/scrape",
        Some(json!({"urls": urls})),
    )
    .await;
    let batch_id = submitted["batchId"].as_str().unwrap().to_string();

    // Both servers take items (each runs at most 2 at once): 4 run together.
    let mut most_running = 0;
    let mut seen = batch(&b, &batch_id).await;
    for _ in 0..200 {
        seen = batch(&b, &batch_id).await;
        let running = seen["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["status"] == "running")
            .count();
        most_running = most_running.max(running);
        if running >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(
        most_running >= 3,
        "two servers with 2 slots each share the queue: {seen}"
    );

    // kill -9 one server mid-batch; the other keeps its own items running.
    let mut killed = a;
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    drop(killed);
    // Its sessions end with it, freeing its liveness lock (only B's is left).
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let mut locks = i64::MAX;
    for _ in 0..100 {
        locks = client
            .query_one(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if locks == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(locks, 1, "the killed server's liveness lock is freed");
    // A server started now (or the survivor's periodic sweep) puts the dead one's items back.
    let c = start_server(dir_c.path(), Some(&url)).await;
    let mut done = Value::Null;
    for _ in 0..600 {
        done = batch(&c, &batch_id).await;
        if done["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["completedCount"], 12, "{done}");
    assert_eq!(done["failedCount"], 0);
    for (n, item) in done["items"].as_array().unwrap().iter().enumerate() {
        assert_eq!(item["result"]["title"], format!("Widget {n}"));
    }
    let jobs = job_ids(&done);
    let distinct: std::collections::HashSet<String> = jobs
        .iter()
        .map(|j| j.as_str().unwrap().to_string())
        .collect();
    assert_eq!(distinct.len(), 12, "one job per item");
    // Same answer from every server.
    assert_eq!(batch(&b, &batch_id).await, done);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_commands_use_the_database_url() {
    let Some(url) = pg::fresh_database("keys_commands_use_the_database_url").await else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let keys = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_trawl-server"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("keys")
            .args(args)
            .args(["--database-url", &url])
            .env_remove("TRAWL_DATABASE_URL")
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let created = keys(&["create", "--label", "from-pg-test"]);
    assert!(created.contains("Created API key"), "{created}");
    let listed = keys(&["list"]);
    assert!(
        listed.contains("from-pg-test") && listed.contains("active"),
        "{listed}"
    );
    assert!(
        !data.path().join("trawl.db").exists(),
        "nothing went to SQLite"
    );
}
