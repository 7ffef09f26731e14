//! The service's rules, op by op, against a real SQLite server file: idempotency, gaps, authorization, the
//! per-field merge, deletes, resolutions, pulls with access changes, tokens, the audit chain, newer schemas.

use andu_core::Coded;
use andu_server::backend::Backend;
use andu_server::{Caller, Service, Sqlite};
use andu_sync::access::Role;
use andu_sync::{Cursor, Hello, Login, Op, OpKind, OpOutcome, PROTOCOL_VERSION, Pull, PullPage, Push, codes};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};

use crate::support::add_user;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

struct Harness {
    _dir: tempfile::TempDir,
    svc: Service<Sqlite>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(Sqlite::open(dir.path()).unwrap());
    add_user(&svc, "wang", Role::Judge, "民一庭");
    add_user(&svc, "li", Role::Assistant, "民一庭");
    add_user(&svc, "zhao", Role::Judge, "民二庭");
    add_user(&svc, "boss", Role::President, "");
    add_user(&svc, "admin", Role::Admin, "");
    Harness { _dir: dir, svc }
}

impl Harness {
    fn device(&self, user: &str, device: &str) -> Caller {
        self.svc.enroll_device(user, device, now()).unwrap()
    }
    fn push(&self, who: &Caller, ops: Vec<Op>) -> andu_sync::PushReply {
        self.svc.push(who, &Push { protocol: PROTOCOL_VERSION, ops }, now()).unwrap()
    }
    fn pull_all(&self, who: &Caller, cursor: &mut Cursor) -> Vec<PullPage> {
        let mut pages = Vec::new();
        loop {
            let p = self
                .svc
                .pull(
                    who,
                    &Pull {
                        protocol: PROTOCOL_VERSION,
                        cursor: *cursor,
                        limit: 100,
                        assets_after: 0,
                        continued_snapshots: false,
                        current_snapshots: false,
                        resume: None,
                    },
                    now(),
                )
                .unwrap();
            *cursor = p.next;
            let more = p.has_more;
            pages.push(p);
            if !more {
                return pages;
            }
        }
    }
    fn server_row(&self, entity: &str, id: &str) -> Option<Value> {
        self.svc.backend().read(|tx| andu_server::db::entity(tx, entity, id)).unwrap().and_then(|e| e.row)
    }
}

fn case_row(id: &str, no: &str, division: &str) -> Value {
    json!({
        "id": id, "case_no": no, "category": "民事", "cause": "民间借贷纠纷", "procedure": "civil-simple",
        "court": "深圳市龙华区人民法院", "division": division, "filed": "2026-03-02", "closed": null,
        "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
    })
}

static NEXT_OP: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

fn op(seq: i64, case_id: &str, entity: &str, id: &str, kind: OpKind, base: i64) -> Op {
    Op {
        op_id: format!("op-{}", NEXT_OP.fetch_add(1, std::sync::atomic::Ordering::Relaxed)),
        device_seq: seq,
        case_id: case_id.into(),
        entity: entity.into(),
        entity_id: id.into(),
        kind,
        base,
        at: "1999-01-01T00:00:00Z".into(), // a wildly wrong client clock changes nothing
    }
}

pub(crate) fn create_case(seq: i64, id: &str, no: &str, division: &str) -> Op {
    op(seq, id, "case", id, OpKind::Create { row: case_row(id, no, division) }, 0)
}

fn set(seq: i64, case: &str, field: &str, value: Value, base: i64) -> Op {
    let mut fields = serde_json::Map::new();
    fields.insert(field.into(), value);
    op(seq, case, "case", case, OpKind::Patch { fields }, base)
}

fn outcome_code(o: &OpOutcome) -> &str {
    match o {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { code, .. } => code,
    }
}

#[test]
fn a_duplicate_push_has_no_effect_and_gets_the_same_answer() {
    let h = harness();
    let a = h.device("wang", "A");
    let ops = vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")];
    let first = h.push(&a, ops.clone());
    let second = h.push(&a, ops);
    assert_eq!(first, second);
    assert_eq!(h.svc.verify_audit().unwrap(), 1, "one audit entry, not two");
}

