//! New batch: paste web pages, say what to extract, pick the output, and send. Long lists are
//! split into batches of 50, sent one after the other, and shown together afterwards.

use leptos::prelude::*;
use serde_json::json;
use trawl_protocol::{OutputFormat, SubmitRequest, TrawlSubmitOptions, TrawlSubmitRequest};

use crate::api::{self, ApiError};
use crate::browser_url::normalize_url;
use crate::components::field_editor::FieldEditor;
use crate::components::more_options::{MoreOptions, MoreOptionsEditor};
use crate::components::output_choice::OutputChoice;
use crate::components::prompt_box::PromptBox;
use crate::components::templates::{SaveTemplate, SavedTemplates, TemplateForm, TemplateStore};
use crate::components::url_input::UrlInput;
use crate::route::{Route, navigate};
use crate::schema_fields::{Field, build_schema};
use crate::settings::AppState;
use crate::url_list::{into_batches, parse_url_list};

/// Everything needed to send one or more batches.
#[derive(Clone, Debug)]
struct Plan {
    batches: Vec<Vec<String>>,
    request: TrawlSubmitRequest,
}

/// A submit that stopped part-way: the error, and the batches that were already sent.
#[derive(Clone, Debug)]
struct SubmitFailure {
    error: ApiError,
    sent: Vec<String>,
}

/// The New batch screen.
#[component]
pub fn NewBatchPage() -> impl IntoView {
    let settings = AppState::get().settings;
    let urls_text = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| urls_text.with(|text| parse_url_list(text, normalize_url)));
    let prompt = RwSignal::new(String::new());
    let output = RwSignal::new(OutputFormat::Json);
    let fields = RwSignal::new(Vec::<Field>::new());
    let options = RwSignal::new(MoreOptions::default());
    let form = TemplateForm {
        prompt,
        output,
        fields,
        options,
    };
    let store = TemplateStore::load();
    let (sending, set_sending) = signal(None::<(usize, usize)>);

    let submit = Action::new_local(move |plan: &Plan| {
        let plan = plan.clone();
        let connection = settings.with_untracked(|s| s.connection());
        async move {
            let mut sent = Vec::new();
            let count = plan.batches.len();
            for (index, urls) in plan.batches.into_iter().enumerate() {
                set_sending.set(Some((index + 1, count)));
                let mut request = plan.request.clone();
                request.request.urls = json!(urls);
                match api::submit_batch(&connection, &request).await {
                    Ok(answer) => sent.push(answer.batch_id),
                    Err(error) => {
                        set_sending.set(None);
                        return Err(SubmitFailure { error, sent });
                    }
                }
            }
            set_sending.set(None);
            Ok(sent)
        }
    });
    Effect::new(move || {
        if let Some(Ok(ids)) = submit.value().get() {
            navigate(&Route::Batch(ids));
        }
    });

    let can_submit = move || parsed.with(|list| !list.ready.is_empty()) && !submit.pending().get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !can_submit() {
            return;
        }
        let format = output.get_untracked();
        let schema = match format {
            OutputFormat::Json => fields.with_untracked(|list| build_schema(list)),
            OutputFormat::Markdown => None,
        };
        let extra = options.get_untracked();
        let country = extra.proxy_country.trim().to_ascii_lowercase();
        let cookies = extra.cookies.trim().to_owned();
        let prompt = prompt.get_untracked().trim().to_owned();
        let spidra = SubmitRequest {
            urls: json!([]),
            prompt: (!prompt.is_empty()).then_some(prompt),
            output: Some(json!(format.as_str())),
            schema,
            use_proxy: (!country.is_empty()).then_some(true),
            proxy_country: (!country.is_empty()).then_some(country),
            cookies: (!cookies.is_empty()).then_some(cookies),
            screenshot: extra.screenshot.then_some(true),
        };
        let request = TrawlSubmitRequest {
            request: spidra,
            options: TrawlSubmitOptions {
                render_js: extra.render_js.then(|| json!(true)),
            },
        };
        let batches = parsed.with_untracked(|list| into_batches(&list.ready));
        submit.dispatch_local(Plan { batches, request });
    };

    let failure = move || submit.value().get().and_then(Result::err);

    view! {
        <h1>"New batch"</h1>
        <Show when=move || settings.with(|s| s.api_key.trim().is_empty())>
            <p class="notice">
                "You can prepare a batch now; to send it, add your API key in "
                <a href=Route::Settings.href()>"Settings"</a> " first."
            </p>
        </Show>
        <form class="form" on:submit=on_submit>
            <SavedTemplates form=form store=store />
            <UrlInput text=urls_text parsed=parsed />
            <PromptBox
                prompt=prompt
                id="prompt"
                rows=3
                placeholder="Example: the product name, its price, and whether it is in stock"
            />
            <OutputChoice output=output id_prefix="" />
            <Show when=move || output.get() == OutputFormat::Json>
                <FieldEditor fields=fields />
            </Show>
            <MoreOptionsEditor options=options />
            <SaveTemplate form=form store=store />
            <div class="actions">
                <button type="submit" class="button" disabled=move || !can_submit()>
                    {move || match sending.get() {
                        Some((index, count)) if count > 1 => format!("Sending batch {index} of {count}…"),
                        Some(_) => "Sending…".to_owned(),
                        None => "Scrape these pages".to_owned(),
                    }}
                </button>
            </div>
            <div role="alert">
                {move || failure().map(|failure| view! { <SubmitProblem failure=failure /> })}
            </div>
        </form>
    }
}

/// Why sending failed, what to do, and a link to the batches that did go through.
#[component]
fn SubmitProblem(failure: SubmitFailure) -> impl IntoView {
    let settings_link = failure
        .error
        .needs_settings()
        .then(|| view! { <a href=Route::Settings.href()>"Open Settings"</a> });
    let sent = (!failure.sent.is_empty()).then(|| {
        let count = failure.sent.len();
        view! {
            <p>
                {format!("{count} batch(es) were sent before the problem. ")}
                <a href=Route::Batch(failure.sent.clone()).href()>"Open what was sent"</a>
            </p>
        }
    });
    view! {
        <div class="status status--error">
            <p class="status__text">{failure.error.to_string()}</p>
            {settings_link}
            {sent}
        </div>
    }
}
