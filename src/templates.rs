//! Saved templates: the prompt, fields and options of the New batch form kept under a name in
//! this browser's localStorage (`trawl.templates`), as a versioned JSON document:
//! `{"version": 1, "templates": [{"name": …, "prompt": …, "output": "json", "fields": […], …}]}`.
//!
//! Cookies are never part of a template: they are secrets and are never stored.

use serde::{Deserialize, Serialize};
use trawl_protocol::OutputFormat;

use crate::components::more_options::MoreOptions;
use crate::schema_fields::{Field, FieldKind, build_schema};

/// The localStorage key of the templates document.
pub const STORAGE_KEY: &str = "trawl.templates";
/// Where an unreadable document is moved, so a later version of Trawl (or a person) can still
/// look at it; it is overwritten the next time a document cannot be read.
pub const SET_ASIDE_KEY: &str = "trawl.templates.unreadable";
/// The version this app writes and reads.
pub const VERSION: u32 = 1;
/// Longest template name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// One saved template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub name: String,
    #[serde(default)]
    pub prompt: String,
    /// `"json"` or `"markdown"`, as the API spells it.
    #[serde(default = "json_output")]
    pub output: String,
    #[serde(default)]
    pub fields: Vec<TemplateField>,
    #[serde(default)]
    pub screenshot: bool,
    /// Two-letter proxy country, or empty.
    #[serde(default)]
    pub proxy_country: String,
    /// Open each page in a real browser (`renderJs`).
    #[serde(default)]
    pub render_js: bool,
}

fn json_output() -> String {
    OutputFormat::Json.as_str().to_owned()
}

/// One field of a template: its name and the type word of the field editor ("number", …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateField {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl Template {
    /// A template of what the New batch form holds now. Unnamed fields are left out; cookies
    /// are never kept.
    pub fn from_form(
        name: &str,
        prompt: &str,
        output: OutputFormat,
        fields: &[Field],
        options: &MoreOptions,
    ) -> Self {
        Template {
            name: name.trim().to_owned(),
            prompt: prompt.trim().to_owned(),
            output: output.as_str().to_owned(),
            fields: fields
                .iter()
                .filter(|field| !field.name.trim().is_empty())
                .map(|field| TemplateField {
                    name: field.name.trim().to_owned(),
                    kind: field.kind.label().to_owned(),
                })
                .collect(),
            screenshot: options.screenshot,
            proxy_country: options.proxy_country.trim().to_owned(),
            render_js: options.render_js,
        }
    }

    /// The output format; anything unknown is structured data, the default.
    pub fn output_format(&self) -> OutputFormat {
        match self.output.as_str() {
            "markdown" => OutputFormat::Markdown,
            _ => OutputFormat::Json,
        }
    }

    /// The field-editor rows, numbered from `first_id`. An unknown type word becomes text.
    pub fn editor_fields(&self, first_id: u32) -> Vec<Field> {
        (first_id..)
            .zip(&self.fields)
            .map(|(id, field)| Field {
                id,
                name: field.name.clone(),
                kind: FieldKind::from_label(&field.kind).unwrap_or(FieldKind::Text),
            })
            .collect()
    }

    /// The JSON Schema the service receives for this template's fields: `None` for readable text
    /// or when no field is named.
    pub fn schema(&self) -> Option<serde_json::Value> {
        match self.output_format() {
            OutputFormat::Json => build_schema(&self.editor_fields(1)),
            OutputFormat::Markdown => None,
        }
    }

    /// The options it restores; the cookies box is left empty.
    pub fn options(&self) -> MoreOptions {
        MoreOptions {
            screenshot: self.screenshot,
            proxy_country: self.proxy_country.clone(),
            cookies: String::new(),
            render_js: self.render_js,
        }
    }

    /// A short description for the list, e.g. "Structured data · 3 fields · screenshots".
    pub fn summary(&self) -> String {
        let mut parts = vec![match self.output_format() {
            OutputFormat::Json => "Structured data".to_owned(),
            OutputFormat::Markdown => "Readable text".to_owned(),
        }];
        match self.fields.len() {
            0 => {}
            1 => parts.push("1 field".to_owned()),
            n => parts.push(format!("{n} fields")),
        }
        if self.screenshot {
            parts.push("screenshots".to_owned());
        }
        if self.render_js {
            parts.push("real browser".to_owned());
        }
        if !self.proxy_country.is_empty() {
            parts.push(format!("proxy {}", self.proxy_country));
        }
        parts.join(" · ")
    }
}

#[derive(Serialize, Deserialize)]
struct Document {
    version: u32,
    templates: Vec<Template>,
}

/// Why the stored templates could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not the JSON document this app writes.
    Corrupt,
    /// Written by a newer Trawl.
    NewerVersion(u32),
}

