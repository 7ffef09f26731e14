//! The short forms people type on the command line (`6m`, `6个月`, `2025-05-06..2025-06-20`), parsed with typed errors so
//! that the CLI stays a thin shell.

use andu_core::date::parse_date;
use andu_core::{Deduction, DeductionKind, ExtensionLength};
use chrono::NaiveDate;
use serde::Serialize;

use crate::DeadlineError;
use crate::length::Unit;

/// `6m`, `6个月`, `30d`, `30日`, `2周`, `1年` → the extension as granted. Text that is no length is `invalid_length`;
/// a length the law does not grant (hours, more than 24 months or 730 days) is `extension_invalid`.
pub fn parse_extension(input: &str) -> Result<ExtensionLength, DeadlineError> {
    let written = crate::length::read_length(input)?;
    let bad = |reason: &str| DeadlineError::ExtensionInvalid { input: input.to_string(), reason: reason.to_string() };
    let n = written.n;
    let length = match written.unit {
        Unit::Months => ExtensionLength::Months(n),
        Unit::Years => ExtensionLength::Months(n.saturating_mul(12)),
        Unit::Days => ExtensionLength::Days(n),
        Unit::Weeks => ExtensionLength::Days(n.saturating_mul(7)),
        Unit::Hours => return Err(bad("审限以月或日延长，不以小时计")),
    };
    match length {
        ExtensionLength::Months(m) if !(1..=24).contains(&m) => Err(bad("月数应在 1–24 之间")),
        ExtensionLength::Days(d) if !(1..=730).contains(&d) => Err(bad("日数应在 1–730 之间")),
        _ => Ok(length),
    }
}

/// An interval of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Interval {
    pub fn days(self) -> u32 {
        ((self.to - self.from).num_days() + 1) as u32
    }

    /// The interval as a 审限扣除 record of `kind` (the CLI uses [`DeductionKind::Other`] when none is given).
    pub fn deduction(self, kind: DeductionKind) -> Deduction {
        Deduction { kind, from: self.from, to: self.to, approved_by: None, reason: None }
    }
}

/// `2025-05-06..2025-06-20` (both ends included; a single date is a one-day interval).
pub fn parse_interval(input: &str) -> Result<Interval, DeadlineError> {
    let bad = |reason: String| DeadlineError::IntervalInvalid { input: input.to_string(), reason };
    let (a, b) = input.trim().split_once("..").unwrap_or((input.trim(), input.trim()));
    let from = parse_date(a).map_err(|e| bad(e.to_string()))?;
    let to = parse_date(b).map_err(|e| bad(e.to_string()))?;
    if to < from {
        return Err(bad("结束日期早于开始日期".to_string()));
    }
    Ok(Interval { from, to })
}
