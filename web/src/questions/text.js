// Free text: <input> of the right kind (email, url, number) or <textarea>,
// with the core's character count. Typing never re-renders the field, so
// the caret stays where the person left it.

import { h } from '../dom.js';

const INPUT_TYPES = { text: 'text', email: 'email', url: 'url', number: 'number' };

export function text(q, ids, actions) {
  const input = h(q.multiline ? 'textarea' : 'input', {
    id: ids.input, type: q.multiline ? null : INPUT_TYPES[q.inputKind] ?? 'text',
    maxlength: q.inputKind === 'number' ? null : q.maxLength, placeholder: q.placeholder || null,
    'aria-describedby': q.multiline ? `${ids.counter} ${ids.error}` : ids.error, 'aria-required': q.required ? 'true' : null,
    autocomplete: q.inputKind === 'email' ? 'email' : 'off', 'data-focus-key': `${q.id}:input`,
    inputmode: q.inputKind === 'number' ? 'decimal' : null,
    min: q.minValue ?? null, max: q.maxValue ?? null,
  });
  const counter = h('p', { class: 'counter', id: ids.counter });
  input.addEventListener('input', () => {
    if (q.inputKind !== 'number') {
      actions.answer(q.id, input.value);
      return;
    }
    const n = input.value.trim() === '' ? null : Number(input.value);
    actions.answer(q.id, Number.isFinite(n) ? n : null);
  });
  return {
    nodes: [input, q.multiline ? counter : null],
    labelFor: ids.input,
    update(v) {
      if (input.getRootNode().activeElement !== input) input.value = v.value ?? '';
      input.disabled = !v.enabled;
      input.setAttribute('aria-invalid', String(Boolean(v.error)));
      counter.textContent = v.remaining ?? '';
    },
    focus: () => input.focus(),
  };
}
