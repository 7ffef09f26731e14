//! `andu law search|show` and `andu cite check`: the statute library and the citation check (andu-law).

use andu_law::{Library, docx_text::docx_text, query};
use serde_json::json;

use super::{CmdResult, coded, open_store};
use crate::args::{CiteCommand, Cli, CourtCommand, LawCommand};
use crate::output;

fn date_arg(s: Option<&str>) -> Result<Option<chrono::NaiveDate>, andu_core::ErrorBody> {
    s.map(|d| andu_core::date::parse_date(d).map_err(coded)).transpose()
}

pub fn run(cli: &Cli, c: &LawCommand) -> CmdResult {
    let lib = Library::shipped().map_err(coded)?;
    match c {
        LawCommand::Search { query: q, on, limit } => {
            let result = query::search(lib, q, date_arg(on.as_deref())?, *limit);
            if cli.json {
                output::json(&result);
                return Ok(());
            }
            for l in &result.laws {
                let repealed = l.repealed.as_ref().map(|r| format!("（已于 {} 废止）", r.on)).unwrap_or_default();
                println!("《{}》{}", l.title, repealed);
            }
            for h in &result.hits {
                println!("《{}》{}：{}", h.law, h.label, h.snippet);
            }
            println!("共 {} 条命中", result.total);
        }
        LawCommand::Show { law, article, on } => {
            let shown = query::show(lib, law, article.as_deref(), date_arg(on.as_deref())?).map_err(coded)?;
            if cli.json {
                output::json(&shown);
                return Ok(());
            }
            let v = &shown.version;
            let from = v.in_force_from.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
            let until = v.in_force_until.map(|d| format!("，{d} 起不再施行")).unwrap_or_default();
            println!("《{}》（{} 起施行{}；来源：{}）", shown.law.title, from, until, v.source);
            for a in &shown.articles {
                println!("{} {}", a.label, a.paragraphs.join("\n"));
            }
            if let Some(c) = &shown.citation {
                println!("引用：{c}");
            }
        }
    }
    Ok(())
}

/// The running text of a judgment file: a .docx's paragraphs, or UTF-8 text.
fn judgment_text(file: &std::path::Path) -> Result<String, andu_core::ErrorBody> {
    let bytes = std::fs::read(file).map_err(|e| andu_core::ErrorBody {
        code: "io_error".into(),
        message: format!("无法读取 {}：{e}", file.display()),
        detail: None,
    })?;
    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return docx_text(&bytes).map_err(coded);
    }
    String::from_utf8(bytes).map_err(|_| andu_core::ErrorBody {
        code: "text_not_utf8".into(),
        message: format!("{} 不是 UTF-8 编码的文本（请另存为 UTF-8，或检查 .docx 文件）", file.display()),
        detail: None,
    })
}

pub fn cite(cli: &Cli, c: &CiteCommand) -> CmdResult {
    let (file, date) = match c {
        CiteCommand::Check { file, date } | CiteCommand::Appendix { file, date } => (file, date),
    };
    let date = andu_core::date::parse_date(date).map_err(coded)?;
    let text = judgment_text(file)?;
    let library = Library::shipped().map_err(coded)?;
    if let CiteCommand::Appendix { .. } = c {
        let a = andu_law::appendix(library, &text, date);
        if cli.json {
            output::json(&a);
            return Ok(());
        }
        if a.text.is_empty() {
            println!("没有可列入附录的引用");
        } else {
            println!("{}", a.text);
        }
        if !a.left_out.is_empty() {
            eprintln!("\n未列入附录的引用（请先更正）：");
            for r in &a.left_out {
                eprintln!("  {}：{}", r.text, r.message);
            }
        }
        return Ok(());
    }
    let checks = andu_law::check_text(library, &text, date);
    if cli.json {
        output::json(&json!({ "citations": checks }));
        return Ok(());
    }
    for r in &checks {
        let status = serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        println!("[{status}] {}：{}", r.text, r.message);
        if let Some(s) = &r.suggestion {
            println!("    建议：{s}");
        }
    }
    println!(
        "共 {} 处引用，{} 处需要核对",
        checks.len(),
        checks.iter().filter(|r| r.status != andu_law::CiteStatus::Ok).count()
    );
    Ok(())
}

/// `andu court show|set`: the court's appellate court (andu-docket `court_profile`), kept in the store.
pub fn court(cli: &Cli, c: &CourtCommand) -> CmdResult {
    let mut store = open_store(cli)?;
    let profile = match c {
        CourtCommand::Show => andu_docket::court_profile::court_profile(&store)?,
        CourtCommand::Set { appellate } => andu_docket::court_profile::set_appellate_court(&mut store, appellate)?,
    };
    if cli.json {
        output::json(&profile);
        return Ok(());
    }
    println!("本院：{}", if profile.court.is_empty() { "（未填写）" } else { profile.court.as_str() });
    match &profile.appellate_court {
        Some(a) => println!("上诉法院：{a}"),
        None => println!("上诉法院：未设置（判决书的“上诉于”处会写明未设置）"),
    }
    if let Some(s) = profile.suggestion.as_ref().filter(|_| profile.appellate_court.is_none()) {
        println!("按本院名称推断：{s}（请核对全称后用 andu court set --appellate 设置）");
    }
    Ok(())
}
