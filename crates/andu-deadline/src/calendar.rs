//! Which days are working days: weekends, the State Council's 放假 days and its 调休上班 days, one table per year.
//!
//! A date whose year has no table is an error (`holiday_data_missing`), never an "ordinary" day: a deadline that
//! ignores a 春节 or 国庆 block is worse than none (domain.md §0).

use std::collections::{BTreeMap, HashMap};

use andu_core::date::parse_date;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::DeadlineError;
use crate::explain::ymd;
use crate::settings::AdjustedWorkdays;

/// The embedded tables: `assets/holidays/{year}.toml`, transcribed from the State Council notices.
const EMBEDDED: [&str; 3] = [
    include_str!("../../../assets/holidays/2024.toml"),
    include_str!("../../../assets/holidays/2025.toml"),
    include_str!("../../../assets/holidays/2026.toml"),
];

/// Years accepted in a table; the same bounds as `andu_core::date::parse_date`.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2200;
/// Every notice since 2008 lists 25 or more 放假 days; a table with fewer is a truncated or placeholder file
/// (holiday-cn shipped an empty `2027.json` for months), and importing it would silently erase the holidays.
const MIN_OFF_DAYS: usize = 10;

/// One holiday of a year's notice: its 放假 days and the 调休上班 days that pay for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holiday {
    pub name: String,
    pub off: Vec<NaiveDate>,
    pub work: Vec<NaiveDate>,
}

/// One year's notice. Dates may lie in the neighbouring year (a notice can move late-December or early-January
/// days), which is why a table is keyed by the notice's year, not by its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTable {
    pub year: i32,
    pub source: Option<String>,
    pub holidays: Vec<Holiday>,
}

/// What kind of day a date is, with the holiday's name where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    Working,
    /// A weekend day the notice makes a working day (调休上班).
    AdjustedWorkday(&'a str),
    /// A 放假 day of the notice (including weekday 调休 days off).
    Holiday(&'a str),
    /// An ordinary Saturday or Sunday.
    Weekend,
}

#[derive(Debug, Clone)]
struct Mark {
    off: bool,
    name: String,
}

/// The working-day calendar: the year tables, merged into one index, plus the 调休 setting.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    tables: BTreeMap<i32, YearTable>,
    marks: HashMap<NaiveDate, Mark>,
    adjusted_workdays: AdjustedWorkdays,
}

impl HolidayCalendar {
    /// A digest of everything a date computed with this calendar depends on (the year tables and the 调休
    /// setting): stored with derived dates, so a new holiday year makes them computed again. Stable within a build.
    pub fn fingerprint(&self) -> u64 {
        crate::digest(&format!("{:?}|{:?}", self.tables, self.adjusted_workdays))
    }

    /// An empty calendar: every query fails with `holiday_data_missing` until a year is added.
    pub fn new() -> Self {
        Self::default()
    }

    /// The tables shipped in `assets/holidays/` (2024–2026).
    pub fn embedded() -> Self {
        let mut cal = Self::new();
        for text in EMBEDDED {
            // The embedded files are checked by the test suite; a failure here is a build defect, not input.
            let table = YearTable::from_toml_str(text).expect("embedded holiday table is valid (tested)");
            cal.insert_year(table).expect("embedded holiday tables agree (tested)");
        }
        cal
    }

    /// Chooses whether a 调休上班 weekend day is a working day (the default, domain.md §0) or a rest day.
    pub fn with_adjusted_workdays(mut self, rule: AdjustedWorkdays) -> Self {
        self.adjusted_workdays = rule;
        self
    }

    pub fn adjusted_workdays(&self) -> AdjustedWorkdays {
        self.adjusted_workdays
    }

    /// Adds (or replaces) one year's table. Returns the table it replaced.
    pub fn insert_year(&mut self, table: YearTable) -> Result<Option<YearTable>, DeadlineError> {
        table.validate()?;
        let mut tables = self.tables.clone();
        let replaced = tables.insert(table.year, table);
        self.marks = index(&tables)?;
        self.tables = tables;
        Ok(replaced)
    }

    /// Imports a year in the State Council / holiday-cn JSON shape
    /// (`{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},…]}`; `isOffDay:false` = 调休上班).
    /// Returns the year imported.
    pub fn import_year_json(&mut self, json: &str) -> Result<i32, DeadlineError> {
        let table = YearTable::from_notice_json(json)?;
        let year = table.year;
        self.insert_year(table)?;
        Ok(year)
    }

