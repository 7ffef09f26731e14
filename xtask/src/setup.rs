//! Idempotent setup: each step checks first and says what it does.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace `cargo xtask` was run in: found from the current directory at run time, not from the path this
/// binary was compiled in — checkouts that share a `CARGO_TARGET_DIR` (CI's clean clone and a working copy) share
/// one `target/debug/xtask`, and a compiled-in path would make one checkout build and test the other's files.
pub fn root() -> PathBuf {
    let here = std::env::current_dir().ok();
    let found = here.as_deref().and_then(|dir| {
        dir.ancestors().find(|d| {
            std::fs::read_to_string(d.join("Cargo.toml")).is_ok_and(|t| t.contains("[workspace]"))
                && d.join("xtask").is_dir()
        })
    });
    match found {
        Some(d) => d.to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf(),
    }
}

pub fn say(msg: &str) {
    eprintln!("\x1b[1;34m==>\x1b[0m {msg}");
}

pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed with {status}")) }
}

pub fn has(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

/// Debian packages: build (Tauri/WebKitGTK, SQLCipher against the system libcrypto), run (fonts for Chinese),
/// test (Xvfb, WebKitWebDriver, ImageMagick for screenshots, LibreOffice and poppler for document render checks).
const APT: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "libssl-dev",
    "libxdo-dev",
    "libdbus-1-dev",
    "pkg-config",
    "build-essential",
    "file",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "fonts-noto-cjk",
    "imagemagick",
    "xdotool",
    "libreoffice-writer-nogui",
    // Calc: the import tests write court-layout .xlsx/.xls with LibreOffice, as a court clerk's office suite would.
    "libreoffice-calc-nogui",
    "poppler-utils",
    // A headless Secret Service for the keyring E2E test (tests/e2e/keyring.test.mjs), as the app package recommends.
    "gnome-keyring",
    "libsecret-tools",
];

fn installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

pub fn apt() -> Result {
    let missing: Vec<&str> = APT.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        say("Debian packages: all present");
        return Ok(());
    }
    say(&format!("Debian packages: installing {}", missing.join(" ")));
    apt_install(&missing)
}

fn as_root(program: &str) -> Command {
    if Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0")) {
        Command::new(program)
    } else {
        let mut c = Command::new("sudo");
        c.arg(program);
        c
    }
}

fn apt_install(missing: &[&str]) -> Result {
    let sudo = if Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0")) {
        vec![]
    } else {
        vec!["sudo"]
    };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut c = Command::new(all[0]);
        c.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    // Another apt may hold the lock for a while on a fresh machine: wait rather than fail.
    run(apt(&["-o", "DPkg::Lock::Timeout=300", "update", "-q"]).arg("-o").arg("Acquire::Retries=3"))?;
    let mut install = apt(&["-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", "--no-install-recommends"]);
    install.args(missing);
    run(&mut install)
}

/// The PostgreSQL the server tests and benches use (trust auth on loopback, as on CI machines).
pub const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// `ANDU_PG_URL`, or the local server.
pub fn pg_url() -> String {
    std::env::var("ANDU_PG_URL").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| DEFAULT_PG_URL.into())
}

fn pg_answers() -> bool {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 5432));
    std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1)).is_ok()
}

