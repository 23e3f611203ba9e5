//! Where a wanted field's value is looked up in page data, most reliable first: JSON-LD and
//! microdata (main entities before site-wide ones), OpenGraph, Twitter, meta tags, the page's
//! heading, byline and date, then visible labels. Field names match by meaning (aliases).

use std::collections::{HashMap, VecDeque};

use serde_json::{Map, Value};

/// Names that mean the same field. A wanted name is looked up as itself first, then as the
/// other names of each group it belongs to.
#[rustfmt::skip]
const ALIASES: &[&[&str]] = &[
    &["name", "title", "headline", "productname", "jobtitle", "eventname", "session", "talk",
      "item", "heading"],
    &["price", "lowprice", "priceamount", "productpriceamount", "offerprice", "saleprice", "pricenow",
      "ticketprice", "tickets", "entry", "admission", "cost", "amount", "fee",
      "prix", "preis", "precio", "prezzo", "prijs", "pris", "preço", "preco", "cena", "hinta",
      "rate", "tarif", "tarifa", "tariff"],
    &["currency", "pricecurrency", "productpricecurrency"],
    &["minprice", "lowprice", "lowestprice", "pricefrom", "fromprice", "pricemin"],
    &["maxprice", "highprice", "highestprice", "priceto", "pricemax"],
    &["salarymin", "minsalary", "minvalue", "salaryfrom"],
    &["salarymax", "maxsalary", "maxvalue", "salaryto"],
    &["remote", "telecommute", "joblocationtype", "remotework", "workplacetype"],
    &["category", "genre", "kategorie", "catégorie", "categoría", "categoria", "kategori",
      "kategoria"],
    &["enddate", "validuntil", "pricevaliduntil", "ends", "endtime", "expires"],
    &["seller", "vendor", "merchant", "soldby", "shop", "store"],
    &["shippingcost", "shipping", "shippingprice", "delivery", "deliverycost", "postage",
      "versand", "verzending", "envío", "livraison"],
    // Film and game certificates: "12A", "FSK 12", "PEGI 3".
    &["agerating", "certificate", "cert", "classification", "fsk", "pegi", "agelimit",
      "minimumage"],
    // How much is in the pack: "400 gram", "6 x 330 ml".
    &["unitsize", "packagesize", "packsize", "contents", "content", "netcontent", "quantity",
      "inhoud", "inhalt", "contenu", "contenido", "contenuto", "innehåll", "indhold"],
    &["duration", "runtime", "length", "timerequired", "totaltime", "dauer", "durée",
      "courseworkload", "workload"],
    &["podcast", "partofseries", "series", "show"],
    &["rainchance", "chanceofrain", "precipitation", "precip", "rain", "pop"],
    &["audiourl", "audio", "contenturl", "associatedmedia", "enclosure"],
    &["cuisine", "servescuisine", "cuisines", "foodtype"],
    &["menuurl", "menu", "hasmenu"],
    &["bedrooms", "numberofbedrooms", "beds", "bd", "bds", "habitaciones", "dormitorios",
      "schlafzimmer", "chambres", "slaapkamers", "camere", "quartos", "sovrum"],
    &["bathrooms", "numberofbathroomstotal", "numberofbathrooms", "baths", "ba", "baños",
      "badezimmer", "sallesdebain", "badkamers", "bagni", "casasdebanho", "casadebanho"],
    &["maxguests", "occupancy", "guests", "sleeps", "maxoccupancy", "personen", "personnes"],
    &["area", "floorsize", "livingarea", "size", "sqft", "squarefeet", "squaremeters", "m²", "m2",
      "superficie", "wohnfläche", "surface"],
    &["squarefeet", "sqft", "floorsize", "livingarea", "area", "size"],
    &["publication", "publisher", "sitename"],
    &["condition", "itemcondition", "zustand", "état", "estado", "skick", "stato", "staat"],
    &["openinghours", "openinghoursspecification", "hours", "openingtimes", "horaires",
      "öffnungszeiten", "horario"],
    &["days", "dayofweek", "day", "tag", "wochentag", "jour", "día", "giorno", "dag"],
    &["opens", "open", "opening", "from", "von", "ouverture", "desde", "dalle"],
    &["closes", "close", "closing", "until", "to", "bis", "fermeture", "hasta", "alle"],
    // Who a price is for: "Erwachsene 4,50 €" for `adultPrice`.
    &["adult", "adults", "erwachsene", "erwachsener", "adulte", "adultes", "adulto", "adultos",
      "volwassene", "volwassenen"],
    &["child", "children", "kids", "kinder", "enfant", "enfants", "niño", "niños", "bambini",
      "kind", "kinderen"],
    &["available", "availability", "productavailability", "instock", "stock", "stockstatus",
      "inventory", "disponibilité", "verfügbarkeit", "disponibilidad", "disponibilità",
      "spots", "spotsleft", "placesleft", "seatsleft"],
    &["author", "creator", "writer", "byline", "by"],
    &["developer", "author", "creator", "publisher"],
    &["date", "datepublished", "publishedat", "published", "publishdate", "publicationdate",
      "articlepublishedtime", "uploaddate", "datecreated", "dateposted", "when",
      "publisheddate", "releasedate", "releasedon", "posteddate", "postedon", "posted"],
    // When something starts is a date, but never the day the page was published.
    &["startdate", "start", "starts", "begins", "date", "dates", "when", "termin"],
    &["updated", "datemodified", "modified", "lastmodified", "articlemodifiedtime"],
    &["image", "imageurl", "photo", "picture", "thumbnail", "thumbnailurl"],
    &["url", "link", "href", "canonicalurl", "permalink"],
    &["brand", "manufacturer", "maker", "productbrand", "marke", "marque", "marca", "merk",
      "hersteller", "fabricant", "fabricante", "produttore"],
    &["sku", "mpn", "productid", "itemnumber", "catalognumber", "catalogno", "catno", "productretaileritemid", "partnumber", "gtin13", "gtin",
      "artikelnummer", "artnr", "bestellnummer", "référence", "reference", "referencia", "codice"],
    &["model", "modelnumber", "mpn"],
    // Chess lists write a player's rating as "Elo", "DWZ" or (in Polish and German) "Ranking".
    &["rating", "ratingvalue", "stars", "averagerating", "score", "elo", "dwz", "fide", "ranking"],
    &["reviewcount", "reviews", "numberofreviews", "ratingcount", "count", "votes",
      "avaliações", "bewertungen", "avis", "valoraciones", "reseñas", "recensioni",
      "beoordelingen", "recensies", "opinie", "opinii", "ocen", "hodnocení", "omdömen",
      "anmeldelser"],
    &["description", "summary", "abstract"],
    &["phone", "telephone", "tel", "phonenumber", "téléphone", "telefon", "teléfono", "telefono"],
    &["address", "adresse", "anschrift", "dirección", "direccion", "indirizzo", "adres"],
    &["email", "mail", "emailaddress", "courriel", "correo"],
    &["street", "streetaddress", "addressline1", "calle", "straße", "strasse", "rue", "straat",
      "rua", "gade", "gata", "ulica"],
    &["city", "addresslocality", "locality", "town", "ville", "stadt", "ciudad", "città",
      "cidade", "localidad", "localité", "woonplaats", "miasto", "město"],
    &["postalcode", "zip", "zipcode", "postcode", "plz", "postleitzahl", "cp", "codepostal",
      "códigopostal", "codigopostal", "postnummer", "kodpocztowy"],
    &["country", "addresscountry"],
    &["region", "addressregion", "state"],
    &["company", "hiringorganization", "employer", "organization", "companyname"],
    &["location", "joblocation", "place", "where"],
    &["venue", "location", "place", "where"],
    &["salary", "basesalary", "pay", "compensation"],
    &["employmenttype", "jobtype", "contracttype", "contract", "hours"],
    &["ingredients", "recipeingredient", "ingredient"],
    &["steps", "recipeinstructions", "instructions", "method", "directions"],
    &["servings", "recipeyield", "yield", "serves", "portions"],
    &["preptime", "prep", "preparationtime"],
    &["cooktime", "cook", "cookingtime"],
    &["questions", "mainentity", "faq"],
    &["question", "name"],
    &["answer", "acceptedanswer", "text"],
    &["publisher", "sitename"],
    &["color", "colour", "farbe", "couleur", "colore", "kleur"],
    &["year", "modelyear", "yearbuilt", "built", "registration", "firstregistration",
      "erstzulassung", "baujahr", "année"],
    &["transmission", "gearbox", "getriebe", "boîte", "boitedevitesses"],
    &["fueltype", "fuel", "kraftstoff", "carburant"],
    &["mileage", "odometer", "kilometerstand", "kilométrage", "miles", "kilometers"],
    &["status", "eventstatus"],
    &["memory", "ram", "arbeitsspeicher", "mémoire", "memoria"],
    &["storage", "ssd", "harddrive", "disk", "speicher", "stockage", "almacenamiento"],
    &["processor", "cpu", "chip", "prozessor", "processeur", "procesador"],
    &["weight", "gewicht", "poids", "peso"],
    &["appearances", "apps", "games", "gamesplayed", "matches", "matchesplayed", "caps"],
    // The price before a reduction (a struck-through amount is kept as "Struck through").
    &["oldprice", "wasprice", "regularprice", "originalprice", "listprice", "rrp", "uvp", "msrp",
      "compareatprice", "previousprice", "pricebefore", "normalprice", "streichpreis",
      "prixbarré", "precioanterior", "struckthrough"],
    &["calories", "caloriesperserving", "kcal", "energy", "kalorien", "calorías"],
    &["hoursperweek", "workhours", "weeklyhours", "wochenstunden", "arbeitszeit"],
    &["battery", "accu", "akku", "batterie", "batería", "batteria", "batterij"],
    &["elevator", "lift", "elevador", "aufzug", "fahrstuhl", "ascenseur", "ascensore"],
    &["energyclass", "energycertificate", "energyrating", "energylabel", "epc",
      "energieeffizienzklasse", "energieklasse", "certificadoenergético", "classeénergétique",
      "classeenergetica", "energielabel"],
    &["loser", "defeated", "beaten", "runnerup"],
    &["features", "keyfeatures", "highlights", "características", "caracteristicas", "merkmale",
      "eigenschaften", "caractéristiques", "caratteristiche", "kenmerken"],
    &["releasedate", "availabilitystarts", "erscheinungsdatum", "datedesortie"],
    &["isfree", "free", "isaccessibleforfree", "freeentry", "freeadmission"],
    &["presenter", "performer", "speaker", "presentedby"],
    &["conductor", "dirigent", "dirigentin", "chefdirigent", "chefdirigentin", "leitung",
      "musikalischeleitung", "chefdorchestre", "direttore", "dirigente", "director"],
    &["channel", "channelname", "canal", "kanal", "chaîne", "canale", "uploader", "uploadedby",
      "author"],
    // Headed by `softwareversion`, so that only these names find it, never a field that
    // merely ends in "version" (`minimumPythonVersion` is not the app's version).
    &["softwareversion", "version", "currentversion", "latestversion", "versão", "versión",
      "versione", "versie", "wersja", "verze"],
    &["downloadcount", "downloads", "téléchargements", "descargas", "downloadzahl",
      "installs", "installations"],
    &["viewcount", "views", "visualizaciones", "aufrufe", "vues", "visualizzazioni", "weergaven",
      "visualizações", "wyświetlenia", "plays", "watches"],
    // Rentals: "Canone mensile", "Locali", "Arredato", "Disponibile dal".
    &["rent", "monthlyrent", "rentpermonth", "coldrent", "miete", "kaltmiete", "loyer", "alquiler",
      "affitto", "canone", "canonemensile", "huur", "huurprijs"],
    &["rooms", "numberofrooms", "roomcount", "locali", "zimmer", "pièces", "kamers", "ambientes"],
    &["furnished", "arredato", "möbliert", "meublé", "amueblado", "gemeubileerd"],
    &["availablefrom", "availabledate", "moveindate", "disponibiledal", "verfügbarab",
      "bezugsfrei", "disponibleàpartirdu", "disponibledesde", "beschikbaarvanaf"],
    // League tables write their columns as letters: "P W D L GD Pts".
    // "Ranking" last: it is a rating in some languages, so a column saying "place" wins.
    &["position", "pos", "rank", "platz", "miejsce", "mce", "plats", "posición", "posizione",
      "placering", "ranking"],
    &["played", "p", "pld", "gp", "mp", "gamesplayed", "matchesplayed", "sp"],
    &["won", "w", "wins", "g"],
    &["drawn", "d", "draws", "drew", "ties", "t", "u"],
    &["lost", "l", "losses", "v"],
    &["goaldifference", "gd", "diff", "difference", "td"],
    &["goalsfor", "gf", "f", "for"],
    &["goalsagainst", "ga", "a", "against"],
    &["points", "pts", "pt", "punkte", "puntos", "punti", "pkt", "punkty", "punten", "poäng"],
    // The lowest price of the last 30 days, which EU shops show next to a reduction.
    &["lowestprice30days", "lowestpricein30days", "omnibusprice", "omnibus", "najniższacena",
      "niedrigsterpreis", "prixleplusbas", "preciomásbajo", "prezzopiùbasso", "laagsteprijs",
      "nejnižšícena", "lägstapris", "lavestepris"],
    // Departure boards, in the languages of the stations.
    &["departure", "departuretime", "depart", "vertrek", "vertrektijd", "abfahrt", "départ",
      "salida", "partenza", "afgang", "avgång", "odjazd", "partida", "odjezd"],
    &["destination", "naar", "ziel", "richtung", "destino", "destinazione", "kierunek", "mot"],
    &["platform", "track", "spoor", "gleis", "voie", "quai", "andén", "binario", "perron",
      "peron", "plataforma", "spor", "kolej"],
    &["delay", "vertraging", "verspätung", "retard", "retraso", "ritardo", "forsinkelse",
      "försening", "opóźnienie", "atraso", "zpoždění"],
    &["player", "zawodnik", "spieler", "joueur", "jugador", "giocatore", "speler", "hráč",
      "spiller", "spelare", "jogador", "athlete", "competitor"],
    // Files of a download page.
    &["filename", "file", "fichier", "datei", "archivo", "bestand", "ficheiro", "soubor", "plik"],
    &["filesize", "size", "taille", "größe", "dateigröße", "tamaño", "grootte", "dimensione",
      "rozmiar", "velikost", "storlek", "størrelse", "tamanho"],
    // Energy tariffs: price per kWh, standing charge, cost per year.
    &["energyprice", "unitrate", "unitprice", "arbeitspreis", "verbrauchspreis", "kwhprice",
      "prixdukwh", "preciokwh"],
    &["basefee", "standingcharge", "basicfee", "basicprice", "grundpreis", "grundgebühr",
      "abonnement", "terminofijo"],
    &["annualcost", "yearlycost", "costperyear", "annualprice", "jahreskosten", "gesamtkosten",
      "kostenprojahr", "coûtannuel", "costeanual"],
    // Weather.
    &["temperature", "temp", "temperatur", "température", "temperatura"],
    &["windspeed", "wind", "windgeschwindigkeit", "vent"],
    &["deadline", "applicationdeadline", "applyby", "closingdate", "validthrough", "applybefore",
      "bewerbungsschluss", "datelimite"],
];

