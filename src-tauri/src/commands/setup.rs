//! The first run and the start: which store, its key, who uses it; the demo one click away; backups.
//! Contract: docs/app-commands.md. The store, its key handling and backups are andu-store's; this module only
//! decides which store the app works on (`AppState`'s target) and keeps the first run's choice (`first_run.rs`).

use std::path::PathBuf;

use andu_store::{DbKey, Profile, Store, backup};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

use crate::error::{CmdResult, ErrorBody, coded};
use crate::first_run::{self, AppConfig, KeyMode};
use crate::state::{AppState, KeyChoice, Target};

const BACKUP_DIR: &str = "backup:dir";
const BACKUP_KEEP: &str = "backup:keep";
/// A passphrase shorter than this is refused: it is the only protection of the file.
const MIN_PASSPHRASE: usize = 8;

/// What the UI shows at start: `first_run` (the first-run screens), `passphrase` (ask for it), `ready`, or
/// `error` (the store cannot be opened: `error` says why, e.g. `db_key_missing`).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StartStatus {
    #[cfg_attr(test, ts(type = "\"first_run\" | \"passphrase\" | \"ready\" | \"error\""))]
    stage: &'static str,
    path: Option<String>,
    demo: bool,
    #[cfg_attr(test, ts(type = "\"keyring\" | \"passphrase\" | \"environment\" | \"demo\""))]
    key_mode: &'static str,
    case_count: usize,
    profile: Profile,
    /// Where a new store goes unless the user chooses another place.
    default_path: String,
    /// A real store is configured (the demo can be left for it).
    has_real_store: bool,
    error: Option<ErrorBody>,
}

fn profile_of(s: &Store) -> CmdResult<Profile> {
    s.profile().map_err(coded)
}

fn start_status(state: &AppState) -> StartStatus {
    let target = state.target();
    let mut status = StartStatus {
        stage: "ready",
        path: target.as_ref().map(|t| t.path.display().to_string()),
        demo: false,
        key_mode: state.key_mode(),
        case_count: 0,
        profile: Profile::default(),
        default_path: crate::state::default_db_path().display().to_string(),
        has_real_store: state.configured_target().is_some(),
        error: None,
    };
    match target {
        None => status.stage = "first_run",
        Some(Target { key: KeyChoice::Passphrase, .. }) => status.stage = "passphrase",
        Some(_) => match state
            .with_store(|s| Ok((s.is_demo().map_err(coded)?, s.case_count().map_err(coded)?, profile_of(s)?)))
        {
            Ok((demo, count, profile)) => {
                status.demo = demo;
                status.case_count = count;
                status.profile = profile;
            }
            Err(e) => {
                status.stage = "error";
                status.error = Some(e);
            }
        },
    }
    status
}

#[tauri::command]
pub async fn app_start(state: State<'_, AppState>) -> CmdResult<StartStatus> {
    Ok(start_status(&state))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    /// Empty: the default place in the OS data dir.
    path: Option<String>,
    key_mode: String,
    passphrase: Option<String>,
    name: String,
    court: String,
    division: String,
    /// The user logs in to the court server next: name and 审判庭 may be left empty, the account fills them.
    #[serde(default)]
    from_server: bool,
}

fn invalid(code: &str, message: String, field: &str) -> ErrorBody {
    ErrorBody { code: code.into(), message, detail: Some(serde_json::json!({ "field": field })) }
}

/// A name, court or 审判庭 as typed: required (unless `optional`), one line, at most 50 characters.
fn profile_field(value: &str, field: &str, label: &str, optional: bool) -> CmdResult<String> {
    let v = value.trim();
    if v.is_empty() && !optional {
        return Err(invalid("setup_incomplete", format!("请填写{label}"), field));
    }
    if v.chars().count() > 50 || v.chars().any(char::is_control) {
        return Err(invalid("setup_field_invalid", format!("{label}最多 50 个字，且不能包含换行等控制字符"), field));
    }
    Ok(v.to_string())
}

