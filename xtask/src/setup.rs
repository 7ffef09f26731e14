//! Idempotent setup: each step checks first and says what it does.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
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
    "poppler-utils",
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
    install.args(&missing);
    run(&mut install)
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
