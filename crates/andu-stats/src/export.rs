//! The court-report workbook (.xlsx, returned as bytes; the shell writes the file): an indicator table with the
//! Chinese names and definitions, a 逐月收结 sheet with the 均衡结案 floors, and a 长期未结案件台账.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::definitions::Definitions;
use crate::ledger::LedgerRow;
use crate::{Indicators, StatsError};

/// What goes into one workbook.
pub struct Report<'a> {
    /// For the title row, e.g. 深圳市龙华区人民法院 (may be empty).
    pub court: &'a str,
    pub indicators: &'a Indicators,
    pub ledger: &'a [LedgerRow],
    pub definitions: &'a Definitions,
}

/// How a key's value is shown.
enum Kind {
    Count,
    Percent,
    Days,
    Ratio,
}

fn kind(key: &str) -> Kind {
    match key {
        "closure_rate"
        | "within_limit_rate"
        | "over_12m_ratio"
        | "mediation_withdrawal_rate"
        | "extension_rate"
        | "appeal_rate" => Kind::Percent,
        "avg_days" | "avg_net_days" => Kind::Days,
        "close_receive_ratio" | "reversal_remand_ratio" | "case_matter_ratio" | "litigation_per_10k" => Kind::Ratio,
        _ => Kind::Count,
    }
}

/// `2025年1月1日`.
fn zh_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    cell: Format,
    wrap: Format,
    percent: Format,
    one_decimal: Format,
    two_decimals: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Self {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            subtitle: Format::new().set_align(FormatAlign::Left),
            header: cell.clone().set_bold().set_align(FormatAlign::Center).set_background_color(0xD9E1F2),
            wrap: cell.clone().set_text_wrap(),
            percent: cell.clone().set_num_format("0.00%"),
            one_decimal: cell.clone().set_num_format("0.0"),
            two_decimals: cell.clone().set_num_format("0.00"),
            cell,
        }
    }
}

fn failed(e: XlsxError) -> StatsError {
    StatsError::ExportFailed { reason: e.to_string() }
}

/// Title and subtitle over `columns` columns; returns the first free row.
fn heading(ws: &mut Worksheet, f: &Formats, columns: u16, title: &str, subtitle: &str) -> Result<u32, XlsxError> {
    ws.merge_range(0, 0, 0, columns - 1, title, &f.title)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(1, 0, 1, columns - 1, subtitle, &f.subtitle)?;
    Ok(3)
}

fn header_row(ws: &mut Worksheet, f: &Formats, row: u32, names: &[(&str, f64)]) -> Result<(), XlsxError> {
    for (col, (name, width)) in names.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *name, &f.header)?;
        ws.set_column_width(col as u16, *width)?;
    }
    Ok(())
}

fn number(ws: &mut Worksheet, row: u32, col: u16, value: Option<f64>, format: &Format) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v, format)?,
        None => ws.write_string_with_format(row, col, "—", format)?,
    };
    Ok(())
}

/// The workbook as bytes.
pub fn workbook(r: &Report<'_>) -> Result<Vec<u8>, StatsError> {
    build(r).map_err(failed)
}

