// Choice questions with native controls, which browsers and assistive tech
// already handle well: single and yes/no (radio buttons; arrows move within
// the group), multi (checkboxes; "none" unticks the rest), dropdown
// (<select>), consent (one checkbox). "Other" reveals a text field.

import { h } from '../dom.js';

function otherField(q, ids, actions) {
  const input = h('input', { type: 'text', id: ids.other, class: 'other-text',
                             'aria-label': q.choices.find((c) => c.other)?.label ?? 'Other',
                             'data-focus-key': `${q.id}:other-text`, maxlength: 1000 });
  input.addEventListener('input', () => actions.answer(`${q.id}-other`, input.value));
  return {
    node: input,
    update(v, chosen) {
      input.hidden = !chosen;
      if (input.getRootNode().activeElement !== input) input.value = v.otherText ?? '';
    },
  };
}

// Single choice and yes/no: a fieldset of radio buttons.
export function radios(q, ids, actions) {
  const options = q.type === 'yesno' ? q.options : q.choices;
  const name = `${ids.base}-radio`;
  const inputs = options.map((c, i) => h('input', {
    type: 'radio', name, id: `${ids.base}-${i}`, 'data-focus-key': `${q.id}:${String(c.value)}`,
  }));
  const other = q.choices?.some((c) => c.other) ? otherField(q, ids, actions) : null;
  const list = h('div', { class: `options ${q.type === 'yesno' ? 'inline' : ''}` },
    options.map((c, i) => h('div', { class: 'option' }, inputs[i],
      h('label', { for: inputs[i].id, text: c.label }))));
  inputs.forEach((input, i) => input.addEventListener('change', () => {
    if (input.checked) actions.answer(q.id, options[i].value);
  }));
  return {
    nodes: [list, other?.node],
    group: true,
    update(v) {
      inputs.forEach((input, i) => {
        input.checked = options[i].value === v.value;
        input.disabled = !v.enabled;
        input.setAttribute('aria-invalid', String(Boolean(v.error)));
      });
      other?.update(v, v.value === 'other');
    },
    focus: () => (inputs.find((i) => i.checked) ?? inputs[0]).focus(),
  };
}

// Multiple choice: checkboxes; an exclusive choice clears the others.
export function checkboxes(q, ids, actions) {
  const inputs = q.choices.map((c, i) => h('input', {
    type: 'checkbox', id: `${ids.base}-${i}`, 'data-focus-key': `${q.id}:${c.value}`,
  }));
  const other = q.choices.some((c) => c.other) ? otherField(q, ids, actions) : null;
  const list = h('div', { class: 'options' }, q.choices.map((c, i) =>
    h('div', { class: 'option' }, inputs[i], h('label', { for: inputs[i].id, text: c.label }))));
  let current = [];
  inputs.forEach((input, i) => input.addEventListener('change', () => {
    const value = q.choices[i].value;
    let next;
    if (!input.checked) next = current.filter((v) => v !== value);
    else if (q.choices[i].exclusive) next = [value];
    else next = [...current.filter((v) => !q.choices.find((c) => c.value === v)?.exclusive), value];
    actions.answer(q.id, next.length ? next : null);
  }));
  return {
    nodes: [list, other?.node],
    group: true,
    update(v) {
      current = Array.isArray(v.value) ? v.value : [];
      inputs.forEach((input, i) => {
        input.checked = current.includes(q.choices[i].value);
        input.disabled = !v.enabled;
        input.setAttribute('aria-invalid', String(Boolean(v.error)));
      });
      other?.update(v, current.includes('other'));
    },
    focus: () => inputs[0].focus(),
  };
}

export function dropdown(q, ids, actions) {
  const select = h('select', { id: ids.input, 'aria-describedby': ids.error,
                               'aria-required': q.required ? 'true' : null,
                               'data-focus-key': `${q.id}:select` },
    h('option', { value: '', text: q.placeholder }),
    q.choices.map((c) => h('option', { value: c.value, text: c.label })));
  const other = q.choices.some((c) => c.other) ? otherField(q, ids, actions) : null;
  select.addEventListener('change', () => actions.answer(q.id, select.value || null));
  return {
    nodes: [select, other?.node],
    labelFor: ids.input,
    update(v) {
      select.value = v.value ?? '';
      select.disabled = !v.enabled;
      select.setAttribute('aria-invalid', String(Boolean(v.error)));
      other?.update(v, v.value === 'other');
    },
    focus: () => select.focus(),
  };
}

export function consent(q, ids, actions) {
  const box = h('input', { type: 'checkbox', id: ids.input, 'aria-describedby': ids.error,
                           'aria-required': 'true', 'data-focus-key': `${q.id}:box` });
  box.addEventListener('change', () => actions.answer(q.id, box.checked ? true : null));
  return {
    nodes: [h('div', { class: 'option' }, box, h('label', { for: ids.input, text: q.title }))],
    titleless: true,
    update(v) {
      box.checked = v.value === true;
      box.disabled = !v.enabled;
      box.setAttribute('aria-invalid', String(Boolean(v.error)));
    },
    focus: () => box.focus(),
  };
}
