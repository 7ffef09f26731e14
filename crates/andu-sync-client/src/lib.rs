//! The client side of sync. [`sync_once`] pushes the outbox, then pulls the feed page by page, storing each answer
//! in one local transaction — over any [`Transport`]: [`http::HttpTransport`] for a real server, or an in-process
//! one in the simulation. The network is never touched while the store is locked by a caller that passes in the
//! store per step ([`Step`]), so the app stays responsive during a long first sync.
//!
//! Must not: depend on tauri; decide merges (the server does).

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod credentials;
pub mod error;
pub mod history;
pub mod http;
pub mod schedule;
pub mod view;

use andu_store::Store;
use andu_store::sync::{SnapshotHistory, Tally};
use andu_sync::{Hello, HelloReply, HistoryPage, HistoryRequest, PROTOCOL_VERSION, Pull, PullPage, Push, PushReply};
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use error::SyncError;

/// Most ops per push (sync.md §2.4), most rows asked for per pull page (a server caps it: 10,000 now, 2,000 before;
/// a page is bounded by about 4 MB too) and per history page.
pub const PUSH_BATCH: usize = 500;
pub const PULL_PAGE: usize = 10_000;
pub const HISTORY_PAGE: usize = 2000;

/// A way to reach the server.
pub trait Transport {
    fn hello(&mut self, h: &Hello) -> Result<HelloReply, SyncError>;
    fn push(&mut self, p: &Push) -> Result<PushReply, SyncError>;
    fn pull(&mut self, p: &Pull) -> Result<PullPage, SyncError>;
    /// One page of a case's recorded history (`POST /v1/history`).
    fn history(&mut self, _h: &HistoryRequest) -> Result<HistoryPage, SyncError> {
        Err(SyncError::Protocol("此连接不能读取案件的完整历史".into()))
    }
}

/// What one sync did: `andu sync --json` prints it. `conflicts` counts the open conflicts after the sync (the ones
/// people must look at), `rejected` the edits the server refused in this sync.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
    pub conflicts: usize,
    pub rejected: usize,
}

/// Access to the store for one short step; the app passes a closure that locks its mutex, the CLI the store itself.
pub trait Step {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, SyncError>) -> Result<T, SyncError>;

    /// Nothing else uses the store between steps (the CLI's own store), so the pull may keep a transaction open
    /// across steps: pages are then committed in groups of [`PULL_GROUP_ROWS`]. The app's store serves its other
    /// commands between steps: each page is committed on its own there.
    fn alone(&self) -> bool {
        false
    }
}

impl Step for Store {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, SyncError>) -> Result<T, SyncError> {
        f(self)
    }

    fn alone(&self) -> bool {
        true
    }
}

impl Step for &std::sync::Mutex<Store> {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, SyncError>) -> Result<T, SyncError> {
        let mut s = self.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut s)
    }
}

fn add(r: &mut SyncReport, t: Tally) {
    r.pushed += t.pushed;
    r.pulled += t.pulled;
    r.rejected += t.rejected;
}

/// About the most bytes of ops in one push: far below the server's body limit (16 MB), so a batch of long draft
/// judgments is sent in several pushes instead of being refused.
pub const PUSH_BYTES: usize = 4 * 1024 * 1024;

/// A writer that only counts the bytes written to it.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first ops of `ops` that fit in [`PUSH_BYTES`] (at least one: a single op larger than that is still sent).
fn fit_batch(mut ops: Vec<andu_sync::Op>) -> Vec<andu_sync::Op> {
    let mut bytes = 0;
    let keep = ops
        .iter()
        .position(|op| {
            // Counted, not kept: the request serialises the batch again.
            let mut counter = ByteCount(0);
            bytes += serde_json::to_writer(&mut counter, op).map_or(0, |()| counter.0);
            bytes > PUSH_BYTES
        })
        .unwrap_or(ops.len())
        .max(1);
    ops.truncate(keep);
    ops
}

/// `demo_store_not_synced` when the store holds demo data (`Store::is_demo`): nothing is sent, not even a hello.
pub fn refuse_demo(store: &mut impl Step) -> Result<(), SyncError> {
    match store.with(|s| Ok((s.is_demo()?, s.path().display().to_string())))? {
        (true, path) => Err(SyncError::DemoStore(path)),
        (false, _) => Ok(()),
    }
}

