//! The library in memory: law → versions (dates in force, source) → articles (条 with their 款 and 项).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::markdown::{self, SourceText};
use crate::numerals::article_label;

#[derive(Debug, Serialize)]
pub struct Law {
    pub title: String,
    /// The library's folder: 民法典, 司法解释, 行政法规 …
    pub category: String,
    /// Oldest first.
    pub versions: Vec<Version>,
    pub repealed: Option<Repeal>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Repeal {
    pub on: NaiveDate,
    pub replaced_by: Option<String>,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct Version {
    pub in_force_from: Option<NaiveDate>,
    /// The first day this version is no longer in force (the next version's first day, or the repeal).
    pub in_force_until: Option<NaiveDate>,
    /// How `in_force_from` is known: the text's own 施行 line, a catalog row, or the version date.
    pub in_force_basis: String,
    /// The source file(s) in the library, or the catalog's source for a version it has no text of.
    pub source: String,
    pub history: Vec<String>,
    pub article_count: u32,
    pub has_text: bool,
    #[serde(skip)]
    pub text: String,
    #[serde(skip)]
    pub articles: Vec<ArticleSpan>,
}

#[derive(Debug, Clone, Copy)]
pub struct ArticleSpan {
    pub number: u32,
    pub sub: u32,
    start: u32,
    end: u32,
}

/// An article as shown and cited.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Article {
    pub number: u32,
    pub sub: u32,
    /// 第一百零七条 (之一)
    pub label: String,
    /// The 款 in order, each with its 项 as printed.
    pub paragraphs: Vec<String>,
}

impl Version {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force_from.is_none_or(|f| f <= date) && self.in_force_until.is_none_or(|u| date < u)
    }

    fn span_text(&self, s: &ArticleSpan) -> &str {
        &self.text[s.start as usize..s.end as usize]
    }

    pub fn article(&self, number: u32, sub: u32) -> Option<Article> {
        let s = self.articles.iter().find(|a| a.number == number && a.sub == sub)?;
        Some(self.make_article(s))
    }

    fn make_article(&self, s: &ArticleSpan) -> Article {
        let mut label = article_label(s.number);
        if s.sub > 0 {
            label.push('之');
            label.push_str(&crate::numerals::format_number(s.sub));
        }
        Article {
            number: s.number,
            sub: s.sub,
            label,
            paragraphs: self.span_text(s).split('\n').map(String::from).collect(),
        }
    }

    pub fn articles(&self) -> impl Iterator<Item = Article> + '_ {
        self.articles.iter().map(|s| self.make_article(s))
    }

    /// The 款 of article `number` (`sub` for 之一…), each with how many 项 it lists: `[0, 4]` is two 款, the second
    /// listing （一） to （四）. `None` for a version without text or an article it does not have. A 款 is a line of the
    /// article that is not a 项 (`（一）…`) nor a 目 under one (`1．…`); a 项 belongs to the 款 above it.
    pub fn structure(&self, number: u32, sub: u32) -> Option<Vec<u32>> {
        let s = self.articles.iter().find(|a| a.number == number && a.sub == sub)?;
        let mut paragraphs: Vec<u32> = Vec::new();
        for line in self.span_text(s).split('\n').map(str::trim).filter(|l| !l.is_empty()) {
            if is_item_line(line) {
                match paragraphs.last_mut() {
                    Some(items) => *items += 1,
                    None => paragraphs.push(1),
                }
            } else if !is_sub_item_line(line) || paragraphs.is_empty() {
                paragraphs.push(0);
            }
        }
        Some(paragraphs)
    }

    /// Does article `number` exist? For a version without text, by the official article count.
    pub fn has_article(&self, number: u32) -> bool {
        if self.has_text {
            self.articles.iter().any(|a| a.number == number)
        } else {
            number >= 1 && number <= self.article_count
        }
    }

    /// The article containing byte `offset` of the version's text.
    fn article_at(&self, offset: usize) -> Option<&ArticleSpan> {
        let i = self.articles.partition_point(|a| (a.start as usize) <= offset);
        self.articles.get(i.checked_sub(1)?).filter(|a| offset < a.end as usize)
    }
}

