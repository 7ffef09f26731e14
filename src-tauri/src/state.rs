//! The one store the app works on, opened lazily on first use so that a wrong key or a missing keyring becomes a
//! visible error in the UI instead of a crash at start-up.
//!
//! Which store that is (`Target`) is decided by the shell: `ANDU_DB` (developers, tests, `cargo xtask run` with
//! the demo), else the choice made on the first run (`first_run.rs`, a small file in the OS config dir), else
//! none yet — then every command answers `first_run_required` and the UI shows the first-run screens. A store whose
//! key is a passphrase stays closed until it is typed (`passphrase_required`). The demo is a separate store
//! (`demo.db`) one click away, marked as demo data in the store itself.
//!
//! A panic inside a command (a library bug) must not end the app's usefulness: it once happened while the store's
//! mutex was held, and every later command answered 数据库锁已损坏 until a restart. Now the panic is caught where
//! the lock is held and answered as `internal_error`, the store is reopened from its file on the next command
//! (an interrupted write was rolled back by SQLite; in-memory state may not have been), and a poisoned lock is
//! taken over rather than refused.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use andu_store::{DbKey, Store, resolve_key};

use crate::error::{CmdResult, ErrorBody, coded};
use crate::first_run::{self, KeyMode};

/// Where the demo store lives and its fixed key (the same as `cargo xtask run`'s): demo data is no secret.
pub const DEMO_KEY: &str = "andu-demo";

/// How the key of the store is obtained.
#[derive(Clone, Debug)]
pub enum KeyChoice {
    /// Known: `ANDU_DB_KEY` or the demo's fixed key.
    Given(String),
    /// A passphrase typed in this session.
    Typed(String),
    /// The OS keyring (one entry per store path; a new store gets a random key).
    Keyring,
    /// A passphrase the user types at each start, not typed yet.
    Passphrase,
}

#[derive(Clone, Debug)]
pub struct Target {
    pub path: PathBuf,
    pub key: KeyChoice,
    /// The demo store: filled with the demo cases when empty, and marked as demo data.
    pub demo: bool,
}

