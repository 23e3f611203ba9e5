//! Saved templates on the New batch screen: the list to pick from (use, rename, delete), and the
//! box that saves the form's prompt, fields and options under a name. The logic and storage
//! live in `crate::templates`.

use leptos::prelude::*;
use trawl_protocol::OutputFormat;

use crate::components::more_options::MoreOptions;
use crate::schema_fields::Field;
use crate::templates::{self, Template};

/// The parts of the New batch form a template holds.
#[derive(Clone, Copy)]
pub struct TemplateForm {
    pub prompt: RwSignal<String>,
    pub output: RwSignal<OutputFormat>,
    pub fields: RwSignal<Vec<Field>>,
    pub options: RwSignal<MoreOptions>,
}

impl TemplateForm {
    fn snapshot(&self, name: &str) -> Template {
        let output = self.output.get_untracked();
        // Markdown output ignores fields, so a markdown template keeps none.
        let fields = match output {
            OutputFormat::Json => self.fields.get_untracked(),
            OutputFormat::Markdown => Vec::new(),
        };
        Template::from_form(
            name,
            &self.prompt.get_untracked(),
            output,
            &fields,
            &self.options.get_untracked(),
        )
    }

    fn fill_from(&self, template: &Template) {
        let first_id = self
            .fields
            .with_untracked(|list| list.iter().map(|f| f.id).max().unwrap_or(0) + 1);
        self.prompt.set(template.prompt.clone());
        self.output.set(template.output_format());
        self.fields.set(template.editor_fields(first_id));
        // The cookies box keeps what was typed: cookies belong to this batch, not the template.
        let cookies = self.options.with_untracked(|o| o.cookies.clone());
        let mut options = template.options();
        options.cookies = cookies;
        self.options.set(options);
    }
}

/// The saved templates as the page sees them, shared by the list and the save box.
#[derive(Clone, Copy)]
pub struct TemplateStore {
    list: RwSignal<Vec<Template>>,
    /// Why the stored templates were set aside, if they were.
    problem: RwSignal<Option<String>>,
}

impl TemplateStore {
    /// Reads the templates saved in this browser.
    pub fn load() -> Self {
        let loaded = templates::load_checked();
        TemplateStore {
            list: RwSignal::new(loaded.templates),
            problem: RwSignal::new(loaded.problem),
        }
    }

    /// Applies `change` to a copy of the list and saves it; the list shown changes only if the
    /// browser kept it.
    fn change<T>(&self, change: impl FnOnce(&mut Vec<Template>) -> T) -> Result<T, &'static str> {
        let mut list = self.list.get_untracked();
        let outcome = change(&mut list);
        templates::save(&list)?;
        self.list.set(list);
        Ok(outcome)
    }
}

/// A line that says what just happened; `true` marks a problem.
type Notice = RwSignal<Option<(bool, String)>>;

fn notice_view(notice: Notice) -> impl IntoView {
    view! {
        <p role="status" class="template-notice">
            {move || notice.get().map(|(problem, text)| view! {
                <span class=if problem { "notice notice--error" } else { "notice" }>{text}</span>
            })}
        </p>
    }
}

/// The list of saved templates, at the top of the New batch form.
#[component]
pub fn SavedTemplates(form: TemplateForm, store: TemplateStore) -> impl IntoView {
    let notice: Notice = RwSignal::new(None);
    view! {
        <fieldset class="fieldset templates">
            <legend>"Saved templates"</legend>
            {move || store.problem.get().map(|problem| view! {
                <div class="notice notice--error" role="alert">
                    <p>{problem}</p>
                    <button type="button" class="button button--small button--secondary" on:click=move |_| store.problem.set(None)>
                        "OK"
                    </button>
                </div>
            })}
            <Show
                when=move || !store.list.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="hint">
                        "No saved templates yet. Fill in the form, then use “Save as template” at the bottom to reuse the prompt, fields and options next time."
                    </p>
                }
            >
                <ul class="template-list" aria-label="Saved templates">
                    <For each=move || store.list.get() key=|template| template.name.clone() let:template>
                        <TemplateRow template=template form=form store=store notice=notice />
                    </For>
                </ul>
            </Show>
            {notice_view(notice)}
        </fieldset>
    }
}

/// What a template row shows: its buttons, the rename box, or the delete question.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowMode {
    Buttons,
    Renaming,
    /// Deleting asks once: a template may hold a carefully built list of fields.
    ConfirmingDelete,
}

