//! Real processes over loopback HTTP: the built `andu-server` and `andu` binaries, real encrypted client stores,
//! and the server on SQLite and on PostgreSQL.
//!
//! - [`two_clients_sqlite`] / [`two_clients_postgres`]: a judge and an assistant of 民一庭 share cases; edits of
//!   different fields merge, edits of the same field become a conflict both see (mine/theirs from their own side)
//!   until one resolves it; a 民二庭 judge sees none of it and is refused when he writes to it.
//! - [`server_killed_mid_push`]: `kill -9` of the server at random moments of a large push; every op the client
//!   holds as acknowledged is on the server, the outbox drains, the audit chain verifies.
//! - [`client_killed_mid_pull`]: `kill -9` of `andu sync` during a large first pull; the store stays intact and
//!   ends holding exactly the server's cases, row for row.
//! - [`a_restored_store_rejoins_as_a_new_device_and_loses_nothing`]: `andu restore` of a backup from a device that
//!   kept syncing after it.
//!
//! - [`history_fetch`]: a joined case's earlier history fetched from the server (the 历史 view's button).
//!
//! The `andu` binary is found next to `andu-server` in the target directory (`cargo xtask test` builds the whole
//! workspace; for a targeted run, `cargo build -p andu-cli` first) or at `ANDU_CLI_BIN`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use andu_store::{DbKey, Store};
use serde_json::Value;

mod history_fetch;

use crate::pg::PgDb;
use crate::support::{Rng, tmp_root};

pub(crate) const PASSWORD: &str = "loopback-password";
/// A raw SQLCipher key (no key derivation): each `andu` run opens its store in microseconds instead of ~0.2 s.
pub(crate) const STORE_KEY: &str = "x'7A0D1C9E3B5F48A2C6E1D0B9F8A7C6B5D4E3F2A1B0C9D8E7F6A5B4C3D2E1F0A9'";
pub(crate) const DIV1: &str = "民一庭";
const DIV2: &str = "民二庭";

fn server_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_andu-server"))
}

fn andu_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("ANDU_CLI_BIN") {
        return PathBuf::from(p);
    }
    let p = server_bin().with_file_name(format!("andu{}", std::env::consts::EXE_SUFFIX));
    assert!(
        p.exists(),
        "the andu CLI is not built at {}: run `cargo build -p andu-cli` first (cargo xtask test builds it with the \
         workspace), or point ANDU_CLI_BIN at it",
        p.display()
    );
    p
}

