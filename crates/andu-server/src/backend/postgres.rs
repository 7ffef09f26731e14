//! PostgreSQL, for a court or province that outgrows one machine (`--database postgres://…`).
//!
//! Commit order: every writing transaction takes `pg_advisory_xact_lock(FEED_LOCK)` first and holds it until it
//! commits. Sequence numbers of the change feed are allocated (`MAX(seq)+1`) under that lock, so a reader can never
//! see seq 101 while 100 is still uncommitted. Court write rates are small; the lock costs little (benchmarked).
//! Readers use REPEATABLE READ snapshots and never wait for the lock.

use std::collections::HashMap;
use std::sync::Mutex;

use postgres::types::{ToSql, Type};
use postgres::{Client, IsolationLevel, NoTls, Statement};

use super::{Backend, Row, SqlTx, Val};
use crate::error::ServerError;

/// Migrations of the PostgreSQL backend, recorded in `andu_schema`. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
    include_str!("schema_v7.sql"),
    include_str!("schema_v8.sql"),
];
const FEED_LOCK: i64 = 0x616e_6475; // "andu"
const POOL: usize = 8;

struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

pub struct Postgres {
    url: String,
    idle: Mutex<Vec<Conn>>,
    /// Feed size at the last `ANALYZE` this process ran (see `feed_grew`).
    analyzed_at: Mutex<i64>,
}

/// Below this many changes every plan is cheap; above it, statistics are refreshed each time the feed doubles.
const ANALYZE_FROM: i64 = 1024;

fn dollar_placeholders(sql: &str) -> String {
    // `?1` → `$1`; the server's SQL has no `?` inside string literals.
    sql.replace('?', "$")
}

struct Tx<'a> {
    tx: postgres::Transaction<'a>,
    statements: &'a mut HashMap<String, Statement>,
}

impl Tx<'_> {
    fn prepared(&mut self, sql: &str) -> Result<Statement, ServerError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(&dollar_placeholders(sql))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// Parameters typed as the statement expects (a NULL must still have the column's type).
fn params(stmt: &Statement, vals: &[Val]) -> Vec<Box<dyn ToSql + Sync>> {
    stmt.params()
        .iter()
        .zip(vals)
        .map(|(ty, v)| -> Box<dyn ToSql + Sync> {
            let int = *ty == Type::INT8 || *ty == Type::INT4;
            match (v, int) {
                (Val::Null, true) => Box::new(None::<i64>),
                (Val::Null, false) => Box::new(None::<String>),
                (Val::Int(i), true) => Box::new(*i),
                (Val::Int(i), false) => Box::new(i.to_string()),
                (Val::Text(t), true) => Box::new(t.parse::<i64>().unwrap_or(0)),
                (Val::Text(t), false) => Box::new(t.clone()),
            }
        })
        .collect()
}

impl SqlTx for Tx<'_> {
    fn exec(&mut self, sql: &str, vals: &[Val]) -> Result<u64, ServerError> {
        let stmt = self.prepared(sql)?;
        let p = params(&stmt, vals);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        Ok(self.tx.execute(&stmt, &refs)?)
    }
    fn query(&mut self, sql: &str, vals: &[Val]) -> Result<Vec<Row>, ServerError> {
        let stmt = self.prepared(sql)?;
        let p = params(&stmt, vals);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        let rows = self.tx.query(&stmt, &refs)?;
        Ok(rows
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        let ty = r.columns()[i].type_();
                        if *ty == Type::INT8 {
                            r.get::<_, Option<i64>>(i).map(Val::Int).unwrap_or(Val::Null)
                        } else if *ty == Type::INT4 {
                            r.get::<_, Option<i32>>(i).map(|v| Val::Int(v as i64)).unwrap_or(Val::Null)
                        } else {
                            r.get::<_, Option<String>>(i).map(Val::Text).unwrap_or(Val::Null)
                        }
                    })
                    .collect()
            })
            .collect())
    }
}

impl Postgres {
    pub fn connect(url: &str) -> Result<Postgres, ServerError> {
        let pg = Postgres { url: url.to_string(), idle: Mutex::new(Vec::new()), analyzed_at: Mutex::new(0) };
        let mut c = pg.take()?;
        let migrated = pg.migrate(&mut c);
        pg.put(c);
        migrated?;
        Ok(pg)
    }