#[test]
fn a_gap_or_reordered_batch_is_refused_until_the_missing_op_arrives() {
    let h = harness();
    let a = h.device("wang", "A");
    let c1 = create_case(1, "c1", "（2026）粤0309民初1号", "民一庭");
    let s2 = set(2, "c1", "judge", json!("陈法官"), 0);
    let r = h.push(&a, vec![s2.clone(), c1.clone()]);
    assert!(r.results.is_empty());
    assert_eq!(r.gap.unwrap().expected, 1);
    let r = h.push(&a, vec![c1, s2]);
    assert_eq!(r.results.len(), 2);
    assert!(r.gap.is_none());
    // A sequence number reused by a different op (a copied database) is refused, and kept on record.
    let r = h.push(&a, vec![set(2, "c1", "judge", json!("林法官"), 0)]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::SEQUENCE_REUSED);
}

#[test]
fn users_write_only_in_their_division_and_a_taken_case_no_is_refused() {
    let h = harness();
    let a = h.device("wang", "A");
    let z = h.device("zhao", "Z");
    let r = h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民二庭")]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::FORBIDDEN_CASE);
    let r = h.push(&a, vec![create_case(2, "c2", "（2026）粤0309民初2号", "民一庭")]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    let r = h.push(&z, vec![create_case(1, "c3", "（2026）粤0309民初2号", "民二庭")]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::CASE_NO_TAKEN);
    let r = h.push(&z, vec![set(2, "c2", "judge", json!("赵法官"), 0)]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::FORBIDDEN_CASE);
    assert_eq!(h.server_row("case", "c2").unwrap()["judge"], "王法官", "a refused edit changes nothing");
    // Children of an unknown case are refused too; the admin sees no case data at all.
    let r = h.push(&a, vec![op(3, "nope", "note", "n1", OpKind::Create { row: json!({"id": "n1"}) }, 0)]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::UNKNOWN_CASE);
    let admin = h.device("admin", "ADM");
    let pages = h.pull_all(&admin, &mut Cursor::default());
    assert!(pages.iter().all(|p| p.rows.is_empty() && p.snapshots.is_empty()));
    let boss = h.device("boss", "B");
    let pages = h.pull_all(&boss, &mut Cursor::default());
    assert_eq!(pages.iter().map(|p| p.snapshots.len()).sum::<usize>(), 1, "院长 sees every case");
}

/// sync.md §2.6: per-field merge against the base the editor had seen.
#[test]
fn merge_rules_field_by_field() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    let base = 1; // both have pulled the creation
    // Different fields: both apply.
    let ra = h.push(&a, vec![set(2, "c1", "judge", json!("陈法官"), base)]);
    let rb = h.push(&b, vec![set(1, "c1", "clerk", json!("书记员甲"), base)]);
    assert_eq!((outcome_code(&ra.results[0].outcome), outcome_code(&rb.results[0].outcome)), ("applied", "applied"));
    let row = h.server_row("case", "c1").unwrap();
    assert_eq!((row["judge"].as_str(), row["clerk"].as_str()), (Some("陈法官"), Some("书记员甲")));
    // Same field, same value: no conflict.
    let rb = h.push(&b, vec![set(2, "c1", "judge", json!("陈法官"), base)]);
    assert_eq!(outcome_code(&rb.results[0].outcome), "applied");
    // Same field, different value, unseen: a conflict; the first committed value stays.
    let rb = h.push(&b, vec![set(3, "c1", "judge", json!("林法官"), base)]);
    let OpOutcome::Conflict { conflicts } = &rb.results[0].outcome else { panic!("{rb:?}") };
    assert_eq!((conflicts[0].ours.clone(), conflicts[0].theirs.clone()), (json!("林法官"), json!("陈法官")));
    assert_eq!(conflicts[0].theirs_by.user, "wang");
    assert_eq!(rb.results[0].current.as_ref().unwrap()["judge"], "陈法官", "the client is told the kept value");
    assert_eq!(h.server_row("case", "c1").unwrap()["judge"], "陈法官");
    // The same device editing again after its own change is not a conflict with itself.
    let ra = h.push(&a, vec![set(3, "c1", "judge", json!("王法官"), base)]);
    assert_eq!(outcome_code(&ra.results[0].outcome), "applied");
    // Having seen the latest change (base at the server's sequence), an edit applies.
    let high = h.svc.backend().read(andu_server::db::max_seq).unwrap();
    let rb = h.push(&b, vec![set(4, "c1", "judge", json!("林法官"), high)]);
    assert_eq!(outcome_code(&rb.results[0].outcome), "applied");
}

