//! The review panel for one page: extracted fields as a table (empty ones highlighted), the
//! screenshot beside them, text shown safely, the error in plain words, timings and credits.

use leptos::prelude::*;
use serde_json::Value;
use trawl_protocol::BatchItem;

use crate::components::status_badge::StatusBadge;
use crate::export::flatten::{cell_text, flatten, is_empty_value};
use crate::format::{duration, local_time, millis_between};

/// Shows one item. Scraped text is only ever inserted as text, never as HTML.
#[component]
pub fn ReviewPanel(item: BatchItem, on_close: Callback<()>) -> impl IntoView {
    let status = item.status.as_str();
    let timing = match (&item.started_at, &item.finished_at) {
        (Some(start), Some(end)) => millis_between(start, end)
            .map(|ms| format!("Took {} (finished {}).", duration(ms), local_time(end))),
        (Some(start), None) => Some(format!("Started {}.", local_time(start))),
        _ => None,
    };
    let screenshot = item.screenshot_url.clone().map(|src| {
        let alt = format!("Screenshot of {}", item.url);
        view! {
            <figure class="review__shot">
                <img src=src alt=alt loading="lazy" />
            </figure>
        }
    });
    let body = match &item.result {
        Some(Value::String(text)) => view! {
            <h3>"Page text"</h3>
            <pre class="markdown">{text.clone()}</pre>
        }
        .into_any(),
        Some(result) => view! { <FieldTable result=result.clone() /> }.into_any(),
        None => view! {
            <p class="empty">{if item.status.is_terminal() { "No result for this page." } else { "Not scraped yet." }}</p>
        }
        .into_any(),
    };
    view! {
        <section class="review" aria-labelledby="review-title">
            <div class="review__head">
                <h2 id="review-title" class="review__title">"Review"</h2>
                <button type="button" class="button button--small button--secondary" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </div>
            <p class="review__url">
                <a href=item.url.clone() target="_blank" rel="noopener noreferrer">{item.url.clone()}</a>
            </p>
            <p class="review__meta">
                <StatusBadge status=status />
                {format!(" {} credit(s) used. ", item.credits_used)}
                {timing}
            </p>
            {item.error.clone().map(|error| view! {
                <p class="notice notice--error">
                    <strong>"What went wrong: "</strong>
                    {error}
                </p>
            })}
            {item.note.clone().map(|note| view! {
                <p class="notice">
                    <strong>"Note: "</strong>
                    {note}
                </p>
            })}
            <div class="review__body">
                <div class="review__data">{body}</div>
                {screenshot}
            </div>
        </section>
    }
}

/// A structured result as a two-column table; nested names are dotted, empty values marked.
#[component]
fn FieldTable(result: Value) -> impl IntoView {
    let rows = flatten(&result);
    let empty_count = rows
        .iter()
        .filter(|(_, value)| is_empty_value(value))
        .count();
    view! {
        <h3>"Extracted fields"</h3>
        {(empty_count > 0).then(|| view! {
            <p class="hint">{format!("{empty_count} field(s) came back empty; they are marked below.")}</p>
        })}
        <table class="table table--fields">
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">"Value"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, value)| {
                        let empty = is_empty_value(&value);
                        view! {
                            <tr class=if empty { "row row--empty" } else { "row" }>
                                <th scope="row">{name}</th>
                                <td>
                                    {if empty {
                                        view! { <span class="empty-mark">"empty"</span> }.into_any()
                                    } else {
                                        cell_text(&value).into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
