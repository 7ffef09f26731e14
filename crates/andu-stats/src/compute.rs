//! [`compute()`]: every indicator of one period and scope in one pass over the cases.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use andu_deadline::HolidayCalendar;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::classify::{self as k, Ctx, LimitCache, Limits};
use crate::definitions::{Definitions, Floor};
use crate::facts::CaseFacts;
use crate::period::{MonthIndex, Period, Scope};

/// A ratio's parts, so that a reader can check it: `value = numerator / denominator` (null when 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fraction {
    pub numerator: u64,
    pub denominator: u64,
}

impl Fraction {
    pub fn value(self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64)
    }
}

/// One month of 逐月收结 (the first and last month are cut to the period).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthRow {
    /// `2025-03`.
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub received: u64,
    pub closed: u64,
    /// Since the start of the period.
    pub cumulative_received: u64,
    pub cumulative_closed: u64,
    /// Cumulative closed ÷ (pending_start + cumulative received); the last month's equals `closure_rate`.
    pub progress: Option<f64>,
}

/// One month of 均衡结案: whole calendar months (up to the period's end), counted from 1 January of that year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BalanceMonth {
    pub month: String,
    pub closed: u64,
    /// Closed in the month's year (1 January to 31 December, but not after the period's end).
    pub year_closed: u64,
    /// `closed / year_closed`.
    pub share_of_year: Option<f64>,
    /// Closed from 1 January to the end of the month.
    pub ytd_closed: u64,
    /// Pending on 1 January + received from 1 January to the end of the month.
    pub ytd_handled: u64,
    /// `ytd_closed / ytd_handled`: the year-to-date closure rate compared with the floor.
    pub ytd_progress: Option<f64>,
    pub floor: Option<f64>,
    /// `None` when the month has no floor or nothing was handled.
    pub meets_floor: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Balance {
    pub floors: Vec<Floor>,
    pub months: Vec<BalanceMonth>,
    /// Months whose year-to-date progress is below their floor.
    pub below_floor: Vec<String>,
}

/// A closed case whose 审限 could not be computed (e.g. `holiday_data_missing`): listed, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnknownLimit {
    pub case_no: String,
    pub code: String,
    pub message: String,
}

/// Every indicator of one period and scope. Serialised flat: the keys of [`crate::KEYS`] are top-level fields.
/// Ratios are fractions in [0, 1] (except `close_receive_ratio`, `reversal_remand_ratio`, `case_matter_ratio`,
/// `litigation_per_10k` and the day averages), `null` when the denominator is 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Indicators {
    pub definitions_version: String,
    pub period: Period,
    pub scope: Scope,
    pub received: u64,
    pub pending_start: u64,
    pub closed: u64,
    pub pending_end: u64,
    pub closure_rate: Option<f64>,
    pub close_receive_ratio: Option<f64>,
    pub within_limit: u64,
    pub within_limit_unknown: u64,
    pub within_limit_unknown_cases: Vec<UnknownLimit>,
    pub within_limit_rate: Option<f64>,
    pub avg_days: Option<f64>,
    pub avg_net_days: Option<f64>,
    pub over_12m_pending: u64,
    pub over_18m_pending: u64,
    pub over_36m_pending: u64,
    pub over_12m_ratio: Option<f64>,
    pub mediation_withdrawal_rate: Option<f64>,
    pub extension_rate: Option<f64>,
    pub appeal_rate: Option<f64>,
    pub reversed: u64,
    pub remanded: u64,
    pub reversal_remand_ratio: Option<f64>,
    pub litigation_per_10k: Option<f64>,
    /// The population used for `litigation_per_10k` (sum over the courts in scope), when every court has one.
    pub population: Option<u64>,
    pub case_matter_ratio: Option<f64>,
    pub monthly: Vec<MonthRow>,
    pub balance: Balance,
    /// Numerator and denominator of every ratio, by key.
    pub terms: BTreeMap<&'static str, Fraction>,
    /// Things a reader must know about these numbers (cases left out, unconfigured population…), in Chinese.
    pub warnings: Vec<String>,
}

impl Indicators {
    /// The value of one indicator key as JSON (`None` for an unknown key).
    pub fn value(&self, key: &str) -> Option<serde_json::Value> {
        if !crate::KEYS.contains(&key) {
            return None;
        }
        serde_json::to_value(self).ok().and_then(|v| v.get(key).cloned())
    }
}

#[derive(Default)]
struct Sums {
    counts: [u64; 16],
    days: i64,
    net_days: i64,
    within: u64,
    unknown: Vec<UnknownLimit>,
}

impl Sums {
    fn count(&self, flag: u32) -> u64 {
        self.counts[flag.trailing_zeros() as usize]
    }
}

fn frac(numerator: u64, denominator: u64) -> Fraction {
    Fraction { numerator, denominator }
}

