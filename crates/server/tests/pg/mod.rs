//! A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 and a free port, in a temporary
//! folder; one per test binary, one fresh database per test. It stops (and its folder is
//! removed) when the test binary exits: a small shell watchdog waits for its stdin to close.
//!
//! PostgreSQL's server binaries are required: without them the tests fail and say what to
//! install, unless TRAWL_SKIP_POSTGRES=1 (then they print that they were skipped).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub const SKIP_VAR: &str = "TRAWL_SKIP_POSTGRES";

pub struct Cluster {
    pub port: u16,
    pub root: PathBuf,
    _watchdog: Mutex<Child>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static NEXT_DATABASE: AtomicU32 = AtomicU32::new(0);

/// The shared cluster, started on first use. `None` (after printing why) when
/// TRAWL_SKIP_POSTGRES=1; panics with what to install when PostgreSQL is missing.
pub fn cluster(test: &str) -> Option<&'static Cluster> {
    if std::env::var(SKIP_VAR).is_ok_and(|v| v.trim() == "1") {
        eprintln!("{test}: skipped, {SKIP_VAR}=1 (the PostgreSQL store is not tested)");
        return None;
    }
    match CLUSTER.get_or_init(start) {
        Ok(cluster) => Some(cluster),
        Err(message) => panic!("{message}"),
    }
}

/// A fresh, empty database on the shared cluster: its URL. `None` when skipped.
pub async fn fresh_database(test: &str) -> Option<String> {
    let cluster = cluster(test)?;
    let name = format!(
        "trawl_test_{}",
        NEXT_DATABASE.fetch_add(1, Ordering::SeqCst)
    );
    let (client, connection) =
        tokio_postgres::connect(&cluster.url("postgres"), tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
    let task = tokio::spawn(connection);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    drop(client);
    let _ = task.await;
    Some(cluster.url(&name))
}

impl Cluster {
    pub fn url(&self, database: &str) -> String {
        format!("postgres://trawl@127.0.0.1:{}/{database}", self.port)
    }
}

const INSTALL_HINT: &str = "Install PostgreSQL's server (Debian/Ubuntu: apt-get install postgresql; `cargo xtask test` \
     does it), or point TRAWL_PG_BIN at the folder holding initdb and postgres, or set \
     TRAWL_SKIP_POSTGRES=1 to skip the PostgreSQL tests.";

fn has_server(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("postgres").is_file()
}

/// TRAWL_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else `pg_config --bindir`, else PATH.
fn bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("TRAWL_PG_BIN") {
        let dir = PathBuf::from(dir);
        return if has_server(&dir) {
            Ok(dir)
        } else {
            Err(format!(
                "TRAWL_PG_BIN={} has no initdb and postgres. {INSTALL_HINT}",
                dir.display()
            ))
        };
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_server(dir))
        .collect();
    versions.sort();
    if let Some((_, dir)) = versions.pop() {
        return Ok(dir);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_server(&dir) {
            return Ok(dir);
        }
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        if has_server(&dir) {
            return Ok(dir);
        }
    }
    Err(format!(
        "PostgreSQL's server binaries (initdb, postgres) were not found in /usr/lib/postgresql/*/bin, \
         pg_config --bindir or PATH, so the PostgreSQL store cannot be tested. {INSTALL_HINT}"
    ))
}

/// initdb and postgres refuse to run as root: then they run as the `postgres` user.
fn run_as() -> Result<Option<(u32, u32)>, String> {
    // SAFETY: geteuid has no preconditions; getpwnam's result is read before any other call.
    unsafe {
        if libc::geteuid() != 0 {
            return Ok(None);
        }
        let entry = libc::getpwnam(c"postgres".as_ptr());
        if entry.is_null() {
            return Err(format!(
                "The tests run as root, and PostgreSQL refuses to run as root, but there is no \
                 `postgres` user to run it as. {INSTALL_HINT} (the package creates that user)"
            ));
        }
        Ok(Some(((*entry).pw_uid, (*entry).pw_gid)))
    }
}

fn command(run_as: Option<(u32, u32)>, program: &Path) -> Command {
    match run_as {
        Some(_) => {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        }
        None => Command::new(program),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn start() -> Result<Cluster, String> {
    let bin = bin_dir()?;
    let owner = run_as()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let root = std::env::temp_dir().join(format!("trawl-pg-{}-{nanos}", std::process::id()));
    let data = root.join("data");
    let socket = root.join("socket");
    for dir in [&root, &socket] {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(dir, Some(uid), Some(gid))
                .map_err(|e| format!("cannot hand {} to postgres: {e}", dir.display()))?;
        }
    }
    let init = command(owner, &bin.join("initdb"))
        .args([
            "-U",
            "trawl",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "-D",
        ])
        .arg(&data)
        .output()
        .map_err(|e| format!("cannot run initdb: {e}. {INSTALL_HINT}"))?;
    if !init.status.success() {
        return Err(format!(
            "initdb failed: {}{}",
            String::from_utf8_lossy(&init.stdout),
            String::from_utf8_lossy(&init.stderr)
        ));
    }
    let port = free_port();
    // The watchdog starts postgres, waits until its stdin closes (this process has exited,
    // whatever the way), then stops postgres and removes the folder.
    let script = r#"
"$@" >"$TRAWL_PG_ROOT/postgres.log" 2>&1 &
pid=$!
cat >/dev/null
# Fast shutdown, sent to postgres itself: runuser does not pass SIGINT on.
kill -INT "$(head -n 1 "$TRAWL_PG_ROOT/data/postmaster.pid" 2>/dev/null)" 2>/dev/null || kill -TERM "$pid"
wait "$pid"
rm -rf "$TRAWL_PG_ROOT"
"#;
    let server = command(owner, &bin.join("postgres"));
    let mut args: Vec<std::ffi::OsString> = vec![server.get_program().into()];
    args.extend(server.get_args().map(Into::into));
    let port_text = port.to_string();
    let socket_text = socket.display().to_string();
    let data_text = data.display().to_string();
    args.extend(
        [
            "-D",
            &data_text,
            "-p",
            &port_text,
            "-k",
            &socket_text,
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "max_connections=300",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ]
        .map(Into::into),
    );
    let watchdog = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(&args)
        .env("TRAWL_PG_ROOT", &root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start postgres: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = Command::new(bin.join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port_text, "-U", "trawl"])
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            break;
        }
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(root.join("postgres.log")).unwrap_or_default();
            return Err(format!(
                "the test PostgreSQL did not start within 30 s on port {port}. Its log:\n{log}"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(Cluster {
        port,
        root,
        _watchdog: Mutex::new(watchdog),
    })
}
