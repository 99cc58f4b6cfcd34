// The embed layer, loaded by loader.js only when a survey has a trigger:
// forwards page events to the core's trigger.* calls, keeps delayed surveys
// pending (cancelled on SPA route changes, checked again when their timer
// fires), and shows the chosen survey in its placement (embed/placement.js).
// Business rules live in the core (docs/triggers.md); this file only listens,
// stores and schedules.

import { Tessera as Runtime } from '../tessera.js';
import { openVisitorStore } from '../storage/visitor-store.js';
import { showSurvey } from './placement.js';

const VISIT_KEY = 'tessera:visit-counted';

export async function startEmbed({ config, emit, attributes, coreUrl, wasm }) {
  const instance = await Runtime.load({ config, coreUrl, wasm });
  for (const type of ['complete', 'partial', 'dismiss', 'points', 'tier', 'error']) instance.on(type, (d) => emit(type, d));
  // Storage problems reach `error` through the instance (tessera.js).
  const store = await openVisitorStore({ storage: instance.storage });
  // The storage is open now anyway: deliver what an earlier page left, even
  // if the localStorage hint that says so was lost.
  instance.outbox.flush({ all: true });
  await countVisit(store);
  const { events } = instance.engine.call('trigger.listeners');
  const pending = new Map(); // surveyId -> timeout id
  let showing = null;

  const visitor = (s = store.current()) => {
    return { id: s.visitorId, attributes: attributes() ?? {}, visits: s.visits, history: s.history };
  };

  function decide(event) {
    if (showing || opening) return;
    let result;
    try {
      result = instance.engine.call('trigger.decide',
        { event: { ...event, url: location.href }, visitor: visitor(), now: Date.now() });
    } catch (e) {
      emit('error', e.toJSON?.() ?? { code: 'internal', message: String(e), path: '' });
      return;
    }
    const due = result.show;
    if (!due || pending.has(due.surveyId)) return;
    if (due.delayMs === 0) {
      display(due);
      return;
    }
    emit('pending', { surveyId: due.surveyId, delayMs: due.delayMs });
    pending.set(due.surveyId, setTimeout(() => {
      pending.delete(due.surveyId);
      display(due);
    }, due.delayMs));
  }

  // The last word is the core's, asked inside the stored read-modify-write
  // (under the lock all tabs share) with the history as stored now: another
  // tab may have shown it meanwhile. Counting the display happens in that
  // same step, so two tabs can never both show it.
  let opening = false; // a display() is between its check and showing
  async function display(due) {
    if (showing || opening) return;
    opening = true;
    try {
      await claimAndShow(due);
    } finally {
      opening = false;
    }
  }

  async function claimAndShow(due) {
    let check = null;
    try {
      await store.update((s) => {
        check = instance.engine.call('trigger.check',
          { surveyId: due.surveyId, url: location.href, visitor: visitor(s), now: Date.now() });
        if (!check.show) return false;
        const h = (s.history[due.surveyId] ??= {});
        h.shown = (h.shown ?? 0) + 1;
        h.lastShownAt = Date.now();
        return true;
      });
    } catch (e) {
      emit('error', e.toJSON?.() ?? { code: 'internal', message: String(e?.message ?? e), path: '' });
      return;
    }
    if (!check?.show) {
      if (check) emit('cancelled', { surveyId: due.surveyId, reason: check.reason });
      return;
    }
    showing = showSurvey(due, {
      onDismiss: () => record(due.surveyId, (h) => { h.dismissed = (h.dismissed ?? 0) + 1; }),
      onComplete: () => record(due.surveyId, (h) => { h.answered = (h.answered ?? 0) + 1; }),
      onClose: () => { showing = null; },
    });
    emit('shown', { surveyId: due.surveyId, placement: due.placement });
  }

  function record(surveyId, fn) {
    store.update((s) => {
      const h = (s.history[surveyId] ??= {});
      fn(h);
    }).catch((e) => emit('error', { code: 'internal', message: String(e?.message ?? e), path: '' }));
  }

  function routeChanged() {
    if (pending.size > 0) {
      const { cancel } = instance.engine.call('trigger.routeChanged',
        { url: location.href, pending: [...pending.keys()], visitor: visitor(), now: Date.now() });
      for (const { surveyId, reason } of cancel) {
        clearTimeout(pending.get(surveyId));
        pending.delete(surveyId);
        emit('cancelled', { surveyId, reason });
      }
    }
    pageStart();
  }

  // Per-page state: thresholds crossed and dwell timers restart on a route.
  let scrolled = new Set();
  let dwellTimers = [];
  let exited = false;
  function pageStart() {
    scrolled = new Set();
    exited = false;
    dwellTimers.forEach(clearTimeout);
    dwellTimers = events.filter((e) => e.type === 'dwell').map((e) =>
      setTimeout(() => decide({ type: 'dwell', seconds: e.seconds }), e.seconds * 1000));
    decide({ type: 'page_view' });
  }

  const has = (type) => events.some((e) => e.type === type);
  if (has('scroll')) {
    addEventListener('scroll', () => {
      const el = document.documentElement;
      const max = el.scrollHeight - innerHeight;
      const pct = max <= 0 ? 100 : Math.min(100, Math.round((scrollY / max) * 100));
      for (const e of events) {
        if (e.type === 'scroll' && pct >= e.percent && !scrolled.has(e.percent)) {
          scrolled.add(e.percent);
          decide({ type: 'scroll', percent: pct });
        }
      }
    }, { passive: true });
  }
  if (has('exit_intent')) {
    document.addEventListener('mouseout', (ev) => {
      if (!exited && !ev.relatedTarget && ev.clientY <= 0) {
        exited = true;
        decide({ type: 'exit_intent' });
      }
    });
  }
  if (has('click')) {
    document.addEventListener('click', (ev) => {
      const target = ev.target instanceof Element ? ev.target : null;
      for (const e of events) {
        if (e.type === 'click' && target?.closest(e.selector)) decide({ type: 'click', selector: e.selector });
      }
    }, true);
  }

  // SPA navigation: the history API has no event of its own, so wrap it.
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const before = location.href;
      const out = original.apply(this, args);
      if (location.href !== before) queueMicrotask(routeChanged);
      return out;
    };
  }
  addEventListener('popstate', routeChanged);
  addEventListener('hashchange', routeChanged);

  pageStart();
  return {
    track: (name, props) => decide({ type: 'track', name, props }),
  };
}

// One visit per browser session (sessionStorage lives as long as the tab).
async function countVisit(store) {
  try {
    if (sessionStorage.getItem(VISIT_KEY)) return;
    sessionStorage.setItem(VISIT_KEY, '1');
  } catch { /* blocked: count every page */ }
  await store.update((s) => { s.visits += 1; });
}
