//! Extraction through an OpenAI-compatible model, against a stub model served on loopback.

mod common;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use common::{all_file_bytes, contains, fixture_site, trawl_with};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use trawl_server::scrape::model::ModelSettings;

const MODEL_KEY: &str = "sk-model-secret-4711";

#[derive(Default)]
struct Stub {
    answer: Mutex<String>,
    requests: Mutex<Vec<(Option<String>, Value)>>,
}

/// Serves `POST /v1/chat/completions` answering `answer` as the message content.
async fn stub_model(answer: &str) -> (String, Arc<Stub>) {
    let stub = Arc::new(Stub {
        answer: Mutex::new(answer.to_string()),
        ..Default::default()
    });
    let router = axum::Router::new()
        .route(
            "/v1/chat/completions",
            post(|State(stub): State<Arc<Stub>>, headers: HeaderMap, Json(body): Json<Value>| async move {
                let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
                stub.requests.lock().unwrap().push((auth, body));
                let content = stub.answer.lock().unwrap().clone();
                Json(json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}))
            }),
        )
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (format!("http://{addr}/v1"), stub)
}

fn schema() -> Value {
    json!({"type": "object", "required": ["name", "price"], "properties": {
        "name": {"type": "string"}, "price": {"type": "number"}, "color": {"type": ["string", "null"]}}})
}

#[tokio::test]
async fn the_models_answer_becomes_the_result_when_it_matches_the_schema() {
    let site = fixture_site().await;
    let (base_url, stub) =
        stub_model("```json\n{\"name\": \"Widget 8\", \"price\": 8.99, \"color\": \"blue\"}\n```")
            .await;
    let trawl = trawl_with(|c| {
        c.model = Some(ModelSettings {
            base_url,
            model: "tiny-model".into(),
            api_key: Some(MODEL_KEY.into()),
        });
    })
    .await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/8")], "prompt": "Get name, price and color", "schema": schema()}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(
        item["result"],
        json!({"name": "Widget 8", "price": 8.99, "color": "blue"}),
        "{batch}"
    );
    assert!(item.get("note").is_none(), "{item}");
    assert_eq!(item["creditsUsed"], 3, "fetch + extraction + model call");

    let requests = stub.requests.lock().unwrap();
    let (auth, body) = &requests[0];
    assert_eq!(
        auth.as_deref(),
        Some(format!("Bearer {MODEL_KEY}").as_str())
    );
    assert_eq!(body["model"], "tiny-model");
    let user = body["messages"][1]["content"].as_str().unwrap();
    assert!(user.starts_with("Get name, price and color"), "{user}");
    assert!(
        user.contains("# Widget 8"),
        "the page's markdown is sent: {user}"
    );
    assert!(
        body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("\"price\"")
    );
    drop(requests);
    assert!(
        !contains(&all_file_bytes(trawl.data_dir.path()), MODEL_KEY),
        "the model key is never stored"
    );
}

#[tokio::test]
async fn an_answer_that_breaks_the_schema_falls_back_with_a_note() {
    let site = fixture_site().await;
    let (base_url, _stub) = stub_model("{\"name\": \"Widget\", \"price\": \"cheap\"}").await;
    let trawl = trawl_with(|c| {
        c.model = Some(ModelSettings {
            base_url,
            model: "tiny-model".into(),
            api_key: None,
        });
    })
    .await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/8")], "schema": schema()}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed");
    assert_eq!(
        item["result"]["price"], 8.99,
        "the built-in extractor's price: {item}"
    );
    assert_eq!(item["result"]["name"], "Widget 8");
    let note = item["note"].as_str().unwrap();
    assert!(note.contains("did not match the schema"), "{note}");
    assert!(note.contains("built-in extractor"), "{note}");
}

#[tokio::test]
async fn a_dead_model_endpoint_still_gives_a_result() {
    let site = fixture_site().await;
    let trawl = trawl_with(|c| {
        c.model = Some(ModelSettings {
            base_url: "http://127.0.0.1:9/v1".into(),
            model: "m".into(),
            api_key: None,
        });
    })
    .await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/product/2")], "prompt": "price"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["result"]["price"], 2.99, "{item}");
    assert!(
        item["note"]
            .as_str()
            .unwrap()
            .contains("could not be reached"),
        "{item}"
    );
}
