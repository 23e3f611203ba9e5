//! Turning page text into typed values: numbers written any way ("€1.299,00", "1 299,00 €",
//! "4.5 out of 5"), currencies from symbols, availability words to booleans, dates to ISO 8601.

use crate::sources::normalized;

/// The first number in `text`, with thousands separators and decimal commas understood:
/// "€1.299,00" → 1299.0, "$1,299.50" → 1299.5, "12,5" → 12.5, "4.5 out of 5" → 4.5.
pub fn parse_number(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    let negative = start > 0 && matches!(chars[start - 1], '-' | '−');
    let mut raw = String::new();
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || (matches!(c, '.' | ',') && next_is_digit) {
            raw.push(c);
        } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
            && group_follows(&chars[i + 1..])
        {
            // "1 299,00": a space (or apostrophe) followed by exactly three digits groups thousands.
        } else {
            break;
        }
        i += 1;
    }
    let (last_dot, last_comma) = (raw.rfind('.'), raw.rfind(','));
    let canonical = match (last_dot, last_comma) {
        (Some(dot), Some(comma)) if comma > dot => raw.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => raw.replace(',', ""),
        (None, Some(_)) if raw.matches(',').count() > 1 => raw.replace(',', ""),
        (None, Some(comma)) if raw.len() - comma - 1 == 3 => raw.replace(',', ""),
        (None, Some(_)) => raw.replace(',', "."),
        (Some(_), None) if raw.matches('.').count() > 1 => raw.replace('.', ""),
        _ => raw,
    };
    let value: f64 = canonical.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Words that follow a count of people or things: "12,384 ratings", "23 replies".
const COUNT_WORDS: [&str; 22] = [
    "rating",
    "review",
    "vote",
    "repl",
    "comment",
    "answer",
    "view",
    "download",
    "follower",
    "sold",
    "bought",
    "fork",
    "avis",
    "note",
    "bewertung",
    "rezension",
    "reseña",
    "valoracion",
    "valoración",
    "recensio",
    "beoordeling",
    "opinion",
];

/// The number counted in `text`: the one before a count word ("4.5 out of 5 stars 12,384
/// ratings" → 12384), or a whole short text such as "1.4k" or "2,3 Tsd." with its multiplier.
pub(crate) fn count_in(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let counted = words.windows(2).find_map(|pair| {
        let counts = COUNT_WORDS.iter().any(|w| pair[1].starts_with(w));
        (counts && pair[0].starts_with(|c: char| c.is_ascii_digit())).then_some(pair[0])
    });
    let number = counted.or(match words.as_slice() {
        [one] => Some(*one),
        _ => None,
    })?;
    let multiplier = match number.trim_end_matches('+').chars().last()? {
        'k' => 1_000.0,
        'm' => 1_000_000.0,
        c if c.is_ascii_digit() => 1.0,
        _ => return None,
    };
    let value = parse_number(number)?;
    if multiplier == 1.0 && value.fract() != 0.0 {
        // "1.204" alone: a thousands separator, left to the caller.
        return counted
            .and_then(|_| parse_number(&number.replace([',', '.'], "")))
            .map(|v| v as i64);
    }
    Some((value * multiplier).round() as i64)
}

/// The number just before one of `words` in `text`: "3 bd | 2 ba | 1,450 sqft" gives 3 for
/// `bd`, 1450 for `sqft`; "120 m²" gives 120 for `m²`. `words` are normalized field names.
pub(crate) fn number_before_word(text: &str, words: &[String]) -> Option<f64> {
    // "6.3-inch", "14-day": the number and its unit joined by a hyphen count as two words.
    let tokens: Vec<&str> = text
        .split_whitespace()
        .flat_map(|token| match token.split_once('-') {
            Some((number, unit))
                if number.starts_with(|c: char| c.is_ascii_digit())
                    && unit.starts_with(char::is_alphabetic) =>
            {
                vec![number, unit]
            }
            _ => vec![token],
        })
        .collect();
    tokens.windows(2).find_map(|pair| {
        let unit = normalized(pair[1]);
        // "1 day" for a field counted in days.
        let counts = !unit.is_empty()
            && (words.contains(&unit) || words.iter().any(|w| w.strip_suffix('s') == Some(&unit)));
        // "(212 opinii)", "[14 bids]": brackets around the pair are not part of the number.
        let number = pair[0]
            .trim_start_matches(['(', '['])
            .trim_end_matches(['+', ':']);
        (counts
            && number.starts_with(|c: char| c.is_ascii_digit())
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',')))
        .then(|| parse_number(number))
        .flatten()
    })
}

