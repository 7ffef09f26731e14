//! Conflicts and refused edits as one device sees them: which value is "mine" and which is "theirs", the 案号 and
//! the field of a refused edit. Shared by the app's 冲突 view and anything else that shows them to a person.
//!
//! A [`ConflictRecord`] is written from the server's side: `theirs` is the value it kept (committed first), `ours`
//! the later edit it did not apply. On the device that made the later edit, mine = `ours`; on every other device
//! the store shows the kept value, so mine = `theirs` and the other side is `ours`.

use std::collections::HashMap;

use andu_store::table::{cases, change_log};
use andu_store::{Store, StoreError};
use andu_sync::{Author, ConflictRecord, ConflictStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::SyncError;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    pub id: String,
    pub case_id: String,
    pub case_no: String,
    pub entity: String,
    pub entity_id: String,
    /// `None` for a delete that met an edit.
    pub field: Option<String>,
    /// The field as a judge calls it (承办法官 for `case.judge`).
    pub field_label: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub mine: Value,
    pub mine_by: Author,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub theirs: Value,
    pub theirs_by: Author,
    /// The server kept my value (the other side's edit is the one waiting); the store already shows `mine`.
    pub kept_mine: bool,
    /// The edit that was not applied was made on this device.
    pub mine_here: bool,
    pub status: ConflictStatus,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub resolution: Option<Value>,
    pub resolved_by: Option<Author>,
    /// The server's time the conflict was recorded / resolved (RFC 3339); `None` for older records.
    pub at: Option<String>,
    pub resolved_at: Option<String>,
}

/// Which side a person keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Take {
    Mine,
    Theirs,
}

impl Take {
    pub fn parse(s: &str) -> Option<Take> {
        match s {
            "mine" | "我的" => Some(Take::Mine),
            "theirs" | "对方" | "对方的" => Some(Take::Theirs),
            _ => None,
        }
    }
}

/// The Chinese name of a synced field (`case`/`judge` → 承办法官); the raw name when unknown.
pub fn field_label(entity: &str, field: Option<&str>) -> String {
    let Some(field) = field else {
        return match entity_label(entity) {
            Some(e) => format!("{e}（删除与修改）"),
            None => format!("{entity}（删除与修改）"),
        };
    };
    let name = match (entity, field) {
        ("case", "case_no") => "案号",
        ("case", "cause") => "案由",
        ("case", "procedure") => "程序",
        ("case", "court") => "法院",
        ("case", "division") => "审判庭",
        ("case", "filed") => "立案日期",
        ("case", "closed") => "结案日期",
        ("case", "closing_method") => "结案方式",
        ("case", "panel") => "合议庭",
        ("case", "judge") => "承办法官",
        ("case", "assistant") => "法官助理",
        ("case", "clerk") => "书记员",
        ("case", "custody") => "被告人在押",
        ("party", "role") => "当事人诉讼地位",
        ("party", "name") => "当事人名称",
        ("party", "kind") => "当事人类型",
        ("party", "id_number") => "当事人证件号码",
        ("party", "address") => "当事人送达地址",
        ("party", "phone") => "当事人电话",
        ("party", "agent") => "诉讼代理人",
        ("party", "foreign") => "涉外当事人",
        ("event", "kind") => "节点类型",
        ("event", "date") => "节点日期",
        ("event", "party") => "节点所涉当事人",
        ("event", "note") => "节点备注",
        ("hearing", "start") => "开庭时间",
        ("hearing", "room") => "法庭",
        ("note", "text") => "备注",
        _ => return format!("{}·{field}", entity_label(entity).unwrap_or(entity)),
    };
    name.to_string()
}

fn entity_label(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "case" => "案件",
        "party" => "当事人",
        "event" => "节点",
        "hearing" => "开庭",
        "extension" => "审限延长",
        "deduction" => "审限扣除",
        "appeal" => "上诉",
        "note" => "备注",
        "document" => "文书",
        "appeal_review" => "发改案件评查",
        "draft" | "draft_revision" => "判决书草稿",
        "review_round" => "送阅核",
        "review_comment" | "review_withdrawal" => "阅核批注",
        "review_decision" | "review_result" => "阅核意见",
        "case_flag" => "四类案件标记",
        "review_override" => "越过阅核导出",
        _ => return None,
    })
}

