//! The pages of a batch as a table (address, status, credits) with a status filter and a
//! search box. Each address is a button that opens the review panel. Only the rows in view are
//! in the page (see `crate::windowing`), so a 1,000-page table appears as fast as a short one;
//! `aria-rowcount` / `aria-rowindex` tell screen readers where each row sits in the whole table.

use leptos::html::Div;
use leptos::prelude::*;
use trawl_protocol::{BatchItem, ItemStatus};
use wasm_bindgen::JsCast;

use crate::components::status_badge::StatusBadge;
use crate::windowing::{OVERSCAN, RowWindow, Viewport, rows_in_view, scroll_to_show};

/// Positions (in `items`) of the items that pass the status filter and contain the search text
/// (in the address or error).
pub fn filter_items(items: &[BatchItem], status: Option<ItemStatus>, search: &str) -> Vec<usize> {
    // ASCII folding: Unicode case tables would add ~20 KB to the download for little gain here.
    let search = search.trim().to_ascii_lowercase();
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| status.is_none_or(|wanted| item.status == wanted))
        .filter(|(_, item)| {
            search.is_empty()
                || item.url.to_ascii_lowercase().contains(&search)
                || item
                    .error
                    .as_deref()
                    .is_some_and(|e| e.to_ascii_lowercase().contains(&search))
        })
        .map(|(index, _)| index)
        .collect()
}

/// The row that takes the table's single Tab stop: the cursor row while it is in the page,
/// otherwise the first row in the page, so Tab always lands in the table and never on a row
/// that is not there.
pub fn tab_stop(cursor: usize, window: RowWindow, count: usize) -> usize {
    let end = window.end.min(count);
    if (window.start..end).contains(&cursor) {
        cursor
    } else {
        window.start.min(count.saturating_sub(1))
    }
}

/// Where the table's scroll box is and how tall its parts measure; shared with the batch page
/// so j/k can bring the cursor row into view.
#[derive(Clone, Copy)]
pub struct TableScroll {
    node: NodeRef<Div>,
    scroll_top: RwSignal<f64>,
    height: RwSignal<f64>,
    row_px: RwSignal<f64>,
    header_px: RwSignal<f64>,
}

impl Default for TableScroll {
    fn default() -> Self {
        Self::new()
    }
}

impl TableScroll {
    /// Starts with typical sizes; the real ones are measured once the table is in the page.
    pub fn new() -> Self {
        TableScroll {
            node: NodeRef::new(),
            scroll_top: RwSignal::new(0.0),
            height: RwSignal::new(640.0),
            row_px: RwSignal::new(41.0),
            header_px: RwSignal::new(38.0),
        }
    }

    fn viewport(&self) -> Viewport {
        Viewport {
            scroll_top: self.scroll_top.get(),
            height: self.height.get(),
            row_px: self.row_px.get(),
            header_px: self.header_px.get(),
        }
    }

    fn viewport_untracked(&self) -> Viewport {
        untrack(|| self.viewport())
    }

    /// Reads the scroll position and sizes from the page; signals change only when values do.
    fn measure(&self) {
        let Some(scroller) = self.node.get_untracked() else {
            return;
        };
        let update = |signal: RwSignal<f64>, value: f64| {
            if value.is_finite() && (signal.get_untracked() - value).abs() > 0.01 {
                signal.set(value);
            }
        };
        update(self.scroll_top, f64::from(scroller.scroll_top()));
        update(self.height, f64::from(scroller.client_height()));
        if let Some(head) = html_element(scroller.query_selector("thead").ok().flatten()) {
            update(self.header_px, f64::from(head.offset_height()));
        }
        // The average over the rendered rows: offset heights are whole pixels, rows may not be.
        if let Some(body) = html_element(scroller.query_selector("tbody").ok().flatten()) {
            let rows = body.children();
            let data_rows: Vec<web_sys::HtmlElement> = (0..rows.length())
                .filter_map(|i| html_element(rows.item(i)))
                .filter(|row| row.has_attribute("aria-rowindex"))
                .collect();
            if let (Some(first), Some(last)) = (data_rows.first(), data_rows.last())
                && data_rows.len() >= 2
            {
                let span = last.offset_top() + last.offset_height() - first.offset_top();
                if span > 0 {
                    update(self.row_px, f64::from(span) / data_rows.len() as f64);
                }
            }
        }
    }

    /// Scrolls row `index` (of the filtered rows) into view and focuses its button once it is
    /// rendered.
    pub fn reveal(&self, index: usize) {
        if let Some(scroller) = self.node.get_untracked() {
            self.measure();
            if let Some(top) = scroll_to_show(index, self.viewport_untracked()) {
                scroller.set_scroll_top(top.round() as i32);
                self.scroll_top.set(f64::from(scroller.scroll_top()));
            }
        }
        // A row already in the page is focused at once, so a key pressed right after (Enter)
        // reaches it; a row still to be rendered is there before the next frame.
        if !focus_row_button(self.node, index) {
            let node = self.node;
            request_animation_frame(move || {
                focus_row_button(node, index);
            });
        }
    }
}

/// Focuses the address button of row `index` if it is in the page; true if it was.
fn focus_row_button(node: NodeRef<Div>, index: usize) -> bool {
    let button = node.get_untracked().and_then(|scroller| {
        scroller
            .query_selector(&format!("[data-row=\"{index}\"]"))
            .ok()
            .flatten()
    });
    match html_element(button) {
        Some(button) => button.focus().is_ok(),
        None => false,
    }
}

fn html_element(element: Option<web_sys::Element>) -> Option<web_sys::HtmlElement> {
    element.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}

