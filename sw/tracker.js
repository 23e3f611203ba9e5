// Following the batches started from the extension: which ids to keep asking about, and what
// each answer means. The network call is passed in, so this is tested without a browser.

import { isFinished } from './progress.js';

/** chrome.storage.local keys shared with the app (src/settings.rs) and the popup. */
export const KEYS = {
  serviceUrl: 'trawl.serviceUrl',
  apiKey: 'trawl.apiKey',
  tracked: 'trawl.trackedBatches',
  pollSeconds: 'trawl.pollSeconds',
};

/** Chrome does not fire alarms of packed extensions more often than every 30 seconds. */
export const DEFAULT_POLL_SECONDS = 30;

/**
 * The alarm period in minutes: 30 s, or a shorter `trawl.pollSeconds` (at least 1 s; Chrome
 * honours it only for unpacked extensions, which is what the tests load).
 */
export function pollPeriodMinutes(stored) {
  const seconds = Number(stored?.[KEYS.pollSeconds]);
  const chosen = Number.isFinite(seconds) && seconds >= 1 ? seconds : DEFAULT_POLL_SECONDS;
  return chosen / 60;
}

/** Adds `ids` to the tracked list, keeping each once and only well-formed ids. */
export function withTracked(tracked, ids) {
  const list = Array.isArray(tracked) ? [...tracked] : [];
  for (const id of ids ?? []) {
    if (typeof id === 'string' && /^[A-Za-z0-9_-]+$/.test(id) && !list.includes(id)) list.push(id);
  }
  return list;
}

/** The service's base URL without a trailing slash, or null when none is set. */
export function serviceBase(stored) {
  const url = String(stored?.[KEYS.serviceUrl] ?? '').trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(url) ? url : null;
}

/** `GET /api/batch/scrape/{id}` on the service at `base`, with the key in `x-api-key`. */
export async function fetchBatch(fetchImpl, base, apiKey, id) {
  const response = await fetchImpl(`${base}/api/batch/scrape/${encodeURIComponent(id)}`, {
    headers: { 'x-api-key': apiKey },
  });
  if (response.status === 404) return { gone: true };
  if (!response.ok) return { unknown: true };
  return { batch: await response.json() };
}

/**
 * Asks about every tracked batch. `lookup(id)` resolves to `{ batch }`, `{ gone: true }` (the
 * service does not know it) or `{ unknown: true }`, or throws (service unreachable).
 * Returns the batches still running, those that just finished, and the ids to keep following
 * (running ones, and ones that could not be checked this time).
 */
export async function checkBatches(ids, lookup) {
  const running = [];
  const finished = [];
  const keep = [];
  for (const id of ids) {
    let answer;
    try {
      answer = await lookup(id);
    } catch {
      answer = { unknown: true };
    }
    if (answer.gone) continue;
    if (!answer.batch) {
      keep.push(id);
    } else if (isFinished(answer.batch)) {
      finished.push(answer.batch);
    } else {
      running.push(answer.batch);
      keep.push(id);
    }
  }
  return { running, finished, keep };
}
