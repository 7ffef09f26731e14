//! Shared pieces: a seeded RNG, client stores, cases, users, and an in-process transport with faults.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use andu_core::CaseInput;
use andu_server::backend::Backend;
use andu_server::db;
use andu_server::{Caller, Service};
use andu_store::{DbKey, Store};
use andu_sync::access::{Role, Scope};
use andu_sync::{Hello, HelloReply, HistoryPage, HistoryRequest, Pull, PullPage, Push, PushReply};
use andu_sync_client::{SyncError, Transport};
use chrono::{DateTime, Utc};

/// SplitMix64: tiny, fast, and the same on every machine, so a seed replays exactly.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A raw 256-bit SQLCipher key: no key derivation, so the simulation can open hundreds of stores a second.
pub fn raw_key() -> DbKey {
    DbKey::new("x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'")
}

pub fn open_store(path: &Path) -> Store {
    Store::open(path, &raw_key()).expect("store opens")
}

pub fn case_input(n: usize, division: &str) -> andu_core::case::ValidCase {
    let input: CaseInput = serde_json::from_value(serde_json::json!({
        "case_no": format!("（2026）粤0309民初{n}号"),
        "cause": "民间借贷纠纷",
        "procedure": "civil-simple",
        "filed": "2026-03-02",
        "court": "深圳市龙华区人民法院",
        "division": division,
        "judge": "王法官",
        "parties": [
            {"role": "原告", "name": format!("原告{n}")},
            {"role": "被告", "name": format!("被告{n}")}
        ]
    }))
    .expect("case input");
    input.validate().expect("valid case")
}

/// Add a user without Argon2 (the simulation adds thousands; password login is tested over HTTP).
pub fn add_user<B: Backend>(svc: &Service<B>, name: &str, role: Role, division: &str) {
    svc.backend()
        .write(|tx| {
            db::insert_user(
                tx,
                &db::User {
                    name: name.into(),
                    role: role.as_str().into(),
                    division: division.into(),
                    password_hash: "-".into(),
                },
                "2026-01-01T00:00:00Z",
            )
        })
        .expect("user added");
}

/// The cases a user may see right now, by the server's own index.
pub fn visible_cases<B: Backend>(svc: &Service<B>, user: &str) -> BTreeSet<String> {
    svc.backend()
        .read(|tx| {
            let u = db::user(tx, user)?.expect("user exists");
            let scope = Scope::of(Role::parse(&u.role).expect("role"), &u.division);
            let all = tx
                .query("SELECT case_id FROM cases_index ORDER BY case_id", &[])?
                .iter()
                .map(|r| r[0].text())
                .collect::<Vec<_>>();
            let mut out = BTreeSet::new();
            for c in all {
                if scope.allows(&db::case_index(tx, &c)?.expect("indexed").division) {
                    out.insert(c);
                }
            }
            Ok(out)
        })
        .expect("server readable")
}

/// What can go wrong on the way to the server and back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// The request never arrives.
    DropRequest,
    /// The server commits, the answer is lost.
    DropResponse,
    /// The request arrives twice.
    Duplicate,
}

/// An in-process transport that calls the service directly, with faults chosen by the seed, and that checks on
/// every page that nothing outside the user's access is delivered and the cursor never goes back.
pub struct SimTransport<'a, B: Backend> {
    pub svc: &'a Service<B>,
    pub caller: Caller,
    pub rng: &'a mut Rng,
    pub fault_percent: u64,
    /// The client process dies after this many requests (the sync stops there).
    pub crash_after: Option<usize>,
    pub calls: usize,
    pub now: DateTime<Utc>,
    pub violations: &'a mut Vec<String>,
    pub small_pages: bool,
}

impl<B: Backend> SimTransport<'_, B> {
    fn fault(&mut self) -> Result<Fault, SyncError> {
        self.calls += 1;
        if self.crash_after.is_some_and(|n| self.calls > n) {
            return Err(SyncError::Unreachable { server: "sim".into(), why: "client crashed".into() });
        }
        if !self.rng.chance(self.fault_percent) {
            return Ok(Fault::None);
        }
        Ok(*self.rng.pick(&[Fault::DropRequest, Fault::DropResponse, Fault::Duplicate]))
    }
}

fn lost() -> SyncError {
    SyncError::Unreachable { server: "sim".into(), why: "network".into() }
}

fn refused(e: andu_server::ServerError) -> SyncError {
    use andu_core::Coded;
    SyncError::Server(e.to_body())
}

