//! `attache serve`: a JSON API over the event store and a dashboard that uses only that API.
//!
//! Read-only by default: every request opens its own read connection on a blocking thread
//! (rusqlite connections are not `Sync`; SQLite's WAL lets them read while an ingest writes).
//! `POST /api/articles` is enabled only when the server has a token, and codes the articles
//! with the same function `attache ingest` uses (passed in as [`Config::coder`]).

mod api;
mod assets;
mod error;
pub mod query;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use attache_coder::Event;
use attache_ingest::Article;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ApiError;

/// The largest request body accepted (413 beyond).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// How long one request may take by default (408 beyond): reading the body included, so a
/// client that stops sending mid-body is answered too.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may take to send a request's headers (the connection is closed beyond):
/// without it a client sending its headers a byte at a time holds a connection, and a task,
/// forever, since the request timeout only starts once the headers are in.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest URL path accepted (414 beyond); article ids are the longest path values.
pub const MAX_PATH_LEN: usize = 2048;
pub use query::{MAX_LIMIT, MAX_QUERY_LEN};

/// Codes one article into event mentions (text analysis, then the coder).
pub type Coder = Arc<dyn Fn(&Article) -> Vec<Event> + Send + Sync>;

/// What the server serves.
#[derive(Clone)]
pub struct Config {
    /// The event store (it must exist).
    pub db: PathBuf,
    /// Enables `POST /api/articles` for callers that send `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
    /// Used by `POST /api/articles`.
    pub coder: Coder,
    /// How long one request may take (408 beyond).
    pub request_timeout: Duration,
    /// How long a client may take to send a request's headers, or to start the next request
    /// on a kept-alive connection (the connection is closed beyond).
    pub header_timeout: Duration,
}

impl Config {
    /// Serves `db`, writable with `token`, with the default limits.
    pub fn new(db: PathBuf, token: Option<String>, coder: Coder) -> Config {
        Config {
            db,
            token,
            coder,
            request_timeout: REQUEST_TIMEOUT,
            header_timeout: HEADER_TIMEOUT,
        }
    }
}

/// The whole application: API, OpenAPI document, dashboard, limits and security headers.
pub fn router(config: Config) -> Router {
    let timeout = config.request_timeout;
    let state = Arc::new(config);
    let headers: [(header::HeaderName, &'static str); 5] = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
             form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut app = api::routes()
        .merge(assets::routes())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(error::limit_declared_body))
        .layer(axum::middleware::from_fn(error::limit_uri))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::map_response(error::json_errors));
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// Serves `config` on `listener` until the process ends.
///
/// Our own accept loop rather than `axum::serve`, which gives hyper no timer, so that hyper's
/// header read timeout is off there (slowloris: see [`HEADER_TIMEOUT`]).
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let header_timeout = config.header_timeout;
    let app = router(config);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                accept_failed(e).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            // A connection that fails (reset, timed out, bad request line) concerns that
            // client only.
            let _ = http
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// After a failed `accept`: a connection reset before it was accepted is the client's
/// business; anything else (out of file descriptors) is waited out rather than spun on.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        eprintln!("attache serve: accept failed: {e}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Binds `addr` (port 0 picks a free one).
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}
