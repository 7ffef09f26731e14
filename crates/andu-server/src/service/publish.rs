//! Publishing to every client: holiday years, rule files, templates and indicator definitions, each checked by the
//! parser the clients use before it is stored, and the withdrawal of one.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{R, Service, stamp};
use crate::backend::Backend;
use crate::db;
use crate::error::ServerError;

impl<B: Backend> Service<B> {
    /// Publish a file to every client at its next sync: a holiday year, a rule file (one area), a template or the
    /// indicator definitions — checked by the parser the clients use (`publish::check`), so a broken file never
    /// reaches a judge. Returns the name it is published under and its sequence number.
    pub fn publish(&self, kind: &str, file_name: &str, bytes: &[u8], by: &str, now: DateTime<Utc>) -> R<(String, i64)> {
        self.backend.write(|tx| {
            // The latest rule file of each area published so far: a new one must fit with the others.
            let mut rules: BTreeMap<String, String> = BTreeMap::new();
            for a in db::assets_after(tx, 0)?.into_iter().filter(|a| a.kind == "rules") {
                if a.content.is_empty() {
                    rules.remove(&a.name); // withdrawn
                } else {
                    rules.insert(a.name, a.content);
                }
            }
            let published: Vec<String> = rules.into_values().collect();
            let checked = crate::publish::check(kind, file_name, bytes, &published)?;
            let asset = andu_sync::Asset {
                seq: 0,
                kind: kind.into(),
                name: checked.name.clone(),
                content: checked.content,
                published_by: by.into(),
                at: stamp(now),
            };
            Ok((checked.name, db::publish_asset(tx, &asset)?))
        })
    }

    /// Withdraw a published rule file (by area), template (by name) or the indicator definitions: an asset with
    /// no content, after which clients go back to their built-in one. A holiday year is corrected by publishing it
    /// again, never withdrawn (deadlines in it would have no calendar).
    pub fn withdraw(&self, kind: &str, name: &str, by: &str, now: DateTime<Utc>) -> R<i64> {
        let single = crate::publish::SINGLE_FILE_KINDS.contains(&kind);
        let name = if single { kind } else { name.trim() };
        match kind {
            "rules" | "templates" => {}
            _ if single => {}
            "holidays" => {
                return Err(ServerError::BadRequest(
                    "节假日数据不能撤回：如有错误，请发布更正后的该年度数据（publish holidays FILE）".into(),
                ));
            }
            other => {
                return Err(ServerError::BadRequest(format!(
                    "不支持撤回“{other}”：可撤回 rules、templates、indicators、weights、settings"
                )));
            }
        }
        self.backend.write(|tx| {
            let live = db::assets_after(tx, 0)?
                .into_iter()
                .rev()
                .find(|a| a.kind == kind && a.name == name)
                .is_some_and(|a| !a.content.is_empty());
            if !live {
                return Err(ServerError::BadRequest(format!("没有已发布的 {kind}“{name}”可以撤回")));
            }
            let asset = andu_sync::Asset {
                seq: 0,
                kind: kind.into(),
                name: name.into(),
                content: String::new(),
                published_by: by.into(),
                at: stamp(now),
            };
            db::publish_asset(tx, &asset)
        })
    }
}
