//! A batch is its ops one after another: the server stages a push's reads and writes and flushes them at the end,
//! and that must be invisible. The same ops — a create then a patch of one entity, a case then its children, 案号
//! taken and freed within one batch (a new case's and a stored case's), conflicts raised and resolved within one
//! batch, a move refused (only a 院长 moves cases), a case the 院长 moved out of the device's reach — are sent once as whole batches and once one op per push, to two
//! fresh servers; the answers and every table the push writes must come out identical.

use andu_server::backend::{Backend, Val};
use andu_server::{Caller, Postgres, Service, Sqlite};
use andu_sync::access::Role;
use andu_sync::{Op, OpKind, OpOutcome, OpResult, PROTOCOL_VERSION, Push, codes};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::pg::PgDb;
use crate::support::add_user;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn no(n: u32) -> String {
    format!("（2026）粤0309民初{n}号")
}

fn case_row(id: &str, case_no: &str, division: &str) -> Value {
    json!({
        "id": id, "case_no": case_no, "category": "民事", "cause": "民间借贷纠纷", "procedure": "civil-simple",
        "court": "深圳市龙华区人民法院", "division": division, "filed": "2026-03-02", "closed": null,
        "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
    })
}

fn party_row(id: &str, name: &str) -> Value {
    json!({"id": id, "role": "原告", "name": name, "kind": "person", "id_number": null, "address": null, "phone": null,
           "agent": null, "foreign": false})
}

/// One device's ops, numbered as its outbox numbers them.
struct Outbox {
    device: &'static str,
    next: i64,
}

impl Outbox {
    fn op(&mut self, case_id: &str, entity: &str, id: &str, kind: OpKind, base: i64) -> Op {
        let seq = self.next;
        self.next += 1;
        Op {
            op_id: format!("{}-{seq}", self.device),
            device_seq: seq,
            case_id: case_id.into(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            base,
            at: "2026-11-26T08:59:00.000Z".into(),
        }
    }
    fn create_case(&mut self, id: &str, case_no: &str, division: &str) -> Op {
        self.op(id, "case", id, OpKind::Create { row: case_row(id, case_no, division) }, 0)
    }
    fn set(&mut self, case_id: &str, entity: &str, id: &str, field: &str, value: Value, base: i64) -> Op {
        let fields = serde_json::Map::from_iter([(field.to_string(), value)]);
        self.op(case_id, entity, id, OpKind::Patch { fields }, base)
    }
    fn create_party(&mut self, case_id: &str, id: &str) -> Op {
        self.op(case_id, "party", id, OpKind::Create { row: party_row(id, "张三") }, 0)
    }
}

/// Seen everything so far: the nine changes A's first batch makes (a base beyond the feed is refused).
const SEEN_ALL: i64 = 9;

/// Five pushes: device A's first batch, device B's, A's second, the 院长's move, A's third. Each op's expected
/// answer beside it.
fn scenario() -> Vec<(&'static str, Vec<(Op, &'static str)>)> {
    let (mut a, mut b) = (Outbox { device: "A", next: 1 }, Outbox { device: "B", next: 1 });
    let mut p = Outbox { device: "P", next: 1 };
    let first = vec![
        (a.create_case("c1", &no(1), "民一庭"), "applied"),
        // A create, then a patch of the same row in the same batch.
        (a.set("c1", "case", "c1", "judge", json!("林法官"), 0), "applied"),
        // A case, then its children.
        (a.create_case("c2", &no(2), "民一庭"), "applied"),
        (a.create_party("c2", "p1"), "applied"),
        (a.set("c2", "party", "p1", "name", json!("张三丰"), 0), "applied"),
        // 案号 taken earlier in the batch, then one given up and taken again.
        (a.create_case("c3", &no(1), "民一庭"), codes::CASE_NO_TAKEN),
        (a.set("c2", "case", "c2", "case_no", json!(no(4)), 0), "applied"),
        (a.create_case("c4", &no(2), "民一庭"), "applied"),
        (a.create_case("c5", &no(5), "民二庭"), codes::FORBIDDEN_CASE),
        (a.create_party("c3", "p9"), codes::UNKNOWN_CASE),
        // A judge may not move a case to another division; the case stays, and so does the device's hold on it.
        (a.create_case("c7", &no(7), "民一庭"), "applied"),
        (a.set("c7", "case", "c7", "division", json!("民二庭"), 0), codes::FORBIDDEN_MOVE),
        (a.set("c7", "case", "c7", "clerk", json!("书记员乙"), 0), "applied"),
    ];
    let second = vec![
        (b.set("c1", "case", "c1", "judge", json!("陈法官"), SEEN_ALL), "applied"),
        (b.set("c2", "party", "p1", "address", json!("深圳市龙华区"), SEEN_ALL), "applied"),
        // A stored case gives up its 案号 and a new case takes it, in one batch (the new one's id sorts first, so
        // writing the two index rows in id order would take the 案号 before it is free).
        (b.set("c2", "case", "c2", "case_no", json!(no(6)), SEEN_ALL), "applied"),
        (b.create_case("c0", &no(4), "民一庭"), "applied"),
        (b.create_case("c8", &no(6), "民一庭"), codes::CASE_NO_TAKEN),
        (b.set("c1", "case", "c1", "case_no", json!(no(2)), SEEN_ALL), codes::CASE_NO_TAKEN),
    ];
    let third = vec![
        // A conflict, resolved later in the same batch (its id is the op's id and the field).
        (a.set("c1", "case", "c1", "judge", json!("王法官"), 0), "conflict"),
        (
            a.op(
                "c1",
                "conflict",
                "A-14:judge",
                OpKind::Resolve { conflict_id: "A-14:judge".into(), value: json!("王法官") },
                0,
            ),
            "applied",
        ),
        (a.op("c2", "party", "p1", OpKind::Delete, 0), "conflict"),
        (a.set("c1", "case", "c1", "clerk", json!("书记员甲"), 0), "applied"),
        (a.create_party("c4", "p2"), "applied"),
        (a.op("c4", "party", "p2", OpKind::Delete, 0), "applied"),
        // An edit that meets a delete made earlier in the batch.
        (a.set("c4", "party", "p2", "name", json!("李四"), 0), "conflict"),
    ];
    // The 院长 moves c7 out of A's reach; A's next edit of it is refused and the device drops it, its other edits
    // in the same batch apply.
    let moved = vec![(p.set("c7", "case", "c7", "division", json!("民二庭"), SEEN_ALL), "applied")];
    let fourth = vec![
        (a.set("c7", "case", "c7", "judge", json!("林法官"), SEEN_ALL), codes::FORBIDDEN_CASE),
        (a.set("c4", "case", "c4", "judge", json!("林法官"), SEEN_ALL), "applied"),
    ];
    vec![("A", first), ("B", second), ("A", third), ("P", moved), ("A", fourth)]
}

