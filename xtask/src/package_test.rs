//! `cargo xtask test-package` (a step of `cargo xtask test`): the two .deb files as a court's IT would use them, on
//! this machine (as root): contents and metadata (dpkg-deb -c / -I); the previous version installed with dpkg (the
//! same packages with a lower version number), the server started by systemd where it runs (else with the unit's
//! own User= and ExecStart= line), a client — the installed `andu` — logs in and syncs; then the upgrade to these
//! packages over it (the server restarts on the new binary, its data and the edited conffile are kept, the client
//! syncs on without a new login); `andu-server backup` copies the live server and the copy serves the cases to a
//! second client; then remove (data and config kept) and purge (nothing left).
//!
//! It refuses to run where andu or andu-server is installed or /var/lib/andu exists: it installs and purges them.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::package::{Debs, LAW_LIBRARY, out_dir};
use crate::setup::{Result, run, say};

const UNIT: &str = "/lib/systemd/system/andu-server.service";
const CONFIG: &str = "/etc/andu/server.toml";
const USER_NAME: &str = "包测试法官";
const PASSWORD: &str = "package-test-password";
const STORE_KEY: &str = "package-test-store-key";
const CASE_NO: &str = "（2026）粤0309民初4242号";
/// The case the client adds after the upgrade.
const CASE_NO_AFTER_UPGRADE: &str = "（2026）粤0309民初4243号";

fn output(cmd: &mut Command) -> Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed with {}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn check(ok: bool, what: impl Into<String>) -> Result {
    if ok { Ok(()) } else { Err(what.into()) }
}

