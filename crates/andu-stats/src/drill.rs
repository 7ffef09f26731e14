//! Drill-down: the cases behind one indicator, each with the reason it counts ([`drill_down()`]).

use andu_core::{ClosingMethod, Procedure};
use andu_deadline::HolidayCalendar;
use chrono::NaiveDate;
use serde::Serialize;

use crate::classify::{self as k, Ctx, LimitCache, Limits};
use crate::definitions::Definitions;
use crate::facts::CaseFacts;
use crate::period::{MonthIndex, Period, Scope, plus_months};
use crate::{Indicators, StatsError, compute, compute_cached};

/// How a case enters the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "DrillRole"))]
pub enum Role {
    /// Counted in a count (新收, 超12个月未结…) or an average.
    Counted,
    /// In the numerator and the denominator of a ratio (e.g. a 调解 case for 调撤率).
    NumeratorAndDenominator,
    /// In the numerator only (结收比: closed but not received in the period; 改判 for 改判-发回重审比).
    Numerator,
    /// In the denominator only.
    Denominator,
    /// Left out of the ratio and listed (审限 could not be computed).
    Excluded,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DrillRow {
    pub case_no: String,
    pub cause: String,
    pub judge: String,
    pub division: String,
    pub procedure: Procedure,
    pub filed: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub closing_method: Option<ClosingMethod>,
    pub role: Role,
    /// For monthly figures: the month the case counts in (`2025-03`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub month: Option<String>,
    /// For day averages and ages: the days counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub days: Option<i64>,
    /// For 审限 indicators: the 审限届满日.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due: Option<NaiveDate>,
    /// For a case pending at the period's end: the whole months it has been pending, counted as the 超 N 个月未结
    /// indicators count them ([`months_pending`]), so the 统计 age chart and the cards never disagree.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub months_pending: Option<u32>,
    /// Why it counts, in Chinese.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drill {
    pub indicator: String,
    pub name: String,
    pub definitions_version: String,
    pub period: Period,
    pub scope: Scope,
    /// The indicator's value, as in `andu stats --json`.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: serde_json::Value,
    pub count: usize,
    pub cases: Vec<DrillRow>,
}

/// The cases behind indicator `key` (one of [`crate::KEYS`], else `indicator_unknown`).
pub fn drill_down(
    cases: &[CaseFacts],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    cal: &HolidayCalendar,
    key: &str,
) -> Result<Drill, StatsError> {
    drill_with(cases, period, scope, defs, cal, key, None)
}

/// [`drill_down()`] with the 审限 kept in `cache` between computations over the same facts (see [`LimitCache`]).
pub fn drill_down_cached(
    cases: &[CaseFacts],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    cal: &HolidayCalendar,
    key: &str,
    cache: &LimitCache,
) -> Result<Drill, StatsError> {
    drill_with(cases, period, scope, defs, cal, key, Some(cache))
}

fn drill_with(
    cases: &[CaseFacts],
    period: Period,
    scope: &Scope,
    defs: &Definitions,
    cal: &HolidayCalendar,
    key: &str,
    cache: Option<&LimitCache>,
) -> Result<Drill, StatsError> {
    let def = defs.get(key).ok_or_else(|| StatsError::IndicatorUnknown { key: key.to_string() })?;
    let indicators: Indicators = match cache {
        Some(cache) => compute_cached(cases, period, scope, defs, cal, cache),
        None => compute(cases, period, scope, defs, cal),
    };
    let ctx = Ctx::new(period, defs);
    let mut limits = match cache {
        Some(cache) => Limits::cached(cal, cache),
        None => Limits::new(cal),
    };
    let mut rows = Vec::new();
    for c in cases.iter().filter(|c| scope.matches(c)) {
        let first = rows.len();
        rows_for(key, c, ctx.flags(c), &ctx, &mut limits, &mut rows);
        if c.filed <= period.to && c.closed.is_none_or(|d| d > period.to) {
            let months = months_pending(c.filed, period.to);
            rows[first..].iter_mut().for_each(|r| r.months_pending = Some(months));
        }
    }
    rows.sort_by(|a, b| (&a.month, a.filed, &a.case_no).cmp(&(&b.month, b.filed, &b.case_no)));
    Ok(Drill {
        indicator: key.to_string(),
        name: def.name.clone(),
        definitions_version: defs.version.clone(),
        period,
        scope: scope.clone(),
        value: indicators.value(key).unwrap_or(serde_json::Value::Null),
        count: rows.len(),
        cases: rows,
    })
}

fn row(c: &CaseFacts, role: Role, why: String) -> DrillRow {
    DrillRow {
        case_no: c.case_no.clone(),
        cause: c.cause.to_string(),
        judge: c.judge.to_string(),
        division: c.division.to_string(),
        procedure: c.procedure,
        filed: c.filed,
        closed: c.closed,
        closing_method: c.closing_method,
        role,
        month: None,
        days: None,
        due: None,
        months_pending: None,
        why,
    }
}

fn method(c: &CaseFacts) -> &'static str {
    c.closing_method.map_or("未填", |m| m.as_str())
}

