//! A text writer that collapses whitespace and lays out blocks: the output buffer behind the
//! markdown and plain-text renderers.
//!
//! Text goes in piece by piece; runs of whitespace become one space, block boundaries become a
//! line break or one blank line (never more), and every line starts with the current prefix
//! (`"> "` inside a blockquote, indentation inside a list item). A pending marker (a list bullet
//! or a heading's `#`s) is written at the start of the next line that gets content, so empty
//! items leave nothing behind. In inline mode (link text, table cells) line breaks become spaces.

/// The output buffer. Appends only; nothing already written is re-scanned.
pub(crate) struct Out {
    buf: String,
    /// Written at the start of each line.
    prefix: String,
    /// The prefix the current line started with (blank lines keep what two lines share).
    line_prefix: String,
    /// Lengths of `prefix` before each push, to pop back to.
    prefix_stack: Vec<usize>,
    /// Written after the line prefix on the next line with content, replacing its last
    /// `marker_replace` bytes (a bullet takes the place of its item's indentation).
    marker: String,
    marker_replace: usize,
    /// Line breaks owed before the next content: 0, 1 (new line) or 2 (blank line).
    newlines: u8,
    /// A space is owed before the next content on this line.
    space: bool,
    /// Nothing but (not yet written) prefix on the current line.
    line_start: bool,
    /// Single-line mode: line breaks become spaces.
    inline: bool,
    /// Inline mode: the content started with whitespace.
    lead: bool,
}

impl Out {
    /// A writer for block content (a whole document).
    pub(crate) fn block(capacity: usize) -> Self {
        Out {
            buf: String::with_capacity(capacity),
            prefix: String::new(),
            line_prefix: String::new(),
            prefix_stack: Vec::new(),
            marker: String::new(),
            marker_replace: 0,
            newlines: 0,
            space: false,
            line_start: true,
            inline: false,
            lead: false,
        }
    }

    /// A single-line writer (link text, table cell, heading).
    pub(crate) fn inline() -> Self {
        let mut out = Out::block(0);
        out.inline = true;
        out
    }

    /// Whether this writer keeps everything on one line.
    pub(crate) fn is_inline(&self) -> bool {
        self.inline
    }

    /// Appends text, collapsing every run of whitespace to one space.
    pub(crate) fn text(&mut self, s: &str) {
        if let Some((start, end)) = plain_words(s.as_bytes()) {
            // Most text: words with single spaces, perhaps one space at either end.
            if start > 0 {
                self.space();
            }
            self.flush();
            self.buf.push_str(&s[start..end]);
            if end < s.len() {
                self.space = true;
            }
            return;
        }
        // Without non-ASCII whitespace, whitespace is found byte by byte.
        if s.is_ascii() || !s.bytes().any(starts_unicode_space) {
            self.ascii_text(s.as_bytes(), s);
            return;
        }
        self.unicode_text(s);
    }

    /// [`Out::text`] decoding chars, for text that may hold non-ASCII whitespace.
    fn unicode_text(&mut self, s: &str) {
        if s.starts_with(char::is_whitespace) {
            self.space();
        }
        let mut words = s.split_whitespace();
        if let Some(first) = words.next() {
            self.token(first);
            for word in words {
                self.space = true;
                self.token(word);
            }
            if s.ends_with(char::is_whitespace) {
                self.space = true;
            }
        }
    }

    /// [`Out::text`] for text without non-ASCII whitespace (`bytes` is `s`): works on bytes
    /// rather than decoding chars (the ASCII characters `char::is_whitespace` accepts are
    /// exactly these; other bytes are parts of words).
    fn ascii_text(&mut self, bytes: &[u8], s: &str) {
        let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let mut start = 0;
        while start < bytes.len() && is_space(bytes[start]) {
            start += 1;
        }
        if start > 0 {
            self.space();
        }
        if start == bytes.len() {
            return;
        }
        let mut end = bytes.len();
        while is_space(bytes[end - 1]) {
            end -= 1;
        }
        // The words go on one line: after the first one is placed (line breaks, prefix,
        // marker), the rest is copied in stretches, each whitespace run made one space.
        self.flush();
        if single_spaced(&bytes[start..end]) {
            // Most text: nothing to collapse.
            self.buf.push_str(&s[start..end]);
        } else {
            self.collapse_into_buf(bytes, s, start, end);
        }
        if end < bytes.len() {
            self.space = true;
        }
    }

