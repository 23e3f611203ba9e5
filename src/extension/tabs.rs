//! Which open browser tabs the popup offers to scrape: only web pages (http/https), narrowed to
//! this window or all windows and to one site, and the de-duplicated list of their addresses.

use serde::Deserialize;

/// One open tab, as `chrome.tabs.query` describes it (the fields Trawl uses).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OpenTab {
    /// Missing for a few special tabs (devtools); such tabs are never offered.
    #[serde(default)]
    pub id: Option<i32>,
    #[serde(default)]
    pub window_id: i32,
    #[serde(default)]
    pub title: Option<String>,
    /// Missing when the extension cannot see it.
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub fav_icon_url: Option<String>,
}

impl OpenTab {
    /// The tab's web address, if it is a page Trawl can scrape (http or https).
    pub fn scrapable_url(&self) -> Option<&str> {
        self.url.as_deref().filter(|url| is_web_address(url))
    }

    /// The site shown next to the title and used by the site filter, e.g. `shop.example:8080`.
    pub fn site(&self) -> String {
        self.url.as_deref().map(site_of).unwrap_or_default()
    }

    /// The title, or the address when the page has none.
    pub fn label(&self) -> String {
        match self.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => title.to_owned(),
            _ => self.url.clone().unwrap_or_default(),
        }
    }

    /// A favicon the popup may show: a web or data URL (never `chrome://` addresses, which an
    /// extension page may not load).
    pub fn favicon(&self) -> Option<&str> {
        self.fav_icon_url
            .as_deref()
            .filter(|url| is_web_address(url) || url.starts_with("data:image/"))
    }
}

/// Which windows' tabs are listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WindowScope {
    /// Only the window the popup was opened from (the default).
    #[default]
    ThisWindow,
    AllWindows,
}

/// What the person narrowed the list to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TabFilter {
    pub scope: WindowScope,
    /// `None` is "all sites".
    pub site: Option<String>,
}

/// True for `http://` and `https://` addresses (case-insensitive scheme).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host (and port, if any) of an address, lower-case, without user name or password.
pub fn site_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

/// The tabs the popup lists: scrapable ones in the chosen windows and site, in browser order.
pub fn visible_tabs<'a>(
    tabs: &'a [OpenTab],
    filter: &TabFilter,
    current_window: Option<i32>,
) -> Vec<&'a OpenTab> {
    tabs.iter()
        .filter(|tab| tab.id.is_some() && tab.scrapable_url().is_some())
        .filter(|tab| match filter.scope {
            WindowScope::AllWindows => true,
            // Without a known current window, showing everything beats showing nothing.
            WindowScope::ThisWindow => current_window.is_none_or(|id| tab.window_id == id),
        })
        .filter(|tab| filter.site.as_deref().is_none_or(|site| tab.site() == site))
        .collect()
}

/// The sites among the scrapable tabs of the chosen windows, with how many tabs each has, in
/// the order they first appear.
pub fn sites(
    tabs: &[OpenTab],
    scope: WindowScope,
    current_window: Option<i32>,
) -> Vec<(String, usize)> {
    let all_sites = TabFilter { scope, site: None };
    let mut counted: Vec<(String, usize)> = Vec::new();
    for tab in visible_tabs(tabs, &all_sites, current_window) {
        let site = tab.site();
        match counted.iter_mut().find(|(known, _)| *known == site) {
            Some((_, count)) => *count += 1,
            None => counted.push((site, 1)),
        }
    }
    counted
}

/// The addresses to send for the ticked tabs: each page once (two tabs on the same page, or
/// the same page at different `#` anchors, are one page), in tab order.
pub fn urls_to_scrape<'a>(tabs: impl IntoIterator<Item = &'a OpenTab>) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for url in tabs.into_iter().filter_map(OpenTab::scrapable_url) {
        let page = without_fragment(url).to_owned();
        if !urls.contains(&page) {
            urls.push(page);
        }
    }
    urls
}

