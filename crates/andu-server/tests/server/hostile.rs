//! Issue #12 items 1, 2, 3 and 9, op by op on SQLite and PostgreSQL: a 民二庭 judge who forges `case_id` to reach a
//! 民一庭 case's rows (case, party, hearing, note, draft, a conflict), moves a case between divisions, replays another
//! device's op id, pushes rows a client could not store, or claims a `base` beyond the feed. Each is refused with its
//! code, shows nothing of the other division, and leaves every 民一庭 row as it was; a new 民一庭 device still syncs.

use andu_core::Coded;
use andu_server::backend::{Backend, Val};
use andu_server::{Caller, Postgres, Service, Sqlite};
use andu_sync::access::Role;
use andu_sync::{Cursor, Op, OpKind, OpOutcome, OpResult, PROTOCOL_VERSION, Pull, Push, PushReply, codes};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Map, Value, json};

use crate::pg::PgDb;
use crate::support::{add_user, open_store, sync_cleanly};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn case_row(id: &str, n: u32, division: &str) -> Value {
    json!({
        "id": id, "case_no": format!("（2026）粤0309民初{n}号"), "category": "民事", "cause": "民间借贷纠纷",
        "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": division, "filed": "2026-03-02",
        "closed": null, "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
    })
}

fn party_row(id: &str) -> Value {
    json!({"id": id, "role": "原告", "name": "张三", "kind": "person", "id_number": null, "address": "深圳",
           "phone": "13800000000", "agent": null, "foreign": false})
}

fn note_row(id: &str, text: Value) -> Value {
    json!({"entity": "note", "id": id, "text": text, "created": "2026-11-26T08:00:00.000Z"})
}

fn draft_row(id: &str, case_id: &str) -> Value {
    json!({"id": id, "case_id": case_id, "kind": "civil-judgment", "title": "民事判决书",
           "created_at": "2026-11-26T08:00:00.000Z"})
}

fn revision_row(id: &str, draft_id: &str) -> Value {
    json!({"id": id, "draft_id": draft_id, "parents": [], "content": {"reasoning": "本院认为。"}, "author": "赵法官",
           "created_at": "2026-11-26T08:00:00.000Z"})
}

/// One device's ops, numbered as its outbox numbers them.
struct Device {
    caller: Caller,
    next: i64,
}

impl Device {
    fn op(&mut self, case_id: &str, entity: &str, id: &str, kind: OpKind, base: i64) -> Op {
        let seq = self.next;
        self.next += 1;
        Op {
            op_id: format!("{}-{seq}", self.caller.device_id),
            device_seq: seq,
            case_id: case_id.into(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            base,
            at: "2026-11-26T08:59:00.000Z".into(),
        }
    }
    fn create(&mut self, case_id: &str, entity: &str, row: Value) -> Op {
        let id = row["id"].as_str().unwrap().to_string();
        self.op(case_id, entity, &id, OpKind::Create { row }, 0)
    }
    fn set(&mut self, case_id: &str, entity: &str, id: &str, field: &str, value: Value, base: i64) -> Op {
        let fields = Map::from_iter([(field.to_string(), value)]);
        self.op(case_id, entity, id, OpKind::Patch { fields }, base)
    }
}

fn code(r: &OpResult) -> &str {
    match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { code, .. } => code,
    }
}

struct Court<B: Backend> {
    svc: Service<B>,
}

impl<B: Backend> Court<B> {
    fn push(&self, d: &Device, ops: Vec<Op>) -> PushReply {
        let reply = self.svc.push(&d.caller, &Push { protocol: PROTOCOL_VERSION, ops }, now()).unwrap();
        assert!(reply.gap.is_none(), "{reply:?}");
        reply
    }
    fn one(&self, d: &mut Device, op: impl FnOnce(&mut Device) -> Op) -> OpResult {
        let op = op(d);
        self.push(d, vec![op]).results.remove(0)
    }
    /// Everything the server keeps about case `c1`: its rows, their field versions, its feed and conflicts.
    fn case_state(&self, case_id: &str) -> Vec<Vec<Val>> {
        self.svc
            .backend()
            .read(|tx| {
                let mut all = tx.query(
                    "SELECT entity, id, case_id, row_json, seq FROM entities WHERE case_id = ?1 ORDER BY entity, id",
                    &[case_id.into()],
                )?;
                all.extend(tx.query(
                    "SELECT f.entity, f.id, f.field, f.seq, f.device_id FROM fields f
                     JOIN entities e ON e.entity = f.entity AND e.id = f.id
                     WHERE e.case_id = ?1 ORDER BY f.entity, f.id, f.field",
                    &[case_id.into()],
                )?);
                all.extend(tx.query("SELECT * FROM changes WHERE case_id = ?1 ORDER BY seq", &[case_id.into()])?);
                all.extend(tx.query("SELECT * FROM cases_index WHERE case_id = ?1", &[case_id.into()])?);
                Ok(all)
            })
            .unwrap()
    }
    fn max_seq(&self) -> i64 {
        self.svc.backend().read(andu_server::db::max_seq).unwrap()
    }
}

