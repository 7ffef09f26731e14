//! `andu stats judge NAME`: the per-judge page (法官办案业绩), computed by andu-stats through andu-docket's
//! `supervision::judge_page`, the same the app's page shows.

use std::path::Path;

use andu_core::ErrorBody;
use andu_core::date::parse_date;
use andu_docket::supervision;
use andu_stats::{CaseWeights, Period};
use chrono::Datelike;

use super::{CmdResult, coded, open_store, today};
use crate::args::Cli;
use crate::output::{self, pad};

fn show(key: &str, v: Option<f64>) -> String {
    let Some(x) = v else { return "—".into() };
    match key {
        "reversal_remand_rate" | "within_limit_rate" | "one_hearing_rate" => format!("{:.1}%", x * 100.0),
        "avg_days" => format!("{x:.1} 日"),
        "weighted_closed" | "hearings_per_closed" => format!("{x:.2}"),
        _ => format!("{x}"),
    }
}

pub fn run(cli: &Cli, name: &str, from: Option<&str>, to: Option<&str>, weights: Option<&Path>) -> CmdResult {
    let to = match to {
        Some(s) => parse_date(s).map_err(coded)?,
        None => today(None)?,
    };
    let from = match from {
        Some(s) => parse_date(s).map_err(coded)?,
        None => to.with_ordinal(1).unwrap_or(to),
    };
    let period = Period::new(from, to).map_err(coded)?;
    let weights = match weights {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| ErrorBody {
                code: "file_unreadable".into(),
                message: format!("无法读取案件权重文件 {}：{e}", path.display()),
                detail: None,
            })?;
            Some(CaseWeights::from_toml_str(&text).map_err(coded)?)
        }
        None => None,
    };
    let page = supervision::judge_page(&open_store(cli)?, name, period, weights)?;
    if cli.json {
        output::json(&page);
        return Ok(());
    }
    println!(
        "{}（{}）{} 至 {}，庭内法官 {} 人（指标口径 {}，案件权重 {}）",
        page.judge,
        page.division,
        period.from,
        period.to,
        page.division_judges.len(),
        page.definitions_version,
        page.weights_version
    );
    println!("  {}{}庭内中位数", pad("指标", 16), pad("本人", 14));
    for m in &page.metrics {
        println!("  {}{}{}", pad(&m.name, 16), pad(&show(m.key, m.value), 14), show(m.key, m.division_median));
    }
    for w in &page.warnings {
        println!("注意：{w}");
    }
    Ok(())
}
