//! The smaller child tables of a case: events (节点), hearings (开庭), 审限 extensions and deductions, the appeal,
//! notes, generated documents and 发改案件评查 records. Each row has its own id so that sync can merge them one by one.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 5,
        sql: "CREATE TABLE events (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, date TEXT NOT NULL, party TEXT, note TEXT NOT NULL DEFAULT ''
          ) STRICT;
          CREATE INDEX events_case ON events (case_id, date);
          CREATE TABLE hearings (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            start TEXT NOT NULL, room TEXT NOT NULL DEFAULT ''
          ) STRICT;
          CREATE INDEX hearings_case ON hearings (case_id);
          CREATE INDEX hearings_start ON hearings (start);
          CREATE TABLE extensions (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            approved TEXT NOT NULL, months INTEGER, days INTEGER, approved_by TEXT NOT NULL DEFAULT '', reason TEXT
          ) STRICT;
          CREATE INDEX extensions_case ON extensions (case_id);
          CREATE TABLE deductions (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL, approved_by TEXT, reason TEXT
          ) STRICT;
          CREATE INDEX deductions_case ON deductions (case_id);
          CREATE TABLE appeals (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
            filed TEXT NOT NULL, outcome TEXT
          ) STRICT;
          CREATE TABLE notes (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            text TEXT NOT NULL, created TEXT NOT NULL
          ) STRICT;
          CREATE INDEX notes_case ON notes (case_id);",
    },
    // Documents generated for a case (文书): what was produced, from which template, where the file is.
    Migration {
        version: 6,
        sql: "CREATE TABLE documents (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            name TEXT NOT NULL, template TEXT NOT NULL, party TEXT, path TEXT NOT NULL, created TEXT NOT NULL
          ) STRICT;
          CREATE INDEX documents_case ON documents (case_id, created);",
    },
    // 发改案件逐案评查 (issue #18): a 庭长's or 院长's review of a case whose appeal ended in 改判 or 发回重审. Only ever
    // added (a second review of the same case is a new row; the latest counts), like the records of supervision.
    Migration {
        version: 13,
        sql: "CREATE TABLE appeal_reviews (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            reason TEXT NOT NULL, responsible INTEGER NOT NULL, lesson TEXT NOT NULL,
            reviewer TEXT NOT NULL, recorded TEXT NOT NULL
          ) STRICT;
          CREATE INDEX appeal_reviews_case ON appeal_reviews (case_id, recorded);",
    },
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventRow {
    pub id: String,
    pub kind: String,
    pub date: String,
    pub party: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HearingRow {
    pub id: String,
    pub start: String,
    pub room: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionRow {
    pub id: String,
    pub approved: String,
    pub months: Option<u32>,
    pub days: Option<u32>,
    pub by: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeductionRow {
    pub id: String,
    pub kind: String,
    pub from: String,
    pub to: String,
    pub approved_by: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppealRow {
    pub id: String,
    pub filed: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentRow {
    pub id: String,
    pub name: String,
    pub template: String,
    pub party: Option<String>,
    pub path: String,
    pub created: String,
}

/// 发改案件逐案评查: the reason category, whether the first-instance judge bears responsibility, the lesson
/// (一案一策), who recorded it and when (an RFC 3339 stamp).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppealReviewRow {
    pub id: String,
    pub reason: String,
    pub responsible: bool,
    pub lesson: String,
    pub reviewer: String,
    pub recorded: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteRow {
    pub id: String,
    pub text: String,
    pub created: String,
}

/// A child row of any kind, as stored in the change log (`entity` names the table's singular).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case")]
pub enum Child {
    Event(EventRow),
    Hearing(HearingRow),
    Extension(ExtensionRow),
    Deduction(DeductionRow),
    Appeal(AppealRow),
    Note(NoteRow),
    Document(DocumentRow),
    AppealReview(AppealReviewRow),
}

impl Child {
    pub fn id(&self) -> &str {
        match self {
            Child::Event(r) => &r.id,
            Child::Hearing(r) => &r.id,
            Child::Extension(r) => &r.id,
            Child::Deduction(r) => &r.id,
            Child::Appeal(r) => &r.id,
            Child::Note(r) => &r.id,
            Child::Document(r) => &r.id,
            Child::AppealReview(r) => &r.id,
        }
    }
    pub fn entity(&self) -> &'static str {
        match self {
            Child::Event(_) => "event",
            Child::Hearing(_) => "hearing",
            Child::Extension(_) => "extension",
            Child::Deduction(_) => "deduction",
            Child::Appeal(_) => "appeal",
            Child::Note(_) => "note",
            Child::Document(_) => "document",
            Child::AppealReview(_) => "appeal_review",
        }
    }
    fn table(&self) -> &'static str {
        match self {
            Child::Event(_) => "events",
            Child::Hearing(_) => "hearings",
            Child::Extension(_) => "extensions",
            Child::Deduction(_) => "deductions",
            Child::Appeal(_) => "appeals",
            Child::Note(_) => "notes",
            Child::Document(_) => "documents",
            Child::AppealReview(_) => "appeal_reviews",
        }
    }
}

/// A record of a new case as [`crate::write`] inserts it with others ([`crate::table::insert_many`]).
pub(crate) struct NewChild {
    /// Its case, by its place among the cases written with it.
    pub case: usize,
    pub row: Child,
}

impl NewChild {
    /// The insert's head and width for each kind of record.
    pub(crate) const HEADS: [(&'static str, usize); 8] = [
        ("INSERT OR FAIL INTO events (id, case_id, kind, date, party, note)", 6),
        ("INSERT OR FAIL INTO hearings (id, case_id, start, room)", 4),
        ("INSERT OR FAIL INTO extensions (id, case_id, approved, months, days, approved_by, reason)", 7),
        ("INSERT OR FAIL INTO deductions (id, case_id, kind, from_date, to_date, approved_by, reason)", 7),
        ("INSERT OR FAIL INTO appeals (id, case_id, filed, outcome)", 4),
        ("INSERT OR FAIL INTO notes (id, case_id, text, created)", 4),
        ("INSERT OR FAIL INTO documents (id, case_id, name, template, party, path, created)", 7),
        ("INSERT OR FAIL INTO appeal_reviews (id, case_id, reason, responsible, lesson, reviewer, recorded)", 7),
    ];

    /// Which of [`NewChild::HEADS`] this record goes in.
    pub(crate) fn kind(&self) -> usize {
        match self.row {
            Child::Event(_) => 0,
            Child::Hearing(_) => 1,
            Child::Extension(_) => 2,
            Child::Deduction(_) => 3,
            Child::Appeal(_) => 4,
            Child::Note(_) => 5,
            Child::Document(_) => 6,
            Child::AppealReview(_) => 7,
        }
    }

    /// The record's values for its head, under the case `case_id`.
    // `&String`, not `&str`: each value is bound as a `&dyn ToSql`, which a `str` (unsized) cannot be.
    #[allow(clippy::ptr_arg)]
    pub(crate) fn values<'a>(&'a self, case_id: &'a String, out: &mut Vec<&'a dyn rusqlite::ToSql>) {
        use rusqlite::ToSql;
        match &self.row {
            Child::Event(r) => out.extend([&r.id as &dyn ToSql, case_id, &r.kind, &r.date, &r.party, &r.note]),
            Child::Hearing(r) => out.extend([&r.id as &dyn ToSql, case_id, &r.start, &r.room]),
            Child::Extension(r) => {
                out.extend([&r.id as &dyn ToSql, case_id, &r.approved, &r.months, &r.days, &r.by, &r.reason])
            }
            Child::Deduction(r) => {
                out.extend([&r.id as &dyn ToSql, case_id, &r.kind, &r.from, &r.to, &r.approved_by, &r.reason])
            }
            Child::Appeal(r) => out.extend([&r.id as &dyn ToSql, case_id, &r.filed, &r.outcome]),
            Child::Note(r) => out.extend([&r.id as &dyn ToSql, case_id, &r.text, &r.created]),
            Child::Document(r) => {
                out.extend([&r.id as &dyn ToSql, case_id, &r.name, &r.template, &r.party, &r.path, &r.created])
            }
            Child::AppealReview(r) => out.extend([
                &r.id as &dyn ToSql,
                case_id,
                &r.reason,
                &r.responsible,
                &r.lesson,
                &r.reviewer,
                &r.recorded,
            ]),
        }
    }
}

pub(crate) fn insert(conn: &Connection, case_id: &str, child: &Child) -> rusqlite::Result<()> {
    match child {
        Child::Event(r) => conn
            .prepare_cached(
                "INSERT INTO events (id, case_id, kind, date, party, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![r.id, case_id, r.kind, r.date, r.party, r.note])?,
        Child::Hearing(r) => conn
            .prepare_cached("INSERT INTO hearings (id, case_id, start, room) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![r.id, case_id, r.start, r.room])?,
        Child::Extension(r) => conn
            .prepare_cached(
                "INSERT INTO extensions (id, case_id, approved, months, days, approved_by, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![r.id, case_id, r.approved, r.months, r.days, r.by, r.reason])?,
        Child::Deduction(r) => conn
            .prepare_cached(
                "INSERT INTO deductions (id, case_id, kind, from_date, to_date, approved_by, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![r.id, case_id, r.kind, r.from, r.to, r.approved_by, r.reason])?,
        Child::Appeal(r) => conn
            .prepare_cached("INSERT INTO appeals (id, case_id, filed, outcome) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![r.id, case_id, r.filed, r.outcome])?,
        Child::Note(r) => conn
            .prepare_cached("INSERT INTO notes (id, case_id, text, created) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![r.id, case_id, r.text, r.created])?,
        Child::Document(r) => conn
            .prepare_cached(
                "INSERT INTO documents (id, case_id, name, template, party, path, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![r.id, case_id, r.name, r.template, r.party, r.path, r.created])?,
        Child::AppealReview(r) => conn
            .prepare_cached(
                "INSERT INTO appeal_reviews (id, case_id, reason, responsible, lesson, reviewer, recorded)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![r.id, case_id, r.reason, r.responsible, r.lesson, r.reviewer, r.recorded])?,
    };
    Ok(())
}

pub(crate) fn delete(conn: &Connection, child: &Child) -> rusqlite::Result<()> {
    conn.execute(&format!("DELETE FROM {} WHERE id = ?1", child.table()), [child.id()])?;
    Ok(())
}

/// How one child table is read: its columns, its order within a case, and how a row (from column `at` on) maps.
pub(crate) struct ChildTable {
    pub table: &'static str,
    /// The `(case_id, …)` index a read of many cases looks rows up by.
    pub index: &'static str,
    pub columns: &'static [&'static str],
    pub order: &'static [&'static str],
    pub map: fn(&rusqlite::Row<'_>, usize) -> rusqlite::Result<Child>,
}

/// Every child table, in the order a case's children are listed (events by date, hearings by start…).
pub(crate) const TABLES: [ChildTable; 8] = [
    ChildTable {
        table: "events",
        index: "events_case",
        columns: &["id", "kind", "date", "party", "note"],
        order: &["date", "id"],
        map: |r, at| {
            Ok(Child::Event(EventRow {
                id: r.get(at)?,
                kind: r.get(at + 1)?,
                date: r.get(at + 2)?,
                party: r.get(at + 3)?,
                note: r.get(at + 4)?,
            }))
        },
    },
    ChildTable {
        table: "hearings",
        index: "hearings_case",
        columns: &["id", "start", "room"],
        order: &["start", "id"],
        map: |r, at| Ok(Child::Hearing(HearingRow { id: r.get(at)?, start: r.get(at + 1)?, room: r.get(at + 2)? })),
    },
    ChildTable {
        table: "extensions",
        index: "extensions_case",
        columns: &["id", "approved", "months", "days", "approved_by", "reason"],
        order: &["approved", "id"],
        map: |r, at| {
            Ok(Child::Extension(ExtensionRow {
                id: r.get(at)?,
                approved: r.get(at + 1)?,
                months: r.get(at + 2)?,
                days: r.get(at + 3)?,
                by: r.get(at + 4)?,
                reason: r.get(at + 5)?,
            }))
        },
    },
    ChildTable {
        table: "deductions",
        index: "deductions_case",
        columns: &["id", "kind", "from_date", "to_date", "approved_by", "reason"],
        order: &["from_date", "id"],
        map: |r, at| {
            Ok(Child::Deduction(DeductionRow {
                id: r.get(at)?,
                kind: r.get(at + 1)?,
                from: r.get(at + 2)?,
                to: r.get(at + 3)?,
                approved_by: r.get(at + 4)?,
                reason: r.get(at + 5)?,
            }))
        },
    },
    ChildTable {
        table: "appeals",
        index: "sqlite_autoindex_appeals_2",
        columns: &["id", "filed", "outcome"],
        order: &["id"],
        map: |r, at| Ok(Child::Appeal(AppealRow { id: r.get(at)?, filed: r.get(at + 1)?, outcome: r.get(at + 2)? })),
    },
    ChildTable {
        table: "notes",
        index: "notes_case",
        columns: &["id", "text", "created"],
        order: &["created", "id"],
        map: |r, at| Ok(Child::Note(NoteRow { id: r.get(at)?, text: r.get(at + 1)?, created: r.get(at + 2)? })),
    },
    ChildTable {
        table: "documents",
        index: "documents_case",
        columns: &["id", "name", "template", "party", "path", "created"],
        order: &["created", "id"],
        map: |r, at| {
            Ok(Child::Document(DocumentRow {
                id: r.get(at)?,
                name: r.get(at + 1)?,
                template: r.get(at + 2)?,
                party: r.get(at + 3)?,
                path: r.get(at + 4)?,
                created: r.get(at + 5)?,
            }))
        },
    },
    ChildTable {
        table: "appeal_reviews",
        index: "appeal_reviews_case",
        columns: &["id", "reason", "responsible", "lesson", "reviewer", "recorded"],
        order: &["recorded", "id"],
        map: |r, at| {
            Ok(Child::AppealReview(AppealReviewRow {
                id: r.get(at)?,
                reason: r.get(at + 1)?,
                responsible: r.get(at + 2)?,
                lesson: r.get(at + 3)?,
                reviewer: r.get(at + 4)?,
                recorded: r.get(at + 5)?,
            }))
        },
    },
];

/// `a, b, c` with each name prefixed by `alias.` (empty alias: bare names).
pub(crate) fn column_list(alias: &str, names: &[&str]) -> String {
    let dot = if alias.is_empty() { String::new() } else { format!("{alias}.") };
    names.iter().map(|n| format!("{dot}{n}")).collect::<Vec<_>>().join(", ")
}

/// Every child row of a case, grouped by kind in a fixed order (events by date, hearings by start…).
pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<Child>> {
    let mut out = Vec::new();
    for t in &TABLES {
        let sql = format!(
            "SELECT {} FROM {} WHERE case_id = ?1 ORDER BY {}",
            column_list("", t.columns),
            t.table,
            column_list("", t.order)
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        for c in stmt.query_map([case_id], |r| (t.map)(r, 0))? {
            out.push(c?);
        }
    }
    Ok(out)
}
