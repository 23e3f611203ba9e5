//! Tables as GitHub pipe tables and definition lists as `**term**: definition` lines.
//!
//! Layout tables (`role=presentation`, nested tables, a single row or column) are not data:
//! their cells are rendered as ordinary blocks instead.

use html5ever::local_name;
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
    // Buffers of an earlier table, emptied (a fresh set if one is in use: a table inside this
    // one's cells would be rendered as layout, but nothing here relies on it).
    let mut grid = r.grid.take();
    grid.clear();
    fill_and_write(r, el, &rows, out, ctx, &mut grid);
    r.grid.replace(grid);
}

/// The buffers of a table's grid, kept by the renderer from one table to the next (a page
/// has many small tables; four allocations each added up).
#[derive(Default)]
pub(crate) struct Grid {
    /// The text of every cell one after another (`|` escaped).
    texts: String,
    /// Where each cell ends in `texts`.
    cell_ends: Vec<usize>,
    /// Where each row's cells end in `cell_ends`.
    row_ends: Vec<usize>,
    /// A table line being written.
    line: String,
}

impl Grid {
    fn clear(&mut self) {
        self.texts.clear();
        self.cell_ends.clear();
        self.row_ends.clear();
        self.line.clear();
    }
}

/// Renders a data table: reads its rows into `grid`, then writes them as pipe-table lines.
fn fill_and_write<'a>(
    r: &Renderer<'_, 'a>,
    el: ElementRef<'a>,
    rows: &[ElementRef<'a>],
    out: &mut Out,
    ctx: Ctx,
    grid: &mut Grid,
) {
    // The grid: the text of every cell one after another in `texts`, where each cell ends in
    // `cell_ends`, and where each row's cells end in `row_ends`. Rows whose cells are all
    // empty are left out.
    let Grid {
        texts,
        cell_ends,
        row_ends,
        line,
    } = grid;
    let mut columns = 0;
    for &tr in rows {
        if r.main.skip(tr, ctx.in_section) {
            continue;
        }
        let (first_cell, text_start) = (cell_ends.len(), texts.len());
        for cell in cells_of(tr) {
            r.with_inline(cell, ctx, |_, text, _| {
                if text.contains('|') {
                    texts.push_str(&text.replace('|', "\\|"));
                } else {
                    texts.push_str(text);
                }
            });
            let span = cell
                .value()
                .attr_str("colspan")
                .and_then(|s| s.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_COLSPAN);
            cell_ends.extend(std::iter::repeat_n(texts.len(), span));
        }
        if texts.len() > text_start {
            columns = columns.max(cell_ends.len() - first_cell);
            row_ends.push(cell_ends.len());
        } else {
            cell_ends.truncate(first_cell);
        }
    }
    if columns == 0 {
        return;
    }
    let cell_text = |cell: usize| {
        let start = if cell == 0 { 0 } else { cell_ends[cell - 1] };
        &texts[start..cell_ends[cell]]
    };
    if out.is_inline() {
        for cell in 0..cell_ends.len() {
            out.space();
            out.text(cell_text(cell));
        }
        out.space();
        return;
    }
    out.newline(2);
    if let Some(caption) = el
        .child_elements()
        .find(|c| c.value().name.local == local_name!("caption"))
    {
        r.with_inline(caption, ctx, |_, text, _| {
            if !text.is_empty() {
                out.token(text);
                out.newline(2);
            }
        });
    }
    let mut row_start = 0;
    for (i, &row_end) in row_ends.iter().enumerate() {
        line.clear();
        line.push('|');
        for c in 0..columns {
            line.push(' ');
            if row_start + c < row_end {
                line.push_str(cell_text(row_start + c));
            }
            line.push_str(" |");
        }
        out.raw_line(line);
        if i == 0 {
            line.clear();
            line.push('|');
            for _ in 0..columns {
                line.push_str(" --- |");
            }
            out.raw_line(line);
        }
        row_start = row_end;
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
                list.extend(
                    child
                        .child_elements()
                        .filter(|c| c.value().name.local == local_name!("tr")),
                );
            }
            _ => {}
        }
    }
    if head.is_empty() && foot.is_empty() {
        return body;
    }
    head.append(&mut body);
    head.append(&mut foot);
    head
}

fn cells_of<'a>(tr: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    tr.child_elements().filter(|c| {
        let name = &c.value().name.local;
        *name == local_name!("td") || *name == local_name!("th")
    })
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
    crate::dom::inside(*table).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| e.name.local == local_name!("table"))
    })
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
                let inner = Ctx {
                    strong: true,
                    ..ctx
                };
                r.with_inline(item, inner, |_, text, _| {
                    if !text.is_empty() {
                        terms.push(text.to_string());
                    }
                });
            }
            "dd" => {
                let text = r.with_inline(item, ctx, |_, text, _| text.to_string());
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