/// The address without its `#anchor`, which never changes what the server fetches.
pub fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(id: i32, window_id: i32, url: &str, title: &str) -> OpenTab {
        OpenTab {
            id: Some(id),
            window_id,
            title: Some(title.to_owned()),
            url: Some(url.to_owned()),
            fav_icon_url: None,
        }
    }

    fn open_tabs() -> Vec<OpenTab> {
        vec![
            tab(1, 10, "https://shop.example/item/1", "Item one"),
            tab(2, 10, "chrome://settings", "Settings"),
            tab(3, 10, "chrome-extension://abc/popup.html", "Trawl"),
            tab(4, 10, "https://news.example/today", "Today"),
            tab(5, 20, "https://shop.example/item/2", "Item two"),
            tab(6, 20, "file:///home/me/notes.txt", "notes.txt"),
            tab(7, 10, "HTTP://Shop.Example/item/3", "Item three"),
        ]
    }

    fn ids(tabs: &[&OpenTab]) -> Vec<i32> {
        tabs.iter().filter_map(|tab| tab.id).collect()
    }

    #[test]
    fn only_web_pages_of_this_window_are_listed_by_default() {
        let tabs = open_tabs();
        let listed = visible_tabs(&tabs, &TabFilter::default(), Some(10));
        assert_eq!(ids(&listed), vec![1, 4, 7]);
    }

    #[test]
    fn all_windows_lists_web_pages_everywhere() {
        let tabs = open_tabs();
        let filter = TabFilter {
            scope: WindowScope::AllWindows,
            site: None,
        };
        assert_eq!(
            ids(&visible_tabs(&tabs, &filter, Some(10))),
            vec![1, 4, 5, 7]
        );
    }

    #[test]
    fn site_filter_keeps_one_site_across_windows() {
        let tabs = open_tabs();
        let filter = TabFilter {
            scope: WindowScope::AllWindows,
            site: Some("shop.example".to_owned()),
        };
        assert_eq!(ids(&visible_tabs(&tabs, &filter, Some(10))), vec![1, 5, 7]);
    }

    #[test]
    fn unknown_current_window_shows_every_window() {
        let tabs = open_tabs();
        assert_eq!(
            ids(&visible_tabs(&tabs, &TabFilter::default(), None)),
            vec![1, 4, 5, 7]
        );
    }

    #[test]
    fn sites_are_counted_in_order_of_appearance() {
        let tabs = open_tabs();
        assert_eq!(
            sites(&tabs, WindowScope::ThisWindow, Some(10)),
            vec![
                ("shop.example".to_owned(), 2),
                ("news.example".to_owned(), 1)
            ]
        );
        assert_eq!(
            sites(&tabs, WindowScope::AllWindows, Some(10))[0],
            ("shop.example".to_owned(), 3)
        );
    }

    #[test]
    fn site_keeps_the_port_and_drops_credentials() {
        assert_eq!(site_of("http://127.0.0.1:4321/a?b#c"), "127.0.0.1:4321");
        assert_eq!(site_of("https://me:secret@Example.org/x"), "example.org");
        assert_eq!(site_of("https://example.org"), "example.org");
    }

    #[test]
    fn the_same_page_in_two_tabs_is_sent_once() {
        let tabs = [
            tab(1, 1, "https://a.example/p", "A"),
            tab(2, 1, "https://a.example/p#reviews", "A again"),
            tab(3, 1, "https://b.example/", "B"),
            tab(4, 1, "about:blank", "Blank"),
        ];
        assert_eq!(
            urls_to_scrape(&tabs),
            vec![
                "https://a.example/p".to_owned(),
                "https://b.example/".to_owned()
            ]
        );
    }

    #[test]
    fn untitled_tab_is_labelled_with_its_address() {
        let mut untitled = tab(1, 1, "https://a.example/p", "  ");
        assert_eq!(untitled.label(), "https://a.example/p");
        untitled.title = None;
        assert_eq!(untitled.label(), "https://a.example/p");
    }

    #[test]
    fn only_web_and_image_data_favicons_are_shown() {
        let mut with_icon = tab(1, 1, "https://a.example/", "A");
        with_icon.fav_icon_url = Some("https://a.example/favicon.ico".into());
        assert!(with_icon.favicon().is_some());
        with_icon.fav_icon_url = Some("chrome://favicon/x".into());
        assert!(with_icon.favicon().is_none());
    }
}
