//! Sync at a division's size (issue #13), on SQLite and PostgreSQL, through real client stores:
//!
//! - a device is never sent its own changes back — unless the server's row is not the one it holds (its edit was
//!   merged with one it had not seen), and then it is;
//! - a new device that starts every case from the server's current rows ends with exactly the state of one that
//!   replayed the whole history, and gets the history itself on demand;
//! - a current snapshot larger than a page, interrupted by a crash mid-way, resumes where it stopped.

use andu_server::backend::Backend;
use andu_server::{Postgres, Service, Sqlite};
use andu_store::Store;
use andu_sync::access::Role;
use andu_sync::{
    Cursor, FeedRow, Hello, HelloReply, HistoryPage, HistoryRequest, PROTOCOL_VERSION, Pull, PullPage, Push, PushReply,
};
use andu_sync_client::{SyncError, SyncReport, Transport, fetch_case_history, sync_once};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use crate::pg::PgDb;
use crate::support::{Rng, SimTransport, add_user, case_input, open_store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

const DIV: &str = "民一庭";

/// A transport that keeps every feed row it delivered (page rows and snapshot rows).
struct Recording<'a, T: Transport> {
    inner: &'a mut T,
    rows: Vec<FeedRow>,
}

impl<T: Transport> Transport for Recording<'_, T> {
    fn hello(&mut self, h: &Hello) -> Result<HelloReply, SyncError> {
        self.inner.hello(h)
    }
    fn push(&mut self, p: &Push) -> Result<PushReply, SyncError> {
        self.inner.push(p)
    }
    fn pull(&mut self, p: &Pull) -> Result<PullPage, SyncError> {
        let page = self.inner.pull(p)?;
        self.rows.extend(page.rows.iter().cloned());
        self.rows.extend(page.snapshots.iter().flat_map(|s| s.history.iter().cloned()));
        Ok(page)
    }
    fn history(&mut self, h: &HistoryRequest) -> Result<HistoryPage, SyncError> {
        self.inner.history(h)
    }
}

/// One sync of `store` as `user`'s device without faults (crashing after `crash_after` requests, if given): the
/// report (or the error) and every feed row delivered.
fn sync<B: Backend>(
    svc: &Service<B>,
    user: &str,
    store: &mut Store,
    crash_after: Option<usize>,
) -> (Result<SyncReport, SyncError>, Vec<FeedRow>) {
    let caller = svc.enroll_device(user, store.device(), now()).expect("device enrolled");
    let (mut rng, mut violations) = (Rng::new(7), Vec::new());
    let mut sim = SimTransport {
        svc,
        caller,
        rng: &mut rng,
        fault_percent: 0,
        crash_after,
        calls: 0,
        now: now(),
        violations: &mut violations,
        small_pages: false,
    };
    let mut t = Recording { inner: &mut sim, rows: Vec::new() };
    let report = sync_once(store, &mut t, now());
    let rows = t.rows;
    assert!(violations.is_empty(), "{violations:?}");
    (report, rows)
}

fn case_no(n: usize) -> String {
    format!("（2026）粤0309民初{n}号")
}

/// The server's live rows of every case (conflict records aside), as the client stores them.
fn server_state<B: Backend>(svc: &Service<B>) -> Vec<(String, String, String, Value)> {
    let mut rows: Vec<(String, String, String, Value)> = svc
        .backend()
        .read(|tx| {
            Ok(tx
                .query(
                    "SELECT case_id, entity, id, row_json FROM entities WHERE entity <> 'conflict' AND row_json IS NOT NULL",
                    &[],
                )?
                .iter()
                .map(|r| (r[0].text(), r[1].text(), r[2].text(), serde_json::from_str(&r[3].text()).unwrap()))
                .collect())
        })
        .unwrap();
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    rows
}

/// A store's rows of every case it holds, in the same shape.
fn local_state(store: &Store) -> Vec<(String, String, String, Value)> {
    let ids: Vec<String> = {
        let mut stmt = store.conn().prepare("SELECT id FROM cases").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let mut rows = Vec::new();
    for id in ids {
        for r in andu_store::sync::case_rows(store.conn(), &id).unwrap() {
            rows.push((id.clone(), r.entity, r.entity_id, r.row.unwrap()));
        }
    }
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    rows
}

fn open_conflicts(store: &Store) -> Vec<String> {
    let mut ids: Vec<String> = store.conflicts(false).unwrap().into_iter().map(|c| c.id).collect();
    ids.sort();
    ids
}

fn pulled_history(store: &Store, case_id: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM change_log WHERE case_id = ?1 AND server_seq IS NOT NULL AND device_seq IS NULL",
            [case_id],
            |r| r.get(0),
        )
        .unwrap()
}

