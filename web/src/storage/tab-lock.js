// One lock shared by every tab of this origin, so that two tabs never write
// the stored state at the same time and never both show the same survey.
//
//   await withTabLock('tessera:store', async () => { ...read, decide, write... });
//
// Web Locks (navigator.locks) when the browser has them. Otherwise a
// BroadcastChannel protocol: a tab announces `want` with its priority
// (time of the first request, then tab id), waits a short settle window,
// and goes ahead only if no tab holding the lock or ahead of it in line
// answered `busy`; the holder announces `release` when done. A holder that
// died (closed tab) stops blocking the others after LEASE_MS. Without
// either API (a very old browser) only calls within this page are
// serialized, which is all that can be done there.
//
// Within one page calls for the same name always run one after the other.

const SETTLE_MS = 100; // long enough for a busy machine's channel to answer
const LEASE_MS = 5000;
const tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
const queues = new Map(); // name -> tail promise of this page's callers

/** Which mechanism is in use: 'web-locks' | 'broadcast' | 'page'. */
export function lockKind() {
  if (globalThis.navigator?.locks?.request) return 'web-locks';
  if (typeof globalThis.BroadcastChannel === 'function') return 'broadcast';
  return 'page';
}

export function withTabLock(name, fn) {
  const kind = lockKind();
  if (kind === 'web-locks') return navigator.locks.request(name, () => fn());
  // Serialize this page's callers first; then, between tabs, the channel.
  const prev = queues.get(name) ?? Promise.resolve();
  const run = prev.catch(() => {}).then(() => (kind === 'broadcast' ? broadcastLock(name, fn) : fn()));
  const tail = run.catch(() => {});
  queues.set(name, tail);
  tail.then(() => { if (queues.get(name) === tail) queues.delete(name); });
  return run;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function ahead(a, b) { // does request a go before request b?
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}

async function broadcastLock(name, fn) {
  const channel = new BroadcastChannel(`tessera-lock:${name}`);
  const me = { id: tabId, ts: Date.now() };
  let holding = false;
  let blocked = false; // another tab holds the lock or is ahead of us
  let releases = 0; // release messages heard so far
  let wake = null;
  channel.onmessage = ({ data }) => {
    if (!data || data.id === me.id) return;
    if (data.type === 'want') {
      // Tell a later requester to wait; step aside for an earlier one.
      if (holding || ahead(me, data)) channel.postMessage({ type: 'busy', id: me.id, to: data.id });
      else blocked = true;
    } else if (data.type === 'busy' && data.to === me.id) {
      blocked = true;
    } else if (data.type === 'release') {
      releases += 1;
      wake?.();
    }
  };
  try {
    const deadline = Date.now() + 4 * LEASE_MS;
    for (;;) {
      blocked = false;
      const heard = releases;
      channel.postMessage({ type: 'want', id: me.id, ts: me.ts });
      await sleep(SETTLE_MS);
      if (!blocked) break;
      if (Date.now() > deadline) break; // a stuck peer must not freeze the widget
      // Wait for a release (or the holder's lease to run out), then ask
      // again; at once if one came while we were settling.
      if (releases === heard) {
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, LEASE_MS);
        });
        wake = null;
      }
    }
    holding = true;
    return await fn();
  } finally {
    holding = false;
    channel.postMessage({ type: 'release', id: me.id });
    channel.close();
  }
}
