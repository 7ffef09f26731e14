//! The State Council's holiday notice as people paste it (国务院办公厅关于YYYY年部分节假日安排的通知), read into a
//! [`YearTable`]: each numbered item is one holiday, its 放假 clause gives the days off (`M月D日至D日放假调休`, or
//! one day: `1月1日放假，与周末连休`), and a clause ending in 上班 lists the 调休上班 days.
//!
//! Whatever the parser cannot read is an error naming the item, never a guess: a holiday left out would make every
//! deadline across it a day or a week early. The table is then checked by [`YearTable::validate`] (at least ten
//! 放假 days, no day twice, dates within the notice's year) before anyone is shown it for confirmation.

use chrono::NaiveDate;

use crate::DeadlineError;
use crate::calendar::{Holiday, YearTable};

/// Reads a pasted notice. `year` is the notice's year when the text does not say it (a notice pasted without its
/// title); a year in the title (`2026年部分节假日安排`) must agree with it.
pub fn parse_notice(text: &str, year: Option<i32>) -> Result<YearTable, DeadlineError> {
    let text = normalise(text);
    let titled = year_in_title(&text);
    let year = match (titled, year) {
        (Some(t), Some(y)) if t != y => {
            return Err(unreadable(format!("通知标题是 {t} 年，但指定的年份是 {y} 年")));
        }
        (Some(t), _) => t,
        (None, Some(y)) => y,
        (None, None) => {
            return Err(unreadable(
                "无法确定通知的年份：请连同标题（“关于2027年部分节假日安排的通知”）一起粘贴，或指定年份",
            ));
        }
    };
    let items = numbered_items(&text);
    if items.is_empty() {
        return Err(unreadable("没有找到“一、元旦：……”这样的编号条目；请粘贴通知正文"));
    }
    let mut holidays = Vec::new();
    for (numeral, body) in items {
        holidays.push(holiday(year, &numeral, &body)?);
    }
    let table =
        YearTable {
            year, source: Some(format!("国务院办公厅关于{year}年部分节假日安排的通知（粘贴文本）")), holidays
        };
    table.validate()?;
    Ok(table)
}

fn unreadable(reason: impl Into<String>) -> DeadlineError {
    DeadlineError::NoticeUnreadable { reason: reason.into() }
}

