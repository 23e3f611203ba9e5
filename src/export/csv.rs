//! CSV that opens cleanly in Excel and Google Sheets: one row per page, nested results
//! flattened into dotted columns, formula injection neutralised, optional UTF-8 BOM. The same
//! table with tabs is what "Copy as table" puts on the clipboard.

use trawl_protocol::BatchItem;

use super::flatten::{cell_text, flatten};

const BOM: char = '\u{feff}';
/// Fixed columns, capitalised so they don't clash with the result's own lower-case names.
const FIRST_COLUMNS: [&str; 2] = ["Page URL", "Status"];
const LAST_COLUMNS: [&str; 2] = ["Error", "Credits used"];

/// The CSV of a batch's items (CRLF line ends, RFC 4180 quoting).
pub fn items_to_csv(items: &[BatchItem], bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push(BOM);
    }
    out + &items_to_table(items, ',')
}

/// The items as tab-separated text, for pasting into a spreadsheet.
pub fn items_to_tsv(items: &[BatchItem]) -> String {
    items_to_table(items, '\t')
}

fn items_to_table(items: &[BatchItem], separator: char) -> String {
    let flattened: Vec<Vec<(String, String)>> = items
        .iter()
        .map(|item| {
            item.result
                .as_ref()
                .map(|result| {
                    flatten(result)
                        .into_iter()
                        .map(|(name, value)| (name, cell_text(&value)))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let mut result_columns: Vec<&str> = Vec::new();
    for row in &flattened {
        for (name, _) in row {
            if !result_columns.contains(&name.as_str()) {
                result_columns.push(name);
            }
        }
    }

    let mut out = String::new();
    let header: Vec<&str> = FIRST_COLUMNS
        .iter()
        .copied()
        .chain(result_columns.iter().copied())
        .chain(LAST_COLUMNS)
        .collect();
    push_row(
        &mut out,
        separator,
        header.iter().map(|name| (*name).to_owned()),
    );
    for (item, row) in items.iter().zip(&flattened) {
        let cells = [item.url.clone(), item.status.as_str().to_owned()]
            .into_iter()
            .chain(result_columns.iter().map(|column| {
                row.iter()
                    .find(|(name, _)| name == column)
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default()
            }))
            .chain([
                item.error.clone().unwrap_or_default(),
                item.credits_used.to_string(),
            ]);
        push_row(&mut out, separator, cells);
    }
    out
}

fn push_row(out: &mut String, separator: char, cells: impl Iterator<Item = String>) {
    let line: Vec<String> = cells.map(|cell| escape_for(&cell, separator)).collect();
    out.push_str(&line.join(&separator.to_string()));
    out.push_str("\r\n");
}

/// One cell: a leading `'` defuses text a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab, carriage return), except plain numbers like `-5`; then RFC 4180 quoting.
pub fn escape(cell: &str) -> String {
    escape_for(cell, ',')
}

fn escape_for(cell: &str, separator: char) -> String {
    let is_number = is_plain_number(cell);
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number;
    let cell = if risky {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// `-5`, `12.50`, `-0.3`: an optional minus, digits and at most one dot. (Checked by hand rather than with
/// `str::parse::<f64>`, whose code is large in WebAssembly.)
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use trawl_protocol::ItemStatus;

    fn item(url: &str, result: Option<serde_json::Value>, error: Option<&str>) -> BatchItem {
        let status = if error.is_some() {
            ItemStatus::Failed
        } else {
            ItemStatus::Completed
        };
        let mut item = crate::test_support::item(url, status);
        item.result = result;
        item.error = error.map(str::to_owned);
        item.credits_used = if error.is_some() { 0 } else { 2 };
        item
    }

    #[test]
    fn one_row_per_page_with_nested_fields_as_columns() {
        let items = [
            item(
                "https://a.example/1",
                Some(json!({"name": "Widget", "offer": {"price": 49.99}})),
                None,
            ),
            item(
                "https://a.example/2",
                None,
                Some("The page returned 404 Not Found."),
            ),
        ];
        let csv = items_to_csv(&items, false);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Page URL,Status,name,offer.price,Error,Credits used"
        );
        assert_eq!(lines[1], "https://a.example/1,completed,Widget,49.99,,2");
        assert_eq!(
            lines[2],
            "https://a.example/2,failed,,,The page returned 404 Not Found.,0"
        );
    }

    #[test]
    fn columns_are_the_union_of_every_rows_fields() {
        let items = [
            item("https://a.example/1", Some(json!({"a": 1})), None),
            item("https://a.example/2", Some(json!({"b": 2})), None),
        ];
        let csv = items_to_csv(&items, false);
        assert!(csv.starts_with("Page URL,Status,a,b,Error,Credits used\r\n"));
        assert!(csv.contains("https://a.example/2,completed,,2,,2"));
    }

    #[test]
    fn formulas_are_defused_but_negative_numbers_kept() {
        assert_eq!(escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape("+1+1"), "'+1+1");
        assert_eq!(escape("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape("-2+3"), "'-2+3");
        assert_eq!(escape("-5"), "-5");
        assert_eq!(escape("-4.5"), "-4.5");
        assert_eq!(escape("-"), "'-");
        assert_eq!(escape("-1.2.3"), "'-1.2.3");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(escape("a,b"), "\"a,b\"");
        assert_eq!(escape("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(escape("two\nlines"), "\"two\nlines\"");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn bom_is_added_only_when_asked() {
        let items = [item(
            "https://a.example/",
            Some(json!({"name": "Crème"})),
            None,
        )];
        assert!(items_to_csv(&items, true).starts_with('\u{feff}'));
        assert!(items_to_csv(&items, false).starts_with("Page URL"));
        assert!(items_to_csv(&items, false).contains("Crème"));
    }

    #[test]
    fn copied_table_uses_tabs_and_keeps_formulas_defused() {
        let items = [item(
            "https://a.example/",
            Some(json!({"name": "=cmd", "note": "a\tb, c"})),
            None,
        )];
        let tsv = items_to_tsv(&items);
        let lines: Vec<&str> = tsv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Page URL\tStatus\tname\tnote\tError\tCredits used"
        );
        assert_eq!(
            lines[1],
            "https://a.example/\tcompleted\t'=cmd\t\"a\tb, c\"\t\t2"
        );
    }

    #[test]
    fn markdown_results_go_in_a_content_column() {
        let items = [item(
            "https://a.example/",
            Some(json!("# Title\n\nText")),
            None,
        )];
        let csv = items_to_csv(&items, false);
        assert!(csv.starts_with("Page URL,Status,content,Error,Credits used\r\n"));
        assert!(csv.contains("\"# Title\n\nText\""));
    }
}
