//! Character encodings: decoding fetched page bytes to text.
//!
//! The encoding comes from a byte order mark if there is one (as in browsers, a BOM wins),
//! else the `charset` of the Content-Type header, else a `<meta charset>` or
//! `<meta http-equiv="content-type">` in the first 2048 bytes, else UTF-8. Malformed bytes
//! become U+FFFD; decoding never fails.

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many leading bytes are searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 2048;

/// Decodes raw page bytes to text: charset from the Content-Type header if given (a byte order
/// mark overrides it, as in browsers), else BOM, else `<meta charset>` /
/// `<meta http-equiv="content-type">` in the first 2048 bytes, else UTF-8 (lossy).
/// Windows-1252, ISO-8859-1, Shift_JIS, GBK, … are decoded via `encoding_rs`.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = content_type
        .and_then(charset_param)
        .and_then(|label| usable(Encoding::for_label(label.as_bytes())))
        .or_else(|| meta_charset(bytes.get(..PRESCAN_BYTES).unwrap_or(bytes)))
        .unwrap_or(UTF_8);
    // `decode` sniffs a BOM first and strips it.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// `None` for the "replacement" encoding (labels like `iso-2022-kr` that browsers refuse to
/// decode): guessing UTF-8 is more useful to a scraper than one U+FFFD.
fn usable(encoding: Option<&'static Encoding>) -> Option<&'static Encoding> {
    encoding.filter(|e| *e != REPLACEMENT)
}

/// The `charset` parameter of a Content-Type value (`text/html; charset="utf-8"` → `utf-8`).
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then_some(value)
    })
}

/// The encoding declared by the first `<meta>` that declares one in `head` (the HTML
/// standard's prescan, simplified). A declared UTF-16 means UTF-8 (the bytes being ASCII
/// compatible proves it wrong) and x-user-defined means windows-1252.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(offset) = head.get(i..)?.iter().position(|&b| b == b'<') {
        let at = i + offset;
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            let end = find(&rest[4..], b"-->")?;
            i = at + 4 + end + 3;
            continue;
        }
        if starts_with_ci(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            let (declared, next) = meta_declaration(head, at + 5);
            if let Some(encoding) = declared {
                return Some(match encoding {
                    e if e == UTF_16BE || e == UTF_16LE => UTF_8,
                    e if e == X_USER_DEFINED => WINDOWS_1252,
                    e => e,
                });
            }
            i = next;
            continue;
        }
        i = at + 1;
    }
    None
}

/// Reads the attributes of a `<meta` tag starting at `pos`; returns the encoding it declares
/// (if any) and the position after the tag.
fn meta_declaration(bytes: &[u8], mut pos: usize) -> (Option<&'static Encoding>, usize) {
    let mut charset = None;
    let mut content = None;
    let mut is_content_type = false;
    while let Some((name, value, next)) = attribute(bytes, pos) {
        pos = next;
        match name.to_ascii_lowercase().as_slice() {
            b"charset" => charset = charset.or(Some(value)),
            b"content" => content = content.or(Some(value)),
            b"http-equiv" => is_content_type |= value.eq_ignore_ascii_case(b"content-type"),
            _ => {}
        }
    }
    let label = match (charset, content) {
        (Some(c), _) => Some(c),
        (None, Some(c)) if is_content_type => charset_in_content(c),
        _ => None,
    };
    let encoding = label.and_then(|l| usable(Encoding::for_label(l)));
    (encoding, pos)
}

/// Parses one attribute at `pos`: (name, value, position after it), or `None` at the end of
/// the tag.
fn attribute(bytes: &[u8], mut pos: usize) -> Option<(&[u8], &[u8], usize)> {
    let is_space = |b: u8| b.is_ascii_whitespace() || b == b'/';
    while bytes.get(pos).copied().is_some_and(is_space) {
        pos += 1;
    }
    if matches!(bytes.get(pos), None | Some(b'>')) {
        return None;
    }
    let start = pos;
    while bytes
        .get(pos)
        .is_some_and(|&b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
    {
        pos += 1;
    }
    let name = bytes.get(start..pos)?;
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    if bytes.get(pos) != Some(&b'=') {
        return Some((name, &[], pos.max(start + 1)));
    }
    pos += 1;
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    match bytes.get(pos) {
        Some(&q @ (b'"' | b'\'')) => {
            let value_start = pos + 1;
            let len = bytes.get(value_start..)?.iter().position(|&b| b == q)?;
            Some((
                name,
                &bytes[value_start..value_start + len],
                value_start + len + 1,
            ))
        }
        _ => {
            let value_start = pos;
            while bytes
                .get(pos)
                .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
            {
                pos += 1;
            }
            Some((name, bytes.get(value_start..pos)?, pos))
        }
    }
}

/// The charset in a content-type `content` value: `text/html; charset=windows-1252`.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let at = find(&lower, b"charset")?;
    let mut rest = content[at + 7..].trim_ascii();
    rest = rest.strip_prefix(b"=")?.trim_ascii();
    if let Some(&q @ (b'"' | b'\'')) = rest.first() {
        let inner = &rest[1..];
        let end = inner.iter().position(|&b| b == q).unwrap_or(inner.len());
        return Some(&inner[..end]);
    }
    let end = rest
        .iter()
        .position(|&b| b == b';' || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn starts_with_ci(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_windows_1252() {
        let bytes = b"<html><body>caf\xe9</body></html>";
        let text = decode_html(bytes, Some("text/html; charset=\"Windows-1252\""));
        assert!(text.contains("café"), "{text}");
        // ISO-8859-1 is decoded as windows-1252, as browsers do.
        let text = decode_html(b"\x93caf\xe9\x94", Some("text/html;charset=iso-8859-1"));
        assert_eq!(text, "\u{201c}café\u{201d}");
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let bytes = b"<html><head><meta charset='windows-1252'></head><body>caf\xe9</body>";
        assert!(decode_html(bytes, None).contains("café"));
        let bytes = b"<!-- <meta charset=utf-8> --><meta http-equiv=\"Content-Type\" \
            content=\"text/html; charset=ISO-8859-1\"><p>na\xefve</p>";
        assert!(decode_html(bytes, Some("text/html")).contains("naïve"));
    }

    #[test]
    fn shift_jis_from_meta() {
        // "日本" in Shift_JIS.
        let bytes = b"<meta charset=\"Shift_JIS\"><p>\x93\xfa\x96\x7b</p>";
        assert!(decode_html(bytes, None).contains("日本"));
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let bytes = "\u{feff}<p>café</p>".as_bytes();
        assert_eq!(
            decode_html(bytes, Some("text/html; charset=windows-1252")),
            "<p>café</p>"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>hé</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_html(&utf16, None), "<p>hé</p>");
    }

    #[test]
    fn defaults_to_lossy_utf8() {
        assert_eq!(decode_html("<p>żółw</p>".as_bytes(), None), "<p>żółw</p>");
        assert_eq!(decode_html(b"<p>a\xffb</p>", None), "<p>a\u{fffd}b</p>");
        // A meta tag beyond the first 2048 bytes is not looked at.
        let mut late = vec![b' '; 3000];
        late.extend_from_slice(b"<meta charset=windows-1252>\xe9");
        assert!(decode_html(&late, None).ends_with('\u{fffd}'));
        // Unknown labels fall through.
        assert_eq!(decode_html(b"ok", Some("text/html; charset=bogus")), "ok");
    }
}