    /// Copies `s[start..end]` (ASCII, `bytes` is `s`) with each whitespace run made one space.
    fn collapse_into_buf(&mut self, bytes: &[u8], s: &str, start: usize, end: usize) {
        let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let mut stretch = start;
        let mut i = start;
        while i < end {
            if !is_space(bytes[i]) {
                i += 1;
                continue;
            }
            let run = i;
            // Ends before `end`: the byte before it is not whitespace.
            while is_space(bytes[i]) {
                i += 1;
            }
            if i - run > 1 || bytes[run] != b' ' {
                self.buf.push_str(&s[stretch..run]);
                self.buf.push(' ');
                stretch = i;
            }
        }
        self.buf.push_str(&s[stretch..end]);
    }

    /// Owes a space before the next content (dropped at the start of a line).
    pub(crate) fn space(&mut self) {
        if self.inline && self.buf.is_empty() {
            self.lead = true;
        }
        self.space = true;
    }

    /// Appends `s` as one unit (already formatted markdown such as `**x**` or `[t](u)`).
    pub(crate) fn token(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.buf.push_str(s);
    }

    /// Appends the concatenation of `parts` as one unit, like [`Out::token`] with the parts
    /// joined (without building the joined string).
    pub(crate) fn token_parts(&mut self, parts: &[&str]) {
        if parts.iter().all(|p| p.is_empty()) {
            return;
        }
        self.flush();
        for part in parts {
            self.buf.push_str(part);
        }
    }

