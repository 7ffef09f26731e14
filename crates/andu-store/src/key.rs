//! Where the database key comes from: `ANDU_DB_KEY`, else the OS keyring (one entry per store path).
//!
//! A new store gets a random key that is saved in the keyring before the file exists, so a crash between the two
//! cannot leave a file nobody can open.

use std::path::Path;

use crate::error::{Result, StoreError};

const SERVICE: &str = "andu";

/// The SQLCipher passphrase. Debug never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey(String);

impl DbKey {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }
    pub(crate) fn secret(&self) -> &str {
        &self.0
    }
    pub fn random() -> Result<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| StoreError::KeyMissing(format!("无法生成随机密钥：{e}")))?;
        Ok(Self(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(***)")
    }
}

/// Where a key was found, for the status line ("密钥来自系统钥匙串").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    Keyring,
    KeyringNew,
}

/// Resolve the key for the store at `path`. `env_key` is the value of `ANDU_DB_KEY` (passed in, not read here,
/// so tests stay hermetic).
pub fn resolve_key(path: &Path, env_key: Option<String>) -> Result<(DbKey, KeySource)> {
    if let Some(k) = env_key.filter(|k| !k.is_empty()) {
        return Ok((DbKey(k), KeySource::Environment));
    }
    let user = format!("db:{}", path.display());
    let entry = keyring::Entry::new(SERVICE, &user).map_err(|e| StoreError::KeyMissing(e.to_string()))?;
    match entry.get_password() {
        Ok(secret) => Ok((DbKey(secret), KeySource::Keyring)),
        Err(keyring::Error::NoEntry) if !path.exists() => {
            let key = DbKey::random()?;
            entry.set_password(key.secret()).map_err(|e| StoreError::KeyMissing(e.to_string()))?;
            Ok((key, KeySource::KeyringNew))
        }
        Err(e) => Err(StoreError::KeyMissing(e.to_string())),
    }
}

/// The default store location: the OS data dir (`~/.local/share/andu/andu.db` on Linux).
pub fn default_db_path() -> std::path::PathBuf {
    dirs::data_dir().unwrap_or_else(|| std::path::PathBuf::from(".")).join("andu").join("andu.db")
}
