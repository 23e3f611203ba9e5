//! The popup's form under the list: what to get from each page, and the button that sends the
//! ticked pages to the Trawl service, then says the batch started and links to it.

use leptos::prelude::*;
use serde_json::json;
use trawl_protocol::{OutputFormat, SubmitRequest};

use crate::api::{self, ApiError};
use crate::components::output_choice::OutputChoice;
use crate::components::prompt_box::PromptBox;
use crate::extension::{app_page_url, chrome, open_app_page_at};
use crate::route::Route;
use crate::schema_fields::{Preset, build_schema};
use crate::settings::AppState;
use crate::templates::{self, Template};
use crate::url_list::into_batches;

/// What the person called the things in the list ("tab", "page", "link"), for the button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

/// The submit button's words: "Scrape this tab", "Scrape these 3 tabs", "Tick a tab to scrape".
pub fn button_label(noun: Noun, count: usize) -> String {
    match count {
        0 => format!("Tick a {} to scrape", noun.one),
        1 => format!("Scrape this {}", noun.one),
        _ => format!("Scrape these {count} {}", noun.many),
    }
}

/// The sentence after a successful submit.
pub fn started_message(pages: usize, batches: usize) -> String {
    let pages_text = if pages == 1 {
        "1 page".to_owned()
    } else {
        format!("{pages} pages")
    };
    if batches > 1 {
        format!("{batches} batches started: {pages_text}.")
    } else {
        format!("Batch started: {pages_text}.")
    }
}

/// What the person sent last time, kept in extension storage for the next popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastChoice {
    pub prompt: String,
    pub output: OutputFormat,
    pub preset: Option<Preset>,
}

const LAST_CHOICE_KEY: &str = "trawl.popupChoice";

impl LastChoice {
    /// As stored: `{"prompt": …, "output": "json", "preset": "Product"}`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "prompt": self.prompt.trim(),
            "output": self.output.as_str(),
            "preset": self.preset.map(Preset::label),
        })
    }

    /// Reads a stored choice; anything missing or unknown takes the default.
    pub fn from_json(value: &serde_json::Value) -> Self {
        let text = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
        LastChoice {
            prompt: text("prompt").unwrap_or_default().to_owned(),
            output: match text("output") {
                Some("markdown") => OutputFormat::Markdown,
                _ => OutputFormat::Json,
            },
            preset: text("preset")
                .and_then(|label| Preset::ALL.into_iter().find(|p| p.label() == label)),
        }
    }

    async fn load() -> Option<Self> {
        let stored = chrome::storage_get(&[LAST_CHOICE_KEY]).await.ok()?;
        stored.get(LAST_CHOICE_KEY).map(LastChoice::from_json)
    }

    async fn save(&self) {
        if let Err(error) = chrome::storage_set(&json!({ LAST_CHOICE_KEY: self.to_json() })).await {
            leptos::logging::warn!("Trawl: could not remember the popup's choices: {error}");
        }
    }
}

/// Why sending did not work.
#[derive(Clone, Debug)]
enum Problem {
    /// The person did not allow the service's site.
    NoAccess(String),
    Api(ApiError),
}