impl<B: Backend> Transport for SimTransport<'_, B> {
    fn hello(&mut self, h: &Hello) -> Result<HelloReply, SyncError> {
        self.svc.hello(h).map_err(refused)
    }

    fn history(&mut self, h: &HistoryRequest) -> Result<HistoryPage, SyncError> {
        self.svc.history(&self.caller, h).map_err(refused)
    }

    fn push(&mut self, p: &Push) -> Result<PushReply, SyncError> {
        let mut p = p.clone();
        // Sometimes the batch arrives reordered: the server must answer with a gap, never apply out of order.
        if self.fault_percent > 0 && self.rng.chance(3) && p.ops.len() > 1 {
            p.ops.reverse();
        }
        match self.fault()? {
            Fault::DropRequest => Err(lost()),
            Fault::DropResponse => {
                self.svc.push(&self.caller, &p, self.now).map_err(refused)?;
                Err(lost())
            }
            Fault::Duplicate => {
                let first = self.svc.push(&self.caller, &p, self.now).map_err(refused)?;
                let second = self.svc.push(&self.caller, &p, self.now).map_err(refused)?;
                if first.results != second.results[..first.results.len().min(second.results.len())] {
                    self.violations.push("I5: a duplicate push answered differently".into());
                }
                Ok(second)
            }
            Fault::None => self.svc.push(&self.caller, &p, self.now).map_err(refused),
        }
        .inspect(|r| {
            if std::env::var_os("ANDU_SIM_VERBOSE").is_some() {
                for (op, res) in p.ops.iter().zip(&r.results) {
                    eprintln!(
                        "  push {} {} {:?} base {} → {:?}",
                        self.caller.device_id, op.entity, op.kind, op.base, res.outcome
                    );
                }
            }
        })
    }

    fn pull(&mut self, p: &Pull) -> Result<PullPage, SyncError> {
        let mut p = p.clone();
        if self.small_pages {
            p.limit = 1 + self.rng.below(4);
        }
        let page = match self.fault()? {
            Fault::DropRequest => return Err(lost()),
            Fault::DropResponse => {
                self.svc.pull(&self.caller, &p, self.now).map_err(refused)?;
                return Err(lost());
            }
            Fault::Duplicate => {
                self.svc.pull(&self.caller, &p, self.now).map_err(refused)?;
                self.svc.pull(&self.caller, &p, self.now).map_err(refused)?
            }
            Fault::None => self.svc.pull(&self.caller, &p, self.now).map_err(refused)?,
        };
        if std::env::var_os("ANDU_SIM_VERBOSE").is_some() {
            for r in page.rows.iter().chain(page.snapshots.iter().flat_map(|s| s.history.iter())) {
                eprintln!("  pull {} seq {} {} {:?}", self.caller.device_id, r.seq, r.entity.entity, r.entity.row);
            }
        }
        // I4: nothing outside the user's access at this moment.
        let visible = visible_cases(self.svc, &self.caller.user);
        for c in page.rows.iter().map(|r| &r.case_id).chain(page.snapshots.iter().map(|s| &s.case_id)) {
            if !visible.contains(c) {
                self.violations.push(format!("I4: {} received case {c} outside their access", self.caller.user));
            }
        }
        // I6: the cursor only moves forward.
        if page.next.seq < p.cursor.seq {
            self.violations.push(format!("I6: cursor went back from {} to {}", p.cursor.seq, page.next.seq));
        }
        Ok(page)
    }
}

pub fn tmp_root() -> PathBuf {
    // tmpfs when there is one: the simulation fsyncs a lot and checks logic, not disks.
    let shm = PathBuf::from("/dev/shm");
    if shm.is_dir() { shm } else { std::env::temp_dir() }
}

/// One full sync of `store` as `user`'s device, in-process and without faults; a broken invariant fails the test.
pub fn sync_cleanly<B: Backend>(svc: &Service<B>, user: &str, store: &mut Store, now: DateTime<Utc>) {
    let caller = svc.enroll_device(user, store.device(), now).expect("device enrolled");
    let (mut rng, mut violations) = (Rng::new(7), Vec::new());
    let mut t = SimTransport {
        svc,
        caller,
        rng: &mut rng,
        fault_percent: 0,
        crash_after: None,
        calls: 0,
        now,
        violations: &mut violations,
        small_pages: false,
    };
    andu_sync_client::sync_once(store, &mut t, now).expect("sync succeeds");
    assert!(violations.is_empty(), "{violations:?}");
}
