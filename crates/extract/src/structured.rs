//! Schema-shaped output: each wanted field is looked up by meaning in the page data
//! (see [`crate::sources`]) and coerced to the schema's type; lists of objects come from
//! JSON-LD lists, repeated microdata items, listing cards or table rows. A value the page does
//! not have is `null` where the schema allows it, left out where the property is optional, and
//! an empty value of its type only where the schema requires the property and forbids `null`.

use serde_json::{Map, Value};
use url::Url;

use crate::address;
use crate::coerce::{
    availability, currency_code, is_iso_date, iso_date, parse_number, phrase_answer, without_role,
};
use crate::day_lists;
use crate::field_names::{
    field_kind, is_currency, is_party, is_pre_order, is_sold_out, known_values, name_words,
};
use crate::sources::{Sources, aliases, normalized, same_field};

/// How much a list from a sidebar, footer or related-item strip counts against one from the
/// page's own content (the stops of a bus route beat the footer's links).
const ASIDE_WEIGHT: f64 = 0.5;

/// Builds an object with the schema's properties, filled from `page` (a `page_data` object).
pub fn fill_schema(schema: &Value, page: &Value) -> Value {
    if schema
        .get("properties")
        .and_then(Value::as_object)
        .is_none()
    {
        return page.clone();
    }
    let filler = Filler {
        sources: Sources::of_page(page),
        page: Some(page),
        base: page_base(page),
    };
    filler.object(schema)
}

pub(crate) fn page_base(page: &Value) -> Option<Url> {
    page.get("url")
        .and_then(Value::as_str)
        .and_then(|u| Url::parse(u).ok())
}

/// Fills values from one set of sources (a page, or one item of a list).
struct Filler<'p> {
    sources: Sources,
    /// The whole page, for lists of objects (absent when filling one item).
    page: Option<&'p Value>,
    base: Option<Url>,
}

