//! The connection loop, for plain TCP and TLS alike: at most `max_connections` at once (one more is answered
//! `503 server_busy` and closed, so a flood of half-open connections cannot exhaust file descriptors), and every
//! connection closed when it sends no complete request head within `idle_timeout` — new, half-open and idle
//! keep-alive connections alike (hyper's header-read timer runs from the moment a request head is awaited). A
//! request body must arrive within `body_timeout` (see `http::read_body`). The TLS handshake counts as the head.
//! A connection whose answer does not move for `idle_timeout` while no request is being worked on (a client that
//! stops reading) is dropped too.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower::Service as _;

/// What one server process allows its clients.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// A connection that sends no complete request head (or TLS handshake) in this time is closed.
    pub idle_timeout: Duration,
    /// A request body must have arrived this long after its head.
    pub body_timeout: Duration,
    /// Largest request body: a push is at most 500 ops (`andu_sync::MAX_PUSH_OPS`), and the client splits its
    /// batches by size well below this.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            idle_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(60),
            max_body: 16 * 1024 * 1024,
        }
    }
}

const BUSY: &str = "{\"code\":\"server_busy\",\"message\":\"服务器连接数已满，请稍后再试\"}";

/// Refuse a connection beyond the limit with a short plain answer, without waiting on a client that may not read.
fn refuse(tcp: &TcpStream) {
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n{BUSY}",
        BUSY.len()
    );
    let _ = tcp.try_write(answer.as_bytes());
}

pub async fn accept_loop(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    app: Router,
    limits: Limits,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        let (tcp, addr) = match listener.accept().await {
            Ok(a) => a,
            // Out of descriptors or a connection reset before accept: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if tls.is_none() {
                refuse(&tcp);
            }
            continue; // dropped: closed
        };
        let _ = tcp.set_nodelay(true);
        let app = app.clone();
        let tls = tls.clone();
        let idle = limits.idle_timeout;
        tokio::spawn(async move {
            match tls {
                None => serve_connection(tcp, addr, app, idle).await,
                Some(acceptor) => {
                    if let Ok(Ok(stream)) = tokio::time::timeout(idle, acceptor.accept(tcp)).await {
                        serve_connection(stream, addr, app, idle).await;
                    }
                }
            }
            drop(slot);
        });
    }
}

/// When a connection last moved bytes, and how many of its requests are being worked on.
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
    working: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        self.last_ms.store(self.start.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
    fn stalled_for(&self) -> Duration {
        Duration::from_millis(
            (self.start.elapsed().as_millis() as u64).saturating_sub(self.last_ms.load(Ordering::Relaxed)),
        )
    }
}

/// The connection's stream, noting every read or write that moved bytes.
struct Watched<IO> {
    io: IO,
    activity: Arc<Activity>,
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.io).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        r
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// Counts a request as being worked on until its answer is ready (a long push moves no bytes, and is not stalled).
struct Working(Arc<Activity>);

impl Working {
    fn new(a: &Arc<Activity>) -> Working {
        a.working.fetch_add(1, Ordering::Relaxed);
        Working(a.clone())
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        self.0.working.fetch_sub(1, Ordering::Relaxed);
        self.0.touch();
    }
}

async fn serve_connection<IO>(io: IO, addr: SocketAddr, app: Router, idle: Duration)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity =
        Arc::new(Activity { start: Instant::now(), last_ms: AtomicU64::new(0), working: AtomicUsize::new(0) });
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(addr));
        let mut app = app.clone();
        let working = Working::new(&seen);
        async move {
            let answer = app.call(req.map(axum::body::Body::new)).await;
            drop(working);
            answer
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(idle)
        .keep_alive(true)
        .serve_connection(TokioIo::new(Watched { io, activity: activity.clone() }), service);
    tokio::pin!(conn);
    let mut tick = tokio::time::interval(idle / 4);
    loop {
        tokio::select! {
            _ = &mut conn => return,
            _ = tick.tick() => {
                if activity.working.load(Ordering::Relaxed) == 0 && activity.stalled_for() > idle {
                    return; // dropped: closed
                }
            }
        }
    }
}
