//! A hostile client in the simulation (issue #12): a 民二庭 judge's device, without a store, that pushes forged
//! case ids against rows of other divisions, other devices' op ids, rows no client could store, base numbers beyond
//! the feed and batches over the 500-op limit. After each push it checks that nothing of another division changed
//! and that no answer named another division's case. The 院长's honest moves of cases between divisions come from
//! here too (a storeless device that has seen the whole feed).

use andu_server::backend::{Backend, Val};
use andu_server::{Caller, Service, Sqlite};
use andu_sync::{Op, OpKind, OpOutcome, PROTOCOL_VERSION, Push};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::support::Rng;

pub const USER: &str = "mallory";
pub const DEVICE: &str = "adversary";
pub const PRESIDENT: &str = "boss";
pub const PRESIDENT_DEVICE: &str = "president";

/// A storeless device and its next `device_seq`.
pub struct Pusher {
    caller: Caller,
    next: i64,
}

impl Pusher {
    pub fn new(caller: Caller) -> Pusher {
        Pusher { caller, next: 1 }
    }

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
            at: "2026-03-02T09:00:00.000Z".into(),
        }
    }

    fn set(&mut self, case_id: &str, entity: &str, id: &str, field: &str, value: Value, base: i64) -> Op {
        self.op(case_id, entity, id, OpKind::Patch { fields: Map::from_iter([(field.to_string(), value)]) }, base)
    }

    /// Push; a request refused whole (`bad_request`, `too_many_ops`) numbered nothing, so the numbers are reused.
    fn push(
        &mut self,
        svc: &Service<Sqlite>,
        ops: Vec<Op>,
        now: DateTime<Utc>,
    ) -> Result<Vec<andu_sync::OpResult>, String> {
        let first = ops.first().map_or(self.next, |o| o.device_seq);
        match svc.push(&self.caller, &Push { protocol: PROTOCOL_VERSION, ops }, now) {
            Ok(reply) => {
                if let Some(gap) = reply.gap {
                    self.next = gap.expected;
                }
                Ok(reply.results)
            }
            Err(e) => {
                self.next = first;
                Err(e.to_string())
            }
        }
    }
}

fn query(svc: &Service<Sqlite>, sql: &str, params: &[Val]) -> Vec<Vec<Val>> {
    svc.backend().read(|tx| tx.query(sql, params)).expect("server readable")
}

/// Everything the server keeps about the cases outside `division`: rows, field versions, feed, case index.
pub fn outside(svc: &Service<Sqlite>, division: &str) -> Vec<Vec<Val>> {
    let d: Val = division.into();
    let mut all = query(
        svc,
        "SELECT e.entity, e.id, e.case_id, e.row_json, e.seq FROM entities e
         JOIN cases_index c ON c.case_id = e.case_id WHERE c.division <> ?1 ORDER BY e.entity, e.id",
        std::slice::from_ref(&d),
    );
    all.extend(query(
        svc,
        "SELECT f.entity, f.id, f.field, f.seq, f.device_id FROM fields f
         JOIN entities e ON e.entity = f.entity AND e.id = f.id
         JOIN cases_index c ON c.case_id = e.case_id WHERE c.division <> ?1 ORDER BY f.entity, f.id, f.field",
        std::slice::from_ref(&d),
    ));
    all.extend(query(
        svc,
        "SELECT ch.seq, ch.case_id, ch.entity_id, ch.row_json FROM changes ch
         JOIN cases_index c ON c.case_id = ch.case_id WHERE c.division <> ?1 ORDER BY ch.seq",
        std::slice::from_ref(&d),
    ));
    all.extend(query(svc, "SELECT * FROM cases_index WHERE division <> ?1 ORDER BY case_id", &[d]));
    all
}

fn max_seq(svc: &Service<Sqlite>) -> i64 {
    svc.backend().read(andu_server::db::max_seq).expect("server readable")
}