/// How often or for what a price is given, at the end of a field's name.
const RATE_ENDINGS: &[&str] = &[
    "centsperkwh",
    "ctperkwh",
    "perkwh",
    "permonth",
    "peryear",
    "perannum",
    "perweek",
    "pernight",
    "perhour",
    "perperson",
];

/// Words that make a field one end of a range.
const RANGE_AFFIXES: &[&str] = &["minimum", "maximum", "min", "max", "lowest", "highest"];

/// Units people put at the end of a field name: `ramGB`, `weightKg`, `prepTimeMinutes`.
const UNIT_ENDINGS: &[&str] = &[
    "mah",
    "wh",
    "grams",
    "minutes",
    "minute",
    "mins",
    "min",
    "hours",
    "hour",
    "hrs",
    "seconds",
    "secs",
    "days",
    "weeks",
    "months",
    "years",
    "percent",
    "pct",
    "gb",
    "tb",
    "mb",
    "kg",
    "lbs",
    "lb",
    "cm",
    "mm",
    "km",
    "kwh",
    "nm",
    "kw",
    "watts",
    "watt",
    "wp",
    "usd",
    "eur",
    "gbp",
    "kmh",
    "mph",
    "sqm",
    "m2",
    "inches",
    "inch",
    "celsius",
    "fahrenheit",
    // How the value is written, not what it is: `salaryText`, `priceLabel`, `smsIncluded`.
    "text",
    "label",
    "included",
];

