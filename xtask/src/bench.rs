//! `cargo xtask bench`: builds in release and runs the measured benchmarks; results are written
//! to bench-results/ (never asserted in tests: these machines are shared and noisy).

use crate::process::{command, root, run};

pub fn bench(args: &[String]) -> Result<(), String> {
    let out = root().join("bench-results");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create bench-results/: {e}"))?;
    run(command("cargo").args([
        "build",
        "--release",
        "-p",
        "trawl-server",
        "--bins",
        "--examples",
    ]))?;
    run(command(
        &root()
            .join("target/release/examples/server_bench")
            .display()
            .to_string(),
    )
    .arg("--server")
    .arg(root().join("target/release/trawl-server"))
    .arg("--out")
    .arg(&out)
    .args(args))?;
    println!("==> results in {}", out.display());
    Ok(())
}
