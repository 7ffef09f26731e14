//! Typed queries over [`SqlTx`], written once for both backends, one module per part of the schema: accounts
//! (users, devices, tokens), entities (rows, field versions, the case index), the change feed and the snapshots read
//! from it, which cases each device holds (and the access clock), stored answers and the audit log, published assets.
//! Everything is re-exported here: callers write `db::entity`, whichever file it lives in.

use serde_json::Value;

use crate::backend::Val;
use crate::error::ServerError;

type R<T> = Result<T, ServerError>;

mod accounts;
mod assets;
mod audit;
mod entities;
mod feed;
mod held;

pub use accounts::*;
pub use assets::*;
pub use audit::*;
pub use entities::*;
pub use feed::*;
pub use held::*;

fn json_of(v: &Val) -> Option<Value> {
    v.opt_text().and_then(|t| serde_json::from_str(&t).ok())
}

/// Slices of at most `max` items, each a power of two long: a multi-row statement's text depends on its row count,
/// both engines cache prepared statements by text, and this keeps a table to a dozen texts instead of hundreds.
pub(crate) fn chunks<T>(mut items: &[T], max: usize) -> impl Iterator<Item = &[T]> {
    std::iter::from_fn(move || {
        if items.is_empty() {
            return None;
        }
        let size = 1 << items.len().min(max).ilog2();
        let (head, rest) = items.split_at(size);
        items = rest;
        Some(head)
    })
}

thread_local! {
    /// Placeholder lists already written, by shape: a push builds the same few (hundreds of rows × ten columns:
    /// thousands of `format!` each) for every statement, and they were a few percent of the server's CPU.
    static PLACEHOLDERS: std::cell::RefCell<std::collections::HashMap<(usize, usize, bool), std::rc::Rc<str>>> =
        Default::default();
}

fn placeholders(key: (usize, usize, bool), build: impl FnOnce() -> String) -> String {
    PLACEHOLDERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 512 {
            cache.clear();
        }
        cache.entry(key).or_insert_with(|| build().into()).to_string()
    })
}

/// `INSERT … VALUES (?1, …), (…), …` for `rows` rows of `cols` columns, starting at `?1`.
fn values_list(rows: usize, cols: usize) -> String {
    placeholders((rows, cols, true), || {
        (0..rows)
            .map(|r| {
                let marks: Vec<String> = (1..=cols).map(|c| format!("?{}", r * cols + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// `?first, ?first+1, …`: `count` placeholders for an `IN (…)` list.
fn marks(first: usize, count: usize) -> String {
    placeholders((first, count, false), || {
        (first..first + count).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    })
}

/// `EXISTS …` for "the scope shows case `{case}`": any case in the index (`division` None) or one of a division,
/// whose name is parameter `?{param}`.
fn shown(case: &str, division: Option<&str>, param: usize) -> String {
    match division {
        None => format!("EXISTS (SELECT 1 FROM cases_index c WHERE c.case_id = {case})"),
        Some(_) => format!("EXISTS (SELECT 1 FROM cases_index c WHERE c.case_id = {case} AND c.division = ?{param})"),
    }
}

fn with_division(mut params: Vec<Val>, division: Option<&str>) -> Vec<Val> {
    if let Some(d) = division {
        params.push(d.into());
    }
    params
}
