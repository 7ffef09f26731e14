//! 审限: the trial time limit of a case (domain.md §1.3, §1.4, §0).
//!
//! Order of operations, checked against worked case #25 (立案 2025-03-10, 46 days of 鉴定, +6 months):
//! 1. the start is the day of 立案 (not counted), or of a restart or a criminal conversion;
//! 2. the base period is counted from the start (months first, by CC 202 or CrimPL-I 202, then days), and each
//!    extension from the expiry before it (domain.md §0; the same as one span except near a month's end:
//!    立案 2025-08-31 + 6 months = 2026-02-28, extended 6 months = 2026-08-28): 6 + 6 months → 2026-03-10;
//! 3. the deducted days (the union of all deduction and suspension intervals) are added: + 46 → 2026-04-25;
//! 4. the rest-day rule applies once, to that last day (none in criminal custody): 2026-04-25 (Sat) → 2026-04-27.

use andu_core::{CaseCategory, Deduction, DeductionKind, Extension, ExtensionLength, Procedure, ValidCase};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::DeadlineError;
use crate::calendar::HolidayCalendar;
use crate::derive::RecordedEvent;
use crate::events::{LimitEffect, SPECIAL_PUBLICATIONS};
use crate::explain::{ymd, ymd_weekday};
use crate::period::{self, Direction, Provisional, Regime, SkippedDay};
use crate::settings::{
    BeforeRestDay, CriminalFast, CriminalFirstInstance, CriminalSimple, DeductionEnds, Settings, SimpleExtension,
};

/// An extension of the 审限 as recorded. `length: None` means the statutory standard for that procedure and that
/// extension's rank (e.g. civil ordinary: 6 months, then [`Settings::ordinary_further_extension_months`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionGrant {
    pub length: Option<ExtensionLength>,
    pub approved: Option<NaiveDate>,
}

impl From<&Extension> for ExtensionGrant {
    fn from(x: &Extension) -> Self {
        Self { length: Some(x.length), approved: Some(x.approved) }
    }
}

impl From<ExtensionLength> for ExtensionGrant {
    fn from(length: ExtensionLength) -> Self {
        Self { length: Some(length), approved: None }
    }
}

/// 中止诉讼 (SPC-2000 Art 9(9); ALL-I 50): the clock stops on `from` and runs again on the day of resumption.
/// While `resumed` is `None` the 审限 is suspended and only `from` itself is deducted so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspension {
    pub from: NaiveDate,
    pub resumed: Option<NaiveDate>,
}

/// 重新计算审理期限: the 审限 counts anew from `date` (CrimPL 208 ¶2–3: change of jurisdiction, return after
/// supplementary investigation). Extensions approved and deductions ended before it no longer count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restart {
    pub date: NaiveDate,
    pub reason: String,
    /// The article that orders the restart; empty: 《刑事诉讼法》第二百零八条第二款、第三款.
    pub citation: String,
}

/// A change of procedure: `TrialLimitInput::procedure` is the procedure now used, `from` the earlier one.
/// Civil and administrative cases count on from the original 立案 (CPL-I 258 ¶3; ALL-I 105); criminal cases
/// count from the decision (CrimPL-I 376; SPC-2000 Art 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversion {
    pub from: Procedure,
    pub date: NaiveDate,
    /// The article that orders the conversion (《民事诉讼法》第一百七十条); may be empty.
    pub basis: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrialLimitInput {
    pub procedure: Procedure,
    /// 立案 (for `admin-appeal`: the day the 上诉状 was received, ALL 88; for `civil-retrial-review`: the day the
    /// 再审申请书 was received, CPL 215).
    pub filed: NaiveDate,
    /// The defendant is detained: criminal 审限 end on the nominal day (CrimPL 105 ¶4); a detained private
    /// prosecution takes the public-prosecution limits (CrimPL 212).
    pub custody: bool,
    pub extensions: Vec<ExtensionGrant>,
    pub deductions: Vec<Deduction>,
    pub suspensions: Vec<Suspension>,
    pub restarts: Vec<Restart>,
    pub conversion: Option<Conversion>,
    /// 特别程序 with a 公告 (宣告失踪、宣告死亡、认定财产无主): the 审限 is thirty days from the end of the 公告期
    /// (CPL 187), the latest one recorded.
    pub publication: Option<SpecialPublication>,
    /// 选民资格案件: the election day, before which the case must be decided (CPL 189).
    pub election_day: Option<NaiveDate>,
    /// 涉外民事案件, recorded as the 节点 `涉外案件` (domain.md §0): no 审限 in first instance or on appeal (CPL 287).
    pub foreign: bool,
    /// 再审立案 (criminal: the decision to retry): the 审限 counts anew from it (CPL-I 128; ALL-I 50 ¶2; CrimPL 258).
    pub retrial: Option<NaiveDate>,
    /// A party without a domicile in China (set by [`Self::from_case`]): the case may be 涉外, which only the judge
    /// can decide (CPL-I 520) — said in the warnings while `foreign` is not set.
    pub foreign_party: Option<String>,
    /// Said in the warnings: recorded 审限 events that could not apply to this case ([`Self::with_events`]).
    pub notes: Vec<String>,
}

/// A 特别程序 公告 the 审限 waits for: either its publication (the 公告期 is counted from it) or its recorded end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialPublication {
    /// The 节点 (`宣告失踪公告发布`, `特别程序公告期满`…).
    pub kind: String,
    pub date: NaiveDate,
    /// The 公告期 and its article; `None` when `date` is the recorded end itself.
    pub period: Option<(period::Length, &'static str)>,
}