/// The whole number just after `word` in `text`: "Episode 142" gives 142 for "episode",
/// "Season #6" 6 for "season".
pub(crate) fn number_after_word(text: &str, word: &str) -> Option<i64> {
    // "Station n° 16107", "Stand Nr. 12": the word for "number" between is skipped.
    let tokens: Vec<&str> = text
        .split_whitespace()
        .filter(|t| !matches!(t.to_lowercase().as_str(), "n°" | "no." | "nr." | "nº" | "#"))
        .collect();
    tokens.windows(2).find_map(|pair| {
        let number = pair[1]
            .trim_start_matches(['#', '№'])
            .trim_end_matches([',', '.', ':']);
        (normalized(pair[0]) == word && number.chars().all(|c| c.is_ascii_digit()))
            .then(|| number.parse().ok())
            .flatten()
    })
}

/// A yes/no written as a mark: ✓ and ✔ are yes; ✗, ✕ and a lone dash are no.
pub(crate) fn check_mark(text: &str) -> Option<bool> {
    match text.trim() {
        "✓" | "✔" | "✔️" | "☑" | "✅" => Some(true),
        "✗" | "✕" | "✘" | "×" | "—" | "–" | "-" | "❌" => Some(false),
        _ => None,
    }
}

/// Whether a cell says something is included: "✔ Included in your quote", "Not included",
/// "inklusive", a tick or a cross; `None` when it says neither.
pub(crate) fn included(text: &str) -> Option<bool> {
    let t = normalized(text);
    const NO: &[&str] = &[
        "notincluded",
        "excluded",
        "nichtenthalten",
        "nichtinklusive",
        "noincluido",
        "noninclus",
        "noncompreso",
        "nietinbegrepen",
        "ikkeinkluderet",
    ];
    const YES: &[&str] = &[
        "included",
        "inclus",
        "enthalten",
        "inklusive",
        "incluido",
        "incluso",
        "compreso",
        "inbegrepen",
        "inkluderet",
        "ingår",
    ];
    if NO.iter().any(|w| t.contains(w)) {
        Some(false)
    } else if YES.iter().any(|w| t.contains(w)) {
        Some(true)
    } else {
        text.split_whitespace().find_map(check_mark)
    }
}

/// The score in a rating text: "4.5 out of 5 stars" → 4.5, "Rated 4.2/5" → 4.2.
pub(crate) fn rating_in(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    // "out of 5" in English, "4,6 von 5", "4,5 sur 5", "4,2 de 5", "4,1 su 5", "4,3 van 5".
    let written_scale = [
        " out of ", " von ", " sur ", " de ", " su ", " van ", " av ",
    ]
    .iter()
    .filter_map(|word| {
        let at = lower.find(word)?;
        let scale = lower[at + word.len()..].split_whitespace().next()?;
        matches!(scale, "5" | "10" | "5." | "10.").then_some(at)
    })
    .min();
    let at = written_scale.or_else(|| {
        ["/5", "/ 5", "/10", "/ 10"]
            .iter()
            .filter_map(|scale| {
                // "/5" but not the start of "/ 50 ml" (a price per unit).
                let at = lower.find(scale)?;
                let next = lower[at + scale.len()..].chars().next();
                (!next.is_some_and(|c| c.is_ascii_digit())).then_some(at)
            })
            .min()
    })?;
    let before = lower[..at].trim_end();
    let start = before
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let score = parse_number(&before[start..])?;
    (score <= 10.0).then_some(score)
}

fn group_follows(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(char::is_ascii_digit)
        && !rest.get(3).is_some_and(char::is_ascii_digit)
}

/// The amount written right after a currency sign: of "4.5 stars · $229", 229.
pub(crate) fn amount_after_symbol(text: &str) -> Option<f64> {
    let at = text.find(['€', '£', '$', '¥', '₹'])?;
    let sign = text[at..].chars().next()?;
    let after = &text[at + sign.len_utf8()..];
    let digit_soon = after.chars().take(2).any(|c| c.is_ascii_digit());
    digit_soon.then(|| range_side(after)).flatten()
}

/// The ISO 4217 code of the currency written in `text`: a code ("EUR", "usd") or a symbol.
pub(crate) fn currency_code(text: &str) -> Option<String> {
    const CODES: [&str; 16] = [
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
        "INR", "CNY", "BRL",
    ];
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        let upper = word.to_ascii_uppercase();
        if word.len() == 3 && CODES.contains(&upper.as_str()) {
            return Some(upper);
        }
    }
    const SYMBOLS: [(&str, &str); 10] = [
        ("US$", "USD"),
        ("C$", "CAD"),
        ("CA$", "CAD"),
        ("A$", "AUD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("₹", "INR"),
        ("R$", "BRL"),
        ("$", "USD"),
    ];
    SYMBOLS
        .iter()
        .find(|(symbol, _)| text.contains(symbol))
        .map(|(_, code)| code.to_string())
}

