//! Chinese number and date forms used in court documents (domain.md §5, §0).
//!
//! - [`date_cn`]: the signing date, `二〇二四年十一月十五日` (〇, never 零; only the 落款 date is written this way);
//! - [`date_arabic`]: every other date, `2024年11月15日`;
//! - [`money_upper`]: 大写 amounts from integer fen, `壹万贰仟叁佰肆拾伍元陆角柒分`, `壹拾贰万元整`, following the
//!   中国人民银行《支付结算办法》 rules (a 零 for a gap of zeros, 元零X分 when 角 is zero, 整 after 元 and 角);
//! - [`money_arabic`]: `12345.67` / `50` (decimals only when there are 角/分);
//! - [`number_cn`] and [`article_cn`]: `一百五十二`, `第一百五十二条` (statute articles are cited in characters).
//!
//! Money is integer fen throughout: never f64.

use chrono::{Datelike, NaiveDate};

const LOWER: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UPPER: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// `二〇二四年十一月十五日`: year digit by digit with 〇, month and day as numbers.
pub fn date_cn(d: NaiveDate) -> String {
    let mut s = String::with_capacity(36);
    for c in d.year().to_string().chars() {
        match c.to_digit(10) {
            Some(n) => s.push(LOWER[n as usize]),
            None => s.push('负'),
        }
    }
    s.push('年');
    s.push_str(&number_cn(d.month() as u64));
    s.push('月');
    s.push_str(&number_cn(d.day() as u64));
    s.push('日');
    s
}

