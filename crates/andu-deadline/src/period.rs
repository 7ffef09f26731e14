//! Period arithmetic as the procedure laws count (domain.md §1.1): the start day is not counted; months and years
//! end on the corresponding date or the month's last day (CC 202; CrimPL-I 202 for criminal periods); a last day
//! that is a rest day rolls to the next working day (CPL 85 ¶3), except in criminal custody (CrimPL 105 ¶4).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::DeadlineError;
use crate::calendar::{DayKind, HolidayCalendar};
use crate::explain::{self, ymd, ymd_weekday};
use crate::length::Unit;
use crate::settings::{AdjustedWorkdays, BeforeRestDay};

/// The counting regime: which statute's counting rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Regime {
    /// CPL 85; CC 201–203.
    Civil,
    /// ALL 101 applies the CPL's rules.
    Admin,
    /// CrimPL 105; CrimPL-I 202 (a start on a month's last day ends on the target month's last day).
    Criminal,
    /// As `Criminal`, but a suspect, defendant or convict is in custody: no roll-forward (CrimPL 105 ¶4).
    CriminalCustody,
}

impl Regime {
    pub const ALL: [Regime; 4] = [Self::Civil, Self::Admin, Self::Criminal, Self::CriminalCustody];

    pub fn id(self) -> &'static str {
        match self {
            Self::Civil => "civil",
            Self::Admin => "admin",
            Self::Criminal => "criminal",
            Self::CriminalCustody => "criminal-custody",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DeadlineError> {
        Self::ALL.into_iter().find(|r| r.id() == s.trim()).ok_or_else(|| {
            DeadlineError::period(format!("未知的计算规则“{s}”：应为 civil、admin、criminal 或 criminal-custody"))
        })
    }

    pub fn is_criminal(self) -> bool {
        matches!(self, Self::Criminal | Self::CriminalCustody)
    }

    pub fn month_end(self) -> MonthEnd {
        if self.is_criminal() { MonthEnd::CriminalLastDay } else { MonthEnd::Corresponding }
    }

    fn start_citation(self) -> &'static str {
        match self {
            Self::Civil => explain::CPL_85_2,
            Self::Admin => "《行政诉讼法》第一百零一条、《民事诉讼法》第八十五条第二款",
            Self::Criminal | Self::CriminalCustody => explain::CRIMPL_105_2,
        }
    }

    fn roll_citation(self) -> &'static str {
        match self {
            Self::Civil => explain::CPL_85_3,
            Self::Admin => "《行政诉讼法》第一百零一条、《民事诉讼法》第八十五条第三款",
            Self::Criminal | Self::CriminalCustody => explain::CRIMPL_105_4,
        }
    }

    fn month_citation(self) -> &'static str {
        if self.is_criminal() { explain::CRIMPL_I_202 } else { explain::CC_202 }
    }

    fn law(self) -> &'static str {
        match self {
            Self::Civil => "《民事诉讼法》第八十五条",
            Self::Admin => explain::ALL_101,
            Self::Criminal | Self::CriminalCustody => "《刑事诉讼法》第一百零五条",
        }
    }
}

impl std::fmt::Display for Regime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// How a month period ends when the start is a month's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthEnd {
    /// CC 202: the corresponding date, or the target month's last day when that date does not exist.
    Corresponding,
    /// CrimPL-I 202: as above, and a start on a month's last day ends on the target month's last day.
    CriminalLastDay,
}

/// A period length. Written `48h`, `15d`, `6m`, `2y` in rule files and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Length {
    Hours(u32),
    Days(u32),
    Months(u32),
    Years(u32),
}

impl Length {
    /// Parses a period length as [`crate::length::read_length`] reads it (`15d`, `15日`, `6个月`, `2y`, `48小时`;
    /// weeks count as 7 days): a positive whole number within the range a statutory period can have.
    pub fn parse(s: &str) -> Result<Self, DeadlineError> {
        let written = crate::length::read_length(s)?;
        let n = written.n;
        let length = match written.unit {
            Unit::Hours => Self::Hours(n),
            Unit::Days => Self::Days(n),
            Unit::Weeks => Self::Days(n.saturating_mul(7)),
            Unit::Months => Self::Months(n),
            Unit::Years => Self::Years(n),
        };
        let (value, limit) = match length {
            Self::Hours(v) => (v, 24 * 366),
            Self::Days(v) => (v, 3660),
            Self::Months(v) => (v, 120),
            Self::Years(v) => (v, 10),
        };
        if value == 0 || value > limit {
            return Err(DeadlineError::period(format!("期间长度“{s}”应在 1–{limit}{} 之间", length.unit_zh())));
        }
        Ok(length)
    }