impl TrialLimitInput {
    pub fn new(procedure: Procedure, filed: NaiveDate) -> Self {
        Self {
            procedure,
            filed,
            custody: false,
            extensions: Vec::new(),
            deductions: Vec::new(),
            suspensions: Vec::new(),
            restarts: Vec::new(),
            conversion: None,
            publication: None,
            election_day: None,
            foreign: false,
            retrial: None,
            foreign_party: None,
            notes: Vec::new(),
        }
    }

    /// The case as stored: procedure, 立案, custody, extensions and deductions (中止 is recorded as a deduction of
    /// kind 中止 there).
    pub fn from_case(case: &ValidCase) -> Self {
        Self {
            custody: case.custody,
            extensions: case.extensions.iter().map(ExtensionGrant::from).collect(),
            deductions: case.deductions.clone(),
            foreign_party: case.parties.iter().find(|p| p.foreign).map(|p| p.name.clone()),
            ..Self::new(case.procedure, case.filed)
        }
    }

    /// Applies the recorded 审限 events ([`crate::events::LIMIT_EVENT_KINDS`]; other kinds are ignored) in date
    /// order: a change of procedure sets the procedure now used and [`Self::conversion`] (the latest one counts),
    /// a restart is added to [`Self::restarts`]. An event that does not fit the case (小额诉讼转简易程序 on an
    /// ordinary case, a criminal restart on a civil case) changes nothing and is said in [`Self::notes`].
    pub fn with_events(mut self, events: &[RecordedEvent]) -> Self {
        let mut events: Vec<&RecordedEvent> = events.iter().collect();
        events.sort_by_key(|e| e.date);
        let special = |input: &mut Self, e: &RecordedEvent| {
            let fits = input.procedure == Procedure::CivilSpecial;
            if !fits {
                input.notes.push(format!(
                    "{} 节点“{}”只适用于特别程序案件，未计入{}的审限",
                    ymd(e.date),
                    e.kind,
                    input.procedure.name_zh()
                ));
            }
            fits
        };
        for e in events {
            if let Some((kind, length, cite)) = SPECIAL_PUBLICATIONS.iter().find(|(k, _, _)| *k == e.kind) {
                // Only a 特别程序 case waits for these 公告; elsewhere they are just periods (no note: the rule
                // files already restrict them to `civil-special`).
                if self.procedure == Procedure::CivilSpecial {
                    let period = Some((*length, *cite));
                    self.publication = Some(SpecialPublication { kind: kind.to_string(), date: e.date, period });
                }
                continue;
            }
            let Some(kind) = crate::events::limit_event_kind(&e.kind) else { continue };
            match kind.effect {
                LimitEffect::Conversion(pairs) => {
                    let forward = pairs.iter().find(|(from, _, _)| *from == self.procedure);
                    let already = pairs.iter().find(|(_, to, _)| *to == self.procedure);
                    match (forward, already) {
                        (Some(&(from, to, basis)), _) => {
                            self.procedure = to;
                            self.conversion = Some(Conversion { from, date: e.date, basis });
                        }
                        (None, Some(&(from, _, basis))) => {
                            self.conversion = Some(Conversion { from, date: e.date, basis })
                        }
                        (None, None) => self.notes.push(format!(
                            "{} 节点“{}”不适用于{}，未计入审限",
                            ymd(e.date),
                            kind.id,
                            self.procedure.name_zh()
                        )),
                    }
                }
                LimitEffect::PublicationEnded => {
                    if special(&mut self, e) {
                        self.publication =
                            Some(SpecialPublication { kind: kind.id.to_string(), date: e.date, period: None });
                    }
                }
                LimitEffect::ElectionDay => {
                    if special(&mut self, e) {
                        self.election_day = Some(e.date);
                    }
                }
                // Kept whatever the procedure now is: a later conversion or appeal procedure decides whether it
                // exempts (only the procedures CPL 287 names do).
                LimitEffect::ForeignRelated => self.foreign = true,
                LimitEffect::Retrial if crate::events::RETRIAL_PROCEDURES.contains(&self.procedure) => {
                    self.retrial = Some(e.date)
                }
                LimitEffect::Retrial => self.notes.push(format!(
                    "{} 节点“{}”：再审按第一审或第二审程序审理，{}不是再审所按的程序，未计入审限",
                    ymd(e.date),
                    kind.id,
                    self.procedure.name_zh()
                )),
                LimitEffect::Restart { categories, citation } => {
                    if categories.contains(&self.procedure.category()) {
                        self.restarts.push(Restart {
                            date: e.date,
                            reason: kind.id.to_string(),
                            citation: citation.to_string(),
                        });
                    } else {
                        self.notes.push(format!(
                            "{} 节点“{}”是刑事案件重新计算审限的事由，不适用于{}，未计入审限（民事、行政案件发回重审另行立案，管辖权异议期间按审限扣除记录）",
                            ymd(e.date),
                            kind.id,
                            self.procedure.name_zh()
                        ));
                    }
                }
            }
        }
        self
    }
}

/// Months and days, counted months first. Criminal "half a month" is 15 days (CrimPL-I 202).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LimitSpan"))]
pub struct Span {
    pub months: u32,
    pub days: u32,
}

