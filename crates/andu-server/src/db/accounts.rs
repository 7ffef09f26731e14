//! Users, their devices and their tokens.

use super::R;
use crate::backend::SqlTx;

// ---- users -------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub name: String,
    pub role: String,
    pub division: String,
    pub password_hash: String,
}

pub fn user(tx: &mut dyn SqlTx, name: &str) -> R<Option<User>> {
    let rows = tx.query("SELECT name, role, division, password_hash FROM users WHERE name = ?1", &[name.into()])?;
    Ok(rows.first().map(|r| User {
        name: r[0].text(),
        role: r[1].text(),
        division: r[2].text(),
        password_hash: r[3].text(),
    }))
}

pub fn insert_user(tx: &mut dyn SqlTx, u: &User, at: &str) -> R<()> {
    tx.exec(
        "INSERT INTO users (name, role, division, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[(&u.name).into(), (&u.role).into(), (&u.division).into(), (&u.password_hash).into(), at.into()],
    )?;
    Ok(())
}

pub fn set_user_access(tx: &mut dyn SqlTx, name: &str, role: &str, division: &str) -> R<u64> {
    tx.exec("UPDATE users SET role = ?1, division = ?2 WHERE name = ?3", &[role.into(), division.into(), name.into()])
}

pub fn users(tx: &mut dyn SqlTx) -> R<Vec<User>> {
    Ok(tx
        .query("SELECT name, role, division, password_hash FROM users ORDER BY name", &[])?
        .iter()
        .map(|r| User { name: r[0].text(), role: r[1].text(), division: r[2].text(), password_hash: r[3].text() })
        .collect())
}

// ---- devices and tokens ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: String,
    pub user: String,
    pub last_seq: i64,
}

pub fn device(tx: &mut dyn SqlTx, id: &str) -> R<Option<Device>> {
    let rows = tx.query("SELECT id, user_name, last_seq FROM devices WHERE id = ?1", &[id.into()])?;
    Ok(rows.first().map(|r| Device { id: r[0].text(), user: r[1].text(), last_seq: r[2].int() }))
}

pub fn insert_device(tx: &mut dyn SqlTx, id: &str, user: &str, name: &str, at: &str) -> R<()> {
    tx.exec(
        "INSERT INTO devices (id, user_name, name, last_seq, created_at) VALUES (?1, ?2, ?3, 0, ?4)",
        &[id.into(), user.into(), name.into(), at.into()],
    )?;
    Ok(())
}

pub fn set_device_seq(tx: &mut dyn SqlTx, id: &str, seq: i64) -> R<()> {
    tx.exec("UPDATE devices SET last_seq = ?1 WHERE id = ?2", &[seq.into(), id.into()])?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: String,
    pub user: String,
    pub device_id: String,
    pub expires_at: i64,
    pub revoked: bool,
}

pub fn insert_token(tx: &mut dyn SqlTx, hash: &str, t: &Token) -> R<()> {
    tx.exec(
        "INSERT INTO tokens (hash, kind, user_name, device_id, expires_at, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        &[hash.into(), (&t.kind).into(), (&t.user).into(), (&t.device_id).into(), t.expires_at.into()],
    )?;
    Ok(())
}

pub fn token(tx: &mut dyn SqlTx, hash: &str) -> R<Option<Token>> {
    let rows =
        tx.query("SELECT kind, user_name, device_id, expires_at, revoked FROM tokens WHERE hash = ?1", &[hash.into()])?;
    Ok(rows.first().map(|r| Token {
        kind: r[0].text(),
        user: r[1].text(),
        device_id: r[2].text(),
        expires_at: r[3].int(),
        revoked: r[4].int() != 0,
    }))
}

pub fn revoke_tokens(tx: &mut dyn SqlTx, user: &str) -> R<u64> {
    tx.exec("UPDATE tokens SET revoked = 1 WHERE user_name = ?1", &[user.into()])
}
