//! 同步 in the desktop: a background thread that syncs with the court server whenever this store is logged in —
//! every `interval`, a few seconds after a local edit, at once after 立即同步 — and backs off with jitter while
//! the server is unreachable. The store is locked only for each short step (`Step`), never across the network,
//! so the screens stay responsive; without a server everything keeps working and edits wait in the outbox.
//! Each change of the status is sent to the UI as a `sync-status` event. Behaviour lives in andu-sync-client.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use andu_store::Store;
use andu_store::sync::SyncStatus;
use andu_sync::{Hello, PROTOCOL_VERSION};
use andu_sync_client::http::{self, HttpTransport};
use andu_sync_client::schedule::{DEFAULT_INTERVAL, MAX_BACKOFF, backoff, clamp_interval};
use andu_sync_client::view::{self, ConflictView, RejectionView, Take};
use andu_sync_client::{Step, SyncError, SyncReport, Transport, sync_once};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

/// The event the status line listens to.
const EVENT: &str = "sync-status";
/// How often the thread looks at the store (pending count, due time); cheap reads only.
const TICK: Duration = Duration::from_secs(2);
/// How long to wait before trying to open a store that could not be opened.
const STORE_RETRY: Duration = Duration::from_secs(60);
/// A local edit is pushed once no further edit came for this long.
const DEBOUNCE: Duration = Duration::from_secs(3);
/// Where the chosen interval is kept (the store's meta table, next to the sync state).
const INTERVAL_KEY: &str = "app:sync_interval_secs";

#[derive(Default)]
struct Sched {
    interval: Option<Duration>,
    failures: u32,
    /// Reached the server on the last attempt; `None` before the first one.
    online: Option<bool>,
    syncing: bool,
    /// Sync as soon as possible (立即同步 queued, login, a resolved conflict).
    kick: bool,
    next: Option<Instant>,
    next_wall: Option<SystemTime>,
    last_pending: i64,
    edited: Option<Instant>,
    last_code: Option<String>,
    last_report: Option<SyncReport>,
    last_emitted: String,
    /// Bumped with every new state sent, so the UI can drop an answer older than an event it already has.
    version: u64,
}

pub struct SyncWorker {
    sched: Mutex<Sched>,
    wake: Condvar,
    /// One sync at a time (the background thread or 立即同步).
    one: Mutex<()>,
}

impl SyncWorker {
    fn sched(&self) -> MutexGuard<'_, Sched> {
        self.sched.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn kick(&self) {
        self.sched().kick = true;
        self.wake.notify_all();
    }
}

/// What the status line shows: the store's sync state plus what this app knows about the connection.
#[derive(Serialize, Clone)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncState {
    #[serde(flatten)]
    status: SyncStatus,
    logged_in: bool,
    online: Option<bool>,
    syncing: bool,
    /// When the next background attempt is due (RFC 3339), when logged in.
    next_attempt: Option<String>,
    interval_secs: u64,
    /// Consecutive failed attempts (backing off while > 0).
    failures: u32,
    /// The stable code of the last failure in this session (`server_unreachable`, `bad_credentials`…).
    last_error_code: Option<String>,
    last_report: Option<SyncReport>,
    /// Increases with every change; the UI keeps the state with the highest version (events and answers race).
    version: u64,
}

/// `sync_once` locks the app's store for each step only.
struct Locked<'a>(&'a AppState);

impl Step for Locked<'_> {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, SyncError>) -> Result<T, SyncError> {
        let mut out = None;
        if let Err(body) = self.0.with_store(|s| {
            out = Some(f(s));
            Ok(())
        }) {
            // Opening the store failed (it was open before the sync started, so this is not expected).
            return Err(SyncError::Server(body));
        }
        out.unwrap_or_else(|| Err(SyncError::Protocol("内部错误：同步步骤未执行".into())))
    }
}

fn interval_of(sched: &Sched) -> Duration {
    sched.interval.unwrap_or(DEFAULT_INTERVAL)
}

fn jitter() -> f64 {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    f64::from(nanos % 1000) / 1000.0
}

fn schedule(sched: &mut Sched, after: Duration) {
    sched.next = Some(Instant::now() + after);
    sched.next_wall = Some(SystemTime::now() + after);
}