/// `（一）…` or `(一)…`: a 项.
fn is_item_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['（', '(']) else { return false };
    let digits = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    digits > 0 && rest.chars().nth(digits).is_some_and(|c| matches!(c, '）' | ')'))
}

/// `1．…`, `1.…` or `1、…`: a 目 under a 项, not a new 款.
fn is_sub_item_line(line: &str) -> bool {
    let digits = line.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).count();
    digits > 0 && line.chars().nth(digits).is_some_and(|c| matches!(c, '．' | '.' | '、'))
}

impl Law {
    /// The version in force on `date`; `None` before the first or after the repeal.
    pub fn version_on(&self, date: NaiveDate) -> Option<&Version> {
        if self.repealed.as_ref().is_some_and(|r| date >= r.on) {
            return None;
        }
        self.versions.iter().rev().find(|v| v.in_force_on(date))
    }

    /// The newest version with text (what the 法条 screen shows without a date).
    pub fn latest(&self) -> Option<&Version> {
        self.versions.iter().rev().find(|v| v.has_text).or(self.versions.last())
    }
}

/// How a name given by a person was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NameMatch {
    Full,
    Abbreviation,
}

pub struct Library {
    laws: Vec<Law>,
    by_title: HashMap<String, usize>,
    by_short: HashMap<String, usize>,
    pub catalog: Catalog,
}

