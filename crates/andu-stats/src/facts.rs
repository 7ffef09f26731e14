//! [`CaseFacts`]: the compact, already-validated view of one case that the indicators need. Built from a
//! [`ValidCase`] (or directly, in tests and benchmarks); no IO.

use andu_core::{AppealOutcome, ClosingMethod, Deduction, DeductionKind, ExtensionLength, Procedure, ValidCase};
use andu_deadline::{ExtensionGrant, RecordedEvent, TrialLimitInput};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The 节点 that records a hearing (andu-deadline's `EVENT_KINDS` 开庭日).
pub const HEARING_EVENT: &str = "开庭";

fn days(it: impl Iterator<Item = NaiveDate>) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// One approved extension of the 审限.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionFact {
    pub approved: NaiveDate,
    pub length: ExtensionLength,
}

/// One 审限扣除 interval, both ends included (domain.md §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeductionFact {
    pub kind: DeductionKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealFact {
    pub filed: NaiveDate,
    pub outcome: Option<AppealOutcome>,
}

/// A name many cases share (court, division, judge, 案由): one allocation for all of them when the facts are read
/// with [`crate::Names`], so a million cases' facts hold each name once, not a million times (~100 bytes a case).
pub type Name = Arc<str>;

/// A [`Name`] in serde as a plain string (serde's own `Arc` support is a feature that would rebuild every crate).
mod name_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(name: &super::Name, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<super::Name, D::Error> {
        String::deserialize(d).map(Into::into)
    }
}

/// What the indicators read of a case. `closed >= filed` holds for every case that passed validation; the
/// identity `pending_end = pending_start + received − closed` depends on it. Deserializable: the store keeps
/// each case's facts (`andu_docket::statistics`), so no statistic reads every case again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFacts {
    pub case_no: String,
    #[serde(with = "name_serde")]
    pub cause: Name,
    #[serde(with = "name_serde")]
    pub court: Name,
    #[serde(with = "name_serde")]
    pub division: Name,
    #[serde(with = "name_serde")]
    pub judge: Name,
    pub procedure: Procedure,
    pub filed: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub closing_method: Option<ClosingMethod>,
    pub custody: bool,
    pub extensions: Vec<ExtensionFact>,
    pub deductions: Vec<DeductionFact>,
    pub appeal: Option<AppealFact>,
    /// The newest note on the case (the 一案一策 plan shown on the 长期未结 ledger).
    pub latest_note: Option<String>,
    /// The recorded 节点 that change the 审限 itself (a conversion of procedure, a criminal restart), so the
    /// statistics count the same 审限 as the case's own 期限 tab.
    pub limit_events: Vec<RecordedEvent>,
    /// The days the case was heard (开庭 records and 节点 开庭), ascending, each day once: the hearings of
    /// 一次有效庭审 (`crate::performance`). Defaulted so facts stored before it still read.
    #[serde(default)]
    pub hearing_days: Vec<NaiveDate>,
}

impl CaseFacts {
    /// A pending case with nothing recorded but its number, procedure and 立案 date.
    pub fn new(case_no: impl Into<String>, procedure: Procedure, filed: NaiveDate) -> Self {
        Self {
            case_no: case_no.into(),
            cause: "".into(),
            court: "".into(),
            division: "".into(),
            judge: "".into(),
            procedure,
            filed,
            closed: None,
            closing_method: None,
            custody: false,
            extensions: Vec::new(),
            deductions: Vec::new(),
            appeal: None,
            latest_note: None,
            limit_events: Vec::new(),
            hearing_days: Vec::new(),
        }
    }

    pub fn from_case(case: &ValidCase) -> Self {
        Self {
            case_no: case.case_no.canonical(),
            cause: case.cause.as_str().into(),
            court: case.court.as_str().into(),
            division: case.division.as_str().into(),
            judge: case.judge.as_str().into(),
            procedure: case.procedure,
            filed: case.filed,
            closed: case.closed,
            closing_method: case.closing_method,
            custody: case.custody,
            extensions: case
                .extensions
                .iter()
                .map(|x| ExtensionFact { approved: x.approved, length: x.length })
                .collect(),
            deductions: case
                .deductions
                .iter()
                .map(|d| DeductionFact { kind: d.kind, from: d.from, to: d.to })
                .collect(),
            appeal: case.appeal.as_ref().map(|a| AppealFact { filed: a.filed, outcome: a.outcome }),
            latest_note: case.notes.last().cloned(),
            limit_events: Vec::new(),
            hearing_days: days(case.hearings.iter().map(|h| h.start.date())),
        }
    }

