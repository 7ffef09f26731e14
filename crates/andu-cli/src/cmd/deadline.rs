//! `andu period` and `andu trial-limit`: thin shells over andu-deadline. The holiday calendar is the embedded
//! one (2024–2026 State Council notices); a last day outside it is shown as its provisional date (暂定, with the
//! reason; `provisional` in JSON), and a date counted backward into such a year is `holiday_data_missing`.

use andu_core::date::parse_date;
use andu_core::{DeductionKind, ErrorBody, Procedure};
use andu_deadline::{
    ExtensionGrant, HolidayCalendar, Length, Regime, TrialLimitInput, count, parse_extension, parse_interval,
};

use super::{CmdResult, coded, open_store, today};
use crate::args::{Cli, HolidaysCommand, PeriodArgs, RemindersCommand, RulesCommand, TrialLimitArgs};
use crate::output;

fn calendar() -> Result<HolidayCalendar, ErrorBody> {
    Ok(HolidayCalendar::embedded())
}

/// `（暂定：2027 年放假安排尚未导入……）` after a provisional date (domain.md §0), nothing after an exact one.
fn provisional_tag(p: Option<&andu_deadline::Provisional>) -> String {
    p.map(|p| format!("（暂定：{}）", p.reason)).unwrap_or_default()
}

fn print_lines(explanation: &[String]) {
    for line in explanation {
        println!("  {line}");
    }
}

/// `2025-09-30 10:00` (or `2025-09-30T10:00`): the moment an hour period is counted from.
fn parse_moment(text: &str) -> Result<Option<chrono::NaiveDateTime>, ErrorBody> {
    let t = text.trim();
    let Some((date, time)) = t.split_once([' ', 'T']) else { return Ok(None) };
    let date = parse_date(date).map_err(coded)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| ErrorBody {
        code: "period_invalid".into(),
        message: format!("时间“{}”无效：应为 10:00 这样的写法（24 小时制）", time.trim()),
        detail: None,
    })?;
    Ok(Some(date.and_time(time)))
}

pub fn period(cli: &Cli, a: &PeriodArgs) -> CmdResult {
    if let Some(hours) = a.hours.filter(|h| *h == 0 || *h > 24 * 366) {
        return Err(ErrorBody {
            code: "period_invalid".into(),
            message: format!("期间 {hours} 小时无效：应在 1–{} 之间", 24 * 366),
            detail: None,
        });
    }
    if let (Some(hours), Some(at)) = (a.hours, parse_moment(&a.from)?) {
        let r = andu_deadline::add_hours(at, hours).map_err(coded)?;
        let due = r.due.format("%Y-%m-%d %H:%M").to_string();
        if cli.json {
            output::json(&serde_json::json!({
                "from": at.format("%Y-%m-%d %H:%M").to_string(),
                "hours": hours,
                "due": due,
                "explanation": r.explanation,
            }));
        } else {
            println!("届满时刻：{due}（以小时计算的期间不因节假日顺延）");
            print_lines(&r.explanation);
        }
        return Ok(());
    }
    let from = parse_date(&a.from).map_err(coded)?;
    let length = match (a.hours, a.days, a.months, a.years) {
        (Some(h), None, None, None) => Length::Hours(h),
        (None, Some(d), None, None) => Length::Days(d),
        (None, None, Some(m), None) => Length::Months(m),
        (None, None, None, Some(y)) => Length::Years(y),
        _ => {
            return Err(ErrorBody {
                code: "period_invalid".into(),
                message: "请给出 --hours、--days、--months 或 --years 之一".into(),
                detail: None,
            });
        }
    };
    let regime = Regime::parse(&a.regime).map_err(coded)?;
    let r = count(from, length, andu_deadline::Direction::After, regime, &calendar()?).map_err(coded)?;
    if cli.json {
        output::json(&r);
    } else {
        println!("届满日：{}（名义届满日 {}）{}", r.due, r.nominal, provisional_tag(r.provisional.as_ref()));
        print_lines(&r.explanation);
    }
    Ok(())
}

pub fn trial_limit(cli: &Cli, a: &TrialLimitArgs) -> CmdResult {
    let procedure = Procedure::parse(&a.procedure).map_err(coded)?;
    let filed = parse_date(&a.filed).map_err(coded)?;
    let mut input = TrialLimitInput::new(procedure, filed);
    input.custody = a.custody;
    for x in &a.extend {
        input.extensions.push(ExtensionGrant::from(parse_extension(x).map_err(coded)?));
    }
    for d in &a.deduct {
        input.deductions.push(parse_interval(d).map_err(coded)?.deduction(DeductionKind::Other));
    }
    let limit = andu_deadline::trial_limit(&input, &calendar()?).map_err(coded)?;
    let status = limit.status(today(a.today.as_deref())?);
    if cli.json {
        let mut v = serde_json::to_value(&limit).expect("serialises");
        v["status"] = serde_json::to_value(&status).expect("serialises");
        output::json(&v);
    } else {
        println!(
            "审限届满日：{}（名义届满日 {}，扣除 {} 日）{}",
            limit.due,
            limit.nominal,
            limit.deducted_days,
            provisional_tag(limit.provisional.as_ref())
        );
        println!(
            "当前：剩余 {} 日，已过 {:.0}%，{}",
            status.days_left,
            status.fraction_elapsed * 100.0,
            status.tier_name
        );
        print_lines(&limit.explanation);
    }
    Ok(())
}