/// The value a person keeps when they take `take` of conflict `c`, seen from device `device`.
pub fn chosen_value(c: &ConflictRecord, device: &str, take: Take) -> Value {
    let v = project(c, device);
    match take {
        Take::Mine => v.mine,
        Take::Theirs => v.theirs,
    }
}

/// `c` seen from device `device`.
pub fn project(c: &ConflictRecord, device: &str) -> ConflictView {
    let mine_here = c.ours_by.device_id == device;
    let (mine, mine_by, theirs, theirs_by) = if mine_here {
        (c.ours.clone(), c.ours_by.clone(), c.theirs.clone(), c.theirs_by.clone())
    } else {
        (c.theirs.clone(), c.theirs_by.clone(), c.ours.clone(), c.ours_by.clone())
    };
    ConflictView {
        id: c.id.clone(),
        case_id: c.case_id.clone(),
        case_no: c.case_no.clone(),
        entity: c.entity.clone(),
        entity_id: c.entity_id.clone(),
        field: c.field.clone(),
        field_label: field_label(&c.entity, c.field.as_deref()),
        mine,
        mine_by,
        theirs,
        theirs_by,
        kept_mine: !mine_here,
        mine_here,
        status: c.status,
        resolution: c.resolution.clone(),
        resolved_by: c.resolved_by.clone(),
        at: c.at.clone(),
        resolved_at: c.resolved_at.clone(),
    }
}

/// The open (or all) conflicts of this store, from its own device's point of view.
pub fn conflicts(store: &Store, all: bool) -> Result<Vec<ConflictView>, SyncError> {
    let device = store.device().to_string();
    Ok(store.conflicts(all)?.iter().map(|c| project(c, &device)).collect())
}

/// Resolve conflict `id` by keeping one side; the choice shows at once and is pushed at the next sync.
pub fn resolve(store: &mut Store, id: &str, take: Take, now: DateTime<Utc>) -> Result<ConflictView, SyncError> {
    // A resolved one is refused by the store itself (`conflict_already_resolved`), for every caller alike.
    let view = conflicts(store, true)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| StoreError::ConflictNotFound(id.into()))?;
    let value = match take {
        Take::Mine => view.mine.clone(),
        Take::Theirs => view.theirs.clone(),
    };
    store.resolve_conflict(id, value, now)?;
    Ok(view)
}

/// An edit the server refused, with what it was: kept here so nothing is silently lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RejectionView {
    pub device_seq: i64,
    pub change_id: String,
    pub case_id: String,
    /// `None` when the case is no longer in this store.
    pub case_no: Option<String>,
    pub entity: Option<String>,
    /// `None` for a whole new row (or a deletion).
    pub field: Option<String>,
    /// The refused value of a field edit.
    pub value: Option<String>,
    pub code: String,
    pub message: String,
    pub at: String,
}

/// Every refused edit, oldest first.
pub fn rejections(store: &Store) -> Result<Vec<RejectionView>, SyncError> {
    let conn = store.conn();
    let mut histories: HashMap<String, Vec<change_log::ChangeEntry>> = HashMap::new();
    let mut case_nos: HashMap<String, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for r in store.rejections()? {
        if !histories.contains_key(&r.case_id) {
            histories.insert(r.case_id.clone(), change_log::for_case(conn, &r.case_id).map_err(StoreError::from)?);
        }
        if !case_nos.contains_key(&r.case_id) {
            // A refused new case may be gone from the cases table; its 案号 is still in the change log.
            let no = match cases::by_id(conn, &r.case_id).map_err(StoreError::from)? {
                Some(c) => Some(c.case_no),
                None => case_no_in_history(&histories[&r.case_id]),
            };
            case_nos.insert(r.case_id.clone(), no);
        }
        let change = histories[&r.case_id].iter().find(|c| c.change_id == r.change_id);
        out.push(RejectionView {
            device_seq: r.device_seq,
            change_id: r.change_id.clone(),
            case_id: r.case_id.clone(),
            case_no: case_nos[&r.case_id].clone(),
            entity: change.map(|c| c.entity.clone()),
            field: change.and_then(|c| c.field.clone()),
            value: change.filter(|c| c.field.is_some()).and_then(|c| c.new.clone()),
            code: r.code,
            message: r.message,
            at: r.at,
        });
    }
    Ok(out)
}

