//! A fresh PostgreSQL database per test, dropped afterwards. The server comes from `ANDU_PG_URL` (default: the local
//! one with trust auth that `.ci/run` makes sure of). Unreachable is a failure with a clear message, unless
//! `ANDU_SKIP_POSTGRES=1` says this machine has no PostgreSQL on purpose.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn admin_url() -> String {
    std::env::var("ANDU_PG_URL").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| DEFAULT_PG_URL.to_string())
}

fn connect(url: &str) -> Result<postgres::Client, postgres::Error> {
    let mut config: postgres::Config = url.parse()?;
    config.connect_timeout(Duration::from_secs(5));
    config.connect(postgres::NoTls)
}

/// `url` with its database replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{db}{query}")
}

pub struct PgDb {
    admin: String,
    pub name: String,
    pub url: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl PgDb {
    /// A new empty database, or `None` when PostgreSQL is unreachable and `ANDU_SKIP_POSTGRES=1`.
    pub fn create() -> Option<PgDb> {
        let admin = admin_url();
        let mut client = match connect(&admin) {
            Ok(c) => c,
            Err(e) => {
                if std::env::var("ANDU_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
                    eprintln!("PostgreSQL unreachable at {admin} ({e}); skipped because ANDU_SKIP_POSTGRES=1");
                    return None;
                }
                panic!(
                    "PostgreSQL is unreachable at {admin}: {e}\n\
                     The PostgreSQL tests need a server: `cargo xtask setup` (or .ci/run) starts the local one; set \
                     ANDU_PG_URL to use another, or ANDU_SKIP_POSTGRES=1 to skip these tests on purpose."
                );
            }
        };
        let name = format!("andu_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        // One statement per call: several in one string run as one transaction, which DROP/CREATE DATABASE refuse.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop a leftover test database");
        client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create the test database");
        Some(PgDb { url: with_database(&admin, &name), admin, name })
    }

    pub fn client(&self) -> postgres::Client {
        connect(&self.url).expect("connect to the test database")
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = connect(&self.admin) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

#[test]
fn database_in_url_is_replaced() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(with_database("postgres://u:p@h/db?sslmode=disable", "t2"), "postgres://u:p@h/t2?sslmode=disable");
    assert_eq!(with_database("postgres://h", "t3"), "postgres://h/t3");
}

/// A first upload grows the tables faster than autovacuum re-analyzes them; the server refreshes PostgreSQL's
/// statistics itself once the feed passes 1,024 changes (and each time it doubles), so plans stop scanning whole
/// tables (the sync bench: 1,300 → 3,200 changes/s with 10,000 cases).
#[test]
fn statistics_are_refreshed_as_a_first_upload_grows_the_feed() {
    use andu_server::{Postgres, Service};
    use andu_sync::access::Role;
    use andu_sync::{PROTOCOL_VERSION, Push};
    let Some(pg) = PgDb::create() else { return };
    let svc = Service::new(Postgres::connect(&pg.url).expect("server database"));
    crate::support::add_user(&svc, "院长", Role::President, "");
    let now = chrono::Utc::now();
    let caller = svc.enroll_device("院长", "dev-bulk", now).unwrap();
    let mut client = pg.client();
    let last_analyze = |c: &mut postgres::Client| -> bool {
        let row = c
            .query_one("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'changes'", &[])
            .expect("table statistics");
        row.get(0)
    };
    let mut seq = 0;
    let mut push = |n: usize| {
        let ops = (0..n)
            .map(|_| {
                seq += 1;
                let id = format!("bulk-{seq}");
                crate::rules::create_case(seq, &id, &format!("（2026）粤0309民初{seq}号"), "民一庭")
            })
            .collect();
        let reply = svc.push(&caller, &Push { protocol: PROTOCOL_VERSION, ops }, now).unwrap();
        assert!(reply.gap.is_none());
    };
    push(500);
    push(500);
    assert!(!last_analyze(&mut client), "1,000 changes: nothing to refresh yet");
    push(500);
    // The analyzing connection reports its statistics when it is done; give the report a moment.
    let refreshed = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        last_analyze(&mut client)
    });
    assert!(refreshed, "1,500 changes: the server should have run ANALYZE");
}
