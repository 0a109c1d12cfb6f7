//! JSON errors: every failure answers `{"error": "...", "status": N}` with that status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.message, "status": self.status.as_u16()});
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<attache_store::StoreError> for ApiError {
    /// Logged on the server's stderr; the client gets no file paths or SQL details.
    fn from(err: attache_store::StoreError) -> ApiError {
        eprintln!("attache serve: {err}");
        ApiError::internal("database error (see the server log)")
    }
}

pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such path: {}", uri.path()))
}

pub async fn method_not_allowed(method: axum::http::Method) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method {method} not allowed here"),
    )
}

pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("internal error").into_response()
}

/// Refuses a declared body over the limit before reading it (the extractor's own limit
/// catches bodies without a length, as they are read).
pub async fn limit_declared_body(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > crate::BODY_LIMIT as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body over {} bytes", crate::BODY_LIMIT),
        )
        .into_response();
    }
    next.run(request).await
}

/// Refuses a path or query string over its limit before routing (414): nothing the API
/// serves needs a long URL, and the handlers then never see one.
pub async fn limit_uri(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let uri = request.uri();
    let query = uri.query().map_or(0, str::len);
    if uri.path().len() > crate::MAX_PATH_LEN || query > crate::MAX_QUERY_LEN {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!(
                "URL over the limits ({} bytes of path, {} of query string)",
                crate::MAX_PATH_LEN,
                crate::MAX_QUERY_LEN
            ),
        )
        .into_response();
    }
    next.run(request).await
}

/// Gives the errors that layers answer themselves (timeout 408, ...) the JSON body of every
/// other error.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let reason = status.canonical_reason().unwrap_or("error").to_lowercase();
        return ApiError::new(status, reason).into_response();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn layer_errors_become_json() {
        let timeout = StatusCode::REQUEST_TIMEOUT.into_response();
        let answered = json_errors(timeout).await;
        assert_eq!(answered.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(answered.headers()[header::CONTENT_TYPE], "application/json");
        let ok = json_errors("fine".into_response()).await;
        assert_eq!(ok.status(), StatusCode::OK);
        assert!(ok.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
    }
}