fn show(out: &Output) -> String {
    format!(
        "status {}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

// ---- the server process --------------------------------------------------------------------------------------

pub(crate) struct Server {
    data: PathBuf,
    database: Option<String>,
    /// 0 until the first start; restarts reuse the port, since stores remember the server's URL.
    port: u16,
    child: Option<Child>,
    url: String,
    log: PathBuf,
}

impl Server {
    pub(crate) fn new(dir: &Path, database: Option<&str>) -> Server {
        Server {
            data: dir.join("server"),
            database: database.map(String::from),
            port: 0,
            child: None,
            url: String::new(),
            log: dir.join("server.log"),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(server_bin());
        c.arg("--data").arg(&self.data).env("ANDU_PASSWORD", PASSWORD).env_remove("ANDU_DATABASE");
        if let Some(db) = &self.database {
            c.arg("--database").arg(db);
        }
        c
    }

    /// An administrative command (`user add`, `audit verify`…); its standard output.
    pub(crate) fn admin(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("andu-server runs");
        assert!(out.status.success(), "andu-server {args:?}: {}", show(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub(crate) fn add_user(&self, name: &str, role: &str, division: &str) {
        self.admin(&["user", "add", "--name", name, "--role", role, "--division", division]);
    }

    pub(crate) fn start(&mut self) {
        assert!(self.child.is_none(), "already running");
        let listen = format!("127.0.0.1:{}", self.port);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).expect("log file");
            let mut child = self
                .command()
                .arg("--listen")
                .arg(&listen)
                .stdout(Stdio::piped())
                .stderr(Stdio::from(log))
                .spawn()
                .expect("andu-server starts");
            let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            if let Some(rest) = line.trim().strip_prefix("andu-server listening on ") {
                let url = rest.split_whitespace().next().expect("url").to_string();
                let kind = if self.database.is_some() { "(postgres)" } else { "(sqlite)" };
                assert!(line.contains(kind), "unexpected banner: {line}");
                self.port = url.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port in the banner");
                self.url = url;
                // Keep reading whatever else it prints, so it never writes into a closed pipe.
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut stdout, &mut std::io::sink());
                });
                self.child = Some(child);
                return;
            }
            // Not listening: most likely the old port is not free yet after a kill. Try again for a while.
            let _ = child.kill();
            let _ = child.wait();
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                panic!("andu-server did not start on {listen}; its log:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// SIGKILL: no shutdown, no flush, exactly like a power cut for the process (not for the disk).
    fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn sqlite(&self) -> rusqlite::Connection {
        assert!(self.database.is_none());
        rusqlite::Connection::open(self.data.join("server.db")).expect("server.db opens")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

// ---- a client store driven through the andu CLI ----------------------------------------------------------------

pub(crate) struct Client {
    db: PathBuf,
}

impl Client {
    pub(crate) fn new(dir: &Path, name: &str) -> Client {
        Client { db: dir.join(format!("{name}.db")) }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(andu_bin());
        c.arg("--db")
            .arg(&self.db)
            .args(args)
            .env("ANDU_DB_KEY", STORE_KEY)
            .env("ANDU_PASSWORD", PASSWORD)
            .env_remove("ANDU_DB");
        c
    }

    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).arg("--json").output().expect("andu runs");
        assert!(out.status.success(), "andu {args:?} ({}): {}", self.db.display(), show(&out));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("andu {args:?}: not JSON ({e}): {}", show(&out)))
    }

    pub(crate) fn login(&self, server: &Server, user: &str) {
        let who = self.json(&["login", "--server", &server.url, "--user", user]);
        assert_eq!(who["name"], user);
    }

    /// `andu sync --json` as (pushed, pulled, conflicts, rejected).
    pub(crate) fn sync(&self) -> (u64, u64, u64, u64) {
        let r = self.json(&["sync"]);
        let n = |k: &str| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {r}"));
        (n("pushed"), n("pulled"), n("conflicts"), n("rejected"))
    }

    fn show(&self, case_no: &str) -> Value {
        self.json(&["case", "show", case_no])
    }

    fn set(&self, case_no: &str, field: &str, value: &str) {
        self.json(&["case", "set", case_no, field, value]);
    }

    fn case_nos(&self) -> BTreeSet<String> {
        let list = self.json(&["case", "list", "--limit", "100000"]);
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| c["case_no"].as_str().expect("case_no").into())
            .collect()
    }

    fn conflicts(&self) -> Vec<Value> {
        self.json(&["conflicts"]).as_array().expect("a list").clone()
    }

    pub(crate) fn store(&self) -> Store {
        Store::open(&self.db, &DbKey::new(STORE_KEY)).expect("client store opens")
    }
}

fn case_line(no: &str, cause: &str, division: &str, plaintiff: &str, defendant: &str) -> String {
    serde_json::json!({
        "case_no": no,
        "cause": cause,
        "procedure": "civil-simple",
        "filed": "2026-03-02",
        "court": "深圳市龙华区人民法院",
        "division": division,
        "judge": "王法官",
        "parties": [
            {"role": "原告", "name": plaintiff, "kind": "person"},
            {"role": "被告", "name": defendant, "kind": "org"}
        ]
    })
    .to_string()
}

fn set_of(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

// ---- the two-client scenario -----------------------------------------------------------------------------------

const C1: &str = "（2026）粤0309民初101号";
const C2: &str = "（2026）粤0309民初102号";
const C3: &str = "（2026）粤0309民初103号";
const C9: &str = "（2026）粤0309民初909号";

fn two_clients(database: Option<&str>) {
    let dir = tempfile::Builder::new().prefix("andu-loopback").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), database);
    server.add_user("王", "judge", DIV1);
    server.add_user("李", "assistant", DIV1);
    server.add_user("赵", "judge", DIV2);
    server.start();

    // The judge registers cases (one from flags, two by import) and syncs.
    let a = Client::new(dir.path(), "wang");
    a.login(&server, "王");
    #[rustfmt::skip]
    a.json(&[
        "case", "add", "--case-no", C1, "--cause", "民间借贷纠纷", "--procedure", "简易程序", "--filed", "2026-03-02",
        "--court", "深圳市龙华区人民法院", "--division", DIV1, "--judge", "王法官", "--party", "原告:张三",
        "--party", "被告:深圳市某某科技有限公司",
    ]);
    let file = dir.path().join("cases.jsonl");
    let lines = [
        case_line(C2, "买卖合同纠纷", DIV1, "李四", "某某贸易有限公司"),
        case_line(C3, "物业服务合同纠纷", DIV1, "某某物业公司", "王五"),
    ];
    std::fs::write(&file, lines.join("\n") + "\n").expect("write jsonl");
    assert_eq!(a.json(&["import", file.to_str().expect("utf-8 path")])["created"], 2);
    let (pushed, _, conflicts, rejected) = a.sync();
    assert_eq!((pushed, conflicts, rejected), (9, 0, 0), "3 cases with 2 parties each");

    // The assistant logs in on another machine and receives them.
    let b = Client::new(dir.path(), "li");
    b.login(&server, "李");
    let (pushed, pulled, conflicts, rejected) = b.sync();
    assert_eq!((pushed, conflicts, rejected), (0, 0, 0));
    assert!(pulled >= 9, "pulled {pulled}");
    assert_eq!(b.case_nos(), set_of(&[C1, C2, C3]));
    let shown = b.show(C1);
    assert_eq!(shown["cause"], "民间借贷纠纷");
    assert_eq!(shown["parties"], "张三 诉 深圳市某某科技有限公司");
    assert_eq!(b.show(C3)["parties_list"][0]["name"], "某某物业公司");

    // Different fields of one case, edited on both sides: merged, no conflict.
    a.set(C1, "clerk", "钱书记员");
    b.set(C1, "assistant", "李助理");
    for c in [&a, &b, &a] {
        let (_, _, conflicts, rejected) = c.sync();
        assert_eq!((conflicts, rejected), (0, 0));
    }
    for c in [&a, &b] {
        let s = c.show(C1);
        assert_eq!((s["clerk"].as_str(), s["assistant"].as_str()), (Some("钱书记员"), Some("李助理")), "{s}");
        assert!(c.conflicts().is_empty());
    }

    // The same field, two different values: a conflict both sides see, each with its own value as "mine".
    a.set(C1, "cause", "买卖合同纠纷");
    b.set(C1, "cause", "租赁合同纠纷");
    assert_eq!(a.sync().2, 0, "the first to arrive is applied");
    assert_eq!(b.sync().2, 1, "the second becomes a conflict");
    assert_eq!(a.sync().2, 1, "and reaches the first writer too");
    let (ca, cb) = (a.conflicts(), b.conflicts());
    assert_eq!((ca.len(), cb.len()), (1, 1), "{ca:?} {cb:?}");
    let (ca, cb) = (&ca[0], &cb[0]);
    assert_eq!(ca["id"], cb["id"]);
    for c in [ca, cb] {
        assert_eq!((c["case_no"].as_str(), c["field"].as_str()), (Some(C1), Some("cause")), "{c}");
    }
    assert_eq!((ca["mine"].as_str(), ca["theirs"].as_str()), (Some("买卖合同纠纷"), Some("租赁合同纠纷")), "{ca}");
    assert_eq!((cb["mine"].as_str(), cb["theirs"].as_str()), (Some("租赁合同纠纷"), Some("买卖合同纠纷")), "{cb}");

    // The assistant takes the judge's value; after both sync the conflict is gone and both agree.
    let id = cb["id"].as_str().expect("id");
    b.json(&["conflicts", "resolve", id, "--take", "theirs"]);
    assert_eq!(b.sync().2, 0);
    assert_eq!(a.sync().2, 0);
    assert_eq!(b.sync(), (0, 0, 0, 0), "nothing left to exchange");
    for c in [&a, &b] {
        assert!(c.conflicts().is_empty(), "{}", c.db.display());
    }
    let (sa, sb) = (a.show(C1), b.show(C1));
    assert_eq!(sa["cause"], "买卖合同纠纷");
    assert_eq!(sa, sb, "both machines show the same case");

    // A judge of 民二庭 sees none of 民一庭's cases, and may not register one there.
    let z = Client::new(dir.path(), "zhao");
    z.login(&server, "赵");
    assert_eq!(z.sync(), (0, 0, 0, 0));
    assert!(z.case_nos().is_empty());
    let file = dir.path().join("zhao.jsonl");
    std::fs::write(&file, case_line(C9, "借款合同纠纷", DIV1, "甲", "乙") + "\n").expect("write jsonl");
    z.json(&["import", file.to_str().expect("utf-8 path")]);
    let (pushed, _, _, rejected) = z.sync();
    assert_eq!((pushed, rejected), (0, 3), "the case and its two parties are refused");
    assert_eq!(a.sync().1, 0, "nothing reached 民一庭");
    assert!(!a.case_nos().contains(C9));

    // He is moved to 民一庭 for a while (his machine receives the cases), then back to 民二庭: an edit he makes
    // offline to a 民一庭 case is refused, counted, and the case leaves his machine.
    server.admin(&["user", "set", "--name", "赵", "--role", "judge", "--division", DIV1]);
    z.sync();
    assert!(z.case_nos().is_superset(&set_of(&[C1, C2, C3])), "{:?}", z.case_nos());
    server.admin(&["user", "set", "--name", "赵", "--role", "judge", "--division", DIV2]);
    z.set(C2, "judge", "赵法官");
    let (pushed, _, _, rejected) = z.sync();
    assert_eq!((pushed, rejected), (0, 1));
    assert!(z.case_nos().is_disjoint(&set_of(&[C1, C2, C3])), "{:?}", z.case_nos());
    a.sync();
    assert_eq!(a.show(C2)["judge"], "王法官", "the refused edit changed nothing on the server");
}

#[test]
fn two_clients_sqlite() {
    two_clients(None);
}

#[test]
fn two_clients_postgres() {
    let Some(db) = PgDb::create() else { return };
    two_clients(Some(&db.url));
}

// ---- kill -9 ---------------------------------------------------------------------------------------------------

/// Every op the client holds as acknowledged is applied on the server, and the server has none the client did not
/// make (sync.md §3.1, I1).
fn acknowledged_ops_on_server(client: &Client, server: &Server) -> (usize, i64) {
    let store = client.store();
    let acked = store.sync_status().expect("status").acked;
    // Read as the outbox reads them: a created case's one row stands for each row it created.
    let edits = andu_store::table::change_log::outbox_with_order(store.conn(), 0, usize::MAX).expect("outbox");
    let mine: BTreeSet<String> =
        edits.iter().filter(|e| e.device_seq <= acked).map(|e| e.change.change_id.clone()).collect();
    let made: BTreeSet<String> = edits.iter().map(|e| e.change.change_id.clone()).collect();
    assert_eq!(mine.len() as i64, acked, "device_seq is contiguous");
    let db = server.sqlite();
    let applied: BTreeSet<String> = db
        .prepare("SELECT op_id FROM applied_ops WHERE device_id = ?1")
        .expect("sql")
        .query_map([store.device()], |r| r.get(0))
        .expect("sql")
        .map(|r| r.expect("row"))
        .collect();
    let lost: Vec<_> = mine.difference(&applied).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged ops are not on the server, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(3)]
    );
    let foreign: Vec<_> = applied.difference(&made).collect();
    assert!(foreign.is_empty(), "the server applied ops this device never made: {foreign:?}");
    let last_seq: i64 =
        db.query_row("SELECT last_seq FROM devices WHERE id = ?1", [store.device()], |r| r.get(0)).unwrap_or(0);
    assert!(last_seq >= acked, "server's last_seq {last_seq} < client's acknowledged {acked}");
    (applied.len(), acked)
}

