//! The table insertion modes: tables, captions, column groups, row groups, rows and cells,
//! with foster parenting for content that does not belong between rows.

use super::modes::Flow::{self, Again, Done};
use super::tokenizer::Token;
use super::tree::{Builder, Context, Entry, Mode, Ns, Scope, is_space_only};

const BODY_SECTIONS: &[&str] = &["tbody", "tfoot", "thead"];

impl<'a> Builder<'a> {
    /// In-body rules with foster parenting on: content misplaced in a table goes before it.
    fn fostered(&mut self, token: Token<'a>) -> Flow<'a> {
        self.foster = true;
        let flow = self.in_body(token);
        self.foster = false;
        flow
    }

    fn close_table(&mut self) {
        self.pop_until("table");
        self.reset_mode();
    }

    pub(super) fn in_table(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                if self.current_is_any(&["table", "tbody", "template", "tfoot", "thead", "tr"]) {
                    if is_space_only(&text) {
                        self.insert_text(&text);
                        return Done;
                    }
                    return self.fostered(Token::Text(text));
                }
                self.fostered(Token::Text(text))
            }
            Token::Comment(text) => {
                self.insert_comment(&text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(tag) => match &*tag.name {
                "caption" => {
                    self.clear_back_to(Context::Table);
                    self.afe.push(Entry::Marker);
                    self.insert("caption", tag.attrs, Ns::Html);
                    self.mode = Mode::InCaption;
                    Done
                }
                "colgroup" => {
                    self.clear_back_to(Context::Table);
                    self.insert("colgroup", tag.attrs, Ns::Html);
                    self.mode = Mode::InColumnGroup;
                    Done
                }
                "col" => {
                    self.clear_back_to(Context::Table);
                    self.insert("colgroup", Vec::new(), Ns::Html);
                    self.mode = Mode::InColumnGroup;
                    Again(Token::Start(tag))
                }
                "tbody" | "tfoot" | "thead" => {
                    self.clear_back_to(Context::Table);
                    self.insert(&tag.name, tag.attrs, Ns::Html);
                    self.mode = Mode::InTableBody;
                    Done
                }
                "td" | "th" | "tr" => {
                    self.clear_back_to(Context::Table);
                    self.insert("tbody", Vec::new(), Ns::Html);
                    self.mode = Mode::InTableBody;
                    Again(Token::Start(tag))
                }
                "table" => {
                    if !self.in_scope("table", Scope::Table) {
                        return Done;
                    }
                    self.close_table();
                    Again(Token::Start(tag))
                }
                "style" | "script" | "template" => self.in_head(Token::Start(tag)),
                "input"
                    if tag
                        .attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert("input", tag.attrs, Ns::Html);
                    self.pop();
                    Done
                }
                "form" => {
                    if self.has_open("template") || self.form.is_some() {
                        return Done;
                    }
                    let id = self.insert("form", tag.attrs, Ns::Html);
                    self.form = Some(id);
                    self.pop();
                    Done
                }
                _ => self.fostered(Token::Start(tag)),
            },
            Token::End(name) => match &*name {
                "table" => {
                    if self.in_scope("table", Scope::Table) {
                        self.close_table();
                    }
                    Done
                }
                "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot"
                | "th" | "thead" | "tr" => Done,
                "template" => self.in_head(Token::End(name)),
                _ => self.fostered(Token::End(name)),
            },
            Token::Eof => self.in_body(Token::Eof),
        }
    }

    fn close_caption(&mut self) -> bool {
        if !self.in_scope("caption", Scope::Table) {
            return false;
        }
        self.generate_implied_end(None);
        self.pop_until("caption");
        self.clear_formatting_to_marker();
        self.mode = Mode::InTable;
        true
    }