fn never_sent_back<B: Backend>(svc: Service<B>) {
    add_user(&svc, "wang", Role::Judge, DIV);
    add_user(&svc, "li", Role::Assistant, DIV);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.db"));
    let mut b = open_store(&dir.path().join("b.db"));
    let own = |rows: &[FeedRow], store: &Store| rows.iter().filter(|r| r.device_id == store.device()).count();

    // The first upload: new cases, their parties, edits of them. Nothing of it comes back.
    for n in 1..=3 {
        a.write(now(), |w| w.add_case(&case_input(n, DIV))).unwrap();
        a.write(now(), |w| w.set_case_field(&case_no(n), "clerk", "书记员甲")).unwrap();
    }
    let (report, rows) = sync(&svc, "wang", &mut a, None);
    let report = report.unwrap();
    assert!(report.pushed >= 9, "{report:?}");
    assert_eq!((report.pulled, own(&rows, &a)), (0, 0), "the uploader is sent nothing back: {rows:?}");
    // Another device gets everything; then an edit it makes on a row it had seen reaches the first one alone.
    let (report, _) = sync(&svc, "li", &mut b, None);
    assert!(report.unwrap().pulled >= 9);
    b.write(now(), |w| w.set_case_field(&case_no(1), "judge", "陈法官")).unwrap();
    let (_, rows) = sync(&svc, "li", &mut b, None);
    assert_eq!(own(&rows, &b), 0, "li's edit is not sent back to li");
    // A later edit of the uploader on a row it holds in full: not sent back either.
    let (_, rows) = sync(&svc, "wang", &mut a, None);
    assert_eq!((rows.len(), own(&rows, &a)), (1, 0), "only li's edit reaches wang: {rows:?}");
    a.write(now(), |w| w.set_case_field(&case_no(2), "judge", "林法官")).unwrap();
    let (_, rows) = sync(&svc, "wang", &mut a, None);
    assert_eq!(own(&rows, &a), 0);

    // Concurrent edits of different fields of one case: li's is merged first; wang's edit, made without having
    // seen it, merges into a row wang does not hold — so that row is sent back to wang, and both end equal.
    b.write(now(), |w| w.set_case_field(&case_no(3), "assistant", "周助理")).unwrap();
    sync(&svc, "li", &mut b, None).0.unwrap();
    a.write(now(), |w| w.set_case_field(&case_no(3), "cause", "买卖合同纠纷")).unwrap();
    let (_, rows) = sync(&svc, "wang", &mut a, None);
    assert_eq!(own(&rows, &a), 1, "the merged row comes back to wang: {rows:?}");
    sync(&svc, "li", &mut b, None).0.unwrap();
    let server = server_state(&svc);
    assert_eq!(local_state(&a), server, "wang's store is the server's state");
    assert_eq!(local_state(&b), server, "li's store is the server's state");
}

