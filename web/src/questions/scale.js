// Scales (nps, rating, csat, ces) as an ARIA radio group with a roving
// tabindex: Tab enters the group once (on the checked option, or the first),
// arrow keys move and check, Home/End jump, Space checks. Horizontal arrows
// follow the reading direction, so in right-to-left layouts ArrowLeft moves
// to the next value. Stars and smileys are drawn with CSS; the accessible
// name is always the number, plus the end label for the two ends.

import { h } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// A face drawn as SVG (no emoji font needed): the mouth curves from a frown
// at the low end of the scale to a smile at the high end.
function face(index, count) {
  const mood = count > 1 ? index / (count - 1) : 1;  // 0..1
  const bend = Math.round((mood - 0.5) * 12);         // -6 frown .. +6 smile
  const icon = svg('svg', { viewBox: '0 0 24 24', width: 28, height: 28, 'aria-hidden': 'true',
                            class: 'face' });
  icon.append(
    svg('circle', { cx: 12, cy: 12, r: 10, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6 }),
    svg('circle', { cx: 8.5, cy: 9.5, r: 1.3, fill: 'currentColor' }),
    svg('circle', { cx: 15.5, cy: 9.5, r: 1.3, fill: 'currentColor' }),
    svg('path', { d: `M7 ${15.5 - bend / 4} Q12 ${15.5 + bend / 2} 17 ${15.5 - bend / 4}`,
                  fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6, 'stroke-linecap': 'round' }));
  return icon;
}

export function scale(q, ids, actions) {
  const count = q.options.length;
  const radios = q.options.map((o, i) => {
    const r = h('div', { role: 'radio', 'data-value': o.value, 'aria-checked': 'false',
                         tabindex: '-1', 'data-focus-key': `${q.id}:${o.value}`,
                         class: `point ${q.display}` });
    if (q.display === 'numbers') r.textContent = o.label;
    else if (q.display === 'stars') r.append(h('span', { class: 'star', 'aria-hidden': 'true', text: '★' }));
    else r.append(face(i, count));
    r.setAttribute('aria-label', o.label);
    return r;
  });
  radios[0].setAttribute('aria-label', `${q.options[0].label}, ${q.minLabel}`.replace(/, $/, ''));
  radios[count - 1].setAttribute('aria-label',
    `${q.options[count - 1].label}, ${q.maxLabel}`.replace(/, $/, ''));
  const group = h('div', {
    class: `scale points-${count}`, role: 'radiogroup', 'aria-labelledby': ids.title,
    'aria-describedby': ids.error, 'aria-required': q.required ? 'true' : null,
  }, radios);
  group.style.setProperty('--points', String(count));

  const choose = (index) => {
    radios[index].focus();
    actions.answer(q.id, q.options[index].value);
  };
  group.addEventListener('click', (e) => {
    const i = radios.indexOf(e.target.closest('[role="radio"]'));
    if (i >= 0 && group.getAttribute('aria-disabled') !== 'true') choose(i);
  });
  group.addEventListener('keydown', (e) => {
    const i = radios.indexOf(e.target.closest('[role="radio"]'));
    if (i < 0 || group.getAttribute('aria-disabled') === 'true') return;
    const rtl = getComputedStyle(group).direction === 'rtl';
    let next = null;
    switch (e.key) {
      case 'ArrowRight': next = rtl ? i - 1 : i + 1; break;
      case 'ArrowLeft': next = rtl ? i + 1 : i - 1; break;
      case 'ArrowDown': next = i + 1; break;
      case 'ArrowUp': next = i - 1; break;
      case 'Home': next = 0; break;
      case 'End': next = count - 1; break;
      case ' ': next = i; break;
      default: return;
    }
    e.preventDefault();
    choose((next + count) % count);
  });

  const ends = (q.minLabel || q.maxLabel)
    ? h('div', { class: 'ends', 'aria-hidden': 'true' },
      h('span', { text: q.minLabel }), h('span', { text: q.maxLabel }))
    : null;
  return {
    nodes: [group, ends],
    update(v) {
      const checked = v.options.findIndex((o) => o.value === v.value);
      radios.forEach((r, i) => {
        r.setAttribute('aria-checked', String(i === checked));
        r.classList.toggle('filled', q.display === 'stars' && checked >= 0 && i <= checked);
        r.tabIndex = i === (checked >= 0 ? checked : 0) ? 0 : -1;
      });
      group.setAttribute('aria-invalid', String(Boolean(v.error)));
      group.setAttribute('aria-disabled', String(!v.enabled));
    },
    focus: () => (radios.find((r) => r.tabIndex === 0) ?? radios[0]).focus(),
  };
}