impl Filler<'_> {
    fn object(&self, schema: &Value) -> Value {
        let mut out = Map::new();
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return Value::Object(out);
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, property) in properties {
            match self
                .property(name, property)
                .map(|v| self.without_site_name(name, v))
            {
                Some(value) => {
                    out.insert(name.clone(), value);
                }
                None if allows_null(property) => {
                    out.insert(name.clone(), Value::Null);
                }
                None if required.contains(&name.as_str()) => {
                    out.insert(name.clone(), empty_value(property));
                }
                None => {}
            }
        }
        Value::Object(out)
    }

    fn property(&self, name: &str, property: &Value) -> Option<Value> {
        let types = allowed_types(property);
        // `isPreOrder`: whether the availability says pre-order.
        if is_pre_order(name) && types.iter().any(|t| t == "boolean") {
            let said = self
                .sources
                .find("available")
                .as_ref()
                .and_then(scalar_text)?;
            let said = normalized(&said);
            let pre_order = [
                "preorder",
                "vorbestell",
                "précommande",
                "precommande",
                "preventa",
            ]
            .iter()
            .any(|word| said.contains(word));
            return Some(Value::Bool(pre_order));
        }
        // `soldOut: true` is availability said the other way round.
        if is_sold_out(name) && types.iter().any(|t| t == "boolean") {
            return match self.property("available", property)? {
                Value::Bool(available) => Some(Value::Bool(!available)),
                _ => None,
            };
        }
        // `weekendOpens`: the opening hours given for Saturday and Sunday.
        if let Some(found) = self
            .page
            .and_then(|page| day_lists::hours_for_days(&normalized(name), page))
        {
            return self.coerce(name, found, property);
        }
        if types.iter().any(|t| t == "array") {
            let items = property.get("items").unwrap_or(&Value::Null);
            let of_objects = allowed_types(items).iter().any(|t| t == "object")
                || items.get("properties").is_some();
            return if of_objects {
                self.object_list(name, items)
            } else {
                self.scalar_list(name, items)
            };
        }
        if types.iter().any(|t| t == "object") && property.get("properties").is_some() {
            let mut sources = Sources::of_item(&Value::Null, false);
            if let Some(found) = self.sources.find(name).filter(Value::is_object) {
                sources = Sources::of_item(&found, false);
            }
            // The nested object's fields may also be anywhere on the page.
            if let Some(page) = self.page {
                sources.list.extend(Sources::of_page(page).list);
            }
            let nested = Filler {
                sources,
                page: None,
                base: self.base.clone(),
            };
            return Some(nested.object(property));
        }
        // "adultPrice", "dropInPrice": the amount on the line labelled "Adult" ("Erwachsene"),
        // "Drop-in", before any line labelled "Price".
        if let Some((kind, ending)) = field_kind(name)
            && let Some(value) = self
                .sources
                .find(&kind)
                // A price field takes only an amount of money from there ("Summer term runs
                // 13 April" is not the term's price).
                .filter(|found| {
                    ending != "price"
                        || !found.is_string()
                        || scalar_text(found).is_some_and(|t| currency_code(&t).is_some())
                })
                .and_then(|found| self.coerce(name, found, property))
                // A date field takes only a date from there ("Race: Spring 10K" is not one).
                .filter(|value| ending != "date" || value.as_str().is_some_and(is_iso_date))
        {
            return Some(value);
        }
        let found = self.owner_name(name).or_else(|| self.sources.find(name));
        let numeric = allowed_types(property)
            .iter()
            .any(|t| t == "number" || t == "integer");
        let mut units: Vec<String> = aliases(name).into_iter().filter(|w| w.len() >= 2).collect();
        // `cabinBagMaxKg` wants the number before "kg" in "max. 10 kg, 55 × 40 × 23 cm".
        units.extend(crate::sources::unit_of(name).map(str::to_string));
        units.extend(counted_things(name));
        // A screen's "65 Zoll", "6,5 pouces": inches in the page's language.
        if matches!(crate::sources::unit_of(name), Some("inches" | "inch")) {
            let inches = [
                "inch", "in", "zoll", "pouces", "pulgadas", "pollici", "tum", "cali",
            ];
            units.extend(inches.iter().map(|w| w.to_string()));
        }
        let unit_number = |text: &str| {
            let rating_like = same_field("rating", name);
            (!rating_like)
                .then(|| crate::coerce::number_before_word(text, &units))
                .flatten()
        };
        // "3 bd | 2 ba | 1,450 sqft" found under an "area" class: the number before "sqft".
        if numeric
            && let Some(n) = found
                .as_ref()
                .and_then(scalar_text)
                .and_then(|t| unit_number(&t))
        {
            return self.coerce(name, Value::from(n), property);
        }
        let value = found.and_then(|f| self.coerce(name, f, property));
        if value.is_none() && is_currency(name) {
            return self.currency_from_amounts(property);
        }
        let key = normalized(name);
        if value.is_none()
            && key.contains("date")
            && time_end(&key) == Some(crate::coerce::RangeEnd::High)
        {
            // "Dates: June 22 – June 26, 2026" for `endDate`: where the range ends.
            // (Looked up as a start date: the page's publication date is never a range.)
            let range = self.sources.find("startDate").filter(|found| {
                scalar_text(found).is_some_and(|t| crate::coerce::date_range_end(&t).is_some())
            });
            if let Some(range) = range {
                return self.coerce(name, range, property);
            }
        }
        if value.is_none()
            && time_end(&key).is_some()
            && let Some(range) = self.range_saying(name)
        {
            return self.coerce(name, Value::String(range), property);
        }
        if value.is_none() && numeric {
            // "3 habitaciones", "120 m²" with no label: the number written before the unit.
            if let Some(n) = self.loose_texts().find_map(unit_number) {
                return self.coerce(name, Value::from(n), property);
            }
        }
        // `durationMinutes`, `upToHours`: a field measured in a time unit.
        if value.is_none()
            && numeric
            && let Some(unit) = crate::duration::unit_of_field(&key)
        {
            // "12A · 2h 14m · Drama" for `durationMinutes`: the part that is a length of time.
            let seconds = self.loose_texts().find_map(|text| {
                text.split(['·', '|', ','])
                    .map(str::trim)
                    .filter(|part| part.split_whitespace().count() <= 4)
                    .find_map(crate::duration::seconds_in)
            });
            if let Some(seconds) = seconds {
                return self.coerce(name, Value::from(seconds / unit), property);
            }
        }
        if value.is_none() {
            // `street`, `city`, `postalCode`: from the address ("Wiener Straße 18, 10999
            // Berlin").
            let part = if same_field("street", name) {
                Some(address::Part::Street)
            } else if same_field("city", name) {
                Some(address::Part::City)
            } else if same_field("postalcode", name) {
                Some(address::Part::PostalCode)
            } else {
                None
            };
            if let Some(part) = part {
                let labelled = ["address", "location"]
                    .iter()
                    .filter_map(|label| self.sources.find(label))
                    .filter_map(|found| scalar_text(&found))
                    .find_map(|text| address::part(&text, part));
                let found =
                    labelled.or_else(|| self.loose_texts().find_map(|t| address::part(t, part)))?;
                return self.coerce(name, Value::String(found), property);
            }
        }
        if value.is_none() && (numeric || types.iter().any(|t| t == "string")) {
            // `episodeNumber`, `seasonNumber` on a page saying "Episode 142": the number after
            // the thing's name (in a line of its own or in the page's title).
            let thing = key
                .strip_suffix("number")
                .or_else(|| key.strip_suffix("no"))
                .filter(|thing| thing.chars().count() >= 4);
            if let Some(thing) = thing {
                let title = self
                    .page
                    .and_then(|p| p.get("title"))
                    .and_then(Value::as_str);
                let found = self
                    .loose_texts()
                    .chain(title)
                    .find_map(|text| crate::coerce::number_after_word(text, thing));
                if let Some(n) = found {
                    let n = if numeric {
                        Value::from(n)
                    } else {
                        Value::String(n.to_string())
                    };
                    return self.coerce(name, n, property);
                }
            }
        }
        if value.is_none() && types.iter().any(|t| t == "string") {
            // "Manual" among a car's bullets: its transmission.
            let known = known_values(name);
            if let Some(text) = self
                .loose_texts()
                .find(|text| known.contains(&text.trim().to_lowercase().as_str()))
            {
                return self.coerce(name, Value::String(text.trim().to_string()), property);
            }
        }
        if value.is_none() && same_field("rating", name) {
            // "4.5 out of 5 stars" under an unlabelled star icon.
            let stars = self.loose_texts().find_map(crate::coerce::rating_in)?;
            return self.coerce(name, Value::from(stars), property);
        }
        if value.is_none() && types.iter().any(|t| t == "boolean") {
            // `breakfastIncluded` on a page listing "✓ Breakfast included": yes.
            let words = name_words(name);
            let list_items = self
                .page
                .and_then(|p| p.get("lists"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|l| l["items"].as_array())
                .flatten()
                .filter_map(Value::as_str);
            if words.len() >= 2
                && let Some(answer) = self
                    .loose_texts()
                    .chain(list_items)
                    .find_map(|text| phrase_answer(text, &words))
            {
                return Some(Value::Bool(answer));
            }
            if let Some(answer) = self.row_answer(&words) {
                return Some(Value::Bool(answer));
            }
        }
        if value.is_none() && same_field("available", name) {
            // An "In stock" badge with no label.
            let badge = self.sources.list.iter().filter(|s| s.loose).find_map(|s| {
                s.value
                    .as_object()?
                    .values()
                    .filter_map(Value::as_str)
                    .find(|t| t.chars().count() <= 30 && crate::coerce::availability(t).is_some())
            });
            return badge.and_then(|b| self.coerce(name, Value::String(b.to_string()), property));
        }
        value
    }

    /// For `validFrom` / `validTo`: a line with a range of dates that says "valid" ("Winter
    /// timetable · valid 27 October 2025 – 28 March 2026").
    fn range_saying(&self, name: &str) -> Option<String> {
        let words = name_words(name);
        let word = words.first().filter(|w| {
            w.chars().count() >= 4
                && !["start", "end", "date", "from", "until"].contains(&w.as_str())
        })?;
        self.loose_texts()
            .find(|text| {
                text.to_lowercase().contains(word.as_str())
                    && crate::coerce::date_range_end(text).is_some()
            })
            .map(str::to_string)
    }

    /// `includesHomeEmergency` on a page with the table row "Home Emergency Cover | £39.00 |
    /// ✔ Included": what the row says of the thing, included or not.
    fn row_answer(&self, words: &[String]) -> Option<bool> {
        let thing = match words.split_first() {
            Some((verb, thing))
                if !thing.is_empty()
                    && matches!(verb.as_str(), "includes" | "include" | "has" | "with") =>
            {
                thing
            }
            _ => return None,
        };
        let rows = self
            .page?
            .get("tables")?
            .as_array()?
            .iter()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_object);
        for row in rows {
            let cells: Vec<&str> = row.values().filter_map(Value::as_str).collect();
            let Some(named) = cells.iter().position(|c| phrase_answer(c, thing).is_some()) else {
                continue;
            };
            let answer = cells
                .iter()
                .enumerate()
                .filter(|(at, _)| *at != named)
                .find_map(|(_, cell)| crate::coerce::included(cell));
            if answer.is_some() {
                return answer;
            }
        }
        None
    }

    /// "Acer palmatum 'Bloodgood' | Fernhill Nursery" is the plant's name followed by the
    /// site's (`og:site_name`): a name field gets the plant's.
    fn without_site_name(&self, name: &str, value: Value) -> Value {
        let site = self
            .page
            .and_then(|p| p.get("siteName"))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let (Value::String(text), Some(site)) = (&value, site) else {
            return value;
        };
        if !same_field("name", name) {
            return value;
        }
        let stripped = text.strip_suffix(site).and_then(|rest| {
            let rest = rest.trim_end();
            ["|", "–", "—", "-", "·", ":"]
                .iter()
                .find_map(|separator| rest.strip_suffix(separator))
                .map(str::trim_end)
                .filter(|rest| !rest.is_empty())
        });
        match stripped {
            Some(rest) => Value::String(rest.to_string()),
            None => value,
        }
    }

    /// "venueName", "companyName": the name of the venue (an event's `location`) or the
    /// company (a job's `hiringOrganization`) when the page describes it as an entity of its
    /// own, rather than the first name found (the event's).
    fn owner_name(&self, name: &str) -> Option<Value> {
        let key = normalized(name);
        let owner = key
            .strip_suffix("name")
            .filter(|o| o.chars().count() >= 3)?;
        if !crate::sources::is_known_field(owner) {
            return None;
        }
        let entity = self.sources.find_strict(owner).filter(Value::is_object)?;
        entity.get("name").filter(|n| n.is_string()).cloned()
    }

    /// Every text of the visible (loose) sources, in page order.
    fn loose_texts(&self) -> impl Iterator<Item = &str> {
        self.sources
            .list
            .iter()
            .filter(|s| s.loose)
            .filter_map(|s| s.value.as_object())
            .flat_map(|o| o.values())
            // A card's bullets ("4 seats", "Manual") are its texts too.
            .flat_map(|v| {
                let items = v.as_array().map_or(std::slice::from_ref(v), Vec::as_slice);
                items.iter().filter_map(Value::as_str)
            })
    }

    /// "€4,50" says EUR when the page names no currency.
    fn currency_from_amounts(&self, property: &Value) -> Option<Value> {
        let amount = ["price", "salary"]
            .iter()
            .find_map(|field| {
                self.sources
                    .find(field)
                    .as_ref()
                    .and_then(scalar_text)
                    .and_then(|t| currency_code(&t))
            })
            .or_else(|| {
                self.sources.list.iter().filter(|s| s.loose).find_map(|s| {
                    s.value
                        .as_object()?
                        .values()
                        .filter_map(Value::as_str)
                        .find_map(|t| {
                            t.chars()
                                .any(|c| c.is_ascii_digit())
                                .then(|| currency_code(t))
                                .flatten()
                        })
                })
            })?;
        self.coerce("currency", Value::String(amount), property)
    }

    fn coerce(&self, name: &str, found: Value, property: &Value) -> Option<Value> {
        let types = allowed_types(property);
        if types.is_empty() {
            return Some(found);
        }
        types.iter().find_map(|kind| {
            let value = match kind.as_str() {
                "string" => {
                    let text = scalar_text(&found)?;
                    let format = property.get("format").and_then(Value::as_str);
                    let cleaned = clean_text(name, &text, format, self.base.as_ref());
                    // Nothing left (an empty element, a sentence where an address should be).
                    // A dash in an empty cell is no value (in a yes/no column it means "no").
                    Value::String(Some(cleaned).filter(|t| !is_placeholder(t))?)
                }
                "number" => {
                    let value = duration_value(name, &found)
                        .or_else(|| range_value(name, &found))
                        .or_else(|| number(&found))?;
                    Value::Number(serde_json::Number::from_f64(value)?)
                }
                "integer" => {
                    match duration_value(name, &found).or_else(|| range_value(name, &found)) {
                        Some(value) => Value::from(value.round() as i64),
                        None => Value::from(whole_number(&found)?),
                    }
                }
                "boolean" => Value::Bool(match &found {
                    Value::Bool(flag) => *flag,
                    other => {
                        let text = scalar_text(other)?;
                        crate::coerce::check_mark(&text).or_else(|| availability(&text))?
                    }
                }),
                _ => return None,
            };
            match property.get("enum").and_then(Value::as_array) {
                Some(options) => enum_match(&value, options),
                None => Some(value),
            }
        })
    }

    /// A list of scalars: a JSON-LD list, else the list under a heading naming the field.
    fn scalar_list(&self, name: &str, items: &Value) -> Option<Value> {
        let listed = || self.sources.find(name).filter(Value::is_array);
        let raw: Vec<Value> = match self.sources.find_strict(name).or_else(listed) {
            Some(Value::Array(list)) => list,
            // `"keywords": "rust, borrowing"`: one string listing several values.
            Some(one) => vec![one],
            None => self
                .page
                .and_then(|p| p.get("lists"))
                .and_then(Value::as_array)
                .and_then(|lists| {
                    let wanted = normalized(name);
                    let wanted_names: Vec<String> = aliases(name)
                        .into_iter()
                        .filter(|n| n.chars().count() >= 5)
                        .collect();
                    lists.iter().find(|l| {
                        let heading = l["heading"].as_str().unwrap_or("");
                        let label = normalized(l["label"].as_str().unwrap_or(""));
                        // "Services at Leith", "Características principales".
                        let named_by_heading = !heading.is_empty()
                            && (same_field(name, heading)
                                || wanted_names
                                    .iter()
                                    .any(|n| normalized(heading).contains(n.as_str())));
                        named_by_heading || (wanted.len() >= 4 && label.contains(&wanted))
                    })
                })
                .and_then(|l| l["items"].as_array().cloned())
                .or_else(|| self.sources.find(name).map(|one| vec![one]))?,
        };
        // "Windows, macOS, Linux" in one cell: three values.
        let raw = match raw.as_slice() {
            [Value::String(text)] if is_word_list(text) => split_word_list(text),
            _ => raw,
        };
        let list: Vec<Value> = raw
            .into_iter()
            .filter_map(|v| self.coerce(name, self.sources.resolve(v), items))
            .collect();
        Some(Value::Array(list))
    }

    /// A list of objects from the repeated structure whose items fill the most fields.
    fn object_list(&self, name: &str, items: &Value) -> Option<Value> {
        // (items, read loosely, weight): a sidebar's or footer's list counts half.
        let mut candidates: Vec<(Vec<Value>, bool, f64)> = Vec::new();
        if let Some(Value::Array(list)) = self.sources.find_strict(name) {
            candidates.push((list, false, 1.0));
        }
        if let Some(page) = self.page {
            repeated_entities(page, &mut candidates);
            if let Some(days) = day_lists::days_from_labels(page, items) {
                candidates.push((days, true, 1.0));
            }
            for (key, weight) in [
                ("listings", 1.0),
                ("tables", 1.0),
                ("asideListings", ASIDE_WEIGHT),
                ("asideTables", ASIDE_WEIGHT),
            ] {
                for list in page
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(list) = list.as_array() {
                        candidates.push((list.clone(), true, weight));
                    }
                }
            }
        }
        let fields = items
            .get("properties")
            .and_then(Value::as_object)
            .map_or(1, |p| p.len().max(1));
        let mut best: Option<(f64, Vec<Value>)> = None;
        for (list, loose, weight) in candidates {
            let (list, split) = if loose {
                (list, false)
            } else {
                day_lists::one_item_per_value(list, items)
            };
            let mut filled: Vec<Value> = list
                .iter()
                .map(|item| {
                    let mut item = self.sources.resolve(item.clone());
                    if loose {
                        name_from_first_column(&mut item);
                    }
                    let filler = Filler {
                        sources: Sources::of_item(&item, loose),
                        page: None,
                        base: self.base.clone(),
                    };
                    let mut filled = filler.object(items);
                    if loose {
                        label_from_name(&filler, &mut filled, items, &item);
                    }
                    without_taken_time(&mut filled);
                    filled
                })
                .collect();
            if split {
                day_lists::in_week_order(&mut filled, items);
            }
            let found: usize = filled
                .iter()
                .filter_map(Value::as_object)
                .map(|o| o.values().filter(|v| !v.is_null()).count())
                .sum();
            let score = weight * found as f64 / (fields * filled.len().max(1)) as f64;
            if score > 0.0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, filled));
            }
        }
        best.map(|(_, mut list)| {
            unsaid_answers(&mut list, items);
            Value::Array(list)
        })
    }
}

/// What a count field counts, as written after the number: `spacesLeft` in "3 spaces left"
/// (and "1 space left"), `lessonsPerTerm` in "12 lessons", `contributorCount` in "23
/// contributors".
fn counted_things(name: &str) -> Vec<String> {
    let words = name_words(name);
    // `stockQuantity`, `unitsLeft`: "Only 2 left in stock".
    if words.iter().any(|w| w == "stock" || w == "quantity") {
        return vec!["left".to_string(), "available".to_string()];
    }
    let thing = match words.as_slice() {
        [.., thing, last] if last == "count" => thing.clone(),
        [first, _, ..] if first.len() >= 5 && first.ends_with('s') => {
            first.trim_end_matches('s').to_string()
        }
        _ => return Vec::new(),
    };
    vec![format!("{thing}s"), thing]
}

