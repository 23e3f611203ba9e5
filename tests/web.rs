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