    fn unit_zh(self) -> &'static str {
        match self {
            Self::Hours(_) => "小时",
            Self::Days(_) => "日",
            Self::Months(_) => "个月",
            Self::Years(_) => "年",
        }
    }

    /// `15日`, `6个月`, `2年`, `48小时`.
    pub fn zh(self) -> String {
        match self {
            Self::Hours(n) => format!("{n}小时"),
            Self::Days(n) => format!("{n}日"),
            Self::Months(n) => format!("{n}个月"),
            Self::Years(n) => format!("{n}年"),
        }
    }
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Hours(n) => write!(f, "{n}h"),
            Self::Days(n) => write!(f, "{n}d"),
            Self::Months(n) => write!(f, "{n}m"),
            Self::Years(n) => write!(f, "{n}y"),
        }
    }
}

impl Serialize for Length {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// After the trigger (上诉期: 送达后十五日) or before it (开庭三日前).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Direction {
    #[default]
    After,
    Before,
}

/// A rest day the deadline moved over, with the reason shown to the judge (`国庆节、中秋节 放假`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedDay {
    pub date: NaiveDate,
    pub reason: String,
}

/// A computed last day: the nominal one, the one that counts, and why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComputedDate {
    pub start: NaiveDate,
    pub length: Length,
    pub direction: Direction,
    pub regime: Regime,
    /// The last day by arithmetic alone.
    pub nominal: NaiveDate,
    /// The last day that counts, after the rest-day rule.
    pub due: NaiveDate,
    /// The articles the counting rests on.
    pub citation: String,
    pub skipped: Vec<SkippedDay>,
    pub explanation: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Set when `due` is only the provisional date: the year it falls in has no holiday table yet.
    pub provisional: Option<Provisional>,
}

/// A date computed before the holiday table of its year was imported (domain.md §0): the nominal date without the
/// rest-day roll. A roll only moves a last day later, so this date is never later than the true one and reminders
/// can run on it; it is marked 暂定 with this reason wherever it is shown, and statistics treat it as unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Provisional {
    /// The year whose State Council arrangement is missing.
    pub year: i32,
    /// The day whose kind could not be told (the provisional due date).
    pub date: NaiveDate,
    /// Always `holiday_data_missing`: the typed reason the exact date is unknown.
    pub code: String,
    /// One Chinese sentence for the 暂定 tag's hover text and the CLI.
    pub reason: String,
}

impl Provisional {
    pub(crate) fn new(year: i32, date: NaiveDate) -> Self {
        Self {
            year,
            date,
            code: "holiday_data_missing".to_string(),
            reason: format!(
                "{year} 年放假安排尚未导入，暂按 {} 计算（未按节假日顺延，不会晚于真正的截止日期）；导入后自动更正",
                ymd(date)
            ),
        }
    }

    /// The error the exact computation would give: what statistics count such a case under (unknown).
    pub fn error(&self) -> DeadlineError {
        DeadlineError::HolidayDataMissing { year: self.year, date: ymd(self.date) }
    }
}

/// `start` + `months`, as CC 202 or CrimPL-I 202 count; `None` past the calendar's range.
pub fn shift_months(start: NaiveDate, months: i32, rule: MonthEnd) -> Option<NaiveDate> {
    let index = start.year().checked_mul(12)?.checked_add(start.month0() as i32)?.checked_add(months)?;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let last = last_day_of_month(year, month)?;
    let day = if rule == MonthEnd::CriminalLastDay && is_month_end(start) { last } else { start.day().min(last) };
    NaiveDate::from_ymd_opt(year, month, day)
}

pub fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_some_and(|n| n.month() != d.month())
}

fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    first_next.pred_opt().map(|d| d.day())
}

/// The nominal last day by arithmetic alone (no calendar). An hour period from a date-only start ends, at the
/// latest, on the day `ceil(hours / 24)` days later.
pub fn nominal_end(
    start: NaiveDate,
    length: Length,
    direction: Direction,
    regime: Regime,
) -> Result<NaiveDate, DeadlineError> {
    let sign = if direction == Direction::After { 1 } else { -1 };
    let out = match length {
        Length::Hours(h) => start.checked_add_signed(Duration::days(sign * i64::from(h.div_ceil(24)))),
        Length::Days(d) => start.checked_add_signed(Duration::days(sign * i64::from(d))),
        Length::Months(m) => {
            i32::try_from(m).ok().and_then(|m| shift_months(start, sign as i32 * m, regime.month_end()))
        }
        Length::Years(y) => i32::try_from(y)
            .ok()
            .and_then(|y| y.checked_mul(12))
            .and_then(|m| shift_months(start, sign as i32 * m, regime.month_end())),
    };
    out.ok_or_else(|| DeadlineError::out_of_range(format!("{} 加减 {}", ymd(start), length.zh())))
}