    pub(super) fn in_caption(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::End(ref name) if name == "caption" => {
                self.close_caption();
                Done
            }
            Token::Start(ref tag) if is_table_part(&tag.name) => {
                if self.close_caption() {
                    Again(token)
                } else {
                    Done
                }
            }
            Token::End(ref name) if name == "table" => {
                if self.close_caption() {
                    Again(token)
                } else {
                    Done
                }
            }
            Token::End(ref name)
                if matches!(
                    &**name,
                    "body"
                        | "col"
                        | "colgroup"
                        | "html"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                Done
            }
            other => self.in_body(other),
        }
    }

    pub(super) fn in_column_group(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(ref text) if is_space_only(text) => {
                self.insert_text(text);
                Done
            }
            Token::Comment(text) => {
                self.insert_comment(&text);
                Done
            }
            Token::Doctype(_) => Done,
            Token::Start(ref tag) if tag.name == "html" => self.in_body(token),
            Token::Start(tag) if tag.name == "col" => {
                self.insert("col", tag.attrs, Ns::Html);
                self.pop();
                Done
            }
            Token::Start(ref tag) if tag.name == "template" => self.in_head(token),
            Token::End(ref name) if name == "template" => self.in_head(token),
            Token::End(ref name) if name == "colgroup" => {
                if self.current_is("colgroup") {
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Done
            }
            Token::End(ref name) if name == "col" => Done,
            Token::Eof => self.in_body(token),
            other => {
                if !self.current_is("colgroup") {
                    return Done;
                }
                self.pop();
                self.mode = Mode::InTable;
                Again(other)
            }
        }
    }

    pub(super) fn in_table_body(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Start(tag) if tag.name == "tr" => {
                self.clear_back_to(Context::Body);
                self.insert("tr", tag.attrs, Ns::Html);
                self.mode = Mode::InRow;
                Done
            }
            Token::Start(ref tag) if tag.name == "th" || tag.name == "td" => {
                self.clear_back_to(Context::Body);
                self.insert("tr", Vec::new(), Ns::Html);
                self.mode = Mode::InRow;
                Again(token)
            }
            Token::End(ref name) if matches!(&**name, "tbody" | "tfoot" | "thead") => {
                if self.in_scope(name, Scope::Table) {
                    self.clear_back_to(Context::Body);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Done
            }
            Token::Start(ref tag)
                if matches!(
                    &*tag.name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead"
                ) =>
            {
                self.leave_table_body(token)
            }
            Token::End(ref name) if name == "table" => self.leave_table_body(token),
            Token::End(ref name)
                if matches!(
                    &**name,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr"
                ) =>
            {
                Done
            }
            other => self.in_table(other),
        }
    }

    fn leave_table_body(&mut self, token: Token<'a>) -> Flow<'a> {
        if !self.in_scope_where(Scope::Table, |o| o.is_any(BODY_SECTIONS)) {
            return Done;
        }
        self.clear_back_to(Context::Body);
        self.pop();
        self.mode = Mode::InTable;
        Again(token)
    }

    fn close_row(&mut self) -> bool {
        if !self.in_scope("tr", Scope::Table) {
            return false;
        }
        self.clear_back_to(Context::Row);
        self.pop();
        self.mode = Mode::InTableBody;
        true
    }

    pub(super) fn in_row(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Start(tag) if tag.name == "th" || tag.name == "td" => {
                self.clear_back_to(Context::Row);
                self.insert(&tag.name, tag.attrs, Ns::Html);
                self.mode = Mode::InCell;
                self.afe.push(Entry::Marker);
                Done
            }
            Token::End(ref name) if name == "tr" => {
                self.close_row();
                Done
            }
            Token::Start(ref tag)
                if matches!(
                    &*tag.name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr"
                ) =>
            {
                if self.close_row() {
                    Again(token)
                } else {
                    Done
                }
            }
            Token::End(ref name) if name == "table" => {
                if self.close_row() {
                    Again(token)
                } else {
                    Done
                }
            }
            Token::End(ref name) if matches!(&**name, "tbody" | "tfoot" | "thead") => {
                if !self.in_scope(name, Scope::Table) {
                    return Done;
                }
                if self.close_row() { Again(token) } else { Done }
            }
            Token::End(ref name)
                if matches!(
                    &**name,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th"
                ) =>
            {
                Done
            }
            other => self.in_table(other),
        }
    }

    fn close_cell(&mut self) {
        self.generate_implied_end(None);
        self.pop_until_any(&["td", "th"]);
        self.clear_formatting_to_marker();
        self.mode = Mode::InRow;
    }

    pub(super) fn in_cell(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::End(ref name) if name == "td" || name == "th" => {
                if self.in_scope(name, Scope::Table) {
                    self.generate_implied_end(None);
                    self.pop_until(name);
                    self.clear_formatting_to_marker();
                    self.mode = Mode::InRow;
                }
                Done
            }
            Token::Start(ref tag) if is_table_part(&tag.name) => {
                if !self.in_scope_where(Scope::Table, |o| o.is_any(&["td", "th"])) {
                    return Done;
                }
                self.close_cell();
                Again(token)
            }
            Token::End(ref name)
                if matches!(&**name, "body" | "caption" | "col" | "colgroup" | "html") =>
            {
                Done
            }
            Token::End(ref name)
                if matches!(&**name, "table" | "tbody" | "tfoot" | "thead" | "tr") =>
            {
                if !self.in_scope(name, Scope::Table) {
                    return Done;
                }
                self.close_cell();
                Again(token)
            }
            other => self.in_body(other),
        }
    }
}

/// The start tags that end a caption or a cell: any other part of a table.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr"
    )
}
