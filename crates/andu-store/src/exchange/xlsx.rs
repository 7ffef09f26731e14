//! .xlsx in the court system's export layout: first sheet, header row with Chinese column names.
//! Several parties in one cell are separated by 、. Dates may be text (2025-01-05) or real date cells.

use std::collections::BTreeMap;
use std::path::Path;

use andu_core::case::FieldError;
use andu_core::{CaseInput, PartyInput, Procedure};
use calamine::{Data, Reader};

use super::ParsedRow;
use crate::error::{Result, StoreError};

pub const COLUMNS: &[&str] = &[
    "案号",
    "案由",
    "程序",
    "立案日期",
    "承办法官",
    "法官助理",
    "书记员",
    "审判庭",
    "原告",
    "被告",
    "结案日期",
    "结案方式",
    "合议庭",
];
const REQUIRED: &[&str] = &["案号", "案由", "程序", "立案日期"];

/// The role names the 原告/被告 columns stand for under each procedure.
fn sides(procedure: Option<Procedure>) -> (&'static str, &'static str) {
    use Procedure::*;
    match procedure {
        Some(CivilAppealJudgment | CivilAppealRuling | CriminalAppeal | AdminAppeal) => ("上诉人", "被上诉人"),
        Some(Enforcement) => ("申请执行人", "被执行人"),
        Some(CriminalPublic | CriminalSimple | CriminalFast) => ("公诉机关", "被告人"),
        Some(CriminalPrivate) => ("自诉人", "被告人"),
        Some(CivilSpecial | CivilRetrialReview) => ("申请人", "被申请人"),
        _ => ("原告", "被告"),
    }
}

/// Organisations are named by what they are; a person's name is short and has none of these.
pub fn guess_kind(name: &str) -> &'static str {
    const ORG: &[&str] = &[
        "公司",
        "有限",
        "银行",
        "集团",
        "局",
        "委员会",
        "政府",
        "中心",
        "厂",
        "医院",
        "学校",
        "大学",
        "研究所",
        "事务所",
        "合作社",
        "协会",
        "检察院",
        "办事处",
        "商行",
        "经营部",
        "门市",
        "部",
        "店",
    ];
    if ORG.iter().any(|o| name.contains(o)) || name.chars().count() > 6 { "org" } else { "person" }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel serial days since 1899-12-30 (the 1900 leap-year bug is already folded into that epoch). A serial
        // beyond any calendar (a damaged or hand-edited cell) stays a number, so the row is refused naming it.
        Data::DateTime(dt) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .zip(chrono::TimeDelta::try_days(dt.as_f64().floor() as i64))
            .and_then(|(epoch, days)| epoch.checked_add_signed(days))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Whether the first row of the first sheet has 案牍's own required column names (an export of 案牍 itself).
pub fn has_own_header(path: &Path) -> bool {
    let Ok(mut book) = calamine::open_workbook::<calamine::Xlsx<_>, _>(path) else { return false };
    let Some(sheet) = book.sheet_names().first().cloned() else { return false };
    let Ok(mut cells) = book.worksheet_cells_reader(&sheet) else { return false };
    let mut first_row = Vec::new();
    while let Ok(Some(cell)) = cells.next_cell() {
        if cell.get_position().0 > 0 {
            break;
        }
        first_row.push(cell_text(&Data::from(cell.get_value().clone())));
    }
    REQUIRED.iter().all(|c| first_row.iter().any(|h| h == c))
}

