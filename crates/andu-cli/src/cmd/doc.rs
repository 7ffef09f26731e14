//! `andu doc`: 文书生成 over andu-docs.
//!
//! - `doc render --template FILE.docx|builtin:NAME (--data FILE.json | --case 案号 [--party 名称] [--data FILE.json])
//!   --out OUT.docx` (with both, the file's fields are laid over the case's: what a judge writes in a judgment)
//! - `doc render --template FILE.docx --data-jsonl FILE.jsonl --out-dir DIR` (1.docx, 2.docx, … by line number)
//! - `doc generate 案号 --template builtin:NAME|court:NAME [--party 名称]... [--out-dir DIR]`: one document per party
//!   into `DIR/<案号>/`, recorded on the case (`andu_docket::case_records::generate_for_parties`, as the app does)
//! - `doc fields --template FILE.docx`, `doc templates` (built-ins, and the court's templates in the store:
//!   `court:NAME`, usable wherever a template is asked for)
//!
//! Every file is written through a temp file and a rename; a batch renders every line before writing any, so a
//! bad line leaves the directory as it was, and syncs the disk once for the whole batch (`write_batch`).
//! `--delimiters "{ }"` reads a template written with docxtemplater's default delimiters (detected when absent).

use std::path::Path;

use andu_core::{Coded, ErrorBody};
use andu_docs::builtin::{self, BUILTINS};
use andu_docs::{Delimiters, FieldInfo, RenderOptions, Template, TemplateOptions, write_batch};
use serde_json::{Value, json};

use super::{CmdResult, coded, now, open_store, today};
use crate::args::{Cli, DocCommand, DocGenerateArgs, DocRenderArgs};
use crate::output;

pub fn run(cli: &Cli, c: &DocCommand) -> CmdResult {
    match c {
        DocCommand::Render(a) => render(cli, a),
        DocCommand::Generate(a) => generate(cli, a),
        DocCommand::Fields { template, delimiters } => fields(cli, template, delimiters.as_deref()),
        DocCommand::Templates => templates(cli),
        DocCommand::Delimiters { template, set } => delimiters(cli, template, set.as_deref()),
    }
}

fn data_error(message: String, detail: Option<Value>) -> ErrorBody {
    ErrorBody { code: "data_invalid".into(), message, detail }
}

fn read_text(file: &Path) -> Result<String, ErrorBody> {
    std::fs::read_to_string(file).map_err(|e| ErrorBody {
        code: "file_unreadable".into(),
        message: format!("无法读取 {}：{e}", file.display()),
        detail: None,
    })
}

fn read_json(file: &Path) -> Result<Value, ErrorBody> {
    serde_json::from_str(&read_text(file)?)
        .map_err(|e| data_error(format!("{} 不是有效的 JSON：{e}", file.display()), None))
}

fn case_values(cli: &Cli, a: &DocRenderArgs, case_no: &str) -> Result<Value, ErrorBody> {
    let day = today(a.today.as_deref())?;
    let store = open_store(cli)?;
    andu_docket::documents::case_document_data(&store, case_no, &a.template, a.party.as_deref(), day)
}

fn render(cli: &Cli, a: &DocRenderArgs) -> CmdResult {
    let template = load(cli, &a.template, a.delimiters.as_deref())?;
    let opts = RenderOptions { strict: a.strict };
    if let (Some(jsonl), Some(dir)) = (&a.data_jsonl, &a.out_dir) {
        return render_batch(cli, &template, jsonl, dir, &opts);
    }
    let Some(out) = &a.out else {
        return Err(data_error("请用 --out 指定输出文件".into(), None));
    };
    let data = match (&a.data, &a.case) {
        (Some(file), None) => read_json(file)?,
        (None, Some(case_no)) => case_values(cli, a, case_no)?,
        (Some(file), Some(case_no)) => {
            let Value::Object(extra) = read_json(file)? else {
                return Err(data_error(format!("{} 应为一个 JSON 对象（与案件数据合并）", file.display()), None));
            };
            let mut data = case_values(cli, a, case_no)?;
            for (k, v) in extra {
                data[k] = v;
            }
            data
        }
        (None, None) => return Err(data_error("请用 --data、--case 或 --data-jsonl 给出数据".into(), None)),
    };
    let missing = template.render_to_file(&data, &opts, out).map_err(coded)?;
    if cli.json {
        output::json(&json!({ "out": out, "missing": missing, "warnings": template.warnings() }));
    } else {
        print_warnings(&template);
        println!("已生成 {}", out.display());
        if !missing.is_empty() {
            println!("注意：数据中没有以下字段，文书中留空：{}", missing.join("、"));
            if a.case.is_some() && a.party.is_none() && missing.iter().any(|m| m.starts_with("送达对象")) {
                println!("（可用 --party 名称 指定送达对象）");
            }
        }
    }
    Ok(())
}

