use std::io::Read;

use andu_core::{CaseInput, ErrorBody, PartyInput};
use andu_store::CaseFilter;

use super::{CmdResult, coded, now, open_store};
use crate::args::{
    AppealCommand, CaseAddArgs, CaseCommand, Cli, EventCommand, HearingCommand, NoteCommand, PartyCommand, PartyFields,
};
use crate::output::{self, pad};

pub fn run(cli: &Cli, c: &CaseCommand) -> CmdResult {
    match c {
        CaseCommand::List { status, procedure, judge, limit, offset } => {
            let mut store = open_store(cli)?;
            let filter = CaseFilter { status: status.clone(), procedure: procedure.clone(), judge: judge.clone() };
            let (total, items) = store.list_cases(&filter, None, *offset, *limit).map_err(coded)?;
            if cli.json {
                output::json(&serde_json::json!({ "total": total, "items": items }));
            } else {
                for c in &items {
                    let status = if c.status == "closed" { "已结" } else { "未结" };
                    println!(
                        "{} {} {} {} {} {}",
                        pad(&c.case_no, 30),
                        c.filed,
                        status,
                        pad(&c.judge, 8),
                        pad(&c.cause, 24),
                        c.parties
                    );
                }
                println!("共 {total} 件，显示第 {}–{} 件", offset + 1.min(items.len()), offset + items.len());
            }
            Ok(())
        }
        CaseCommand::Show { case_no } => {
            let store = open_store(cli)?;
            let d = store.get_case(case_no).map_err(coded)?;
            if cli.json {
                output::json(&d);
                return Ok(());
            }
            let s = &d.summary;
            println!("{}  {}  [{}]", s.case_no, s.cause, if s.status == "closed" { "已结" } else { "未结" });
            println!(
                "程序：{}　立案：{}　结案：{} {}",
                s.procedure_name,
                s.filed,
                s.closed.as_deref().unwrap_or("—"),
                d.closing_method.as_deref().unwrap_or("")
            );
            println!(
                "法院：{} {}　承办法官：{}　法官助理：{}　书记员：{}",
                d.court, s.division, s.judge, d.assistant, d.clerk
            );
            println!("当事人：");
            for p in &d.parties_list {
                println!(
                    "  {} {}{}",
                    p.role,
                    p.name,
                    p.address.as_deref().map(|a| format!("（{a}）")).unwrap_or_default()
                );
            }
            for h in &d.hearings {
                println!("开庭：{} {}", h.start.replace('T', " "), h.room);
            }
            for e in &d.events {
                println!("节点：{} {} {}", e.date, e.kind, e.party.as_deref().unwrap_or(""));
            }
            for x in &d.extensions {
                let len =
                    x.months.map(|m| format!("{m} 个月")).or(x.days.map(|d| format!("{d} 日"))).unwrap_or_default();
                println!("延长审限：{} 批准 {}（{}）", x.approved, len, x.by);
            }
            for x in &d.deductions {
                println!("审限扣除：{} {} 至 {}", x.kind, x.from, x.to);
            }
            if let Some(a) = &d.appeal {
                println!("上诉：{} {}", a.filed, a.outcome.as_deref().unwrap_or("审理中"));
            }
            for n in &d.notes {
                println!("备注：{}", n.text);
            }
            Ok(())
        }
        CaseCommand::Add(args) => add(cli, args),
        CaseCommand::Set { case_no, field, value } => {
            let mut store = open_store(cli)?;
            store.write(now(), |w| w.set_case_field(case_no, field, value)).map_err(coded)?;
            let d = store.get_case(case_no).map_err(coded)?;
            if cli.json {
                output::json(&d);
            } else {
                println!("已修改 {} 的 {field}", d.summary.case_no);
            }
            Ok(())
        }
    }
}

fn add(cli: &Cli, a: &CaseAddArgs) -> CmdResult {
    let input = match &a.case_no {
        Some(no) => CaseInput {
            case_no: no.clone(),
            cause: a.cause.clone(),
            procedure: a.procedure.clone(),
            filed: a.filed.clone(),
            court: a.court.clone(),
            division: a.division.clone(),
            judge: a.judge.clone(),
            assistant: a.assistant.clone(),
            clerk: a.clerk.clone(),
            parties: a.parties.iter().map(|p| party_arg(p)).collect::<Result<_, _>>()?,
            ..Default::default()
        },
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| io_error(&e))?;
            serde_json::from_str(&text).map_err(|e| ErrorBody {
                code: "json_invalid".into(),
                message: format!("标准输入不是有效的案件 JSON：{e}"),
                detail: None,
            })?
        }
    };
    let valid = input.validate().map_err(coded)?;
    let mut store = open_store(cli)?;
    store.write(now(), |w| w.add_case(&valid)).map_err(coded)?;
    let d = store.get_case(&valid.case_no.canonical()).map_err(coded)?;
    if cli.json {
        output::json(&d);
    } else {
        println!("已新建案件 {}", d.summary.case_no);
    }
    Ok(())
}

