//! Character references (`&amp;`, `&#38;`, `&#x26;`, legacy `&amp` without semicolon),
//! decoded the way the HTML standard (and html5ever) does, with html5ever's own entity table.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Longest entity name in the table (`CounterClockwiseContourIntegral;`), plus slack.
const MAX_NAME: usize = 40;

/// Decodes the character reference whose text starts at `s` (just after the `&`), appending
/// the characters to `out`. Returns the number of bytes consumed, or `None` when `s` does not
/// start a reference (the `&` is then literal text).
///
/// `in_attr`: inside an attribute value a named reference without `;` followed by `=` or an
/// alphanumeric stays literal, for historical reasons (`?a=1&copy=2` keeps its `&copy`).
pub(super) fn decode(s: &str, in_attr: bool, out: &mut String) -> Option<usize> {
    let bytes = s.as_bytes();
    match bytes.first()? {
        b'#' => numeric(bytes, out),
        b if b.is_ascii_alphanumeric() => named(s, in_attr, out),
        _ => None,
    }
}

fn numeric(bytes: &[u8], out: &mut String) -> Option<usize> {
    let (hex, start) = match bytes.get(1) {
        Some(b'x' | b'X') => (true, 2),
        _ => (false, 1),
    };
    let mut value: u32 = 0;
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        let digit = if hex {
            (b as char).to_digit(16)
        } else {
            (b as char).to_digit(10)
        };
        let Some(digit) = digit else { break };
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(digit);
        end += 1;
    }
    if end == start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    out.push(numeric_char(value));
    Some(end)
}

/// The character a numeric reference stands for, with the standard's replacements.
fn numeric_char(value: u32) -> char {
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => C1_REPLACEMENTS[(value - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}')),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

fn named(s: &str, in_attr: bool, out: &mut String) -> Option<usize> {
    let bytes = s.as_bytes();
    // The table holds every prefix of every name (mapped to (0, 0)), so the walk stops as
    // soon as no longer name can match; the last full match wins.
    let mut best: Option<(usize, u32, u32)> = None;
    let mut len = 0;
    while len < bytes.len().min(MAX_NAME) {
        let b = bytes[len];
        if !(b.is_ascii_alphanumeric() || b == b';') {
            break;
        }
        len += 1;
        match NAMED_ENTITIES.get(&s[..len]) {
            Some(&(0, _)) => {}
            Some(&(c1, c2)) => best = Some((len, c1, c2)),
            None => break,
        }
        if b == b';' {
            break;
        }
    }
    let (len, c1, c2) = best?;
    if bytes[len - 1] != b';'
        && in_attr
        && let Some(&next) = bytes.get(len)
        && (next == b'=' || next.is_ascii_alphanumeric())
    {
        return None;
    }
    out.push(char::from_u32(c1).unwrap_or('\u{fffd}'));
    if c2 != 0 {
        out.push(char::from_u32(c2).unwrap_or('\u{fffd}'));
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, in_attr: bool) -> (String, Option<usize>) {
        let mut out = String::new();
        let used = decode(s, in_attr, &mut out);
        (out, used)
    }

    #[test]
    fn named_and_numeric_references_decode() {
        assert_eq!(text("amp;x", false), ("&".into(), Some(4)));
        assert_eq!(text("eacute;", false), ("é".into(), Some(7)));
        assert_eq!(text("#38;", false), ("&".into(), Some(4)));
        assert_eq!(text("#x26", false), ("&".into(), Some(4)));
        assert_eq!(text("#150;", false), ("\u{2013}".into(), Some(5)));
        assert_eq!(text("#0;", false), ("\u{fffd}".into(), Some(3)));
        assert_eq!(text("#99999999999;", false), ("\u{fffd}".into(), Some(13)));
        assert_eq!(text("#;", false), (String::new(), None));
        assert_eq!(text("nosuch;", false), (String::new(), None));
    }

    #[test]
    fn legacy_prefixes_follow_the_standard() {
        // In text the longest legacy name matches: "&notit;" is "¬it;".
        assert_eq!(text("notit;", false), ("¬".into(), Some(3)));
        assert_eq!(text("notin;", false), ("∉".into(), Some(6)));
        // In an attribute a semicolon-less name before an alphanumeric or '=' stays literal.
        assert_eq!(text("notit;", true), (String::new(), None));
        assert_eq!(text("copy=2", true), (String::new(), None));
        assert_eq!(text("amp;x", true), ("&".into(), Some(4)));
        assert_eq!(text("amp x", true), ("&".into(), Some(3)));
    }
}
