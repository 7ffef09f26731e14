//! The data a court document is filled with, from a stored case: its parties, staff and hearings (andu-docs'
//! `case_data`) plus the deadlines the docket computes (答辩期届满日, 举证期限届满日…). Shared by `andu doc render
//! --case` and the app's 文书 commands so both fill documents the same way.

use andu_docs::{CaseDataOptions, DeadlineFact, builtin, case_data};
use andu_store::{CaseDetail, Store};
use chrono::NaiveDate;
use serde_json::Value;

use crate::{Docket, ErrorBody};

/// The case's deadlines for the deadline fields. A case whose deadlines cannot be computed (a year without holiday
/// data) still gets its document, with those fields left to their fallback text.
pub fn deadline_facts(store: &Store, detail: &CaseDetail, today: NaiveDate) -> Vec<DeadlineFact> {
    let Ok(computed) = Docket::for_store(store).and_then(|d| d.case_deadlines(detail, today)) else {
        return Vec::new();
    };
    let mut out: Vec<DeadlineFact> = computed
        .deadlines
        .into_iter()
        .map(|v| DeadlineFact { name: v.deadline.name, party: v.deadline.party, due: v.deadline.due })
        .collect();
    if let Some(t) = computed.trial_limit {
        out.push(DeadlineFact { name: "审限".into(), party: None, due: t.limit.due });
    }
    out
}

/// Template data for `template` (`builtin:传票` or a path) addressed to `party` (or the built-in's default role).
pub fn case_document_data(
    store: &Store,
    case_no: &str,
    template: &str,
    party: Option<&str>,
    today: NaiveDate,
) -> Result<Value, ErrorBody> {
    use andu_core::Coded;
    let detail = store.get_case(case_no).map_err(|e| e.to_body())?;
    let deadlines = deadline_facts(store, &detail, today);
    let default_role = template.strip_prefix("builtin:").and_then(builtin::info).and_then(|b| b.addressee_role);
    let opts = CaseDataOptions { addressee: party, default_role, today, deadlines: &deadlines };
    case_data(&detail.to_input(), &opts).map_err(|e| e.to_body())
}
