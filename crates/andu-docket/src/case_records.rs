//! Recording and removing a case's 节点 together with what they imply for the case itself. A change of procedure
//! recorded as a 节点 (简易程序转普通程序, 小额诉讼转简易程序…) also changes the case's 程序 in the same write — the
//! case list, the documents and the statistics then show the procedure the case is tried under — and removing that
//! 节点 (entered by mistake) changes it back. The deadline engine reads the same 节点 either way
//! (`TrialLimitInput::with_events` takes a 程序 already changed as the same conversion).
//!
//! The only place in this crate that writes case data; the caller passes `now` (who and when go in the history).

use andu_core::{Coded, ErrorBody, Procedure};
use andu_deadline::events::{LimitEffect, limit_event_kind};
use andu_store::table::children::Child;
use andu_store::{Removed, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A change of the case's 程序 that came with a recorded or removed 节点.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcedureChange {
    pub from: &'static str,
    pub to: &'static str,
    pub from_name: &'static str,
    pub to_name: &'static str,
}

impl ProcedureChange {
    fn new(from: Procedure, to: Procedure) -> Self {
        Self { from: from.id(), to: to.id(), from_name: from.name_zh(), to_name: to.name_zh() }
    }

    /// "程序已由简易程序变为普通程序".
    pub fn describe(&self) -> String {
        format!("程序已由{}变为{}", self.from_name, self.to_name)
    }
}

/// What recording or removing a record did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordOutcome {
    /// The id of the 节点 recorded, or of the record removed.
    pub id: String,
    pub procedure: Option<ProcedureChange>,
}

/// The conversion pairs of a 节点 kind (empty for every other kind).
fn conversion_pairs(kind: &str) -> &'static [(Procedure, Procedure, &'static str)] {
    match limit_event_kind(kind).map(|k| k.effect) {
        Some(LimitEffect::Conversion(pairs)) => pairs,
        _ => &[],
    }
}

/// The procedure a conversion 节点 of `kind` moves a case under `current` to: only when the law names exactly one
/// (简易程序 in a criminal case may become 公诉 or 自诉 普通程序: the person chooses it in the case's 程序).
pub fn converted_procedure(kind: &str, current: Procedure) -> Option<Procedure> {
    let mut to = conversion_pairs(kind).iter().filter(|(from, _, _)| *from == current).map(|(_, to, _)| *to);
    match (to.next(), to.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

fn procedure_of(store: &Store, case_no: &str) -> Result<(Procedure, andu_store::CaseDetail), ErrorBody> {
    let detail = store.get_case(case_no).map_err(|e| e.to_body())?;
    let procedure = Procedure::parse(&detail.summary.procedure).map_err(|e| e.to_body())?;
    Ok((procedure, detail))
}

/// Record a 节点; a conversion of procedure also sets the case's 程序, in one write.
pub fn record_event(
    store: &mut Store,
    case_no: &str,
    kind: &str,
    date: &str,
    party: Option<&str>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<RecordOutcome, ErrorBody> {
    let (current, _) = procedure_of(store, case_no)?;
    let to = converted_procedure(kind.trim(), current);
    let id = store
        .write(now, |w| {
            let id = w.add_event(case_no, kind, date, party, note)?;
            if let Some(to) = to {
                w.set_case_field(case_no, "procedure", to.id())?;
            }
            Ok(id)
        })
        .map_err(|e| e.to_body())?;
    Ok(RecordOutcome { id, procedure: to.map(|to| ProcedureChange::new(current, to)) })
}

/// Remove a 当事人, 节点, 开庭, 审限延长 or 扣除 entered by mistake. Removing the conversion 节点 that put the case under
/// its present 程序 changes the 程序 back, unless another recorded conversion still leads to it.
pub fn remove_record(
    store: &mut Store,
    case_no: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<RecordOutcome, ErrorBody> {
    let (current, detail) = procedure_of(store, case_no)?;
    let back = detail.events.iter().find(|e| e.id == id).and_then(|removed| {
        let (from, _, _) = conversion_pairs(&removed.kind).iter().find(|(_, to, _)| *to == current)?;
        let still_converted = detail
            .events
            .iter()
            .filter(|e| e.id != id)
            .any(|e| conversion_pairs(&e.kind).iter().any(|(_, to, _)| *to == current));
        (!still_converted).then_some(*from)
    });
    store
        .write(now, |w| {
            let removed = w.remove_record(case_no, id)?;
            if let (Removed::Record(Child::Event(_)), Some(from)) = (&removed, back) {
                w.set_case_field(case_no, "procedure", from.id())?;
            }
            Ok(())
        })
        .map_err(|e| e.to_body())?;
    Ok(RecordOutcome { id: id.to_string(), procedure: back.map(|from| ProcedureChange::new(current, from)) })
}