/// Temperatures written `highC`, `lowF`, `temperatureC`: a one-letter unit, only after these.
const TEMPERATURE_WORDS: &[&str] = &[
    "high",
    "low",
    "temp",
    "temperature",
    "max",
    "min",
    "feelslike",
];

/// schema.org types describing the site rather than the page's subject: searched last.
const SITE_TYPES: &[&str] = &[
    "WebSite",
    "WebPage",
    "BreadcrumbList",
    "ImageObject",
    "SearchAction",
    "SiteNavigationElement",
    "WPHeader",
    "WPFooter",
    "CollectionPage",
    "ReadAction",
    // Related-product carousels: their names are not the page's subject.
    "ItemList",
    "OfferCatalog",
];
/// Prefixes schema.org puts before property names (`recipeCuisine`, `articleSection`).
const TYPE_PREFIXES: &[&str] = &[
    "recipe",
    "article",
    "product",
    "job",
    "event",
    "item",
    "offer",
    "price",
    "application",
    "software",
    "book",
    "course",
    "numberof",
];
/// Types that are usually the publisher or author of the page's subject: searched after it.
const PARTY_TYPES: &[&str] = &["Organization", "Person", "Brand"];

/// Letters and digits only, lowercase: `datePublished`, `date_published`, "Date published"
/// all become `datepublished`.
pub(crate) fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The names a wanted field may have in page data, the field's own name first.
///
/// A name no group knows falls back on its plain form: "authors" on author's names,
/// "hotelName" and "bookTitle" on name's (after their own name, so an exact key still wins).
pub(crate) fn aliases(name: &str) -> Vec<String> {
    let mut names = grouped_aliases(name);
    // `itemNumber`, `stallNumber`: a column headed "No." or "Nr." after every other name.
    if names[0].len() > "number".len() && names[0].ends_with("number") {
        for short in ["number", "no", "nr", "num", "nummer", "numero", "número"] {
            if !names.iter().any(|n| n == short) {
                names.push(short.to_string());
            }
        }
    }
    names
}

