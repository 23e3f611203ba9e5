// The batch view survives a server restart: it says "Reconnecting…" while the service is down,
// keeps polling, and catches up when the service is back. This test runs its own trawl-server
// (so it can stop it) on a free loopback port, with its own data folder.
//
//   TRAWL_SERVER_BIN=/abs/path/to/trawl-server   the binary to run
//   TRAWL_DIST=/abs/path/to/dist                 the built app it serves

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, executablePath } from './chromium.mjs';

const { TRAWL_SERVER_BIN, TRAWL_DIST } = process.env;
const skip = (!TRAWL_SERVER_BIN || !TRAWL_DIST) && 'set TRAWL_SERVER_BIN and TRAWL_DIST';
const apiKey = 'trawl_reconnect_test_key';

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startServer(port, dataDir) {
  const child = spawn(
    TRAWL_SERVER_BIN,
    ['--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--static-dir', TRAWL_DIST, '--allow-private-targets'],
    { env: { ...process.env, TRAWL_API_KEY: apiKey }, stdio: 'ignore' },
  );
  return child;
}

async function waitForHealth(base) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${base} did not become healthy`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

test('the batch view shows "Reconnecting…" while the server is down and recovers', { skip }, async () => {
  // A page that takes a few seconds, so the batch is still running when the server goes away.
  const slowSite = http.createServer((request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Slow page</title><h1>Slow page</h1><p>Worth the wait.</p>');
    }, 4_000);
  });
  await new Promise((resolve) => slowSite.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${slowSite.address().port}/slow`;

  const dataDir = await mkdtemp(path.join(tmpdir(), 'trawl-reconnect-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = startServer(port, dataDir);
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumFlags });
  try {
    await waitForHealth(base);
    const submitted = await fetch(`${base}/api/batch/scrape`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [pageUrl], output: 'markdown' }),
    });
    const answer = await submitted.text();
    assert.ok(submitted.ok, answer);
    const { batchId } = JSON.parse(answer);

    const page = await browser.newPage();
    await page.goto(`${base}/#/settings`);
    await page.getByLabel('API key').fill(apiKey);
    await page.goto(`${base}/#/batch/${batchId}`);
    await page.getByText('Updating live').waitFor();

    await stop(server);
    await page.getByText('Reconnecting…', { exact: false }).waitFor({ timeout: 15_000 });

    server = startServer(port, dataDir);
    await waitForHealth(base);
    await page.getByText('1 of 1 done: 1 completed', { exact: false }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').getByText('Finished').waitFor();
  } finally {
    await browser.close();
    await stop(server);
    slowSite.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