/// `2024年11月15日`.
pub fn date_arabic(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Writes `n` (`0 < n < 10^16`) in sections of four digits with the 零 rules shared by both registers:
/// one 零 for any run of zeros that is followed by a non-zero digit, including across a section boundary
/// when the lower section does not start at its 千 place (`壹拾万零柒佰`, but `壹拾万柒仟`).
fn integer(n: u64, digits: &[char; 10], units: [char; 3], out: &mut String) {
    const SECTION: [&str; 4] = ["", "万", "亿", "万亿"];
    let mut sections = Vec::with_capacity(4);
    let mut m = n;
    while m > 0 {
        sections.push((m % 10_000) as usize);
        m /= 10_000;
    }
    let mut written = false;
    let mut pending_zero = false;
    for (i, &sec) in sections.iter().enumerate().rev() {
        if sec == 0 {
            pending_zero |= written;
            continue;
        }
        if written && (pending_zero || sec < 1000) {
            out.push(digits[0]);
        }
        let ds = [sec / 1000, sec / 100 % 10, sec / 10 % 10, sec % 10];
        let first = ds.iter().position(|&d| d != 0).unwrap_or(3);
        let mut zero = false;
        for (k, &d) in ds.iter().enumerate().skip(first) {
            if d == 0 {
                zero = true;
                continue;
            }
            if zero {
                out.push(digits[0]);
                zero = false;
            }
            out.push(digits[d]);
            if k < 3 {
                out.push(units[2 - k]);
            }
        }
        out.push_str(SECTION[i]);
        written = true;
        pending_zero = false;
    }
}

/// Ordinary Chinese numerals: `十`, `十二`, `一百一十`, `一千零一十`, `十万`, `一百万零一`. Zero is `〇`.
pub fn number_cn(n: u64) -> String {
    if n == 0 {
        return "〇".into();
    }
    let mut s = String::new();
    integer(n, &['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'], ['十', '百', '千'], &mut s);
    // 一十二 → 十二 and 一十万 → 十万, only at the very start (一百一十 keeps its 一).
    if let Some(rest) = s.strip_prefix("一十") {
        s = format!("十{rest}");
    }
    s
}

/// `第一百五十二条`.
pub fn article_cn(n: u64) -> String {
    format!("第{}条", number_cn(n))
}

/// Amounts beyond this many fen (10^16 元) are refused: no court amount comes close.
pub const MONEY_MAX_FEN: i64 = 999_999_999_999_999_999;

/// 大写 amount from integer fen. `None` when `|fen| > MONEY_MAX_FEN`. Negative amounts get a `负` prefix.
pub fn money_upper(fen: i64) -> Option<String> {
    if fen.unsigned_abs() > MONEY_MAX_FEN as u64 {
        return None;
    }
    let mut s = String::new();
    if fen < 0 {
        s.push('负');
    }
    let fen = fen.unsigned_abs();
    let (yuan, jiao, cents) = (fen / 100, (fen / 10 % 10) as usize, (fen % 10) as usize);
    if yuan > 0 {
        integer(yuan, &UPPER, ['拾', '佰', '仟'], &mut s);
        s.push('元');
    }
    match (yuan > 0, jiao, cents) {
        (false, 0, 0) => s.push_str("零元整"),
        (true, 0, 0) => s.push('整'),
        (_, 0, c) => {
            if yuan > 0 {
                s.push('零');
            }
            s.push(UPPER[c]);
            s.push('分');
        }
        (_, j, 0) => {
            s.push(UPPER[j]);
            s.push_str("角整");
        }
        (_, j, c) => {
            s.push(UPPER[j]);
            s.push('角');
            s.push(UPPER[c]);
            s.push('分');
        }
    }
    Some(s)
}

/// `12345.67`, `50` (whole yuan), `123.40`: the Arabic amount in yuan from integer fen.
pub fn money_arabic(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    if f.is_multiple_of(100) { format!("{sign}{}", f / 100) } else { format!("{sign}{}.{:02}", f / 100, f % 100) }
}

/// Parses an amount given in yuan as text (`12345.67`, `¥1,234.5`, `100`) into fen, exactly (no floating point).
pub fn parse_yuan(s: &str) -> Option<i64> {
    let t: String = s.trim().trim_start_matches(['¥', '￥']).chars().filter(|c| *c != ',' && *c != '，').collect();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t),
    };
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yuan: i64 = int.parse().ok()?;
    let mut f: i64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    if frac.len() == 1 {
        f *= 10;
    }
    let v = yuan.checked_mul(100)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates() {
        for (date, cn) in [
            (d(2024, 11, 15), "二〇二四年十一月十五日"),
            (d(2025, 12, 30), "二〇二五年十二月三十日"),
            (d(2020, 1, 1), "二〇二〇年一月一日"),
            (d(2026, 10, 10), "二〇二六年十月十日"),
            (d(2019, 2, 20), "二〇一九年二月二十日"),
            (d(2031, 3, 31), "二〇三一年三月三十一日"),
            (d(2000, 5, 21), "二〇〇〇年五月二十一日"),
        ] {
            assert_eq!(date_cn(date), cn);
        }
        assert_eq!(date_arabic(d(2024, 3, 1)), "2024年3月1日");
    }

    #[test]
    fn numbers_and_articles() {
        for (n, cn) in [
            (0, "〇"),
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (101, "一百零一"),
            (110, "一百一十"),
            (152, "一百五十二"),
            (667, "六百六十七"),
            (1010, "一千零一十"),
            (1001, "一千零一"),
            (1260, "一千二百六十"),
            (10_000, "一万"),
            (100_000, "十万"),
            (110_000, "十一万"),
            (100_700, "十万零七百"),
            (107_000, "十万七千"),
            (1_000_001, "一百万零一"),
            (100_000_001, "一亿零一"),
        ] {
            assert_eq!(number_cn(n), cn, "{n}");
        }
        assert_eq!(article_cn(152), "第一百五十二条");
        assert_eq!(article_cn(1260), "第一千二百六十条");
        assert_eq!(article_cn(10), "第十条");
    }

    #[test]
    fn money_in_capitals() {
        for (fen, upper) in [
            (1_234_567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
            (12_000_000, "壹拾贰万元整"),
            (100_000_100, "壹佰万零壹元整"),
            (1_000_005, "壹万元零伍分"),
            (50, "伍角整"),
            (5, "伍分"),
            (55, "伍角伍分"),
            (0, "零元整"),
            (100, "壹元整"),
            (1_000, "壹拾元整"),
            (1_100, "壹拾壹元整"),
            (10_100, "壹佰零壹元整"),
            (168_032, "壹仟陆佰捌拾元叁角贰分"),
            (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
            (32_504, "叁佰贰拾伍元零肆分"),
            (10_700_053, "壹拾万柒仟元伍角叁分"),
            (10_070_000, "壹拾万零柒佰元整"),
            (105_000_000_000, "壹拾亿伍仟万元整"),
            (100_001_000_000, "壹拾亿零壹万元整"),
            (10_000_000_100, "壹亿零壹元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (-2_500, "负贰拾伍元整"),
        ] {
            assert_eq!(money_upper(fen).as_deref(), Some(upper), "{fen}");
        }
        assert_eq!(money_upper(MONEY_MAX_FEN + 1), None);
        assert!(money_upper(MONEY_MAX_FEN).unwrap().starts_with("玖仟玖佰玖拾玖万亿"));
    }

    #[test]
    fn arabic_amounts_and_parsing() {
        assert_eq!(money_arabic(5_000), "50");
        assert_eq!(money_arabic(1_234_567), "12345.67");
        assert_eq!(money_arabic(12_340), "123.40");
        assert_eq!(money_arabic(-5), "-0.05");
        assert_eq!(parse_yuan("12345.67"), Some(1_234_567));
        assert_eq!(parse_yuan("¥1,234.5"), Some(123_450));
        assert_eq!(parse_yuan("100"), Some(10_000));
        assert_eq!(parse_yuan("-0.05"), Some(-5));
        for bad in ["", "1.234", "abc", "1.x", ".5", "1e3"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }
}