fn grouped_aliases(name: &str) -> Vec<String> {
    let key = normalized(name);
    let mut names = vec![key.clone()];
    if add_group_members(&key, &mut names) {
        add_range_base(&key, &mut names);
        return names;
    }
    // `hasElevator`, `isVegan`: the thing itself and its other names ("Elevador: Sim").
    if let Some(thing) = ["has", "is"]
        .iter()
        .find_map(|prefix| key.strip_prefix(prefix))
        .filter(|thing| thing.chars().count() >= 4)
    {
        add_group_members(thing, &mut names);
    }
    if let Some(singular) = key.strip_suffix('s').filter(|s| s.len() >= 3) {
        names.push(singular.to_string());
        add_group_members(singular, &mut names);
    }
    // A unit at the end names how the value is written, not what it is: "ramGB" → ram.
    // ("pricePerKg" is a price per unit, not a price: left alone.)
    let temperature = ["c", "f"]
        .iter()
        .filter_map(|unit| key.strip_suffix(unit))
        .find(|base| TEMPERATURE_WORDS.iter().any(|word| base.ends_with(word)));
    // `energyPricePerKwh`, `baseFeePerMonth`, `roomPricePerNight`: the price, written per unit
    // (unlike `pricePerKg`, which is a unit price of its own).
    let rate_base = RATE_ENDINGS
        .iter()
        .filter_map(|ending| key.strip_suffix(ending))
        .find(|base| base.chars().count() >= 3);
    if let Some(base) = rate_base {
        if !names.iter().any(|n| n == base) {
            names.push(base.to_string());
        }
        add_group_members(base, &mut names);
    }
    let unit_base = UNIT_ENDINGS
        .iter()
        .filter_map(|unit| key.strip_suffix(unit))
        .find(|base| base.chars().count() >= 3 && !base.ends_with("per"))
        .or(temperature)
        .or_else(|| in_metres(name).then(|| key.strip_suffix('m')).flatten());
    if let Some(base) = unit_base {
        if !names.iter().any(|n| n == base) {
            names.push(base.to_string());
        }
        add_group_members(base, &mut names);
    }
    add_range_base(&key, &mut names);
    // `playerName`: the player (a "Spieler" column) before any other name.
    if let Some(thing) = key
        .strip_suffix("name")
        .filter(|thing| ALIASES.iter().any(|g| g[0] == *thing))
        && crate::field_names::role_of_name(&key).is_none()
    {
        names.push(thing.to_string());
        add_group_members(thing, &mut names);
    }
    // `conductorName`: the conductor, never the page's own name.
    if let Some(role) = crate::field_names::role_of_name(&key) {
        names.push(role.to_string());
        add_group_members(role, &mut names);
        return names;
    }
    // The longest field name it ends with: "hotelName" → name, "monthlyPrice" → price,
    // "currentTemperatureC" → temperature (only a group's own name: "replyCount" is not a
    // "count" of reviews).
    let stem = unit_base.unwrap_or(&key);
    let endings = stem.char_indices().skip(1).map(|(at, _)| &stem[at..]);
    for ending in endings.filter(|e| e.len() >= 4) {
        let ending = if ending == "title" { "name" } else { ending };
        if ALIASES.iter().any(|g| g[0] == ending) {
            add_group_members(ending, &mut names);
            break;
        }
    }
    names
}