/// One spelling for comparison: 〈〉 as 《》, half-width brackets as full-width, no spaces.
pub fn normalize_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .map(|c| match c {
            '〈' | '<' => '《',
            '〉' | '>' => '》',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

const PRC: &str = "中华人民共和国";

struct Draft {
    title: String,
    category: String,
    from: Option<NaiveDate>,
    basis: String,
    sources: Vec<String>,
    history: Vec<String>,
    parts: Vec<SourceText>,
}

impl Library {
    pub fn build(files: &[(String, String)], catalog: Catalog) -> Library {
        // One draft version per (title, in-force date): the 民法典's 编 files merge into one version, and two files
        // of the same text under different publication dates collapse into one.
        let mut drafts: Vec<Draft> = Vec::new();
        let mut index: HashMap<(String, Option<NaiveDate>), usize> = HashMap::new();
        for (path, text) in files {
            let src = markdown::parse(path, text);
            if src.title.is_empty() {
                continue;
            }
            let (from, basis) = in_force_date(&src, &catalog);
            let title = normalize_name(&src.title);
            let key = (title.clone(), from);
            let i = *index.entry(key).or_insert_with(|| {
                drafts.push(Draft {
                    title: title.clone(),
                    category: path.split('/').next().unwrap_or("").to_string(),
                    from,
                    basis,
                    sources: Vec::new(),
                    history: src.history.iter().map(|h| h.1.clone()).collect(),
                    parts: Vec::new(),
                });
                drafts.len() - 1
            });
            let d = &mut drafts[i];
            if src.part.is_none() && d.parts.iter().any(|p| p.part.is_none()) {
                // The same instrument twice (two publication dates, one in-force date): keep the fuller text.
                let old = d.parts.iter().position(|p| p.part.is_none()).unwrap_or(0);
                if src.articles.len() >= d.parts[old].articles.len() {
                    d.sources = vec![path.clone()];
                    d.parts[old] = src;
                }
                continue;
            }
            d.sources.push(path.clone());
            d.parts.push(src);
        }
        let mut laws: Vec<Law> = Vec::new();
        let mut by_title: HashMap<String, usize> = HashMap::new();
        for d in drafts {
            let mut text = String::new();
            let mut spans = Vec::new();
            let mut parts = d.parts;
            parts.sort_by_key(|p| p.articles.first().map(|a| a.number).unwrap_or(0));
            for a in parts.iter().flat_map(|p| &p.articles) {
                let start = text.len() as u32;
                text.push_str(&a.paragraphs.join("\n"));
                spans.push(ArticleSpan { number: a.number, sub: a.sub, start, end: text.len() as u32 });
                text.push('\n');
            }
            let version = Version {
                in_force_from: d.from,
                in_force_until: None,
                in_force_basis: d.basis,
                source: d.sources.join("；"),
                history: d.history,
                article_count: spans.iter().filter(|s| s.sub == 0).map(|s| s.number).max().unwrap_or(0),
                has_text: !spans.is_empty(),
                text,
                articles: spans,
            };
            let li = *by_title.entry(d.title.clone()).or_insert_with(|| {
                laws.push(Law {
                    title: d.title.clone(),
                    category: d.category.clone(),
                    versions: Vec::new(),
                    repealed: None,
                });
                laws.len() - 1
            });
            laws[li].versions.push(version);
        }
        for v in &catalog.version {
            add_textless(&mut laws, &mut by_title, &v.law, Some(v.from), v.article_count, &v.source);
        }
        for r in &catalog.repealed {
            let title = normalize_name(&r.law);
            let li = match (by_title.get(&title), r.article_count) {
                (Some(&li), _) => li,
                (None, count) => add_textless(&mut laws, &mut by_title, &r.law, r.from, count.unwrap_or(0), &r.source),
            };
            laws[li].repealed =
                Some(Repeal { on: r.repealed_on, replaced_by: r.replaced_by.clone(), source: r.source.clone() });
        }
        for law in &mut laws {
            law.versions.sort_by_key(|v| v.in_force_from);
            let starts: Vec<Option<NaiveDate>> = law.versions.iter().map(|v| v.in_force_from).collect();
            for (i, v) in law.versions.iter_mut().enumerate() {
                v.in_force_until = starts.get(i + 1).copied().flatten().or(law.repealed.as_ref().map(|r| r.on));
            }
        }
        let mut by_short = HashMap::new();
        for (i, law) in laws.iter().enumerate() {
            if let Some(short) = law.title.strip_prefix(PRC) {
                by_short.insert(short.to_string(), i);
            }
        }
        for a in &catalog.abbreviation {
            if let Some(&i) = by_title.get(&normalize_name(&a.full)) {
                for s in &a.short {
                    by_short.insert(normalize_name(s), i);
                }
            }
        }
        Library { laws, by_title, by_short, catalog }
    }

    pub fn laws(&self) -> &[Law] {
        &self.laws
    }

    /// A law by its full name or an abbreviation, with which of the two it was.
    pub fn find(&self, name: &str) -> Option<(&Law, NameMatch)> {
        let n = normalize_name(name.trim_matches(|c| c == '《' || c == '》'));
        if let Some(&i) = self.by_title.get(&n) {
            return Some((&self.laws[i], NameMatch::Full));
        }
        if let Some(&i) = self.by_short.get(&n) {
            return Some((&self.laws[i], NameMatch::Abbreviation));
        }
        // An interpretation's name with an abbreviated inner law: 关于适用《民事诉讼法》的解释.
        let expanded = self.expand_inner_names(&n)?;
        self.by_title.get(&expanded).map(|&i| (&self.laws[i], NameMatch::Abbreviation))
    }

    fn expand_inner_names(&self, n: &str) -> Option<String> {
        let open = n.find('《')?;
        let close = n[open..].find('》')? + open;
        let inner = &n[open + '《'.len_utf8()..close];
        let law = &self.laws[*self.by_short.get(inner)?];
        Some(format!("{}《{}》{}", &n[..open], law.title, &n[close + '》'.len_utf8()..]))
    }

    /// Laws whose full name or an abbreviation contains `query`.
    pub fn find_by_name_part(&self, query: &str) -> Vec<&Law> {
        let q = normalize_name(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<usize> =
            self.laws.iter().enumerate().filter(|(_, l)| l.title.contains(&q)).map(|(i, _)| i).collect();
        for (short, &i) in &self.by_short {
            if short.contains(&q) && !hits.contains(&i) {
                hits.push(i);
            }
        }
        // Exact names first, then shorter names (the law itself before the interpretations about it).
        hits.sort_by_key(|&i| {
            let l = &self.laws[i];
            let exact = l.title == q || l.title.strip_prefix(PRC) == Some(&q) || self.by_short.get(&q) == Some(&i);
            (!exact, l.repealed.is_some(), l.title.chars().count())
        });
        hits.into_iter().map(|i| &self.laws[i]).collect()
    }

    /// Full-text search over the version of every law in force on `on` (the newest version without a date):
    /// articles containing every whitespace-separated word of `query`. Returns at most `limit` hits and the total.
    pub fn search(&self, query: &str, on: Option<NaiveDate>, limit: usize) -> (Vec<SearchHit<'_>>, usize) {
        let words: Vec<&str> = query.split_whitespace().collect();
        let Some(first) = words.iter().max_by_key(|w| w.len()) else { return (Vec::new(), 0) };
        let finder = memchr::memmem::Finder::new(first.as_bytes());
        let mut hits = Vec::new();
        let mut total = 0;
        for law in &self.laws {
            let version = match on {
                Some(d) => law.version_on(d),
                None => law.latest(),
            };
            let Some(v) = version.filter(|v| v.has_text) else { continue };
            let mut last_article = usize::MAX;
            for pos in finder.find_iter(v.text.as_bytes()) {
                let Some(span) = v.article_at(pos) else { continue };
                let idx = span.start as usize;
                if idx == last_article {
                    continue;
                }
                last_article = idx;
                let body = v.span_text(span);
                if !words.iter().all(|w| body.contains(w)) {
                    continue;
                }
                total += 1;
                if hits.len() < limit {
                    hits.push(SearchHit {
                        law,
                        version: v,
                        article: v.make_article(span),
                        snippet: snippet(body, pos - idx, first.len()),
                    });
                }
            }
        }
        (hits, total)
    }
}

pub struct SearchHit<'a> {
    pub law: &'a Law,
    pub version: &'a Version,
    pub article: Article,
    pub snippet: String,
}

/// About 30 characters either side of the match, cut on character boundaries.
fn snippet(body: &str, at: usize, len: usize) -> String {
    let before: Vec<(usize, char)> = body[..at].char_indices().collect();
    let start = before.len().checked_sub(30).map(|i| before[i].0).unwrap_or(0);
    let end = body[at + len..].char_indices().nth(30).map(|(i, _)| at + len + i).unwrap_or(body.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&body[start..end].replace('\n', " "));
    if end < body.len() {
        s.push('…');
    }
    s
}

/// A version the library has no text of (a repealed law, an older 民诉法), known by its dates and article count.
fn add_textless(
    laws: &mut Vec<Law>,
    by_title: &mut HashMap<String, usize>,
    law: &str,
    from: Option<NaiveDate>,
    count: u32,
    source: &str,
) -> usize {
    let title = normalize_name(law);
    let li = *by_title.entry(title.clone()).or_insert_with(|| {
        laws.push(Law { title, category: "已废止".into(), versions: Vec::new(), repealed: None });
        laws.len() - 1
    });
    laws[li].versions.push(Version {
        in_force_from: from,
        in_force_until: None,
        in_force_basis: source.to_string(),
        source: source.to_string(),
        history: Vec::new(),
        article_count: count,
        has_text: false,
        text: String::new(),
        articles: Vec::new(),
    });
    li
}

fn in_force_date(src: &SourceText, catalog: &Catalog) -> (Option<NaiveDate>, String) {
    if let Some(row) = catalog.in_force.iter().find(|r| r.path == src.path) {
        return (Some(row.from), row.source.clone());
    }
    if let Some(d) = src.in_force_from {
        return (Some(d), "文本所载施行日期".into());
    }
    if let Some(row) = catalog.in_force_batch.iter().find(|r| Some(r.file_date) == src.file_date) {
        return (Some(row.from), row.source.clone());
    }
    if let Some(d) = src.file_date {
        return (Some(d), "文本未载施行日期，按版本日期".into());
    }
    let last = src.history.iter().rev().find_map(|h| h.0);
    (last, "文本未载施行日期，按最后一次通过或公布日期".into())
}