fn integrity_ok(store: &Store) {
    let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(check, "ok");
}

fn seed() -> u64 {
    let seed = std::env::var("ANDU_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7)
    });
    eprintln!("kill -9 timings from seed {seed} (ANDU_KILL_SEED={seed} repeats them)");
    seed
}

fn spawn_sync(client: &Client) -> Child {
    client.cmd(&["sync", "--json"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("andu sync starts")
}

/// Whether an `andu sync` that may have been interrupted finished successfully.
fn finish(child: Child) -> bool {
    child.wait_with_output().expect("wait").status.success()
}

/// A court with `cases` demo cases (several divisions), registered by the president and pushed to the server.
fn court_with_cases(dir: &Path, cases: usize) -> (Server, Client) {
    let mut server = Server::new(dir, None);
    server.add_user("院长", "president", "");
    server.start();
    let p = Client::new(dir, "president");
    // Generated cases pushed on purpose: not marked as a demo store, which would never be synced.
    p.json(&["demo", "--cases", &cases.to_string(), "--today", "2026-03-02", "--not-demo"]);
    p.login(&server, "院长");
    (server, p)
}

#[test]
fn server_killed_mid_push() {
    let dir = tempfile::Builder::new().prefix("andu-kill-server").tempdir_in(tmp_root()).expect("tmp dir");
    let (mut server, p) = court_with_cases(dir.path(), 2000);
    let total = p.store().sync_status().expect("status").pending;
    assert!(total > 8000, "2,000 cases with parties, hearings and events: {total} ops");
    let mut rng = Rng::new(seed());
    let mut interrupted = 0;
    for round in 0..5 {
        let sync = spawn_sync(&p);
        std::thread::sleep(Duration::from_millis(50 + rng.below(600) as u64));
        server.kill9();
        if !finish(sync) {
            interrupted += 1;
        }
        let (applied, acked) = acknowledged_ops_on_server(&p, &server);
        eprintln!("round {round}: server killed; {applied} ops applied, {acked} acknowledged of {total}");
        server.start();
    }
    assert!(interrupted > 0, "no kill landed during a sync");
    // Finish: the outbox drains, nothing is lost or doubled, the audit chain is whole.
    let (_, _, conflicts, rejected) = p.sync();
    assert_eq!((conflicts, rejected), (0, 0));
    let status = p.store().sync_status().expect("status");
    assert_eq!(status.pending, 0, "outbox empty");
    assert_eq!(status.acked, total);
    let (applied, _) = acknowledged_ops_on_server(&p, &server);
    assert_eq!(applied as i64, total, "every op applied exactly once");
    let audited: i64 = server.sqlite().query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0)).expect("audit rows");
    assert_eq!(audited, total, "one audit entry per applied op");
    server.kill9();
    let verified = server.admin(&["audit", "verify"]);
    assert!(verified.contains("审计日志完整"), "{verified}");
}