/// The unit a field's name ends with: "kg" for `cabinBagMaxKg`, "mah" for `batteryMah`.
pub(crate) fn unit_of(name: &str) -> Option<&'static str> {
    let key = normalized(name);
    UNIT_ENDINGS
        .iter()
        .chain(["hz", "gram", "ml"].iter())
        .filter(|unit| !matches!(**unit, "text" | "label" | "included"))
        .find(|unit| {
            key.strip_suffix(**unit)
                .is_some_and(|base| base.chars().count() >= 3)
        })
        .copied()
        .or_else(|| in_metres(name).then_some("m"))
}

/// `elevationGainM`, `heightM`: metres, written as a capital M after the name (a name that
/// merely ends in "m", `platform`, is not).
fn in_metres(name: &str) -> bool {
    let mut chars = name.chars().rev();
    chars.next() == Some('M')
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().count() >= 4
}

/// One end of a range is found where the page writes the whole range: "salaryMin" → salary
/// (last, after every closer name).
fn add_range_base(key: &str, names: &mut Vec<String>) {
    if let Some(base) = RANGE_AFFIXES
        .iter()
        .find_map(|affix| key.strip_suffix(affix).or_else(|| key.strip_prefix(affix)))
        .filter(|base| base.chars().count() >= 3)
        && !names.iter().any(|n| n == base)
    {
        names.push(base.to_string());
    }
}

