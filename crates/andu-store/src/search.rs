//! Search over the store's prepared docs and their dictionary, for the CLI and the app alike.
//!
//! Why not FTS5: Chinese names are often two characters (张三), below the trigram tokenizer's minimum, and users
//! type pinyin initials (`zs`) or full pinyin (`zhangsan`). Each case's lowercased fields, with every name's
//! pinyin, are prepared once into a doc kept in the store (`stored`), and the distinct field values into a
//! dictionary with the docs holding each (`terms`), found by their two-character grams (`grams`). A query scores
//! only the terms holding its words and reads only its page's docs, so it costs the same in a fresh process (a
//! CLI command) as in the app, which once loaded every doc into memory after its first query (0.4 s of CPU and
//! 130 MB at 100,000 cases) and keeps nothing now. The benchmarks (`cargo xtask bench`, `bench-user-paths`) measure it.

use std::collections::HashMap;

use memchr::memmem::Finder;
use pinyin::ToPinyin;
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::Result;
use crate::table::change_log;

pub(crate) mod grams;
pub(crate) mod stored;
pub(crate) mod terms;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub id: String,
    pub case_no: String,
    pub cause: String,
    pub parties: String,
    pub judge: String,
    pub status: &'static str,
    pub filed: String,
    /// Which field matched best: 案号, 当事人, 当事人拼音, 案由, 承办人员, 备注.
    pub matched: &'static str,
    pub score: u32,
}

/// What a stretch of a doc's haystack holds; a match's position tells its field without searching again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    CaseNo,
    Cause,
    Note,
    Party,
    PartyPinyin,
    Staff,
    StaffPinyin,
    /// The list screen's filters (never in a haystack, never scored: see `terms::of_filters`).
    FilterStatus,
    FilterProcedure,
    FilterJudge,
}

#[derive(Debug, Clone)]
struct Doc {
    id: String,
    case_no: String,
    cause: String,
    parties_line: String,
    judge: String,
    procedure: String,
    filed: String,
    closed: bool,
    /// Lowercased fields joined by `\u{1}`: case number (normalised), cause, notes, each party and staff name
    /// followed by its full pinyin and its initials.
    haystack: String,
    /// (start, end, field) of each stretch of `haystack`, in order.
    fields: Vec<(u32, u32, Field)>,
}

#[cfg(test)]
impl Doc {
    /// Best score of `t` anywhere in this doc.
    fn best(&self, t: &Token) -> (u32, &'static str) {
        best(&self.haystack, &self.fields, t)
    }
}

/// (start, end, field) of the stretch holding byte `pos`.
fn field_at(fields: &[(u32, u32, Field)], pos: usize) -> Option<(u32, u32, Field)> {
    let i = fields.partition_point(|f| (f.1 as usize) <= pos);
    fields.get(i).copied().filter(|f| f.0 as usize <= pos)
}

/// Score of one match of a `len`-byte token at `pos` of a doc's haystack. Pinyin counts only from the start of a
/// name (`zs`, `zhang`), never from its middle (深圳市 → `szs` must not match `zs`).
fn score_at(haystack: &str, fields: &[(u32, u32, Field)], pos: usize, len: usize) -> (u32, &'static str) {
    let Some((start, end, field)) = field_at(fields, pos) else { return (0, "") };
    let (start, end) = (start as usize, end as usize);
    if pos + len > end {
        return (0, "");
    }
    let whole = pos == start && pos + len == end;
    let prefix = pos == start;
    match field {
        Field::CaseNo => {
            let text = &haystack[start..end];
            let after_year = text[..pos - start].ends_with(')');
            let to_end = pos + len == end || &haystack[pos + len..end] == "号";
            if whole || (after_year && to_end) { (1000, "案号") } else { (300, "案号") }
        }
        Field::Party if whole => (200, "当事人"),
        Field::Party if prefix => (150, "当事人"),
        Field::Party => (100, "当事人"),
        Field::PartyPinyin if whole => (120, "当事人拼音"),
        Field::PartyPinyin if prefix => (70, "当事人拼音"),
        Field::Cause => (40, "案由"),
        Field::Staff => (30, "承办人员"),
        Field::StaffPinyin if prefix => (30, "承办人员"),
        Field::Note => (10, "备注"),
        Field::PartyPinyin | Field::StaffPinyin => (0, ""),
        Field::FilterStatus | Field::FilterProcedure | Field::FilterJudge => (0, ""),
    }
}