fn outcome_code(r: &OpResult) -> &str {
    match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { code, .. } => code,
    }
}

/// Every table a push writes, whole and in key order.
const TABLES: &[&str] = &[
    "SELECT * FROM changes ORDER BY seq",
    "SELECT * FROM entities ORDER BY entity, id",
    "SELECT * FROM fields ORDER BY entity, id, field",
    "SELECT * FROM cases_index ORDER BY case_id",
    "SELECT * FROM device_cases ORDER BY device_id, case_id",
    "SELECT * FROM applied_ops ORDER BY op_id",
    "SELECT * FROM audit ORDER BY seq",
    "SELECT id, last_seq FROM devices ORDER BY id",
];

struct Run {
    answers: Vec<OpResult>,
    tables: Vec<Vec<Vec<Val>>>,
}

/// The scenario against a fresh server, each phase as one push or as one push per op.
fn run<B: Backend>(svc: Service<B>, batched: bool) -> Run {
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "li", Role::Assistant, "民一庭");
    add_user(&svc, "boss", Role::President, "");
    let a = svc.enroll_device("wang", "A", now()).unwrap();
    let b = svc.enroll_device("li", "B", now()).unwrap();
    let p = svc.enroll_device("boss", "P", now()).unwrap();
    let caller = |device: &str| -> &Caller {
        match device {
            "A" => &a,
            "B" => &b,
            _ => &p,
        }
    };
    let mut answers = Vec::new();
    for (device, ops) in scenario() {
        let ops: Vec<Op> = ops.into_iter().map(|(op, _)| op).collect();
        let pushes: Vec<Vec<Op>> = if batched { vec![ops] } else { ops.into_iter().map(|o| vec![o]).collect() };
        for ops in pushes {
            let reply = svc.push(caller(device), &Push { protocol: PROTOCOL_VERSION, ops }, now()).unwrap();
            assert!(reply.gap.is_none(), "{reply:?}");
            answers.extend(reply.results);
        }
    }
    let tables =
        svc.backend().read(|tx| TABLES.iter().map(|sql| tx.query(sql, &[])).collect::<Result<Vec<_>, _>>()).unwrap();
    Run { answers, tables }
}

fn assert_batch_equals_one_by_one(batched: Run, one_by_one: Run) {
    let expected: Vec<&str> = scenario().into_iter().flat_map(|(_, ops)| ops).map(|(_, code)| code).collect();
    let got: Vec<&str> = batched.answers.iter().map(outcome_code).collect();
    assert_eq!(got, expected, "the batched answers: {:#?}", batched.answers);
    assert_eq!(batched.answers, one_by_one.answers, "the same answers, op by op");
    for ((sql, a), b) in TABLES.iter().zip(&batched.tables).zip(&one_by_one.tables) {
        assert!(!a.is_empty(), "{sql}: nothing written");
        assert_eq!(a, b, "{sql}: the batch wrote something else than its ops one by one");
    }
    // The feed shows what the answers say: the resolution set the judge, the moved case left device A.
    let cases_index = &batched.tables[3];
    let c2 = cases_index.iter().find(|r| r[0] == Val::Text("c2".into())).expect("c2 indexed");
    assert_eq!(c2[1], Val::Text(no(6)));
    let held_by_a: Vec<&Val> =
        batched.tables[4].iter().filter(|r| r[0] == Val::Text("A".into())).map(|r| &r[1]).collect();
    assert_eq!(held_by_a, ["c1", "c2", "c4"].map(|c| Val::Text(c.into())).iter().collect::<Vec<_>>());
    // The 院长's move is recorded as a division move in the audit log; the judge's refused one is not.
    let moves = batched.tables[6]
        .iter()
        .filter(|r| r.iter().any(|v| matches!(v, Val::Text(t) if t.contains("division_move"))))
        .count();
    assert_eq!(moves, 1);
}

#[test]
fn a_batch_equals_its_ops_one_by_one_on_sqlite() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let batched = run(Service::new(Sqlite::open(one.path()).unwrap()), true);
    let one_by_one = run(Service::new(Sqlite::open(two.path()).unwrap()), false);
    assert_batch_equals_one_by_one(batched, one_by_one);
}

#[test]
fn a_batch_equals_its_ops_one_by_one_on_postgres() {
    let (Some(one), Some(two)) = (PgDb::create(), PgDb::create()) else { return };
    let batched = run(Service::new(Postgres::connect(&one.url).unwrap()), true);
    let one_by_one = run(Service::new(Postgres::connect(&two.url).unwrap()), false);
    assert_batch_equals_one_by_one(batched, one_by_one);
}
