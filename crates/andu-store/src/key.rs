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
    /// A key for a new store: 256 random bits from the OS, written as SQLCipher's raw key (`x'…'`), which is
    /// used as the encryption key itself. PBKDF2 (256,000 rounds, ≈ 0.25 s on every open) exists to make guessing a
    /// person's passphrase slow; a 256-bit random key cannot be guessed, so stretching it adds only the wait. Keys
    /// kept before (64 hex digits without `x'…'`) and typed passphrases still go through PBKDF2, so every existing
    /// store opens as before.
    pub fn random() -> Result<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| StoreError::KeyMissing(format!("无法生成随机密钥：{e}")))?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self(format!("x'{hex}'")))
    }

    /// A raw key (`x'` and 64 hex digits and `'`): SQLCipher skips the key derivation.
    pub fn is_raw(&self) -> bool {
        let s = self.0.as_bytes();
        s.len() == 67 && s.starts_with(b"x'") && s.ends_with(b"'") && s[2..66].iter().all(u8::is_ascii_hexdigit)
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

/// The default store location under the OS data folder the shell looked up (`~/.local/share` on Linux gives
/// `~/.local/share/andu/andu.db`): the store names the file, the shell reads the environment.
pub fn default_db_path(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("andu").join("andu.db")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_new_stores_random_key_is_used_raw_and_a_passphrase_still_opens_its_store() {
        let dir = tempfile::tempdir().unwrap();
        let key = DbKey::random().unwrap();
        assert!(key.is_raw() && key != DbKey::random().unwrap());
        let path = dir.path().join("raw.db");
        Store::open(&path, &key).unwrap();
        Store::open(&path, &key).unwrap();
        // The same 64 hex digits as a passphrase are another key (PBKDF2 of the text): the raw one was used as is.
        let hex = key.secret()[2..66].to_string();
        let err = Store::open(&path, &DbKey::new(hex.clone())).err().unwrap();
        assert!(matches!(err, StoreError::WrongKey { .. }), "{err:?}");
        // A key kept before this change (bare hex: a passphrase) keeps opening its store.
        let old = dir.path().join("old.db");
        Store::open(&old, &DbKey::new(hex.clone())).unwrap();
        Store::open(&old, &DbKey::new(hex)).unwrap();
        assert!(!DbKey::new("x'12'").is_raw() && !DbKey::new("王法官的密码").is_raw());
    }
}
