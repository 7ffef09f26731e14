//! Pull: the access-filtered feed after the client's cursor, whole histories of cases the device does not hold yet
//! (once it is caught up), and revocations. A page is bounded in rows (`limit`, capped by `max_page`) and — for a
//! client that takes continued snapshots — in bytes (`max_page_bytes`): a case whose history alone is larger goes
//! over several pages, each part sent back by the client as `resume` (sync-protocol.md, Pull).

use std::collections::HashMap;

use andu_sync::access::Scope;
use andu_sync::{Cursor, Pull, PullPage, SnapshotResume};
use chrono::{DateTime, Utc};

use super::wire::{WirePage, WireSnapshot};
use super::{Caller, R, Service, check_protocol, scope_of};
use crate::backend::{Backend, SqlTx};
use crate::db::{self, FeedChange};

/// About the bytes a feed row takes on the wire: its row's JSON (the text written as it is) and the fixed fields
/// around it.
fn approx_bytes(r: &FeedChange) -> usize {
    r.row_json.as_ref().map_or(0, String::len) + 160 + r.case_id.len() + r.entity_id.len()
}

/// Rows of a history read per query while filling a page (rows can be large: draft judgments).
const HISTORY_CHUNK: i64 = 32;

/// The longest stretch of feed the search for cases a device does not hold reads from its mark
/// (`devices.cases_seen`); after more (a device back from days offline, or the join of a large upload) it looks
/// through the division once instead, an index range that does not grow with the feed.
const FEED_SEARCH_MAX: i64 = 20_000;

/// Cases whose current rows are read in one query while filling a page.
const STATE_CASES: usize = 64;

/// Whole current states of `cases` (see [`SnapshotOf::Current`]) as the first part of their snapshots would carry
/// them — the case's own row first, then its other entities in sequence order — with their size in bytes. Read in
/// one query; a case the query's row limit cut short is left out (the caller reads it on its own).
fn current_rows(tx: &mut dyn SqlTx, cases: &[&str], upto: i64) -> R<HashMap<String, (Vec<FeedChange>, usize)>> {
    let limit = (cases.len() * 32) as i64;
    let found = db::cases_state(tx, cases, upto, limit)?;
    let cut = (found.len() as i64 >= limit).then(|| found.last().map(|(c, _)| c.clone())).flatten();
    let mut out: HashMap<String, (Vec<FeedChange>, usize)> = HashMap::new();
    for (case_id, row) in found {
        if cut.as_ref() == Some(&case_id) {
            continue;
        }
        let (rows, bytes) = out.entry(case_id).or_default();
        *bytes += approx_bytes(&row);
        if row.entity == "case" {
            rows.insert(0, row);
        } else {
            rows.push(row);
        }
    }
    Ok(out)
}

/// What a snapshot of a case is made of: its whole history, or its current rows (the last change of each entity).
#[derive(Clone, Copy, PartialEq)]
enum SnapshotOf {
    History,
    Current,
}

/// One part of a case's snapshot.
struct Part {
    rows: Vec<FeedChange>,
    bytes: usize,
    /// More of the snapshot remains, to be resumed after `after`.
    more: bool,
    after: i64,
}

/// Part of `case_id`'s snapshot after `after` up to `upto`: rows while they fit in `room` bytes and `max_rows`, at
/// least one when `force_first`. A current snapshot's first part (`first`) starts with the case's own row, whatever
/// its sequence: the client stores the other rows under it. Its continuations are the other entities in sequence
/// order, so `after` only ever counts those (0 when only the case row was sent).
#[allow(clippy::too_many_arguments)]
fn history_part(
    tx: &mut dyn SqlTx,
    of: SnapshotOf,
    case_id: &str,
    mut after: i64,
    upto: i64,
    room: usize,
    max_rows: usize,
    force_first: bool,
    first: bool,
) -> R<Part> {
    let (mut out, mut bytes) = (Vec::new(), 0usize);
    if of == SnapshotOf::Current
        && first
        && let Some(row) = db::case_state_row(tx, case_id, upto)?
    {
        bytes += approx_bytes(&row);
        out.push(row);
    }
    loop {
        let chunk = match of {
            SnapshotOf::History => db::case_history_after(tx, case_id, after, upto, HISTORY_CHUNK)?,
            SnapshotOf::Current => db::case_state_after(tx, case_id, after, upto, HISTORY_CHUNK)?,
        };
        let last_chunk = (chunk.len() as i64) < HISTORY_CHUNK;
        for row in chunk {
            let size = approx_bytes(&row);
            let first = out.is_empty() && force_first;
            if !first && (bytes + size > room || out.len() >= max_rows) {
                return Ok(Part { rows: out, bytes, more: true, after });
            }
            bytes += size;
            after = row.seq;
            out.push(row);
        }
        if last_chunk {
            return Ok(Part { rows: out, bytes, more: false, after });
        }
    }
}