fn party_arg(s: &str) -> Result<PartyInput, ErrorBody> {
    let (role, name) = s.split_once([':', '：']).ok_or_else(|| ErrorBody {
        code: "value_invalid".into(),
        message: format!("--party “{s}” 应为 诉讼地位:姓名，例如 原告:张三"),
        detail: None,
    })?;
    Ok(PartyInput {
        role: role.trim().into(),
        name: name.trim().into(),
        kind: andu_store::exchange::xlsx::guess_kind(name.trim()).into(),
        ..Default::default()
    })
}

fn io_error(e: &std::io::Error) -> ErrorBody {
    ErrorBody { code: "io_error".into(), message: format!("读取失败：{e}"), detail: None }
}

pub fn search(cli: &Cli, query: &str, limit: usize) -> CmdResult {
    let store = open_store(cli)?;
    let hits = store.search(query, limit).map_err(coded)?;
    if cli.json {
        output::json(&hits);
    } else {
        for h in &hits {
            println!("{} {} {} （{}）", pad(&h.case_no, 30), pad(&h.cause, 24), h.parties, h.matched);
        }
        if hits.is_empty() {
            println!("没有找到与“{query}”匹配的案件");
        }
    }
    Ok(())
}

pub fn history(cli: &Cli, case_no: &str, from_server: bool) -> CmdResult {
    let mut store = open_store(cli)?;
    if from_server {
        super::sync::fetch_history(&mut store, case_no)?;
    }
    let h = store.history(case_no).map_err(coded)?;
    if cli.json {
        output::json(&h);
    } else {
        for c in &h {
            match (&c.field, &c.old, &c.new) {
                (Some(f), _, _) if f == andu_store::sync::HISTORY_ON_SERVER => println!(
                    "{} 本机加入时从法院服务器取得此案的当前状态，此前的变更记录在服务器上（andu history {} --from-server 取回）",
                    c.at, case_no
                ),
                (Some(f), old, new) => println!(
                    "{} {} {}: {} → {}",
                    c.at,
                    c.entity,
                    f,
                    old.as_deref().unwrap_or("（空）"),
                    new.as_deref().unwrap_or("（空）")
                ),
                (None, None, Some(_)) => println!("{} 新增 {}", c.at, c.entity),
                (None, Some(_), None) => println!("{} 删除 {}", c.at, c.entity),
                (None, _, _) => println!("{} 修改 {}", c.at, c.entity),
            }
        }
    }
    Ok(())
}

pub fn event(cli: &Cli, e: &EventCommand) -> CmdResult {
    use andu_docket::case_records;
    let mut store = open_store(cli)?;
    let (done, outcome) = match e {
        EventCommand::Add { case_no, kind, date, party, note } => (
            format!("已记录节点：{date} {kind}"),
            case_records::record_event(&mut store, case_no, kind, date, party.as_deref(), note, now())?,
        ),
        EventCommand::Remove { case_no, id } => {
            (format!("已删除记录 {id}"), case_records::remove_record(&mut store, case_no, id, now())?)
        }
    };
    if cli.json {
        output::json(&serde_json::json!({ "id": outcome.id, "procedure": outcome.procedure }));
    } else {
        println!("{done}");
        if let Some(p) = outcome.procedure {
            println!("{}", p.describe());
        }
    }
    Ok(())
}

pub fn appeal(cli: &Cli, a: &AppealCommand) -> CmdResult {
    let AppealCommand::Set { case_no, filed, outcome } = a;
    let mut store = open_store(cli)?;
    let input = andu_core::AppealInput { filed: filed.clone(), outcome: outcome.clone() };
    let id = store.write(now(), |w| w.set_appeal(case_no, &input)).map_err(coded)?;
    if cli.json {
        output::json(&serde_json::json!({ "id": id }));
    } else {
        println!("已记录上诉：{filed} {}", outcome.as_deref().unwrap_or("（二审尚无结果）"));
    }
    Ok(())
}

