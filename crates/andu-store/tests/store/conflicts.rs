//! Conflicts as the store keeps them: resolved once, never re-applied; an unreadable record is an error, not a gap.

use andu_core::Coded;
use andu_sync::{Author, ConflictRecord, ConflictStatus, OpKind, OpOutcome, OpResult, PushReply};
use serde_json::json;

use crate::{TestStore, new_store, now, sample};

const NO: &str = "（2025）粤0309民初1234号";

/// A store whose last edit (承办法官 → 甲法官) met the server's 乙法官: conflict `c1` is open.
fn store_with_conflict() -> TestStore {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    t.store.write(now(), |w| w.set_case_field(NO, "judge", "甲法官")).unwrap();
    let ops = t.store.outbox_ops(100).unwrap();
    let case = ops.iter().find(|o| o.entity == "case").unwrap();
    let OpKind::Create { row } = &case.kind else { panic!("the case is created first") };
    let mut current = row.clone();
    current["judge"] = json!("乙法官");
    let last = ops.last().unwrap();
    let record = ConflictRecord {
        id: "c1".into(),
        seq: 7,
        case_id: last.case_id.clone(),
        case_no: NO.into(),
        entity: "case".into(),
        entity_id: last.entity_id.clone(),
        field: Some("judge".into()),
        ours: json!("甲法官"),
        ours_by: Author { user: "王建国".into(), device_id: t.store.device().into() },
        theirs: json!("乙法官"),
        theirs_by: Author { user: "李助理".into(), device_id: "other".into() },
        status: ConflictStatus::Open,
        resolved_by: None,
        resolution: None,
        at: None,
        resolved_at: None,
    };
    let results = ops
        .iter()
        .map(|op| OpResult {
            op_id: op.op_id.clone(),
            device_seq: op.device_seq,
            outcome: if op.op_id == last.op_id {
                OpOutcome::Conflict { conflicts: vec![record.clone()] }
            } else {
                OpOutcome::Applied { seq: None }
            },
            current: (op.op_id == last.op_id).then(|| current.clone()),
        })
        .collect();
    t.store.record_push(&ops, &PushReply { results, gap: None }, now()).unwrap();
    assert_eq!(t.store.get_case(NO).unwrap().summary.judge, "乙法官");
    t
}

/// `andu conflicts resolve` once re-applied a resolved conflict over later edits (issue #12).
#[test]
fn a_resolved_conflict_is_not_applied_again_over_later_edits() {
    let mut t = store_with_conflict();
    t.store.resolve_conflict("c1", json!("甲法官"), now()).unwrap();
    assert_eq!(t.store.get_case(NO).unwrap().summary.judge, "甲法官");
    t.store.write(now(), |w| w.set_case_field(NO, "judge", "丙法官")).unwrap();

    let err = t.store.resolve_conflict("c1", json!("甲法官"), now()).unwrap_err();
    assert_eq!(err.code(), "conflict_already_resolved");
    assert_eq!(t.store.get_case(NO).unwrap().summary.judge, "丙法官", "the later edit stands");
}

#[test]
fn an_unreadable_conflict_is_an_error_naming_it_not_a_gap_in_the_list() {
    let mut t = store_with_conflict();
    assert_eq!(t.store.conflicts(false).unwrap().len(), 1);
    t.store.conn().execute("UPDATE sync_conflicts SET record = '{\"id\":' WHERE id = 'c1'", []).unwrap();
    let err = t.store.conflicts(false).unwrap_err();
    assert_eq!(err.code(), "conflict_unreadable");
    assert!(err.to_string().contains("c1"), "{err}");
    assert_eq!(t.store.resolve_conflict("c1", json!("甲法官"), now()).unwrap_err().code(), "conflict_unreadable");
}

/// A gap answer moves the acknowledged mark back, never forward: a server that expects more than the next op
/// applied edits whose answers were lost, and only sending them again brings those answers (a refusal among them)
/// into the store. Moving forward skipped them (simulation seed 223: a lost forbidden_move refusal).
#[test]
fn a_gap_answer_never_moves_the_acknowledged_mark_forward() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    t.store.write(now(), |w| w.set_case_field(NO, "judge", "甲法官")).unwrap();
    let first = t.store.outbox_ops(100).unwrap();
    assert!(first.len() >= 2);
    // The server says it expects an op far beyond what this device has seen answered.
    t.store.rewind_acked(first.last().unwrap().device_seq + 5).unwrap();
    assert_eq!(t.store.sync_status().unwrap().acked, 0);
    assert_eq!(t.store.outbox_ops(100).unwrap(), first, "every unanswered op is sent again");
    // A real rewind still works: answered up to the second op, the server expects the second again.
    let results = first[..2]
        .iter()
        .map(|o| OpResult {
            op_id: o.op_id.clone(),
            device_seq: o.device_seq,
            outcome: OpOutcome::Applied { seq: None },
            current: None,
        })
        .collect();
    t.store.record_push(&first, &PushReply { results, gap: None }, now()).unwrap();
    assert_eq!(t.store.sync_status().unwrap().acked, first[1].device_seq);
    t.store.rewind_acked(first[1].device_seq).unwrap();
    assert_eq!(t.store.sync_status().unwrap().acked, first[0].device_seq);
}