impl<B: Backend> Service<B> {
    /// A pull page as values (see [`Service::pull_wire`], which the HTTP answer writes out).
    pub fn pull(&self, caller: &Caller, p: &Pull, now: DateTime<Utc>) -> R<PullPage> {
        self.pull_wire(caller, p, now).map(WirePage::into_page)
    }

    /// A pull page with its rows as the feed stores them, to be written out as they are ([`WirePage::to_json`]).
    pub fn pull_wire(&self, caller: &Caller, p: &Pull, _now: DateTime<Utc>) -> R<WirePage> {
        check_protocol(p.protocol)?;
        let limit = p.limit.clamp(1, self.max_page);
        // An older client cannot take a history in parts: it gets whole ones, bounded by rows only.
        let budget = if p.continued_snapshots { self.max_page_bytes } else { usize::MAX };
        // A client that can start a case from its current rows gets those; older ones whole histories.
        let of = if p.current_snapshots { SnapshotOf::Current } else { SnapshotOf::History };
        // A writer, because it records which cases the device now holds.
        self.backend.write(|tx| {
            // A cursor the server never issued would settle held cases by an epoch that never was.
            crate::op_checks::cursor(&p.cursor, db::max_seq(tx)?)?;
            let scope = scope_of(tx, &caller.user)?;
            let device = &caller.device_id;
            let settled = db::settle_held(tx, device, p.cursor.epoch)?;
            let restored = settled.restored;
            // Where the search for cases the device does not hold may start in the feed (see `FEED_SEARCH_MAX`): not
            // after a case left the device's rows (a lost page's additions, a confirmed removal) — it may be shown
            // again with an index row older than the mark.
            let stored_seen = db::cases_seen(tx, device)?;
            let mut seen = if settled.dropped > 0 { 0 } else { stored_seen };
            // The sets are worked out in SQL (index lookups), not by reading every case the device holds and every
            // case it may see: an idle device's pull stays cheap however many cases it holds.
            let division = match &scope {
                Scope::All => Some(None),
                Scope::Division(d) => Some(Some(d.as_str())),
                Scope::Nothing => None,
            };
            let epoch = p.cursor.epoch + 1;
            // Cases it may no longer see. A held case leaves the view only by an access change (counted by the
            // access clock), so the device's held cases are looked through only when the clock moved since it last
            // did, or when a revocation sent before was not confirmed (it goes again) — not on every page of a join
            // (a walk that grew with every page: quadratic over a join) and every idle sync.
            let clock = db::access_clock(tx)?;
            let revoked = match division {
                Some(_) if restored == 0 && db::access_checked(tx, device)? == clock => Vec::new(),
                Some(div) => {
                    db::set_access_checked(tx, device, clock)?;
                    // An access change may show the device cases registered long ago: look through the division.
                    seen = 0;
                    db::held_not_shown(tx, device, div)?
                }
                None => {
                    let mut all = db::held_ids(tx, device)?;
                    all.sort();
                    all
                }
            };
            for c in &revoked {
                db::mark_removed(tx, device, c, epoch)?;
            }
            // A history sent in parts goes on first, alone on its page: its later changes come as feed rows after it.
            if let Some(r) = p.resume.as_ref().filter(|_| p.continued_snapshots)
                && division.is_some()
                && !revoked.contains(&r.case_id)
                && db::holds(tx, device, &r.case_id)?
            {
                let part = history_part(tx, of, &r.case_id, r.after, p.cursor.seq, budget, limit, true, false)?;
                let resume = part.more.then(|| SnapshotResume { case_id: r.case_id.clone(), after: part.after });
                let history = part.rows;
                return Ok(WirePage {
                    revoked,
                    snapshots: vec![WireSnapshot { case_id: r.case_id.clone(), history, continued: true }],
                    rows: Vec::new(),
                    next: Cursor { seq: p.cursor.seq, epoch },
                    has_more: true,
                    assets: Vec::new(),
                    resume,
                });
            }
            let high = db::max_seq(tx)?;
            let mut rows = Vec::new();
            let mut bytes = 0usize;
            let mut scanned = p.cursor.seq.min(high);
            match division {
                Some(div) if scanned < high => {
                    let batch = db::held_changes_after(tx, device, div, scanned, high, limit as i64)?;
                    // Fewer than asked for and none left out for size: every change up to `high` was looked at.
                    let mut complete = batch.len() < limit;
                    for row in batch {
                        let size = approx_bytes(&row);
                        if !rows.is_empty() && bytes + size > budget {
                            complete = false;
                            break;
                        }
                        bytes += size;
                        rows.push(row);
                    }
                    scanned = if complete { high } else { rows.last().map_or(high, |r: &FeedChange| r.seq) };
                }
                _ => scanned = high,
            }
            let caught_up = scanned >= high;
            let mut snapshots = Vec::new();
            let mut more_new = false;
            let mut resume = None;
            let mut added = Vec::new();
            // How many cases the search for new ones found, if it ran.
            let mut searched = None;
            if let (true, Some(div)) = (caught_up, division) {
                // Each new case costs at least one unit of the budget: `limit + 1` ids tell whether more wait.
                let mut left = limit;
                let ids = if seen > 0 && high - seen <= FEED_SEARCH_MAX {
                    db::shown_not_held_since(tx, device, div, seen, high, limit as i64 + 1)?
                } else {
                    db::shown_not_held(tx, device, div, limit as i64 + 1)?
                };
                searched = Some(ids.len());
                let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                'cases: for group in db::chunks(&id_refs, STATE_CASES) {
                    // Current rows of a few cases in one query; a case cut short by the query's limit, or too big
                    // for what is left of the page, is read on its own below (in parts if need be).
                    let mut whole = match of {
                        SnapshotOf::Current => current_rows(tx, group, high)?,
                        SnapshotOf::History => HashMap::new(),
                    };
                    for case_id in group.iter().map(|c| c.to_string()) {
                        if left == 0 || bytes >= budget {
                            more_new = true;
                            break 'cases;
                        }
                        let force = rows.is_empty() && snapshots.is_empty();
                        let fits = whole.remove(&case_id).filter(|(_, size)| bytes + size <= budget);
                        let part = match (fits, p.continued_snapshots, of) {
                            (Some((state, size)), _, _) => Part { rows: state, bytes: size, more: false, after: 0 },
                            (None, true, _) => {
                                history_part(tx, of, &case_id, 0, high, budget - bytes, usize::MAX, force, true)?
                            }
                            (None, false, SnapshotOf::History) => {
                                let rows = db::case_history(tx, &case_id, high)?;
                                Part { rows, bytes: 0, more: false, after: 0 }
                            }
                            (None, false, SnapshotOf::Current) => {
                                history_part(tx, of, &case_id, 0, high, usize::MAX, usize::MAX, true, true)?
                            }
                        };
                        let (history, size, more) = (part.rows, part.bytes, part.more);
                        if more && history.is_empty() {
                            // Not even its first row fits on this page: the case starts the next one.
                            more_new = true;
                            break 'cases;
                        }
                        left = left.saturating_sub(history.len().max(1));
                        bytes += size;
                        added.push(case_id.clone());
                        if more {
                            resume = Some(SnapshotResume { case_id: case_id.clone(), after: part.after });
                            snapshots.push(WireSnapshot { case_id, history, continued: false });
                            break 'cases;
                        }
                        snapshots.push(WireSnapshot { case_id, history, continued: false });
                    }
                }
            }
            // The device holds the page's new cases from this epoch on (one statement, not one per case).
            let held: Vec<(&str, i64)> = added.iter().map(|c| (c.as_str(), epoch)).collect();
            db::add_held_cases(tx, device, &held)?;
            // Every case the search found is on this page (and it found them all): the device holds every case it is
            // shown up to `high`, and its next search starts there.
            if searched.is_some_and(|found| found <= limit && found == added.len()) {
                seen = high;
            }
            if seen != stored_seen {
                db::set_cases_seen(tx, device, seen)?;
            }
            let assets =
                if matches!(scope, Scope::Nothing) { Vec::new() } else { db::assets_after(tx, p.assets_after)? };
            Ok(WirePage {
                revoked,
                snapshots,
                rows,
                next: Cursor { seq: scanned, epoch },
                has_more: !caught_up || more_new || resume.is_some(),
                assets,
                resume,
            })
        })
    }
}