/// Counts `length` from `start` (excluded) under `regime`, then applies the rest-day rule.
pub fn count(
    start: NaiveDate,
    length: Length,
    direction: Direction,
    regime: Regime,
    cal: &HolidayCalendar,
) -> Result<ComputedDate, DeadlineError> {
    count_with(start, length, direction, regime, cal, BeforeRestDay::default())
}

pub(crate) fn count_with(
    start: NaiveDate,
    length: Length,
    direction: Direction,
    regime: Regime,
    cal: &HolidayCalendar,
    before_rest_day: BeforeRestDay,
) -> Result<ComputedDate, DeadlineError> {
    let nominal = nominal_end(start, length, direction, regime)?;
    let mut explanation = Vec::with_capacity(6);
    explanation.push(start_line(start, direction, regime));
    explanation.push(arithmetic_line(start, length, direction, regime, nominal));
    let settled = if matches!(length, Length::Hours(_)) {
        // domain.md §0: the roll of CPL 85 ¶3 speaks of a period's last *day*; a 48-hour ruling due on a holiday is
        // still due within 48 hours.
        explanation.push(format!(
            "以小时计算的期间计至届满时刻，不因节假日顺延（{}只规定期间最后一日的顺延；本系统设定，依据 domain §0）",
            regime.roll_citation()
        ));
        Settled { due: nominal, skipped: Vec::new(), provisional: None }
    } else {
        settle(nominal, direction, regime, cal, before_rest_day, &mut explanation)?
    };
    let mut warnings = Vec::new();
    if matches!(length, Length::Hours(_)) {
        warnings.push(format!(
            "以小时计算的期间应自事件发生时刻的次时起算（《最高人民法院关于适用〈民事诉讼法〉的解释》第一百二十五条）；此处只记录了日期，{} 为最迟可能的届满日",
            ymd(nominal)
        ));
    }
    december_warning(settled.due, cal, &mut warnings);
    explanation.extend(warnings.iter().map(|w| format!("注意：{w}")));
    let tag = if settled.provisional.is_some() { "（暂定）" } else { "" };
    explanation.push(format!("截止日期：{}{tag}", ymd_weekday(settled.due)));
    let mut citation = String::from(regime.law());
    if matches!(length, Length::Months(_) | Length::Years(_)) {
        citation.push('；');
        citation.push_str(regime.month_citation());
    }
    Ok(ComputedDate {
        start,
        length,
        direction,
        regime,
        nominal,
        due: settled.due,
        citation,
        skipped: settled.skipped,
        explanation,
        warnings,
        provisional: settled.provisional,
    })
}

pub fn add_days(
    start: NaiveDate,
    days: u32,
    regime: Regime,
    cal: &HolidayCalendar,
) -> Result<ComputedDate, DeadlineError> {
    count(start, Length::Days(days), Direction::After, regime, cal)
}

pub fn add_months(
    start: NaiveDate,
    months: u32,
    regime: Regime,
    cal: &HolidayCalendar,
) -> Result<ComputedDate, DeadlineError> {
    count(start, Length::Months(months), Direction::After, regime, cal)
}

pub fn add_years(
    start: NaiveDate,
    years: u32,
    regime: Regime,
    cal: &HolidayCalendar,
) -> Result<ComputedDate, DeadlineError> {
    count(start, Length::Years(years), Direction::After, regime, cal)
}

/// An hour period from a known moment (保全 "四十八小时内"): it starts at the next whole hour (CPL-I 125) and is
/// not moved for rest days (the rest-day rule speaks of a last *day*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComputedTime {
    pub start: NaiveDateTime,
    pub hours: u32,
    pub due: NaiveDateTime,
    pub explanation: Vec<String>,
}

pub fn add_hours(start: NaiveDateTime, hours: u32) -> Result<ComputedTime, DeadlineError> {
    let whole = start.with_minute(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_nanosecond(0));
    let from = whole.and_then(|t| t.checked_add_signed(Duration::hours(1)));
    let due = from.and_then(|t| t.checked_add_signed(Duration::hours(i64::from(hours))));
    let (Some(from), Some(due)) = (from, due) else {
        return Err(DeadlineError::out_of_range(format!("{start} 之后 {hours} 小时")));
    };
    let fmt = |t: NaiveDateTime| format!("{} {:02}:00", ymd(t.date()), t.hour());
    Ok(ComputedTime {
        start,
        hours,
        due,
        explanation: vec![
            format!(
                "以小时计算的期间从次时起算：自 {} 起算（{}；《最高人民法院关于适用〈民事诉讼法〉的解释》第一百二十五条）",
                fmt(from),
                explain::CPL_85_2
            ),
            format!("期间 {hours}小时，届满时刻：{}", fmt(due)),
        ],
    })
}

