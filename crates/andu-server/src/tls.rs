//! TLS for the server when given a certificate (`--tls-cert`, `--tls-key`, PEM), with rustls. A court usually has
//! its own CA; clients trust it via `ANDU_CA_CERT`.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;

use crate::error::ServerError;

pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, ServerError> {
    let bad =
        |what: &Path, e: &dyn std::fmt::Display| ServerError::BadRequest(format!("无法读取 {}：{e}", what.display()));
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad(cert, &e))?
        .collect::<Result<_, _>>()
        .map_err(|e| bad(cert, &e))?;
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, &e))?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServerError::BadRequest(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| ServerError::BadRequest(format!("证书与私钥不匹配或无效：{e}")))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// A TCP listener whose connections are served over TLS (`http::serve_tls`). Handshakes run per connection, under
/// the same connection limit and idle timeout as plain HTTP, so a slow or silent client delays no one.
pub struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl TlsListener {
    pub fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> TlsListener {
        TlsListener { tcp, acceptor }
    }

    pub fn into_parts(self) -> (TcpListener, TlsAcceptor) {
        (self.tcp, self.acceptor)
    }
}
