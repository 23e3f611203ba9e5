//! The tree builder's driver (token loop, dispatch between HTML and foreign content,
//! insertion modes) and the rules of the document-level modes: before and in the head,
//! after the body, framesets and templates. The in-body rules live in `body.rs`, the table
//! modes in `table_modes.rs`, foreign content in `foreign.rs`.

use std::borrow::Cow;

use super::tokenizer::{RawKind, Tag, Token};
use super::tree::{Builder, Mode, Ns, is_space_only};

/// What a rule did with its token.
pub(super) enum Flow<'a> {
    Done,
    /// Process the token again, in the (possibly changed) current mode.
    Again(Token<'a>),
}
pub(super) use Flow::{Again, Done};

/// Splits off the leading whitespace of a text token.
pub(super) fn split_space<'a>(text: Cow<'a, str>) -> (Cow<'a, str>, Cow<'a, str>) {
    let n = text
        .bytes()
        .take_while(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        .count();
    match text {
        Cow::Borrowed(s) => (Cow::Borrowed(&s[..n]), Cow::Borrowed(&s[n..])),
        Cow::Owned(s) => (
            Cow::Owned(s[..n].to_string()),
            Cow::Owned(s[n..].to_string()),
        ),
    }
}

pub(super) const HEAD_TAGS: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "template",
    "title",
];
/// A bound on reprocessing a token; every rule makes progress, this only guards mistakes.
const DISPATCH_LIMIT: usize = 16;

impl<'a> Builder<'a> {
    /// Runs the tokenizer to the end, building the tree.
    pub(super) fn run(&mut self) {
        loop {
            self.tok.cdata_allowed = self.current().is_some_and(|o| o.ns != Ns::Html);
            let mut token = self.tok.next_token();
            let eof = matches!(token, Token::Eof);
            if self.ignore_lf {
                self.ignore_lf = false;
                if let Token::Text(text) = &token
                    && text.starts_with('\n')
                {
                    token = Token::Text(match text {
                        Cow::Borrowed(s) => Cow::Borrowed(&s[1..]),
                        Cow::Owned(s) => Cow::Owned(s[1..].to_string()),
                    });
                }
            }
            // Content of the body (nearly all tokens): straight to the in-body rules, which is
            // where `dispatch` would take it, without its layers. Text in a table cell too: the
            // cell rules hand it to the in-body rules.
            let html_current = self.current().is_some_and(|o| o.ns == Ns::Html);
            let in_body = html_current && self.mode == Mode::InBody;
            let flow = match token {
                Token::Text(text) if in_body || (html_current && self.mode == Mode::InCell) => {
                    self.body_text(&text);
                    Done
                }
                Token::Start(tag) if in_body => self.body_start(tag),
                Token::End(name) if in_body => self.body_end(name),
                token => {
                    self.dispatch(token, DISPATCH_LIMIT);
                    Done
                }
            };
            if let Again(token) = flow {
                self.dispatch(token, DISPATCH_LIMIT - 1);
            }
            if eof {
                return;
            }
        }
    }

    /// Processes `token` in the current mode, again as long as the rules say so (at most
    /// `limit` times).
    fn dispatch(&mut self, mut token: Token<'a>, limit: usize) {
        for _ in 0..limit {
            let flow = if self.foreign_rules_apply(&token) {
                self.in_foreign(token)
            } else {
                self.step(self.mode, token)
            };
            match flow {
                Done => return,
                Again(t) => token = t,
            }
        }
    }

