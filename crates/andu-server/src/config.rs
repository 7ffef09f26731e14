//! The server's configuration file (`andu-server --config /etc/andu/server.toml`), as the Debian package installs
//! it: the same settings as the command-line options, which override it. A key the server does not know is refused
//! by name, so a typo in `listen` never silently starts a server on the default address.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ServerError;

/// Every setting is optional here; what is missing falls back to the command line, then to the built-in default.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub data: Option<PathBuf>,
    pub listen: Option<String>,
    pub database: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub max_connections: Option<usize>,
    pub idle_timeout: Option<u64>,
    pub body_timeout: Option<u64>,
    pub lock_after: Option<u32>,
}

impl ServerConfig {
    pub fn parse(text: &str, origin: &Path) -> Result<ServerConfig, ServerError> {
        let config: ServerConfig = toml::from_str(text)
            .map_err(|e| ServerError::BadConfig { file: origin.display().to_string(), why: e.message().to_string() })?;
        if config.tls_cert.is_some() != config.tls_key.is_some() {
            return Err(ServerError::BadConfig {
                file: origin.display().to_string(),
                why: "tls_cert 与 tls_key 须同时设置".into(),
            });
        }
        Ok(config)
    }

    pub fn read(path: &Path) -> Result<ServerConfig, ServerError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ServerError::BadConfig {
                file: path.display().to_string(), why: format!("无法读取：{e}")
            })?;
        ServerConfig::parse(&text, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file the Debian package installs as /etc/andu/server.toml must parse, with its defaults.
    #[test]
    fn packaged_config_parses() {
        let text = include_str!("../../../packaging/server/server.toml");
        let c = ServerConfig::parse(text, Path::new("server.toml")).expect("packaged config");
        assert_eq!(c.data.as_deref(), Some(Path::new("/var/lib/andu")));
        assert_eq!(c.listen.as_deref(), Some("127.0.0.1:8443"));
        assert_eq!(c.database, None);
        assert_eq!(c.tls_cert, None);
    }

    #[test]
    fn every_setting_is_read() {
        let text = r#"
            data = "/srv/andu"
            listen = "0.0.0.0:8443"
            database = "postgres://andu@db/andu"
            tls_cert = "/etc/andu/tls/server.pem"
            tls_key = "/etc/andu/tls/server.key"
            max_connections = 64
            idle_timeout = 5
            body_timeout = 7
            lock_after = 3
        "#;
        let c = ServerConfig::parse(text, Path::new("x.toml")).expect("parses");
        assert_eq!(c.max_connections, Some(64));
        assert_eq!(c.lock_after, Some(3));
        assert_eq!(c.tls_key.as_deref(), Some(Path::new("/etc/andu/tls/server.key")));
    }

    #[test]
    fn a_misspelt_key_is_refused_by_name() {
        let e = ServerConfig::parse("listn = \"0.0.0.0:8443\"\n", Path::new("/etc/andu/server.toml")).unwrap_err();
        assert_eq!(andu_core::Coded::code(&e), "bad_config");
        let msg = e.to_string();
        assert!(msg.contains("listn") && msg.contains("/etc/andu/server.toml"), "{msg}");
    }

    #[test]
    fn a_wrong_type_or_half_tls_is_refused() {
        let e = ServerConfig::parse("max_connections = \"many\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(andu_core::Coded::code(&e), "bad_config");
        let e = ServerConfig::parse("tls_cert = \"a.pem\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("tls_key"), "{e}");
    }

    #[test]
    fn arbitrary_text_is_an_error_not_a_panic() {
        for text in ["[", "data = ", "\u{0}", "data = 1", "= \"x\"", "[data]\nx = 1"] {
            assert!(ServerConfig::parse(text, Path::new("c.toml")).is_err(), "{text:?}");
        }
    }
}
