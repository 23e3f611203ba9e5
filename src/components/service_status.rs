//! The "Service status" line: checks the Trawl service once and says in plain words what it found.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::settings::AppState;

/// What the status line currently says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceState {
    /// The health check is under way.
    Checking,
    /// The service answered the health check.
    Connected,
    /// No service URL is known yet (extension pages).
    NotConfigured,
    /// The check failed; the text says why and what to do.
    Problem(String),
}

impl ServiceState {
    /// The state for a health check that has not finished (`None`) or has.
    pub fn from_check(check: Option<&Result<(), ApiError>>) -> Self {
        match check {
            None => ServiceState::Checking,
            Some(Ok(())) => ServiceState::Connected,
            Some(Err(ApiError::NotConfigured)) => ServiceState::NotConfigured,
            Some(Err(error)) => ServiceState::Problem(error.to_string()),
        }
    }

    /// The sentence shown to the person.
    pub fn message(&self) -> String {
        match self {
            ServiceState::Checking => "Checking…".to_owned(),
            ServiceState::Connected => "Connected to the Trawl service".to_owned(),
            ServiceState::NotConfigured => ApiError::NotConfigured.to_string(),
            ServiceState::Problem(message) => message.clone(),
        }
    }

    /// CSS modifier; the words carry the meaning, the colour only repeats it.
    fn class(&self) -> &'static str {
        match self {
            ServiceState::Checking | ServiceState::NotConfigured => "status",
            ServiceState::Connected => "status status--ok",
            ServiceState::Problem(_) => "status status--error",
        }
    }
}

/// Checks `GET /api/health` on the service for this page and shows the outcome in a live region,
/// with a "Check again" button after a failure.
#[component]
pub fn ServiceStatus() -> impl IntoView {
    let settings = AppState::get().settings;
    let health = LocalResource::new(move || {
        let service = settings.with(|s| s.connection().service);
        async move { api::check_health(&service).await }
    });
    let state = Memo::new(move |_| ServiceState::from_check(health.get().as_ref()));

    view! {
        <div class=move || state.with(ServiceState::class)>
            <p role="status" class="status__text">
                <span class="status__label">"Service status: "</span>
                <span class="status__message">{move || state.with(ServiceState::message)}</span>
            </p>
            <Show when=move || matches!(state.get(), ServiceState::Problem(_))>
                <button type="button" class="button button--secondary" on:click=move |_| health.refetch()>
                    "Check again"
                </button>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_checking_until_the_answer_arrives() {
        assert_eq!(ServiceState::from_check(None).message(), "Checking…");
    }

    #[test]
    fn healthy_service_reads_connected() {
        assert_eq!(
            ServiceState::from_check(Some(&Ok(()))).message(),
            "Connected to the Trawl service"
        );
    }

    #[test]
    fn extension_without_service_url_points_to_settings() {
        let state = ServiceState::from_check(Some(&Err(ApiError::NotConfigured)));
        assert_eq!(state, ServiceState::NotConfigured);
        assert_eq!(state.message(), "Set the service URL in Settings");
    }

    #[test]
    fn failure_shows_the_errors_sentence() {
        let error = ApiError::Unreachable {
            base: "http://127.0.0.1:9".to_owned(),
        };
        let state = ServiceState::from_check(Some(&Err(error.clone())));
        assert_eq!(state.message(), error.to_string());
    }
}