/// Push everything pending, then pull until caught up. `now` stamps local bookkeeping only.
pub fn sync_once(
    store: &mut impl Step,
    transport: &mut (impl Transport + Send),
    now: DateTime<Utc>,
) -> Result<SyncReport, SyncError> {
    let result = sync_inner(store, transport, now);
    // Remember how the last attempt went, for the status line; a failure loses nothing (the outbox stays).
    let _ = store.with(|s| {
        match &result {
            Ok(_) => {
                s.set_sync_meta(andu_store::table::sync::keys::LAST_SYNC, &now.to_rfc3339())?;
                s.set_sync_meta(andu_store::table::sync::keys::LAST_ERROR, "")?;
            }
            Err(e) => s.set_sync_meta(andu_store::table::sync::keys::LAST_ERROR, &e.to_string())?,
        }
        Ok(())
    });
    result
}

fn sync_inner(
    store: &mut impl Step,
    transport: &mut (impl Transport + Send),
    now: DateTime<Utc>,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    // Checked here, below every shell: demo cases are made up and must never reach a court server.
    refuse_demo(store)?;
    let hello = transport
        .hello(&Hello { protocol: PROTOCOL_VERSION, client: format!("andu {}", env!("CARGO_PKG_VERSION")) })?;
    // A server that keeps histories for `POST /v1/history` sends new cases as their current rows: they are stored
    // without a history row each, the history left on the server until a person asks for it. An older server sends
    // whole histories, kept row by row.
    let keeping = if hello.capabilities.iter().any(|c| c == "history") {
        SnapshotHistory::OnServer
    } else {
        SnapshotHistory::EveryRow
    };
    // Push. A gap answer rewinds the acknowledged mark; each round makes progress or stops. While the server works
    // on a batch, the next one is read from the outbox (it is sent only after this one's answer is stored).
    let mut idle_rounds = 0;
    let mut ahead: Option<Vec<andu_sync::Op>> = None;
    loop {
        let ops = match ahead.take() {
            Some(ops) => ops,
            None => fit_batch(store.with(|s| Ok(s.outbox_ops(PUSH_BATCH)?))?),
        };
        let Some(last_sent) = ops.last().map(|o| o.device_seq) else { break };
        let push = Push { protocol: PROTOCOL_VERSION, ops };
        let (reply, next) = std::thread::scope(|scope| {
            let answer = scope.spawn(|| transport.push(&push));
            let next = store.with(|s| Ok(s.outbox_ops_after(last_sent, PUSH_BATCH)?));
            (joined(answer.join()), next)
        });
        let reply = reply?;
        let tally = store.with(|s| Ok(s.record_push(&push.ops, &reply, now)?))?;
        add(&mut report, tally);
        if let Some(gap) = reply.gap {
            store.with(|s| Ok(s.rewind_acked(gap.expected)?))?;
        }
        if tally.pushed + tally.rejected == 0 {
            idle_rounds += 1;
            if idle_rounds > 3 {
                return Err(SyncError::Protocol("服务器没有确认任何修改".into()));
            }
        } else {
            idle_rounds = 0;
        }
        // The batch read ahead follows the acknowledged mark only when every op sent was answered; otherwise the
        // outbox is read again from the mark.
        if reply.gap.is_none() && tally.pushed + tally.rejected == push.ops.len() {
            ahead = Some(fit_batch(next?));
        }
    }
    // Pull. While a page is stored (one local transaction), the next one is fetched: its request follows from the
    // page itself — the cursor, the snapshot to resume, the last published asset — exactly what storing the page
    // records. A page fetched ahead of a store that then fails is harmless: its cursor's epoch says the server the
    // page before was stored, and the next sync, sending the stored cursor, has the unstored pages sent again.
    let request = store.with(|s| {
        let assets = s.sync_meta(andu_store::table::sync::keys::ASSETS_SEQ)?.and_then(|v| v.parse().ok());
        Ok(Pull {
            protocol: PROTOCOL_VERSION,
            cursor: s.sync_cursor()?,
            limit: PULL_PAGE,
            assets_after: assets.unwrap_or(0),
            continued_snapshots: true,
            current_snapshots: true,
            resume: s.snapshot_resume()?,
        })
    })?;
    let first = transport.pull(&request)?;
    let grouped = store.alone();
    // A pull of several pages (a join, a device back after long offline) into a store held alone is written with a
    // rollback journal: its pages go into the file once instead of into the WAL and again at each checkpoint. A
    // pull of one page (an idle sync) keeps the WAL; switching modes would cost more than it saves.
    let journal = grouped && first.has_more && store.with(|s| Ok(s.use_rollback_journal()))?;
    if grouped {
        store.with(|s| Ok(s.begin_pull_group()?))?;
    }
    let pulled = pull_pages(store, transport, request, first, keeping, grouped, now);
    // What was stored is kept, also when a later page or fetch failed (each page is stored whole, with its cursor).
    let committed = if grouped { store.with(|s| Ok(s.end_pull_group()?)) } else { Ok(()) };
    if journal {
        store.with(|s| Ok(s.use_wal()))?;
    }
    add(&mut report, pulled?);
    committed?;
    store.with(|s| apply_assets(s, now))?;
    report.conflicts = store.with(|s| Ok(s.sync_status()?.conflicts as usize))?;
    Ok(report)
}

