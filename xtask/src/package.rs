//! `cargo xtask package`: the two Debian packages, built with dpkg-deb from a release build.
//!
//! - `andu_<version>_amd64.deb`: the desktop app 案牍 (`/usr/bin/andu-app`, UI embedded), the `andu` CLI, the
//!   statute library both read (`/usr/share/andu/law/library.br`, once rather than inside each binary), a
//!   .desktop entry and hicolor icons; Depends from dpkg-shlibdeps on the binaries, plus the tray library Tauri
//!   loads at run time (dlopen, so shlibdeps cannot see it).
//! - `andu-server_<version>_amd64.deb`: `/usr/bin/andu-server`, its systemd unit, `/etc/andu/server.toml` (a
//!   conffile), the maintainer scripts of `packaging/server/` (system user `andu`, data in /var/lib/andu).
//!
//! Why dpkg-deb and not Tauri's bundler: the bundler needs tauri-cli (a long compile on this machine) and makes
//! only the app's package; the server's (conffile, system user, unit, purge) needs maintainer scripts either way.
//! Here every file of both packages is listed in this module and checked by `package_test`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::setup::{Result, root, run, say};

/// The cargo profile of the packaged binaries: release for size, without LTO (see `[profile.dist]` in Cargo.toml).
pub const PROFILE: &str = "dist";

/// Where the app package installs the statute library, read by both the app and `andu` in the release build (the
/// debug build, packaged with `--debug`, still embeds it and ignores the file).
pub const LAW_LIBRARY: &str = "usr/share/andu/law/library.br";