/// The server's cases and their rows, as the sync protocol carries them.
fn server_cases(server: &Server) -> BTreeSet<(String, String, String, String)> {
    let db = server.sqlite();
    let mut stmt = db
        .prepare(
            "SELECT case_id, entity, id, row_json FROM entities WHERE entity <> 'conflict' AND row_json IS NOT NULL",
        )
        .expect("sql");
    stmt.query_map([], |r| {
        let row: String = r.get(3)?;
        let v: Value = serde_json::from_str(&row).expect("json");
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, v.to_string()))
    })
    .expect("sql")
    .map(|r| r.expect("row"))
    .collect()
}

fn client_cases(store: &Store) -> BTreeSet<(String, String, String, String)> {
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM cases")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("sql")
        .map(|r| r.expect("row"))
        .collect();
    let mut out = BTreeSet::new();
    for id in ids {
        for r in andu_store::sync::case_rows(store.conn(), &id).expect("rows") {
            out.insert((id.clone(), r.entity, r.entity_id, r.row.expect("live row").to_string()));
        }
    }
    out
}

#[test]
fn client_killed_mid_pull() {
    let dir = tempfile::Builder::new().prefix("andu-kill-client").tempdir_in(tmp_root()).expect("tmp dir");
    let (server, p) = court_with_cases(dir.path(), 2000);
    let (pushed, _, _, rejected) = p.sync();
    assert!(pushed > 8000 && rejected == 0);
    // How long an uninterrupted first sync takes here, so the kills land inside one.
    let reference = Client::new(dir.path(), "reference");
    reference.login(&server, "院长");
    let started = Instant::now();
    reference.sync();
    let full = started.elapsed().as_millis() as usize;
    // The president's second machine: its first sync pulls every case, and is killed again and again.
    let c = Client::new(dir.path(), "laptop");
    c.login(&server, "院长");
    let mut rng = Rng::new(seed());
    let mut interrupted = 0;
    let mut last_cursor = 0;
    for round in 0..6 {
        let mut sync = spawn_sync(&c);
        std::thread::sleep(Duration::from_millis((full * (5 + rng.below(30)) / 100) as u64));
        let _ = sync.kill();
        if !finish(sync) {
            interrupted += 1;
        }
        let store = c.store();
        integrity_ok(&store);
        let status = store.sync_status().expect("status");
        assert!(status.cursor.seq >= last_cursor, "cursor went back: {} < {last_cursor}", status.cursor.seq);
        last_cursor = status.cursor.seq;
        let held: i64 = store.conn().query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0)).expect("count");
        eprintln!(
            "round {round}: andu sync killed ({full} ms for a whole one); cursor {}, {held} cases held",
            status.cursor.seq
        );
    }
    assert!(interrupted > 0, "no kill landed during the pull");
    let (pushed, _, conflicts, rejected) = c.sync();
    assert_eq!((pushed, conflicts, rejected), (0, 0, 0));
    let store = c.store();
    integrity_ok(&store);
    let (mine, theirs) = (client_cases(&store), server_cases(&server));
    let cases = |s: &BTreeSet<(String, String, String, String)>| s.iter().map(|r| r.0.clone()).collect::<BTreeSet<_>>();
    assert_eq!(cases(&mine).len(), 2001, "every demo case (and the fixed one)");
    assert_eq!(cases(&mine), cases(&theirs));
    assert_eq!(mine, client_cases(&reference.store()), "the same as a machine that was never interrupted");
    let missing: Vec<_> = theirs.difference(&mine).take(3).collect();
    let extra: Vec<_> = mine.difference(&theirs).take(3).collect();
    assert!(missing.is_empty() && extra.is_empty(), "rows differ: missing {missing:?}, extra {extra:?}");
}