    /// Appends `s` right after the token just written, as part of it.
    pub(crate) fn continue_token(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Owes `n` line breaks (1: new line, 2: blank line). Inline writers owe a space instead.
    pub(crate) fn newline(&mut self, n: u8) {
        if self.inline {
            self.space();
        } else {
            self.newlines = self.newlines.max(n.min(2));
        }
    }

    /// Writes one line verbatim (no whitespace collapsing), after the owed breaks and prefix.
    pub(crate) fn raw_line(&mut self, s: &str) {
        if self.inline {
            self.text(s);
            return;
        }
        self.flush();
        if s.is_empty() {
            while self.buf.ends_with(' ') {
                self.buf.pop();
            }
        } else {
            self.buf.push_str(s);
        }
        self.newlines = self.newlines.max(1);
    }

    /// Adds `p` to the line prefix until the matching [`Out::pop_prefix`].
    pub(crate) fn push_prefix(&mut self, p: &str) {
        self.prefix_stack.push(self.prefix.len());
        self.prefix.push_str(p);
    }

    /// Adds `width` spaces to the line prefix (a list item's indentation), like
    /// [`Out::push_prefix`].
    pub(crate) fn push_indent(&mut self, width: usize) {
        self.prefix_stack.push(self.prefix.len());
        // (One copy for the usual widths rather than a character at a time.)
        const SPACES: &str = "                ";
        match SPACES.get(..width) {
            Some(spaces) => self.prefix.push_str(spaces),
            None => self.prefix.extend(std::iter::repeat_n(' ', width)),
        }
    }

    /// Undoes the last [`Out::push_prefix`].
    pub(crate) fn pop_prefix(&mut self) {
        if let Some(len) = self.prefix_stack.pop() {
            self.prefix.truncate(len);
        }
    }

    /// Sets the marker for the next line with content. `replace` is how many trailing bytes of
    /// the prefix it stands in for. A marker already pending keeps its place and gets `m`
    /// appended (a heading as the first thing in a list item).
    pub(crate) fn set_marker(&mut self, m: &str, replace: usize) {
        if self.inline {
            return;
        }
        if self.marker.is_empty() {
            self.marker_replace = replace.min(self.prefix.len());
        }
        self.marker.push_str(m);
    }

    /// Length of the pending marker, to [`Out::truncate_marker`] back to.
    pub(crate) fn marker_len(&self) -> usize {
        self.marker.len()
    }

    /// Drops the part of the pending marker added since `len` (the element had no content).
    pub(crate) fn truncate_marker(&mut self, len: usize) {
        if len < self.marker.len() && self.marker.is_char_boundary(len) {
            self.marker.truncate(len);
        }
        if self.marker.is_empty() {
            self.marker_replace = 0;
        }
    }

    /// Writes what is owed (line breaks, prefix and marker, or a space) before new content.
    #[inline]
    fn flush(&mut self) {
        if self.newlines == 0 && !self.line_start {
            // Within a line: at most a space.
            if self.space {
                self.buf.push(' ');
                self.space = false;
            }
            return;
        }
        self.flush_line();
    }

    /// [`Out::flush`] with line breaks owed or at the start of a line.
    fn flush_line(&mut self) {
        if self.newlines > 0 {
            if !self.buf.is_empty() {
                for i in 0..self.newlines {
                    self.buf.push('\n');
                    if i + 1 < self.newlines {
                        let shared = common_prefix(&self.prefix, &self.line_prefix);
                        self.buf.push_str(shared.trim_end());
                    }
                }
                self.line_start = true;
            }
            self.newlines = 0;
        }
        if self.line_start {
            self.line_prefix.clear();
            self.line_prefix.push_str(&self.prefix);
            if self.marker.is_empty() {
                self.buf.push_str(&self.prefix);
            } else {
                let keep = self.prefix.len().saturating_sub(self.marker_replace);
                self.buf.push_str(self.prefix.get(..keep).unwrap_or(""));
                self.buf.push_str(&self.marker);
                self.marker.clear();
                self.marker_replace = 0;
            }
            self.line_start = false;
        } else if self.space {
            self.buf.push(' ');
        }
        self.space = false;
    }

    /// The finished text, trimmed.
    pub(crate) fn finish(self) -> String {
        let mut buf = self.buf;
        let end = buf.trim_end().len();
        buf.truncate(end);
        let start = buf.len() - buf.trim_start().len();
        if start > 0 {
            buf.drain(..start);
        }
        buf
    }

    /// Inline result: (started with whitespace, trimmed text, ended with whitespace).
    #[cfg(test)]
    pub(crate) fn finish_inline(self) -> (bool, String, bool) {
        let (lead, text, trail) = self.inline_parts();
        (lead, text.to_string(), trail)
    }

    /// Inline result without taking the writer: (started with whitespace, trimmed text (as
    /// [`Out::finish`] trims it), ended with whitespace).
    pub(crate) fn inline_parts(&self) -> (bool, &str, bool) {
        let trail = self.space || self.newlines > 0;
        (self.lead, self.buf.trim(), trail)
    }

    /// Empties a single-line writer for reuse: the state of a new [`Out::inline`], keeping
    /// the buffers' capacity.
    pub(crate) fn reset_inline(&mut self) {
        self.buf.clear();
        self.prefix.clear();
        self.line_prefix.clear();
        self.prefix_stack.clear();
        self.marker.clear();
        self.marker_replace = 0;
        self.newlines = 0;
        self.space = false;
        self.line_start = true;
        self.inline = true;
        self.lead = false;
    }
}

/// Whether `bytes` (ASCII) has no whitespace but single spaces between other bytes, so that
/// collapsing whitespace leaves it as it is. (Other control characters also answer `false`:
/// the caller then takes the general path.)
fn single_spaced(bytes: &[u8]) -> bool {
    let mut after_space = true;
    for &b in bytes {
        // One comparison for the bytes above the space, nearly all of them.
        if b > b' ' {
            after_space = false;
        } else if b == b' ' && !after_space {
            after_space = true;
        } else {
            return false;
        }
    }
    !after_space
}

/// For text whose only whitespace is single spaces (no other ASCII whitespace, nothing that
/// could be non-ASCII whitespace), with at most one at each end and some other byte: where
/// the words begin and end. `None` for any other text (one pass over it, one comparison for
/// most bytes).
pub(crate) fn plain_words(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut after_space = false;
    for &b in bytes {
        if b > b' ' {
            if b >= 0xc2 && starts_unicode_space(b) {
                return None;
            }
            after_space = false;
        } else if b == b' ' && !after_space {
            after_space = true;
        } else {
            return None;
        }
    }
    let start = usize::from(bytes.first() == Some(&b' '));
    let end = bytes.len() - usize::from(after_space);
    (start < end).then_some((start, end))
}

/// Whether `b` is the first byte of the UTF-8 encoding of some non-ASCII whitespace character
/// (U+0085 and U+00A0: 0xC2; U+1680: 0xE1; U+2000–U+205F: 0xE2; U+3000: 0xE3). Text without
/// these bytes has only ASCII whitespace.
pub(crate) fn starts_unicode_space(b: u8) -> bool {
    matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// The longest common prefix of two strings.
fn common_prefix<'s>(a: &'s str, b: &str) -> &'s str {
    let mut end = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        end = i + x.len_utf8();
    }
    &a[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_blank_lines() {
        let mut out = Out::block(0);
        out.newline(2);
        out.text("  hello \n\t world  ");
        out.newline(2);
        out.newline(2);
        out.text("next");
        out.newline(2);
        assert_eq!(out.finish(), "hello world\n\nnext");
    }

    #[test]
    fn prefix_and_marker_make_nested_list_lines() {
        let mut out = Out::block(0);
        out.push_prefix("  ");
        out.set_marker("- ", 2);
        out.text("one");
        out.newline(1);
        out.push_prefix("   ");
        out.set_marker("1. ", 3);
        out.text("inner");
        out.newline(1);
        out.text("continued");
        out.pop_prefix();
        out.pop_prefix();
        assert_eq!(out.finish(), "- one\n  1. inner\n     continued");
    }

    #[test]
    fn blank_line_in_blockquote_keeps_marker() {
        let mut out = Out::block(0);
        out.push_prefix("> ");
        out.text("a");
        out.newline(2);
        out.text("b");
        assert_eq!(out.finish(), "> a\n>\n> b");
        let mut out = Out::block(0);
        out.text("before");
        out.newline(2);
        out.push_prefix("> ");
        out.text("quoted");
        out.pop_prefix();
        out.newline(2);
        out.text("after");
        assert_eq!(out.finish(), "before\n\n> quoted\n\nafter");
    }

    #[test]
    fn ascii_and_unicode_text_split_into_the_same_words() {
        for text in [
            " a\x0b b\x0c\tc\r\n ",
            "x",
            "  ",
            "\x0b",
            "one  two",
            "end ",
            "\u{a0}a b\u{2003}",
        ] {
            let mut fast = Out::block(0);
            fast.text("[");
            fast.text(text);
            fast.text("]");
            let mut reference = String::from("[");
            if text.starts_with(char::is_whitespace) {
                reference.push(' ');
            }
            reference.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
            if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
                reference.push(' ');
            }
            reference.push(']');
            assert_eq!(fast.finish(), reference, "{text:?}");
        }
    }

    #[test]
    fn non_ascii_whitespace_starts_with_the_listed_bytes() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let mut utf8 = [0u8; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            if c.is_whitespace() {
                assert!(starts_unicode_space(first), "{c:?}");
            }
        }
    }

    #[test]
    fn byte_paths_write_what_the_char_path_writes() {
        for text in [
            "é a",
            " 日本 語 ",
            "ü\nö  ä\t",
            "€ 5",
            "a\u{a0}b",
            "x\u{3000}y",
            "\u{2003}a",
            "a\u{85}",
            "\u{1680}",
            "naïve  café ",
            "Ā\u{2028}b",
            "plain words",
            " one ",
            "  two  spaces ",
            "",
            " ",
            "\n",
        ] {
            for inline in [false, true] {
                let new = || if inline { Out::inline() } else { Out::block(0) };
                let (mut fast, mut reference) = (new(), new());
                for out in [&mut fast, &mut reference] {
                    out.push_prefix("> ");
                    out.set_marker("- ", 2);
                    out.newline(2);
                }
                fast.text(text);
                reference.unicode_text(text);
                fast.text("]");
                reference.text("]");
                assert_eq!(fast.inline_parts(), reference.inline_parts(), "{text:?}");
                assert_eq!(fast.finish(), reference.finish(), "{text:?}");
            }
        }
    }

    #[test]
    fn token_parts_is_token_of_the_joined_parts() {
        let mut a = Out::block(0);
        let mut b = Out::block(0);
        for parts in [
            &["[", "x", "](", "u", ")"][..],
            &["", ""],
            &[],
            &["a"],
            &["", "b", ""],
        ] {
            a.space();
            a.token_parts(parts);
            b.space();
            b.token(&parts.concat());
        }
        assert_eq!(a.finish(), b.finish());
    }

    #[test]
    fn a_reset_inline_writer_is_a_new_one() {
        let mut reused = Out::inline();
        reused.push_prefix("> ");
        reused.set_marker("- ", 2);
        reused.text(" some text ");
        reused.newline(2);
        reused.reset_inline();
        let mut fresh = Out::inline();
        for out in [&mut reused, &mut fresh] {
            out.text("a ");
            out.token("b");
        }
        assert_eq!(reused.inline_parts(), fresh.inline_parts());
        assert_eq!(reused.finish_inline(), (false, "a b".to_string(), false));
    }

    #[test]
    fn single_spacing_is_recognised() {
        for (text, single) in [
            ("", false),
            ("a", true),
            ("a b c", true),
            ("a  b", false),
            ("a\tb", false),
            ("a\nb", false),
            ("a\x0bb", false),
            ("a\x0cb", false),
            ("a\rb", false),
            ("a ", false),
            ("a \n", false),
            (" a", false),
            ("a\x01b", false),
        ] {
            assert_eq!(single_spaced(text.as_bytes()), single, "{text:?}");
        }
    }

    #[test]
    fn plain_words_are_found_where_the_general_path_finds_them() {
        for (text, words) in [
            ("a b", Some((0, 3))),
            (" a b ", Some((1, 4))),
            (" ", None),
            ("", None),
            ("  a", None),
            ("a  b", None),
            ("a\nb", None),
            ("é", Some((0, 2))),
            (" ü ö ", Some((1, 6))),
            ("a\u{a0}b", None),
            ("a\u{3000}", None),
            ("a ", Some((0, 1))),
            (" a", Some((1, 2))),
        ] {
            assert_eq!(plain_words(text.as_bytes()), words, "{text:?}");
        }
        // A single-line writer given only such text reports these words and edges.
        for text in ["a b", " a b ", "a ", " a", "x", " x y z"] {
            let (start, end) = plain_words(text.as_bytes()).unwrap();
            let mut out = Out::inline();
            out.text(text);
            assert_eq!(
                out.inline_parts(),
                (start > 0, &text[start..end], end < text.len()),
                "{text:?}"
            );
        }
        // Text taking the fast path is written as the general path writes it.
        for text in ["a b", " a b ", "a ", " a", "x"] {
            for inline in [false, true] {
                let mut fast = if inline { Out::inline() } else { Out::block(0) };
                let mut general = if inline { Out::inline() } else { Out::block(0) };
                fast.text("[");
                fast.text(text);
                fast.text("]");
                general.text("[");
                general.ascii_text(text.as_bytes(), text);
                general.text("]");
                assert_eq!(fast.inline_parts(), general.inline_parts(), "{text:?}");
            }
        }
    }

    #[test]
    fn inline_mode_reports_edges() {
        let mut out = Out::inline();
        out.text(" a ");
        out.newline(2);
        out.text("b ");
        assert_eq!(out.finish_inline(), (true, "a b".to_string(), true));
    }
}
