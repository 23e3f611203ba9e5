// The journey a person makes with Trawl, in a real Chromium against the real trawl-server:
// Settings → New batch (messy paste) → watch progress → review a price → retry the failed page
// → download CSV → find the batch in History. Plus: a wrong API key says how to fix it.
//
//   TRAWL_URL=http://127.0.0.1:PORT   the running service (started with --allow-private-targets)
//   TRAWL_API_KEY=trawl_...           a key the service accepts
//   TRAWL_SCREENSHOT_DIR=/tmp/x       optional: save a screenshot of the batch view there
//
// The product pages are served by this test on 127.0.0.1; nothing leaves the machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, executablePath } from './chromium.mjs';
import { productPage } from './fixture-pages.mjs';

const { TRAWL_URL, TRAWL_API_KEY } = process.env;
const skip = (!TRAWL_URL || !TRAWL_API_KEY) && 'set TRAWL_URL and TRAWL_API_KEY';

const products = {
  '/product/1': { name: 'Widget One', price: '49.99' },
  '/product/2': { name: 'Widget Two', price: '12.50' },
  '/product/3': { name: 'Widget Three', price: '7.25' },
};
// Product 3 is "out of stock" (404) until the test puts it back, so there is something to retry.
let productThreeOnline = false;

let fixtures;
let site;
before(async () => {
  fixtures = http.createServer((request, response) => {
    const product = products[request.url];
    if (!product || (request.url === '/product/3' && !productThreeOnline)) {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(productPage(product));
  });
  await new Promise((resolve) => fixtures.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${fixtures.address().port}`;
});
after(() => fixtures?.close());

async function openTrawl() {
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumFlags });
  const context = await browser.newContext({ acceptDownloads: true });
  const errors = [];
  context.on('weberror', (webError) => errors.push(String(webError.error())));
  const page = await context.newPage();
  await page.goto(TRAWL_URL);
  return { browser, page, errors };
}

async function enterApiKey(page, key) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByLabel('API key').fill(key);
}

test('paste messy addresses, review a price, retry, download CSV, find it in history', { skip }, async () => {
  const { browser, page, errors } = await openTrawl();
  try {
    await enterApiKey(page, TRAWL_API_KEY);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected. The service accepts your API key.').waitFor();

    await page.getByRole('link', { name: 'New batch' }).click();
    const pasted = [
      `${site}/product/1, ${site}/product/2`,
      `see ${site}/product/1#reviews (again)`,
      'this line is junk',
      `${site}/product/3`,
    ].join('\n');
    await page.getByLabel('Web pages to scrape').fill(pasted);
    await page.getByText('3 web pages ready').waitFor();
    await page.getByText('1 duplicate left out', { exact: false }).waitFor();
    const rejected = page.getByRole('list', { name: 'Lines left out' });
    await rejected.getByText('this line is junk').waitFor();
    await rejected.getByText('no web address found on this line').waitFor();

    await page.getByLabel('What do you want from each page?').fill('The product name and its price');
    await page.getByLabel('Structured data (JSON)').check();
    await page.getByRole('button', { name: 'Product', exact: true }).click();
    await page.getByRole('button', { name: 'Scrape these pages' }).click();

    await page.waitForURL(/#\/batch\//);
    await page.getByText('3 of 3 done: 2 completed, 1 failed', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').getByText('Finished').waitFor();

    await page.getByRole('button', { name: `${site}/product/1` }).click();
    const review = page.getByRole('region', { name: 'Review' });
    await review.getByRole('rowheader', { name: 'price', exact: true }).waitFor();
    await review.getByRole('cell', { name: '49.99' }).waitFor();
    await page.keyboard.press('Escape');
    await review.waitFor({ state: 'detached' });

    // Keyboard: j moves to the next page, Enter opens it, Escape closes it again.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await review.getByRole('link', { name: `${site}/product/2` }).waitFor();
    await review.getByRole('cell', { name: '12.5' }).waitFor();
    await page.keyboard.press('Escape');
    await review.waitFor({ state: 'detached' });

    if (process.env.TRAWL_SCREENSHOT_DIR) {
      await page.getByRole('button', { name: `${site}/product/2` }).click();
      await page.screenshot({ path: path.join(process.env.TRAWL_SCREENSHOT_DIR, 'batch-view.png'), fullPage: true });
    }

    productThreeOnline = true;
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await page.getByText('Trying 1 failed page again.').waitFor();
    await page.getByText('3 of 3 done: 3 completed, 0 failed', { exact: false }).waitFor({ timeout: 60_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^trawl-[0-9a-z]+\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const rows = csv.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(rows[0], /^Page URL,Status,/);
    assert.ok(rows[0].split(',').includes('price'), `price column in ${rows[0]}`);
    const widgetOne = rows.find((row) => row.startsWith(`${site}/product/1,`));
    assert.ok(widgetOne, `a row for product 1 in:\n${csv}`);
    assert.ok(widgetOne.split(',').includes('49.99'), `price 49.99 in ${widgetOne}`);

    // History: the batch is listed; with one batch per page, page 2 is reachable.
    const batchUrl = page.url();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    await page.getByRole('link', { name: /^Open batch created/ }).first().click();
    await page.waitForURL(batchUrl);

    // A second batch (sent straight to the API) makes sure there is a page 2.
    const second = await fetch(`${TRAWL_URL}/api/batch/scrape`, {
      method: 'POST',
      headers: { 'x-api-key': TRAWL_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [`${site}/product/2`], output: 'markdown' }),
    });
    assert.ok(second.ok, await second.text());
    await page.goto(`${TRAWL_URL}/#/history?page=1&size=1`);
    await page.getByRole('link', { name: 'Older' }).click();
    await page.waitForURL(/page=2&size=1/);
    await page.getByText(/^Page 2 of \d+$/).waitFor();
    await page.getByRole('link', { name: /^Open batch created/ }).waitFor();

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a wrong API key in Settings says it was not accepted and how to fix it', { skip }, async () => {
  const { browser, page, errors } = await openTrawl();
  try {
    await enterApiKey(page, 'trawl_not_a_real_key');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page
      .getByText('The Trawl service did not accept this API key: it is wrong or has been revoked. Check the API key in Settings')
      .waitFor();

    await page.getByLabel('API key').fill('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The Trawl service needs an API key. Paste your API key in Settings.').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a spreadsheet exported as CSV can be loaded as the list of pages', { skip }, async () => {
  const { browser, page, errors } = await openTrawl();
  try {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New batch' }).click();
    await page.getByLabel('Or load a .txt or .csv file').setInputFiles({
      name: 'shops.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,url\r\nWidget One,${site}/product/1\r\nWidget Two,${site}/product/2\r\n`),
    });
    await page.getByText('2 web pages ready').waitFor();
    // The heading row has no address, so it is listed as left out rather than silently dropped.
    await page.getByRole('list', { name: 'Lines left out' }).getByText('name,url').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Scrape these pages' }).isEnabled(), true);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