/// Reads a stored document. Templates without a usable name are dropped; a name used twice keeps
/// its first template.
pub fn parse(text: &str) -> Result<Vec<Template>, Unreadable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Unreadable::Corrupt)?;
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or(Unreadable::Corrupt)?;
    if version != u64::from(VERSION) {
        return Err(u32::try_from(version)
            .map(Unreadable::NewerVersion)
            .unwrap_or(Unreadable::Corrupt));
    }
    let document: Document = serde_json::from_value(value).map_err(|_| Unreadable::Corrupt)?;
    let mut kept: Vec<Template> = Vec::new();
    for mut template in document.templates {
        template.name = template.name.trim().to_owned();
        if check_name(&template.name).is_ok() && position(&kept, &template.name).is_none() {
            kept.push(template);
        }
    }
    Ok(kept)
}

/// The stored form of `templates`.
pub fn serialize(templates: &[Template]) -> String {
    let document = Document {
        version: VERSION,
        templates: templates.to_vec(),
    };
    serde_json::to_string(&document)
        .unwrap_or_else(|_| String::from("{\"version\":1,\"templates\":[]}"))
}

/// Checks a typed template name and returns it trimmed, or says what is wrong with it.
pub fn check_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        Err("Give the template a name.")
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err("That name is too long: use at most 60 characters.")
    } else if name.chars().any(char::is_control) {
        Err("The name cannot contain line breaks or tabs.")
    } else {
        Ok(name.to_owned())
    }
}

/// Where the template called `name` is; names match whatever their (ASCII) letter case.
pub fn position(templates: &[Template], name: &str) -> Option<usize> {
    let name = name.trim();
    templates
        .iter()
        .position(|template| template.name.eq_ignore_ascii_case(name))
}

/// Adds `template`, or replaces the one with the same name in place. Returns true when it
/// replaced one. The list stays sorted by name as first saved, new ones at the end.
pub fn upsert(templates: &mut Vec<Template>, template: Template) -> bool {
    match position(templates, &template.name) {
        Some(index) => {
            templates[index] = template;
            true
        }
        None => {
            templates.push(template);
            false
        }
    }
}

/// Removes the template called `name`; true if there was one.
pub fn delete(templates: &mut Vec<Template>, name: &str) -> bool {
    match position(templates, name) {
        Some(index) => {
            templates.remove(index);
            true
        }
        None => false,
    }
}

/// Renames `from` to `to`. Refuses a bad name, and a name another template already has
/// (changing only the letter case of a template's own name is fine).
pub fn rename(templates: &mut [Template], from: &str, to: &str) -> Result<(), &'static str> {
    let to = check_name(to)?;
    let index = position(templates, from).ok_or("That template no longer exists.")?;
    if position(templates, &to).is_some_and(|other| other != index) {
        return Err("Another template already has that name.");
    }
    templates[index].name = to;
    Ok(())
}

/// What `load_checked` found in storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub templates: Vec<Template>,
    /// Set when the stored value could not be read and was set aside: what to tell the person.
    pub problem: Option<String>,
}

/// The message shown when stored templates could not be read.
pub fn unreadable_message(reason: &Unreadable) -> String {
    match reason {
        Unreadable::Corrupt => "Your saved templates could not be read (the stored copy is damaged), so Trawl set them aside and started a fresh list. Nothing else is affected.".to_owned(),
        Unreadable::NewerVersion(_) => "Your saved templates were saved by a newer version of Trawl, so this version set them aside and started a fresh list. Nothing else is affected.".to_owned(),
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

/// The saved templates, setting an unreadable stored value aside (under `SET_ASIDE_KEY`) with a
/// message for the person instead of failing.
pub fn load_checked() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded::default();
    };
    let Some(text) = storage.get_item(STORAGE_KEY).ok().flatten() else {
        return Loaded::default();
    };
    match parse(&text) {
        Ok(templates) => Loaded {
            templates,
            problem: None,
        },
        Err(reason) => {
            let _ = storage.set_item(SET_ASIDE_KEY, &text);
            let _ = storage.remove_item(STORAGE_KEY);
            Loaded {
                templates: Vec::new(),
                problem: Some(unreadable_message(&reason)),
            }
        }
    }
}

/// The saved templates (an unreadable stored value counts as none).
pub fn load() -> Vec<Template> {
    load_checked().templates
}

