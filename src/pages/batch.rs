//! The batch view: live progress, Retry failed / Cancel, downloads, the pages table and the
//! review panel, with j/k/Enter/Escape to move through the pages.

use leptos::ev;
use leptos::prelude::*;
use trawl_protocol::{BatchDetail, BatchItem, ItemStatus};
use wasm_bindgen::JsCast;

use crate::components::batch_actions::BatchActions;
use crate::components::download_buttons::DownloadButtons;
use crate::components::items_table::{ItemsTable, TableScroll, filter_items};
use crate::components::poller::Poller;
use crate::components::progress_bar::ProgressBar;
use crate::components::review_panel::ReviewPanel;
use crate::components::status_badge::StatusBadge;
use crate::format::local_time;
use crate::polling::PollState;
use crate::progress::{Progress, group_status};
use crate::route::{HistoryQuery, Route};
use crate::settings::AppState;

/// One batch, or a group of batches sent together from one long list.
#[component]
pub fn BatchPage(ids: Vec<String>) -> impl IntoView {
    let settings = AppState::get().settings;
    let poller = Poller::new(ids.clone(), settings);
    poller.start();
    let (batches, state, fatal) = (poller.batches, poller.state, poller.fatal);
    let restart = {
        let poller = poller.clone();
        Callback::new(move |()| poller.start())
    };

    let list = Signal::derive(move || batches.get().unwrap_or_default());
    let items = Memo::new(move |_| {
        list.with(|list| {
            list.iter()
                .flat_map(|b| b.items.iter().cloned())
                .collect::<Vec<BatchItem>>()
        })
    });
    let filter = RwSignal::new(None::<ItemStatus>);
    let search = RwSignal::new(String::new());
    let visible =
        Memo::new(move |_| items.with(|all| filter_items(all, filter.get(), &search.get())));
    let cursor = RwSignal::new(0_usize);
    let open = RwSignal::new(None::<String>);
    let scroll = TableScroll::new();
    // The item at a row of the filtered table.
    let uuid_at = move |row: usize| {
        let position = visible.with_untracked(|v| v.get(row).copied())?;
        items.with_untracked(|all| all.get(position).map(|item| item.uuid.clone()))
    };
    let opened_item = Memo::new(move |_| {
        let uuid = open.get()?;
        items.with(|all| all.iter().find(|item| item.uuid == uuid).cloned())
    });

    let keys = window_event_listener(ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || typing_in_a_field(&event) {
            return;
        }
        let count = visible.with_untracked(Vec::len);
        let step = |delta: isize| {
            if count == 0 {
                return;
            }
            let next = cursor
                .get_untracked()
                .saturating_add_signed(delta)
                .min(count - 1);
            cursor.set(next);
            scroll.reveal(next);
            if open.with_untracked(Option::is_some) {
                open.set(uuid_at(next));
            }
        };
        let on_row = target_is_row(&event);
        let jump = |row: usize| {
            if count > 0 {
                let by = row as isize - cursor.get_untracked() as isize;
                step(by);
            }
        };
        match event.key().as_str() {
            "j" => step(1),
            "k" => step(-1),
            // On a row, the arrows move like j / k (instead of scrolling the page).
            "ArrowDown" if on_row => {
                event.prevent_default();
                step(1);
            }
            "ArrowUp" if on_row => {
                event.prevent_default();
                step(-1);
            }
            "Home" if on_row => {
                event.prevent_default();
                jump(0);
            }
            "End" if on_row => {
                event.prevent_default();
                jump(count.saturating_sub(1));
            }
            // On a focused row button, Enter is the button's own click.
            "Enter" if !target_is_control(&event) => {
                open.set(uuid_at(cursor.get_untracked()));
            }
            "Escape" if open.with_untracked(Option::is_some) => {
                open.set(None);
                scroll.reveal(cursor.get_untracked());
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let title = if ids.len() == 1 {
        "Batch".to_owned()
    } else {
        format!("{} batches sent together", ids.len())
    };
    let first_id = ids.first().cloned().unwrap_or_default();
    let close = Callback::new(move |()| open.set(None));
    // On a phone the review panel sits below the table: bring it into view when it opens.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = opened_item.with(Option::is_some);
        if is_open && was_open == Some(false) && narrow_screen() {
            request_animation_frame(|| {
                let panel = web_sys::window()
                    .and_then(|window| window.document())
                    .and_then(|document| document.query_selector(".review").ok().flatten());
                if let Some(panel) = panel {
                    panel.scroll_into_view();
                }
            });
        }
        is_open
    });

    view! {
        <h1>{title}</h1>
        <p class="hint batch-id">{ids.join(", ")}</p>
        <p role="status" class=move || {
            if state.get() == PollState::Reconnecting { "live live--warn" } else { "live" }
        }>{move || state.get().message()}</p>
        {move || fatal.get().map(|error| {
            let needs_settings = error.needs_settings();
            // A batch that does not exist will not appear by trying again: offer a way on instead.
            let next_step = if error.is_not_found() {
                view! {
                    <div class="actions">
                        <a class="button" href=Route::History(HistoryQuery::default()).href()>"Open History"</a>
                        <a class="button button--secondary" href=Route::NewBatch.href()>"Start a new batch"</a>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    {needs_settings.then(|| view! { <a href=Route::Settings.href()>"Open Settings"</a> })}
                    <button type="button" class="button button--secondary" on:click=move |_| restart.run(())>
                        "Try again"
                    </button>
                }
                .into_any()
            };
            view! {
                <div class="status status--error" role="alert">
                    <p class="status__text">{error.to_string()}</p>
                    {next_step}
                </div>
            }
        })}
        <Show when=move || batches.with(Option::is_some) fallback=move || view! {
            <p class="loading">{move || if fatal.with(Option::is_none) { "Loading the batch…" } else { "" }}</p>
            // Never reached the service yet: the address in Settings may be wrong.
            <Show when=move || state.get() == PollState::Reconnecting && fatal.with(Option::is_none)>
                <p class="hint">
                    "If this lasts, check the service URL in "
                    <a href=Route::Settings.href()>"Settings"</a>
                    "."
                </p>
            </Show>
        }>
            <BatchSummaryLine batches=list />
            <ProgressBar progress=Signal::derive(move || list.with(|l| Progress::of(l))) />
            <BatchActions batches=list on_change=restart />
            <DownloadButtons items=items batch_id=first_id.clone() />
            <div class=move || if opened_item.with(Option::is_some) { "review-layout review-layout--open" } else { "review-layout" }>
                <section class="items" aria-labelledby="items-title">
                    <h2 id="items-title">"Pages"</h2>
                    <ItemsTable
                        items=items
                        visible=visible
                        filter=filter
                        search=search
                        cursor=cursor
                        open=open
                        scroll=scroll
                    />
                </section>
                {move || opened_item.get().map(|item| view! { <ReviewPanel item=item on_close=close /> })}
            </div>
        </Show>
    }
}

/// "Status: Completed · created 23/11/2026, 10:00".
#[component]
fn BatchSummaryLine(#[prop(into)] batches: Signal<Vec<BatchDetail>>) -> impl IntoView {
    let status = move || {
        batches
            .with(|l| group_status(l))
            .map_or("pending", |s| s.as_str())
    };
    let created = move || {
        batches.with(|l| {
            l.first()
                .map(|b| format!(" Created {}.", local_time(&b.created_at)))
        })
    };
    view! {
        <p class="batch-summary">
            "Status: " <StatusBadge status=Signal::derive(status) /> {created}
        </p>
    }
}

fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// True when the key was pressed on a row's address button in the items table.
fn target_is_row(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| element.has_attribute("data-row"))
}

fn target_is_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY"))
}

/// True below the width where the review panel moves under the table (48rem in style/main.css).
fn narrow_screen() -> bool {
    web_sys::window()
        .and_then(|window| window.inner_width().ok())
        .and_then(|width| width.as_f64())
        .is_some_and(|width| width < 768.0)
}
