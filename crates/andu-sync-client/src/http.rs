//! HTTP transport (ureq, blocking). Refreshes the access token once when the server says it expired.

use std::time::Duration;

use andu_core::ErrorBody;
use andu_store::Store;
use andu_store::table::sync::keys;
use andu_sync::{
    Hello, HelloReply, Login, Logout, LogoutReply, PROTOCOL_VERSION, Pull, PullPage, Push, PushReply, Refresh, Session,
    codes,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::SyncError;
use crate::{Transport, credentials};

/// The server address as typed, made a URL: no trailing `/`, and `https://` when no scheme is given (a court server
/// is reached over TLS; plain `http://` must be written out, and is accepted only for this machine).
pub fn server_url(typed: &str) -> String {
    let s = typed.trim().trim_end_matches('/');
    if s.is_empty() || s.contains("://") { s.to_string() } else { format!("https://{s}") }
}

/// Whether `url` may carry a password: `https://`, or `http://` to this machine only (127.0.0.0/8, ::1, localhost).
pub fn check_secure(url: &str) -> Result<(), SyncError> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host, |(h, port)| if port.contains(':') { host } else { h }),
        };
        let loopback = host == "localhost"
            || host.ends_with(".localhost")
            || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if loopback {
            return Ok(());
        }
    }
    Err(SyncError::InsecureServerUrl(url.to_string()))
}

pub struct HttpTransport {
    base: String,
    agent: ureq::Agent,
    access: Option<String>,
    refresh: Option<String>,
}

/// Largest answer read (a first-sync page with long draft judgments).
const MAX_BODY: u64 = 512 * 1024 * 1024;

impl HttpTransport {
    pub fn new(server: &str) -> HttpTransport {
        Self::with_ca(server, None)
    }

    /// Trust `ca_pem` (the court's own CA) for HTTPS, besides the system's roots.
    pub fn with_ca(server: &str, ca_pem: Option<&str>) -> HttpTransport {
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(120)))
            .timeout_connect(Some(Duration::from_secs(5)))
            .http_status_as_error(false);
        if let Some(pem) = ca_pem.filter(|p| !p.trim().is_empty()) {
            let certs: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(pem.as_bytes())
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
                    _ => None,
                })
                .collect();
            config = config.tls_config(
                ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&certs)).build(),
            );
        }
        let agent: ureq::Agent = config.build().into();
        HttpTransport { base: server.trim_end_matches('/').to_string(), agent, access: None, refresh: None }
    }

    /// A transport for the server this store logged in to, with its refresh token.
    pub fn for_store(store: &Store) -> Result<HttpTransport, SyncError> {
        let server = store.sync_meta(keys::SERVER)?.filter(|s| !s.is_empty()).ok_or(SyncError::NotLoggedIn)?;
        let mut t = HttpTransport::with_ca(&server, store.sync_meta(keys::CA_CERT)?.as_deref());
        t.refresh = Some(credentials::refresh_token(store)?);
        Ok(t)
    }

    fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B, auth: bool) -> Result<T, SyncError> {
        // Before anything is sent: a password or token never travels in clear text to another machine.
        check_secure(&self.base)?;
        let url = format!("{}{path}", self.base);
        let mut req = self.agent.post(&url);
        if auth && let Some(a) = &self.access {
            req = req.header("Authorization", &format!("Bearer {a}"));
        }
        let mut resp = req
            .send_json(body)
            .map_err(|e| SyncError::Unreachable { server: self.base.clone(), why: e.to_string() })?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|e| SyncError::Unreachable { server: self.base.clone(), why: e.to_string() })?;
        if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|e| SyncError::Protocol(e.to_string()))
        } else {
            match serde_json::from_str::<ErrorBody>(&text) {
                Ok(b) => Err(SyncError::Server(b)),
                Err(_) => Err(SyncError::Protocol(format!("HTTP {status}"))),
            }
        }
    }

    fn refresh_access(&mut self) -> Result<(), SyncError> {
        let token = self.refresh.clone().ok_or(SyncError::NotLoggedIn)?;
        let s: Session = self.post("/v1/refresh", &Refresh { refresh_token: token }, false)?;
        self.access = Some(s.access_token);
        Ok(())
    }

    fn authed<B: Serialize, T: DeserializeOwned>(&mut self, path: &str, body: &B) -> Result<T, SyncError> {
        if self.access.is_none() {
            self.refresh_access()?;
        }
        match self.post(path, body, true) {
            Err(e) if matches!(e.server_code(), Some(codes::TOKEN_EXPIRED) | Some(codes::UNAUTHORIZED)) => {
                self.refresh_access()?;
                self.post(path, body, true)
            }
            other => other,
        }
    }

    pub fn login(
        &mut self,
        user: &str,
        password: &str,
        device_id: &str,
        device_name: &str,
    ) -> Result<Session, SyncError> {
        let s: Session = self.post(
            "/v1/login",
            &Login {
                protocol: PROTOCOL_VERSION,
                user: user.into(),
                password: password.into(),
                device_id: device_id.into(),
                device_name: device_name.into(),
            },
            false,
        )?;
        self.access = Some(s.access_token.clone());
        self.refresh = Some(s.refresh_token.clone());
        Ok(s)
    }
}