/// All indicators over `cases` for `period` and `scope`. Pure: the 审限 comes from the deadline engine with `cal`;
/// a closed case whose 审限 cannot be computed is counted in `within_limit_unknown` and listed. `cases` may be
/// the facts or references to them (a judge's page computes over each judge's cases without copying them).
pub fn compute<C: Borrow<CaseFacts>>(
    cases: &[C],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    cal: &HolidayCalendar,
) -> Indicators {
    compute_with(cases, period, scope, defs, Limits::new(cal))
}

/// [`compute()`] with the 审限 kept in `cache` between computations over the same facts (see [`LimitCache`]):
/// the same numbers.
pub fn compute_cached<C: Borrow<CaseFacts>>(
    cases: &[C],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    cal: &HolidayCalendar,
    cache: &LimitCache,
) -> Indicators {
    compute_with(cases, period, scope, defs, Limits::cached(cal, cache))
}

fn compute_with<C: Borrow<CaseFacts>>(
    cases: &[C],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    mut limits: Limits<'_>,
) -> Indicators {
    let ctx = Ctx::new(period, defs);
    let mut s = Sums::default();

    let months: Vec<MonthIndex> = period.months().collect();
    let first_month = months[0];
    let mut month_received = vec![0u64; months.len()];
    let mut month_closed = vec![0u64; months.len()];

    // 均衡结案 counts whole months from 1 January of the first year up to the period's end.
    let balance_start = MonthIndex((first_month.year()) * 12);
    let balance_len = (MonthIndex::of(period.to).0 - balance_start.0 + 1) as usize;
    let balance_from = balance_start.first_day();
    let mut bal_received = vec![0u64; balance_len];
    let mut bal_closed = vec![0u64; balance_len];
    let years: Vec<i32> = (period.from.year()..=period.to.year()).collect();
    let year_starts: Vec<NaiveDate> = years.iter().map(|y| MonthIndex(y * 12).first_day()).collect();
    let mut pending_on_jan1 = vec![0u64; years.len()];

    let mut courts: BTreeSet<&str> = BTreeSet::new();
    let mut last_court: Option<&str> = None;

    for c in cases.iter().map(Borrow::borrow).filter(|c| scope.matches(c)) {
        if last_court != Some(&*c.court) {
            courts.insert(&c.court);
            last_court = Some(&c.court);
        }
        let f = ctx.flags(c);
        let mut bits = f;
        while bits != 0 {
            s.counts[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
        if f & k::RECEIVED != 0 {
            month_received[(MonthIndex::of(c.filed).0 - first_month.0) as usize] += 1;
        }
        if f & k::CLOSED != 0 {
            let closed = c.closed.expect("CLOSED implies a date");
            month_closed[(MonthIndex::of(closed).0 - first_month.0) as usize] += 1;
            s.days += c.days_to(closed);
            s.net_days += c.days_to(closed) - c.deducted_days_until(closed);
            match limits.due(c) {
                Ok(due) if closed <= due => s.within += 1,
                Ok(_) => {}
                Err(e) => s.unknown.push(UnknownLimit { case_no: c.case_no.clone(), code: e.code, message: e.message }),
            }
        }
        // 均衡结案.
        if balance_from <= c.filed && c.filed <= period.to {
            bal_received[(MonthIndex::of(c.filed).0 - balance_start.0) as usize] += 1;
        }
        if let Some(closed) = c.closed.filter(|d| balance_from <= *d && *d <= period.to) {
            bal_closed[(MonthIndex::of(closed).0 - balance_start.0) as usize] += 1;
        }
        for (i, jan1) in year_starts.iter().enumerate() {
            if c.filed < *jan1 && c.closed.is_none_or(|d| d >= *jan1) {
                pending_on_jan1[i] += 1;
            }
        }
    }

    let received = s.count(k::RECEIVED);
    let pending_start = s.count(k::PENDING_START);
    let closed = s.count(k::CLOSED);
    let pending_end = s.count(k::PENDING_END);
    let unknown = s.unknown.len() as u64;
    let mut terms = BTreeMap::new();
    let mut ratio = |key: &'static str, f: Fraction| {
        terms.insert(key, f);
        f.value()
    };
    let closure_rate = ratio("closure_rate", frac(closed, pending_start + received));
    let close_receive_ratio = ratio("close_receive_ratio", frac(closed, received));
    let within_limit_rate = ratio("within_limit_rate", frac(s.within, closed - unknown));
    let over_12m_ratio = ratio("over_12m_ratio", frac(s.count(k::OVER_12M), pending_end));
    let mediation_withdrawal_rate = ratio("mediation_withdrawal_rate", frac(s.count(k::MEDIATED_WITHDRAWN), closed));
    let extension_rate = ratio("extension_rate", frac(s.count(k::EXTENDED), closed));
    let appeal_rate = ratio("appeal_rate", frac(s.count(k::APPEALED), s.count(k::APPEALABLE)));
    let reversal_remand_ratio = ratio("reversal_remand_ratio", frac(s.count(k::REVERSED), s.count(k::REMANDED)));
    let first_instance = s.count(k::FIRST_INSTANCE);
    let case_matter_ratio =
        ratio("case_matter_ratio", frac(first_instance + s.count(k::FIRST_INSTANCE_APPEALED), first_instance));

    let mut warnings = Vec::new();
    if unknown > 0 {
        warnings.push(format!(
            "{unknown} 件已结案件的审限无法计算（多为缺少节假日数据），未计入审限内结案率的分子和分母；可在“审限内结案率”的案件列表中查看"
        ));
    }
    let population = population(&courts, defs, &mut warnings);
    let litigation = s.count(k::LITIGATION);
    let litigation_per_10k = population.map(|p| litigation as f64 / (p as f64 / 10_000.0));

    let average = |sum: i64| (closed > 0).then(|| sum as f64 / closed as f64);
    let monthly = monthly_rows(&months, period, pending_start, &month_received, &month_closed);
    let balance = balance(defs, period, balance_start, &bal_received, &bal_closed, &years, &pending_on_jan1);

    Indicators {
        definitions_version: defs.version.clone(),
        period,
        scope: scope.clone(),
        received,
        pending_start,
        closed,
        pending_end,
        closure_rate,
        close_receive_ratio,
        within_limit: s.within,
        within_limit_unknown: unknown,
        within_limit_unknown_cases: std::mem::take(&mut s.unknown),
        within_limit_rate,
        avg_days: average(s.days),
        avg_net_days: average(s.net_days),
        over_12m_pending: s.count(k::OVER_12M),
        over_18m_pending: s.count(k::OVER_18M),
        over_36m_pending: s.count(k::OVER_36M),
        over_12m_ratio,
        mediation_withdrawal_rate,
        extension_rate,
        appeal_rate,
        reversed: s.count(k::REVERSED),
        remanded: s.count(k::REMANDED),
        reversal_remand_ratio,
        litigation_per_10k,
        population,
        case_matter_ratio,
        monthly,
        balance,
        terms,
        warnings,
    }
}

fn population(courts: &BTreeSet<&str>, defs: &Definitions, warnings: &mut Vec<String>) -> Option<u64> {
    if courts.is_empty() {
        return None;
    }
    let missing: Vec<&str> = courts.iter().copied().filter(|c| !defs.population.contains_key(*c)).collect();
    if !missing.is_empty() {
        let names: Vec<String> =
            missing.iter().map(|c| if c.is_empty() { "（未填法院）".to_string() } else { c.to_string() }).collect();
        warnings.push(format!("未配置辖区人口：{}；万人成讼率为空（见指标定义文件 [population]）", names.join("、")));
        return None;
    }
    Some(courts.iter().map(|c| defs.population[*c]).sum())
}

fn monthly_rows(
    months: &[MonthIndex],
    period: Period,
    pending_start: u64,
    received: &[u64],
    closed: &[u64],
) -> Vec<MonthRow> {
    let (mut cum_r, mut cum_c) = (0, 0);
    months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            cum_r += received[i];
            cum_c += closed[i];
            MonthRow {
                month: m.label(),
                from: m.first_day().max(period.from),
                to: m.last_day().min(period.to),
                received: received[i],
                closed: closed[i],
                cumulative_received: cum_r,
                cumulative_closed: cum_c,
                progress: frac(cum_c, pending_start + cum_r).value(),
            }
        })
        .collect()
}

