//! TLS for the server when given a certificate (`--tls-cert`, `--tls-key`, PEM), with rustls. A court usually has
//! its own CA; clients trust it via `ANDU_CA_CERT`. Handshakes run per connection, so a slow client delays no one.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::server::TlsStream;

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

/// A listener that yields TLS streams; connections whose handshake fails are dropped.
pub struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
    ready: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, std::net::SocketAddr)>,
    sender: tokio::sync::mpsc::Sender<(TlsStream<TcpStream>, std::net::SocketAddr)>,
}

impl TlsListener {
    pub fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> TlsListener {
        let (sender, ready) = tokio::sync::mpsc::channel(64);
        TlsListener { tcp, acceptor, ready, sender }
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            tokio::select! {
                Some(done) = self.ready.recv() => return done,
                accepted = self.tcp.accept() => {
                    let Ok((stream, addr)) = accepted else { continue };
                    let _ = stream.set_nodelay(true);
                    let acceptor = self.acceptor.clone();
                    let sender = self.sender.clone();
                    tokio::spawn(async move {
                        if let Ok(Ok(tls)) =
                            tokio::time::timeout(std::time::Duration::from_secs(10), acceptor.accept(stream)).await
                        {
                            let _ = sender.send((tls, addr)).await;
                        }
                    });
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}
