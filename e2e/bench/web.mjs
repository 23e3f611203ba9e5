// Web app benchmark, run by `cargo xtask bench` (never by the tests). Writes BENCH_OUT/web.json.
// - transfer size of the first load (wasm + js + css, gzip level 9), and the bytes trawl-server
//   really sends a browser that accepts Brotli (br) or only gzip;
// - time to first paint and to the history list on loopback;
// - time to render a 1,000-item batch table in the app vs. a plain hand-written JS table of the
//   same data, measured in the same browser in the same run (the API answer is served by the
//   benchmark itself through page.route, because a real batch holds at most 50 items).
//   "Rendered" means the same for both: the table is laid out, its first screen of rows is on
//   screen, and it scrolls through all 1,000 (the app keeps only the rows in view in the page and
//   says aria-rowcount="1001"; the plain table puts all 1,000 rows in the page).
import { chromium } from 'playwright-core';
import { chromiumFlags, executablePath } from '../chromium.mjs';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';

const { TRAWL_URL, TRAWL_API_KEY, TRAWL_DIST, TRAWL_BASELINE_DIST, BENCH_OUT } = process.env;
const RUNS = 5;

function transferSizes(dir, files) {
  const sizes = {};
  let gzipTotal = 0;
  let brotliTotal = 0;
  for (const name of files) {
    const bytes = fs.readFileSync(path.join(dir, name));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizes[name] = { raw: bytes.length, gzip, brotli };
    gzipTotal += gzip;
    brotliTotal += brotli;
  }
  return { files: sizes, gzipTotalBytes: gzipTotal, gzipTotalKB: +(gzipTotal / 1024).toFixed(1),
    brotliTotalKB: +(brotliTotal / 1024).toFixed(1) };
}

/** The app's first load next to the smallest Leptos app built the same way (xtask/size-baseline). */
function sizeWithBaseline() {
  const app = transferSizes(TRAWL_DIST, ['trawl_bg.wasm', 'trawl.js', 'main.css', 'boot.js', 'index.html']);
  if (!TRAWL_BASELINE_DIST) return app;
  const baseline = transferSizes(TRAWL_BASELINE_DIST, ['size-baseline_bg.wasm', 'size-baseline.js', 'index.html']);
  return { ...app, leptosBaseline: { ...baseline, ratioGzip: +(app.gzipTotalBytes / baseline.gzipTotalBytes).toFixed(2),
    note: 'a two-view Leptos app (fetch + list + filter + counter), same framework, profile and wasm-opt level' } };
}

const FIRST_LOAD = ['index.html', 'boot.js', 'trawl.js', 'trawl_bg.wasm', 'main.css'];

/** Body bytes as they travel over the wire (Node's http does not decompress). */
function wireBytes(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'none' }));
    }).on('error', reject);
  });
}

async function servedSizes() {
  const served = {};
  for (const accept of ['br, gzip', 'gzip', 'identity']) {
    let total = 0;
    const files = {};
    for (const name of FIRST_LOAD) {
      const { bytes, encoding } = await wireBytes(`${TRAWL_URL}/${name === 'index.html' ? '' : name}`, accept);
      files[name] = { bytes, encoding };
      total += bytes;
    }
    served[accept] = { files, totalKB: +(total / 1024).toFixed(1) };
  }
  return served;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fakeBatch(n) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ uuid: `item-${i}`, url: `https://shop.example/product/${i}`, jobId: `job-${i}`,
      status: i % 10 === 0 ? 'failed' : 'completed',
      result: i % 10 === 0 ? null : { name: `Product ${i}`, price: i + 0.99 },
      error: i % 10 === 0 ? 'The page returned 404 Not Found.' : null, creditsUsed: i % 10 === 0 ? 0 : 2,
      startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:00:01.000Z', screenshotUrl: null });
  }
  return { uuid: 'bench-batch', status: 'completed', totalUrls: n, completedCount: n - n / 10, failedCount: n / 10,
    outputFormat: 'json', scrapingChannel: 'api', createdAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:01:00.000Z', items };
}