/// PostgreSQL for the server's tests: the machine's own on 127.0.0.1:5432 when it answers; otherwise Debian's
/// `postgresql` package is installed (if missing), its cluster opened to passwordless loopback connections and
/// started. `ANDU_PG_URL` pointing elsewhere, or `ANDU_SKIP_POSTGRES=1`, leaves the machine alone.
pub fn postgres() -> Result {
    if std::env::var("ANDU_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
        say("PostgreSQL: skipped (ANDU_SKIP_POSTGRES=1; the PostgreSQL tests skip too)");
        return Ok(());
    }
    if pg_url() != DEFAULT_PG_URL {
        say("PostgreSQL: using the server in ANDU_PG_URL");
        return Ok(());
    }
    if pg_answers() {
        say("PostgreSQL: answering on 127.0.0.1:5432");
        return Ok(());
    }
    if !installed("postgresql") {
        say("PostgreSQL: nothing answers on 127.0.0.1:5432; installing Debian's postgresql");
        apt_install(&["postgresql"])?;
    }
    let versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .map_err(|e| format!("PostgreSQL installed but /etc/postgresql unreadable: {e}"))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    let version = versions
        .iter()
        .max_by_key(|v| v.parse::<u32>().unwrap_or(0))
        .ok_or("PostgreSQL installed but no cluster in /etc/postgresql (create one: pg_createcluster VERSION main)")?;
    let hba = Path::new("/etc/postgresql").join(version).join("main").join("pg_hba.conf");
    let rule = "host all all 127.0.0.1/32 trust";
    let text = std::fs::read_to_string(&hba).unwrap_or_default();
    if !text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") == rule) {
        say(&format!("PostgreSQL: allowing passwordless connections from 127.0.0.1 ({}: {rule})", hba.display()));
        let tmp = std::env::temp_dir().join("andu-pg_hba.conf");
        std::fs::write(&tmp, format!("# added by cargo xtask (andu's tests)\n{rule}\n{text}"))
            .map_err(|e| e.to_string())?;
        run(as_root("cp").arg(&tmp).arg(&hba))?;
    }
    say(&format!("PostgreSQL: starting cluster {version}/main"));
    run(as_root("pg_ctlcluster").args([version.as_str(), "main", "start"]))?;
    for _ in 0..60 {
        if pg_answers() {
            say("PostgreSQL: answering on 127.0.0.1:5432");
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    Err(format!("PostgreSQL {version}/main did not answer on 127.0.0.1:5432 within 30 s; see /var/log/postgresql/"))
}

pub fn cargo_home_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin").join(name)
}

pub fn tauri_driver() -> Result {
    if cargo_home_bin("tauri-driver").exists() || has("tauri-driver") {
        say("tauri-driver: present");
        return Ok(());
    }
    say("tauri-driver: installing (cargo install, about 40 s)");
    run(Command::new("cargo").args(["install", "tauri-driver", "--version", "^2", "--locked"]))
}

fn lock_hash(lock: &Path) -> Result<String> {
    // FNV-1a over the lockfile: std-only and stable across runs; collisions are not a security concern here.
    let bytes = std::fs::read(lock).map_err(|e| format!("read {}: {e}", lock.display()))?;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Ok(format!("{h:016x}"))
}

/// `npm ci` once per lockfile: node_modules lives in a cache keyed by the lockfile's hash and is linked into
/// ui/, so a fresh clone on the same machine (CI) skips the install.
pub fn npm() -> Result {
    let ui = root().join("ui");
    let hash = lock_hash(&ui.join("package-lock.json"))?;
    let cache_root = std::env::var_os("ANDU_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/andu"));
    // The cached folder must itself be called node_modules: Node resolves a package's dependencies by walking up
    // from the package's real path looking for `node_modules` folders.
    let cached = cache_root.join(format!("npm-{hash}")).join("node_modules");
    let link = ui.join("node_modules");
    if std::fs::read_link(&link).is_ok_and(|t| t == cached) && cached.join(".andu-complete").exists() {
        say("npm packages: present (cached by lockfile)");
        return Ok(());
    }
    if !cached.join(".andu-complete").exists() {
        say("npm packages: npm ci (about 25 s)");
        if link.is_symlink() {
            std::fs::remove_file(&link).map_err(|e| e.to_string())?;
        }
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&ui))?;
        let _ = std::fs::remove_dir_all(&cached);
        std::fs::create_dir_all(cached.parent().expect("has parent")).map_err(|e| e.to_string())?;
        std::fs::rename(&link, &cached).map_err(|e| format!("move node_modules to cache: {e}"))?;
        std::fs::write(cached.join(".andu-complete"), &hash).map_err(|e| e.to_string())?;
    } else {
        say("npm packages: linking the cached install");
    }
    if link.is_symlink() {
        std::fs::remove_file(&link).map_err(|e| e.to_string())?;
    } else if link.exists() {
        std::fs::remove_dir_all(&link).map_err(|e| e.to_string())?;
    }
    std::os::unix::fs::symlink(&cached, &link).map_err(|e| format!("link node_modules: {e}"))
}

pub fn all() -> Result {
    apt()?;
    tauri_driver()?;
    npm()
}
