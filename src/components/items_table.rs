//! The pages of a batch as a table (address, status, credits) with a status filter and a
//! search box. Each address is a button that opens the review panel.

use leptos::prelude::*;
use trawl_protocol::{BatchItem, ItemStatus};

use crate::components::status_badge::StatusBadge;

/// The items that pass the status filter and contain the search text (in the address or error).
pub fn filter_items(
    items: &[BatchItem],
    status: Option<ItemStatus>,
    search: &str,
) -> Vec<BatchItem> {
    // ASCII folding: Unicode case tables would add ~20 KB to the download for little gain here.
    let search = search.trim().to_ascii_lowercase();
    items
        .iter()
        .filter(|item| status.is_none_or(|wanted| item.status == wanted))
        .filter(|item| {
            search.is_empty()
                || item.url.to_ascii_lowercase().contains(&search)
                || item
                    .error
                    .as_deref()
                    .is_some_and(|e| e.to_ascii_lowercase().contains(&search))
        })
        .cloned()
        .collect()
}

/// Filter controls and the table. `cursor` is the row j/k moves to; `open` the reviewed item.
#[component]
pub fn ItemsTable(
    #[prop(into)] visible: Signal<Vec<BatchItem>>,
    #[prop(into)] total: Signal<usize>,
    filter: RwSignal<Option<ItemStatus>>,
    search: RwSignal<String>,
    cursor: RwSignal<usize>,
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let statuses = [
        ItemStatus::Pending,
        ItemStatus::Running,
        ItemStatus::Completed,
        ItemStatus::Failed,
        ItemStatus::Cancelled,
    ];
    view! {
        <div class="filters">
            <div class="field field--inline">
                <label for="item-filter">"Show"</label>
                <select
                    id="item-filter"
                    prop:value=move || filter.get().map_or("all", ItemStatus::as_str)
                    on:change=move |ev| filter.set(ItemStatus::parse(&event_target_value(&ev)))
                >
                    <option value="all">"All pages"</option>
                    {statuses
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{crate::progress::status_label(s.as_str())}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label for="item-search">"Search"</label>
                <input
                    id="item-search"
                    type="search"
                    placeholder="Part of an address or error"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <p class="hint">"Keys: j / k move, Enter opens, Escape closes."</p>
        </div>
        <Show
            when=move || !visible.with(Vec::is_empty)
            fallback=move || view! {
                <p class="empty">
                    {move || if total.get() == 0 { "This batch has no pages." } else { "No pages match the filter." }}
                </p>
            }
        >
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">"Pages in this batch"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Page"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="num">"Credits"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || visible.get().into_iter().enumerate().map(|(index, item)| {
                            let uuid = item.uuid.clone();
                            let is_open = {
                                let uuid = uuid.clone();
                                move || open.with(|o| o.as_deref() == Some(uuid.as_str()))
                            };
                            let status = item.status.as_str();
                            view! {
                                <tr class=move || if cursor.get() == index { "row row--cursor" } else { "row" }>
                                    <td class="cell-url">
                                        <button
                                            type="button"
                                            class="link-button"
                                            data-row=index
                                            aria-current=move || is_open().then_some("true")
                                            on:focus=move |_| cursor.set(index)
                                            on:click=move |_| {
                                                cursor.set(index);
                                                open.set(Some(uuid.clone()));
                                            }
                                        >
                                            {item.url.clone()}
                                        </button>
                                    </td>
                                    <td><StatusBadge status=status /></td>
                                    <td class="num">{item.credits_used}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(url: &str, status: ItemStatus, error: Option<&str>) -> BatchItem {
        let mut item = crate::test_support::item(url, status);
        item.error = error.map(str::to_owned);
        item
    }

    #[test]
    fn filter_by_status_and_search_address_or_error() {
        let items = [
            item("https://a.example/shoes", ItemStatus::Completed, None),
            item(
                "https://a.example/hats",
                ItemStatus::Failed,
                Some("The page returned 404 Not Found."),
            ),
        ];
        assert_eq!(filter_items(&items, Some(ItemStatus::Failed), "").len(), 1);
        assert_eq!(
            filter_items(&items, None, "SHOES")[0].url,
            "https://a.example/shoes"
        );
        assert_eq!(
            filter_items(&items, None, "404")[0].url,
            "https://a.example/hats"
        );
        assert!(filter_items(&items, Some(ItemStatus::Completed), "hats").is_empty());
        assert_eq!(filter_items(&items, None, "  ").len(), 2);
    }
}