/// The court before the attack: 民一庭's case c1 with a party, a hearing, a note, a draft and an open conflict on its
/// judge; 民二庭's case c2.
fn court<B: Backend>(svc: Service<B>) -> (Court<B>, Device, Device, Device, String) {
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "li", Role::Assistant, "民一庭");
    add_user(&svc, "zhao", Role::Judge, "民二庭");
    add_user(&svc, "boss", Role::President, "");
    let device = |user: &str, id: &str| Device { caller: svc.enroll_device(user, id, now()).unwrap(), next: 1 };
    let (mut wang, mut li, mut zhao, boss) =
        (device("wang", "W"), device("li", "L"), device("zhao", "Z"), device("boss", "P"));
    let court = Court { svc };
    let ops = vec![
        wang.create("c1", "case", case_row("c1", 1, "民一庭")),
        wang.create("c1", "party", party_row("p1")),
        wang.create(
            "c1",
            "hearing",
            json!({"entity": "hearing", "id": "h1", "start": "2026-12-01T09:00", "room": "第三法庭"}),
        ),
        wang.create("c1", "note", note_row("n1", json!("王法官的备注"))),
        wang.create("c1", "draft", draft_row("d1", "c1")),
    ];
    assert!(court.push(&wang, ops).results.iter().all(|r| code(r) == "applied"));
    let base = court.max_seq();
    assert_eq!(code(&court.one(&mut wang, |d| d.set("c1", "case", "c1", "judge", json!("陈法官"), base))), "applied");
    let r = court.one(&mut li, |d| d.set("c1", "case", "c1", "judge", json!("林法官"), base));
    let OpOutcome::Conflict { conflicts } = &r.outcome else { panic!("{r:?}") };
    let conflict = conflicts[0].id.clone();
    let r = court.one(&mut zhao, |d| d.create("c2", "case", case_row("c2", 2, "民二庭")));
    assert_eq!(code(&r), "applied");
    (court, wang, zhao, boss, conflict)
}

