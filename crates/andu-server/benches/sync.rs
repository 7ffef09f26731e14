//! `cargo bench -p andu-server --bench sync` (or `cargo xtask bench`): sync over loopback HTTP with the real axum
//! server and the real client (SQLCipher stores, ureq). Goals (issue #6, sync.md §3.6):
//!
//! - first sync of 10,000 cases with parties, nodes (节点) and hearings onto a new machine ≤ 5 s;
//! - at a division's size (issue #13, `ANDU_BENCH_CASES=100000`: 441,979 change rows): the first upload of every
//!   case (a whole `sync_once`: the pushes and the pull after them) ≤ 30 s, with none of its own rows sent back;
//!   a new device joining ≤ 10 s;
//! - one edit pushed and acknowledged (a whole `sync_once`: hello, push, empty pull) p50 ≤ 20 ms;
//! - server throughput of batched pushes (500 ops per request): SQLite ≥ 500 changes/s, PostgreSQL ≥ 2,000.
//!
//! The server is the real `andu-server` binary in its own process, and the first upload and the join each run in a
//! client process of their own (this binary again, `ANDU_BENCH_CLIENT=1`), as `andu sync` would (the join again as
//! the app makes it, `ANDU_BENCH_CLIENT=app`): each phase prints
//! its wall time, the CPU seconds of the client and of the server, the client's peak memory and the load average.
//!
//! Prints the measurements and asserts nothing: speed is not a test. `ANDU_BENCH_CASES` changes the case count;
//! PostgreSQL comes from `ANDU_PG_URL` (default: the local server), in a fresh database dropped afterwards, and is
//! skipped with a message when unreachable (or when `ANDU_BENCH_PG=0`). The server's data folder is on the temp
//! dir's disk (fsync is real).

use std::sync::Arc;
use std::time::{Duration, Instant};

use andu_server::backend::Backend;
use andu_server::{Postgres, Service, Sqlite};
use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{DbKey, Store};
use andu_sync::{Hello, HelloReply, Op, PROTOCOL_VERSION, Pull, PullPage, Push, PushReply};
use andu_sync_client::http::{self, HttpTransport};
use andu_sync_client::{PUSH_BATCH, SyncError, SyncReport, Transport, sync_once};
use chrono::{NaiveDate, TimeZone, Utc};

const PASSWORD: &str = "bench-password";

/// The allocator of the binaries a client sync runs in (`andu`'s, as the server's): the client processes below stand
/// for `andu sync`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn key() -> DbKey {
    // A raw key: the bench measures sync, not SQLCipher's key derivation.
    DbKey::new("x'5B1A8C0D9E2F47B3A6C5D4E3F2A1B0C9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3'")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The real HTTP server on 127.0.0.1, in this process on its own runtime; its base URL.
fn serve<B: Backend>(svc: Service<B>) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            andu_server::http::serve(Arc::new(svc), listener).await.expect("serve");
        });
    });
    format!("http://{}", rx.recv().expect("server address"))
}

/// Push `ops` in batches of [`PUSH_BATCH`]; the time spent in requests only, and the replies.
fn push_all(t: &mut HttpTransport, ops: &[Op]) -> (Duration, Vec<(Vec<Op>, PushReply)>) {
    let mut spent = Duration::ZERO;
    let mut replies = Vec::new();
    for batch in ops.chunks(PUSH_BATCH) {
        let push = Push { protocol: PROTOCOL_VERSION, ops: batch.to_vec() };
        let started = Instant::now();
        let reply = t.push(&push).expect("push");
        spent += started.elapsed();
        assert!(reply.gap.is_none(), "the server saw a gap");
        replies.push((batch.to_vec(), reply));
    }
    (spent, replies)
}

/// A transport that adds up the time spent waiting for push and pull answers (the server's work, the wire and
/// JSON), so a sync splits into server time and the client's own (storing the answers).
struct Timed<'a> {
    inner: &'a mut HttpTransport,
    pushing: Duration,
    waited: Duration,
    pages: usize,
}

impl<'a> Timed<'a> {
    fn new(inner: &'a mut HttpTransport) -> Self {
        Timed { inner, pushing: Duration::ZERO, waited: Duration::ZERO, pages: 0 }
    }
}

impl Transport for Timed<'_> {
    fn hello(&mut self, h: &Hello) -> Result<HelloReply, SyncError> {
        self.inner.hello(h)
    }
    fn push(&mut self, p: &Push) -> Result<PushReply, SyncError> {
        let started = Instant::now();
        let reply = self.inner.push(p);
        self.pushing += started.elapsed();
        reply
    }
    fn pull(&mut self, p: &Pull) -> Result<PullPage, SyncError> {
        let started = Instant::now();
        let page = self.inner.pull(p);
        self.waited += started.elapsed();
        self.pages += 1;
        page
    }
}