pub struct AppState {
    target: Mutex<Option<Target>>,
    /// Where the first-run choice is kept (read at start unless `ANDU_DB` decides; written by the first run).
    config_file: Option<PathBuf>,
    /// The OS data dir's `andu` folder: the default store, the demo store, backups.
    data_dir: PathBuf,
    /// The real store worked on before the demo was opened (with a passphrase already typed), to return to.
    before_demo: Mutex<Option<Target>>,
    store: Mutex<Option<Store>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn first_run_required() -> ErrorBody {
    ErrorBody {
        code: "first_run_required".into(),
        message: "尚未设置案件数据库：请先完成“开始使用”中的设置（数据库位置、密钥和您的信息）".into(),
        detail: None,
    }
}

pub fn passphrase_required() -> ErrorBody {
    ErrorBody {
        code: "passphrase_required".into(),
        message: "案件数据库用口令加密：请输入口令以打开".into(),
        detail: None,
    }
}

/// The store the CLI also opens by default, under the OS data folder.
pub fn default_db_path() -> PathBuf {
    andu_store::default_db_path(&dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")))
}

impl AppState {
    /// The shell is where the environment is read; the library crates receive values. An empty `ANDU_DB` counts
    /// as unset (the first-run E2E test starts the app that way).
    pub fn from_env() -> Self {
        let data_dir = default_db_path().parent().map(PathBuf::from).unwrap_or_else(|| ".".into());
        if let Some(path) = std::env::var_os("ANDU_DB").filter(|p| !p.is_empty()) {
            let key = match std::env::var("ANDU_DB_KEY").ok().filter(|k| !k.is_empty()) {
                Some(k) => KeyChoice::Given(k),
                None => KeyChoice::Keyring,
            };
            let demo = std::env::var("ANDU_DEMO").is_ok_and(|v| v == "1");
            let target = Target { path: PathBuf::from(path), key, demo };
            return Self::with_target(Some(target), Some(first_run::config_file()), data_dir);
        }
        let config_file = first_run::config_file();
        let target = first_run::load(&config_file).map(|c| c.target());
        Self::with_target(target, Some(config_file), data_dir)
    }

    #[cfg(test)]
    pub fn new(path: PathBuf, env_key: Option<String>, demo_on_empty: bool) -> Self {
        let key = env_key.map(KeyChoice::Given).unwrap_or(KeyChoice::Keyring);
        let data_dir = path.parent().map(PathBuf::from).unwrap_or_else(|| ".".into());
        Self::with_target(Some(Target { path, key, demo: demo_on_empty }), None, data_dir)
    }

    pub fn with_target(target: Option<Target>, config_file: Option<PathBuf>, data_dir: PathBuf) -> Self {
        AppState {
            target: Mutex::new(target),
            config_file,
            data_dir,
            before_demo: Mutex::new(None),
            store: Mutex::new(None),
        }
    }

    pub fn target(&self) -> Option<Target> {
        lock(&self.target).clone()
    }

    pub fn config_file(&self) -> Option<&PathBuf> {
        self.config_file.as_ref()
    }

    pub fn data_dir(&self) -> &PathBuf {
        &self.data_dir
    }

    pub fn demo_target(&self) -> Target {
        Target { path: self.data_dir.join("demo.db"), key: KeyChoice::Given(DEMO_KEY.into()), demo: true }
    }

    /// Switch to the demo store, remembering the real one to return to.
    pub fn open_demo(&self) {
        if let Some(real) = self.target().filter(|t| !t.demo) {
            *lock(&self.before_demo) = Some(real);
        }
        self.switch_to(Some(self.demo_target()));
    }

    /// Back from the demo: to the real store worked on before (no passphrase asked again), else the first run's.
    pub fn leave_demo(&self) {
        let real = lock(&self.before_demo).take().or_else(|| self.configured_target());
        self.switch_to(real);
    }

    /// The store the first-run choice names (what to switch back to from the demo), if a choice was made.
    pub fn configured_target(&self) -> Option<Target> {
        self.config_file.as_ref().and_then(|f| first_run::load(f)).map(|c| c.target())
    }

    /// Close the open store and work on `target` from the next command on.
    pub fn switch_to(&self, target: Option<Target>) {
        let mut store = lock(&self.store);
        *store = None;
        *lock(&self.target) = target;
    }

    /// The key of `target`, or why it cannot be had (`passphrase_required`, `db_key_missing`).
    pub fn key_of(target: &Target) -> CmdResult<DbKey> {
        match &target.key {
            KeyChoice::Given(k) | KeyChoice::Typed(k) => Ok(DbKey::new(k.clone())),
            KeyChoice::Keyring => Ok(resolve_key(&target.path, None).map_err(coded)?.0),
            KeyChoice::Passphrase => Err(passphrase_required()),
        }
    }

    /// How the open store's key is kept, for 设置 (`keyring`, `passphrase`, `environment`, `demo`).
    pub fn key_mode(&self) -> &'static str {
        match self.target() {
            Some(Target { demo: true, .. }) => "demo",
            Some(Target { key: KeyChoice::Keyring, .. }) => KeyMode::Keyring.id(),
            Some(Target { key: KeyChoice::Passphrase | KeyChoice::Typed(_), .. }) => KeyMode::Passphrase.id(),
            _ => "environment",
        }
    }

    /// Run `f` with the store closed (restore replaces its file); it is reopened by the next command.
    pub fn with_store_closed<T>(&self, f: impl FnOnce(&Target) -> CmdResult<T>) -> CmdResult<T> {
        let mut guard = lock(&self.store);
        *guard = None;
        let target = self.target().ok_or_else(first_run_required)?;
        f(&target)
    }

    /// Run `f` with the open store, opening it first if needed. A panic in `f` is the `internal_error` answer.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CmdResult<T>) -> CmdResult<T> {
        // A panic elsewhere while holding the lock poisons it; the store inside is dropped below when that
        // happens here, and the guard is as good as any.
        let mut guard = lock(&self.store);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if guard.is_none() {
                let target = self.target().ok_or_else(first_run_required)?;
                let key = Self::key_of(&target)?;
                let mut store = Store::open(&target.path, &key).map_err(coded)?;
                if target.demo {
                    // An empty store is filled and marked; one opened with the demo key (the demo store of an
                    // earlier version, `cargo xtask run`'s) is marked too. A filled store under another key that
                    // `ANDU_DEMO` names is left as it is: it may hold real cases.
                    let empty = store.case_count().map_err(coded)? == 0;
                    if empty || matches!(&target.key, KeyChoice::Given(k) if k == DEMO_KEY) {
                        store.mark_demo().map_err(coded)?;
                    }
                    if empty {
                        crate::commands::cases::fill_demo(&mut store, 200, 7)?;
                    }
                }
                *guard = Some(store);
            }
            f(guard.as_mut().expect("opened above"))
        }));
        outcome.unwrap_or_else(|panic| {
            *guard = None;
            Err(internal_error(panic.as_ref()))
        })
    }
}