impl Transport for HttpTransport {
    fn hello(&mut self, h: &Hello) -> Result<HelloReply, SyncError> {
        self.post("/v1/hello", h, false)
    }
    fn push(&mut self, p: &Push) -> Result<PushReply, SyncError> {
        self.authed("/v1/push", p)
    }
    fn pull(&mut self, p: &Pull) -> Result<PullPage, SyncError> {
        self.authed("/v1/pull", p)
    }
    fn history(&mut self, h: &andu_sync::HistoryRequest) -> Result<andu_sync::HistoryPage, SyncError> {
        self.authed("/v1/history", h)
    }
}

/// The name a device registers with, for the CLI and the app alike: the machine's host name (the text of
/// `/etc/hostname`, which the shell reads), else Windows' `COMPUTERNAME`, else the program's own `fallback`.
pub fn device_name(hostname_file: Option<&str>, computer_name: Option<&str>, fallback: &str) -> String {
    [hostname_file, computer_name]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or(fallback)
        .to_string()
}

/// Log this store in: register the device, keep the refresh token, remember server and user, take the account's
/// name and division as the store's profile (`Store::adopt_account`). Logging in to a
/// different server or as a different user starts the feed from the beginning (local edits stay in the outbox).
pub fn login(
    store: &mut Store,
    server: &str,
    user: &str,
    password: &str,
    device_name: &str,
) -> Result<Session, SyncError> {
    let server = server_url(server);
    check_secure(&server)?;
    if store.is_demo()? {
        return Err(SyncError::DemoStore(store.path().display().to_string()));
    }
    let mut t = HttpTransport::with_ca(&server, store.sync_meta(keys::CA_CERT)?.as_deref());
    let session = t.login(user, password, store.device(), device_name)?;
    let current = |key: &str, last: &str| -> Result<Option<String>, SyncError> {
        Ok(store.sync_meta(key)?.filter(|v| !v.is_empty()).or(store.sync_meta(last)?))
    };
    let same = current(keys::SERVER, keys::LAST_SERVER)?.as_deref() == Some(t.base.as_str())
        && current(keys::USER, keys::LAST_USER)?.as_deref() == Some(user);
    if !same {
        store.set_sync_meta(keys::CURSOR_SEQ, "0")?;
        store.set_sync_meta(keys::CURSOR_EPOCH, "0")?;
        store.set_sync_meta(keys::SNAPSHOT_RESUME, "")?;
    }
    store.set_sync_meta(keys::SERVER, &t.base)?;
    store.set_sync_meta(keys::USER, &session.user.name)?;
    store.set_sync_meta(keys::ROLE, &session.user.role)?;
    store.set_sync_meta(keys::DIVISION, &session.user.division)?;
    credentials::save_refresh_token(store, &session.refresh_token)?;
    // The account says who uses this store: the first run and 设置 show it without anyone typing it.
    store.adopt_account(&session.user.name, &session.user.division)?;
    Ok(session)
}

/// A session to revoke on the server at logout.
pub struct Revocation {
    server: String,
    ca: Option<String>,
    refresh_token: String,
}

