// The right-click menu items and where each one leads: the popup page in a small window, told by
// its address what to offer (src/extension/source.rs reads it).

/** Menu items, shown only on web pages (and, for the link item, on web links). */
export const MENU_ITEMS = [
  {
    id: 'trawl-page',
    title: 'Scrape this page',
    contexts: ['page'],
    documentUrlPatterns: ['http://*/*', 'https://*/*'],
  },
  {
    id: 'trawl-link',
    title: 'Scrape this link',
    contexts: ['link'],
    targetUrlPatterns: ['http://*/*', 'https://*/*'],
  },
  {
    id: 'trawl-links',
    title: 'Scrape all links on this page',
    contexts: ['page'],
    documentUrlPatterns: ['http://*/*', 'https://*/*'],
  },
];

function isWebAddress(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

/**
 * The popup address for a menu click (`info` as given to contextMenus.onClicked), e.g.
 * `popup.html#page=https%3A%2F%2F…`, or null when the click was not on a web page or link.
 */
export function popupAddress(info) {
  const kinds = { 'trawl-page': ['page', info?.pageUrl], 'trawl-link': ['link', info?.linkUrl], 'trawl-links': ['links', info?.pageUrl] };
  const [kind, url] = kinds[info?.menuItemId] ?? [];
  if (!kind || !isWebAddress(url)) return null;
  return `popup.html#${kind}=${encodeURIComponent(url)}`;
}
