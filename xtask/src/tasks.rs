//! The tasks themselves. Each step says what it does; a failing step stops the task with its command line.

use std::path::PathBuf;
use std::process::Command;

use crate::setup::{self, Result, root, run, say};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

fn app_binary() -> PathBuf {
    target_dir().join("debug").join("andu-app")
}

fn npm(args: &[&str]) -> Result {
    run(Command::new("npm").args(args).current_dir(root().join("ui")))
}

/// Build the UI, then the app with the UI embedded (`custom-protocol`, as `tauri build` does) — a plain debug
/// build would load the dev server URL instead and show a blank window.
pub fn build_app() -> Result {
    say("UI: type check and build (vue-tsc, vite)");
    npm(&["run", "build"])?;
    say("app: cargo build -p andu-app (UI embedded)");
    run(Command::new("cargo")
        .args(["build", "--locked", "-p", "andu-app", "--features", "tauri/custom-protocol"])
        .current_dir(root()))?;
    // The sync E2E test runs a real court server and a second client (the CLI) from the same target dir.
    say("court server and CLI for the sync E2E test: cargo build -p andu-server -p andu-cli");
    run(Command::new("cargo").args(["build", "--locked", "-p", "andu-server", "-p", "andu-cli"]).current_dir(root()))
}

pub fn check_layers() -> Result {
    say("layers: no crate under crates/ depends on tauri");
    let crates = std::fs::read_dir(root().join("crates")).map_err(|e| e.to_string())?;
    for entry in crates.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let out = Command::new("cargo")
            .args(["tree", "--locked", "-p", &name, "-e", "normal,build", "--prefix", "none", "--format", "{p}"])
            .current_dir(root())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("cargo tree -p {name}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let tree = String::from_utf8_lossy(&out.stdout);
        if let Some(line) = tree.lines().find(|l| l.starts_with("tauri ") || l.starts_with("tauri-")) {
            return Err(format!("{name} depends on {line}: Tauri belongs in src-tauri/ only (ARCHITECTURE.md)"));
        }
    }
    Ok(())
}

/// The app's test of `src/contract.rs`, built with the features `build_app` used so tauri is not compiled again:
/// it compares the TypeScript declarations generated from the Rust types with `ui/src/generated/types.ts`
/// (`write`: rewrites the file instead). Needs `ui/dist` (the app embeds it), which `build_app` makes.
fn generated_types(write: bool) -> Result {
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "--locked", "-p", "andu-app", "--features", "tauri/custom-protocol", "--lib"])
        .current_dir(root());
    if write {
        cmd.args(["contract::"]).env("ANDU_WRITE_TYPES", "1");
    }
    run(&mut cmd)
}

/// `cargo xtask gen-types`: regenerate `ui/src/generated/types.ts` after changing a type the app's commands
/// exchange with the UI.
pub fn gen_types() -> Result {
    if !root().join("ui").join("dist").join("index.html").exists() {
        // vite alone: the type check (`npm run build`) needs the very file this task writes.
        say("UI: vite build (the app embeds ui/dist)");
        npm(&["exec", "--", "vite", "build"])?;
    }
    say("TypeScript declarations from the Rust types: ui/src/generated/types.ts");
    generated_types(true)
}