fn closed_why(c: &CaseFacts) -> String {
    format!("{} 结案，在统计期间内", c.closed.map(|d| d.to_string()).unwrap_or_default())
}

/// `num`/`den`: whether the case is in the ratio's numerator and denominator.
fn ratio_role(num: bool, den: bool) -> Option<Role> {
    match (num, den) {
        (true, true) => Some(Role::NumeratorAndDenominator),
        (true, false) => Some(Role::Numerator),
        (false, true) => Some(Role::Denominator),
        (false, false) => None,
    }
}

fn rows_for(key: &str, c: &CaseFacts, f: u32, ctx: &Ctx, limits: &mut Limits<'_>, out: &mut Vec<DrillRow>) {
    let Period { from, to } = ctx.period;
    let has = |flag: u32| f & flag != 0;
    let closed = c.closed.unwrap_or(NaiveDate::MAX);
    let received_why = || format!("{} 立案，在统计期间内", c.filed);
    let pending_start_why = || match c.closed {
        Some(d) => format!("{} 立案，早于期间开始 {from}；{d} 结案，期间开始时未结", c.filed),
        None => format!("{} 立案，早于期间开始 {from}；期间开始时未结", c.filed),
    };
    let pending_end_why = || match c.closed {
        Some(d) => format!("{} 立案；{d} 结案，晚于期间结束 {to}", c.filed),
        None => format!("{} 立案；至 {to} 未结案", c.filed),
    };
    match key {
        "received" if has(k::RECEIVED) => out.push(row(c, Role::Counted, received_why())),
        "pending_start" if has(k::PENDING_START) => out.push(row(c, Role::Counted, pending_start_why())),
        "closed" if has(k::CLOSED) => out.push(row(c, Role::Counted, closed_why(c))),
        "pending_end" if has(k::PENDING_END) => out.push(row(c, Role::Counted, pending_end_why())),
        "closure_rate" if has(k::RECEIVED | k::PENDING_START) => {
            let base = if has(k::RECEIVED) { "新收" } else { "旧存" };
            let why = if has(k::CLOSED) {
                format!("{base}；{}", closed_why(c))
            } else {
                format!("{base}；期间内未结案")
            };
            let role = if has(k::CLOSED) { Role::NumeratorAndDenominator } else { Role::Denominator };
            out.push(row(c, role, why));
        }
        "close_receive_ratio" => {
            if let Some(role) = ratio_role(has(k::CLOSED), has(k::RECEIVED)) {
                let why = match role {
                    Role::NumeratorAndDenominator => format!("期间内立案（{}）并结案（{closed}）", c.filed),
                    Role::Numerator => format!("{}；立案 {} 不在期间内，不计入新收", closed_why(c), c.filed),
                    _ => format!("{}；期间内未结案", received_why()),
                };
                out.push(row(c, role, why));
            }
        }
        "within_limit" | "within_limit_unknown" | "within_limit_rate" if has(k::CLOSED) => {
            let (role, why, due) = match (limits.due(c), key) {
                (Ok(due), "within_limit" | "within_limit_rate") if closed <= due => {
                    let role = if key == "within_limit" { Role::Counted } else { Role::NumeratorAndDenominator };
                    (role, format!("{closed} 结案，不晚于审限届满日 {due}"), Some(due))
                }
                (Ok(due), "within_limit_rate") => {
                    let late = (closed - due).num_days();
                    (Role::Denominator, format!("{closed} 结案，超过审限届满日 {due} 共 {late} 日"), Some(due))
                }
                (Err(e), "within_limit_unknown" | "within_limit_rate") => {
                    let role = if key == "within_limit_rate" { Role::Excluded } else { Role::Counted };
                    (role, format!("审限无法计算，未计入审限内结案率：{}（{}）", e.message, e.code), None)
                }
                _ => return,
            };
            let mut r = row(c, role, why);
            r.due = due;
            out.push(r);
        }
        "avg_days" | "avg_net_days" if has(k::CLOSED) => {
            let days = c.days_to(closed);
            let deducted = c.deducted_days_until(closed);
            let mut r = if key == "avg_days" {
                row(c, Role::Counted, format!("{} 立案，{closed} 结案，审理 {days} 日", c.filed))
            } else {
                row(
                    c,
                    Role::Counted,
                    format!(
                        "{} 立案，{closed} 结案，审理 {days} 日，扣除 {deducted} 日，计 {} 日",
                        c.filed,
                        days - deducted
                    ),
                )
            };
            r.days = Some(if key == "avg_days" { days } else { days - deducted });
            out.push(r);
        }
        "over_12m_pending" | "over_18m_pending" | "over_36m_pending" => {
            let (months, flag) = match key {
                "over_12m_pending" => k::OVER[0],
                "over_18m_pending" => k::OVER[1],
                _ => k::OVER[2],
            };
            if has(flag) {
                out.push(over_row(c, months, to, Role::Counted));
            }
        }
        "over_12m_ratio" if has(k::PENDING_END) => {
            if has(k::OVER_12M) {
                out.push(over_row(c, 12, to, Role::NumeratorAndDenominator));
            } else {
                let mut r = row(c, Role::Denominator, format!("{}；立案未超过 12 个月", pending_end_why()));
                r.days = Some(c.days_to(to));
                out.push(r);
            }
        }
        "mediation_withdrawal_rate" if has(k::CLOSED) => {
            let role = if has(k::MEDIATED_WITHDRAWN) { Role::NumeratorAndDenominator } else { Role::Denominator };
            out.push(row(c, role, format!("{}，结案方式：{}", closed_why(c), method(c))));
        }
        "extension_rate" if has(k::CLOSED) => {
            let role = if has(k::EXTENDED) { Role::NumeratorAndDenominator } else { Role::Denominator };
            let n = c.extensions.len();
            out.push(row(c, role, format!("{}，延长审限 {n} 次", closed_why(c))));
        }
        "appeal_rate" if has(k::APPEALABLE) => {
            let (role, why) = match c.appeal {
                Some(a) => (Role::NumeratorAndDenominator, format!("以{}结案，{} 提起上诉", method(c), a.filed)),
                None => (Role::Denominator, format!("以{}结案，未上诉", method(c))),
            };
            out.push(row(c, role, format!("{}；{why}", closed_why(c))));
        }
        "reversed" | "remanded" | "reversal_remand_ratio" => {
            let role = match key {
                "reversed" if has(k::REVERSED) => Role::Counted,
                "remanded" if has(k::REMANDED) => Role::Counted,
                "reversal_remand_ratio" if has(k::REVERSED) => Role::Numerator,
                "reversal_remand_ratio" if has(k::REMANDED) => Role::Denominator,
                _ => return,
            };
            let outcome = c.appeal.and_then(|a| a.outcome).map_or("", |o| o.as_str());
            out.push(row(c, role, format!("{}；二审结果：{outcome}", closed_why(c))));
        }
        "monthly" => {
            if has(k::RECEIVED) {
                let mut r = row(c, Role::Counted, format!("{} 新收", c.filed));
                r.month = Some(MonthIndex::of(c.filed).label());
                out.push(r);
            }
            if has(k::CLOSED) {
                let mut r = row(c, Role::Counted, format!("{closed} 结案"));
                r.month = Some(MonthIndex::of(closed).label());
                out.push(r);
            }
        }
        "balance" => balance_rows(c, ctx.period, out),
        "litigation_per_10k" if has(k::LITIGATION) => {
            let why = format!("{}，{}属成讼案件", received_why(), c.procedure.name_zh());
            out.push(row(c, Role::Counted, why));
        }
        "case_matter_ratio" if has(k::FIRST_INSTANCE) => {
            let why = match c.appeal {
                Some(a) => format!("一审{}；{} 上诉：1 案 2 件", closed_why(c), a.filed),
                None => format!("一审{}；无上诉记录：1 案 1 件", closed_why(c)),
            };
            out.push(row(c, Role::Counted, why));
        }
        _ => {}
    }
}

