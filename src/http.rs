//! The operator endpoints: `/healthz` (the process is up), `/readyz`
//! (connected, consumer in place, not stalled, not shutting down),
//! `/metrics` (Prometheus text), and the live status page: `/` (one embedded
//! HTML file), `/events` (server-sent events, one status report a second)
//! and `/status.json` (the latest report). Bound to 127.0.0.1 unless
//! configured.
//!
//! The page reports come from a `watch` channel filled once a second by
//! [`crate::status::run_page_reports`]; a request never touches the window.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use futures::Stream;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::metrics::Stats;
use crate::status::PAGE_HTML;

/// What the handlers share.
#[derive(Clone)]
struct AppState {
    stats: Arc<Stats>,
    /// The latest page report as JSON.
    reports: watch::Receiver<Arc<str>>,
    /// Fires at shutdown so open event streams end and the server can stop.
    cancel: CancellationToken,
}

/// Why the HTTP server could not start.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot listen on {addr}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
}

/// Binds `addr` and serves until `cancel` fires. `reports` carries the
/// latest status report as JSON. Returns the bound address (useful with
/// port 0) and the server task.
pub async fn serve(
    addr: &str,
    stats: Arc<Stats>,
    reports: watch::Receiver<Arc<str>>,
    cancel: CancellationToken,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), HttpError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| HttpError::Bind {
            addr: addr.to_string(),
            source,
        })?;
    let local = listener.local_addr().map_err(|source| HttpError::Bind {
        addr: addr.to_string(),
        source,
    })?;
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/", get(page))
        .route("/events", get(events))
        .route("/status.json", get(status_json))
        .with_state(AppState {
            stats,
            reports,
            cancel: cancel.clone(),
        });
    let task = tokio::spawn(async move {
        let server = axum::serve(listener, app)
            .with_graceful_shutdown(async move { cancel.cancelled().await });
        if let Err(err) = server.await {
            tracing::warn!(error = %err, "HTTP server stopped");
        }
    });
    Ok((local, task))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.stats.readiness() {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(reasons) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}\n", reasons.join("; ")),
        ),
    }
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.stats.encode(),
    )
}

async fn page() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-cache")], Html(PAGE_HTML))
}

async fn status_json(State(state): State<AppState>) -> impl IntoResponse {
    let json = state.reports.borrow().clone();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        json.to_string(),
    )
}

/// One `report` event now and one per new report, until shutdown.
async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = state.reports;
    rx.mark_changed();
    let cancel = state.cancel;
    let stream = futures::stream::unfold((rx, cancel), |(mut rx, cancel)| async move {
        tokio::select! {
            _ = cancel.cancelled() => None,
            changed = rx.changed() => match changed {
                Ok(()) => {
                    let json = rx.borrow_and_update().clone();
                    let event = Event::default().event("report").data(json.as_ref());
                    Some((Ok(event), (rx, cancel)))
                }
                Err(_) => None,
            },
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
