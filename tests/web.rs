//! The app in a real browser (headless Chromium via wasm-bindgen-test-runner and chromedriver).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element on `<body>` for one test, so tests running on the same page don't see each other's views.
fn test_container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("the test page has a document");
    let container = document
        .create_element("div")
        .expect("can create a div")
        .unchecked_into::<web_sys::HtmlElement>();
    document
        .body()
        .expect("the test page has a body")
        .append_child(&container)
        .expect("can append to body");
    container
}

fn text_of(container: &web_sys::HtmlElement, selector: &str) -> Option<String> {
    container
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.text_content())
}

#[wasm_bindgen_test]
async fn home_shows_the_trawl_heading_and_a_service_status_line() {
    let container = test_container();
    leptos::mount::mount_to(container.clone(), trawl::app::App).forget();
    leptos::task::tick().await;

    assert_eq!(text_of(&container, "h1").as_deref(), Some("Trawl"));
    let status = text_of(&container, "[role=status]").expect("a status region is rendered");
    assert!(
        status.starts_with("Service status:"),
        "status line reads {status:?}"
    );
}

#[wasm_bindgen_test]
async fn popup_offers_to_open_the_full_app() {
    let container = test_container();
    leptos::mount::mount_to(container.clone(), trawl::pages::popup::PopupPage).forget();
    leptos::task::tick().await;

    assert_eq!(
        text_of(&container, "button")
            .map(|text| text.trim().to_owned())
            .as_deref(),
        Some("Open Trawl")
    );
}

fn all_text(container: &web_sys::HtmlElement) -> String {
    container.text_content().unwrap_or_default()
}

/// Types into a textarea the way a person does: set the value, then fire `input`.
fn type_into(container: &web_sys::HtmlElement, selector: &str, text: &str) {
    let area = container
        .query_selector(selector)
        .ok()
        .flatten()
        .expect("the field is rendered")
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event =
        web_sys::Event::new_with_event_init_dict("input", &init).expect("can make an event");
    area.dispatch_event(&event).expect("can dispatch");
}

fn submit_button(container: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    container
        .query_selector("button[type=submit]")
        .ok()
        .flatten()
        .expect("a submit button")
        .unchecked_into::<web_sys::HtmlButtonElement>()
}

#[wasm_bindgen_test]
async fn new_batch_counts_pasted_pages_and_lists_rejected_lines() {
    let container = test_container();
    leptos::mount::mount_to(container.clone(), trawl::pages::new_batch::NewBatchPage).forget();
    leptos::task::tick().await;
    assert!(submit_button(&container).disabled(), "nothing to send yet");

    type_into(
        &container,
        "#urls",
        "shop.example/a, https://shop.example/b\nhttps://shop.example/a\nthis is junk",
    );
    leptos::task::tick().await;

    let text = all_text(&container);
    assert!(text.contains("2 web pages ready"), "page reads {text:?}");
    assert!(text.contains("1 duplicate left out"));
    assert!(text.contains("this is junk"));
    assert!(text.contains("no web address found on this line"));
    assert!(
        !submit_button(&container).disabled(),
        "valid pages can be sent"
    );
}

#[wasm_bindgen_test]
async fn product_preset_fills_the_field_editor() {
    let container = test_container();
    leptos::mount::mount_to(container.clone(), trawl::pages::new_batch::NewBatchPage).forget();
    leptos::task::tick().await;

    let product = container
        .query_selector_all(".presets button")
        .ok()
        .and_then(|buttons| buttons.item(0))
        .expect("preset buttons")
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(product.text_content().as_deref(), Some("Product"));
    product.click();
    leptos::task::tick().await;

    let rows = container
        .query_selector_all(".field-row")
        .map(|rows| rows.length())
        .unwrap_or(0);
    assert_eq!(rows, 5);
    let schema = text_of(&container, ".raw-schema pre").unwrap_or_default();
    assert!(schema.contains("\"price\""), "schema reads {schema}");
}

/// A completed item as the service would send it.
fn completed_item(result: serde_json::Value) -> trawl_protocol::BatchItem {
    serde_json::from_value(serde_json::json!({
        "uuid": "i",
        "url": "https://a.example/",
        "status": "completed",
        "result": result,
        "creditsUsed": 2,
    }))
    .expect("a valid item")
}