/// The whole months a case filed on `filed` has been pending at `to`: the largest n whose day 立案 + n months is
/// before `to` — the rule of the 超 12/18/36 个月未结 indicators (`classify::OVER`), so a case filed exactly 12
/// months before `to` has 11 and is not yet over 12.
pub fn months_pending(filed: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let span = (to.year() - filed.year()) * 12 + to.month() as i32 - filed.month() as i32;
    let mut n = span.max(0) as u32;
    while n > 0 && plus_months(filed, n).is_none_or(|d| d >= to) {
        n -= 1;
    }
    n
}

fn over_row(c: &CaseFacts, months: u32, to: NaiveDate, role: Role) -> DrillRow {
    let reached = plus_months(c.filed, months).map(|d| d.to_string()).unwrap_or_default();
    let mut r = row(c, role, format!("{} 立案，至 {to} 未结案；立案满 {months} 个月之日 {reached} 早于 {to}", c.filed));
    r.days = Some(c.days_to(to));
    r
}

/// 均衡结案: for each year the period touches, the cases handled from 1 January (pending then, or received up to
/// the period's end) and the month each was closed in.
fn balance_rows(c: &CaseFacts, period: Period, out: &mut Vec<DrillRow>) {
    use chrono::Datelike;
    for year in period.from.year()..=period.to.year() {
        let jan1 = MonthIndex(year * 12).first_day();
        let end = MonthIndex(year * 12 + 11).last_day().min(period.to);
        let pending_jan1 = c.filed < jan1 && c.closed.is_none_or(|d| d >= jan1);
        let received = jan1 <= c.filed && c.filed <= end;
        if !pending_jan1 && !received {
            continue;
        }
        let base = if pending_jan1 { format!("{year} 年 1 月 1 日未结") } else { format!("{} 立案", c.filed) };
        let mut r = match c.closed.filter(|d| *d <= end) {
            Some(d) => {
                let mut r = row(c, Role::NumeratorAndDenominator, format!("{base}；{d} 结案"));
                r.month = Some(MonthIndex::of(d).label());
                r
            }
            None => row(c, Role::Denominator, format!("{base}；至 {end} 未结案")),
        };
        if r.month.is_none() {
            r.month = Some(if received { MonthIndex::of(c.filed).label() } else { MonthIndex(year * 12).label() });
        }
        out.push(r);
    }
}
