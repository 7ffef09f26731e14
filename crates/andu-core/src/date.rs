//! Strict calendar-date parsing: `YYYY-MM-DD` only, so that 2025-02-30 or 2025/3/1 is refused with a reason
//! rather than guessed at.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("日期“{input}”无效：{reason}（应为 YYYY-MM-DD，例如 2025-03-01）")]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

impl crate::Coded for DateError {
    fn code(&self) -> &'static str {
        "date_invalid"
    }
}

pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let err = |reason| DateError { input: input.to_string(), reason };
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(err("格式不对"));
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(err("含有非数字字符"));
    };
    if !(1949..=2200).contains(&y) {
        return Err(err("年份超出范围（1949–2200）"));
    }
    if !(1..=12).contains(&m) {
        return Err(err("月份应在 1–12 之间"));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| err("该月没有这一天"))
}

/// `YYYY-MM-DD`, the only form dates take on the wire and in storage.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_dates_and_refuses_impossible_ones() {
        assert_eq!(parse_date("2024-02-29").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(parse_date("2025-02-29").unwrap_err().reason, "该月没有这一天");
        assert_eq!(parse_date("2025/03/01").unwrap_err().reason, "格式不对");
        assert_eq!(parse_date("2025-13-01").unwrap_err().reason, "月份应在 1–12 之间");
        assert_eq!(parse_date("20a5-01-01").unwrap_err().reason, "含有非数字字符");
    }

    proptest::proptest! {
        /// Dates typed anywhere (forms, import rows, the command line): a date or `date_invalid`, never a panic,
        /// also for multi-byte text of exactly ten bytes.
        #[test]
        fn any_text_is_a_date_or_a_typed_error(s in "\\PC{0,12}|[0-9é€-]{10}|[0-9]{4}-[0-9０-９]{2}-[0-9]{2}") {
            match parse_date(&s) {
                Ok(d) => proptest::prop_assert_eq!(format_date(d), s.trim()),
                Err(e) => proptest::prop_assert_eq!(crate::Coded::code(&e), "date_invalid"),
            }
            let _ = crate::case::parse_datetime(&s);
        }
    }
}