/// The 案号 a case had, from its recorded rows (newest first), when the case itself is no longer stored.
fn case_no_in_history(history: &[change_log::ChangeEntry]) -> Option<String> {
    history.iter().filter(|c| c.entity == "case").find_map(|c| {
        match c.field.as_deref() {
            Some("case_no") => return c.new.clone(),
            Some(_) => return None,
            None => {}
        }
        let row: Value = serde_json::from_str(c.new.as_deref().or(c.old.as_deref())?).ok()?;
        row.get("case_no")?.as_str().map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ConflictRecord {
        ConflictRecord {
            id: "c1".into(),
            seq: 9,
            case_id: "case".into(),
            case_no: "（2025）粤0309民初1234号".into(),
            entity: "case".into(),
            entity_id: "case".into(),
            field: Some("judge".into()),
            ours: Value::String("李法官".into()),
            ours_by: Author { user: "li".into(), device_id: "dev-a".into() },
            theirs: Value::String("王法官".into()),
            theirs_by: Author { user: "wang".into(), device_id: "dev-b".into() },
            status: ConflictStatus::Open,
            resolved_by: None,
            at: Some("2026-11-26T09:00:00Z".into()),
            resolved_at: None,
            resolution: None,
        }
    }

    #[test]
    fn the_device_whose_edit_was_not_applied_sees_it_as_mine() {
        let v = project(&record(), "dev-a");
        assert_eq!(v.mine, Value::String("李法官".into()));
        assert_eq!(v.theirs, Value::String("王法官".into()));
        assert_eq!(v.theirs_by.user, "wang");
        assert!(v.mine_here);
        assert!(!v.kept_mine);
    }

    fn entry(field: Option<&str>, old: Option<&str>, new: Option<&str>) -> change_log::ChangeEntry {
        change_log::ChangeEntry {
            seq: 1,
            change_id: "x".into(),
            case_id: "k".into(),
            entity: "case".into(),
            entity_id: "k".into(),
            field: field.map(str::to_string),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
            at: "2026-11-26T08:00:00Z".into(),
            device: "d".into(),
        }
    }

    #[test]
    fn a_removed_case_is_named_from_its_history() {
        let created = entry(None, None, Some(r#"{"case_no":"（2025）粤0309刑初200号","cause":"盗窃罪"}"#));
        assert_eq!(case_no_in_history(std::slice::from_ref(&created)).as_deref(), Some("（2025）粤0309刑初200号"));
        let renamed = entry(Some("case_no"), None, Some("（2025）粤0309刑初201号"));
        assert_eq!(case_no_in_history(&[renamed, created]).as_deref(), Some("（2025）粤0309刑初201号"));
        assert_eq!(case_no_in_history(&[entry(Some("judge"), None, Some("王"))]), None);
    }

    #[test]
    fn takes_and_labels() {
        assert_eq!(chosen_value(&record(), "dev-a", Take::Mine), Value::String("李法官".into()));
        assert_eq!(chosen_value(&record(), "dev-a", Take::Theirs), Value::String("王法官".into()));
        assert_eq!(chosen_value(&record(), "dev-b", Take::Mine), Value::String("王法官".into()));
        assert_eq!(Take::parse("theirs"), Some(Take::Theirs));
        assert_eq!(Take::parse("x"), None);
        assert_eq!(field_label("case", Some("judge")), "承办法官");
        assert_eq!(field_label("hearing", Some("start")), "开庭时间");
        assert_eq!(field_label("party", None), "当事人（删除与修改）");
        assert_eq!(field_label("widget", Some("x")), "widget·x");
    }

    #[test]
    fn every_other_device_sees_the_kept_value_as_mine() {
        for device in ["dev-b", "dev-c"] {
            let v = project(&record(), device);
            assert_eq!(v.mine, Value::String("王法官".into()), "{device}");
            assert_eq!(v.theirs, Value::String("李法官".into()));
            assert_eq!(v.theirs_by.user, "li");
            assert!(v.kept_mine);
            assert!(!v.mine_here);
        }
    }
}
