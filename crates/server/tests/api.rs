//! Every endpoint and every error code of the batch API, through the real router.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{KEY, fixture_site, trawl};
use serde_json::json;

#[tokio::test]
async fn health_answers_without_a_key() {
    let trawl = trawl().await;
    let (status, body) = trawl.call_with_key("GET", "/api/health", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn missing_key_is_401_and_wrong_key_is_403_with_the_fix() {
    let trawl = trawl().await;
    let (status, body) = trawl
        .call_with_key("GET", "/api/batch/scrape", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["status"], "error");
    assert!(
        body["message"].as_str().unwrap().contains("x-api-key"),
        "{body}"
    );
    let (status, body) = trawl
        .call_with_key("GET", "/api/batch/scrape", Some("trawl_wrong"), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["message"].as_str().unwrap().contains("not valid"),
        "{body}"
    );
}

#[tokio::test]
async fn a_revoked_key_is_refused() {
    let trawl = trawl().await;
    let keys = trawl.state.store.list_keys().await.unwrap();
    assert!(trawl.state.store.revoke_key(&keys[0].id).await.unwrap());
    let (status, _) = trawl.call("GET", "/api/batch/scrape", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn submit_answers_queued_with_batch_id_and_total() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let (status, body) = trawl
        .call(
            "POST",
            "/api/batch/scrape",
            Some(json!({
                "urls": [site.url("/product/1"), site.url("/product/2")],
                "prompt": "Extract the product name, price, and availability",
                "output": "json"
            })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "queued");
    assert_eq!(body["total"], 2);
    let batch_id = body["batchId"].as_str().unwrap();
    let batch = trawl.batch(batch_id).await;
    assert_eq!(batch["totalUrls"], 2);
    assert_eq!(batch["items"].as_array().unwrap().len(), 2);
    assert_eq!(batch["items"][0]["url"], site.url("/product/1"));
}

/// Bad input: status, the exact reason in the message, and nothing stored.
#[tokio::test]
async fn bad_submissions_say_which_input_is_wrong_and_create_nothing() {
    let trawl = trawl().await;
    let many: Vec<String> = (0..51).map(|i| format!("https://shop.test/{i}")).collect();
    let cases = [
        (
            json!({"urls": []}),
            StatusCode::BAD_REQUEST,
            "\"urls\" is empty",
        ),
        (
            json!({"prompt": "x"}),
            StatusCode::BAD_REQUEST,
            "needs \"urls\"",
        ),
        (
            json!({"urls": many}),
            StatusCode::BAD_REQUEST,
            "51 addresses",
        ),
        (
            json!({"urls": ["ftp://a.test/x"]}),
            StatusCode::BAD_REQUEST,
            "urls[0] \"ftp://a.test/x\"",
        ),
        (
            json!({"urls": ["https://ok.test", "not a url"]}),
            StatusCode::BAD_REQUEST,
            "urls[1]",
        ),
        (
            json!({"urls": ["https://ok.test"], "output": "pdf"}),
            StatusCode::BAD_REQUEST,
            "\"output\" must be",
        ),
        (
            json!({"urls": ["https://ok.test"], "schema": {"type": "object", "properties": {"price": {"type": "money"}}}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not a valid JSON Schema",
        ),
        (
            json!({"urls": ["https://ok.test"], "useProxy": true, "proxyCountry": "de"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no proxy configured for country \"de\"",
        ),
    ];
    for (body, expected_status, expected_text) in cases {
        let (status, answer) = trawl
            .call("POST", "/api/batch/scrape", Some(body.clone()))
            .await;
        assert_eq!(status, expected_status, "{body} → {answer}");
        assert_eq!(answer["status"], "error");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(expected_text), "{body} → {message}");
    }
    let (_, list) = trawl.call("GET", "/api/batch/scrape", None).await;
    assert_eq!(
        list["pagination"]["total"], 0,
        "nothing may be created: {list}"
    );
}

#[tokio::test]
async fn malformed_json_and_oversized_bodies_are_400() {
    let trawl = trawl().await;
    let request = Request::builder()
        .method("POST")
        .uri("/api/batch/scrape")
        .header("x-api-key", KEY)
        .header("content-type", "application/json")
        .body(Body::from("{\"urls\": [\"https://a.test\",]"))
        .unwrap();
    let (status, body) = trawl.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("not valid JSON"),
        "{body}"
    );

    let huge = json!({"urls": ["https://a.test"], "prompt": "x".repeat(2 * 1024 * 1024)});
    let (status, body) = trawl.call("POST", "/api/batch/scrape", Some(huge)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("larger than 1024 KB"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_batch_is_404_and_other_keys_cannot_see_a_batch() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let (status, body) = trawl
        .call("GET", "/api/batch/scrape/no-such-batch", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().contains("no-such-batch"));

    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/1")]}))
        .await;
    let other = "trawl_other_key_for_tests";
    trawl_server::server::ensure_key(&*trawl.state.store, other)
        .await
        .unwrap();
    let path = format!("/api/batch/scrape/{batch_id}");
    let (status, _) = trawl.call_with_key("GET", &path, Some(other), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = trawl
        .call_with_key("DELETE", &path, Some(other), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = trawl
        .call_with_key("POST", &format!("{path}/retry"), Some(other), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Cookies sent with someone else's retry are refused before they reach memory.
    let (status, _) = trawl
        .call_with_key(
            "POST",
            &format!("{path}/retry"),
            Some(other),
            Some(json!({"cookies": "session=not-yours"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(trawl.state.queue.cookies.get(&batch_id).is_none());
    let key_id = |key: &'static str| {
        let store = trawl.state.store.clone();
        async move {
            match store
                .find_key(&trawl_server::keys::hash_key(key))
                .await
                .unwrap()
            {
                trawl_server::store::KeyLookup::Active { id } => id,
                other => panic!("{other:?}"),
            }
        }
    };
    let (mine, theirs) = (key_id(KEY).await, key_id(other).await);
    let store = &trawl.state.store;
    assert!(store.owns_batch(&mine, &batch_id).await.unwrap());
    assert!(!store.owns_batch(&theirs, &batch_id).await.unwrap());
    assert!(!store.owns_batch(&mine, "no-such-batch").await.unwrap());
    let (_, list) = trawl
        .call_with_key("GET", "/api/batch/scrape", Some(other), None)
        .await;
    assert_eq!(list["jobs"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn list_is_most_recent_first_and_paginates_at_the_edges() {
    let trawl = trawl().await;
    // Unreachable hosts fail fast without touching the network beyond loopback.
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(
            trawl
                .submit(json!({"urls": [format!("http://127.0.0.1:9/{i}")], "output": "markdown"}))
                .await,
        );
    }
    let (status, page1) = trawl
        .call("GET", "/api/batch/scrape?page=1&limit=3", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page1["pagination"],
        json!({"page": 1, "limit": 3, "total": 7, "totalPages": 3})
    );
    let first: Vec<&str> = page1["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["uuid"].as_str().unwrap())
        .collect();
    assert_eq!(
        first,
        vec![ids[6].as_str(), ids[5].as_str(), ids[4].as_str()]
    );
    let job = &page1["jobs"][0];
    for field in [
        "uuid",
        "status",
        "totalUrls",
        "completedCount",
        "failedCount",
        "outputFormat",
        "scrapingChannel",
        "createdAt",
        "finishedAt",
    ] {
        assert!(job.get(field).is_some(), "job lacks {field}: {job}");
    }
    assert_eq!(job["outputFormat"], "markdown");
    assert_eq!(job["scrapingChannel"], "api");
    assert!(job.get("items").is_none(), "the list never includes items");

    let (_, last) = trawl
        .call("GET", "/api/batch/scrape?page=3&limit=3", None)
        .await;
    assert_eq!(last["jobs"].as_array().unwrap().len(), 1);
    assert_eq!(last["jobs"][0]["uuid"], ids[0].as_str());
    let (_, beyond) = trawl
        .call("GET", "/api/batch/scrape?page=4&limit=3", None)
        .await;
    assert_eq!(beyond["jobs"].as_array().unwrap().len(), 0);
    assert_eq!(beyond["pagination"]["totalPages"], 3);

    let (_, defaults) = trawl.call("GET", "/api/batch/scrape", None).await;
    assert_eq!(defaults["pagination"]["limit"], 20);
    let (_, capped) = trawl.call("GET", "/api/batch/scrape?limit=500", None).await;
    assert_eq!(capped["pagination"]["limit"], 50);
    let (status, body) = trawl.call("GET", "/api/batch/scrape?page=0", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().unwrap().contains("\"page\""));
    let (status, _) = trawl.call("GET", "/api/batch/scrape?limit=abc", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_list_can_be_filtered_by_status_and_counts_only_matches() {
    let site = fixture_site().await;
    let trawl = trawl().await;
    let mut completed = Vec::new();
    for i in 0..3 {
        let id = trawl
            .submit(json!({"urls": [format!("http://127.0.0.1:9/{i}")], "output": "markdown"}))
            .await;
        trawl.wait_until_finished(&id).await;
        completed.push(id);
    }
    let mut cancelled = Vec::new();
    for i in 0..2 {
        let id = trawl
            .submit(json!({"urls": [site.url(&format!("/slow/3000/{i}")), site.url(&format!("/slow/3000/{}", i + 10))]}))
            .await;
        let (status, _) = trawl
            .call("DELETE", &format!("/api/batch/scrape/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        cancelled.push(id);
    }
    let uuids = |list: &serde_json::Value| -> Vec<String> {
        list["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["uuid"].as_str().unwrap().to_string())
            .collect()
    };

    let (status, all) = trawl.call("GET", "/api/batch/scrape", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        all["pagination"]["total"], 5,
        "no filter: every batch, as before"
    );

    let (_, page1) = trawl
        .call(
            "GET",
            "/api/batch/scrape?page=1&limit=2&status=completed",
            None,
        )
        .await;
    assert_eq!(
        page1["pagination"],
        json!({"page": 1, "limit": 2, "total": 3, "totalPages": 2})
    );
    assert_eq!(
        uuids(&page1),
        vec![completed[2].clone(), completed[1].clone()]
    );
    let (_, page2) = trawl
        .call(
            "GET",
            "/api/batch/scrape?page=2&limit=2&status=completed",
            None,
        )
        .await;
    assert_eq!(uuids(&page2), vec![completed[0].clone()]);
    assert!(
        page2["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|j| j["status"] == "completed")
    );

    let (_, only_cancelled) = trawl
        .call("GET", "/api/batch/scrape?status=cancelled", None)
        .await;
    assert_eq!(only_cancelled["pagination"]["total"], 2);
    assert_eq!(
        uuids(&only_cancelled),
        vec![cancelled[1].clone(), cancelled[0].clone()]
    );

    let (status, none) = trawl
        .call("GET", "/api/batch/scrape?status=failed", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        none["pagination"],
        json!({"page": 1, "limit": 20, "total": 0, "totalPages": 0})
    );

    let (status, body) = trawl
        .call("GET", "/api/batch/scrape?status=done", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["status"], "error");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("\"done\""), "{message}");
    assert!(
        message.contains("pending, running, completed, failed, cancelled"),
        "names the allowed values: {message}"
    );
}

#[tokio::test]
async fn openapi_document_lists_every_endpoint() {
    let trawl = trawl().await;
    let (status, doc) = trawl
        .call_with_key("GET", "/api/openapi.json", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/batch/scrape",
        "/batch/scrape/{batchId}",
        "/batch/scrape/{batchId}/retry",
        "/health",
    ] {
        assert!(paths.contains_key(path), "missing {path}");
    }
    assert!(
        doc["paths"]["/batch/scrape/{batchId}"]
            .get("delete")
            .is_some()
    );
    // Trawl's additions are described too.
    let submit = &doc["components"]["schemas"]["SubmitRequest"]["properties"];
    assert_eq!(submit["renderJs"]["type"], "boolean");
    let list_parameters = doc["paths"]["/batch/scrape"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let status = list_parameters
        .iter()
        .find(|p| p["name"] == "status")
        .expect("the status filter");
    assert_eq!(
        status["schema"]["enum"],
        json!(["pending", "running", "completed", "failed", "cancelled"])
    );
}

#[tokio::test]
async fn unknown_api_paths_get_a_json_404() {
    let trawl = trawl().await;
    let (status, body) = trawl.call("GET", "/api/nope", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().contains("/api/nope"));
}

#[tokio::test]
async fn a_full_disk_gives_507_with_a_way_forward_and_keeps_earlier_batches() {
    let data = tempfile::tempdir().unwrap();
    let store = trawl_server::store::SqliteStore::open(data.path()).unwrap();
    let config = common::config(data.path(), true);
    let state = trawl_server::build_state(&config).await.unwrap();
    let trawl = common::Trawl {
        router: trawl_server::app(state.clone(), None),
        state,
        data_dir: data,
    };
    let first = trawl
        .submit(json!({"urls": ["http://127.0.0.1:9/first"]}))
        .await;

    // A second connection to the same file: cap it at its current size so the next insert fails.
    let pages: u32 = rusqlite_page_count(trawl.data_dir.path());
    drop(store);
    let capped = trawl_server::store::SqliteStore::open(trawl.data_dir.path()).unwrap();
    capped.cap_size_in_pages(pages).unwrap();
    let capped_state = trawl_server::AppState {
        store: std::sync::Arc::new(capped),
        ..trawl.state.clone()
    };
    let capped_router = trawl_server::app(capped_state, None);
    let urls: Vec<String> = (0..50)
        .map(|i| format!("https://shop.test/{i}/{}", "x".repeat(1500)))
        .collect();
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/batch/scrape")
        .header("x-api-key", KEY)
        .body(Body::from(json!({"urls": urls}).to_string()))
        .unwrap();
    let response = tower::ServiceExt::oneshot(capped_router, request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INSUFFICIENT_STORAGE);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("disk is full"),
        "{body}"
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Free some space"),
        "{body}"
    );

    let (_, list) = trawl.call("GET", "/api/batch/scrape", None).await;
    assert_eq!(
        list["pagination"]["total"], 1,
        "the half-written batch is not there: {list}"
    );
    assert_eq!(
        list["jobs"][0]["uuid"],
        first.as_str(),
        "earlier batches are kept"
    );
}

fn rusqlite_page_count(dir: &std::path::Path) -> u32 {
    let connection = rusqlite::Connection::open(dir.join("trawl.db")).unwrap();
    connection
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap()
}