#[test]
fn a_device_is_never_sent_its_own_changes_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    never_sent_back(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn a_device_is_never_sent_its_own_changes_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    never_sent_back(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// Pull every page as an older client does — whole histories, replayed row by row — into `store`.
fn replay_history<B: Backend>(svc: &Service<B>, user: &str, store: &mut Store) -> usize {
    let caller = svc.enroll_device(user, store.device(), now()).unwrap();
    let mut cursor = Cursor::default();
    let mut rows = 0;
    loop {
        let p = Pull {
            protocol: PROTOCOL_VERSION,
            cursor,
            limit: 1000,
            assets_after: 0,
            continued_snapshots: true,
            current_snapshots: false,
            resume: store.snapshot_resume().unwrap(),
        };
        let page = svc.pull(&caller, &p, now()).unwrap();
        rows += page.rows.len() + page.snapshots.iter().map(|s| s.history.len()).sum::<usize>();
        store.apply_pull(&page, now()).unwrap();
        cursor = page.next;
        if !page.has_more {
            return rows;
        }
    }
}

fn joining_equals_replaying<B: Backend>(svc: Service<B>) {
    add_user(&svc, "wang", Role::Judge, DIV);
    add_user(&svc, "li", Role::Assistant, DIV);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.db"));
    let mut b = open_store(&dir.path().join("b.db"));
    // A history with edits over edits, a removed hearing (a tombstone), notes, and a conflict left open next to
    // one resolved.
    for n in 1..=4 {
        a.write(now(), |w| w.add_case(&case_input(n, DIV))).unwrap();
    }
    let hearing = andu_core::case::HearingInput { start: "2026-06-08T09:00".into(), room: "第三法庭".into() };
    let h = a.write(now(), |w| w.add_hearing(&case_no(1), &hearing)).unwrap();
    for (i, judge) in ["陈法官", "林法官", "王法官", "陈法官"].iter().enumerate() {
        a.write(now(), |w| w.set_case_field(&case_no(1 + i % 2), "judge", judge)).unwrap();
    }
    a.write(now(), |w| w.add_note(&case_no(2), "当事人申请延期举证")).unwrap();
    sync(&svc, "wang", &mut a, None).0.unwrap();
    a.write(now(), |w| w.remove_record(&case_no(1), &h).map(drop)).unwrap();
    sync(&svc, "wang", &mut a, None).0.unwrap();
    sync(&svc, "li", &mut b, None).0.unwrap();
    for (n, value) in [(3, "书记员甲"), (4, "书记员丙")] {
        a.write(now(), |w| w.set_case_field(&case_no(n), "clerk", value)).unwrap();
        b.write(now(), |w| w.set_case_field(&case_no(n), "clerk", "书记员乙")).unwrap();
    }
    sync(&svc, "wang", &mut a, None).0.unwrap();
    sync(&svc, "li", &mut b, None).0.unwrap();
    let conflicts = b.conflicts(false).unwrap();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    b.resolve_conflict(&conflicts[0].id, conflicts[0].ours.clone(), now()).unwrap();
    sync(&svc, "li", &mut b, None).0.unwrap();
    sync(&svc, "wang", &mut a, None).0.unwrap();

    // A new device of wang joins from the current rows; another replays the whole history as older clients do.
    let mut joined = open_store(&dir.path().join("joined.db"));
    let mut replayed = open_store(&dir.path().join("replayed.db"));
    let (report, _) = sync(&svc, "wang", &mut joined, None);
    let joined_rows = report.unwrap().pulled;
    let replayed_rows = replay_history(&svc, "wang", &mut replayed);
    assert!(
        joined_rows < replayed_rows,
        "the current rows are fewer than the history: {joined_rows} vs {replayed_rows}"
    );
    let server = server_state(&svc);
    assert_eq!(local_state(&joined), server);
    assert_eq!(local_state(&joined), local_state(&replayed), "joining from current rows = replaying the history");
    assert_eq!(open_conflicts(&joined), open_conflicts(&replayed));
    assert_eq!(open_conflicts(&joined).len(), 1, "the open conflict is shown on the new device");
    assert_eq!(open_conflicts(&joined), open_conflicts(&a));
    // No history row per received row: one per case says its history is on the server (the 历史 view and `andu
    // history` show where), and what is derived from the change log — the search — knows every case all the same.
    for n in 1..=4 {
        let history = joined.history(&case_no(n)).unwrap();
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!(history[0].field.as_deref(), Some(andu_store::sync::HISTORY_ON_SERVER));
        assert_eq!(history[0].device, "server");
    }
    let found = |s: &mut Store| -> Vec<String> {
        let mut hits: Vec<String> = s.search("粤0309民初", 10).unwrap().into_iter().map(|h| h.case_no).collect();
        hits.sort();
        hits
    };
    assert_eq!(found(&mut joined).len(), 4);
    assert_eq!(found(&mut joined), found(&mut replayed));

    // The history is there on demand: the joined device then has every change of the case, as the replaying one.
    let case1 = joined
        .conn()
        .query_row("SELECT id FROM cases WHERE case_no = ?1", [case_no(1)], |r| r.get::<_, String>(0))
        .unwrap();
    assert!(pulled_history(&joined, &case1) < pulled_history(&replayed, &case1));
    let caller = svc.enroll_device("wang", joined.device(), now()).unwrap();
    let (mut rng, mut violations) = (Rng::new(1), Vec::new());
    let mut t = SimTransport {
        svc: &svc,
        caller,
        rng: &mut rng,
        fault_percent: 0,
        crash_after: None,
        calls: 0,
        now: now(),
        violations: &mut violations,
        small_pages: false,
    };
    let fetched = fetch_case_history(&mut joined, &mut t, &case1).unwrap();
    assert_eq!(fetched as i64, pulled_history(&replayed, &case1));
    assert_eq!(pulled_history(&joined, &case1), pulled_history(&replayed, &case1));
    assert_eq!(local_state(&joined), server, "fetching the history changes no row");

    // History is refused, alike, for a case outside the user's access and for one that does not exist.
    add_user(&svc, "zhao", Role::Judge, "民二庭");
    let zhao = svc.enroll_device("zhao", "Z", now()).unwrap();
    for case_id in [case1.as_str(), "no-such-case"] {
        let h = HistoryRequest { protocol: PROTOCOL_VERSION, case_id: case_id.into(), after: 0, limit: 100 };
        let err = svc.history(&zhao, &h).unwrap_err();
        assert_eq!(andu_core::Coded::code(&err), andu_sync::codes::FORBIDDEN_CASE);
    }
}

#[test]
fn joining_from_current_rows_ends_as_replaying_the_history_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    joining_equals_replaying(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn joining_from_current_rows_ends_as_replaying_the_history_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    joining_equals_replaying(Service::new(Postgres::connect(&pg.url).unwrap()));
}

fn interrupted_snapshot_resumes<B: Backend>(mut svc: Service<B>) {
    // Pages of about 8 KB: a case with 40 notes of ~1 KB is a current snapshot of several pages.
    svc.max_page_bytes = 8 * 1024;
    add_user(&svc, "wang", Role::Judge, DIV);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.db"));
    a.write(now(), |w| w.add_case(&case_input(1, DIV))).unwrap();
    let hearing = andu_core::case::HearingInput { start: "2026-06-08T09:00".into(), room: "第三法庭".into() };
    let h = a.write(now(), |w| w.add_hearing(&case_no(1), &hearing)).unwrap();
    for i in 0..40 {
        let text = format!("第{i}条备注：{}", "当事人提交证据材料。".repeat(30));
        a.write(now(), |w| w.add_note(&case_no(1), &text)).unwrap();
    }
    a.write(now(), |w| w.add_case(&case_input(2, DIV))).unwrap();
    sync(&svc, "wang", &mut a, None).0.unwrap();

    // The new device crashes after its third request (hello, pull, pull): part of the case is stored, with where
    // it goes on.
    let path = dir.path().join("new.db");
    let mut fresh = open_store(&path);
    let (report, _) = sync(&svc, "wang", &mut fresh, Some(3));
    assert!(report.is_err(), "the sync was cut short");
    assert_eq!(journal_mode(&fresh), "wal", "back to the WAL after a join written with a rollback journal failed");
    let resume = fresh.snapshot_resume().unwrap().expect("a snapshot to resume");
    let notes: i64 = fresh.conn().query_row("SELECT COUNT(*) FROM notes", [], |r| r.get(0)).unwrap();
    assert!(notes > 0 && notes < 40, "part of the case arrived: {notes} notes, resume {resume:?}");
    drop(fresh);
    // Meanwhile the case changes: the hearing, already sent, is removed; a note is added.
    let hearings: i64 = fresh_count(&path, "hearings");
    assert_eq!(hearings, 1, "the hearing came with the first part");
    a.write(now(), |w| w.remove_record(&case_no(1), &h).map(drop)).unwrap();
    a.write(now(), |w| w.add_note(&case_no(1), "新备注")).unwrap();
    sync(&svc, "wang", &mut a, None).0.unwrap();

    let mut fresh = open_store(&path);
    let (report, rows) = sync(&svc, "wang", &mut fresh, None);
    report.unwrap();
    assert!(rows.iter().all(|r| r.seq > resume.after || r.case_id != resume.case_id), "nothing sent twice");
    assert_eq!(fresh.snapshot_resume().unwrap(), None);
    assert_eq!(local_state(&fresh), server_state(&svc), "the resumed device holds exactly the server's state");
}

fn journal_mode(store: &Store) -> String {
    store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
}

fn fresh_count(path: &std::path::Path, table: &str) -> i64 {
    open_store(path).conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn an_interrupted_snapshot_resumes_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    interrupted_snapshot_resumes(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn an_interrupted_snapshot_resumes_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    interrupted_snapshot_resumes(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// A backend that counts the statements run through it.
struct Counting<B: Backend> {
    inner: B,
    statements: std::sync::atomic::AtomicUsize,
}

struct CountingTx<'a> {
    inner: &'a mut dyn andu_server::backend::SqlTx,
    statements: &'a std::sync::atomic::AtomicUsize,
}

impl andu_server::backend::SqlTx for CountingTx<'_> {
    fn exec(&mut self, sql: &str, params: &[andu_server::backend::Val]) -> Result<u64, andu_server::ServerError> {
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.inner.exec(sql, params)
    }
    fn query(
        &mut self,
        sql: &str,
        params: &[andu_server::backend::Val],
    ) -> Result<Vec<andu_server::backend::Row>, andu_server::ServerError> {
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.inner.query(sql, params)
    }
}

impl<B: Backend> Backend for Counting<B> {
    fn write<R>(
        &self,
        f: impl FnOnce(&mut dyn andu_server::backend::SqlTx) -> Result<R, andu_server::ServerError>,
    ) -> Result<R, andu_server::ServerError> {
        self.inner.write(|tx| f(&mut CountingTx { inner: tx, statements: &self.statements }))
    }
    fn read<R>(
        &self,
        f: impl FnOnce(&mut dyn andu_server::backend::SqlTx) -> Result<R, andu_server::ServerError>,
    ) -> Result<R, andu_server::ServerError> {
        self.inner.read(|tx| f(&mut CountingTx { inner: tx, statements: &self.statements }))
    }
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }
}

/// The statements of a new device's first pull when the division has `cases` cases, and the cases on that page.
fn statements_of_a_join_page(cases: usize) -> (usize, usize) {
    let dir = tempfile::tempdir().expect("tmp dir");
    let svc = Service::new(Counting {
        inner: Sqlite::open(dir.path()).expect("server"),
        statements: std::sync::atomic::AtomicUsize::new(0),
    });
    add_user(&svc, "wang", Role::Judge, DIV);
    let a = svc.enroll_device("wang", "A", now()).expect("device");
    let ops: Vec<_> =
        (1..=cases).map(|i| crate::rules::create_case(i as i64, &format!("c{i:04}"), &case_no(i), DIV)).collect();
    for batch in ops.chunks(500) {
        svc.push(&a, &Push { protocol: PROTOCOL_VERSION, ops: batch.to_vec() }, now()).expect("pushed");
    }
    let b = svc.enroll_device("wang", "B", now()).expect("device");
    svc.backend().statements.store(0, std::sync::atomic::Ordering::Relaxed);
    let pull = Pull {
        protocol: PROTOCOL_VERSION,
        cursor: Cursor::default(),
        limit: 2000,
        assets_after: 0,
        continued_snapshots: true,
        current_snapshots: true,
        resume: None,
    };
    let page = svc.pull(&b, &pull, now()).expect("page");
    (svc.backend().statements.load(std::sync::atomic::Ordering::Relaxed), page.snapshots.len())
}

/// A join page reads its cases' current rows a few dozen cases per query (it used to take two queries and an insert
/// per case): ten times the cases on a page costs a handful more statements, not hundreds.
#[test]
fn a_join_page_reads_its_cases_by_set() {
    let (few, on_few) = statements_of_a_join_page(40);
    let (many, on_many) = statements_of_a_join_page(400);
    assert_eq!((on_few, on_many), (40, 400), "every case on one page");
    assert!(many <= few + 400 / 64 + 1, "{few} statements for a page of 40 cases, {many} for 400");
}

/// Pull every page as a client that asks for the next page only once it stored the last — the cursor, the snapshot
/// to resume and the last published asset read back from its store — keeping joined cases' histories on the server
/// (as `sync_once` does): the number of pages.
fn join_page_by_page<B: Backend>(svc: &Service<B>, user: &str, store: &mut Store) -> usize {
    use andu_store::table::sync::keys;
    let caller = svc.enroll_device(user, store.device(), now()).unwrap();
    let mut pages = 0;
    loop {
        let assets = store.sync_meta(keys::ASSETS_SEQ).unwrap().and_then(|v| v.parse().ok()).unwrap_or(0);
        let p = Pull {
            protocol: PROTOCOL_VERSION,
            cursor: store.sync_cursor().unwrap(),
            limit: andu_sync_client::PULL_PAGE,
            assets_after: assets,
            continued_snapshots: true,
            current_snapshots: true,
            resume: store.snapshot_resume().unwrap(),
        };
        let page = svc.pull(&caller, &p, now()).unwrap();
        pages += 1;
        store.apply_pull_keeping(&page, andu_store::sync::SnapshotHistory::OnServer, now()).unwrap();
        if !page.has_more {
            return pages;
        }
    }
}

fn prefetching_join_equals_sequential<B: Backend>(mut svc: Service<B>) {
    use andu_store::table::sync::keys;
    // Pages of about 8 KB: a case with 30 notes of ~1 KB is a current snapshot over several pages (resumed), and the
    // other cases take several pages more.
    svc.max_page_bytes = 8 * 1024;
    add_user(&svc, "wang", Role::Judge, DIV);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.db"));
    for n in 1..=12 {
        a.write(now(), |w| w.add_case(&case_input(n, DIV))).unwrap();
    }
    for i in 0..30 {
        let text = format!("第{i}条备注：{}", "当事人提交证据材料。".repeat(30));
        a.write(now(), |w| w.add_note(&case_no(1), &text)).unwrap();
    }
    sync(&svc, "wang", &mut a, None).0.unwrap();
    svc.publish("settings", "本院设置.toml", "\"review:reviewer\" = \"院长\"\n".as_bytes(), "admin", now()).unwrap();

    let mut prefetched = open_store(&dir.path().join("prefetched.db"));
    let (report, _) = sync(&svc, "wang", &mut prefetched, None);
    report.unwrap();
    let mut sequential = open_store(&dir.path().join("sequential.db"));
    let pages = join_page_by_page(&svc, "wang", &mut sequential);
    assert!(pages > 4, "the join takes several pages: {pages}");

    assert_eq!(local_state(&prefetched), server_state(&svc));
    assert_eq!(journal_mode(&prefetched), "wal", "back to the WAL after a join written with a rollback journal");
    assert_eq!(local_state(&prefetched), local_state(&sequential), "the same rows");
    let cursor = |s: &Store| s.sync_cursor().unwrap();
    assert_eq!(cursor(&prefetched), cursor(&sequential), "the same cursor, epoch included (as many pages stored)");
    assert_eq!(prefetched.snapshot_resume().unwrap(), None);
    assert_eq!(sequential.snapshot_resume().unwrap(), None);
    let assets_seq = |s: &Store| s.sync_meta(keys::ASSETS_SEQ).unwrap();
    assert!(assets_seq(&sequential).is_some(), "the published settings arrived");
    assert_eq!(assets_seq(&prefetched), assets_seq(&sequential));
    type HistoryRow = (String, String, Option<String>, Option<String>, String);
    let history = |s: &Store, n: usize| -> Vec<HistoryRow> {
        let rows = s.history(&case_no(n)).unwrap().into_iter();
        rows.map(|h| (h.entity, h.entity_id, h.field, h.new, h.device)).collect()
    };
    for n in 1..=12 {
        assert_eq!(history(&prefetched, n), history(&sequential, n), "the same history rows of case {n}");
    }
    // A sync after the join brings nothing more to either.
    let (report, rows) = sync(&svc, "wang", &mut prefetched, None);
    assert_eq!((report.unwrap().pulled, rows.len()), (0, 0));
}

/// `sync_once` fetches a page while it stores the one before; it ends exactly where asking page by page ends.
#[test]
fn a_prefetching_join_equals_a_sequential_one_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    prefetching_join_equals_sequential(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn a_prefetching_join_equals_a_sequential_one_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    prefetching_join_equals_sequential(Service::new(Postgres::connect(&pg.url).unwrap()));
}