/// Whether a text says something is available: schema.org `InStock`, "In stock",
/// "available", "yes" → true; `OutOfStock`, "Sold out", "unavailable", "no" → false.
pub(crate) fn availability(text: &str) -> Option<bool> {
    let t = normalized(text);
    const NO: &[&str] = &[
        "outofstock",
        "waitlist",
        "waitinglist",
        "notaccepting",
        "notcurrentlyaccepting",
        "fullybooked",
        "uitverkocht",
        "nietleverbaar",
        "indisponible",
        "rupture",
        "ausverkauft",
        "agotado",
        "soldout",
        "unavailable",
        "notavailable",
        "discontinued",
        "notinstock",
        "nostock",
        "nichtverfügbar",
        "nietbeschikbaar",
        "nondisponible",
        "nodisponible",
        "nondisponibile",
        "esgotado",
        "vyprodáno",
        "wyprzedane",
        "udsolgt",
        "slutsåld",
        "false",
    ];
    const YES: &[&str] = &[
        "telecommute",
        "accepting",
        "remote",
        "instock",
        "enstock",
        "lieferbar",
        "auflager",
        "disponible",
        "limitedavailability",
        "onlineonly",
        "instoreonly",
        "available",
        "preorder",
        "presale",
        "true",
        "left",
        "opvoorraad",
        "leverbaar",
        "verfügbar",
        "wenigeplätze",
        "disponibile",
        "disponível",
        "skladem",
        "dostępny",
        "pålager",
    ];
    if NO.iter().any(|w| t.contains(w)) || t == "no" {
        return Some(false);
    }
    // "Yes, within EU time zones", "Nein (nur vor Ort)": the answer is the first word.
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    match first.as_deref() {
        Some("yes" | "ja" | "oui" | "sí" | "si" | "sì" | "sim" | "jazeker" | "tak") => {
            return Some(true);
        }
        Some("no" | "nein" | "non" | "nee" | "nej" | "nei" | "não" | "nie") => return Some(false),
        _ => {}
    }
    // A session's or a list's status "Open": places are available.
    if YES.iter().any(|w| t.contains(w))
        || matches!(
            t.as_str(),
            "yes" | "open" | "offen" | "ouvert" | "abierto" | "aperto"
        )
    {
        return Some(true);
    }
    None
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month names and abbreviations in other languages that the English three-letter prefixes
/// miss, as whole words (lowercase): Spanish, Portuguese, French, Italian, Dutch, German,
/// Danish, Swedish, Polish (both cases) and Czech (both cases). Abbreviations that are also
/// common words ("out", "set", "ago", "mag") are left out: "Sold out 12 March" is March.
#[rustfmt::skip]
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("enero", 1), ("ene", 1), ("gennaio", 1), ("janvier", 1), ("janv", 1),
    ("januar", 1), ("januari", 1), ("styczeń", 1), ("stycznia", 1), ("sty", 1), ("leden", 1), ("ledna", 1),
    ("fevereiro", 2), ("fev", 2), ("février", 2), ("févr", 2), ("fév", 2), ("febrero", 2),
    ("febbraio", 2), ("februar", 2), ("februari", 2), ("luty", 2), ("lutego", 2), ("lut", 2),
    ("únor", 2), ("února", 2),
    ("mars", 3), ("marzec", 3), ("marca", 3), ("březen", 3), ("března", 3),
    ("abril", 4), ("abr", 4), ("avril", 4), ("avr", 4), ("aprile", 4), ("kwiecień", 4),
    ("kwietnia", 4), ("kwi", 4), ("duben", 4), ("dubna", 4),
    ("mayo", 5), ("maio", 5), ("mai", 5), ("maggio", 5), ("mei", 5), ("maj", 5),
    ("maja", 5), ("květen", 5), ("května", 5),
    ("junio", 6), ("junho", 6), ("juin", 6), ("giugno", 6), ("giu", 6), ("juni", 6),
    ("czerwiec", 6), ("czerwca", 6), ("cze", 6), ("červen", 6), ("června", 6),
    ("julio", 7), ("julho", 7), ("juillet", 7), ("juil", 7), ("luglio", 7), ("lug", 7), ("juli", 7),
    ("lipiec", 7), ("lipca", 7), ("červenec", 7), ("července", 7),
    ("agosto", 8), ("août", 8), ("augustus", 8), ("sierpień", 8), ("sierpnia", 8),
    ("srpen", 8), ("srpna", 8),
    ("septiembre", 9), ("setembro", 9), ("settembre", 9), ("wrzesień", 9),
    ("września", 9), ("wrz", 9), ("září", 9),
    ("octubre", 10), ("outubro", 10), ("octobre", 10), ("ottobre", 10), ("ott", 10),
    ("oktober", 10), ("okt", 10), ("październik", 10), ("października", 10), ("paź", 10),
    ("říjen", 10), ("října", 10),
    ("noviembre", 11), ("novembro", 11), ("listopad", 11), ("listopada", 11),
    ("diciembre", 12), ("dic", 12), ("dezembro", 12), ("dez", 12), ("décembre", 12), ("déc", 12),
    ("dicembre", 12), ("dezember", 12), ("grudzień", 12), ("grudnia", 12), ("gru", 12),
    ("prosinec", 12), ("prosince", 12),
];

