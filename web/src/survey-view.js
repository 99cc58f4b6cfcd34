// Renders a survey view model (docs/view-model.md) into a shadow root and
// patches it as the core returns new view models. It holds no survey rules:
// what is shown, required, valid or next is decided by the core.

import { h } from './dom.js';
import { checkboxes, consent, dropdown, radios } from './questions/choices.js';
import { matrix, ranking } from './questions/grid.js';
import { scale } from './questions/scale.js';
import { text } from './questions/text.js';

const CONTROLS = {
  nps: scale, rating: scale, csat: scale, ces: scale,
  single: radios, yesno: radios, multi: checkboxes, dropdown, consent,
  text, matrix, ranking,
  statement: () => ({ nodes: [], update() {}, focus() {} }),
};

let uid = 0;

// What a question looks like apart from its answer: a change here rebuilds
// the question (choices appearing, say); otherwise it is patched in place.
function shapeOf(q) {
  const { value, error, remaining, otherText, enabled, items, ...shape } = q;
  return JSON.stringify(shape);
}

export class SurveyView {
  /**
   * @param {ShadowRoot} root
   * @param {{answer(id: string, value: unknown): void, submit(): void, back(): void,
   *          dismiss?: () => void}} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.prefix = `t${++uid}`;
    this.pageKey = null;
    this.questions = new Map();
  }

  render(view) {
    const focusKey = this.root.activeElement?.dataset?.focusKey;
    const key = `${view.state}:${view.page.index}`;
    if (key !== this.pageKey) {
      const focusInside = this.pageKey !== null;
      this.pageKey = key;
      this.build(view);
      if (focusInside) this.focusStart(view);
    } else {
      this.syncQuestions(view);
    }
    this.patch(view);
    // A patch may redraw the focused control (a ranking after a move); put
    // focus back on the control with the same key, or its nearest sibling.
    if (focusKey && !this.root.activeElement) {
      const [qid, item] = focusKey.split(':');
      const el = this.root.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]:not([disabled])`) ??
        this.root.querySelector(`[data-focus-key^="${CSS.escape(`${qid}:${item}:`)}"]:not([disabled])`);
      el?.focus();
    }
  }

  build(view) {
    this.questions.clear();
    const p = this.prefix;
    const card = h('section', { class: 'card', dir: view.dir, lang: view.locale,
                                'aria-labelledby': `${p}-title` });
    if (this.actions.dismiss && view.state === 'in_progress') {
      card.append(h('button', { type: 'button', class: 'close', 'aria-label': view.strings.close,
                                text: '×', onclick: () => this.actions.dismiss() }));
    }
    card.append(h('h2', { id: `${p}-title`, tabindex: '-1', text: view.title || view.page.title }));
    if (view.state === 'completed') {
      card.append(h('p', { class: 'thanks', role: 'status', text: view.thankYou }));
      this.root.replaceChildren(card);
      return;
    }
    if (view.page.count > 1) {
      card.append(h('p', { class: 'progress', text: view.progress.label }));
    }
    if (view.title && view.page.title) card.append(h('h3', { class: 'page-title', text: view.page.title }));
    if (view.page.description) card.append(h('p', { class: 'q-description', text: view.page.description }));
    const form = h('form', { novalidate: true, 'aria-labelledby': `${p}-title` });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.actions.submit();
    });
    this.list = h('div', { class: 'questions' });
    this.optional = view.strings.optional;
    form.append(this.list);
    this.back = h('button', { type: 'button', class: 'secondary', text: view.nav.back,
                              onclick: () => this.actions.back() });
    this.next = h('button', { type: 'submit', class: 'primary' });
    // A service-recovery goodwill offer: the loyalty program decided the
    // points; they stay a claim until the merchant's server confirms them.
    if (view.goodwill) {
      form.append(h('p', { class: 'goodwill', 'data-goodwill-points': view.goodwill.points,
                           'data-goodwill-status': view.goodwill.status, text: view.goodwill.text }));
    }
    form.append(h('div', { class: 'nav' }, view.nav.canBack ? this.back : null, this.next));
    card.append(form);
    this.root.replaceChildren(card);
    this.syncQuestions(view);
  }

  /** Adds, removes and rebuilds question nodes to match the view. */
  syncQuestions(view) {
    if (view.state === 'completed' || !this.list) return;
    const nodes = [];
    const seen = new Set();
    for (const q of view.questions) {
      seen.add(q.id);
      let entry = this.questions.get(q.id);
      if (!entry || entry.shape !== shapeOf(q)) {
        entry = this.buildQuestion(q);
        this.questions.set(q.id, entry);
      }
      nodes.push(entry.node);
    }
    for (const id of [...this.questions.keys()]) if (!seen.has(id)) this.questions.delete(id);
    const current = [...this.list.children];
    if (current.length !== nodes.length || current.some((n, i) => n !== nodes[i])) {
      this.list.replaceChildren(...nodes);
    }
  }

  buildQuestion(q) {
    const base = `${this.prefix}-${q.id}`;
    const ids = { base, title: `${base}-title`, error: `${base}-error`, input: `${base}-input`,
                  counter: `${base}-counter`, other: `${base}-other` };
    const control = CONTROLS[q.type](q, ids, this.actions);
    const error = h('p', { class: 'error', id: ids.error });
    const marker = q.required || q.type === 'statement' ? null
      : h('span', { class: 'optional', text: ` ${this.optional}` });
    const grouped = control.group;
    const node = h(grouped ? 'fieldset' : 'div',
      { class: `question q-${q.type}`, 'data-question': q.id,
        'aria-describedby': grouped ? ids.error : null });
    if (!control.titleless) {
      const tag = grouped ? 'legend' : control.labelFor ? 'label' : 'div';
      const heading = q.type === 'statement' ? 'p' : tag;
      node.append(h(heading, { class: q.type === 'statement' ? 'statement' : 'q-title',
                               id: ids.title, for: control.labelFor ?? null, text: q.title }, marker));
    }
    if (q.description) node.append(h('p', { class: 'q-description', text: q.description }));
    node.append(...control.nodes.filter(Boolean), error);
    return { node, control, error, shape: shapeOf(q) };
  }

  patch(view) {
    if (view.state === 'completed') return;
    for (const q of view.questions) {
      const entry = this.questions.get(q.id);
      if (!entry) continue;
      entry.control.update(q);
      entry.error.textContent = q.error ?? '';
    }
    if (this.next) this.next.textContent = view.nav.isLast ? view.nav.submit : view.nav.next;
  }

  /** Moves focus to the first question with an error, if any. */
  focusFirstError(view) {
    const q = view.questions.find((x) => x.error);
    if (q) this.questions.get(q.id)?.control.focus();
    return Boolean(q);
  }

  focusStart(view) {
    if (view.state === 'completed') {
      this.root.querySelector('h2')?.focus();
      return;
    }
    const first = view.questions.find((q) => q.type !== 'statement');
    if (first) this.questions.get(first.id)?.control.focus();
    else this.root.querySelector('h2')?.focus();
  }

  setBusy(busy) {
    if (this.next) this.next.disabled = busy;
  }
}
