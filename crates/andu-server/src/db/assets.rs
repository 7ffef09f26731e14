//! Published holiday years, rule files, templates and indicator definitions.

use super::R;
use crate::backend::SqlTx;

// ---- published assets ------------------------------------------------------------------------------------------

pub fn publish_asset(tx: &mut dyn SqlTx, a: &andu_sync::Asset) -> R<i64> {
    let seq = tx.query("SELECT COALESCE(MAX(seq), 0) FROM assets", &[])?.first().map(|r| r[0].int()).unwrap_or(0) + 1;
    tx.exec(
        "INSERT INTO assets (seq, kind, name, content, published_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[
            seq.into(),
            (&a.kind).into(),
            (&a.name).into(),
            (&a.content).into(),
            (&a.published_by).into(),
            (&a.at).into(),
        ],
    )?;
    Ok(seq)
}

pub fn assets_after(tx: &mut dyn SqlTx, after: i64) -> R<Vec<andu_sync::Asset>> {
    Ok(tx
        .query(
            "SELECT seq, kind, name, content, published_by, at FROM assets WHERE seq > ?1 ORDER BY seq",
            &[after.into()],
        )?
        .iter()
        .map(|r| andu_sync::Asset {
            seq: r[0].int(),
            kind: r[1].text(),
            name: r[2].text(),
            content: r[3].text(),
            published_by: r[4].text(),
            at: r[5].text(),
        })
        .collect())
}
