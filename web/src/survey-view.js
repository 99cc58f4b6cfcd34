// Renders a survey view model (docs/view-model.md) into a shadow root and
// patches it as the core returns new view models. It holds no survey rules:
// what is required, valid or next is decided by the core.

import { h } from './dom.js';
import { npsScale } from './nps-scale.js';

let uid = 0;

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
    this.controls = new Map();
  }

  render(view) {
    const key = `${view.state}:${view.page.index}`;
    if (key !== this.pageKey) {
      const focusInside = this.pageKey !== null;
      this.pageKey = key;
      this.build(view);
      if (focusInside) this.focusStart(view);
    }
    this.patch(view);
  }

  build(view) {
    this.controls.clear();
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
      card.append(h('p', { class: 'progress', id: `${p}-progress`, text: view.progress.label }));
    }
    const form = h('form', { novalidate: true, 'aria-labelledby': `${p}-title` });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.actions.submit();
    });
    this.optional = view.strings.optional;
    for (const q of view.questions) form.append(this.buildQuestion(q));
    this.back = h('button', { type: 'button', class: 'secondary', text: view.nav.back,
                              onclick: () => this.actions.back() });
    this.next = h('button', { type: 'submit', class: 'primary' });
    form.append(h('div', { class: 'nav' }, view.nav.canBack ? this.back : null, this.next));
    card.append(form);
    this.root.replaceChildren(card);
  }

  buildQuestion(q) {
    const base = `${this.prefix}-${q.id}`;
    const ids = { title: `${base}-title`, error: `${base}-error`, ends: `${base}-ends`,
                  input: `${base}-input`, counter: `${base}-counter` };
    const wrap = h('div', { class: 'question', 'data-question': q.id });
    const error = h('p', { class: 'error', id: ids.error });
    const required = q.required ? null : h('span', { class: 'optional', text: ` ${this.optional ?? ''}` });
    let control;
    if (q.type === 'nps') {
      wrap.append(h('div', { class: 'q-title', id: ids.title, text: q.title }, required));
      if (q.description) wrap.append(h('p', { class: 'q-description', text: q.description }));
      control = npsScale(q, ids, (value) => this.actions.answer(q.id, value));
      wrap.append(...control.nodes);
    } else {
      const label = h('label', { class: 'q-title', id: ids.title, for: ids.input, text: q.title });
      if (required) label.append(required);
      wrap.append(label);
      if (q.description) wrap.append(h('p', { class: 'q-description', text: q.description }));
      const input = h(q.multiline ? 'textarea' : 'input', {
        id: ids.input, type: q.multiline ? null : 'text', maxlength: q.maxLength,
        placeholder: q.placeholder || null, 'aria-describedby': `${ids.counter} ${ids.error}`,
        'aria-required': q.required ? 'true' : null,
      });
      const counter = h('p', { class: 'counter', id: ids.counter });
      input.addEventListener('input', () => this.actions.answer(q.id, input.value));
      wrap.append(input, counter);
      control = {
        update: (value, err, qv) => {
          if (document.activeElement !== input && this.root.activeElement !== input) {
            input.value = value ?? '';
          }
          input.setAttribute('aria-invalid', String(Boolean(err)));
          counter.textContent = qv.remaining;
        },
        focus: () => input.focus(),
      };
    }
    wrap.append(error);
    this.controls.set(q.id, { control, error });
    return wrap;
  }

  patch(view) {
    if (view.state === 'completed') return;
    for (const q of view.questions) {
      const entry = this.controls.get(q.id);
      if (!entry) continue;
      entry.control.update(q.value, q.error, q);
      entry.error.textContent = q.error ?? '';
    }
    if (this.next) this.next.textContent = view.nav.isLast ? view.nav.submit : view.nav.next;
  }

  /** Moves focus to the first question with an error, if any. */
  focusFirstError(view) {
    const q = view.questions.find((x) => x.error);
    if (q) this.controls.get(q.id)?.control.focus();
    return Boolean(q);
  }

  focusStart(view) {
    const heading = this.root.querySelector('h2');
    if (view.state === 'completed') {
      heading?.focus();
      return;
    }
    const first = view.questions[0];
    if (first) this.controls.get(first.id)?.control.focus();
  }

  setBusy(busy) {
    if (this.next) this.next.disabled = busy;
  }
}
