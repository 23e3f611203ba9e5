// Trawl's extension service worker. Kept small on purpose: the app itself runs in the extension pages.
// No remote code: everything it runs ships in the extension folder.

// A click on one of Trawl's notifications (e.g. "batch finished") opens the app.
chrome.notifications.onClicked.addListener((notificationId) => {
  chrome.tabs.create({ url: chrome.runtime.getURL('index.html') });
  chrome.notifications.clear(notificationId);
});
