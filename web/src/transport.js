// Delivers sealed records to the collector. Retries transient failures with
// exponential backoff and jitter; a 4xx other than 408/429 is permanent.
// The collector deduplicates on the idempotency key, so a retry after a
// lost response never stores a record twice.

import { TesseraError } from './errors.js';

const RETRY_DELAYS_MS = [500, 2000, 8000];

function isPermanent(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export async function deliver(endpoint, body, { fetchImpl = fetch, sleep } = {}) {
  const wait = sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  let lastError = null;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': body.idempotencyKey },
        body: JSON.stringify(body),
        keepalive: true,
        credentials: 'omit',
      });
      if (res.ok) return { status: res.status };
      if (isPermanent(res.status)) {
        throw new TesseraError('network', `the collector refused the record (HTTP ${res.status})`);
      }
      lastError = new TesseraError('network', `the collector answered HTTP ${res.status}`);
    } catch (e) {
      if (e instanceof TesseraError && e.message.includes('refused')) throw e;
      lastError = e instanceof TesseraError ? e : new TesseraError('network', e.message);
    }
    if (attempt < RETRY_DELAYS_MS.length) {
      await wait(RETRY_DELAYS_MS[attempt] * (0.5 + Math.random()));
    }
  }
  throw lastError;
}
