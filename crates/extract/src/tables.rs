//! Tables as GitHub pipe tables and definition lists as `**term**: definition` lines.
//!
//! Layout tables (`role=presentation`, nested tables, a single row or column) are not data:
//! their cells are rendered as ordinary blocks instead.

use scraper::ElementRef;

use crate::dom::AttrExt;
use crate::markdown::{Ctx, Renderer};
use crate::writer::Out;

/// A colspan larger than this is taken as this (bounds the work on odd markup).
const MAX_COLSPAN: usize = 64;

/// Renders a `<table>`.
pub(crate) fn table<'a>(r: &Renderer<'_, 'a>, el: ElementRef<'a>, out: &mut Out, ctx: Ctx) {
    let rows = rows(el);
    if is_layout(el, &rows) {
        out.newline(ctx.gap());
        r.children(*el, out, ctx);
        out.newline(ctx.gap());
        return;
    }
    let mut grid: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for tr in rows {
        if r.main.skip(tr, ctx.in_section) {
            continue;
        }
        let mut cells = Vec::new();
        for cell in cells_of(tr) {
            let (_, text, _) = r.inline(cell, ctx);
            cells.push(if text.contains('|') {
                text.replace('|', "\\|")
            } else {
                text
            });
            let span = cell
                .value()
                .attr_str("colspan")
                .and_then(|s| s.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_COLSPAN);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        if cells.iter().any(|c| !c.is_empty()) {
            grid.push(cells);
        }
    }
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    if out.is_inline() {
        for cell in grid.iter().flatten() {
            out.space();
            out.text(cell);
        }
        out.space();
        return;
    }
    out.newline(2);
    if let Some(caption) = el.child_elements().find(|c| c.value().name() == "caption") {
        let (_, text, _) = r.inline(caption, ctx);
        if !text.is_empty() {
            out.token(&text);
            out.newline(2);
        }
    }
    let mut line = String::new();
    for (i, row) in grid.iter().enumerate() {
        line.clear();
        line.push('|');
        for c in 0..columns {
            line.push(' ');
            line.push_str(row.get(c).map_or("", String::as_str));
            line.push_str(" |");
        }
        out.raw_line(&line);
        if i == 0 {
            out.raw_line(&format!("|{}", " --- |".repeat(columns)));
        }
    }
    out.newline(2);
}

/// The table's own rows: `<thead>` first, then body rows, then `<tfoot>` (not nested tables').
fn rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut head = Vec::new();
    let mut body = Vec::new();
    let mut foot = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => body.push(child),
            section @ ("thead" | "tbody" | "tfoot") => {
                let list = match section {
                    "thead" => &mut head,
                    "tfoot" => &mut foot,
                    _ => &mut body,
                };
                list.extend(child.child_elements().filter(|c| c.value().name() == "tr"));
            }
            _ => {}
        }
    }
    head.append(&mut body);
    head.append(&mut foot);
    head
}

fn cells_of<'a>(tr: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    tr.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
}

/// Whether a table is for layout rather than data.
fn is_layout(table: ElementRef<'_>, rows: &[ElementRef<'_>]) -> bool {
    let role = table.value().attr_str("role").map(str::trim);
    if matches!(role, Some("presentation" | "none")) || rows.len() < 2 {
        return true;
    }
    if rows.iter().all(|tr| cells_of(*tr).count() < 2) {
        return true;
    }
    table
        .descendent_elements()
        .skip(1)
        .any(|d| d.value().name() == "table")
}

/// Renders a `<dl>`: one `**term**: definition` line per definition (terms given together
/// share it; several definitions repeat the term).
pub(crate) fn definition_list<'a>(
    r: &Renderer<'_, 'a>,
    el: ElementRef<'a>,
    out: &mut Out,
    ctx: Ctx,
) {
    out.newline(ctx.gap());
    let mut terms: Vec<String> = Vec::new();
    let mut defined = false;
    // `<div>` groups are allowed around dt/dd pairs.
    let items = el.child_elements().flat_map(|c| {
        if c.value().name() == "div" {
            c.child_elements().collect::<Vec<_>>()
        } else {
            vec![c]
        }
    });
    for item in items {
        if r.main.skip(item, ctx.in_section) {
            continue;
        }
        match item.value().name() {
            "dt" => {
                if defined {
                    terms.clear();
                    defined = false;
                }
                let (_, text, _) = r.inline(
                    item,
                    Ctx {
                        strong: true,
                        ..ctx
                    },
                );
                if !text.is_empty() {
                    terms.push(text);
                }
            }
            "dd" => {
                let (_, text, _) = r.inline(item, ctx);
                defined = true;
                let line = match (terms.is_empty(), text.is_empty()) {
                    (true, true) => continue,
                    (true, false) => text,
                    (false, true) => format!("**{}**", terms.join(", ")),
                    (false, false) => format!("**{}**: {text}", terms.join(", ")),
                };
                out.newline(1);
                out.token(&line);
                out.newline(1);
            }
            _ => {
                out.newline(1);
                r.element(item, out, ctx);
                out.newline(1);
            }
        }
    }
    if !defined && !terms.is_empty() {
        out.newline(1);
        out.token(&format!("**{}**", terms.join(", ")));
    }
    out.newline(ctx.gap());
}

#[cfg(test)]
mod tests {
    use crate::html_to_markdown;
    use url::Url;

    fn md(body: &str) -> String {
        let base = Url::parse("https://example.com/").unwrap();
        html_to_markdown(&format!("<main>{body}</main>"), &base)
    }

    #[test]
    fn data_table_becomes_pipe_table() {
        let html = r#"<table><caption>Prices</caption>
            <thead><tr><th>Product</th><th>Price</th></tr></thead>
            <tbody><tr><td><a href="/p/1">Chair</a></td><td>$49.99</td></tr>
            <tr><td>Table | large</td><td>$120
                <br>(sale)</td></tr></tbody></table>"#;
        assert_eq!(
            md(html),
            "Prices\n\n| Product | Price |\n| --- | --- |\n| [Chair](https://example.com/p/1) | $49.99 |\n\
             | Table \\| large | $120 (sale) |"
        );
    }

    #[test]
    fn first_row_is_header_and_short_rows_are_padded() {
        let html = "<table><tr><td>Size</td><td>Stock</td><td>Note</td></tr>\
            <tr><td colspan=2>M</td><td>low</td></tr><tr><td>L</td></tr></table>";
        assert_eq!(
            md(html),
            "| Size | Stock | Note |\n| --- | --- | --- |\n| M |  | low |\n| L |  |  |"
        );
    }

    #[test]
    fn layout_tables_render_as_blocks() {
        let html = "<table><tr><td><p>Left column text</p></td></tr>\
            <tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>";
        assert_eq!(md(html), "Left column text\n\na\n\nb");
    }

    #[test]
    fn definition_lists_become_term_lines() {
        let html = "<dl><dt>Weight</dt><dd>4 kg</dd><div><dt>Colour</dt><dt>Finish</dt>\
            <dd>Red</dd><dd>Matte</dd></div><dt>Orphan</dt></dl>";
        assert_eq!(
            md(html),
            "**Weight**: 4 kg\n**Colour, Finish**: Red\n**Colour, Finish**: Matte\n**Orphan**"
        );
    }
}
