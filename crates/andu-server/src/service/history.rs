//! History on demand: a device that started a case from its current rows (a new device joining a division) asks
//! for the case's whole recorded history when a person opens it. Access as everywhere: the user's current scope
//! must show the case; an unknown case and a hidden one are answered alike.

use andu_sync::{HistoryPage, HistoryRequest};

use super::{Caller, R, Service, check_protocol, scope_of};
use crate::backend::Backend;
use crate::db;
use crate::error::ServerError;

/// The most rows a history page carries, whatever the client asks.
pub const HISTORY_PAGE: usize = 2000;

impl<B: Backend> Service<B> {
    pub fn history(&self, caller: &Caller, h: &HistoryRequest) -> R<HistoryPage> {
        check_protocol(h.protocol)?;
        if h.after < 0 {
            return Err(ServerError::BadRequest("after 不能小于 0".into()));
        }
        // Bounded by rows only (a case's history can hold long draft judgments): at most 2,000 per page.
        let limit = h.limit.clamp(1, HISTORY_PAGE);
        self.backend.read(|tx| {
            let scope = scope_of(tx, &caller.user)?;
            if !db::case_index(tx, &h.case_id)?.is_some_and(|ix| scope.allows(&ix.division)) {
                return Err(ServerError::CaseNotShown);
            }
            let upto = db::max_seq(tx)?;
            // One row more than asked tells whether more follow.
            let mut rows = db::case_history_after(tx, &h.case_id, h.after, upto, limit as i64 + 1)?;
            let has_more = rows.len() > limit;
            rows.truncate(limit);
            Ok(HistoryPage { rows: rows.into_iter().map(db::FeedChange::into_feed_row).collect(), has_more })
        })
    }
}
