//! Settings: which Trawl service to use and the API key, saved in this browser, with a
//! "Test connection" button that says what is wrong and what to do.

use leptos::prelude::*;

use crate::api::{self, ApiError, ServiceLocation};
use crate::extension;
use crate::settings::{AppState, check_service_url};

/// The Settings screen. Changes are saved as the person types.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = AppState::get().settings;
    let (save_problem, set_save_problem) = signal(None::<&'static str>);
    let default_service = match ServiceLocation::of_this_page() {
        ServiceLocation::At(origin) => origin,
        ServiceLocation::NotConfigured => String::new(),
    };
    let placeholder = if default_service.is_empty() {
        "https://trawl.example.org".to_owned()
    } else {
        default_service.clone()
    };
    let url_hint = if extension::is_extension_page() || default_service.is_empty() {
        "The address of your Trawl service, for example http://127.0.0.1:8787.".to_owned()
    } else {
        format!("Leave empty to use the service that opened this page ({default_service}).")
    };

    let update = move |change: &dyn Fn(&mut crate::settings::Settings)| {
        settings.update(|s| change(s));
        set_save_problem.set(settings.with_untracked(|s| s.save().err()));
    };
    let url_problem = move || settings.with(|s| check_service_url(&s.service_url).err());

    let test = Action::new_local(move |_: &()| {
        let connection = settings.with_untracked(|s| s.connection());
        let service_url = settings.with_untracked(|s| s.service_url.trim().to_owned());
        async move {
            // In the extension, this click is what lets the browser ask for the service's site.
            if extension::is_extension_page() {
                extension::chrome::request_access(&service_url).await;
            }
            api::test_connection(&connection).await
        }
    });
    let outcome = move || {
        test.value().get().map(|result| match result {
            Ok(()) => (
                "status status--ok",
                "Connected. The service accepts your API key.".to_owned(),
            ),
            Err(error) => ("status status--error", explain(&error)),
        })
    };

    view! {
        <h1>"Settings"</h1>
        <p class="lead">"Trawl keeps these in this browser only. Changes are saved as you type."</p>
        <form class="form" on:submit=move |ev| {
            ev.prevent_default();
            test.dispatch_local(());
        }>
            <div class="field">
                <label for="service-url">"Service URL"</label>
                <input
                    id="service-url"
                    type="url"
                    autocomplete="url"
                    placeholder=placeholder
                    aria-describedby="service-url-hint"
                    prop:value=move || settings.with(|s| s.service_url.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        update(&move |s| s.service_url = value.clone());
                    }
                />
                <p id="service-url-hint" class="hint">{url_hint}</p>
                {move || url_problem().map(|problem| view! { <p class="hint hint--error">{problem}</p> })}
            </div>
            <div class="field">
                <label for="api-key">"API key"</label>
                <input
                    id="api-key"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="api-key-hint"
                    prop:value=move || settings.with(|s| s.api_key.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        update(&move |s| s.api_key = value.clone());
                    }
                />
                <p id="api-key-hint" class="hint">
                    "It starts with trawl_. Whoever runs your Trawl service can give you one (cargo xtask keys create)."
                </p>
            </div>
            {move || save_problem.get().map(|problem| view! { <p class="hint hint--error">{problem}</p> })}
            <div class="actions">
                <button type="submit" class="button" disabled=move || test.pending().get()>
                    {move || if test.pending().get() { "Testing…" } else { "Test connection" }}
                </button>
            </div>
        </form>
        <div role="status" aria-live="polite">
            {move || outcome().map(|(class, text)| view! {
                <div class=class>
                    <p class="status__text">{text}</p>
                </div>
            })}
        </div>
    }
}

/// The connection test's outcome in plain words, with the next step.
fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Unreachable { .. } => format!(
            "{error} Check the service URL above, and that the Trawl service is started (cargo xtask run)."
        ),
        _ => error.to_string(),
    }
}
