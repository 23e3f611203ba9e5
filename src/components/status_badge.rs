//! A status word in a coloured pill; the word carries the meaning, the colour repeats it.

use leptos::prelude::*;

use crate::progress::status_label;

/// Shows a batch or item status such as "completed" as a badge reading "Completed".
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<&'static str>) -> impl IntoView {
    view! {
        <span class=move || format!("badge badge--{}", status.get())>
            {move || status_label(status.get())}
        </span>
    }
}
