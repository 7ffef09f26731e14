//! Data rows of a court-layout table into the import format, each error tied to its row and column.

use std::collections::BTreeMap;

use andu_core::case::FieldError;
use andu_core::{CaseInput, CaseNumber, PartyInput, Procedure};
use serde::Serialize;

use super::layout::Layout;
use super::normalise;
use super::table::{Cell, Table};
use super::vocabulary::{Field, vocabulary};
use crate::exchange::ParsedRow;
use crate::exchange::xlsx::guess_kind;

/// One problem of one row, in the column it comes from (`None`: the row as a whole).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CellError {
    pub column: Option<u32>,
    pub field: String,
    pub code: String,
    pub message: String,
}

/// A row read from the table: its spreadsheet row number, its cells' text and the case or its errors.
pub struct RowRead {
    pub line: u32,
    pub case_no: String,
    pub case: Result<andu_core::case::ValidCase, Vec<CellError>>,
}

/// Every data row; rows that are no case (a single cell and no 案号, or nothing in a mapped column: a 合计 or
/// 制表人 line) are listed apart, neither refused nor dropped without a word.
pub struct Converted {
    pub rows: Vec<RowRead>,
    pub ignored: Vec<(u32, String)>,
}

/// The generic names of procedures in court systems' 适用程序 columns, resolved by what the 案号 allows.
fn generic_procedures(text: &str) -> &'static [Procedure] {
    use Procedure::*;
    if text.contains("小额") {
        &[SmallClaims]
    } else if text.contains("速裁") {
        &[CriminalFast]
    } else if text.contains("简易") {
        &[CivilSimple, AdminSimple, CriminalSimple]
    } else if text.contains("普通") || text.contains("一审") {
        &[CivilOrdinary, AdminFirst, CriminalPublic, CriminalPrivate]
    } else if text.contains("二审") {
        &[CivilAppealJudgment, CriminalAppeal, AdminAppeal]
    } else if text.contains("执行") {
        &[Enforcement]
    } else {
        &[]
    }
}

/// The procedure of a row: as written when the 案号 allows it; a generic name (`普通程序`) or nothing resolved by
/// the 案号's type code when exactly one procedure fits; otherwise an error saying which ones could.
fn procedure(text: &str, case_no: &str) -> Result<String, String> {
    let number = CaseNumber::parse(case_no).ok();
    let allowed = |p: Procedure| number.as_ref().is_none_or(|n| n.allows(p));
    if let Ok(p) = Procedure::parse(text)
        && allowed(p)
    {
        return Ok(p.id().to_string());
    }
    let Some(number) = number else {
        // The 案号 is refused on its own; the procedure is kept as written for validation to judge.
        return Ok(text.to_string());
    };
    let candidates: Vec<Procedure> = if text.trim().is_empty() {
        Procedure::ALL.iter().copied().filter(|p| number.allows(*p)).collect()
    } else {
        generic_procedures(text).iter().copied().filter(|p| number.allows(*p)).collect()
    };
    match candidates.as_slice() {
        [one] => Ok(one.id().to_string()),
        [] if !text.trim().is_empty() => Err(format!("程序“{text}”与案号“{case_no}”的类型不符或无法识别")),
        many => Err(format!(
            "{}案号“{case_no}”可适用 {}，请在“程序”列写明（或在映射中指定程序列）",
            if text.trim().is_empty() {
                "没有写明适用程序；".to_string()
            } else {
                format!("程序“{text}”不明确；")
            },
            many.iter().map(|p| p.name_zh()).collect::<Vec<_>>().join("、")
        )),
    }
}

/// The role names the 原告/被告 columns stand for under each procedure (as the .xlsx export writes them).
fn sides(procedure: &str) -> (&'static str, &'static str) {
    use Procedure::*;
    match Procedure::parse(procedure).ok() {
        Some(CivilAppealJudgment | CivilAppealRuling | CriminalAppeal | AdminAppeal) => ("上诉人", "被上诉人"),
        Some(Enforcement) => ("申请执行人", "被执行人"),
        Some(CriminalPublic | CriminalSimple | CriminalFast) => ("公诉机关", "被告人"),
        Some(CriminalPrivate) => ("自诉人", "被告人"),
        Some(CivilSpecial | CivilRetrialReview) => ("申请人", "被申请人"),
        _ => ("原告", "被告"),
    }
}

/// The import field path an error names → the field whose column it came from.
fn field_of_path(path: &str) -> Option<Field> {
    let head = path.split(['[', '.']).next().unwrap_or(path);
    Some(match head {
        "case_no" => Field::CaseNo,
        "cause" => Field::Cause,
        "procedure" => Field::Procedure,
        "filed" => Field::Filed,
        "judge" => Field::Judge,
        "panel" => Field::Panel,
        "assistant" => Field::Assistant,
        "clerk" => Field::Clerk,
        "division" => Field::Division,
        "court" => Field::Court,
        "closed" => Field::Closed,
        "closing_method" => Field::ClosingMethod,
        "notes" => Field::Note,
        _ => return None,
    })
}