    pub(super) fn step(&mut self, mode: Mode, token: Token<'a>) -> Flow<'a> {
        match mode {
            Mode::Initial => self.initial(token),
            Mode::BeforeHtml => self.before_html(token),
            Mode::BeforeHead => self.before_head(token),
            Mode::InHead => self.in_head(token),
            Mode::AfterHead => self.after_head(token),
            Mode::InBody => self.in_body(token),
            Mode::InFrameset => self.in_frameset(token),
            Mode::InTable => self.in_table(token),
            Mode::InCaption => self.in_caption(token),
            Mode::InColumnGroup => self.in_column_group(token),
            Mode::InTableBody => self.in_table_body(token),
            Mode::InRow => self.in_row(token),
            Mode::InCell => self.in_cell(token),
            Mode::InTemplate => self.in_template(token),
            Mode::AfterBody | Mode::AfterAfterBody => self.after_body(token),
        }
    }
    fn initial(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                let (_, rest) = split_space(text);
                if rest.is_empty() {
                    return Done;
                }
                self.quirks = html5ever::tree_builder::QuirksMode::Quirks;
                self.mode = Mode::BeforeHtml;
                Again(Token::Text(rest))
            }
            Token::Comment(text) => {
                let root = self.root();
                self.append_comment_to(root, &text);
                Done
            }
            Token::Doctype(doctype) => {
                self.quirks = super::quirks(&doctype);
                super::append_doctype(self, *doctype);
                self.mode = Mode::BeforeHtml;
                Done
            }
            other => {
                self.quirks = html5ever::tree_builder::QuirksMode::Quirks;
                self.mode = Mode::BeforeHtml;
                Again(other)
            }
        }
    }

    fn before_html(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Doctype(_) => Done,
            Token::Comment(text) => {
                let root = self.root();
                self.append_comment_to(root, &text);
                Done
            }
            Token::Text(text) => {
                let (_, rest) = split_space(text);
                if rest.is_empty() {
                    return Done;
                }
                self.insert("html", Vec::new(), Ns::Html);
                self.mode = Mode::BeforeHead;
                Again(Token::Text(rest))
            }
            Token::Start(tag) if tag.name == "html" => {
                self.insert("html", tag.attrs, Ns::Html);
                self.mode = Mode::BeforeHead;
                Done
            }
            Token::End(name) if !matches!(&*name, "head" | "body" | "html" | "br") => Done,
            other => {
                self.insert("html", Vec::new(), Ns::Html);
                self.mode = Mode::BeforeHead;
                Again(other)
            }
        }
    }

    fn before_head(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                let (_, rest) = split_space(text);
                if rest.is_empty() {
                    return Done;
                }
                self.implied_head();
                Again(Token::Text(rest))
            }
            Token::Comment(text) => {
                self.insert_comment(&text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(tag) if tag.name == "html" => self.in_body(Token::Start(tag)),
            Token::Start(tag) if tag.name == "head" => {
                let id = self.insert("head", tag.attrs, Ns::Html);
                self.head = Some(id);
                self.mode = Mode::InHead;
                Done
            }
            Token::End(name) if !matches!(&*name, "head" | "body" | "html" | "br") => Done,
            other => {
                self.implied_head();
                Again(other)
            }
        }
    }

    fn implied_head(&mut self) {
        let id = self.insert("head", Vec::new(), Ns::Html);
        self.head = Some(id);
        self.mode = Mode::InHead;
    }

    /// Inserts a raw-text element and its text, and closes it.
    pub(super) fn raw_element(&mut self, tag: Tag<'a>, kind: RawKind) {
        let Tag { name, attrs, .. } = tag;
        self.insert(&name, attrs, Ns::Html);
        let mut text = self.tok.raw_text(kind, &name);
        if name == "textarea" && text.starts_with('\n') {
            text = match text {
                Cow::Borrowed(s) => Cow::Borrowed(&s[1..]),
                Cow::Owned(s) => Cow::Owned(s[1..].to_string()),
            };
        }
        self.insert_text(&text);
        self.pop();
    }

    pub(super) fn in_head(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                let (space, rest) = split_space(text);
                self.insert_text(&space);
                if rest.is_empty() {
                    return Done;
                }
                self.pop();
                self.mode = Mode::AfterHead;
                Again(Token::Text(rest))
            }
            Token::Comment(text) => {
                self.insert_comment(&text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(tag) => match &*tag.name {
                "html" => self.in_body(Token::Start(tag)),
                "base" | "basefont" | "bgsound" | "link" | "meta" => {
                    self.insert(&tag.name, tag.attrs, Ns::Html);
                    self.pop();
                    Done
                }
                "title" => {
                    self.raw_element(tag, RawKind::Rcdata);
                    Done
                }
                "noscript" | "noframes" | "style" => {
                    self.raw_element(tag, RawKind::Rawtext);
                    Done
                }
                "script" => {
                    self.raw_element(tag, RawKind::Script);
                    Done
                }
                "template" => {
                    self.insert("template", tag.attrs, Ns::Html);
                    self.afe.push(super::tree::Entry::Marker);
                    self.frameset_ok = false;
                    self.mode = Mode::InTemplate;
                    self.template_modes.push(Mode::InTemplate);
                    Done
                }
                "head" => Done,
                _ => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Again(Token::Start(tag))
                }
            },
            Token::End(name) => match &*name {
                "head" => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Done
                }
                "template" => {
                    self.end_template();
                    Done
                }
                "body" | "html" | "br" => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Again(Token::End(name))
                }
                _ => Done,
            },
            Token::Eof => {
                self.pop();
                self.mode = Mode::AfterHead;
                Again(Token::Eof)
            }
        }
    }

    pub(super) fn end_template(&mut self) {
        if !self.has_open("template") {
            return;
        }
        self.generate_implied_end_thoroughly();
        self.pop_until("template");
        self.clear_formatting_to_marker();
        self.template_modes.pop();
        self.reset_mode();
    }

    fn after_head(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                let (space, rest) = split_space(text);
                self.insert_text(&space);
                if rest.is_empty() {
                    return Done;
                }
                self.implied_body();
                Again(Token::Text(rest))
            }
            Token::Comment(text) => {
                self.insert_comment(&text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(tag) => match &*tag.name {
                "html" => self.in_body(Token::Start(tag)),
                "body" => {
                    self.insert("body", tag.attrs, Ns::Html);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                    Done
                }
                name if HEAD_TAGS.contains(&name) => {
                    // Misplaced head content still goes into the head.
                    let Some(head) = self.head else {
                        return self.in_head(Token::Start(tag));
                    };
                    self.push_open(head, Ns::Html);
                    let flow = self.in_head(Token::Start(tag));
                    if let Some(at) = self.stack.iter().rposition(|o| o.id == head) {
                        self.stack.remove(at);
                    }
                    flow
                }
                "frameset" => {
                    self.insert("frameset", tag.attrs, Ns::Html);
                    self.mode = Mode::InFrameset;
                    Done
                }
                "head" => Done,
                _ => {
                    self.implied_body();
                    Again(Token::Start(tag))
                }
            },
            Token::End(name) => match &*name {
                "template" => self.in_head(Token::End(name)),
                "body" | "html" | "br" => {
                    self.implied_body();
                    Again(Token::End(name))
                }
                _ => Done,
            },
            Token::Eof => {
                self.implied_body();
                Again(Token::Eof)
            }
        }
    }

    fn implied_body(&mut self) {
        self.insert("body", Vec::new(), Ns::Html);
        self.mode = Mode::InBody;
    }

    fn after_body(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(ref text) if is_space_only(text) => self.in_body(token),
            Token::Comment(text) => {
                let target = if self.mode == Mode::AfterBody {
                    self.stack.first().map_or(self.root(), |o| o.id)
                } else {
                    self.root()
                };
                self.append_comment_to(target, &text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(ref tag) if tag.name == "html" => self.in_body(token),
            Token::End(ref name) if name == "html" => {
                self.mode = Mode::AfterAfterBody;
                Done
            }
            Token::Eof => Done,
            other => {
                self.mode = Mode::InBody;
                Again(other)
            }
        }
    }

    /// A frameset page: only frames (and whitespace) count.
    fn in_frameset(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                let spaces: String = text
                    .chars()
                    .filter(|c| matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' '))
                    .collect();
                self.insert_text(&spaces);
            }
            Token::Comment(text) => self.insert_comment(&text),
            Token::Start(tag) => match &*tag.name {
                "html" => return self.in_body(Token::Start(tag)),
                "frameset" => {
                    self.insert("frameset", tag.attrs, Ns::Html);
                }
                "frame" => {
                    self.insert("frame", tag.attrs, Ns::Html);
                    self.pop();
                }
                "noframes" => return self.in_head(Token::Start(tag)),
                _ => {}
            },
            Token::End(name) => {
                if name == "frameset" && self.current_is("frameset") && self.stack.len() > 1 {
                    self.pop();
                }
            }
            Token::Doctype(_) | Token::Eof => {}
        }
        Done
    }

    pub(super) fn in_template(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Start(ref tag) => {
                let mode = match &*tag.name {
                    name if HEAD_TAGS.contains(&name) => return self.in_head(token),
                    "caption" | "colgroup" | "tbody" | "tfoot" | "thead" => Mode::InTable,
                    "col" => Mode::InColumnGroup,
                    "tr" => Mode::InTableBody,
                    "td" | "th" => Mode::InRow,
                    _ => Mode::InBody,
                };
                if let Some(top) = self.template_modes.last_mut() {
                    *top = mode;
                }
                self.mode = mode;
                Again(token)
            }
            Token::End(ref name) if name == "template" => self.in_head(token),
            Token::End(_) => Done,
            Token::Eof => {
                if !self.has_open("template") {
                    return Done;
                }
                self.pop_until("template");
                self.clear_formatting_to_marker();
                self.template_modes.pop();
                self.reset_mode();
                Again(Token::Eof)
            }
            other => self.in_body(other),
        }
    }
}