fn build(r: &Report<'_>) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let i = r.indicators;
    let period = format!("{}至{}", zh_date(i.period.from), zh_date(i.period.to));
    let subtitle = format!(
        "统计期间：{period}　范围：{}　指标口径：{}（版本 {}）",
        i.scope.label(),
        r.definitions.name,
        i.definitions_version
    );
    let mut wb = Workbook::new();

    // 1. Indicators.
    let ws = wb.add_worksheet();
    ws.set_name("指标")?;
    ws.set_landscape();
    let mut row = heading(ws, &f, 8, &format!("{}审判质量效率指标统计表", r.court), &subtitle)?;
    header_row(
        ws,
        &f,
        row,
        &[
            ("序号", 6.0),
            ("指标", 24.0),
            ("数值", 12.0),
            ("分子", 9.0),
            ("分母", 9.0),
            ("口径", 48.0),
            ("公式", 40.0),
            ("存疑说明", 48.0),
        ],
    )?;
    ws.set_freeze_panes(row + 1, 0)?;
    let values = serde_json::to_value(i).expect("indicators serialise");
    let mut n = 0;
    for def in &r.definitions.indicators {
        if def.key == "monthly" || def.key == "balance" {
            continue;
        }
        row += 1;
        n += 1;
        ws.write_number_with_format(row, 0, n, &f.cell)?;
        ws.write_string_with_format(row, 1, &def.name, &f.wrap)?;
        let v = values[def.key.as_str()].as_f64();
        match kind(&def.key) {
            Kind::Count => number(ws, row, 2, v, &f.cell)?,
            Kind::Percent => number(ws, row, 2, v, &f.percent)?,
            Kind::Days => number(ws, row, 2, v, &f.one_decimal)?,
            Kind::Ratio => number(ws, row, 2, v, &f.two_decimals)?,
        }
        let term = i.terms.get(def.key.as_str());
        number(ws, row, 3, term.map(|t| t.numerator as f64), &f.cell)?;
        number(ws, row, 4, term.map(|t| t.denominator as f64), &f.cell)?;
        ws.write_string_with_format(row, 5, &def.definition, &f.wrap)?;
        ws.write_string_with_format(row, 6, &def.formula, &f.wrap)?;
        ws.write_string_with_format(row, 7, def.unsure.as_deref().unwrap_or(""), &f.wrap)?;
    }
    row += 2;
    for w in &i.warnings {
        ws.write_string(row, 1, format!("说明：{w}"))?;
        row += 1;
    }

    // 2. 逐月收结 with 均衡结案.
    let ws = wb.add_worksheet();
    ws.set_name("逐月收结")?;
    let mut row = heading(ws, &f, 11, &format!("{}逐月收结情况表", r.court), &subtitle)?;
    header_row(
        ws,
        &f,
        row,
        &[
            ("月份", 10.0),
            ("新收", 8.0),
            ("结案", 8.0),
            ("累计新收", 10.0),
            ("累计结案", 10.0),
            ("累计结案进度", 13.0),
            ("当月结案占全年", 15.0),
            ("本年累计结案", 13.0),
            ("本年累计结案率", 15.0),
            ("进度下限", 10.0),
            ("是否达到下限", 13.0),
        ],
    )?;
    ws.set_freeze_panes(row + 1, 1)?;
    for (m, b) in i.monthly.iter().zip(&i.balance.months) {
        row += 1;
        ws.write_string_with_format(row, 0, &m.month, &f.cell)?;
        for (col, v) in [(1, m.received), (2, m.closed), (3, m.cumulative_received), (4, m.cumulative_closed)] {
            ws.write_number_with_format(row, col, v as f64, &f.cell)?;
        }
        number(ws, row, 5, m.progress, &f.percent)?;
        number(ws, row, 6, b.share_of_year, &f.percent)?;
        ws.write_number_with_format(row, 7, b.ytd_closed as f64, &f.cell)?;
        number(ws, row, 8, b.ytd_progress, &f.percent)?;
        number(ws, row, 9, b.floor, &f.percent)?;
        let meets = match b.meets_floor {
            Some(true) => "达到",
            Some(false) => "未达到",
            None => "—",
        };
        ws.write_string_with_format(row, 10, meets, &f.cell)?;
    }

    // 3. 长期未结案件台账.
    let ws = wb.add_worksheet();
    ws.set_name("长期未结案件台账")?;
    ws.set_landscape();
    let title = format!("{}长期未结案件台账（截至{}）", r.court, zh_date(i.period.to));
    let summary = format!(
        "{subtitle}　超12个月 {} 件，其中超18个月 {} 件、超36个月 {} 件",
        i.over_12m_pending, i.over_18m_pending, i.over_36m_pending
    );
    let mut row = heading(ws, &f, 12, &title, &summary)?;
    header_row(
        ws,
        &f,
        row,
        &[
            ("序号", 6.0),
            ("案号", 28.0),
            ("案由", 18.0),
            ("承办法官", 10.0),
            ("部门", 12.0),
            ("程序", 16.0),
            ("立案日期", 12.0),
            ("未结天数", 10.0),
            ("未结月数", 10.0),
            ("超期档次", 11.0),
            ("扣除天数", 10.0),
            ("延长次数", 10.0),
        ],
    )?;
    ws.set_freeze_panes(row + 1, 2)?;
    for (n, l) in r.ledger.iter().enumerate() {
        row += 1;
        ws.write_number_with_format(row, 0, (n + 1) as f64, &f.cell)?;
        ws.write_string_with_format(row, 1, &l.case_no, &f.cell)?;
        ws.write_string_with_format(row, 2, &l.cause, &f.cell)?;
        ws.write_string_with_format(row, 3, &l.judge, &f.cell)?;
        ws.write_string_with_format(row, 4, &l.division, &f.cell)?;
        ws.write_string_with_format(row, 5, l.procedure.name_zh(), &f.cell)?;
        ws.write_string_with_format(row, 6, l.filed.to_string(), &f.cell)?;
        ws.write_number_with_format(row, 7, l.age_days as f64, &f.cell)?;
        ws.write_number_with_format(row, 8, l.age_months, &f.cell)?;
        ws.write_string_with_format(row, 9, format!("超{}个月", l.over_months), &f.cell)?;
        ws.write_number_with_format(row, 10, l.deducted_days as f64, &f.cell)?;
        ws.write_number_with_format(row, 11, l.extensions as f64, &f.cell)?;
    }

    // 4. Closed cases whose 审限 could not be computed, when there are any.
    if !i.within_limit_unknown_cases.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("审限无法计算")?;
        let mut row = heading(ws, &f, 3, "审限无法计算的已结案件（未计入审限内结案率）", &subtitle)?;
        header_row(ws, &f, row, &[("案号", 28.0), ("原因代码", 22.0), ("说明", 80.0)])?;
        for u in &i.within_limit_unknown_cases {
            row += 1;
            ws.write_string_with_format(row, 0, &u.case_no, &f.cell)?;
            ws.write_string_with_format(row, 1, &u.code, &f.cell)?;
            ws.write_string_with_format(row, 2, &u.message, &f.wrap)?;
        }
    }

    wb.save_to_buffer()
}