/// dpkg's `${Status}` of a package ("install ok installed", "deinstall ok config-files", "" when unknown).
fn status_of(pkg: &str) -> String {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

fn wait_for_port(port: u16, what: &str) -> Result {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{what} does not answer on 127.0.0.1:{port} after 30 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn systemd_runs() -> bool {
    Path::new("/run/systemd/system").is_dir()
}

/// What stays to be undone if a step fails: a server process we started, packages we installed.
struct Cleanup {
    children: Vec<Child>,
    installed: bool,
    dirs: Vec<PathBuf>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        if self.installed {
            eprintln!("package test: purging the packages it installed");
            if systemd_runs() {
                let _ = Command::new("systemctl").args(["stop", "andu-server"]).status();
            }
            let _ = Command::new("dpkg").args(["--purge", "andu", "andu-server"]).status();
        }
        for d in &self.dirs {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

pub fn test(debs: &Debs) -> Result {
    let started = Instant::now();
    check(
        Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0"),
        "the package test installs packages with dpkg: run it as root (CI does)",
    )?;
    for pkg in ["andu", "andu-server"] {
        check(
            !status_of(pkg).contains("ok installed") && !status_of(pkg).contains("config-files"),
            format!("{pkg} is installed here; the package test would purge it — dpkg --purge {pkg} first"),
        )?;
    }
    check(!Path::new("/var/lib/andu").exists(), "/var/lib/andu exists: the package test would delete it on purge")?;

    contents_and_metadata(debs)?;

    let work = out_dir().join("package-test");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut cleanup = Cleanup { children: Vec::new(), installed: true, dirs: vec![work.clone()] };

    let previous = previous_version(debs, &work)?;
    say(&format!("package test: dpkg -i both packages of the previous version {}", previous.version));
    run(Command::new("dpkg").arg("-i").arg(&previous.app).arg(&previous.server))?;
    installed_files(&previous.version)?;

    // Configure as court IT would: a free port (this machine may run other servers), then a user.
    let port = free_port()?;
    let config = std::fs::read_to_string(CONFIG).map_err(|e| e.to_string())?;
    let config = config.replace("listen = \"127.0.0.1:8443\"", &format!("listen = \"127.0.0.1:{port}\""));
    check(config.contains(&format!(":{port}\"")), "the packaged server.toml has no listen = \"127.0.0.1:8443\" line")?;
    std::fs::write(CONFIG, &config).map_err(|e| e.to_string())?;
    say("package test: andu-server user add (as the andu user)");
    output(Command::new("runuser").args(["-u", "andu", "--", "env"]).arg(format!("ANDU_PASSWORD={PASSWORD}")).args([
        "andu-server",
        "--config",
        CONFIG,
        "user",
        "add",
        "--name",
        USER_NAME,
        "--role",
        "judge",
        "--division",
        "民一庭",
    ]))?;

    start_installed_server(&mut cleanup, port)?;

    say("package test: the installed andu logs in and syncs");
    let client = Client { db: work.join("client.db") };
    let cases = work.join("cases.jsonl");
    std::fs::write(&cases, case_line(CASE_NO)).map_err(|e| e.to_string())?;
    client.run(&["import", cases.to_str().ok_or("utf-8 path")?, "--json"])?;
    client.run(&["login", "--server", &format!("http://127.0.0.1:{port}"), "--user", USER_NAME, "--json"])?;
    let synced = client.run(&["sync", "--json"])?;
    check(!synced.contains("\"pushed\":0"), format!("andu sync pushed nothing: {synced}"))?;

    upgrade(&mut cleanup, debs, port, &config)?;

    say("package test: after the upgrade the same client adds a case and syncs, without logging in again");
    std::fs::write(&cases, case_line(CASE_NO_AFTER_UPGRADE)).map_err(|e| e.to_string())?;
    client.run(&["import", cases.to_str().ok_or("utf-8 path")?, "--json"])?;
    let synced = client.run(&["sync", "--json"])?;
    check(!synced.contains("\"pushed\":0"), format!("andu sync after the upgrade pushed nothing: {synced}"))?;

    say("package test: andu-server backup while it serves");
    // Where court IT would keep backups: a folder the andu user can reach. Not under the target dir, which may sit
    // in root's home (CI's is ~/.cache), closed to other users.
    let backups = std::env::temp_dir().join(format!("andu-package-test-backups-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&backups);
    std::fs::create_dir_all(&backups).map_err(|e| e.to_string())?;
    cleanup.dirs.push(backups.clone());
    run(Command::new("chown").args(["andu:andu"]).arg(&backups))?;
    let copy = backups.join("server-backup.db");
    let said = output(
        Command::new("runuser").args(["-u", "andu", "--", "andu-server", "--config", CONFIG, "backup"]).arg(&copy),
    )?;
    println!("{}", said.trim());
    // The case synced before the upgrade and the one after it: the upgrade kept the server's data.
    check(said.contains("2 件案件"), format!("the backup should hold both synced cases: {said}"))?;
    backup_serves_the_case(&mut cleanup, &work, &copy)?;

    stop_installed_server(&mut cleanup)?;
    remove_and_purge()?;
    cleanup.installed = false;
    say(&format!("package test passed in {:.0} s", started.elapsed().as_secs_f64()));
    Ok(())
}

/// The same two packages with a lower version number (`VERSION~previous`, which dpkg orders before `VERSION`):
/// what an installed court has before it upgrades. Repacked from these packages, so it costs no second build.
fn previous_version(debs: &Debs, work: &Path) -> Result<Debs> {
    let version = format!("{}~previous", debs.version);
    let repack = |deb: &Path, name: &str| -> Result<PathBuf> {
        let tree = work.join(format!("previous-{name}"));
        run(Command::new("dpkg-deb").arg("-R").arg(deb).arg(&tree))?;
        let control = tree.join("DEBIAN/control");
        let text = std::fs::read_to_string(&control).map_err(|e| e.to_string())?;
        let renamed = text.replacen(&format!("\nVersion: {}\n", debs.version), &format!("\nVersion: {version}\n"), 1);
        check(renamed != text, format!("{name}: no Version: {} in its control file", debs.version))?;
        std::fs::write(&control, renamed).map_err(|e| e.to_string())?;
        let out = work.join(format!("{name}_{version}_amd64.deb"));
        // A quick gzip: this package only lives for the test.
        run(Command::new("dpkg-deb").args(["--root-owner-group", "-Zgzip", "-z1", "--build"]).arg(&tree).arg(&out))?;
        std::fs::remove_dir_all(&tree).map_err(|e| e.to_string())?;
        Ok(out)
    };
    Ok(Debs { app: repack(&debs.app, "andu")?, server: repack(&debs.server, "andu-server")?, version })
}

/// `dpkg -i` of the new packages over the previous ones while the server runs, as `apt install ./….deb` does: the
/// server stops (prerm upgrade) and starts again on the new binary (postinst), /var/lib/andu and the edited
/// /etc/andu/server.toml stay as they were.
fn upgrade(cleanup: &mut Cleanup, debs: &Debs, port: u16, edited_config: &str) -> Result {
    say(&format!("package test: upgrade to {} with dpkg -i over the running installation", debs.version));
    if !systemd_runs() {
        // Without systemd the maintainer scripts cannot stop and restart the server: do what they do under it.
        stop_installed_server(cleanup)?;
    }
    // No terminal: were dpkg to ask about the conffile (it must not: only the court changed it), it would fail.
    run(Command::new("dpkg").arg("-i").arg(&debs.app).arg(&debs.server).stdin(Stdio::null()))?;
    installed_files(&debs.version)?;
    let config = std::fs::read_to_string(CONFIG).map_err(|e| e.to_string())?;
    check(config == edited_config, format!("the upgrade changed the court's {CONFIG}:\n{config}"))?;
    for left in [".dpkg-new", ".dpkg-dist", ".dpkg-old"] {
        check(!Path::new(&format!("{CONFIG}{left}")).exists(), format!("the upgrade left {CONFIG}{left}"))?;
    }
    if systemd_runs() {
        // postinst restarted it: active again, and the journal has a second start.
        wait_for_port(port, "andu-server restarted by the upgrade")?;
        let active = output(Command::new("systemctl").args(["is-active", "andu-server"]))?;
        check(active.trim() == "active", format!("after the upgrade, systemctl is-active: {active}"))?;
        let journal = output(Command::new("journalctl").args(["-u", "andu-server", "--no-pager", "-n", "50"]))?;
        let starts = journal.matches("listening on").count();
        check(starts >= 2, format!("the upgrade did not restart the server (journal):\n{journal}"))?;
        return Ok(());
    }
    start_installed_server(cleanup, port)
}

fn case_line(case_no: &str) -> String {
    format!(
        "{{\"case_no\":\"{case_no}\",\"cause\":\"买卖合同纠纷\",\"procedure\":\"civil-simple\",\"filed\":\"2026-03-02\",\
         \"court\":\"深圳市龙华区人民法院\",\"division\":\"民一庭\",\"judge\":\"{USER_NAME}\",\"parties\":[\
         {{\"role\":\"原告\",\"name\":\"张三\",\"kind\":\"person\"}},{{\"role\":\"被告\",\"name\":\"某某有限公司\",\"kind\":\"org\"}}]}}\n"
    )
}

/// A client store driven through the installed `/usr/bin/andu`.
struct Client {
    db: PathBuf,
}

impl Client {
    fn run(&self, args: &[&str]) -> Result<String> {
        output(
            Command::new("/usr/bin/andu")
                .arg("--db")
                .arg(&self.db)
                .args(args)
                .env("ANDU_DB_KEY", STORE_KEY)
                .env("ANDU_PASSWORD", PASSWORD)
                .env_remove("ANDU_DB"),
        )
    }
}

fn contents_and_metadata(debs: &Debs) -> Result {
    say("package test: dpkg-deb -I / -c");
    let app_info = output(Command::new("dpkg-deb").arg("-I").arg(&debs.app))?;
    let server_info = output(Command::new("dpkg-deb").arg("-I").arg(&debs.server))?;
    for (info, name) in [(&app_info, "andu"), (&server_info, "andu-server")] {
        check(info.contains(&format!(" Package: {name}\n")), format!("{name}: Package field\n{info}"))?;
        check(info.contains(&format!(" Version: {}\n", debs.version)), format!("{name}: Version field\n{info}"))?;
        check(info.contains(" Architecture: amd64\n"), format!("{name}: Architecture\n{info}"))?;
        check(info.contains(" Installed-Size: "), format!("{name}: Installed-Size\n{info}"))?;
    }
    let depends = |info: &str| info.lines().find(|l| l.starts_with(" Depends:")).unwrap_or_default().to_string();
    let app_depends = depends(&app_info);
    for lib in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libssl3", "libc6", "libayatana-appindicator3-1"] {
        check(app_depends.contains(lib), format!("andu: Depends lacks {lib}: {app_depends}"))?;
    }
    let server_depends = depends(&server_info);
    for dep in ["libssl3", "libc6", "adduser"] {
        check(server_depends.contains(dep), format!("andu-server: Depends lacks {dep}: {server_depends}"))?;
    }
    check(!server_depends.contains("webkit"), format!("andu-server must not need WebKit: {server_depends}"))?;
    for script in ["postinst", "prerm", "postrm", "conffiles"] {
        check(server_info.contains(script), format!("andu-server: no {script}\n{server_info}"))?;
    }
    let conffiles = output(Command::new("dpkg-deb").args(["--info"]).arg(&debs.server).arg("conffiles"))?;
    check(conffiles.trim() == CONFIG, format!("andu-server conffiles: {conffiles}"))?;

    let app_files = output(Command::new("dpkg-deb").arg("-c").arg(&debs.app))?;
    let mut expect_app = vec![
        "./usr/bin/andu-app".to_string(),
        "./usr/bin/andu".into(),
        "./usr/share/applications/andu.desktop".into(),
        format!("./{LAW_LIBRARY}"),
    ];
    for size in ["16x16", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"] {
        expect_app.push(format!("./usr/share/icons/hicolor/{size}/apps/andu.png"));
    }
    for path in &expect_app {
        check(listed(&app_files, path, "-rw") || listed(&app_files, path, "-rwx"), format!("andu: {path}"))?;
    }
    check(listed(&app_files, "./usr/bin/andu-app", "-rwxr-xr-x root/root"), "andu-app executable by root/root")?;
    let server_files = output(Command::new("dpkg-deb").arg("-c").arg(&debs.server))?;
    check(listed(&server_files, "./usr/bin/andu-server", "-rwxr-xr-x root/root"), "andu-server: binary")?;
    check(listed(&server_files, &format!(".{UNIT}"), "-rw-r--r-- root/root"), "andu-server: systemd unit")?;
    check(listed(&server_files, &format!(".{CONFIG}"), "-rw-r----- root/root"), "andu-server: server.toml 0640")?;
    check(!server_files.contains("./var/lib/andu/"), "andu-server must not ship data files")?;

    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let (app_mb, server_mb) = (size(&debs.app), size(&debs.server));
    println!("package sizes: andu {app_mb:.1} MB (goal < 15 MB), andu-server {server_mb:.1} MB");
    let installed =
        |info: &str| info.lines().find_map(|l| l.trim().strip_prefix("Installed-Size: ")).unwrap_or("?").to_string();
    println!("installed sizes: andu {} KiB, andu-server {} KiB", installed(&app_info), installed(&server_info));
    if app_mb >= 15.0 {
        eprintln!("warning: the app package is {app_mb:.1} MB, over the 15 MB goal");
    }
    Ok(())
}

/// `dpkg-deb -c` lists `mode owner/group size date time path`: the line of `path`, starting with `mode_prefix`.
fn listed(listing: &str, path: &str, mode_prefix: &str) -> bool {
    listing.lines().any(|l| l.starts_with(mode_prefix) && l.ends_with(path))
}

/// What an installation of `version` must have put in place, and that its binaries run.
fn installed_files(version: &str) -> Result {
    let library = format!("/{LAW_LIBRARY}");
    for path in ["/usr/bin/andu", "/usr/bin/andu-app", "/usr/bin/andu-server", UNIT, CONFIG, &library] {
        check(Path::new(path).exists(), format!("not installed: {path}"))?;
    }
    let passwd = output(Command::new("getent").args(["passwd", "andu"]))?;
    check(passwd.contains(":/var/lib/andu:"), format!("the andu system user: {passwd}"))?;
    let owner = output(Command::new("stat").args(["-c", "%U:%G %a", "/var/lib/andu"]))?;
    check(owner.trim() == "andu:andu 750", format!("/var/lib/andu: {owner}"))?;
    let config = output(Command::new("stat").args(["-c", "%U:%G %a", CONFIG]))?;
    check(config.trim() == "root:andu 640", format!("{CONFIG}: {config}"))?;
    // Every shared library the binaries need resolves on this machine with the declared dependencies installed.
    for bin in ["/usr/bin/andu-app", "/usr/bin/andu", "/usr/bin/andu-server"] {
        let libs = output(Command::new("ldd").arg(bin))?;
        check(!libs.contains("not found"), format!("{bin}: a library is missing:\n{libs}"))?;
    }
    let said = output(Command::new("/usr/bin/andu").arg("--version"))?;
    check(said.starts_with("andu "), format!("andu --version: {said}"))?;
    // The packaged build reads the statute library from its one installed file (andu-law's build.rs).
    let article = output(Command::new("/usr/bin/andu").args(["law", "show", "民事诉讼法", "147", "--json"]))?;
    check(article.contains("第一百四十七条"), format!("andu law show from the installed library: {article}"))?;
    for pkg in ["andu", "andu-server"] {
        let installed = output(Command::new("dpkg-query").args(["-W", "-f=${Version}", pkg]))?;
        check(installed == version, format!("{pkg}: dpkg has version {installed}, not {version}"))?;
    }
    Ok(())
}

/// The unit's `Key=value`.
fn unit_value(unit: &str, key: &str) -> Result<String> {
    unit.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .map(|v| v.trim().to_string())
        .ok_or_else(|| format!("{UNIT}: no {key}="))
}

fn start_installed_server(cleanup: &mut Cleanup, port: u16) -> Result {
    if systemd_runs() {
        say("package test: systemctl restart andu-server (systemd runs here)");
        run(Command::new("systemctl").args(["restart", "andu-server"]))?;
        wait_for_port(port, "andu-server under systemd")?;
        let active = output(Command::new("systemctl").args(["is-active", "andu-server"]))?;
        check(active.trim() == "active", format!("systemctl is-active: {active}"))?;
        let journal = output(Command::new("journalctl").args(["-u", "andu-server", "--no-pager", "-n", "20"]))?;
        check(journal.contains("listening on"), format!("the server's start is not in the journal:\n{journal}"))?;
        return Ok(());
    }
    // No systemd (a container): the unit's own command line, as its user, the way systemd would start it.
    let unit = std::fs::read_to_string(UNIT).map_err(|e| e.to_string())?;
    let user = unit_value(&unit, "User")?;
    let exec = unit_value(&unit, "ExecStart")?;
    say(&format!("package test: no systemd here; starting the unit's command as {user}: {exec}"));
    // setpriv execs (runuser would fork, and killing it would leave the server running as andu).
    let mut child = Command::new("setpriv")
        .args([format!("--reuid={user}"), format!("--regid={user}"), "--init-groups".into(), "--".into()])
        .args(exec.split_whitespace())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("setpriv {exec}: {e}"))?;
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().ok_or("stdout")?);
    let _ = stdout.read_line(&mut line);
    cleanup.children.push(child);
    check(line.contains(&format!("127.0.0.1:{port}")), format!("andu-server did not start: {line:?}"))?;
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    wait_for_port(port, "andu-server")
}

fn stop_installed_server(cleanup: &mut Cleanup) -> Result {
    if systemd_runs() {
        run(Command::new("systemctl").args(["stop", "andu-server"]))?;
    }
    for mut c in cleanup.children.drain(..) {
        let _ = c.kill();
        let _ = c.wait();
    }
    Ok(())
}

/// The backup, put in place as a data folder's server.db, serves the synced case to a new client.
fn backup_serves_the_case(cleanup: &mut Cleanup, work: &Path, copy: &Path) -> Result {
    let restored = work.join("restored");
    std::fs::create_dir_all(&restored).map_err(|e| e.to_string())?;
    std::fs::copy(copy, restored.join("server.db")).map_err(|e| e.to_string())?;
    let verified = output(Command::new("/usr/bin/andu-server").arg("--data").arg(&restored).args(["audit", "verify"]))?;
    println!("backup copy: {}", verified.trim());
    let port = free_port()?;
    let mut child = Command::new("/usr/bin/andu-server")
        .arg("--data")
        .arg(&restored)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    wait_for_port(port, "andu-server on the backup copy").inspect_err(|_| {
        let _ = child.kill();
    })?;
    cleanup.children.push(child);
    let second = Client { db: work.join("second.db") };
    second.run(&["login", "--server", &format!("http://127.0.0.1:{port}"), "--user", USER_NAME, "--json"])?;
    second.run(&["sync", "--json"])?;
    let shown = second.run(&["case", "show", CASE_NO, "--json"])?;
    check(shown.contains("买卖合同纠纷"), format!("the case from the backup: {shown}"))?;
    if let Some(mut c) = cleanup.children.pop() {
        let _ = c.kill();
        let _ = c.wait();
    }
    Ok(())
}

fn remove_and_purge() -> Result {
    say("package test: dpkg -r (data and config kept), then dpkg --purge (nothing left)");
    run(Command::new("dpkg").args(["-r", "andu", "andu-server"]))?;
    let library = format!("/{LAW_LIBRARY}");
    for gone in [
        "/usr/bin/andu",
        "/usr/bin/andu-app",
        "/usr/bin/andu-server",
        UNIT,
        "/usr/share/applications/andu.desktop",
        &library,
    ] {
        check(!Path::new(gone).exists(), format!("left after dpkg -r: {gone}"))?;
    }
    for kept in ["/var/lib/andu/server.db", CONFIG] {
        check(Path::new(kept).exists(), format!("dpkg -r must keep {kept}"))?;
    }
    check(status_of("andu-server").contains("config-files"), format!("andu-server: {}", status_of("andu-server")))?;
    check(!status_of("andu").contains("ok installed"), format!("andu: {}", status_of("andu")))?;
    run(Command::new("dpkg").args(["--purge", "andu", "andu-server"]))?;
    for gone in ["/var/lib/andu", "/etc/andu"] {
        check(!Path::new(gone).exists(), format!("left after dpkg --purge: {gone}"))?;
    }
    check(
        !Command::new("getent").args(["passwd", "andu"]).status().is_ok_and(|s| s.success()),
        "the andu user is left after purge",
    )?;
    let status = status_of("andu-server");
    check(status.is_empty() || status.contains("not-installed"), format!("andu-server after purge: {status}"))?;
    Ok(())
}
