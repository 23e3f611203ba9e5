// The browser extension, in a real Chromium against the real trawl-server: set up Trawl in the
// extension's Settings, open a few pages in tabs, pick them in the popup, "Scrape these tabs",
// follow the batch on the toolbar badge, get the "finished" notice, and open the batch from it
// in the full app. Also: the popup without settings, and "Scrape all links on this page".
//
//   TRAWL_URL=http://127.0.0.1:PORT   the running service (started with --allow-private-targets)
//   TRAWL_API_KEY=trawl_...           a key the service accepts
//   TRAWL_DIST=/abs/path/to/dist      the built app, loaded as an unpacked extension
//
// The pages are served by this test on 127.0.0.1; nothing leaves the machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { distWithLoopbackAccess, fixtureSite, launchWithExtension, recordErrors } from './extension-helpers.mjs';

const { TRAWL_URL, TRAWL_API_KEY, TRAWL_DIST } = process.env;
const skip = (!TRAWL_URL || !TRAWL_API_KEY || !TRAWL_DIST) && 'set TRAWL_URL, TRAWL_API_KEY and TRAWL_DIST';

let shop;
let news;
let extensionFolder;
before(async () => {
  if (skip) return;
  shop = await fixtureSite({
    '/kettle': { title: 'Blue Kettle' },
    // Slow on purpose, so the batch is still running when the badge is checked.
    '/teapot': { title: 'Red Teapot', delayMs: 2500 },
    '/catalogue': {
      title: 'Catalogue',
      body: '<a href="/kettle">Kettle</a> <a href="teapot#reviews">Teapot</a> <a href="/kettle">again</a> <a href="mailto:x@example.org">mail</a>',
    },
  });
  news = await fixtureSite({ '/today': { title: 'Morning News' } });
  extensionFolder = await distWithLoopbackAccess(TRAWL_DIST);
});
after(async () => {
  shop?.close();
  news?.close();
  await extensionFolder?.remove();
});

/** Fills the full app's Settings (opened as an extension page) and tests the connection. */
async function setUpTrawl(browser) {
  const settings = await browser.context.newPage();
  await settings.goto(browser.url('index.html#/settings'));
  await settings.getByLabel('Service URL').fill(TRAWL_URL);
  await settings.getByLabel('API key').fill(TRAWL_API_KEY);
  await settings.getByRole('button', { name: 'Test connection' }).click();
  await settings.getByText('Connected. The service accepts your API key.').waitFor();
  await settings.close();
}

/** Saves a New batch template the way the full app keeps it (extension pages share its storage). */
async function saveTemplate(browser, template) {
  const page = await browser.context.newPage();
  await page.goto(browser.url('index.html'));
  await page.evaluate((saved) => localStorage.setItem('trawl.templates', JSON.stringify({ version: 1, templates: [saved] })), template);
  await page.close();
}

