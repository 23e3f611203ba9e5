//! `cargo xtask test`: every test suite, in the order a failure is cheapest to find.

use crate::process::{command, free_port, root, run, wait_for_health};
use crate::run::build_app;
use crate::tools;
use std::process::{Child, Stdio};
use std::time::Duration;

/// Stops the server when the e2e run ends, whatever happens.
struct ServerGuard(Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn test(args: &[String]) -> Result<(), String> {
    tools::setup()?;
    build_app()?;
    run(command("cargo").args(["test", "--workspace"]).args(args))?;
    run(command("cargo")
        .args([
            "test",
            "-p",
            "trawl",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "*",
        ])
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180"))?;
    end_to_end()
}

/// Playwright journeys against the real server (debug build) serving the built dist/.
fn end_to_end() -> Result<(), String> {
    run(command("cargo").args(["build", "-p", "trawl-server"]))?;
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("trawl-e2e-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let key = format!("trawl_e2e{port}{}", std::process::id());
    let server = command(
        &root()
            .join("target/debug/trawl-server")
            .display()
            .to_string(),
    )
    .args([
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--allow-private-targets",
        "--data-dir",
    ])
    .arg(&data)
    .arg("--static-dir")
    .arg(root().join("dist"))
    .env("TRAWL_API_KEY", &key)
    .env("RUST_LOG", "warn")
    .stdout(Stdio::null())
    .spawn()
    .map_err(|e| format!("could not start trawl-server: {e}"))?;
    let _guard = ServerGuard(server);
    if !wait_for_health(port, Duration::from_secs(60)) {
        return Err("trawl-server did not become healthy within 60 s".to_string());
    }
    let result = run(command("node")
        .args(["--test", "--test-concurrency=1"])
        .current_dir(root().join("e2e"))
        .env("TRAWL_URL", format!("http://127.0.0.1:{port}"))
        .env("TRAWL_API_KEY", &key)
        .env("TRAWL_DIST", root().join("dist"))
        .env("TRAWL_SERVER_BIN", root().join("target/debug/trawl-server")));
    let _ = std::fs::remove_dir_all(&data);
    result
}
