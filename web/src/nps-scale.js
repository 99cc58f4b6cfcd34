// The 0-10 scale as an ARIA radio group with a roving tabindex: Tab enters
// the group once (on the checked option, or the first), arrow keys move and
// check, Home/End jump, Space checks. Horizontal arrows follow the reading
// direction, so in right-to-left layouts ArrowLeft moves to the next value.

import { h } from './dom.js';

export function npsScale(q, ids, onChoose) {
  const radios = q.options.map((o) =>
    h('div', { role: 'radio', 'data-value': o.value, 'aria-checked': 'false', tabindex: '-1',
               text: o.label }));
  const group = h('div', {
    class: 'scale', role: 'radiogroup', 'aria-labelledby': ids.title,
    'aria-describedby': ids.error, 'aria-required': q.required ? 'true' : null,
  }, radios);
  // The end labels are part of the first and last options' names, so a
  // screen reader announces "0, Not at all likely" and "10, Extremely likely".
  radios[0].setAttribute('aria-label', `${q.options[0].label}, ${q.minLabel}`);
  radios[radios.length - 1].setAttribute('aria-label',
    `${q.options[q.options.length - 1].label}, ${q.maxLabel}`);

  const choose = (index) => {
    radios[index].focus();
    onChoose(q.options[index].value);
  };
  group.addEventListener('click', (e) => {
    const i = radios.indexOf(e.target.closest('[role="radio"]'));
    if (i >= 0) choose(i);
  });
  group.addEventListener('keydown', (e) => {
    const i = radios.indexOf(document.activeElement) >= 0
      ? radios.indexOf(document.activeElement)
      : radios.indexOf(e.target);
    if (i < 0) return;
    const rtl = getComputedStyle(group).direction === 'rtl';
    const last = radios.length - 1;
    let next = null;
    switch (e.key) {
      case 'ArrowRight': next = rtl ? i - 1 : i + 1; break;
      case 'ArrowLeft': next = rtl ? i + 1 : i - 1; break;
      case 'ArrowDown': next = i + 1; break;
      case 'ArrowUp': next = i - 1; break;
      case 'Home': next = 0; break;
      case 'End': next = last; break;
      case ' ': next = i; break;
      default: return;
    }
    e.preventDefault();
    choose((next + radios.length) % radios.length);
  });

  const update = (value, error) => {
    const checked = q.options.findIndex((o) => o.value === value);
    radios.forEach((r, i) => {
      r.setAttribute('aria-checked', String(i === checked));
      r.tabIndex = i === (checked >= 0 ? checked : 0) ? 0 : -1;
    });
    group.setAttribute('aria-invalid', String(Boolean(error)));
  };
  const ends = h('div', { class: 'ends', id: ids.ends, 'aria-hidden': 'true' },
    h('span', { text: q.minLabel }), h('span', { text: q.maxLabel }));
  return { nodes: [group, ends], update, focus: () => (radios.find((r) => r.tabIndex === 0) ?? radios[0]).focus() };
}