/// Appends the other names of every group `key` belongs to; whether there was one.
fn add_group_members(key: &str, names: &mut Vec<String>) -> bool {
    let mut grouped = false;
    for group in ALIASES.iter().filter(|g| g.contains(&key)) {
        grouped = true;
        for alias in group.iter() {
            if !names.iter().any(|n| n == alias) {
                names.push(alias.to_string());
            }
        }
    }
    grouped
}

/// Whether an alias group knows this (normalized) name.
pub(crate) fn is_known_field(key: &str) -> bool {
    ALIASES.iter().any(|group| group.contains(&key))
}

/// Whether two names are in one alias group.
pub(crate) fn same_field(wanted: &str, name: &str) -> bool {
    let (a, b) = (normalized(wanted), normalized(name));
    a == b || aliases(&a).contains(&b)
}

/// One place to look: strict sources match keys exactly (JSON-LD, meta tags); loose ones are
/// human labels ("Price / month") that also match when they contain the wanted name.
pub(crate) struct Source {
    pub(crate) value: Value,
    pub(crate) loose: bool,
    /// Only for title-like fields (the `<title>` is a page's name, not a product's).
    title_only: bool,
}

impl Source {
    pub(crate) fn strict(value: Value) -> Source {
        Source {
            value,
            loose: false,
            title_only: false,
        }
    }
    pub(crate) fn loose(value: Value) -> Source {
        Source {
            value,
            loose: true,
            title_only: false,
        }
    }
}

/// The ordered sources of one page (or of one item of a list) and the JSON-LD `@id` index.
pub(crate) struct Sources {
    pub(crate) list: Vec<Source>,
    ids: HashMap<String, Value>,
}

impl Sources {
    pub(crate) fn of_item(item: &Value, loose: bool) -> Sources {
        let source = if loose {
            Source::loose(item.clone())
        } else {
            Source::strict(item.clone())
        };
        Sources {
            list: vec![source],
            ids: HashMap::new(),
        }
    }

    pub(crate) fn of_page(page: &Value) -> Sources {
        let mut list = Vec::new();
        let mut ids = HashMap::new();
        for key in ["jsonLd", "microdata"] {
            let entries = page
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for entry in &entries {
                if let Some(id) = entry.get("@id").and_then(Value::as_str) {
                    ids.insert(id.to_string(), entry.clone());
                }
            }
            list.extend(ranked(entries).into_iter().map(Source::strict));
        }
        if let Some(og) = page.get("openGraph") {
            list.push(Source::strict(og.clone()));
        }
        if let Some(twitter) = page.get("twitter").and_then(Value::as_object) {
            list.push(Source::strict(Value::Object(twitter.clone())));
            list.push(Source::loose(twitter_pairs(twitter)));
        }
        if let Some(meta) = page.get("meta") {
            list.push(Source::strict(meta.clone()));
        }
        let h1 = page
            .get("headings")
            .and_then(Value::as_array)
            .and_then(|hs| hs.iter().find(|h| h["level"] == 1))
            .and_then(|h| h.get("text"))
            .cloned()
            .unwrap_or(Value::Null);
        let mut basics = Map::new();
        basics.insert("name".into(), h1.clone());
        basics.insert("headline".into(), h1);
        for key in [
            "author",
            "publishedAt",
            "description",
            "image",
            "siteName",
            "language",
        ] {
            basics.insert(key.into(), page.get(key).cloned().unwrap_or(Value::Null));
        }
        let url = page
            .get("canonicalUrl")
            .filter(|u| u.is_string())
            .or(page.get("url"));
        basics.insert("url".into(), url.cloned().unwrap_or(Value::Null));
        list.push(Source::strict(Value::Object(basics)));
        if let Some(title) = page.get("title") {
            let mut only = Map::new();
            only.insert("title".into(), title.clone());
            list.push(Source {
                value: Value::Object(only),
                loose: false,
                title_only: true,
            });
        }
        if let Some(details) = page.get("details") {
            list.push(Source::loose(details.clone()));
        }
        Sources { list, ids }
    }

    /// The first value found for `name`, `@id` references resolved.
    pub(crate) fn find(&self, name: &str) -> Option<Value> {
        let names = aliases(name);
        let title_like = names
            .iter()
            .take(1)
            .any(|n| matches!(n.as_str(), "title" | "headline"));
        let usable = || self.list.iter().filter(|s| title_like || !s.title_only);
        // "recipeName" on a page with an Article and a Recipe: the Recipe's name.
        let typed = type_hint(&names[0]).and_then(|hint| {
            usable()
                .filter(|s| has_type(&s.value, hint))
                .find_map(|s| search(&s.value, &names, s.loose))
        });
        // "commonName", a name no group knows: a label with exactly that name anywhere on the
        // page beats the generic `name` of an earlier source (the product's).
        let own = || {
            (!is_known_field(&names[0]))
                .then(|| usable().find_map(|s| exact(&s.value, &names[0])))
                .flatten()
        };
        typed
            .or_else(own)
            .or_else(|| usable().find_map(|s| search(&s.value, &names, s.loose)))
            .map(|found| self.resolve(found))
    }