/// Generate and record the case's documents, printing each file (and what it left blank).
fn generate(cli: &Cli, a: &DocGenerateArgs) -> CmdResult {
    let day = today(a.today.as_deref())?;
    let mut store = open_store(cli)?;
    let done = andu_docket::case_records::generate_for_parties(
        &mut store,
        &a.case_no,
        &a.template,
        &a.party,
        &a.out_dir,
        day,
        now(),
        |_, _| {},
    )?;
    if cli.json {
        output::json(&done);
        return Ok(());
    }
    for d in &done.documents {
        let note =
            if d.missing.is_empty() { String::new() } else { format!("（留空：{}）", d.missing.join("、")) };
        println!("已生成 {}{note}", d.path.display());
    }
    println!("共 {} 份，已记入案件 {} 的文书", done.documents.len(), done.case_no);
    Ok(())
}

fn render_batch(cli: &Cli, template: &Template, jsonl: &Path, dir: &Path, opts: &RenderOptions) -> CmdResult {
    let text = read_text(jsonl)?;
    let mut rendered = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let data: Value = serde_json::from_str(line)
            .map_err(|e| data_error(format!("第 {n} 行不是有效的 JSON：{e}"), Some(json!({ "line": n }))))?;
        let r = template.render(&data, opts).map_err(|e| {
            let mut body = e.to_body();
            body.message = format!("第 {n} 行：{}", body.message);
            let mut detail = body.detail.take().unwrap_or_else(|| json!({}));
            detail["line"] = n.into();
            body.detail = Some(detail);
            body
        })?;
        rendered.push((n, r));
    }
    std::fs::create_dir_all(dir).map_err(|e| ErrorBody {
        code: "output_write_failed".into(),
        message: format!("无法创建目录 {}：{e}", dir.display()),
        detail: None,
    })?;
    let mut documents = Vec::new();
    let mut files = Vec::with_capacity(rendered.len());
    let mut notes = Vec::with_capacity(rendered.len());
    for (n, r) in rendered {
        files.push((dir.join(format!("{n}.docx")), r.bytes));
        notes.push((n, r.missing));
    }
    write_batch(&files).map_err(coded)?;
    if !cli.json {
        print_warnings(template);
    }
    for ((path, _), (n, missing)) in files.iter().zip(notes) {
        if !cli.json {
            let note =
                if missing.is_empty() { String::new() } else { format!("（留空：{}）", missing.join("、")) };
            println!("已生成 {}{note}", path.display());
        }
        documents.push(json!({ "line": n, "out": path, "missing": missing }));
    }
    if cli.json {
        let warnings = template.warnings();
        output::json(
            &json!({ "out_dir": dir, "count": documents.len(), "documents": documents, "warnings": warnings }),
        );
    } else {
        println!("共 {} 份", documents.len());
    }
    Ok(())
}

fn print_fields(fields: &[FieldInfo], depth: usize) {
    for f in fields {
        let filters =
            if f.filters.is_empty() { String::new() } else { format!("（过滤器：{}）", f.filters.join("、")) };
        let kind = if f.kind == "section" { "（区段）" } else { "" };
        println!("{}{}{kind}{filters}", "  ".repeat(depth + 1), f.name);
        print_fields(&f.children, depth + 1);
    }
}

fn parse_delimiters(d: &str) -> Result<Delimiters, ErrorBody> {
    Delimiters::parse(d).ok_or_else(|| ErrorBody {
        code: "value_invalid".into(),
        message: format!("定界符应为 \"{{{{ }}}}\" 或 \"{{ }}\"，而不是“{d}”"),
        detail: None,
    })
}