pub fn hearing(cli: &Cli, h: &HearingCommand) -> CmdResult {
    let mut store = open_store(cli)?;
    let start = match h {
        HearingCommand::Add { start, .. } | HearingCommand::Move { start, .. } => start,
    };
    let (id, done) = match h {
        HearingCommand::Add { case_no, start, room } => {
            let input = andu_core::HearingInput { start: start.clone(), room: room.clone() };
            let id = store.write(now(), |w| w.add_hearing(case_no, &input)).map_err(coded)?;
            (id, format!("已排期开庭：{start} {room}"))
        }
        HearingCommand::Move { case_no, id, start, room } => {
            let input = andu_core::HearingInput { start: start.clone(), room: room.clone() };
            store.write(now(), |w| w.reschedule_hearing(case_no, id, &input)).map_err(coded)?;
            (id.clone(), format!("已改期：{start} {room}"))
        }
    };
    // Scheduled all the same (a court may sit on a rest day), but said: the parties are summoned for that day.
    // The write is done: a calendar that cannot be read is said in the warning, never turned into a failure.
    let warning = match andu_core::date::parse_date(start.get(..10).unwrap_or("")) {
        Err(_) => None,
        Ok(day) => match andu_docket::Docket::for_store(&store) {
            Ok(docket) => docket.calendar.rest_day_warning(day),
            Err(e) => Some(format!("无法读取节假日数据（{}），未能确认该日是否为工作日", e.message)),
        },
    };
    if cli.json {
        output::json(&serde_json::json!({ "id": id, "warnings": warning.iter().collect::<Vec<_>>() }));
    } else {
        println!("{done}");
        if let Some(w) = &warning {
            eprintln!("注意：{w}，请确认是否在该日开庭");
        }
    }
    Ok(())
}

pub fn party(cli: &Cli, p: &PartyCommand) -> CmdResult {
    let mut store = open_store(cli)?;
    let (id, done) = match p {
        PartyCommand::Add { case_no, fields } => {
            let input = fields.over(PartyInput { kind: "person".into(), ..Default::default() });
            let id = store.write(now(), |w| w.save_party(case_no, None, &input)).map_err(coded)?;
            (id, format!("已添加当事人：{}（{}）", input.name, input.role))
        }
        PartyCommand::Set { case_no, id, fields } => {
            let stored = store.get_case(case_no).map_err(coded)?.parties_list.into_iter().find(|q| &q.id == id);
            let stored = stored.ok_or_else(|| coded(andu_store::StoreError::RecordNotFound(id.clone())))?;
            let input = fields.over(PartyInput {
                role: stored.role,
                name: stored.name,
                kind: stored.kind,
                id_number: stored.id_number,
                address: stored.address,
                phone: stored.phone,
                agent: stored.agent,
                foreign: stored.foreign,
            });
            store.write(now(), |w| w.save_party(case_no, Some(id), &input)).map_err(coded)?;
            (id.clone(), format!("已修改当事人：{}", input.name))
        }
        PartyCommand::Remove { case_no, id } => {
            andu_docket::case_records::remove_record(&mut store, case_no, id, now())?;
            (id.clone(), format!("已删除当事人 {id}"))
        }
    };
    if cli.json {
        output::json(&serde_json::json!({ "id": id }));
    } else {
        println!("{done}");
    }
    Ok(())
}

impl PartyFields {
    /// `base` with the fields given on the command line; an empty optional field is cleared.
    fn over(&self, base: PartyInput) -> PartyInput {
        let opt = |given: &Option<String>, old: Option<String>| match given {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(v.clone()),
            None => old,
        };
        PartyInput {
            role: self.role.clone().unwrap_or(base.role),
            name: self.name.clone().unwrap_or(base.name),
            kind: self.kind.clone().unwrap_or(base.kind),
            id_number: opt(&self.id_number, base.id_number),
            address: opt(&self.address, base.address),
            phone: opt(&self.phone, base.phone),
            agent: opt(&self.agent, base.agent),
            foreign: self.foreign.unwrap_or(base.foreign),
        }
    }
}

pub fn note(cli: &Cli, n: &NoteCommand) -> CmdResult {
    let NoteCommand::Add { case_no, text } = n;
    let mut store = open_store(cli)?;
    let id = store.write(now(), |w| w.add_note(case_no, text)).map_err(coded)?;
    if cli.json {
        output::json(&serde_json::json!({ "id": id }));
    } else {
        println!("已添加备注");
    }
    Ok(())
}
