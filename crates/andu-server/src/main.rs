//! `andu-server`: the court server's command line.
//!
//! ```text
//! andu-server --data DIR [--database postgres://…] --listen 127.0.0.1:PORT
//! andu-server --data DIR user add --name NAME --role judge|… --division 民一庭   (password from ANDU_PASSWORD)
//! andu-server --data DIR user set --name NAME --role … --division …
//! andu-server --data DIR user list
//! andu-server --data DIR user revoke --name NAME
//! andu-server --data DIR user unlock --name NAME      (after repeated wrong passwords)
//! andu-server --data DIR audit verify
//! andu-server --data DIR backup FILE                  (a consistent copy of a live SQLite server)
//! andu-server --config /etc/andu/server.toml …        (the settings below from a file; options override it)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use andu_core::Coded;
use andu_server::config::ServerConfig;
use andu_server::{Backend, Postgres, ServerError, Service, Sqlite};
use clap::{Parser, Subcommand};

/// The server's allocator (Cargo.toml says why): the binary's choice, the library and its tests keep the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "andu-server", version, about = "案牍 Andu 法院同步服务器")]
struct Cli {
    /// Settings file (TOML, keys named like the options below); options given on the command line win.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Data folder (the SQLite database lives here).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Use PostgreSQL instead of SQLite, e.g. postgres://andu@127.0.0.1/andu
    #[arg(long, env = "ANDU_DATABASE")]
    database: Option<String>,
    /// Address to listen on, e.g. 127.0.0.1:8443
    #[arg(long)]
    listen: Option<String>,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Most open connections at once; one more is answered 503 and closed. [default: 512]
    #[arg(long)]
    max_connections: Option<usize>,
    /// Seconds a connection may wait without sending a complete request (new, half-open or idle) before it is
    /// closed. [default: 30]
    #[arg(long)]
    idle_timeout: Option<u64>,
    /// Seconds a request body may take to arrive. [default: 60]
    #[arg(long)]
    body_timeout: Option<u64>,
    /// Wrong passwords in a row after which a user is locked until `user unlock`. [default: 10]
    #[arg(long)]
    lock_after: Option<u32>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Publish a file to every client at its next sync: `publish holidays 2027.json` (the format of
    /// `andu holidays import`), `publish rules civil.toml` (one area's 期间规则, replacing the built-in file of that
    /// area), `publish templates 传票（本院）.docx` (named after the file), `publish indicators indicators.toml`,
    /// `publish weights case_weights.toml` (案件权重 for 折算结案数), `publish settings 本院设置.toml` (the court's
    /// settings, e.g. `"review:reviewer" = "院长"`, which the server also obeys).
    Publish { kind: String, file: PathBuf },
    /// Withdraw what was published: `withdraw templates 传票（本院）`, `withdraw rules civil`, `withdraw indicators
    /// indicators` (likewise `weights weights`, `settings settings`); clients go back to their built-in one at the next sync. Holiday years are corrected by
    /// publishing them again.
    Withdraw { kind: String, name: String },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// A consistent copy of the SQLite database while the server keeps serving, checked before it is kept
    /// (integrity, audit chain). Restore: stop the server, put the copy in place as DATA/server.db, start it.
    /// PostgreSQL: use pg_dump.
    Backup { file: PathBuf },
}

#[derive(Subcommand)]
enum UserAction {
    /// Add a user; the password comes from ANDU_PASSWORD.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        division: String,
    },
    /// Change a user's role or division.
    Set {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        division: String,
    },
    List,
    /// Revoke every token of a user (a lost laptop).
    Revoke {
        #[arg(long)]
        name: String,
    },
    /// Lift the lock of a user locked after repeated wrong passwords.
    Unlock {
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Check the hash chain of the audit log.
    Verify,
}

fn fail(e: &ServerError) -> ExitCode {
    eprintln!("错误：{e}");
    eprintln!("{}", serde_json::to_string(&e.to_body()).unwrap_or_default());
    ExitCode::FAILURE
}

fn run<B: Backend>(svc: Service<B>, cli: Cli) -> Result<(), ServerError> {
    let now = chrono::Utc::now();
    match cli.command {
        Some(Command::User { action: UserAction::Add { name, role, division } }) => {
            let password = std::env::var("ANDU_PASSWORD")
                .map_err(|_| ServerError::BadRequest("请用环境变量 ANDU_PASSWORD 提供密码".into()))?;
            svc.add_user(&name, &role, &division, &password, now)?;
            println!("已添加用户 {name}");
        }
        Some(Command::User { action: UserAction::Set { name, role, division } }) => {
            svc.set_user_access(&name, &role, &division)?;
            println!("已更新用户 {name}");
        }
        Some(Command::User { action: UserAction::List }) => {
            // Each user with `locked_at` when locked after wrong passwords (lifted by `user unlock`).
            let mut listed = Vec::new();
            for u in svc.users()? {
                let mut v = serde_json::to_value(&u).unwrap_or_default();
                if let Some(at) = svc.locked_since(&u.name)? {
                    v["locked_at"] = serde_json::Value::String(at);
                }
                listed.push(v);
            }
            println!("{}", serde_json::to_string_pretty(&listed).unwrap_or_default());
        }
        Some(Command::User { action: UserAction::Revoke { name } }) => {
            let n = svc.revoke(&name)?;
            println!("已吊销 {name} 的 {n} 个令牌");
        }
        Some(Command::User { action: UserAction::Unlock { name } }) => {
            if svc.unlock(&name, now)? {
                println!("已解锁用户 {name}，可以重新登录");
            } else {
                println!("用户 {name} 未被锁定；已清除其登录失败记录");
            }
        }
        Some(Command::Publish { kind, file }) => {
            let bytes = std::fs::read(&file)
                .map_err(|e| ServerError::BadRequest(format!("无法读取 {}：{e}", file.display())))?;
            let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let (name, seq) = svc.publish(&kind, &file_name, &bytes, "admin", now)?;
            println!("已发布 {kind} {name}（第 {seq} 号），客户端下次同步时收到");
        }
        Some(Command::Withdraw { kind, name }) => {
            let seq = svc.withdraw(&kind, &name, "admin", now)?;
            println!("已撤回 {kind} {name}（第 {seq} 号），客户端下次同步时恢复内置版本");
        }
        // Handled in main() before any database is opened (a backup must not migrate what it copies).
        Some(Command::Backup { .. }) => return Err(ServerError::BackupFailed("未经备份流程".into())),
        Some(Command::Audit { action: AuditAction::Verify }) => {
            let n = svc.verify_audit()?;
            println!("审计日志完整：{n} 条记录，哈希链无误");
        }
        None => {
            let Some(listen) = cli.listen else {
                return Err(ServerError::BadRequest("请用 --listen 指定监听地址，例如 --listen 127.0.0.1:8443".into()));
            };
            let tls = match (&cli.tls_cert, &cli.tls_key) {
                (Some(c), Some(k)) => Some(andu_server::tls::acceptor(c, k)?),
                _ => None,
            };
            let limits = andu_server::http::Limits {
                max_connections: cli.max_connections.unwrap_or(512),
                idle_timeout: std::time::Duration::from_secs(cli.idle_timeout.unwrap_or(30).max(1)),
                body_timeout: std::time::Duration::from_secs(cli.body_timeout.unwrap_or(60).max(1)),
                ..Default::default()
            };
            let rt = tokio::runtime::Runtime::new().map_err(|e| ServerError::Storage(e.to_string()))?;
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&listen)
                    .await
                    .map_err(|e| ServerError::Storage(format!("无法监听 {listen}：{e}")))?;
                let addr = listener.local_addr().map_err(|e| ServerError::Storage(e.to_string()))?;
                let scheme = if tls.is_some() { "https" } else { "http" };
                // Tests and scripts wait for this line.
                println!("andu-server listening on {scheme}://{addr} ({})", svc.backend().kind());
                let svc = Arc::new(svc);
                let served = match tls {
                    Some(acceptor) => {
                        let listener = andu_server::tls::TlsListener::new(listener, acceptor);
                        andu_server::http::serve_tls_with(svc, listener, limits).await
                    }
                    None => andu_server::http::serve_with(svc, listener, limits).await,
                };
                served.map_err(|e| ServerError::Storage(e.to_string()))
            })?;
        }
    }
    Ok(())
}

