//! 附：本判决适用的法律条文 — the appendix many courts print after the 落款: every law and article the judgment cites,
//! quoted in the version in force on the judgment's date, so a party reads the text the court applied.
//!
//! Built from the citation check: a citation is quoted only when its article exists in that version and the
//! library holds its text (`ok`, or `abbreviated`, whose law is known); the others are returned in `left_out` with
//! their check row, for the judge to correct first. Laws come in the order the judgment first cites them, each
//! law's articles in their own order, each article once and whole (a 款 or 项 is cited inside its article).

use chrono::NaiveDate;
use serde::Serialize;

use crate::cite::{CitationCheck, CiteStatus, check, find_citations};
use crate::library::{Article, Library};

/// The appendix's heading line, as the 2016 样式 prints it.
pub const APPENDIX_TITLE: &str = "附：本判决适用的法律条文";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppendixLaw {
    /// The full name in 《》, an inner name in 〈〉 (裁判文书 style).
    pub title: String,
    /// The first day of the version quoted.
    pub in_force_from: Option<NaiveDate>,
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Appendix {
    /// The judgment's date: the versions quoted are those in force that day.
    pub date: NaiveDate,
    pub laws: Vec<AppendixLaw>,
    /// Citations not quoted, with why: repealed, unknown, renumbered, or a version the library has no text of.
    pub left_out: Vec<CitationCheck>,
    /// The appendix as lines of text: the heading, then each law's name and its articles (`第N条　…`, one 款 a
    /// line). Empty when nothing could be quoted.
    pub text: String,
}

/// The appendix of `text` (the judgment, or its sections joined) on `date`.
pub fn appendix(lib: &Library, text: &str, date: NaiveDate) -> Appendix {
    let mut laws: Vec<AppendixLaw> = Vec::new();
    let mut left_out = Vec::new();
    for cit in find_citations(lib, text) {
        let row = check(lib, text, &cit, date);
        let quotable = matches!(row.status, CiteStatus::Ok | CiteStatus::Abbreviated);
        let found = lib.find(&cit.law_as_written).and_then(|(law, _)| {
            let version = law.version_on(date)?;
            Some((law, version, version.article(cit.article, cit.sub)?))
        });
        let Some((law, version, article)) = found.filter(|_| quotable) else {
            let mut row = row;
            if row.status == CiteStatus::Ok {
                row.message.push_str("；本库未收该版本条文全文，未列入附录");
            }
            // The same article cited twice (第一款、第二款) is left out once.
            if !left_out.iter().any(|l: &CitationCheck| l.law == row.law && l.article == row.article) {
                left_out.push(row);
            }
            continue;
        };
        let title = format!("《{}》", law.title.replace('《', "〈").replace('》', "〉"));
        let i = match laws.iter().position(|l| l.title == title) {
            Some(i) => i,
            None => {
                laws.push(AppendixLaw { title, in_force_from: version.in_force_from, articles: Vec::new() });
                laws.len() - 1
            }
        };
        let articles = &mut laws[i].articles;
        if !articles.iter().any(|a| a.number == article.number && a.sub == article.sub) {
            articles.push(article);
        }
    }
    for l in &mut laws {
        l.articles.sort_by_key(|a| (a.number, a.sub));
    }
    let text = render(&laws);
    Appendix { date, laws, left_out, text }
}

fn render(laws: &[AppendixLaw]) -> String {
    if laws.is_empty() {
        return String::new();
    }
    let mut lines = vec![APPENDIX_TITLE.to_string()];
    for l in laws {
        lines.push(l.title.clone());
        for a in &l.articles {
            let mut paragraphs = a.paragraphs.iter().filter(|p| !p.trim().is_empty());
            match paragraphs.next() {
                Some(first) => lines.push(format!("{}　{}", a.label, first.trim())),
                None => lines.push(a.label.clone()),
            }
            lines.extend(paragraphs.map(|p| p.trim().to_string()));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_judgment_without_citations_has_no_appendix() {
        let a = appendix(Library::embedded(), "本院认为，原告的诉讼请求成立。", d("2025-06-01"));
        assert!(a.laws.is_empty() && a.left_out.is_empty() && a.text.is_empty());
    }
}
