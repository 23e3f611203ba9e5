//! The "What should Trawl give you?" choice: structured data or readable text.

use leptos::prelude::*;
use trawl_protocol::OutputFormat;

/// Two radio buttons bound to `output`. `id_prefix` keeps the ids unique when a page holds
/// more than one form ("" on New batch, "popup-" in the extension's popup).
#[component]
pub fn OutputChoice(output: RwSignal<OutputFormat>, id_prefix: &'static str) -> impl IntoView {
    let choice = move |format: OutputFormat, label: &'static str| {
        let id = format!("{id_prefix}output-{}", format.as_str());
        view! {
            <div class="field field--check">
                <input
                    id=id.clone()
                    type="radio"
                    name=format!("{id_prefix}output")
                    value=format.as_str()
                    prop:checked=move || output.get() == format
                    on:change=move |_| output.set(format)
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <fieldset class="fieldset">
            <legend>"What should Trawl give you?"</legend>
            {choice(OutputFormat::Json, "Structured data (JSON)")}
            {choice(OutputFormat::Markdown, "Readable text (Markdown)")}
        </fieldset>
    }
}