/// Cards mark the exception with a badge ("Sold out", "Most popular"): in a list where some
/// items answer a yes/no field and others say nothing, the silent ones are the usual case —
/// available, not sold out, and otherwise the opposite of what the badges say (when they all
/// say the same).
fn unsaid_answers(list: &mut [Value], items: &Value) {
    let Some(properties) = items.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        if !allowed_types(property).iter().any(|t| t == "boolean") {
            continue;
        }
        let answers: Vec<Option<bool>> = list
            .iter()
            .map(|item| item.get(name).and_then(Value::as_bool))
            .collect();
        let said: Vec<bool> = answers.iter().flatten().copied().collect();
        if said.is_empty() || said.len() == answers.len() {
            continue;
        }
        let usual = if same_field("available", name) {
            Some(true)
        } else if is_sold_out(name) {
            Some(false)
        } else if said.iter().all(|&a| a == said[0]) {
            Some(!said[0])
        } else {
            None
        };
        let Some(usual) = usual else { continue };
        for (item, answer) in list.iter_mut().zip(&answers) {
            if answer.is_none()
                && let Some(out) = item.as_object_mut()
            {
                out.insert(name.clone(), Value::Bool(usual));
            }
        }
    }
}

fn split_word_list(text: &str) -> Vec<Value> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| Value::String(part.to_string()))
        .collect()
}

/// "rust, borrowing, lifetimes" is a list; "Melt the butter, stir in the oats." is prose.
fn is_word_list(text: &str) -> bool {
    text.contains(',')
        && !text.trim_end().ends_with('.')
        && text
            .split(',')
            .all(|part| part.split_whitespace().count() <= 4)
}

/// A card's heading labels it: when the schema's first field is text ("day", "version",
/// "model") and nothing else filled it, it is the card's name ("Today", "2.14.0"), written as
/// the field wants it (a date as ISO 8601); and a card's bullets fill the one text list the
/// schema asks for when no class named it.
fn label_from_name(filler: &Filler<'_>, filled: &mut Value, items: &Value, item: &Value) {
    let first = items
        .get("properties")
        .and_then(Value::as_object)
        .and_then(|p| p.iter().next());
    let (Some((key, property)), Some(out)) = (first, filled.as_object_mut()) else {
        return;
    };
    let text = allowed_types(property).iter().any(|t| t == "string");
    // A date field is not filled with a headline that holds no date.
    let normalized_key = normalized(key);
    let date_like = normalized_key.contains("date") || normalized_key.ends_with("at");
    if text
        && out.get(key).is_none_or(Value::is_null)
        && let Some(name) = item.get("name").filter(|n| n.is_string())
        && let Some(value) = filler.coerce(key, name.clone(), property)
        && !(date_like && value.as_str() == name.as_str())
    {
        out.insert(key.clone(), value);
    }
    // The one list of text the schema asks for, still empty: the card's bullets.
    let lists: Vec<&String> = items
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| allowed_types(p).iter().any(|t| t == "array"))
        .map(|(k, _)| k)
        .collect();
    if let ([list], Some(bullets)) = (lists.as_slice(), item.get("items"))
        && out
            .get(*list)
            .is_none_or(|v| v.as_array().is_none_or(Vec::is_empty))
    {
        out.insert((*list).clone(), bullets.clone());
    }
}

/// "00:00 Introducción" gave a chapter its `startTime`: its `title` is the rest.
fn without_taken_time(filled: &mut Value) {
    let Some(out) = filled.as_object_mut() else {
        return;
    };
    let times: Vec<String> = out
        .values()
        .filter_map(Value::as_str)
        .filter(|t| crate::coerce::clock_time(t, None) == Some(*t))
        .map(str::to_string)
        .collect();
    for value in out.values_mut() {
        let Some(text) = value.as_str() else { continue };
        let rest = times.iter().find_map(|time| {
            text.strip_prefix(time.as_str())
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .map(|rest| {
                    rest.trim_start_matches(|c: char| c.is_whitespace() || "–—-·|:".contains(c))
                })
                .filter(|rest| rest.chars().any(char::is_alphabetic))
        });
        if let Some(rest) = rest {
            *value = Value::String(rest.to_string());
        }
    }
}

/// A table row with no name-like column is named by its first cell ("Company": "Acme").
fn name_from_first_column(item: &mut Value) {
    let Some(row) = item.as_object_mut() else {
        return;
    };
    if row.keys().any(|k| same_field("name", k)) {
        return;
    }
    if let Some(first) = row.values().next().cloned() {
        row.insert("name".into(), first);
    }
}

/// JSON-LD `ItemList` elements and entities of one type appearing more than once.
fn repeated_entities(page: &Value, candidates: &mut Vec<(Vec<Value>, bool, f64)>) {
    for key in ["jsonLd", "microdata"] {
        let entries = page
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for entry in &entries {
            if let Some(Value::Array(elements)) = entry.get("itemListElement") {
                let list = elements
                    .iter()
                    .map(|element| match (element.get("item"), element) {
                        (Some(Value::Object(item)), Value::Object(outer)) => {
                            let mut merged = item.clone();
                            for (k, v) in outer {
                                if k != "item" {
                                    merged.entry(k.clone()).or_insert_with(|| v.clone());
                                }
                            }
                            Value::Object(merged)
                        }
                        _ => element.clone(),
                    })
                    .collect();
                candidates.push((list, false, 1.0));
            }
        }
        let mut by_type: Vec<(String, Vec<Value>)> = Vec::new();
        for entry in entries {
            let kind = entry
                .get("@type")
                .map(|t| t.to_string())
                .unwrap_or_default();
            match by_type.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, list)) => list.push(entry),
                None => by_type.push((kind, vec![entry])),
            }
        }
        candidates.extend(
            by_type
                .into_iter()
                .filter(|(_, l)| l.len() >= 2)
                .map(|(_, l)| (l, false, 1.0)),
        );
    }
}

/// A count: "1.204" and "1,204" are both 1204 when a whole number is wanted; of
/// "4.5 out of 5 stars 12,384 ratings", the number of ratings; "1.4k views" is 1400.
fn whole_number(found: &Value) -> Option<i64> {
    if let Some(count) = scalar_text(found).and_then(|t| crate::coerce::count_in(&t)) {
        return Some(count);
    }
    let value = number(found)?;
    if value.fract() == 0.0 {
        return Some(value as i64);
    }
    let text = scalar_text(found)?;
    let grouped = text
        .rsplit(['.', ','])
        .next()
        .is_some_and(|last| last.len() == 3 && last.chars().all(|c| c.is_ascii_digit()));
    if grouped {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if let Ok(whole) = digits.parse() {
            return Some(whole);
        }
    }
    Some(value.round() as i64)
}

/// For a field such as `cookTimeMinutes`, a written duration in the field's unit.
fn duration_value(name: &str, found: &Value) -> Option<f64> {
    let unit = crate::duration::unit_of_field(&normalized(name))?;
    Some(crate::duration::seconds_in(&scalar_text(found)?)? / unit)
}

/// For a field such as `salaryMin`, the matching end of a range the page wrote.
fn range_value(name: &str, found: &Value) -> Option<f64> {
    let end = crate::coerce::range_end(&normalized(name))?;
    crate::coerce::range_number(&scalar_text(found)?, end)
}

/// The number in a value; of "Was £50 Now £35", the one after "now".
fn number(found: &Value) -> Option<f64> {
    match found {
        Value::Number(n) => n.as_f64(),
        other => {
            let text = scalar_text(other)?;
            // "Lowest price in 30 days: 1 449,00 zł": the number after the label (a label,
            // unlike "£65 per person · Evening guests: £22", holds no amount of money).
            let text = match text.split_once(": ") {
                Some((label, value))
                    if currency_code(label).is_none()
                        && value.chars().any(|c| c.is_ascii_digit()) =>
                {
                    value.to_string()
                }
                _ => text,
            };
            let lower = text.to_lowercase();
            let current = ["now ", "sale ", "jetzt "]
                .iter()
                .filter_map(|word| lower.rfind(word).map(|at| at + word.len()))
                .max()
                .and_then(|at| text.get(at..))
                .and_then(parse_number);
            current
                .or_else(|| crate::coerce::amount_after_symbol(&text))
                .or_else(|| crate::coerce::money_amount(&text))
                .or_else(|| parse_number(&text))
        }
    }
}