fn read_status(app: &AppHandle) -> CmdResult<SyncStatus> {
    app.state::<AppState>().with_store(|s| s.sync_status().map_err(coded))
}

fn logged_in(status: &SyncStatus) -> bool {
    status.server.as_deref().is_some_and(|s| !s.is_empty())
}

fn state_of(worker: &SyncWorker, status: SyncStatus) -> SyncState {
    let s = worker.sched();
    let logged_in = logged_in(&status);
    SyncState {
        logged_in,
        online: if logged_in { s.online } else { None },
        syncing: s.syncing,
        next_attempt: s
            .next_wall
            .filter(|_| logged_in)
            .map(|t| DateTime::<Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        interval_secs: interval_of(&s).as_secs(),
        failures: s.failures,
        last_error_code: s.last_code.clone(),
        last_report: s.last_report,
        version: 0,
        status,
    }
}

/// Send the status to the UI when it changed since the last event (or always, with `force`).
fn emit(app: &AppHandle, force: bool) -> Option<SyncState> {
    let worker = app.state::<SyncWorker>();
    let status = read_status(app).ok()?;
    let mut state = state_of(&worker, status);
    let text = serde_json::to_string(&state).unwrap_or_default();
    {
        let mut s = worker.sched();
        if !force && s.last_emitted == text {
            state.version = s.version;
            return Some(state);
        }
        s.last_emitted = text;
        s.version += 1;
        state.version = s.version;
    }
    let _ = app.emit(EVENT, state.clone());
    Some(state)
}

/// One sync now, after any running one. Records the outcome for the status line and plans the next attempt.
fn run_sync(app: &AppHandle) -> CmdResult<SyncReport> {
    let worker = app.state::<SyncWorker>();
    let _one = worker.one.lock().unwrap_or_else(|p| p.into_inner());
    let state = app.state::<AppState>();
    let mut transport = state.with_store(|s| HttpTransport::for_store(s).map_err(coded))?;
    {
        let mut s = worker.sched();
        s.syncing = true;
        s.kick = false;
    }
    emit(app, false);
    let result = sync_once(&mut Locked(&state), &mut transport, Utc::now());
    {
        let mut s = worker.sched();
        s.syncing = false;
        match &result {
            Ok(report) => {
                s.failures = 0;
                s.online = Some(true);
                s.last_code = None;
                s.last_report = Some(*report);
                let every = interval_of(&s);
                schedule(&mut s, every);
            }
            Err(e) => {
                s.failures = s.failures.saturating_add(1);
                s.online = Some(!matches!(e, SyncError::Unreachable { .. }));
                // The server's own code when it answered (`unauthorized`: log in again), else ours.
                s.last_code = Some(e.server_code().unwrap_or(andu_core::Coded::code(e)).to_string());
                let wait = if e.is_transient() { backoff(s.failures, jitter()) } else { MAX_BACKOFF };
                schedule(&mut s, wait);
            }
        }
        s.last_pending = 0;
        s.edited = None;
    }
    emit(app, false);
    result.map_err(coded)
}

/// One look at the store: sync when due, when asked, or a moment after local edits. Returns how long to wait
/// before the next look: longer while the store cannot be opened (a wrong key is shown by the screens).
fn tick(app: &AppHandle) -> Duration {
    let worker = app.state::<SyncWorker>();
    let Ok(status) = read_status(app) else { return STORE_RETRY };
    if worker.sched().interval.is_none() {
        let saved = app.state::<AppState>().with_store(|s| s.sync_meta(INTERVAL_KEY).map_err(coded));
        let secs = saved.ok().flatten().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_INTERVAL.as_secs());
        worker.sched().interval = Some(clamp_interval(secs));
    }
    let due = {
        let mut s = worker.sched();
        if !logged_in(&status) {
            s.next = None;
            s.next_wall = None;
            s.kick = false;
            false
        } else {
            let now = Instant::now();
            if status.pending > s.last_pending {
                s.edited = Some(now);
            }
            s.last_pending = status.pending;
            if s.next.is_none() {
                // Logged in (at start-up or just now): the first attempt is right away.
                schedule(&mut s, Duration::ZERO);
            }
            let settled_edit = s.failures == 0 && s.edited.is_some_and(|t| now.duration_since(t) >= DEBOUNCE);
            s.kick || settled_edit || s.next.is_some_and(|t| now >= t)
        }
    };
    if due {
        let _ = run_sync(app);
    } else {
        emit(app, false);
    }
    TICK
}

