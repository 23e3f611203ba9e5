//! The town and postal code of an address written on one line: "1180 Moss Glen Rd, Stowe,
//! VT 05672", "Wiener Straße 18, 10999 Berlin", "Storgata 14, 0184 Oslo, Norway".

/// Which part of an address is wanted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    Street,
    City,
    PostalCode,
}

/// The part of the address in `text`, when `text` holds a postal code with its town: a
/// European "10999 Berlin" / "D-10999 Berlin" / "30-001 Kraków", or an American
/// "Denver, CO 80206" (the town is the segment before the state).
pub(crate) fn part(text: &str, wanted: Part) -> Option<String> {
    let segments: Vec<&str> = text
        .split([',', '·', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let pick = |code: &str, town: String| match wanted {
        Part::City => town,
        Part::PostalCode => code.to_string(),
        // "455 Front Street, Riverton, MD 21201": the part before the first comma, when it
        // has a house number and is not the town itself.
        Part::Street => segments
            .first()
            .filter(|first| first.chars().any(|c| c.is_ascii_digit()) && !first.contains(code))
            .map_or_else(String::new, |first| first.to_string()),
    };
    // American first: in "1180 Moss Glen Rd, Stowe, VT 05672" the house number is no code.
    for (at, segment) in segments.iter().enumerate().skip(1) {
        if let Some(code) = state_then_zip(segment)
            && let Some(town) = town_at_end(segments[at - 1])
        {
            return Some(pick(code, town));
        }
    }
    segments
        .iter()
        .find_map(|segment| code_then_town(segment))
        .map(|(code, town)| pick(code, town.to_string()))
        .filter(|found| !found.is_empty())
}

/// "10999 Berlin", "D-10999 Berlin", "30-001 Kraków": (code, town).
fn code_then_town(segment: &str) -> Option<(&str, &str)> {
    let (code, town) = segment.split_once(' ')?;
    let digits = code.rsplit('-').next().unwrap_or(code);
    let polish = code.len() == 6 && code.as_bytes()[2] == b'-';
    let country_prefix = code.len() > digits.len() + 1
        && code[..code.len() - digits.len() - 1]
            .chars()
            .all(|c| c.is_ascii_uppercase());
    let plain = code == digits;
    let code_ok = (4..=5).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && (plain || country_prefix)
        || polish && code.chars().filter(char::is_ascii_digit).count() == 5;
    let town = town.trim();
    // A town has a capital and small letters: "2500 Kč" and "1299 EUR" are prices.
    let street = [
        "Rd", "St", "Ave", "Road", "Street", "Lane", "Drive", "Way", "Blvd",
    ];
    let town_ok = town.chars().next().is_some_and(char::is_uppercase)
        && !town
            .split_whitespace()
            .last()
            .is_some_and(|w| street.contains(&w))
        && town.chars().filter(|c| c.is_lowercase()).count() >= 2
        && !town.chars().any(|c| c.is_ascii_digit())
        && town.split_whitespace().count() <= 4;
    (code_ok && town_ok).then_some((code, town))
}

/// "CO 80206", "VT 05672-1234": the ZIP code after a two-letter state.
fn state_then_zip(segment: &str) -> Option<&str> {
    let (state, zip) = segment.split_once(' ')?;
    let state_ok = state.len() == 2 && state.chars().all(|c| c.is_ascii_uppercase());
    let five = zip.split('-').next().unwrap_or(zip);
    let zip_ok = five.len() == 5 && zip.chars().all(|c| c.is_ascii_digit() || c == '-');
    (state_ok && zip_ok).then_some(zip)
}

/// The words after the last one holding a digit: "Stowe", "Suite 310 Denver" → "Denver".
fn town_at_end(segment: &str) -> Option<String> {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let start = words
        .iter()
        .rposition(|w| w.chars().any(|c| c.is_ascii_digit()))
        .map_or(0, |at| at + 1);
    let town = words[start..].join(" ");
    town.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(town)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Option<String>, Option<String>) {
        (part(text, Part::City), part(text, Part::PostalCode))
    }

    #[test]
    fn european_and_american_addresses_give_their_town_and_postal_code() {
        let some = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
        assert_eq!(
            both("Wiener Straße 18, 10999 Berlin"),
            some("Berlin", "10999")
        );
        assert_eq!(both("Storgata 14, 0184 Oslo, Norway"), some("Oslo", "0184"));
        assert_eq!(both("ul. Długa 5, 30-001 Kraków"), some("Kraków", "30-001"));
        assert_eq!(
            both("Pinecrest Woods, 1180 Moss Glen Rd, Stowe, VT 05672"),
            some("Stowe", "05672")
        );
        assert_eq!(
            both("2955 E 1st Ave, Suite 310 Denver, CO 80206"),
            some("Denver", "80206")
        );
        assert_eq!(
            part("Wiener Straße 18, 10999 Berlin", Part::Street).as_deref(),
            Some("Wiener Straße 18")
        );
        assert_eq!(part("Solbjerg, 8355 Solbjerg", Part::Street), None);
        assert_eq!(part("8355 Solbjerg", Part::Street), None);
        assert_eq!(
            both("Kiezwerk GmbH · Wiener Straße 18, 10999 Berlin · hello@kiezwerk.example"),
            some("Berlin", "10999")
        );
    }

    #[test]
    fn numbers_that_are_not_postal_codes_are_left_alone() {
        assert_eq!(both("Open 2026 Season"), (None, None));
        assert_eq!(both("1180 Moss Glen Rd"), (None, None));
        assert_eq!(both("Tickets from 2500 Kč"), (None, None));
        assert_eq!(both("2500 Kč"), (None, None));
        assert_eq!(both("1299 EUR"), (None, None));
        assert_eq!(both("Lisbon Airport (LIS)"), (None, None));
    }
}
