//! 长期未结案件台账: the cases pending at the end of the period for more than 12, 18 or 36 months.

use andu_core::Procedure;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::classify::{self as k, Ctx};
use crate::definitions::Definitions;
use crate::facts::CaseFacts;
use crate::period::{Period, Scope, plus_months};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerRow {
    pub case_no: String,
    pub cause: String,
    pub judge: String,
    pub division: String,
    pub procedure: Procedure,
    pub filed: NaiveDate,
    /// Calendar days from 立案 to the period's end.
    pub age_days: i64,
    /// Whole months from 立案 to the period's end.
    pub age_months: u32,
    /// The highest threshold passed: 12, 18 or 36 (months), as in `over_12m_pending` etc.
    pub over_months: u32,
    /// Recorded 审限扣除 days up to the period's end (for the reader; the age is not reduced by them).
    pub deducted_days: i64,
    pub extensions: usize,
    /// The case's newest note (一案一策), if any.
    pub latest_note: Option<String>,
}

/// Whole months from `filed` to `to`: the largest n with `filed + n months <= to`.
fn whole_months(filed: NaiveDate, to: NaiveDate) -> u32 {
    let guess = ((to.year() - filed.year()) * 12 + to.month() as i32 - filed.month() as i32).max(0) as u32;
    (0..=guess).rev().find(|n| plus_months(filed, *n).is_some_and(|d| d <= to)).unwrap_or(0)
}

/// Pending at `period.to` and filed more than 12 months before it, oldest first (the same cases as
/// `over_12m_pending`).
pub fn ledger(cases: &[CaseFacts], period: Period, scope: &Scope, defs: &Definitions) -> Vec<LedgerRow> {
    let ctx = Ctx::new(period, defs);
    let mut rows: Vec<LedgerRow> = cases
        .iter()
        .filter(|c| scope.matches(c))
        .filter_map(|c| {
            let f = ctx.flags(c);
            let over_months = k::OVER.iter().rev().find(|(_, flag)| f & flag != 0)?.0;
            Some(LedgerRow {
                case_no: c.case_no.clone(),
                cause: c.cause.to_string(),
                judge: c.judge.to_string(),
                division: c.division.to_string(),
                procedure: c.procedure,
                filed: c.filed,
                age_days: c.days_to(period.to),
                age_months: whole_months(c.filed, period.to),
                over_months,
                deducted_days: c.deducted_days_until(period.to),
                extensions: c.extensions.len(),
                latest_note: c.latest_note.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.filed, &a.case_no).cmp(&(b.filed, &b.case_no)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_counts_like_cc_202() {
        let d = |s| andu_core::date::parse_date(s).unwrap();
        assert_eq!(whole_months(d("2024-03-15"), d("2025-03-14")), 11);
        assert_eq!(whole_months(d("2024-03-15"), d("2025-03-15")), 12);
        assert_eq!(whole_months(d("2024-01-31"), d("2024-02-29")), 1);
        assert_eq!(whole_months(d("2024-01-31"), d("2024-02-28")), 0);
        assert_eq!(whole_months(d("2025-01-01"), d("2025-01-01")), 0);
    }
}
