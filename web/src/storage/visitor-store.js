// The visitor's trigger state on this device (storage/schema.js `visitor`):
// a random visitor id (the sampling key), a visit count and, per survey, how
// often it was shown, answered and dismissed.
//
//   const store = await openVisitorStore({ onProblem });
//   store.current().visitorId;          // synchronous: the last value seen
//   await store.update((s) => { s.visits += 1; });
//
// The trigger code asks the core on every page event, synchronously, so it
// works from `current()`: a copy kept fresh on every write of this tab and
// re-read whenever another tab reports a change. Decisions that matter
// (actually showing a survey) are re-made inside update(), on the stored
// value, under the tab lock (see embed/triggers.js).

import { sharedStorage } from './store.js';

export async function openVisitorStore({ onProblem, storage } = {}) {
  const store = await (storage ?? sharedStorage({ onProblem }));
  const visitor = store.collection('visitor');
  let current = await visitor.read();
  visitor.onChange(() => {
    visitor.read().then((s) => { current = s; }, () => {});
  });
  return {
    kind: store.kind,
    current: () => current,
    read: async () => (current = await visitor.read()),
    /** Read-modify-write on the stored value; resolves with the new state. */
    async update(fn) {
      current = await visitor.update(fn);
      return current;
    },
  };
}
