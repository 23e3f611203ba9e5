//! Entities that give one value to several days at once: schema.org's
//! `OpeningHoursSpecification` says `"dayOfWeek": ["Monday", "Tuesday"]` with one `opens` and
//! one `closes`. When a schema asks for one day per item, each such entity becomes one item
//! per day, and the days it produced are put back in week order (Monday first).

use serde_json::Value;

use crate::sources::same_field;
use crate::structured::allowed_types;

const WEEK: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `list` with every entity that holds a list of weekdays where the schema's items want one
/// text value ("day" ← `dayOfWeek: [...]`) repeated once per day. Other lists (a product's
/// keywords) never split an entity. Returns whether anything was split.
pub(crate) fn one_item_per_value(list: Vec<Value>, items: &Value) -> (Vec<Value>, bool) {
    let single_fields: Vec<&str> = items
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, property)| is_single_text(property))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut split = false;
    let mut out = Vec::with_capacity(list.len());
    for entity in list {
        let key = entity.as_object().and_then(|map| {
            map.iter()
                .find(|(key, value)| {
                    text_list(value)
                        .is_some_and(|l| l.len() >= 2 && l.iter().all(|day| weekday(day).is_some()))
                        && single_fields.iter().any(|f| same_field(f, key))
                })
                .map(|(key, _)| key.clone())
        });
        let Some(key) = key else {
            out.push(entity);
            continue;
        };
        let values = text_list(&entity[&key]).unwrap_or_default();
        for value in values {
            let mut one = entity.clone();
            one[&key] = Value::String(schema_org_name(&value).to_string());
            out.push(one);
        }
        split = true;
    }
    (out, split)
}

/// Puts filled items in week order when the first text field of every item is a weekday.
pub(crate) fn in_week_order(filled: &mut [Value], items: &Value) {
    let Some(field) = items
        .get("properties")
        .and_then(Value::as_object)
        .and_then(|p| p.iter().find(|(_, property)| is_single_text(property)))
        .map(|(name, _)| name.clone())
    else {
        return;
    };
    let day_of = |item: &Value| item.get(&field).and_then(Value::as_str).and_then(weekday);
    if filled.len() >= 2 && filled.iter().all(|item| day_of(item).is_some()) {
        filled.sort_by_key(|item| day_of(item).unwrap_or(7));
    }
}

/// `weekendOpens`, `weekdayCloses`, `saturdayOpens`: the `opens` or `closes` of the
/// opening-hours entity (schema.org `OpeningHoursSpecification`) that covers those days.
pub(crate) fn hours_for_days(key: &str, page: &Value) -> Option<Value> {
    let (first_day, rest) = if let Some(rest) = key.strip_prefix("weekend") {
        (5, rest)
    } else if let Some(rest) = key
        .strip_prefix("weekdays")
        .or_else(|| key.strip_prefix("weekday"))
    {
        (0, rest)
    } else {
        WEEK.iter()
            .enumerate()
            .find_map(|(at, day)| key.strip_prefix(day).map(|rest| (at, rest)))?
    };
    let wanted = match rest {
        "opens" | "open" | "opening" | "openingtime" | "opentime" => "opens",
        "closes" | "close" | "closing" | "closingtime" | "closetime" => "closes",
        _ => return None,
    };
    let mut queue: Vec<&Value> = ["jsonLd", "microdata"]
        .iter()
        .filter_map(|k| page.get(*k))
        .collect();
    while let Some(value) = queue.pop() {
        match value {
            Value::Object(map) => {
                let days: Vec<String> = match map.get("dayOfWeek") {
                    Some(Value::String(day)) => vec![day.clone()],
                    Some(list) => text_list(list).unwrap_or_default(),
                    None => Vec::new(),
                };
                if days.iter().any(|d| weekday(d) == Some(first_day))
                    && let Some(found) = map.get(wanted).filter(|v| v.is_string())
                {
                    return Some(found.clone());
                }
                queue.extend(map.values());
            }
            Value::Array(list) => queue.extend(list.iter().rev()),
            _ => {}
        }
    }
    None
}

/// Opening hours written as one "Monday: 8:00 AM – 5:00 PM" label per day (a definition list,
/// a table with the day in its first column): one item per day, in page order, when the
/// schema's items start with a day field ("day", "weekday", "dayOfWeek"). The day's value
/// goes to the items' other text fields ("hours"), which read it as they would any label.
pub(crate) fn days_from_labels(page: &Value, items: &Value) -> Option<Vec<Value>> {
    let properties = items.get("properties").and_then(Value::as_object)?;
    let mut texts = properties
        .iter()
        .filter(|(_, property)| is_single_text(property))
        .map(|(name, _)| name);
    let day_field = texts
        .next()
        .filter(|name| name.to_lowercase().contains("day"))?;
    let value_fields: Vec<&String> = texts.collect();
    let days: Vec<Value> = page
        .get("details")
        .and_then(Value::as_object)?
        .iter()
        .filter(|(label, value)| is_weekday(label) && value.is_string())
        .map(|(label, value)| {
            let mut item = serde_json::Map::new();
            item.insert(day_field.clone(), Value::String(label.clone()));
            for field in &value_fields {
                item.insert((*field).clone(), value.clone());
            }
            Value::Object(item)
        })
        .collect();
    (days.len() >= 3).then_some(days)
}

