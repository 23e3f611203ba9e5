//! The "What do you want from each page?" box, on New batch and in the extension's popup.

use leptos::prelude::*;

/// A labelled text box bound to `prompt`. `id` keeps it unique and ties the label to it.
#[component]
pub fn PromptBox(
    prompt: RwSignal<String>,
    id: &'static str,
    rows: u32,
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>"What do you want from each page?"</label>
            <textarea
                id=id
                rows=rows
                placeholder=placeholder
                prop:value=move || prompt.get()
                on:input=move |ev| prompt.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