/// `andu logout` ends the session only when nothing waits to be uploaded; logging in again as the same user goes on
/// from where the store was (nothing pulled twice).
#[test]
fn logout_waits_for_pending_edits_and_login_resumes() {
    let dir = tempfile::Builder::new().prefix("andu-loopback").tempdir_in(tmp_root()).expect("tmp dir");
    let (server, p) = court_with_cases(dir.path(), 3);
    let (pushed, _, _, _) = p.sync();
    assert!(pushed > 0);
    let case_no = p.case_nos().into_iter().next().expect("a demo case");
    p.set(&case_no, "clerk", "离线书记员");

    let fails = |args: &[&str]| -> Value {
        let out = p.cmd(args).arg("--json").output().expect("andu runs");
        assert!(!out.status.success(), "andu {args:?} should fail: {}", show(&out));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", show(&out)))
    };
    let refused = fails(&["logout"]);
    assert_eq!(refused["code"], "logout_pending");
    assert!(refused["message"].as_str().unwrap().contains("1 项修改尚未上传"), "{refused}");

    assert_eq!(p.sync().0, 1, "the waiting edit goes up");
    let out = p.json(&["logout"]);
    assert_eq!((&out["logged_out"], &out["revoked_on_server"]), (&Value::Bool(true), &Value::Bool(true)));
    // The server forgot the device's tokens: a copied refresh token is worthless now.
    let device = p.store().device().to_string();
    let left: i64 = server
        .sqlite()
        .query_row("SELECT COUNT(*) FROM tokens WHERE device_id = ?1", [&device], |r| r.get(0))
        .expect("tokens readable");
    assert_eq!(left, 0);
    assert_eq!(fails(&["sync"])["code"], "not_logged_in");
    assert_eq!(p.show(&case_no)["clerk"], "离线书记员", "cases stay on the machine");
    let status = p.store().sync_status().unwrap();
    assert_eq!((status.server, status.user), (None, None));

    p.login(&server, "院长");
    assert_eq!(p.sync(), (0, 0, 0, 0), "the same user on the same server resumes from the stored cursor");
}