fn internal_error(panic: &(dyn std::any::Any + Send)) -> ErrorBody {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知原因".into());
    ErrorBody {
        code: "internal_error".into(),
        message: format!("内部错误，操作未完成（{what}）。案牍仍可继续使用；请重试，如再次出现请联系管理员"),
        detail: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(dir: &tempfile::TempDir) -> AppState {
        AppState::new(dir.path().join("t.db"), Some("app-test-key".into()), false)
    }

    /// Issue #12: a panicking operation inside the lock answered nothing and poisoned the lock, so every later
    /// command said 数据库锁已损坏 until a restart.
    #[test]
    fn a_panic_inside_the_lock_is_internal_error_and_the_next_command_works() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(&dir);
        assert_eq!(state.with_store(|s| s.case_count().map_err(coded)).unwrap(), 0);
        let err = state.with_store(|_| -> CmdResult<()> { panic!("split_at 越界") }).unwrap_err();
        assert_eq!(err.code, "internal_error");
        assert!(err.message.contains("split_at 越界"), "{}", err.message);
        assert_eq!(state.with_store(|s| s.case_count().map_err(coded)).unwrap(), 0, "the next command works");
    }

    #[test]
    fn without_a_first_run_every_command_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::with_target(None, None, dir.path().to_path_buf());
        assert_eq!(state.with_store(|s| s.case_count().map_err(coded)).unwrap_err().code, "first_run_required");
    }

    /// Issue #14: a store under a passphrase stays closed until it is typed; a wrong one is the store's own
    /// `db_wrong_key`, and the file is not touched.
    #[test]
    fn a_passphrase_store_opens_only_with_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.db");
        drop(Store::open(&path, &DbKey::new("正确的口令-123")).unwrap());
        let before = std::fs::read(&path).unwrap();
        let locked = Target { path: path.clone(), key: KeyChoice::Passphrase, demo: false };
        let state = AppState::with_target(Some(locked.clone()), None, dir.path().to_path_buf());
        let count = |state: &AppState| state.with_store(|s| s.case_count().map_err(coded));
        assert_eq!(count(&state).unwrap_err().code, "passphrase_required");
        state.switch_to(Some(Target { key: KeyChoice::Typed("猜的".into()), ..locked.clone() }));
        assert_eq!(count(&state).unwrap_err().code, "db_wrong_key");
        assert_eq!(std::fs::read(&path).unwrap(), before, "a wrong passphrase changes nothing");
        state.switch_to(Some(Target { key: KeyChoice::Typed("正确的口令-123".into()), ..locked }));
        assert_eq!(count(&state).unwrap(), 0);
    }

    /// The demo is a separate store, filled and marked on first use; leaving it returns to the real store
    /// without asking for its passphrase again.
    #[test]
    fn the_demo_is_a_marked_store_of_its_own_and_leaving_it_returns() {
        let dir = tempfile::tempdir().unwrap();
        let real =
            Target { path: dir.path().join("cases.db"), key: KeyChoice::Typed("口令-12345678".into()), demo: false };
        let state = AppState::with_target(Some(real.clone()), None, dir.path().to_path_buf());
        assert!(!state.with_store(|s| s.is_demo().map_err(coded)).unwrap());
        state.open_demo();
        let (demo, cases) =
            state.with_store(|s| Ok((s.is_demo().map_err(coded)?, s.case_count().map_err(coded)?))).unwrap();
        assert!(demo, "the demo store is marked");
        assert!(cases >= 200, "{cases}");
        assert_eq!(state.target().unwrap().path, dir.path().join("demo.db"));
        state.leave_demo();
        assert_eq!(state.target().unwrap().path, real.path);
        assert_eq!(state.with_store(|s| s.case_count().map_err(coded)).unwrap(), 0, "the real store, untouched");
    }

    #[test]
    fn a_poisoned_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(&dir);
        std::thread::scope(|scope| {
            let holder = scope.spawn(|| {
                let _guard = state.store.lock().unwrap();
                panic!("a panic while holding the lock");
            });
            assert!(holder.join().is_err());
        });
        assert!(state.store.is_poisoned());
        assert_eq!(state.with_store(|s| s.case_count().map_err(coded)).unwrap(), 0);
    }
}
