//! Filters written after a field, `{{诉讼费|大写}}`, chained left to right (`{{x|f|g}}`). An empty or null value
//! stays empty, so optional fields do not break a document.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::cn;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Filter {
    /// Integer fen → `壹万贰仟叁佰肆拾伍元陆角柒分`.
    MoneyUpper,
    /// Integer fen → `12345.67` (`50` for whole yuan).
    MoneyArabic,
    /// Integer fen → half of it in fen, rounded half up (案件受理费减半收取: 简易程序, 调解, 撤诉).
    Half,
    /// `2024-11-15` → `二〇二四年十一月十五日` (the signing date).
    DateCn,
    /// `2024-11-15` → `2024年11月15日`.
    DateArabic,
    /// `152` → `一百五十二`.
    NumberCn,
    /// `152` → `第一百五十二条`.
    Article,
}

/// Every filter: name in templates, what it takes, what it gives.
pub const FILTERS: &[(&str, Filter, &str)] = &[
    ("大写", Filter::MoneyUpper, "以分为单位的整数金额 → 壹万贰仟叁佰肆拾伍元陆角柒分"),
    ("金额", Filter::MoneyArabic, "以分为单位的整数金额 → 12345.67"),
    ("减半", Filter::Half, "以分为单位的整数金额 → 其一半（分，四舍五入），可再接“金额”或“大写”"),
    ("中文日期", Filter::DateCn, "YYYY-MM-DD → 二〇二四年十一月十五日（落款日期）"),
    ("日期", Filter::DateArabic, "YYYY-MM-DD → 2024年11月15日"),
    ("中文数字", Filter::NumberCn, "整数 → 一百五十二"),
    ("条", Filter::Article, "整数 → 第一百五十二条"),
];

impl Filter {
    pub fn parse(name: &str) -> Option<Filter> {
        FILTERS.iter().find(|(n, _, _)| *n == name).map(|(_, f, _)| *f)
    }

    pub fn name(self) -> &'static str {
        FILTERS.iter().find(|(_, f, _)| *f == self).map(|(n, _, _)| *n).unwrap_or("")
    }

    /// Applies the filter; the error says what the value should have been.
    pub fn apply(self, v: &Value) -> Result<String, String> {
        if is_blank(v) {
            return Ok(String::new());
        }
        match self {
            Filter::MoneyUpper => {
                let fen = integer(v).ok_or("应为以分为单位的整数金额")?;
                cn::money_upper(fen).ok_or_else(|| "金额过大".to_string())
            }
            Filter::MoneyArabic => Ok(cn::money_arabic(integer(v).ok_or("应为以分为单位的整数金额")?)),
            Filter::Half => {
                let fen = integer(v).ok_or("应为以分为单位的整数金额")?;
                Ok((fen / 2 + fen % 2).to_string())
            }
            Filter::DateCn => Ok(cn::date_cn(date(v).ok_or("应为 YYYY-MM-DD 格式的日期")?)),
            Filter::DateArabic => Ok(cn::date_arabic(date(v).ok_or("应为 YYYY-MM-DD 格式的日期")?)),
            Filter::NumberCn => Ok(cn::number_cn(natural(v).ok_or("应为非负整数")?)),
            Filter::Article => Ok(cn::article_cn(natural(v).ok_or("应为非负整数")?)),
        }
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn natural(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn date(v: &Value) -> Option<NaiveDate> {
    let s = v.as_str()?.trim();
    // A datetime (`2025-03-01T09:30`) gives its date.
    let d = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_filter() {
        assert_eq!(Filter::MoneyUpper.apply(&json!(1_234_567)).unwrap(), "壹万贰仟叁佰肆拾伍元陆角柒分");
        assert_eq!(Filter::MoneyUpper.apply(&json!("12000000")).unwrap(), "壹拾贰万元整");
        assert_eq!(Filter::MoneyArabic.apply(&json!(5000)).unwrap(), "50");
        assert_eq!(Filter::Half.apply(&json!(132_500)).unwrap(), "66250");
        assert_eq!(Filter::Half.apply(&json!("5")).unwrap(), "3", "half a fen rounds up");
        assert_eq!(Filter::DateCn.apply(&json!("2024-11-15")).unwrap(), "二〇二四年十一月十五日");
        assert_eq!(Filter::DateArabic.apply(&json!("2025-03-01T09:30")).unwrap(), "2025年3月1日");
        assert_eq!(Filter::NumberCn.apply(&json!(15)).unwrap(), "十五");
        assert_eq!(Filter::Article.apply(&json!("152")).unwrap(), "第一百五十二条");
        assert_eq!(Filter::MoneyUpper.apply(&json!(null)).unwrap(), "");
        assert_eq!(Filter::DateCn.apply(&json!("")).unwrap(), "");
        assert!(Filter::MoneyUpper.apply(&json!(12.5)).is_err());
        assert!(Filter::DateCn.apply(&json!("2024-13-01")).is_err());
        assert!(Filter::Article.apply(&json!(-1)).is_err());
        for (name, f, _) in FILTERS {
            assert_eq!(Filter::parse(name), Some(*f));
            assert_eq!(f.name(), *name);
        }
        assert_eq!(Filter::parse("upper"), None);
    }
}