/// The month a word names: a whole foreign name or abbreviation, else an English name by its
/// first three letters ("Sept.", "März").
fn month_number(lower: &str) -> Option<u32> {
    if let Some((_, m)) = FOREIGN_MONTHS.iter().find(|(name, _)| *name == lower) {
        return Some(*m);
    }
    if lower.chars().count() < 3 {
        return None;
    }
    let prefix: String = lower.chars().take(3).collect::<String>().replace('ä', "a");
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .and_then(|m| u32::try_from(m + 1).ok())
}

/// Which end of a range a field wants: `salaryMin` the low one, `priceTo` the high one.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum RangeEnd {
    Low,
    High,
}

pub(crate) fn range_end(normalized_name: &str) -> Option<RangeEnd> {
    let n = normalized_name;
    let low = ["min", "minimum", "from", "lowest"];
    let high = ["max", "maximum", "to", "highest"];
    if low.iter().any(|w| n.ends_with(w)) || n.starts_with("min") {
        Some(RangeEnd::Low)
    } else if high.iter().any(|w| n.ends_with(w)) || n.starts_with("max") {
        Some(RangeEnd::High)
    } else {
        None
    }
}

/// One end of a range written as "72.000 – 88.000 €", "$20 to $30", "10-12 Jahre".
pub(crate) fn range_number(text: &str, end: RangeEnd) -> Option<f64> {
    let (low, high) = [" – ", "–", " — ", " - ", " to ", " bis ", " à ", " a "]
        .iter()
        .find_map(|separator| text.split_once(separator))?;
    let (low, high) = (range_side(low)?, range_side(high)?);
    Some(if end == RangeEnd::Low { low } else { high })
}

/// An amount of money: "1.350 €/mese" is 1350 (money is not written with three decimals).
pub(crate) fn money_amount(text: &str) -> Option<f64> {
    currency_code(text).and_then(|_| range_side(text))
}

/// One side of a range; "72.000" is seventy-two thousand there (a range of 72 to 88 would
/// not be written with three decimals).
fn range_side(text: &str) -> Option<f64> {
    let token: String = text
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    // "€ 2.499,-": Dutch prices end a whole amount with ",-".
    let token = token.trim_end_matches(['.', ',']);
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    let thousands = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        return groups.concat().parse().ok();
    }
    parse_number(text)
}

/// The version number in "Versão 5.2.1", "v3.0.0" or "Release 2.14.0-beta.2": digits with
/// at least one dot, and any pre-release or build suffix; `None` when there is none.
pub(crate) fn version_number(text: &str) -> Option<&str> {
    text.split_whitespace().find_map(|word| {
        let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ':' | ';'));
        let number = word
            .strip_prefix(['v', 'V'])
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(word);
        let digits_end = number
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(number.len());
        let core = number[..digits_end].trim_end_matches('.');
        let parts: Vec<&str> = core.split('.').collect();
        let is_version = parts.len() >= 2 && parts.iter().all(|p| !p.is_empty());
        let suffix_ok = number[digits_end..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'));
        (is_version && suffix_ok).then_some(number.trim_end_matches('.'))
    })
}

/// The end of a written date range, completed from its start: "June 22 – June 26, 2026" →
/// "June 26, 2026", "22–26 June 2026" → "26 June 2026", "June 22–26, 2026" → "June 26, 2026".
/// `None` when `text` is not a range of dates.
pub(crate) fn date_range_end(text: &str) -> Option<String> {
    date_range(text).map(|(_, end)| end)
}

/// The start of a written date range, completed from its end: "9–15 March 2026" → "9 March
/// 2026", "June 22–26, 2026" → "June 22 2026".
pub(crate) fn date_range_start(text: &str) -> Option<String> {
    date_range(text).map(|(start, _)| start)
}

