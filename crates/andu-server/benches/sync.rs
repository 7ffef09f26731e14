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
use andu_sync_client::{PUSH_BATCH, SyncError, Transport, sync_once};
use chrono::{NaiveDate, TimeZone, Utc};

const PASSWORD: &str = "bench-password";

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

fn main() {
    let n: usize = std::env::var("ANDU_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().expect("tmp dir");

    // The court: one server on SQLite, a president who sees every case.
    let svc = Service::new(Sqlite::open(&dir.path().join("server")).expect("server db"));
    svc.add_user("院长", "president", "", PASSWORD, now).expect("user");
    let url = serve(svc);

    // The registering machine: demo cases (several divisions) with two nodes each, all in its outbox.
    let cases = andu_store::demo::generate(today, n - 1, 42);
    let mut origin = Store::open(&dir.path().join("origin.db"), &key()).expect("store");
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
    let ops = origin.outbox_ops(usize::MAX).expect("outbox");

    // 1. The first upload: every case of the registering machine, a whole `sync_once` (the pushes, 500 ops each,
    //    and the pull after them, which must not send the machine its own rows back).
    let mut t = HttpTransport::for_store(&origin).expect("transport");
    let mut timed = Timed::new(&mut t);
    let started = Instant::now();
    let report = sync_once(&mut origin, &mut timed, now).expect("first upload");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "first upload, SQLite: {} changes in {secs:.2} s = {:.0} changes/s; {} rows sent back to it (goal: ≤ 30 s at 100,000 cases, none sent back)",
        report.pushed,
        report.pushed as f64 / secs,
        report.pulled,
    );
    println!(
        "  of which: waiting for push answers {:.2} s, for pull answers {:.2} s ({} pages); storing them {:.2} s",
        timed.pushing.as_secs_f64(),
        timed.waited.as_secs_f64(),
        timed.pages,
        secs - timed.pushing.as_secs_f64() - timed.waited.as_secs_f64()
    );
    assert_eq!(origin.sync_status().expect("status").pending, 0);

    // 2. A new device joining: every case, whole, over HTTP into its encrypted store.
    let mut laptop = Store::open(&dir.path().join("laptop.db"), &key()).expect("store");
    http::login(&mut laptop, &url, "院长", PASSWORD, "laptop").expect("login");
    let mut t = HttpTransport::for_store(&laptop).expect("transport");
    let mut timed = Timed::new(&mut t);
    let started = Instant::now();
    let report = sync_once(&mut laptop, &mut timed, now).expect("first sync");
    let secs = started.elapsed().as_secs_f64();
    let waited = timed.waited.as_secs_f64();
    let pages = timed.pages;
    let held: i64 = laptop.conn().query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0)).expect("count");
    println!(
        "new device joins: {held} cases, {} rows (cases, parties, nodes, hearings, extensions…) in {secs:.2} s = {:.0} rows/s (goal ≤ 5 s at 10,000 cases, ≤ 10 s at 100,000)",
        report.pulled,
        report.pulled as f64 / secs
    );
    println!("  of which: waiting for pull answers {waited:.2} s ({pages} pages); storing them {:.2} s", secs - waited);

    // 3. One edit, pushed and acknowledged: a whole sync_once (hello, push, empty pull) from the laptop.
    let case_no = cases[0].case_no.clone();
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
    let name = format!("andu_bench_{}", std::process::id());
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create");
    let (base, _) = admin.rsplit_once('/').expect("a database in ANDU_PG_URL");
    let pg = Service::new(Postgres::connect(&format!("{base}/{name}")).expect("PostgreSQL server"));
    pg.add_user("院长", "president", "", PASSWORD, now).expect("user");
    let pg_url = serve(pg);
    let mut t = HttpTransport::new(&pg_url);
    t.login("院长", PASSWORD, origin.device(), "origin").expect("login");
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
