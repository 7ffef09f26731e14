//! Finding the cases a device does not hold yet (issue #13, schema v8), on SQLite and PostgreSQL. Once a page
//! carried every case a device is shown, the server marks that feed position (`devices.cases_seen`) and later pulls
//! read only the feed's `case` changes after it, not the division's every case. No case is ever left out by it:
//!
//! - a case registered after the mark, or moved into the division, arrives at the next pull;
//! - a case that left the device's rows — a lost page's additions, a revocation, access lost and regained, a case
//!   dropped in a push — is found again, because each of these sends the next search through the division.

use andu_server::backend::Backend;
use andu_server::{Caller, Postgres, Service, Sqlite, db};
use andu_sync::access::Role;
use andu_sync::{Cursor, Op, OpKind, OpOutcome, PROTOCOL_VERSION, Pull, PullPage, Push};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::pg::PgDb;
use crate::support::add_user;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap()
}

fn case_row(id: &str, division: &str) -> Value {
    json!({
        "id": id, "case_no": format!("（2026）粤0309民初{id}号"), "category": "民事", "cause": "民间借贷纠纷",
        "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": division, "filed": "2026-03-02",
        "closed": null, "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
    })
}

/// A device's ops, numbered from 1 in the order given.
struct Pusher {
    caller: Caller,
    seq: i64,
}

impl Pusher {
    fn push<B: Backend>(&mut self, svc: &Service<B>, case_id: &str, kind: OpKind) -> OpOutcome {
        self.seq += 1;
        let op = Op {
            op_id: format!("{}-{}", self.caller.device_id, self.seq),
            device_seq: self.seq,
            case_id: case_id.into(),
            entity: "case".into(),
            entity_id: case_id.into(),
            kind,
            // Every device here has seen the whole feed: its edits apply rather than conflict.
            base: feed_end(svc),
            at: "2026-12-06T08:59:00.000Z".into(),
        };
        let p = Push { protocol: PROTOCOL_VERSION, ops: vec![op] };
        let reply = svc.push(&self.caller, &p, now()).expect("push answered");
        reply.results.into_iter().next().expect("one result").outcome
    }

    fn register<B: Backend>(&mut self, svc: &Service<B>, case_id: &str, division: &str) {
        let outcome = self.push(svc, case_id, OpKind::Create { row: case_row(case_id, division) });
        assert!(matches!(outcome, OpOutcome::Applied { .. }), "{case_id}: {outcome:?}");
    }

    fn moves<B: Backend>(&mut self, svc: &Service<B>, case_id: &str, division: &str) {
        let outcome = self.set(svc, case_id, "division", json!(division));
        assert!(matches!(outcome, OpOutcome::Applied { .. }), "{case_id} → {division}: {outcome:?}");
    }

    fn set<B: Backend>(&mut self, svc: &Service<B>, case_id: &str, field: &str, value: Value) -> OpOutcome {
        let fields = serde_json::Map::from_iter([(field.to_string(), value)]);
        self.push(svc, case_id, OpKind::Patch { fields })
    }
}

/// A device that pulls (small pages, so a join takes several) and keeps the cases it was given.
struct Puller {
    caller: Caller,
    cursor: Cursor,
    cases: std::collections::BTreeSet<String>,
}

impl Puller {
    fn page<B: Backend>(&mut self, svc: &Service<B>, cursor: Cursor) -> PullPage {
        let p = Pull {
            protocol: PROTOCOL_VERSION,
            cursor,
            limit: 3,
            assets_after: 0,
            continued_snapshots: true,
            current_snapshots: true,
            resume: None,
        };
        svc.pull(&self.caller, &p, now()).expect("pull answered")
    }

    /// Pull until caught up; the cases that arrived.
    fn sync<B: Backend>(&mut self, svc: &Service<B>) -> Vec<String> {
        let mut arrived = Vec::new();
        for _ in 0..100 {
            let page = self.page(svc, self.cursor);
            for r in &page.revoked {
                self.cases.remove(r);
            }
            for s in &page.snapshots {
                self.cases.insert(s.case_id.clone());
                arrived.push(s.case_id.clone());
            }
            self.cursor = page.next;
            if !page.has_more {
                return arrived;
            }
        }
        panic!("pulling never ends");
    }

