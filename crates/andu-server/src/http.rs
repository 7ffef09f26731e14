//! The HTTP layer: routes, bearer tokens, JSON bodies, errors as `{code, message}` — the framework's own refusals
//! (a malformed or oversized body, an unknown path) included. Each request runs the service on the blocking pool
//! (both storage engines are synchronous); the answer is sent only after the commit. Connections are served by
//! [`crate::conn`], which bounds their number and how long they may sit idle.

use std::net::SocketAddr;
use std::sync::Arc;

use andu_core::ErrorBody;
use andu_sync::{Hello, Login, Logout, Pull, Push, Refresh, codes};
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use serde::Serialize;

use crate::backend::Backend;
use crate::error::ServerError;
use crate::service::{Caller, Service};

pub use crate::conn::Limits;

/// An error answer: a status and `{code, message}`, with `Retry-After` when the client should wait.
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: String) -> ApiError {
        ApiError { status, body: ErrorBody { code: code.into(), message, detail: None }, retry_after: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        r
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> Self {
        ApiError {
            status: StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: e.body(),
            retry_after: e.retry_after(),
        }
    }
}

/// A refused body, in the protocol's error shape with a Chinese message (axum's own rejections are plain English
/// text a client cannot act on).
fn body_refused(status: StatusCode, detail: &str) -> ApiError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            codes::BODY_TOO_LARGE,
            "请求内容过大，服务器拒绝接收；请升级案牍（新版本会分批上传）".into(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            status,
            codes::BAD_REQUEST,
            "请求格式错误：请求须为 JSON（Content-Type: application/json）".into(),
        ),
        StatusCode::REQUEST_TIMEOUT => {
            ApiError::new(status, codes::REQUEST_TIMEOUT, "请求内容未能在时限内送达，请检查网络后重试".into())
        }
        _ => ApiError::new(status, codes::BAD_REQUEST, format!("请求格式错误：{detail}")),
    }
}

/// `Json<T>` whose rejections (400, 413, 415, 422) answer `{code, message}` like every other error.
pub struct Body<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(e) => Err(rejection(&e)),
        }
    }
}

fn rejection(e: &JsonRejection) -> ApiError {
    body_refused(e.status(), &e.body_text())
}

type Shared<B> = Arc<Service<B>>;
type Answer<T> = Result<Json<T>, ApiError>;

async fn blocking<B: Backend, T: Send + 'static>(
    svc: Shared<B>,
    f: impl FnOnce(&Service<B>) -> Result<T, ServerError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || f(&svc))
        .await
        .map_err(|e| ApiError::from(ServerError::Storage(format!("内部错误：{e}"))))?
        .map_err(ApiError::from)
}

fn bearer(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string)
        .ok_or(ApiError::from(ServerError::Unauthorized))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn caller<B: Backend>(svc: &Service<B>, token: &str) -> Result<Caller, ServerError> {
    svc.authenticate(token, now())
}

/// The peer's address, when the connection loop recorded it (tests that call the router directly have none).
fn peer(info: Option<Extension<ConnectInfo<SocketAddr>>>) -> Option<std::net::IpAddr> {
    info.map(|Extension(ConnectInfo(a))| a.ip())
}

async fn hello<B: Backend>(State(svc): State<Shared<B>>, Body(h): Body<Hello>) -> Answer<andu_sync::HelloReply> {
    Ok(Json(blocking(svc, move |s| s.hello(&h)).await?))
}

async fn login<B: Backend>(
    State(svc): State<Shared<B>>,
    info: Option<Extension<ConnectInfo<SocketAddr>>>,
    Body(l): Body<Login>,
) -> Answer<andu_sync::Session> {
    let from = peer(info);
    Ok(Json(blocking(svc, move |s| s.login_from(&l, from, now())).await?))
}

async fn refresh<B: Backend>(State(svc): State<Shared<B>>, Body(r): Body<Refresh>) -> Answer<andu_sync::Session> {
    Ok(Json(blocking(svc, move |s| s.refresh(&r, now())).await?))
}

async fn logout<B: Backend>(State(svc): State<Shared<B>>, Body(l): Body<Logout>) -> Answer<andu_sync::LogoutReply> {
    Ok(Json(blocking(svc, move |s| s.logout(&l, now())).await?))
}