fn read_row(layout: &Layout, cells: &BTreeMap<u32, Cell>) -> (CaseInput, Vec<CellError>, BTreeMap<usize, u32>) {
    let col = |f: Field| layout.column_of(f).map(|c| c.index);
    let cell = |f: Field| col(f).and_then(|c| cells.get(&c));
    let text = |f: Field| cell(f).map(Cell::text).unwrap_or_default();
    let mut errors = Vec::new();
    let mut err = |f: Field, field: &str, code: &str, message: String| {
        errors.push(CellError { column: col(f), field: field.into(), code: code.into(), message });
    };
    let v = vocabulary();
    let case_no = normalise::case_no(&text(Field::CaseNo));
    let mut date = |f: Field, field: &str| -> String {
        match cell(f) {
            None => String::new(),
            Some(c) => normalise::date(c).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|why| {
                err(f, field, "date_invalid", why);
                String::new()
            }),
        }
    };
    let filed = date(Field::Filed, "filed");
    let closed = date(Field::Closed, "closed");
    let procedure = procedure(&text(Field::Procedure), &case_no).unwrap_or_else(|why| {
        let f = if col(Field::Procedure).is_some() { Field::Procedure } else { Field::CaseNo };
        err(f, "procedure", "procedure_unresolved", why);
        String::new()
    });
    let closing_method = Some(text(Field::ClosingMethod)).filter(|t| !t.is_empty()).and_then(|t| {
        normalise::closing_method(&t, &v.closing_methods)
            .map_err(|why| err(Field::ClosingMethod, "closing_method", "value_invalid", why))
            .ok()
    });
    if let Some(status) = Some(text(Field::Status)).filter(|t| !t.is_empty()) {
        match normalise::status(&status, &v.pending, &v.closed) {
            Ok(true) if closed.is_empty() && cell(Field::Closed).is_none() => err(
                Field::Status,
                "status",
                "closed_without_date",
                format!("案件状态为“{status}”，但没有结案日期：请补上结案日期，或改为未结"),
            ),
            Ok(false) if !closed.is_empty() => err(
                Field::Status,
                "status",
                "status_conflict",
                format!("案件状态为“{status}”（未结），却有结案日期 {closed}：两者应一致"),
            ),
            Ok(_) => {}
            Err(why) => err(Field::Status, "status", "value_invalid", why),
        }
    }
    // Parties, each remembered with the column it came from so its errors point there.
    let mut parties = Vec::new();
    let mut party_col = BTreeMap::new();
    let mut push = |parties: &mut Vec<PartyInput>, role: &str, name: &str, column: Option<u32>| {
        if let Some(c) = column {
            party_col.insert(parties.len(), c);
        }
        parties.push(PartyInput {
            role: role.into(),
            name: name.into(),
            kind: guess_kind(name).into(),
            ..Default::default()
        });
    };
    if let Some(t) = Some(text(Field::Parties)).filter(|t| !t.is_empty()) {
        match normalise::parties(&t) {
            Ok(list) => list.iter().for_each(|p| push(&mut parties, &p.role, &p.name, col(Field::Parties))),
            Err(why) => err(Field::Parties, "parties", "parties_unreadable", why),
        }
    }
    let (active, passive) = sides(&procedure);
    for (f, role) in [(Field::Active, active), (Field::Passive, passive), (Field::ThirdParty, "第三人")] {
        for name in text(f).split(['、', '，', ',', ';', '；', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
            push(&mut parties, role, name, col(f));
        }
    }
    let presiding = text(Field::Presiding);
    let mut panel = text(Field::Panel);
    if !presiding.is_empty() && !panel.contains("审判长") {
        panel = if panel.is_empty() {
            format!("审判长 {presiding}")
        } else {
            format!("审判长 {presiding}、{panel}")
        };
    }
    let input = CaseInput {
        case_no,
        cause: text(Field::Cause),
        procedure,
        filed,
        court: text(Field::Court),
        division: text(Field::Division),
        judge: text(Field::Judge),
        assistant: text(Field::Assistant),
        clerk: text(Field::Clerk),
        panel,
        parties,
        closed: Some(closed).filter(|c| !c.is_empty()),
        closing_method,
        notes: Some(text(Field::Note)).filter(|n| !n.is_empty()).into_iter().collect(),
        ..Default::default()
    };
    (input, errors, party_col)
}

/// The column an error of the validated case comes from.
fn error_column(layout: &Layout, party_col: &BTreeMap<usize, u32>, field: &str, f: Option<Field>) -> Option<u32> {
    let first = |fields: &[Field]| fields.iter().find_map(|f| layout.column_of(*f)).map(|c| c.index);
    if let Some(rest) = field.strip_prefix("parties[") {
        let n = rest.split(']').next().and_then(|n| n.parse::<usize>().ok());
        return n.and_then(|n| party_col.get(&n).copied()).or_else(|| first(&[Field::Parties]));
    }
    match f {
        Some(Field::Panel) => first(&[Field::Panel, Field::Presiding]),
        Some(f) => first(&[f]),
        None if field == "parties" => first(&[Field::Parties, Field::Active, Field::Passive]),
        None => None,
    }
}

