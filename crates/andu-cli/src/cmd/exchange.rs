use std::path::Path;

use andu_store::exchange::{self, ImportOptions};

use super::{CmdResult, coded, now, open_store, today};
use crate::args::Cli;
use crate::output;

pub fn import(cli: &Cli, file: &Path, skip_invalid: bool) -> CmdResult {
    // Parse before opening the store: a bad file never needs the key.
    let rows = exchange::parse_file(file).map_err(coded)?;
    let mut store = open_store(cli)?;
    let report = store.import(rows, ImportOptions { skip_invalid }, now()).map_err(coded)?;
    if cli.json {
        output::json(&report);
    } else {
        println!("导入完成：新增 {} 件，更新 {} 件，未变 {} 件", report.created, report.updated, report.unchanged);
        for row in &report.skipped {
            for e in &row.errors {
                println!("  跳过第 {} 行 {}：{} {}", row.line, row.case_no, e.field, e.message);
            }
        }
    }
    Ok(())
}

pub fn export(cli: &Cli, file: &Path) -> CmdResult {
    let store = open_store(cli)?;
    let n = store.export(file).map_err(coded)?;
    if cli.json {
        output::json(&serde_json::json!({ "exported": n, "file": file }));
    } else {
        println!("已导出 {n} 件案件到 {}", file.display());
    }
    Ok(())
}

pub fn demo(cli: &Cli, cases: usize, seed: u64, today_arg: Option<&str>, not_demo: bool) -> CmdResult {
    let day = today(today_arg)?;
    let mut store = open_store(cli)?;
    if !not_demo {
        // Marked before the cases go in: a store with made-up cases in it is never synced with a court server.
        store.mark_demo().map_err(coded)?;
    }
    let demo = andu_docket::demo::demo_cases(&store, day, cases, seed)?;
    let rows = exchange::jsonl::parse(&exchange::jsonl::write(&demo));
    let report = store.import(rows, ImportOptions::default(), now()).map_err(coded)?;
    if cli.json {
        output::json(&report);
    } else {
        println!(
            "演示数据已生成：新增 {} 件，更新 {} 件（{}）",
            report.created,
            report.updated,
            store.path().display()
        );
    }
    Ok(())
}
