//! Where the header is and which column fills which field.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::table::{Cell, SourceFormat, Table, column_letter};
use super::vocabulary::{Field, field_of_header};
use crate::error::{Result, StoreError};

/// The header is looked for in this many rows from the top (title rows, notes and a two-level header fit).
const HEADER_SEARCH_ROWS: usize = 30;

/// A column mapping as a person writes it (`andu import FILE --mapping mapping.toml`), and as it is kept per
/// court: header text (or column letter) → field id or its Chinese name, `忽略`/`ignore` to leave a column out.
///
/// ```toml
/// header_row = 3          # optional: the (last) header row as the spreadsheet numbers it
/// [columns]
/// "收案日期" = "立案日期"
/// "承办人" = "judge"
/// "备注" = "忽略"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u32>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

impl MappingFile {
    pub fn from_toml(text: &str) -> Result<MappingFile> {
        let m: MappingFile = toml::from_str(text).map_err(|e| {
            // TOML wants a Chinese column name in quotes; say so in the words of the fix.
            let hint = if e.message().contains("unquoted key") {
                "（中文列名要加引号，如 \"收案日期\" = \"立案日期\"）"
            } else {
                ""
            };
            StoreError::BadFile {
                path: "映射文件".into(),
                why: format!("不是有效的列映射（TOML）：{}{hint}", e.message()),
            }
        })?;
        for (column, field) in &m.columns {
            if !is_ignore(field) && Field::parse(field).is_none() {
                return Err(StoreError::BadFile {
                    path: "映射文件".into(),
                    why: format!(
                        "列“{column}”映射到的“{field}”不是可导入的字段（可用：{}，或“忽略”）",
                        Field::ALL.iter().map(|f| f.label()).collect::<Vec<_>>().join("、")
                    ),
                });
            }
        }
        Ok(m)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("mappings serialise")
    }
}

