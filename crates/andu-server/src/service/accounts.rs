//! Signing in and out: password login paced per user name and per address, the lockout an administrator lifts,
//! refresh tokens with a sliding lifetime, logout that revokes the device's tokens, and the deletion of dead tokens.
//!
//! Every login — known user or not — costs one database read and one Argon2 check (unknown names are checked against
//! a dummy hash), so the answer's timing does not tell whether a name exists. Failures are counted in memory
//! ([`crate::throttle`]); the lock itself is written to the database once, when a user reaches `lock_after` failures,
//! and stays until `andu-server user unlock`. An unknown name that reaches the same count gets the same answer.

use std::net::IpAddr;

use andu_sync::{Login, Logout, LogoutReply, Session, UserInfo};
use chrono::{DateTime, Utc};

use super::{R, Service, check_protocol, stamp};
use crate::auth;
use crate::backend::{Backend, SqlTx};
use crate::db;
use crate::error::ServerError;

/// A user's lock, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct LockState {
    pub locked_at: Option<String>,
    /// Milliseconds since 1970 of the last unlock (0: never).
    pub unlocked_ms: i64,
}

fn lock_state(tx: &mut dyn SqlTx, user: &str) -> R<Option<LockState>> {
    let rows = tx.query("SELECT locked_at, unlocked_at FROM users WHERE name = ?1", &[user.into()])?;
    Ok(rows.first().map(|r| LockState { locked_at: r[0].opt_text(), unlocked_ms: r[1].int() }))
}

/// Delete expired and revoked tokens, and bring refresh tokens issued before they had a lifetime (`i64::MAX`) down
/// to one lifetime from now.
fn delete_dead_tokens(tx: &mut dyn SqlTx, now: i64, refresh_ttl: i64) -> R<u64> {
    tx.exec(
        "UPDATE tokens SET expires_at = ?1 WHERE kind = 'refresh' AND expires_at > ?1",
        &[(now.saturating_add(refresh_ttl)).into()],
    )?;
    tx.exec("DELETE FROM tokens WHERE expires_at <= ?1 OR revoked <> 0", &[now.into()])
}

impl<B: Backend> Service<B> {
    pub fn login(&self, l: &Login, now: DateTime<Utc>) -> R<Session> {
        self.login_from(l, None, now)
    }

    /// Password login from address `from` (when known): paced, locked after repeated failures, see the module.
    pub fn login_from(&self, l: &Login, from: Option<IpAddr>, now: DateTime<Utc>) -> R<Session> {
        check_protocol(l.protocol)?;
        let now_ms = now.timestamp_millis();
        let addr = from.map(|a| a.to_string());
        if let Some(secs) = addr.as_deref().and_then(|a| self.addr_failures.retry_after(a, now_ms)) {
            return Err(ServerError::TooManyAttempts { retry_after_secs: secs });
        }
        let name = l.user.as_str();
        let (user, lock) = self.backend.read(|tx| Ok((db::user(tx, name)?, lock_state(tx, name)?)))?;
        if let Some(lock) = &lock {
            if lock.locked_at.is_some() {
                return Err(ServerError::AccountLocked(name.to_string()));
            }
            // An administrator unlocked the user after these failures: they no longer count.
            if self.user_failures.last_failure_ms(name, now_ms).is_some_and(|t| t <= lock.unlocked_ms) {
                self.user_failures.clear(name);
            }
        }
        if self.user_failures.failures(name, now_ms) >= self.lock_after {
            // Only an unknown name gets here (a known one is locked in the database): the same answer.
            return Err(ServerError::AccountLocked(name.to_string()));
        }
        if let Some(secs) = self.user_failures.retry_after(name, now_ms) {
            return Err(ServerError::TooManyAttempts { retry_after_secs: secs });
        }
        let ok = self.verifier.verify(&l.password, user.as_ref().map(|u| u.password_hash.as_str()))?;
        let Some(user) = user.filter(|_| ok) else {
            let failures = self.user_failures.failed(name, now_ms);
            if let Some(a) = &addr {
                self.addr_failures.failed(a, now_ms);
            }
            if failures >= self.lock_after {
                if lock.is_some() {
                    let at = stamp(now);
                    self.backend.write(|tx| {
                        tx.exec("UPDATE users SET locked_at = ?1 WHERE name = ?2", &[at.into(), name.into()])
                    })?;
                }
                return Err(ServerError::AccountLocked(name.to_string()));
            }
            return Err(ServerError::BadCredentials);
        };
        self.user_failures.clear(name);
        if l.device_id.trim().is_empty() {
            return Err(ServerError::BadRequest("缺少设备标识".into()));
        }
        let access = auth::new_token()?;
        let refresh = auth::new_token()?;
        let at = stamp(now);
        let expires = now.timestamp() + self.access_ttl_secs;
        let refresh_expires = now.timestamp() + self.refresh_ttl_secs;
        self.backend.write(|tx| {
            match db::device(tx, &l.device_id)? {
                Some(d) if d.user != user.name => return Err(ServerError::DeviceTaken(l.device_id.clone())),
                Some(_) => {}
                None => db::insert_device(tx, &l.device_id, &user.name, &l.device_name, &at)?,
            }
            delete_dead_tokens(tx, now.timestamp(), self.refresh_ttl_secs)?;
            let t = |kind: &str, expires_at| db::Token {
                kind: kind.into(),
                user: user.name.clone(),
                device_id: l.device_id.clone(),
                expires_at,
                revoked: false,
            };
            db::insert_token(tx, &auth::token_hash(&access), &t("access", expires))?;
            db::insert_token(tx, &auth::token_hash(&refresh), &t("refresh", refresh_expires))?;
            Ok(())
        })?;
        Ok(Session {
            user: UserInfo { name: user.name, role: user.role, division: user.division },
            device_id: l.device_id.clone(),
            access_token: access,
            access_ttl_secs: self.access_ttl_secs,
            refresh_token: refresh,
        })
    }

