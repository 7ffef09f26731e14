//! PostgreSQL commit order (sync.md §1.8, §2.13 a): a reader that follows the change feed with `seq > cursor` must
//! never see a seq while a smaller one is still invisible, or it moves its cursor past that one and skips it forever.
//!
//! [`concurrent_pushes_are_seen_in_order`] pushes from several threads through `Service<Postgres>` while a reader
//! follows the feed with the server's own query and checks that what it has seen is always exactly 1..=max.
//! [`a_plain_sequence_is_caught`] shows the check has teeth: the same reader over rows numbered by a plain
//! PostgreSQL sequence (no feed lock) sees a later seq before an earlier one commits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use andu_server::backend::Backend;
use andu_server::{Caller, Postgres, Service, db};
use andu_sync::access::Role;
use andu_sync::{Op, OpKind, OpOutcome, PROTOCOL_VERSION, Push};
use chrono::{TimeZone, Utc};
use serde_json::json;

use crate::pg::PgDb;
use crate::support::{Rng, add_user};

/// A reader following the feed by cursor, as a pulling client does.
#[derive(Default)]
struct Follower {
    cursor: i64,
    delivered: Vec<i64>,
    /// (expected, seen): a seq became visible while `expected` (smaller) was not.
    out_of_order: Vec<(i64, i64)>,
    reads: usize,
}

impl Follower {
    fn read(&mut self, backend: &Postgres) {
        let seqs: Vec<i64> = backend
            .read(|tx| Ok(db::changes_after(tx, self.cursor, i64::MAX, 1000)?.into_iter().map(|c| c.seq).collect()))
            .expect("feed readable");
        self.reads += 1;
        for s in seqs {
            if s != self.cursor + 1 {
                self.out_of_order.push((self.cursor + 1, s));
            }
            self.delivered.push(s);
            self.cursor = s;
        }
    }

    /// Follow until `done` is set, then once more to catch the last commits.
    fn follow(&mut self, backend: &Postgres, done: &AtomicBool) {
        while !done.load(Ordering::SeqCst) {
            self.read(backend);
        }
        self.read(backend);
    }
}

fn create_op(device_seq: i64, n: usize) -> Op {
    let id = format!("case-{n:05}");
    Op {
        op_id: format!("op-{n:05}"),
        device_seq,
        case_id: id.clone(),
        entity: "case".into(),
        entity_id: id.clone(),
        kind: OpKind::Create {
            row: json!({
                "id": id, "case_no": format!("（2026）粤0309民初{n}号"), "category": "民事", "cause": "民间借贷纠纷",
                "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭",
                "filed": "2026-03-02", "closed": null, "closing_method": null, "judge": "王法官", "assistant": "",
                "clerk": "", "custody": false
            }),
        },
        base: 0,
        at: "2026-03-02T09:00:00.000Z".into(),
    }
}

const WRITERS: usize = 4;
const PUSHES: usize = 40;

#[test]
fn concurrent_pushes_are_seen_in_order() {
    let Some(pg) = PgDb::create() else { return };
    let svc = Service::new(Postgres::connect(&pg.url).expect("server database"));
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    add_user(&svc, "wang", Role::Judge, "民一庭");
    let callers: Vec<Caller> =
        (0..WRITERS).map(|w| svc.enroll_device("wang", &format!("device-{w}"), now).expect("device")).collect();
    let done = AtomicBool::new(false);
    let mut follower = Follower::default();
    std::thread::scope(|s| {
        let writers: Vec<_> = callers
            .iter()
            .enumerate()
            .map(|(w, caller)| {
                let svc = &svc;
                s.spawn(move || {
                    let mut rng = Rng::new(w as u64 + 1);
                    let mut device_seq = 0;
                    for p in 0..PUSHES {
                        // One to three creations per push, so transactions differ in length.
                        let ops: Vec<Op> = (0..1 + rng.below(3))
                            .map(|i| {
                                device_seq += 1;
                                create_op(device_seq, (w * PUSHES + p) * 3 + i)
                            })
                            .collect();
                        let reply = svc
                            .push(caller, &Push { protocol: PROTOCOL_VERSION, ops: ops.clone() }, now)
                            .expect("push");
                        assert_eq!(reply.results.len(), ops.len());
                        for r in &reply.results {
                            assert!(matches!(r.outcome, OpOutcome::Applied { seq: Some(_) }), "{r:?}");
                        }
                    }
                })
            })
            .collect();
        let follower = &mut follower;
        let (svc, done) = (&svc, &done);
        let reader = s.spawn(move || follower.follow(svc.backend(), done));
        for w in writers {
            w.join().expect("writer");
        }
        done.store(true, Ordering::SeqCst);
        reader.join().expect("reader");
    });
    let max = svc.backend().read(db::max_seq).expect("max seq");
    eprintln!("{} reads followed {max} changes from {WRITERS} concurrent writers", follower.reads);
    assert!(follower.out_of_order.is_empty(), "seen out of commit order: {:?}", follower.out_of_order);
    assert_eq!(follower.delivered, (1..=max).collect::<Vec<_>>(), "every change delivered once, in order");
    assert!(max >= (WRITERS * PUSHES) as i64);
}

#[test]
fn a_plain_sequence_is_caught() {
    let Some(pg) = PgDb::create() else { return };
    let backend = Postgres::connect(&pg.url).expect("server database");
    pg.client().batch_execute("CREATE SEQUENCE naive_seq").expect("sequence");
    // Bounded: a few seconds of writers holding their transaction open a little after taking a number.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut follower = Follower::default();
    while follower.out_of_order.is_empty() && Instant::now() < deadline {
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            let writers: Vec<_> = (0..WRITERS)
                .map(|w| {
                    let mut client = pg.client();
                    s.spawn(move || {
                        let mut rng = Rng::new(w as u64 + 11);
                        for _ in 0..25 {
                            let mut tx = client.transaction().expect("begin");
                            tx.execute(
                                "INSERT INTO changes (seq, case_id, entity, entity_id, row_json, user_name, device_id, at)
                                 VALUES (nextval('naive_seq'), 'c', 'case', 'c', '{}', 'u', 'd', 'now')",
                                &[],
                            )
                            .expect("insert");
                            std::thread::sleep(Duration::from_micros(rng.below(3000) as u64));
                            tx.commit().expect("commit");
                        }
                    })
                })
                .collect();
            let (backend, done, follower) = (&backend, &done, &mut follower);
            let reader = s.spawn(move || follower.follow(backend, done));
            for w in writers {
                w.join().expect("writer");
            }
            done.store(true, Ordering::SeqCst);
            reader.join().expect("reader");
        });
    }
    let all: i64 = pg.client().query_one("SELECT COUNT(*) FROM changes", &[]).expect("count").get(0);
    let lost = all - follower.delivered.len() as i64;
    eprintln!(
        "plain sequence: {} out-of-order observations, {lost} of {all} rows a cursor reader never received",
        follower.out_of_order.len()
    );
    assert!(!follower.out_of_order.is_empty(), "the check never saw the plain sequence commit out of order");
}