impl crate::Role {
    fn zh(self) -> &'static str {
        match self {
            Self::Counted => "计入",
            Self::NumeratorAndDenominator => "分子与分母",
            Self::Numerator => "分子",
            Self::Denominator => "分母",
            Self::Excluded => "未计入",
        }
    }
}

/// The cases behind one number (a drill-down) as a workbook: title with the indicator, period and scope, then one
/// row per case with why it counts.
pub fn cases_workbook(d: &crate::Drill, court: &str) -> Result<Vec<u8>, StatsError> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let f = Formats::new();
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("案件清单")?;
        let title = format!("{court}{}案件清单", d.name);
        let subtitle = format!(
            "统计期间：{}至{}　范围：{}　共 {} 件　指标口径：{}",
            zh_date(d.period.from),
            zh_date(d.period.to),
            d.scope.label(),
            d.count,
            d.definitions_version
        );
        let columns: &[(&str, f64)] = &[
            ("序号", 6.0),
            ("案号", 28.0),
            ("案由", 20.0),
            ("承办法官", 10.0),
            ("审判庭", 12.0),
            ("立案日期", 12.0),
            ("结案日期", 12.0),
            ("结案方式", 10.0),
            ("计入", 10.0),
            ("说明", 48.0),
        ];
        let mut row = heading(ws, &f, columns.len() as u16, &title, &subtitle)?;
        header_row(ws, &f, row, columns)?;
        for (i, c) in d.cases.iter().enumerate() {
            row += 1;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &f.cell)?;
            ws.write_string_with_format(row, 1, &c.case_no, &f.cell)?;
            ws.write_string_with_format(row, 2, &c.cause, &f.cell)?;
            ws.write_string_with_format(row, 3, &c.judge, &f.cell)?;
            ws.write_string_with_format(row, 4, &c.division, &f.cell)?;
            ws.write_string_with_format(row, 5, c.filed.to_string(), &f.cell)?;
            ws.write_string_with_format(row, 6, c.closed.map(|d| d.to_string()).unwrap_or_default(), &f.cell)?;
            ws.write_string_with_format(row, 7, c.closing_method.map(|m| m.as_str()).unwrap_or(""), &f.cell)?;
            ws.write_string_with_format(row, 8, c.role.zh(), &f.cell)?;
            ws.write_string_with_format(row, 9, &c.why, &f.wrap)?;
        }
        book.save_to_buffer()
    };
    build().map_err(failed)
}

