//! The append-only audit log, hash-chained: each entry's hash covers its content and the previous entry's hash, so
//! changing, removing or reordering any entry breaks every later hash. `andu-server audit verify` walks the chain.

use sha2::{Digest, Sha256};

use crate::backend::SqlTx;
use crate::db::{self, AuditEntry};
use crate::error::ServerError;

/// The hash of the first entry's predecessor.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub fn hash_of(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        e.seq.to_string().as_str(),
        &e.at,
        &e.user,
        &e.device_id,
        &e.op_id,
        &e.case_id,
        &e.entity,
        &e.entity_id,
        &e.result,
        &e.detail,
        &e.prev_hash,
    ] {
        // Length-prefixed, so no two different entries hash the same text.
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

/// Lower-case hex, written into one string (a push hashes an entry per op).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// What an entry records; `seq`, `prev_hash` and `hash` are filled in by [`append`].
pub struct Record<'a> {
    pub at: &'a str,
    pub user: &'a str,
    pub device_id: &'a str,
    pub op_id: &'a str,
    pub case_id: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub result: &'a str,
    pub detail: String,
}

/// Append one entry. The caller is a writer (serialized), so reading the last hash is safe.
pub fn append(tx: &mut dyn SqlTx, r: Record<'_>) -> Result<(), ServerError> {
    Chain::load(tx)?.append(tx, r)
}

/// The end of the chain, held while one writer appends several entries (a push of many ops): the last hash is read
/// once, not once per entry — on PostgreSQL each read is a round trip.
pub struct Chain {
    seq: i64,
    hash: String,
}

impl Chain {
    pub fn load(tx: &mut dyn SqlTx) -> Result<Chain, ServerError> {
        let (seq, hash) = db::last_audit(tx)?.unwrap_or((0, GENESIS.to_string()));
        Ok(Chain { seq, hash })
    }

    /// Append one entry after the last one this chain appended (or loaded).
    pub fn append(&mut self, tx: &mut dyn SqlTx, r: Record<'_>) -> Result<(), ServerError> {
        let e = self.next(r);
        db::insert_audit(tx, &e)
    }

    /// The next entry, hashed onto the chain; the caller writes it ([`db::insert_audits`]) in the same
    /// transaction, after any earlier one.
    pub fn next(&mut self, r: Record<'_>) -> AuditEntry {
        let mut e = AuditEntry {
            seq: self.seq + 1,
            at: r.at.to_string(),
            user: r.user.to_string(),
            device_id: r.device_id.to_string(),
            op_id: r.op_id.to_string(),
            case_id: r.case_id.to_string(),
            entity: r.entity.to_string(),
            entity_id: r.entity_id.to_string(),
            result: r.result.to_string(),
            detail: r.detail,
            prev_hash: std::mem::take(&mut self.hash),
            hash: String::new(),
        };
        e.hash = hash_of(&e);
        self.seq = e.seq;
        self.hash = e.hash.clone();
        e
    }
}

/// Walk the chain; the number of entries when it holds.
pub fn verify(tx: &mut dyn SqlTx) -> Result<i64, ServerError> {
    let mut prev = GENESIS.to_string();
    let mut after = 0;
    let mut count = 0;
    loop {
        let page = db::audit_page(tx, after, 5000)?;
        if page.is_empty() {
            return Ok(count);
        }
        for e in &page {
            if e.seq != after + 1 {
                return Err(ServerError::AuditBroken { seq: after + 1, why: "记录缺失".into() });
            }
            if e.prev_hash != prev {
                return Err(ServerError::AuditBroken {
                    seq: e.seq, why: "与前一条记录的哈希不衔接".into()
                });
            }
            if hash_of(e) != e.hash {
                return Err(ServerError::AuditBroken { seq: e.seq, why: "记录内容被改动".into() });
            }
            prev = e.hash.clone();
            after = e.seq;
            count += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain's hashes are stored: the hex written by hand must be the one `format!` wrote before, byte for byte.
    #[test]
    fn hashes_are_lower_case_hex_as_stored_before() {
        let bytes: Vec<u8> = (0..=255).collect();
        let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), formatted);
        let e = AuditEntry {
            seq: 1,
            at: "2026-12-06T11:00:00Z".into(),
            user: "院长".into(),
            device_id: "d1".into(),
            op_id: "op1".into(),
            case_id: "c1".into(),
            entity: "case".into(),
            entity_id: "c1".into(),
            result: "applied".into(),
            detail: "{}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        let h = hash_of(&e);
        assert_eq!(h.len(), 64);
        assert!(h.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)), "{h}");
    }
}
