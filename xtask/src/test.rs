//! `cargo xtask test`: every test suite, in the order a failure is cheapest to find.

use crate::disk;
use crate::local_server;
use crate::process::{command, root, run};
use crate::run::build_app;
use crate::tools;

pub fn test(args: &[String]) -> Result<(), String> {
    disk::warn_when_low(&root(), disk::NEEDED_FOR_TEST_GIB);
    tools::setup()?;
    tools::ensure_postgres()?;
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
/// `cargo test --workspace` has already built the binary (the server's integration tests run
/// it), with the same features; `cargo build -p` alone would rebuild everything.
fn end_to_end() -> Result<(), String> {
    let binary = root().join("target/debug/trawl-server");
    if !binary.exists() {
        run(command("cargo").args(["build", "--workspace", "--bins"]))?;
    }
    let server = local_server::start(&binary)?;
    run(command("node")
        .args(["--test", "--test-concurrency=1"])
        .current_dir(root().join("e2e"))
        .env("TRAWL_URL", &server.url)
        .env("TRAWL_API_KEY", &server.key)
        .env("TRAWL_DIST", root().join("dist"))
        .env("TRAWL_SERVER_BIN", &binary))
}