/// 发改案件逐案评查 as a workbook, like the 长期未结 ledger: one row per case with its outcome, deadline, state and
/// the review recorded (reason, responsibility, lesson).
pub fn appeal_review_workbook(
    rows: &[crate::appeal_review::AppealReviewRow],
    court: &str,
    today: chrono::NaiveDate,
    deadline_days: u32,
) -> Result<Vec<u8>, StatsError> {
    use crate::appeal_review::ReviewState;
    let build = || -> Result<Vec<u8>, XlsxError> {
        let f = Formats::new();
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("发改案件评查")?;
        let pending = rows.iter().filter(|r| r.state == ReviewState::Pending).count();
        let overdue = rows.iter().filter(|r| r.overdue && r.state == ReviewState::Pending).count();
        let title = format!("{court}发改案件逐案评查台账");
        let subtitle = format!(
            "截至{}　共 {} 件，待评查 {pending} 件（其中逾期 {overdue} 件）　评查期限：上诉结果记录后 {deadline_days} 日",
            zh_date(today),
            rows.len()
        );
        let columns: &[(&str, f64)] = &[
            ("序号", 6.0),
            ("案号", 28.0),
            ("案由", 18.0),
            ("承办法官", 10.0),
            ("审判庭", 12.0),
            ("二审结果", 10.0),
            ("结果记录日", 12.0),
            ("评查期限", 12.0),
            ("状态", 10.0),
            ("评查原因", 10.0),
            ("一审法官责任", 12.0),
            ("评查意见（一案一策）", 48.0),
            ("评查人", 10.0),
            ("评查日期", 12.0),
        ];
        let mut row = heading(ws, &f, columns.len() as u16, &title, &subtitle)?;
        header_row(ws, &f, row, columns)?;
        ws.set_freeze_panes(row + 1, 2)?;
        for (i, r) in rows.iter().enumerate() {
            row += 1;
            let state = match (r.state, r.overdue) {
                (ReviewState::Pending, true) => "待评查（逾期）",
                (ReviewState::Pending, false) => "待评查",
                (ReviewState::Done, true) => "已评查（逾期）",
                (ReviewState::Done, false) => "已评查",
            };
            ws.write_number_with_format(row, 0, (i + 1) as f64, &f.cell)?;
            ws.write_string_with_format(row, 1, &r.case_no, &f.cell)?;
            ws.write_string_with_format(row, 2, &r.cause, &f.cell)?;
            ws.write_string_with_format(row, 3, &r.judge, &f.cell)?;
            ws.write_string_with_format(row, 4, &r.division, &f.cell)?;
            ws.write_string_with_format(row, 5, r.outcome.as_str(), &f.cell)?;
            ws.write_string_with_format(row, 6, r.entered.to_string(), &f.cell)?;
            ws.write_string_with_format(row, 7, r.due.to_string(), &f.cell)?;
            ws.write_string_with_format(row, 8, state, &f.cell)?;
            let review = r.review.as_ref();
            ws.write_string_with_format(row, 9, review.map_or("", |x| x.reason.as_str()), &f.cell)?;
            let responsible = review.map_or("", |x| if x.responsible { "有责任" } else { "无责任" });
            ws.write_string_with_format(row, 10, responsible, &f.cell)?;
            ws.write_string_with_format(row, 11, review.map_or("", |x| x.lesson.as_str()), &f.wrap)?;
            ws.write_string_with_format(row, 12, review.map_or("", |x| x.reviewer.as_str()), &f.cell)?;
            let at = review.map(|x| x.recorded.to_string()).unwrap_or_default();
            ws.write_string_with_format(row, 13, at, &f.cell)?;
        }
        book.save_to_buffer()
    };
    build().map_err(failed)
}
