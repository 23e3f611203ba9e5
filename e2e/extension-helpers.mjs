// How the extension journeys load dist/ as an unpacked extension in Chromium, and small fixture
// web servers on 127.0.0.1 (nothing leaves the machine).

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, executablePath } from './chromium.mjs';

/**
 * A copy of dist/ whose manifest already grants access to 127.0.0.1. In real use the person
 * grants that with the browser's permission prompt (chrome.permissions.request, which the app
 * still calls); Playwright cannot click that prompt, so the copy grants it up front. Nothing else
 * in the copy differs.
 */
export async function distWithLoopbackAccess(dist) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'trawl-extension-'));
  await cp(dist, folder, { recursive: true });
  const manifestPath = path.join(folder, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** Chromium with `folder` loaded as an unpacked extension: the context, its service worker and id. */
export async function launchWithExtension(folder) {
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${folder}`, `--load-extension=${folder}`, ...chromiumFlags],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, url: (file) => `chrome-extension://${extensionId}/${file}` };
}

/** Collects uncaught page errors and console errors of every page in `context`. */
export function recordErrors(context) {
  const errors = [];
  context.on('weberror', (webError) => errors.push(String(webError.error())));
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Serves `pages` (path → { title, body, delayMs }) on a free 127.0.0.1 port. */
export async function fixtureSite(pages) {
  const server = http.createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://x').pathname];
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
      return;
    }
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${page.title}</title></head>
<body><h1>${page.title}</h1>${page.body ?? ''}</body></html>`);
    }, page.delayMs ?? 0);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
