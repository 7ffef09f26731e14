//! Passwords (Argon2id) and tokens. Tokens are random and opaque; the server stores only their SHA-256, so a copy
//! of the database cannot be used to sign in. Access tokens live minutes; refresh tokens a few weeks, renewed by
//! use (see `service::accounts`).
//!
//! Password checks go through a [`Verifier`]: at most a few run at once, each in a memory block allocated once and
//! reused. Argon2 needs ~19 MiB per check; allocated per request on many threads, glibc kept every freed block in
//! its thread arenas (200 concurrent wrong logins grew the process by gigabytes). Unknown users are checked against
//! a dummy hash of the same cost, so a wrong name and a wrong password take the same time.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};

use crate::error::ServerError;

pub fn hash_password(password: &str) -> Result<String, ServerError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| ServerError::Storage(format!("无法生成随机数：{e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| ServerError::Storage(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| ServerError::Storage(e.to_string()))?
        .to_string())
}

/// Check `password` against a stored PHC string, computing into `memory` (grown to the hash's cost if smaller).
fn verify_in(password: &str, hash: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(h) = PasswordHash::new(hash) else { return false };
    let (Ok(alg), Ok(params), Some(salt), Some(expected)) =
        (Algorithm::try_from(h.algorithm), Params::try_from(&h), h.salt, h.hash)
    else {
        return false;
    };
    let version = h.version.and_then(|v| Version::try_from(v).ok()).unwrap_or_default();
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(alg, version, params);
    if argon.hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..blocks]).is_err() {
        return false;
    }
    // Constant time: every byte is compared whatever the first difference.
    out.iter().zip(expected.as_bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    verify_in(password, hash, &mut Vec::new())
}

/// Bounded, memory-reusing password checks (see the module's notes).
pub struct Verifier {
    /// One reusable memory block per permitted concurrent check; a check takes one out and puts it back.
    pool: Mutex<Vec<Vec<Block>>>,
    freed: Condvar,
    /// How long a check waits for a free block before the login is answered `server_busy`.
    pub wait: Duration,
    /// A hash of the default cost for a password nobody knows: what an unknown user's login is checked against.
    /// Made at the first unknown name (a server that never sees one never pays for it).
    dummy: OnceLock<String>,
}

impl Verifier {
    pub fn new(concurrent: usize, wait: Duration) -> Verifier {
        Verifier {
            pool: Mutex::new((0..concurrent.max(1)).map(|_| Vec::new()).collect()),
            freed: Condvar::new(),
            wait,
            dummy: OnceLock::new(),
        }
    }

    fn dummy(&self) -> &str {
        self.dummy.get_or_init(|| {
            let mut secret = [0u8; 32];
            let _ = getrandom::fill(&mut secret);
            let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
            // The fallback only matters if the system has no randomness, when nothing else would work either.
            hash_password(&secret).unwrap_or_default()
        })
    }

    /// Check `password` against `hash`, or against the dummy hash when the user is unknown (`None`, always false).
    pub fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, ServerError> {
        let mut memory = self.take()?;
        let ok = match hash {
            Some(h) => verify_in(password, h, &mut memory),
            None => {
                verify_in(password, self.dummy(), &mut memory);
                false
            }
        };
        self.pool.lock().unwrap_or_else(|p| p.into_inner()).push(memory);
        self.freed.notify_one();
        Ok(ok)
    }

    fn take(&self) -> Result<Vec<Block>, ServerError> {
        let pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        let (mut pool, _) =
            self.freed.wait_timeout_while(pool, self.wait, |p| p.is_empty()).unwrap_or_else(|p| p.into_inner());
        pool.pop().ok_or(ServerError::Busy { retry_after_secs: 2 })
    }
}

pub fn new_token() -> Result<String, ServerError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ServerError::Storage(format!("无法生成随机数：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use andu_core::Coded;

    #[test]
    fn passwords_verify_and_tokens_hash() {
        let h = super::hash_password("正确的密码").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify_password("正确的密码", &h));
        assert!(!super::verify_password("错误", &h));
        assert!(!super::verify_password("x", "not a hash"));
        let t = super::new_token().unwrap();
        assert_eq!(t.len(), 64);
        assert_ne!(super::token_hash(&t), t);
    }

    #[test]
    fn the_verifier_reuses_its_blocks_and_refuses_when_all_are_busy() {
        let h = super::hash_password("正确的密码").unwrap();
        let v = super::Verifier::new(1, Duration::from_millis(50));
        assert!(v.verify("正确的密码", Some(&h)).unwrap());
        assert!(!v.verify("错误", Some(&h)).unwrap());
        assert!(!v.verify("正确的密码", None).unwrap(), "an unknown user never signs in");
        // The one block is back in the pool, sized for the default cost (19 MiB), and reused.
        assert_eq!(v.pool.lock().unwrap()[0].len(), argon2::Params::DEFAULT_M_COST as usize);
        let held = v.take().unwrap();
        assert_eq!(v.verify("正确的密码", Some(&h)).unwrap_err().code(), "server_busy");
        v.pool.lock().unwrap().push(held);
    }
}