/// The text as a person would write it: schema.org enum URLs as words, `mailto:` dropped,
/// "By " dropped from bylines, dates as ISO 8601, links absolute.
pub(crate) fn clean_text(
    name: &str,
    text: &str,
    format: Option<&str>,
    base: Option<&Url>,
) -> String {
    let visible: String = text
        .chars()
        .filter(|c| !crate::inline::is_invisible(*c))
        .collect();
    // "📍 Palma de Mallorca", "☎ 912 345 678": an icon before a value is not part of it.
    let text = visible
        .trim()
        .trim_start_matches(|c: char| is_pictograph(c) || c.is_whitespace());
    let text = if text.is_empty() {
        visible.trim()
    } else {
        text
    };
    let text = [
        "https://schema.org/",
        "http://schema.org/",
        "mailto:",
        "tel:",
    ]
    .iter()
    .find_map(|prefix| text.strip_prefix(prefix))
    .unwrap_or(text);
    // "Teléfono: 912 345 678" under a `phone` class: the label is not part of the value.
    let text = match text.split_once(':') {
        Some((label, rest)) if !rest.starts_with("//") && same_field(name, label) => rest.trim(),
        _ => text,
    };
    // "Tomás Ferreira (POR)": a sports country code after a name is not part of it (an
    // airport's code after a place is).
    let key = normalized(name);
    let place = [
        "location",
        "airport",
        "station",
        "place",
        "from",
        "to",
        "destination",
    ]
    .iter()
    .any(|word| key.ends_with(word));
    let text = match text.rsplit_once(" (") {
        Some((name, code))
            if !place
                && name.contains(' ')
                && code.len() == 4
                && code[..3].bytes().all(|b| b.is_ascii_uppercase())
                && code.ends_with(')') =>
        {
            name
        }
        _ => text,
    };
    // "Wiktor Nowicki 🇵🇱": a flag after a name is not part of it.
    let text = match text.trim_end_matches(|c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)) {
        rest if rest.len() < text.len() && rest.chars().any(char::is_alphanumeric) => {
            rest.trim_end()
        }
        _ => text,
    };
    // "Goole Harbour FC*", "Total†": a footnote mark is not part of the value.
    let text = match text.trim_end_matches(['*', '†', '‡']).trim_end() {
        rest if rest.chars().any(char::is_alphanumeric) => rest,
        _ => text,
    };
    // schema.org `itemCondition` values: "UsedCondition" is "Used".
    let text = text
        .strip_suffix("Condition")
        .filter(|t| !t.is_empty() && !t.contains(' '))
        .unwrap_or(text);
    // "Fiat 500 or similar": the car rented is the one named.
    let text = [
        " or similar",
        " oder ähnlich",
        " ou similaire",
        " o similar",
        " o simile",
        " of vergelijkbaar",
        " eller liknande",
        " eller lignende",
    ]
    .iter()
    .find_map(|suffix| text.strip_suffix(suffix))
    .unwrap_or(text);
    if is_currency(&key)
        && let Some(code) = currency_code(text)
    {
        return code;
    }
    // "Harrowgate (town)", "Priya Shah (cover)", "Male (neutered)": a note in small words
    // after a name or a one-word value is not part of it.
    let text = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((value, note))
            if (key.ends_with("name") || is_party(&key) || !value.contains(' '))
                && !note.is_empty()
                && note.split_whitespace().count() <= 2
                && note
                    .chars()
                    .all(|c| c.is_lowercase() || c == ' ' || c == '-') =>
        {
            value
        }
        _ => text,
    };
    // "by Bodegas Serrano Ortiz" under a producer, "with Aisha Khan" under a teacher, "Listed
    // by: Carla Mendez" under an agent: the name.
    if is_party(&key) {
        let text = match first_of_dotted(&key, text).split_once(": ") {
            Some((label, name)) if label.to_lowercase().ends_with(" by") => name,
            _ => text,
        };
        let name = ["By ", "by ", "With ", "with "]
            .iter()
            .find_map(|prefix| text.strip_prefix(prefix))
            .unwrap_or(text)
            .trim();
        return without_role(first_of_dotted(&key, name)).to_string();
    }
    // "02 38 55 42 10 (du lundi au vendredi…)": the number, not the opening times after it.
    if same_field("phone", &key) {
        return phone_number(text).unwrap_or(text).to_string();
    }
    // An email field holds an address; "We do not answer emails" is not one.
    if same_field("email", &key) || format == Some("email") {
        return text
            .split_whitespace()
            .find(|word| word.contains('@'))
            .map(|word| {
                word.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string()
            })
            .unwrap_or_default();
    }
    let date_like = matches!(format, Some("date" | "date-time"))
        || key.contains("date")
        || key.ends_with("deadline")
        || key.starts_with("valid")
        || aliases("date").contains(&key)
        || same_field("updated", &key);
    if date_like {
        // When something was published, posted or updated is a day; when an event starts
        // keeps its time.
        let day_only = format == Some("date")
            || (format != Some("date-time")
                && !key.ends_with("at")
                && !key.ends_with("time")
                && (key == "date"
                    || [
                        "publish",
                        "posted",
                        "updated",
                        "modified",
                        "release",
                        "created",
                        "listed",
                        "upload",
                        "birth",
                        "deadline",
                        "closing",
                        "valid",
                        "effective",
                    ]
                    .iter()
                    .any(|word| key.contains(word))));
        // "June 22 – June 26, 2026" for `endDate`: the day the range ends; for any other
        // date ("9–15 March 2026" for `startDate`, `date`), the day it starts.
        let ends = time_end(&key) == Some(crate::coerce::RangeEnd::High);
        let one_end = if ends {
            crate::coerce::date_range_end(text)
        } else {
            crate::coerce::date_range_start(text)
        };
        return one_end
            .and_then(|one| iso_date(&one, day_only))
            .or_else(|| iso_date(text, day_only))
            .unwrap_or_else(|| text.to_string());
    }
    // "Versão 5.2.1", "v3.0.0": a version field holds the number.
    if key.ends_with("version")
        && let Some(version) = crate::coerce::version_number(text)
    {
        return version.to_string();
    }
    // "16:00–16:30", "14:35 +3": a start or departure time is the first clock time, an end
    // time the last.
    if key.ends_with("time")
        && let Some(time) = crate::coerce::clock_time(text, time_end(&key))
    {
        return time.to_string();
    }
    let url_like = same_field("url", &key) || same_field("image", &key) || format == Some("uri");
    if url_like && let Some(url) = base.and_then(|b| b.join(text).ok()) {
        return url.into();
    }
    let text = first_of_dotted(&key, text);
    // "455 Front Street, Riverton, MD 21201": the street is the address's first part.
    if same_field("street", &key)
        && let Some(street) = address::part(text, address::Part::Street)
    {
        return street;
    }
    text.to_string()
}

/// Emoji and pictographic symbols ("📍", "☎", "✉", "🕒"), which pages put before values as
/// icons. Ticks and crosses (✓ ✗) are answers, not icons, and are kept.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x26FF | 0x2709 | 0x2706 | 0xFE0F)
}

/// "Uppsala · 8 mars", "Northern Premier Division · Matchday 27": a middle dot separates the
/// facts of a line, and a short field (a place, a name) is the first of them. Texts meant to
/// be long (a description, notes) keep every part.
fn first_of_dotted<'t>(key: &str, text: &'t str) -> &'t str {
    let long = [
        "description",
        "summary",
        "text",
        "content",
        "body",
        "notes",
        "details",
    ]
    .iter()
    .any(|word| key.ends_with(word));
    match text.split_once(" · ") {
        Some((first, _)) if !long && first.chars().any(char::is_alphanumeric) => first.trim(),
        _ => text,
    }
}

/// Which end of a written time or date range a field wants: `endTime`, `endDate`,
/// `closingTime` and `finishTime` the last one, others the first.
fn time_end(key: &str) -> Option<crate::coerce::RangeEnd> {
    let ends = key.starts_with("end")
        || ["finish", "closing", "until"]
            .iter()
            .any(|word| key.contains(word));
    if ends {
        Some(crate::coerce::RangeEnd::High)
    } else {
        crate::coerce::range_end(key)
    }
}

/// The phone number at the start of `text`, without what follows it; `None` when the text
/// does not start with one (at least six digits).
fn phone_number(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || " +-./()".contains(c)))
        .unwrap_or(text.len());
    let number = text[..end]
        .trim_end_matches(['(', ' ', '-', '.', '/'])
        .trim();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    (digits >= 6).then_some(number)
}

fn enum_match(value: &Value, options: &[Value]) -> Option<Value> {
    if options.contains(value) {
        return Some(value.clone());
    }
    let text = normalized(value.as_str()?);
    options
        .iter()
        .find(|o| o.as_str().is_some_and(|o| normalized(o) == text))
        .cloned()
}