async fn push<B: Backend>(
    State(svc): State<Shared<B>>,
    headers: HeaderMap,
    Body(p): Body<Push>,
) -> Answer<andu_sync::PushReply> {
    let token = bearer(&headers)?;
    Ok(Json(blocking(svc, move |s| s.push(&caller(s, &token)?, &p, now())).await?))
}

async fn pull<B: Backend>(
    State(svc): State<Shared<B>>,
    headers: HeaderMap,
    Body(p): Body<Pull>,
) -> Result<Response, ApiError> {
    let token = bearer(&headers)?;
    // Written on the blocking thread, rows as the feed stores them: the JSON of an `andu_sync::PullPage`.
    let body = blocking(svc, move |s| s.pull_wire(&caller(s, &token)?, &p, now())?.to_json()).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn history<B: Backend>(
    State(svc): State<Shared<B>>,
    headers: HeaderMap,
    Body(h): Body<andu_sync::HistoryRequest>,
) -> Answer<andu_sync::HistoryPage> {
    let token = bearer(&headers)?;
    Ok(Json(blocking(svc, move |s| s.history(&caller(s, &token)?, &h)).await?))
}

#[derive(Serialize)]
struct Health {
    ok: bool,
    storage: &'static str,
}

async fn health<B: Backend>(State(svc): State<Shared<B>>) -> Json<Health> {
    Json(Health { ok: true, storage: svc.backend().kind() })
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, "没有这个接口；请确认服务器地址，或升级案牍".into())
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
        "此接口不接受这种请求方法（同步接口均为 POST，/v1/health 为 GET）".into(),
    )
}

/// Read the whole body first, within the size limit and the body timeout: a client that announces a body and then
/// trickles it (or never sends it) is answered 408 and its connection freed, instead of holding a task forever.
async fn read_body(State(limits): State<Limits>, req: Request, next: Next) -> Response {
    // A body announced larger than the limit is refused before it is read.
    let announced = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limits.max_body as u64) {
        return body_refused(StatusCode::PAYLOAD_TOO_LARGE, "").into_response();
    }
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(limits.body_timeout, axum::body::to_bytes(body, limits.max_body)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await,
        Ok(Err(_)) => body_refused(StatusCode::PAYLOAD_TOO_LARGE, "").into_response(),
        Err(_) => body_refused(StatusCode::REQUEST_TIMEOUT, "").into_response(),
    }
}

/// The routes with the default limits (tests that call the router without a listener).
pub fn router<B: Backend>(svc: Shared<B>) -> Router {
    router_with(svc, &Limits::default())
}

pub fn router_with<B: Backend>(svc: Shared<B>, limits: &Limits) -> Router {
    Router::new()
        .route("/v1/hello", post(hello::<B>))
        .route("/v1/login", post(login::<B>))
        .route("/v1/refresh", post(refresh::<B>))
        .route("/v1/logout", post(logout::<B>))
        .route("/v1/push", post(push::<B>))
        .route("/v1/pull", post(pull::<B>))
        .route("/v1/history", post(history::<B>))
        .route("/v1/health", axum::routing::get(health::<B>))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(limits.clone(), read_body))
        .layer(axum::extract::DefaultBodyLimit::max(limits.max_body))
        .with_state(svc)
}

/// Serve over TLS until the process is stopped.
pub async fn serve_tls<B: Backend>(svc: Shared<B>, listener: crate::tls::TlsListener) -> std::io::Result<()> {
    serve_tls_with(svc, listener, Limits::default()).await
}

pub async fn serve_tls_with<B: Backend>(
    svc: Shared<B>,
    listener: crate::tls::TlsListener,
    limits: Limits,
) -> std::io::Result<()> {
    let app = router_with(svc, &limits);
    let (tcp, acceptor) = listener.into_parts();
    crate::conn::accept_loop(tcp, Some(acceptor), app, limits).await
}

/// Serve until the process is stopped. Nagle is off: every request is a small JSON body (sync.md §3.6).
pub async fn serve<B: Backend>(svc: Shared<B>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_with(svc, listener, Limits::default()).await
}

pub async fn serve_with<B: Backend>(
    svc: Shared<B>,
    listener: tokio::net::TcpListener,
    limits: Limits,
) -> std::io::Result<()> {
    let app = router_with(svc, &limits);
    crate::conn::accept_loop(listener, None, app, limits).await
}