impl Span {
    const fn months(months: u32) -> Self {
        Self { months, days: 0 }
    }
    const fn days(days: u32) -> Self {
        Self { months: 0, days }
    }
    fn add(self, other: Span) -> Span {
        // Saturating: an imported extension of billions of months must end in `date_out_of_range`, not a panic.
        Span { months: self.months.saturating_add(other.months), days: self.days.saturating_add(other.days) }
    }
    fn from_length(l: ExtensionLength) -> Span {
        match l {
            ExtensionLength::Months(m) => Span::months(m),
            ExtensionLength::Days(d) => Span::days(d),
        }
    }
    /// `6个月`, `30日`, `1个月15日`.
    pub fn zh(self) -> String {
        match (self.months, self.days) {
            (0, d) => format!("{d}日"),
            (m, 0) => format!("{m}个月"),
            (m, d) => format!("{m}个月{d}日"),
        }
    }
}

/// One deducted interval as counted (after clipping and the [`DeductionEnds`] setting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeductedInterval {
    pub kind: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrialLimit {
    pub procedure: Procedure,
    pub category: CaseCategory,
    pub filed: NaiveDate,
    /// The day counting starts after (立案, or the latest restart / criminal conversion).
    pub start: NaiveDate,
    pub regime: Regime,
    pub base: Span,
    /// Base period plus extensions, as counted from `start`.
    pub period: Span,
    /// Calendar days the extensions added to the end.
    pub extended_by: u32,
    /// Days deducted (the union of all intervals, each day once).
    pub deducted_days: u32,
    pub deducted: Vec<DeductedInterval>,
    /// The last day before the rest-day rule.
    pub nominal: NaiveDate,
    /// The 审限's last day.
    pub due: NaiveDate,
    /// Set while a 中止 has no resumption date: the clock is stopped and `due` will move.
    pub suspended_since: Option<NaiveDate>,
    pub citation: String,
    pub skipped: Vec<SkippedDay>,
    pub explanation: Vec<String>,
    /// The explanation lines of a change of procedure or a restart (shown beside the 审限, not only under 为什么).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub changes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub warnings: Vec<String>,
    /// The last day to ask for an extension, where a text sets one and an extension is still possible.
    pub extension_request: Option<ExtensionRequest>,
    /// Set when `due` is the provisional date of domain.md §0 (its year has no holiday table yet).
    pub provisional: Option<Provisional>,
}

/// The 审限 under the default [`Settings`].
pub fn trial_limit(input: &TrialLimitInput, cal: &HolidayCalendar) -> Result<TrialLimit, DeadlineError> {
    trial_limit_with(input, cal, &Settings::default())
}