fn start_line(start: NaiveDate, direction: Direction, regime: Regime) -> String {
    match direction {
        Direction::After => {
            let next = start.succ_opt().unwrap_or(start);
            format!("起算：{} 当日不计入，自次日 {} 起算（{}）", ymd(start), ymd(next), regime.start_citation())
        }
        Direction::Before => format!("倒算：{} 当日不计入，向前计算（{}）", ymd(start), regime.start_citation()),
    }
}

fn arithmetic_line(
    start: NaiveDate,
    length: Length,
    direction: Direction,
    regime: Regime,
    nominal: NaiveDate,
) -> String {
    let side = if direction == Direction::After { "后" } else { "前" };
    match length {
        Length::Hours(_) | Length::Days(_) => {
            format!("期间 {}：{} {side}第 {} 日为 {}", length.zh(), ymd(start), days_of(length), ymd_weekday(nominal))
        }
        Length::Months(_) | Length::Years(_) => {
            let cite = regime.month_citation();
            if regime.month_end() == MonthEnd::CriminalLastDay && is_month_end(start) {
                format!(
                    "期间 {}：起算日 {} 为月末，以到期月最后一日 {}为届满日（{cite}）",
                    length.zh(),
                    ymd(start),
                    ymd_weekday(nominal)
                )
            } else if nominal.day() != start.day() {
                format!(
                    "期间 {}：到期月没有对应日（{}日），以该月最后一日 {}为届满日（{cite}）",
                    length.zh(),
                    start.day(),
                    ymd_weekday(nominal)
                )
            } else {
                format!("期间 {}：到期月的对应日 {}为届满日（{cite}）", length.zh(), ymd_weekday(nominal))
            }
        }
    }
}

fn days_of(length: Length) -> u32 {
    match length {
        Length::Hours(h) => h.div_ceil(24),
        Length::Days(d) => d,
        Length::Months(_) | Length::Years(_) => 0,
    }
}

pub(crate) struct Settled {
    pub(crate) due: NaiveDate,
    pub(crate) skipped: Vec<SkippedDay>,
    pub(crate) provisional: Option<Provisional>,
}

/// Applies the rest-day rule to a nominal last day, writing one explanation line per day moved over.
pub(crate) fn settle(
    nominal: NaiveDate,
    direction: Direction,
    regime: Regime,
    cal: &HolidayCalendar,
    before_rest_day: BeforeRestDay,
    lines: &mut Vec<String>,
) -> Result<Settled, DeadlineError> {
    let kind = match cal.day_kind(nominal) {
        Ok(kind) => kind,
        Err(DeadlineError::HolidayDataMissing { year, .. }) => {
            return settle_without_table(nominal, direction, regime, before_rest_day, year, lines);
        }
        Err(e) => return Err(e),
    };
    if let DayKind::AdjustedWorkday(name) = kind
        && cal.adjusted_workdays() == AdjustedWorkdays::Working
    {
        lines.push(format!(
            "{} 为调休上班日（{name}），按工作日计算，不顺延（本系统设定 adjusted_workdays = working：国务院通知将该日定为上班日）",
            ymd(nominal)
        ));
    }
    if cal.is_working_day(nominal)? {
        return Ok(Settled { due: nominal, skipped: Vec::new(), provisional: None });
    }
    // Custody forbids *extending* a period (CrimPL 105 ¶4); moving a "before" day earlier extends nothing.
    if regime == Regime::CriminalCustody && direction == Direction::After {
        lines.push(format!(
            "{} 为{}，但犯罪嫌疑人、被告人在押，期间至届满日为止，不因节假日延长（{}）",
            ymd(nominal),
            rest_reason(nominal, kind),
            explain::CRIMPL_105_4
        ));
        return Ok(Settled { due: nominal, skipped: Vec::new(), provisional: None });
    }
    if direction == Direction::Before && before_rest_day == BeforeRestDay::Keep {
        lines.push(format!(
            "{} 为{}，按设置保留该日（before_rest_day = keep）",
            ymd(nominal),
            rest_reason(nominal, kind)
        ));
        return Ok(Settled { due: nominal, skipped: Vec::new(), provisional: None });
    }
    let (step, verb) = if direction == Direction::After { (1, "顺延") } else { (-1, "提前") };
    let mut skipped = Vec::new();
    let mut day = nominal;
    loop {
        let kind = match cal.day_kind(day) {
            // Rolled forward into a year without a table (2026-12-31 → 2027-01-01): the day reached is provisional,
            // never later than the first working day still to come.
            Err(DeadlineError::HolidayDataMissing { year, .. }) if direction == Direction::After => {
                let provisional = Provisional::new(year, day);
                lines.push(provisional_line(&provisional));
                return Ok(Settled { due: day, skipped, provisional: Some(provisional) });
            }
            other => other?,
        };
        if cal.is_working_day(day)? {
            break;
        }
        let reason = rest_reason(day, kind);
        lines.push(format!("{} {reason}，{verb}", ymd(day)));
        skipped.push(SkippedDay { date: day, reason });
        day = day.checked_add_signed(Duration::days(step)).ok_or_else(|| DeadlineError::out_of_range(ymd(day)))?;
    }
    if direction == Direction::After {
        lines.push(format!(
            "届满日是法定休假日或休息日，以其后的第一个工作日为期间届满日（{}）",
            regime.roll_citation()
        ));
    } else {
        lines.push(
            "倒算的最后一日是休息日，提前至之前的第一个工作日，以保证提前量（本系统设定 before_rest_day = earlier）"
                .to_string(),
        );
    }
    Ok(Settled { due: day, skipped, provisional: None })
}