/// Whether a heading names a day of the week: "Monday", "Montag", "lundi", "Today".
pub(crate) fn is_weekday(text: &str) -> bool {
    const OTHER_LANGUAGES: [&str; 30] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "today",
        "tomorrow",
    ];
    let lower = text.trim().to_lowercase();
    weekday(&lower).is_some() || OTHER_LANGUAGES.contains(&lower.as_str())
}

/// 0 for Monday … 6 for Sunday, in English or as a schema.org URL.
fn weekday(text: &str) -> Option<usize> {
    let name = schema_org_name(text).trim().to_ascii_lowercase();
    WEEK.iter().position(|day| *day == name)
}

/// "https://schema.org/Monday" → "Monday"; other text unchanged.
fn schema_org_name(text: &str) -> &str {
    ["https://schema.org/", "http://schema.org/"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text)
}

fn text_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// A property that holds one text value (not a list).
fn is_single_text(property: &Value) -> bool {
    let types = allowed_types(property);
    types.iter().any(|t| t == "string") && !types.iter().any(|t| t == "array")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hours_schema() -> Value {
        json!({"type": "object", "properties": {
            "day": {"type": "string"},
            "opens": {"type": ["string", "null"]},
            "closes": {"type": ["string", "null"]}
        }})
    }

    #[test]
    fn a_specification_for_several_days_becomes_one_item_per_day_in_week_order() {
        let list = vec![
            json!({"@type": "OpeningHoursSpecification", "dayOfWeek": ["Saturday", "https://schema.org/Monday"], "opens": "10:00", "closes": "17:00"}),
            json!({"@type": "OpeningHoursSpecification", "dayOfWeek": "Friday", "opens": "10:00", "closes": "21:00"}),
        ];
        let (split, changed) = one_item_per_value(list, &hours_schema());
        assert!(changed);
        let days: Vec<&str> = split
            .iter()
            .map(|i| i["dayOfWeek"].as_str().unwrap())
            .collect();
        assert_eq!(days, ["Saturday", "Monday", "Friday"]);
        assert_eq!(split[1]["closes"], "17:00");

        let mut filled: Vec<Value> = split
            .iter()
            .map(|i| json!({"day": i["dayOfWeek"], "closes": i["closes"]}))
            .collect();
        in_week_order(&mut filled, &hours_schema());
        let days: Vec<&str> = filled.iter().map(|i| i["day"].as_str().unwrap()).collect();
        assert_eq!(days, ["Monday", "Friday", "Saturday"]);
        assert_eq!(filled[1]["closes"], "21:00");
    }

    #[test]
    fn a_label_per_weekday_becomes_one_item_per_day_in_page_order() {
        let page = json!({"details": {
            "Phone": "(303) 555-0147",
            "Monday": "8:00 AM – 5:00 PM",
            "Dienstag": "8:00 – 17:00",
            "Saturday": "Closed"
        }});
        let items = json!({"type": "object", "properties": {
            "day": {"type": "string"}, "hours": {"type": ["string", "null"]}
        }});
        let days = days_from_labels(&page, &items).unwrap();
        assert_eq!(
            days,
            [
                json!({"day": "Monday", "hours": "8:00 AM – 5:00 PM"}),
                json!({"day": "Dienstag", "hours": "8:00 – 17:00"}),
                json!({"day": "Saturday", "hours": "Closed"}),
            ]
        );
        // Items that do not start with a day, and pages with fewer than three days, are not hours.
        let people = json!({"type": "object", "properties": {"name": {"type": "string"}}});
        assert_eq!(days_from_labels(&page, &people), None);
        let two = json!({"details": {"Monday": "9–5", "Sunday": "Closed"}});
        assert_eq!(days_from_labels(&two, &items), None);
    }

    #[test]
    fn only_lists_of_weekdays_split_an_entity() {
        let schema = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "keywords": {"type": ["string", "null"]}
        }});
        let list = vec![json!({"name": "Tent", "keywords": ["camping", "outdoor"]})];
        let (same, changed) = one_item_per_value(list.clone(), &schema);
        assert!(!changed);
        assert_eq!(same, list);
    }

    #[test]
    fn lists_the_schema_wants_as_lists_and_non_weekdays_are_left_alone() {
        let schema = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "days": {"type": "array", "items": {"type": "string"}}
        }});
        let list = vec![json!({"name": "Yoga", "days": ["Monday", "Thursday"]})];
        let (same, changed) = one_item_per_value(list.clone(), &schema);
        assert!(!changed);
        assert_eq!(same, list);

        let mut filled = vec![json!({"day": "Today"}), json!({"day": "Monday"})];
        in_week_order(&mut filled, &hours_schema());
        assert_eq!(filled[0]["day"], "Today");
    }
}