fn hostile_ops_are_refused<B: Backend>(svc: Service<B>) {
    let (court, mut wang, mut zhao, mut boss, conflict) = court(svc);
    let before = court.case_state("c1");
    let high = court.max_seq();
    let phone = |v: &str| Map::from_iter([("phone".to_string(), json!(v))]);
    // (what the 民二庭 judge tries, the op, the code it must get)
    #[allow(clippy::type_complexity)]
    let table: Vec<(&str, Box<dyn FnOnce(&mut Device) -> Op>, &str)> = vec![
        (
            "change a 民一庭 case's judge under their own case id",
            Box::new(|d| d.set("c2", "case", "c1", "judge", json!("赵法官"), high)),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "same, with a stale base to provoke a conflict showing the case",
            Box::new(|d| d.set("c2", "case", "c1", "judge", json!("赵法官"), 0)),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "read and change a 民一庭 party's phone",
            Box::new(move |d| d.op("c2", "party", "p1", OpKind::Patch { fields: phone("13900000000") }, 0)),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "delete a 民一庭 hearing",
            Box::new(|d| d.op("c2", "hearing", "h1", OpKind::Delete, high)),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "overwrite a 民一庭 note through create",
            Box::new(|d| d.create("c2", "note", note_row("n1", json!("被改写")))),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "resolve a 民一庭 conflict under their own case id",
            Box::new({
                let k = conflict.clone();
                move |d| {
                    d.op("c2", "conflict", &k, OpKind::Resolve { conflict_id: k.clone(), value: json!("赵法官") }, high)
                }
            }),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "a draft that names the 民一庭 case",
            Box::new(|d| d.create("c2", "draft", draft_row("d2", "c1"))),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "a revision of the 民一庭 draft",
            Box::new(|d| d.create("c2", "draft_revision", revision_row("r1", "d1"))),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "move the 民一庭 case into 民二庭",
            Box::new(|d| d.set("c1", "case", "c1", "division", json!("民二庭"), high)),
            codes::FORBIDDEN_CASE,
        ),
        (
            "move the 民一庭 case through their own case id",
            Box::new(|d| d.set("c2", "case", "c1", "division", json!("民二庭"), high)),
            codes::ENTITY_NOT_IN_CASE,
        ),
        (
            "move their own case into 民一庭",
            Box::new(|d| d.set("c2", "case", "c2", "division", json!("民一庭"), high)),
            codes::FORBIDDEN_MOVE,
        ),
        (
            "a note whose text is a number (item 3)",
            Box::new(|d| d.create("c2", "note", note_row("n2", json!(12345)))),
            codes::INVALID_ROW,
        ),
        (
            "a note with a terminal escape",
            Box::new(|d| d.create("c2", "note", note_row("n3", json!("\u{1b}[2J清屏")))),
            codes::INVALID_ROW,
        ),
        (
            "a case field set to null",
            Box::new(|d| d.set("c2", "case", "c2", "judge", Value::Null, high)),
            codes::INVALID_ROW,
        ),
        ("an unknown field", Box::new(|d| d.set("c2", "case", "c2", "secret", json!("x"), high)), codes::INVALID_ROW),
        ("an unknown entity kind", Box::new(|d| d.create("c2", "secret", json!({"id": "s1"}))), codes::INVALID_ROW),
        (
            "a row whose id is not the op's",
            Box::new(|d| d.op("c2", "note", "n4", OpKind::Create { row: note_row("n1", json!("x")) }, 0)),
            codes::INVALID_OP,
        ),
        (
            "a resolution sent as a case edit",
            Box::new(|d| d.op("c2", "case", "c2", OpKind::Resolve { conflict_id: "x".into(), value: json!(1) }, high)),
            codes::INVALID_OP,
        ),
        (
            "a base beyond the feed (item 9)",
            Box::new(|d| d.set("c2", "case", "c2", "judge", json!("赵法官"), 1_000_000_000_000_000)),
            codes::INVALID_BASE,
        ),
        ("a negative base", Box::new(|d| d.set("c2", "case", "c2", "judge", json!("赵法官"), -1)), codes::INVALID_BASE),
    ];
    for (what, op, want) in table {
        let r = court.one(&mut zhao, op);
        assert_eq!(code(&r), want, "{what}: {r:?}");
        // Nothing of 民一庭 comes back: a refusal shows at most the pusher's own case.
        if let Some(current) = &r.current {
            assert_eq!(current["id"], "c2", "{what}: showed {current}");
        }
    }
    assert_eq!(court.case_state("c1"), before, "no 民一庭 row, field version or feed row changed");
    // A 民一庭 judge may not move their case out either; the 院长 may, and the audit log says so.
    assert_eq!(
        code(&court.one(&mut wang, |d| d.set("c1", "case", "c1", "division", json!("民二庭"), high))),
        codes::FORBIDDEN_MOVE
    );
    assert_eq!(court.case_state("c1"), before);
    let r = court.one(&mut boss, |d| d.set("c2", "case", "c2", "division", json!("民一庭"), high));
    assert_eq!(code(&r), "applied", "{r:?}");
    let audited =
        court.svc.backend().read(|tx| tx.query("SELECT detail FROM audit WHERE user_name = 'boss'", &[])).unwrap();
    let detail: Value = serde_json::from_str(&audited[0][0].text()).unwrap();
    assert_eq!(detail["division_move"], json!({"from": "民二庭", "to": "民一庭", "by_role": "president"}));
    assert_eq!(court.svc.verify_audit().unwrap() as usize, 7 + 20 + 2 + 1, "every answer audited once");
}

