//! `cargo xtask <command>`: the only commands a newcomer needs.
//!
//! - `run`    install what is missing, build the app and the server, start on http://127.0.0.1:8787
//! - `test`   install what is missing, run every test suite (Rust, wasm in Chromium, Playwright)
//! - `bench`  measure speed and size; results go to bench-results/
//! - `setup`  only install what is missing
//! - `keys`   list / create / revoke API keys of the local data folder

mod bench;
mod compress;
mod disk;
mod local_server;
mod process;
mod run;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <run|test|bench|setup|build-app|keys> [args]

  run        install what is missing, build, start the server with the web app
  test       install what is missing, run every test suite
  bench      run the benchmarks and write bench-results/
  setup      only install what is missing (Rust target, trunk, wasm-bindgen, chromium, npm packages)
  build-app  build the web app / extension into dist/
  keys       list | create [--label NAME] | revoke ID   (API keys of ./data)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match command.as_str() {
        "run" => run::run(rest),
        "test" => test::test(rest),
        "bench" => bench::bench(rest),
        "setup" => tools::setup(),
        "build-app" => tools::setup().and_then(|()| run::build_app()),
        "keys" => run::keys(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command \"{other}\"\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            if let Some(free) = disk::free_gib(&process::root()).filter(|free| *free < 1.0) {
                eprintln!(
                    "xtask: the disk is nearly full ({free:.1} GiB free): that is the likely cause. \
                     Free some space (or set CARGO_TARGET_DIR to a bigger disk) and run it again."
                );
            }
            ExitCode::FAILURE
        }
    }
}
