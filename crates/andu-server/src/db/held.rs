//! Which cases each device holds (added and removed by pull epochs), the search for cases it may see but does not
//! hold yet, and the access clock that says when to look for cases it may no longer see.

use super::{R, chunks, marks, shown, values_list, with_division};
use crate::backend::{SqlTx, Val};

/// The cases a device holds that the scope no longer shows, by id.
pub fn held_not_shown(tx: &mut dyn SqlTx, device: &str, division: Option<&str>) -> R<Vec<String>> {
    let sql = format!(
        "SELECT d.case_id FROM device_cases d WHERE d.device_id = ?1 AND NOT {} ORDER BY d.case_id",
        shown("d.case_id", division, 2)
    );
    Ok(tx.query(&sql, &with_division(vec![device.into()], division))?.iter().map(|r| r[0].text()).collect())
}

/// Cases the scope shows that the device does not hold yet, by id, at most `limit`.
///
/// A first sync takes them page by page in id order, so the device already holds every shown case up to its highest
/// held id but for a few (granted or registered since): looking past that id first keeps each page an index range
/// instead of a walk over everything held so far — quadratic over a first sync of 10,000 cases. Only when that finds
/// less than a page does it look from the start, so no case is ever left out.
pub fn shown_not_held(tx: &mut dyn SqlTx, device: &str, division: Option<&str>, limit: i64) -> R<Vec<String>> {
    let highest = tx.query("SELECT MAX(case_id) FROM device_cases WHERE device_id = ?1", &[device.into()])?;
    if let Some(after) = highest.first().and_then(|r| r[0].opt_text()) {
        let past = shown_not_held_after(tx, device, division, Some(&after), limit)?;
        if past.len() as i64 >= limit {
            return Ok(past);
        }
    }
    shown_not_held_after(tx, device, division, None, limit)
}

fn shown_not_held_after(
    tx: &mut dyn SqlTx,
    device: &str,
    division: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> R<Vec<String>> {
    let mut params: Vec<Val> = vec![device.into(), limit.into()];
    let mut filter = String::new();
    if let Some(d) = division {
        params.push(d.into());
        filter.push_str(&format!("c.division = ?{} AND ", params.len()));
    }
    if let Some(a) = after {
        params.push(a.into());
        filter.push_str(&format!("c.case_id > ?{} AND ", params.len()));
    }
    let sql = format!(
        "SELECT c.case_id FROM cases_index c
         WHERE {filter}NOT EXISTS (SELECT 1 FROM device_cases d WHERE d.device_id = ?1 AND d.case_id = c.case_id)
         ORDER BY c.case_id LIMIT ?2"
    );
    Ok(tx.query(&sql, &params)?.iter().map(|r| r[0].text()).collect())
}

/// Whether the device holds the case (and has not been told to drop it).
pub fn holds(tx: &mut dyn SqlTx, device: &str, case_id: &str) -> R<bool> {
    Ok(!tx
        .query(
            "SELECT 1 FROM device_cases WHERE device_id = ?1 AND case_id = ?2 AND removed_epoch IS NULL",
            &[device.into(), case_id.into()],
        )?
        .is_empty())
}

// ---- which cases each device holds -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub case_id: String,
    pub added_epoch: i64,
    pub removed_epoch: Option<i64>,
}

pub fn held(tx: &mut dyn SqlTx, device: &str) -> R<Vec<Held>> {
    Ok(tx
        .query("SELECT case_id, added_epoch, removed_epoch FROM device_cases WHERE device_id = ?1", &[device.into()])?
        .iter()
        .map(|r| Held { case_id: r[0].text(), added_epoch: r[1].int(), removed_epoch: r[2].opt_int() })
        .collect())
}

/// The ids of the cases a device holds (read from the primary key alone).
pub fn held_ids(tx: &mut dyn SqlTx, device: &str) -> R<Vec<String>> {
    Ok(tx
        .query("SELECT case_id FROM device_cases WHERE device_id = ?1", &[device.into()])?
        .iter()
        .map(|r| r[0].text())
        .collect())
}

/// What settling a device's held cases did.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Settled {
    /// Unconfirmed removals taken back (those cases must be revoked again).
    pub restored: u64,
    /// Rows gone for good: unconfirmed additions (those cases must be sent again) and confirmed removals.
    pub dropped: u64,
}

/// Forget what the client did not confirm: additions and removals sent in pages after `epoch`. Confirmed removals
/// are dropped for good.
pub fn settle_held(tx: &mut dyn SqlTx, device: &str, epoch: i64) -> R<Settled> {
    let unconfirmed =
        tx.exec("DELETE FROM device_cases WHERE device_id = ?1 AND added_epoch > ?2", &[device.into(), epoch.into()])?;
    let restored = tx.exec(
        "UPDATE device_cases SET removed_epoch = NULL WHERE device_id = ?1 AND removed_epoch > ?2",
        &[device.into(), epoch.into()],
    )?;
    let removed = tx.exec(
        "DELETE FROM device_cases WHERE device_id = ?1 AND removed_epoch <= ?2",
        &[device.into(), epoch.into()],
    )?;
    Ok(Settled { restored, dropped: unconfirmed + removed })
}

