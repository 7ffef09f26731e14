//! The HTTP layer: routes, bearer tokens, JSON bodies, errors as `{code, message}`. Each request runs the service
//! on the blocking pool (both storage engines are synchronous); the answer is sent only after the commit.

use std::sync::Arc;

use andu_sync::{Hello, Login, Pull, Push, Refresh};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;

use crate::backend::Backend;
use crate::error::ServerError;
use crate::service::{Caller, Service};

pub struct ApiError(ServerError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0.body())).into_response()
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> Self {
        ApiError(e)
    }
}

type Shared<B> = Arc<Service<B>>;
type Answer<T> = Result<Json<T>, ApiError>;

async fn blocking<B: Backend, T: Send + 'static>(
    svc: Shared<B>,
    f: impl FnOnce(&Service<B>) -> Result<T, ServerError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || f(&svc))
        .await
        .map_err(|e| ApiError(ServerError::Storage(format!("内部错误：{e}"))))?
        .map_err(ApiError)
}

fn bearer(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string)
        .ok_or(ApiError(ServerError::Unauthorized))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn caller<B: Backend>(svc: &Service<B>, token: &str) -> Result<Caller, ServerError> {
    svc.authenticate(token, now())
}

async fn hello<B: Backend>(State(svc): State<Shared<B>>, Json(h): Json<Hello>) -> Answer<andu_sync::HelloReply> {
    Ok(Json(blocking(svc, move |s| s.hello(&h)).await?))
}

async fn login<B: Backend>(State(svc): State<Shared<B>>, Json(l): Json<Login>) -> Answer<andu_sync::Session> {
    Ok(Json(blocking(svc, move |s| s.login(&l, now())).await?))
}

async fn refresh<B: Backend>(State(svc): State<Shared<B>>, Json(r): Json<Refresh>) -> Answer<andu_sync::Session> {
    Ok(Json(blocking(svc, move |s| s.refresh(&r, now())).await?))
}

async fn push<B: Backend>(
    State(svc): State<Shared<B>>,
    headers: HeaderMap,
    Json(p): Json<Push>,
) -> Answer<andu_sync::PushReply> {
    let token = bearer(&headers)?;
    Ok(Json(blocking(svc, move |s| s.push(&caller(s, &token)?, &p, now())).await?))
}

async fn pull<B: Backend>(
    State(svc): State<Shared<B>>,
    headers: HeaderMap,
    Json(p): Json<Pull>,
) -> Answer<andu_sync::PullPage> {
    let token = bearer(&headers)?;
    Ok(Json(blocking(svc, move |s| s.pull(&caller(s, &token)?, &p, now())).await?))
}

#[derive(Serialize)]
struct Health {
    ok: bool,
    storage: &'static str,
}

async fn health<B: Backend>(State(svc): State<Shared<B>>) -> Json<Health> {
    Json(Health { ok: true, storage: svc.backend().kind() })
}

pub fn router<B: Backend>(svc: Shared<B>) -> Router {
    Router::new()
        .route("/v1/hello", post(hello::<B>))
        .route("/v1/login", post(login::<B>))
        .route("/v1/refresh", post(refresh::<B>))
        .route("/v1/push", post(push::<B>))
        .route("/v1/pull", post(pull::<B>))
        .route("/v1/health", axum::routing::get(health::<B>))
        // A push batch is at most 500 ops; a draft revision can be a few hundred KB.
        .layer(DefaultBodyLimit::max(32 * 1024 * 1024))
        .with_state(svc)
}

/// Serve over TLS until the process is stopped.
pub async fn serve_tls<B: Backend>(svc: Shared<B>, listener: crate::tls::TlsListener) -> std::io::Result<()> {
    axum::serve(listener, router(svc)).await
}

/// Serve until the process is stopped. Nagle is off: every request is a small JSON body (sync.md §3.6).
pub async fn serve<B: Backend>(svc: Shared<B>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(svc)).await
}