    /// A new access token for a live refresh token, whose lifetime starts again (sliding: a device that syncs at
    /// least once per `refresh_ttl_secs` stays signed in; one unused for longer must log in again).
    pub fn refresh(&self, r: &andu_sync::Refresh, now: DateTime<Utc>) -> R<Session> {
        let access = auth::new_token()?;
        let expires = now.timestamp() + self.access_ttl_secs;
        let hash = auth::token_hash(&r.refresh_token);
        self.backend.write(|tx| {
            let t = db::token(tx, &hash)?.ok_or(ServerError::Unauthorized)?;
            if t.kind != "refresh" || t.revoked || t.expires_at <= now.timestamp() {
                return Err(ServerError::Unauthorized);
            }
            let u = db::user(tx, &t.user)?.ok_or(ServerError::Unauthorized)?;
            delete_dead_tokens(tx, now.timestamp(), self.refresh_ttl_secs)?;
            tx.exec(
                "UPDATE tokens SET expires_at = ?1 WHERE hash = ?2",
                &[(now.timestamp() + self.refresh_ttl_secs).into(), hash.as_str().into()],
            )?;
            db::insert_token(
                tx,
                &auth::token_hash(&access),
                &db::Token { kind: "access".into(), expires_at: expires, ..t.clone() },
            )?;
            Ok(Session {
                user: UserInfo { name: u.name, role: u.role, division: u.division },
                device_id: t.device_id,
                access_token: access,
                access_ttl_secs: self.access_ttl_secs,
                refresh_token: r.refresh_token.clone(),
            })
        })
    }

    /// Revoke every token of the device this refresh token belongs to (the client's logout). An unknown or already
    /// revoked token revokes nothing and is no error: a logout may be repeated.
    pub fn logout(&self, l: &Logout, now: DateTime<Utc>) -> R<LogoutReply> {
        let hash = auth::token_hash(&l.refresh_token);
        self.backend.write(|tx| {
            let Some(t) = db::token(tx, &hash)?.filter(|t| t.kind == "refresh") else {
                return Ok(LogoutReply { revoked: 0 });
            };
            let revoked = tx.exec(
                "DELETE FROM tokens WHERE user_name = ?1 AND device_id = ?2",
                &[t.user.as_str().into(), t.device_id.as_str().into()],
            )?;
            delete_dead_tokens(tx, now.timestamp(), self.refresh_ttl_secs)?;
            Ok(LogoutReply { revoked })
        })
    }

    /// Lift a user's lockout (`andu-server user unlock`): failures counted before now no longer count, in this
    /// process and in a running server (which compares them with the stored unlock time).
    pub fn unlock(&self, name: &str, now: DateTime<Utc>) -> R<bool> {
        let was_locked = self.backend.write(|tx| {
            let lock = lock_state(tx, name)?.ok_or_else(|| ServerError::NoSuchUser(name.to_string()))?;
            tx.exec(
                "UPDATE users SET locked_at = NULL, unlocked_at = ?1 WHERE name = ?2",
                &[now.timestamp_millis().into(), name.into()],
            )?;
            Ok(lock.locked_at.is_some())
        })?;
        self.user_failures.clear(name);
        Ok(was_locked)
    }

    /// Whether a user is locked out, and since when.
    pub fn locked_since(&self, name: &str) -> R<Option<String>> {
        self.backend.read(|tx| Ok(lock_state(tx, name)?.and_then(|l| l.locked_at)))
    }
}
