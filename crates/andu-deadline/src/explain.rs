//! Chinese wording shared by every explanation: dates, weekdays, lengths and the articles the counting rests on.
//!
//! Explanations are built for every computed date (100,000 cases at a time), so dates are written by hand
//! rather than through chrono's format machinery.

use chrono::{Datelike, NaiveDate, Weekday};

/// `YYYY-MM-DD`, the one date form of the wire and of explanations.
pub fn ymd(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_ymd(&mut s, d);
    s
}

pub(crate) fn push_ymd(s: &mut String, d: NaiveDate) {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    if (0..10000).contains(&y) {
        let y = y as u32;
        s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    } else {
        s.push_str(&y.to_string());
    }
    s.extend(['-', digit(m / 10), digit(m), '-', digit(day / 10), digit(day)]);
}

pub fn weekday_zh(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// `2025-10-09（星期四）`.
pub(crate) fn ymd_weekday(d: NaiveDate) -> String {
    let mut s = ymd(d);
    s.push('（');
    s.push_str(weekday_zh(d));
    s.push('）');
    s
}

// The articles every count rests on. Kept here so that the wording is the same in every explanation.
pub(crate) const CPL_85_2: &str = "《民事诉讼法》第八十五条第二款";
pub(crate) const CPL_85_3: &str = "《民事诉讼法》第八十五条第三款";
pub(crate) const ALL_101: &str = "《行政诉讼法》第一百零一条";
pub(crate) const CC_202: &str = "《民法典》第二百零二条";
pub(crate) const CRIMPL_105_2: &str = "《刑事诉讼法》第一百零五条第二款";
pub(crate) const CRIMPL_105_4: &str = "《刑事诉讼法》第一百零五条第四款";
pub(crate) const CRIMPL_I_202: &str = "《最高人民法院关于适用〈刑事诉讼法〉的解释》第二百零二条";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_like_chrono_would() {
        for (y, m, d) in [(2025, 10, 5), (2024, 2, 29), (1999, 12, 31), (2100, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(date), date.format("%Y-%m-%d").to_string());
        }
        assert_eq!(ymd_weekday(NaiveDate::from_ymd_opt(2025, 10, 9).unwrap()), "2025-10-09（星期四）");
    }
}
