//! The one place that talks HTTP to the Trawl service. Every call returns `Result<T, ApiError>`,
//! and an `ApiError` reads as a sentence a person can act on.

mod batches;

pub use batches::{
    cancel_batch, get_batch, list_batches, retry_batch, submit_batch, test_connection,
};

use gloo_net::http::Request;
use serde::Deserialize;
use thiserror::Error;

use crate::extension;

/// Where the app finds the Trawl service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceLocation {
    /// The service at this base URL, e.g. `http://127.0.0.1:8080`.
    At(String),
    /// No service known yet: an extension page has no same-origin service, so the person must
    /// pick one in Settings.
    NotConfigured,
}

impl ServiceLocation {
    /// A web page talks to the service that served it; an extension page needs a configured URL.
    pub fn for_page(page_origin: Option<&str>, is_extension_page: bool) -> Self {
        match page_origin {
            Some(origin) if !is_extension_page && origin.starts_with("http") => {
                ServiceLocation::At(origin.trim_end_matches('/').to_owned())
            }
            _ => ServiceLocation::NotConfigured,
        }
    }

    /// The service for the page the app is running in.
    pub fn of_this_page() -> Self {
        let origin = web_sys::window().and_then(|window| window.location().origin().ok());
        ServiceLocation::for_page(origin.as_deref(), extension::is_extension_page())
    }
}

/// Why a call to the Trawl service failed, worded for the person using the app.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ApiError {
    /// The app does not know which service to talk to.
    #[error("Set the service URL in Settings")]
    NotConfigured,
    /// Nothing answered: the server is down, or the URL or network is wrong.
    #[error("Can't reach the Trawl service at {base}. Is the server running?")]
    Unreachable { base: String },
    /// Something answered, but not the way the Trawl service does.
    #[error("{base} answered, but it doesn't look like the Trawl service. Check the service URL.")]
    NotTrawl { base: String },
    /// The service answered with a server error.
    #[error("The Trawl service at {base} has a problem (HTTP {status}). Try again in a moment.")]
    Server { base: String, status: u16 },
    /// 401: the request had no API key.
    #[error("The Trawl service needs an API key. Paste your API key in Settings.")]
    MissingKey,
    /// 403: the key is unknown or revoked.
    #[error(
        "The Trawl service did not accept this API key: it is wrong or has been revoked. Check the API key in Settings, or ask whoever runs Trawl for a new one."
    )]
    WrongKey,
    /// Any other refusal; the service's own message already says what is wrong.
    #[error("{message}")]
    Refused { status: u16, message: String },
}

impl ApiError {
    /// True when trying the same request again later may work (the server is down or busy).
    pub fn is_temporary(&self) -> bool {
        matches!(self, ApiError::Unreachable { .. } | ApiError::Server { .. })
    }

    /// True when the service says the thing asked for does not exist (a batch ID from an old
    /// link, or another key's batch).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Refused { status: 404, .. })
    }

    /// True when the fix is in Settings (service URL or API key).
    pub fn needs_settings(&self) -> bool {
        matches!(
            self,
            ApiError::NotConfigured
                | ApiError::NotTrawl { .. }
                | ApiError::MissingKey
                | ApiError::WrongKey
        )
    }
}

/// Which service to call, and with which key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub service: ServiceLocation,
    /// Empty when none is saved: the header is then left out and the service answers 401.
    pub api_key: String,
}

/// What an error answer means. `message` is the `message` of the service's error body, if any.
pub fn error_for_status(base: &str, http_status: u16, message: Option<String>) -> ApiError {
    match http_status {
        401 => ApiError::MissingKey,
        403 => ApiError::WrongKey,
        500..=599 if http_status != 507 => ApiError::Server {
            base: base.to_owned(),
            status: http_status,
        },
        _ => match message {
            Some(message) if !message.trim().is_empty() => ApiError::Refused {
                status: http_status,
                message,
            },
            _ if http_status == 404 => ApiError::NotTrawl {
                base: base.to_owned(),
            },
            _ => ApiError::Refused {
                status: http_status,
                message: format!("The Trawl service refused the request (HTTP {http_status})."),
            },
        },
    }
}

/// The URL of an API path on the service at `base`, with exactly one `/` between them.
pub fn endpoint_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The URL of the service's health check.
pub fn health_url(base: &str) -> String {
    endpoint_url(base, "/api/health")
}

// TODO: use the health type from trawl-protocol once the server defines one there.
/// Body of `GET /api/health`: `{"status":"ok"}`.
#[derive(Debug, Deserialize)]
struct HealthBody {
    status: String,
}