/// Best score of `t` anywhere in a doc's haystack.
#[cfg(test)]
fn best(haystack: &str, fields: &[(u32, u32, Field)], t: &Token) -> (u32, &'static str) {
    t.finder
        .find_iter(haystack.as_bytes())
        .map(|p| score_at(haystack, fields, p, t.text.len()))
        .max_by_key(|s| s.0)
        .unwrap_or((0, ""))
}

/// Which cases a query may return (the list screen's filters).
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub status: Option<String>,
    pub procedure: Option<String>,
    pub judge: Option<String>,
}

impl SearchFilter {
    #[cfg(test)]
    fn admits(&self, d: &Doc) -> bool {
        self.admits_parts(d.closed, &d.procedure, &d.judge)
    }

    /// The filter terms (see `terms::of_filters`) a doc must hold to pass; empty when every case passes.
    fn terms(&self) -> Vec<(u8, &str)> {
        fn set(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|v| !v.is_empty())
        }
        let closed = match self.status.as_deref() {
            Some("pending") => Some(false),
            Some("closed") => Some(true),
            _ => None,
        };
        let [status, procedure, judge] = terms::of_filters(
            closed.unwrap_or(false),
            set(&self.procedure).unwrap_or(""),
            set(&self.judge).unwrap_or(""),
        );
        let mut out = Vec::with_capacity(3);
        if closed.is_some() {
            out.push(status);
        }
        out.extend([procedure, judge].into_iter().filter(|t| !t.1.is_empty()));
        out
    }

    /// What the filter terms ask of a doc, said in Rust for the tests' reference.
    #[cfg(test)]
    fn admits_parts(&self, closed: bool, procedure: &str, judge: &str) -> bool {
        let status_ok = match self.status.as_deref() {
            Some("pending") => !closed,
            Some("closed") => closed,
            _ => true,
        };
        status_ok
            && self.procedure.as_ref().is_none_or(|p| p.is_empty() || p == procedure)
            && self.judge.as_ref().is_none_or(|j| j.is_empty() || j == judge)
    }
}

/// Lowercase, ASCII digits and brackets, no white space: the same for a query token and for a case number.
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '（' | '〔' | '［' => '(',
            '）' | '〕' | '］' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// (full pinyin, initials) of a Chinese text; non-Chinese characters are kept as they are (lowercased).
pub(crate) fn pinyin_forms(s: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (c, py) in s.chars().zip(s.to_pinyin()) {
        match py {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                full.push(l);
                initials.push(l);
            }
            None => {}
        }
    }
    (full, initials)
}

struct Raw {
    id: String,
    case_no: String,
    cause: String,
    procedure: String,
    judge: String,
    assistant: String,
    clerk: String,
    filed: String,
    closed: bool,
    parties: Vec<(String, String)>,
    notes: Vec<String>,
}

fn build(raw: Raw) -> Doc {
    let rows: Vec<crate::table::parties::PartyRow> = raw
        .parties
        .iter()
        .map(|(role, name)| crate::table::parties::PartyRow {
            id: String::new(),
            role: role.clone(),
            name: name.clone(),
            kind: String::new(),
            id_number: None,
            address: None,
            phone: None,
            agent: None,
            foreign: false,
        })
        .collect();
    let mut haystack = String::with_capacity(256);
    let mut fields = Vec::with_capacity(16);
    let mut push = |text: &str, field: Field| {
        let start = haystack.len() as u32;
        haystack.push_str(text);
        fields.push((start, haystack.len() as u32, field));
        haystack.push('\u{1}');
    };
    push(&normalise(&raw.case_no), Field::CaseNo);
    push(&raw.cause.to_lowercase(), Field::Cause);
    for n in &raw.notes {
        push(&n.to_lowercase(), Field::Note);
    }
    // Each person separately: joined initials ("wjg"+"lxy") would match across names.
    let people = raw.parties.iter().map(|(_, n)| (n.as_str(), Field::Party, Field::PartyPinyin)).chain(
        [&raw.judge, &raw.assistant, &raw.clerk]
            .into_iter()
            .filter(|n| !n.is_empty())
            .map(|n| (n.as_str(), Field::Staff, Field::StaffPinyin)),
    );
    for (name, field, pinyin_field) in people {
        let lower = name.to_lowercase();
        let (full, initials) = pinyin_forms(&lower);
        push(&lower, field);
        if full != lower {
            push(&full, pinyin_field);
            push(&initials, pinyin_field);
        }
    }
    Doc {
        parties_line: crate::read::parties_line(&rows),
        id: raw.id,
        case_no: raw.case_no,
        cause: raw.cause,
        procedure: raw.procedure,
        judge: raw.judge,
        filed: raw.filed,
        closed: raw.closed,
        haystack,
        fields,
    }
}

