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