pub fn parse(path: &Path) -> Result<Vec<ParsedRow>> {
    let bad = |why: String| StoreError::BadFile { path: path.display().to_string(), why };
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e| bad(format!("不是有效的 .xlsx 文件，可能已损坏或被截断（{e}）")))?;
    let sheet = book.sheet_names().first().cloned().ok_or_else(|| bad("工作簿没有工作表".into()))?;
    let unreadable = |e: calamine::XlsxError| bad(format!("无法读取第一个工作表（{e}）"));
    // Only the cells that are there, by row and column. A dense range spans the sheet's used extent, and one stray
    // cell at XFD1048576 makes that 17 billion cells: the import aborted for want of memory.
    let mut sheet_rows: BTreeMap<u32, BTreeMap<u32, Data>> = BTreeMap::new();
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let value = Data::from(cell.get_value().clone());
        if !matches!(value, Data::Empty) {
            let (row, col) = cell.get_position();
            sheet_rows.entry(row).or_default().insert(col, value);
        }
    }
    let mut rows = sheet_rows.into_iter();
    let header: BTreeMap<u32, String> =
        rows.next().map(|(_, cells)| cells.iter().map(|(c, d)| (*c, cell_text(d))).collect()).unwrap_or_default();
    let missing: Vec<String> =
        REQUIRED.iter().filter(|c| !header.values().any(|h| h == *c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(StoreError::MissingColumns(missing));
    }
    let col = |name: &str| header.iter().find(|(_, h)| *h == name).map(|(c, _)| *c);
    let cols: Vec<Option<u32>> = COLUMNS.iter().map(|c| col(c)).collect();
    let mut out = Vec::new();
    for (row, r) in rows {
        let get = |name: &str| -> String {
            let idx = COLUMNS.iter().position(|c| *c == name).and_then(|k| cols[k]);
            idx.and_then(|k| r.get(&k)).map(cell_text).unwrap_or_default()
        };
        let procedure_text = get("程序");
        let (active, passive) = sides(Procedure::parse(&procedure_text).ok());
        let split = |cell: String, role: &str| -> Vec<PartyInput> {
            cell.split(['、', ';', '；'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| PartyInput {
                    role: role.into(),
                    name: n.into(),
                    kind: guess_kind(n).into(),
                    ..Default::default()
                })
                .collect()
        };
        let mut parties = split(get("原告"), active);
        parties.extend(split(get("被告"), passive));
        let closed = Some(get("结案日期")).filter(|s| !s.is_empty());
        let input = CaseInput {
            case_no: get("案号"),
            cause: get("案由"),
            procedure: procedure_text,
            filed: get("立案日期"),
            judge: get("承办法官"),
            assistant: get("法官助理"),
            clerk: get("书记员"),
            division: get("审判庭"),
            parties,
            closed,
            closing_method: Some(get("结案方式")).filter(|s| !s.is_empty()),
            panel: get("合议庭"),
            ..Default::default()
        };
        out.push(ParsedRow {
            line: row as usize + 1, // spreadsheet row number as the user sees it (row 1 is the first)
            case_no: input.case_no.clone(),
            result: input.validate().map_err(|e| e.errors),
            columns: Default::default(),
            print: None,
        });
    }
    Ok(out)
}

pub fn write(path: &Path, cases: &[CaseInput]) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let xerr =
        |e: rust_xlsxwriter::XlsxError| StoreError::BadFile { path: path.display().to_string(), why: e.to_string() };
    sheet.set_name("案件").map_err(xerr)?;
    let bold = Format::new().set_bold();
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold).map_err(xerr)?;
        sheet.set_column_width(c as u16, if *name == "案号" { 28 } else { 14 }).map_err(xerr)?;
    }
    for (r, case) in cases.iter().enumerate() {
        let (active, _) = sides(Procedure::parse(&case.procedure).ok());
        let names = |want_active: bool| {
            case.parties
                .iter()
                .filter(|p| (p.role == active || p.role == "原告") == want_active && p.role != "第三人")
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        let procedure = Procedure::parse(&case.procedure).map(|p| p.name_zh().to_string()).unwrap_or_default();
        let values = [
            case.case_no.clone(),
            case.cause.clone(),
            procedure,
            case.filed.clone(),
            case.judge.clone(),
            case.assistant.clone(),
            case.clerk.clone(),
            case.division.clone(),
            names(true),
            names(false),
            case.closed.clone().unwrap_or_default(),
            case.closing_method.clone().unwrap_or_default(),
            case.panel.clone(),
        ];
        for (c, v) in values.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).map_err(xerr)?;
        }
    }
    book.save(path).map_err(xerr)?;
    Ok(())
}

/// Used by tests: a field error as the xlsx parser reports it.
pub fn row_errors(rows: &[ParsedRow]) -> Vec<(usize, Vec<FieldError>)> {
    rows.iter().filter_map(|r| r.result.as_ref().err().map(|e| (r.line, e.clone()))).collect()
}
