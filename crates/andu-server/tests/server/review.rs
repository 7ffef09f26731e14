//! 院庭长阅核 on the server (issue #18), on both backends: who may send (the case's judge), comment and decide (the
//! 庭长 of the division, the 院长; a 四类案件 the 院长 only), that a reviewer cannot save the text, that the records
//! are append-only and each names its case, and that every step is in the audit chain.

use andu_server::backend::Backend;
use andu_server::db;
use andu_server::{Caller, Postgres, Service, Sqlite};
use andu_sync::access::Role;
use andu_sync::{Op, OpKind, OpOutcome, PROTOCOL_VERSION, Push};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::pg::PgDb;
use crate::support::add_user;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

struct Device {
    caller: Caller,
    seq: i64,
}

struct World<B: Backend> {
    svc: Service<B>,
    devices: Vec<(String, Device)>,
    ops: usize,
}

impl<B: Backend> World<B> {
    fn new(svc: Service<B>) -> Self {
        for (name, role, division) in [
            ("王建国", Role::Judge, "民一庭"),
            ("李晓燕", Role::Judge, "民一庭"),
            ("陈庭长", Role::Chief, "民一庭"),
            ("周庭长", Role::Chief, "民二庭"),
            ("孙院长", Role::President, ""),
        ] {
            add_user(&svc, name, role, division);
        }
        World { svc, devices: Vec::new(), ops: 0 }
    }

