//! The facts the indicators are computed from, read from the store once: shared by `andu stats` and the app's
//! 统计 commands so both count the same cases.

use andu_core::Coded;
use andu_stats::CaseFacts;
use andu_store::Store;

use crate::ErrorBody;

/// Every stored case as indicator facts; cases that no longer validate are left out and named (`skipped`).
pub struct StatsFacts {
    pub facts: Vec<CaseFacts>,
    pub skipped: Vec<String>,
}

impl StatsFacts {
    pub fn read(store: &Store) -> Result<Self, ErrorBody> {
        let (mut facts, mut skipped) = (Vec::new(), Vec::new());
        for input in store.all_inputs().map_err(|e| e.to_body())? {
            match input.validate() {
                Ok(case) => facts.push(CaseFacts::from_case(&case)),
                Err(_) => skipped.push(input.case_no),
            }
        }
        Ok(StatsFacts { facts, skipped })
    }

    /// The warning to show with the numbers when some cases were left out.
    pub fn warning(&self) -> Option<String> {
        (!self.skipped.is_empty())
            .then(|| format!("{} 件案件数据无效，未计入：{}", self.skipped.len(), self.skipped.join("、")))
    }
}
