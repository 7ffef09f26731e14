//! Passwords (Argon2id) and tokens. Tokens are random and opaque; the server stores only their SHA-256, so a copy
//! of the database cannot be used to sign in. Access tokens live minutes; refresh tokens live until revoked.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
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

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
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
}