/// Both ends of a written date range, each completed with the month and year the other one
/// gives.
fn date_range(text: &str) -> Option<(String, String)> {
    if find_iso(text).is_some() {
        return None;
    }
    let (start, end) = [
        " – ", "–", " — ", " - ", " to ", " until ", " bis ", " au ", " al ",
    ]
    .iter()
    .find_map(|separator| {
        text.split_once(separator).filter(|(start, end)| {
            start.chars().any(|c| c.is_ascii_digit()) && end.chars().any(|c| c.is_ascii_digit())
        })
    })?;
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let month_of = |s: &str| words(s).into_iter().find(|w| month_number(w).is_some());
    let year_of = |s: &str| {
        words(s)
            .into_iter()
            .find(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..3000).contains(&y)))
    };
    let (start, mut end) = (start.trim().to_string(), end.trim().to_string());
    if month_of(&end).is_none() {
        end = format!("{} {end}", month_of(&start)?);
    }
    if year_of(&end).is_none() {
        end = format!("{end} {}", year_of(&start)?);
    }
    let mut start_full = start.clone();
    if month_of(&start).is_none() {
        start_full = format!("{start} {}", month_of(&end)?);
    }
    if year_of(&start).is_none() {
        start_full = format!("{start_full} {}", year_of(&end)?);
    }
    Some((start_full, end))
}

/// The clock time ("16:00", "2:11:04") in `text`: the last one when `end` asks for the high end of a
/// range ("16:00–16:30" for `endTime`), else the first; `None` when there is none or the
/// text is a date.
pub(crate) fn clock_time(text: &str, end: Option<RangeEnd>) -> Option<&str> {
    if find_iso(text).is_some() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut times = (0..bytes.len()).filter_map(|at| {
        let starts_number = at == 0 || !bytes[at - 1].is_ascii_digit();
        let hour_len = (1..=2).rev().find(|&n| {
            bytes
                .get(at..at + n)
                .is_some_and(|h| h.iter().all(u8::is_ascii_digit))
        })?;
        let colon = at + hour_len;
        let minutes = bytes.get(colon + 1..colon + 3)?;
        // Seconds stay: "2:11:04" is a time too.
        let seconds = bytes.get(colon + 3) == Some(&b':')
            && bytes
                .get(colon + 4..colon + 6)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let end = if seconds { colon + 6 } else { colon + 3 };
        let ends_number = !bytes.get(end).is_some_and(u8::is_ascii_digit);
        (starts_number
            && bytes[colon] == b':'
            && minutes.iter().all(u8::is_ascii_digit)
            && ends_number)
            .then(|| &text[at..end])
    });
    if end == Some(RangeEnd::High) {
        times.next_back()
    } else {
        times.next()
    }
}

/// A date in `text` as ISO 8601. An ISO date or date-time is kept (cut to the date when
/// `date_only`); "March 5, 2024", "5 March 2024", "5. März"… become "2024-03-05".
pub(crate) fn iso_date(text: &str, date_only: bool) -> Option<String> {
    let t = text.trim();
    if let Some(at) = find_iso(t) {
        let rest = &t[at..];
        return Some(if date_only || at > 0 {
            rest[..10].to_string()
        } else {
            rest.split_whitespace().next().unwrap_or(rest).to_string()
        });
    }
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for word in t.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        // "1st", "22nd", "3rd", "4th": the day.
        let word = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))
            .filter(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or(word);
        if let Ok(n) = word.parse::<u32>() {
            if word.len() == 4 && (1000..3000).contains(&n) {
                year = year.or(Some(n));
            } else if (1..=31).contains(&n) && word.len() <= 2 {
                day = day.or(Some(n));
            }
        } else if let Some(m) = month_number(&lower) {
            month = month.or(Some(m));
        }
    }
    if month.is_none() {
        return numeric_date(t);
    }
    let (year, month, day) = (year?, month?, day?);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// "17/08/1998", "5.3.2024", "2024/03/05" as ISO 8601. Day and month are told apart only
/// when one of them is above 12 or the separator is a dot (day first, as everywhere that
/// writes dots); "03/11/2025" could be either, so it is left alone rather than guessed.
fn numeric_date(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
        .collect();
    let token = token.trim_end_matches(['.', '/', '-']);
    let separator = token.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = token.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        let (first, second) = (number(a)?, number(b)?);
        if first > 12 || separator == '.' {
            (number(c)?, second, first)
        } else if second > 12 {
            (number(c)?, first, second)
        } else {
            return None;
        }
    } else {
        return None;
    };
    let valid =
        (1000..3000).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Byte offset of the first "YYYY-MM-DD" in `text`.
