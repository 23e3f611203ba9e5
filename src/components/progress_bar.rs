//! The progress bar of a batch: completed and failed shares, with the counts in words.

use leptos::prelude::*;

use crate::progress::Progress;

/// A labelled progress bar with the counts written out below it.
#[component]
pub fn ProgressBar(#[prop(into)] progress: Signal<Progress>) -> impl IntoView {
    let share = move |count: u32| {
        let total = progress.get().total.max(1);
        // Hundredths of a percent in integers: float formatting code is large in WebAssembly.
        let hundredths = u64::from(count) * 10_000 / u64::from(total);
        format!("width: {}.{:02}%", hundredths / 100, hundredths % 100)
    };
    view! {
        <div class="progress">
            <div
                class="progress__track"
                role="progressbar"
                aria-label="Pages done"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || progress.get().percent()
                aria-valuetext=move || progress.get().summary()
            >
                <div class="progress__part progress__part--ok" style=move || share(progress.get().completed)></div>
                <div class="progress__part progress__part--error" style=move || share(progress.get().failed)></div>
                <div class="progress__part progress__part--muted" style=move || share(progress.get().cancelled)></div>
            </div>
            <p class="progress__text">{move || progress.get().summary()}</p>
        </div>
    }
}