    fn migrate(&self, c: &mut Conn) -> Result<(), ServerError> {
        let mut tx = c.client.transaction()?;
        tx.batch_execute(
            "SELECT pg_advisory_xact_lock(1); CREATE TABLE IF NOT EXISTS andu_schema (version BIGINT NOT NULL)",
        )?;
        let found: i64 = tx.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM andu_schema", &[])?.get(0);
        if found > MIGRATIONS.len() as i64 {
            return Err(ServerError::NewerSchema { found, supported: MIGRATIONS.len() as i64 });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.batch_execute(sql)?;
            tx.execute("INSERT INTO andu_schema (version) VALUES ($1)", &[&((i + 1) as i64)])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn take(&self) -> Result<Conn, ServerError> {
        if let Some(c) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()
            && !c.client.is_closed()
        {
            return Ok(c);
        }
        let client = Client::connect(&self.url, NoTls)
            .map_err(|e| ServerError::Storage(format!("无法连接 PostgreSQL（{}）：{e}", redact(&self.url))))?;
        Ok(Conn { client, statements: HashMap::new() })
    }

    fn put(&self, c: Conn) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < POOL && !c.client.is_closed() {
            idle.push(c);
        }
    }

    fn run<R>(
        &self,
        writing: bool,
        f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>,
    ) -> Result<R, ServerError> {
        let mut c = self.take()?;
        let out = (|| {
            let level = if writing { IsolationLevel::ReadCommitted } else { IsolationLevel::RepeatableRead };
            let tx = c.client.build_transaction().isolation_level(level).start()?;
            let mut t = Tx { tx, statements: &mut c.statements };
            if writing {
                t.tx.execute("SELECT pg_advisory_xact_lock($1)", &[&FEED_LOCK])?;
            }
            let out = f(&mut t)?;
            t.tx.commit()?;
            Ok(out)
        })();
        self.put(c);
        out
    }
}

/// Where the server connects, without the password, for error messages. Read by the driver's own parser (URL or
/// `key=value` form) so that what is shown is what is used; never the text itself, which may hold a password. An
/// `@` inside a host can only be the rest of an unencoded password (the driver splits at the first `@`), so a host
/// is shown from its last `@` on.
fn redact(url: &str) -> String {
    use postgres::config::Host;
    let Ok(config) = url.parse::<postgres::Config>() else {
        return "（无法解析的 PostgreSQL 连接串，内容已隐去）".to_string();
    };
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let name = match h {
                Host::Tcp(name) => name.rsplit('@').next().unwrap_or_default().to_string(),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            };
            // The driver fills in the default port; only another one says something.
            match ports.get(i).or(if ports.len() == 1 { ports.first() } else { None }) {
                Some(port) if *port != 5432 => format!("{name}:{port}"),
                _ => name,
            }
        })
        .collect();
    let user = config.get_user().unwrap_or_default();
    let credentials = match (user, config.get_password()) {
        (_, Some(_)) => format!("{user}:***@"),
        ("", None) => String::new(),
        (user, None) => format!("{user}@"),
    };
    format!("postgres://{credentials}{}/{}", hosts.join(","), config.get_dbname().unwrap_or_default())
}

impl Backend for Postgres {
    fn write<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError> {
        self.run(true, f)
    }
    fn read<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError> {
        self.run(false, f)
    }
    /// A first upload (a court moving its cases onto the server) grows the tables from nothing to tens of thousands
    /// of rows in a minute, faster than autovacuum re-analyzes them; plans made for tiny tables then scan whole
    /// tables and each push gets slower (150 → 600 ms per 500 ops, measured). `ANALYZE` whenever the feed has
    /// doubled — a dozen times up to a million changes — keeps plans right; it samples, so it stays cheap. Prepared
    /// statements are re-planned after it by PostgreSQL itself. A failure only costs speed, so it is not an error.
    fn feed_grew(&self, rows: i64) {
        {
            let mut at = self.analyzed_at.lock().unwrap_or_else(|p| p.into_inner());
            if rows < ANALYZE_FROM || rows < 2 * *at {
                return;
            }
            *at = rows;
        }
        if let Ok(mut c) = self.take() {
            let _ = c
                .client
                .batch_execute("ANALYZE applied_ops, entities, fields, cases_index, changes, device_cases, audit");
            self.put(c);
        }
    }
    fn kind(&self) -> &'static str {
        "postgres"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_and_redaction() {
        assert_eq!(super::dollar_placeholders("SELECT ?1, ?2"), "SELECT $1, $2");
        assert_eq!(super::redact("postgres://andu:secret@db/andu"), "postgres://andu:***@db/andu");
    }

    /// Issue #12: a password with `@` (or `:`/`/`), or the `key=value` form, must never reach an error message.
    #[test]
    fn redaction_never_shows_any_part_of_a_password() {
        for (url, shown) in [
            ("postgres://andu:p@ss@db/andu", "postgres://andu:***@db/andu"),
            ("postgres://andu:a@b@c@db:5433/andu", "postgres://andu:***@db:5433/andu"),
            ("postgresql://andu:pa%40ss:w0rd@db/andu", "postgres://andu:***@db/andu"),
            ("host=db user=andu password=s3cr3t dbname=andu", "postgres://andu:***@db/andu"),
            ("postgres://andu@db/andu", "postgres://andu@db/andu"),
        ] {
            assert_eq!(super::redact(url), shown, "{url}");
        }
        for secret in ["postgres://andu:p@ss word@db/andu", "password='s3cr3t", "postgres://andu:s3cr3t@db:99999/x"] {
            let out = super::redact(secret);
            assert!(!out.contains("s3cr3t") && !out.contains("ss word"), "{secret} → {out}");
        }
    }
}