fn balance(
    defs: &Definitions,
    period: Period,
    start: MonthIndex,
    received: &[u64],
    closed: &[u64],
    years: &[i32],
    pending_on_jan1: &[u64],
) -> Balance {
    let mut months = Vec::new();
    let mut below_floor = Vec::new();
    for m in period.months() {
        let year = m.year();
        let y = years.iter().position(|v| *v == year).expect("period years");
        let jan = (MonthIndex(year * 12).0 - start.0) as usize;
        let here = (m.0 - start.0) as usize;
        let year_end = (MonthIndex(year * 12 + 11).0 - start.0) as usize;
        let year_closed: u64 = closed[jan..=year_end.min(closed.len() - 1)].iter().sum();
        let ytd_closed: u64 = closed[jan..=here].iter().sum();
        let ytd_handled = pending_on_jan1[y] + received[jan..=here].iter().sum::<u64>();
        let ytd_progress = frac(ytd_closed, ytd_handled).value();
        let floor = defs.floor(m.month());
        let meets_floor = floor.zip(ytd_progress).map(|(f, p)| p >= f);
        if meets_floor == Some(false) {
            below_floor.push(m.label());
        }
        months.push(BalanceMonth {
            month: m.label(),
            closed: closed[here],
            year_closed,
            share_of_year: frac(closed[here], year_closed).value(),
            ytd_closed,
            ytd_handled,
            ytd_progress,
            floor,
            meets_floor,
        });
    }
    Balance { floors: defs.floors.clone(), months, below_floor }
}
