//! 法官办案业绩: the per-judge page. For one judge and a period: 结案数, 折算结案数 (case weights), 平均审理天数,
//! 发改率, 审限内结案率, 一次有效庭审率, 案均开庭次数 and 长期未结 — each beside the median of the judges of the same
//! division, with a 12-month trend — and 阅核退回, counted from the 阅核 rounds as the 阅核 statistics count them.
//!
//! The counts come from [`crate::compute()`] over each judge's cases, so the page and the 统计 screen cannot
//! disagree; only the hearing numbers and the weights are counted here. Pure: `cases`, the period and the calendar
//! are passed in.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use andu_deadline::HolidayCalendar;
use chrono::NaiveDate;
use serde::Serialize;

use crate::definitions::HearingDenominator;
use crate::period::MonthIndex;
use crate::review_stats::returned_count;
use crate::{CaseFacts, CaseWeights, Definitions, Period, ReviewRoundFact, Scope, compute};

/// The page's indicators, in the order shown; the definition file's `[[performance]]` defines exactly these.
pub const PERFORMANCE_KEYS: &[&str] = &[
    "closed",
    "weighted_closed",
    "avg_days",
    "reversal_remand_rate",
    "within_limit_rate",
    "one_hearing_rate",
    "hearings_per_closed",
    "over_12m_pending",
    "review_returned",
];

/// How a per-judge indicator's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MetricUnit {
    /// A fraction in [0, 1], shown as a percentage.
    Rate,
    /// Days, one decimal.
    Days,
    /// A weighted or per-case number, two decimals.
    Decimal,
    /// A whole count.
    Count,
}

/// Each indicator of [`PERFORMANCE_KEYS`]: its unit, and whether a value above the division's median is the better
/// one (more cases closed, more within the 审限) or the worse (longer, more reversed, more returned).
pub const PERFORMANCE_SHAPES: &[(&str, MetricUnit, bool)] = &[
    ("closed", MetricUnit::Count, true),
    ("weighted_closed", MetricUnit::Decimal, true),
    ("avg_days", MetricUnit::Days, false),
    ("reversal_remand_rate", MetricUnit::Rate, false),
    ("within_limit_rate", MetricUnit::Rate, true),
    ("one_hearing_rate", MetricUnit::Rate, true),
    ("hearings_per_closed", MetricUnit::Decimal, false),
    ("over_12m_pending", MetricUnit::Count, false),
    ("review_returned", MetricUnit::Count, false),
];

fn shape(key: &str) -> (MetricUnit, bool) {
    PERFORMANCE_SHAPES.iter().find(|(k, ..)| *k == key).map_or((MetricUnit::Count, false), |&(_, u, h)| (u, h))
}

/// The hearing numbers of one set of closed cases.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct HearingCounts {
    /// Closed in the period.
    pub closed: u64,
    /// Of those, heard on at least one day on or before 结案.
    pub heard: u64,
    /// Of those, heard on exactly one day.
    pub one_hearing: u64,
    /// Hearing days on or before 结案, summed.
    pub hearing_days: u64,
}

impl HearingCounts {
    /// 一次有效庭审率 over the denominator the definitions choose (`None` when it is 0).
    pub fn one_hearing_rate(&self, denominator: HearingDenominator) -> Option<f64> {
        let d = match denominator {
            HearingDenominator::Heard => self.heard,
            HearingDenominator::Closed => self.closed,
        };
        ratio(self.one_hearing as f64, d)
    }

    /// 案均开庭次数 (`None` without a closed case).
    pub fn per_closed(&self) -> Option<f64> {
        ratio(self.hearing_days as f64, self.closed)
    }
}

fn ratio(n: f64, d: u64) -> Option<f64> {
    (d > 0).then(|| n / d as f64)
}

/// The hearing days that count for a closed case: those on or before its 结案 (a hearing set after the case
/// closed never took place as a hearing of it). `None` for a pending case.
pub fn hearings_before_closing(c: &CaseFacts) -> Option<u64> {
    let closed = c.closed?;
    Some(c.hearing_days.iter().filter(|d| **d <= closed).count() as u64)
}

/// The hearing numbers of the cases of `scope` closed in `period`.
pub fn hearing_counts<C: Borrow<CaseFacts>>(cases: &[C], period: Period, scope: &Scope) -> HearingCounts {
    let mut h = HearingCounts::default();
    for c in
        cases.iter().map(Borrow::borrow).filter(|c| scope.matches(c) && c.closed.is_some_and(|d| period.contains(d)))
    {
        let n = hearings_before_closing(c).unwrap_or(0);
        h.closed += 1;
        h.hearing_days += n;
        if n >= 1 {
            h.heard += 1;
        }
        if n == 1 {
            h.one_hearing += 1;
        }
    }
    h
}

/// What the page reads besides the cases: the definitions, the calendar, the weights and the 阅核 rounds.
#[derive(Clone, Copy)]
pub struct PageInputs<'a> {
    pub defs: &'a Definitions,
    pub cal: &'a HolidayCalendar,
    pub weights: &'a CaseWeights,
    /// Every 阅核 round in the store (an empty store of rounds leaves 阅核退回 blank rather than 0).
    pub rounds: &'a [ReviewRoundFact],
}

