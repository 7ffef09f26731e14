//! 指标统计: the trial-quality and efficiency indicators of a period and a scope, computed from compact case facts,
//! with the cases behind every number.
//!
//! Pure: no IO and no clock. The store read happens in the shell (`andu stats`); the 审限 comes from
//! `andu-deadline` with the calendar passed in. The definitions (Chinese names, texts, formulas, parameters and the
//! version every result carries) live in one data file, `assets/indicators/indicators.toml`.
//!
//! # Public API
//! - [`CaseFacts`] (`from_case(&ValidCase)`), [`Period::new`]`(from, to)` (`period_invalid` when from > to),
//!   [`Scope`] (division, judge, procedure, category; empty = whole store);
//! - [`Definitions::embedded`], [`Definitions::from_toml_str`] (`definitions_invalid`);
//! - [`compute()`]`(&[CaseFacts], Period, &Scope, &Definitions, &HolidayCalendar) -> Indicators` — every key of
//!   [`KEYS`] as a flat field, plus `monthly`, `balance`, `terms` (numerator/denominator of each ratio),
//!   `within_limit_unknown_cases` and `warnings`; [`compute_cached()`] the same with the 审限 kept in a
//!   [`LimitCache`] between computations over the same facts (the app's 统计: a new period or scope only counts);
//! - [`drill_down()`]`(…, key) -> Result<Drill, StatsError>` — the cases behind one key and why each counts
//!   (`indicator_unknown` for an unknown key);
//! - [`ledger()`] — 长期未结案件台账 (pending > 12/18/36 months);
//! - [`appeal_review::appeal_review_list`] — 发改案件逐案评查 (the entry rule is [`appeal_review::enters_review`]);
//! - [`judge_page()`] — 法官办案业绩 with the division's medians and 12-month trends, [`CaseWeights`] for 折算结案数;
//! - [`review_stats()`] — 阅核统计 per reviewer and per judge ([`ReviewRoundFact`]s loaded by the docket), with
//!   [`review_drill()`] to the rounds behind each number;
//! - [`export::workbook`]`(&Report) -> Result<Vec<u8>, _>` — the court-report workbook (.xlsx bytes).
//!
//! Identity (tested): when no case is closed before it was filed, `pending_end = pending_start + received −
//! closed`, and `closed <= pending_start + received`.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod appeal_review;
mod classify;
mod compute;
pub mod definitions;
mod drill;
mod error;
pub mod export;
pub mod facts;
mod ledger;
mod packed;
pub mod performance;
pub mod period;
pub mod review_stats;
mod weights;

pub use classify::LimitCache;
pub use compute::{Balance, BalanceMonth, Fraction, Indicators, MonthRow, UnknownLimit, compute, compute_cached};
pub use definitions::{Definitions, Floor, IndicatorDef};
pub use drill::{Drill, DrillRow, Role, drill_down, drill_down_cached, months_pending};
pub use error::StatsError;
pub use facts::{AppealFact, CaseFacts, DeductionFact, ExtensionFact, Name};
pub use ledger::{LedgerRow, ledger};
pub use packed::Names;
pub use performance::{JudgePage, PERFORMANCE_KEYS, judge_page};
pub use period::{Period, Scope, parse_category};
pub use review_stats::{REVIEW_KEYS, ReviewRoundFact, ReviewStats, review_drill, review_stats};
pub use weights::CaseWeights;

/// Every indicator key, in report order. The definition file must define exactly these.
pub const KEYS: &[&str] = &[
    "received",
    "pending_start",
    "closed",
    "pending_end",
    "closure_rate",
    "close_receive_ratio",
    "within_limit",
    "within_limit_unknown",
    "within_limit_rate",
    "avg_days",
    "avg_net_days",
    "over_12m_pending",
    "over_18m_pending",
    "over_36m_pending",
    "over_12m_ratio",
    "mediation_withdrawal_rate",
    "extension_rate",
    "appeal_rate",
    "reversed",
    "remanded",
    "reversal_remand_ratio",
    "monthly",
    "balance",
    "litigation_per_10k",
    "case_matter_ratio",
];