pub fn trial_limit_with(
    input: &TrialLimitInput,
    cal: &HolidayCalendar,
    settings: &Settings,
) -> Result<TrialLimit, DeadlineError> {
    let procedure = input.procedure;
    let category = procedure.category();
    if input.foreign && FOREIGN_EXEMPT.contains(&procedure) {
        return Err(DeadlineError::TrialLimitExempt {
            reason: format!(
                "涉外民事案件不受审限限制：人民法院审理涉外民事案件的期间，不受《民事诉讼法》第一百五十二条、第一百八十三条规定的限制（《民事诉讼法》第二百八十七条；{}）",
                procedure.name_zh()
            ),
        });
    }
    if procedure == Procedure::CivilSpecial
        && let Some(day) = input.election_day
    {
        return election_limit(input, day);
    }
    let mut lines = Vec::with_capacity(10);
    let mut warnings = input.notes.clone();
    if let Some(name) = &input.foreign_party
        && FOREIGN_EXEMPT.contains(&procedure)
    {
        warnings.push(format!(
            "当事人{name}在中华人民共和国领域内没有住所：如本案为涉外民事案件，请记录节点“涉外案件”，审限即不受限制（《民事诉讼法》第二百八十七条）"
        ));
    }

    // 1. Start.
    let mut start = input.filed;
    if let Some(c) = input.conversion {
        let basis = if c.basis.is_empty() { String::new() } else { format!("（{}）", c.basis) };
        if category == CaseCategory::Criminal {
            start = c.date;
            let cite = if c.from == Procedure::CriminalSimple {
                "《最高人民法院关于适用〈刑事诉讼法〉的解释》第三百六十八条第二款"
            } else {
                "《最高人民法院关于适用〈刑事诉讼法〉的解释》第三百七十六条"
            };
            lines.push(format!(
                "{} 由{}转为{}{basis}，审理期限自作出决定之日起计算（{cite}）",
                ymd(c.date),
                c.from.name_zh(),
                procedure.name_zh()
            ));
        } else {
            let cite = if category == CaseCategory::Administrative {
                "《最高人民法院关于适用〈行政诉讼法〉的解释》第一百零五条第二款"
            } else if procedure == Procedure::CivilOrdinary {
                "《最高人民法院关于适用〈民事诉讼法〉的解释》第二百五十八条第三款"
            } else {
                "参照《最高人民法院关于适用〈民事诉讼法〉的解释》第二百五十八条第三款"
            };
            lines.push(format!(
                "{} 由{}转为{}{basis}，审理期限自立案之日起连续计算（{cite}）",
                ymd(c.date),
                c.from.name_zh(),
                procedure.name_zh()
            ));
        }
    }
    let restart = input.restarts.iter().filter(|r| r.date > start).max_by_key(|r| r.date);
    if let Some(r) = restart {
        start = r.date;
        let cite = if r.citation.is_empty() {
            "《刑事诉讼法》第二百零八条第二款、第三款"
        } else {
            &r.citation
        };
        lines.push(format!("{} {}，审理期限重新计算（{cite}）", ymd(r.date), r.reason));
    }

    // 再审: the 审限 of the procedure the case is retried under, counted anew (criminal: CrimPL 258's own).
    let retrial = input.retrial.filter(|r| *r > start && crate::events::RETRIAL_PROCEDURES.contains(&procedure));
    let criminal_retrial = retrial.is_some() && category == CaseCategory::Criminal;
    if let Some(r) = retrial {
        start = r;
        lines.push(match category {
            CaseCategory::Criminal => format!(
                "{} 作出提审、再审决定：按审判监督程序重新审判，应当自决定之日起三个月以内审结，需要延长的不得超过六个月（《刑事诉讼法》第二百五十八条第一款）",
                ymd(r)
            ),
            CaseCategory::Administrative => format!(
                "{} 再审立案，按{}审理：适用该程序的审理期限，自再审立案的次日起算（《最高人民法院关于适用〈行政诉讼法〉的解释》第五十条第二款）",
                ymd(r),
                procedure.name_zh()
            ),
            _ => format!(
                "{} 再审立案，按{}审理：适用该程序的审限，自再审立案的次日起算（《最高人民法院关于适用〈民事诉讼法〉的解释》第一百二十八条）",
                ymd(r),
                procedure.name_zh()
            ),
        });
    }

    // CPL 187: a 特别程序 case with a 公告 is decided within thirty days after the 公告期 ends.
    let mut publication_provisional = None;
    if procedure == Procedure::CivilSpecial
        && let Some(p) = &input.publication
    {
        let end = match p.period {
            Some((length, cite)) => {
                let end = period::count(p.date, length, Direction::After, Regime::Civil, cal)?;
                lines.push(format!(
                    "{} {}，公告期间{}（{cite}），至 {} 届满{}",
                    ymd(p.date),
                    p.kind,
                    length.zh(),
                    ymd_weekday(end.due),
                    if end.provisional.is_some() { "（暂定）" } else { "" }
                ));
                publication_provisional = end.provisional;
                end.due
            }
            None => {
                lines.push(format!("{} 公告期满（节点“{}”）", ymd(p.date), p.kind));
                p.date
            }
        };
        if end > start {
            start = end;
            lines.push(format!(
                "审限自公告期满后计算：应当在公告期满后三十日内审结（《民事诉讼法》第一百八十七条），{} 当日不计入",
                ymd(end)
            ));
        }
    }

    let changes = lines.clone();

    // 2. Base period and extensions, as one span from the start.
    let (base, base_cite) = if criminal_retrial {
        (Span::months(3), "《刑事诉讼法》第二百五十八条第一款")
    } else {
        base_period(procedure, input.custody, settings)
    };
    let regime = regime_for(category, input.custody);
    lines.push(format!(
        "审限：{} {}，{} 当日不计入，自次日起算（{base_cite}；《最高人民法院关于严格执行案件审理期限制度的若干规定》第八条）",
        procedure.name_zh(),
        base.zh(),
        ymd(start)
    ));
    // An extension granted under the earlier procedure (简易程序 +1 个月) or before a restart no longer counts.
    let before = |g: &ExtensionGrant, day: NaiveDate| g.approved.is_some_and(|a| a < day);
    let grants: Vec<&ExtensionGrant> = input
        .extensions
        .iter()
        .filter(|g| restart.is_none_or(|r| !before(g, r.date)))
        .filter(|g| input.conversion.is_none_or(|c| !before(g, c.date)))
        .filter(|g| retrial.is_none_or(|r| !before(g, r)))
        .collect();
    if grants.len() < input.extensions.len() {
        warnings.push(if retrial.is_some_and(|r| input.extensions.iter().any(|g| before(g, r))) {
            "再审前批准的延长不再计入".to_string()
        } else if restart.is_some_and(|r| input.extensions.iter().any(|g| before(g, r.date))) {
            "重新计算审理期限前批准的延长不再计入".to_string()
        } else {
            "转换程序前批准的延长不再计入".to_string()
        });
    }
    let (total, steps) = if criminal_retrial && !grants.is_empty() {
        // CrimPL 258 ¶1: "需要延长期限的，不得超过六个月" — extended, the limit is six months from the decision.
        lines.push(format!("延长：共 {} 次，延长后审限为六个月（《刑事诉讼法》第二百五十八条第一款）", grants.len()));
        (Span::months(6), vec![Span::months(6)])
    } else {
        extended_span(procedure, input.custody, base, &grants, settings, &mut lines, &mut warnings)?
    };
    let span_end = |from: NaiveDate, span: Span| {
        i32::try_from(span.months)
            .ok()
            .and_then(|m| period::shift_months(from, m, regime.month_end()))
            .and_then(|d| d.checked_add_signed(Duration::days(i64::from(span.days))))
            .ok_or_else(|| DeadlineError::out_of_range(format!("{} + {}", ymd(from), span.zh())))
    };
    let base_end = span_end(start, base)?;
    let mut after_span = start;
    for (i, step) in steps.iter().enumerate() {
        let from = after_span;
        after_span = span_end(from, *step)?;
        if i == 0 {
            lines.push(format!("{} + {}：{}", ymd(from), step.zh(), ymd_weekday(after_span)));
        } else {
            lines.push(format!(
                "自原届满日 {} 起延长 {}：{}（延长的期间自原审限届满之日起计算；本系统设定，依据 domain §0）",
                ymd(from),
                step.zh(),
                ymd_weekday(after_span)
            ));
        }
    }
    let extended_by = (after_span - base_end).num_days().max(0) as u32;

    // 3. Deductions.
    let (deducted, deducted_days, suspended_since) = deductions(input, start, settings, &mut lines, &mut warnings);
    let nominal = after_span
        .checked_add_signed(Duration::days(i64::from(deducted_days)))
        .ok_or_else(|| DeadlineError::out_of_range(format!("{} + {deducted_days} 日", ymd(after_span))))?;
    if deducted_days > 0 {
        lines.push(format!(
            "加上扣除的 {deducted_days} 日：{}（{}）",
            ymd_weekday(nominal),
            deduction_citation(procedure)
        ));
    }
    if let Some(since) = suspended_since {
        warnings.push(format!("{} 起中止审理，尚未恢复：审限停止计算，恢复后截止日期将相应顺延", ymd(since)));
    }

    // 4. Rest-day rule, once.
    let settled = period::settle(nominal, Direction::After, regime, cal, BeforeRestDay::Earlier, &mut lines)?;
    period::december_warning(settled.due, cal, &mut warnings);
    // No text sets a lead time for asking to extend a criminal retrial's 审限.
    let asked = if criminal_retrial {
        Ok(None)
    } else {
        extension_request(procedure, input.custody, grants.len(), settled.due, cal)
    };
    let extension_request = match asked {
        // Counted back from a provisional expiry, which is never later than the true one: never later either.
        Ok(r) => r.map(|r| ExtensionRequest { provisional: settled.provisional.clone(), ..r }),
        Err(e) => {
            warnings.push(format!("无法计算申请延长审限的最后日期：{e}"));
            None
        }
    };
    lines.extend(warnings.iter().map(|w| format!("注意：{w}")));
    let tag = if settled.provisional.is_some() { "（暂定）" } else { "" };
    lines.push(format!("审限届满日：{}{tag}", ymd_weekday(settled.due)));
    if let Some(r) = &extension_request {
        lines.push(format!(
            "如需延长审限，应当在期限届满{}日前提出申请，即不晚于 {}（{}）",
            r.days_before,
            ymd_weekday(r.by),
            r.citation
        ));
    }

    Ok(TrialLimit {
        extension_request,
        procedure,
        category,
        filed: input.filed,
        start,
        regime,
        base,
        period: total,
        extended_by,
        deducted_days,
        deducted,
        nominal,
        due: settled.due,
        suspended_since,
        citation: base_cite.to_string(),
        skipped: settled.skipped,
        explanation: lines,
        changes,
        warnings,
        provisional: settled.provisional.or(publication_provisional),
    })
}

