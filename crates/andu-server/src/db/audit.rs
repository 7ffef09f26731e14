//! Stored answers of pushed ops (a retry is answered the same) and the hash-chained audit log.

use std::collections::HashMap;

use super::{R, marks, values_list};
use crate::backend::{SqlTx, Val};

// ---- applied ops (idempotency) -----------------------------------------------------------------------------------

/// Stored answers of whichever of `op_ids` this device had answered before, by op id. Answers are per device: an op
/// id another device used is a new op here, and its answer (another user's case) is never replayed.
pub fn applied_ops(tx: &mut dyn SqlTx, device: &str, op_ids: &[&str]) -> R<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in op_ids.chunks(100) {
        let sql = format!(
            "SELECT op_id, result FROM applied_ops WHERE device_id = ?1 AND op_id IN ({})",
            marks(2, chunk.len())
        );
        let params: Vec<Val> = std::iter::once(device.into()).chain(chunk.iter().map(|id| (*id).into())).collect();
        for r in tx.query(&sql, &params)? {
            out.insert(r[0].text(), r[1].text());
        }
    }
    Ok(out)
}

pub fn insert_applied_op(tx: &mut dyn SqlTx, op_id: &str, device: &str, device_seq: i64, result: &str) -> R<()> {
    tx.exec(
        "INSERT INTO applied_ops (op_id, device_id, device_seq, result) VALUES (?1, ?2, ?3, ?4)",
        &[op_id.into(), device.into(), device_seq.into(), result.into()],
    )?;
    Ok(())
}

// ---- audit -------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user: String,
    pub device_id: String,
    pub op_id: String,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub result: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

pub fn last_audit(tx: &mut dyn SqlTx) -> R<Option<(i64, String)>> {
    Ok(tx
        .query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])?
        .first()
        .map(|r| (r[0].int(), r[1].text())))
}

/// Several stored answers in one statement per 100 (a push writes them after its ops, in the same transaction).
pub fn insert_applied_ops(tx: &mut dyn SqlTx, device: &str, answers: &[(String, i64, String)]) -> R<()> {
    for chunk in answers.chunks(100) {
        let sql = format!(
            "INSERT INTO applied_ops (op_id, device_id, device_seq, result) VALUES {}",
            values_list(chunk.len(), 4)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|(op_id, seq, result)| [op_id.into(), device.into(), (*seq).into(), result.into()])
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

/// Several audit entries, in order, in one statement per 50.
pub fn insert_audits(tx: &mut dyn SqlTx, entries: &[AuditEntry]) -> R<()> {
    for chunk in entries.chunks(50) {
        let sql = format!(
            "INSERT INTO audit (seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash)
             VALUES {}",
            values_list(chunk.len(), 12)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|a| {
                [
                    a.seq.into(),
                    (&a.at).into(),
                    (&a.user).into(),
                    (&a.device_id).into(),
                    (&a.op_id).into(),
                    (&a.case_id).into(),
                    (&a.entity).into(),
                    (&a.entity_id).into(),
                    (&a.result).into(),
                    (&a.detail).into(),
                    (&a.prev_hash).into(),
                    (&a.hash).into(),
                ]
            })
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn insert_audit(tx: &mut dyn SqlTx, a: &AuditEntry) -> R<()> {
    tx.exec(
        "INSERT INTO audit (seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        &[
            a.seq.into(),
            (&a.at).into(),
            (&a.user).into(),
            (&a.device_id).into(),
            (&a.op_id).into(),
            (&a.case_id).into(),
            (&a.entity).into(),
            (&a.entity_id).into(),
            (&a.result).into(),
            (&a.detail).into(),
            (&a.prev_hash).into(),
            (&a.hash).into(),
        ],
    )?;
    Ok(())
}

pub fn audit_page(tx: &mut dyn SqlTx, after: i64, limit: i64) -> R<Vec<AuditEntry>> {
    Ok(tx
        .query(
            "SELECT seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash
             FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            &[after.into(), limit.into()],
        )?
        .iter()
        .map(|r| AuditEntry {
            seq: r[0].int(),
            at: r[1].text(),
            user: r[2].text(),
            device_id: r[3].text(),
            op_id: r[4].text(),
            case_id: r[5].text(),
            entity: r[6].text(),
            entity_id: r[7].text(),
            result: r[8].text(),
            detail: r[9].text(),
            prev_hash: r[10].text(),
            hash: r[11].text(),
        })
        .collect())
}
