//! 阅核统计: for a period and a scope, per reviewer and per judge — rounds sent, 同意签发, 退回, 提交讨论, still
//! waiting, and the median days from sending to the answer — with the rounds behind every number.
//!
//! One round is one sending of a draft to 阅核 ([`ReviewRoundFact`], loaded from the store's records by the
//! docket). Which rounds count where (the definitions file's `[[review]]`, with its 存疑 notes):
//! - 送阅核: rounds sent in the period;
//! - 同意签发 / 退回 / 提交讨论 and the turnaround: rounds whose answer in force was given in the period;
//! - 待阅核: rounds sent on or before the period's end and not answered by then.
//!
//! A round counts for the judge of its case and for the reviewer who answered it; a round not answered yet
//! counts for the reviewer it waits for (`院长`, or `民一庭庭长`). The scope filters by the case (庭室, 承办法官,
//! 程序, 类别), as for every other indicator. Pure: no IO, no clock.

use std::collections::{BTreeMap, HashMap};

use andu_core::review::Decision;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::performance::median;
use crate::{CaseFacts, Definitions, Period, Scope, StatsError};

/// The statistics' keys, in the order shown; the definition file's `[[review]]` defines exactly these.
pub const REVIEW_KEYS: &[&str] =
    &["review_sent", "review_approved", "review_returned", "review_discussed", "review_pending", "review_turnaround"];

/// The answer in force on a round: what, by whom, on which (court) day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAnswer {
    pub answer: Decision,
    pub by: String,
    pub on: NaiveDate,
}

/// One sending of a draft to 阅核, as the statistics read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRoundFact {
    pub case_no: String,
    /// The court day it was sent.
    pub sent: NaiveDate,
    /// Who it waits for while unanswered: `院长`, or the 庭长 of the case's division (`民一庭庭长`).
    pub waits_for: String,
    /// The answer in force (the newest recorded), if any.
    pub answer: Option<RoundAnswer>,
    /// The day a newer round of the case was sent: an unanswered round no longer waits after it.
    pub superseded: Option<NaiveDate>,
}

impl ReviewRoundFact {
    /// Unanswered at the end of `day`.
    fn pending_on(&self, day: NaiveDate) -> bool {
        self.sent <= day && self.answer.as_ref().is_none_or(|a| a.on > day) && self.superseded.is_none_or(|s| s > day)
    }

    fn answered_in(&self, period: Period) -> Option<&RoundAnswer> {
        self.answer.as_ref().filter(|a| period.contains(a.on))
    }

    /// Whole days from sending to the answer (0 when answered the same day).
    fn turnaround(&self) -> Option<i64> {
        self.answer.as_ref().map(|a| (a.on - self.sent).num_days().max(0))
    }

    /// The reviewer the round counts for: who answered it, else who it waits for.
    fn reviewer(&self) -> &str {
        self.answer.as_ref().map_or(self.waits_for.as_str(), |a| a.by.as_str())
    }
}

/// The counts of one person (or of the whole scope).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewCounts {
    pub sent: u64,
    pub approved: u64,
    pub returned: u64,
    pub discussed: u64,
    pub pending: u64,
    /// The median of (answer day − sending day) over the rounds answered in the period; `None` without one.
    pub median_turnaround_days: Option<f64>,
}

/// One reviewer's or one judge's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewLine {
    pub name: String,
    pub counts: ReviewCounts,
}

/// `andu stats review --json`, the 统计 screen's 阅核 section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewStats {
    pub period: Period,
    pub scope: Scope,
    pub definitions_version: String,
    pub total: ReviewCounts,
    /// By reviewer name, ascending.
    pub by_reviewer: Vec<ReviewLine>,
    /// By 承办法官, ascending.
    pub by_judge: Vec<ReviewLine>,
    /// The definition of each key (name, text, formula, 存疑 note).
    pub definitions: Vec<crate::IndicatorDef>,
    pub warnings: Vec<String>,
}

/// Whose rounds a drill-down lists.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "side", content = "name", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReviewWho {
    Everyone,
    Reviewer(String),
    Judge(String),
}

/// One round behind a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDrillRow {
    pub case_no: String,
    pub judge: String,
    pub division: String,
    pub reviewer: String,
    pub sent: NaiveDate,
    pub answered: Option<NaiveDate>,
    pub answer: Option<Decision>,
    /// Sending to answer, for rounds answered in the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub days: Option<i64>,
    /// Why it counts, in Chinese.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDrill {
    pub indicator: String,
    pub name: String,
    pub who: ReviewWho,
    pub period: Period,
    pub count: usize,
    pub rounds: Vec<ReviewDrillRow>,
}

/// The rounds of in-scope cases, each with its case.
fn in_scope<'a, C: std::borrow::Borrow<CaseFacts>>(
    cases: &'a [C],
    rounds: &'a [ReviewRoundFact],
    scope: &Scope,
) -> Vec<(&'a ReviewRoundFact, &'a CaseFacts)> {
    let by_no: HashMap<&str, &CaseFacts> = cases.iter().map(|c| (c.borrow().case_no.as_str(), c.borrow())).collect();
    rounds
        .iter()
        .filter_map(|r| by_no.get(r.case_no.as_str()).map(|c| (r, *c)))
        .filter(|(_, c)| scope.matches(c))
        .collect()
}

