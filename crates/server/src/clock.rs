//! Timestamps as the API writes them: ISO 8601 / RFC 3339 in UTC with milliseconds.

use time::OffsetDateTime;
use time::macros::format_description;

pub fn now() -> String {
    format_timestamp(OffsetDateTime::now_utc())
}

pub fn format_timestamp(at: OffsetDateTime) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    at.format(&format)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_iso8601() {
        let at = OffsetDateTime::from_unix_timestamp(1_705_312_800).unwrap();
        assert_eq!(format_timestamp(at), "2024-01-15T10:00:00.000Z");
    }
}
