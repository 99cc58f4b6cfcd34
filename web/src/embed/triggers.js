// The embed layer, loaded by loader.js only when a survey has a trigger:
// forwards page events to the core's trigger.* calls, keeps delayed surveys
// pending (cancelled on SPA route changes, checked again when their timer
// fires), and shows the chosen survey in its placement (embed/placement.js).
// Business rules live in the core (docs/triggers.md); this file only listens,
// stores and schedules.

import { Tessera as Runtime } from '../tessera.js';
import { openVisitorStore, withTabLock } from '../storage/visitor-store.js';
import { showSurvey } from './placement.js';

const VISIT_KEY = 'tessera:visit-counted';

export async function startEmbed({ config, emit, attributes, coreUrl }) {
  const instance = await Runtime.load({ config, coreUrl });
  for (const type of ['complete', 'partial', 'dismiss', 'error']) instance.on(type, (d) => emit(type, d));
  const store = openVisitorStore({ onProblem: (p) => emit('error', p) });
  countVisit(store);
  const { events } = instance.engine.call('trigger.listeners');
  const pending = new Map(); // surveyId -> timeout id
  let showing = null;

  const visitor = () => {
    const s = store.read();
    return { id: s.visitorId, attributes: attributes() ?? {}, visits: s.visits, history: s.history };
  };

  function decide(event) {
    if (showing) return;
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

  // The last word is the core's, asked under a lock shared by all tabs with
  // the history as stored now: another tab may have shown it meanwhile.
  function display(due) {
    return withTabLock(() => {
      try {
        show(due);
      } catch (e) {
        emit('error', e.toJSON?.() ?? { code: 'internal', message: String(e), path: '' });
      }
    });
  }

  function show(due) {
    if (showing) return;
    const check = instance.engine.call('trigger.check',
      { surveyId: due.surveyId, url: location.href, visitor: visitor(), now: Date.now() });
    if (!check.show) {
      emit('cancelled', { surveyId: due.surveyId, reason: check.reason });
      return;
    }
    record(due.surveyId, (h) => {
      h.shown = (h.shown ?? 0) + 1;
      h.lastShownAt = Date.now();
    });
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
    });
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
function countVisit(store) {
  try {
    if (sessionStorage.getItem(VISIT_KEY)) return;
    sessionStorage.setItem(VISIT_KEY, '1');
  } catch { /* blocked: count every page */ }
  store.update((s) => { s.visits += 1; });
}
