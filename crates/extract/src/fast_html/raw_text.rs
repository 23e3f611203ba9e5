//! The content of raw-text elements: `<script>` (with its `<!--` … `<script>` escapes),
//! `<style>`, `<textarea>`, `<title>` and the like run to their own end tag, whatever markup
//! they contain.

use std::borrow::Cow;

use super::tokenizer::{RawKind, Tokenizer, decode_refs, is_space};

impl<'a> Tokenizer<'a> {
    /// The content of a raw-text element named `name`, up to (and consuming) its end tag or
    /// the end of input.
    pub(super) fn raw_text(&mut self, kind: RawKind, name: &str) -> Cow<'a, str> {
        let start = self.pos;
        let end = match kind {
            RawKind::Script => self.script_end(start),
            RawKind::Rcdata | RawKind::Rawtext => self.find_end_tag(start, name),
        };
        let (text_end, resume) = match end {
            Some((text_end, resume)) => (text_end, resume),
            None => (self.src.len(), self.src.len()),
        };
        self.pos = resume;
        let raw = &self.src[start..text_end];
        let text = match kind {
            RawKind::Rcdata => decode_refs(raw, false),
            _ => Cow::Borrowed(raw),
        };
        self.no_nul(text)
    }

    /// Rest of the input as text (`<plaintext>`).
    pub(super) fn rest_as_text(&mut self) -> Cow<'a, str> {
        let text = &self.src[self.pos..];
        self.pos = self.src.len();
        self.no_nul(Cow::Borrowed(text))
    }

    /// Is there an end tag `</name` followed by space, `/` or `>` at `i`? Returns the
    /// position after the whole end tag.
    fn end_tag_at(&self, i: usize, name: &str) -> Option<usize> {
        let bytes = self.bytes();
        let n = name.len();
        if !bytes[i..].starts_with(b"</") || bytes.len() < i + 2 + n {
            return None;
        }
        if !bytes[i + 2..i + 2 + n].eq_ignore_ascii_case(name.as_bytes()) {
            return None;
        }
        let after = i + 2 + n;
        match bytes.get(after) {
            Some(&b) if is_space(b) || b == b'/' || b == b'>' => {}
            _ => return None,
        }
        // The end tag's attributes (if any) are skipped up to `>`.
        Some(self.skip_tag_rest(after))
    }

    /// Position after the `>` closing a tag whose attributes start at `i` (quotes honoured).
    fn skip_tag_rest(&self, mut i: usize) -> usize {
        let bytes = self.bytes();
        while i < bytes.len() {
            match bytes[i] {
                b'>' => return i + 1,
                b'=' => {
                    i += 1;
                    while i < bytes.len() && is_space(bytes[i]) {
                        i += 1;
                    }
                    if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                        match memchr::memchr(q, &bytes[i + 1..]) {
                            Some(off) => i += off + 2,
                            None => return bytes.len(),
                        }
                    }
                }
                _ => i += 1,
            }
        }
        bytes.len()
    }

    fn find_end_tag(&self, start: usize, name: &str) -> Option<(usize, usize)> {
        let bytes = self.bytes();
        let mut i = start;
        while let Some(off) = memchr::memmem::find(&bytes[i..], b"</") {
            let at = i + off;
            if let Some(resume) = self.end_tag_at(at, name) {
                return Some((at, resume));
            }
            i = at + 2;
        }
        None
    }

    /// The end of a script's text, honouring `<!--` … `<script>` … `</script>` … `-->`
    /// escapes in which a `</script>` does not end the element.
    fn script_end(&self, start: usize) -> Option<(usize, usize)> {
        let bytes = self.bytes();
        if memchr::memmem::find(&bytes[start..], b"<!--").is_none() {
            return self.find_end_tag(start, "script");
        }
        #[derive(PartialEq)]
        enum State {
            Plain,
            Escaped,
            DoubleEscaped,
        }
        let mut state = State::Plain;
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'<' => {
                    if state != State::DoubleEscaped
                        && let Some(resume) = self.end_tag_at(i, "script")
                    {
                        return Some((i, resume));
                    }
                    match state {
                        State::Plain if bytes[i..].starts_with(b"<!--") => {
                            state = State::Escaped;
                            // `<!--` shares its dashes with a following `-->`.
                            i += 2;
                            continue;
                        }
                        State::Escaped if self.script_word_at(i + 1) => {
                            state = State::DoubleEscaped;
                        }
                        State::DoubleEscaped
                            if bytes.get(i + 1) == Some(&b'/') && self.script_word_at(i + 2) =>
                        {
                            state = State::Escaped;
                        }
                        _ => {}
                    }
                }
                b'-' if state != State::Plain && bytes[i..].starts_with(b"-->") => {
                    state = State::Plain;
                    i += 3;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// `script` (any case) at `i` followed by space, `/` or `>`.
    fn script_word_at(&self, i: usize) -> bool {
        let bytes = self.bytes();
        bytes.len() > i + 6
            && bytes[i..i + 6].eq_ignore_ascii_case(b"script")
            && (is_space(bytes[i + 6]) || bytes[i + 6] == b'/' || bytes[i + 6] == b'>')
    }
}