/// The procedures whose 审限 CPL 287 lifts for 涉外 cases: first instance under CPL 152 and appeals under CPL 183.
/// (A 涉外 case cannot be tried under the simple procedure, CPL-I 257; the others keep their limits.)
pub const FOREIGN_EXEMPT: [Procedure; 3] =
    [Procedure::CivilOrdinary, Procedure::CivilAppealJudgment, Procedure::CivilAppealRuling];

/// 选民资格案件 (CPL 189): decided before the election day, so the last day is the day before it. No extension
/// (CPL 187 excludes these cases from the 院长's extension), and no roll over rest days: a later day would be the
/// election day or after it.
fn election_limit(input: &TrialLimitInput, day: NaiveDate) -> Result<TrialLimit, DeadlineError> {
    const CPL_189: &str = "《民事诉讼法》第一百八十九条";
    let due = day.pred_opt().ok_or_else(|| DeadlineError::out_of_range(ymd(day)))?;
    let mut warnings = input.notes.clone();
    if !input.extensions.is_empty() {
        warnings.push("选民资格案件不得延长审限（《民事诉讼法》第一百八十七条但书），记录的延长未计入".to_string());
    }
    if due < input.filed {
        warnings.push(format!("选举日 {} 早于立案日 {}：请核对", ymd(day), ymd(input.filed)));
    }
    let mut lines = vec![
        format!("选民资格案件：人民法院受理后，必须在选举日前审结（{CPL_189}）"),
        format!("选举日 {}，审结的最后一日为其前一日 {}", ymd_weekday(day), ymd_weekday(due)),
        "该日为休息日的也不顺延：顺延将到选举日或其后（本系统设定，依据《民事诉讼法》第一百八十九条）".to_string(),
    ];
    lines.extend(warnings.iter().map(|w| format!("注意：{w}")));
    lines.push(format!("审限届满日：{}", ymd_weekday(due)));
    let days = u32::try_from((due - input.filed).num_days().max(0)).unwrap_or(0);
    Ok(TrialLimit {
        procedure: input.procedure,
        category: input.procedure.category(),
        filed: input.filed,
        start: input.filed,
        regime: Regime::Civil,
        base: Span::days(days),
        period: Span::days(days),
        extended_by: 0,
        deducted_days: 0,
        deducted: Vec::new(),
        nominal: due,
        due,
        suspended_since: None,
        citation: CPL_189.to_string(),
        skipped: Vec::new(),
        explanation: lines,
        changes: Vec::new(),
        warnings,
        extension_request: None,
        provisional: None,
    })
}

