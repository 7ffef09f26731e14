//! The server's behaviour, independent of HTTP and of the storage engine: accounts and tokens, push (dedup, gap
//! check, authorization, per-field merge, feed, audit — one transaction, acknowledged after commit) and pull (the
//! access-filtered feed, whole histories of newly visible cases, revocations). Time comes in as `now`.

use andu_sync::access::{Role, Scope};
use andu_sync::{Hello, HelloReply, MIN_CLIENT_PROTOCOL, OpOutcome, PROTOCOL_VERSION, UserInfo};
use chrono::{DateTime, Utc};

use crate::audit;
use crate::auth;
use crate::backend::{Backend, SqlTx};
use crate::db;
use crate::error::ServerError;
use crate::throttle::{Pace, Throttle};

mod accounts;
mod apply;
mod history;
mod publish;
mod pull;
mod push;
pub mod wire;

type R<T> = Result<T, ServerError>;

/// A user name may fail 3 times freely; then waits of 1 s, 2 s, 4 s… up to 5 minutes (and a lock at `lock_after`).
const USER_PACE: Pace = Pace { free: 3, first_wait_ms: 1000, max_wait_ms: 300_000, forget_after_ms: 3_600_000 };
/// An address (a court's NAT may carry many users) may fail 20 times freely, then waits the same way.
const ADDR_PACE: Pace = Pace { free: 20, first_wait_ms: 1000, max_wait_ms: 300_000, forget_after_ms: 3_600_000 };

/// The authenticated user and device of a request. Role and division are re-read inside each transaction, so an
/// access change applies to the very next request.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    pub user: String,
    pub device_id: String,
}

pub struct Service<B: Backend> {
    backend: B,
    /// Access tokens expire after this many seconds (15 minutes by default).
    pub access_ttl_secs: i64,
    /// Refresh tokens expire this many seconds after their last use (30 days by default; sliding).
    pub refresh_ttl_secs: i64,
    /// The most rows a pull page carries, whatever the client asks (10,000: a page is bounded by about
    /// `max_page_bytes` too, which a new device's join reaches at about 7,000 current rows).
    pub max_page: usize,
    /// About the most bytes of rows a pull page carries, for clients that take continued snapshots (4 MB).
    pub max_page_bytes: usize,
    /// Failed logins of one user name after which it is locked until an administrator unlocks it.
    pub lock_after: u32,
    verifier: auth::Verifier,
    user_failures: Throttle,
    addr_failures: Throttle,
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn check_protocol(p: u32) -> R<()> {
    if p < MIN_CLIENT_PROTOCOL {
        return Err(ServerError::UpgradeRequired { client: p, min: MIN_CLIENT_PROTOCOL });
    }
    Ok(())
}

fn scope_of(tx: &mut dyn SqlTx, user: &str) -> R<Scope> {
    let a = actor_of(tx, user)?;
    Ok(Scope::of(a.role, &a.division))
}

/// The user as the 阅核 rules see them: name, current role and division.
fn actor_of(tx: &mut dyn SqlTx, user: &str) -> R<andu_sync::review::Actor> {
    let u = db::user(tx, user)?.ok_or(ServerError::Unauthorized)?;
    let role = Role::parse(&u.role).ok_or_else(|| ServerError::BadRole(u.role.clone()))?;
    Ok(andu_sync::review::Actor { name: u.name, role, division: u.division })
}

impl<B: Backend> Service<B> {
    pub fn new(backend: B) -> Self {
        Service {
            backend,
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 3600,
            max_page: 10_000,
            max_page_bytes: 4 * 1024 * 1024,
            lock_after: 10,
            // Two checks at once bound Argon2's memory to 2 × 19 MiB; a login waits up to 5 s for its turn.
            verifier: auth::Verifier::new(2, std::time::Duration::from_secs(5)),
            user_failures: Throttle::new(USER_PACE, 100_000),
            addr_failures: Throttle::new(ADDR_PACE, 100_000),
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn hello(&self, h: &Hello) -> R<HelloReply> {
        check_protocol(h.protocol)?;
        Ok(HelloReply {
            protocol: PROTOCOL_VERSION,
            min_client_protocol: MIN_CLIENT_PROTOCOL,
            server: format!("andu-server {} ({})", env!("CARGO_PKG_VERSION"), self.backend.kind()),
            capabilities: ["push", "pull", "conflicts", "drafts", "audit", "history"].map(String::from).to_vec(),
        })
    }

    // ---- accounts ----------------------------------------------------------------------------------------------

    pub fn add_user(&self, name: &str, role: &str, division: &str, password: &str, now: DateTime<Utc>) -> R<()> {
        let role = Role::parse(role).ok_or_else(|| ServerError::BadRole(role.to_string()))?;
        if name.trim().is_empty() || password.is_empty() {
            return Err(ServerError::BadRequest("用户名和密码不能为空（密码由环境变量 ANDU_PASSWORD 提供）".into()));
        }
        let hash = auth::hash_password(password)?;
        self.backend.write(|tx| {
            if db::user(tx, name)?.is_some() {
                return Err(ServerError::UserExists(name.to_string()));
            }
            let u = db::User {
                name: name.to_string(),
                role: role.as_str().to_string(),
                division: division.to_string(),
                password_hash: hash,
            };
            db::insert_user(tx, &u, &stamp(now))
        })
    }

    /// Change a user's role or division (an access change: their devices gain or lose cases at the next pull).
    pub fn set_user_access(&self, name: &str, role: &str, division: &str) -> R<()> {
        let role = Role::parse(role).ok_or_else(|| ServerError::BadRole(role.to_string()))?;
        self.backend.write(|tx| {
            if db::set_user_access(tx, name, role.as_str(), division)? == 0 {
                return Err(ServerError::BadRequest(format!("没有用户“{name}”")));
            }
            // Their devices may hold cases they no longer see: every device looks again at its next pull.
            db::access_changed(tx)
        })
    }

    pub fn users(&self) -> R<Vec<UserInfo>> {
        self.backend.read(|tx| {
            Ok(db::users(tx)?
                .into_iter()
                .map(|u| UserInfo { name: u.name, role: u.role, division: u.division })
                .collect())
        })
    }

    /// Revoke every token of a user (a lost laptop): their devices must log in again.
    pub fn revoke(&self, name: &str) -> R<u64> {
        self.backend.write(|tx| db::revoke_tokens(tx, name))
    }

    pub fn authenticate(&self, access_token: &str, now: DateTime<Utc>) -> R<Caller> {
        self.backend.read(|tx| {
            let t = db::token(tx, &auth::token_hash(access_token))?.ok_or(ServerError::Unauthorized)?;
            if t.kind != "access" || t.revoked {
                return Err(ServerError::Unauthorized);
            }
            if t.expires_at <= now.timestamp() {
                return Err(ServerError::TokenExpired);
            }
            Ok(Caller { user: t.user, device_id: t.device_id })
        })
    }

    /// Register a device for a user without a password (the simulation and tests; never reachable over HTTP).
    pub fn enroll_device(&self, user: &str, device_id: &str, now: DateTime<Utc>) -> R<Caller> {
        self.backend.write(|tx| {
            if db::device(tx, device_id)?.is_none() {
                db::insert_device(tx, device_id, user, "test", &stamp(now))?;
            }
            Ok(Caller { user: user.to_string(), device_id: device_id.to_string() })
        })
    }

    pub fn verify_audit(&self) -> R<i64> {
        self.backend.read(audit::verify)
    }
}

fn rejected(code: &str, message: &str) -> OpOutcome {
    OpOutcome::Rejected { code: code.to_string(), message: message.to_string() }
}