/// The first run: create (or open) the store where the user chose, with the key kept as chosen, record who uses
/// it, and remember the choice for the next start. Nothing is saved unless the store opened with its key.
#[tauri::command]
pub async fn first_run_setup(app: AppHandle, input: SetupInput) -> CmdResult<StartStatus> {
    let state = app.state::<AppState>();
    // Before a login the court account gives the name and 审判庭 (andu_store::Profile); the court is always typed.
    let name = profile_field(&input.name, "name", "您的姓名", input.from_server)?;
    let court = profile_field(&input.court, "court", "所在法院", false)?;
    let division = profile_field(&input.division, "division", "审判庭", input.from_server)?;
    let mode = KeyMode::parse(&input.key_mode).ok_or_else(|| {
        invalid(
            "setup_field_invalid",
            format!("密钥保管方式只能是系统钥匙串或口令（收到“{}”）", input.key_mode),
            "keyMode",
        )
    })?;
    let path = match input.path.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) if PathBuf::from(p).is_absolute() => PathBuf::from(p),
        Some(p) => {
            return Err(invalid(
                "store_path_invalid",
                format!("数据库位置须是完整路径（如 /home/用户/案牍/cases.db），收到“{p}”"),
                "path",
            ));
        }
        None => crate::state::default_db_path(),
    };
    let key = match mode {
        KeyMode::Keyring => KeyChoice::Keyring,
        KeyMode::Passphrase => {
            let p = input.passphrase.unwrap_or_default();
            if p.chars().count() < MIN_PASSPHRASE {
                return Err(invalid(
                    "passphrase_too_short",
                    format!("口令至少 {MIN_PASSPHRASE} 个字符：它是这个数据库唯一的保护"),
                    "passphrase",
                ));
            }
            KeyChoice::Typed(p)
        }
    };
    let target = Target { path: path.clone(), key, demo: false };
    state.switch_to(Some(target));
    let opened = state.with_store(|s| {
        // A field left for the account to fill keeps what an existing store chosen here already has.
        let mut p = s.profile().map_err(coded)?;
        for (kept, typed) in [(&mut p.name, name), (&mut p.court, court), (&mut p.division, division)] {
            if !typed.is_empty() {
                *kept = typed;
            }
        }
        s.set_profile(&p).map_err(coded)
    });
    if let Err(e) = opened {
        // Back to the first-run screens (or the store configured before): nothing was chosen.
        state.switch_to(state.configured_target());
        return Err(e);
    }
    if let Some(file) = state.config_file() {
        first_run::save(file, &AppConfig { store: path, key: mode }).map_err(|e| ErrorBody {
            code: "config_write_failed".into(),
            message: format!("无法保存设置文件 {}：{e}。数据库已创建，下次启动时需重新选择", file.display()),
            detail: None,
        })?;
    }
    crate::sync::kick(&app);
    Ok(start_status(&state))
}

/// The passphrase of a store kept under one; a wrong one is `db_wrong_key` and the store stays closed.
#[tauri::command]
pub async fn unlock_store(state: State<'_, AppState>, passphrase: String) -> CmdResult<StartStatus> {
    let Some(target) = state.target() else { return Err(crate::state::first_run_required()) };
    let locked = Target { key: KeyChoice::Passphrase, ..target.clone() };
    state.switch_to(Some(Target { key: KeyChoice::Typed(passphrase), ..target }));
    if let Err(e) = state.with_store(|_| Ok(())) {
        state.switch_to(Some(locked));
        return Err(e);
    }
    Ok(start_status(&state))
}

/// 演示数据: work on the demo store (a separate file, filled on first use and marked as demo data).
#[tauri::command]
pub async fn open_demo(app: AppHandle) -> CmdResult<StartStatus> {
    let state = app.state::<AppState>();
    state.open_demo();
    Ok(start_status(&state))
}