fn is_ignore(s: &str) -> bool {
    matches!(s.trim(), "忽略" | "ignore" | "")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum MappingSource {
    /// Proposed from the synonyms.
    Synonym,
    /// From the mapping saved for this court.
    Saved,
    /// From the mapping the user gave (file or app).
    User,
    /// Not mapped.
    None,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMapping {
    /// 0-based column index; `letter` is how the spreadsheet labels it.
    pub index: u32,
    pub letter: String,
    pub header: String,
    pub field: Option<Field>,
    pub source: MappingSource,
    /// Why a column that looks like a field is not used (a second column for the same field).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

impl ColumnMapping {
    /// `D 列“收案日期”`: how errors name the column.
    pub fn describe(&self) -> String {
        if self.header.is_empty() {
            format!("{} 列", self.letter)
        } else {
            format!("{} 列“{}”", self.letter, self.header)
        }
    }
}

/// The header found and the mapping proposed for one file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportLayout"))]
pub struct Layout {
    pub format: SourceFormat,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub encoding: Option<&'static str>,
    /// The header rows as the spreadsheet numbers them (two for a two-level header).
    pub header_rows: Vec<u32>,
    pub columns: Vec<ColumnMapping>,
    /// Required fields no column fills (案号, 案由, 立案日期, and the parties in one or two columns).
    pub missing: Vec<Field>,
    /// The court code of the file's 案号 (`粤0309`): the key its mapping is saved under.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub court_code: Option<String>,
    /// The saved court mapping that was applied, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub saved_mapping: Option<String>,
}

fn row_labels(cells: &BTreeMap<u32, Cell>) -> BTreeMap<u32, String> {
    cells.iter().map(|(c, v)| (*c, v.text())).collect()
}

fn score(labels: &BTreeMap<u32, String>) -> usize {
    labels.values().filter_map(|t| field_of_header(t)).map(|(f, _)| f).collect::<HashSet<_>>().len()
}

/// A two-level header read as one: each column takes the lower cell if it names a field, else the upper one.
fn combine(upper: &BTreeMap<u32, String>, lower: &BTreeMap<u32, String>) -> BTreeMap<u32, String> {
    let mut out = upper.clone();
    for (c, t) in lower {
        let upper_names = out.get(c).is_some_and(|u| field_of_header(u).is_some());
        if field_of_header(t).is_some() || !upper_names {
            out.insert(*c, t.clone());
        }
    }
    out
}

/// Finds the header: the row among the first ones naming the most fields (at least two), joined with the row
/// above or below when a two-level header names more together. Returns table row positions and the labels.
fn find_header(table: &Table) -> Option<(Vec<usize>, BTreeMap<u32, String>)> {
    let candidates = table.rows.iter().take(HEADER_SEARCH_ROWS).map(|(_, cells)| row_labels(cells)).collect::<Vec<_>>();
    let (best, best_score) = candidates.iter().enumerate().map(|(i, l)| (i, score(l))).fold(
        None,
        |acc: Option<(usize, usize)>, (i, s)| match acc {
            Some((_, bs)) if bs >= s => acc,
            _ => Some((i, s)),
        },
    )?;
    if best_score < 2 {
        return None;
    }
    let adjacent = |a: usize, b: usize| table.rows[b].0 == table.rows[a].0 + 1;
    if best > 0 && adjacent(best - 1, best) {
        let joined = combine(&candidates[best - 1], &candidates[best]);
        if score(&joined) > best_score {
            return Some((vec![best - 1, best], joined));
        }
    }
    if best + 1 < candidates.len() && adjacent(best, best + 1) {
        let joined = combine(&candidates[best], &candidates[best + 1]);
        if score(&joined) > best_score {
            return Some((vec![best, best + 1], joined));
        }
    }
    Some((vec![best], candidates[best].clone()))
}

/// Fields a case cannot be imported without.
const REQUIRED: &[Field] = &[Field::CaseNo, Field::Cause, Field::Filed];

impl Layout {
    /// Finds the header and proposes the mapping: synonyms, then the saved mapping of this court (or the one whose
    /// columns all appear in the file), then `user` (its `header_row` replaces the search).
    pub fn propose(table: &Table, saved: &[(String, MappingFile)], user: Option<&MappingFile>) -> Result<Layout> {
        let (positions, labels) = match user.and_then(|m| m.header_row) {
            Some(row) => {
                let pos = table.rows.iter().position(|(r, _)| *r + 1 == row).ok_or_else(|| StoreError::BadFile {
                    path: "映射文件".into(),
                    why: format!("header_row = {row}：表格第 {row} 行是空行或不存在"),
                })?;
                (vec![pos], row_labels(&table.rows[pos].1))
            }
            None => find_header(table).ok_or(StoreError::HeaderNotFound)?,
        };
        let mut columns: Vec<ColumnMapping> = labels
            .iter()
            .map(|(c, h)| ColumnMapping {
                index: *c,
                letter: column_letter(*c),
                header: h.clone(),
                field: None,
                source: MappingSource::None,
                note: None,
            })
            .collect();
        // Synonyms: one column per field, the preferred synonym first, then the leftmost.
        let mut ranked: Vec<(usize, Field, usize)> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| field_of_header(&c.header).map(|(f, rank)| (i, f, rank)))
            .collect();
        ranked.sort_by_key(|(i, f, rank)| (*f, *rank, *i));
        let mut taken: BTreeMap<Field, usize> = BTreeMap::new();
        for (i, f, _) in ranked {
            if let Some(first) = taken.get(&f) {
                columns[i].note = Some(format!("与{}同为“{}”，未使用", columns[*first].describe(), f.label()));
            } else {
                taken.insert(f, i);
                columns[i].field = Some(f);
                columns[i].source = MappingSource::Synonym;
            }
        }
        let header_end = *positions.last().expect("a header row");
        let court_code = court_code(table, header_end, &columns);
        let chosen = choose_saved(saved, court_code.as_deref(), &columns);
        if let Some((_, m)) = chosen {
            apply(&mut columns, m, MappingSource::Saved);
        }
        if let Some(m) = user {
            apply(&mut columns, m, MappingSource::User);
        }
        let mut layout = Layout {
            format: table.format,
            encoding: table.encoding,
            header_rows: positions.iter().map(|p| table.rows[*p].0 + 1).collect(),
            columns,
            missing: vec![],
            court_code,
            saved_mapping: chosen.map(|(k, _)| k.clone()),
        };
        layout.check();
        Ok(layout)
    }

    /// Recomputes `missing` and the notes on duplicates after a change of mapping.
    pub fn check(&mut self) {
        let has = |f: Field| self.columns.iter().any(|c| c.field == Some(f));
        let mut missing: Vec<Field> = REQUIRED.iter().copied().filter(|f| !has(*f)).collect();
        if !has(Field::Parties) && !has(Field::Active) && !has(Field::Passive) {
            missing.push(Field::Parties);
        }
        self.missing = missing;
    }

    /// The column a field is read from.
    pub fn column_of(&self, field: Field) -> Option<&ColumnMapping> {
        self.columns.iter().find(|c| c.field == Some(field))
    }

    /// Index of the first data row in the table's rows.
    pub(crate) fn data_start(&self, table: &Table) -> usize {
        let last = *self.header_rows.last().unwrap_or(&0);
        table.rows.iter().position(|(r, _)| *r + 1 > last).unwrap_or(table.rows.len())
    }

    /// The mapping as a file: every column by its header (by letter when the header is empty or repeated).
    pub fn to_mapping_file(&self) -> MappingFile {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &self.columns {
            *seen.entry(c.header.as_str()).or_default() += 1;
        }
        let columns = self
            .columns
            .iter()
            .map(|c| {
                let key = if c.header.is_empty() || seen[c.header.as_str()] > 1 {
                    c.letter.clone()
                } else {
                    c.header.clone()
                };
                (key, c.field.map(|f| f.label().to_string()).unwrap_or_else(|| "忽略".into()))
            })
            .collect();
        MappingFile { header_row: None, columns }
    }
}

/// The court code of the first readable 案号 below the header.
fn court_code(table: &Table, header_end: usize, columns: &[ColumnMapping]) -> Option<String> {
    let col = columns.iter().find(|c| c.field == Some(Field::CaseNo))?.index;
    table.rows[header_end + 1..].iter().take(50).find_map(|(_, cells)| {
        let text = super::normalise::case_no(&cells.get(&col)?.text());
        andu_core::CaseNumber::parse(&text).ok().map(|n| n.court_code).filter(|c| !c.is_empty())
    })
}

/// The saved mapping for this court; else one whose every column is in this file (the most columns wins).
fn choose_saved<'a>(
    saved: &'a [(String, MappingFile)],
    court: Option<&str>,
    columns: &[ColumnMapping],
) -> Option<&'a (String, MappingFile)> {
    if let Some(hit) = court.and_then(|code| saved.iter().find(|(k, _)| k == code)) {
        return Some(hit);
    }
    saved
        .iter()
        .filter(|(_, m)| !m.columns.is_empty() && m.columns.keys().all(|k| find_column(columns, k).is_some()))
        .max_by_key(|(_, m)| m.columns.len())
}

fn find_column(columns: &[ColumnMapping], key: &str) -> Option<usize> {
    columns.iter().position(|c| c.header == key).or_else(|| columns.iter().position(|c| c.letter == key))
}

/// Applies a mapping: each column it names gets its field (or none); a field it gives to one column is taken
/// from any other column that had it.
fn apply(columns: &mut [ColumnMapping], m: &MappingFile, source: MappingSource) {
    for (key, target) in &m.columns {
        let Some(i) = find_column(columns, key) else { continue };
        let field = if is_ignore(target) { None } else { Field::parse(target) };
        if let Some(f) = field {
            for (j, c) in columns.iter_mut().enumerate() {
                if j != i && c.field == Some(f) {
                    c.field = None;
                    c.source = source;
                }
            }
        }
        columns[i].field = field;
        columns[i].source = source;
        columns[i].note = None;
    }
}