fn service<B: Backend>(backend: B, cli: &Cli) -> Service<B> {
    let mut svc = Service::new(backend);
    svc.lock_after = cli.lock_after.unwrap_or(10).max(1);
    svc
}

/// Fill what the command line left out from the `--config` file.
fn with_config(mut cli: Cli) -> Result<Cli, ServerError> {
    let Some(path) = &cli.config else { return Ok(cli) };
    let c = ServerConfig::read(path)?;
    cli.data = cli.data.or(c.data);
    cli.database = cli.database.or(c.database);
    cli.listen = cli.listen.or(c.listen);
    if cli.tls_cert.is_none() {
        (cli.tls_cert, cli.tls_key) = (c.tls_cert, c.tls_key);
    }
    cli.max_connections = cli.max_connections.or(c.max_connections);
    cli.idle_timeout = cli.idle_timeout.or(c.idle_timeout);
    cli.body_timeout = cli.body_timeout.or(c.body_timeout);
    cli.lock_after = cli.lock_after.or(c.lock_after);
    Ok(cli)
}

fn backup(data: &std::path::Path, cli: &Cli, file: &std::path::Path) -> Result<(), ServerError> {
    if cli.database.is_some() {
        return Err(ServerError::BackupUsePgDump);
    }
    // Not through Sqlite::open: a backup must not migrate the database it copies.
    let r = andu_server::backup::sqlite_backup(data, file)?;
    println!(
        "已备份到 {}（{} 字节）：{} 位用户，{} 件案件，{} 条修改记录，审计日志 {} 条；完整性检查与审计哈希链校验通过",
        r.path.display(),
        r.bytes,
        r.users,
        r.cases,
        r.changes,
        r.audit_entries
    );
    Ok(())
}

fn main() -> ExitCode {
    let cli = match with_config(Cli::parse()) {
        Ok(cli) => cli,
        Err(e) => return fail(&e),
    };
    let Some(data) = cli.data.clone() else {
        return fail(&ServerError::BadRequest("请用 --data 或配置文件（--config）中的 data 指定数据目录".into()));
    };
    let result = match (&cli.database, &cli.command) {
        (_, Some(Command::Backup { file })) => backup(&data, &cli, file),
        (Some(url), _) => Postgres::connect(url).and_then(|b| run(service(b, &cli), cli)),
        (None, _) => Sqlite::open(&data).and_then(|b| run(service(b, &cli), cli)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}
