//! HTTPS with the court's own CA: the server serves with a certificate (rustls), a client that trusts the CA
//! connects, a client that does not is refused with a clear, typed error. Certificates come from the `openssl`
//! command, as a court's IT would make them.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use andu_server::{Service, Sqlite};
use andu_sync::{Hello, PROTOCOL_VERSION};
use andu_sync_client::Transport;
use andu_sync_client::http::HttpTransport;

fn openssl(dir: &Path, args: &[&str]) {
    let ok = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl is installed (apt: openssl)");
    assert!(ok.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&ok.stderr));
}

fn make_certs(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Court CA",
        ],
    );
    openssl(
        dir,
        &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=localhost"],
    );
    std::fs::write(dir.join("ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "srv.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "srv.pem",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    );
}

#[test]
fn https_with_the_courts_ca() {
    let dir = tempfile::tempdir().unwrap();
    make_certs(dir.path());
    let acceptor = andu_server::tls::acceptor(&dir.path().join("srv.pem"), &dir.path().join("srv.key")).unwrap();
    let svc = Arc::new(Service::new(Sqlite::open(&dir.path().join("data")).unwrap()));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(andu_server::http::serve_tls(svc, andu_server::tls::TlsListener::new(listener, acceptor)));
    let url = format!("https://{addr}");
    let hello = Hello { protocol: PROTOCOL_VERSION, client: "test".into() };

    let ca = std::fs::read_to_string(dir.path().join("ca.pem")).unwrap();
    let reply = HttpTransport::with_ca(&url, Some(&ca)).hello(&hello).expect("trusted CA connects");
    assert!(reply.server.contains("sqlite"));

    let err = HttpTransport::new(&url).hello(&hello).unwrap_err();
    use andu_core::Coded;
    assert_eq!(err.code(), "server_unreachable");
    assert!(err.to_string().contains("UnknownIssuer"), "{err}");

    // A key that does not belong to the certificate is refused at start-up, not at the first client.
    let err = andu_server::tls::acceptor(&dir.path().join("srv.pem"), &dir.path().join("ca.key")).err().unwrap();
    assert!(err.to_string().contains("证书"), "{err}");
}

/// The TLS listener keeps the same limits as plain HTTP: a client that connects and never starts its handshake is
/// closed after the idle timeout, and one beyond the connection limit at once.
#[test]
fn silent_tls_connections_are_closed_and_bounded() {
    use std::io::Read;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    make_certs(dir.path());
    let acceptor = andu_server::tls::acceptor(&dir.path().join("srv.pem"), &dir.path().join("srv.key")).unwrap();
    let svc = Arc::new(Service::new(Sqlite::open(&dir.path().join("data")).unwrap()));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let limits =
        andu_server::http::Limits { max_connections: 2, idle_timeout: Duration::from_secs(1), ..Default::default() };
    rt.spawn(andu_server::http::serve_tls_with(svc, andu_server::tls::TlsListener::new(listener, acceptor), limits));
    let started = Instant::now();
    let mut silent: Vec<std::net::TcpStream> = (0..3).map(|_| std::net::TcpStream::connect(addr).unwrap()).collect();
    let mut closed_at = Vec::new();
    // The last one first: beyond the limit of two, it is closed at once.
    for s in silent.iter_mut().rev() {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 64];
        let n = s.read(&mut buf).unwrap_or(0);
        assert_eq!(n, 0, "closed without an answer");
        closed_at.push(started.elapsed());
    }
    assert!(closed_at[0] < Duration::from_millis(500), "the third is refused at once: {closed_at:?}");
    assert!(closed_at[2] >= Duration::from_millis(900) && closed_at[2] < Duration::from_secs(3), "{closed_at:?}");

    // Meanwhile nothing is left held: a real client connects and is answered.
    let ca = std::fs::read_to_string(dir.path().join("ca.pem")).unwrap();
    let hello = Hello { protocol: PROTOCOL_VERSION, client: "test".into() };
    assert!(HttpTransport::with_ca(&format!("https://{addr}"), Some(&ca)).hello(&hello).is_ok());
}
