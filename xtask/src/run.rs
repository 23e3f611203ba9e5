//! `cargo xtask run` and `cargo xtask keys`: the product on http://127.0.0.1:8787.

use crate::process::{command, root, run as run_command};
use crate::tools;
use std::path::PathBuf;

const LISTEN: &str = "127.0.0.1:8787";

/// Builds the web app (release, wasm-opt 132) into dist/.
pub fn build_app() -> Result<(), String> {
    run_command(command("trunk").args(["build", "--release"]))?;
    let count = crate::compress::precompress(&root().join("dist"))?;
    println!("xtask: wrote Brotli and gzip copies of {count} files in dist/");
    Ok(())
}

fn data_dir() -> PathBuf {
    root().join("data")
}

/// The local key: made on the first run and kept in data/api-key.txt (readable by you only),
/// so that every later run prints the same key. The database stores only its hash.
fn local_api_key() -> Result<String, String> {
    let file = data_dir().join("api-key.txt");
    if let Ok(text) = std::fs::read_to_string(&file)
        && !text.trim().is_empty()
    {
        return Ok(text.trim().to_string());
    }
    std::fs::create_dir_all(data_dir()).map_err(|e| format!("cannot create data/: {e}"))?;
    let mut bytes = [0u8; 20];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("no randomness for a key: {e}"))?;
    let key: String = std::iter::once("trawl_".to_string())
        .chain(bytes.iter().map(|b| format!("{b:02x}")))
        .collect();
    std::fs::write(&file, format!("{key}\n"))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
    }
    Ok(key)
}

pub fn run(args: &[String]) -> Result<(), String> {
    crate::disk::warn_when_low(&root(), crate::disk::NEEDED_FOR_RUN_GIB);
    tools::setup()?;
    build_app()?;
    run_command(command("cargo").args(["build", "--release", "-p", "trawl-server"]))?;
    let key = local_api_key()?;
    let server = root().join("target/release/trawl-server");
    println!();
    println!("  Trawl:    http://{LISTEN}/");
    println!("  API key:  {key}");
    println!("  Data:     {}", data_dir().display());
    println!("  (paste the key in the app's Settings; Ctrl-C stops the server)");
    println!();
    run_command(
        command(&server.display().to_string())
            .args(["--listen", LISTEN, "--data-dir"])
            .arg(data_dir())
            .arg("--static-dir")
            .arg(root().join("dist"))
            .args(args)
            .env("TRAWL_API_KEY", &key),
    )
}

pub fn keys(args: &[String]) -> Result<(), String> {
    run_command(
        command("cargo")
            .args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "trawl-server",
                "--",
                "--data-dir",
            ])
            .arg(data_dir())
            .arg("keys")
            .args(args),
    )
}
