//! The one store the app works on, opened lazily on first use so that a wrong key or a missing keyring becomes a
//! visible error in the UI instead of a crash at start-up.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

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
        AppState {
            path: std::env::var_os("ANDU_DB").map(PathBuf::from).unwrap_or_else(andu_store::default_db_path),
            env_key: std::env::var("ANDU_DB_KEY").ok(),
            demo_on_empty: std::env::var("ANDU_DEMO").is_ok_and(|v| v == "1"),
            store: Mutex::new(None),
        }
    }

    /// Run `f` with the open store, opening it first if needed.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CmdResult<T>) -> CmdResult<T> {
        let mut guard: MutexGuard<'_, Option<Store>> = self.store.lock().map_err(|_| ErrorBody {
            code: "internal".into(),
            message: "内部错误：数据库锁已损坏，请重启案牍".into(),
            detail: None,
        })?;
        if guard.is_none() {
            let (key, _) = resolve_key(&self.path, self.env_key.clone()).map_err(coded)?;
            let mut store = Store::open(&self.path, &key).map_err(coded)?;
            if self.demo_on_empty && store.case_count().map_err(coded)? == 0 {
                crate::commands::cases::fill_demo(&mut store, 200, 7)?;
            }
            *guard = Some(store);
        }
        f(guard.as_mut().expect("opened above"))
    }
}
