//! `andu stats review`: 阅核统计 per reviewer and per judge, and with `--indicator` the rounds behind one number —
//! computed by andu-stats through andu-docket's `review_statistics`, the same the app's 统计 → 阅核 shows.

use andu_docket::{review_statistics, statistics};
use andu_stats::Period;
use andu_stats::review_stats::{ReviewCounts, ReviewLine, ReviewWho};

use super::stats::{date_arg, definitions_arg};
use super::{CmdResult, coded, open_store};
use crate::args::{Cli, StatsQuery};
use crate::output::{self, pad};

fn days(x: Option<f64>) -> String {
    x.map_or("—".into(), |d| format!("{d:.1} 日"))
}

fn line(name: &str, c: &ReviewCounts) -> String {
    format!(
        "  {}{}{}{}{}{}{}",
        pad(name, 16),
        pad(&c.sent.to_string(), 8),
        pad(&c.approved.to_string(), 10),
        pad(&c.returned.to_string(), 6),
        pad(&c.discussed.to_string(), 10),
        pad(&c.pending.to_string(), 8),
        days(c.median_turnaround_days)
    )
}

fn table(title: &str, lines: &[ReviewLine]) {
    println!("{title}");
    println!(
        "  {}{}{}{}{}{}用时中位数",
        pad("", 16),
        pad("送阅核", 8),
        pad("同意签发", 10),
        pad("退回", 6),
        pad("提交讨论", 10),
        pad("待阅核", 8)
    );
    for l in lines {
        println!("{}", line(&l.name, &l.counts));
    }
}

pub fn run(cli: &Cli, indicator: Option<&str>, reviewer: Option<&str>, q: &StatsQuery) -> CmdResult {
    let period = Period::new(date_arg(&q.from, "--from")?, date_arg(&q.to, "--to")?).map_err(coded)?;
    let scope =
        statistics::scope(q.division.as_deref(), q.judge.as_deref(), q.procedure.as_deref(), q.category.as_deref())?;
    let defs = definitions_arg(q)?;
    let store = open_store(cli)?;
    if let Some(key) = indicator {
        let who = reviewer.map_or(ReviewWho::Everyone, |r| ReviewWho::Reviewer(r.trim().to_string()));
        let drill = review_statistics::review_drill(&store, period, &scope, key, &who, defs)?;
        if cli.json {
            output::json(&drill);
            return Ok(());
        }
        println!("{}（{} 至 {}，{}）：{} 轮", drill.name, period.from, period.to, scope.label(), drill.count);
        for r in &drill.rounds {
            println!("  {}{}{}{}", pad(&r.case_no, 28), pad(&r.judge, 10), pad(&r.reviewer, 14), r.why);
        }
        return Ok(());
    }
    let stats = review_statistics::review_stats(&store, period, &scope, defs)?;
    if cli.json {
        output::json(&stats);
        return Ok(());
    }
    println!("阅核统计 {} 至 {}，{}（指标口径 {}）", period.from, period.to, scope.label(), stats.definitions_version);
    println!("{}", line("合计", &stats.total));
    table("按阅核人", &stats.by_reviewer);
    table("按承办法官", &stats.by_judge);
    for w in &stats.warnings {
        println!("注意：{w}");
    }
    Ok(())
}
