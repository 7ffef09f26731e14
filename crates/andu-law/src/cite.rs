//! Citations in running text, the way judgments write them, and their check against the library on a date.
//!
//! Found: `《中华人民共和国民法典》第六百七十五条、第六百七十六条，《中华人民共和国民事诉讼法》第六十七条之规定`
//! (a list shares the law named before it), `第一百七十条第一款第（二）项`, `、第二款` (the same article),
//! interpretation names with nested 〈〉 (or nested 《》), and a known name or abbreviation without 《》 right before
//! 第…条 (`依照民法典第五百七十七条`). A 《…》 that names no law (`《借款合同》第五条`) is not a citation.

use chrono::NaiveDate;
use serde::Serialize;

use crate::library::{Law, Library, NameMatch, normalize_name};
use crate::numerals::{article_label, format_number, parse_number};

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The citation as written: `《…》第六百七十五条` for the first of a list, `第六百七十六条` for the rest.
    pub text: String,
    /// The law's name as written (normalised: 〈〉 as 《》).
    pub law_as_written: String,
    pub article: u32,
    /// `之一` → 1.
    pub sub: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the sentence around it (for the renumbering check's keyword).
    #[serde(skip)]
    sentence: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CiteStatus {
    Ok,
    /// The law (or this version of it) was not in force on the date.
    Repealed,
    UnknownArticle,
    UnknownLaw,
    /// An abbreviated name where the 裁判文书制作规范 wants the full one.
    Abbreviated,
    /// The number names another provision on the date: the provision the sentence speaks of was renumbered.
    Renumbered,
}

/// A citation with its verdict: the `andu cite check --json` row and what the editor underlines.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CitationCheck {
    pub text: String,
    /// The full name when the law is known, else the name as written.
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    pub status: CiteStatus,
    /// What to write instead, in the court's form (`《中华人民共和国民法典》第五百七十七条`).
    pub suggestion: Option<String>,
    pub message: String,
    /// UTF-16 offsets in the text checked (what a browser's string indices count).
    pub from: usize,
    pub to: usize,
}

/// Names that are law: what a 《…》 must end with to be read as a citation when the library does not know it.
const LAW_ENDINGS: [&str; 16] = [
    "法", "法典", "条例", "规定", "解释", "决定", "办法", "通则", "规则", "细则", "批复", "意见", "纪要", "答复",
    "安排", "总则",
];

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '及' | '和' | '与' | '或' | '以' | '者' | ' ' | '\u{3000}')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n' | '！' | '？' | '：')
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Article,
    Paragraph,
    Item,
}

/// `第…条(之一)` / `第…款` / `第（…）项` starting at char index `i`: (unit, number, sub, next index).
fn ordinal(chars: &[(usize, char)], i: usize) -> Option<(Unit, u32, u32, usize)> {
    if chars.get(i)?.1 != '第' {
        return None;
    }
    let mut j = i + 1;
    let bracket = matches!(chars.get(j)?.1, '（' | '(');
    if bracket {
        j += 1;
    }
    let start = j;
    while chars.get(j).is_some_and(|(_, c)| "零〇一二两三四五六七八九十百千0123456789０１２３４５６７８９".contains(*c))
        && j - start < 8
    {
        j += 1;
    }
    let digits: String = chars[start..j].iter().map(|c| c.1).collect();
    let number = parse_number(&digits)?;
    if bracket {
        if !matches!(chars.get(j)?.1, '）' | ')') {
            return None;
        }
        j += 1;
    }
    let unit = match chars.get(j)?.1 {
        '条' => Unit::Article,
        '款' => Unit::Paragraph,
        '项' => Unit::Item,
        _ => return None,
    };
    j += 1;
    let mut sub = 0;
    if unit == Unit::Article && chars.get(j).is_some_and(|c| c.1 == '之') {
        let s = j + 1;
        let mut k = s;
        while chars.get(k).is_some_and(|(_, c)| "一二三四五六七八九十".contains(*c)) && k - s < 3 {
            k += 1;
        }
        if let Some(n) = parse_number(&chars[s..k].iter().map(|c| c.1).collect::<String>()) {
            sub = n;
            j = k;
        }
    }
    Some((unit, number, sub, j))
}