    /// Push one op as `user` (from that user's one device) and answer with its outcome code.
    fn push(&mut self, user: &str, case_id: &str, entity: &str, id: &str, kind: OpKind) -> String {
        if !self.devices.iter().any(|(u, _)| u == user) {
            let caller = self.svc.enroll_device(user, &format!("dev-{user}"), now()).unwrap();
            self.devices.push((user.to_string(), Device { caller, seq: 0 }));
        }
        self.ops += 1;
        let op_id = format!("op-{}", self.ops);
        let device = &mut self.devices.iter_mut().find(|(u, _)| u == user).unwrap().1;
        device.seq += 1;
        let op = Op {
            op_id,
            device_seq: device.seq,
            case_id: case_id.into(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            base: 0,
            at: "2026-11-26T09:00:00.000Z".into(),
        };
        let reply = self.svc.push(&device.caller, &Push { protocol: PROTOCOL_VERSION, ops: vec![op] }, now()).unwrap();
        assert!(reply.gap.is_none());
        match &reply.results[0].outcome {
            OpOutcome::Applied { .. } => "applied".into(),
            OpOutcome::Conflict { .. } => "conflict".into(),
            OpOutcome::Rejected { code, .. } => code.clone(),
        }
    }

    fn create(&mut self, user: &str, case_id: &str, entity: &str, row: Value) -> String {
        let id = row["id"].as_str().unwrap().to_string();
        self.push(user, case_id, entity, &id, OpKind::Create { row })
    }
}

fn case_row(id: &str, no: &str) -> Value {
    json!({
        "id": id, "case_no": no, "category": "民事", "cause": "民间借贷纠纷", "procedure": "civil-ordinary",
        "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02", "closed": null,
        "closing_method": null, "judge": "王建国", "assistant": "", "clerk": "", "custody": false
    })
}

fn revision(id: &str, draft: &str, parents: &[&str], by: &str) -> Value {
    json!({"id": id, "draft_id": draft, "parents": parents, "content": {"reasoning": "原告主张借款成立。"},
           "author": by, "created_at": "2026-11-26T09:00:00.000Z"})
}

fn round(id: &str, case: &str, draft: &str, rev: &str, by: &str) -> Value {
    json!({"id": id, "case_id": case, "draft_id": draft, "revision_id": rev, "reviewer": "庭长", "note": null,
           "by": by, "at": "2026-11-26T09:00:00.000Z"})
}

fn comment(id: &str, case: &str, round: &str, reply_to: Option<&str>, by: &str) -> Value {
    json!({"id": id, "case_id": case, "round_id": round, "reply_to": reply_to, "section": "reasoning",
           "quote": "借款成立", "text": "请写明交付证据", "by": by, "at": "2026-11-26T09:00:00.000Z"})
}

fn decision(id: &str, case: &str, round: &str, what: &str, by: &str) -> Value {
    let forum = if what == "discuss" { json!("审判委员会") } else { Value::Null };
    json!({"id": id, "case_id": case, "round_id": round, "decision": what, "forum": forum, "note": null,
           "by": by, "at": "2026-11-26T09:00:00.000Z"})
}

fn review_rules<B: Backend>(svc: Service<B>) {
    let mut w = World::new(svc);
    let judge = "王建国";
    let chief = "陈庭长";
    assert_eq!(w.create(judge, "c1", "case", case_row("c1", "（2026）粤0309民初1号")), "applied");
    assert_eq!(w.create(judge, "c2", "case", case_row("c2", "（2026）粤0309民初2号")), "applied");
    let draft = json!({"id": "d1", "case_id": "c1", "kind": "civil-judgment", "title": "民事判决书",
                       "created_at": "2026-11-26T09:00:00.000Z"});
    assert_eq!(w.create(judge, "c1", "draft", draft), "applied");
    assert_eq!(w.create(judge, "c1", "draft_revision", revision("r1", "d1", &[], judge)), "applied");
    let withdraw = |id: &str, comment: &str, by: &str| json!({"id": id, "case_id": "c1", "comment_id": comment, "by": by, "at": "2026-11-26T09:00:00.000Z"});

    // (who, entity, row, expected answer) — in order: each row builds on the ones before.
    let table: Vec<(&str, &str, Value, &str)> = vec![
        // Nobody but the judge's side saves the text: a reviewer's revision is refused.
        (chief, "draft_revision", revision("r-chief", "d1", &["r1"], chief), "not_the_author"),
        ("孙院长", "draft_revision", revision("r-pres", "d1", &["r1"], "孙院长"), "not_the_author"),
        ("李晓燕", "draft_revision", revision("r-colleague", "d1", &["r1"], "李晓燕"), "applied"),
        // Only the case's judge sends.
        ("李晓燕", "review_round", round("g0", "c1", "d1", "r1", "李晓燕"), "not_the_author"),
        (judge, "review_round", round("g1", "c1", "d1", "r1", judge), "applied"),
        // A round must name a revision of a draft of its case.
        (judge, "review_round", round("g-x", "c2", "d1", "r1", judge), "entity_not_in_case"),
        // Comments: the reviewer; the judge only answers; another division's 庭长 cannot reach the case.
        (judge, "review_comment", comment("k0", "c1", "g1", None, judge), "forbidden_review"),
        ("周庭长", "review_comment", comment("k-other", "c1", "g1", None, "周庭长"), "forbidden_case"),
        (chief, "review_comment", comment("k1", "c1", "g1", None, chief), "applied"),
        (judge, "review_comment", comment("k2", "c1", "g1", Some("k1"), judge), "applied"),
        ("李晓燕", "review_comment", comment("k3", "c1", "g1", Some("k1"), "李晓燕"), "forbidden_review"),
        // In one's own name only.
        (chief, "review_comment", comment("k4", "c1", "g1", None, "孙院长"), "invalid_op"),
        // Withdrawn by its author, as a record.
        (judge, "review_withdrawal", withdraw("w0", "k1", judge), "forbidden_review"),
        (chief, "review_withdrawal", withdraw("w1", "k1", chief), "applied"),
        // Decisions: the reviewer, on a round of this case.
        (judge, "review_decision", decision("x0", "c1", "g1", "approve", judge), "forbidden_review"),
        (chief, "review_decision", decision("x-elsewhere", "c2", "g1", "approve", chief), "entity_not_in_case"),
        (chief, "review_decision", decision("x1", "c1", "g1", "return", chief), "applied"),
        // Returned (提出意见): the thread stays open — the judge answers the 庭长's comment where it was made, the
        // 庭长 answers back; a colleague still may not. (The round's state is the clients' check: the server keeps
        // what devices offline did, as it keeps two decisions on one round.)
        (judge, "review_comment", comment("k5", "c1", "g1", Some("k1"), judge), "applied"),
        (chief, "review_comment", comment("k6", "c1", "g1", Some("k5"), chief), "applied"),
        ("李晓燕", "review_comment", comment("k6b", "c1", "g1", Some("k5"), "李晓燕"), "forbidden_review"),
        // A discussion result needs a `discuss` decision.
        (
            chief,
            "review_result",
            json!({"id": "s0", "case_id": "c1", "decision_id": "x1", "result": "维持",
                                         "by": chief, "at": "2026-11-26T09:00:00.000Z"}),
            "invalid_op",
        ),
        // 四类案件: flagged, the next round is the 院长's alone.
        (
            chief,
            "case_flag",
            json!({"id": "f1", "case_id": "c1", "flag": "四类案件", "set": true,
                                     "reason": "群体性纠纷", "by": chief, "at": "2026-11-26T09:00:00.000Z"}),
            "applied",
        ),
        (judge, "draft_revision", revision("r2", "d1", &["r1", "r-colleague"], judge), "applied"),
        (judge, "review_round", round("g2", "c1", "d1", "r2", judge), "applied"),
        (chief, "review_decision", decision("x2", "c1", "g2", "approve", chief), "forbidden_review"),
        ("孙院长", "review_decision", decision("x3", "c1", "g2", "discuss", "孙院长"), "applied"),
        (
            "孙院长",
            "review_result",
            json!({"id": "s1", "case_id": "c1", "decision_id": "x3", "result": "审委会决定维持",
                                         "by": "孙院长", "at": "2026-11-26T09:00:00.000Z"}),
            "applied",
        ),
        // The override is the judge's.
        (
            chief,
            "review_override",
            json!({"id": "o0", "case_id": "c1", "revision_id": "r2", "reason": "急",
                                           "by": chief, "at": "2026-11-26T09:00:00.000Z"}),
            "not_the_author",
        ),
        (
            judge,
            "review_override",
            json!({"id": "o1", "case_id": "c1", "revision_id": "r2", "reason": "当庭送达",
                                           "by": judge, "at": "2026-11-26T09:00:00.000Z"}),
            "applied",
        ),
    ];
    for (i, (who, entity, row, expected)) in table.into_iter().enumerate() {
        // Every op is pushed under c1 (two rows name c2 and must be refused for it).
        assert_eq!(w.create(who, "c1", entity, row.clone()), expected, "row {i}: {who} {entity} {row}");
    }

    // Append-only: no patch, no delete, no second record under an id with other content; the same row again is fine.
    let mut fields = serde_json::Map::new();
    fields.insert("decision".into(), json!("approve"));
    assert_eq!(w.push(chief, "c1", "review_decision", "x1", OpKind::Patch { fields }), "invalid_op");
    assert_eq!(w.push(judge, "c1", "review_round", "g1", OpKind::Delete), "invalid_op");
    assert_eq!(w.create(chief, "c1", "review_decision", decision("x1", "c1", "g1", "approve", chief)), "invalid_op");
    assert_eq!(w.create(chief, "c1", "review_decision", decision("x1", "c1", "g1", "return", chief)), "applied");
    let stored = w.svc.backend().read(|tx| db::entity(tx, "review_decision", "x1")).unwrap().unwrap();
    assert_eq!(stored.row.unwrap()["decision"], "return");
    assert!(w.svc.backend().read(|tx| db::entity(tx, "draft_revision", "r-chief")).unwrap().is_none());

    // Every step, applied or refused, is in the hash chain.
    let entries = w.svc.verify_audit().unwrap();
    assert_eq!(entries as usize, w.ops, "one audit entry per op answered");
    let audit = w.svc.backend().read(|tx| db::audit_page(tx, 0, 1000)).unwrap();
    let review_steps = audit.iter().filter(|a| a.entity.starts_with("review_") || a.entity == "case_flag").count();
    assert_eq!(review_steps, 25 + 4, "the table's 25 阅核 rows and the four append-only probes");
}

#[test]
fn review_rules_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    review_rules(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn review_rules_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    review_rules(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// One step of the court-setting table: publish or withdraw the court's settings, flag a case, or a reviewer's
/// comment and decision on a case's round with the answer expected for both.
enum Step {
    Publish(&'static str),
    Withdraw,
    Flag(&'static str),
    Review(&'static str, &'static str, &'static str),
}

/// The server obeys the court's published `review:reviewer` (the setting every client applies from the same
/// publication): by default the 庭长 of the case's division or the 院长 reviews; with `院长` only the 院长; a case
/// flagged 四类案件 is the 院长's whatever the setting; a 庭长 of another division never reaches the case.
fn reviewer_setting<B: Backend>(svc: Service<B>) {
    let mut w = World::new(svc);
    add_user(&w.svc, "赵法官", Role::Judge, "民二庭");
    let mut civil2 = case_row("c2", "（2026）粤0309民初2号");
    civil2["division"] = json!("民二庭");
    civil2["judge"] = json!("赵法官");
    for (judge, case, row) in [("王建国", "c1", case_row("c1", "（2026）粤0309民初1号")), ("赵法官", "c2", civil2)]
    {
        assert_eq!(w.create(judge, case, "case", row), "applied");
        let d = format!("d-{case}");
        let draft = json!({"id": d, "case_id": case, "kind": "civil-judgment", "title": "民事判决书",
                           "created_at": "2026-11-26T09:00:00.000Z"});
        assert_eq!(w.create(judge, case, "draft", draft), "applied");
        let r = format!("r-{case}");
        assert_eq!(w.create(judge, case, "draft_revision", revision(&r, &d, &[], judge)), "applied");
        assert_eq!(w.create(judge, case, "review_round", round(&format!("g-{case}"), case, &d, &r, judge)), "applied");
    }
    use Step::*;
    let president = "\"review:reviewer\" = \"院长\"\n";
    let table = [
        // Default: the division's 庭长, or the 院长.
        Review("陈庭长", "c1", "applied"),
        Review("孙院长", "c1", "applied"),
        Review("周庭长", "c1", "forbidden_case"),
        Review("周庭长", "c2", "applied"),
        Review("王建国", "c1", "forbidden_review"),
        // The court names the 院长 for every case.
        Publish(president),
        Review("陈庭长", "c1", "forbidden_review"),
        Review("周庭长", "c2", "forbidden_review"),
        Review("孙院长", "c1", "applied"),
        Review("孙院长", "c2", "applied"),
        // A settings file without the key, then a withdrawal: back to the default.
        Publish("\"review:required\" = \"all\"\n"),
        Review("陈庭长", "c1", "applied"),
        Publish(president),
        Review("陈庭长", "c1", "forbidden_review"),
        Withdraw,
        Review("陈庭长", "c1", "applied"),
        // 四类案件: the 院长's, whatever the setting says.
        Flag("c1"),
        Review("陈庭长", "c1", "forbidden_review"),
        Review("孙院长", "c1", "applied"),
        Review("周庭长", "c2", "applied"),
    ];
    let mut n = 0;
    for (i, step) in table.into_iter().enumerate() {
        match step {
            Publish(text) => {
                w.svc.publish("settings", "本院设置.toml", text.as_bytes(), "admin", now()).unwrap();
            }
            Withdraw => {
                w.svc.withdraw("settings", "settings", "admin", now()).unwrap();
            }
            Flag(case) => {
                let flag = json!({"id": format!("f-{case}"), "case_id": case, "flag": "四类案件", "set": true,
                                  "reason": "群体性纠纷", "by": "孙院长", "at": "2026-11-26T09:00:00.000Z"});
                assert_eq!(w.create("孙院长", case, "case_flag", flag), "applied");
            }
            Review(who, case, expected) => {
                n += 1;
                let g = format!("g-{case}");
                let k = comment(&format!("k{n}"), case, &g, None, who);
                assert_eq!(w.create(who, case, "review_comment", k), expected, "row {i}: {who} comments on {case}");
                let x = decision(&format!("x{n}"), case, &g, "return", who);
                assert_eq!(w.create(who, case, "review_decision", x), expected, "row {i}: {who} decides {case}");
            }
        }
    }
    // A settings file the clients could not apply is refused at publication, naming the problem.
    let e = w.svc.publish("settings", "本院设置.toml", "\"review:reviewer\" = \"审判长\"".as_bytes(), "admin", now());
    assert!(e.unwrap_err().to_string().contains("review:reviewer"));
}

#[test]
fn reviewer_setting_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    reviewer_setting(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn reviewer_setting_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    reviewer_setting(Service::new(Postgres::connect(&pg.url).unwrap()));
}
