//! History: earlier batches, newest first, one page at a time. Page, page size and status
//! filter live in the address (`#/history?page=2&size=20&status=failed`); the service applies
//! the status filter, so pages and counts cover every matching batch.

use leptos::prelude::*;
use trawl_protocol::{BatchList, BatchStatus, BatchSummary};

use crate::api;
use crate::components::status_badge::StatusBadge;
use crate::format::local_time;
use crate::route::{HistoryQuery, Route, navigate};
use crate::settings::AppState;

const PAGE_SIZES: [u32; 4] = [10, 20, 30, 50];

/// The History screen for one page of the list.
#[component]
pub fn HistoryPage(query: HistoryQuery) -> impl IntoView {
    let settings = AppState::get().settings;
    let (page, size, status) = (query.page, query.size, query.status);
    let list = LocalResource::new(move || {
        let connection = settings.with(|s| s.connection());
        async move { api::list_batches(&connection, page, size, status).await }
    });
    let go = {
        let query = query.clone();
        move |change: &dyn Fn(&mut HistoryQuery)| {
            let mut next = query.clone();
            change(&mut next);
            navigate(&Route::History(next));
        }
    };
    let go_status = go.clone();
    let go_size = go;
    let content = move || match list.get() {
        None => view! { <p class="loading">"Loading your batches…"</p> }.into_any(),
        Some(Err(error)) => {
            let needs_settings = error.needs_settings();
            view! {
                <div class="status status--error" role="alert">
                    <p class="status__text">{error.to_string()}</p>
                    {needs_settings.then(|| view! { <a href=Route::Settings.href()>"Open Settings"</a> })}
                    <button type="button" class="button button--secondary" on:click=move |_| list.refetch()>
                        "Try again"
                    </button>
                </div>
            }
            .into_any()
        }
        Some(Ok(list)) => view! { <HistoryTable list=list status=status size=size /> }.into_any(),
    };

    view! {
        <h1>"History"</h1>
        <div class="filters">
            <div class="field field--inline">
                <label for="history-status">"Status"</label>
                <select
                    id="history-status"
                    prop:value=status.map_or("all", BatchStatus::as_str)
                    on:change=move |ev| {
                        let status = BatchStatus::parse(&event_target_value(&ev));
                        go_status(&move |q| { q.status = status; q.page = 1; });
                    }
                >
                    <option value="all">"All"</option>
                    {["pending", "running", "completed", "failed", "cancelled"]
                        .into_iter()
                        .map(|s| view! { <option value=s>{crate::progress::status_label(s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label for="history-size">"Per page"</label>
                <select
                    id="history-size"
                    prop:value=size.to_string()
                    on:change=move |ev| {
                        if let Ok(size) = event_target_value(&ev).parse::<u32>() {
                            go_size(&move |q| { q.size = size; q.page = 1; });
                        }
                    }
                >
                    {page_sizes(size)
                        .into_iter()
                        .map(|n| view! { <option value=n.to_string()>{n}</option> })
                        .collect_view()}
                </select>
            </div>
        </div>
        {content}
    }
}

/// The first page of all batches, at this page size.
fn page_link_all(size: u32) -> String {
    Route::History(HistoryQuery {
        page: 1,
        size,
        status: None,
    })
    .href()
}

/// The page-size choices, including a size typed into the address that is not one of them.
fn page_sizes(current: u32) -> Vec<u32> {
    let mut sizes = PAGE_SIZES.to_vec();
    if !sizes.contains(&current) {
        sizes.push(current);
        sizes.sort_unstable();
    }
    sizes
}

/// The list itself, its empty state, and the page links.
#[component]
fn HistoryTable(list: BatchList, status: Option<BatchStatus>, size: u32) -> impl IntoView {
    let pagination = list.pagination;
    let shown: Vec<BatchSummary> = list.jobs;
    let page_link = move |page: u32| Route::History(HistoryQuery { page, size, status }).href();
    let nav = (pagination.total_pages > 1).then(|| {
        let page = pagination.page;
        view! {
            <nav class="pager" aria-label="Pages of history">
                {(page > 1).then(|| view! { <a class="button button--secondary" href=page_link(page - 1)>"Newer"</a> })}
                <span>{format!("Page {} of {}", page, pagination.total_pages)}</span>
                {(u64::from(page) < pagination.total_pages).then(|| view! {
                    <a class="button button--secondary" href=page_link(page + 1)>"Older"</a>
                })}
            </nav>
        }
    });
    if pagination.total == 0 {
        return match status {
            None => view! {
                <div class="empty">
                    <p>"No batches yet."</p>
                    <a class="button" href=Route::NewBatch.href()>"Start a new batch"</a>
                </div>
            }
            .into_any(),
            Some(status) => view! {
                <div class="empty">
                    <p>{format!("No {} batches.", status.as_str())}</p>
                    <a class="button button--secondary" href=page_link_all(size)>"Show all batches"</a>
                </div>
            }
            .into_any(),
        };
    }
    // A page past the end (an old bookmark, or batches deleted since): offer the first page.
    let empty_page = shown.is_empty().then(|| {
        view! {
            <div class="empty">
                <p>"This page of the history is empty."</p>
                <a class="button button--secondary" href=page_link(1)>"Go to the first page"</a>
            </div>
        }
    });
    let count = match status {
        None => format!("{} batches in all.", pagination.total),
        Some(status) => format!("{} {} batches.", pagination.total, status.as_str()),
    };
    view! {
        <p class="hint">{count}</p>
        {empty_page}
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">"Earlier batches"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Progress"</th>
                        <th scope="col">"Output"</th>
                    </tr>
                </thead>
                <tbody>
                    {shown.into_iter().map(|job| {
                        let done = job.completed_count + job.failed_count;
                        let progress = format!("{done} of {} ({} failed)", job.total_urls, job.failed_count);
                        let href = Route::Batch(vec![job.uuid.clone()]).href();
                        let created = local_time(&job.created_at);
                        let label = format!("Open batch created {created}");
                        view! {
                            <tr>
                                <td><a href=href aria-label=label>{created}</a></td>
                                <td><StatusBadge status=job.status.as_str() /></td>
                                <td>{progress}</td>
                                <td>{job.output_format}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {nav}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::page_sizes;

    #[test]
    fn a_page_size_from_the_address_is_offered_too() {
        assert_eq!(page_sizes(20), [10, 20, 30, 50]);
        assert_eq!(page_sizes(5), [5, 10, 20, 30, 50]);
    }
}
