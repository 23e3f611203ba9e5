//! What the popup was opened for: the toolbar button (open tabs), or one of the right-click
//! menu items, which open `popup.html#page=…`, `#link=…` or `#links=…` (see sw/menus.js).

/// The pages the popup offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PopupSource {
    /// The toolbar button: the open tabs.
    Tabs,
    /// "Scrape this page".
    Page(String),
    /// "Scrape this link".
    Link(String),
    /// "Scrape all links on this page": the page whose links are collected.
    LinksOn(String),
}

impl PopupSource {
    /// Reads the popup's address hash; anything unknown or not a web address means the tabs.
    pub fn parse(hash: &str, decode: impl Fn(&str) -> Option<String>) -> Self {
        let hash = hash.trim_start_matches('#');
        let Some((kind, encoded)) = hash.split_once('=') else {
            return PopupSource::Tabs;
        };
        let Some(url) = decode(encoded).filter(|url| super::tabs::is_web_address(url)) else {
            return PopupSource::Tabs;
        };
        match kind {
            "page" => PopupSource::Page(url),
            "link" => PopupSource::Link(url),
            "links" => PopupSource::LinksOn(url),
            _ => PopupSource::Tabs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Option<String> {
        Some(text.replace("%3A", ":").replace("%2F", "/"))
    }

    #[test]
    fn toolbar_popup_lists_tabs() {
        assert_eq!(PopupSource::parse("", decode), PopupSource::Tabs);
        assert_eq!(PopupSource::parse("#whatever", decode), PopupSource::Tabs);
    }

    #[test]
    fn menu_items_name_their_page() {
        assert_eq!(
            PopupSource::parse("#page=https%3A%2F%2Fa.example%2Fx", decode),
            PopupSource::Page("https://a.example/x".into())
        );
        assert_eq!(
            PopupSource::parse("#link=https://a.example/y", decode),
            PopupSource::Link("https://a.example/y".into())
        );
        assert_eq!(
            PopupSource::parse("#links=http://a.example/", decode),
            PopupSource::LinksOn("http://a.example/".into())
        );
    }

    #[test]
    fn non_web_addresses_fall_back_to_tabs() {
        assert_eq!(
            PopupSource::parse("#page=javascript:alert(1)", decode),
            PopupSource::Tabs
        );
        assert_eq!(PopupSource::parse("#page=", decode), PopupSource::Tabs);
    }
}
