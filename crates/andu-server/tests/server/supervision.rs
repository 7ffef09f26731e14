//! Issue #18, 发改案件逐案评查: who may record a 评查 (`appeal_review`) on a case, by role and division, on SQLite and
//! PostgreSQL. A 庭长 of the case's division and the 院长 may; the judge, the assistant and the clerk of the case
//! may not (`forbidden_role`), nor may they change or remove a recorded one; a 庭长 of another division is refused
//! like any access to that division (`forbidden_case`).

use andu_server::backend::Backend;
use andu_server::{Caller, Postgres, Service, Sqlite};
use andu_sync::access::Role;
use andu_sync::{Op, OpKind, OpOutcome, OpResult, PROTOCOL_VERSION, Push, codes};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Map, Value, json};

use crate::pg::PgDb;
use crate::support::add_user;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn case_row(id: &str) -> Value {
    json!({
        "id": id, "case_no": "（2026）粤0309民初1号", "category": "民事", "cause": "民间借贷纠纷",
        "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02",
        "closed": "2026-06-01", "closing_method": "判决", "judge": "王法官", "assistant": "", "clerk": "",
        "custody": false
    })
}

fn review_row(id: &str) -> Value {
    json!({"entity": "appeal_review", "id": id, "reason": "适用法律", "responsible": true,
           "lesson": "一案一策：统一民间借贷利率的裁判尺度", "reviewer": "评查人", "recorded": "2026-11-26T08:00:00.000Z"})
}

struct Device {
    caller: Caller,
    next: i64,
}

fn op(d: &mut Device, id: &str, kind: OpKind, entity: &str) -> Op {
    let seq = d.next;
    d.next += 1;
    Op {
        op_id: format!("{}-{seq}", d.caller.device_id),
        device_seq: seq,
        case_id: "c1".into(),
        entity: entity.into(),
        entity_id: id.into(),
        kind,
        base: 0,
        at: "2026-11-26T08:59:00.000Z".into(),
    }
}

fn push<B: Backend>(svc: &Service<B>, d: &mut Device, o: Op) -> OpResult {
    let reply = svc.push(&d.caller, &Push { protocol: PROTOCOL_VERSION, ops: vec![o] }, now()).unwrap();
    assert!(reply.gap.is_none(), "{reply:?}");
    reply.results.into_iter().next().unwrap()
}

fn code(r: &OpResult) -> &str {
    match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { code, .. } => code,
    }
}

fn who_may_record_a_review<B: Backend>(svc: Service<B>) {
    let people = [
        ("wang", Role::Judge, "民一庭"),
        ("li", Role::Assistant, "民一庭"),
        ("xu", Role::Clerk, "民一庭"),
        ("chen", Role::Chief, "民一庭"),
        ("zhou", Role::Chief, "民二庭"),
        ("boss", Role::President, ""),
        ("it", Role::Admin, ""),
    ];
    for (name, role, division) in people {
        add_user(&svc, name, role, division);
    }
    let mut devices: Vec<Device> = people
        .iter()
        .map(|(name, _, _)| Device { caller: svc.enroll_device(name, &format!("D-{name}"), now()).unwrap(), next: 1 })
        .collect();
    let o = op(&mut devices[0], "c1", OpKind::Create { row: case_row("c1") }, "case");
    let r = push(&svc, &mut devices[0], o);
    assert_eq!(code(&r), "applied");

    // (who, expected answer) for a new 评查 on 民一庭's case.
    let table = [
        ("wang", codes::FORBIDDEN_ROLE),
        ("li", codes::FORBIDDEN_ROLE),
        ("xu", codes::FORBIDDEN_ROLE),
        ("chen", "applied"),
        ("zhou", codes::FORBIDDEN_CASE),
        ("boss", "applied"),
        ("it", codes::FORBIDDEN_ROLE),
    ];
    for (i, (name, expected)) in table.iter().enumerate() {
        let d = &mut devices[i];
        let id = format!("ar-{name}");
        let o = op(d, &id, OpKind::Create { row: review_row(&id) }, "appeal_review");
        let r = push(&svc, d, o);
        assert_eq!(code(&r), *expected, "{name}: {r:?}");
        if let OpOutcome::Rejected { message, .. } = &r.outcome
            && *expected == codes::FORBIDDEN_ROLE
        {
            assert!(message.contains("庭长或院长"), "{message}");
        }
    }

    // The judge can neither change nor remove the 庭长's record; the 庭长 can correct it.
    let fields = Map::from_iter([("responsible".to_string(), json!(false))]);
    let o = op(&mut devices[0], "ar-chen", OpKind::Patch { fields: fields.clone() }, "appeal_review");
    assert_eq!(code(&push(&svc, &mut devices[0], o)), codes::FORBIDDEN_ROLE);
    let o = op(&mut devices[0], "ar-chen", OpKind::Delete, "appeal_review");
    assert_eq!(code(&push(&svc, &mut devices[0], o)), codes::FORBIDDEN_ROLE);
    let o = op(&mut devices[3], "ar-chen", OpKind::Patch { fields }, "appeal_review");
    assert_eq!(code(&push(&svc, &mut devices[3], o)), "applied");

    // What the server holds: the two allowed records, the 庭长's corrected.
    let rows = svc
        .backend()
        .read(|tx| {
            tx.query(
                "SELECT id, row_json FROM entities WHERE entity = 'appeal_review' AND row_json IS NOT NULL ORDER BY id",
                &[],
            )
        })
        .unwrap();
    let ids: Vec<String> = rows.iter().map(|r| r[0].text()).collect();
    assert_eq!(ids, ["ar-boss", "ar-chen"]);
    let chen: Value = serde_json::from_str(&rows[1][1].text()).unwrap();
    assert_eq!(chen["responsible"], json!(false));
}

