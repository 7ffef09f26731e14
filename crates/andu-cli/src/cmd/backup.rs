//! `andu backup` and `andu restore`: an encrypted copy of the store, the last N kept, and the way back.
//!
//! The backup is encrypted with the store's key unless `ANDU_BACKUP_KEY` gives a separate backup passphrase —
//! worth doing when the store key lives only in this machine's keyring, which a broken disk takes with it.

use std::path::{Path, PathBuf};

use andu_core::ErrorBody;
use andu_store::{DbKey, backup, resolve_key};

use super::{CmdResult, coded, now, open_store};
use crate::args::Cli;
use crate::output;

fn store_path(cli: &Cli) -> PathBuf {
    super::db_path(cli)
}

fn store_key(path: &Path) -> Result<DbKey, ErrorBody> {
    Ok(resolve_key(path, std::env::var("ANDU_DB_KEY").ok()).map_err(coded)?.0)
}

/// The backup passphrase when one is set, else the store's own key; and whether it is the store's key.
fn backup_key(path: &Path) -> Result<(DbKey, bool), ErrorBody> {
    match std::env::var("ANDU_BACKUP_KEY").ok().filter(|k| !k.is_empty()) {
        Some(k) => Ok((DbKey::new(k), false)),
        None => Ok((store_key(path)?, true)),
    }
}

/// Where backups go unless `--out` says: a `backups` folder beside the store.
pub fn default_dir(store: &Path) -> PathBuf {
    store.parent().map(|d| d.join("backups")).unwrap_or_else(|| PathBuf::from("backups"))
}

pub fn backup(cli: &Cli, out: Option<&Path>, keep: usize) -> CmdResult {
    let store = open_store(cli)?;
    let dir = out.map(Path::to_path_buf).unwrap_or_else(|| default_dir(store.path()));
    let (key, same_as_store) = backup_key(store.path())?;
    let report = store.backup(&dir, keep, now(), &key).map_err(coded)?;
    if cli.json {
        output::json(&report);
        return Ok(());
    }
    println!("已备份 {} 件案件到 {}（{} 字节）", report.cases, report.file.path.display(), report.file.bytes);
    for old in &report.removed {
        println!("  已删除较早的备份 {}（保留最近 {} 份）", old.display(), keep.max(1));
    }
    if same_as_store {
        println!(
            "备份用本数据库的密钥加密：恢复时需要同一密钥。密钥若只保存在本机的系统钥匙串中，本机损坏后备份将无法打开——\
             可设置环境变量 ANDU_BACKUP_KEY 为另记下的备份口令再备份。"
        );
    } else {
        println!("备份用 ANDU_BACKUP_KEY 中的备份口令加密：恢复时需要这个口令，请妥善保管。");
    }
    Ok(())
}

pub fn restore(cli: &Cli, file: &Path) -> CmdResult {
    let target = store_path(cli);
    let key = store_key(&target)?;
    let (from_key, _) = backup_key(&target)?;
    let report = backup::restore(file, &from_key, &target, &key, now()).map_err(coded)?;
    if cli.json {
        output::json(&report);
        return Ok(());
    }
    println!("已从 {} 恢复 {} 件案件到 {}", file.display(), report.cases, target.display());
    if let Some(previous) = &report.previous {
        println!("  恢复前的数据库已移到 {}（未删除）", previous.display());
    }
    if let Some(r) = &report.rejoin {
        println!("  这个数据库曾与 {} 同步：恢复后它作为新设备重新加入，请重新登录：", r.server);
        println!("    andu login --server {} --user {}", r.server, r.user);
        println!("  登录后同步会取回备份之后的全部修改；备份中尚未上传的 {} 处修改随后上传", r.pending);
    }
    Ok(())
}