/// Decides what a health-check answer means: HTTP status code, and the body's `status` field
/// when the body was the expected JSON.
pub fn health_outcome(
    base: &str,
    http_status: u16,
    body_status: Option<&str>,
) -> Result<(), ApiError> {
    match (http_status, body_status) {
        (200, Some("ok")) => Ok(()),
        (500..=599, _) => Err(ApiError::Server {
            base: base.to_owned(),
            status: http_status,
        }),
        _ => Err(ApiError::NotTrawl {
            base: base.to_owned(),
        }),
    }
}

/// Asks the service whether it is up (`GET /api/health`).
pub async fn check_health(service: &ServiceLocation) -> Result<(), ApiError> {
    let ServiceLocation::At(base) = service else {
        return Err(ApiError::NotConfigured);
    };
    let response = Request::get(&health_url(base))
        .send()
        .await
        .map_err(|_| ApiError::Unreachable { base: base.clone() })?;
    // A body that is not our JSON (an HTML page, say) just means "not the Trawl service".
    let body: Option<HealthBody> = response.json().await.ok();
    health_outcome(
        base,
        response.status(),
        body.as_ref().map(|b| b.status.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_url_joins_origin_and_path_with_one_slash() {
        assert_eq!(
            health_url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/api/health"
        );
        assert_eq!(
            health_url("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/api/health"
        );
    }

    #[test]
    fn web_page_uses_the_service_that_served_it() {
        assert_eq!(
            ServiceLocation::for_page(Some("http://127.0.0.1:8080"), false),
            ServiceLocation::At("http://127.0.0.1:8080".to_owned())
        );
    }

    #[test]
    fn extension_page_needs_a_configured_service() {
        assert_eq!(
            ServiceLocation::for_page(Some("chrome-extension://abcdef"), true),
            ServiceLocation::NotConfigured
        );
        assert_eq!(
            ServiceLocation::for_page(None, false),
            ServiceLocation::NotConfigured
        );
    }

    #[test]
    fn healthy_service_answers_ok() {
        assert_eq!(health_outcome("http://h", 200, Some("ok")), Ok(()));
    }

    #[test]
    fn static_file_server_is_not_mistaken_for_trawl() {
        let error = health_outcome("http://127.0.0.1:8000", 404, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "http://127.0.0.1:8000 answered, but it doesn't look like the Trawl service. Check the service URL."
        );
        assert!(matches!(
            health_outcome("http://h", 200, None),
            Err(ApiError::NotTrawl { .. })
        ));
    }

    #[test]
    fn server_error_says_to_try_again() {
        let error = health_outcome("http://h", 503, None).unwrap_err();
        assert_eq!(
            error,
            ApiError::Server {
                base: "http://h".to_owned(),
                status: 503
            }
        );
        assert!(error.to_string().contains("Try again"));
    }

    #[test]
    fn missing_and_wrong_keys_point_to_settings() {
        let missing = error_for_status("http://h", 401, Some("x".into()));
        assert_eq!(missing, ApiError::MissingKey);
        assert!(
            missing
                .to_string()
                .contains("Paste your API key in Settings")
        );
        let wrong = error_for_status("http://h", 403, None);
        assert_eq!(wrong, ApiError::WrongKey);
        assert!(wrong.to_string().contains("Check the API key in Settings"));
        assert!(wrong.needs_settings() && !wrong.is_temporary());
    }

    #[test]
    fn refusals_show_the_services_own_words() {
        let error = error_for_status("http://h", 409, Some("This batch already finished.".into()));
        assert_eq!(error.to_string(), "This batch already finished.");
        let full = error_for_status("http://h", 507, Some("The disk is full.".into()));
        assert_eq!(full.to_string(), "The disk is full.");
    }

    #[test]
    fn server_errors_are_temporary() {
        let error = error_for_status("http://h", 502, None);
        assert!(error.is_temporary());
        assert!(
            ApiError::Unreachable {
                base: "http://h".into()
            }
            .is_temporary()
        );
    }

    #[test]
    fn an_explained_404_is_a_missing_batch_not_a_settings_problem() {
        let error = error_for_status(
            "http://h",
            404,
            Some("No batch abc for this API key.".into()),
        );
        assert!(error.is_not_found() && !error.needs_settings() && !error.is_temporary());
        assert!(!ApiError::MissingKey.is_not_found());
    }

    #[test]
    fn unexplained_404_means_the_url_is_not_trawl() {
        assert!(matches!(
            error_for_status("http://h", 404, None),
            ApiError::NotTrawl { .. }
        ));
    }

    #[test]
    fn unreachable_service_asks_whether_the_server_runs() {
        let error = ApiError::Unreachable {
            base: "http://127.0.0.1:9".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "Can't reach the Trawl service at http://127.0.0.1:9. Is the server running?"
        );
    }
}