    /// Why `date` is no day to hold a hearing (排期开庭 on a 放假 day or a weekend), in the words shown to the
    /// person scheduling it; `None` on a working day (a 调休上班 weekend day counts as one by the §0 setting). A year
    /// without a table is said too: the day cannot be checked.
    pub fn rest_day_warning(&self, date: NaiveDate) -> Option<String> {
        let day = format!("{}（{}）", ymd(date), crate::explain::weekday_zh(date));
        match self.day_kind(date) {
            Ok(DayKind::Holiday(name)) => Some(format!("{day}是{name}放假日")),
            Ok(DayKind::Weekend) => Some(format!("{day}是休息日")),
            Ok(DayKind::AdjustedWorkday(name)) if self.adjusted_workdays == AdjustedWorkdays::Rest => {
                Some(format!("{day}是{name}调休上班日，按本院设置视为休息日"))
            }
            Ok(_) => None,
            Err(_) => Some(format!("{} 年放假安排尚未导入，无法确认{day}是否为工作日", date.year())),
        }
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.tables.keys().copied()
    }

    pub fn has_year(&self, year: i32) -> bool {
        self.tables.contains_key(&year)
    }

    pub fn year_table(&self, year: i32) -> Option<&YearTable> {
        self.tables.get(&year)
    }

    /// The kind of `date`; `holiday_data_missing` when its year has no table.
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind<'_>, DeadlineError> {
        if !self.has_year(date.year()) {
            return Err(DeadlineError::HolidayDataMissing { year: date.year(), date: ymd(date) });
        }
        Ok(match self.marks.get(&date) {
            Some(Mark { off: true, name }) => DayKind::Holiday(name),
            Some(Mark { off: false, name }) => DayKind::AdjustedWorkday(name),
            None if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) => DayKind::Weekend,
            None => DayKind::Working,
        })
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, DeadlineError> {
        Ok(match self.day_kind(date)? {
            DayKind::Working => true,
            DayKind::AdjustedWorkday(_) => self.adjusted_workdays == AdjustedWorkdays::Working,
            DayKind::Holiday(_) | DayKind::Weekend => false,
        })
    }
}

/// Merges all tables into one date index. Two tables may both list a boundary date (the neighbouring-year
/// case), but they must agree on whether it is off or on.
fn index(tables: &BTreeMap<i32, YearTable>) -> Result<HashMap<NaiveDate, Mark>, DeadlineError> {
    let mut marks: HashMap<NaiveDate, (Mark, i32)> = HashMap::new();
    for table in tables.values() {
        for h in &table.holidays {
            let days = h.off.iter().map(|d| (*d, true)).chain(h.work.iter().map(|d| (*d, false)));
            for (date, off) in days {
                if let Some((other, other_year)) = marks.get(&date) {
                    if other.off != off {
                        return Err(DeadlineError::holiday_table(format!(
                            "{} 在 {other_year} 年表中为{}，在 {} 年表中却为{}",
                            ymd(date),
                            off_word(other.off),
                            table.year,
                            off_word(off)
                        )));
                    }
                    // Same verdict: keep the name from the table of the date's own year.
                    if date.year() != table.year {
                        continue;
                    }
                }
                marks.insert(date, (Mark { off, name: h.name.clone() }, table.year));
            }
        }
    }
    Ok(marks.into_iter().map(|(d, (m, _))| (d, m)).collect())
}

fn off_word(off: bool) -> &'static str {
    if off { "放假" } else { "调休上班" }
}

// ---- parsing and validation -------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlYear {
    year: i32,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "holiday")]
    holidays: Vec<TomlHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlHoliday {
    name: String,
    #[serde(default)]
    off: Vec<String>,
    #[serde(default)]
    work: Vec<String>,
}

#[derive(Deserialize)]
struct NoticeJson {
    year: i64,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<NoticeDay>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NoticeDay {
    name: String,
    date: String,
    is_off_day: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NoticeDayOut<'a> {
    name: &'a str,
    date: String,
    is_off_day: bool,
}

impl YearTable {
    /// Parses the project's own format (`assets/holidays/README.md`): dates or inclusive `a..b` ranges.
    pub fn from_toml_str(text: &str) -> Result<Self, DeadlineError> {
        let raw: TomlYear =
            toml::from_str(text).map_err(|e| DeadlineError::holiday_table(format!("TOML 格式错误：{e}")))?;
        let mut holidays = Vec::new();
        for h in raw.holidays {
            holidays.push(Holiday { off: expand(&h.off)?, work: expand(&h.work)?, name: h.name });
        }
        let table = Self { year: raw.year, source: raw.source, holidays };
        table.validate()?;
        Ok(table)
    }

