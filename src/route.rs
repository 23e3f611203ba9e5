//! Which screen the address bar asks for. The app uses hash addresses (`#/history?page=2`) so
//! they work the same when served by the Trawl service and inside the extension.

use trawl_protocol::{BatchStatus, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT};

/// What the history screen shows; lives in the address so it can be bookmarked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryQuery {
    /// 1-based page number.
    pub page: u32,
    /// Batches per page (1–50).
    pub size: u32,
    /// Only batches with this status (applied to the page shown).
    pub status: Option<BatchStatus>,
}

impl Default for HistoryQuery {
    fn default() -> Self {
        HistoryQuery {
            page: 1,
            size: DEFAULT_PAGE_LIMIT,
            status: None,
        }
    }
}

/// A screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    NewBatch,
    /// One batch, or several batches submitted together from one long list.
    Batch(Vec<String>),
    History(HistoryQuery),
    Settings,
}

impl Route {
    /// Reads a location hash such as `#/batch/abc` or `#/history?page=2&size=20`.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        match (segments.next(), segments.next()) {
            (Some("new"), _) => Route::NewBatch,
            (Some("settings"), _) => Route::Settings,
            (Some("history"), _) => Route::History(parse_history_query(query)),
            (Some("batch"), Some(ids)) => {
                let ids: Vec<String> = ids
                    .split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty() && id.chars().all(is_id_char))
                    .map(str::to_owned)
                    .collect();
                if ids.is_empty() {
                    Route::Home
                } else {
                    Route::Batch(ids)
                }
            }
            _ => Route::Home,
        }
    }

    /// The address of this screen, e.g. `#/history?page=2&size=20`.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::NewBatch => "#/new".to_owned(),
            Route::Settings => "#/settings".to_owned(),
            Route::Batch(ids) => format!("#/batch/{}", ids.join(",")),
            Route::History(query) => {
                let mut href = format!("#/history?page={}&size={}", query.page, query.size);
                if let Some(status) = query.status {
                    href.push_str("&status=");
                    href.push_str(status.as_str());
                }
                href
            }
        }
    }

    /// Which header link is the current one.
    pub fn section(&self) -> Option<&'static str> {
        match self {
            Route::NewBatch => Some("new"),
            Route::History(_) | Route::Batch(_) => Some("history"),
            Route::Settings => Some("settings"),
            Route::Home => None,
        }
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn parse_history_query(query: &str) -> HistoryQuery {
    let mut parsed = HistoryQuery::default();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "page" => {
                if let Ok(page) = value.parse::<u32>() {
                    parsed.page = page.max(1);
                }
            }
            "size" => {
                if let Ok(size) = value.parse::<u32>() {
                    parsed.size = size.clamp(1, MAX_PAGE_LIMIT);
                }
            }
            "status" => parsed.status = BatchStatus::parse(value),
            _ => {}
        }
    }
    parsed
}

/// Sends the browser to a screen (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    if let Some(window) = web_sys::window()
        && window.location().set_hash(&route.href()).is_err()
    {
        leptos::logging::warn!("Trawl: could not change the address to {}", route.href());
    }
}

/// The screen the current address asks for.
pub fn current() -> Route {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_unknown_hashes_show_home() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/nope"), Route::Home);
        assert_eq!(Route::parse("#/batch/"), Route::Home);
    }

    #[test]
    fn history_page_and_size_come_from_the_query_string() {
        let route = Route::parse("#/history?page=2&size=10&status=failed");
        assert_eq!(
            route,
            Route::History(HistoryQuery {
                page: 2,
                size: 10,
                status: Some(BatchStatus::Failed)
            })
        );
        assert_eq!(route.href(), "#/history?page=2&size=10&status=failed");
    }

    #[test]
    fn silly_history_numbers_are_brought_into_range() {
        let Route::History(query) = Route::parse("#/history?page=0&size=500&status=weird") else {
            panic!("history route expected");
        };
        assert_eq!((query.page, query.size, query.status), (1, 50, None));
        assert_eq!(
            Route::parse("#/history"),
            Route::History(HistoryQuery::default())
        );
    }

    #[test]
    fn a_group_of_batches_round_trips() {
        let route = Route::Batch(vec!["a1".into(), "b-2".into()]);
        assert_eq!(route.href(), "#/batch/a1,b-2");
        assert_eq!(Route::parse(&route.href()), route);
    }

    #[test]
    fn batch_ids_with_odd_characters_are_dropped() {
        assert_eq!(
            Route::parse("#/batch/ok,<script>"),
            Route::Batch(vec!["ok".into()])
        );
    }

    #[test]
    fn other_screens_parse() {
        assert_eq!(Route::parse("#/new"), Route::NewBatch);
        assert_eq!(Route::parse("#/settings"), Route::Settings);
        assert_eq!(Route::NewBatch.section(), Some("new"));
    }
}