/// The first step of a logout, on the store: refused while edits wait to be uploaded — they would otherwise sit
/// unsent, or go up under the next login — with the count, so the user syncs first. Returns the session to revoke
/// (none when there is no server or token).
pub fn prepare_logout(store: &Store) -> Result<Option<Revocation>, SyncError> {
    let status = store.sync_status()?;
    if status.server.as_deref().is_none_or(str::is_empty) {
        return Err(SyncError::NotLoggedIn);
    }
    if status.pending > 0 {
        return Err(SyncError::PendingEdits(status.pending));
    }
    let Some(server) = status.server else { return Ok(None) };
    let Ok(refresh_token) = credentials::refresh_token(store) else { return Ok(None) };
    Ok(Some(Revocation { server, ca: store.sync_meta(keys::CA_CERT)?, refresh_token }))
}

/// The second step, over the network and best effort: the server revokes this device's tokens. `false` when it
/// could not be reached (offline): the local logout still happens, and the token expires unused on the server.
pub fn revoke(r: &Revocation) -> bool {
    let t = HttpTransport::with_ca(&r.server, r.ca.as_deref());
    t.post::<_, LogoutReply>("/v1/logout", &Logout { refresh_token: r.refresh_token.clone() }, false).is_ok()
}

/// End this store's session: revoke its tokens on the server (best effort), delete the refresh token (keyring and
/// store); the store no longer syncs until someone logs in again. Refused while edits wait to be uploaded (see
/// [`prepare_logout`]). Cases stay on this machine. Returns whether the server confirmed the revocation.
pub fn logout(store: &mut Store) -> Result<bool, SyncError> {
    let revoked = prepare_logout(store)?.is_some_and(|r| revoke(&r));
    finish_logout(store)?;
    Ok(revoked)
}

/// The last step of a logout, on the store: forget the session here.
pub fn finish_logout(store: &mut Store) -> Result<(), SyncError> {
    // A store that never logged in (or already logged out) has nothing to end; its local edits are not "waiting
    // to be uploaded" anywhere.
    if store.sync_meta(keys::SERVER)?.is_none_or(|s| s.is_empty()) {
        return Err(SyncError::NotLoggedIn);
    }
    let status = store.sync_status()?;
    if status.pending > 0 {
        return Err(SyncError::PendingEdits(status.pending));
    }
    credentials::forget(store)?;
    for (key, last) in [(keys::SERVER, keys::LAST_SERVER), (keys::USER, keys::LAST_USER)] {
        if let Some(v) = store.sync_meta(key)?.filter(|v| !v.is_empty()) {
            store.set_sync_meta(last, &v)?;
        }
        store.set_sync_meta(key, "")?;
    }
    store.set_sync_meta(keys::ROLE, "")?;
    store.set_sync_meta(keys::DIVISION, "")?;
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn device_name_is_the_host_name_else_the_computer_name_else_the_program() {
        use super::device_name;
        assert_eq!(device_name(Some("court-pc-7\n"), Some("WIN"), "andu-cli"), "court-pc-7");
        assert_eq!(device_name(Some("  \n"), Some("WIN-PC"), "andu-cli"), "WIN-PC");
        assert_eq!(device_name(None, None, "案牍桌面"), "案牍桌面");
    }
    use super::{check_secure, server_url};

    #[test]
    fn passwords_go_over_https_or_to_this_machine_only() {
        for ok in [
            "https://法院.example:8443",
            "https://10.1.2.3:8443",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://localhost:8080/",
            "http://[::1]:8080",
            "HTTP://LOCALHOST",
        ] {
            assert!(check_secure(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.1.2.3:8080",
            "http://court.example",
            "http://127.0.0.1.evil.example",
            "http://localhost@10.1.2.3",
            "http://[::2]:80",
            "ftp://127.0.0.1",
            "10.1.2.3:8080",
        ] {
            let err = check_secure(bad).unwrap_err();
            use andu_core::Coded;
            assert_eq!(err.code(), "insecure_server_url", "{bad}");
            assert!(err.to_string().contains("https://") && err.to_string().contains("ANDU_CA_CERT"), "{err}");
        }
    }

    #[test]
    fn a_bare_host_gets_https() {
        assert_eq!(server_url(" 10.1.2.3:8443/ "), "https://10.1.2.3:8443");
        assert_eq!(server_url("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
        assert_eq!(server_url(""), "");
    }
}