pub fn start(app: &AppHandle) {
    app.manage(SyncWorker { sched: Mutex::new(Sched::default()), wake: Condvar::new(), one: Mutex::new(()) });
    let handle = app.clone();
    std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            loop {
                let wait = tick(&handle);
                let worker = handle.state::<SyncWorker>();
                let s = worker.sched();
                if !s.kick {
                    let _ = worker.wake.wait_timeout(s, wait);
                }
            }
        })
        .expect("spawn the sync thread");
}

/// Look at the store now (after the first run or a switch of store), not at the next slow retry.
pub fn kick(app: &AppHandle) {
    if let Some(worker) = app.try_state::<SyncWorker>() {
        worker.sched().online = None;
        worker.kick();
    }
}

/// The name this device registers with (the machine's host name).
fn device_name() -> String {
    let hostname = std::fs::read_to_string("/etc/hostname").ok();
    let computer = std::env::var("COMPUTERNAME").ok();
    http::device_name(hostname.as_deref(), computer.as_deref(), "案牍桌面")
}

/// `10.1.2.3:8443` → `https://10.1.2.3:8443`; a typed scheme is kept (plain `http://` only reaches this machine).
fn server_url(server: &str) -> String {
    http::server_url(server)
}

async fn off_thread<T: Send + 'static>(f: impl FnOnce() -> CmdResult<T> + Send + 'static) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| ErrorBody {
        code: "internal".into(),
        message: format!("内部错误：{e}"),
        detail: None,
    })?
}

#[tauri::command]
pub async fn sync_status(app: AppHandle) -> CmdResult<SyncState> {
    // Through `emit`, so the answer carries the version of the state it is (and a change is also sent as an event).
    read_status(&app)?;
    emit(&app, false).ok_or_else(|| ErrorBody {
        code: "internal".into(),
        message: "内部错误：无法读取同步状态".into(),
        detail: None,
    })
}

/// Logging in from the demo switches to the real store chosen on the first run, so the demo's made-up cases are
/// never pushed (the sync client refuses them anyway: `demo_store_not_synced`). Without a real store yet, the
/// refusal says to create one (`detail.first_run`).
fn leave_demo_for_login(state: &AppState) -> CmdResult<()> {
    // The store's own marker decides, as it does for the sync client below.
    if !state.with_store(|s| s.is_demo().map_err(coded))? {
        return Ok(());
    }
    state.leave_demo();
    match state.target() {
        Some(_) => Ok(()),
        None => Err(ErrorBody {
            code: "demo_store_not_synced".into(),
            message: "演示数据不会上传到法院服务器。请先创建正式数据库（开始使用），再在其中登录".into(),
            detail: Some(serde_json::json!({ "first_run": true })),
        }),
    }
}

/// Log in to the court server; the first sync starts right after in the background.
#[tauri::command]
pub async fn sync_login(app: AppHandle, server: String, user: String, password: String) -> CmdResult<SyncState> {
    let server = server_url(&server);
    if server.is_empty() || user.trim().is_empty() {
        return Err(ErrorBody {
            code: "login_incomplete".into(),
            message: "请填写服务器地址和用户名".into(),
            detail: None,
        });
    }
    let handle = app.clone();
    // Refused before anything is sent: a password never goes in clear text to another machine.
    http::check_secure(&server).map_err(coded)?;
    off_thread(move || {
        // Reach the server before taking the store, so an unreachable address never holds up the screens.
        HttpTransport::new(&server)
            .hello(&Hello { protocol: PROTOCOL_VERSION, client: format!("andu-app {}", env!("CARGO_PKG_VERSION")) })
            .map_err(coded)?;
        let state = handle.state::<AppState>();
        leave_demo_for_login(&state)?;
        state.with_store(|s| {
            http::login(s, &server, user.trim(), &password, &device_name()).map(|_| ()).map_err(coded)
        })?;
        let worker = handle.state::<SyncWorker>();
        {
            let mut s = worker.sched();
            s.failures = 0;
            s.online = Some(true);
            s.last_code = None;
        }
        worker.kick();
        emit(&handle, true).ok_or_else(|| ErrorBody {
            code: "internal".into(),
            message: "内部错误：无法读取同步状态".into(),
            detail: None,
        })
    })
    .await
}

