//! `trawl-server`: run the service, or manage API keys.

use clap::{Parser, Subcommand};

/// mimalloc keeps memory it has used for the next page: parsing a large page builds a tree of
/// tens of megabytes, which the system allocator returns to the kernel and faults back in for
/// every page (a third of the parse time on a 5 MB page; see docs/decisions.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use trawl_server::keys::{generate_key, hash_key, key_hint};
use trawl_server::server::{ServerConfig, open_store, serve};

#[derive(Parser)]
#[command(
    name = "trawl-server",
    version,
    about = "Trawl batch scraping service (Spidra-compatible API) and web app server"
)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Folder for the database and screenshots (created if missing).
    #[arg(long, default_value = "data", global = true)]
    data_dir: PathBuf,
    /// Keep keys, batches and items in PostgreSQL instead of the SQLite file in --data-dir, e.g.
    /// postgres://trawl@127.0.0.1:5432/trawl (several servers can then share one queue). No TLS:
    /// use a unix socket, loopback or a TLS-terminating proxy.
    #[arg(
        long,
        env = "TRAWL_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    database_url: Option<String>,
    /// Folder with the built web app (dist/) to serve at /.
    #[arg(long)]
    static_dir: Option<PathBuf>,
    /// Allow scraping loopback, private and link-local addresses (off by default: SSRF guard).
    #[arg(long)]
    allow_private_targets: bool,
    /// Items processed at once across all sites.
    #[arg(long, default_value_t = 8)]
    max_concurrency: usize,
    /// Items processed at once per site (host name).
    #[arg(long, default_value_t = 2)]
    per_host: usize,
    /// Seconds a page may take to answer.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    /// Largest page read, in megabytes (longer pages are cut there).
    #[arg(long, default_value_t = 10)]
    max_page_mb: usize,
    /// Chromium binary used for screenshots and pages that need JavaScript.
    #[arg(long, default_value = trawl_server::browser::DEFAULT_CHROMIUM)]
    chromium: PathBuf,
    /// Browser pages rendered at once (each is a Chromium process).
    #[arg(long, default_value_t = 2)]
    browser_pages: usize,
    /// OpenAI-compatible endpoint for language-model extraction, e.g. http://127.0.0.1:11434/v1
    /// (Ollama). Its key, if any, comes from the TRAWL_MODEL_KEY environment variable.
    #[arg(long)]
    model_url: Option<String>,
    /// The model name at --model-url.
    #[arg(long, default_value = "gpt-4o-mini")]
    model: String,
    /// A proxy for one country, as COUNTRY=URL (e.g. de=socks5://10.0.0.5:1080, or *=URL for any).
    /// Repeatable. Proxies with a password are better given in TRAWL_PROXIES (space-separated
    /// COUNTRY=URL entries), where other users of the machine cannot see them in `ps`.
    #[arg(
        long = "proxy",
        value_name = "COUNTRY=URL",
        env = "TRAWL_PROXIES",
        hide_env_values = true
    )]
    proxies: Vec<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List, create or revoke API keys.
    Keys {
        #[command(subcommand)]
        action: KeyAction,
    },
}

#[derive(Subcommand)]
enum KeyAction {
    /// Show every key (id, start of the key, label, dates). Keys themselves are never stored.
    List,
    /// Create a key and print it once.
    Create {
        /// A name to recognise the key by.
        #[arg(long, default_value = "created from the command line")]
        label: String,
    },
    /// Revoke a key by its id (see `keys list`).
    Revoke { id: String },
}

/// COUNTRY=URL entries, from repeated `--proxy` options or space-separated in TRAWL_PROXIES.
fn parse_proxies(specs: &[String]) -> Result<HashMap<String, String>, String> {
    specs
        .iter()
        .flat_map(|spec| spec.split_whitespace())
        .map(|spec| {
            // Not the entry itself in the message: it may hold a password.
            let how = "write each proxy as COUNTRY=URL with a two-letter country code or *, \
                       e.g. de=http://10.0.0.5:3128";
            let (country, url) = spec
                .split_once('=')
                .filter(|(country, _)| {
                    *country == "*"
                        || country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic())
                })
                .ok_or_else(|| format!("A proxy entry is not COUNTRY=URL: {how}"))?;
            Ok((country.to_ascii_lowercase(), url.to_string()))
        })
        .collect()
}