#[test]
fn who_may_record_a_review_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    who_may_record_a_review(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn who_may_record_a_review_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    who_may_record_a_review(Service::new(Postgres::connect(&pg.url).unwrap()));
}

/// Synced like the rest: the 庭长 records a 评查 on the judge's reversed case offline, syncs, and the judge's store
/// holds it after its own sync; a 评查 the judge writes on their own store is refused by the server and kept among
/// the refused edits, never lost silently.
#[test]
fn a_review_recorded_by_the_chief_reaches_the_judge_and_the_judge_s_own_is_refused() {
    use crate::support::{case_input, open_store, sync_cleanly};

    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(Sqlite::open(&dir.path().join("server")).unwrap());
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "chen", Role::Chief, "民一庭");
    let mut wang = open_store(&dir.path().join("wang.db"));
    let mut chen = open_store(&dir.path().join("chen.db"));

    let mut c = case_input(1, "民一庭");
    c.closed = Some(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
    c.closing_method = Some(andu_core::ClosingMethod::Judgment);
    c.appeal = Some(andu_core::Appeal {
        filed: chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
        outcome: Some(andu_core::AppealOutcome::Reversed),
    });
    wang.write(now(), |w| w.upsert_case(&c)).unwrap();
    sync_cleanly(&svc, "wang", &mut wang, now());
    sync_cleanly(&svc, "chen", &mut chen, now());

    let case_no = "（2026）粤0309民初1号";
    chen.write(now(), |w| w.add_appeal_review(case_no, "适用法律", true, "一案一策：统一裁判尺度", "chen")).unwrap();
    sync_cleanly(&svc, "chen", &mut chen, now());
    sync_cleanly(&svc, "wang", &mut wang, now());
    let entries = wang.appeal_review_entries().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].case_no, case_no);
    let reviews: Vec<(&str, bool, &str)> =
        entries[0].reviews.iter().map(|r| (r.reason.as_str(), r.responsible, r.reviewer.as_str())).collect();
    assert_eq!(reviews, [("适用法律", true, "chen")]);
    assert!(entries[0].outcome_recorded.is_some(), "the outcome's recording day travels in the case's history");

    wang.write(now(), |w| w.add_appeal_review(case_no, "其他", false, "自评", "wang")).unwrap();
    sync_cleanly(&svc, "wang", &mut wang, now());
    assert_eq!(wang.sync_status().unwrap().rejected, 1);
    let held = svc
        .backend()
        .read(|tx| tx.query("SELECT id FROM entities WHERE entity = 'appeal_review' AND row_json IS NOT NULL", &[]))
        .unwrap();
    assert_eq!(held.len(), 1, "only the 庭长's review is on the server");
}
