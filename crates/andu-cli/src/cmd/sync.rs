//! `andu login`, `andu sync`, `andu conflicts`: the court server from the command line.

use andu_core::ErrorBody;
use andu_sync_client::http::{self, HttpTransport};
use andu_sync_client::view::{self, Take};
use andu_sync_client::{SyncError, sync_once};

use super::{CmdResult, coded, now, open_store};
use crate::args::{Cli, ConflictsCommand};
use crate::output;

fn device_name() -> String {
    let hostname = std::fs::read_to_string("/etc/hostname").ok();
    let computer = std::env::var("COMPUTERNAME").ok();
    http::device_name(hostname.as_deref(), computer.as_deref(), "andu-cli")
}

pub fn login(cli: &Cli, server: &str, user: &str) -> CmdResult {
    let password = std::env::var("ANDU_PASSWORD").map_err(|_| ErrorBody {
        code: "password_missing".into(),
        message: "请用环境变量 ANDU_PASSWORD 提供密码".into(),
        detail: None,
    })?;
    let mut store = open_store(cli)?;
    // A court CA for an HTTPS server with its own certificate; remembered for later syncs.
    if let Ok(path) = std::env::var("ANDU_CA_CERT") {
        let pem = std::fs::read_to_string(&path).map_err(|e| ErrorBody {
            code: "ca_unreadable".into(),
            message: format!("无法读取 ANDU_CA_CERT 指定的证书 {path}：{e}"),
            detail: None,
        })?;
        store.set_sync_meta(andu_store::table::sync::keys::CA_CERT, &pem).map_err(coded)?;
    }
    let s = http::login(&mut store, server, user, &password, &device_name()).map_err(coded)?;
    if cli.json {
        output::json(&s.user);
    } else {
        let server = http::server_url(server);
        println!("已登录 {server}：{}（{}，{}）", s.user.name, s.user.role, s.user.division);
    }
    Ok(())
}

pub fn logout(cli: &Cli) -> CmdResult {
    let mut store = open_store(cli)?;
    // The server revokes this device's tokens when it can be reached; offline, the local logout still happens.
    let revoked = http::logout(&mut store).map_err(coded)?;
    if cli.json {
        output::json(&serde_json::json!({ "logged_out": true, "revoked_on_server": revoked }));
    } else if revoked {
        println!("已退出登录，服务器已吊销本机的令牌；本机的案件仍在，重新登录后继续同步");
    } else {
        println!("已退出登录（未能连接服务器，本机令牌将在服务器上自然过期）；本机的案件仍在，重新登录后继续同步");
    }
    Ok(())
}

pub fn sync(cli: &Cli) -> CmdResult {
    let mut store = open_store(cli)?;
    let mut transport = HttpTransport::for_store(&store).map_err(coded)?;
    let report = sync_once(&mut store, &mut transport, now()).map_err(coded)?;
    if cli.json {
        output::json(&report);
    } else {
        println!(
            "已上传 {} 条修改，下载 {} 条；待处理冲突 {} 条；被拒绝 {} 条",
            report.pushed, report.pulled, report.conflicts, report.rejected
        );
        // `--json` keeps its exact contract; the text says what the court published that could not be used here.
        for a in store.waiting_assets().map_err(coded)? {
            println!(
                "服务器发布的 {} {} 尚未应用：{}",
                a.kind,
                a.name,
                a.reason.as_deref().unwrap_or("将在下次同步时应用")
            );
        }
    }
    Ok(())
}

/// `andu history CASE_NO --from-server`: keep the case's whole history from the court server (a device that joined
/// the division started each case from its current rows). The same library function as the app's button.
pub fn fetch_history(store: &mut andu_store::Store, case_no: &str) -> CmdResult {
    andu_sync_client::history::fetch_from_server(store, case_no).map_err(coded)?;
    Ok(())
}

pub fn conflicts(cli: &Cli, action: Option<&ConflictsCommand>) -> CmdResult {
    let mut store = open_store(cli)?;
    let me = store.device().to_string();
    match action {
        None => {
            let list: Vec<_> = store.conflicts(false).map_err(coded)?.iter().map(|c| view::project(c, &me)).collect();
            if cli.json {
                output::json(&list);
            } else if list.is_empty() {
                println!("没有待处理的冲突");
            } else {
                for c in &list {
                    println!(
                        "{}  {}  {}：我的 {}（{}） / 对方 {}（{}）",
                        c.id, c.case_no, c.field_label, c.mine, c.mine_by.user, c.theirs, c.theirs_by.user
                    );
                }
            }
        }
        Some(ConflictsCommand::Resolve { id, take }) => {
            let take = Take::parse(take).ok_or_else(|| ErrorBody {
                code: "bad_take".into(),
                message: format!("--take 只能是 mine 或 theirs（收到“{take}”）"),
                detail: None,
            })?;
            let record = store
                .conflicts(true)
                .map_err(coded)?
                .into_iter()
                .find(|c| &c.id == id)
                .ok_or_else(|| coded(SyncError::Store(andu_store::StoreError::ConflictNotFound(id.clone()))))?;
            let value = view::chosen_value(&record, &me, take);
            store.resolve_conflict(id, value.clone(), now()).map_err(coded)?;
            if cli.json {
                output::json(&serde_json::json!({ "id": id, "value": value }));
            } else {
                println!("已解决冲突 {id}：采用 {value}（下次同步时上传）");
            }
        }
    }
    Ok(())
}
