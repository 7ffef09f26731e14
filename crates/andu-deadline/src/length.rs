//! The one reader of a length as people write it — `7d`, `7天`, `7 日`, `６月`, `6个月`, `1年`, `2周`, `48小时` — used by
//! rule files ([`crate::Length`]), `--extend` ([`crate::parse_extension`]) and `--within` ([`window_end`]). Each
//! place then says which units it takes and in what range; text that is not a length at all is
//! `invalid_length`, never a panic (a multi-byte unit once made `split_at` panic while the app held its store).

use chrono::{Duration, NaiveDate};

use crate::DeadlineError;
use crate::period::{MonthEnd, shift_months};

/// The unit of a written length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Hours => "小时",
            Self::Days => "日",
            Self::Weeks => "周",
            Self::Months => "个月",
            Self::Years => "年",
        }
    }
}

/// A whole number and a unit, as read; zero is allowed here (each place sets its own range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrittenLength {
    pub n: u32,
    pub unit: Unit,
}

/// Every spelling of every unit, longest first within a unit so that `个小时` is not read as `时`.
const UNITS: &[(&str, Unit)] = &[
    ("个小时", Unit::Hours),
    ("小时", Unit::Hours),
    ("h", Unit::Hours),
    ("天", Unit::Days),
    ("日", Unit::Days),
    ("d", Unit::Days),
    ("个星期", Unit::Weeks),
    ("星期", Unit::Weeks),
    ("周", Unit::Weeks),
    ("w", Unit::Weeks),
    ("个月", Unit::Months),
    ("月", Unit::Months),
    ("m", Unit::Months),
    ("年", Unit::Years),
    ("y", Unit::Years),
];

const EXAMPLES: &str = "应写作数字加单位，如 7d、7天、15日、6m、6个月、1年、2周、48小时";

pub(crate) fn invalid(input: &str, reason: impl Into<String>) -> DeadlineError {
    DeadlineError::LengthInvalid { input: input.to_string(), reason: reason.into() }
}

/// Reads `number unit`: ASCII or full-width digits, optional white space (also the full-width space) between and
/// around, units in Chinese or as one ASCII letter in either case.
pub fn read_length(input: &str) -> Result<WrittenLength, DeadlineError> {
    let text: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if text.is_empty() {
        return Err(invalid(input, format!("为空：{EXAMPLES}")));
    }
    let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit_text) = text.split_at(digits_end);
    if number.is_empty() {
        return Err(invalid(input, format!("无法识别：数字应为阿拉伯数字，{EXAMPLES}")));
    }
    let Some(&(_, unit)) = UNITS.iter().find(|(spelling, _)| *spelling == unit_text) else {
        let reason = if unit_text.is_empty() {
            format!("缺少单位：{EXAMPLES}")
        } else {
            format!("的单位“{unit_text}”无法识别：{EXAMPLES}")
        };
        return Err(invalid(input, reason));
    };
    let n = number.parse::<u32>().map_err(|_| invalid(input, "的数值过大"))?;
    Ok(WrittenLength { n, unit })
}

/// The last day of a look-ahead window (`andu due --within 7天`, `2周`, `1个月`): `today` plus the length, days and
/// weeks by arithmetic, months and years by the calendar (CC 202). Hours are no window. A window past the last
/// date the calendar can hold is `date_out_of_range`.
pub fn window_end(input: &str, today: NaiveDate) -> Result<NaiveDate, DeadlineError> {
    let w = read_length(input)?;
    let out_of_range = || DeadlineError::DateOutOfRange { reason: format!("{today} 之后 {}{}", w.n, w.unit.zh()) };
    let days = |n: i64| Duration::try_days(n).and_then(|d| today.checked_add_signed(d)).ok_or_else(out_of_range);
    match w.unit {
        Unit::Days => days(i64::from(w.n)),
        Unit::Weeks => days(i64::from(w.n) * 7),
        Unit::Months => i32::try_from(w.n)
            .ok()
            .and_then(|m| shift_months(today, m, MonthEnd::Corresponding))
            .ok_or_else(out_of_range),
        Unit::Years => i32::try_from(w.n)
            .ok()
            .and_then(|y| y.checked_mul(12))
            .and_then(|m| shift_months(today, m, MonthEnd::Corresponding))
            .ok_or_else(out_of_range),
        Unit::Hours => Err(invalid(input, "是小时数：时间窗口以日、周、月或年计，例如 7天、2周、1个月")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use andu_core::Coded;

    fn read(s: &str) -> (u32, Unit) {
        let w = read_length(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (w.n, w.unit)
    }

    #[test]
    fn every_spelling_a_judge_types_is_read() {
        for (text, want) in [
            ("7d", (7, Unit::Days)),
            ("7天", (7, Unit::Days)),
            ("7日", (7, Unit::Days)),
            ("7 天", (7, Unit::Days)),
            ("７天", (7, Unit::Days)),
            ("１５　日", (15, Unit::Days)),
            ("6m", (6, Unit::Months)),
            ("6M", (6, Unit::Months)),
            ("6月", (6, Unit::Months)),
            ("6个月", (6, Unit::Months)),
            ("1y", (1, Unit::Years)),
            ("1年", (1, Unit::Years)),
            ("2w", (2, Unit::Weeks)),
            ("2周", (2, Unit::Weeks)),
            ("2个星期", (2, Unit::Weeks)),
            ("48h", (48, Unit::Hours)),
            ("48小时", (48, Unit::Hours)),
            ("48个小时", (48, Unit::Hours)),
        ] {
            assert_eq!(read(text), want, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_length_is_invalid_length_not_a_panic() {
        for bad in ["", " ", "7x", "abc", "天", "7", "7天天", "-7d", "1.5m", "七天", "7d 2d", "99999999999d", "天7"]
        {
            let e = read_length(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_length", "{bad:?}");
            assert!(e.to_string().contains("长度"), "{e}");
        }
    }

    #[test]
    fn windows_end_by_the_calendar_and_overflow_is_a_typed_error() {
        let d = |s| andu_core::date::parse_date(s).unwrap();
        assert_eq!(window_end("7天", d("2025-01-30")).unwrap(), d("2025-02-06"));
        assert_eq!(window_end("2周", d("2025-01-30")).unwrap(), d("2025-02-13"));
        assert_eq!(window_end("1个月", d("2025-01-31")).unwrap(), d("2025-02-28"));
        assert_eq!(window_end("1年", d("2024-02-29")).unwrap(), d("2025-02-28"));
        for huge in ["100000000d", "4294967295d", "4294967295w", "4294967295m", "4294967295y"] {
            assert_eq!(window_end(huge, d("2025-01-30")).unwrap_err().code(), "date_out_of_range", "{huge}");
        }
        assert_eq!(window_end("48h", d("2025-01-30")).unwrap_err().code(), "invalid_length");
    }
}