/// Issue #14: demo data never reaches a court server. A demo store cannot log in, and a logged-in store that has
/// demo cases generated into it is refused at the next sync with a typed error — nothing reaches the server.
#[test]
fn demo_data_is_never_pushed() {
    let dir = tempfile::Builder::new().prefix("andu-demo-refused").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), None);
    server.add_user("王", "judge", DIV1);
    server.start();

    let demo = Client::new(dir.path(), "demo");
    demo.json(&["demo", "--cases", "20", "--today", "2026-03-02"]);
    let out = demo.cmd(&["login", "--server", &server.url, "--user", "王", "--json"]).output().expect("andu runs");
    assert!(!out.status.success(), "a demo store logged in: {}", show(&out));
    let body: Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(body["code"], "demo_store_not_synced", "{body}");

    // A real store, logged in, then filled with demo cases: the sync is refused and pushes nothing.
    let real = Client::new(dir.path(), "real");
    real.login(&server, "王");
    real.json(&["demo", "--cases", "20", "--today", "2026-03-02"]);
    let out = real.cmd(&["sync", "--json"]).output().expect("andu runs");
    assert!(!out.status.success(), "a demo store synced: {}", show(&out));
    let body: Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(body["code"], "demo_store_not_synced", "{body}");
    assert!(server_cases(&server).is_empty(), "the server received demo data");
    assert!(real.store().sync_status().expect("status").pending > 0, "the demo edits stay local");
}

