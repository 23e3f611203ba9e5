//! The field editor: rows of a name and a type, presets for common pages, and the JSON Schema
//! it builds for experts to read.

use leptos::prelude::*;

use crate::schema_fields::{Field, FieldKind, Preset, build_schema};

/// Edits the list of fields to extract; the JSON Schema view below is read-only.
#[component]
pub fn FieldEditor(fields: RwSignal<Vec<Field>>) -> impl IntoView {
    let next_id =
        move || fields.with_untracked(|list| list.iter().map(|f| f.id).max().unwrap_or(0) + 1);
    let add = move |_| {
        let id = next_id();
        fields.update(|list| {
            list.push(Field {
                id,
                name: String::new(),
                kind: FieldKind::Text,
            })
        });
    };
    let use_preset = move |preset: Preset| {
        let first = next_id();
        fields.set(preset.fields(first));
    };
    let schema_text = move || {
        fields
            .with(|list| build_schema(list))
            .and_then(|schema| serde_json::to_string_pretty(&schema).ok())
            .unwrap_or_else(|| {
                "No fields yet: Trawl returns everything it finds on each page.".to_owned()
            })
    };

    view! {
        <fieldset class="fieldset">
            <legend>"Fields to extract"</legend>
            <p class="hint">
                "Name each piece of information you want from every page and say what kind it is. Leave the list empty to get everything Trawl finds."
            </p>
            <div class="presets" role="group" aria-label="Start from a preset">
                <span class="presets__label">"Start from:"</span>
                {Preset::ALL
                    .into_iter()
                    .map(|preset| view! {
                        <button type="button" class="button button--small button--secondary" on:click=move |_| use_preset(preset)>
                            {preset.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <ol class="field-rows">
                <For each=move || fields.get() key=|field| field.id let:field>
                    <FieldRow id=field.id fields=fields />
                </For>
            </ol>
            <button type="button" class="button button--secondary" on:click=add>
                "Add a field"
            </button>
            <details class="raw-schema">
                <summary>"JSON Schema (for experts)"</summary>
                <pre class="code">{schema_text}</pre>
            </details>
        </fieldset>
    }
}

/// One editable row: name, type and a remove button.
#[component]
fn FieldRow(id: u32, fields: RwSignal<Vec<Field>>) -> impl IntoView {
    let read = move |get: fn(&Field) -> String| {
        fields.with(|list| {
            list.iter()
                .find(|f| f.id == id)
                .map(get)
                .unwrap_or_default()
        })
    };
    let edit = move |change: &dyn Fn(&mut Field)| {
        fields.update(|list| {
            if let Some(field) = list.iter_mut().find(|f| f.id == id) {
                change(field);
            }
        });
    };
    let name_id = format!("field-name-{id}");
    let kind_id = format!("field-kind-{id}");
    view! {
        <li class="field-row">
            <div class="field field--inline">
                <label for=name_id.clone()>"Name"</label>
                <input
                    id=name_id
                    type="text"
                    placeholder="e.g. price"
                    prop:value=move || read(|f| f.name.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&move |f| f.name = value.clone());
                    }
                />
            </div>
            <div class="field field--inline">
                <label for=kind_id.clone()>"Type"</label>
                <select
                    id=kind_id
                    prop:value=move || read(|f| f.kind.label().to_owned())
                    on:change=move |ev| {
                        if let Some(kind) = FieldKind::from_label(&event_target_value(&ev)) {
                            edit(&move |f| f.kind = kind);
                        }
                    }
                >
                    {FieldKind::ALL
                        .into_iter()
                        .map(|kind| view! { <option value=kind.label()>{kind.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <button
                type="button"
                class="button button--small button--secondary"
                aria-label=move || format!("Remove field {}", read(|f| f.name.clone()))
                on:click=move |_| fields.update(|list| list.retain(|f| f.id != id))
            >
                "Remove"
            </button>
        </li>
    }
}
