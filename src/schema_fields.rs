//! The field editor's model: fields with a name and a plain-words type, presets for common pages,
//! and the JSON Schema the service receives.

use serde_json::{Map, Value, json};

/// The kind of value a field holds, in the words the field editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    YesNo,
    Date,
    List,
}

impl FieldKind {
    /// Every kind, in the order the type menu lists them.
    pub const ALL: [FieldKind; 5] = [
        FieldKind::Text,
        FieldKind::Number,
        FieldKind::YesNo,
        FieldKind::Date,
        FieldKind::List,
    ];

    /// The word shown in the type menu.
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number => "number",
            FieldKind::YesNo => "yes/no",
            FieldKind::Date => "date",
            FieldKind::List => "list",
        }
    }

    /// The kind for a type-menu value.
    pub fn from_label(label: &str) -> Option<Self> {
        FieldKind::ALL
            .into_iter()
            .find(|kind| kind.label() == label)
    }

    /// The JSON Schema of one field. Every field may be `null`: a page may simply not have it.
    fn schema(self) -> Value {
        match self {
            FieldKind::Text => json!({"type": ["string", "null"]}),
            FieldKind::Number => json!({"type": ["number", "null"]}),
            FieldKind::YesNo => json!({"type": ["boolean", "null"]}),
            FieldKind::Date => json!({"type": ["string", "null"], "format": "date"}),
            FieldKind::List => json!({"type": ["array", "null"], "items": {"type": "string"}}),
        }
    }
}

/// One row of the field editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Stable identity of the row while the person edits it.
    pub id: u32,
    pub name: String,
    pub kind: FieldKind,
}

/// Ready-made field lists for common kinds of page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Product,
    Article,
    Contact,
    Job,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Product,
        Preset::Article,
        Preset::Contact,
        Preset::Job,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Preset::Product => "Product",
            Preset::Article => "Article",
            Preset::Contact => "Contact",
            Preset::Job => "Job",
        }
    }

    /// The preset's fields, numbered from `first_id`.
    pub fn fields(self, first_id: u32) -> Vec<Field> {
        use FieldKind::*;
        let names: &[(&str, FieldKind)] = match self {
            Preset::Product => &[
                ("name", Text),
                ("price", Number),
                ("currency", Text),
                ("brand", Text),
                ("availability", Text),
            ],
            Preset::Article => &[
                ("title", Text),
                ("author", Text),
                ("published", Date),
                ("description", Text),
            ],
            Preset::Contact => &[
                ("name", Text),
                ("email", Text),
                ("phone", Text),
                ("address", Text),
            ],
            Preset::Job => &[
                ("title", Text),
                ("company", Text),
                ("location", Text),
                ("salary", Text),
                ("remote", YesNo),
                ("published", Date),
            ],
        };
        (first_id..)
            .zip(names)
            .map(|(id, (name, kind))| Field {
                id,
                name: (*name).to_owned(),
                kind: *kind,
            })
            .collect()
    }
}

/// The JSON Schema for the named fields, or `None` when no field has a name (then the service
/// returns everything it found on the page). A repeated name keeps its first type.
pub fn build_schema(fields: &[Field]) -> Option<Value> {
    let mut properties = Map::new();
    for field in fields {
        let name = field.name.trim();
        if !name.is_empty() && !properties.contains_key(name) {
            properties.insert(name.to_owned(), field.kind.schema());
        }
    }
    if properties.is_empty() {
        return None;
    }
    Some(json!({"type": "object", "properties": properties}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_preset_asks_for_a_numeric_price() {
        let schema = build_schema(&Preset::Product.fields(1)).unwrap_or_default();
        assert_eq!(schema["type"], "object");
        assert_eq!(
            schema["properties"]["price"]["type"],
            json!(["number", "null"])
        );
        assert_eq!(
            schema["properties"]["name"]["type"],
            json!(["string", "null"])
        );
    }

    #[test]
    fn every_kind_maps_to_a_json_schema_type() {
        let fields: Vec<Field> = FieldKind::ALL
            .into_iter()
            .zip(1..)
            .map(|(kind, id)| Field {
                id,
                name: kind.label().to_owned(),
                kind,
            })
            .collect();
        let schema = build_schema(&fields).unwrap_or_default();
        let props = &schema["properties"];
        assert_eq!(props["yes/no"]["type"], json!(["boolean", "null"]));
        assert_eq!(props["date"]["format"], "date");
        assert_eq!(props["list"]["items"]["type"], "string");
    }

    #[test]
    fn unnamed_fields_are_ignored_and_names_trimmed() {
        let fields = vec![
            Field {
                id: 1,
                name: "  ".into(),
                kind: FieldKind::Text,
            },
            Field {
                id: 2,
                name: " price ".into(),
                kind: FieldKind::Number,
            },
            Field {
                id: 3,
                name: "price".into(),
                kind: FieldKind::Text,
            },
        ];
        let schema = build_schema(&fields).unwrap_or_default();
        let props = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert_eq!(props.len(), 1);
        assert_eq!(props["price"]["type"], json!(["number", "null"]));
    }

    #[test]
    fn no_named_fields_means_no_schema() {
        assert_eq!(build_schema(&[]), None);
    }

    #[test]
    fn type_menu_labels_round_trip() {
        for kind in FieldKind::ALL {
            assert_eq!(FieldKind::from_label(kind.label()), Some(kind));
        }
        assert_eq!(FieldKind::from_label("blob"), None);
    }

    #[test]
    fn presets_number_their_rows_from_the_given_id() {
        let ids: Vec<u32> = Preset::Job.fields(10).iter().map(|f| f.id).collect();
        assert_eq!(ids, [10, 11, 12, 13, 14, 15]);
    }
}
