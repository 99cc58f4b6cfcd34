// Matrix (rows x a Likert scale, one native radio group per row, each radio
// named by its row and column headers) and ranking (an ordered list moved
// with buttons, announced through a live region).

import { h } from '../dom.js';

export function matrix(q, ids, actions) {
  const colIds = q.columns.map((_, c) => `${ids.base}-c${c}`);
  const cells = [];
  const body = q.rows.map((row, r) => {
    const rowId = `${ids.base}-r${r}`;
    const inputs = q.columns.map((col, c) => {
      const input = h('input', { type: 'radio', name: `${ids.base}-row${r}`,
                                 'aria-labelledby': `${rowId} ${colIds[c]}`,
                                 'data-focus-key': `${q.id}:${row.value}:${col.value}` });
      input.addEventListener('change', () => {
        if (input.checked) actions.answer(q.id, { ...current, [row.value]: col.value });
      });
      return input;
    });
    cells.push(inputs);
    return h('tr', {}, h('th', { scope: 'row', id: rowId, text: row.label }),
      inputs.map((input) => h('td', {}, input)));
  });
  const table = h('table', { class: 'matrix', 'aria-labelledby': ids.title,
                             'aria-describedby': ids.error },
    h('thead', {}, h('tr', {}, h('td', {}), q.columns.map((col, c) =>
      h('th', { scope: 'col', id: colIds[c], text: col.label })))),
    h('tbody', {}, body));
  let current = {};
  return {
    nodes: [h('div', { class: 'matrix-wrap' }, table)],
    update(v) {
      current = v.value && typeof v.value === 'object' ? v.value : {};
      q.rows.forEach((row, r) => cells[r].forEach((input, c) => {
        input.checked = current[row.value] === q.columns[c].value;
        input.disabled = !v.enabled;
      }));
      table.setAttribute('aria-invalid', String(Boolean(v.error)));
    },
    focus: () => cells[0][0].focus(),
  };
}

export function ranking(q, ids, actions) {
  const list = h('ol', { class: 'ranking', 'aria-labelledby': ids.title,
                         'aria-describedby': ids.error });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  let items = q.items;
  const move = (index, delta) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    const order = items.map((i) => i.value);
    [order[index], order[to]] = [order[to], order[index]];
    live.textContent = `${items[index].label}: ${to + 1} / ${items.length}`;
    actions.answer(q.id, order);
  };
  const draw = (v) => {
    items = v.items;
    list.replaceChildren(...items.map((item, i) => h('li', { class: 'rank-item' },
      h('span', { class: 'rank-position', 'aria-hidden': 'true', text: String(i + 1) }),
      h('span', { class: 'rank-label', text: item.label }),
      h('button', { type: 'button', class: 'rank-move', text: '↑', disabled: i === 0 || !v.enabled,
                    'aria-label': `${v.moveUp}: ${item.label}`,
                    'data-focus-key': `${q.id}:${item.value}:up`, onclick: () => move(i, -1) }),
      h('button', { type: 'button', class: 'rank-move', text: '↓',
                    disabled: i === items.length - 1 || !v.enabled,
                    'aria-label': `${v.moveDown}: ${item.label}`,
                    'data-focus-key': `${q.id}:${item.value}:down`, onclick: () => move(i, 1) }))));
  };
  return {
    nodes: [list, live],
    update: draw,
    focus: () => list.querySelector('button:not([disabled])')?.focus(),
  };
}