#[test]
fn a_delete_against_a_concurrent_edit_is_a_conflict_and_cases_are_never_deleted() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    let party = json!({"id": "p1", "role": "原告", "name": "张三", "kind": "person", "id_number": null,
                       "address": "深圳", "phone": null, "agent": null, "foreign": false});
    h.push(&a, vec![op(2, "c1", "party", "p1", OpKind::Create { row: party }, 1)]);
    let base = 2;
    let mut addr = serde_json::Map::new();
    addr.insert("address".into(), json!("广州"));
    h.push(&a, vec![op(3, "c1", "party", "p1", OpKind::Patch { fields: addr.clone() }, base)]);
    let r = h.push(&b, vec![op(1, "c1", "party", "p1", OpKind::Delete, base)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "conflict");
    assert!(h.server_row("party", "p1").is_some(), "the edited row stays until a person decides");
    // Delete with everything seen: a tombstone. An unseen edit against it: a conflict, the row stays deleted.
    let high = h.svc.backend().read(andu_server::db::max_seq).unwrap();
    let r = h.push(&b, vec![op(2, "c1", "party", "p1", OpKind::Delete, high)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    assert!(h.server_row("party", "p1").is_none());
    let r = h.push(&a, vec![op(4, "c1", "party", "p1", OpKind::Patch { fields: addr }, base)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "conflict");
    assert!(h.server_row("party", "p1").is_none());
    let r = h.push(&a, vec![op(5, "c1", "case", "c1", OpKind::Delete, high)]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::INVALID_OP);
}

#[test]
fn a_resolution_sets_the_value_and_closes_the_conflict_for_everyone() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    h.push(&a, vec![set(2, "c1", "judge", json!("陈法官"), 1)]);
    let r = h.push(&b, vec![set(1, "c1", "judge", json!("林法官"), 1)]);
    let OpOutcome::Conflict { conflicts } = &r.results[0].outcome else { panic!() };
    let id = conflicts[0].id.clone();
    // Both sides see the open conflict in their feed.
    for who in [&a, &b] {
        let pages = h.pull_all(who, &mut Cursor::default());
        let seen = pages
            .iter()
            .flat_map(|p| p.rows.iter().chain(p.snapshots.iter().flat_map(|s| s.history.iter())))
            .any(|f| f.entity.entity == "conflict" && f.entity.entity_id == id);
        assert!(seen, "{} sees the conflict", who.user);
    }
    let resolve = op(2, "c1", "conflict", &id, OpKind::Resolve { conflict_id: id.clone(), value: json!("林法官") }, 3);
    let r = h.push(&b, vec![resolve]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    assert_eq!(h.server_row("case", "c1").unwrap()["judge"], "林法官");
    let rec = h.server_row("conflict", &id).unwrap();
    assert_eq!(rec["status"], "resolved");
    assert_eq!(rec["resolved_by"]["user"], "li");
    // Times are the server's (the harness's `now`), never the clients' (`op` stamps its own client time).
    assert_eq!(rec["at"], rec["resolved_at"]);
    assert_eq!(rec["at"], now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    // A second resolution (the other person, later) changes nothing, and is refused visibly with the value in
    // force, so that device shows it too.
    let again = op(3, "c1", "conflict", &id, OpKind::Resolve { conflict_id: id.clone(), value: json!("陈法官") }, 3);
    let r = h.push(&a, vec![again]);
    assert_eq!(outcome_code(&r.results[0].outcome), codes::CONFLICT_RESOLVED);
    assert_eq!(r.results[0].current.as_ref().unwrap()["judge"], "林法官");
    assert_eq!(h.server_row("case", "c1").unwrap()["judge"], "林法官");
}

#[test]
fn access_changes_revoke_and_grant_cases_with_their_history() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    h.push(&a, vec![set(2, "c1", "judge", json!("陈法官"), 1)]);
    let mut cursor = Cursor::default();
    let pages = h.pull_all(&b, &mut cursor);
    let history: Vec<_> = pages.iter().flat_map(|p| p.snapshots.iter().flat_map(|s| s.history.clone())).collect();
    assert_eq!(history.len(), 2, "a newly visible case comes with its whole history");
    // The assistant moves to 民二庭: the case is revoked at the next pull.
    h.svc.set_user_access("li", "assistant", "民二庭").unwrap();
    let pages = h.pull_all(&b, &mut cursor);
    assert_eq!(pages[0].revoked, vec!["c1".to_string()]);
    // A page lost in a crash (the client asks again from the old cursor) is sent again.
    let before = cursor;
    h.svc.set_user_access("li", "assistant", "民一庭").unwrap();
    let lost = h
        .svc
        .pull(
            &b,
            &Pull {
                protocol: PROTOCOL_VERSION,
                cursor: before,
                limit: 100,
                assets_after: 0,
                continued_snapshots: false,
                current_snapshots: false,
                resume: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(lost.snapshots.len(), 1);
    let again = h
        .svc
        .pull(
            &b,
            &Pull {
                protocol: PROTOCOL_VERSION,
                cursor: before,
                limit: 100,
                assets_after: 0,
                continued_snapshots: false,
                current_snapshots: false,
                resume: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(again.snapshots.len(), 1, "an unconfirmed snapshot is delivered again");
    let after = h
        .svc
        .pull(
            &b,
            &Pull {
                protocol: PROTOCOL_VERSION,
                cursor: again.next,
                limit: 100,
                assets_after: 0,
                continued_snapshots: false,
                current_snapshots: false,
                resume: None,
            },
            now(),
        )
        .unwrap();
    assert!(after.snapshots.is_empty(), "a confirmed one is not");
}

/// New cases are handed out past the highest case a device holds first (a first sync stays linear); one that sorts
/// before everything held — an older case moved into the division — must still arrive, even when the search past
/// the highest id finds other new cases.
#[test]
fn a_case_that_sorts_before_every_held_case_still_arrives_when_it_becomes_visible() {
    let h = harness();
    let wang = h.device("wang", "A");
    let zhao = h.device("zhao", "Z");
    h.push(&zhao, vec![create_case(1, "c0", "（2026）粤0309民初100号", "民二庭")]);
    for (i, id) in ["c5", "c6"].iter().enumerate() {
        h.push(&wang, vec![create_case(i as i64 + 1, id, &format!("（2026）粤0309民初{}号", i + 1), "民一庭")]);
    }
    let li = h.device("li", "B");
    let mut cursor = Cursor::default();
    let held = |pages: &[PullPage]| -> Vec<String> {
        pages.iter().flat_map(|p| p.snapshots.iter().map(|s| s.case_id.clone())).collect()
    };
    assert_eq!(held(&h.pull_all(&li, &mut cursor)), vec!["c5", "c6"]);
    // The 院长 moves c0 to 民一庭 while a newer case is registered there: both reach the assistant.
    let boss = h.device("boss", "P");
    let r = h.push(&boss, vec![set(1, "c0", "division", json!("民一庭"), 1)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    h.push(&wang, vec![create_case(3, "c7", "（2026）粤0309民初3号", "民一庭")]);
    let mut got = held(&h.pull_all(&li, &mut cursor));
    got.sort();
    assert_eq!(got, vec!["c0", "c7"]);
}

#[test]
fn old_clients_are_told_to_upgrade_and_tokens_expire() {
    let h = harness();
    let err = h.svc.hello(&Hello { protocol: 0, client: "andu 0.0".into() }).unwrap_err();
    assert_eq!((err.code(), err.status()), (codes::UPGRADE_REQUIRED, 426));
    let err = h.svc.push(&h.device("wang", "A"), &Push { protocol: 0, ops: vec![] }, now()).unwrap_err();
    assert_eq!(err.code(), codes::UPGRADE_REQUIRED);

    h.svc.add_user("chen", "judge", "民一庭", "正确密码", now()).unwrap();
    let login = |pw: &str, dev: &str| Login {
        protocol: PROTOCOL_VERSION,
        user: "chen".into(),
        password: pw.into(),
        device_id: dev.into(),
        device_name: "笔记本".into(),
    };
    assert_eq!(h.svc.login(&login("错误", "D1"), now()).unwrap_err().code(), codes::BAD_CREDENTIALS);
    let s = h.svc.login(&login("正确密码", "D1"), now()).unwrap();
    assert_eq!(h.svc.authenticate(&s.access_token, now()).unwrap().device_id, "D1");
    let later = now() + Duration::minutes(16);
    assert_eq!(h.svc.authenticate(&s.access_token, later).unwrap_err().code(), codes::TOKEN_EXPIRED);
    let fresh = h.svc.refresh(&andu_sync::Refresh { refresh_token: s.refresh_token.clone() }, later).unwrap();
    assert!(h.svc.authenticate(&fresh.access_token, later).is_ok());
    // A device registered to one user cannot be taken over by another.
    h.device("wang", "W1");
    assert_eq!(h.svc.login(&login("正确密码", "W1"), now()).unwrap_err().code(), codes::DEVICE_TAKEN);
    // Revoking a lost laptop's tokens ends its session.
    h.svc.revoke("chen").unwrap();
    assert_eq!(h.svc.authenticate(&fresh.access_token, later).unwrap_err().code(), codes::UNAUTHORIZED);
    assert!(h.svc.refresh(&andu_sync::Refresh { refresh_token: s.refresh_token }, later).is_err());
}

#[test]
fn the_audit_chain_records_every_answer_and_detects_tampering() {
    let h = harness();
    let a = h.device("wang", "A");
    let z = h.device("zhao", "Z");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    h.push(&z, vec![set(1, "c1", "judge", json!("赵法官"), 0)]); // rejected: audited too
    assert_eq!(h.svc.verify_audit().unwrap(), 2);
    h.svc.backend().write(|tx| tx.exec("UPDATE audit SET user_name = 'someone' WHERE seq = 1", &[])).unwrap();
    let err = h.svc.verify_audit().unwrap_err();
    assert_eq!(err.code(), "audit_broken");
    assert!(err.to_string().contains("第 1 条"), "{err}");
}

#[test]
fn a_server_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Sqlite::open(dir.path()).unwrap());
    let db = dir.path().join("server.db");
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = Sqlite::open(dir.path()).err().unwrap();
    assert_eq!(err.code(), "server_schema_newer");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// The server hands published data to every client: a holiday year reaches the client's deadline engine at the next
/// sync (a made-up year: no 2027 notice exists yet, and tests must not depend on one).
#[test]
fn a_published_holiday_year_reaches_every_client() {
    let h = harness();
    let mut days: Vec<Value> =
        (1..=3).map(|d| json!({"name": "元旦", "date": format!("2031-01-0{d}"), "isOffDay": true})).collect();
    days.extend((1..=7).map(|d| json!({"name": "国庆节", "date": format!("2031-10-0{d}"), "isOffDay": true})));
    days.extend((1..=5).map(|d| json!({"name": "劳动节", "date": format!("2031-05-0{d}"), "isOffDay": true})));
    days.push(json!({"name": "国庆节", "date": "2031-09-28", "isOffDay": false}));
    let year = json!({"year": 2031, "papers": ["测试数据"], "days": days}).to_string();
    let year = year.as_str();
    let err = h.svc.publish("holidays", "x.json", b"{\"year\": \"x\"}", "admin", now()).unwrap_err();
    assert_eq!(err.code(), codes::BAD_REQUEST, "a broken file never reaches a judge");
    assert_eq!(h.svc.publish("holidays", "2031.json", year.as_bytes(), "admin", now()).unwrap().0, "2031");

    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::support::open_store(&dir.path().join("a.db"));
    crate::support::sync_cleanly(&h.svc, "wang", &mut store, now());
    assert_eq!(store.setting("holidays:2031").unwrap().as_deref(), Some(year));
    assert!(store.pending_assets().unwrap().is_empty());
    // Published once, applied once: the next sync brings nothing new.
    crate::support::sync_cleanly(&h.svc, "wang", &mut store, now());
    assert_eq!(store.sync_meta("sync:assets_seq").unwrap().as_deref(), Some("1"));
    // The admin sees no case data, but nothing stops a judge's client from getting the year.
    let admin = h.device("admin", "ADM");
    let page = h
        .svc
        .pull(
            &admin,
            &Pull {
                protocol: PROTOCOL_VERSION,
                cursor: Cursor::default(),
                limit: 10,
                assets_after: 0,
                continued_snapshots: false,
                current_snapshots: false,
                resume: None,
            },
            now(),
        )
        .unwrap();
    assert!(page.assets.is_empty());
}

fn field_rows(h: &Harness, id: &str) -> Vec<(String, i64)> {
    h.svc
        .backend()
        .read(|tx| tx.query("SELECT field, seq FROM fields WHERE id = ?1 ORDER BY field", &[id.into()]))
        .unwrap()
        .iter()
        .map(|r| (r[0].text(), r[1].int()))
        .collect()
}

/// A new row keeps its creation once, on the entity (schema v7), instead of one `fields` row per field; its fields
/// still merge against that creation exactly as before: an edit by a device that had not seen it is a conflict,
/// one that had is applied and then has its own version.
#[test]
fn a_new_row_keeps_its_creation_once_and_its_fields_still_merge_against_it() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    assert!(field_rows(&h, "c1").is_empty(), "no row per field for a creation");
    // B had not seen the creation (base 0): its different judge conflicts with the creation's.
    let r = h.push(&b, vec![set(1, "c1", "judge", json!("林法官"), 0)]);
    let OpOutcome::Conflict { conflicts } = &r.results[0].outcome else { panic!("{r:?}") };
    assert_eq!((conflicts[0].theirs.clone(), conflicts[0].theirs_by.user.as_str()), (json!("王法官"), "wang"));
    // The same device editing its own creation applies whatever its base; so does an edit that saw it.
    let r = h.push(&a, vec![set(2, "c1", "clerk", json!("书记员甲"), 0)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    let r = h.push(&b, vec![set(2, "c1", "cause", json!("买卖合同纠纷"), 1)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    let fields: Vec<String> = field_rows(&h, "c1").into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["cause", "clerk"], "only edits write a field's version");
    // A delete meets the creation's versions too: B had not seen a party A created, so deleting it conflicts.
    let party = json!({"id": "p1", "role": "原告", "name": "张三", "kind": "person", "id_number": null,
                       "address": "深圳", "phone": null, "agent": null, "foreign": false});
    let r = h.push(&a, vec![op(3, "c1", "party", "p1", OpKind::Create { row: party }, 1)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    let r = h.push(&b, vec![op(3, "c1", "party", "p1", OpKind::Delete, 1)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "conflict");
    assert!(h.server_row("party", "p1").is_some());
}

/// A device looks through the cases it holds only after an access change (schema v7's access clock): a 院长
/// moving a case out of a division revokes it on the division's devices at their next pull; a revocation whose page
/// was lost is sent again; once confirmed it is not sent again.
#[test]
fn a_case_moved_out_of_a_division_is_revoked_and_a_lost_revocation_is_sent_again() {
    let h = harness();
    let a = h.device("wang", "A");
    let b = h.device("li", "B");
    let p = h.device("boss", "P");
    h.push(&a, vec![create_case(1, "c1", "（2026）粤0309民初1号", "民一庭")]);
    h.push(&a, vec![create_case(2, "c2", "（2026）粤0309民初2号", "民一庭")]);
    let mut cursor = Cursor::default();
    h.pull_all(&b, &mut cursor);
    let idle = h.pull_all(&b, &mut cursor);
    assert!(idle.iter().all(|p| p.revoked.is_empty()), "nothing changed: nothing revoked");
    let high = h.svc.backend().read(andu_server::db::max_seq).unwrap();
    let r = h.push(&p, vec![set(1, "c1", "division", json!("民二庭"), high)]);
    assert_eq!(outcome_code(&r.results[0].outcome), "applied");
    let before = cursor;
    let pages = h.pull_all(&b, &mut cursor);
    assert_eq!(pages[0].revoked, vec!["c1".to_string()]);
    // The page was lost: asked again from the old cursor, the revocation comes again.
    let mut lost = before;
    let again = h.pull_all(&b, &mut lost);
    assert_eq!(again[0].revoked, vec!["c1".to_string()]);
    // Confirmed (the client stored the page and asks from its cursor): not again, and c2 stays.
    let mut cursor = again.last().unwrap().next;
    let later = h.pull_all(&b, &mut cursor);
    assert!(later.iter().all(|p| p.revoked.is_empty()), "{:?}", later[0].revoked);
    let held = h.svc.backend().read(|tx| andu_server::db::held_ids(tx, "B")).unwrap();
    assert_eq!(held, vec!["c2".to_string()]);
}

/// A client asking for more rows than the server's cap (`max_page`, 10,000 by default) gets at most the cap, feed
/// rows and snapshot rows alike.
#[test]
fn a_pull_page_never_carries_more_rows_than_the_servers_cap() {
    let mut h = harness();
    h.svc.max_page = 3;
    let a = h.device("wang", "A");
    let ops =
        (1..=5).map(|i| create_case(i, &format!("c{i}"), &format!("（2026）粤0309民初{i}号"), "民一庭")).collect();
    h.push(&a, ops);
    let b = h.device("li", "B");
    let mut cursor = Cursor::default();
    let mut sizes = Vec::new();
    loop {
        let pull = Pull {
            protocol: PROTOCOL_VERSION,
            cursor,
            limit: 1_000_000,
            assets_after: 0,
            continued_snapshots: true,
            current_snapshots: true,
            resume: None,
        };
        let page = h.svc.pull(&b, &pull, now()).unwrap();
        sizes.push(page.rows.len() + page.snapshots.iter().map(|s| s.history.len()).sum::<usize>());
        cursor = page.next;
        if !page.has_more {
            break;
        }
    }
    assert_eq!(sizes, vec![3, 2], "five cases in pages of at most three rows");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Service::new(Sqlite::open(dir.path()).unwrap()).max_page, 10_000, "the documented default");
}

/// Schema v7 dropped two indexes that longer ones cover (`entities_case`, `cases_index_division`): the lookups they
/// served still search an index — a case's current rows in sequence order, a division's cases in id order.
#[test]
fn lookups_by_case_and_by_division_still_search_an_index() {
    let h = harness();
    let plan = |sql: &str, params: Vec<andu_server::backend::Val>| -> String {
        let rows = h.svc.backend().read(|tx| tx.query(&format!("EXPLAIN QUERY PLAN {sql}"), &params)).unwrap();
        rows.iter().map(|r| r[3].text()).collect::<Vec<_>>().join("; ")
    };
    let p = plan(
        "SELECT id FROM entities WHERE case_id IN (?1, ?2) AND seq <= ?3 ORDER BY case_id, seq",
        vec!["c1".into(), "c2".into(), 9.into()],
    );
    assert!(p.contains("USING INDEX entities_case_seq") || p.contains("USING COVERING INDEX entities_case_seq"), "{p}");
    let p = plan(
        "SELECT case_id FROM cases_index WHERE division = ?1 AND case_id > ?2 ORDER BY case_id",
        vec!["民一庭".into(), "c1".into()],
    );
    assert!(p.contains("cases_index_division_case"), "{p}");
}