/// `doc delimiters --template court:NAME [--set "{ }"|"{{ }}"|auto]`: a court template's delimiters setting.
fn delimiters(cli: &Cli, spec: &str, set: Option<&str>) -> CmdResult {
    use andu_docket::court_templates::{COURT_PREFIX, set_template_delimiters, template_delimiters};
    let Some(name) = spec.strip_prefix(COURT_PREFIX) else {
        return Err(ErrorBody {
            code: "value_invalid".into(),
            message: format!(
                "只有本院模板（court:名称）可以保存定界符设置；文件模板请用 --delimiters（而不是“{spec}”）"
            ),
            detail: None,
        });
    };
    let mut store = open_store(cli)?;
    if let Some(value) = set {
        let d = if value.trim() == "auto" { None } else { Some(parse_delimiters(value)?) };
        set_template_delimiters(&mut store, name, d)?;
    }
    let setting = template_delimiters(&store, name)?;
    let t = andu_docket::court_templates::load_template(&store, spec)?;
    let label = setting.map(|d| d.label());
    if cli.json {
        output::json(
            &json!({ "template": spec, "setting": label, "delimiters": t.delimiters().label(), "warnings": t.warnings() }),
        );
    } else {
        let how = label.map_or("自动识别".to_string(), |l| format!("设定为 {l}"));
        println!("{spec} 的定界符：{}（{how}）", t.delimiters().label());
        print_warnings(&t);
    }
    Ok(())
}

/// How the template's tags were read, when a person should know (on stderr, so output stays parseable).
fn print_warnings(t: &Template) {
    for w in t.warnings() {
        eprintln!("注意：{w}");
    }
}

/// `court:NAME` comes from the store (published by the court server); `builtin:NAME` and paths need none.
fn load(cli: &Cli, spec: &str, delimiters: Option<&str>) -> Result<Template, ErrorBody> {
    let delimiters = delimiters.map(parse_delimiters).transpose()?;
    if spec.starts_with(andu_docket::court_templates::COURT_PREFIX) {
        andu_docket::court_templates::load_template_with(&open_store(cli)?, spec, delimiters)
    } else {
        Template::load_with(spec, &TemplateOptions { delimiters }).map_err(coded)
    }
}

fn fields(cli: &Cli, spec: &str, delimiters: Option<&str>) -> CmdResult {
    let t = load(cli, spec, delimiters)?;
    let fields = t.fields();
    if cli.json {
        output::json(
            &json!({ "template": spec, "fields": fields, "delimiters": t.delimiters().label(), "warnings": t.warnings() }),
        );
    } else if fields.is_empty() {
        print_warnings(&t);
        println!("{spec} 中没有字段");
    } else {
        println!("{spec} 使用的字段：");
        print_fields(&fields, 0);
    }
    Ok(())
}

fn templates(cli: &Cli) -> CmdResult {
    let mut list = Vec::new();
    for b in BUILTINS {
        let t = builtin::template(b.name).map_err(|e| e.to_body())?;
        list.push(json!({
            "name": b.name,
            "template": format!("builtin:{}", b.name),
            "description": b.description,
            "addressee_role": b.addressee_role,
            "fields": t.fields(),
        }));
    }
    // The court's templates, when there is a store that opens (listing never creates one, nor fails for want of
    // one: the built-ins are always there).
    let path = super::db_path(cli);
    let store = if path.exists() { open_store(cli).ok() } else { None };
    let mut court = Vec::new();
    if let Some(s) = &store {
        for c in andu_docket::court_templates::court_templates(s)? {
            let t = andu_docket::court_templates::load_template(s, &c.template)?;
            list.push(json!({
                "name": c.name,
                "template": c.template,
                "description": "本院发布的模板",
                "addressee_role": builtin::info(&c.name).and_then(|b| b.addressee_role),
                "fields": t.fields(),
            }));
            court.push(c);
        }
    }
    if cli.json {
        output::json(&list);
    } else {
        for b in BUILTINS {
            println!("builtin:{}  {}", b.name, b.description);
        }
        for c in &court {
            println!("{}  本院发布的模板", c.template);
        }
        println!("（可编辑的副本在 assets/templates/；用 andu doc fields --template builtin:NAME 查看字段）");
    }
    Ok(())
}