/// One saved template with its Use, Rename and Delete buttons.
#[component]
fn TemplateRow(
    template: Template,
    form: TemplateForm,
    store: TemplateStore,
    notice: Notice,
) -> impl IntoView {
    let name = StoredValue::new(template.name.clone());
    let mode = RwSignal::new(RowMode::Buttons);
    let draft = RwSignal::new(String::new());
    let rename_error = RwSignal::new(None::<&'static str>);
    let summary = template.summary();
    let template = StoredValue::new(template);

    let use_it = move |_| {
        template.with_value(|t| form.fill_from(t));
        notice.set(Some((
            false,
            format!(
                "Filled in from “{}”: prompt, fields and options.",
                name.get_value()
            ),
        )));
    };
    let delete = move |_| {
        let removed = name.get_value();
        match store.change(|list| templates::delete(list, &removed)) {
            Ok(_) => notice.set(Some((false, format!("Deleted “{removed}”.")))),
            Err(problem) => notice.set(Some((true, problem.to_owned()))),
        }
    };
    let finish_rename = move || {
        let from = name.get_value();
        let to = draft.get_untracked();
        // Check first, so a refused name never touches storage.
        let mut list = store.list.get_untracked();
        if let Err(problem) = templates::rename(&mut list, &from, &to) {
            rename_error.set(Some(problem));
            return;
        }
        match store.change(|stored| *stored = list) {
            Ok(()) => {
                mode.set(RowMode::Buttons);
                notice.set(Some((
                    false,
                    format!("Renamed “{from}” to “{}”.", to.trim()),
                )));
            }
            Err(problem) => rename_error.set(Some(problem)),
        }
    };
    let start_rename = move |_| {
        draft.set(name.get_value());
        rename_error.set(None);
        mode.set(RowMode::Renaming);
    };
    let label = move |verb: &str| format!("{verb} template {}", name.get_value());

    let actions = move || {
        match mode.get() {
        RowMode::Buttons => view! {
            <button type="button" class="button button--small" aria-label=label("Use") on:click=use_it>
                "Use"
            </button>
            <button type="button" class="button button--small button--secondary" aria-label=label("Rename") on:click=start_rename>
                "Rename"
            </button>
            <button
                type="button"
                class="button button--small button--secondary"
                aria-label=label("Delete")
                on:click=move |_| mode.set(RowMode::ConfirmingDelete)
            >
                "Delete"
            </button>
        }
        .into_any(),
        RowMode::ConfirmingDelete => view! {
            <span class="hint">{format!("Delete “{}”?", name.get_value())}</span>
            <button type="button" class="button button--small button--danger" on:click=delete>
                "Yes, delete"
            </button>
            <button type="button" class="button button--small button--secondary" on:click=move |_| mode.set(RowMode::Buttons)>
                "Keep it"
            </button>
        }
        .into_any(),
        RowMode::Renaming => view! {
            <input
                type="text"
                aria-label=format!("New name for {}", name.get_value())
                maxlength="60"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    // Enter would otherwise send the whole New batch form.
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        finish_rename();
                    } else if ev.key() == "Escape" {
                        mode.set(RowMode::Buttons);
                    }
                }
            />
            <button type="button" class="button button--small" on:click=move |_| finish_rename()>
                "Save name"
            </button>
            <button type="button" class="button button--small button--secondary" on:click=move |_| mode.set(RowMode::Buttons)>
                "Cancel"
            </button>
            {move || rename_error.get().map(|problem| view! { <span class="field-error" role="alert">{problem}</span> })}
        }
        .into_any(),
    }
    };

    view! {
        <li class="template">
            <div class="template__text">
                <strong class="template__name">{name.get_value()}</strong>
                <span class="hint">{summary}</span>
            </div>
            <div class="template__actions">{actions}</div>
        </li>
    }
}

/// "Save as template": a name and a button; saving under a name in use asks before replacing.
#[component]
pub fn SaveTemplate(form: TemplateForm, store: TemplateStore) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let notice: Notice = RwSignal::new(None);
    // The name waiting for "Replace it", when it belongs to another template already.
    let confirm = RwSignal::new(None::<String>);

    let save = move |replace: bool| {
        let checked = match templates::check_name(&name.get_untracked()) {
            Ok(checked) => checked,
            Err(problem) => {
                notice.set(Some((true, problem.to_owned())));
                return;
            }
        };
        let exists = store
            .list
            .with_untracked(|list| templates::position(list, &checked).is_some());
        if exists && !replace {
            confirm.set(Some(checked.clone()));
            notice.set(Some((
                true,
                format!("A template called “{checked}” already exists."),
            )));
            return;
        }
        confirm.set(None);
        match store.change(|list| templates::upsert(list, form.snapshot(&checked))) {
            Ok(true) => notice.set(Some((false, format!("Replaced the template “{checked}”.")))),
            Ok(false) => notice.set(Some((false, format!("Saved the template “{checked}”.")))),
            Err(problem) => notice.set(Some((true, problem.to_owned()))),
        }
    };

    view! {
        <div class="save-template">
            <div class="field field--inline">
                <label for="template-name">"Save as template"</label>
                <input
                    id="template-name"
                    type="text"
                    maxlength="60"
                    placeholder="e.g. Shop prices"
                    aria-describedby="template-name-hint"
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        confirm.set(None);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            save(false);
                        }
                    }
                />
                <button type="button" class="button button--secondary" on:click=move |_| save(false)>
                    "Save template"
                </button>
                {move || confirm.get().map(|_| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| save(true)>
                        "Replace it"
                    </button>
                })}
            </div>
            <p id="template-name-hint" class="hint">
                "Keeps the prompt, the output choice, the fields and the options (never cookies) in this browser."
            </p>
            {notice_view(notice)}
        </div>
    }
}