    /// Only in the strict sources (JSON-LD, microdata, meta tags).
    pub(crate) fn find_strict(&self, name: &str) -> Option<Value> {
        let names = aliases(name);
        self.list
            .iter()
            .filter(|s| !s.loose && !s.title_only)
            .find_map(|s| search(&s.value, &names, false))
            .map(|found| self.resolve(found))
    }

    /// `{"@id": "…#person"}` → the JSON-LD entry with that id.
    pub(crate) fn resolve(&self, found: Value) -> Value {
        match &found {
            Value::Object(map) if map.len() <= 2 => map
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.ids.get(id))
                .cloned()
                .unwrap_or(found),
            Value::Array(list) => {
                Value::Array(list.iter().map(|v| self.resolve(v.clone())).collect())
            }
            _ => found,
        }
    }
}

/// The entity kind a compound name asks for: "recipeName" → "recipe", "jobTitle" → "job".
fn type_hint(key: &str) -> Option<&str> {
    ["name", "title"]
        .iter()
        .find_map(|generic| key.strip_suffix(generic))
        .filter(|prefix| prefix.len() >= 3)
}

/// Whether an entity's schema.org `@type` names `hint` ("app" in `SoftwareApplication`).
fn has_type(entity: &Value, hint: &str) -> bool {
    let matches = |t: &Value| t.as_str().is_some_and(|t| normalized(t).contains(hint));
    match entity.get("@type") {
        Some(Value::Array(types)) => types.iter().any(matches),
        Some(one) => matches(one),
        None => false,
    }
}

/// Twitter's `label1`/`data1` pairs as label → value.
fn twitter_pairs(twitter: &Map<String, Value>) -> Value {
    let mut pairs = Map::new();
    for n in 1..=8 {
        if let (Some(Value::String(label)), Some(data)) = (
            twitter.get(&format!("label{n}")),
            twitter.get(&format!("data{n}")),
        ) {
            pairs.insert(label.clone(), data.clone());
        }
    }
    Value::Object(pairs)
}

/// Entries describing the page's subject first, then parties, then the site.
fn ranked(mut entries: Vec<Value>) -> Vec<Value> {
    let rank = |entry: &Value| {
        let types: Vec<&str> = match entry.get("@type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if types.iter().any(|t| SITE_TYPES.contains(t)) {
            2
        } else if types.iter().any(|t| PARTY_TYPES.contains(t)) {
            1
        } else {
            0
        }
    };
    entries.sort_by_key(rank);
    entries
}

/// Breadth-first search for the first key matching one of `names` (in their order at each
/// object); loose sources also match keys containing a name ("Price / month" for price).
/// The value of the first key (at any depth) whose normalized form is `key`.
fn exact(root: &Value, key: &str) -> Option<Value> {
    search(root, std::slice::from_ref(&key.to_string()), false)
}

pub(crate) fn search(root: &Value, names: &[String], loose: bool) -> Option<Value> {
    let mut queue = VecDeque::from([root]);
    while let Some(value) = queue.pop_front() {
        match value {
            Value::Object(map) => {
                let keys: Vec<(String, &Value)> = map
                    .iter()
                    .filter(|(k, v)| !k.starts_with('@') && has_value(v))
                    .map(|(k, v)| (normalized(k), v))
                    .collect();
                for wanted in names {
                    if let Some((_, found)) = keys.iter().find(|(k, _)| k == wanted) {
                        return Some((*found).clone());
                    }
                }
                // schema.org names many properties after their type: `recipeCategory`.
                for wanted in names.iter().filter(|n| n.len() >= 4) {
                    let prefixed = keys.iter().find(|(k, _)| {
                        k.strip_suffix(wanted.as_str())
                            .is_some_and(|prefix| TYPE_PREFIXES.contains(&prefix))
                    });
                    if let Some((_, found)) = prefixed {
                        return Some((*found).clone());
                    }
                }
                if loose {
                    for wanted in names.iter().filter(|n| n.len() >= 4) {
                        if let Some((_, found)) =
                            keys.iter().find(|(k, _)| k.contains(wanted.as_str()))
                        {
                            return Some((*found).clone());
                        }
                    }
                    // "Years of experience" for yearsExperience.
                    let plain: Vec<(String, &Value)> = map
                        .iter()
                        .filter(|(k, v)| !k.starts_with('@') && has_value(v))
                        .map(|(k, v)| (without_small_words(k), v))
                        .collect();
                    // …and "Ages: 7–12" for minAge: a label in the plural.
                    for wanted in names.iter().filter(|n| n.len() >= 3) {
                        if let Some((_, found)) = plain
                            .iter()
                            .find(|(k, _)| k == wanted || k.strip_suffix('s') == Some(wanted))
                        {
                            return Some((*found).clone());
                        }
                    }
                    // A label whose first two or more words begin the wanted name: "Minutes
                    // from Central Station" for `minutesFromStart` (not "Application
                    // deadline" for `applicationFee`: one word is not enough).
                    let own = &names[0];
                    let begins = map
                        .iter()
                        .filter(|(k, v)| !k.starts_with('@') && has_value(v))
                        .find(|(k, _)| words_begin(k, own));
                    if let Some((_, found)) = begins {
                        return Some(found.clone());
                    }
                    // A label the wanted name ends with: "departureGate" → "Gate".
                    let ending = keys
                        .iter()
                        .filter(|(k, _)| k.chars().count() >= 4 && own.ends_with(k.as_str()))
                        .max_by_key(|(k, _)| k.len());
                    if let Some((_, found)) = ending {
                        return Some((*found).clone());
                    }
                    // A label holding the wanted name's words in order, with others between:
                    // "1st checked bag" for `firstBag`.
                    let spelled = map
                        .iter()
                        .filter(|(k, v)| !k.starts_with('@') && has_value(v))
                        .find(|(k, _)| spells_in_order(k, own));
                    if let Some((_, found)) = spelled {
                        return Some(found.clone());
                    }
                }
                queue.extend(
                    map.iter()
                        .filter(|(k, _)| !k.starts_with('@'))
                        .map(|(_, v)| v),
                );
            }
            Value::Array(list) => queue.extend(list.iter()),
            _ => {}
        }
    }
    None
}

