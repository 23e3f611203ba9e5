// Trawl's extension service worker: the right-click menu, and following the batches started
// from the extension (toolbar badge with progress, a notification when one finishes).
// The app itself runs in the extension pages. No remote code: everything ships in this folder.
// The pure parts are in sw/ and tested by e2e/extension-sw.test.mjs.

import { MENU_ITEMS, popupAddress } from './sw/menus.js';
import { badgeText, batchIdOfNotification, batchPage, finishedNotice, notificationId } from './sw/progress.js';
import { KEYS, checkBatches, fetchBatch, pollPeriodMinutes, serviceBase, withTracked } from './sw/tracker.js';

const ALARM = 'trawl.poll';

// One change at a time: a poll and a newly tracked batch must not overwrite each other's list.
let queue = Promise.resolve();
function serially(work) {
  const next = queue.then(work, work);
  queue = next.catch(() => {});
  return next;
}

async function startAlarm(stored) {
  const periodInMinutes = pollPeriodMinutes(stored);
  await chrome.alarms.create(ALARM, { delayInMinutes: periodInMinutes, periodInMinutes });
}

/** Asks the service about every tracked batch, updates the badge, and announces finished ones. */
function pollNow() {
  return serially(async () => {
    const stored = await chrome.storage.local.get(Object.values(KEYS));
    const ids = stored[KEYS.tracked] ?? [];
    const base = serviceBase(stored);
    if (ids.length === 0 || !base) {
      await chrome.action.setBadgeText({ text: '' });
      if (ids.length === 0) await chrome.alarms.clear(ALARM);
      return;
    }
    const apiKey = String(stored[KEYS.apiKey] ?? '');
    const { running, finished, keep } = await checkBatches(ids, (id) => fetchBatch(fetch, base, apiKey, id));
    await chrome.storage.local.set({ [KEYS.tracked]: keep });
    await chrome.action.setBadgeText({ text: badgeText(running) });
    for (const batch of finished) {
      const { title, message } = finishedNotice(batch);
      await chrome.notifications.create(notificationId(batch.uuid), {
        type: 'basic',
        iconUrl: 'icons/icon-128.png',
        title,
        message,
        contextMessage: 'Click to open it in Trawl',
        priority: 0,
      });
    }
    if (keep.length === 0) {
      await chrome.alarms.clear(ALARM);
    } else if (!(await chrome.alarms.get(ALARM))) {
      await startAlarm(stored);
    }
  });
}

/** Starts following `ids` (sent by the popup after a submit) and shows their progress at once. */
async function track(ids) {
  await serially(async () => {
    const stored = await chrome.storage.local.get(Object.values(KEYS));
    await chrome.storage.local.set({ [KEYS.tracked]: withTracked(stored[KEYS.tracked], ids) });
    await startAlarm(stored);
  });
  await pollNow();
}

/** Opens the full app at the batch a notification is about. */
async function openBatchOf(notificationIdClicked) {
  const batchId = batchIdOfNotification(notificationIdClicked);
  const path = batchId ? batchPage(batchId) : 'index.html';
  await chrome.tabs.create({ url: chrome.runtime.getURL(path) });
  await chrome.notifications.clear(notificationIdClicked);
}

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    for (const item of MENU_ITEMS) chrome.contextMenus.create(item);
  });
});

chrome.contextMenus.onClicked.addListener((info) => {
  const address = popupAddress(info);
  if (address) {
    chrome.windows.create({ url: chrome.runtime.getURL(address), type: 'popup', width: 420, height: 640 });
  }
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'trawl.track') return false;
  track(message.ids).then(
    () => sendResponse({ ok: true }),
    (error) => sendResponse({ ok: false, error: String(error) }),
  );
  return true;
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) pollNow();
});

chrome.runtime.onStartup.addListener(() => pollNow());

chrome.notifications.onClicked.addListener((id) => openBatchOf(id));

chrome.action.setBadgeBackgroundColor({ color: '#0f766e' });

// For the extension's own tests (driven through Playwright's service-worker handle): the same
// functions the events call. Nothing outside the extension can reach a service worker's globals.
globalThis.trawl = { pollNow, track, openBatchOf };
