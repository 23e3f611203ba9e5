//! Downloads of a batch's results: CSV, JSON, NDJSON and Markdown writers (pure functions), and
//! the flattening of nested JSON into dotted names that the CSV and the review panel share.

pub mod csv;
pub mod flatten;
pub mod json;
pub mod markdown;

use trawl_protocol::BatchItem;

/// A download format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Ndjson,
    Markdown,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Ndjson,
        ExportFormat::Markdown,
    ];

    /// Button text.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Download CSV",
            ExportFormat::Json => "Download JSON",
            ExportFormat::Ndjson => "Download NDJSON",
            ExportFormat::Markdown => "Download Markdown",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Ndjson => "ndjson",
            ExportFormat::Markdown => "md",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Ndjson => "application/x-ndjson",
            ExportFormat::Markdown => "text/markdown;charset=utf-8",
        }
    }

    /// The file's content. `bom` only matters for CSV (Excel needs it to read UTF-8).
    pub fn write(self, items: &[BatchItem], bom: bool) -> String {
        match self {
            ExportFormat::Csv => csv::items_to_csv(items, bom),
            ExportFormat::Json => json::items_to_json(items),
            ExportFormat::Ndjson => json::items_to_ndjson(items),
            ExportFormat::Markdown => markdown::items_to_markdown(items),
        }
    }
}

/// The download's file name, e.g. `trawl-8d0c1a2b.csv`.
pub fn file_name(batch_id: &str, format: ExportFormat) -> String {
    let short: String = batch_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    let stem = if short.is_empty() {
        "trawl-results".to_owned()
    } else {
        format!("trawl-{short}")
    };
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_use_the_start_of_the_batch_id() {
        assert_eq!(
            file_name("8d0c1a2b-ffff-4444", ExportFormat::Csv),
            "trawl-8d0c1a2b.csv"
        );
        assert_eq!(file_name("", ExportFormat::Markdown), "trawl-results.md");
    }
}
