//! Installs what the build and the tests need, skipping whatever is already there at the
//! right version (a fresh machine needs ~15 minutes; a prepared one a few seconds).

use crate::process::{command, output, root, run};
use std::path::Path;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

pub fn setup() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["install", "trunk@0.21.14", "--locked"],
    )?;
    // Not --locked: one of its locked dependencies is missing from the registry snapshot here.
    ensure_cargo_tool(
        "wasm-bindgen",
        WASM_BINDGEN_VERSION,
        &["install", "wasm-bindgen-cli@0.2.130"],
    )?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    println!("==> all tools present");
    Ok(())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_cargo_tool(binary: &str, version: &str, install: &[&str]) -> Result<(), String> {
    let current = output(binary, &["--version"]).unwrap_or_default();
    if current
        .split_whitespace()
        .any(|word| word.trim_start_matches('v') == version)
    {
        return Ok(());
    }
    println!("==> installing {binary} {version} (takes a few minutes the first time)");
    run(command("cargo").args(install))
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|id| id.trim() == "0")
}

fn apt_get(args: &[&str]) -> Result<(), String> {
    let mut full: Vec<&str> = Vec::new();
    let program = if is_root() {
        "apt-get"
    } else {
        full.push("apt-get");
        "sudo"
    };
    full.extend_from_slice(args);
    let mut cmd = command(program);
    cmd.args(&full).env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut cmd)
}

fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    println!(
        "==> installing Debian's chromium and chromium-driver (screenshots and browser tests)"
    );
    apt_get(&["update"])?;
    let install = [
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
    ];
    // dpkg sometimes fails once with "cannot access archive"; the same command then succeeds.
    apt_get(&install)
        .or_else(|_| apt_get(&install))
        .map_err(|e| format!("{e}\nInstall them by hand: apt-get install chromium chromium-driver"))
}

/// PostgreSQL for the tests of the PostgreSQL store (`cargo xtask test` only: the product runs
/// on its embedded SQLite store and needs none). The tests start their own throwaway cluster.
pub fn ensure_postgres() -> Result<(), String> {
    let installed = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .any(|version| version.path().join("bin/initdb").exists());
    if installed {
        return Ok(());
    }
    println!("==> installing Debian's postgresql (tests of the PostgreSQL store)");
    apt_get(&["update"])?;
    let install = ["install", "-y", "--no-install-recommends", "postgresql"];
    apt_get(&install)
        .or_else(|_| apt_get(&install))
        .map_err(|e| format!("{e}\nInstall it by hand: apt-get install postgresql"))
}

fn ensure_npm_packages() -> Result<(), String> {
    let e2e = root().join("e2e");
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules/.package-lock.json");
    let up_to_date = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(lock), Ok(installed)) => match (lock.modified(), installed.modified()) {
            (Ok(l), Ok(i)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if up_to_date && e2e.join("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&e2e))
}
