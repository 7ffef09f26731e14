//! The statistics period `[from, to]` (both days included) and the scope (which cases count at all).

use andu_core::{CaseCategory, Procedure};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::StatsError;
use crate::facts::CaseFacts;

/// `[from, to]`, both days included; `from <= to` (else `period_invalid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, StatsError> {
        if from > to {
            return Err(StatsError::PeriodInvalid { from: from.to_string(), to: to.to_string() });
        }
        Ok(Self { from, to })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The calendar months the period touches, first to last.
    pub fn months(&self) -> impl Iterator<Item = MonthIndex> {
        let (a, b) = (MonthIndex::of(self.from), MonthIndex::of(self.to));
        (a.0..=b.0).map(MonthIndex)
    }
}

/// A calendar month as `year * 12 + month0`: cheap to compare and to use as an array offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthIndex(pub i32);

impl MonthIndex {
    pub fn of(d: NaiveDate) -> Self {
        Self(d.year() * 12 + d.month0() as i32)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// 1–12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).expect("valid month")
    }
    pub fn last_day(self) -> NaiveDate {
        MonthIndex(self.0 + 1).first_day().pred_opt().expect("valid month")
    }
    /// `2025-03`.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month())
    }
}

/// `date + n months`, the corresponding day or the month's last day (CC 202); `None` beyond chrono's range.
pub fn plus_months(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(n))
}

/// Which cases count: all filters that are set must match (an empty scope is the whole store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scope {
    /// 部门 (e.g. 民一庭), exact match.
    pub division: Option<String>,
    /// 承办法官, exact match.
    pub judge: Option<String>,
    pub procedure: Option<Procedure>,
    pub category: Option<CaseCategory>,
}

impl Scope {
    pub fn whole() -> Self {
        Self::default()
    }

    pub fn matches(&self, c: &CaseFacts) -> bool {
        self.division.as_deref().is_none_or(|d| d == &*c.division)
            && self.judge.as_deref().is_none_or(|j| j == &*c.judge)
            && self.procedure.is_none_or(|p| p == c.procedure)
            && self.category.is_none_or(|k| k == c.procedure.category())
    }

    /// `民一庭 · 王建国`, or `全院` for the whole store.
    pub fn label(&self) -> String {
        let parts: Vec<String> = [
            self.division.clone(),
            self.judge.clone(),
            self.procedure.map(|p| p.name_zh().to_string()),
            self.category.map(|c| format!("{}案件", c.name_zh())),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() { "全院".to_string() } else { parts.join(" · ") }
    }
}

/// `civil`/`民事` … `other`/`其他`, for the `--category` flag.
pub fn parse_category(s: &str) -> Result<CaseCategory, StatsError> {
    use CaseCategory::*;
    match s.trim() {
        "civil" | "民事" => Ok(Civil),
        "criminal" | "刑事" => Ok(Criminal),
        "administrative" | "admin" | "行政" => Ok(Administrative),
        "enforcement" | "执行" => Ok(Enforcement),
        "other" | "其他" => Ok(Other),
        _ => Err(StatsError::CategoryUnknown { input: s.to_string() }),
    }
}
