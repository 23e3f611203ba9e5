//! kill -9 at any moment loses nothing: the real binary is killed mid-batch and restarted.

mod common;

use common::binary::{RunningServer, api, start_server};
use common::fixture_site;
use serde_json::{Value, json};
use std::time::Duration;

async fn wait_for(server: &RunningServer, batch_id: &str, done: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..600 {
        let batch = api(
            server,
            reqwest::Method::GET,
            &format!("/api/batch/scrape/{batch_id}"),
            None,
        )
        .await;
        if done(&batch) {
            return batch;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("batch {batch_id} never got there");
}

fn count(batch: &Value, status: &str) -> usize {
    batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == status)
        .count()
}

/// Starts a server on `data`, submits `body`, returns the server and the batch id.
async fn submit_to_new_server(data: &std::path::Path, body: Value) -> (RunningServer, String) {
    let server = start_server(data, None).await;
    let submitted = api(
        &server,
        reqwest::Method::POST,
        "/api/batch/scrape",
        Some(body),
    )
    .await;
    let batch_id = submitted["batchId"].as_str().unwrap().to_string();
    (server, batch_id)
}

/// SIGKILL: the process gets no chance to clean up.
fn kill_9(mut server: RunningServer) {
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}

#[tokio::test]
async fn kill_9_mid_batch_then_restart_finishes_every_item() {
    let site = fixture_site().await;
    let data = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (0..10)
        .map(|n| site.url(&format!("/slow/500/{n}")))
        .collect();

    let (first, batch_id) =
        submit_to_new_server(data.path(), json!({"urls": urls, "output": "json"})).await;
    let before = wait_for(&first, &batch_id, |b| {
        count(b, "completed") >= 2 && count(b, "running") >= 1
    })
    .await;
    kill_9(first);

    let second = start_server(data.path(), None).await;
    let after = wait_for(&second, &batch_id, |b| b["status"] == "completed").await;
    assert_eq!(after["completedCount"], 10, "{after}");
    assert_eq!(after["failedCount"], 0);
    for (n, item) in after["items"].as_array().unwrap().iter().enumerate() {
        assert_eq!(item["result"]["title"], format!("Widget {n}"));
    }
    for (old, new) in before["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(after["items"].as_array().unwrap())
    {
        if old["status"] == "completed" {
            assert_eq!(old, new, "work finished before the crash is kept as it was");
        }
    }
}

#[tokio::test]
async fn cookie_items_interrupted_by_a_crash_fail_with_a_way_forward() {
    let site = fixture_site().await;
    let data = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (0..6)
        .map(|n| site.url(&format!("/slow/400/{n}")))
        .collect();
    let (first, batch_id) =
        submit_to_new_server(data.path(), json!({"urls": urls, "cookies": "session=abc"})).await;
    wait_for(&first, &batch_id, |b| count(b, "running") >= 1).await;
    kill_9(first);

    let second = start_server(data.path(), None).await;
    let after = wait_for(&second, &batch_id, |b| b["status"] == "completed").await;
    let failed: Vec<&Value> = after["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "failed")
        .collect();
    assert!(!failed.is_empty(), "{after}");
    for item in failed {
        let error = item["error"].as_str().unwrap();
        assert!(error.contains("cookies are never stored"), "{error}");
        assert!(
            error.contains("Retry the batch and send the cookies again"),
            "{error}"
        );
    }
    let retried = api(
        &second,
        reqwest::Method::POST,
        &format!("/api/batch/scrape/{batch_id}/retry"),
        Some(json!({"cookies": "session=abc"})),
    )
    .await;
    assert!(retried["retriedCount"].as_u64().unwrap() >= 1);
    let done = wait_for(&second, &batch_id, |b| b["status"] == "completed").await;
    assert_eq!(done["completedCount"], 6, "{done}");
}
