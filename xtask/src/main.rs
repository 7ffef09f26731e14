//! `cargo xtask <task>`: the project's developer tasks.
//!
//! - `setup`  install what is missing (Debian packages, tauri-driver, npm packages, PostgreSQL for the server
//!   tests); idempotent
//! - `run`    setup, build, and start 案牍 with a realistic demo case store
//! - `test`   setup, then every test: UI unit tests, layer check, generated TypeScript types up to date, clippy
//!   with `-D warnings`, Rust tests (nextest), the app under Xvfb (E2E)
//! - `bench`  the benchmarks (criterion / bench binaries), printing their measurements, then `bench-user-paths`
//! - `bench-user-paths`  each user command as a fresh `andu` process on 10k/100k-case stores: wall time, peak memory
//! - `check-layers`  no crate under crates/ may depend on tauri
//! - `gen-types`  regenerate `ui/src/generated/types.ts` from the Rust types the app's commands exchange
//! - `package`  the Debian packages andu_<version>_amd64.deb and andu-server_<version>_amd64.deb (release build)
//! - `test-package`  build them, then install, use, upgrade, back up, remove and purge them on this machine (root);
//!   `--no-build` tests the packages `package` last made
//!
//! Std only, so that this compiles in seconds on a fresh machine.

mod package;
mod package_test;
mod setup;
mod tasks;
mod user_paths;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let debug = args.iter().any(|a| a == "--debug");
    let result = match task {
        "setup" => setup::all().and_then(|_| setup::postgres()),
        "run" => tasks::run_app(),
        "test" => tasks::test(&args[1..]),
        "bench" => tasks::bench(),
        "bench-user-paths" => user_paths::bench(),
        "check-layers" => tasks::check_layers(),
        "gen-types" => tasks::gen_types(),
        "package" => setup::all().and_then(|_| package::package(true, debug)).map(|_| ()),
        "test-package" if args.iter().any(|a| a == "--no-build") => {
            package::built().and_then(|d| package_test::test(&d))
        }
        "test-package" => setup::all().and_then(|_| package::package(true, debug)).and_then(|d| package_test::test(&d)),
        "build-app" => setup::all().and_then(|_| tasks::build_app()),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|run|test|bench|bench-user-paths|check-layers|gen-types|build-app|package|test-package>"
            );
            return if task == "help" { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}