pub fn case_deadlines(cli: &Cli, case_no: &str, today_arg: Option<&str>) -> CmdResult {
    let day = today(today_arg)?;
    let store = open_store(cli)?;
    let docket = andu_docket::Docket::for_store(&store)?;
    let detail = store.get_case(case_no).map_err(coded)?;
    let d = docket.case_deadlines(&detail, day)?;
    if cli.json {
        output::json(&d);
        return Ok(());
    }
    if let Some(t) = &d.trial_limit {
        println!(
            "审限届满日：{}（剩余 {} 日，{}）{}",
            t.limit.due,
            t.status.days_left,
            t.status.tier_name,
            provisional_tag(t.limit.provisional.as_ref())
        );
        print_lines(&t.limit.explanation);
    }
    match &d.trial_limit_error {
        Some(e) if e.code == andu_docket::TRIAL_LIMIT_EXEMPT => println!("审限：{}", e.message),
        Some(e) => println!("审限：无法计算（{}）", e.message),
        None => {}
    }
    for v in &d.deadlines {
        let who = v.deadline.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
        let tag = provisional_tag(v.deadline.provisional.as_ref());
        println!("{}{}：{}（剩余 {} 日，{}）{tag}", v.deadline.name, who, v.deadline.due, v.days_left, v.tier_name);
        print_lines(&v.deadline.explanation);
    }
    for u in &d.unresolved {
        println!("{}：无法计算（{}）", u.name, u.error.message);
    }
    Ok(())
}

pub fn due(cli: &Cli, within: &str, today_arg: Option<&str>, all: bool) -> CmdResult {
    let day = today(today_arg)?;
    let days = (andu_deadline::window_end(within, day).map_err(coded)? - day).num_days();
    let mut store = open_store(cli)?;
    let docket = andu_docket::Docket::for_store(&store)?;
    let report = docket.due(&mut store, day, days)?;
    if cli.json {
        output::json(&report);
        return Ok(());
    }
    // A division's store holds every 审限 that ran out long ago (thousands at 100,000 cases): a screen of them
    // would bury the week's items, so they are counted in one line unless asked for.
    // The window's start: periods ended before it are not listed (`andu_docket::RECENT_DAYS`, as 今日's 已超期).
    let window_start = day.checked_sub_signed(chrono::Duration::days(andu_docket::RECENT_DAYS)).unwrap_or(day);
    let long_overdue = |i: &&andu_docket::DueItem| i.kind == "trial_limit" && i.due < window_start;
    let (earlier, shown): (Vec<&andu_docket::DueItem>, Vec<&andu_docket::DueItem>) =
        report.items.iter().partition(|i| !all && long_overdue(i));
    for i in shown {
        let who = i.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
        println!(
            "{} {} {} {}{} [{}]{}",
            i.due,
            output::pad(&i.case_no, 30),
            output::pad(&i.cause, 20),
            i.name,
            who,
            i.tier_name,
            if i.provisional.is_some() { " 暂定" } else { "" }
        );
    }
    let mut years: Vec<i32> = report.items.iter().filter_map(|i| i.provisional.as_ref().map(|p| p.year)).collect();
    years.sort_unstable();
    years.dedup();
    if !years.is_empty() {
        let years = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、");
        println!(
            "标“暂定”的日期：{years} 年放假安排尚未导入，未按节假日顺延（不会晚于真正的截止日期）；导入后自动更正（andu holidays import）"
        );
    }
    if report.items.is_empty() {
        println!("{days} 日内没有到期事项");
    }
    if let Some(first) = earlier.first() {
        println!(
            "另有 {} 件案件审限已于 {window_start} 之前届满（最早 {} 届满）；逐件列出：andu due --all（或 --json）",
            earlier.len(),
            first.due
        );
    }
    if !report.unresolved.is_empty() {
        println!("另有 {} 项无法计算（例如缺少节假日数据），请用 andu deadlines 查看", report.unresolved.len());
    }
    Ok(())
}

fn read_file(file: &std::path::Path) -> Result<String, ErrorBody> {
    std::fs::read_to_string(file).map_err(|e| ErrorBody {
        code: "file_unreadable".into(),
        message: format!("无法读取 {}：{e}", file.display()),
        detail: None,
    })
}

/// `  案号 上诉期（张三）：2025-10-09 → 2025-10-10`, one line per deadline a new table or rule file moved.
fn print_moved(moved: &[andu_docket::MovedDeadline]) {
    let show = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "无法计算".into());
    for m in moved {
        let who = m.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
        let was = if m.from_provisional { "暂定 " } else { "" };
        println!("  {} {}{}：{was}{} → {}", m.case_no, m.name, who, show(m.from), show(m.to));
    }
}

