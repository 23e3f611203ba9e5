//! Test data shared by the unit tests.

use trawl_protocol::{BatchItem, ItemStatus};

/// An item with only a URL and a status; built from JSON so fields the wire type gains later
/// (all optional) don't break every test.
pub fn item(url: &str, status: ItemStatus) -> BatchItem {
    serde_json::from_value(serde_json::json!({
        "uuid": url,
        "url": url,
        "status": status.as_str(),
        "creditsUsed": 0,
    }))
    .unwrap_or_else(|error| panic!("test item: {error}"))
}