/// The rest-day rule for a last day whose year has no holiday table (domain.md §0).
/// - Counted forward: the provisional date is the day itself, never later than the true last day (a roll only
///   moves it later).
/// - Custody (CrimPL 105 ¶4) and `before_rest_day = keep`: the day is exact, whatever kind of day it is.
/// - Counted backward with `earlier`: a holiday could move it earlier by any number of days; no date is safe, so
///   this stays `holiday_data_missing`.
fn settle_without_table(
    nominal: NaiveDate,
    direction: Direction,
    regime: Regime,
    before_rest_day: BeforeRestDay,
    year: i32,
    lines: &mut Vec<String>,
) -> Result<Settled, DeadlineError> {
    let exact = Settled { due: nominal, skipped: Vec::new(), provisional: None };
    match direction {
        Direction::After if regime == Regime::CriminalCustody => {
            lines.push(format!(
                "犯罪嫌疑人、被告人在押，期间至届满日 {} 为止，不因节假日延长（{}），无需 {year} 年放假安排",
                ymd(nominal),
                explain::CRIMPL_105_4
            ));
            Ok(exact)
        }
        Direction::After => {
            let provisional = Provisional::new(year, nominal);
            lines.push(provisional_line(&provisional));
            Ok(Settled { provisional: Some(provisional), ..exact })
        }
        Direction::Before if before_rest_day == BeforeRestDay::Keep => {
            lines.push(format!("按设置保留倒算的最后一日 {}（before_rest_day = keep）", ymd(nominal)));
            Ok(exact)
        }
        Direction::Before => Err(DeadlineError::HolidayDataMissing { year, date: ymd(nominal) }),
    }
}

fn provisional_line(p: &Provisional) -> String {
    format!(
        "暂定：{} 年放假安排尚未导入，无法确定 {} 是否为休息日；暂以该日为截止日期（不顺延的日期不会晚于真正的截止日期，提醒按此日进行；依据 domain §0），导入 {} 年放假安排后自动更正",
        p.year,
        ymd_weekday(p.date),
        p.year
    )
}

fn rest_reason(day: NaiveDate, kind: DayKind<'_>) -> String {
    match kind {
        DayKind::Holiday(name) => format!("{name} 放假"),
        DayKind::AdjustedWorkday(name) => format!("调休上班日（{name}），按设置视为休息日"),
        DayKind::Weekend | DayKind::Working => format!("{} 休息日", explain::weekday_zh(day)),
    }
}

/// A notice for year Y+1 can move late-December days of year Y; say so while Y+1 is not loaded.
pub(crate) fn december_warning(due: NaiveDate, cal: &HolidayCalendar, warnings: &mut Vec<String>) {
    if due.month() == 12 && due.day() >= 15 && !cal.has_year(due.year() + 1) {
        warnings.push(format!(
            "{} 年放假安排尚未导入，若其中调整了 {} 年 12 月下旬的休息日，本结果需复核",
            due.year() + 1,
            due.year()
        ));
    }
}
