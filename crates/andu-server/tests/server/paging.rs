//! Limits the protocol states, on SQLite and PostgreSQL (issue #12, item 6): a push of more than 500 ops is refused
//! whole before any work; every pull page is bounded in bytes as well as rows, and a case whose history alone is
//! larger than a page still reaches a new device — its history continued over several pages — through the real
//! client store. Older clients, which cannot take a history in parts, still get it whole.

use andu_core::Coded;
use andu_server::backend::Backend;
use andu_server::{Caller, Postgres, Service, Sqlite, db};
use andu_sync::access::Role;
use andu_sync::{
    CaseSnapshot, Cursor, MAX_PUSH_OPS, Op, OpKind, PROTOCOL_VERSION, Pull, PullPage, Push, SnapshotResume, codes,
};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::pg::PgDb;
use crate::support::{add_user, open_store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

/// The page budget of these tests: a case history of ~60 rows of ~700 bytes is five times larger.
const BUDGET: usize = 8 * 1024;

fn case_row(id: &str, no: &str) -> Value {
    json!({
        "id": id, "case_no": no, "category": "民事", "cause": "民间借贷纠纷", "procedure": "civil-simple",
        "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02", "closed": null,
        "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
    })
}

fn op(seq: i64, case_id: &str, kind: OpKind) -> Op {
    Op {
        op_id: format!("{case_id}-{seq}"),
        device_seq: seq,
        case_id: case_id.into(),
        entity: "case".into(),
        entity_id: case_id.into(),
        kind,
        base: 0,
        at: "2026-11-26T08:59:00.000Z".into(),
    }
}

/// `count` edits of the judge's name, each a long value: every feed row carries the whole case row.
fn long_edits(first_seq: i64, case_id: &str, count: usize) -> Vec<Op> {
    (0..count)
        .map(|i| {
            let judge = format!("王法官{i}{}", "（代）".repeat(60));
            let fields = serde_json::Map::from_iter([("judge".to_string(), json!(judge))]);
            op(first_seq + i as i64, case_id, OpKind::Patch { fields })
        })
        .collect()
}

fn pull<B: Backend>(
    svc: &Service<B>,
    who: &Caller,
    cursor: Cursor,
    resume: Option<SnapshotResume>,
    parts: bool,
) -> PullPage {
    let p = Pull {
        protocol: PROTOCOL_VERSION,
        cursor,
        limit: 1000,
        assets_after: 0,
        continued_snapshots: parts,
        current_snapshots: false,
        resume,
    };
    svc.pull(who, &p, now()).unwrap()
}

/// Every page until caught up, as a client that takes continued snapshots stores them.
fn pull_all<B: Backend>(svc: &Service<B>, who: &Caller, cursor: &mut Cursor) -> Vec<PullPage> {
    let (mut pages, mut resume) = (Vec::new(), None);
    loop {
        let page = pull(svc, who, *cursor, resume.clone(), true);
        *cursor = page.next;
        resume = page.resume.clone();
        let more = page.has_more;
        pages.push(page);
        assert!(pages.len() < 200, "pulling never ends");
        if !more {
            return pages;
        }
    }
}

fn wire_bytes(page: &PullPage) -> usize {
    serde_json::to_vec(page).unwrap().len()
}

fn history_seqs<B: Backend>(svc: &Service<B>, case_id: &str) -> Vec<i64> {
    svc.backend().read(|tx| db::case_history(tx, case_id, i64::MAX)).unwrap().iter().map(|c| c.seq).collect()
}

fn paging_rules<B: Backend>(mut svc: Service<B>) {
    svc.max_page_bytes = BUDGET;
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "li", Role::Assistant, "民一庭");
    let wang = svc.enroll_device("wang", "A", now()).unwrap();
    let li = svc.enroll_device("li", "B", now()).unwrap();

    // More than 500 ops: refused whole, before any work.
    let mut ops = vec![op(1, "c1", OpKind::Create { row: case_row("c1", "（2026）粤0309民初1号") })];
    ops.extend(long_edits(2, "c1", MAX_PUSH_OPS));
    let err = svc.push(&wang, &Push { protocol: PROTOCOL_VERSION, ops: ops.clone() }, now()).unwrap_err();
    assert_eq!((err.code(), err.status()), (codes::TOO_MANY_OPS, 413));
    assert_eq!(svc.backend().read(|tx| db::max_seq(tx)).unwrap(), 0, "nothing applied");
    // 500 are taken (in a division the assistant below does not see).
    add_user(&svc, "zhao", Role::Judge, "民二庭");
    let zhao = svc.enroll_device("zhao", "Z", now()).unwrap();
    let mut row = case_row("c9", "（2026）粤0309民初9号");
    row["division"] = json!("民二庭");
    let mut full = vec![op(1, "c9", OpKind::Create { row })];
    full.extend(long_edits(2, "c9", MAX_PUSH_OPS - 1));
    let reply = svc.push(&zhao, &Push { protocol: PROTOCOL_VERSION, ops: full }, now()).unwrap();
    assert_eq!(reply.results.len(), MAX_PUSH_OPS);
    assert!(reply.results.iter().all(|r| matches!(r.outcome, andu_sync::OpOutcome::Applied { .. })));
    let reply = svc.push(&wang, &Push { protocol: PROTOCOL_VERSION, ops: ops[..61].to_vec() }, now()).unwrap();
    assert_eq!(reply.results.len(), 61);
    let small = op(1, "c2", OpKind::Create { row: case_row("c2", "（2026）粤0309民初2号") });
    let other = svc.enroll_device("wang", "A2", now()).unwrap();
    svc.push(&other, &Push { protocol: PROTOCOL_VERSION, ops: vec![small] }, now()).unwrap();
    let c1 = history_seqs(&svc, "c1");
    assert_eq!(c1.len(), 61);

    // A new device: c1's history arrives over several pages, each about the budget, continued in order.
    let mut cursor = Cursor::default();
    let pages = pull_all(&svc, &li, &mut cursor);
    let parts: Vec<&CaseSnapshot> = pages.iter().flat_map(|p| &p.snapshots).filter(|s| s.case_id == "c1").collect();
    assert!(parts.len() >= 4, "c1's history in {} parts", parts.len());
    assert!(!parts[0].continued && parts[1..].iter().all(|s| s.continued));
    let got: Vec<i64> = parts.iter().flat_map(|s| s.history.iter().map(|r| r.seq)).collect();
    assert_eq!(got, c1, "the whole history, in order, each row once");
    for p in &pages {
        assert!(wire_bytes(p) <= BUDGET + 2048, "a page of {} bytes", wire_bytes(p));
    }
    assert!(pages.iter().flat_map(|p| &p.snapshots).any(|s| s.case_id == "c2"));

    // A lost continuation page is sent again the same; a lost first part starts the case over.
    let mut again = Cursor::default();
    let first = pull(&svc, &svc.enroll_device("li", "B2", now()).unwrap(), again, None, true);
    let b2 = svc.enroll_device("li", "B2", now()).unwrap();
    let resume = first.resume.clone().expect("c1 continues");
    let second = pull(&svc, &b2, first.next, Some(resume.clone()), true);
    let repeated = pull(&svc, &b2, first.next, Some(resume), true);
    assert_eq!(second.snapshots, repeated.snapshots);
    assert!(second.snapshots[0].continued);
    again = Cursor::default(); // the client crashed before storing the first page
    let restarted = pull(&svc, &b2, again, None, true);
    assert_eq!(restarted.snapshots, first.snapshots);
    assert!(!restarted.snapshots[0].continued);

    // An older client gets c1 whole, in one snapshot.
    let old = svc.enroll_device("li", "OLD", now()).unwrap();
    let page = pull(&svc, &old, Cursor::default(), None, false);
    let whole = page.snapshots.iter().find(|s| s.case_id == "c1").expect("c1 whole");
    assert_eq!(whole.history.len(), 61);
    assert!(page.resume.is_none());

    // Feed rows are bounded the same way: 40 more long edits reach the caught-up device over several pages.
    let more = long_edits(62, "c1", 40);
    svc.push(&wang, &Push { protocol: PROTOCOL_VERSION, ops: more }, now()).unwrap();
    let pages = pull_all(&svc, &li, &mut cursor);
    let rows: Vec<i64> = pages.iter().flat_map(|p| p.rows.iter().map(|r| r.seq)).collect();
    assert_eq!(rows, history_seqs(&svc, "c1")[61..].to_vec());
    assert!(pages.len() >= 3, "40 rows of ~700 bytes in {} pages", pages.len());
    for p in &pages {
        assert!(wire_bytes(p) <= BUDGET + 2048, "a page of {} bytes", wire_bytes(p));
    }
}