/// Pull pages committed together (when the store is held alone): about this many rows, ~30 pages of a join. Each
/// commit writes again every page of the store the group touched — the cases' indexes by 案号, date and judge are
/// touched all over by every group — so fewer commits write less; a crash repeats at most one group's pages.
pub const PULL_GROUP_ROWS: usize = 200_000;

/// Pull until caught up, starting with `first`, the answer to `request`: what the pages stored.
fn pull_pages(
    store: &mut impl Step,
    transport: &mut (impl Transport + Send),
    mut request: Pull,
    first: PullPage,
    keeping: SnapshotHistory,
    grouped: bool,
    now: DateTime<Utc>,
) -> Result<Tally, SyncError> {
    let mut total = Tally::default();
    let mut in_group = 0;
    let mut page = first;
    let mut stored_page: Option<andu_sync::PullPage> = None;
    loop {
        if !page.has_more {
            let tally = store.with(|s| Ok(s.apply_pull_keeping(&page, keeping, now)?))?;
            return Ok(sum(total, tally));
        }
        request = next_pull(&request, &page);
        // The page stored before this one is freed on the fetching thread too: a page is tens of thousands of
        // small allocations, and freeing them is no work for the thread that stores.
        let done = stored_page.take();
        let (stored, fetched) = std::thread::scope(|scope| {
            let fetching = scope.spawn(|| {
                drop(done);
                transport.pull(&request)
            });
            let stored = store.with(|s| Ok(s.apply_pull_keeping(&page, keeping, now)?));
            (stored, joined(fetching.join()))
        });
        let tally = stored?;
        total = sum(total, tally);
        in_group += tally.pulled;
        if grouped && in_group >= PULL_GROUP_ROWS {
            in_group = 0;
            store.with(|s| {
                s.end_pull_group()?;
                Ok(s.begin_pull_group()?)
            })?;
        }
        stored_page = Some(std::mem::replace(&mut page, fetched?));
    }
}

fn sum(a: Tally, b: Tally) -> Tally {
    Tally {
        pushed: a.pushed + b.pushed,
        pulled: a.pulled + b.pulled,
        conflicts: a.conflicts + b.conflicts,
        rejected: a.rejected + b.rejected,
    }
}