/// The name inside `《…》` starting at char index `i` (nested 〈〉 or 《》 kept), and the index after it.
fn book_name(chars: &[(usize, char)], i: usize) -> Option<(String, usize)> {
    let mut depth = 0;
    let mut j = i;
    while j < chars.len() && j - i < 120 {
        match chars[j].1 {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    let name: String = chars[i + 1..j].iter().map(|c| c.1).collect();
                    return Some((name, j + 1));
                }
            }
            '\n' | '。' => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// A known name or abbreviation ending right before char index `i` (no 《》): the longest that the library knows.
fn bare_name_before(lib: &Library, chars: &[(usize, char)], i: usize) -> Option<(String, usize)> {
    let lo = i.saturating_sub(40);
    let mut from = i;
    while from > lo && !is_sentence_end(chars[from - 1].1) && !matches!(chars[from - 1].1, '》' | '，' | '、') {
        from -= 1;
    }
    (from..i.saturating_sub(1)).find_map(|s| {
        let name: String = chars[s..i].iter().map(|c| c.1).collect();
        lib.find(&name).map(|_| (name, s))
    })
}

fn byte_at(text: &str, chars: &[(usize, char)], i: usize) -> usize {
    chars.get(i).map(|c| c.0).unwrap_or(text.len())
}

/// Every citation in `text`, in order.
pub fn find_citations(lib: &Library, text: &str) -> Vec<Citation> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Citation> = Vec::new();
    // The law a list is citing, with the char index where its name starts; and whether the last thing read was a
    // citation of it (so that `、第二款` attaches to the article before).
    let mut current: Option<(String, usize)> = None;
    let mut last_was_citation = false;
    let mut sentence_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '《' {
            match book_name(&chars, i) {
                Some((name, next)) => {
                    let n = normalize_name(&name);
                    let is_law = lib.find(&n).is_some() || LAW_ENDINGS.iter().any(|e| n.ends_with(e));
                    current = is_law.then_some((n, i));
                    last_was_citation = false;
                    i = next;
                }
                None => i += 1,
            }
            continue;
        }
        if c == '第'
            && let Some((unit, number, sub, next)) = ordinal(&chars, i)
        {
            let mut law = current.clone();
            if law.is_none() && unit == Unit::Article {
                law = bare_name_before(lib, &chars, i).map(|(n, s)| (normalize_name(&n), s));
            }
            match (unit, law) {
                (Unit::Article, Some((name, name_start))) => {
                    // The first citation of a list starts at the name; the rest at their own 第.
                    let starts_list = !last_was_citation;
                    let start = if starts_list { name_start } else { i };
                    let mut end = next;
                    let mut paragraph = None;
                    let mut item = None;
                    while let Some((u, n, _, nx)) = ordinal(&chars, end) {
                        match u {
                            Unit::Paragraph if paragraph.is_none() && item.is_none() => paragraph = Some(n),
                            Unit::Item if item.is_none() => item = Some(n),
                            _ => break,
                        }
                        end = nx;
                    }
                    out.push(Citation {
                        text: text[byte_at(text, &chars, start)..byte_at(text, &chars, end)].to_string(),
                        law_as_written: name.clone(),
                        article: number,
                        sub,
                        paragraph,
                        item,
                        start: byte_at(text, &chars, start),
                        end: byte_at(text, &chars, end),
                        sentence: (sentence_start, 0),
                    });
                    current = Some((name, name_start));
                    last_was_citation = true;
                    i = end;
                    continue;
                }
                (Unit::Paragraph | Unit::Item, Some(_)) if last_was_citation => {
                    // `、第二款`: another paragraph (or item) of the article just cited.
                    let prev = out.last().cloned().expect("last_was_citation implies a citation");
                    let mut end = next;
                    let (mut paragraph, mut item) = (prev.paragraph, None);
                    if unit == Unit::Paragraph {
                        paragraph = Some(number);
                        if let Some((Unit::Item, n, _, nx)) = ordinal(&chars, end) {
                            item = Some(n);
                            end = nx;
                        }
                    } else {
                        item = Some(number);
                    }
                    out.push(Citation {
                        text: text[chars[i].0..byte_at(text, &chars, end)].to_string(),
                        paragraph,
                        item,
                        start: chars[i].0,
                        end: byte_at(text, &chars, end),
                        sentence: (sentence_start, 0),
                        ..prev
                    });
                    i = end;
                    continue;
                }
                _ => {
                    current = None;
                    last_was_citation = false;
                    i = next;
                    continue;
                }
            }
        }
        if is_sentence_end(c) {
            sentence_start = chars[i].0 + c.len_utf8();
            for cit in out.iter_mut().rev().take_while(|x| x.sentence.1 == 0) {
                cit.sentence.1 = chars[i].0;
            }
            current = None;
            last_was_citation = false;
        } else if !is_separator(c) {
            current = None;
            last_was_citation = false;
        }
        i += 1;
    }
    for cit in out.iter_mut().filter(|x| x.sentence.1 == 0) {
        cit.sentence.1 = text.len();
    }
    out
}