/// A label's normalized form without the small words field names leave out:
/// "Years of experience" → "yearsexperience".
/// Whether the first two or more words of `label` (all but its last) spell the beginning of
/// `wanted` (a normalized name).
fn words_begin(label: &str, wanted: &str) -> bool {
    let words: Vec<String> = label.split_whitespace().map(normalized).collect();
    if words.len() < 3 {
        return false;
    }
    let mut prefix = String::new();
    for (count, word) in words[..words.len() - 1].iter().enumerate() {
        prefix.push_str(word);
        if !wanted.starts_with(prefix.as_str()) {
            return false;
        }
        if count >= 1 && prefix.len() >= 8 && prefix.len() < wanted.len() {
            return true;
        }
    }
    false
}

/// Whether two or more whole words of `label`, in order and with others between them, spell
/// `wanted` (a normalized name); ordinals count as words: "1st checked bag" spells "firstbag".
fn spells_in_order(label: &str, wanted: &str) -> bool {
    let mut rest = wanted;
    let mut used = 0;
    for word in label.split_whitespace().map(normalized) {
        let word = match word.as_str() {
            "1st" => "first",
            "2nd" => "second",
            "3rd" => "third",
            "4th" => "fourth",
            other => other,
        };
        if !word.is_empty() && rest.starts_with(word) {
            rest = &rest[word.len()..];
            used += 1;
        }
    }
    rest.is_empty() && used >= 2
}

fn without_small_words(label: &str) -> String {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && ![
                    "of", "the", "a", "an", "in", "on", "for", "to", "at", "we", "our", "your",
                ]
                .iter()
                .any(|small| w.eq_ignore_ascii_case(small))
        })
        .map(normalized)
        .collect()
}

fn has_value(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(list) => !list.is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_match_by_meaning() {
        assert!(aliases("price").contains(&"lowprice".to_string()));
        assert_eq!(aliases("title")[0], "title");
        assert!(aliases("Zip").contains(&"postalcode".to_string()));
        assert!(spells_in_order("1st checked bag", "firstbag"));
        assert!(spells_in_order("2nd checked bag", "secondbag"));
        assert!(!spells_in_order("Each additional bag", "firstbag"));
        assert!(!spells_in_order("Bag", "bag"));
        assert!(same_field("Colour", "color"));
        assert!(same_field("ramGB", "Memory"));
        assert!(same_field("weightKg", "Weight"));
        assert!(same_field("prepTimeMinutes", "Prep time"));
    }

    #[test]
    fn the_page_subject_wins_over_the_site_and_ids_resolve() {
        let page = json!({"jsonLd": [
            {"@type": "WebSite", "name": "ShopCo"},
            {"@type": "Article", "headline": "Real title", "author": {"@id": "#p"}},
            {"@type": "Person", "@id": "#p", "name": "Tom"}]});
        let sources = Sources::of_page(&page);
        assert_eq!(sources.find("title"), Some(json!("Real title")));
        assert_eq!(
            sources.find("author").and_then(|a| a.get("name").cloned()),
            Some(json!("Tom"))
        );
    }
}