fn pg_url() -> String {
    std::env::var("ANDU_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// `/proc/loadavg`'s first three numbers: every time printed here depends on what else the machine is doing.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// CPU seconds (user + system) a process has used so far, from `/proc/PID/stat` (clock ticks of 1/100 s).
fn cpu_secs(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces: the fields counted here come after its closing parenthesis.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// A process's peak resident memory in MB (`VmHWM`).
fn peak_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The real `andu-server` binary on 127.0.0.1, its own process (so its CPU and memory are told apart from the
/// client's); killed when dropped.
struct ServerProcess {
    child: std::process::Child,
    url: String,
}

impl ServerProcess {
    fn start(data: &std::path::Path) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port();
        // `ANDU_BENCH_SERVER`: another build's server (a before/after comparison in the same minute).
        let binary = std::env::var("ANDU_BENCH_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_andu-server").into());
        let child = std::process::Command::new(binary)
            .arg("--data")
            .arg(data)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start andu-server");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "andu-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        ServerProcess { child, url: format!("http://127.0.0.1:{port}") }
    }
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The bytes this process has caused to be written to storage, in MB (`/proc/self/io`; 0 where unreadable).
fn written_mb() -> f64 {
    std::fs::read_to_string("/proc/self/io")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("write_bytes:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map_or(0.0, |b| b / 1e6)
}

/// What a client process measured of its one `sync_once` (printed by it as one JSON line).
#[derive(serde::Serialize, serde::Deserialize)]
struct ClientRun {
    secs: f64,
    pushed: usize,
    pulled: usize,
    cases: i64,
    pushing: f64,
    waited: f64,
    pages: usize,
    cpu: f64,
    peak_mb: f64,
    /// Bytes the client process had written to storage (`/proc/self/io` `write_bytes`, the WAL and the store), MB.
    #[serde(default)]
    written_mb: f64,
}

/// The client side of a measured sync, run as its own process like `andu sync` (so its peak memory is its own):
/// open the store named by `ANDU_BENCH_STORE`, one `sync_once`, print a [`ClientRun`].
fn client_process() {
    let path = std::env::var("ANDU_BENCH_STORE").expect("ANDU_BENCH_STORE");
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let started = Instant::now();
    let mut store = Store::open(std::path::Path::new(&path), &key()).expect("store");
    let mut t = HttpTransport::for_store(&store).expect("transport");
    let mut timed = Timed::new(&mut t);
    let report = match std::env::var("ANDU_BENCH_CLIENT").as_deref() {
        Ok("every-row") => pull_keeping_every_row(&mut store, &mut timed, now),
        // As the app syncs: its store behind a mutex, locked for each step, so every pull page is committed on its
        // own (the app's other commands use the store between steps).
        Ok("app") => {
            let shared = std::sync::Mutex::new(store);
            let report = sync_once(&mut &shared, &mut timed, now).expect("sync");
            store = shared.into_inner().unwrap_or_else(|p| p.into_inner());
            report
        }
        _ => sync_once(&mut store, &mut timed, now).expect("sync"),
    };
    let secs = started.elapsed().as_secs_f64();
    let cases: i64 = store.conn().query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0)).expect("count");
    assert_eq!(store.sync_status().expect("status").pending, 0);
    let run = ClientRun {
        secs,
        pushed: report.pushed,
        pulled: report.pulled,
        cases,
        pushing: timed.pushing.as_secs_f64(),
        waited: timed.waited.as_secs_f64(),
        pages: timed.pages,
        cpu: cpu_secs(std::process::id()),
        peak_mb: peak_mb(std::process::id()),
        written_mb: written_mb(),
    };
    println!("{}", serde_json::to_string(&run).expect("json"));
}

/// A join as the client made it before it kept a joined case's history on the server: the same pages, each
/// snapshot row stored with a history row of its own (`Store::apply_pull`) — the comparison, in the same run.
fn pull_keeping_every_row(store: &mut Store, t: &mut Timed<'_>, now: chrono::DateTime<Utc>) -> SyncReport {
    t.hello(&Hello { protocol: PROTOCOL_VERSION, client: "bench".into() }).expect("hello");
    let mut report = SyncReport::default();
    loop {
        let page = t
            .pull(&Pull {
                protocol: PROTOCOL_VERSION,
                cursor: store.sync_cursor().expect("cursor"),
                limit: andu_sync_client::PULL_PAGE,
                assets_after: 0,
                continued_snapshots: true,
                current_snapshots: true,
                resume: store.snapshot_resume().expect("resume"),
            })
            .expect("pull");
        report.pulled += store.apply_pull(&page, now).expect("page stored").pulled;
        if !page.has_more {
            return report;
        }
    }
}

/// Run [`client_process`] on the store at `path`; its measurements and the server's CPU seconds meanwhile.
fn measured_sync(path: &std::path::Path, server: &ServerProcess) -> (ClientRun, f64) {
    measured_client(path, server, "1")
}

/// [`measured_sync`], the client process told what to run by `ANDU_BENCH_CLIENT` = `how`.
fn measured_client(path: &std::path::Path, server: &ServerProcess, how: &str) -> (ClientRun, f64) {
    let server_cpu = cpu_secs(server.pid());
    let out = std::process::Command::new(std::env::current_exe().expect("bench binary"))
        .env("ANDU_BENCH_CLIENT", how)
        .env("ANDU_BENCH_STORE", path)
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("client process");
    assert!(out.status.success(), "the client process failed: {}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().expect("client output");
    (serde_json::from_str(line).expect("client measurements"), cpu_secs(server.pid()) - server_cpu)
}

fn print_split(run: &ClientRun, server_cpu: f64) {
    println!(
        "  client process: {:.2} s CPU, peak {:.0} MB (goal ≤ 200 MB), {:.0} MB written; server process: {server_cpu:.2} s CPU",
        run.cpu, run.peak_mb, run.written_mb
    );
    println!(
        "  waiting for push answers {:.2} s, for pull answers {:.2} s ({} pages); storing them {:.2} s",
        run.pushing,
        run.waited,
        run.pages,
        run.secs - run.pushing - run.waited
    );
}

fn main() {
    if std::env::var("ANDU_BENCH_CLIENT").is_ok() {
        return client_process();
    }
    let n: usize = std::env::var("ANDU_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().expect("tmp dir");
    println!("sync at {n} cases; load average at the start {}", load_average());

    // The court: one server on SQLite, a president who sees every case.
    let data = dir.path().join("server");
    Service::new(Sqlite::open(&data).expect("server db"))
        .add_user("院长", "president", "", PASSWORD, now)
        .expect("user");
    let server = ServerProcess::start(&data);
    let url = server.url.clone();

    // The registering machine: demo cases (several divisions) with two nodes each, all in its outbox.
    let origin_path = dir.path().join("origin.db");
    let case_no = {
        let cases = andu_store::demo::generate(today, n - 1, 42);
        let mut origin = Store::open(&origin_path, &key()).expect("store");
        origin.import(jsonl::parse(&jsonl::write(&cases)), ImportOptions::default(), now).expect("import");
        origin
            .write(now, |w| {
                for c in &cases {
                    w.add_event(&c.case_no, "送达起诉状副本", &c.filed, None, "")?;
                    w.add_event(&c.case_no, "举证期限届满", &c.filed, None, "")?;
                }
                Ok(())
            })
            .expect("events");
        http::login(&mut origin, &url, "院长", PASSWORD, "origin").expect("login");
        cases[0].case_no.clone()
    };

    // 1. The first upload: every case of the registering machine, a whole `sync_once` in a client process (the
    //    pushes, 500 ops each, and the pull after them, which must not send the machine its own rows back).
    let load = load_average();
    let (run, server_cpu) = measured_sync(&origin_path, &server);
    println!(
        "first upload, SQLite: {} changes in {:.2} s = {:.0} changes/s; {} rows sent back to it (goal: ≤ 30 s at 100,000 cases, none sent back); load {load}",
        run.pushed,
        run.secs,
        run.pushed as f64 / run.secs,
        run.pulled,
    );
    print_split(&run, server_cpu);

    // 2. A new device joining: every case, over HTTP into its encrypted store, in a client process.
    let laptop_path = dir.path().join("laptop.db");
    {
        let mut laptop = Store::open(&laptop_path, &key()).expect("store");
        http::login(&mut laptop, &url, "院长", PASSWORD, "laptop").expect("login");
    }
    let load = load_average();
    let (run, server_cpu) = measured_sync(&laptop_path, &server);
    println!(
        "new device joins: {} cases, {} rows (cases, parties, nodes, hearings, extensions…) in {:.2} s = {:.0} rows/s (goal ≤ 5 s at 10,000 cases, ≤ 10 s at 100,000); load {load}",
        run.cases,
        run.pulled,
        run.secs,
        run.pulled as f64 / run.secs
    );
    print_split(&run, server_cpu);
    println!("  server process peak {:.0} MB", peak_mb(server.pid()));

    // 2b. The same join, each snapshot row kept as a history row too (as before the client left joined cases'
    //     histories on the server): the difference, under the same load.
    let every_row_path = dir.path().join("every-row.db");
    {
        let mut store = Store::open(&every_row_path, &key()).expect("store");
        http::login(&mut store, &url, "院长", PASSWORD, "every-row").expect("login");
    }
    let load = load_average();
    let (run, server_cpu) = measured_client(&every_row_path, &server, "every-row");
    println!(
        "  the same join keeping a history row per received row (before): {} rows in {:.2} s; load {load}",
        run.pulled, run.secs
    );
    print_split(&run, server_cpu);

    // 2c. The same join as the app makes it (its store behind a mutex: each page committed on its own).
    let app_path = dir.path().join("app.db");
    {
        let mut store = Store::open(&app_path, &key()).expect("store");
        http::login(&mut store, &url, "院长", PASSWORD, "app").expect("login");
    }
    let load = load_average();
    let (run, server_cpu) = measured_client(&app_path, &server, "app");
    println!(
        "  the same join as the app makes it (each page committed on its own): {} cases, {} rows in {:.2} s (goal ≤ 10 s at 100,000); load {load}",
        run.cases, run.pulled, run.secs
    );
    print_split(&run, server_cpu);
    let mut laptop = Store::open(&laptop_path, &key()).expect("store");
    let mut t = HttpTransport::for_store(&laptop).expect("transport");

    // 3. One edit, pushed and acknowledged: a whole sync_once (hello, push, empty pull) from the laptop.
    let mut times = Vec::new();
    for i in 0..200 {
        laptop.write(now, |w| w.set_case_field(&case_no, "clerk", &format!("书记员{i}"))).expect("edit");
        let started = Instant::now();
        let r = sync_once(&mut laptop, &mut t, now).expect("sync");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.pushed, 1);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "one edit pushed and acknowledged (sync_once): p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms over {} (goal p50 ≤ 20 ms)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        times.len()
    );

    // Where that time goes: the push request alone (the server's commit included), and a sync with nothing to push
    // (hello, an empty pull, the client's bookkeeping).
    let (mut push_ms, mut idle_ms) = (Vec::new(), Vec::new());
    for i in 0..100 {
        laptop.write(now, |w| w.set_case_field(&case_no, "clerk", &format!("书记员乙{i}"))).expect("edit");
        let ops = laptop.outbox_ops(PUSH_BATCH).expect("outbox");
        let started = Instant::now();
        let reply = t.push(&Push { protocol: PROTOCOL_VERSION, ops: ops.clone() }).expect("push");
        push_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        laptop.record_push(&ops, &reply, now).expect("record");
        let started = Instant::now();
        sync_once(&mut laptop, &mut t, now).expect("idle sync");
        idle_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    push_ms.sort_by(f64::total_cmp);
    idle_ms.sort_by(f64::total_cmp);
    println!(
        "  of which: the push request p50 {:.1} ms; a sync with nothing to push p50 {:.1} ms",
        percentile(&push_ms, 0.5),
        percentile(&idle_ms, 0.5)
    );

    // 4. Server throughput, PostgreSQL: the same outbox, from the same device, to a server on a fresh database.
    if std::env::var("ANDU_BENCH_PG").is_ok_and(|v| v == "0") {
        println!("push, PostgreSQL: skipped (ANDU_BENCH_PG=0)");
        return;
    }
    let admin = pg_url();
    let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            println!("push, PostgreSQL: skipped — no server at {admin} ({e}); `cargo xtask setup` starts one");
            return;
        }
    };
    // The origin's whole outbox again: its acknowledged mark moved back to the start (this store is not used after).
    let (ops, origin_device) = {
        let mut origin = Store::open(&origin_path, &key()).expect("store");
        origin.rewind_acked(1).expect("rewind");
        (origin.outbox_ops(usize::MAX).expect("outbox"), origin.device().to_string())
    };
    let name = format!("andu_bench_{}", std::process::id());
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create");
    let (base, _) = admin.rsplit_once('/').expect("a database in ANDU_PG_URL");
    let pg = Service::new(Postgres::connect(&format!("{base}/{name}")).expect("PostgreSQL server"));
    pg.add_user("院长", "president", "", PASSWORD, now).expect("user");
    let pg_url = serve(pg);
    let mut t = HttpTransport::new(&pg_url);
    t.login("院长", PASSWORD, &origin_device, "origin").expect("login");
    let (spent, replies) = push_all(&mut t, &ops);
    println!(
        "push, PostgreSQL: {} changes in {} requests in {:.2} s = {:.0} changes/s (goal ≥ 2000)",
        ops.len(),
        replies.len(),
        spent.as_secs_f64(),
        ops.len() as f64 / spent.as_secs_f64()
    );
    drop(t);
    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}