    /// Parses the State Council / holiday-cn JSON shape. Unknown keys (`$schema`, `$id`) are ignored; `papers`
    /// becomes the source.
    pub fn from_notice_json(json: &str) -> Result<Self, DeadlineError> {
        let raw: NoticeJson =
            serde_json::from_str(json).map_err(|e| DeadlineError::holiday_table(format!("JSON 格式错误：{e}")))?;
        let year = i32::try_from(raw.year)
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| DeadlineError::holiday_table(format!("年份 {} 超出范围（1949–2200）", raw.year)))?;
        let mut holidays: Vec<Holiday> = Vec::new();
        for day in raw.days {
            let date = parse_date(&day.date).map_err(|e| DeadlineError::holiday_table(e.to_string()))?;
            // A holiday's days are not always adjacent in the file (2026 lists 国庆's 调休 day before 中秋).
            let idx = match holidays.iter().position(|h| h.name == day.name) {
                Some(i) => i,
                None => {
                    holidays.push(Holiday { name: day.name.clone(), off: vec![], work: vec![] });
                    holidays.len() - 1
                }
            };
            let list = if day.is_off_day { &mut holidays[idx].off } else { &mut holidays[idx].work };
            list.push(date);
        }
        let source = (!raw.papers.is_empty()).then(|| raw.papers.join(" "));
        let table = Self { year, source, holidays };
        table.validate()?;
        Ok(table)
    }

    /// The table in the JSON shape it can be imported from (for storing an imported year).
    pub fn to_notice_json(&self) -> String {
        let mut days: Vec<NoticeDayOut> = Vec::new();
        for h in &self.holidays {
            days.extend(h.off.iter().map(|d| NoticeDayOut { name: &h.name, date: ymd(*d), is_off_day: true }));
            days.extend(h.work.iter().map(|d| NoticeDayOut { name: &h.name, date: ymd(*d), is_off_day: false }));
        }
        days.sort_by(|a, b| a.date.cmp(&b.date));
        let papers: Vec<&str> = self.source.as_deref().map(|s| s.split(' ').collect()).unwrap_or_default();
        serde_json::json!({ "year": self.year, "papers": papers, "days": days }).to_string()
    }

    /// Everything a person could get wrong when typing or importing a notice.
    pub fn validate(&self) -> Result<(), DeadlineError> {
        let y = self.year;
        if !YEARS.contains(&y) {
            return Err(DeadlineError::holiday_table(format!("年份 {y} 超出范围（1949–2200）")));
        }
        // A notice covers its year, and at most December of the year before and January of the year after.
        let first = NaiveDate::from_ymd_opt(y - 1, 12, 1).expect("valid date");
        let last = NaiveDate::from_ymd_opt(y + 1, 1, 31).expect("valid date");
        let mut seen: HashMap<NaiveDate, &str> = HashMap::new();
        let mut off_days = 0;
        for h in &self.holidays {
            if h.name.trim().is_empty() {
                return Err(DeadlineError::holiday_table(format!("{y} 年表中有节日缺少名称")));
            }
            for (date, off) in h.off.iter().map(|d| (*d, true)).chain(h.work.iter().map(|d| (*d, false))) {
                if date < first || date > last {
                    return Err(DeadlineError::holiday_table(format!(
                        "{} 年表中的日期 {}（{}）不在 {} 至 {} 之间",
                        y,
                        ymd(date),
                        h.name,
                        ymd(first),
                        ymd(last)
                    )));
                }
                if let Some(other) = seen.insert(date, &h.name) {
                    return Err(DeadlineError::holiday_table(format!(
                        "{} 重复出现（{other}、{}），同一天不能既放假又上班，也不能列两次",
                        ymd(date),
                        h.name
                    )));
                }
                if off {
                    off_days += 1;
                } else if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(DeadlineError::holiday_table(format!(
                        "调休上班日 {}（{}）不是周六或周日：工作日本来就上班，疑为录入错误",
                        ymd(date),
                        h.name
                    )));
                }
            }
        }
        if off_days < MIN_OFF_DAYS {
            return Err(DeadlineError::holiday_table(format!(
                "{y} 年表只列出 {off_days} 个放假日，不像完整的全年安排（至少应有 {MIN_OFF_DAYS} 个）；请导入国务院通知的完整数据"
            )));
        }
        Ok(())
    }
}

/// `["2025-01-28..2025-02-04", "2025-05-31"]` → every date, ranges inclusive.
fn expand(items: &[String]) -> Result<Vec<NaiveDate>, DeadlineError> {
    let mut out = Vec::new();
    for item in items {
        let bad = |e: andu_core::date::DateError| DeadlineError::holiday_table(e.to_string());
        match item.split_once("..") {
            None => out.push(parse_date(item).map_err(bad)?),
            Some((a, b)) => {
                let (a, b) = (parse_date(a).map_err(bad)?, parse_date(b).map_err(bad)?);
                if b < a || (b - a).num_days() > 31 {
                    return Err(DeadlineError::holiday_table(format!(
                        "日期区间“{item}”无效：结束早于开始或超过一个月"
                    )));
                }
                out.extend(a.iter_days().take_while(|d| *d <= b));
            }
        }
    }
    Ok(out)
}