fn find_iso(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find(|&i| {
        let d = |j: usize| b[i + j].is_ascii_digit();
        d(0) && d(1)
            && d(2)
            && d(3)
            && b[i + 4] == b'-'
            && d(5)
            && d(6)
            && b[i + 7] == b'-'
            && d(8)
            && d(9)
            && (i == 0 || !b[i - 1].is_ascii_digit())
    })
}

/// Whether a short text says a yes/no field's words: "Registration required – spaces are
/// limited" → yes; "No registration required" → no; `None` when the words are not there.
pub(crate) fn phrase_answer(text: &str, words: &[String]) -> Option<bool> {
    if text.chars().count() > 200 {
        return None;
    }
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let at = tokens.windows(words.len()).position(|w| w == words)?;
    let negated = tokens[..at].iter().rev().take(2).any(|w| {
        matches!(
            w.as_str(),
            "no" | "not" | "without" | "non" | "kein" | "keine" | "sans"
        )
    });
    Some(!negated)
}

/// "Jonas Meyer, Senior Mobile Editor · Published 5 March 2026" → "Jonas Meyer": a byline's
/// name without the job title and the date after it ("Priya Raman, Tom Eckersley" stays).
pub(crate) fn without_role(text: &str) -> &str {
    const ROLES: &[&str] = &[
        "editor",
        "reporter",
        "correspondent",
        "writer",
        "journalist",
        "curator",
        "columnist",
        "contributor",
        "critic",
        "analyst",
        "professor",
        "pharmacist",
        "doctor",
        "director",
        "manager",
        "founder",
        "engineer",
        "researcher",
        "scientist",
        "lecturer",
        "chief",
        "head",
        "staff",
        "author",
    ];
    let text = [" · ", " | ", " • "]
        .iter()
        .find_map(|separator| text.split_once(separator).map(|(name, _)| name.trim()))
        .unwrap_or(text);
    match text.split_once(", ") {
        Some((name, role))
            if role
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| ROLES.contains(&word.to_lowercase().as_str())) =>
        {
            name.trim()
        }
        _ => text,
    }
}