/// Lints as errors across every crate, tests and benches included: among them `disallowed_methods`, which keeps
/// the clock and the environment out of the crates ARCHITECTURE.md forbids them (their `clippy.toml`).
fn clippy() -> Result {
    say("Rust: cargo fmt --all --check (rustfmt.toml)");
    run(Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(root()))?;
    say("Rust: cargo clippy --workspace --all-targets -- -D warnings");
    run(Command::new("cargo")
        .args(["clippy", "--locked", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .current_dir(root()))
}

/// The zone the Rust tests run in: deliberately *not* China's. Every day the product counts is a court day (Beijing
/// time, `andu_core::clock`; the UI's `courtToday`), whatever zone the computer is set to, so the tests must pass in
/// any zone; running them in UTC — the zone of this CI machine and of most servers, eight hours from the courts'
/// clock — is where a stray reading of the computer's calendar would show (from 16:00 UTC on). The tests ran in
/// Asia/Shanghai until the one court clock, which hid exactly that (a 阅核 round sent "today" fell on tomorrow; a
/// 评查 deadline counted 31 days).
const TEST_TZ: &str = "UTC";

fn rust_tests() -> Result {
    let nextest = Command::new("cargo").args(["nextest", "--version"]).output().is_ok_and(|o| o.status.success());
    if nextest {
        say("Rust: cargo nextest run --workspace");
        run(Command::new("cargo")
            // andu-app's only test (the generated types) ran before with the app's own features; the E2E suite
            // drives the app. Leaving it out keeps tauri from being compiled a second time with other features.
            .args(["nextest", "run", "--workspace", "--exclude", "andu-app", "--locked", "--no-fail-fast"])
            // The sync simulation runs thousands of seeds here (a few hundred in a plain `cargo nextest run`).
            .env("ANDU_SIM_SEEDS", std::env::var("ANDU_SIM_SEEDS").unwrap_or_else(|_| "2000".into()))
            // The server's PostgreSQL tests (a fresh database each) connect here; setup made sure it answers. Its
            // loopback tests drive the `andu` binary, which --workspace builds alongside.
            .env("ANDU_PG_URL", setup::pg_url())
            .env("TZ", TEST_TZ)
            .current_dir(root()))?;
        say("Rust: doc tests");
        run(Command::new("cargo")
            .args(["test", "--workspace", "--exclude", "andu-app", "--locked", "--doc"])
            .current_dir(root()))
    } else {
        say("Rust: cargo test --workspace (cargo-nextest not installed)");
        run(Command::new("cargo")
            .args(["test", "--workspace", "--exclude", "andu-app", "--locked"])
            .env("ANDU_PG_URL", setup::pg_url())
            .env("TZ", TEST_TZ)
            .current_dir(root()))
    }
}

fn e2e() -> Result {
    let out = root().join("test-output").join("e2e");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    say(&format!("E2E: the real app under Xvfb via tauri-driver + WebKitWebDriver (screenshots in {})", out.display()));
    let driver = setup::cargo_home_bin("tauri-driver");
    // No TZ: the app, the UI and the tests' own dates (deadlines.test.mjs `courtDay`) count court days, so the E2E
    // runs in whatever zone the machine has — this CI machine's UTC, where a stray local calendar would show.
    run(Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1366x900x24", "node", "--test", "--test-concurrency=1", "tests/e2e/"])
        .current_dir(root())
        .env("ANDU_APP", app_binary())
        .env("TAURI_DRIVER", driver)
        .env("ANDU_TEST_OUTPUT", &out)
        .env("NODE_PATH", root().join("ui").join("node_modules")))
}

pub fn test(args: &[String]) -> Result {
    let only_e2e = args.iter().any(|a| a == "--e2e-only");
    let no_e2e = args.iter().any(|a| a == "--no-e2e");
    let no_package = args.iter().any(|a| a == "--no-package");
    setup::all()?;
    if !only_e2e {
        setup::postgres()?;
        say("UI: unit tests (vitest)");
        npm(&["test"])?;
        check_layers()?;
    }
    // The app crate embeds ui/dist at compile time, so the UI is built before the workspace tests compile it.
    build_app()?;
    if !only_e2e {
        // The app's own tests (the 阅核 gate on export, …) with the generated-types check among them, built with the
        // app's features so tauri is compiled once.
        say("andu-app: its tests, and ui/src/generated/types.ts matches the Rust types (else `cargo xtask gen-types`)");
        generated_types(false)?;
        clippy()?;
        rust_tests()?;
    }
    if !no_e2e {
        e2e()?;
    }
    if !only_e2e && !no_package {
        // CI packages the debug build it already has: the same control files, scripts, layout and install, upgrade,
        // login, sync, backup and purge as a shipped package. A `dist` build of the three binaries from cold takes
        // about 25 minutes on this 2-core machine when quiet (53 while seven other builds ran), more than the CI
        // budget allows; `cargo xtask package` makes the packages a court installs (sizes in the README).
        let started = std::time::Instant::now();
        let debs = crate::package::package(false, true)?;
        crate::package_test::test(&debs)?;
        say(&format!("packages: built and tested in {:.0} s", started.elapsed().as_secs_f64()));
    }
    say("all tests passed");
    Ok(())
}

pub fn bench() -> Result {
    // The statistics bench compares itself with DuckDB through its Python package (a prebuilt wheel from PyPI).
    let has_duckdb = Command::new("python3").args(["-c", "import duckdb"]).status().is_ok_and(|s| s.success());
    if !has_duckdb {
        say("bench: installing DuckDB's Python package for the comparison (pip install duckdb)");
        if run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "duckdb"])).is_err() {
            say("bench: DuckDB unavailable; the statistics bench will say so and skip the comparison");
        }
    }
    // The sync bench pushes to PostgreSQL too (it says so and skips that part when none answers).
    if let Err(e) = setup::postgres() {
        say(&format!("bench: PostgreSQL unavailable ({e}); the sync bench measures SQLite only"));
    }
    for (pkg, bench) in [
        ("andu-store", "store"),
        ("andu-deadline", "derive"),
        ("andu-stats", "stats"),
        ("andu-docs", "render"),
        ("andu-docs", "batch"),
        ("andu-server", "sync"),
    ] {
        say(&format!("bench: {pkg} {bench}"));
        run(Command::new("cargo")
            .args(["bench", "--locked", "-p", pkg, "--bench", bench])
            .env("ANDU_PG_URL", setup::pg_url())
            .current_dir(root()))?;
    }
    crate::user_paths::bench()
}

pub fn run_app() -> Result {
    setup::all()?;
    build_app()?;
    let data = PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local/share/andu");
    let mut cmd = Command::new(app_binary());
    cmd.env("ANDU_DEMO", "1");
    if std::env::var_os("ANDU_DB").is_none() {
        let db = data.join("demo.db");
        say(&format!("demo case store: {} (set ANDU_DB to use another file)", db.display()));
        cmd.env("ANDU_DB", db);
        if std::env::var_os("ANDU_DB_KEY").is_none() {
            // The demo store holds generated data only; a fixed key lets it open on machines without a keyring.
            say("demo store key: fixed demo key (real stores use the OS keyring or ANDU_DB_KEY)");
            cmd.env("ANDU_DB_KEY", "andu-demo");
        }
    }
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        say("starting 案牍");
        return run(&mut cmd);
    }
    say("no display: starting 案牍 under Xvfb; a screenshot is saved to test-output/run.png after start-up");
    let shot = root().join("test-output").join("run.png");
    std::fs::create_dir_all(shot.parent().expect("has parent")).map_err(|e| e.to_string())?;
    let script = format!(
        "\"$0\" & app=$!; sleep 10; import -window root '{}' && echo 'screenshot: {}'; wait $app",
        shot.display(),
        shot.display()
    );
    let program = cmd.get_program().to_owned();
    let mut x = Command::new("xvfb-run");
    x.args(["-a", "-s", "-screen 0 1366x900x24", "sh", "-c", &script]).arg(program);
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            x.env(k, v);
        }
    }
    run(&mut x)
}
