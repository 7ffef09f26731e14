//! The first run's choice, kept where the app finds it at the next start: a small JSON file in the OS config dir
//! (`~/.config/andu/app.json` on Linux) naming the case store and how its key is kept. Nothing secret is in it:
//! the key is in the OS keyring or in the user's head. The user's name, court and 审判庭 are kept in the store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::state::{KeyChoice, Target};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyMode {
    /// A random key the app generates, kept in the OS keyring: nothing to type, but it stays on this machine.
    Keyring,
    /// A passphrase typed at each start: works anywhere, lost if forgotten.
    Passphrase,
}

impl KeyMode {
    pub fn id(self) -> &'static str {
        match self {
            KeyMode::Keyring => "keyring",
            KeyMode::Passphrase => "passphrase",
        }
    }
    pub fn parse(s: &str) -> Option<KeyMode> {
        match s {
            "keyring" => Some(KeyMode::Keyring),
            "passphrase" => Some(KeyMode::Passphrase),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppConfig {
    pub store: PathBuf,
    pub key: KeyMode,
}

impl AppConfig {
    pub fn target(&self) -> Target {
        let key = match self.key {
            KeyMode::Keyring => KeyChoice::Keyring,
            KeyMode::Passphrase => KeyChoice::Passphrase,
        };
        Target { path: self.store.clone(), key, demo: false }
    }
}

/// `<OS config dir>/andu/app.json` (XDG_CONFIG_HOME is honoured, so tests use a temp dir).
pub fn config_file() -> PathBuf {
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("andu").join("app.json")
}

/// The saved choice; `None` before the first run (or when the file cannot be read as one — the first-run screens
/// then ask again, and opening an existing store with its key is one of the choices there).
pub fn load(file: &Path) -> Option<AppConfig> {
    serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()
}

/// Written under a temporary name and renamed, so a crash never leaves half a file.
pub fn save(file: &Path, config: &AppConfig) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension("json.partial");
    std::fs::write(&tmp, serde_json::to_vec_pretty(config).map_err(std::io::Error::other)?)?;
    std::fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_choice_is_read_back_and_a_broken_file_is_no_choice() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("andu").join("app.json");
        assert_eq!(load(&file), None, "no file: the first run");
        let config = AppConfig { store: dir.path().join("案件.db"), key: KeyMode::Passphrase };
        save(&file, &config).unwrap();
        assert_eq!(load(&file), Some(config));
        std::fs::write(&file, "{ not json").unwrap();
        assert_eq!(load(&file), None);
    }
}