/// Saves the whole list in this browser.
pub fn save(templates: &[Template]) -> Result<(), &'static str> {
    let storage = local_storage().ok_or("This browser does not allow saving templates.")?;
    storage
        .set_item(STORAGE_KEY, &serialize(templates))
        .map_err(|_| "This browser refused to save the template (storage is full or blocked).")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str) -> Template {
        Template {
            name: name.to_owned(),
            prompt: "The price".to_owned(),
            output: "json".to_owned(),
            fields: vec![TemplateField {
                name: "price".to_owned(),
                kind: "number".to_owned(),
            }],
            screenshot: true,
            proxy_country: "de".to_owned(),
            render_js: true,
        }
    }

    #[test]
    fn saved_templates_read_back_the_same() {
        let list = vec![template("Shop prices"), template("Jobs")];
        let text = serialize(&list);
        assert!(text.starts_with("{\"version\":1,"), "versioned: {text}");
        assert_eq!(parse(&text), Ok(list));
    }

    #[test]
    fn damaged_or_foreign_storage_is_unreadable_not_a_crash() {
        for text in [
            "",
            "not json",
            "[]",
            "{\"templates\":[]}",
            "{\"version\":1,\"templates\":7}",
            "{\"version\":\"1\"}",
        ] {
            assert_eq!(parse(text), Err(Unreadable::Corrupt), "{text:?}");
        }
        assert_eq!(
            parse("{\"version\":2,\"templates\":[]}"),
            Err(Unreadable::NewerVersion(2))
        );
        assert!(unreadable_message(&Unreadable::Corrupt).contains("set them aside"));
    }

    #[test]
    fn missing_optional_parts_take_defaults_and_bad_names_are_dropped() {
        let text = r#"{"version":1,"templates":[{"name":" Minimal "},{"name":"  "},{"name":"minimal","prompt":"dup"}]}"#;
        let list = parse(text).unwrap_or_default();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Minimal");
        assert_eq!(list[0].output_format(), OutputFormat::Json);
        assert!(list[0].fields.is_empty() && !list[0].screenshot);
    }

    #[test]
    fn saving_under_an_existing_name_overwrites_it() {
        let mut list = vec![template("Shop prices")];
        let mut changed = template("shop PRICES");
        changed.prompt = "Only the name".to_owned();
        assert!(upsert(&mut list, changed));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].prompt, "Only the name");
        assert!(!upsert(&mut list, template("Jobs")));
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn delete_removes_only_the_named_template() {
        let mut list = vec![template("A"), template("B")];
        assert!(delete(&mut list, "a"));
        assert_eq!(list, vec![template("B")]);
        assert!(!delete(&mut list, "A"));
    }

    #[test]
    fn rename_refuses_a_name_in_use_and_bad_names() {
        let mut list = vec![template("A"), template("B")];
        assert_eq!(
            rename(&mut list, "A", "b"),
            Err("Another template already has that name.")
        );
        assert_eq!(
            rename(&mut list, "A", "  "),
            Err("Give the template a name.")
        );
        assert_eq!(rename(&mut list, "A", " a "), Ok(()));
        assert_eq!(list[0].name, "a");
        assert_eq!(rename(&mut list, "A", "C"), Ok(()));
        assert_eq!(list[0].name, "C");
        assert!(rename(&mut list, "Z", "D").is_err());
    }

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(check_name("  Shop  "), Ok("Shop".to_owned()));
        assert!(check_name(&"x".repeat(61)).is_err());
        assert!(check_name(&"é".repeat(60)).is_ok());
        assert!(check_name("two\nlines").is_err());
    }

    #[test]
    fn a_template_restores_the_form_but_never_cookies() {
        let fields = vec![
            Field {
                id: 7,
                name: " price ".to_owned(),
                kind: FieldKind::Number,
            },
            Field {
                id: 8,
                name: String::new(),
                kind: FieldKind::Text,
            },
        ];
        let options = MoreOptions {
            screenshot: true,
            proxy_country: "de".to_owned(),
            cookies: "session=secret".to_owned(),
            render_js: false,
        };
        let saved = Template::from_form(
            " Shop ",
            " The price ",
            OutputFormat::Json,
            &fields,
            &options,
        );
        assert!(!serialize(std::slice::from_ref(&saved)).contains("secret"));
        assert_eq!(saved.name, "Shop");
        assert_eq!(saved.prompt, "The price");
        let restored = saved.editor_fields(1);
        assert_eq!(restored.len(), 1);
        assert_eq!(
            (restored[0].id, restored[0].name.as_str(), restored[0].kind),
            (1, "price", FieldKind::Number)
        );
        assert_eq!(saved.options().cookies, "");
        assert!(saved.options().screenshot);
        assert_eq!(
            saved.summary(),
            "Structured data · 1 field · screenshots · proxy de"
        );
    }

    #[test]
    fn a_template_gives_the_schema_the_service_receives() {
        let saved = template("A");
        let schema = saved.schema().unwrap_or_default();
        assert_eq!(
            schema["properties"]["price"]["type"],
            serde_json::json!(["number", "null"])
        );
        let mut text = template("B");
        text.output = "markdown".to_owned();
        assert_eq!(text.schema(), None);
    }

    #[test]
    fn unknown_field_types_become_text() {
        let mut saved = template("A");
        saved.fields[0].kind = "blob".to_owned();
        assert_eq!(saved.editor_fields(1)[0].kind, FieldKind::Text);
    }
}