/// The last day to ask for an extension of the 审限: a number of days before its expiry, by the text of the area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionRequest {
    /// The last day to file the request (moved earlier when it is a rest day: the request goes to someone who
    /// must decide before the expiry).
    pub by: NaiveDate,
    pub days_before: u32,
    pub citation: &'static str,
    /// Counted from a provisional 审限 expiry (see [`TrialLimit::provisional`]).
    pub provisional: Option<Provisional>,
}

/// Which text sets the request's lead time: 民商事 15 days (SPC-2019 art 1 ¶2, which replaced SPC-2000 art 12's
/// ten days for them), criminal cases extended by a higher court 15 days (CrimPL-I 210 ¶2), an unextended 自诉
/// without custody ten days to the 院长 (SPC-2000 art 11), administrative cases ten days (SPC-2000 art 13). None
/// where the procedure cannot be extended (行政简易: ALL 84; a capped procedure already extended) or no text says.
fn extension_request(
    procedure: Procedure,
    custody: bool,
    extended: usize,
    due: NaiveDate,
    cal: &HolidayCalendar,
) -> Result<Option<ExtensionRequest>, DeadlineError> {
    use Procedure::*;
    const SPC_2019: &str = "《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条第二款";
    const CRIMPL_I_210: &str = "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第二百一十条第二款";
    let (days_before, citation) = match procedure {
        CivilOrdinary | CivilAppealJudgment | CivilAppealRuling | CivilSpecial | CivilRetrialReview => (15, SPC_2019),
        // CPL-I 258 and CPL 168: one extension only.
        CivilSimple | SmallClaims if extended == 0 => (15, SPC_2019),
        CriminalPublic | CriminalAppeal => (15, CRIMPL_I_210),
        CriminalPrivate if custody => (15, CRIMPL_I_210),
        CriminalPrivate if extended == 0 => (10, "《最高人民法院关于严格执行案件审理期限制度的若干规定》第十一条"),
        AdminFirst | AdminAppeal => (10, "《最高人民法院关于严格执行案件审理期限制度的若干规定》第十三条"),
        _ => return Ok(None),
    };
    let by = period::count_with(
        due,
        period::Length::Days(days_before),
        Direction::Before,
        Regime::Civil,
        cal,
        BeforeRestDay::Earlier,
    )?
    .due;
    Ok(Some(ExtensionRequest { by, days_before, citation, provisional: None }))
}

fn regime_for(category: CaseCategory, custody: bool) -> Regime {
    match category {
        CaseCategory::Criminal if custody => Regime::CriminalCustody,
        CaseCategory::Criminal => Regime::Criminal,
        CaseCategory::Administrative => Regime::Admin,
        _ => Regime::Civil,
    }
}

/// The statutory base period of each procedure (domain.md §1.3).
pub fn base_period(procedure: Procedure, custody: bool, settings: &Settings) -> (Span, &'static str) {
    use Procedure::*;
    match procedure {
        CivilOrdinary => (Span::months(6), "《民事诉讼法》第一百五十二条"),
        CivilSimple => (Span::months(3), "《民事诉讼法》第一百六十四条"),
        SmallClaims => (Span::months(2), "《民事诉讼法》第一百六十八条"),
        CivilAppealJudgment => (Span::months(3), "《民事诉讼法》第一百八十三条第一款"),
        CivilAppealRuling => (Span::days(30), "《民事诉讼法》第一百八十三条第二款"),
        CivilSpecial => (Span::days(30), "《民事诉讼法》第一百八十七条"),
        CivilRetrialReview => (Span::months(3), "《民事诉讼法》第二百一十五条"),
        CriminalPublic => criminal_first_instance(settings, "《刑事诉讼法》第二百零八条"),
        CriminalPrivate if custody => criminal_first_instance(settings, "《刑事诉讼法》第二百一十二条、第二百零八条"),
        CriminalPrivate => (Span::months(6), "《刑事诉讼法》第二百一十二条"),
        CriminalSimple => match settings.criminal_simple {
            crate::settings::CriminalSimple::TwentyDays => (Span::days(20), "《刑事诉讼法》第二百二十条"),
            crate::settings::CriminalSimple::OneAndHalfMonths => {
                (Span { months: 1, days: 15 }, "《刑事诉讼法》第二百二十条")
            }
        },
        CriminalFast => match settings.criminal_fast {
            crate::settings::CriminalFast::TenDays => (Span::days(10), "《刑事诉讼法》第二百二十五条"),
            crate::settings::CriminalFast::FifteenDays => (Span::days(15), "《刑事诉讼法》第二百二十五条"),
        },
        CriminalAppeal => (Span::months(2), "《刑事诉讼法》第二百四十三条"),
        AdminFirst => (Span::months(6), "《行政诉讼法》第八十一条"),
        AdminSimple => (Span::days(45), "《行政诉讼法》第八十三条"),
        AdminAppeal => (Span::months(3), "《行政诉讼法》第八十八条"),
        Enforcement => (Span::months(6), "《最高人民法院关于严格执行案件审理期限制度的若干规定》第五条"),
    }
}

fn criminal_first_instance(settings: &Settings, cite: &'static str) -> (Span, &'static str) {
    match settings.criminal_first_instance {
        CriminalFirstInstance::TwoMonths => (Span::months(2), cite),
        CriminalFirstInstance::ThreeMonths => (Span::months(3), cite),
    }
}

