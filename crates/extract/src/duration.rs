//! Durations for fields named after their unit: `cookTimeMinutes` from "1 hr 5 mins" is 65,
//! `runtimeHours` from "PT2H30M" is 2.5.

/// Seconds in the time unit a field name ends with ("prepTimeMinutes" → 60), if any.
pub(crate) fn unit_of_field(normalized_name: &str) -> Option<f64> {
    const ENDINGS: &[(&str, f64)] = &[
        ("minutes", 60.0),
        ("mins", 60.0),
        ("min", 60.0),
        ("hours", 3600.0),
        ("hrs", 3600.0),
        ("seconds", 1.0),
        ("secs", 1.0),
        ("days", 86400.0),
    ];
    ENDINGS
        .iter()
        .find(|(ending, _)| {
            normalized_name
                .strip_suffix(ending)
                .is_some_and(|rest| !rest.is_empty())
        })
        .map(|(_, seconds)| *seconds)
}

/// The length of `text` in seconds: ISO 8601 ("PT1H5M") or written out ("1 hr 5 mins",
/// "1h30", "45 minutes"). `None` when no part of it names a unit.
pub(crate) fn seconds_in(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(iso) = text.strip_prefix('P').or_else(|| text.strip_prefix('p')) {
        return iso_seconds(iso);
    }
    written_seconds(text)
}

fn iso_seconds(iso: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in iso.chars() {
        match c.to_ascii_uppercase() {
            'T' => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            unit => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                total += value
                    * match (unit, in_time) {
                        ('W', false) => 604_800.0,
                        ('D', false) => 86_400.0,
                        ('H', true) => 3600.0,
                        ('M', true) => 60.0,
                        ('S', true) => 1.0,
                        _ => return None,
                    };
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(total)
}

fn written_seconds(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let mut total = 0.0;
    let mut any = false;
    let mut rest = lower.as_str();
    // The number after "1h" with no unit of its own ("1h30") is minutes.
    let mut bare_after_hours = false;
    loop {
        let start = rest.find(|c: char| c.is_ascii_digit())?;
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let value: f64 = rest[..end].replace(',', ".").parse().ok()?;
        rest = rest[end..].trim_start();
        let word_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        rest = &rest[word_end..];
        let unit = match word {
            "d" | "day" | "days" => Some(86_400.0),
            "h" | "hr" | "hrs" | "hour" | "hours" | "std" | "stunde" | "stunden" | "heure"
            | "heures" | "uur" => Some(3600.0),
            "m" | "min" | "mins" | "minute" | "minutes" | "minuten" | "minuti" | "minutos" => {
                Some(60.0)
            }
            "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0),
            "" if bare_after_hours => Some(60.0),
            _ => None,
        };
        let Some(unit) = unit else {
            return any.then_some(total);
        };
        bare_after_hours = unit == 3600.0 && word.len() == 1 && !rest.starts_with(' ');
        total += value * unit;
        any = true;
        if !rest.contains(|c: char| c.is_ascii_digit()) {
            return Some(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_and_iso_durations_in_seconds() {
        assert_eq!(seconds_in("1 hr 5 mins"), Some(3900.0));
        assert_eq!(seconds_in("PT1H5M"), Some(3900.0));
        assert_eq!(seconds_in("P1DT2H"), Some(93_600.0));
        assert_eq!(seconds_in("45 minutes"), Some(2700.0));
        assert_eq!(seconds_in("1h30"), Some(5400.0));
        assert_eq!(seconds_in("2 Std. 15 Min."), Some(8100.0));
        assert_eq!(seconds_in("Serves 4"), None);
        assert_eq!(seconds_in("4"), None);
    }

    #[test]
    fn only_names_ending_in_a_unit_ask_for_one() {
        assert_eq!(unit_of_field("cooktimeminutes"), Some(60.0));
        assert_eq!(unit_of_field("runtimehours"), Some(3600.0));
        assert_eq!(unit_of_field("minutes"), None);
        assert_eq!(unit_of_field("pricepermonth"), None);
    }
}
