//! Where the refresh token lives: the OS keyring (one entry per store), or — when no keyring is available, as on
//! a headless server or in CI — the store's own meta table, which is inside the SQLCipher-encrypted file.

use andu_store::Store;
use andu_store::table::sync::keys;

use crate::error::SyncError;

const SERVICE: &str = "andu-sync";

fn entry(store: &Store) -> Option<keyring::Entry> {
    keyring::Entry::new(SERVICE, store.device()).ok()
}

pub fn save_refresh_token(store: &mut Store, token: &str) -> Result<(), SyncError> {
    if let Some(e) = entry(store)
        && e.set_password(token).is_ok()
        && e.get_password().ok().as_deref() == Some(token)
    {
        store.set_sync_meta(keys::REFRESH_TOKEN, "")?;
        return Ok(());
    }
    store.set_sync_meta(keys::REFRESH_TOKEN, token)?;
    Ok(())
}

pub fn refresh_token(store: &Store) -> Result<String, SyncError> {
    if let Some(t) = store.sync_meta(keys::REFRESH_TOKEN)?.filter(|t| !t.is_empty()) {
        return Ok(t);
    }
    entry(store).and_then(|e| e.get_password().ok()).ok_or(SyncError::NotLoggedIn)
}

pub fn forget(store: &mut Store) -> Result<(), SyncError> {
    if let Some(e) = entry(store) {
        let _ = e.delete_credential();
    }
    store.set_sync_meta(keys::REFRESH_TOKEN, "")?;
    Ok(())
}
