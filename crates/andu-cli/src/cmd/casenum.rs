use andu_core::CaseNumber;
use serde_json::json;

use super::{CmdResult, coded};
use crate::args::{CasenumCommand, Cli};
use crate::output;

pub fn run(cli: &Cli, c: &CasenumCommand) -> CmdResult {
    let CasenumCommand::Check { case_no } = c;
    let n = CaseNumber::parse(case_no).map_err(coded)?;
    let info = n.type_info();
    let procedures: Vec<&str> = info.map(|t| t.procedures.iter().map(|p| p.id()).collect()).unwrap_or_default();
    if cli.json {
        output::json(&json!({
            "canonical": n.canonical(),
            "year": n.year,
            "court_code": n.court_code,
            "court_level": n.court_level(),
            "specialised": n.specialised.map(String::from),
            "type_code": n.type_code,
            "type_meaning": info.map(|t| t.meaning),
            "category": n.category,
            "category_name": n.category.name_zh(),
            "procedures": procedures,
            "serial": n.serial,
            "sub_index": n.sub_index,
            "legacy": n.legacy,
        }));
        return Ok(());
    }
    println!("规范案号：{}", n.canonical());
    println!("收案年度：{}", n.year);
    println!("法院代字：{}（{}）", n.court_code, n.court_level());
    if let Some(s) = n.specialised {
        println!("专门审判代字：{s}");
    }
    println!(
        "类型代字：{}（{}，{}案件）",
        n.type_code,
        info.map(|t| t.meaning).unwrap_or("2016 年以前的旧式代字"),
        n.category.name_zh()
    );
    if !procedures.is_empty() {
        let names: Vec<&str> = info.unwrap().procedures.iter().map(|p| p.name_zh()).collect();
        println!("可适用程序：{}", names.join("、"));
    }
    println!("案件编号：{}{}", n.serial, n.sub_index.map(|i| format!("（之{i}）")).unwrap_or_default());
    if n.legacy {
        println!("格式：2016 年以前的“…字第…号”格式");
    }
    Ok(())
}
