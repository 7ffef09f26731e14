//! The `cases` table: one row per case, keyed by a UUIDv7 id, unique by canonical 案号.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 3,
        sql: "CREATE TABLE cases (
            id             TEXT PRIMARY KEY,
            case_no        TEXT NOT NULL UNIQUE,
            category       TEXT NOT NULL,
            cause          TEXT NOT NULL,
            procedure      TEXT NOT NULL,
            court          TEXT NOT NULL DEFAULT '',
            division       TEXT NOT NULL DEFAULT '',
            filed          TEXT NOT NULL,
            closed         TEXT,
            closing_method TEXT,
            judge          TEXT NOT NULL DEFAULT '',
            assistant      TEXT NOT NULL DEFAULT '',
            clerk          TEXT NOT NULL DEFAULT '',
            custody        INTEGER NOT NULL DEFAULT 0,
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL
          ) STRICT;
          CREATE INDEX cases_filed ON cases (filed);
          CREATE INDEX cases_closed ON cases (closed);
          CREATE INDEX cases_judge ON cases (judge, filed);",
    },
    Migration {
        version: 9,
        // 合议庭: the bench that signs judgments, rulings and mediation documents.
        sql: "ALTER TABLE cases ADD COLUMN panel TEXT NOT NULL DEFAULT '';",
    },
];

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CaseRow {
    pub id: String,
    pub case_no: String,
    pub category: String,
    pub cause: String,
    pub procedure: String,
    pub court: String,
    pub division: String,
    pub filed: String,
    pub closed: Option<String>,
    pub closing_method: Option<String>,
    pub judge: String,
    pub assistant: String,
    pub clerk: String,
    pub custody: bool,
    /// 合议庭 in its one written form (`审判长 张某、审判员 王建国`); rows from an older Andu have none.
    #[serde(default)]
    pub panel: String,
}

/// Fields a user may change one at a time (`andu case set`, the edit buttons), named as in the import format.
pub const EDITABLE_FIELDS: &[&str] = &[
    "cause",
    "procedure",
    "filed",
    "court",
    "division",
    "judge",
    "assistant",
    "clerk",
    "closed",
    "closing_method",
    "custody",
    "panel",
];

pub(crate) const COLUMNS: &str = "id, case_no, category, cause, procedure, court, division, filed, closed, closing_method, judge, assistant, clerk, custody, panel";

pub(crate) fn row(r: &Row<'_>) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        id: r.get(0)?,
        case_no: r.get(1)?,
        category: r.get(2)?,
        cause: r.get(3)?,
        procedure: r.get(4)?,
        court: r.get(5)?,
        division: r.get(6)?,
        filed: r.get(7)?,
        closed: r.get(8)?,
        closing_method: r.get(9)?,
        judge: r.get(10)?,
        assistant: r.get(11)?,
        clerk: r.get(12)?,
        custody: r.get(13)?,
        panel: r.get(14)?,
    })
}

/// The columns a new case's row is inserted with ([`values`] gives them): see [`crate::table::insert_many`].
pub(crate) const INSERT_HEAD: &str = "INSERT OR FAIL INTO cases (id, case_no, category, cause, procedure, court, division, \
     filed, closed, closing_method, judge, assistant, clerk, custody, created_at, updated_at, panel)";
pub(crate) const INSERT_WIDTH: usize = 17;

/// A new case's values for [`INSERT_HEAD`], created and updated `at`.
// `&String`, not `&str`: each value is bound as a `&dyn ToSql`, which a `str` (unsized) cannot be.
#[allow(clippy::ptr_arg)]
pub(crate) fn values<'a>(c: &'a CaseRow, at: &'a String, out: &mut Vec<&'a dyn rusqlite::ToSql>) {
    out.extend([
        &c.id as &dyn rusqlite::ToSql,
        &c.case_no,
        &c.category,
        &c.cause,
        &c.procedure,
        &c.court,
        &c.division,
        &c.filed,
        &c.closed,
        &c.closing_method,
        &c.judge,
        &c.assistant,
        &c.clerk,
        &c.custody,
        at,
        at,
        &c.panel,
    ]);
}

/// `field` must be one of [`EDITABLE_FIELDS`] (checked by the caller; it is spliced into SQL).
pub(crate) fn set_field(
    conn: &Connection,
    id: &str,
    field: &str,
    value: &rusqlite::types::Value,
    at: &str,
) -> rusqlite::Result<()> {
    assert!(EDITABLE_FIELDS.contains(&field), "not an editable field: {field}");
    conn.execute(&format!("UPDATE cases SET {field} = ?1, updated_at = ?2 WHERE id = ?3"), params![value, at, id])?;
    Ok(())
}

pub fn by_case_no(conn: &Connection, case_no: &str) -> rusqlite::Result<Option<CaseRow>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cases WHERE case_no = ?1"))?
        .query_row([case_no], row)
        .optional()
}

pub fn by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<CaseRow>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cases WHERE id = ?1"))?.query_row([id], row).optional()
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
}

#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseFilter {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub procedure: Option<String>,
    #[serde(default)]
    pub judge: Option<String>,
}

fn where_clause(f: &CaseFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    match f.status.as_deref() {
        Some("pending") => clauses.push("closed IS NULL".to_string()),
        Some("closed") => clauses.push("closed IS NOT NULL".to_string()),
        _ => {}
    }
    if let Some(p) = f.procedure.as_ref().filter(|p| !p.is_empty()) {
        args.push(Value::Text(p.clone()));
        clauses.push(format!("procedure = ?{}", args.len()));
    }
    if let Some(j) = f.judge.as_ref().filter(|j| !j.is_empty()) {
        args.push(Value::Text(j.clone()));
        clauses.push(format!("judge = ?{}", args.len()));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, args)
}

/// One page of cases, newest filing first, and the total matching.
pub fn list(conn: &Connection, f: &CaseFilter, offset: usize, limit: usize) -> rusqlite::Result<(usize, Vec<CaseRow>)> {
    let (wh, args) = where_clause(f);
    let total: i64 =
        conn.query_row(&format!("SELECT COUNT(*) FROM cases {wh}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let sql =
        format!("SELECT {COLUMNS} FROM cases {wh} ORDER BY filed DESC, case_no DESC LIMIT {limit} OFFSET {offset}");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&args), row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total as usize, rows))
}

pub fn judges(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT judge FROM cases WHERE judge <> '' ORDER BY judge")?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// Insert or overwrite a case row as the court server has it (sync). The 案号 is part of the row there.
pub(crate) fn upsert_row(conn: &Connection, c: &CaseRow, at: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO cases (id, case_no, category, cause, procedure, court, division, filed, closed, closing_method,
                            judge, assistant, clerk, custody, created_at, updated_at, panel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)
         ON CONFLICT(id) DO UPDATE SET case_no = excluded.case_no, category = excluded.category,
           cause = excluded.cause, procedure = excluded.procedure, court = excluded.court,
           division = excluded.division, filed = excluded.filed, closed = excluded.closed,
           closing_method = excluded.closing_method, judge = excluded.judge, assistant = excluded.assistant,
           clerk = excluded.clerk, custody = excluded.custody, updated_at = excluded.updated_at,
           panel = excluded.panel",
    )?
    .execute(params![
        c.id,
        c.case_no,
        c.category,
        c.cause,
        c.procedure,
        c.court,
        c.division,
        c.filed,
        c.closed,
        c.closing_method,
        c.judge,
        c.assistant,
        c.clerk,
        c.custody,
        at,
        c.panel
    ])?;
    Ok(())
}