async function badge(worker) {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

test('without settings the popup says Trawl is not set up and opens Settings', { skip }, async () => {
  const browser = await launchWithExtension(extensionFolder.folder);
  try {
    const errors = recordErrors(browser.context);
    const popup = await browser.context.newPage();
    await popup.goto(browser.url('popup.html'));
    await popup.getByText('Trawl is not set up yet').waitFor();
    const [settings] = await Promise.all([
      browser.context.waitForEvent('page'),
      popup.getByRole('button', { name: 'Open Settings' }).click(),
    ]);
    await settings.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser.context.close();
  }
});

test('scrape these tabs: pick tabs in the popup, follow the badge, open the batch from the notice', { skip }, async () => {
  const browser = await launchWithExtension(extensionFolder.folder);
  const { context, worker } = browser;
  try {
    const errors = recordErrors(context);
    await setUpTrawl(browser);
    // The settings live in extension storage, where the service worker reads them.
    const stored = await worker.evaluate(() => chrome.storage.local.get(['trawl.serviceUrl', 'trawl.apiKey']));
    assert.deepEqual(stored, { 'trawl.serviceUrl': TRAWL_URL, 'trawl.apiKey': TRAWL_API_KEY });
    await worker.evaluate(() => chrome.storage.local.set({ 'trawl.pollSeconds': 1 }));

    for (const address of [`${shop.origin}/kettle`, `${shop.origin}/teapot`]) {
      const tab = await context.newPage();
      await tab.goto(address);
    }
    // The news page in a second window, and the popup in the shop pages' window.
    const [popup] = await Promise.all([
      context.waitForEvent('page', (page) => page.url().includes('popup.html')),
      worker.evaluate(
        async ([newsPage, shopPage, popupPage]) => {
          const [shopTab] = await chrome.tabs.query({ url: shopPage });
          const other = await chrome.windows.create({ url: newsPage });
          await new Promise((resolve) => setTimeout(resolve, 500));
          await chrome.tabs.create({ windowId: shopTab.windowId, url: popupPage });
          return other.id;
        },
        [`${news.origin}/today`, `${shop.origin}/kettle`, browser.url('popup.html')],
      ),
    ]);
    const tabs = popup.getByRole('list', { name: 'Open tabs' });
    await tabs.getByText('Blue Kettle').waitFor();
    await tabs.getByText('Red Teapot').waitFor();
    assert.equal(await tabs.getByRole('checkbox').count(), 2, 'only the web pages of this window are listed');
    assert.equal(await tabs.getByText('Morning News').count(), 0);

    await popup.getByLabel('All windows').check();
    await tabs.getByText('Morning News').waitFor();
    assert.equal(await tabs.getByRole('checkbox').count(), 3, 'the web pages of every window');
    await popup.getByRole('button', { name: 'Scrape these 3 tabs' }).waitFor();

    // The site filter narrows the list to one site.
    const shopSite = new URL(shop.origin).host;
    await popup.getByLabel('Site').selectOption({ label: `${shopSite} (2)` });
    await tabs.getByText('Morning News').waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'Scrape these 2 tabs' }).waitFor();
    await popup.getByLabel('Site').selectOption({ label: 'All sites' });
    await tabs.getByText('Morning News').waitFor();

    // Untick one tab; the button counts what is left.
    await tabs.getByRole('checkbox', { name: 'Morning News' }).uncheck();
    await popup.getByLabel('What do you want from each page?').fill('The product name');
    await popup.getByRole('button', { name: 'Scrape these 2 tabs' }).click();

    await popup.getByText('Batch started: 2 pages.').waitFor();
    const link = popup.getByRole('link', { name: 'Open the batch in Trawl' });
    const batchId = (await link.getAttribute('href')).match(/#\/batch\/([A-Za-z0-9_-]+)$/)?.[1];
    assert.ok(batchId, 'the link points at the batch');
    const tracked = await worker.evaluate(() => chrome.storage.local.get('trawl.trackedBatches'));
    assert.deepEqual(tracked['trawl.trackedBatches'], [batchId]);

    // While the slow page is being read, the badge shows the progress.
    assert.match(await badge(worker), /^[01]\/2$/);

    // The batch in the full app, opened from the popup's link.
    const [app] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await app.getByText('2 of 2 done: 2 completed', { exact: false }).waitFor({ timeout: 60_000 });
    await app.getByRole('button', { name: `${shop.origin}/kettle` }).waitFor();
    await app.getByRole('button', { name: `${shop.origin}/teapot` }).waitFor();
    await app.close();

    // The service worker's alarm (every second in this test) notices the end: a notification,
    // and the badge is cleared.
    const id = `trawl-batch:${batchId}`;
    let notifications = {};
    for (let tries = 0; tries < 40 && !(id in notifications); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      notifications = await worker.evaluate(() => chrome.notifications.getAll());
    }
    assert.ok(id in notifications, `a notification for the batch (got ${JSON.stringify(notifications)})`);
    assert.equal(await badge(worker), '');
    const after = await worker.evaluate(() => chrome.storage.local.get('trawl.trackedBatches'));
    assert.deepEqual(after['trawl.trackedBatches'], []);

    // Clicking the notification opens the batch in the full app.
    const [fromNotice] = await Promise.all([
      context.waitForEvent('page'),
      worker.evaluate((clicked) => globalThis.trawl.openBatchOf(clicked), id),
    ]);
    await fromNotice.waitForURL(new RegExp(`#/batch/${batchId}$`));
    await fromNotice.getByText('2 of 2 done: 2 completed', { exact: false }).waitFor();

    // The batch is in the history, which is the service's (the web app shows the same list).
    const history = await context.newPage();
    await history.goto(browser.url('index.html#/history'));
    const opened = history.getByRole('link', { name: /^Open batch created/ });
    await opened.first().waitFor();
    const hrefs = await opened.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.ok(hrefs.includes(`#/batch/${batchId}`), `the batch is in the history (${hrefs})`);

    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('right-click menu: scrape all links on a page (with a saved template), and scrape this page', { skip }, async () => {
  const browser = await launchWithExtension(extensionFolder.folder);
  const { context } = browser;
  try {
    const errors = recordErrors(context);
    await setUpTrawl(browser);
    await saveTemplate(browser, { name: 'Kettle texts', prompt: 'The kettle description', output: 'markdown', fields: [] });
    // The menu item opens the popup page with the page's address; Playwright cannot open the
    // browser's own context menu, so the test opens that address directly.
    const popup = await context.newPage();
    await popup.goto(browser.url(`popup.html#links=${encodeURIComponent(`${shop.origin}/catalogue`)}`));
    const links = popup.getByRole('list', { name: 'Links on the page' });
    await links.getByText(`${shop.origin}/kettle`).waitFor();
    await links.getByText(`${shop.origin}/teapot`).waitFor();
    assert.equal(await links.getByRole('checkbox').count(), 2, 'each linked page once, web pages only');

    // A template saved in the full app fills in the popup's form.
    await popup.getByLabel('Saved template').selectOption('Kettle texts');
    assert.equal(await popup.getByLabel('What do you want from each page?').inputValue(), 'The kettle description');
    assert.ok(await popup.getByLabel('Readable text (Markdown)').isChecked());
    await popup.getByRole('button', { name: 'Scrape these 2 links' }).click();
    await popup.getByText('Batch started: 2 pages.').waitFor();

    const href = await popup.getByRole('link', { name: 'Open the batch in Trawl' }).getAttribute('href');
    const batchId = href.split('#/batch/')[1];
    const answer = await fetch(`${TRAWL_URL}/api/batch/scrape/${batchId}`, { headers: { 'x-api-key': TRAWL_API_KEY } });
    const batch = await answer.json();
    assert.equal(batch.outputFormat, 'markdown');
    assert.deepEqual(batch.items.map((item) => item.url).sort(), [`${shop.origin}/kettle`, `${shop.origin}/teapot`]);

    // "Scrape this page" offers just that page.
    const single = await context.newPage();
    await single.goto(browser.url(`popup.html#page=${encodeURIComponent(`${news.origin}/today`)}`));
    await single.getByRole('list', { name: 'Pages to scrape' }).getByText(`${news.origin}/today`).waitFor();
    // It starts from what was sent last time.
    await single.getByLabel('What do you want from each page?').and(single.locator(':not(:placeholder-shown)')).waitFor();
    assert.equal(await single.getByLabel('What do you want from each page?').inputValue(), 'The kettle description');
    assert.ok(await single.getByLabel('Readable text (Markdown)').isChecked());
    await single.getByRole('button', { name: 'Scrape this page' }).click();
    await single.getByText('Batch started: 1 page.').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('without access to the service, the full app asks for it instead of failing silently', { skip }, async () => {
  // The extension as shipped: no site access until the person allows it.
  const browser = await launchWithExtension(TRAWL_DIST);
  try {
    await browser.worker.evaluate(
      ([url, key]) => chrome.storage.local.set({ 'trawl.serviceUrl': url, 'trawl.apiKey': key }),
      [TRAWL_URL, TRAWL_API_KEY],
    );
    const app = await browser.context.newPage();
    await app.goto(browser.url('index.html'));
    const banner = app.getByRole('region', { name: 'Permission' });
    await banner.getByText(`needs your permission before Trawl can talk to the service at ${TRAWL_URL}`).waitFor();
    await banner.getByRole('button', { name: 'Allow Trawl to use this service' }).waitFor();
  } finally {
    await browser.context.close();
  }
});
