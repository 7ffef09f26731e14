//! Values as court systems write them, read into the import format: dates (`2025年3月1日`, `2025/3/1`,
//! `20250301`, `2025-03-01 00:00:00`, full-width digits, 二〇二五年三月一日, date cells), 案号 (ASCII brackets,
//! spaces, full-width digits) and the 当事人 column (`原告：张三；被告：李四`). Each reader returns the reason in
//! words a clerk understands when it cannot read a value; none panics on any text (a proptest checks).

use andu_core::case::PartyRole;
use chrono::NaiveDate;

use super::table::{Cell, excel_serial};

/// Full-width digits, letters and punctuation to ASCII, every kind of space removed.
fn half_width(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// 〇一二…九 as digits (二〇二五 → 2025), and 十 in a month or day (十二 → 12, 二十一 → 21, 三十 → 30).
fn chinese_numerals(s: &str) -> String {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| if c == '零' { Some(0) } else { DIGITS.chars().position(|d| d == c) };
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '十' {
            // tens digit written before 十 was already pushed; 十 alone is 1x, 十 at the end is x0.
            let before = out.chars().last().filter(|d| d.is_ascii_digit() && i > 0 && digit(chars[i - 1]).is_some());
            let after = chars.get(i + 1).and_then(|n| digit(*n));
            if before.is_none() {
                out.push('1');
            }
            if after.is_none() {
                out.push('0');
            }
        } else if let Some(d) = digit(c) {
            out.push(char::from(b'0' + d as u8));
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// A date as written in an export, or why it is not one. Numbers in a date column are Excel serial days (an .xls
/// cell whose date format was lost); 8 digits are YYYYMMDD.
pub fn date(cell: &Cell) -> Result<NaiveDate, String> {
    let text = match cell {
        Cell::Date(d) => return Ok(*d),
        Cell::Number(f) if (10_000_000.0..=99_999_999.0).contains(f) && f.fract() == 0.0 => format!("{}", *f as i64),
        Cell::Number(f) => {
            return excel_serial(*f).ok_or_else(|| format!("“{}”不是日期", cell.text()));
        }
        Cell::Text(s) => s.clone(),
    };
    date_text(&text)
}

pub fn date_text(text: &str) -> Result<NaiveDate, String> {
    let unreadable = || format!("“{text}”不是可识别的日期（应写作 2025-03-01 或 2025年3月1日）");
    let s = chinese_numerals(&half_width(text));
    // A time after the date (2025-03-01 00:00:00, 2025-03-01T09:30) is dropped: the import keeps days.
    let s = s.split('T').next().unwrap_or("");
    // 2025-03-0100:00:00 once spaces are gone: the time starts two digits before its first colon.
    let s: String = match s.chars().position(|c| c == ':') {
        Some(colon) => s.chars().take(colon.saturating_sub(2)).collect(),
        None => s.to_string(),
    };
    let s = s.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let (y, m, d) = match parts.as_slice() {
        [one] if one.len() == 8 && one.bytes().all(|b| b.is_ascii_digit()) => (&one[..4], &one[4..6], &one[6..]),
        [y, m, d] => (*y, *m, *d),
        _ => return Err(unreadable()),
    };
    let num = |p: &str, max_len: usize| -> Option<u32> {
        Some(p).filter(|p| !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return Err(unreadable());
    };
    let y = y as i32;
    if !(1949..=2100).contains(&y) {
        return Err(format!("“{text}”的年份 {y} 不在 1949—2100 之间"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("“{text}”不是日历上存在的日期（{y}年{m}月没有{d}日）"))
}

/// 案号 as typed into a court system, in the one stored form when it can be read (`(2025)粤0309民初12号`,
/// `（２０２５）粤0309 民初 12 号`, `【2025】…` → `（2025）粤0309民初12号`); otherwise the text as it is, so
/// validation names what is wrong with it.
pub fn case_no(text: &str) -> String {
    let cleaned: String = half_width(text)
        .chars()
        .map(|c| match c {
            '【' | '〔' | '[' | '［' => '(',
            '】' | '〕' | ']' | '］' => ')',
            _ => c,
        })
        .collect();
    match andu_core::CaseNumber::parse(&cleaned) {
        Ok(n) => n.canonical(),
        Err(_) => text.trim().to_string(),
    }
}

/// 结案方式 as the court wrote it → the value 案牍 keeps, by the table in `assets/import/columns.toml`.
pub fn closing_method(text: &str, table: &[(String, Vec<String>)]) -> Result<String, String> {
    let t = half_width(text);
    table.iter().find(|(_, synonyms)| synonyms.contains(&t)).map(|(v, _)| v.clone()).ok_or_else(|| {
        let known: Vec<&str> = table.iter().map(|(v, _)| v.as_str()).collect();
        format!("结案方式“{text}”无法识别（应为 {} 之一）", known.join("、"))
    })
}

/// One party read from the 当事人 column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedParty {
    pub role: String,
    pub name: String,
}

/// The roles longest first, so 被告人 is not read as 被告 + 人 and 申请执行人 not as 申请人.
fn roles_longest_first() -> Vec<&'static str> {
    let mut roles: Vec<&str> = PartyRole::ALL.iter().map(|r| r.as_str()).collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.chars().count()));
    roles
}

/// `原告：张三、李四；被告：某某有限公司` (also `;` `\n` between sides, `:` or no colon after the role, `，` `,`
/// `、` between names, and a former role in brackets: `上诉人（原审被告）：王五`) → each party with its role.
pub fn parties(text: &str) -> Result<Vec<NamedParty>, String> {
    let roles = roles_longest_first();
    let mut out = Vec::new();
    let mut role: Option<String> = None;
    for segment in text.split(['；', ';', '\n', '\r', '|']).map(str::trim).filter(|s| !s.is_empty()) {
        // The role, then an optional bracketed former role, then a colon (or nothing).
        let (seg_role, names) = match roles.iter().find(|r| segment.starts_with(**r)) {
            Some(r) => {
                let mut rest = segment[r.len()..].trim_start();
                if let Some(inner) = rest.strip_prefix(['（', '(']) {
                    let close = inner.find(['）', ')']).ok_or_else(|| format!("“{segment}”的括号没有闭合"))?;
                    rest = inner[close..].trim_start_matches(['）', ')']);
                }
                (Some((*r).to_string()), rest.trim_start_matches([':', '：', ' ', '\u{3000}']))
            }
            None => (None, segment),
        };
        if let Some(r) = seg_role {
            role = Some(r);
        } else if let Some((head, _)) = segment.split_once(['：', ':']) {
            return Err(format!("诉讼地位“{head}”无法识别（应为 原告、被告、第三人、上诉人、申请执行人 等）"));
        }
        let Some(role) = role.clone() else {
            return Err(format!("“{segment}”没有写明诉讼地位（应写作 原告：张三；被告：李四）"));
        };
        let mut any = false;
        for name in names.split(['、', '，', ',']).map(str::trim).filter(|n| !n.is_empty()) {
            out.push(NamedParty { role: role.clone(), name: name.to_string() });
            any = true;
        }
        if !any {
            return Err(format!("“{role}”后缺少当事人姓名或名称"));
        }
    }
    Ok(out)
}

/// 案件状态 → `Some(true)` closed, `Some(false)` pending, by the table in `assets/import/columns.toml`.
pub fn status(text: &str, pending: &[String], closed: &[String]) -> Result<bool, String> {
    let t = half_width(text);
    if closed.contains(&t) {
        Ok(true)
    } else if pending.contains(&t) {
        Ok(false)
    } else {
        Err(format!("案件状态“{text}”无法识别（已结：{}；未结：{}）", closed.join("、"), pending.join("、")))
    }
}
