//! The "in body" insertion mode: where nearly all content goes, with the standard's rules
//! for implied end tags, lists, headings, forms, formatting elements, raw-text elements and
//! the elements that open tables, SVG and MathML.

use std::borrow::Cow;

use super::modes::Flow::{self, Again, Done};
use super::tokenizer::{RawKind, Tag, Token};
use super::tree::{Builder, Entry, Mode, Ns, Scope, is_space_only, is_special};

impl<'a> Builder<'a> {
    pub(super) fn body_text(&mut self, text: &str) {
        if !self.afe.is_empty() {
            self.reconstruct_formatting();
        }
        if self.frameset_ok && !is_space_only(text) {
            self.frameset_ok = false;
        }
        self.insert_text(text);
    }

    pub(super) fn in_body(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => self.body_text(&text),
            Token::Comment(text) => self.insert_comment(&text),
            Token::Doctype(_) => {}
            Token::Start(tag) => return self.body_start(tag),
            Token::End(name) => return self.body_end(name),
            Token::Eof => {
                if !self.template_modes.is_empty() {
                    return self.in_template(Token::Eof);
                }
            }
        }
        Done
    }

    pub(super) fn body_start(&mut self, mut tag: Tag<'a>) -> Flow<'a> {
        match &*tag.name {
            "html" => {
                if !self.has_open("template")
                    && let Some(html) = self.stack.first().map(|o| o.id)
                {
                    self.add_missing_attrs(html, tag.attrs);
                }
            }
            // `HEAD_TAGS`, as patterns: a guard with a list search here would run for every
            // start tag.
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style"
            | "template" | "title" => return self.in_head(Token::Start(tag)),
            "body" => {
                if self.stack.len() > 1 && self.stack[1].is("body") && !self.has_open("template") {
                    self.frameset_ok = false;
                    let body = self.stack[1].id;
                    self.add_missing_attrs(body, tag.attrs);
                }
            }
            "frameset" => {}
            "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
            | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header"
            | "hgroup" | "main" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
            | "menu" => {
                self.close_p_in_button_scope();
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_p_in_button_scope();
                if self.current_is_any(&["h1", "h2", "h3", "h4", "h5", "h6"]) {
                    self.pop();
                }
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope();
                self.insert(&tag.name, tag.attrs, Ns::Html);
                self.ignore_lf = true;
                self.frameset_ok = false;
            }
            "form" => {
                let in_template = self.has_open("template");
                if self.form.is_none() || in_template {
                    self.close_p_in_button_scope();
                    let id = self.insert("form", tag.attrs, Ns::Html);
                    if !in_template {
                        self.form = Some(id);
                    }
                }
            }
            "li" | "dd" | "dt" => {
                self.frameset_ok = false;
                let list = tag.name == "li";
                let mut to_close = None;
                for open in self.stack.iter().rev() {
                    let closes = if list {
                        open.is("li")
                    } else {
                        open.is_any(&["dd", "dt"])
                    };
                    if closes {
                        to_close = Some(open.name.clone());
                        break;
                    }
                    if is_special(open) && !open.is_any(&["address", "div", "p"]) {
                        break;
                    }
                }
                if let Some(name) = to_close {
                    self.generate_implied_end(Some(&name));
                    self.pop_until(&name);
                }
                self.close_p_in_button_scope();
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
            "plaintext" => {
                self.close_p_in_button_scope();
                self.insert("plaintext", tag.attrs, Ns::Html);
                let text = self.tok.rest_as_text();
                self.insert_text(&text);
            }
            "button" => {
                if self.in_scope("button", Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until("button");
                }
                self.reconstruct_formatting();
                self.insert("button", tag.attrs, Ns::Html);
                self.frameset_ok = false;
            }
            "a" => {
                let open_a = self.afe.iter().rev().find_map(|e| match e {
                    Entry::Marker => Some(None),
                    Entry::Element(id, name) if &**name == "a" => Some(Some(*id)),
                    _ => None,
                });
                if let Some(Some(old)) = open_a {
                    self.adoption_agency("a");
                    if let Some(at) = self
                        .afe
                        .iter()
                        .position(|e| matches!(e, Entry::Element(id, _) if *id == old))
                    {
                        self.afe.remove(at);
                    }
                    if let Some(at) = self.stack.iter().rposition(|o| o.id == old) {
                        self.stack.remove(at);
                    }
                }
                self.reconstruct_formatting();
                let id = self.insert("a", tag.attrs, Ns::Html);
                self.push_formatting(id);
            }
            "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong"
            | "tt" | "u" => {
                self.reconstruct_formatting();
                let id = self.insert(&tag.name, tag.attrs, Ns::Html);
                self.push_formatting(id);
            }
            "nobr" => {
                self.reconstruct_formatting();
                if self.in_scope("nobr", Scope::Default) {
                    self.adoption_agency("nobr");
                    self.reconstruct_formatting();
                }
                let id = self.insert("nobr", tag.attrs, Ns::Html);
                self.push_formatting(id);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct_formatting();
                self.insert(&tag.name, tag.attrs, Ns::Html);
                self.afe.push(Entry::Marker);
                self.frameset_ok = false;
            }
            "table" => {
                if self.quirks != html5ever::tree_builder::QuirksMode::Quirks {
                    self.close_p_in_button_scope();
                }
                self.insert("table", tag.attrs, Ns::Html);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "image" | "input" => {
                if tag.name == "input" && self.in_scope("select", Scope::Default) {
                    self.pop_until("select");
                }
                if tag.name == "image" {
                    tag.name = Cow::Borrowed("img");
                }
                self.reconstruct_formatting();
                self.insert(&tag.name, tag.attrs, Ns::Html);
                self.pop();
                self.frameset_ok = false;
            }
            "param" | "source" | "track" => {
                self.insert(&tag.name, tag.attrs, Ns::Html);
                self.pop();
            }
            "hr" => {
                self.close_p_in_button_scope();
                if self.in_scope("select", Scope::Default) {
                    self.generate_implied_end(None);
                }
                self.insert("hr", tag.attrs, Ns::Html);
                self.pop();
                self.frameset_ok = false;
            }
            "textarea" => {
                self.frameset_ok = false;
                self.raw_element(tag, RawKind::Rcdata);
            }
            "xmp" => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting();
                self.frameset_ok = false;
                self.raw_element(tag, RawKind::Rawtext);
            }
            "iframe" | "noembed" | "noscript" => {
                if tag.name == "iframe" {
                    self.frameset_ok = false;
                }
                self.raw_element(tag, RawKind::Rawtext);
            }
            "select" => {
                if self.in_scope("select", Scope::Default) {
                    self.pop_until("select");
                } else {
                    self.reconstruct_formatting();
                    self.insert("select", tag.attrs, Ns::Html);
                    self.frameset_ok = false;
                }
            }
            "option" | "optgroup" => {
                if self.in_scope("select", Scope::Default) {
                    if tag.name == "option" {
                        self.generate_implied_end(Some("optgroup"));
                    } else {
                        self.generate_implied_end(None);
                    }
                } else if self.current_is("option") {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
            "rb" | "rtc" | "rp" | "rt" => {
                if self.in_scope("ruby", Scope::Default) {
                    if matches!(&*tag.name, "rb" | "rtc") {
                        self.generate_implied_end(None);
                    } else {
                        self.generate_implied_end(Some("rtc"));
                    }
                }
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
            "math" | "svg" => {
                self.reconstruct_formatting();
                let ns = if tag.name == "svg" { Ns::Svg } else { Ns::Math };
                self.insert(&tag.name, tag.attrs, ns);
                if tag.self_closing {
                    self.pop();
                }
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => {}
            _ => {
                self.reconstruct_formatting();
                self.insert(&tag.name, tag.attrs, Ns::Html);
            }
        }
        Done
    }

    pub(super) fn body_end(&mut self, name: Cow<'a, str>) -> Flow<'a> {
        match &*name {
            "template" => return self.in_head(Token::End(name)),
            "body" => {
                if self.in_scope("body", Scope::Default) {
                    self.mode = Mode::AfterBody;
                }
            }
            "html" => {
                if self.in_scope("body", Scope::Default) {
                    self.mode = Mode::AfterBody;
                    return Again(Token::End(name));
                }
            }
            "address" | "article" | "aside" | "blockquote" | "button" | "center" | "details"
            | "dialog" | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer"
            | "header" | "hgroup" | "listing" | "main" | "menu" | "nav" | "ol" | "pre"
            | "search" | "section" | "select" | "summary" | "ul" => {
                if self.in_scope(&name, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until(&name);
                }
            }
            "form" => {
                if self.has_open("template") {
                    if self.in_scope("form", Scope::Default) {
                        self.generate_implied_end(None);
                        self.pop_until("form");
                    }
                } else {
                    let Some(form) = self.form.take() else {
                        return Done;
                    };
                    if !self.in_scope_where(Scope::Default, |o| o.id == form) {
                        return Done;
                    }
                    self.generate_implied_end(None);
                    if let Some(at) = self.stack.iter().rposition(|o| o.id == form) {
                        self.stack.remove(at);
                    }
                }
            }
            "p" => {
                if !self.in_scope("p", Scope::Button) {
                    self.insert("p", Vec::new(), Ns::Html);
                }
                self.generate_implied_end(Some("p"));
                self.pop_until("p");
            }
            "li" => {
                if self.in_scope("li", Scope::ListItem) {
                    self.generate_implied_end(Some("li"));
                    self.pop_until("li");
                }
            }
            "dd" | "dt" => {
                if self.in_scope(&name, Scope::Default) {
                    self.generate_implied_end(Some(&name));
                    self.pop_until(&name);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let headings = ["h1", "h2", "h3", "h4", "h5", "h6"];
                if self.in_scope_where(Scope::Default, |o| o.is_any(&headings)) {
                    self.generate_implied_end(None);
                    self.pop_until_any(&headings);
                }
            }
            "applet" | "marquee" | "object" => {
                if self.in_scope(&name, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until(&name);
                    self.clear_formatting_to_marker();
                }
            }
            "br" => {
                return self.body_start(Tag {
                    name: Cow::Borrowed("br"),
                    attrs: Vec::new(),
                    self_closing: false,
                });
            }
            // The standard's formatting elements.
            n @ ("a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small"
            | "strike" | "strong" | "tt" | "u") => {
                if !self.adoption_agency(n) {
                    self.any_other_end_tag(n);
                }
            }
            _ => self.any_other_end_tag(&name),
        }
        Done
    }
}