/// Reads every data row below the header.
pub fn convert(table: &Table, layout: &Layout) -> Converted {
    let mut out = Converted { rows: Vec::new(), ignored: Vec::new() };
    let case_col = layout.column_of(Field::CaseNo).map(|c| c.index);
    let mapped: Vec<u32> = layout.columns.iter().filter(|c| c.field.is_some()).map(|c| c.index).collect();
    for (row, cells) in &table.rows[layout.data_start(table)..] {
        let line = row + 1;
        let has_case_no = case_col.is_some_and(|c| cells.contains_key(&c));
        // Nothing in any mapped column, or one cell and no 案号: a note, a 合计 or 制表人 line, never a case.
        if !mapped.iter().any(|c| cells.contains_key(c)) || (!has_case_no && cells.len() <= 1) {
            out.ignored.push((line, cells.values().map(Cell::text).collect::<Vec<_>>().join(" ")));
            continue;
        }
        let (input, mut errors, party_col) = read_row(layout, cells);
        let reported: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        let valid = match input.validate() {
            Ok(v) => Some(v),
            Err(invalid) => {
                for FieldError { field, code, message } in invalid.errors {
                    let f = field_of_path(&field);
                    // An unreadable date was already reported in its own words; validation would only say "missing".
                    if f.is_some_and(|f| reported.iter().any(|r| field_of_path(r) == Some(f))) {
                        continue;
                    }
                    let column = error_column(layout, &party_col, &field, f);
                    errors.push(CellError { column, field, code, message });
                }
                None
            }
        };
        let case = match valid {
            Some(v) if errors.is_empty() => Ok(v),
            _ => Err(errors),
        };
        out.rows.push(RowRead { line, case_no: input.case_no.clone(), case });
    }
    out
}

impl Converted {
    /// The rows in the shape `Store::import` takes, each error naming its column (`D 列“收案日期”`).
    pub fn into_parsed(self, layout: &Layout) -> Vec<ParsedRow> {
        let describe =
            |c: Option<u32>| c.and_then(|c| layout.columns.iter().find(|m| m.index == c)).map(|m| m.describe());
        self.rows
            .into_iter()
            .map(|r| {
                let mut columns = BTreeMap::new();
                let result = r.case.map_err(|errors| {
                    errors
                        .into_iter()
                        .map(|e| {
                            if let Some(d) = describe(e.column) {
                                columns.insert(e.field.clone(), d);
                            }
                            FieldError { field: e.field, code: e.code, message: e.message }
                        })
                        .collect()
                });
                ParsedRow { line: r.line as usize, case_no: r.case_no, result, columns, print: None }
            })
            .collect()
    }
}

/// One row of the app's preview: every mapped cell's text by column index, and its errors.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    pub line: u32,
    pub cells: BTreeMap<u32, String>,
    pub errors: Vec<CellError>,
}

/// The mapping and the first rows as they would import; counts cover the whole file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportPreview"))]
pub struct Preview {
    pub layout: Layout,
    pub rows: Vec<PreviewRow>,
    pub total: usize,
    pub invalid: usize,
    /// Rows left out as no case (a title, 合计, 制表人): row number and text.
    pub ignored: Vec<(u32, String)>,
    /// The mapping as `andu import --mapping` reads it, to keep or correct.
    pub mapping_toml: String,
    /// Every field a column can fill, in the order a mapping menu offers them (the app's column picker).
    pub fields: Vec<Field>,
}

pub fn preview(table: &Table, layout: Layout, limit: usize) -> Preview {
    let converted = convert(table, &layout);
    let total = converted.rows.len();
    let invalid = converted.rows.iter().filter(|r| r.case.is_err()).count();
    let by_line: BTreeMap<u32, &BTreeMap<u32, Cell>> = table.rows.iter().map(|(r, c)| (r + 1, c)).collect();
    // The first rows, then every row with an error (up to the limit again), so no error hides past the preview.
    let mut shown: Vec<&RowRead> = converted.rows.iter().take(limit).collect();
    shown.extend(converted.rows.iter().skip(limit).filter(|r| r.case.is_err()).take(limit));
    let rows = shown
        .into_iter()
        .map(|r| PreviewRow {
            line: r.line,
            cells: by_line.get(&r.line).map(|c| c.iter().map(|(k, v)| (*k, v.text())).collect()).unwrap_or_default(),
            errors: r.case.as_ref().err().cloned().unwrap_or_default(),
        })
        .collect();
    let mapping_toml = layout.to_mapping_file().to_toml();
    Preview { layout, rows, total, invalid, ignored: converted.ignored, mapping_toml, fields: Field::ALL.to_vec() }
}