/// The answer of a request made on another thread (a panic there goes on here).
fn joined<T>(r: std::thread::Result<T>) -> T {
    r.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The pull after `page` (answering `before`), as the store will stand once the page is stored: its cursor, its
/// snapshot to resume, its last published asset.
pub fn next_pull(before: &Pull, page: &PullPage) -> Pull {
    Pull {
        cursor: page.next,
        assets_after: page.assets.last().map_or(before.assets_after, |a| a.seq),
        resume: page.resume.clone(),
        ..before.clone()
    }
}

/// Fetch the whole recorded history of one case from the server and keep it as the case's pulled history. A device
/// that joined from the cases' current rows holds only the last change of each entity; this brings the rest when a
/// person asks for it. Returns how many history rows the case now has from the server.
pub fn fetch_case_history(
    store: &mut impl Step,
    transport: &mut impl Transport,
    case_id: &str,
) -> Result<usize, SyncError> {
    let mut rows = Vec::new();
    loop {
        let after = rows.last().map_or(0, |r: &andu_sync::FeedRow| r.seq);
        let page = transport.history(&HistoryRequest {
            protocol: PROTOCOL_VERSION,
            case_id: case_id.to_string(),
            after,
            limit: HISTORY_PAGE,
        })?;
        let got = page.rows.len();
        rows.extend(page.rows);
        if !page.has_more || got == 0 {
            break;
        }
    }
    store.with(|s| Ok(s.store_case_history(case_id, &rows)?))?;
    Ok(rows.len())
}

/// The court's published settings replace the court-settable ones of the store as a set: a key the file leaves
/// out (or a withdrawal, an empty file) goes back to its default.
fn apply_court_settings(store: &mut Store, content: &str) -> Result<(), andu_core::ErrorBody> {
    use andu_core::Coded;
    let given = if content.trim().is_empty() {
        Default::default()
    } else {
        andu_sync::court_settings::parse(content).map_err(|why| andu_core::ErrorBody {
            code: "settings_invalid".into(),
            message: format!("法院服务器发布的本院设置无法使用：{why}"),
            detail: None,
        })?
    };
    for (key, _) in andu_sync::court_settings::KEYS {
        let value = given.get(*key).map_or("", String::as_str);
        store.set_setting(key, value).map_err(|e| e.to_body())?;
        // What the court gave, kept apart: 设置 → 本院数据 names the source of each setting.
        store.set_setting(&andu_store::review::published_setting_key(key), value).map_err(|e| e.to_body())?;
    }
    Ok(())
}

/// Apply published data through the same imports an administrator uses on one machine: a holiday year or a rule
/// file (each recomputes every deadline it moves), a court template, the indicator definitions, the case weights,
/// the court's settings (the 阅核 settings the server also obeys). One that this
/// version cannot use (a newer kind, or a file a newer Andu wrote) stays pending and is tried again at every sync
/// — a newer Andu applies it — without stopping the sync of cases.
fn apply_assets(store: &mut Store, now: DateTime<Utc>) -> Result<(), SyncError> {
    let today = andu_core::court_day_of(now);
    for (kind, name, content) in store.pending_assets()? {
        let applied = match kind.as_str() {
            // Withdrawn by the court: back to the built-in one.
            "rules" if content.is_empty() => andu_docket::Docket::reset_rule_file(store, &name, today).map(drop),
            "templates" if content.is_empty() => andu_docket::court_templates::withdraw(store, &name),
            "indicators" if content.is_empty() => andu_docket::statistics::reset_definitions(store).map(drop),
            "weights" if content.is_empty() => andu_docket::case_weights::reset_weights(store).map(drop),
            "settings" => apply_court_settings(store, &content),
            "holidays" => andu_docket::Docket::import_holiday_year(store, &content, today).map(drop),
            "rules" => andu_docket::Docket::import_rule_file(store, &content, today).map(drop),
            "templates" => andu_docket::court_templates::import_published(store, &name, &content).map(drop),
            "indicators" => andu_docket::statistics::import_definitions(store, &content).map(drop),
            "weights" => andu_docket::case_weights::import_weights(store, &content).map(drop),
            other => Err(andu_core::ErrorBody {
                code: "asset_kind_unknown".into(),
                message: format!("此版本的案牍不能使用法院服务器发布的“{other}”类数据，请更新案牍"),
                detail: None,
            }),
        };
        match applied {
            Ok(()) => store.asset_applied(&kind, &name)?,
            // Shown in 设置 → 同步 until a newer Andu (or a corrected file published again) applies it.
            Err(e) => store.asset_not_applied(&kind, &name, &e.message)?,
        }
    }
    Ok(())
}
