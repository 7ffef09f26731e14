//! The one store the app works on, opened lazily on first use so that a wrong key or a missing keyring becomes a
//! visible error in the UI instead of a crash at start-up.
//!
//! A panic inside a command (a library bug) must not end the app's usefulness: it once happened while the store's
//! mutex was held, and every later command answered 数据库锁已损坏 until a restart. Now the panic is caught where
//! the lock is held and answered as `internal_error`, the store is reopened from its file on the next command
//! (an interrupted write was rolled back by SQLite; in-memory state may not have been), and a poisoned lock is
//! taken over rather than refused.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Mutex;

use andu_store::{Store, resolve_key};

use crate::error::{CmdResult, ErrorBody, coded};

pub struct AppState {
    path: PathBuf,
    env_key: Option<String>,
    /// `ANDU_DEMO=1`: fill an empty store with the demo cases on first open (used by the E2E test and `xtask run`).
    demo_on_empty: bool,
    store: Mutex<Option<Store>>,
}

impl AppState {
    /// The shell is where the environment is read; the library crates receive values.
    pub fn from_env() -> Self {
        Self::new(
            std::env::var_os("ANDU_DB").map(PathBuf::from).unwrap_or_else(andu_store::default_db_path),
            std::env::var("ANDU_DB_KEY").ok(),
            std::env::var("ANDU_DEMO").is_ok_and(|v| v == "1"),
        )
    }

    pub fn new(path: PathBuf, env_key: Option<String>, demo_on_empty: bool) -> Self {
        AppState { path, env_key, demo_on_empty, store: Mutex::new(None) }
    }

    /// Run `f` with the open store, opening it first if needed. A panic in `f` is the `internal_error` answer.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CmdResult<T>) -> CmdResult<T> {
        // A panic elsewhere while holding the lock poisons it; the store inside is dropped below when that
        // happens here, and the guard is as good as any.
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if guard.is_none() {
                let (key, _) = resolve_key(&self.path, self.env_key.clone()).map_err(coded)?;
                let mut store = Store::open(&self.path, &key).map_err(coded)?;
                if self.demo_on_empty && store.case_count().map_err(coded)? == 0 {
                    crate::commands::cases::fill_demo(&mut store, 200, 7)?;
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