fn load(conn: &Connection, only: Option<&[String]>) -> Result<Vec<Raw>> {
    let (filter, arg) = match only {
        Some(ids) => {
            ("WHERE c.id IN (SELECT value FROM json_each(?1))", serde_json::to_string(ids).unwrap_or_default())
        }
        None => ("WHERE ?1 IS NOT NULL", String::new()),
    };
    let mut out: Vec<Raw> = Vec::new();
    let mut pos = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, case_no, cause, judge, assistant, clerk, filed, closed IS NOT NULL, procedure FROM cases c {filter}"
    ))?;
    let mut rows = stmt.query([&arg])?;
    while let Some(r) = rows.next()? {
        pos.insert(r.get::<_, String>(0)?, out.len());
        out.push(Raw {
            id: r.get(0)?,
            case_no: r.get(1)?,
            cause: r.get(2)?,
            judge: r.get(3)?,
            assistant: r.get(4)?,
            clerk: r.get(5)?,
            filed: r.get(6)?,
            closed: r.get(7)?,
            procedure: r.get(8)?,
            parties: vec![],
            notes: vec![],
        });
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT p.case_id, p.role, p.name FROM parties p JOIN cases c ON c.id = p.case_id {filter} ORDER BY p.case_id, p.ord"
    ))?;
    let mut rows = stmt.query([&arg])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = pos.get(&r.get::<_, String>(0)?) {
            out[i].parties.push((r.get(1)?, r.get(2)?));
        }
    }
    let mut stmt =
        conn.prepare(&format!("SELECT n.case_id, n.text FROM notes n JOIN cases c ON c.id = n.case_id {filter}"))?;
    let mut rows = stmt.query([&arg])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = pos.get(&r.get::<_, String>(0)?) {
            out[i].notes.push(r.get(1)?);
        }
    }
    Ok(out)
}

/// A write that touches at most this many cases brings the stored docs up to date in its own transaction; a
/// larger one (a bulk import) leaves them to the next search, which rebuilds them in one pass.
const IN_WRITE: usize = 1000;

/// How many cases a full build of the stored docs reads and builds at a time (tests: a few, so they cross parts).
#[cfg(not(test))]
const REBUILD_PART: usize = 5000;
#[cfg(test)]
const REBUILD_PART: usize = 7;

/// What the stored docs miss of the change log up to `last`: `None` when they are up to date, `Some(None)` when
/// they must be built afresh, else the cases touched since.
fn stale(conn: &Connection, last: i64) -> Result<Option<Option<Vec<String>>>> {
    Ok(match stored::seq(conn)? {
        None => Some(None),
        Some(seq) if last > seq => {
            let ids = change_log::cases_changed_since(conn, seq)?;
            // Most cases touched (a first import): building every doc afresh is cheaper than one by one.
            let most = ids.len() > IN_WRITE && ids.len() * 2 > crate::table::cases::count(conn)? as usize;
            Some(if most { None } else { Some(ids) })
        }
        // A doc went with its case (sync): the dictionary must forget it before a number is reused.
        Some(_) if terms::any_gone(conn)? => Some(Some(Vec::new())),
        Some(_) => None,
    })
}

/// Called by every write before it commits: the search docs and grams of the cases it touched are updated in the
/// same transaction, so a search never finds an edit missing. Skipped for a store whose docs were never built
/// and for a write of more than [`IN_WRITE`] cases (the next search catches up, from the change log).
pub(crate) fn after_write(conn: &Connection) -> Result<()> {
    let Some(seq) = stored::seq(conn)? else { return Ok(()) };
    let last = change_log::last_seq(conn)?;
    if last <= seq || change_log::cases_changed_since_at_most(conn, seq, IN_WRITE + 1)? > IN_WRITE {
        return Ok(());
    }
    refresh_stored(conn, last)
}

struct Token {
    text: String,
    finder: Finder<'static>,
}