/// Issue #14: `andu restore` of a backup from a device that went on syncing after it. The restored store is a new
/// device: nothing it sends is refused as `sequence_reused`, nothing written after the backup — by the old device
/// or by a colleague — is lost, and the backup's edits that had not been uploaded when it was made go up.
#[test]
fn a_restored_store_rejoins_as_a_new_device_and_loses_nothing() {
    let dir = tempfile::Builder::new().prefix("andu-restore").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), None);
    server.add_user("王", "judge", DIV1);
    server.add_user("李", "assistant", DIV1);
    server.start();

    let a = Client::new(dir.path(), "wang");
    a.login(&server, "王");
    // The login keeps the account as the store's profile (the first run and 设置 show it; issue #14).
    let profile = a.store().profile().expect("profile");
    assert_eq!((profile.name.as_str(), profile.division.as_str()), ("王", DIV1));
    let file = dir.path().join("cases.jsonl");
    std::fs::write(&file, case_line(C1, "民间借贷纠纷", DIV1, "张三", "某某科技有限公司") + "\n").expect("jsonl");
    a.json(&["import", file.to_str().expect("utf-8 path")]);
    a.sync();
    let b = Client::new(dir.path(), "li");
    b.login(&server, "李");
    b.sync();

    // The backup is made with one edit not uploaded yet (the clerk).
    a.set(C1, "clerk", "钱书记员");
    let backups = dir.path().join("backups");
    let made = a.json(&["backup", "--out", backups.to_str().expect("utf-8 path")]);
    let backup_file = made["file"]["path"].as_str().expect("backup path").to_string();
    let old_device = a.store().device().to_string();

    // After the backup the machine goes on: the clerk edit goes up, then more edits and a new case; a colleague
    // changes the case too.
    a.sync();
    a.set(C1, "assistant", "孙助理");
    std::fs::write(&file, case_line(C2, "买卖合同纠纷", DIV1, "李四", "某某贸易有限公司") + "\n").expect("jsonl");
    a.json(&["import", file.to_str().expect("utf-8 path")]);
    assert_eq!(a.sync().3, 0);
    b.sync();
    b.set(C1, "cause", "金融借款合同纠纷");
    assert_eq!(b.sync().3, 0);

    // Restore: the store is back at the backup, logged out, and says where to log in again.
    let restored = a.json(&["restore", &backup_file]);
    assert_eq!(restored["rejoin"]["server"], server.url.as_str(), "{restored}");
    assert_eq!((&restored["rejoin"]["user"], &restored["rejoin"]["pending"]), (&Value::from("王"), &Value::from(1)));
    assert_ne!(a.store().device(), old_device);
    assert_eq!(a.case_nos(), set_of(&[C1]));
    let out = a.cmd(&["sync", "--json"]).output().expect("andu runs");
    assert!(!out.status.success(), "a restored store synced under the old device's session: {}", show(&out));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("json error")["code"], "not_logged_in");

    // Logged in again: the backup's clerk edit goes up (the server already has that value), nothing is refused,
    // and everything written after the backup comes back.
    a.login(&server, "王");
    let (pushed, pulled, conflicts, rejected) = a.sync();
    assert_eq!((pushed, conflicts, rejected), (1, 0, 0), "pulled {pulled}");
    assert_eq!(a.case_nos(), set_of(&[C1, C2]), "the case imported after the backup");
    let shown = a.show(C1);
    assert_eq!(
        (shown["clerk"].as_str(), shown["assistant"].as_str(), shown["cause"].as_str()),
        (Some("钱书记员"), Some("孙助理"), Some("金融借款合同纠纷")),
        "{shown}"
    );
    assert_eq!(a.store().sync_status().expect("status").pending, 0);

    // The restored store's new edits are accepted and reach the colleague.
    a.set(C1, "judge", "恢复后的法官");
    assert_eq!(a.sync(), (1, 0, 0, 0));
    assert_eq!(b.sync().3, 0);
    assert_eq!(b.show(C1)["judge"], "恢复后的法官");
    let refused: i64 = server
        .sqlite()
        .query_row("SELECT COUNT(*) FROM applied_ops WHERE result LIKE '%sequence_reused%'", [], |r| r.get(0))
        .expect("applied_ops readable");
    assert_eq!(refused, 0);
}