    fn seen<B: Backend>(&self, svc: &Service<B>) -> i64 {
        svc.backend().read(|tx| db::cases_seen(tx, &self.caller.device_id)).unwrap()
    }
}

fn feed_end<B: Backend>(svc: &Service<B>) -> i64 {
    svc.backend().read(|tx| db::max_seq(tx)).unwrap()
}

fn new_cases_are_found<B: Backend>(svc: Service<B>) {
    add_user(&svc, "registrar", Role::Chief, "民一庭");
    add_user(&svc, "judge", Role::Judge, "民一庭");
    add_user(&svc, "president", Role::President, "");
    let mut registrar = Pusher { caller: svc.enroll_device("registrar", "reg-1", now()).unwrap(), seq: 0 };
    let mut president = Pusher { caller: svc.enroll_device("president", "pres-1", now()).unwrap(), seq: 0 };
    let judge = svc.enroll_device("judge", "judge-1", now()).unwrap();
    let mut device = Puller { caller: judge.clone(), cursor: Cursor::default(), cases: Default::default() };
    let mut pushing_judge = Pusher { caller: judge, seq: 0 };
    for i in 1..=7 {
        registrar.register(&svc, &format!("c{i}"), "民一庭");
    }
    president.register(&svc, "elsewhere", "民二庭");

    // The join takes several pages; only when every case arrived is the mark set, at the feed's end.
    assert_eq!(device.seen(&svc), 0);
    let joined = device.sync(&svc);
    assert_eq!(joined.len(), 7, "{joined:?}");
    assert_eq!(device.seen(&svc), feed_end(&svc), "the mark is set once the device holds every case it is shown");

    // Idle: nothing new, and the mark follows the feed.
    registrar.set(&svc, "c1", "judge", json!("李法官"));
    assert!(device.sync(&svc).is_empty());
    assert_eq!(device.seen(&svc), feed_end(&svc));

    // A case registered after the mark, and one a 院长 moved into the division, arrive.
    registrar.register(&svc, "c8", "民一庭");
    assert_eq!(device.sync(&svc), ["c8"]);
    president.moves(&svc, "elsewhere", "民一庭");
    assert_eq!(device.sync(&svc), ["elsewhere"]);
    assert_eq!(device.seen(&svc), feed_end(&svc));

    // A lost page: the client comes back with the cursor before it. The cases it carried are sent again, though
    // their index rows are older than the mark.
    registrar.register(&svc, "c9", "民一庭");
    let before = device.cursor;
    assert_eq!(device.sync(&svc), ["c9"]);
    device.cursor = before;
    assert_eq!(device.sync(&svc), ["c9"], "a lost page's case is sent again");

    // Access lost (revoked, confirmed) and regained: every case comes back.
    svc.set_user_access("judge", "judge", "民二庭").unwrap();
    device.sync(&svc);
    assert!(device.cases.is_empty(), "{:?}", device.cases);
    svc.set_user_access("judge", "judge", "民一庭").unwrap();
    let back = device.sync(&svc);
    assert_eq!(back.len(), 10, "{back:?}");

    // A case moved out and back while the device was away: revoked, then found again at the same pull or the next.
    president.moves(&svc, "c2", "民二庭");
    device.sync(&svc);
    assert!(!device.cases.contains("c2"));
    president.moves(&svc, "c2", "民一庭");
    assert_eq!(device.sync(&svc), ["c2"], "a case moved back arrives again");

    // A case dropped in a push (its edit refused for access: the device forgets it) is sent again once visible.
    president.moves(&svc, "c3", "民二庭");
    let refused = pushing_judge.set(&svc, "c3", "judge", json!("张法官"));
    assert!(matches!(refused, OpOutcome::Rejected { .. }), "{refused:?}");
    president.moves(&svc, "c3", "民一庭");
    assert_eq!(device.sync(&svc), ["c3"], "a case the device dropped arrives again");
    assert_eq!(device.cases.len(), 10, "{:?}", device.cases);
    assert_eq!(device.seen(&svc), feed_end(&svc));
}

#[test]
fn new_cases_are_found_after_the_mark_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    new_cases_are_found(Service::new(Sqlite::open(dir.path()).unwrap()));
}

#[test]
fn new_cases_are_found_after_the_mark_on_postgres() {
    let Some(pg) = PgDb::create() else { return };
    new_cases_are_found(Service::new(Postgres::connect(&pg.url).unwrap()));
}
