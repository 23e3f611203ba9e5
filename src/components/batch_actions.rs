//! "Retry failed" and "Cancel" for a batch or a group of batches; cancelling asks first.

use leptos::prelude::*;
use trawl_protocol::BatchDetail;

use crate::api;
use crate::settings::AppState;

/// The two actions, enabled only when they can do something, with the outcome in words.
#[component]
pub fn BatchActions(
    #[prop(into)] batches: Signal<Vec<BatchDetail>>,
    /// Called after a retry or cancel so the page fetches fresh counts.
    on_change: Callback<()>,
) -> impl IntoView {
    let settings = AppState::get().settings;
    let (confirming, set_confirming) = signal(false);
    let can_retry = move || batches.with(|list| list.iter().any(|b| b.failed_count > 0));
    let can_cancel = move || batches.with(|list| list.iter().any(|b| !b.status.is_terminal()));

    let retry = Action::new_local(move |_: &()| {
        let connection = settings.with_untracked(|s| s.connection());
        let ids: Vec<String> = batches.with_untracked(|list| {
            list.iter()
                .filter(|b| b.failed_count > 0)
                .map(|b| b.uuid.clone())
                .collect()
        });
        async move {
            let mut retried = 0;
            for id in ids {
                retried += api::retry_batch(&connection, &id).await?.retried_count;
            }
            on_change.run(());
            Ok::<_, api::ApiError>(match retried {
                1 => "Trying 1 failed page again.".to_owned(),
                n => format!("Trying {n} failed pages again."),
            })
        }
    });
    let cancel = Action::new_local(move |_: &()| {
        let connection = settings.with_untracked(|s| s.connection());
        let ids: Vec<String> = batches.with_untracked(|list| {
            list.iter()
                .filter(|b| !b.status.is_terminal())
                .map(|b| b.uuid.clone())
                .collect()
        });
        async move {
            let (mut items, mut credits) = (0, 0);
            for id in ids {
                let answer = api::cancel_batch(&connection, &id).await?;
                items += answer.cancelled_items;
                credits += answer.credits_refunded;
            }
            on_change.run(());
            Ok::<_, api::ApiError>(format!(
                "Cancelled {items} page(s) that had not started; {credits} credit(s) refunded."
            ))
        }
    });
    let outcome = move || {
        let latest = if cancel.version().get() >= retry.version().get() {
            cancel.value().get().or_else(|| retry.value().get())
        } else {
            retry.value().get().or_else(|| cancel.value().get())
        };
        latest.map(|result| match result {
            Ok(text) => view! { <p class="notice">{text}</p> }.into_any(),
            Err(error) => {
                view! { <p class="notice notice--error">{error.to_string()}</p> }.into_any()
            }
        })
    };

    view! {
        <div class="actions">
            <button
                type="button"
                class="button button--secondary"
                disabled=move || !can_retry() || retry.pending().get()
                on:click=move |_| { retry.dispatch_local(()); }
            >
                "Retry failed"
            </button>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class="button button--secondary"
                        disabled=move || !can_cancel() || cancel.pending().get()
                        on:click=move |_| set_confirming.set(true)
                    >
                        "Cancel"
                    </button>
                }
            >
                <div class="confirm" role="group" aria-label="Confirm cancel">
                    <span>"Cancel the pages that have not started? Finished pages are kept."</span>
                    <button
                        type="button"
                        class="button button--danger"
                        on:click=move |_| {
                            set_confirming.set(false);
                            cancel.dispatch_local(());
                        }
                    >
                        "Yes, cancel"
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| set_confirming.set(false)>
                        "Keep running"
                    </button>
                </div>
            </Show>
        </div>
        <div role="status" aria-live="polite">{outcome}</div>
    }
}
