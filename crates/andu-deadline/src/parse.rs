//! The short forms people type on the command line (`6m`, `2025-05-06..2025-06-20`), parsed with typed errors so
//! that the CLI stays a thin shell.

use andu_core::date::parse_date;
use andu_core::{Deduction, DeductionKind, ExtensionLength};
use chrono::NaiveDate;
use serde::Serialize;

use crate::DeadlineError;

/// `6m` → 6 months, `30d` → 30 days.
pub fn parse_extension(input: &str) -> Result<ExtensionLength, DeadlineError> {
    let t = input.trim();
    let bad = |reason: &str| DeadlineError::ExtensionInvalid { input: input.to_string(), reason: reason.to_string() };
    let (num, unit) = t.split_at(t.len().saturating_sub(1));
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("格式不对"));
    }
    let n: u32 = num.parse().map_err(|_| bad("数值过大"))?;
    let length = match unit {
        "m" if (1..=24).contains(&n) => ExtensionLength::Months(n),
        "d" if (1..=730).contains(&n) => ExtensionLength::Days(n),
        "m" => return Err(bad("月数应在 1–24 之间")),
        "d" => return Err(bad("日数应在 1–730 之间")),
        _ => return Err(bad("单位应为 m（月）或 d（日）")),
    };
    Ok(length)
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
