//! `cargo xtask bench`: builds in release and runs the measured benchmarks; results are written
//! to bench-results/ (never asserted in tests: these machines are shared and noisy).
//!
//! - server.json: pages/minute, status latency under load, peak RSS (crates/server/examples/server_bench.rs)
//! - quality.json / quality.md: extraction quality on the fixture corpus (crates/extract/examples/quality.rs)
//! - web.json: first-load transfer size (next to a minimal Leptos app built the same way,
//!   xtask/size-baseline), time to history, 1,000-row table vs. plain JS (e2e/bench/web.mjs)

use crate::local_server;
use crate::process::{command, root, run};
use crate::run::build_app;
use crate::tools;

pub fn bench(args: &[String]) -> Result<(), String> {
    tools::setup()?;
    let out = root().join("bench-results");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create bench-results/: {e}"))?;
    // The binary exactly as `cargo xtask run` builds it (same features, so neither rebuilds the
    // other's dependencies), then the benchmark driver on its own: examples pull in
    // dev-dependencies, which would change the binary's feature set if built together.
    run(command("cargo").args(["build", "--release", "-p", "trawl-server"]))?;
    run(command("cargo").args([
        "build",
        "--release",
        "-p",
        "trawl-server",
        "--example",
        "server_bench",
    ]))?;
    let server = root().join("target/release/trawl-server");
    run(command(
        &root()
            .join("target/release/examples/server_bench")
            .display()
            .to_string(),
    )
    .arg("--server")
    .arg(&server)
    .arg("--out")
    .arg(&out)
    .args(args))?;
    run(command("cargo")
        .args([
            "run",
            "--release",
            "-p",
            "trawl-extract",
            "--example",
            "quality",
            "--",
            "--out",
        ])
        .arg(&out))?;
    build_app()?;
    // The framework's own weight, built the same way, so the app's size has a same-run baseline.
    let baseline_dist = root().join("target/size-baseline-dist");
    run(command("trunk")
        .args([
            "build",
            "xtask/size-baseline/index.html",
            "--release",
            "--dist",
        ])
        .arg(&baseline_dist))?;
    let local = local_server::start(&server)?;
    run(command("node")
        .arg(root().join("e2e/bench/web.mjs"))
        .env("TRAWL_URL", &local.url)
        .env("TRAWL_API_KEY", &local.key)
        .env("TRAWL_DIST", root().join("dist"))
        .env("TRAWL_BASELINE_DIST", &baseline_dist)
        .env("BENCH_OUT", &out))?;
    println!("==> results in {}", out.display());
    Ok(())
}