/// The query's words, normalised, longest first: the longest is usually the most selective, so its docs are found
/// first and the others only narrow them.
fn tokens(query: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = query
        .split_whitespace()
        .map(normalise)
        .filter(|t| !t.is_empty())
        .map(|text| Token { finder: Finder::new(text.as_bytes()).into_owned(), text })
        .collect();
    tokens.sort_by_key(|t| std::cmp::Reverse(t.text.len()));
    tokens
}

/// A score shared by more docs than this is put in order by walking `search_docs_order` (reading its first
/// entries) rather than by reading each doc's date and number; tests use a few, so both ways are exercised.
#[cfg(not(test))]
const READ_TO_ORDER: usize = 1000;
#[cfg(test)]
const READ_TO_ORDER: usize = 6;

/// Of `found` (doc, score, label), the `limit` after `offset` in the result's order: score, then filed (newest
/// first), then case number.
/// Scores are few: a small group of equal scores is sorted on its docs' dates, the first docs of a large one are
/// found in one walk of the index, which ends as soon as the page is full.
fn page_in_order(
    conn: &Connection,
    mut found: Vec<(i64, u32, &'static str)>,
    offset: usize,
    limit: usize,
) -> Result<Vec<(i64, u32, &'static str)>> {
    // Best score first; within a score by doc number, so a group can be searched for a doc.
    found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let groups: Vec<&[(i64, u32, &'static str)]> = found.chunk_by(|a, b| a.1 == b.1).collect();
    // How many of each group the page needs: all of those before the group the page ends in.
    let mut need = offset.saturating_add(limit).min(found.len());
    let mut wanted: Vec<usize> = Vec::with_capacity(groups.len());
    for g in &groups {
        let n = g.len().min(need);
        wanted.push(n);
        need -= n;
    }
    let in_group = |g: &[(i64, u32, &'static str)], d: i64| g.binary_search_by_key(&d, |f| f.0).ok().map(|i| g[i]);
    let small: Vec<i64> = groups
        .iter()
        .zip(&wanted)
        .filter(|(g, n)| **n > 0 && g.len() <= READ_TO_ORDER)
        .flat_map(|(g, _)| g.iter().map(|f| f.0))
        .collect();
    let listed: HashMap<i64, stored::Listed> = if small.is_empty() {
        HashMap::new()
    } else {
        stored::listed(conn, &small)?.into_iter().map(|l| (l.number, l)).collect()
    };
    // Large groups: their first docs in index order, as one walk meets them.
    let large: Vec<usize> = (0..groups.len()).filter(|&i| wanted[i] > 0 && groups[i].len() > READ_TO_ORDER).collect();
    let mut walked: Vec<Vec<(i64, u32, &'static str)>> = vec![Vec::new(); groups.len()];
    let mut open = large.len();
    if open > 0 {
        stored::walk_in_order(conn, |d| {
            for &i in &large {
                if walked[i].len() < wanted[i]
                    && let Some(f) = in_group(groups[i], d)
                {
                    walked[i].push(f);
                    if walked[i].len() == wanted[i] {
                        open -= 1;
                    }
                }
            }
            open > 0
        })?;
    }
    let mut page = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if wanted[i] == 0 {
            break;
        }
        if g.len() > READ_TO_ORDER {
            page.append(&mut walked[i]);
        } else {
            let mut docs: Vec<&stored::Listed> = g.iter().filter_map(|f| listed.get(&f.0)).collect();
            docs.sort_by(|a, b| {
                b.filed.cmp(&a.filed).then_with(|| a.case_no.cmp(&b.case_no)).then(a.number.cmp(&b.number))
            });
            page.extend(docs.into_iter().take(wanted[i]).filter_map(|l| in_group(g, l.number)));
        }
    }
    Ok(page.into_iter().skip(offset).take(limit).collect())
}

/// Bring the stored docs up to date with the change log: all of them the first time, afterwards only the cases
/// touched since. Cheap when nothing changed (two small reads). Runs in the caller's transaction if there is
/// one, else in its own.
fn refresh_stored(conn: &Connection, last: i64) -> Result<()> {
    let touched = stale(conn, last)?;
    // A store from before migration 20 has docs without their filter terms: added first, so that the edits saved
    // below find them to update.
    let filters_missing = !matches!(touched, Some(None)) && !terms::filters_built(conn)?;
    if touched.is_none() && !filters_missing {
        return Ok(());
    }
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    if filters_missing {
        terms::build_filters(conn)?;
    }
    match &touched {
        None => {}
        Some(None) => {
            build_stored(conn, last, REBUILD_PART, terms::HELD_TERMS)?;
        }
        Some(Some(ids)) => {
            let docs: Vec<Doc> = load(conn, Some(ids))?.into_iter().map(build).collect();
            stored::save(conn, ids, &docs, last)?;
        }
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    Ok(())
}

/// Build every stored doc and the dictionary afresh, in parts of `per_part` cases taken in id order (each part's
/// ids read after the last one's), holding at most `2 × held` term ids: the memory of a part, whatever the
/// number of cases (1,000,000 cases used to take 880 MB: every case id and every term held at once). The
/// result does not depend on `per_part` or `held` (a test builds both ways).
pub(crate) fn build_stored(conn: &Connection, last: i64, per_part: usize, held: usize) -> Result<()> {
    let mut full = stored::FullBuild::start(conn, held)?;
    let mut after = String::new();
    loop {
        let part: Vec<String> = conn
            .prepare_cached("SELECT id FROM cases WHERE id > ?1 ORDER BY id LIMIT ?2")?
            .query_map(params![after, per_part.min(i64::MAX as usize) as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(end) = part.last() else { break };
        after = end.clone();
        let docs: Vec<Doc> = load(conn, Some(&part))?.into_iter().map(build).collect();
        full.add(conn, &docs)?;
    }
    full.finish(conn, last)?;
    Ok(())
}

/// Answer `query`: the stored docs are brought up to date with the change log first (cheap when nothing
/// changed), then the dictionary gives the matching docs and their scores (see [`query_stored`]).
pub(crate) fn search(
    conn: &Connection,
    query: &str,
    filter: &SearchFilter,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<SearchHit>)> {
    refresh_stored(conn, change_log::last_seq(conn)?)?;
    query_stored(conn, query, filter, offset, limit)
}

/// A query, from the store: each word's docs and scores come from the dictionary (the few terms that
/// contain it, and their docs' lists), so no doc is read to know which match, how well, or how many; the
/// filters are terms too (their lists intersected with the matches), and the order reads only as much of
/// `search_listed` and `search_docs_order` as the page needs. Same hits, order and scores as reading every doc
/// would give (`index_tests`).
fn query_stored(
    conn: &Connection,
    query: &str,
    filter: &SearchFilter,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<SearchHit>)> {
    let tokens = tokens(query);
    let Some((first, rest)) = tokens.split_first() else { return Ok((0, vec![])) };
    // (doc, total score, the first word's label): the first word's best match names the field, as in `query`.
    let mut found = terms::docs_with(conn, first)?;
    for t in rest {
        if found.is_empty() {
            break;
        }
        let other = terms::docs_with(conn, t)?;
        found.retain(|d, s| other.get(d).map(|o| s.0 += o.0).is_some());
    }
    let mut found: Vec<(i64, u32, &'static str)> = found.into_iter().map(|(d, (s, l))| (d, s, l)).collect();
    if let Some(admitted) = terms::docs_with_all(conn, &filter.terms())? {
        found.retain(|f| admitted.binary_search(&f.0).is_ok());
    }
    let total = found.len();
    let page = page_in_order(conn, found, offset, limit)?;
    let numbers: Vec<i64> = page.iter().map(|r| r.0).collect();
    let mut docs: HashMap<i64, Doc> = stored::load_numbered(conn, &numbers)?.into_iter().collect();
    let hits = page
        .into_iter()
        .filter_map(|(number, score, matched)| {
            let d = docs.remove(&number)?;
            Some(SearchHit {
                status: if d.closed { "closed" } else { "pending" },
                id: d.id,
                case_no: d.case_no,
                cause: d.cause,
                parties: d.parties_line,
                judge: d.judge,
                filed: d.filed,
                matched,
                score,
            })
        })
        .collect();
    Ok((total, hits))
}

#[cfg(test)]
mod index_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_forms_of_names() {
        assert_eq!(pinyin_forms("张三"), ("zhangsan".into(), "zs".into()));
        assert_eq!(pinyin_forms("李4"), ("li4".into(), "l4".into()));
    }

    #[test]
    fn normalise_matches_case_number_spellings() {
        assert_eq!(normalise("（２０２５）粤0309 民初1234号"), "(2025)粤0309民初1234号");
    }
}
