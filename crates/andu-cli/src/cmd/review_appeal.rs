//! `andu review appeal-cases` and `andu review appeal-case`: 发改案件逐案评查. The list and the rules are
//! andu-docket's `supervision` (the app shows the same); this parses, prints and writes the ledger.

use std::path::Path;

use andu_core::ErrorBody;
use andu_docket::statistics;
use andu_docket::supervision::{self, AppealReviewInput};
use andu_stats::appeal_review::ReviewState;

use super::{CmdResult, coded, now, open_store, today};
use crate::args::Cli;
use crate::output::{self, pad};

fn yes_no(value: &str) -> Result<bool, ErrorBody> {
    match value.trim() {
        "yes" | "y" | "是" | "有" | "true" => Ok(true),
        "no" | "n" | "否" | "无" | "false" => Ok(false),
        other => Err(ErrorBody {
            code: "field_invalid".into(),
            message: format!("--responsible 应为 yes 或 no（是/否），收到“{other}”"),
            detail: None,
        }),
    }
}

pub fn list(
    cli: &Cli,
    division: Option<&str>,
    judge: Option<&str>,
    out: Option<&Path>,
    court: Option<&str>,
    today_arg: Option<&str>,
) -> CmdResult {
    let day = today(today_arg)?;
    let scope = statistics::scope(division, judge, None, None)?;
    let store = open_store(cli)?;
    let list = supervision::appeal_reviews(&store, &scope, day)?;
    if let Some(out) = out {
        let court = match court {
            Some(c) => c.to_string(),
            None => statistics::StatsInput::load(
                &store,
                andu_stats::Period::new(day, day).map_err(coded)?,
                scope.clone(),
                None,
            )?
            .report_court(),
        };
        let bytes =
            andu_stats::export::appeal_review_workbook(&list.rows, &court, day, list.deadline_days).map_err(coded)?;
        std::fs::write(out, bytes).map_err(|e| ErrorBody {
            code: "io_error".into(),
            message: format!("无法写入 {}：{e}", out.display()),
            detail: None,
        })?;
        if cli.json {
            output::json(&serde_json::json!({ "exported": out.display().to_string(), "cases": list.rows.len() }));
        } else {
            println!("已导出 {}（发改案件 {} 件）", out.display(), list.rows.len());
        }
        return Ok(());
    }
    if cli.json {
        output::json(&list);
        return Ok(());
    }
    let pending = list.rows.iter().filter(|r| r.state == ReviewState::Pending).count();
    println!(
        "发改案件逐案评查：共 {} 件，待评查 {pending} 件（评查期限：上诉结果记录后 {} 日，可在指标口径文件 [appeal_review] 中修改）",
        list.rows.len(),
        list.deadline_days
    );
    for r in &list.rows {
        let state = match (r.state, r.overdue, r.days_left) {
            (ReviewState::Pending, true, Some(d)) => format!("待评查，已逾期 {} 日", -d),
            (ReviewState::Pending, _, Some(d)) => format!("待评查，剩 {d} 日"),
            (ReviewState::Done, late, _) => {
                let x = r.review.as_ref();
                format!(
                    "已评查{}：{}，一审法官{}，{}",
                    if late { "（逾期）" } else { "" },
                    x.map_or("", |x| x.reason.as_str()),
                    if x.is_some_and(|x| x.responsible) { "有责任" } else { "无责任" },
                    x.map_or("", |x| x.lesson.as_str())
                )
            }
            _ => String::new(),
        };
        println!("  {} {} {} {} 期限 {}：{state}", pad(&r.case_no, 30), pad(&r.judge, 8), r.outcome, r.entered, r.due);
    }
    Ok(())
}

pub fn record(cli: &Cli, case_no: &str, reason: &str, responsible: &str, lesson: &str) -> CmdResult {
    let responsible = yes_no(responsible)?;
    let mut store = open_store(cli)?;
    let input =
        AppealReviewInput { case_no: case_no.into(), reason: reason.into(), responsible, lesson: lesson.into() };
    let id = supervision::record_appeal_review(&mut store, now(), &input)?;
    if cli.json {
        output::json(&serde_json::json!({
            "id": id,
            "case_no": case_no,
            "reason": reason.trim(),
            "responsible": responsible,
            "state": "已评查",
        }));
    } else {
        println!("已记录 {case_no} 的评查（{}）", reason.trim());
    }
    Ok(())
}
