// Smoke journeys in a real Chromium: the web app served by the Trawl service, and dist/ loaded
// as an unpacked extension.
//
//   TRAWL_URL=http://127.0.0.1:PORT  the running service (it serves dist/ at /)
//   TRAWL_DIST=/abs/path/to/dist     the built app, loaded as an extension
//   CHROMIUM=/usr/bin/chromium       optional, the browser to drive
//
// A journey whose variable is missing is skipped, so each can be run on its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumFlags, executablePath } from './chromium.mjs';


/** Collects console errors and uncaught exceptions of every page in a context, so a test can assert there were none. */
function recordErrors(context) {
  const errors = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  context.on('weberror', (webError) => errors.push(String(webError.error())));
  return errors;
}

test('the home page says it is connected to the Trawl service', { skip: !process.env.TRAWL_URL && 'set TRAWL_URL' }, async () => {
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumFlags });
  try {
    const context = await browser.newContext();
    const errors = recordErrors(context);
    const page = await context.newPage();
    await page.goto(process.env.TRAWL_URL);

    await page.getByRole('heading', { name: 'Trawl', level: 1 }).waitFor();
    await page.getByRole('status').getByText('Connected to the Trawl service').waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the extension popup offers to open Trawl', { skip: !process.env.TRAWL_DIST && 'set TRAWL_DIST' }, async () => {
  const dist = process.env.TRAWL_DIST;
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, ...chromiumFlags],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;

    const errors = recordErrors(context);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const open = popup.getByRole('button', { name: 'Open Trawl' });
    await open.waitFor();

    // The full app opens in a new tab and, with no service configured yet, points to Settings.
    const [app] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await app.getByRole('heading', { name: 'Trawl', level: 1 }).waitFor();
    await app.getByRole('status').getByText('Set the service URL in Settings').waitFor();

    assert.deepEqual(errors.filter((text) => /Content Security Policy/i.test(text)), [], 'no CSP violations');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
