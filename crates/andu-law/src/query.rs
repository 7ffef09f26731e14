//! What `andu law search|show` and the app's 法条 screen ask: one shape for both, serialisable as their JSON.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cite::cite_form;
use crate::library::{Law, Library, NameMatch, Repeal};
use crate::numerals::parse_number;
use crate::{Article, LawError, Version};

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LawSummary {
    pub title: String,
    pub category: String,
    pub repealed: Option<Repeal>,
    pub versions: Vec<VersionSummary>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionSummary {
    pub in_force_from: Option<NaiveDate>,
    pub in_force_until: Option<NaiveDate>,
    pub in_force_basis: String,
    pub source: String,
    pub article_count: u32,
    pub has_text: bool,
}

impl From<&Version> for VersionSummary {
    fn from(v: &Version) -> Self {
        VersionSummary {
            in_force_from: v.in_force_from,
            in_force_until: v.in_force_until,
            in_force_basis: v.in_force_basis.clone(),
            source: v.source.clone(),
            article_count: v.article_count,
            has_text: v.has_text,
        }
    }
}

impl From<&Law> for LawSummary {
    fn from(l: &Law) -> Self {
        LawSummary {
            title: l.title.clone(),
            category: l.category.clone(),
            repealed: l.repealed.clone(),
            versions: l.versions.iter().map(VersionSummary::from).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHitView {
    pub law: String,
    pub article: u32,
    pub label: String,
    pub snippet: String,
    pub in_force_from: Option<NaiveDate>,
    pub repealed: bool,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LawSearchResult"))]
pub struct SearchResult {
    /// Laws whose name or abbreviation contains the query.
    pub laws: Vec<LawSummary>,
    /// Articles containing every word of the query.
    pub hits: Vec<SearchHitView>,
    pub total: usize,
}

pub fn search(lib: &Library, query: &str, on: Option<NaiveDate>, limit: usize) -> SearchResult {
    let laws = lib.find_by_name_part(query).into_iter().take(limit).map(LawSummary::from).collect();
    let (hits, total) = lib.search(query, on, limit);
    let hits = hits
        .into_iter()
        .map(|h| SearchHitView {
            law: h.law.title.clone(),
            article: h.article.number,
            label: h.article.label.clone(),
            snippet: h.snippet,
            in_force_from: h.version.in_force_from,
            repealed: h.law.repealed.is_some(),
        })
        .collect();
    SearchResult { laws, hits, total }
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LawShowResult"))]
pub struct ShowResult {
    pub law: LawSummary,
    /// How the name was found: `full` or `abbreviation`.
    pub name_match: NameMatch,
    /// The version shown: in force on `on`, else the newest.
    pub version: VersionSummary,
    /// The article asked for, or every article when none was.
    pub articles: Vec<Article>,
    /// The article in the court's form, ready to paste: 《中华人民共和国民事诉讼法》第一百四十七条.
    pub citation: Option<String>,
}

/// `147`, `第一百四十七条`, `一百四十七`, `145之一` → (number, sub).
pub fn parse_article(s: &str) -> Result<(u32, u32), LawError> {
    let bad = || LawError::InvalidArticle(s.to_string());
    let t = s.trim().trim_start_matches('第');
    let (main, sub) = match t.split_once('之') {
        Some((m, sub)) => (m, Some(sub)),
        None => (t, None),
    };
    let main = main.trim_end_matches('条');
    let n = parse_number(main).ok_or_else(bad)?;
    let sub = match sub {
        Some(x) => parse_number(x).ok_or_else(bad)?,
        None => 0,
    };
    Ok((n, sub))
}

pub fn show(lib: &Library, name: &str, article: Option<&str>, on: Option<NaiveDate>) -> Result<ShowResult, LawError> {
    let (law, how) = lib.find(name).ok_or_else(|| LawError::UnknownLaw(name.to_string()))?;
    let version = match on {
        Some(d) => law.version_on(d).ok_or(LawError::NotInForce { law: law.title.clone(), date: d })?,
        None => law.latest().ok_or_else(|| LawError::UnknownLaw(name.to_string()))?,
    };
    let (articles, citation) = match article {
        Some(a) => {
            let (n, sub) = parse_article(a)?;
            let found = version.article(n, sub).ok_or_else(|| LawError::UnknownArticle {
                law: format!("《{}》（{}）", law.title, version_label(version)),
                article: crate::numerals::article_label(n),
            })?;
            (vec![found], Some(cite_form(&law.title, n, None)))
        }
        None => (version.articles().collect(), None),
    };
    Ok(ShowResult {
        law: LawSummary::from(law),
        name_match: how,
        version: VersionSummary::from(version),
        articles,
        citation,
    })
}

fn version_label(v: &Version) -> String {
    match v.in_force_from {
        Some(d) => format!("{}起施行的版本", d.format("%Y年%-m月%-d日")),
        None => "现行版本".into(),
    }
}
