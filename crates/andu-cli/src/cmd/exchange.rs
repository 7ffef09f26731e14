use std::path::Path;

use andu_core::ErrorBody;
use andu_store::exchange::court::{self, MappingFile};
use andu_store::exchange::{self, ImportOptions};
use andu_store::{RowError, StoreError};

use super::{CmdResult, coded, now, open_store, today};
use crate::args::Cli;
use crate::output;

fn refuse(code: &str, message: impl Into<String>) -> ErrorBody {
    ErrorBody { code: code.into(), message: message.into(), detail: None }
}

pub struct ImportArgs<'a> {
    pub skip_invalid: bool,
    pub show_mapping: bool,
    pub mapping: Option<&'a Path>,
    pub save_mapping: bool,
}

pub fn import(cli: &Cli, file: &Path, args: ImportArgs<'_>) -> CmdResult {
    let court_layout = exchange::is_court_layout(file);
    if !court_layout && (args.show_mapping || args.mapping.is_some() || args.save_mapping) {
        return Err(refuse(
            "mapping_not_applicable",
            format!("{} 是案牍自己的导入格式（JSON Lines 或本程序导出的 .xlsx），不需要列映射", file.display()),
        ));
    }
    if !court_layout {
        // The file is checked (format, UTF-8) before the store opens: a bad file never needs the key. Its rows are
        // then read as they are written, never all at once.
        let rows = exchange::read_file(file).map_err(coded)?;
        let mut store = open_store(cli)?;
        return finish(cli, &mut store, rows, args.skip_invalid);
    }
    let user = match args.mapping {
        Some(p) => Some(
            MappingFile::from_toml(
                &std::fs::read_to_string(p)
                    .map_err(|e| refuse("file_unreadable", format!("无法读取映射文件 {}：{e}", p.display())))?,
            )
            .map_err(coded)?,
        ),
        None => None,
    };
    let table = court::read_file(file).map_err(coded)?;
    if args.show_mapping {
        // The saved mappings are used when the store opens; showing a mapping never needs the key.
        let saved = open_store(cli).ok().map(|s| s.saved_import_mappings()).transpose().map_err(coded)?;
        let layout = court::Layout::propose(&table, saved.as_deref().unwrap_or(&[]), user.as_ref()).map_err(coded)?;
        let preview = court::preview(&table, layout, 5);
        if cli.json {
            output::json(&preview);
        } else {
            print_mapping(&preview, saved.is_some());
        }
        return Ok(());
    }
    let mut store = open_store(cli)?;
    let saved = store.saved_import_mappings().map_err(coded)?;
    let parsed = exchange::parse_court_table(&table, &saved, user.as_ref()).map_err(coded)?;
    if !cli.json {
        for (line, text) in &parsed.ignored {
            println!("  忽略第 {line} 行（不是案件：{text}）");
        }
    }
    let layout = parsed.layout;
    finish(cli, &mut store, parsed.rows.into_iter().map(|r| Ok(exchange::SourceRow::from(r))), args.skip_invalid)?;
    if args.save_mapping {
        let Some(code) = layout.court_code.as_deref() else {
            return Err(refuse(
                "mapping_court_unknown",
                "已导入，但映射未保存：表格中没有可识别的案号，无法确定是哪个法院的导出".to_string(),
            ));
        };
        store.save_import_mapping(code, &layout.to_mapping_file()).map_err(coded)?;
        if !cli.json {
            println!("已保存 {code} 的列映射，下次导入该院的导出时自动使用");
        }
    }
    Ok(())
}

/// Imports parsed rows; every bad row is listed with its row, column and reason (on stderr without --json, where
/// the error body's `detail` carries them).
fn finish(
    cli: &Cli,
    store: &mut andu_store::Store,
    rows: impl Iterator<Item = andu_store::Result<exchange::SourceRow>>,
    skip_invalid: bool,
) -> CmdResult {
    let report = match store.import_source(rows, ImportOptions { skip_invalid }, now()) {
        Ok(r) => r,
        Err(StoreError::ImportRejected(bad)) => {
            if !cli.json {
                for row in &bad {
                    for line in row_lines(row) {
                        eprintln!("  {line}");
                    }
                }
            }
            return Err(coded(StoreError::ImportRejected(bad)));
        }
        Err(e) => return Err(coded(e)),
    };
    if cli.json {
        output::json(&report);
    } else {
        println!("导入完成：新增 {} 件，更新 {} 件，未变 {} 件", report.created, report.updated, report.unchanged);
        for row in &report.skipped {
            for line in row_lines(row) {
                println!("  跳过{line}");
            }
        }
    }
    Ok(())
}

/// `第 5 行 D 列“收案日期”（（2025）粤0309民初12号）：“2025/13/01”不是可识别的日期…`
fn row_lines(row: &RowError) -> Vec<String> {
    let case = if row.case_no.is_empty() { String::new() } else { format!("（{}）", row.case_no) };
    row.errors
        .iter()
        .map(|e| match row.columns.get(&e.field) {
            Some(col) => format!("第 {} 行 {col}{case}：{}", row.line, e.message),
            None => format!("第 {} 行{case} {}：{}", row.line, e.field, e.message),
        })
        .collect()
}

fn print_mapping(p: &court::Preview, store_open: bool) {
    let l = &p.layout;
    let format = match (l.format, l.encoding) {
        (court::SourceFormat::Csv, Some(enc)) => format!("CSV，编码 {enc}"),
        (f, _) => format!("{f:?}").to_lowercase(),
    };
    let rows = l.header_rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("、");
    println!("格式：{format}；列名行：第 {rows} 行");
    match (&l.court_code, &l.saved_mapping) {
        (_, Some(saved)) => println!("已使用保存的 {saved} 列映射"),
        (Some(code), None) => println!("法院代字：{code}（尚无保存的映射）"),
        _ => {}
    }
    if !store_open {
        println!("（未打开案件库：只按同义词表建议，未使用保存的映射）");
    }
    for c in &l.columns {
        let target = c.field.map(|f| f.label().to_string()).unwrap_or_else(|| "（忽略）".into());
        let note = c.note.as_deref().map(|n| format!("  {n}")).unwrap_or_default();
        println!("  {} {} → {target}{note}", output::pad(&c.letter, 3), output::pad(&c.header, 16));
    }
    if !l.missing.is_empty() {
        println!("缺少必需的字段：{}", l.missing.iter().map(|f| f.label()).collect::<Vec<_>>().join("、"));
    }
    println!("共 {} 行案件，其中 {} 行有错误", p.total, p.invalid);
    for row in p.rows.iter().filter(|r| !r.errors.is_empty()) {
        for e in &row.errors {
            let col = e.column.and_then(|c| l.columns.iter().find(|m| m.index == c)).map(|m| m.describe());
            println!("  第 {} 行 {}：{}", row.line, col.unwrap_or_default(), e.message);
        }
    }
    println!("\n映射文件（保存为 .toml、改正后用 --mapping 导入）：\n{}", p.mapping_toml);
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
    andu_docket::demo::demo_court_settings(&mut store)?;
    let report = andu_docket::demo::fill_demo(&mut store, day, cases, seed, now())?;
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
