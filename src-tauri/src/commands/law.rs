//! Commands behind the 法条 screen and the 判决书 editor's citation check. The library (andu-law: embedded, or one
//! installed file in the package) is unpacked on the first of these calls, never at start-up.
//! Contract: docs/app-commands.md.

use andu_law::query::{self, SearchResult, ShowResult};
use andu_law::{Appendix, CitationCheck, Library};

use crate::error::{CmdResult, coded};

fn date(s: Option<&str>) -> CmdResult<Option<chrono::NaiveDate>> {
    s.filter(|d| !d.is_empty()).map(|d| andu_core::date::parse_date(d).map_err(coded)).transpose()
}

#[tauri::command]
pub async fn law_search(query: String, on: Option<String>, limit: Option<usize>) -> CmdResult<SearchResult> {
    Ok(query::search(Library::shipped().map_err(coded)?, &query, date(on.as_deref())?, limit.unwrap_or(50).min(500)))
}

#[tauri::command]
pub async fn law_show(law: String, article: Option<String>, on: Option<String>) -> CmdResult<ShowResult> {
    let article = article.filter(|a| !a.trim().is_empty());
    query::show(Library::shipped().map_err(coded)?, &law, article.as_deref(), date(on.as_deref())?).map_err(coded)
}

/// Every citation in `text` checked against the law in force on `date` (the judgment's date).
#[tauri::command]
pub async fn cite_check(text: String, date: String) -> CmdResult<Vec<CitationCheck>> {
    let date = andu_core::date::parse_date(&date).map_err(coded)?;
    Ok(andu_law::check_text(Library::shipped().map_err(coded)?, &text, date))
}

/// 附：本判决适用的法律条文 of `text` (the judgment's sections), quoting the versions in force on `date` (its 落款).
#[tauri::command]
pub async fn cite_appendix(text: String, date: String) -> CmdResult<Appendix> {
    let date = andu_core::date::parse_date(&date).map_err(coded)?;
    Ok(andu_law::appendix(Library::shipped().map_err(coded)?, &text, date))
}
