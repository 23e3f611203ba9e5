//! Download buttons for a batch's results (CSV, JSON, NDJSON, Markdown), saved through a Blob
//! URL, and "Copy as table" for pasting into a spreadsheet.

use leptos::prelude::*;
use leptos::task::spawn_local;
use trawl_protocol::BatchItem;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::export::csv::items_to_tsv;
use crate::export::{ExportFormat, file_name};

/// One button per format, and the "for Excel" BOM choice for CSV.
#[component]
pub fn DownloadButtons(
    #[prop(into)] items: Signal<Vec<BatchItem>>,
    batch_id: String,
) -> impl IntoView {
    let (bom, set_bom) = signal(true);
    let (problem, set_problem) = signal(None::<&'static str>);
    let (copied, set_copied) = signal(None::<String>);
    let copy = move |_| {
        let table = items.with_untracked(|list| items_to_tsv(list));
        let rows = items.with_untracked(Vec::len);
        spawn_local(async move {
            let done = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => JsFuture::from(clipboard.write_text(&table)).await.is_ok(),
                None => false,
            };
            set_copied.set(Some(if done {
                format!("Copied {rows} row(s): paste them into a spreadsheet.")
            } else {
                "The browser did not allow copying. Use Download CSV instead.".to_owned()
            }));
        });
    };
    let batch_id = StoredValue::new(batch_id);
    let download = move |format: ExportFormat| {
        let content = items.with_untracked(|list| format.write(list, bom.get_untracked()));
        let name = file_name(&batch_id.get_value(), format);
        set_problem.set(save_file(&name, format.mime_type(), &content).err());
    };
    view! {
        <section class="downloads" aria-labelledby="downloads-title">
            <h2 id="downloads-title">"Download the results"</h2>
            <div class="actions">
                {ExportFormat::ALL
                    .into_iter()
                    .map(|format| view! {
                        <button
                            type="button"
                            class="button button--secondary"
                            disabled=move || items.with(Vec::is_empty)
                            on:click=move |_| download(format)
                        >
                            {format.label()}
                        </button>
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || items.with(Vec::is_empty)
                    on:click=copy
                >
                    "Copy as table"
                </button>
            </div>
            <p role="status" class="hint">{move || copied.get()}</p>
            <div class="field field--check">
                <input
                    id="csv-bom"
                    type="checkbox"
                    prop:checked=move || bom.get()
                    on:change=move |ev| set_bom.set(event_target_checked(&ev))
                />
                <label for="csv-bom">"CSV for Excel (adds a UTF-8 marker so accents show correctly)"</label>
            </div>
            {move || problem.get().map(|text| view! { <p class="notice notice--error">{text}</p> })}
        </section>
    }
}

/// Hands `content` to the browser as a file download.
fn save_file(name: &str, mime: &str, content: &str) -> Result<(), &'static str> {
    const REFUSED: &str = "The browser refused to save the file. Try another browser or allow downloads for this site.";
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(REFUSED)?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| REFUSED)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| REFUSED)?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(REFUSED)?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started by the time the timer fires; freeing the URL any sooner can abort it.
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
