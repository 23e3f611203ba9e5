// Unit tests of the extension service worker's pure parts (sw/*.js): badge text, notification
// wording, which batches to keep following, and where the right-click menu leads. No browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeText, batchIdOfNotification, batchPage, finishedNotice, isFinished, notificationId } from '../sw/progress.js';
import { KEYS, checkBatches, fetchBatch, pollPeriodMinutes, serviceBase, withTracked } from '../sw/tracker.js';
import { MENU_ITEMS, popupAddress } from '../sw/menus.js';

const batch = (uuid, status, totalUrls, completedCount, failedCount) => ({ uuid, status, totalUrls, completedCount, failedCount });

test('the badge shows finished pages out of all pages of the running batches', () => {
  assert.equal(badgeText([batch('a', 'running', 10, 3, 0)]), '3/10');
  assert.equal(badgeText([batch('a', 'running', 10, 2, 1), batch('b', 'pending', 5, 0, 0)]), '3/15');
  assert.equal(badgeText([]), '');
});

test('a badge that would not fit shows a percentage', () => {
  assert.equal(badgeText([batch('a', 'running', 200, 50, 0)]), '25%');
  assert.equal(badgeText([batch('a', 'running', 50, 49, 0)]), '98%');
  assert.equal(badgeText([batch('a', 'running', 10, 9, 0)]), '9/10');
});

test('the finished notice counts done and failed pages in plain words', () => {
  assert.deepEqual(finishedNotice(batch('a', 'completed', 10, 8, 2)), {
    title: 'Batch finished',
    message: '8 of 10 pages done, 2 failed',
  });
  assert.equal(finishedNotice(batch('a', 'completed', 3, 3, 0)).message, '3 of 3 pages done');
  assert.equal(finishedNotice(batch('a', 'cancelled', 10, 4, 0)).title, 'Batch cancelled');
  assert.match(finishedNotice(batch('a', 'failed', 1, 0, 1)).message, /None of its 1 page could be scraped/);
});

test('only completed, failed and cancelled batches are finished', () => {
  assert.ok(isFinished({ status: 'completed' }) && isFinished({ status: 'cancelled' }) && isFinished({ status: 'failed' }));
  assert.ok(!isFinished({ status: 'running' }) && !isFinished({ status: 'pending' }) && !isFinished(undefined));
});

test('a notification leads back to its batch and nothing else', () => {
  assert.equal(batchIdOfNotification(notificationId('8d0c-11_a')), '8d0c-11_a');
  assert.equal(batchIdOfNotification('other'), null);
  assert.equal(batchIdOfNotification('trawl-batch:../../evil'), null);
  assert.equal(batchPage('abc'), 'index.html#/batch/abc');
});

test('finished batches are announced once and dropped, unreachable ones kept for later', async () => {
  const answers = {
    run: { batch: batch('run', 'running', 4, 1, 0) },
    done: { batch: batch('done', 'completed', 2, 1, 1) },
    gone: { gone: true },
    down: null,
  };
  const lookup = async (id) => {
    if (answers[id] === null) throw new TypeError('Failed to fetch');
    return answers[id];
  };
  const outcome = await checkBatches(['run', 'done', 'gone', 'down'], lookup);
  assert.deepEqual(outcome.keep, ['run', 'down']);
  assert.deepEqual(outcome.running.map((b) => b.uuid), ['run']);
  assert.deepEqual(outcome.finished.map((b) => b.uuid), ['done']);
});

test('the batch is asked for with the key, at the configured service only', async () => {
  const calls = [];
  const fakeFetch = async (url, init) => {
    calls.push({ url, key: init.headers['x-api-key'] });
    return { status: 200, ok: true, json: async () => batch('b1', 'running', 1, 0, 0) };
  };
  const answer = await fetchBatch(fakeFetch, 'http://127.0.0.1:8787', 'trawl_k', 'b1');
  assert.equal(answer.batch.uuid, 'b1');
  assert.deepEqual(calls, [{ url: 'http://127.0.0.1:8787/api/batch/scrape/b1', key: 'trawl_k' }]);
  const missing = await fetchBatch(async () => ({ status: 404, ok: false }), 'http://h', 'k', 'x');
  assert.deepEqual(missing, { gone: true });
  const refused = await fetchBatch(async () => ({ status: 403, ok: false }), 'http://h', 'k', 'x');
  assert.deepEqual(refused, { unknown: true });
});

test('tracked ids are kept once and odd ids are refused', () => {
  assert.deepEqual(withTracked(['a'], ['a', 'b', '../x', 7]), ['a', 'b']);
  assert.deepEqual(withTracked(undefined, ['c']), ['c']);
});

test('polling is every 30 seconds unless a test asks for faster', () => {
  assert.equal(pollPeriodMinutes({}), 0.5);
  assert.equal(pollPeriodMinutes({ [KEYS.pollSeconds]: 2 }), 2 / 60);
  assert.equal(pollPeriodMinutes({ [KEYS.pollSeconds]: 0 }), 0.5);
});

test('the service base must be a web address', () => {
  assert.equal(serviceBase({ [KEYS.serviceUrl]: ' http://127.0.0.1:8787/ ' }), 'http://127.0.0.1:8787');
  assert.equal(serviceBase({ [KEYS.serviceUrl]: 'trawl.example' }), null);
  assert.equal(serviceBase({}), null);
});

test('each menu item opens the popup for its page or link', () => {
  assert.deepEqual(MENU_ITEMS.map((item) => item.title), ['Scrape this page', 'Scrape this link', 'Scrape all links on this page']);
  assert.equal(
    popupAddress({ menuItemId: 'trawl-page', pageUrl: 'https://a.example/x?y=1' }),
    'popup.html#page=https%3A%2F%2Fa.example%2Fx%3Fy%3D1',
  );
  assert.equal(popupAddress({ menuItemId: 'trawl-link', pageUrl: 'https://a.example/', linkUrl: 'http://b.example/' }), 'popup.html#link=http%3A%2F%2Fb.example%2F');
  assert.equal(popupAddress({ menuItemId: 'trawl-links', pageUrl: 'https://a.example/' }), 'popup.html#links=https%3A%2F%2Fa.example%2F');
  assert.equal(popupAddress({ menuItemId: 'trawl-link', linkUrl: 'mailto:x@y.z' }), null);
  assert.equal(popupAddress({ menuItemId: 'other', pageUrl: 'https://a.example/' }), null);
});
