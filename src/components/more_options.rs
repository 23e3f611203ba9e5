//! "More options" on the New batch screen: screenshot, proxy country and cookies.

use leptos::prelude::*;

/// Options most batches don't need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoreOptions {
    pub screenshot: bool,
    /// Two-letter country code, or empty for no proxy.
    pub proxy_country: String,
    /// A `Cookie` header value; sent with this batch only, never stored.
    pub cookies: String,
    /// Render every page in a real browser (`renderJs`).
    pub render_js: bool,
}

/// A collapsed section with the rarely needed options, each explained.
#[component]
pub fn MoreOptionsEditor(options: RwSignal<MoreOptions>) -> impl IntoView {
    view! {
        <details class="more-options">
            <summary>"More options"</summary>
            <div class="field field--check">
                <input
                    id="opt-screenshot"
                    type="checkbox"
                    prop:checked=move || options.with(|o| o.screenshot)
                    on:change=move |ev| options.update(|o| o.screenshot = event_target_checked(&ev))
                />
                <label for="opt-screenshot">"Take a screenshot of each page (1 extra credit per page)"</label>
            </div>
            <div class="field field--check">
                <input
                    id="opt-render-js"
                    type="checkbox"
                    prop:checked=move || options.with(|o| o.render_js)
                    on:change=move |ev| options.update(|o| o.render_js = event_target_checked(&ev))
                />
                <label for="opt-render-js">"Open each page in a real browser, for pages that fill in their content with JavaScript (1 extra credit per page)"</label>
            </div>
            <div class="field">
                <label for="opt-proxy">"Proxy country"</label>
                <input
                    id="opt-proxy"
                    type="text"
                    maxlength="2"
                    placeholder="e.g. de"
                    aria-describedby="opt-proxy-hint"
                    prop:value=move || options.with(|o| o.proxy_country.clone())
                    on:input=move |ev| options.update(|o| o.proxy_country = event_target_value(&ev))
                />
                <p id="opt-proxy-hint" class="hint">
                    "A two-letter country code: the pages are fetched as if from that country. Leave empty to fetch them directly."
                </p>
            </div>
            <div class="field">
                <label for="opt-cookies">"Cookies (never stored)"</label>
                <input
                    id="opt-cookies"
                    type="password"
                    autocomplete="off"
                    placeholder="session=…; theme=dark"
                    aria-describedby="opt-cookies-hint"
                    prop:value=move || options.with(|o| o.cookies.clone())
                    on:input=move |ev| options.update(|o| o.cookies = event_target_value(&ev))
                />
                <p id="opt-cookies-hint" class="hint">
                    "Only for pages behind a login: paste the cookie text from your browser. It is sent only to these pages' own sites, kept in memory while the batch runs, and never saved — to retry later you paste it again."
                </p>
            </div>
        </details>
    }
}