pub(crate) fn allowed_types(property: &Value) -> Vec<String> {
    match property.get("type") {
        Some(Value::String(kind)) => vec![kind.clone()],
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn allows_null(property: &Value) -> bool {
    let types = allowed_types(property);
    types.is_empty() || types.iter().any(|t| t == "null")
}

/// What a required, non-nullable property the page lacks becomes, so the result still
/// validates (a benchmark counts it as a miss).
fn empty_value(property: &Value) -> Value {
    if let Some(first) = property
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|o| o.first())
    {
        return first.clone();
    }
    match allowed_types(property).first().map(String::as_str) {
        Some("string") => Value::String(String::new()),
        Some("number" | "integer") => Value::from(0),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        Some("object") => Filler {
            sources: Sources::of_item(&Value::Null, false),
            page: None,
            base: None,
        }
        .object(property),
        _ => Value::Null,
    }
}

/// Text that stands for "no value" in a text field: nothing, a dash, a dot, "n/a".
fn is_placeholder(text: &str) -> bool {
    // "●", "—": symbols alone are not text ("$$", a price range, is).
    !text
        .chars()
        .any(|c| c.is_alphanumeric() || "$€£¥₹₩₽₺¢".contains(c))
        || text.eq_ignore_ascii_case("n/a")
}

/// The text of a found value: names inside objects (`{"name": "Ada"}` → "Ada"), the rating
/// of a rating, the city of an address, the first of a list.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Array(list) => list.iter().find_map(scalar_text),
        Value::Object(map) => {
            let step = map.get("@type").is_some_and(|t| t == "HowToStep");
            let keys: &[&str] = if step {
                &["text", "name"]
            } else {
                &[
                    "name",
                    "@value",
                    "value",
                    "ratingValue",
                    "text",
                    "url",
                    "contentUrl",
                    "address",
                    "addressLocality",
                ]
            };
            keys.iter()
                .filter_map(|key| map.get(*key))
                .find_map(scalar_text)
        }
        Value::Null => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_price_and_name_from_json_ld_offers() {
        let page = json!({
            "title": "Widget Pro | Shop",
            "jsonLd": [{"@type": "Product", "name": "Widget Pro",
                        "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "EUR",
                                   "availability": "https://schema.org/InStock"}}]
        });
        let schema = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "price": {"type": "number"},
            "currency": {"type": ["string", "null"]}, "available": {"type": ["boolean", "null"]},
            "color": {"type": ["string", "null"]}
        }});
        let result = fill_schema(&schema, &page);
        assert_eq!(result["name"], "Widget Pro");
        assert_eq!(result["price"], 49.99);
        assert_eq!(result["currency"], "EUR");
        assert_eq!(result["available"], true);
        assert!(result["color"].is_null());
    }

    #[test]
    fn parses_prices_written_the_european_way() {
        assert_eq!(parse_number("€1.299,00"), Some(1299.0));
        assert_eq!(parse_number("$1,299.50"), Some(1299.5));
        assert_eq!(parse_number("12,5"), Some(12.5));
    }

    fn page(html: &str) -> Value {
        let url = url::Url::parse("https://shop.example.com/p/1").unwrap();
        crate::page_data(html, &url, 200)
    }

    #[test]
    fn visible_labels_fill_a_product_with_typed_values() {
        let data = page(
            "<h1>Glass Kettle</h1><ul><li><b>Price:</b> €1.299,00</li><li>Availability: In stock</li>
             <li>Brand: Boilwell</li></ul>",
        );
        let schema = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "price": {"type": ["number", "null"]},
            "currency": {"type": ["string", "null"]}, "available": {"type": ["boolean", "null"]},
            "brand": {"type": ["string", "null"]}, "sku": {"type": ["string", "null"]}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"name": "Glass Kettle", "price": 1299.0, "currency": "EUR", "available": true,
                   "brand": "Boilwell", "sku": null})
        );
    }

    #[test]
    fn microdata_comes_before_visible_text() {
        let data = page(
            r#"<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Blanket</h1>
            <p>Price: 99 €</p><div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
            <span itemprop="price" content="89.90">89,90 €</span>
            <link itemprop="availability" href="https://schema.org/OutOfStock"></div></div>"#,
        );
        let schema = json!({"type": "object", "properties": {"price": {"type": "number"},
            "available": {"type": "boolean"}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"price": 89.9, "available": false})
        );
    }

    #[test]
    fn phone_numbers_lose_trailing_words_and_emails_need_an_at() {
        let data = page(
            r#"<main><h1>Town hall</h1><p>Téléphone : 02 38 55 42 10 (du lundi au vendredi)</p>
            <p>Email: Ce service ne répond pas aux courriels.</p></main>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "phone": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["phone"], json!("02 38 55 42 10"));
        assert_eq!(result["email"], Value::Null);
    }

    #[test]
    fn dates_become_iso_and_bylines_lose_their_by() {
        let data = page(
            r#"<h1>Night trains</h1><p class="byline">By Jonas Weber</p><p class="date">Published 5 March 2024</p>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "author": {"type": "string"}, "date": {"type": "string", "format": "date"}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"author": "Jonas Weber", "date": "2024-03-05"})
        );
    }

    #[test]
    fn table_rows_and_listing_cards_fill_lists_of_objects() {
        let rows = page(
            "<table><tr><th>Country</th><th>Population</th></tr><tr><td>Norway</td><td>709,037</td></tr>
             <tr><td>Sweden</td><td>984,748</td></tr></table>",
        );
        let schema = json!({"type": "object", "properties": {"rows": {"type": "array", "items": {
            "type": "object", "properties": {"country": {"type": "string"},
            "population": {"type": "integer"}}}}}});
        assert_eq!(
            fill_schema(&schema, &rows)["rows"],
            json!([{"country": "Norway", "population": 709037},
                   {"country": "Sweden", "population": 984748}])
        );
        let cards: String = ["Orb", "Cone", "Arc"]
            .iter()
            .map(|n| format!(r#"<div class="card"><h3><a href="/l/{n}">{n}</a></h3><span>$45.00</span></div>"#))
            .collect();
        let listing = page(&format!("<h1>Lamps</h1><div>{cards}</div>"));
        let schema = json!({"type": "object", "properties": {"products": {"type": "array", "items": {
            "type": "object", "properties": {"name": {"type": "string"}, "price": {"type": "number"},
            "url": {"type": "string"}}}}}});
        assert_eq!(
            fill_schema(&schema, &listing)["products"][2],
            json!({"name": "Arc", "price": 45.0, "url": "https://shop.example.com/l/Arc"})
        );
    }

    #[test]
    fn json_ld_item_lists_and_step_lists_fill_arrays() {
        let data = json!({"url": "https://shop.example.com/", "jsonLd": [
            {"@type": "ItemList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "item": {"name": "Skillet", "url": "/p/1",
                 "offers": {"price": "34.00"}}}]},
            {"@type": "Recipe", "recipeInstructions": [{"@type": "HowToStep", "text": "Whisk."}]}]});
        let schema = json!({"type": "object", "properties": {
            "products": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "price": {"type": "number"}, "url": {"type": "string"}}}},
            "steps": {"type": "array", "items": {"type": "string"}}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"products": [{"name": "Skillet", "price": 34.0, "url": "https://shop.example.com/p/1"}],
                   "steps": ["Whisk."]})
        );
    }

    #[test]
    fn missing_values_are_null_omitted_or_empty_as_the_schema_allows() {
        let schema = json!({"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "price": {"type": ["number", "null"]},
            "color": {"type": "string"}}});
        // Nullable → null; optional and not nullable → left out; required → empty but valid.
        assert_eq!(
            fill_schema(&schema, &json!({})),
            json!({"name": "", "price": null})
        );
    }

    #[test]
    fn enum_values_match_whatever_their_case() {
        let data = json!({"jsonLd": [{"@type": "Product",
            "offers": {"availability": "https://schema.org/InStock"}}]});
        let schema = json!({"type": "object", "properties": {
            "availability": {"type": "string", "enum": ["instock", "outofstock"]}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"availability": "instock"})
        );
    }

    #[test]
    fn the_documented_example_schema_fills_from_a_typical_product_page() {
        let data = page(
            r#"<title>Widget 12 | Shop</title><meta property="og:title" content="Widget 12">
            <script type="application/ld+json">{"@type":"Product","name":"Widget 12","sku":"W-12",
            "offers":{"@type":"Offer","price":"12.99","priceCurrency":"EUR",
            "availability":"https://schema.org/InStock"}}</script>
            <main><h1>Widget 12</h1><p>Price: <strong>€12.99</strong></p>
            <table><tr><th>Size</th><th>Weight</th></tr><tr><td>10 cm</td><td>12 kg</td></tr></table></main>"#,
        );
        let schema = json!({"type": "object", "required": ["name", "price"], "properties": {
            "name": {"type": "string"}, "price": {"type": "number"},
            "currency": {"type": ["string", "null"]}, "available": {"type": ["boolean", "null"]},
            "color": {"type": ["string", "null"]}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"name": "Widget 12", "price": 12.99, "currency": "EUR", "available": true,
                   "color": null})
        );
    }

    #[test]
    fn the_current_price_wins_over_the_old_one_and_rows_are_named_by_their_first_cell() {
        let data = page(
            r#"<h1>Rain Jacket</h1><p class="price">Was £50.00 Now £35.00</p>
            <table><tr><th>Company</th><th>Founded</th></tr><tr><td>Acme Corp</td><td>1987</td></tr>
            <tr><td>Birch</td><td>2011</td></tr></table>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "price": {"type": "number"}, "currency": {"type": "string"},
            "companies": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "founded": {"type": "integer"}}}}}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"price": 35.0, "currency": "GBP", "companies": [
                {"name": "Acme Corp", "founded": 1987}, {"name": "Birch", "founded": 2011}]})
        );
    }

    #[test]
    fn badges_unlabelled_lists_and_keyword_strings_fill_their_fields() {
        let mut data = page(
            r#"<h1>Headlamp</h1><span class="badge">In stock</span>
            <ul class="features"><li>400 lumens</li><li>USB-C charging</li></ul>"#,
        );
        data["jsonLd"] = json!([{"@type": "Article", "keywords": "rust, borrowing",
            "description": "Melt the butter, stir in the oats."}]);
        let strings = json!({"type": "array", "items": {"type": "string"}});
        let schema = json!({"type": "object", "properties": {
            "available": {"type": "boolean"}, "features": strings,
            "keywords": strings, "description": strings}});
        assert_eq!(
            fill_schema(&schema, &data),
            json!({"available": true, "features": ["400 lumens", "USB-C charging"],
                   "keywords": ["rust", "borrowing"],
                   "description": ["Melt the butter, stir in the oats."]})
        );
    }

    #[test]
    fn counts_with_thousands_dots_and_cards_without_links_are_read() {
        let dishes: String = [("Soup", "€6.50"), ("Sandwich", "€9.00"), ("Salad", "€8.50")]
            .iter()
            .map(|(n, p)| format!(r#"<div class="dish"><h4>{n}</h4><span>{p}</span></div>"#))
            .collect();
        let mut data = page(&format!("<h1>Menu</h1><div>{dishes}</div>"));
        data["jsonLd"] = json!([{"@type": "Product", "offers": {"priceValidUntil": "2026-12-31"},
            "aggregateRating": {"reviewCount": "1.204"}}]);
        let schema = json!({"type": "object", "properties": {
            "reviewCount": {"type": "integer"}, "validUntil": {"type": "string"},
            "dishes": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "price": {"type": "number"}}}}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["reviewCount"], 1204);
        assert_eq!(result["validUntil"], "2026-12-31");
        assert_eq!(result["dishes"][2], json!({"name": "Salad", "price": 8.5}));
    }

    #[test]
    fn stats_written_value_first_durations_small_words_dashes_and_table_totals() {
        let html = r#"<h1>Agent</h1>
            <ul class="stats"><li><span class="stat-value">43</span> <span class="stat-label">Properties sold</span></li></ul>
            <dl><dt>Years of experience</dt><dd>14</dd><dt>Baggage belt</dt><dd>–</dd>
                <dt>Cook time</dt><dd>1 hr 5 mins</dd></dl>
            <table><thead><tr><th>Season</th><th>Apps</th><th>Goals</th></tr></thead>
              <tbody><tr><td>2024/25</td><td>27</td><td>14</td></tr><tr><td>2023/24</td><td>38</td><td>21</td></tr></tbody>
              <tfoot><tr><th>Total</th><td>65</td><td>35</td></tr></tfoot></table>
            <h2>Plans</h2><table><tr><th>Plan</th><th>Mops</th></tr><tr><td>Basic</td><td>–</td></tr>
              <tr><td>Pro</td><td>✓</td></tr></table>"#;
        let schema = json!({"type": "object", "properties": {
            "propertiesSold": {"type": ["integer", "null"]},
            "yearsExperience": {"type": ["integer", "null"]},
            "baggageBelt": {"type": ["string", "null"]},
            "cookTimeMinutes": {"type": ["integer", "null"]},
            "seasons": {"type": "array", "items": {"type": "object", "properties": {
                "season": {"type": "string"}, "appearances": {"type": ["integer", "null"]}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["propertiesSold"], 43);
        assert_eq!(result["yearsExperience"], 14);
        assert_eq!(result["baggageBelt"], Value::Null);
        assert_eq!(result["cookTimeMinutes"], 65);
        assert_eq!(
            result["seasons"],
            json!([{"season": "2024/25", "appearances": 27}, {"season": "2023/24", "appearances": 38}])
        );

        // In a yes/no column the same dash means "no".
        let schema = json!({"type": "object", "properties": {
            "plans": {"type": "array", "items": {"type": "object", "properties": {
                "plan": {"type": "string"}, "mops": {"type": ["boolean", "null"]}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["plans"][0]["mops"], false);
        assert_eq!(result["plans"][1]["mops"], true);
    }

    #[test]
    fn league_tables_weather_units_old_prices_and_bylines_read_as_a_person_would() {
        let html = r#"<h1>Division One</h1>
            <p class="producer">by Bodegas Serrano</p>
            <p class="price-block"><span class="was">Was <s>£15,995</s></span> <span class="price">£14,495</span></p>
            <dl><dt>Grapes</dt><dd>Tempranillo, Graciano, Mazuelo</dd>
                <dt>Cabin bag</dt><dd>Included · max. 10 kg, 55 × 40 × 23 cm</dd>
                <dt>Updated</dt><dd>Table last updated: 1st March 2026</dd></dl>
            <table><tr><th>Adult</th><td>£16 (£17.60 with Gift Aid)</td></tr></table>
            <table><thead><tr><th>Pos</th><th>Team</th><th>P</th><th>W</th><th>D</th><th>L</th><th>GD</th><th>Pts</th></tr></thead>
              <tbody><tr><td>1</td><td>Harrowgate Rovers</td><td>21</td><td>14</td><td>4</td><td>3</td><td>+26</td><td>46</td></tr>
              <tr><td>8</td><td>Goole Harbour FC*</td><td>21</td><td>2</td><td>3</td><td>16</td><td>−35</td><td>6</td></tr></tbody></table>
            <table><thead><tr><th>Day</th><th>High</th><th>Low</th></tr></thead>
              <tbody><tr><td>Wednesday, 4 March 2026</td><td>8°C</td><td>-1°C</td></tr>
              <tr><td>Thursday, 5 March 2026</td><td>9°C</td><td>5°C</td></tr></tbody></table>"#;
        let schema = json!({"type": "object", "properties": {
            "producer": {"type": ["string", "null"]},
            "price": {"type": ["number", "null"]},
            "oldPrice": {"type": ["number", "null"]},
            "grapes": {"type": "array", "items": {"type": "string"}},
            "cabinBagMaxKg": {"type": ["number", "null"]},
            "lastUpdated": {"type": ["string", "null"]},
            "adultPrice": {"type": ["number", "null"]},
            "standings": {"type": "array", "items": {"type": "object", "properties": {
                "position": {"type": "integer"}, "team": {"type": "string"},
                "played": {"type": "integer"}, "won": {"type": "integer"}, "drawn": {"type": "integer"},
                "lost": {"type": "integer"}, "goalDifference": {"type": "integer"},
                "points": {"type": "integer"}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["producer"], "Bodegas Serrano");
        assert_eq!(result["price"], 14495.0);
        assert_eq!(result["oldPrice"], 15995.0);
        assert_eq!(
            result["grapes"],
            json!(["Tempranillo", "Graciano", "Mazuelo"])
        );
        assert_eq!(result["cabinBagMaxKg"], 10.0);
        assert_eq!(result["lastUpdated"], "2026-03-01");
        assert_eq!(result["adultPrice"], 16.0);
        assert_eq!(
            result["standings"],
            json!([
                {"position": 1, "team": "Harrowgate Rovers", "played": 21, "won": 14, "drawn": 4,
                 "lost": 3, "goalDifference": 26, "points": 46},
                {"position": 8, "team": "Goole Harbour FC", "played": 21, "won": 2, "drawn": 3,
                 "lost": 16, "goalDifference": -35, "points": 6}
            ])
        );

        let schema = json!({"type": "object", "properties": {
            "forecast": {"type": "array", "items": {"type": "object", "properties": {
                "date": {"type": ["string", "null"]}, "highC": {"type": ["number", "null"]},
                "lowC": {"type": ["number", "null"]}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(
            result["forecast"],
            json!([{"date": "2026-03-04", "highC": 8.0, "lowC": -1.0},
                   {"date": "2026-03-05", "highC": 9.0, "lowC": 5.0}])
        );
    }

    #[test]
    fn yes_no_fields_are_answered_by_a_line_saying_their_words() {
        let words = name_words("registrationRequired");
        assert_eq!(words, ["registration", "required"]);
        assert_eq!(
            phrase_answer("Registration required – spaces are limited to 30.", &words),
            Some(true)
        );
        assert_eq!(
            phrase_answer("No registration required, just drop in", &words),
            Some(false)
        );
        assert_eq!(phrase_answer("Free entry", &words), None);
        let html = r#"<h1>Room</h1><ul><li>✓ Breakfast included</li><li>Free Wi-Fi</li></ul>"#;
        let schema = json!({"type": "object", "properties": {
            "breakfastIncluded": {"type": ["boolean", "null"]},
            "petsAllowed": {"type": ["boolean", "null"]}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["breakfastIncluded"], true);
        assert_eq!(result["petsAllowed"], Value::Null);
    }

    #[test]
    fn timetables_grouped_by_day_and_sideways_comparison_tables_fill_lists() {
        let day = |name: &str, classes: &[(&str, &str, &str, &str)]| {
            let cards: String = classes
                .iter()
                .map(|(time, class, teacher, spots)| {
                    format!(
                        r#"<div class="class-card"><p class="time">{time}</p><h3>{class}</h3>
                        <p class="teacher">with {teacher}</p><p class="spots">{spots}</p>
                        <a href="/book">Book</a></div>"#
                    )
                })
                .collect();
            format!(r#"<section class="day"><h2>{name}</h2>{cards}</section>"#)
        };
        let html = format!(
            r#"<h1>Timetable</h1><div class="timetable">{}{}{}</div>
            <p class="byline">Jonas Meyer, Senior Mobile Editor · Published 5 March 2026</p>
            <table><thead><tr><th></th><th>Nimbus X3</th><th>Orion 12</th></tr></thead>
              <tbody><tr><th>Launch price</th><td>$799</td><td>$999</td></tr>
              <tr><th>Battery</th><td>4,970 mAh</td><td>5,200 mAh</td></tr></tbody></table>"#,
            day(
                "Monday",
                &[
                    ("07:00", "Vinyasa Flow", "Aisha Khan", "3 spots left"),
                    ("18:30", "Yin Yoga", "Tom Reyes", "Full – join waitlist")
                ]
            ),
            day(
                "Tuesday",
                &[("12:15", "Power Yoga", "Aisha Khan", "11 spots left")]
            ),
            day(
                "Wednesday",
                &[("19:00", "Hatha", "Marta Nowak", "6 spots left")]
            ),
        );
        let schema = json!({"type": "object", "properties": {
            "author": {"type": ["string", "null"]},
            "classes": {"type": "array", "items": {"type": "object", "properties": {
                "day": {"type": "string"}, "startTime": {"type": "string"},
                "className": {"type": "string"}, "teacher": {"type": "string"},
                "fullyBooked": {"type": ["boolean", "null"]}}}},
            "phones": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "launchPrice": {"type": ["number", "null"]},
                "batteryMah": {"type": ["integer", "null"]}}}}}});
        let result = fill_schema(&schema, &page(&html));
        assert_eq!(result["author"], "Jonas Meyer");
        assert_eq!(result["classes"].as_array().map(Vec::len), Some(4));
        assert_eq!(
            result["classes"][1],
            json!({"day": "Monday", "startTime": "18:30", "className": "Yin Yoga",
                   "teacher": "Tom Reyes", "fullyBooked": true})
        );
        assert_eq!(result["classes"][3]["day"], "Wednesday");
        assert_eq!(result["classes"][3]["fullyBooked"], false);
        assert_eq!(
            result["phones"],
            json!([{"name": "Nimbus X3", "launchPrice": 799.0, "batteryMah": 4970},
                   {"name": "Orion 12", "launchPrice": 999.0, "batteryMah": 5200}])
        );
    }

    #[test]
    fn labels_in_the_pages_language_fill_english_field_names() {
        let html = r#"<h1>Hallenbad</h1>
            <table><thead><tr><th>Tag</th><th>Von</th><th>Bis</th></tr></thead>
              <tbody><tr><td>Montag</td><td>14:00</td><td>21:00</td></tr>
              <tr><td>Dienstag</td><td>06:30</td><td>21:00</td></tr></tbody></table>
            <table><tr><th>Erwachsene</th><td>4,50 €</td></tr>
              <tr><th>Kinder und Jugendliche (6–17 Jahre)</th><td>2,80 €</td></tr></table>
            <dl><dt>Quartos</dt><dd>2</dd><dt>Elevador</dt><dd>Sim</dd>
                <dt>Certificado energético</dt><dd>C</dd></dl>
            <p class="pris"><span class="nu">1 200 kr</span> <s>1 800 kr</s></p>"#;
        let schema = json!({"type": "object", "properties": {
            "adultPrice": {"type": ["number", "null"]},
            "childPrice": {"type": ["number", "null"]},
            "bedrooms": {"type": ["integer", "null"]},
            "hasElevator": {"type": ["boolean", "null"]},
            "energyCertificate": {"type": ["string", "null"]},
            "price": {"type": ["number", "null"]},
            "openingHours": {"type": "array", "items": {"type": "object", "properties": {
                "day": {"type": "string"}, "opens": {"type": "string"},
                "closes": {"type": "string"}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["adultPrice"], 4.5);
        assert_eq!(result["childPrice"], 2.8);
        assert_eq!(result["bedrooms"], 2);
        assert_eq!(result["hasElevator"], true);
        assert_eq!(result["energyCertificate"], "C");
        assert_eq!(result["price"], 1200.0);
        assert_eq!(
            result["openingHours"],
            json!([{"day": "Montag", "opens": "14:00", "closes": "21:00"},
                   {"day": "Dienstag", "opens": "06:30", "closes": "21:00"}])
        );
    }

    #[test]
    fn deadlines_pre_orders_list_headings_country_codes_and_small_words() {
        let html = r#"<h1>Call for papers</h1>
            <table><tr><th>Abstract registration</th><td>March 3, 2026</td></tr>
              <tr><th>Full paper submission</th><td><del>3 March 2026</del> <strong>10 March 2026</strong> (extended)</td></tr>
              <tr><th>Race</th><td>Spring 10K</td></tr>
              <tr><th>Champion</th><td>Tomás Ferreira (POR)</td></tr></table>
            <p class="stock-status">Pre-order — expected to ship 3rd March 2026</p>
            <h2>Características principales</h2><ul><li>Muelas de 64 mm</li><li>40 ajustes</li></ul>
            <table><thead><tr><th>Currency</th><th>We buy</th></tr></thead>
              <tbody><tr><td>USD</td><td>1.0842</td></tr><tr><td>GBP</td><td>0.8577</td></tr></tbody></table>"#;
        let schema = json!({"type": "object", "properties": {
            "abstractDeadline": {"type": ["string", "null"]},
            "paperDeadline": {"type": ["string", "null"]},
            "raceDate": {"type": ["string", "null"]},
            "champion": {"type": ["string", "null"]},
            "isPreOrder": {"type": ["boolean", "null"]},
            "features": {"type": "array", "items": {"type": "string"}},
            "rates": {"type": "array", "items": {"type": "object", "properties": {
                "currency": {"type": "string"}, "buy": {"type": ["number", "null"]}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["abstractDeadline"], "2026-03-03");
        assert_eq!(result["paperDeadline"], "2026-03-10");
        assert_eq!(result["raceDate"], Value::Null);
        assert_eq!(result["champion"], "Tomás Ferreira");
        assert_eq!(result["isPreOrder"], true);
        assert_eq!(result["features"], json!(["Muelas de 64 mm", "40 ajustes"]));
        assert_eq!(
            result["rates"],
            json!([{"currency": "USD", "buy": 1.0842}, {"currency": "GBP", "buy": 0.8577}])
        );
    }

    #[test]
    fn sidebar_lists_badges_footnotes_ranges_and_times_read_as_a_person_would() {
        let html = r#"<body><main><h1>Stops and sessions</h1>
            <table><tr><th>Stop</th><th>Minutes</th></tr>
              <tr><td>Central</td><td>0</td></tr><tr><td>Market</td><td>3</td></tr>
              <tr><td>Library</td><td>6</td></tr></table>
            <table><tr><th>Week</th><th>Dates</th><th>Price</th><th>Status</th></tr>
              <tr><td>1</td><td>June 22 – June 26, 2026</td><td>$395<sup>1</sup></td>
                  <td><span class="badge">Sold out</span></td></tr>
              <tr><td>2</td><td>June 29 – July 2, 2026</td><td>$320</td>
                  <td><span class="badge">Open</span></td></tr></table>
            <div class="chapters">
              <div class="chapter"><a href="/v?t=0">00:00 Intro</a></div>
              <div class="chapter"><a href="/v?t=72">01:12 Tools</a></div>
              <div class="chapter"><a href="/v?t=225">03:45 Fitting</a></div></div>
            <section><article class="release"><h3>Versão 5.2.1</h3><time datetime="2026-03-03">3 de março</time></article>
            <article class="release"><h3>Versão 5.2.0</h3><time datetime="2026-02-18">18 de fevereiro</time></article>
            <article class="release"><h3>Versão 5.1.3</h3><time datetime="2026-01-27">27 de janeiro</time></article></section>
            <p class="chair">●</p>
            <div class="cars">
              <div class="car"><h2>Fiat 500 <span>or similar</span></h2><ul><li>4 seats</li><li>Manual</li></ul><a href="/b/1">Select</a></div>
              <div class="car"><h2>VW Golf <span>or similar</span></h2><ul><li>5 seats</li><li>Automatic</li></ul><a href="/b/2">Select</a></div>
              <div class="car"><h2>Peugeot 5008 <span>or similar</span></h2><ul><li>7 seats</li><li>Automatic</li></ul><a href="/b/3">Select</a></div></div>
            </main>
            <footer><ul class="links"><li><a href="/a">Accessibility</a></li><li><a href="/p">Privacy</a></li>
              <li><a href="/t">Terms</a></li></ul></footer></body>"#;
        let schema = json!({"type": "object", "properties": {
            "chairName": {"type": ["string", "null"]},
            "stops": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "minutes": {"type": ["integer", "null"]}}}},
            "sessions": {"type": "array", "items": {"type": "object", "properties": {
                "startDate": {"type": "string"}, "endDate": {"type": "string"},
                "price": {"type": "number"}, "soldOut": {"type": "boolean"}}}},
            "chapters": {"type": "array", "items": {"type": "object", "properties": {
                "startTime": {"type": "string"}, "title": {"type": "string"}}}},
            "versions": {"type": "array", "items": {"type": "object", "properties": {
                "version": {"type": "string"}, "releaseDate": {"type": "string"}}}},
            "cars": {"type": "array", "items": {"type": "object", "properties": {
                "model": {"type": "string"}, "seats": {"type": "integer"}}}}}});
        let result = fill_schema(&schema, &page(html));
        // A symbol is no name, and a role's name is never the page's heading.
        assert_eq!(result["chairName"], Value::Null);
        assert_eq!(result["stops"][1], json!({"name": "Market", "minutes": 3}));
        assert_eq!(
            result["sessions"][0],
            json!({"startDate": "2026-06-22", "endDate": "2026-06-26", "price": 395.0, "soldOut": true})
        );
        assert_eq!(result["sessions"][1]["endDate"], "2026-07-02");
        assert_eq!(result["sessions"][1]["soldOut"], false);
        assert_eq!(
            result["chapters"][1],
            json!({"startTime": "01:12", "title": "Tools"})
        );
        assert_eq!(
            result["versions"][0],
            json!({"version": "5.2.1", "releaseDate": "2026-03-03"})
        );
        assert_eq!(
            result["cars"][2],
            json!({"model": "Peugeot 5008", "seats": 7})
        );
    }

    #[test]
    fn flags_plural_labels_permalinks_and_player_columns() {
        let html = r##"<body><main><h1>quillmark 3.0.0<a class="headerlink" href="#">¶</a></h1>
            <p><strong>Ages:</strong> 7–12 years</p>
            <table><tr><th>Pos</th><th>Spieler</th><th>Punkte</th></tr>
              <tr><td>1</td><td>Wiktor Nowicki 🇵🇱</td><td>6,5</td></tr>
              <tr><td>2</td><td>Pavel Novák 🇨🇿</td><td>6</td></tr></table></main></body>"##;
        let schema = json!({"type": "object", "properties": {
            "title": {"type": "string"},
            "minAge": {"type": "integer"}, "maxAge": {"type": "integer"},
            "standings": {"type": "array", "items": {"type": "object", "properties": {
                "rank": {"type": "integer"}, "playerName": {"type": "string"},
                "points": {"type": "number"}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["title"], "quillmark 3.0.0");
        assert_eq!(
            (result["minAge"].clone(), result["maxAge"].clone()),
            (json!(7), json!(12))
        );
        assert_eq!(
            result["standings"][1],
            json!({"rank": 2, "playerName": "Pavel Novák", "points": 6.0})
        );
    }

    #[test]
    fn weekend_and_weekday_hours_come_from_the_entity_for_those_days() {
        let page = json!({"jsonLd": [{"@type": "SportsActivityLocation", "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "opens": "06:30", "closes": "22:00"},
            {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday", "https://schema.org/Sunday"], "opens": "09:00", "closes": "20:00"}]}]});
        let schema = json!({"type": "object", "properties": {
            "weekdayOpens": {"type": "string"}, "weekendOpens": {"type": "string"},
            "weekendCloses": {"type": "string"}, "sundayCloses": {"type": "string"}}});
        assert_eq!(
            fill_schema(&schema, &page),
            json!({"weekdayOpens": "06:30", "weekendOpens": "09:00", "weekendCloses": "20:00", "sundayCloses": "20:00"})
        );
    }

    #[test]
    fn notes_in_small_print_and_labels_inside_values_are_left_out() {
        let html = r#"<body><main><h1>Departures</h1>
            <p class="omnibus">Najniższa cena z 30 dni przed obniżką: 1 449,00 zł</p>
            <table><tr><th>Vertrek</th><th>Naar</th><th>Spoor</th></tr>
              <tr><td>14:35</td><td>Amsterdam Centraal<br><small>via Amstel</small></td><td>5</td></tr>
              <tr><td>14:38</td><td>Den Haag Centraal<br><small>via Gouda</small></td><td><del>11</del> 12</td></tr>
            </table></main></body>"#;
        let schema = json!({"type": "object", "properties": {
            "lowestPrice30Days": {"type": "number"},
            "departures": {"type": "array", "items": {"type": "object", "properties": {
                "departureTime": {"type": "string"}, "destination": {"type": "string"},
                "platform": {"type": "string"}}}}}});
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["lowestPrice30Days"], 1449.0);
        assert_eq!(
            result["departures"][1],
            json!({"departureTime": "14:38", "destination": "Den Haag Centraal", "platform": "12"})
        );
    }

    #[test]
    fn icons_before_labels_price_kinds_and_included_rows() {
        let html = r#"<body><main><h1>Stage 3</h1>
            <ul class="facts">
              <li><span class="kf-icon" aria-label="Age">👧</span><span class="kf-label">Age</span> <span class="kf-value">5–10 years</span></li>
              <li><span class="kf-icon">⏱</span><span class="kf-label">Lesson length</span> <span class="kf-value">30 minutes</span></li></ul>
            <p class="term-dates">Summer term runs 13 April – 12 July 2026</p>
            <p class="price">£68.40 per term</p>
            <table><tr><th>Extra</th><th>Price</th><th>Status</th></tr>
              <tr><td>Home Emergency Cover</td><td>£39.00</td><td>✔ Included in your quote</td></tr>
              <tr><td>Accidental Damage</td><td>£62.40</td><td>✖ Not included</td></tr></table>
            </main></body>"#;
        let schema = json!({"type": "object", "properties": {
            "minAge": {"type": "integer"}, "maxAge": {"type": "integer"},
            "lessonDurationMinutes": {"type": "integer"}, "termPrice": {"type": "number"},
            "includesHomeEmergency": {"type": "boolean"},
            "includesAccidentalDamage": {"type": "boolean"}}});
        assert_eq!(
            fill_schema(&schema, &page(html)),
            json!({"minAge": 5, "maxAge": 10, "lessonDurationMinutes": 30, "termPrice": 68.4,
                   "includesHomeEmergency": true, "includesAccidentalDamage": false})
        );
    }

    #[test]
    fn units_at_the_end_of_names_and_stats_with_a_second_unit() {
        let html = r#"<body><main><h1>Ridge walk</h1>
            <div class="stat"><span class="label">Elevation gain</span><span class="value">870 m</span><span class="alt">2,854 ft</span></div>
            <p>Parking for 400 m of the lane.</p>
            <dl><dt>Minutes from Central Station</dt><dd>25</dd><dt>Application deadline</dt><dd>1 May</dd></dl>
            <table><tr><th>Max Torque</th><td>65 Nm (575 in-lbs)</td></tr>
              <tr><th>SMS</th><td>200 al mese</td></tr></table>
            <dl><dt>Age</dt><dd>3 years</dd></dl>
            </main></body>"#;
        let schema = json!({"type": "object", "properties": {
            "elevationGainM": {"type": "integer"}, "maxTorqueNm": {"type": "number"},
            "smsIncluded": {"type": "integer"}, "platform": {"type": ["string", "null"]},
            "ageYears": {"type": "integer"}, "minutesFromStart": {"type": "integer"},
            "applicationFee": {"type": ["number", "null"]}}});
        assert_eq!(
            fill_schema(&schema, &page(html)),
            json!({"elevationGainM": 870, "maxTorqueNm": 65.0, "smsIncluded": 200, "platform": null,
                   "ageYears": 3, "minutesFromStart": 25, "applicationFee": null})
        );
    }

    #[test]
    fn tariff_cards_with_definition_lists_and_prices_per_unit() {
        let card = |name: &str, ct: &str, fee: &str| {
            format!(
                "<article class=\"tarif\"><h3>{name}</h3><dl><div><dt>Arbeitspreis</dt><dd>{ct}&nbsp;ct/kWh</dd></div>\
                 <div><dt>Grundpreis</dt><dd>{fee}&nbsp;€/Monat</dd></div></dl><a href=\"/t\">Zum Tarif</a></article>"
            )
        };
        let html = format!(
            "<body><main><h1>Stromtarife</h1><section>{}{}{}</section></main></body>",
            card("Öko Basis", "29,15", "9,50"),
            card("Nord Flex", "27,84", "11,90"),
            card("Küste Fix", "31,02", "13,45")
        );
        let schema = json!({"type": "object", "properties": {
            "tariffs": {"type": "array", "items": {"type": "object", "properties": {
                "tariffName": {"type": "string"}, "energyPriceCentsPerKwh": {"type": "number"},
                "baseFeePerMonth": {"type": "number"}}}}}});
        let result = fill_schema(&schema, &page(&html));
        assert_eq!(
            result["tariffs"][1],
            json!({"tariffName": "Nord Flex", "energyPriceCentsPerKwh": 27.84, "baseFeePerMonth": 11.9})
        );
    }

    #[test]
    fn a_list_in_the_footer_counts_less_than_one_in_the_content() {
        let html = r#"<body><main><h1>Route 14</h1>
            <table><tr><th>Stop</th><th>Connections</th></tr>
              <tr><td>Central</td><td>Rail</td></tr><tr><td>Market</td><td>7, 9</td></tr>
              <tr><td>Library</td><td>21</td></tr></table></main>
            <footer><ul class="links"><li><a href="/a">Accessibility</a></li>
              <li><a href="/p">Privacy</a></li><li><a href="/t">Terms</a></li></ul></footer></body>"#;
        let schema = json!({"type": "object", "properties": {
            "stops": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "url": {"type": ["string", "null"]}}}}}});
        // The footer's links fill both fields, the table only the names: the page's own
        // table still wins.
        let result = fill_schema(&schema, &page(html));
        assert_eq!(result["stops"][0]["name"], "Central");
        assert_eq!(result["stops"].as_array().map(Vec::len), Some(3));
    }

    #[test]
    fn sold_out_is_availability_the_other_way_round() {
        let page = json!({"jsonLd": [
            {"@type": "MusicEvent", "name": "Quartet", "offers": {"availability": "https://schema.org/InStock"}},
            {"@type": "MusicEvent", "name": "Choir", "offers": {"availability": "https://schema.org/SoldOut"}}
        ]});
        let schema = json!({"type": "object", "properties": {
            "events": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "soldOut": {"type": ["boolean", "null"]}}}}}});
        let result = fill_schema(&schema, &page);
        assert_eq!(
            result["events"],
            json!([{"name": "Quartet", "soldOut": false}, {"name": "Choir", "soldOut": true}])
        );
    }

    #[test]
    fn opening_hours_for_several_days_become_one_row_per_day() {
        let mut data = page("<h1>Museum</h1>");
        data["jsonLd"] = json!([{"@type": "Museum", "name": "Harbour Museum", "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Tuesday", "Saturday"], "opens": "10:00", "closes": "17:00"},
            {"@type": "OpeningHoursSpecification", "dayOfWeek": "Friday", "opens": "10:00", "closes": "21:00"}]}]);
        let schema = json!({"type": "object", "properties": {
            "openingHours": {"type": "array", "items": {"type": "object", "properties": {
                "day": {"type": "string"}, "opens": {"type": ["string", "null"]},
                "closes": {"type": ["string", "null"]}}}}}});
        let result = fill_schema(&schema, &data);
        let days: Vec<&str> = result["openingHours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["day"].as_str().unwrap())
            .collect();
        assert_eq!(days, ["Monday", "Tuesday", "Friday", "Saturday"]);
        assert_eq!(result["openingHours"][2]["closes"], "21:00");
    }

    #[test]
    fn addresses_hours_per_day_and_dotted_lines_read_as_a_person_would() {
        let data = page(
            r#"<h1>Dr. Amelia Hartmann</h1>
            <p class="meta">Uppsala · 8 mars</p>
            <dl><dt>Address</dt><dd>455 Front Street, Riverton, MD 21201</dd>
            <dt>Monday</dt><dd>8:00 AM – 5:00 PM</dd><dt>Tuesday</dt><dd>8:00 AM – 7:00 PM</dd>
            <dt>Sunday</dt><dd>Closed</dd></dl>
            <table><tr><th>M-ce</th><th>Zawodnik</th><th>Ranking</th></tr>
            <tr><td>1</td><td>Wiktor Nowicki</td><td>2387</td></tr>
            <tr><td>2</td><td>Kacper Lis</td><td>2441</td></tr></table>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "meta": {"type": "string"},
            "street": {"type": "string"}, "city": {"type": "string"},
            "postalCode": {"type": "string"},
            "hours": {"type": "array", "items": {"type": "object", "properties": {
                "day": {"type": "string"}, "hours": {"type": "string"}}}},
            "standings": {"type": "array", "items": {"type": "object", "properties": {
                "rank": {"type": "integer"}, "playerName": {"type": "string"},
                "rating": {"type": "integer"}}}}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["meta"], "Uppsala");
        assert_eq!(result["street"], "455 Front Street");
        assert_eq!(result["city"], "Riverton");
        assert_eq!(result["postalCode"], "21201");
        assert_eq!(
            result["hours"],
            json!([
                {"day": "Monday", "hours": "8:00 AM – 5:00 PM"},
                {"day": "Tuesday", "hours": "8:00 AM – 7:00 PM"},
                {"day": "Sunday", "hours": "Closed"}
            ])
        );
        assert_eq!(
            result["standings"][1],
            json!({"rank": 2, "playerName": "Kacper Lis", "rating": 2441})
        );
    }

    #[test]
    fn items_without_a_badge_are_the_usual_case() {
        let items = json!({"type": "object", "properties": {
            "name": {"type": "string"}, "soldOut": {"type": "boolean"},
            "available": {"type": ["boolean", "null"]}, "mostPopular": {"type": "boolean"},
            "wifi": {"type": "boolean"}}});
        let mut list = vec![
            json!({"name": "A", "soldOut": true, "available": false, "mostPopular": null, "wifi": true}),
            json!({"name": "B", "soldOut": null, "available": null, "mostPopular": true, "wifi": false}),
            json!({"name": "C", "soldOut": null, "available": null, "mostPopular": null, "wifi": null}),
        ];
        unsaid_answers(&mut list, &items);
        let column =
            |field: &str| -> Vec<Value> { list.iter().map(|i| i[field].clone()).collect() };
        assert_eq!(column("soldOut"), [json!(true), json!(false), json!(false)]);
        assert_eq!(
            column("available"),
            [json!(false), json!(true), json!(true)]
        );
        assert_eq!(
            column("mostPopular"),
            [json!(false), json!(true), json!(false)]
        );
        // Answers that disagree say nothing about the silent item.
        assert_eq!(column("wifi"), [json!(true), json!(false), Value::Null]);
    }

    #[test]
    fn count_fields_read_the_number_before_what_they_count() {
        assert_eq!(counted_things("spacesLeft"), ["spaces", "space"]);
        assert_eq!(
            counted_things("contributorCount"),
            ["contributors", "contributor"]
        );
        assert_eq!(counted_things("lessonsPerTerm"), ["lessons", "lesson"]);
        assert!(counted_things("price").is_empty());
        assert_eq!(counted_things("stockQuantity"), ["left", "available"]);
        assert!(counted_things("isNew").is_empty());
        let data = page(
            r#"<table><tr><th>Day</th><th>Availability</th></tr>
            <tr><td>Monday</td><td>3 spaces left</td></tr>
            <tr><td>Thursday</td><td>1 space left</td></tr></table>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "sessions": {"type": "array", "items": {"type": "object", "properties": {
                "day": {"type": "string"}, "spacesLeft": {"type": "integer"}}}}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(
            result["sessions"],
            json!([{"day": "Monday", "spacesLeft": 3}, {"day": "Thursday", "spacesLeft": 1}])
        );
    }

    #[test]
    fn cards_with_certificates_running_times_pack_sizes_pledges_and_icons() {
        let data = page(
            r#"<h1>Now showing</h1><p class="where">📍 Palma de Mallorca, Spain</p>
            <section class="films"><article class="film"><h3>The Long Tide</h3>
            <p class="meta"><span class="cert">12A</span> · 2h 14m · Drama</p></article>
            <article class="film"><h3>Robo Rally 2</h3>
            <p class="meta"><span class="cert">U</span> · 1h 38m · Animation</p></article>
            <article class="film"><h3>Night Shift</h3>
            <p class="meta"><span class="cert">15</span> · 1h 52m · Thriller</p></article></section>
            <div class="tier"><h3>Early Bird</h3><p class="pledge">Pledge $449 or more</p>
            <p class="inhoud">400 gram</p></div>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "where": {"type": "string"},
            "films": {"type": "array", "items": {"type": "object", "properties": {
                "title": {"type": "string"}, "ageRating": {"type": "string"},
                "durationMinutes": {"type": "integer"}}}},
            "pledgeAmount": {"type": "number"}, "unitSize": {"type": "string"}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["where"], "Palma de Mallorca, Spain");
        assert_eq!(
            result["films"],
            json!([
                {"title": "The Long Tide", "ageRating": "12A", "durationMinutes": 134},
                {"title": "Robo Rally 2", "ageRating": "U", "durationMinutes": 98},
                {"title": "Night Shift", "ageRating": "15", "durationMinutes": 112}
            ])
        );
        assert_eq!(result["pledgeAmount"], 449.0);
        assert_eq!(result["unitSize"], "400 gram");
    }

    #[test]
    fn date_ranges_give_their_start_and_end_and_validity() {
        let data = page(
            r#"<h1>Lakeside Open</h1><p class="posted">15.03.2026</p>
            <ul><li><strong>Dates:</strong> 9–15 March 2026</li></ul>
            <p class="subtitle">Winter timetable · valid 27 October 2025 – 28 March 2026</p>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "startDate": {"type": "string"}, "endDate": {"type": "string"},
            "validFrom": {"type": "string"}, "validTo": {"type": "string"}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["startDate"], "2026-03-09");
        assert_eq!(result["endDate"], "2026-03-15");
        assert_eq!(result["validFrom"], "2025-10-27");
        assert_eq!(result["validTo"], "2026-03-28");
    }

    #[test]
    fn notes_in_small_words_after_names_are_left_out() {
        let clean = |name: &str, text: &str| clean_text(name, text, None, None);
        assert_eq!(clean("name", "Harrowgate (town)"), "Harrowgate");
        assert_eq!(clean("teacher", "Priya Shah (cover)"), "Priya Shah");
        assert_eq!(clean("sex", "Male (neutered)"), "Male");
        assert_eq!(
            clean("seller", "Listed by: Carla Mendez · Realty"),
            "Carla Mendez"
        );
        // Titles and longer values keep their notes; codes in capitals are no note.
        assert_eq!(
            clean(
                "videoTitle",
                "Cómo cambiar la cadena (sin herramientas caras)"
            ),
            "Cómo cambiar la cadena (sin herramientas caras)"
        );
        assert_eq!(clean("numbers", "1 al 37 (impares)"), "1 al 37 (impares)");
        assert_eq!(
            clean("pickupLocation", "Lisbon Airport (LIS)"),
            "Lisbon Airport (LIS)"
        );
    }

    #[test]
    fn rate_tables_and_lengths_of_time_in_a_fields_unit() {
        let data = page(
            r#"<h1>Front Street Garage</h1>
            <table><thead><tr><th>Time parked</th><th>Rate</th></tr></thead><tbody>
            <tr><td>Up to 30 minutes</td><td>$2.00</td></tr>
            <tr><td>Up to 1 hour</td><td>$4.00</td></tr>
            <tr><td>Up to 2 hours</td><td>$7.50</td></tr></tbody></table>
            <dl><dt>Display</dt><dd>6.3-inch OLED, 120Hz</dd></dl>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "screenSizeInches": {"type": "number"},
            "hourlyRates": {"type": "array", "items": {"type": "object", "properties": {
                "upToHours": {"type": "number"}, "price": {"type": "number"}}}}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["screenSizeInches"], 6.3);
        assert_eq!(
            result["hourlyRates"],
            json!([
                {"upToHours": 0.5, "price": 2.0},
                {"upToHours": 1.0, "price": 4.0},
                {"upToHours": 2.0, "price": 7.5}
            ])
        );
    }

    #[test]
    fn numbered_things_take_the_number_after_their_name() {
        let mut data = page(r#"<h1>The Cold Chain</h1><p class="kicker">Episode 142</p>"#);
        data["title"] = json!("Ep. 142 – The Cold Chain | Season 6 | The Long Haul");
        let schema = json!({"type": "object", "properties": {
            "episodeNumber": {"type": "integer"}, "seasonNumber": {"type": "integer"},
            "stallNumber": {"type": ["integer", "null"]}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(result["episodeNumber"], 142);
        assert_eq!(result["seasonNumber"], 6);
        assert_eq!(result["stallNumber"], Value::Null);
    }

    #[test]
    fn numbered_rows_fill_item_numbers_and_titles() {
        let data = page(
            r#"<div class="breadcrumb"><a href="/">Home</a> › <a href="/m">Meetings</a></div>
            <h1>Planning Committee</h1><table><thead><tr><th>No.</th><th>Item</th></tr></thead>
            <tbody><tr><td>1.</td><td>Apologies for absence</td></tr>
            <tr><td>2.</td><td>Declarations of interest</td></tr></tbody></table>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "agendaItems": {"type": "array", "items": {"type": "object", "properties": {
                "itemNumber": {"type": "integer"}, "title": {"type": "string"}}}}}});
        assert_eq!(
            fill_schema(&schema, &data)["agendaItems"],
            json!([
                {"itemNumber": 1, "title": "Apologies for absence"},
                {"itemNumber": 2, "title": "Declarations of interest"}
            ])
        );
    }

    #[test]
    fn a_bullet_that_names_its_own_field_fills_it() {
        assert!(known_values("transmission").contains(&"manual"));
        assert!(known_values("gearbox").contains(&"automatik"));
        assert!(known_values("fuelType").contains(&"diesel"));
        assert!(known_values("name").is_empty());
        let data = page(
            r#"<section class="cars"><article class="car"><h3>Fiat 500</h3>
            <ul class="features"><li>4 seats</li><li>Manual</li></ul></article>
            <article class="car"><h3>Renault Zoe</h3>
            <ul class="features"><li>5 seats</li><li>Automatic</li></ul></article>
            <article class="car"><h3>Toyota Yaris</h3>
            <ul class="features"><li>5 seats</li><li>Manual</li></ul></article></section>"#,
        );
        let schema = json!({"type": "object", "properties": {
            "cars": {"type": "array", "items": {"type": "object", "properties": {
                "model": {"type": "string"}, "seats": {"type": "integer"},
                "transmission": {"type": ["string", "null"]}}}}}});
        let result = fill_schema(&schema, &data);
        assert_eq!(
            result["cars"][1],
            json!({"model": "Renault Zoe", "seats": 5, "transmission": "Automatic"})
        );
    }
}
