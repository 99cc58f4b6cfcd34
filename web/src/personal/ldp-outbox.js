// Private-statistics (LDP) reports on their way to the collector's
// POST /v1/ldp. The core makes each report, charges the device's privacy
// budget, writes the request body and draws a random send time
// (privacy.report); this outbox only keeps the bodies until then and posts
// them.
//
//   const outbox = new LdpOutbox({ store, endpoint: '/v1/ldp', onError });
//   await outbox.add(body, sendAt);   // persisted at once
//   outbox.start();                   // sends what is due now, then on a timer
//
// What makes a report unlinkable on the wire: the body has no identifier
// (the core's collector_body); requests carry no cookies (credentials
// 'omit'), no Referer ('no-referrer') and no idempotency key; each report
// leaves at its own random time, hours after the person's action by default,
// and everything due is sent together in shuffled order, so neither timing
// nor order tells which report came from which action. Reports wait in the
// personal store (IndexedDB), so a closed tab only delays them; forget()
// clears them with the rest. A report is never retried after the collector
// accepted or refused it (a resend would count twice: reports have no key);
// network errors and 429/503 wait for the next send time, with backoff.

const KEY = 'outbox';
const MAX_ITEMS = 200;
const MAX_TIMER_MS = 2 ** 31 - 1;  // setTimeout's limit
const RETRY_MS = 60 * 1000;

function isPermanent(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export class LdpOutbox {
  constructor({ store, endpoint, onError = () => {}, fetchImpl = (...a) => fetch(...a),
                now = () => Date.now(), random = Math.random }) {
    this.store = store;
    this.endpoint = endpoint;
    this.onError = onError;
    this.fetchImpl = fetchImpl;
    this.now = now;
    this.random = random;
    this.timer = null;
    this.flushing = null;
    this.chain = Promise.resolve();
  }

  // Read-modify-write of the stored list, one at a time (across tabs too,
  // where the Web Locks API exists): a flush claiming the due reports must
  // not write back a list that misses a report added meanwhile. `change`
  // gets the items and returns [items to store, result].
  withList(change) {
    const run = async () => {
      const [next, result] = await change(await this.items());
      await this.save(next);
      return result;
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const turn = this.chain.then(() =>
      (locks?.request ? locks.request('tessera-ldp-outbox-list', run) : run()));
    this.chain = turn.catch(() => {});
    return turn;
  }

  async items() {
    const raw = await this.store.get(KEY);
    if (!raw) return [];
    try {
      const items = JSON.parse(raw);
      if (Array.isArray(items)) {
        return items.filter((i) => i && typeof i.sendAt === 'number' && i.body?.metric);
      }
    } catch { /* unreadable: dropped below */ }
    this.onError({ code: 'internal', message: 'the private-statistics outbox was unreadable and was cleared' });
    await this.store.set(KEY, null);
    return [];
  }

  async save(items) {
    await this.store.set(KEY, items.length ? JSON.stringify(items) : null);
  }

  /** Keeps `body` until `sendAt` (epoch ms), persisted before this resolves. */
  async add(body, sendAt) {
    const items = await this.withList((list) => {
      // A full outbox keeps the oldest: the budget already paid for them.
      if (list.length >= MAX_ITEMS) {
        this.onError({ code: 'limit_exceeded', message: 'the private-statistics outbox is full; report dropped' });
        return [list, list];
      }
      const next = [...list, { body, sendAt, attempts: 0 }];
      return [next, next];
    });
    this.schedule(items);
  }

  /** Sends what is due, then keeps a timer for the next one. */
  start() {
    return this.flush();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  schedule(items) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!items.length) return;
    const next = Math.min(...items.map((i) => i.sendAt));
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => { this.flush(); }, wait);
    this.timer.unref?.();
  }

  flush() {
    // One flush at a time; a second caller waits for the running one.
    if (!this.flushing) {
      this.flushing = this.flushOnce().finally(() => { this.flushing = null; });
    }
    return this.flushing;
  }

  async flushOnce() {
    // Tabs of the same site share the outbox: the Web Locks API (where
    // there is one) lets one flush at a time.
    if (typeof navigator !== 'undefined' && navigator.locks?.request) {
      return navigator.locks.request('tessera-ldp-outbox', () => this.sendDue());
    }
    return this.sendDue();
  }

  async sendDue() {
    const now = this.now();
    // Claim the due reports before sending: a report lost to a crash costs a
    // little accuracy, one sent twice would bias the counts.
    const due = await this.withList((items) => [
      items.filter((i) => i.sendAt > now),
      shuffle(items.filter((i) => i.sendAt <= now), this.random),
    ]);
    const retry = [];
    let sent = 0;
    for (const item of due) {
      if ((await this.post(item.body)) === 'done') {
        sent++;
      } else {
        item.attempts += 1;
        // Wait at least a minute, more after each failure, jittered.
        item.sendAt = now + Math.round(RETRY_MS * 2 ** Math.min(item.attempts, 10) * (0.5 + this.random()));
        retry.push(item);
      }
    }
    const later = await this.withList((items) => {
      const next = [...items, ...retry];
      return [next, next];
    });
    this.schedule(later);
    return { sent, waiting: later.length };
  }

  async post(body) {
    let res;
    try {
      res = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        keepalive: true,
      });
    } catch {
      return 'retry';
    }
    if (res.ok) return 'done';
    if (isPermanent(res.status)) {
      this.onError({ code: 'network', message: `the collector refused a private report (HTTP ${res.status})` });
      return 'done';
    }
    return 'retry';
  }

  async clear() {
    this.stop();
    await this.withList(() => [[], null]);
  }
}
