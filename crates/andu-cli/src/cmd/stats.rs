//! `andu stats`: indicators of a period and scope, the cases behind one (`stats cases`), and the court-report
//! workbook (`stats export`). The shell reads the store and the definition file; andu-stats computes.

use std::path::Path;

use andu_core::ErrorBody;
use andu_core::date::parse_date;
use andu_docket::statistics::{self, StatsInput};
use andu_stats::export::Report;
use andu_stats::{Definitions, KEYS, Period};

use super::{CmdResult, coded, open_store};
use crate::args::{Cli, StatsArgs, StatsCommand, StatsQuery};
use crate::output::{self, pad};

pub fn run(cli: &Cli, a: &StatsArgs) -> CmdResult {
    match &a.command {
        None => indicators(cli, &a.query),
        Some(StatsCommand::Cases { indicator, query }) => cases(cli, indicator, query),
        Some(StatsCommand::Export { out, court, query }) => export(cli, out, court.as_deref(), query),
        Some(StatsCommand::Review { indicator, reviewer, query }) => {
            super::stats_review::run(cli, indicator.as_deref(), reviewer.as_deref(), query)
        }
        Some(StatsCommand::Judge { name, from, to, weights }) => {
            super::stats_judge::run(cli, name, from.as_deref(), to.as_deref(), weights.as_deref())
        }
    }
}

/// Everything a computation needs, read and checked before any number is computed (the app's 统计 loads the same).
type Input = StatsInput;

pub(super) fn date_arg(value: &Option<String>, flag: &str) -> Result<chrono::NaiveDate, ErrorBody> {
    let s = value.as_deref().ok_or_else(|| ErrorBody {
        code: "field_required".into(),
        message: format!("请给出 {flag} YYYY-MM-DD"),
        detail: None,
    })?;
    parse_date(s).map_err(coded)
}

fn load(cli: &Cli, q: &StatsQuery) -> Result<Input, ErrorBody> {
    // Arguments first, so that a wrong flag is reported without touching the store.
    let period = Period::new(date_arg(&q.from, "--from")?, date_arg(&q.to, "--to")?).map_err(coded)?;
    let scope =
        statistics::scope(q.division.as_deref(), q.judge.as_deref(), q.procedure.as_deref(), q.category.as_deref())?;
    let defs = definitions_arg(q)?;
    StatsInput::load(&open_store(cli)?, period, scope, defs)
}

/// `--definitions` wins; without it (`None`), the court's file imported in the app (设置 → 指标口径), else the
/// embedded one. Every stats command reads it the same way.
pub(super) fn definitions_arg(q: &StatsQuery) -> Result<Option<Definitions>, ErrorBody> {
    let Some(path) = &q.definitions else { return Ok(None) };
    let text = std::fs::read_to_string(path).map_err(|e| ErrorBody {
        code: "file_unreadable".into(),
        message: format!("无法读取指标定义文件 {}：{e}", path.display()),
        detail: None,
    })?;
    Ok(Some(Definitions::from_toml_str(&text).map_err(coded)?))
}

/// A value for people: counts as integers, shares as percentages, days with one decimal, null as —.
fn show(key: &str, v: &serde_json::Value) -> String {
    let Some(x) = v.as_f64() else { return "—".into() };
    match key {
        "closure_rate"
        | "within_limit_rate"
        | "over_12m_ratio"
        | "mediation_withdrawal_rate"
        | "extension_rate"
        | "appeal_rate" => format!("{:.2}%", x * 100.0),
        "avg_days" | "avg_net_days" => format!("{x:.1} 日"),
        "close_receive_ratio" | "reversal_remand_ratio" | "litigation_per_10k" => format!("{x:.2}"),
        "case_matter_ratio" => format!("1 : {x:.2}"),
        _ => format!("{x}"),
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:.1}%", x * 100.0))
}

fn indicators(cli: &Cli, q: &StatsQuery) -> CmdResult {
    let input = load(cli, q)?;
    let i = input.indicators();
    if cli.json {
        output::json(&i);
        return Ok(());
    }
    println!("{} 至 {}，{}（指标口径 {}）", i.period.from, i.period.to, i.scope.label(), i.definitions_version);
    let values = serde_json::to_value(&i).expect("indicators serialise");
    for key in KEYS.iter().filter(|k| !matches!(**k, "monthly" | "balance")) {
        let name = input.defs.get(key).map_or(*key, |d| d.name.as_str());
        let term = i.terms.get(key).map(|t| format!("（{} / {}）", t.numerator, t.denominator)).unwrap_or_default();
        println!("  {}{}{term}", pad(name, 36), show(key, &values[*key]));
    }
    println!("逐月收结：");
    println!("  月份     新收  结案  累计结案进度  本年累计结案率  下限");
    for (m, b) in i.monthly.iter().zip(&i.balance.months) {
        println!(
            "  {}  {:>4}  {:>4}  {:>12}  {:>14}  {}",
            m.month,
            m.received,
            m.closed,
            percent(m.progress),
            percent(b.ytd_progress),
            match b.meets_floor {
                Some(true) => format!("{} 达到", percent(b.floor)),
                Some(false) => format!("{} 未达到", percent(b.floor)),
                None => String::new(),
            }
        );
    }
    for w in &i.warnings {
        println!("注意：{w}");
    }
    Ok(())
}

fn cases(cli: &Cli, key: &str, q: &StatsQuery) -> CmdResult {
    // An unknown key is refused before the store is opened.
    if !KEYS.contains(&key) {
        return Err(coded(andu_stats::StatsError::IndicatorUnknown { key: key.to_string() }));
    }
    let input = load(cli, q)?;
    let d = input.drill_down(key)?;
    if cli.json {
        output::json(&d);
        return Ok(());
    }
    println!("{}（{}）：{}，共 {} 条", d.name, d.indicator, show(key, &d.value), d.count);
    for r in &d.cases {
        let closed = r.closed.map(|c| c.to_string()).unwrap_or_else(|| "未结".into());
        let month = r.month.as_deref().map(|m| format!("[{m}] ")).unwrap_or_default();
        println!(
            "  {month}{} {} {} 立案 {} 结案 {}：{}",
            pad(&r.case_no, 30),
            pad(&r.cause, 16),
            pad(&r.judge, 8),
            r.filed,
            closed,
            r.why
        );
    }
    Ok(())
}

fn export(cli: &Cli, out: &Path, court: Option<&str>, q: &StatsQuery) -> CmdResult {
    let input = load(cli, q)?;
    let i = input.indicators();
    let ledger = input.ledger();
    let court = court.map(str::to_string).unwrap_or_else(|| input.report_court());
    let bytes = andu_stats::export::workbook(&Report {
        court: &court,
        indicators: &i,
        ledger: &ledger,
        definitions: &input.defs,
    })
    .map_err(coded)?;
    std::fs::write(out, bytes).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法写入 {}：{e}", out.display()),
        detail: None,
    })?;
    if cli.json {
        output::json(&serde_json::json!({
            "exported": out.display().to_string(),
            "court": court,
            "definitions_version": i.definitions_version,
            "ledger": ledger.len(),
        }));
    } else {
        println!("已导出 {}（长期未结案件 {} 件）", out.display(), ledger.len());
    }
    Ok(())
}