/// Does `round` count for `key` in `period`, and why?
fn counts_for(key: &str, r: &ReviewRoundFact, period: Period) -> Option<String> {
    let answered = |want: Decision| {
        r.answered_in(period).filter(|a| a.answer == want).map(|a| format!("{} {}{}", a.on, a.by, want.name_zh()))
    };
    match key {
        "review_sent" => period.contains(r.sent).then(|| format!("{} 送阅核，在统计期间内", r.sent)),
        "review_approved" => answered(Decision::Approve),
        "review_returned" => answered(Decision::Return),
        "review_discussed" => answered(Decision::Discuss),
        "review_pending" => r.pending_on(period.to).then(|| format!("{} 送阅核，至 {} 未答复", r.sent, period.to)),
        "review_turnaround" => r.answered_in(period).map(|a| {
            format!("{} 送阅核，{} {}，用时 {} 日", r.sent, a.on, a.answer.name_zh(), r.turnaround().unwrap_or(0))
        }),
        _ => None,
    }
}

fn tally<'a>(rounds: impl Iterator<Item = &'a ReviewRoundFact>, period: Period) -> ReviewCounts {
    let mut c = ReviewCounts::default();
    let mut days = Vec::new();
    for r in rounds {
        c.sent += u64::from(period.contains(r.sent));
        c.pending += u64::from(r.pending_on(period.to));
        if let Some(a) = r.answered_in(period) {
            match a.answer {
                Decision::Approve => c.approved += 1,
                Decision::Return => c.returned += 1,
                Decision::Discuss => c.discussed += 1,
            }
            days.push(r.turnaround().map(|d| d as f64));
        }
    }
    c.median_turnaround_days = median(days);
    c
}

/// Does the round concern the period at all (sent, answered or waiting in it)?
fn touches(r: &ReviewRoundFact, period: Period) -> bool {
    period.contains(r.sent) || r.answered_in(period).is_some() || r.pending_on(period.to)
}

fn lines<'a>(
    rows: &[(&'a ReviewRoundFact, &'a CaseFacts)],
    period: Period,
    name: impl Fn(&(&'a ReviewRoundFact, &'a CaseFacts)) -> &'a str,
) -> Vec<ReviewLine> {
    let mut by: BTreeMap<&str, Vec<&ReviewRoundFact>> = BTreeMap::new();
    for row in rows.iter().filter(|(r, _)| touches(r, period)) {
        by.entry(name(row)).or_default().push(row.0);
    }
    by.into_iter().map(|(n, rs)| ReviewLine { name: n.to_string(), counts: tally(rs.into_iter(), period) }).collect()
}

/// The 阅核 statistics of `scope` for `period`.
pub fn review_stats(
    cases: &[CaseFacts],
    rounds: &[ReviewRoundFact],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
) -> ReviewStats {
    let rows = in_scope(cases, rounds, scope);
    let mut warnings = Vec::new();
    if rounds.is_empty() {
        warnings.push("案件库中尚无阅核记录".to_string());
    }
    ReviewStats {
        period,
        scope: scope.clone(),
        definitions_version: defs.version.clone(),
        total: tally(rows.iter().map(|(r, _)| *r), period),
        by_reviewer: lines(&rows, period, |(r, _)| r.reviewer()),
        by_judge: lines(&rows, period, |(_, c)| &*c.judge),
        definitions: defs.review.clone(),
        warnings,
    }
}

/// Rounds returned in `period` on the given cases (the per-judge page's 阅核退回).
pub fn returned_count<C: std::borrow::Borrow<CaseFacts>>(
    cases: &[C],
    rounds: &[ReviewRoundFact],
    period: Period,
) -> u64 {
    tally(in_scope(cases, rounds, &Scope::whole()).into_iter().map(|(r, _)| r), period).returned
}

/// The rounds behind `key` (one of [`REVIEW_KEYS`], else `indicator_unknown`) for `who`.
pub fn review_drill(
    cases: &[CaseFacts],
    rounds: &[ReviewRoundFact],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    key: &str,
    who: &ReviewWho,
) -> Result<ReviewDrill, StatsError> {
    let def = defs.review_def(key).ok_or_else(|| StatsError::ReviewKeyUnknown { key: key.to_string() })?;
    let mut out: Vec<ReviewDrillRow> = in_scope(cases, rounds, scope)
        .into_iter()
        .filter(|(r, c)| match who {
            ReviewWho::Everyone => true,
            ReviewWho::Reviewer(n) => r.reviewer() == n,
            ReviewWho::Judge(n) => *c.judge == **n,
        })
        .filter_map(|(r, c)| {
            counts_for(key, r, period).map(|why| ReviewDrillRow {
                case_no: c.case_no.clone(),
                judge: c.judge.to_string(),
                division: c.division.to_string(),
                reviewer: r.reviewer().to_string(),
                sent: r.sent,
                answered: r.answer.as_ref().map(|a| a.on),
                answer: r.answer.as_ref().map(|a| a.answer),
                days: r.answered_in(period).and(r.turnaround()),
                why,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.sent, &a.case_no).cmp(&(b.sent, &b.case_no)));
    Ok(ReviewDrill {
        indicator: key.to_string(),
        name: def.name.clone(),
        who: who.clone(),
        period,
        count: out.len(),
        rounds: out,
    })
}

#[cfg(test)]
#[path = "review_stats_tests.rs"]
mod tests;