/// The 院长 moves a random case to the other division, having seen the whole feed: it always applies.
pub fn president_moves(
    svc: &Service<Sqlite>,
    p: &mut Pusher,
    rng: &mut Rng,
    now: DateTime<Utc>,
    divisions: [&str; 2],
) -> Option<String> {
    let cases = query(svc, "SELECT case_id, division FROM cases_index ORDER BY case_id", &[]);
    if cases.is_empty() {
        return None;
    }
    let c = rng.pick(&cases);
    let (case_id, from) = (c[0].text(), c[1].text());
    let to = if from == divisions[0] { divisions[1] } else { divisions[0] };
    let op = p.set(&case_id, "case", &case_id, "division", json!(to), max_seq(svc));
    let r = p.push(svc, vec![op], now);
    Some(format!("院长 moves {case_id} from {from} to {to}: {r:?}"))
}

/// One hostile push by the 民二庭 adversary. Returns the trace line and any broken invariant.
pub fn attack(
    svc: &Service<Sqlite>,
    m: &mut Pusher,
    rng: &mut Rng,
    now: DateTime<Utc>,
    own_division: &str,
) -> (String, Vec<String>) {
    let mut violations = Vec::new();
    let own: Vec<String> =
        query(svc, "SELECT case_id FROM cases_index WHERE division = ?1 ORDER BY case_id", &[own_division.into()])
            .iter()
            .map(|r| r[0].text())
            .collect();
    let Some(own_case) = (!own.is_empty()).then(|| rng.pick(&own).clone()) else {
        return ("adversary has no case of its own to forge under".into(), violations);
    };
    // Rows of other divisions, live or deleted, and their open conflicts.
    let targets = query(
        svc,
        "SELECT e.entity, e.id, e.case_id FROM entities e JOIN cases_index c ON c.case_id = e.case_id
         WHERE c.division <> ?1 ORDER BY e.entity, e.id",
        &[own_division.into()],
    );
    let outside_cases: Vec<String> =
        query(svc, "SELECT case_id FROM cases_index WHERE division <> ?1", &[own_division.into()])
            .iter()
            .map(|r| r[0].text())
            .collect();
    let high = max_seq(svc);
    let kind = rng.below(5);
    let mut ops = Vec::new();
    let mut forged = 0;
    let forge = |m: &mut Pusher, rng: &mut Rng, ops: &mut Vec<Op>| {
        let Some(t) = (!targets.is_empty()).then(|| rng.pick(&targets)) else { return };
        let (entity, id, their_case) = (t[0].text(), t[1].text(), t[2].text());
        let base = if rng.chance(30) { 0 } else { high };
        // Under the adversary's own case id, or (sometimes) the target's own.
        let case_id = if rng.chance(80) { own_case.clone() } else { their_case.clone() };
        let op = match entity.as_str() {
            "case" if rng.chance(50) => m.set(&case_id, "case", &id, "division", json!(own_division), base),
            "case" => m.set(&case_id, "case", &id, "judge", json!("伪造的法官"), base),
            "party" => m.set(&case_id, "party", &id, "phone", json!("13900000000"), base),
            "note" => m.op(&case_id, "note", &id, OpKind::Create {
                row: json!({"entity": "note", "id": id, "text": "被改写", "created": "2026-03-02T09:00:00.000Z"}),
            }, base),
            "conflict" => m.op(&case_id, "conflict", &id, OpKind::Resolve { conflict_id: id.clone(), value: json!("伪造") }, base),
            "draft" => m.op(&case_id, "draft_revision", &format!("forged-{}", m.next), OpKind::Create {
                row: json!({"id": format!("forged-{}", m.next), "draft_id": id, "parents": [], "content": {}, "author": "x",
                            "created_at": "2026-03-02"}),
            }, base),
            other => m.op(&case_id, other, &id, OpKind::Delete, base),
        };
        ops.push(op);
    };
    let what = match kind {
        0 => {
            for _ in 0..1 + rng.below(4) {
                forge(m, rng, &mut ops);
                forged += 1;
            }
            "forged case ids"
        }
        1 => {
            // Other devices' op ids, on edits of the adversary's own case: new ops of this device. (An id it sent
            // before would be its own retry, answered as stored.)
            let mut ids = query(
                svc,
                "SELECT DISTINCT op_id FROM applied_ops WHERE device_id <> ?1
                   AND op_id NOT IN (SELECT op_id FROM applied_ops WHERE device_id = ?1) ORDER BY op_id",
                &[DEVICE.into()],
            );
            for _ in 0..1 + rng.below(3) {
                if ids.is_empty() {
                    break;
                }
                let r = ids.swap_remove(rng.below(ids.len()));
                let mut op =
                    m.set(&own_case, "case", &own_case, "clerk", json!(format!("书记员{}", rng.below(3))), high);
                op.op_id = r[0].text();
                ops.push(op);
            }
            "replayed op ids"
        }
        2 => {
            let bad = [json!(12345), json!("\u{0}"), json!("\u{1b}[2J"), json!(["x"]), Value::Null];
            let text = rng.pick(&bad).clone();
            let id = format!("bad-note-{}", m.next);
            ops.push(m.op(
                &own_case,
                "note",
                &id,
                OpKind::Create { row: json!({"entity": "note", "id": id, "text": text, "created": "2026-03-02"}) },
                high,
            ));
            ops.push(m.set(&own_case, "case", &own_case, "custody", json!("yes"), high));
            ops.push(m.op(&own_case, "secret", "s1", OpKind::Create { row: json!({"id": "s1"}) }, high));
            forged += 3;
            "malformed rows"
        }
        3 => {
            ops.push(m.set(&own_case, "case", &own_case, "judge", json!("赵法官"), 1_000_000_000_000_000));
            forged += 1;
            "a base beyond the feed"
        }
        _ => {
            for _ in 0..501 {
                forge(m, rng, &mut ops);
                forged += 1;
            }
            "an oversized batch"
        }
    };
    if ops.is_empty() {
        return (format!("adversary: {what}: nothing to send"), violations);
    }
    let before = outside(svc, own_division);
    let sent: Vec<(String, i64)> = ops.iter().map(|o| (o.op_id.clone(), o.device_seq)).collect();
    let expect_refused = forged == ops.len();
    let r = m.push(svc, ops, now);
    if outside(svc, own_division) != before {
        violations.push(format!("A1: the adversary's {what} changed a case outside {own_division}"));
    }
    let summary = match &r {
        Err(e) => format!("refused whole: {e}"),
        Ok(results) => {
            for (res, (op_id, seq)) in results.iter().zip(&sent) {
                if (&res.op_id, res.device_seq) != (op_id, *seq) {
                    violations.push(format!("A2: answer for {}#{} came for {op_id}#{seq}", res.op_id, res.device_seq));
                }
                if expect_refused && !matches!(res.outcome, OpOutcome::Rejected { .. }) {
                    violations.push(format!("A3: the adversary's {what} was not refused: {res:?}"));
                }
                let text = serde_json::to_string(res).expect("answers serialise");
                if let Some(c) = outside_cases.iter().find(|c| text.contains(c.as_str())) {
                    violations
                        .push(format!("A4: an answer to the adversary names case {c} of another division: {text}"));
                }
            }
            let codes: Vec<&str> = results
                .iter()
                .map(|r| match &r.outcome {
                    OpOutcome::Rejected { code, .. } => code.as_str(),
                    OpOutcome::Applied { .. } => "applied",
                    OpOutcome::Conflict { .. } => "conflict",
                })
                .collect();
            format!("{} answers, first {:?}", results.len(), &codes[..codes.len().min(4)])
        }
    };
    (format!("adversary sends {what}: {summary}"), violations)
}
