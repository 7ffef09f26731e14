//! Article numbers as statutes write them: 第一百零七条, 第二百六十四条, and (in some judgments) 第107条.

/// Reads a Chinese numeral (零一二…九十百千, also 〇 and 两) or ASCII/full-width digits; `None` for anything else
/// or a value beyond what any statute numbers (99,999).
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        let mut n: u32 = 0;
        for c in s.chars() {
            let d = if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - '０' as u32 };
            n = n.checked_mul(10)?.checked_add(d)?;
            if n > 99_999 {
                return None;
            }
        }
        return Some(n);
    }
    let mut total: u32 = 0;
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => {
                let d = match c {
                    '零' | '〇' => 0,
                    '一' => 1,
                    '二' | '两' => 2,
                    '三' => 3,
                    '四' => 4,
                    '五' => 5,
                    '六' => 6,
                    '七' => 7,
                    '八' => 8,
                    '九' => 9,
                    _ => return None,
                };
                if digit.is_some_and(|p| p != 0) && d != 0 {
                    return None; // two digits in a row (一二) are no number
                }
                digit = Some(d);
                continue;
            }
        };
        // 十 alone means 一十 (第十条, 第十五条).
        let d = digit.take().unwrap_or(if unit == 10 { 1 } else { 0 });
        if d == 0 && unit != 10 {
            return None;
        }
        total = total.checked_add(d * unit)?;
    }
    total = total.checked_add(digit.unwrap_or(0))?;
    (total > 0 && total <= 99_999).then_some(total)
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 107 → 一百零七, 10 → 十, 15 → 十五, 110 → 一百一十 (the way statutes number articles).
pub fn format_number(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut out = String::new();
    let mut rest = n % 10_000;
    if n >= 10_000 {
        out.push_str(&format_number(n / 10_000));
        out.push('万');
        if rest > 0 && rest < 1000 {
            out.push('零');
        }
    }
    let mut pending_zero = false;
    for (value, name) in units {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(name);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push_str(DIGITS[rest as usize]);
    }
    out
}

/// 第一百零七条
pub fn article_label(n: u32) -> String {
    format!("第{}条", format_number(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_article_numbers_as_statutes_print_them() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (15, "十五"),
            (60, "六十"),
            (107, "一百零七"),
            (110, "一百一十"),
            (114, "一百一十四"),
            (206, "二百零六"),
            (264, "二百六十四"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1260, "一千二百六十"),
        ] {
            assert_eq!(format_number(n), s, "{n}");
            assert_eq!(parse_number(s), Some(n), "{s}");
        }
        assert_eq!(parse_number("107"), Some(107));
        assert_eq!(parse_number("１０７"), Some(107));
        assert_eq!(parse_number("一二"), None);
        assert_eq!(parse_number("条"), None);
        assert_eq!(parse_number(""), None);
    }

    proptest::proptest! {
        #[test]
        fn every_number_survives_the_round_trip(n in 1u32..99_999) {
            proptest::prop_assert_eq!(parse_number(&format_number(n)), Some(n));
        }

        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,12}") {
            let _ = parse_number(&s);
        }
    }
}