/// Full-width digits and punctuation as ASCII where the notice's wording does not depend on them, and the
/// parenthesised remarks ((周五), (农历腊月二十八、周日)) removed: they carry no date the table needs, and their
/// numerals followed by 、 would look like item numbers.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ';' => '；',
            '\u{3000}' | '\t' | '\r' => ' ',
            c => c,
        };
        match c {
            '（' => depth += 1,
            '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn year_in_title(text: &str) -> Option<i32> {
    let at = text.find("年部分节假日安排")?;
    let digits: String = text[..at].chars().rev().take_while(char::is_ascii_digit).collect();
    let digits: String = digits.chars().rev().collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

const NUMERALS: &str = "一二三四五六七八九十";

/// The items `一、…` `二、…`: a run of Chinese numerals and 、 at the start of a line or after 。, up to the next.
fn numbered_items(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut starts = Vec::new(); // (index of the numeral run, index after 、)
    let mut i = 0;
    while i < chars.len() {
        let at_boundary = i == 0 || matches!(chars[i - 1], '\n' | '。' | ' ' | '：');
        if at_boundary && NUMERALS.contains(chars[i]) {
            let mut j = i;
            while j < chars.len() && NUMERALS.contains(chars[j]) && j - i < 3 {
                j += 1;
            }
            if j < chars.len() && chars[j] == '、' {
                starts.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut items = Vec::new();
    for (k, &(numeral_at, body_at)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(chars.len(), |s| s.0);
        let numeral: String = chars[numeral_at..body_at - 1].iter().collect();
        let body: String = chars[body_at..end].iter().collect();
        // The closing paragraphs (节假日期间，各地区、各部门要妥善安排好值班…) are not numbered items of the
        // arrangement: an item names a holiday before a colon.
        if body.contains('：') {
            items.push((numeral, body));
        }
    }
    items
}

/// A date as the notice writes it, with what it left out taken from the one before (`2月10日至17日`).
#[derive(Debug, Clone, Copy)]
struct Written {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
}

#[derive(Debug)]
enum Token {
    Date(Written),
    Through,
    Off,
    Work,
}

fn tokens(clause: &str) -> Vec<Token> {
    let chars: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut pending_year = None;
    let mut pending_month = None;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() && j - i < 5 {
                j += 1;
            }
            let n: u32 = chars[i..j].iter().collect::<String>().parse().unwrap_or(0);
            match chars.get(j) {
                Some('年') => pending_year = i32::try_from(n).ok(),
                Some('月') => pending_month = Some(n),
                Some('日') => {
                    out.push(Token::Date(Written { year: pending_year.take(), month: pending_month.take(), day: n }));
                }
                _ => {
                    // A count (共8天) or a stray number: not part of a date, and the character after it is read.
                    pending_year = None;
                    pending_month = None;
                    i = j;
                    continue;
                }
            }
            i = j + 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        if chars[i] == '至' || chars[i] == '到' || chars[i] == '—' || chars[i] == '-' || chars[i] == '~' {
            out.push(Token::Through);
        } else if rest == "放假" || rest == "休息" {
            out.push(Token::Off);
            i += 2;
            continue;
        } else if rest == "上班" {
            out.push(Token::Work);
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

fn holiday(year: i32, numeral: &str, body: &str) -> Result<Holiday, DeadlineError> {
    let (name, rest) = body.split_once('：').unwrap_or((body, ""));
    let name = name.trim().to_string();
    let at = |reason: &str| unreadable(format!("第{numeral}项（{name}）{reason}"));
    if name.is_empty() || name.chars().count() > 20 {
        return Err(unreadable(format!("第{numeral}项没有节日名称")));
    }
    let mut off: Option<Vec<NaiveDate>> = None;
    let mut work = Vec::new();
    // The month and year a later date leaves out are those of the date before it.
    let mut context = (year, 1u32);
    for clause in rest.split(['。', '；', '\n']) {
        let toks = tokens(clause);
        let has_off = toks.iter().any(|t| matches!(t, Token::Off));
        let has_work = toks.iter().any(|t| matches!(t, Token::Work));
        let mut seen_off = false;
        let mut k = 0;
        while k < toks.len() {
            match &toks[k] {
                Token::Off => seen_off = true,
                Token::Date(w) if has_off && !seen_off && off.is_none() => {
                    let start = resolve(*w, &name, year, &mut context).ok_or_else(|| at("的放假日期无效"))?;
                    let mut end = start;
                    if let (Some(Token::Through), Some(Token::Date(e))) = (toks.get(k + 1), toks.get(k + 2)) {
                        end = resolve(*e, &name, year, &mut context).ok_or_else(|| at("的放假结束日期无效"))?;
                        k += 2;
                    }
                    if end < start || (end - start).num_days() > 31 {
                        return Err(at("的放假起止日期不合理"));
                    }
                    off = Some(start.iter_days().take_while(|d| *d <= end).collect());
                }
                Token::Date(w) if has_work && (seen_off || !has_off) => {
                    work.push(resolve(*w, &name, year, &mut context).ok_or_else(|| at("的调休上班日期无效"))?);
                }
                Token::Date(w) => {
                    // A date in a remark (鼓励……在除夕休息) still sets the month for the dates after it.
                    let _ = resolve(*w, &name, year, &mut context);
                }
                _ => {}
            }
            k += 1;
        }
    }
    let off = off.ok_or_else(|| at("没有找到放假日期（应为“1月1日至3日放假调休”这样的写法）"))?;
    Ok(Holiday { name, off, work })
}

/// A written date in full. A 元旦 item may reach back into December of the year before (`12月31日至1月2日`);
/// otherwise a date without a year is in the notice's year.
fn resolve(w: Written, name: &str, year: i32, context: &mut (i32, u32)) -> Option<NaiveDate> {
    let month = w.month.unwrap_or(context.1);
    let y = match w.year {
        Some(y) => y,
        None if w.month.is_none() => context.0,
        None if month == 12 && name.contains("元旦") => year - 1,
        None => year,
    };
    let date = NaiveDate::from_ymd_opt(y, month, w.day)?;
    *context = (y, month);
    Some(date)
}