/// The length a recorded extension without a length stands for: the statute's (or SPC-2000's) figure for that
/// procedure and rank (0 = first extension). `None` where no text gives one (the record must say). `custody`
/// matters for 自诉 only: without custody CrimPL 212 gives six months and no statutory extension, and SPC-2000
/// art 1 ¶2 three more months once, with the 院长's approval.
pub fn standard_extension(
    procedure: Procedure,
    custody: bool,
    rank: usize,
    settings: &Settings,
) -> Option<(Span, &'static str)> {
    use Procedure::*;
    Some(match (procedure, rank) {
        (CriminalPrivate, 0) if !custody => {
            (Span::months(3), "《最高人民法院关于严格执行案件审理期限制度的若干规定》第一条第二款，本院院长批准")
        }
        (CriminalPrivate, _) if !custody => return None,
        (CivilOrdinary, 0) => (Span::months(6), "《民事诉讼法》第一百五十二条，本院院长批准"),
        (CivilOrdinary, _) => (
            Span::months(settings.ordinary_further_extension_months),
            "《最高人民法院关于严格执行案件审理期限制度的若干规定》第二条，上级法院批准；本系统设定 ordinary_further_extension_months",
        ),
        (CivilSimple | SmallClaims, 0) => {
            (Span::months(1), "《民事诉讼法》第一百六十四条、第一百六十八条，本院院长批准")
        }
        (CivilAppealJudgment, 0) => {
            (Span::months(3), "《最高人民法院关于严格执行案件审理期限制度的若干规定》第二条，本院院长批准")
        }
        (CivilSpecial, 0) => {
            (Span::days(30), "《最高人民法院关于严格执行案件审理期限制度的若干规定》第二条，本院院长批准")
        }
        (CriminalPublic | CriminalPrivate, 0)
            if settings.criminal_first_instance == CriminalFirstInstance::TwoMonths =>
        {
            (Span::months(1), "《刑事诉讼法》第二百零八条，至迟不得超过三个月")
        }
        (CriminalPublic | CriminalPrivate, _) => (
            Span::months(3),
            "《刑事诉讼法》第二百零八条、《最高人民法院关于适用〈刑事诉讼法〉的解释》第二百一十条，上一级法院批准",
        ),
        (CriminalAppeal, 0) => (Span::months(2), "《刑事诉讼法》第二百四十三条，高级人民法院批准"),
        (Enforcement, 0) => {
            (Span::months(3), "《最高人民法院关于严格执行案件审理期限制度的若干规定》第五条，本院院长批准")
        }
        _ => return None,
    })
}

/// Base + extensions, and the steps they are counted in: the base, then each extension from the expiry before it.
/// Some procedures cap the total rather than add (CPL-I 258; CrimPL 220, 225): for them a grant's length does not
/// matter, only that an extension was approved, and the capped total is one step from the start.
fn extended_span(
    procedure: Procedure,
    custody: bool,
    base: Span,
    grants: &[&ExtensionGrant],
    settings: &Settings,
    lines: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(Span, Vec<Span>), DeadlineError> {
    if grants.is_empty() {
        return Ok((base, vec![base]));
    }
    let cap = match procedure {
        Procedure::CivilSimple if settings.simple_extension == SimpleExtension::CumulativeFromFiling => Some((
            Span::months(4),
            "《最高人民法院关于适用〈民事诉讼法〉的解释》第二百五十八条：延长后的审理期限累计不得超过四个月；本系统设定 simple_extension = cumulative-from-filing",
        )),
        Procedure::CriminalSimple if settings.criminal_simple == CriminalSimple::TwentyDays => {
            Some((Span { months: 1, days: 15 }, "《刑事诉讼法》第二百二十条：可以延长至一个半月"))
        }
        Procedure::CriminalFast if settings.criminal_fast == CriminalFast::TenDays => {
            Some((Span::days(15), "《刑事诉讼法》第二百二十五条：可以延长至十五日"))
        }
        Procedure::CriminalSimple | Procedure::CriminalFast => {
            warnings.push(format!("{}已按延长后的期限计算，不能再延长；延长记录未计入", procedure.name_zh()));
            return Ok((base, vec![base]));
        }
        Procedure::AdminSimple => {
            warnings.push(
                "行政简易程序不能延长审限，应裁定转为普通程序（《行政诉讼法》第八十四条）；延长记录未计入".to_string(),
            );
            return Ok((base, vec![base]));
        }
        _ => None,
    };
    let mut granted = Span::default();
    let mut steps = vec![base];
    for (rank, g) in grants.iter().enumerate() {
        let approved = g.approved.map(|a| format!("，{} 批准", ymd(a))).unwrap_or_default();
        let (span, cite) = match (g.length, standard_extension(procedure, custody, rank, settings)) {
            (Some(l), standard) => (Span::from_length(l), standard.map_or("批准文书", |(_, c)| c)),
            (None, Some(standard)) => standard,
            (None, None) if cap.is_some() => {
                lines.push(format!("延长：第 {} 次{approved}", rank + 1));
                continue;
            }
            (None, None) => {
                return Err(DeadlineError::period(format!(
                    "{}的第 {} 次延长没有法定的标准期限，请填写批准延长的月数或日数",
                    procedure.name_zh(),
                    rank + 1
                )));
            }
        };
        lines.push(format!("延长：第 {} 次 {}{approved}（{cite}）", rank + 1, span.zh()));
        granted = granted.add(span);
        steps.push(span);
    }
    if let Some((total, cite)) = cap {
        lines.push(format!("延长后审限累计为 {}，自起算日计算（{cite}）", total.zh()));
        return Ok((total, vec![total]));
    }
    let total = base.add(granted);
    // AddToBase reading of CPL-I 258: still never beyond four months in total.
    if procedure == Procedure::CivilSimple && (total.months > 4 || (total.months == 4 && total.days > 0)) {
        warnings.push(
            "简易程序延长后累计超过四个月，按四个月计算（《最高人民法院关于适用〈民事诉讼法〉的解释》第二百五十八条）"
                .to_string(),
        );
        return Ok((Span::months(4), vec![Span::months(4)]));
    }
    Ok((total, steps))
}

fn deduction_citation(procedure: Procedure) -> &'static str {
    match procedure {
        Procedure::CivilRetrialReview => "《最高人民法院关于适用〈民事诉讼法〉的解释》第一百二十九条",
        p if p.category() == CaseCategory::Civil => {
            "《最高人民法院关于适用〈民事诉讼法〉的解释》第二百四十三条；《最高人民法院关于严格执行案件审理期限制度的若干规定》第九条"
        }
        p if p.category() == CaseCategory::Administrative => "《最高人民法院关于适用〈行政诉讼法〉的解释》第五十条",
        p if p.category() == CaseCategory::Criminal => {
            "《最高人民法院关于严格执行案件审理期限制度的若干规定》第九条；《最高人民法院关于适用〈刑事诉讼法〉的解释》第二百一十一条"
        }
        _ => "《最高人民法院关于严格执行案件审理期限制度的若干规定》第九条",
    }
}

