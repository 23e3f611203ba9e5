//! The real trawl-server binary as a child process, for tests that kill it (-9) or run
//! several of them on one database.

use super::KEY;
use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A started server; killed when dropped.
pub struct RunningServer {
    pub child: Child,
    pub base: String,
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the binary on a free loopback port with `data_dir` (and, when given, PostgreSQL at
/// `database_url`), two pages at once, and waits until `/api/health` answers.
pub async fn start_server(data_dir: &std::path::Path, database_url: Option<&str>) -> RunningServer {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_trawl-server"));
    command
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--allow-private-targets",
        ])
        .args(["--max-concurrency", "2", "--per-host", "2", "--data-dir"])
        .arg(data_dir)
        .env("TRAWL_API_KEY", KEY)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null());
    if let Some(url) = database_url {
        command.env("TRAWL_DATABASE_URL", url);
    }
    let child = command.spawn().expect("the trawl-server binary starts");
    let server = RunningServer {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(response) = client
            .get(format!("{}/api/health", server.base))
            .send()
            .await
            && response.status() == 200
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("trawl-server did not become healthy");
}

/// One API call with the test key; the answer's JSON.
pub async fn api(
    server: &RunningServer,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base))
        .header("x-api-key", KEY);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let bytes = request.send().await.unwrap().bytes().await.unwrap();
    serde_json::from_slice(&bytes).unwrap()
}