// ---- the cases a device has seen (schema v8) -----------------------------------------------------------------------

/// The feed sequence at which the device held every case it was shown (0: unknown). See [`shown_not_held_since`].
pub fn cases_seen(tx: &mut dyn SqlTx, device: &str) -> R<i64> {
    Ok(tx.query("SELECT cases_seen FROM devices WHERE id = ?1", &[device.into()])?.first().map_or(0, |r| r[0].int()))
}

pub fn set_cases_seen(tx: &mut dyn SqlTx, device: &str, seq: i64) -> R<()> {
    tx.exec("UPDATE devices SET cases_seen = ?1 WHERE id = ?2", &[seq.into(), device.into()])?;
    Ok(())
}

/// Cases the scope shows that the device does not hold yet, by id, at most `limit` — when it held every case it was
/// shown at feed sequence `seen`. Such a case had its index row written after `seen` (registered, or moved into the
/// division), and every such write is a `case` change: only the feed after `seen` is read, by its primary key, not
/// the division's every case.
pub fn shown_not_held_since(
    tx: &mut dyn SqlTx,
    device: &str,
    division: Option<&str>,
    seen: i64,
    upto: i64,
    limit: i64,
) -> R<Vec<String>> {
    let sql = format!(
        "SELECT DISTINCT ch.case_id FROM changes ch
         WHERE ch.seq > ?1 AND ch.seq <= ?2 AND ch.entity = 'case'
           AND NOT EXISTS (SELECT 1 FROM device_cases d WHERE d.device_id = ?3 AND d.case_id = ch.case_id)
           AND {}
         ORDER BY ch.case_id LIMIT ?4",
        shown("ch.case_id", division, 5)
    );
    let params = with_division(vec![seen.into(), upto.into(), device.into(), limit.into()], division);
    Ok(tx.query(&sql, &params)?.iter().map(|r| r[0].text()).collect())
}

// ---- access changes (schema v7) ------------------------------------------------------------------------------------

/// How many access changes there have been: a user's role or division, a case moved to another division.
pub fn access_clock(tx: &mut dyn SqlTx) -> R<i64> {
    Ok(tx.query("SELECT version FROM access_clock WHERE id = 1", &[])?.first().map_or(0, |r| r[0].int()))
}

/// Count an access change: every device looks for cases it may no longer see at its next pull.
pub fn access_changed(tx: &mut dyn SqlTx) -> R<()> {
    tx.exec("UPDATE access_clock SET version = version + 1 WHERE id = 1", &[])?;
    Ok(())
}

/// The access clock at which the device last looked for cases it may no longer see (0: never).
pub fn access_checked(tx: &mut dyn SqlTx, device: &str) -> R<i64> {
    Ok(tx
        .query("SELECT access_checked FROM devices WHERE id = ?1", &[device.into()])?
        .first()
        .map_or(0, |r| r[0].int()))
}

pub fn set_access_checked(tx: &mut dyn SqlTx, device: &str, clock: i64) -> R<()> {
    tx.exec("UPDATE devices SET access_checked = ?1 WHERE id = ?2", &[clock.into(), device.into()])?;
    Ok(())
}

pub fn add_held(tx: &mut dyn SqlTx, device: &str, case_id: &str, epoch: i64) -> R<()> {
    tx.exec(
        "INSERT INTO device_cases (device_id, case_id, added_epoch) VALUES (?1, ?2, ?3)",
        &[device.into(), case_id.into(), epoch.into()],
    )?;
    Ok(())
}

/// A device's new held cases as (case id, epoch).
pub fn add_held_cases(tx: &mut dyn SqlTx, device: &str, cases: &[(&str, i64)]) -> R<()> {
    for chunk in chunks(cases, 1024) {
        let sql = format!(
            "INSERT INTO device_cases (device_id, case_id, added_epoch) VALUES {}",
            values_list(chunk.len(), 3)
        );
        let params: Vec<Val> =
            chunk.iter().flat_map(|(case_id, epoch)| [device.into(), (*case_id).into(), (*epoch).into()]).collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn remove_held_cases(tx: &mut dyn SqlTx, device: &str, case_ids: &[&str]) -> R<()> {
    for chunk in chunks(case_ids, 512) {
        let sql = format!("DELETE FROM device_cases WHERE device_id = ?1 AND case_id IN ({})", marks(2, chunk.len()));
        let params: Vec<Val> = std::iter::once(device.into()).chain(chunk.iter().map(|c| (*c).into())).collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn mark_removed(tx: &mut dyn SqlTx, device: &str, case_id: &str, epoch: i64) -> R<()> {
    tx.exec(
        "UPDATE device_cases SET removed_epoch = ?1 WHERE device_id = ?2 AND case_id = ?3",
        &[epoch.into(), device.into(), case_id.into()],
    )?;
    Ok(())
}