#[wasm_bindgen_test]
async fn review_panel_never_runs_scraped_html() {
    use leptos::prelude::*;
    let container = test_container();
    let item = completed_item(serde_json::json!(
        "# Title\n<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>"
    ));
    leptos::mount::mount_to(container.clone(), move || {
        view! {
            <trawl::components::review_panel::ReviewPanel item=item.clone() on_close=Callback::new(|()| {}) />
        }
    })
    .forget();
    leptos::task::tick().await;

    for tag in ["script", "b", "img"] {
        assert!(
            container.query_selector(tag).ok().flatten().is_none(),
            "scraped <{tag}> must not become an element"
        );
    }
    let shown = text_of(&container, "pre.markdown").unwrap_or_default();
    assert!(
        shown.contains("<script>alert(2)</script>"),
        "shown as text: {shown}"
    );
}

#[wasm_bindgen_test]
async fn review_panel_marks_empty_fields() {
    use leptos::prelude::*;
    let container = test_container();
    let mut item =
        completed_item(serde_json::json!({"name": "Widget", "offer": {"price": 5}, "brand": null}));
    item.note = Some("The language model's answer was not used.".to_owned());
    leptos::mount::mount_to(container.clone(), move || {
        view! {
            <trawl::components::review_panel::ReviewPanel item=item.clone() on_close=Callback::new(|()| {}) />
        }
    })
    .forget();
    leptos::task::tick().await;

    let empty_rows = container
        .query_selector_all(".row--empty")
        .map(|rows| rows.length())
        .unwrap_or(0);
    assert_eq!(empty_rows, 1);
    let text = all_text(&container);
    assert!(text.contains("offer.price"), "dotted names: {text}");
    assert!(text.contains("1 field(s) came back empty"));
    assert!(text.contains("The language model's answer was not used."));
}

#[wasm_bindgen_test]
fn browser_url_parser_agrees_with_the_servers() {
    let inputs = [
        "https://Shop.Example/item/1#reviews",
        "http://127.0.0.1:8080/p?q=1&r=a%20b",
        "https://bücher.example/straße",
        "https://a.example",
        "HTTPS://A.EXAMPLE:443/x/../y",
        "https://a.example/ü?x=ä",
        "ftp://files.example/x",
        "mailto:ana@a.example",
        "https://",
        "no-scheme.example/x",
        "",
    ];
    for input in inputs {
        let browser = trawl::browser_url::normalize_url(input);
        let server = trawl_protocol::normalize_url(input);
        match (&browser, &server) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "same address for {input:?}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{input:?}: browser says {browser:?}, server says {server:?}"),
        }
    }
}

#[wasm_bindgen_test]
async fn review_panel_puts_the_screenshot_beside_the_fields_and_words_empty_ones() {
    use leptos::prelude::*;
    let container = test_container();
    let mut item = completed_item(serde_json::json!({"name": "Widget", "brand": null, "tags": []}));
    item.screenshot_url = Some("data:image/gif;base64,R0lGODlhAQABAAAAACw=".to_owned());
    item.started_at = Some("2026-11-23T10:00:00.000Z".to_owned());
    item.finished_at = Some("2026-11-23T10:00:02.400Z".to_owned());
    leptos::mount::mount_to(container.clone(), move || {
        view! {
            <trawl::components::review_panel::ReviewPanel item=item.clone() on_close=Callback::new(|()| {}) />
        }
    })
    .forget();
    leptos::task::tick().await;

    // Fields and screenshot are the two parts of one body, so CSS can set them side by side.
    let body = container
        .query_selector(".review__body")
        .ok()
        .flatten()
        .expect("a review body");
    assert_eq!(body.child_element_count(), 2, "fields and screenshot");
    assert!(
        body.query_selector(".review__data table")
            .ok()
            .flatten()
            .is_some()
    );
    let shot = body
        .query_selector(".review__shot img")
        .ok()
        .flatten()
        .expect("the screenshot is shown");
    assert_eq!(
        shot.get_attribute("alt").as_deref(),
        Some("Screenshot of https://a.example/")
    );

    let empty_rows = container
        .query_selector_all(".row--empty")
        .map(|rows| rows.length())
        .unwrap_or(0);
    assert_eq!(empty_rows, 2, "null and an empty list are both empty");
    let brand = text_of(&container, ".row--empty").unwrap_or_default();
    assert_eq!(brand, "brandempty", "the word, not only a colour");
    let meta = text_of(&container, ".review__meta").unwrap_or_default();
    assert!(meta.contains("2 credit(s) used"), "credits: {meta}");
    assert!(meta.contains("Took 2.4 s"), "timing: {meta}");
}