pub(crate) fn is_iso_date(text: &str) -> bool {
    find_iso(text) == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_written_any_way_become_numbers() {
        assert_eq!(parse_number("€1.299,00"), Some(1299.0));
        assert_eq!(parse_number("$1,299.50"), Some(1299.5));
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("1 299,00 €"), Some(1299.0));
        assert_eq!(parse_number("CHF 1'250.–"), Some(1250.0));
        assert_eq!(parse_number("4.5 out of 5"), Some(4.5));
        assert_eq!(parse_number("709,037"), Some(709037.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("-3.5 °C"), Some(-3.5));
        assert_eq!(parse_number("free"), None);
    }

    #[test]
    fn the_amount_next_to_the_currency_sign_is_the_price() {
        assert_eq!(amount_after_symbol("4.5 stars · $229"), Some(229.0));
        assert_eq!(amount_after_symbol("€ 1.299,00"), Some(1299.0));
        assert_eq!(amount_after_symbol("12,90 €"), None);
    }

    #[test]
    fn counts_are_the_numbers_before_count_words() {
        assert_eq!(count_in("4.5 out of 5 stars 12,384 ratings"), Some(12384));
        assert_eq!(count_in("1.4k views"), Some(1400));
        assert_eq!(count_in("4.8k"), Some(4800));
        assert_eq!(count_in("23 replies"), Some(23));
        assert_eq!(count_in("Sky Blue"), None);
        assert_eq!(count_in("4.5"), None);
    }

    #[test]
    fn numbers_are_read_before_their_unit_and_marks_are_yes_or_no() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let facts = "3 bd | 2 ba | 1,450 sqft";
        assert_eq!(number_before_word(facts, &words(&["sqft"])), Some(1450.0));
        assert_eq!(
            number_before_word(facts, &words(&["ba", "baths"])),
            Some(2.0)
        );
        assert_eq!(
            number_before_word("Piso de 120 m² en Goya", &words(&["m²"])),
            Some(120.0)
        );
        assert_eq!(number_before_word("3 bd", &words(&["sqft"])), None);
        assert_eq!(
            number_before_word("★★★★★ 4,7/5 (212 opinii)", &words(&["opinii"])),
            Some(212.0)
        );
        assert_eq!(number_after_word("Episode 142", "episode"), Some(142));
        assert_eq!(number_after_word("Season #6 · 58 min", "season"), Some(6));
        assert_eq!(number_after_word("Episodes galore", "episode"), None);
        assert_eq!(
            number_after_word("Station n° 16107 · 12 place du Marché", "station"),
            Some(16107)
        );
        assert_eq!(
            number_before_word("6.3-inch OLED, 120Hz", &words(&["inch"])),
            Some(6.3)
        );
        assert_eq!(
            number_before_word("Start your 14-day free trial", &words(&["days"])),
            Some(14.0)
        );
        assert_eq!(number_before_word("2026-03-03 day", &words(&["day"])), None);
        assert_eq!(check_mark(" ✓ "), Some(true));
        assert_eq!(check_mark("—"), Some(false));
        assert_eq!(check_mark("yes"), None);
    }

    #[test]
    fn ratings_are_the_score_before_the_scale() {
        assert_eq!(rating_in("4.5 out of 5 stars"), Some(4.5));
        assert_eq!(rating_in("Rated 4.2/5 by 80 guests"), Some(4.2));
        assert_eq!(rating_in("Score 9,1 / 10"), Some(9.1));
        assert_eq!(rating_in("4 out of 5 dentists"), Some(4.0));
        assert_eq!(rating_in("In stock"), None);
        // A unit price is not a rating, and a currency sign before it is not cut in half.
        assert_eq!(rating_in("49,70 € / 50 ml"), None);
        assert_eq!(rating_in("Note : 4,5/5 ★"), Some(4.5));
        assert_eq!(rating_in("€4/5"), Some(4.0));
        assert_eq!(
            rating_in("★★★★★ 4,6 von 5 Sternen (318 Bewertungen)"),
            Some(4.6)
        );
        assert_eq!(rating_in("4,5 sur 5"), Some(4.5));
        // "de" before a year is not a scale.
        assert_eq!(rating_in("3 de 2026"), None);
    }

    #[test]
    fn currencies_come_from_codes_and_symbols() {
        assert_eq!(currency_code("€4,50").as_deref(), Some("EUR"));
        assert_eq!(money_amount("1.350 €/mese"), Some(1350.0));
        assert_eq!(money_amount("1.299,00 €"), Some(1299.0));
        assert_eq!(money_amount("12.99 €"), Some(12.99));
        assert_eq!(money_amount("1.350 kg"), None);
        assert_eq!(money_amount("€ 2.499,-"), Some(2499.0));
        assert_eq!(amount_after_symbol("Van € 2.799,- voor"), Some(2799.0));
        assert_eq!(currency_code("19.99 USD").as_deref(), Some("USD"));
        assert_eq!(currency_code("£329.00").as_deref(), Some("GBP"));
        assert_eq!(currency_code("C$42").as_deref(), Some("CAD"));
        assert_eq!(currency_code("$9").as_deref(), Some("USD"));
        assert_eq!(currency_code("9.99"), None);
    }

    #[test]
    fn availability_words_become_booleans() {
        assert_eq!(availability("https://schema.org/InStock"), Some(true));
        assert_eq!(availability("In stock"), Some(true));
        assert_eq!(availability("Only 3 left – in stock"), Some(true));
        assert_eq!(availability("Out of stock"), Some(false));
        assert_eq!(availability("Sold out"), Some(false));
        assert_eq!(availability("http://schema.org/OutOfStock"), Some(false));
        assert_eq!(availability("Ships in 3 days"), None);
    }

    #[test]
    fn ranges_give_the_end_the_field_asks_for() {
        let salary = "72.000 – 88.000 € gross per year";
        assert_eq!(range_end("salarymin"), Some(RangeEnd::Low));
        assert_eq!(range_end("maxguests"), Some(RangeEnd::High));
        assert_eq!(range_end("salary"), None);
        assert_eq!(range_number(salary, RangeEnd::Low), Some(72000.0));
        assert_eq!(range_number(salary, RangeEnd::High), Some(88000.0));
        assert_eq!(range_number("$20 to $30", RangeEnd::High), Some(30.0));
        assert_eq!(range_number("€45", RangeEnd::Low), None);
    }

    #[test]
    fn yes_and_no_answers_are_booleans() {
        assert_eq!(
            availability("Not currently accepting – join our waiting list"),
            Some(false)
        );
        assert_eq!(availability("Accepting"), Some(true));
        assert_eq!(availability("Fully booked"), Some(false));
        assert_eq!(availability("Yes, within EU time zones"), Some(true));
        assert_eq!(availability("Nein (nur vor Ort)"), Some(false));
        assert_eq!(availability("Nothing"), None);
    }

    #[test]
    fn date_ranges_end_on_their_last_day() {
        let end = |t: &str| date_range_end(t).and_then(|e| iso_date(&e, true));
        assert_eq!(
            end("June 22 – June 26, 2026").as_deref(),
            Some("2026-06-26")
        );
        assert_eq!(end("June 29 – July 2, 2026").as_deref(), Some("2026-07-02"));
        assert_eq!(end("22–26 June 2026").as_deref(), Some("2026-06-26"));
        assert_eq!(end("June 22–26, 2026").as_deref(), Some("2026-06-26"));
        assert_eq!(
            end("28 Dec 2025 – 3 Jan 2026").as_deref(),
            Some("2026-01-03")
        );
        assert_eq!(end("14–15 marca 2026").as_deref(), Some("2026-03-15"));
        let start = |t: &str| date_range_start(t).and_then(|e| iso_date(&e, true));
        assert_eq!(start("9–15 March 2026").as_deref(), Some("2026-03-09"));
        assert_eq!(start("June 22–26, 2026").as_deref(), Some("2026-06-22"));
        assert_eq!(start("14–15 marca 2026").as_deref(), Some("2026-03-14"));
        assert_eq!(
            start("28 Dec 2025 – 3 Jan 2026").as_deref(),
            Some("2025-12-28")
        );
        assert_eq!(
            start("valid 27 October 2025 – 28 March 2026").as_deref(),
            Some("2025-10-27")
        );
        assert_eq!(date_range_end("2026-06-22"), None);
        assert_eq!(date_range_end("June 22, 2026"), None);
    }

    #[test]
    fn version_numbers_and_clock_times_are_found_in_their_text() {
        assert_eq!(version_number("Versão 5.2.1"), Some("5.2.1"));
        assert_eq!(version_number("v3.0.0"), Some("3.0.0"));
        assert_eq!(
            version_number("Release 2.14.0-beta.2 (preview)"),
            Some("2.14.0-beta.2")
        );
        assert_eq!(version_number("Version 7"), None);
        assert_eq!(clock_time("16:00–16:30", None), Some("16:00"));
        assert_eq!(
            clock_time("16:00–16:30", Some(RangeEnd::High)),
            Some("16:30")
        );
        assert_eq!(clock_time("14:35 +3", None), Some("14:35"));
        assert_eq!(clock_time("9:05 am", None), Some("9:05"));
        assert_eq!(clock_time("2026-03-14T19:30", None), None);
        assert_eq!(clock_time("2:11:04 (PB)", None), Some("2:11:04"));
        assert_eq!(clock_time("Daily", None), None);
    }

    #[test]
    fn dates_become_iso_8601() {
        assert_eq!(
            iso_date("17/08/1998 (26)", true).as_deref(),
            Some("1998-08-17")
        );
        assert_eq!(
            iso_date("Due 08/17/1998", true).as_deref(),
            Some("1998-08-17")
        );
        assert_eq!(iso_date("5.3.2024", true).as_deref(), Some("2024-03-05"));
        // Month names in other languages; an English word that abbreviates one elsewhere
        // ("out", October in Portuguese) is not taken for it.
        for (text, iso) in [
            ("3 de março de 2026", "2026-03-03"),
            ("22 ene 2026", "2026-01-22"),
            ("8. října 2025", "2025-10-08"),
            ("14–15 marca 2026", "2026-03-14"),
            ("1 juillet 2026", "2026-07-01"),
            ("Sold out 12 March 2026", "2026-03-12"),
        ] {
            assert_eq!(iso_date(text, true).as_deref(), Some(iso), "{text}");
        }
        assert_eq!(iso_date("2024/03/05", true).as_deref(), Some("2024-03-05"));
        assert_eq!(
            iso_date("03/11/2025", true),
            None,
            "day or month first: not guessed"
        );
        assert_eq!(iso_date("1/2", true), None);
        assert_eq!(
            iso_date("March 5, 2024", true).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso_date("Published 5 March 2024", false).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            iso_date("12 June 2025", true).as_deref(),
            Some("2025-06-12")
        );
        assert_eq!(
            iso_date("2025-02-11T18:30:00+01:00", false).as_deref(),
            Some("2025-02-11T18:30:00+01:00")
        );
        assert_eq!(
            iso_date("2025-02-11T18:30:00+01:00", true).as_deref(),
            Some("2025-02-11")
        );
        assert_eq!(iso_date("soon", true), None);
        assert_eq!(
            iso_date("Table last updated: 1st March 2026", true).as_deref(),
            Some("2026-03-01")
        );
        assert_eq!(
            iso_date("Wednesday, 22nd April 2026", true).as_deref(),
            Some("2026-04-22")
        );
    }
}
