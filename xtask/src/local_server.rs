//! A throw-away trawl-server on a free loopback port, for the e2e tests and the benchmarks.

use crate::process::{command, free_port, root, wait_for_health};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

/// A running server; stopped and its data folder removed when dropped.
pub struct LocalServer {
    child: Child,
    data: PathBuf,
    pub url: String,
    pub key: String,
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// Starts `binary` serving dist/ with private targets allowed (fixtures live on loopback).
pub fn start(binary: &Path) -> Result<LocalServer, String> {
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("trawl-local-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let key = format!("trawl_local{port}{}", std::process::id());
    let child = command(&binary.display().to_string())
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
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let server = LocalServer {
        child,
        data,
        url: format!("http://127.0.0.1:{port}"),
        key,
    };
    if !wait_for_health(port, Duration::from_secs(60)) {
        return Err("trawl-server did not become healthy within 60 s".to_string());
    }
    Ok(server)
}