/// Collects deduction and suspension intervals after `start`, applies the end-day setting, and counts the
/// union so that overlapping intervals (鉴定 during 中止) are not deducted twice.
fn deductions(
    input: &TrialLimitInput,
    start: NaiveDate,
    settings: &Settings,
    lines: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> (Vec<DeductedInterval>, u32, Option<NaiveDate>) {
    let end_exclusive = settings.deduction_ends == DeductionEnds::EndExclusive;
    let mut raw: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    for d in &input.deductions {
        let to = if end_exclusive { d.to.pred_opt().unwrap_or(d.to) } else { d.to };
        raw.push((d.kind.as_str().to_string(), d.from, to));
    }
    let mut suspended_since = None;
    for s in &input.suspensions {
        let to = match s.resumed {
            Some(r) => r.pred_opt().unwrap_or(r),
            None => {
                suspended_since = Some(suspended_since.map_or(s.from, |x: NaiveDate| x.max(s.from)));
                s.from
            }
        };
        raw.push((DeductionKind::Suspension.as_str().to_string(), s.from, to));
    }
    let first_counted = start.succ_opt().unwrap_or(start);
    let mut intervals = Vec::new();
    for (kind, from, to) in raw {
        if to < first_counted {
            warnings.push(format!("{kind}期间 {} 至 {} 在审限起算之前，未扣除", ymd(from), ymd(to)));
            continue;
        }
        let from = if from < first_counted {
            warnings.push(format!("{kind}期间自 {} 开始，早于审限起算日，自 {} 起扣除", ymd(from), ymd(first_counted)));
            first_counted
        } else {
            from
        };
        let days = ((to - from).num_days() + 1) as u32;
        intervals.push(DeductedInterval { kind, from, to, days });
    }
    for d in &intervals {
        let ends = if end_exclusive { "结束日不计入" } else { "两端日期均计入" };
        lines.push(format!(
            "扣除：{} {} 至 {}，共 {} 日（{ends}，本系统设定 deduction_ends）",
            d.kind,
            ymd(d.from),
            ymd(d.to),
            d.days
        ));
    }
    let total = union_days(&intervals);
    if intervals.len() > 1 && total != intervals.iter().map(|d| d.days).sum::<u32>() {
        lines.push(format!("扣除期间有重叠，重叠的日子只扣除一次，合计 {total} 日"));
    }
    (intervals, total, suspended_since)
}

fn union_days(intervals: &[DeductedInterval]) -> u32 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = intervals.iter().map(|d| (d.from, d.to)).collect();
    spans.sort();
    let mut total = 0i64;
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (from, to) in spans {
        match current {
            Some((a, b)) if from <= b.succ_opt().unwrap_or(b) => current = Some((a, b.max(to))),
            Some((a, b)) => {
                total += (b - a).num_days() + 1;
                current = Some((from, to));
            }
            None => current = Some((from, to)),
        }
    }
    if let Some((a, b)) = current {
        total += (b - a).num_days() + 1;
    }
    total as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        andu_core::date::parse_date(s).unwrap()
    }

    fn interval(from: &str, to: &str) -> DeductedInterval {
        let (from, to) = (d(from), d(to));
        DeductedInterval { kind: "鉴定".into(), from, to, days: ((to - from).num_days() + 1) as u32 }
    }

    #[test]
    fn overlapping_and_adjacent_intervals_count_each_day_once() {
        assert_eq!(union_days(&[interval("2025-05-06", "2025-06-20")]), 46);
        assert_eq!(union_days(&[interval("2025-05-01", "2025-05-10"), interval("2025-05-05", "2025-05-12")]), 12);
        assert_eq!(union_days(&[interval("2025-05-01", "2025-05-10"), interval("2025-05-11", "2025-05-12")]), 12);
        assert_eq!(union_days(&[interval("2025-05-20", "2025-05-21"), interval("2025-05-01", "2025-05-01")]), 3);
    }
}