/// `《name》第N条`, a name inside the marks written with 〈〉 as the 裁判文书 style wants.
fn court_form(law: &str, article: u32) -> String {
    format!("《{}》{}", law.replace('《', "〈").replace('》', "〉"), article_label(article))
}

fn date_cn(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Checks one citation against the library on `date` (the judgment's date).
pub fn check(lib: &Library, text: &str, cit: &Citation, date: NaiveDate) -> CitationCheck {
    let from = utf16_len(&text[..cit.start]);
    let to = from + utf16_len(&cit.text);
    let label = article_label(cit.article);
    let mut row = CitationCheck {
        text: cit.text.clone(),
        law: cit.law_as_written.clone(),
        article: cit.article,
        paragraph: cit.paragraph,
        item: cit.item,
        status: CiteStatus::Ok,
        suggestion: None,
        message: String::new(),
        from,
        to,
    };
    let Some((law, how)) = lib.find(&cit.law_as_written) else {
        row.status = CiteStatus::UnknownLaw;
        row.message = format!("法条库中没有《{}》；请核对名称（应使用全称）", cit.law_as_written);
        return row;
    };
    row.law = law.title.clone();
    if let Some(r) = law.repealed.as_ref().filter(|r| date >= r.on) {
        row.status = CiteStatus::Repealed;
        let successor =
            lib.catalog.successor.iter().find(|s| normalize_name(&s.from.0) == law.title && s.from.1 == cit.article);
        row.suggestion = match (successor, &r.replaced_by) {
            (Some(s), _) => Some(court_form(&s.to.0, s.to.1)),
            (None, Some(by)) => Some(format!("《{by}》")),
            (None, None) => None,
        };
        row.message = format!("《{}》已于{}废止（{}）", law.title, date_cn(r.on), r.source);
        if let Some(s) = successor {
            row.message.push_str(&format!("；{}（{}）现为{}", label, s.topic, court_form(&s.to.0, s.to.1)));
        } else if let Some(by) = &r.replaced_by {
            row.message.push_str(&format!("；请适用《{by}》的相应条文"));
        }
        return row;
    }
    let Some(version) = law.version_on(date) else {
        // Before the first version the library holds, but the text's history shows the instrument already
        // existed (民诉法解释 2015): nothing to check the article against, which is said, not guessed.
        let earliest =
            law.versions.iter().flat_map(|v| v.history.iter()).filter_map(|h| crate::markdown::find_date(h)).min();
        if earliest.is_some_and(|e| e <= date) {
            row.message = format!("本库未收{}施行的《{}》版本，条文未核对", date_cn(date), law.title);
            if how == NameMatch::Abbreviation {
                row.status = CiteStatus::Abbreviated;
                row.suggestion = Some(court_form(&law.title, cit.article));
            }
            return row;
        }
        row.status = CiteStatus::Repealed;
        let first = law.versions.first().and_then(|v| v.in_force_from);
        row.message = match first {
            Some(f) => format!("《{}》自{}起施行，{}尚未施行", law.title, date_cn(f), date_cn(date)),
            None => format!("《{}》在{}不在施行期间", law.title, date_cn(date)),
        };
        return row;
    };
    let version_name = version_name(version);
    if !version.has_article(cit.article) {
        row.status = CiteStatus::UnknownArticle;
        row.message = format!("{}的《{}》没有{}（共{}条）", version_name, law.title, label, version.article_count);
        if let Some((n, _)) = renumbering(lib, law, cit, text, date) {
            row.suggestion = Some(court_form(&law.title, n));
        }
        return row;
    }
    if let Some((n, row_topic)) = renumbering(lib, law, cit, text, date) {
        row.status = CiteStatus::Renumbered;
        row.suggestion = Some(court_form(&law.title, n));
        row.message = format!(
            "{}的《{}》中，{}的规定是{}，不是{}（条文序号因修正而变动）",
            version_name,
            law.title,
            row_topic,
            article_label(n),
            label
        );
        return row;
    }
    if let Some(missing) = missing_part(version, cit) {
        row.status = CiteStatus::UnknownArticle;
        row.message = format!("{}的《{}》{}", version_name, law.title, missing);
        return row;
    }
    if how == NameMatch::Abbreviation {
        row.status = CiteStatus::Abbreviated;
        row.suggestion = Some(court_form(&law.title, cit.article));
        row.message = format!("裁判文书引用法律应当使用全称：《{}》", law.title);
        return row;
    }
    row.message = if version.has_text {
        format!("{}的《{}》{}", version_name, law.title, label)
    } else {
        format!("{}的《{}》（本库未收该版本全文，按条文总数{}条核对）", version_name, law.title, version.article_count)
    };
    row
}

/// What a citation names below its article that the version's text does not have: an article `之一` it lacks, a
/// 款 beyond the article's last, a 项 beyond the last of its 款 (or of any 款 when none is named). `None` when all
/// exists, or when the version has no text to tell (checked by article count only, which the message says).
fn missing_part(v: &crate::Version, cit: &Citation) -> Option<String> {
    if !v.has_text {
        return None;
    }
    let mut label = article_label(cit.article);
    if cit.sub > 0 {
        label.push('之');
        label.push_str(&format_number(cit.sub));
    }
    let Some(paragraphs) = v.structure(cit.article, cit.sub) else { return Some(format!("没有{label}")) };
    if let Some(p) = cit.paragraph
        && (p == 0 || p as usize > paragraphs.len())
    {
        let has = if paragraphs.len() <= 1 {
            "不分款".to_string()
        } else {
            format!("只有{}款", format_number(paragraphs.len() as u32))
        };
        return Some(format!("{label}{has}，没有第{}款", format_number(p)));
    }
    let k = cit.item?;
    let (place, items) = match cit.paragraph {
        Some(p) => (format!("{label}第{}款", format_number(p)), paragraphs[p as usize - 1]),
        None => (label, paragraphs.iter().copied().max().unwrap_or(0)),
    };
    if k >= 1 && k <= items {
        return None;
    }
    let has = if items == 0 { "不分项".to_string() } else { format!("只有{}项", format_number(items)) };
    Some(format!("{place}{has}，没有第（{}）项", format_number(k)))
}

fn version_name(v: &crate::Version) -> String {
    match v.in_force_from {
        Some(d) => format!("{}起施行", date_cn(d)),
        None => "现行".into(),
    }
}

/// When the sentence speaks of a provision the catalog knows was renumbered, and the number cited is one of its
/// old (or newer) numbers but not the one in force on `date`: the number in force.
fn renumbering<'a>(lib: &'a Library, law: &Law, cit: &Citation, text: &str, date: NaiveDate) -> Option<(u32, &'a str)> {
    let sentence = text.get(cit.sentence.0..cit.sentence.1.max(cit.sentence.0))?;
    lib.catalog.renumbered.iter().filter(|r| normalize_name(&r.law) == law.title).find_map(|r| {
        let now = r.number_on(date)?;
        (now != cit.article && r.numbers.iter().any(|x| x.1 == cit.article) && sentence.contains(&r.keyword))
            .then_some((now, r.topic.as_str()))
    })
}

/// Finds and checks every citation in `text` on `date`.
pub fn check_text(lib: &Library, text: &str, date: NaiveDate) -> Vec<CitationCheck> {
    find_citations(lib, text).iter().map(|c| check(lib, text, c, date)).collect()
}

/// `第六百七十五条` etc. as a court cites an article: `《中华人民共和国民法典》第六百七十五条第一款`.
pub fn cite_form(law: &str, article: u32, paragraph: Option<u32>) -> String {
    let mut s = court_form(law, article);
    if let Some(p) = paragraph {
        s.push_str(&format!("第{}款", format_number(p)));
    }
    s
}
