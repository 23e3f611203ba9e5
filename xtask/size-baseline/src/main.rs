//! A two-view Leptos app: a list of batches loaded from the API with a filter box, and a
//! counter. `cargo xtask bench` builds it exactly like the web app and reports its first-load
//! size next to the app's, so the framework's own weight is measured in the same run.

use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, Clone)]
struct Job {
    uuid: String,
    status: String,
}

#[derive(Deserialize, Clone)]
struct Jobs {
    jobs: Vec<Job>,
}

async fn load() -> Result<Vec<Job>, String> {
    let response = gloo_net::http::Request::get("/api/batch/scrape")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let list: Jobs = response.json().await.map_err(|e| e.to_string())?;
    Ok(list.jobs)
}

#[component]
fn History() -> impl IntoView {
    let jobs = LocalResource::new(load);
    let filter = RwSignal::new(String::new());
    view! {
        <label>"Filter" <input prop:value=filter on:input=move |e| filter.set(event_target_value(&e)) /></label>
        <Suspense fallback=|| view! { <p>"Loading"</p> }>
            {move || jobs.get().map(|result| match result {
                Ok(list) => view! {
                    <ul>
                        {list
                            .into_iter()
                            .filter(|job| job.status.contains(&filter.get()))
                            .map(|job| view! { <li>{job.uuid} " " {job.status}</li> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <p role="alert">{error}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn App() -> impl IntoView {
    let count = RwSignal::new(0);
    let page = RwSignal::new("history");
    view! {
        <nav>
            <button on:click=move |_| page.set("history")>"History"</button>
            <button on:click=move |_| page.set("counter")>"Counter"</button>
        </nav>
        {move || match page.get() {
            "history" => view! { <History /> }.into_any(),
            _ => view! { <button on:click=move |_| count.update(|c| *c += 1)>"Clicked " {count}</button> }.into_any(),
        }}
    }
}

fn main() {
    leptos::mount::mount_to_body(App)
}