pub struct Debs {
    pub app: PathBuf,
    pub server: PathBuf,
    pub version: String,
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

pub fn out_dir() -> PathBuf {
    target_dir().join("deb")
}

/// The workspace version (`[workspace.package] version`), which is the packages' version.
pub fn version() -> Result<String> {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let section = toml.split("[workspace.package]").nth(1).ok_or("Cargo.toml: no [workspace.package]")?;
    section
        .lines()
        .find_map(|l| l.trim().strip_prefix("version").and_then(|r| r.trim().strip_prefix('=')))
        .map(|v| v.trim().trim_matches('"').to_string())
        .ok_or_else(|| "Cargo.toml: no version in [workspace.package]".into())
}

/// `cargo xtask package [--debug]`: UI, release build, both packages; prints their sizes. `--debug` packages the
/// debug build instead — for working on the packaging itself; such packages are large and slow, never to ship.
pub fn package(build_ui: bool, debug: bool) -> Result<Debs> {
    let profile = if debug { "dev" } else { PROFILE };
    if build_ui {
        say("UI: type check and build (vue-tsc, vite)");
        run(Command::new("npm").args(["run", "build"]).current_dir(root().join("ui")))?;
    }
    say(&format!("build (profile `{profile}`): andu-app with the UI embedded, andu, andu-server"));
    let started = Instant::now();
    if debug {
        // The same two builds as build_app (E2E), so the debug build a developer already has is reused as is: one
        // build of all three would unify the dependencies' features differently and rebuild much of it.
        run(Command::new("cargo")
            .args(["build", "--locked", "-p", "andu-app", "--features", "tauri/custom-protocol"])
            .current_dir(root()))?;
        run(Command::new("cargo")
            .args(["build", "--locked", "-p", "andu-server", "-p", "andu-cli"])
            .current_dir(root()))?;
    } else {
        run(Command::new("cargo")
            .args(["build", "--locked", "--profile", profile, "-p", "andu-app", "-p", "andu-cli", "-p", "andu-server"])
            // Applies to andu-app, the one selected package that depends on tauri.
            .args(["--features", "tauri/custom-protocol"])
            // The app and `andu` read the statute library from the one installed file (andu-law's build.rs).
            .env("ANDU_LAW_LIBRARY_FILE", format!("/{LAW_LIBRARY}"))
            .current_dir(root()))?;
    }
    say(&format!("build: {:.0} s", started.elapsed().as_secs_f64()));
    let bin = target_dir().join(if debug { "debug" } else { PROFILE });
    let version = version()?;
    let out = out_dir();
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    // xz at its best level for what ships (seconds on stripped binaries; unpacking needs 65 MB); a quick gzip for
    // the debug build (xz takes minutes on its 250 MB binary).
    let compress: &[&str] = if debug { &["-Zgzip", "-z1"] } else { &["-Zxz", "-z9"] };
    let app = app_deb(&bin, &version, &out, compress)?;
    let server = server_deb(&bin, &version, &out, compress)?;
    for deb in [&app, &server] {
        let size = std::fs::metadata(deb).map_err(|e| e.to_string())?.len();
        say(&format!("{}: {:.1} MB", deb.display(), size as f64 / 1e6));
    }
    Ok(Debs { app, server, version })
}

/// The packages `package` last made, release or `--debug` (`cargo xtask test-package --no-build`): a code change
/// since is not in them.
pub fn built() -> Result<Debs> {
    let version = version()?;
    let out = out_dir();
    let (app, server) =
        (out.join(format!("andu_{version}_amd64.deb")), out.join(format!("andu-server_{version}_amd64.deb")));
    for deb in [&app, &server] {
        if !deb.exists() {
            return Err(format!("{}: not built yet (cargo xtask package)", deb.display()));
        }
    }
    Ok(Debs { app, server, version })
}

/// One file of a package: where it comes from, where it goes (relative to /), its mode.
struct Entry {
    from: PathBuf,
    to: &'static str,
    mode: u32,
}

fn entry(from: PathBuf, to: &'static str, mode: u32) -> Entry {
    Entry { from, to, mode }
}

const ICON_SIZES: &[(&str, &str)] = &[
    ("16x16.png", "usr/share/icons/hicolor/16x16/apps/andu.png"),
    ("32x32.png", "usr/share/icons/hicolor/32x32/apps/andu.png"),
    ("48x48.png", "usr/share/icons/hicolor/48x48/apps/andu.png"),
    ("64x64.png", "usr/share/icons/hicolor/64x64/apps/andu.png"),
    ("128x128.png", "usr/share/icons/hicolor/128x128/apps/andu.png"),
    ("128x128@2x.png", "usr/share/icons/hicolor/256x256/apps/andu.png"),
    ("icon.png", "usr/share/icons/hicolor/512x512/apps/andu.png"),
];

fn app_deb(bin: &Path, version: &str, out: &Path, compress: &[&str]) -> Result<PathBuf> {
    let r = root();
    let mut files = vec![
        entry(bin.join("andu-app"), "usr/bin/andu-app", 0o755),
        entry(bin.join("andu"), "usr/bin/andu", 0o755),
        entry(r.join("packaging/app/andu.desktop"), "usr/share/applications/andu.desktop", 0o644),
        entry(r.join("assets/law/library.br"), LAW_LIBRARY, 0o644),
        entry(r.join("packaging/copyright"), "usr/share/doc/andu/copyright", 0o644),
    ];
    for (icon, to) in ICON_SIZES {
        files.push(entry(r.join("src-tauri/icons").join(icon), to, 0o644));
    }
    let depends = shlibdeps(&[bin.join("andu-app"), bin.join("andu")])?;
    let control = format!(
        "Package: andu\nVersion: {version}\nArchitecture: amd64\nMaintainer: 案牍 Andu <andu@localhost>\n\
         Section: misc\nPriority: optional\n\
         Depends: {depends}, libayatana-appindicator3-1 | libappindicator3-1\n\
         Recommends: fonts-noto-cjk, gnome-keyring\n\
         Description: 案牍：法官与法官助理的案件工作台\n \
         Case workbench for Chinese judges and judge assistants: an encrypted local case\n \
         store, deadlines counted as the law does, court documents (.docx), trial-quality\n \
         statistics and sync with the court server. Includes the andu command-line tool.\n"
    );
    build_deb("andu", version, &files, &control, &[], &[], out, compress)
}

fn server_deb(bin: &Path, version: &str, out: &Path, compress: &[&str]) -> Result<PathBuf> {
    let r = root();
    let p = r.join("packaging/server");
    let files = vec![
        entry(bin.join("andu-server"), "usr/bin/andu-server", 0o755),
        entry(p.join("andu-server.service"), "lib/systemd/system/andu-server.service", 0o644),
        entry(p.join("server.toml"), "etc/andu/server.toml", 0o640),
        entry(p.join("README.Debian"), "usr/share/doc/andu-server/README.Debian", 0o644),
        entry(r.join("packaging/copyright"), "usr/share/doc/andu-server/copyright", 0o644),
    ];
    let depends = shlibdeps(&[bin.join("andu-server")])?;
    let control = format!(
        "Package: andu-server\nVersion: {version}\nArchitecture: amd64\nMaintainer: 案牍 Andu <andu@localhost>\n\
         Section: net\nPriority: optional\nDepends: {depends}, adduser\nSuggests: postgresql\n\
         Description: 案牍法院同步服务器 / 案牍 court sync server\n \
         The court server of 案牍 Andu: accounts, access by division, the change feed\n \
         and per-field merge of the judges' offline edits, a hash-chained audit log.\n \
         SQLite by default (andu-server backup copies it while it serves), PostgreSQL\n \
         optionally. Runs as the system user andu under systemd.\n"
    );
    let scripts = [p.join("postinst"), p.join("prerm"), p.join("postrm")];
    build_deb("andu-server", version, &files, &control, &["/etc/andu/server.toml"], &scripts, out, compress)
}

/// The Depends dpkg-shlibdeps derives from the binaries' shared libraries (each mapped to the installed package
/// that provides it, with the minimum version the symbols need).
fn shlibdeps(binaries: &[PathBuf]) -> Result<String> {
    let dir = out_dir().join("shlibdeps");
    std::fs::create_dir_all(dir.join("debian")).map_err(|e| e.to_string())?;
    // dpkg-shlibdeps reads debian/control for the package it works for; nothing else of a source package.
    std::fs::write(dir.join("debian/control"), "Source: andu\n\nPackage: andu\nArchitecture: amd64\n")
        .map_err(|e| e.to_string())?;
    let mut cmd = Command::new("dpkg-shlibdeps");
    cmd.arg("-O").current_dir(&dir);
    for b in binaries {
        cmd.arg(format!("-e{}", b.display()));
    }
    let out = cmd.output().map_err(|e| format!("dpkg-shlibdeps (Debian package dpkg-dev): {e}"))?;
    if !out.status.success() {
        return Err(format!("dpkg-shlibdeps failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("shlibs:Depends="))
        .map(str::to_string)
        .ok_or_else(|| format!("dpkg-shlibdeps printed no shlibs:Depends: {text}"))
}

#[allow(clippy::too_many_arguments)]
fn build_deb(
    name: &str,
    version: &str,
    files: &[Entry],
    control: &str,
    conffiles: &[&str],
    scripts: &[PathBuf],
    out: &Path,
    compress: &[&str],
) -> Result<PathBuf> {
    let stage = out_dir().join("stage").join(name);
    if stage.exists() {
        std::fs::remove_dir_all(&stage).map_err(|e| e.to_string())?;
    }
    let mut bytes = 0u64;
    for f in files {
        let to = stage.join(f.to);
        std::fs::create_dir_all(to.parent().expect("has parent")).map_err(|e| e.to_string())?;
        std::fs::copy(&f.from, &to).map_err(|e| format!("{}: {e}", f.from.display()))?;
        set_mode(&to, f.mode)?;
        bytes += std::fs::metadata(&to).map_err(|e| e.to_string())?.len();
    }
    let debian = stage.join("DEBIAN");
    std::fs::create_dir_all(&debian).map_err(|e| e.to_string())?;
    let installed_kib = bytes.div_ceil(1024);
    let control = control.replacen("\nDescription:", &format!("\nInstalled-Size: {installed_kib}\nDescription:"), 1);
    std::fs::write(debian.join("control"), control).map_err(|e| e.to_string())?;
    if !conffiles.is_empty() {
        std::fs::write(debian.join("conffiles"), conffiles.join("\n") + "\n").map_err(|e| e.to_string())?;
    }
    for s in scripts {
        let to = debian.join(s.file_name().expect("script name"));
        std::fs::copy(s, &to).map_err(|e| format!("{}: {e}", s.display()))?;
        set_mode(&to, 0o755)?;
    }
    for dir in walk_dirs(&stage)? {
        set_mode(&dir, 0o755)?;
    }
    let deb = out.join(format!("{name}_{version}_amd64.deb"));
    run(Command::new("dpkg-deb").arg("--root-owner-group").args(compress).arg("--build").arg(&stage).arg(&deb))?;
    Ok(deb)
}

fn set_mode(path: &Path, mode: u32) -> Result {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| e.to_string())
}

fn walk_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        for e in std::fs::read_dir(&dirs[i]).map_err(|e| e.to_string())?.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(e.path());
            }
        }
        i += 1;
    }
    Ok(dirs)
}