async fn run_keys(
    data_dir: PathBuf,
    database_url: Option<String>,
    action: KeyAction,
) -> Result<(), String> {
    let store = open_store(&data_dir, database_url.as_deref()).await?;
    match action {
        KeyAction::List => {
            let keys = store.list_keys().await.map_err(|e| e.to_string())?;
            if keys.is_empty() {
                println!("No API keys yet. Create one with: trawl-server keys create");
            }
            for key in keys {
                let state = match &key.revoked_at {
                    Some(at) => format!("revoked {at}"),
                    None => "active".to_string(),
                };
                println!(
                    "{}  {}  {}  created {}  {}",
                    key.id, key.hint, state, key.created_at, key.label
                );
            }
        }
        KeyAction::Create { label } => {
            let key = generate_key().map_err(|e| format!("No randomness available: {e}"))?;
            let record = store
                .create_key(&hash_key(&key), &key_hint(&key), &label)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Created API key {} (id {}). It is shown only now; keep it safe:",
                record.hint, record.id
            );
            println!("{key}");
        }
        KeyAction::Revoke { id } => {
            if store.revoke_key(&id).await.map_err(|e| e.to_string())? {
                println!("Revoked key {id}. Requests with it now get 403.");
            } else {
                return Err(format!(
                    "No active key with id {id}. See `trawl-server keys list`."
                ));
            }
        }
    }
    Ok(())
}

/// Worker threads get 8 MiB of stack, not tokio's 2 MiB: a page's extraction walks deep HTML and
/// the browser's futures nest deeply, and a debug build's frames are several times larger.
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("trawl-server: cannot start its worker threads: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,hyper=warn,reqwest=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Keys { action }) => run_keys(cli.data_dir, cli.database_url, action).await,
        None => match parse_proxies(&cli.proxies) {
            Err(message) => Err(message),
            Ok(proxies) => {
                serve(ServerConfig {
                    listen: cli.listen,
                    data_dir: cli.data_dir,
                    database_url: cli.database_url,
                    static_dir: cli.static_dir,
                    allow_private_targets: cli.allow_private_targets,
                    max_concurrency: cli.max_concurrency,
                    per_host: cli.per_host,
                    timeout: Duration::from_secs(cli.timeout_secs.max(1)),
                    max_page_bytes: cli.max_page_mb.max(1) * 1024 * 1024,
                    proxies,
                    chromium: cli.chromium,
                    browser_pages: cli.browser_pages,
                    model: cli.model_url.map(|base_url| {
                        trawl_server::scrape::model::ModelSettings {
                            base_url,
                            model: cli.model,
                            api_key: std::env::var("TRAWL_MODEL_KEY")
                                .ok()
                                .filter(|k| !k.is_empty()),
                        }
                    }),
                    api_key: std::env::var("TRAWL_API_KEY").ok(),
                })
                .await
            }
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("trawl-server: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_come_one_per_option_or_space_separated_and_errors_hide_passwords() {
        let proxies = parse_proxies(&[
            "DE=http://user:pw@10.0.0.5:3128".to_string(),
            " fr=socks5://10.0.0.6:1080   *=http://10.0.0.7:3128 ".to_string(),
        ])
        .unwrap();
        assert_eq!(proxies["de"], "http://user:pw@10.0.0.5:3128");
        assert_eq!(proxies["fr"], "socks5://10.0.0.6:1080");
        assert_eq!(proxies["*"], "http://10.0.0.7:3128");

        for wrong in [
            "http://user:secret@10.0.0.5:3128",
            "http://user:se=cret@10.0.0.5:3128",
        ] {
            let error = parse_proxies(&[wrong.to_string()]).unwrap_err();
            assert!(error.contains("COUNTRY=URL"), "{error}");
            assert!(
                !error.contains("secret") && !error.contains("se="),
                "{error}"
            );
        }
    }
}
