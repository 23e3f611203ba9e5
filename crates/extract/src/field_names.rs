//! What a field's name says about the value it wants: `adultPrice` is a price for adults,
//! `soldOut` is availability the other way round, `producer` may come as a byline.

use crate::sources::{is_known_field, normalized, same_field};

/// Whom or what a price or date field is about, with the kind of field: ("adult", "price")
/// for `adultPrice`, ("abstract", "date") for `abstractDeadline`, ("notification", "date")
/// for `notificationDate`. Names a group knows (`startDate`, `oldPrice`) and `unitPrice` have
/// none.
pub(crate) fn field_kind(name: &str) -> Option<(String, &'static str)> {
    let key = normalized(name);
    let (kind, ending) = [
        ("price", "price"),
        ("fee", "price"),
        // `pledgeAmount`, `donationAmount`: the money on the line labelled "Pledge".
        ("amount", "price"),
        ("deadline", "date"),
        ("date", "date"),
    ]
    .iter()
    .find_map(|(suffix, ending)| key.strip_suffix(suffix).map(|kind| (kind, *ending)))?;
    (kind.chars().count() >= 3 && kind != "unit" && !is_known_field(&key))
        .then(|| (kind.to_string(), ending))
}

/// The words of a field name: `breakfastIncluded` → ["breakfast", "included"].
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if (c.is_uppercase() || !c.is_alphanumeric()) && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

pub(crate) fn is_pre_order(name: &str) -> bool {
    matches!(
        normalized(name).as_str(),
        "preorder" | "ispreorder" | "preorderable"
    )
}

pub(crate) fn is_sold_out(name: &str) -> bool {
    matches!(
        normalized(name).as_str(),
        "soldout"
            | "outofstock"
            | "issoldout"
            | "isoutofstock"
            | "ausverkauft"
            | "épuisé"
            | "agotado"
            | "fullybooked"
            | "isfull"
            | "full"
            | "bookedout"
    )
}

/// Fields naming who made, wrote or sells something: their values may come as a byline.
pub(crate) fn is_party(key: &str) -> bool {
    const PARTIES: &[&str] = &[
        "author",
        "producer",
        "publisher",
        "brand",
        "manufacturer",
        "artist",
        "creator",
        "developer",
        "seller",
        "host",
        "organizer",
        "organiser",
        "maker",
        "winery",
        "director",
        "teacher",
        "instructor",
        "coach",
        "guide",
        "presenter",
        "speaker",
        "trainer",
        "curator",
        "guest",
    ];
    same_field("author", key) || PARTIES.iter().any(|party| key.ends_with(party))
}

/// The role in `chairName`, `ceoName`, `conductorName`, `channelName`: someone (or a channel)
/// in a role on the page, whose name is never the page's own name or heading. (Roles whose
/// holder is often the page's subject, an estate agent's or a doctor's profile, are not here.)
pub(crate) fn role_of_name(key: &str) -> Option<&str> {
    const ROLES: &[&str] = &[
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "ceo",
        "cfo",
        "cto",
        "coo",
        "president",
        "conductor",
        "composer",
        "captain",
        "referee",
        "secretary",
        "treasurer",
        "chef",
        "tutor",
        "lecturer",
        "professor",
        "architect",
        "photographer",
        "designer",
        "narrator",
        "illustrator",
        "translator",
        "editor",
        "founder",
        "owner",
        "manager",
        "channel",
        "uploader",
        "landlord",
        "coach",
        "teacher",
        "instructor",
        "trainer",
        "speaker",
        "presenter",
        "author",
        "artist",
        "performer",
        "host",
        "director",
        "curator",
        "seller",
    ];
    key.strip_suffix("name").filter(|role| ROLES.contains(role))
}

/// `currency`, `priceCurrency`: the field wants a currency code.
pub(crate) fn is_currency(name: &str) -> bool {
    let key = normalized(name);
    key.ends_with("currency")
}

/// Values that say by themselves which field they belong to: a card's bullet "Manual" is its
/// transmission, "Diesel" its fuel. Returns the values known for a field name.
pub(crate) fn known_values(name: &str) -> &'static [&'static str] {
    const TRANSMISSION: &[&str] = &[
        "manual",
        "automatic",
        "auto",
        "semi-automatic",
        "cvt",
        "schaltgetriebe",
        "automatik",
        "manuelle",
        "automatique",
        "manuale",
        "automatico",
        "automático",
        "manueel",
        "automaat",
        "manuell",
        "automat",
    ];
    const FUEL: &[&str] = &[
        "petrol",
        "gasoline",
        "diesel",
        "electric",
        "hybrid",
        "plug-in hybrid",
        "lpg",
        "benzin",
        "elektro",
        "essence",
        "électrique",
        "gasolina",
        "eléctrico",
        "benzina",
        "elettrica",
        "benzine",
        "elektrisch",
    ];
    let key = normalized(name);
    if [
        "transmission",
        "gearbox",
        "getriebe",
        "boîte",
        "cambio",
        "transmisión",
    ]
    .iter()
    .any(|word| key.ends_with(&normalized(word)))
    {
        TRANSMISSION
    } else if key == "fuel" || key.starts_with("fueltype") || key.ends_with("fuel") {
        FUEL
    } else {
        &[]
    }
}