#[test]
fn pushes_and_pages_are_bounded_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    paging_rules(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn pushes_and_pages_are_bounded_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    paging_rules(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// The real client store takes a history continued over pages (as a client that asks for whole histories gets
/// it): the case ends as the server has it, with its whole history in the change log.
fn continued_history_reaches_a_store<B: Backend>(mut svc: Service<B>) {
    svc.max_page_bytes = BUDGET;
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "li", Role::Assistant, "民一庭");
    let wang = svc.enroll_device("wang", "A", now()).unwrap();
    let mut ops = vec![op(1, "c1", OpKind::Create { row: case_row("c1", "（2026）粤0309民初1号") })];
    ops.extend(long_edits(2, "c1", 80));
    svc.push(&wang, &Push { protocol: PROTOCOL_VERSION, ops }, now()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir.path().join("li.db"));
    let li = svc.enroll_device("li", store.device(), now()).unwrap();
    let mut cursor = Cursor::default();
    loop {
        let page = pull(&svc, &li, cursor, store.snapshot_resume().unwrap(), true);
        store.apply_pull(&page, now()).unwrap();
        cursor = page.next;
        if !page.has_more {
            break;
        }
    }
    let server_row = svc.backend().read(|tx| db::entity(tx, "case", "c1")).unwrap().and_then(|e| e.row).unwrap();
    let local = andu_store::sync::case_rows(store.conn(), "c1").unwrap();
    assert_eq!(local[0].row.as_ref().unwrap()["judge"], server_row["judge"]);
    let pulled: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM change_log WHERE case_id = 'c1' AND server_seq IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pulled, 81, "every change of the history, once");
    assert_eq!(store.snapshot_resume().unwrap(), None, "nothing left to continue");
}

#[test]
fn a_history_larger_than_a_page_reaches_a_new_store_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    continued_history_reaches_a_store(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn a_history_larger_than_a_page_reaches_a_new_store_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    continued_history_reaches_a_store(Service::new(Postgres::connect(&pg.url).unwrap()));
}
