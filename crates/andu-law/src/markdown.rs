//! One instrument of the law library as Markdown: `# title`, an optional `# part` (the 民法典 is split by 编), a
//! dated history block ending at `<!-- INFO END -->`, then chapters as headings and articles as lines
//! beginning `第N条`. Everything else (front matter, blank and zero-width lines) is skipped; nothing here panics.

use chrono::NaiveDate;

use crate::numerals::parse_number;

#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
    /// Path inside the library, e.g. `诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md`: the version's source.
    pub path: String,
    pub title: String,
    pub part: Option<String>,
    /// The history block as written (`2023年9月1日 …第五次修正`), each with its date when one leads the line.
    pub history: Vec<(Option<NaiveDate>, String)>,
    /// The date of the `… 施行` line, when the text says it.
    pub in_force_from: Option<NaiveDate>,
    /// The date in the file name, `(2023-09-01)`: the library's version date.
    pub file_date: Option<NaiveDate>,
    pub articles: Vec<SourceArticle>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceArticle {
    pub number: u32,
    /// `之一` → 1; 0 when the article has no such suffix.
    pub sub: u32,
    /// The 款 in order; a 项 stays on its own line inside its 款 as the text prints it.
    pub paragraphs: Vec<String>,
}

/// `2021年1月1日` at the start of `s` (also with full-width digits), and the byte length it took.
pub fn leading_date(s: &str) -> Option<(NaiveDate, usize)> {
    let mut parts = [0u32; 3];
    let mut idx = 0;
    let mut digits = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            parts[idx] = parts[idx].checked_mul(10)?.checked_add(c as u32 - '0' as u32)?;
            digits += 1;
            if digits > 4 {
                return None;
            }
            continue;
        }
        let expected = ['年', '月', '日'][idx];
        if c != expected || digits == 0 {
            return None;
        }
        digits = 0;
        idx += 1;
        if idx == 3 {
            let date = NaiveDate::from_ymd_opt(parts[0] as i32, parts[1], parts[2])?;
            return Some((date, i + c.len_utf8()));
        }
    }
    None
}

/// The first `YYYY年M月D日` anywhere in `s`.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    s.char_indices().filter(|(_, c)| c.is_ascii_digit()).find_map(|(i, _)| leading_date(&s[i..]).map(|d| d.0))
}

fn file_date(path: &str) -> Option<NaiveDate> {
    let open = path.rfind('(')?;
    let close = path[open..].find(')')? + open;
    NaiveDate::parse_from_str(&path[open + 1..close], "%Y-%m-%d").ok()
}

/// `第一百零七条 …` or `第一百四十五条之一 …`: (number, sub, rest of the line).
pub fn article_heading(line: &str) -> Option<(u32, u32, &str)> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('条')?;
    let number = parse_number(&rest[..end])?;
    let mut rest = &rest[end + '条'.len_utf8()..];
    let mut sub = 0;
    if let Some(after) = rest.strip_prefix('之') {
        let len: usize = after.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).map(char::len_utf8).sum();
        sub = parse_number(&after[..len])?;
        rest = &after[len..];
    }
    // An article line has a space (ASCII, full-width or no-break) after its label, or nothing at all.
    let trimmed = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}', '\t']);
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return None;
    }
    Some((number, sub, trimmed.trim_end()))
}

pub fn parse(path: &str, text: &str) -> SourceText {
    let mut out = SourceText {
        path: path.to_string(),
        title: String::new(),
        part: None,
        history: Vec::new(),
        in_force_from: None,
        file_date: file_date(path),
        articles: Vec::new(),
    };
    let mut in_header = text.contains("<!-- INFO END -->");
    let mut front_matter = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
        if n == 0 && line == "---" {
            front_matter = true;
            continue;
        }
        if front_matter {
            front_matter = line != "---";
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if line.starts_with("<!-- INFO END") {
            in_header = false;
            continue;
        }
        if let Some(h) = line.strip_prefix("# ") {
            let h = h.split("<!--").next().unwrap_or("").trim();
            if out.title.is_empty() {
                out.title = h.to_string();
            } else if in_header && out.part.is_none() {
                out.part = Some(h.to_string());
            }
            continue;
        }
        if line.starts_with('#') || line.starts_with("<!--") {
            continue;
        }
        if in_header {
            let date = leading_date(line).map(|d| d.0);
            if line.contains("施行") {
                let after_zi = line.find('自').map(|i| &line[i..]);
                out.in_force_from = after_zi.and_then(find_date).or(date).or(out.in_force_from);
            }
            out.history.push((date, line.to_string()));
            continue;
        }
        if let Some((number, sub, rest)) = article_heading(line) {
            let paragraphs = if rest.is_empty() { Vec::new() } else { vec![rest.to_string()] };
            out.articles.push(SourceArticle { number, sub, paragraphs });
        } else if let Some(a) = out.articles.last_mut() {
            a.paragraphs.push(line.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_history_in_force_date_and_articles_with_their_paragraphs() {
        let md = "---\nx: 1\n---\n# 中华人民共和国民法典\n\n# 合同编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n2021年1月1日 施行\n\n<!-- INFO END -->\n\n## 第一分编 通则\n\n第四百六十三条 本编调整因合同产生的民事关系。\n\n第四百六十四条 合同是……协议。\n\n婚姻、收养……规定。\n\u{200b}\n第四百六十五条之一　测试\n";
        let s = parse("民法典/合同编.md", md);
        assert_eq!(s.title, "中华人民共和国民法典");
        assert_eq!(s.part.as_deref(), Some("合同编"));
        assert_eq!(s.in_force_from, NaiveDate::from_ymd_opt(2021, 1, 1));
        assert_eq!(s.history.len(), 2);
        assert_eq!(s.articles.len(), 3);
        assert_eq!(s.articles[1].number, 464);
        assert_eq!(s.articles[1].paragraphs.len(), 2);
        assert_eq!((s.articles[2].number, s.articles[2].sub), (465, 1));
    }

    #[test]
    fn a_line_quoting_an_article_is_not_an_article() {
        assert!(article_heading("第十条规定的情形").is_none());
        assert_eq!(article_heading("第十条").map(|a| a.0), Some(10));
        assert_eq!(file_date("a/民事诉讼法(2021-12-24).md"), NaiveDate::from_ymd_opt(2021, 12, 24));
        assert_eq!(find_date("自2024年1月1日起施行"), NaiveDate::from_ymd_opt(2024, 1, 1));
    }
}