    /// The 审限 input exactly as the case's 期限 tab builds it: `TrialLimitInput::from_case` with the 节点.
    pub fn trial_limit_input(&self) -> TrialLimitInput {
        let mut input = TrialLimitInput::new(self.procedure, self.filed);
        input.custody = self.custody;
        input.extensions = self
            .extensions
            .iter()
            .map(|x| ExtensionGrant { length: Some(x.length), approved: Some(x.approved) })
            .collect();
        input.deductions = self
            .deductions
            .iter()
            .map(|d| Deduction { kind: d.kind, from: d.from, to: d.to, approved_by: None, reason: None })
            .collect();
        input.with_events(&self.limit_events)
    }

    /// The facts of a stored case with its recorded 节点: the ones that change the 审限 are kept, and the 程序 is
    /// the one the case is tried under after them (a store written before a conversion changed the 程序 field, or
    /// by an older version, still counts a converted case under its new procedure).
    pub fn with_events(mut self, events: &[RecordedEvent]) -> Self {
        self.limit_events = events.iter().filter(|e| andu_deadline::affects_trial_limit(&e.kind)).cloned().collect();
        // A hearing may be recorded as a 开庭 record, as a 节点 开庭, or both: one day is one hearing.
        let heard = events.iter().filter(|e| e.kind == HEARING_EVENT).map(|e| e.date);
        self.hearing_days = days(self.hearing_days.iter().copied().chain(heard));
        if !self.limit_events.is_empty() {
            let procedure = self.trial_limit_input().procedure;
            self.procedure = procedure;
        }
        self
    }

    /// Calendar days from 立案 to `end` (0 on the day of filing).
    pub fn days_to(&self, end: NaiveDate) -> i64 {
        (end - self.filed).num_days()
    }

    /// Deducted days between the day after 立案 and `end` (both included): the union of the deduction intervals,
    /// each day once, both interval ends counted (the deadline engine's default, domain.md §0).
    pub fn deducted_days_until(&self, end: NaiveDate) -> i64 {
        let Some(first) = self.filed.succ_opt() else { return 0 };
        let mut spans: Vec<(NaiveDate, NaiveDate)> =
            self.deductions.iter().map(|d| (d.from.max(first), d.to.min(end))).filter(|(a, b)| a <= b).collect();
        if spans.is_empty() {
            return 0;
        }
        spans.sort_unstable();
        let mut total = 0;
        let (mut a, mut b) = spans[0];
        for &(from, to) in &spans[1..] {
            if from <= b.succ_opt().unwrap_or(b) {
                b = b.max(to);
            } else {
                total += (b - a).num_days() + 1;
                (a, b) = (from, to);
            }
        }
        total + (b - a).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        andu_core::date::parse_date(s).unwrap()
    }

    fn with(deductions: &[(&str, &str)]) -> CaseFacts {
        let mut c = CaseFacts::new("（2025）测1号", Procedure::CivilOrdinary, d("2025-03-10"));
        c.deductions = deductions
            .iter()
            .map(|(a, b)| DeductionFact { kind: DeductionKind::Appraisal, from: d(a), to: d(b) })
            .collect();
        c
    }

    #[test]
    fn deducted_days_are_a_union_clipped_to_the_case() {
        let end = d("2025-12-31");
        assert_eq!(with(&[]).deducted_days_until(end), 0);
        // domain.md §7 #25: 2025-05-06 … 2025-06-20, both ends, 46 days.
        assert_eq!(with(&[("2025-05-06", "2025-06-20")]).deducted_days_until(end), 46);
        // Overlapping and adjacent intervals count each day once: 05-01…05-12 and 05-13…05-14.
        assert_eq!(
            with(&[("2025-05-05", "2025-05-12"), ("2025-05-01", "2025-05-10"), ("2025-05-13", "2025-05-14")])
                .deducted_days_until(end),
            14
        );
        // Nothing on or before 立案 (2025-03-10), nothing after the end.
        assert_eq!(with(&[("2025-03-01", "2025-03-12")]).deducted_days_until(end), 2);
        assert_eq!(with(&[("2025-05-06", "2025-06-20")]).deducted_days_until(d("2025-05-10")), 5);
        assert_eq!(with(&[("2025-05-06", "2025-06-20")]).deducted_days_until(d("2025-05-01")), 0);
    }
}
