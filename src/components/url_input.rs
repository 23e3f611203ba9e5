//! The big "paste your web pages" box (or a dropped / chosen .txt or .csv file) and what Trawl
//! made of it: how many pages are ready, how many batches that makes, and which lines were left
//! out and why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use trawl_protocol::MAX_URLS_PER_BATCH;
use wasm_bindgen_futures::JsFuture;

use crate::url_list::UrlList;

/// "1 web page ready" / "12 web pages ready".
pub fn ready_sentence(count: usize) -> String {
    match count {
        0 => "No web pages yet".to_owned(),
        1 => "1 web page ready".to_owned(),
        n => format!("{n} web pages ready"),
    }
}

/// Files larger than this are almost certainly not a list of addresses.
const MAX_FILE_BYTES: f64 = 5_000_000.0;

/// Adds the text of a dropped or chosen file to the box.
fn load_file(file: web_sys::File, text: RwSignal<String>, problem: WriteSignal<Option<String>>) {
    if file.size() > MAX_FILE_BYTES {
        problem.set(Some(format!(
            "{} is too large for a list of addresses (the limit is 5 MB).",
            file.name()
        )));
        return;
    }
    spawn_local(async move {
        match JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(content) => {
                problem.set(None);
                text.update(|current| {
                    if !current.trim().is_empty() {
                        current.push('\n');
                    }
                    current.push_str(&content);
                });
            }
            None => problem.set(Some(format!(
                "Could not read {}. Is it a text or CSV file?",
                file.name()
            ))),
        }
    });
}

/// The URL textarea plus a live summary of the parsed list.
#[component]
pub fn UrlInput(text: RwSignal<String>, #[prop(into)] parsed: Signal<UrlList>) -> impl IntoView {
    let (file_problem, set_file_problem) = signal(None::<String>);
    let details = move || {
        parsed.with(|list| {
            let mut notes = Vec::new();
            if list.duplicates > 0 {
                notes.push(match list.duplicates {
                    1 => "1 duplicate left out".to_owned(),
                    n => format!("{n} duplicates left out"),
                });
            }
            let batches = list.ready.len().div_ceil(MAX_URLS_PER_BATCH);
            if batches > 1 {
                notes.push(format!(
                    "sent as {batches} batches of up to {MAX_URLS_PER_BATCH}, shown together"
                ));
            }
            notes.join("; ")
        })
    };
    view! {
        <div class="field">
            <label for="urls">"Web pages to scrape"</label>
            <p id="urls-hint" class="hint">
                "Paste addresses in any form: one per line, separated by commas, a column copied from a spreadsheet, or text with links in it."
            </p>
            <textarea
                id="urls"
                class="urls"
                rows="10"
                spellcheck="false"
                aria-describedby="urls-hint urls-summary"
                placeholder="https://shop.example/item/1\nshop.example/item/2, shop.example/item/3"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev| {
                    let file = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0));
                    if let Some(file) = file {
                        ev.prevent_default();
                        load_file(file, text, set_file_problem);
                    }
                }
            ></textarea>
            <div class="field field--inline">
                <label for="urls-file">"Or load a .txt or .csv file"</label>
                <input
                    id="urls-file"
                    type="file"
                    accept=".txt,.csv,text/plain,text/csv"
                    on:change=move |ev| {
                        let file = event_target::<web_sys::HtmlInputElement>(&ev)
                            .files()
                            .and_then(|f| f.get(0));
                        if let Some(file) = file {
                            load_file(file, text, set_file_problem);
                        }
                    }
                />
            </div>
            {move || file_problem.get().map(|p| view! { <p class="hint hint--error">{p}</p> })}
            <div id="urls-summary" class="url-summary" role="status" aria-live="polite">
                <p class="url-summary__count">
                    <strong>{move || parsed.with(|list| ready_sentence(list.ready.len()))}</strong>
                    {move || {
                        let text = details();
                        (!text.is_empty()).then(|| format!(" ({text})"))
                    }}
                </p>
            </div>
            <Show when=move || parsed.with(|list| !list.rejected.is_empty())>
                <div class="rejected">
                    <h3 class="rejected__title">
                        {move || parsed.with(|list| match list.rejected.len() {
                            1 => "1 line left out".to_owned(),
                            n => format!("{n} lines left out"),
                        })}
                    </h3>
                    <ul class="rejected__list" aria-label="Lines left out">
                        {move || parsed.with(|list| {
                            list.rejected
                                .iter()
                                .map(|line| view! {
                                    <li>
                                        <code>{line.text.clone()}</code>
                                        " — "
                                        {line.reason.clone()}
                                    </li>
                                })
                                .collect_view()
                        })}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::ready_sentence;

    #[test]
    fn count_sentence_uses_singular_and_plural() {
        assert_eq!(ready_sentence(0), "No web pages yet");
        assert_eq!(ready_sentence(1), "1 web page ready");
        assert_eq!(ready_sentence(3), "3 web pages ready");
    }
}
