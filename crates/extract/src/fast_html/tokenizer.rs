//! Byte-level HTML tokenizer over a `&str`: text (character references decoded), start and
//! end tags with attributes, comments, doctypes and CDATA, plus the raw-text modes the tree
//! builder switches on for `<script>`, `<style>`, `<title>`, `<textarea>` and the like.
//!
//! It follows the HTML standard's tokenizer where the result differs (bogus comments, `</>`,
//! attribute quirks, script escapes), not where only the parse errors would.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::{Attribute, QualName, ns};

use super::char_ref;

/// One token. Names are ASCII-lowercased; text is borrowed from the input when nothing
/// needed decoding.
#[derive(Debug)]
pub(super) enum Token<'a> {
    Text(Cow<'a, str>),
    Start(Tag<'a>),
    End(Cow<'a, str>),
    Comment(Cow<'a, str>),
    /// Boxed: rare, and large enough to make every token larger.
    Doctype(Box<Doctype>),
    Eof,
}

#[derive(Debug)]
pub(super) struct Tag<'a> {
    pub(super) name: Cow<'a, str>,
    /// Built as the tree wants them, so an element takes them over without copying.
    pub(super) attrs: Vec<Attribute>,
    pub(super) self_closing: bool,
}

impl Tag<'_> {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

#[derive(Debug, Default)]
pub(super) struct Doctype {
    pub(super) name: Option<String>,
    pub(super) public_id: Option<String>,
    pub(super) system_id: Option<String>,
    pub(super) force_quirks: bool,
}

/// How the content of a raw-text element is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum RawKind {
    /// `<title>`, `<textarea>`: character references decoded.
    Rcdata,
    /// `<style>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`.
    Rawtext,
    /// `<script>`, with its `<!--` escapes.
    Script,
}

pub(super) struct Tokenizer<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    /// `<![CDATA[` is a section only in SVG/MathML; the tree builder sets this.
    pub(super) cdata_allowed: bool,
    /// Whether the input has NUL characters at all (they are rare; most checks skip).
    pub(super) has_nul: bool,
    /// The input as one shared buffer: text and attribute values taken from it as they are
    /// become views into it ([`Tokenizer::tendril`]) instead of one allocation each.
    source: StrTendril,
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Bytes that end a tag name (1) and, with `=`, an attribute name (2), and bytes a name must
/// be rewritten for (4: uppercase letters, NUL); one table lookup per byte instead of a chain
/// of comparisons.
const NAME_END: [u8; 256] = {
    let mut table = [0u8; 256];
    let ends = [b'\t', b'\n', b'\x0c', b'\r', b' ', b'/', b'>'];
    let mut i = 0;
    while i < ends.len() {
        table[ends[i] as usize] = 3;
        i += 1;
    }
    table[b'=' as usize] = 2;
    let mut b = b'A';
    while b <= b'Z' {
        table[b as usize] = REWRITE;
        b += 1;
    }
    table[0] = REWRITE;
    table
};
/// The [`NAME_END`] bit of the bytes a name is lowercased or cleaned for.
const REWRITE: u8 = 4;

/// `s` lowercased when `upper` says it has uppercase letters (or NULs).
#[inline]
fn lower_if(s: &str, upper: bool) -> Cow<'_, str> {
    if upper {
        Cow::Owned(s.to_ascii_lowercase().replace('\0', "\u{fffd}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Decodes the character references in `s` (borrowed when there are none).
pub(super) fn decode_refs(s: &str, in_attr: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match char_ref::decode(after, in_attr, &mut out) {
            Some(used) => rest = &after[used..],
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

impl<'a> Tokenizer<'a> {
    /// `src` must already have its line breaks normalised (no `\r`).
    pub(super) fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            cdata_allowed: false,
            has_nul: memchr::memchr(0, src.as_bytes()).is_some(),
            source: StrTendril::from_slice(src),
        }
    }

    /// `text` as a tendril: a view into the shared input when it is a slice of it (most text
    /// and attribute values), a copy otherwise (decoded references, short text kept inline).
    pub(super) fn tendril(&self, text: &str) -> StrTendril {
        let base = self.src.as_ptr() as usize;
        let at = text.as_ptr() as usize;
        let inside = at >= base && at + text.len() <= base + self.src.len();
        match (
            u32::try_from(at.wrapping_sub(base)),
            u32::try_from(text.len()),
        ) {
            (Ok(offset), Ok(len)) if inside && text.len() > 8 => {
                self.source.subtendril(offset, len)
            }
            _ => StrTendril::from_slice(text),
        }
    }

    /// `s` with NUL characters replaced, as the standard does outside of element content.
    pub(super) fn no_nul<'s>(&self, s: Cow<'s, str>) -> Cow<'s, str> {
        if self.has_nul && s.contains('\0') {
            Cow::Owned(s.replace('\0', "\u{fffd}"))
        } else {
            s
        }
    }

    pub(super) fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The next token of ordinary content.
    pub(super) fn next_token(&mut self) -> Token<'a> {
        // Most tokens are start and end tags: straight to `tag`, past the text and other
        // markup rules (a function of their own, so that this one stays small).
        let bytes = self.bytes();
        let i = self.pos;
        if bytes.get(i) == Some(&b'<') {
            match bytes.get(i + 1) {
                Some(b) if b.is_ascii_alphabetic() => return self.tag(i + 1, false),
                Some(b'/') if bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    return self.tag(i + 2, true);
                }
                _ => {}
            }
        }
        self.other_token()
    }

    /// [`Tokenizer::next_token`] for everything but a tag at the current position.
    #[inline(never)]
    fn other_token(&mut self) -> Token<'a> {
        loop {
            if self.pos >= self.src.len() {
                return Token::Eof;
            }
            if !self.starts_markup(self.pos) {
                return self.text();
            }
            // `</>` produces nothing; go on.
            if self.bytes()[self.pos + 1..].starts_with(b"/>") {
                self.pos += 3;
                continue;
            }
            return self.markup();
        }
    }

    /// Does the byte at `i` begin markup (a tag, end tag, comment, doctype…)? A `<` before
    /// anything else is text.
    fn starts_markup(&self, i: usize) -> bool {
        let bytes = self.bytes();
        if bytes.get(i) != Some(&b'<') {
            return false;
        }
        match bytes.get(i + 1) {
            Some(b) if b.is_ascii_alphabetic() => true,
            Some(b'!' | b'?') => true,
            Some(b'/') => i + 2 < bytes.len(),
            _ => false,
        }
    }

    /// Text up to the next markup, with references decoded and NULs dropped (element
    /// content ignores them).
    fn text(&mut self) -> Token<'a> {
        let start = self.pos;
        let bytes = self.bytes();
        // Whether the text has a `&` (then references are decoded); the first byte is one
        // the search below does not see.
        let mut amp = bytes[start] == b'&';
        let mut i = start + 1;
        let end = loop {
            let rest = &bytes[i.min(bytes.len())..];
            let found = if amp {
                memchr::memchr(b'<', rest)
            } else {
                memchr::memchr2(b'<', b'&', rest)
            };
            match found {
                None => break bytes.len(),
                Some(off) if bytes[i + off] == b'&' => {
                    amp = true;
                    i += off + 1;
                }
                Some(off) if self.starts_markup(i + off) => break i + off,
                Some(off) => i += off + 1,
            }
        };
        self.pos = end;
        let raw = &self.src[start..end];
        let mut text = if amp {
            decode_refs(raw, false)
        } else {
            Cow::Borrowed(raw)
        };
        if self.has_nul && text.contains('\0') {
            text = Cow::Owned(text.replace('\0', ""));
        }
        Token::Text(text)
    }

    /// Markup at `pos` (a `<` for which `starts_markup` holds), other than `</>`.
    fn markup(&mut self) -> Token<'a> {
        let bytes = self.bytes();
        let i = self.pos;
        match bytes.get(i + 1) {
            Some(b'!') => self.declaration(i + 2),
            Some(b'?') => self.bogus_comment(i + 1),
            Some(b'/') => match bytes.get(i + 2) {
                Some(b) if b.is_ascii_alphabetic() => self.tag(i + 2, true),
                _ => self.bogus_comment(i + 2),
            },
            _ => self.tag(i + 1, false),
        }
    }

    /// A start or end tag whose name begins at `name_start`.
    fn tag(&mut self, name_start: usize, end: bool) -> Token<'a> {
        let bytes = self.bytes();
        let mut i = name_start;
        let mut seen = 0;
        while i < bytes.len() && NAME_END[bytes[i] as usize] & 1 == 0 {
            seen |= NAME_END[bytes[i] as usize];
            i += 1;
        }
        let name = lower_if(&self.src[name_start..i], seen & REWRITE != 0);
        // Most tags are a name and `>`.
        if bytes.get(i) == Some(&b'>') {
            self.pos = i + 1;
            return if end {
                Token::End(name)
            } else {
                Token::Start(Tag {
                    name,
                    attrs: Vec::new(),
                    self_closing: false,
                })
            };
        }
        self.tag_rest(name, i, end)
    }

    /// The rest of a tag after its name (which ends at `i`): attributes, `/>`, `>`. Kept out
    /// of [`Tokenizer::tag`] so that the usual tag does not pay for setting up this loop.
    #[inline(never)]
    fn tag_rest(&mut self, name: Cow<'a, str>, mut i: usize, end: bool) -> Token<'a> {
        let bytes = self.bytes();
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                // EOF inside a tag: the tag is dropped.
                self.pos = bytes.len();
                return Token::Eof;
            };
            match b {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if bytes.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                }
                _ => {
                    // Attribute name: the first character may be '='.
                    let attr_start = i;
                    let mut seen = NAME_END[b as usize];
                    i += 1;
                    while i < bytes.len() && NAME_END[bytes[i] as usize] & 2 == 0 {
                        seen |= NAME_END[bytes[i] as usize];
                        i += 1;
                    }
                    let attr_name = lower_if(&self.src[attr_start..i], seen & REWRITE != 0);
                    while i < bytes.len() && is_space(bytes[i]) {
                        i += 1;
                    }
                    let mut value: Cow<'a, str> = Cow::Borrowed("");
                    if bytes.get(i) == Some(&b'=') {
                        i += 1;
                        while i < bytes.len() && is_space(bytes[i]) {
                            i += 1;
                        }
                        match bytes.get(i) {
                            Some(&q @ (b'"' | b'\'')) => {
                                let v_start = i + 1;
                                match memchr::memchr(q, &bytes[v_start..]) {
                                    Some(off) => {
                                        value = self.attr_value(v_start, v_start + off);
                                        i = v_start + off + 1;
                                    }
                                    None => {
                                        self.pos = bytes.len();
                                        return Token::Eof;
                                    }
                                }
                            }
                            Some(b'>') | None => {}
                            Some(_) => {
                                let v_start = i;
                                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                                    i += 1;
                                }
                                value = self.attr_value(v_start, i);
                            }
                        }
                    }
                    if !end && !attrs.iter().any(|a| *a.name.local == *attr_name) {
                        attrs.push(Attribute {
                            name: QualName::new(None, ns!(), super::names::local(&attr_name)),
                            value: self.tendril(&value),
                        });
                    }
                }
            }
        }
        self.pos = i;
        if end {
            Token::End(name)
        } else {
            Token::Start(Tag {
                name,
                attrs,
                self_closing,
            })
        }
    }

    fn attr_value(&self, start: usize, end: usize) -> Cow<'a, str> {
        self.no_nul(decode_refs(&self.src[start..end], true))
    }

    /// `<!…` with `from` just after the `!`.
    fn declaration(&mut self, from: usize) -> Token<'a> {
        let rest = &self.bytes()[from..];
        if rest.starts_with(b"--") {
            return self.comment(from + 2);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(from + 7);
        }
        if self.cdata_allowed && rest.starts_with(b"[CDATA[") {
            let start = from + 7;
            let end = memchr::memmem::find(&self.bytes()[start..], b"]]>")
                .map_or(self.src.len(), |off| start + off);
            self.pos = (end + 3).min(self.src.len());
            return Token::Text(self.no_nul(Cow::Borrowed(&self.src[start..end])));
        }
        self.bogus_comment(from)
    }

    /// A comment whose text starts at `start` (after `<!--`).
    fn comment(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes();
        // `<!-->` and `<!--->` are empty comments.
        if bytes.get(start) == Some(&b'>') {
            self.pos = start + 1;
            return Token::Comment(Cow::Borrowed(""));
        }
        if bytes[start..].starts_with(b"->") {
            self.pos = start + 2;
            return Token::Comment(Cow::Borrowed(""));
        }
        let mut i = start;
        loop {
            match memchr::memchr(b'-', &bytes[i..]) {
                None => {
                    // At the end of input, dashes that could have begun `-->` are dropped.
                    self.pos = bytes.len();
                    let text = &self.src[start..];
                    let text = text
                        .strip_suffix("--!")
                        .or_else(|| text.strip_suffix("--"))
                        .or_else(|| text.strip_suffix('-'))
                        .unwrap_or(text);
                    return Token::Comment(self.no_nul(Cow::Borrowed(text)));
                }
                Some(off) => {
                    let dash = i + off;
                    let after = &bytes[dash..];
                    if after.starts_with(b"-->") {
                        self.pos = dash + 3;
                        return Token::Comment(self.no_nul(Cow::Borrowed(&self.src[start..dash])));
                    }
                    if after.starts_with(b"--!>") {
                        self.pos = dash + 4;
                        return Token::Comment(self.no_nul(Cow::Borrowed(&self.src[start..dash])));
                    }
                    i = dash + 1;
                }
            }
        }
    }

    /// A bogus comment (`<?…>`, `<!x…>`, `</ …>`) whose text starts at `start`, up to `>`.
    fn bogus_comment(&mut self, start: usize) -> Token<'a> {
        let end =
            memchr::memchr(b'>', &self.bytes()[start..]).map_or(self.src.len(), |off| start + off);
        self.pos = (end + 1).min(self.src.len());
        Token::Comment(self.no_nul(Cow::Borrowed(&self.src[start..end])))
    }

    /// `<!DOCTYPE` with `from` after the keyword, up to `>`.
    fn doctype(&mut self, from: usize) -> Token<'a> {
        let end =
            memchr::memchr(b'>', &self.bytes()[from..]).map_or(self.src.len(), |off| from + off);
        let eof = end >= self.src.len();
        self.pos = (end + 1).min(self.src.len());
        let body = &self.src[from..end];
        let mut doctype = Doctype {
            force_quirks: eof,
            ..Doctype::default()
        };
        let mut words = body.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let name_end = words
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(words.len());
        if name_end == 0 {
            doctype.force_quirks = true;
            return Token::Doctype(Box::new(doctype));
        }
        doctype.name = Some(words[..name_end].to_ascii_lowercase());
        words = words[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let keyword = words.get(..6).map(str::to_ascii_lowercase);
        let public = match keyword.as_deref() {
            Some("public") => true,
            Some("system") => false,
            None if words.is_empty() => return Token::Doctype(Box::new(doctype)),
            _ => {
                doctype.force_quirks = true;
                return Token::Doctype(Box::new(doctype));
            }
        };
        words = &words[6..];
        let mut ids = Vec::new();
        loop {
            words = words.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let Some(q) = words.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                break;
            };
            match words[1..].find(q) {
                Some(close) => {
                    ids.push(words[1..1 + close].to_string());
                    words = &words[close + 2..];
                }
                None => {
                    ids.push(words[1..].to_string());
                    doctype.force_quirks = true;
                    break;
                }
            }
            if ids.len() == 2 || !public {
                break;
            }
        }
        if ids.is_empty() {
            doctype.force_quirks = true;
        }
        let mut ids = ids.into_iter();
        if public {
            doctype.public_id = ids.next();
        }
        doctype.system_id = ids.next();
        Token::Doctype(Box::new(doctype))
    }
}