/// A holiday file as JSON, or a pasted notice read into the same JSON: one import path for both. A `.json` file is
/// JSON whatever it holds (a broken one is `holiday_table_invalid`, not read as a notice).
fn holiday_json(file: &std::path::Path, year: Option<i32>) -> Result<String, ErrorBody> {
    let text = read_file(file)?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let is_json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json || body.starts_with('{') {
        return Ok(text);
    }
    Ok(andu_deadline::parse_notice(body, year).map_err(coded)?.to_notice_json())
}

/// `元旦  2026-01-01 至 2026-01-03（3 天）  调休上班 2026-01-04`, one line per holiday of a parsed notice.
fn print_year(table: &andu_deadline::YearTable) {
    println!("{} 年节假日安排（请与通知核对后再导入：andu holidays import 同一文件）：", table.year);
    for h in &table.holidays {
        let (first, last) = (h.off.first(), h.off.last());
        let span = match (first, last) {
            (Some(a), Some(b)) if a != b => format!("{a} 至 {b}（{} 天）", h.off.len()),
            (Some(a), _) => format!("{a}（1 天）"),
            _ => String::new(),
        };
        let work = if h.work.is_empty() {
            String::new()
        } else {
            format!("  调休上班 {}", h.work.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("、"))
        };
        println!("  {}  {span}{work}", h.name);
    }
}

pub fn holidays(cli: &Cli, h: &HolidaysCommand) -> CmdResult {
    if let HolidaysCommand::Parse { file, year } = h {
        let table = andu_deadline::YearTable::from_notice_json(&holiday_json(file, *year)?).map_err(coded)?;
        if cli.json {
            println!("{}", table.to_notice_json());
        } else {
            print_year(&table);
        }
        return Ok(());
    }
    let mut store = open_store(cli)?;
    match h {
        // Parsing needs no store and was answered above.
        HolidaysCommand::Parse { .. } => {}
        HolidaysCommand::Import { file, year } => {
            let json = holiday_json(file, *year)?;
            let r = andu_docket::Docket::import_holiday_year(&mut store, &json, today(None)?)?;
            if cli.json {
                output::json(&serde_json::json!({ "imported": r.year, "moved": r.moved }));
            } else {
                println!("已导入 {} 年节假日与调休安排；{} 项期限因此变化：", r.year, r.moved.len());
                print_moved(&r.moved);
            }
        }
        HolidaysCommand::List => {
            let docket = andu_docket::Docket::for_store(&store)?;
            let years: Vec<i32> = docket.calendar.years().collect();
            if cli.json {
                output::json(&years);
            } else {
                println!("节假日数据覆盖：{}", years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、"));
            }
        }
    }
    Ok(())
}

pub fn rules(cli: &Cli, r: &RulesCommand) -> CmdResult {
    use andu_docket::Docket;
    let mut store = open_store(cli)?;
    let changed = match r {
        RulesCommand::Show => {
            let areas = Docket::rule_areas(&store)?;
            if cli.json {
                output::json(&areas);
            } else {
                for a in areas {
                    let source = if a.source == "court" { "本院规则" } else { "内置" };
                    println!("{}  {}（{source}）", a.area, a.version);
                }
            }
            return Ok(());
        }
        RulesCommand::Import { file } => Docket::import_rule_file(&mut store, &read_file(file)?, today(None)?)?,
        RulesCommand::Reset { area } => Docket::reset_rule_file(&mut store, area, today(None)?)?,
    };
    if cli.json {
        output::json(&changed);
    } else {
        println!("{} 期间规则现为 {}；{} 项期限因此变化：", changed.area, changed.version, changed.moved.len());
        print_moved(&changed.moved);
    }
    Ok(())
}

pub fn reminders(cli: &Cli, r: &RemindersCommand) -> CmdResult {
    let mut store = open_store(cli)?;
    let settings = match r {
        RemindersCommand::Set { file } => {
            let text = std::fs::read_to_string(file).map_err(|e| ErrorBody {
                code: "file_unreadable".into(),
                message: format!("无法读取 {}：{e}", file.display()),
                detail: None,
            })?;
            andu_docket::Docket::set_reminder_settings(&mut store, &text)?
        }
        RemindersCommand::Show => andu_docket::Docket::for_store(&store)?.reminders,
    };
    if cli.json {
        output::json(&settings);
    } else {
        println!("远期：审限已过 {:.0}%", settings.early_fraction * 100.0);
        println!(
            "中期：民事、执行案件剩余 ≤ {} 日；刑事、行政案件剩余 ≤ {} 日",
            settings.middle_days_civil, settings.middle_days_criminal_admin
        );
        println!("紧急：剩余 ≤ {} 日；超期：已过审限届满日", settings.urgent_days);
        println!("当事人期间：届满前 {} 日提醒", settings.party_days_before);
    }
    Ok(())
}