/// What one rendered row shows; also its identity for re-use while scrolling.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RowData {
    index: usize,
    uuid: String,
    url: String,
    status: &'static str,
    credits: u32,
}

/// Filter controls and the table. `visible` holds positions in `items`; `cursor` is the row
/// j/k moves to (a position in `visible`); `open` the reviewed item.
#[component]
pub fn ItemsTable(
    #[prop(into)] items: Signal<Vec<BatchItem>>,
    #[prop(into)] visible: Signal<Vec<usize>>,
    filter: RwSignal<Option<ItemStatus>>,
    search: RwSignal<String>,
    cursor: RwSignal<usize>,
    open: RwSignal<Option<String>>,
    scroll: TableScroll,
) -> impl IntoView {
    let statuses = [
        ItemStatus::Pending,
        ItemStatus::Running,
        ItemStatus::Completed,
        ItemStatus::Failed,
        ItemStatus::Cancelled,
    ];
    let count = Memo::new(move |_| visible.with(Vec::len));
    let window = Memo::new(move |_| rows_in_view(count.get(), scroll.viewport(), OVERSCAN));
    // One Tab stop for the whole table (the selected row, or the first row in view when the
    // selected one is scrolled away); the arrow keys and j/k move through every row.
    let tab_row = Memo::new(move |_| tab_stop(cursor.get(), window.get(), count.get()));
    let rows = move || {
        let RowWindow { start, end } = window.get();
        visible.with(|visible| {
            items.with(|all| {
                visible
                    .get(start..end.min(visible.len()))
                    .unwrap_or_default()
                    .iter()
                    .zip(start..)
                    .filter_map(|(&position, index)| {
                        all.get(position).map(|item| RowData {
                            index,
                            uuid: item.uuid.clone(),
                            url: item.url.clone(),
                            status: item.status.as_str(),
                            credits: item.credits_used,
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let space = move |before: bool| {
        let window = window.get();
        let row_px = scroll.row_px.get();
        let px = if before {
            window.space_before(row_px)
        } else {
            window.space_after(count.get(), row_px)
        };
        (px > 0.0).then(|| {
            view! {
                <tr class="spacer" aria-hidden="true">
                    <td colspan="3" style:height=format!("{px}px")></td>
                </tr>
            }
        })
    };
    // Measure once the table is in the page, and again when the window is resized.
    Effect::new(move || {
        if scroll.node.get().is_some() {
            request_animation_frame(move || scroll.measure());
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| scroll.measure());
    on_cleanup(move || resize.remove());

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
            <p class="hint">"Keys: j / k or ↑ / ↓ move, Home / End jump, Enter opens, Escape closes."</p>
        </div>
        <Show
            when=move || { count.get() > 0 }
            fallback=move || view! {
                <p class="empty">
                    {move || if items.with(Vec::is_empty) { "This batch has no pages." } else { "No pages match the filter." }}
                </p>
            }
        >
            <div class="table-wrap table-wrap--scroll" node_ref=scroll.node on:scroll=move |_| scroll.measure()>
                <table class="table table--items" aria-rowcount=move || count.get() + 1>
                    <caption class="visually-hidden">
                        {move || format!("Pages in this batch ({} shown)", count.get())}
                    </caption>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">"Page"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="num">"Credits"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || space(true)}
                        <For each=rows key=|row| row.clone() let:row>
                            <ItemRow row=row cursor=cursor open=open tab_row=tab_row />
                        </For>
                        {move || space(false)}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

/// One page of the batch: its address (a button that opens the review), status and credits.
#[component]
fn ItemRow(
    row: RowData,
    cursor: RwSignal<usize>,
    open: RwSignal<Option<String>>,
    tab_row: Memo<usize>,
) -> impl IntoView {
    let RowData {
        index,
        uuid,
        url,
        status,
        credits,
    } = row;
    let uuid = StoredValue::new(uuid);
    let title = url.clone();
    let is_open =
        move || open.with(|o| uuid.with_value(|uuid| o.as_deref() == Some(uuid.as_str())));
    view! {
        <tr
            aria-rowindex=index + 2
            class=move || if cursor.get() == index { "row row--cursor" } else { "row" }
        >
            <td class="cell-url">
                <button
                    type="button"
                    class="link-button"
                    data-row=index
                    tabindex=move || if tab_row.get() == index { "0" } else { "-1" }
                    title=title
                    aria-current=move || is_open().then_some("true")
                    on:focus=move |_| cursor.set(index)
                    on:click=move |_| {
                        cursor.set(index);
                        open.set(Some(uuid.get_value()));
                    }
                >
                    {url}
                </button>
            </td>
            <td><StatusBadge status=status /></td>
            <td class="num">{credits}</td>
        </tr>
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
    fn the_tab_stop_follows_the_cursor_while_its_row_is_in_the_page() {
        let window = RowWindow { start: 40, end: 80 };
        assert_eq!(tab_stop(50, window, 1000), 50);
        assert_eq!(tab_stop(5, window, 1000), 40, "cursor scrolled away");
        assert_eq!(tab_stop(900, window, 1000), 40);
        assert_eq!(tab_stop(0, RowWindow { start: 0, end: 20 }, 3), 0);
        assert_eq!(
            tab_stop(7, RowWindow { start: 0, end: 20 }, 3),
            0,
            "cursor past a shorter filter"
        );
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
        assert_eq!(filter_items(&items, Some(ItemStatus::Failed), ""), [1]);
        assert_eq!(filter_items(&items, None, "SHOES"), [0]);
        assert_eq!(filter_items(&items, None, "404"), [1]);
        assert!(filter_items(&items, Some(ItemStatus::Completed), "hats").is_empty());
        assert_eq!(filter_items(&items, None, "  ").len(), 2);
    }
}