/// `count` finished items, as a long batch would hold them.
fn many_items(count: usize) -> Vec<trawl_protocol::BatchItem> {
    (0..count)
        .map(|i| {
            let mut item = completed_item(serde_json::json!({"n": i}));
            item.uuid = format!("item-{i}");
            item.url = format!("https://shop.example/product/{i}");
            item
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_thousand_page_table_puts_only_the_rows_in_view_in_the_page() {
    use leptos::prelude::*;
    use trawl::components::items_table::{ItemsTable, TableScroll};
    let container = test_container();
    leptos::mount::mount_to(container.clone(), move || {
        let items = Signal::derive(|| many_items(1000));
        let visible = Signal::derive(|| (0..1000).collect::<Vec<usize>>());
        view! {
            <ItemsTable
                items=items
                visible=visible
                filter=RwSignal::new(None)
                search=RwSignal::new(String::new())
                cursor=RwSignal::new(0)
                open=RwSignal::new(None)
                scroll=TableScroll::new()
            />
        }
    })
    .forget();
    leptos::task::tick().await;

    let table = container
        .query_selector("table")
        .ok()
        .flatten()
        .expect("the table");
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("1001")
    );
    let rendered = container
        .query_selector_all("tbody tr[aria-rowindex]")
        .map(|rows| rows.length())
        .unwrap_or(0);
    assert!(
        (1..100).contains(&rendered),
        "{rendered} rows in the page for 1,000 pages"
    );
    let first = container
        .query_selector("tbody tr[aria-rowindex]")
        .ok()
        .flatten()
        .expect("a first row");
    assert_eq!(first.get_attribute("aria-rowindex").as_deref(), Some("2"));
    assert!(
        all_text(&container).contains("https://shop.example/product/0"),
        "the first page is listed"
    );
    // Keyboard: the table is one Tab stop (the selected row), not 1,000.
    let tab_stops = container
        .query_selector_all("tbody button[tabindex=\"0\"]")
        .map(|buttons| buttons.length())
        .unwrap_or(0);
    assert_eq!(tab_stops, 1, "one row button takes Tab");
    let stop = container
        .query_selector("tbody button[tabindex=\"0\"]")
        .ok()
        .flatten()
        .expect("the Tab stop");
    assert_eq!(stop.get_attribute("data-row").as_deref(), Some("0"));
}

#[wasm_bindgen_test]
async fn a_damaged_templates_copy_is_set_aside_and_the_form_still_works() {
    let storage = web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .expect("the test page has localStorage");
    storage
        .set_item(trawl::templates::STORAGE_KEY, "{not json")
        .expect("can write");
    let container = test_container();
    leptos::mount::mount_to(container.clone(), trawl::pages::new_batch::NewBatchPage).forget();
    leptos::task::tick().await;

    let alert = text_of(&container, ".templates [role=alert]").unwrap_or_default();
    assert!(
        alert.contains("could not be read"),
        "plain-words message: {alert:?}"
    );
    assert_eq!(
        storage
            .get_item(trawl::templates::SET_ASIDE_KEY)
            .ok()
            .flatten()
            .as_deref(),
        Some("{not json")
    );
    assert_eq!(
        storage
            .get_item(trawl::templates::STORAGE_KEY)
            .ok()
            .flatten(),
        None
    );
    type_into(&container, "#urls", "https://shop.example/a");
    leptos::task::tick().await;
    assert!(all_text(&container).contains("1 web page ready"));
    let _ = storage.remove_item(trawl::templates::SET_ASIDE_KEY);
}