/// Every indicator of the page for one judge's cases, by key (`None`: no value, e.g. no closed case).
fn values(cases: &[&CaseFacts], period: Period, input: PageInputs<'_>) -> BTreeMap<&'static str, Option<f64>> {
    let PageInputs { defs, cal, weights, rounds } = input;
    let whole = Scope::whole();
    let i = compute(cases, period, &whole, defs, cal);
    let h = hearing_counts(cases, period, &whole);
    let weighted: f64 =
        cases.iter().filter(|c| c.closed.is_some_and(|d| period.contains(d))).map(|c| weights.of(c)).sum();
    BTreeMap::from([
        ("closed", Some(i.closed as f64)),
        ("weighted_closed", Some(weighted)),
        ("avg_days", i.avg_days),
        ("reversal_remand_rate", ratio((i.reversed + i.remanded) as f64, i.closed)),
        ("within_limit_rate", i.within_limit_rate),
        ("one_hearing_rate", h.one_hearing_rate(defs.hearing.denominator)),
        ("hearings_per_closed", h.per_closed()),
        ("over_12m_pending", Some(i.over_12m_pending as f64)),
        ("review_returned", (!rounds.is_empty()).then(|| returned_count(cases, rounds, period) as f64)),
    ])
}

/// Each judge's values, by judge.
type ByJudge<'a> = BTreeMap<&'a str, BTreeMap<&'static str, Option<f64>>>;

/// The median of the values present (`None` when none is): the middle one, or the mean of the two middle ones.
pub fn median(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().flatten().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

/// One month of a trend: the judge's value and the division's median that month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrendPoint {
    /// `2026-03`.
    pub month: String,
    pub value: Option<f64>,
    pub division_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JudgeMetric {
    pub key: &'static str,
    /// Chinese name from the definitions (结案数…).
    pub name: String,
    pub value: Option<f64>,
    /// The median over the judges of the division with cases in the store (this judge included).
    pub division_median: Option<f64>,
    /// The 12 calendar months ending with the period's last month, oldest first (the first and last month cut to
    /// the month; the last month ends on the period's end).
    pub trend: Vec<TrendPoint>,
    /// How the value reads (the page formats it so; a rate's trend is drawn in per cent).
    pub unit: MetricUnit,
    /// A value above the division's median is the better one (else the worse).
    pub higher_is_better: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JudgePage {
    pub judge: String,
    /// The division of the judge's cases (the one most of them name).
    pub division: String,
    pub period: Period,
    pub definitions_version: String,
    pub weights_version: String,
    /// Judges of the division the medians are taken over.
    pub division_judges: Vec<String>,
    pub metrics: Vec<JudgeMetric>,
    /// The definition of each metric (name, text, formula, 存疑 note), for the page's tooltips.
    pub definitions: Vec<crate::IndicatorDef>,
    pub warnings: Vec<String>,
}

/// The division a judge's cases most name (ties: the first by name); `None` when the judge has no case.
fn division_of<'a>(cases: &'a [CaseFacts], judge: &str) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cases.iter().filter(|c| *c.judge == *judge) {
        *counts.entry(&c.division).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(d, _)| d)
}

/// The 12 months ending with `to`'s month as periods (the last one ends on `to`).
fn trend_months(to: NaiveDate) -> Vec<(MonthIndex, Period)> {
    let last = MonthIndex::of(to);
    (last.0 - 11..=last.0)
        .map(MonthIndex)
        .map(|m| (m, Period { from: m.first_day(), to: if m == last { to } else { m.last_day() } }))
        .collect()
}

/// The per-judge page of `judge` for `period`; `None` when no stored case names the judge.
pub fn judge_page(cases: &[CaseFacts], judge: &str, period: Period, input: PageInputs<'_>) -> Option<JudgePage> {
    let PageInputs { defs, weights, rounds, .. } = input;
    if judge.trim().is_empty() {
        return None;
    }
    let division = division_of(cases, judge)?.to_string();
    let mut by_judge: BTreeMap<&str, Vec<&CaseFacts>> = BTreeMap::new();
    for c in cases.iter().filter(|c| *c.division == *division && !c.judge.trim().is_empty()) {
        by_judge.entry(&c.judge).or_default().push(c);
    }
    let at = |p: Period| -> ByJudge<'_> { by_judge.iter().map(|(j, cs)| (*j, values(cs, p, input))).collect() };
    let now = at(period);
    let months: Vec<(MonthIndex, ByJudge<'_>)> = trend_months(period.to).into_iter().map(|(m, p)| (m, at(p))).collect();
    let metrics = PERFORMANCE_KEYS
        .iter()
        .map(|key| JudgeMetric {
            key,
            name: defs.performance_def(key).map_or_else(|| key.to_string(), |d| d.name.clone()),
            value: now[judge][key],
            division_median: median(now.values().map(|v| v[key])),
            trend: months
                .iter()
                .map(|(m, all)| TrendPoint {
                    month: m.label(),
                    value: all[judge][key],
                    division_median: median(all.values().map(|v| v[key])),
                })
                .collect(),
            unit: shape(key).0,
            higher_is_better: shape(key).1,
        })
        .collect();
    let mut warnings = Vec::new();
    if defs.hearing.denominator == HearingDenominator::Heard {
        warnings.push("一次有效庭审率只计结案前开过庭的案件（指标口径 [hearing] denominator = \"heard\"）".to_string());
    }
    if rounds.is_empty() {
        warnings.push("阅核退回：案件库中尚无阅核记录".to_string());
    }
    Some(JudgePage {
        judge: judge.to_string(),
        division,
        period,
        definitions_version: defs.version.clone(),
        weights_version: weights.version.clone(),
        division_judges: by_judge.keys().map(|j| j.to_string()).collect(),
        metrics,
        definitions: defs.performance.clone(),
        warnings,
    })
}
