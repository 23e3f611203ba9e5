// What the toolbar badge and the "batch finished" notification say about batches started from
// the extension. Pure functions (no chrome.*), tested by e2e/extension-sw.test.mjs.

/** Batch statuses after which nothing changes any more. */
export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'];

/** True when the batch (a `GET /api/batch/scrape/{id}` answer) has finished. */
export function isFinished(batch) {
  return TERMINAL_STATUSES.includes(batch?.status);
}

/** Pages finished (done or failed) and pages in total, over several batches. */
export function progressOf(batches) {
  let finished = 0;
  let total = 0;
  for (const batch of batches) {
    finished += (batch.completedCount ?? 0) + (batch.failedCount ?? 0);
    total += batch.totalUrls ?? 0;
  }
  return { finished, total };
}

/**
 * The badge on the toolbar button while batches run: "3/10", or a percentage when that does not
 * fit in the badge's four characters; empty when nothing runs.
 */
export function badgeText(runningBatches) {
  const { finished, total } = progressOf(runningBatches);
  if (total === 0) return '';
  const fraction = `${finished}/${total}`;
  if (fraction.length <= 4) return fraction;
  return `${Math.floor((finished * 100) / total)}%`;
}

function pages(count) {
  return count === 1 ? '1 page' : `${count} pages`;
}

/** The notification for a finished batch: a title and one sentence, in plain words. */
export function finishedNotice(batch) {
  const total = batch.totalUrls ?? 0;
  const done = batch.completedCount ?? 0;
  const failed = batch.failedCount ?? 0;
  switch (batch.status) {
    case 'cancelled':
      return {
        title: 'Batch cancelled',
        message: `${done} of ${pages(total)} were done before it was cancelled.`,
      };
    case 'failed':
      return {
        title: 'Batch could not run',
        message: `None of its ${pages(total)} could be scraped. Open it in Trawl to see why.`,
      };
    default:
      return {
        title: 'Batch finished',
        message: failed > 0 ? `${done} of ${total} pages done, ${failed} failed` : `${done} of ${total} pages done`,
      };
  }
}

const NOTIFICATION_PREFIX = 'trawl-batch:';

/** The notification id for a batch, so a click on it knows which batch to open. */
export function notificationId(batchId) {
  return `${NOTIFICATION_PREFIX}${batchId}`;
}

/** The batch a notification is about, or null for other notifications. */
export function batchIdOfNotification(id) {
  if (typeof id !== 'string' || !id.startsWith(NOTIFICATION_PREFIX)) return null;
  const batchId = id.slice(NOTIFICATION_PREFIX.length);
  return /^[A-Za-z0-9_-]+$/.test(batchId) ? batchId : null;
}

/** Where the full app shows a batch, relative to the extension's folder. */
export function batchPage(batchId) {
  return `index.html#/batch/${batchId}`;
}