#[test]
fn hostile_ops_are_refused_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    hostile_ops_are_refused(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn hostile_ops_are_refused_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    hostile_ops_are_refused(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// Item 2: dedup is per device. Another device's op id is a new op of the device that sends it, answered about its
/// own case; the first device's retry still gets its own answer.
fn op_ids_are_deduplicated_per_device<B: Backend>(svc: Service<B>) {
    let (court, mut wang, mut zhao, mut boss, _) = court(svc);
    // Wang's first op created c1; Zhao sends an op with that id, about his own case.
    let mut replay = zhao.set("c2", "case", "c2", "clerk", json!("书记员丙"), 0);
    replay.op_id = "W-1".into();
    let r = court.push(&zhao, vec![replay.clone()]).results.remove(0);
    assert_eq!(code(&r), "applied", "a new op for this device: {r:?}");
    assert_eq!((r.op_id.as_str(), r.device_seq), ("W-1", replay.device_seq));
    assert!(!serde_json::to_string(&r).unwrap().contains("c1"), "nothing of 民一庭 in the answer: {r:?}");
    // Zhao's retry is deduplicated (no second effect), and Wang's retry of W-1 still gets Wang's answer.
    let before = court.max_seq();
    assert_eq!(court.push(&zhao, vec![replay]).results.remove(0), r);
    assert_eq!(court.max_seq(), before);
    let mut wang_retry = wang.create("c1", "case", case_row("c1", 1, "民一庭"));
    (wang_retry.op_id, wang_retry.device_seq) = ("W-1".into(), 1);
    wang.next -= 1;
    let again = court.push(&wang, vec![wang_retry]).results.remove(0);
    assert_eq!((again.op_id.as_str(), again.device_seq, code(&again)), ("W-1", 1, "applied"));
    // Conflicts are named by op id and field: Zhao's conflict under Li's op id must not overwrite Li's conflict.
    let (li_conflict, before) = ("L-1:judge", court.case_state("c1"));
    let high = court.max_seq();
    assert_eq!(code(&court.one(&mut boss, |d| d.set("c2", "case", "c2", "judge", json!("院长指定"), high))), "applied");
    let mut clash = zhao.set("c2", "case", "c2", "judge", json!("赵法官"), high);
    clash.op_id = "L-1".into();
    let r = court.push(&zhao, vec![clash]).results.remove(0);
    let OpOutcome::Conflict { conflicts } = &r.outcome else { panic!("{r:?}") };
    assert_eq!((conflicts[0].id.as_str(), conflicts[0].case_id.as_str()), ("Z:L-1:judge", "c2"));
    assert_eq!(court.case_state("c1"), before, "Li's conflict {li_conflict} is untouched");
}

#[test]
fn op_ids_are_deduplicated_per_device_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    op_ids_are_deduplicated_per_device(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn op_ids_are_deduplicated_per_device_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    op_ids_are_deduplicated_per_device(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// Item 9: a request whose ops cannot be ordered or answered once (no op id, a sequence below 1, an oversized one)
/// is refused whole with `bad_request`, before anything is written; a cursor the server never issued too.
fn malformed_requests_are_refused_whole<B: Backend>(svc: Service<B>) {
    let (court, _, mut zhao, _, _) = court(svc);
    let answers = |c: &Court<B>| c.svc.backend().read(|tx| tx.query("SELECT * FROM applied_ops", &[])).unwrap().len();
    let before = (answers(&court), court.max_seq());
    let good = zhao.set("c2", "case", "c2", "judge", json!("赵法官"), 0);
    let bad: Vec<Op> = vec![
        Op { op_id: String::new(), ..good.clone() },
        Op { op_id: "x".repeat(200), ..good.clone() },
        Op { op_id: "a\u{0}b".into(), ..good.clone() },
        Op { device_seq: 0, ..good.clone() },
        Op { device_seq: -5, ..good.clone() },
        Op { at: "9".repeat(100), ..good.clone() },
    ];
    for op in bad {
        let err = court.svc.push(
            &zhao.caller,
            &Push { protocol: PROTOCOL_VERSION, ops: vec![good.clone(), op.clone()] },
            now(),
        );
        let err = err.expect_err(&format!("{op:?}"));
        assert_eq!((err.code(), err.status()), (codes::BAD_REQUEST, 400), "{op:?}");
    }
    assert_eq!((answers(&court), court.max_seq()), before, "nothing of a refused request was written");
    let pull = |cursor: Cursor| {
        court.svc.pull(
            &zhao.caller,
            &Pull {
                protocol: PROTOCOL_VERSION,
                cursor,
                limit: 100,
                assets_after: 0,
                continued_snapshots: false,
                current_snapshots: false,
                resume: None,
            },
            now(),
        )
    };
    let high = court.max_seq();
    for cursor in [
        Cursor { seq: high + 1, epoch: 0 },
        Cursor { seq: -1, epoch: 0 },
        Cursor { seq: 0, epoch: -1 },
        Cursor { seq: 0, epoch: i64::MAX },
    ] {
        let err = pull(cursor).expect_err(&format!("{cursor:?}"));
        assert_eq!((err.code(), err.status()), (codes::BAD_CURSOR, 400), "{cursor:?}");
    }
    assert!(pull(Cursor { seq: high, epoch: 0 }).is_ok());
}

#[test]
fn malformed_requests_are_refused_whole_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    malformed_requests_are_refused_whole(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn malformed_requests_are_refused_whole_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    malformed_requests_are_refused_whole(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// After every attack above, a new 民一庭 device still takes the whole division in one clean sync (a malformed row
/// used to make every device fail `file_unreadable`, and new devices replay it), and holds exactly the 民一庭 case.
#[test]
fn a_new_device_of_the_attacked_division_still_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(Sqlite::open(&dir.path().join("server")).unwrap());
    let (court, _, mut zhao, _, _) = court(svc);
    for row in [note_row("n2", json!(12345)), note_row("n1", json!("被改写")), json!({"id": "n5", "text": [1]})] {
        court.one(&mut zhao, |d| d.create("c2", "note", row));
    }
    let mut store = open_store(&dir.path().join("li.db"));
    sync_cleanly(&court.svc, "li", &mut store, now());
    let cases: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM cases")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(cases, ["c1"]);
    let note: String = store.conn().query_row("SELECT text FROM notes WHERE id = 'n1'", [], |r| r.get(0)).unwrap();
    assert_eq!(note, "王法官的备注");
}