/// Leave the demo for the store chosen on the first run (or the first-run screens when there is none).
#[tauri::command]
pub async fn leave_demo(app: AppHandle) -> CmdResult<StartStatus> {
    let state = app.state::<AppState>();
    state.leave_demo();
    crate::sync::kick(&app);
    Ok(start_status(&state))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupInfo {
    dir: String,
    keep: usize,
    #[cfg_attr(test, ts(type = "\"keyring\" | \"passphrase\" | \"environment\" | \"demo\""))]
    key_mode: &'static str,
    backups: Vec<backup::BackupFile>,
}

fn backup_settings(state: &AppState) -> CmdResult<(PathBuf, usize)> {
    let default_dir = state.data_dir().join("backups");
    state.with_store(|s| {
        let dir = s.setting(BACKUP_DIR).map_err(coded)?.filter(|d| !d.is_empty()).map(PathBuf::from);
        let keep = s.setting(BACKUP_KEEP).map_err(coded)?.and_then(|k| k.parse().ok());
        Ok((dir.unwrap_or(default_dir), keep.unwrap_or(backup::DEFAULT_KEEP)))
    })
}

/// 设置 → 备份: where backups go, how many are kept, and those there are (newest first).
#[tauri::command]
pub async fn backup_info(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    let (dir, keep) = backup_settings(&state)?;
    let backups = backup::list(&dir).map_err(coded)?;
    Ok(BackupInfo { dir: dir.display().to_string(), keep, key_mode: state.key_mode(), backups })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInput {
    dir: Option<String>,
    keep: Option<usize>,
    /// A separate backup passphrase; empty: the store's own key.
    passphrase: Option<String>,
}

fn backup_key(state: &AppState, passphrase: Option<String>) -> CmdResult<DbKey> {
    match passphrase.filter(|p| !p.is_empty()) {
        Some(p) => Ok(DbKey::new(p)),
        None => AppState::key_of(&state.target().ok_or_else(crate::state::first_run_required)?),
    }
}

/// 立即备份: an encrypted copy in the backup folder (remembered with `keep`), the oldest beyond `keep` removed.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, input: BackupInput) -> CmdResult<backup::BackupReport> {
    let (saved_dir, saved_keep) = backup_settings(&state)?;
    let dir = input.dir.filter(|d| !d.trim().is_empty()).map(PathBuf::from).unwrap_or(saved_dir);
    let keep = input.keep.unwrap_or(saved_keep).clamp(1, 100);
    let key = backup_key(&state, input.passphrase)?;
    state.with_store(|s| {
        let report = s.backup(&dir, keep, chrono::Utc::now(), &key).map_err(coded)?;
        s.set_setting(BACKUP_DIR, &dir.display().to_string()).map_err(coded)?;
        s.set_setting(BACKUP_KEEP, &keep.to_string()).map_err(coded)?;
        Ok(report)
    })
}

/// 恢复: replace the store by a backup. The backup must open with `passphrase` (or the store's key when empty);
/// a wrong one is `db_wrong_key` and nothing changes. The replaced store is kept beside it.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file: String,
    passphrase: Option<String>,
) -> CmdResult<backup::RestoreReport> {
    let from_key = backup_key(&state, passphrase)?;
    state.with_store_closed(|target| {
        let key = AppState::key_of(target)?;
        backup::restore(&PathBuf::from(&file), &from_key, &target.path, &key, chrono::Utc::now()).map_err(coded)
    })
}

/// 设置 → 本院信息: the court, its appellate court (for 上诉于…), and the appellate court its name suggests.
#[tauri::command]
pub async fn court_profile(state: State<'_, AppState>) -> CmdResult<andu_docket::court_profile::CourtProfile> {
    state.with_store(|s| andu_docket::court_profile::court_profile(s))
}

/// Set (or, with `""`, clear) the appellate court; a name that is no court's is `appellate_court_invalid`.
#[tauri::command]
pub async fn set_appellate_court(
    state: State<'_, AppState>,
    name: String,
) -> CmdResult<andu_docket::court_profile::CourtProfile> {
    state.with_store(|s| andu_docket::court_profile::set_appellate_court(s, &name))
}