/// 退出登录: end this store's session (refused with `logout_pending` while edits wait to be uploaded). Cases stay.
#[tauri::command]
pub async fn sync_logout(app: AppHandle) -> CmdResult<SyncState> {
    let handle = app.clone();
    off_thread(move || {
        let state = handle.state::<AppState>();
        let session = state.with_store(|s| http::prepare_logout(s).map_err(coded))?;
        // Over the network without holding the store; best effort (offline, the local logout still happens).
        if let Some(r) = session {
            http::revoke(&r);
        }
        state.with_store(|s| http::finish_logout(s).map_err(coded))
    })
    .await?;
    {
        let worker = app.state::<SyncWorker>();
        let mut s = worker.sched();
        s.failures = 0;
        s.online = None;
        s.last_code = None;
    }
    emit(&app, true).ok_or_else(|| ErrorBody {
        code: "internal".into(),
        message: "内部错误：无法读取同步状态".into(),
        detail: None,
    })
}

/// 立即同步: push and pull now (after a sync already running). The screens stay usable meanwhile.
#[tauri::command]
pub async fn sync_now(app: AppHandle) -> CmdResult<SyncReport> {
    off_thread(move || run_sync(&app)).await
}

/// The background interval in seconds (kept in the store; clamped to 10 s … 1 h).
#[tauri::command]
pub async fn sync_set_interval(app: AppHandle, secs: u64) -> CmdResult<SyncState> {
    let every = clamp_interval(secs);
    app.state::<AppState>()
        .with_store(|s| s.set_sync_meta(INTERVAL_KEY, &every.as_secs().to_string()).map_err(coded))?;
    let worker = app.state::<SyncWorker>();
    {
        let mut s = worker.sched();
        s.interval = Some(every);
        if s.failures == 0 && s.next.is_some() {
            schedule(&mut s, every);
        }
    }
    worker.wake.notify_all();
    sync_status(app).await
}

/// Open conflicts (or all, with `all`), with my value and theirs as this device sees them.
#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>, all: Option<bool>) -> CmdResult<Vec<ConflictView>> {
    state.with_store(|s| view::conflicts(s, all.unwrap_or(false)).map_err(coded))
}

/// Keep one side of conflict `id` (`take`: `mine` | `theirs`); pushed at the next sync, which starts soon.
#[tauri::command]
pub async fn sync_resolve(app: AppHandle, id: String, take: String) -> CmdResult<Vec<ConflictView>> {
    let take = Take::parse(&take).ok_or_else(|| ErrorBody {
        code: "bad_take".into(),
        message: format!("只能采用“我的”或“对方的”值（收到“{take}”）"),
        detail: None,
    })?;
    let open = app.state::<AppState>().with_store(|s| {
        view::resolve(s, &id, take, Utc::now()).map_err(coded)?;
        view::conflicts(s, false).map_err(coded)
    })?;
    app.state::<SyncWorker>().kick();
    emit(&app, false);
    Ok(open)
}

/// Edits the server refused, with their reason: shown so nothing is lost silently.
#[tauri::command]
pub async fn sync_rejections(state: State<'_, AppState>) -> CmdResult<Vec<RejectionView>> {
    state.with_store(|s| view::rejections(s).map_err(coded))
}

/// 从法院服务器获取完整历史: case `case_no`'s earlier history (a case received when this device joined its division
/// holds one row saying it is on the server) fetched and kept in place of that row; the same library function as
/// `andu history --from-server`. Returns how many history rows the case now has from the server. Errors:
/// `history_offline`, `history_not_logged_in`, `history_forbidden`, `history_server_error` (nothing local changes).
#[tauri::command]
pub async fn case_history_from_server(app: AppHandle, case_no: String) -> CmdResult<usize> {
    off_thread(move || {
        let state = app.state::<AppState>();
        andu_sync_client::history::fetch_from_server(&mut Locked(&state), &case_no).map_err(coded)
    })
    .await
}