/// Output, prompt, field preset and the submit button for `urls`.
#[component]
pub fn ScrapeForm(#[prop(into)] urls: Signal<Vec<String>>, noun: Noun) -> impl IntoView {
    let settings = AppState::get().settings;
    let prompt = RwSignal::new(String::new());
    let output = RwSignal::new(OutputFormat::Json);
    let (preset, set_preset) = signal(None::<Preset>);
    // The popup starts from what was sent last time (prompt, output, fields).
    leptos::task::spawn_local(async move {
        if let Some(last) = LastChoice::load().await {
            prompt.set(last.prompt);
            output.set(last.output);
            set_preset.set(last.preset);
        }
    });
    // Templates saved in the full app (same extension storage) can fill the form in one step.
    let saved = StoredValue::new(templates::load());
    let (template, set_template) = signal(None::<Template>);
    let choose_template = move |name: String| {
        let chosen = saved.with_value(|list| list.iter().find(|t| t.name == name).cloned());
        if let Some(chosen) = &chosen {
            prompt.set(chosen.prompt.clone());
            output.set(chosen.output_format());
        }
        set_template.set(chosen);
    };

    let submit = Action::new_local(move |request: &(Vec<String>, SubmitRequest)| {
        let (urls, request) = request.clone();
        let choice = LastChoice {
            prompt: prompt.get_untracked(),
            output: output.get_untracked(),
            preset: preset.get_untracked(),
        };
        let connection = settings.with_untracked(|s| s.connection());
        let service_url = settings.with_untracked(|s| s.service_url.trim().to_owned());
        async move {
            // The click that got us here is what lets the browser ask the person.
            if !chrome::request_access(&service_url).await {
                return Err(Problem::NoAccess(service_url));
            }
            let mut ids = Vec::new();
            for batch in into_batches(&urls) {
                let mut one = request.clone();
                one.urls = json!(batch);
                let answer = api::submit_batch(&connection, &one)
                    .await
                    .map_err(Problem::Api)?;
                ids.push(answer.batch_id);
            }
            choice.save().await;
            if let Err(error) = chrome::track_batches(&ids).await {
                leptos::logging::warn!("Trawl: the badge will not follow these batches: {error}");
            }
            Ok((ids, urls.len()))
        }
    });

    let count = move || urls.with(Vec::len);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if count() == 0 || submit.pending().get_untracked() {
            return;
        }
        let format = output.get_untracked();
        let template = template.get_untracked();
        let schema = match (format, &template, preset.get_untracked()) {
            (OutputFormat::Markdown, _, _) => None,
            (OutputFormat::Json, Some(template), _) => build_schema(&template.editor_fields(1)),
            (OutputFormat::Json, None, Some(preset)) => build_schema(&preset.fields(1)),
            (OutputFormat::Json, None, None) => None,
        };
        let prompt = prompt.get_untracked().trim().to_owned();
        let country = template
            .as_ref()
            .map(|t| t.proxy_country.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let request = SubmitRequest {
            urls: json!([]),
            prompt: (!prompt.is_empty()).then_some(prompt),
            output: Some(json!(format.as_str())),
            schema,
            use_proxy: (!country.is_empty()).then_some(true),
            proxy_country: (!country.is_empty()).then_some(country),
            screenshot: template
                .as_ref()
                .is_some_and(|t| t.screenshot)
                .then_some(true),
            ..SubmitRequest::default()
        };
        submit.dispatch_local((urls.get_untracked(), request));
    };

    let preset_options = move || {
        Preset::ALL.map(|choice| {
            view! {
                <option value=choice.label() selected=move || preset.get() == Some(choice)>
                    {choice.label()}
                </option>
            }
        })
    };

    view! {
        <form class="form popup__form" on:submit=on_submit>
            {(!saved.with_value(Vec::is_empty)).then(|| {
                let options = saved.with_value(|list| {
                    list.iter()
                        .map(|t| view! { <option value=t.name.clone()>{t.name.clone()}</option> })
                        .collect_view()
                });
                view! {
                    <div class="field">
                        <label for="popup-template">"Saved template"</label>
                        <select id="popup-template" on:change=move |ev| choose_template(event_target_value(&ev))>
                            <option value="">"None"</option>
                            {options}
                        </select>
                    </div>
                }
            })}
            <PromptBox
                prompt=prompt
                id="popup-prompt"
                rows=2
                placeholder="Example: the product name and its price"
            />
            <OutputChoice output=output id_prefix="popup-" />
            <Show when=move || output.get() == OutputFormat::Json && template.with(Option::is_none)>
                <div class="field">
                    <label for="popup-preset">"Fields"</label>
                    <select
                        id="popup-preset"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            set_preset.set(Preset::ALL.into_iter().find(|p| p.label() == value));
                        }
                    >
                        <option value="" selected=move || preset.get().is_none()>
                            "Whatever the page has"
                        </option>
                        {preset_options()}
                    </select>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="button" disabled=move || count() == 0 || submit.pending().get()>
                    {move || if submit.pending().get() {
                        "Sending…".to_owned()
                    } else {
                        button_label(noun, count())
                    }}
                </button>
            </div>
        </form>
        <div role="status" aria-live="polite">
            {move || submit.value().get().and_then(Result::ok).map(|(ids, pages)| {
                let href = app_page_url(&Route::Batch(ids.clone()).href());
                view! {
                    <div class="status status--ok">
                        <p class="status__text">{started_message(pages, ids.len())}</p>
                        <p>
                            <a href=href target="_blank" rel="noopener">"Open the batch in Trawl"</a>
                        </p>
                        <p class="hint">"The Trawl button shows the progress and you get a notice when it is finished."</p>
                    </div>
                }
            })}
        </div>
        <div role="alert">
            {move || submit.value().get().and_then(Result::err).map(|problem| view! { <ProblemNotice problem=problem /> })}
        </div>
    }
}

#[component]
fn ProblemNotice(problem: Problem) -> impl IntoView {
    let (text, settings_button) = match problem {
        Problem::NoAccess(url) => (
            format!(
                "Trawl needs your permission to talk to the service at {url}. Press the button again and choose Allow."
            ),
            false,
        ),
        Problem::Api(error) => (error.to_string(), error.needs_settings()),
    };
    view! {
        <div class="status status--error">
            <p class="status__text">{text}</p>
            {settings_button.then(|| view! {
                <button type="button" class="button button--secondary" on:click=move |_| open_app_page_at(&Route::Settings.href())>
                    "Open Settings"
                </button>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABS: Noun = Noun {
        one: "tab",
        many: "tabs",
    };

    #[test]
    fn button_says_how_many_tabs_are_sent() {
        assert_eq!(button_label(TABS, 0), "Tick a tab to scrape");
        assert_eq!(button_label(TABS, 1), "Scrape this tab");
        assert_eq!(button_label(TABS, 3), "Scrape these 3 tabs");
    }

    #[test]
    fn last_choice_round_trips_and_tolerates_junk() {
        let choice = LastChoice {
            prompt: "The price ".into(),
            output: OutputFormat::Markdown,
            preset: Some(Preset::Job),
        };
        let restored = LastChoice::from_json(&choice.to_json());
        assert_eq!(restored.prompt, "The price");
        assert_eq!(
            (restored.output, restored.preset),
            (OutputFormat::Markdown, Some(Preset::Job))
        );
        let junk = LastChoice::from_json(&json!({"output": 3, "preset": "Nope"}));
        assert_eq!(
            junk,
            LastChoice {
                prompt: String::new(),
                output: OutputFormat::Json,
                preset: None
            }
        );
    }

    #[test]
    fn started_message_counts_pages_and_batches() {
        assert_eq!(started_message(1, 1), "Batch started: 1 page.");
        assert_eq!(started_message(3, 1), "Batch started: 3 pages.");
        assert_eq!(started_message(60, 2), "2 batches started: 60 pages.");
    }
}
