//! A pull page as the server builds it and writes it: feed rows keep their row's JSON text as the feed stores it, and
//! the page is written straight into the response body — the same JSON as [`PullPage`]'s (same keys, same order, same
//! bytes), without parsing every row into a tree and writing the tree out again (a join sends hundreds of thousands).

use andu_sync::{Asset, CaseSnapshot, Cursor, PullPage, SnapshotResume};
use serde::Serialize;

use crate::db::FeedChange;
use crate::error::ServerError;

/// One case's snapshot (see [`CaseSnapshot`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WireSnapshot {
    pub case_id: String,
    pub history: Vec<FeedChange>,
    pub continued: bool,
}

/// A pull page (see [`PullPage`]) whose rows are still the feed's text.
#[derive(Debug, Clone, PartialEq)]
pub struct WirePage {
    pub revoked: Vec<String>,
    pub snapshots: Vec<WireSnapshot>,
    pub rows: Vec<FeedChange>,
    pub next: Cursor,
    pub has_more: bool,
    pub assets: Vec<Asset>,
    pub resume: Option<SnapshotResume>,
}

impl WirePage {
    /// The page as values (the service's callers in Rust; rows parsed as the client would).
    pub fn into_page(self) -> PullPage {
        PullPage {
            revoked: self.revoked,
            snapshots: self
                .snapshots
                .into_iter()
                .map(|s| CaseSnapshot {
                    case_id: s.case_id,
                    history: s.history.into_iter().map(FeedChange::into_feed_row).collect(),
                    continued: s.continued,
                })
                .collect(),
            rows: self.rows.into_iter().map(FeedChange::into_feed_row).collect(),
            next: self.next,
            has_more: self.has_more,
            assets: self.assets,
            resume: self.resume,
        }
    }

    /// The page's JSON, as `serde_json` writes a [`PullPage`] (field order and omissions of its derived writer).
    pub fn to_json(&self) -> Result<Vec<u8>, ServerError> {
        let rows: usize = self.rows.iter().chain(self.snapshots.iter().flat_map(|s| &s.history)).map(size_hint).sum();
        let mut out = Vec::with_capacity(rows + 256);
        let w = &mut out;
        w.extend_from_slice(b"{\"revoked\":");
        value(w, &self.revoked)?;
        w.extend_from_slice(b",\"snapshots\":[");
        for (i, s) in self.snapshots.iter().enumerate() {
            if i > 0 {
                w.push(b',');
            }
            w.extend_from_slice(b"{\"case_id\":");
            value(w, &s.case_id)?;
            w.extend_from_slice(b",\"history\":");
            rows_json(w, &s.history)?;
            if s.continued {
                w.extend_from_slice(b",\"continued\":true");
            }
            w.push(b'}');
        }
        w.extend_from_slice(b"],\"rows\":");
        rows_json(w, &self.rows)?;
        w.extend_from_slice(b",\"next\":");
        value(w, &self.next)?;
        w.extend_from_slice(b",\"has_more\":");
        value(w, &self.has_more)?;
        if !self.assets.is_empty() {
            w.extend_from_slice(b",\"assets\":");
            value(w, &self.assets)?;
        }
        if let Some(r) = &self.resume {
            w.extend_from_slice(b",\"resume\":");
            value(w, r)?;
        }
        w.push(b'}');
        Ok(out)
    }
}

fn size_hint(c: &FeedChange) -> usize {
    c.row_json.as_ref().map_or(4, String::len) + 100 + c.case_id.len() + c.entity_id.len() + c.user.len() + c.at.len()
}

fn value<T: Serialize + ?Sized>(w: &mut Vec<u8>, v: &T) -> Result<(), ServerError> {
    serde_json::to_writer(w, v).map_err(|e| ServerError::Storage(format!("内部错误：无法写出同步页：{e}")))
}

/// Rows in the order and shape of `FeedRow`'s derived writer: the change's keys with the entity's flattened among
/// them, `field` left out when there is none.
fn rows_json(w: &mut Vec<u8>, rows: &[FeedChange]) -> Result<(), ServerError> {
    w.push(b'[');
    for (i, c) in rows.iter().enumerate() {
        if i > 0 {
            w.push(b',');
        }
        w.extend_from_slice(b"{\"seq\":");
        value(w, &c.seq)?;
        w.extend_from_slice(b",\"case_id\":");
        value(w, &c.case_id)?;
        w.extend_from_slice(b",\"entity\":");
        value(w, &c.entity)?;
        w.extend_from_slice(b",\"entity_id\":");
        value(w, &c.entity_id)?;
        w.extend_from_slice(b",\"row\":");
        match &c.row_json {
            Some(t) => w.extend_from_slice(t.as_bytes()),
            None => w.extend_from_slice(b"null"),
        }
        if let Some(f) = &c.field {
            w.extend_from_slice(b",\"field\":");
            value(w, f)?;
        }
        w.extend_from_slice(b",\"user\":");
        value(w, &c.user)?;
        w.extend_from_slice(b",\"device_id\":");
        value(w, &c.device_id)?;
        w.extend_from_slice(b",\"at\":");
        value(w, &c.at)?;
        w.push(b'}');
    }
    w.push(b']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(seq: i64, row: Option<serde_json::Value>, field: Option<&str>) -> FeedChange {
        FeedChange {
            seq,
            case_id: "（2026）京0105民初1号".into(),
            entity: "party".into(),
            entity_id: "p\"1\\".into(),
            field: field.map(String::from),
            // As the feed stores it: written by serde_json (`insert_changes`).
            row_json: row.map(|r| r.to_string()),
            user: "张三".into(),
            device_id: "laptop".into(),
            at: "2026-11-26T09:00:00.000Z".into(),
        }
    }

    /// Old clients read the page as before: the bytes are those `serde_json` writes for the `PullPage`.
    #[test]
    fn a_page_is_written_as_the_pull_page_would_be() {
        let row = serde_json::json!({
            "id": "p1", "role": "原告", "name": "张\"三\\", "id_number": null, "foreign": false, "months": 3,
            "days": -2, "ratio": 0.5, "list": [], "nested": {"b": [1, "二", null], "a": {}}, "text": "一\n二\t\u{1}"
        });
        let asset = Asset {
            seq: 1,
            kind: "holidays".into(),
            name: "2027".into(),
            content: "{}".into(),
            published_by: "admin".into(),
            at: "x".into(),
        };
        let pages = [
            WirePage {
                revoked: vec!["c9".into()],
                snapshots: vec![
                    WireSnapshot {
                        case_id: "c1".into(),
                        history: vec![change(1, Some(row.clone()), None), change(2, None, Some("name"))],
                        continued: false,
                    },
                    WireSnapshot { case_id: "c2".into(), history: vec![], continued: true },
                ],
                rows: vec![change(3, Some(row.clone()), Some("name")), change(4, Some(serde_json::json!(7)), None)],
                next: Cursor { seq: 4, epoch: 2 },
                has_more: true,
                assets: vec![asset],
                resume: Some(SnapshotResume { case_id: "c1".into(), after: 2 }),
            },
            WirePage {
                revoked: vec![],
                snapshots: vec![],
                rows: vec![],
                next: Cursor::default(),
                has_more: false,
                assets: vec![],
                resume: None,
            },
        ];
        for page in pages {
            let written = page.to_json().expect("json");
            let expected = serde_json::to_vec(&page.clone().into_page()).expect("json");
            assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}