const PLAIN_TABLE = `<!doctype html><html><body><div id="out"></div><script>
window.render = (batch) => {
  const t0 = performance.now();
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const h of ['Page', 'Status', 'Credits']) { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); }
  const body = table.createTBody();
  for (const item of batch.items) {
    const row = body.insertRow();
    const cell = row.insertCell(); const button = document.createElement('button'); button.textContent = item.url; cell.appendChild(button);
    row.insertCell().textContent = item.status;
    row.insertCell().textContent = String(item.creditsUsed);
  }
  document.getElementById('out').appendChild(table);
  document.body.offsetHeight; // force layout, as the app's measurement includes it
  return performance.now() - t0;
};
</script></body></html>`;

async function main() {
  const out = BENCH_OUT || 'bench-results';
  fs.mkdirSync(out, { recursive: true });
  const results = { transfer: sizeWithBaseline(), served: await servedSizes() };
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumFlags });
  try {
    const context = await browser.newContext();
    await context.addInitScript(([url, key]) => {
      localStorage.setItem('trawl.serviceUrl', url);
      localStorage.setItem('trawl.apiKey', key);
    }, [TRAWL_URL, TRAWL_API_KEY]);
    const page = await context.newPage();

    const firstPaint = [];
    const historyVisible = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = Date.now();
      await page.goto(`${TRAWL_URL}/#/history`, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
      historyVisible.push(Date.now() - t0);
      firstPaint.push(await page.evaluate(() =>
        performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null));
    }
    results.history = { runs: RUNS, firstContentfulPaintMs: median(firstPaint), historyHeadingVisibleMs: median(historyVisible) };

    const batch = fakeBatch(1000);
    await page.route('**/api/batch/scrape/bench-batch', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(batch) }));
    // Both sides are timed inside the page, from the start of the work until 1,000 rows exist and
    // layout is done, so Playwright's own round trips are not counted.
    const appTimes = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${TRAWL_URL}/#/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      appTimes.push(await page.evaluate(() => new Promise((resolve) => {
        const t0 = performance.now();
        location.hash = '#/batch/bench-batch';
        const check = () => {
          const table = document.querySelector('table[aria-rowcount="1001"]');
          if (table && table.querySelector('tbody tr[aria-rowindex="2"]')) {
            document.body.offsetHeight;
            resolve(performance.now() - t0);
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      })));
    }
    // How many rows the app keeps in the page, and proof that the last one can be reached.
    const appRows = await page.evaluate(() => document.querySelectorAll('table tbody tr[aria-rowindex]').length);
    const scroller = page.locator('.table-wrap--scroll');
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.locator('tbody tr[aria-rowindex="1001"]').waitFor();
    const plainTimes = [];
    const plainPage = PLAIN_TABLE.replace('<div id="out">', `<script>window.BATCH_JSON = ${JSON.stringify(JSON.stringify(batch))};</script><div id="out">`);
    for (let run = 0; run < RUNS; run++) {
      await page.setContent(plainPage);
      plainTimes.push(await page.evaluate(() => {
        const t0 = performance.now();
        window.render(JSON.parse(window.BATCH_JSON));
        return performance.now() - t0;
      }));
    }
    const app = +median(appTimes).toFixed(1);
    const plain = +Math.max(median(plainTimes), 0.1).toFixed(1);
    results.table1000 = { runs: RUNS, appMs: app, plainJsMs: plain, ratio: +(app / plain).toFixed(2),
      appRowsInPage: appRows, plainRowsInPage: 1000,
      note: 'app: hash change → fetch of the locally served batch JSON → decode in wasm → table laid out with the rows in view (windowed, scroll height for all 1,000); plain JS: JSON.parse → all 1,000 rows laid out' };
  } finally {
    await browser.close();
  }
  fs.writeFileSync(path.join(out, 'web.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => { console.error(error); process.exit(1); });