// ---- what the court publishes for the statistics and for 阅核 ---------------------------------------------------

/// Issue #18: the court's case weights (案件权重) and settings travel like its rule files. `andu-server publish
/// weights` reaches the judge's machine at the next `andu sync`, and `andu stats judge` computes 折算结案数 with
/// them; a withdrawal brings back the built-in file. `publish settings` sets the store's `review:reviewer` (the
/// server checks pushes against the same publication; tests/server/review.rs).
#[test]
fn court_weights_and_settings_reach_the_judge_s_machine() {
    let dir = tempfile::Builder::new().prefix("andu-weights").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), None);
    server.add_user("王", "judge", DIV1);
    server.start();
    let a = Client::new(dir.path(), "wang");
    a.login(&server, "王");
    #[rustfmt::skip]
    a.json(&[
        "case", "add", "--case-no", C1, "--cause", "民间借贷纠纷", "--procedure", "简易程序", "--filed", "2026-03-02",
        "--court", "深圳市龙华区人民法院", "--division", DIV1, "--judge", "王法官", "--party", "原告:张三",
        "--party", "被告:深圳市某某科技有限公司",
    ]);
    a.set(C1, "closed", "2026-04-01");
    a.sync();
    let weighted = |c: &Client| -> (f64, String) {
        let page = c.json(&["stats", "judge", "王法官", "--from", "2026-01-01", "--to", "2026-12-31"]);
        let m = page["metrics"].as_array().unwrap().iter().find(|m| m["key"] == "weighted_closed").unwrap().clone();
        (m["value"].as_f64().unwrap(), page["weights_version"].as_str().unwrap().to_string())
    };
    assert_eq!(weighted(&a), (1.0, "andu-weights-default-1".to_string()));

    let file = dir.path().join("本院案件权重.toml");
    std::fs::write(&file, "version = \"本院-2027\"\ndefault = 1.0\n[procedure]\n\"简易程序\" = 0.5\n").unwrap();
    server.admin(&["publish", "weights", file.to_str().unwrap()]);
    let settings = dir.path().join("本院设置.toml");
    std::fs::write(&settings, "\"review:reviewer\" = \"院长\"\n").unwrap();
    server.admin(&["publish", "settings", settings.to_str().unwrap()]);
    a.sync();
    assert_eq!(weighted(&a), (0.5, "本院-2027".to_string()), "the court's weights are in force");
    assert_eq!(a.store().setting("review:reviewer").unwrap().as_deref(), Some("院长"));

    server.admin(&["withdraw", "weights", "weights"]);
    server.admin(&["withdraw", "settings", "settings"]);
    a.sync();
    assert_eq!(weighted(&a), (1.0, "andu-weights-default-1".to_string()), "withdrawn: the built-in weights");
    assert_eq!(a.store().setting("review:reviewer").unwrap().as_deref(), Some(""), "back to the default (庭长)");
}
