// <tessera-offers [heading="Picked for you"] [locale="de"]>
//   <template>  (optional: the merchant's card; filled by data-field)
//     <article><img data-field="image" alt=""><h3 data-field="title"></h3>
//       <p data-field="text"></p><a data-field="url">Shop now</a></article>
//   </template>
// </tessera-offers>
//
// Shows the core's ranking of the site config's candidates for this
// person's on-device profile. Every card has a "Why this?" disclosure with
// the explanation; "Your data" shows everything stored, lets the person
// download it as JSON and forget it. A merchant template is cloned and
// filled with textContent and attributes only (href, src), never markup.
// Events (bubbling, composed): `ranked` {ids}, `forget` {}, `error` {code, message}.

import { h } from '../dom.js';
import { runtime } from '../runtime.js';
import { offersSheet } from './offers-styles.js';
import { personalReady } from './personal.js';

let nextId = 1;

function readable(data) {
  const lines = [`Generated ${data.generatedAt}.`];
  if (data.events.length === 0) {
    lines.push('Nothing is stored about you on this device.');
    return lines.join('\n');
  }
  lines.push('', 'Interests (strength 0-100):');
  for (const c of data.categories) {
    lines.push(`  ${c.category}: ${c.strength} (${c.recentEvents} this week, last ${c.lastSeen})`);
  }
  for (const t of data.tags) lines.push(`  tag ${t.tag}: ${t.strength}`);
  lines.push('', `Events (${data.events.length}, kept ${data.settings.retentionDays} days):`);
  for (const e of data.events) {
    const what = [...e.categories, ...e.tags].join(', ');
    lines.push(`  ${e.at} ${e.type}: ${what} (${e.device}, ${e.daypart}, ${e.weekday})`);
  }
  return lines.join('\n');
}

export class TesseraOffersElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.uid = `tessera-offers-${nextId++}`;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [offersSheet()];
    this.start().catch((e) => this.fail(e));
  }

  disconnectedCallback() {
    this.unsubscribe?.();
  }

  async start() {
    const instance = await runtime.ready();
    this.personal = await personalReady();
    if (!this.personal) {
      this.hidden = true;
      return;
    }
    this.locale = this.getAttribute('locale') || instance.locale;
    this.instance = instance;
    this.render();
    // A profile discarded while opening is reported by every offers element.
    for (const detail of this.personal.problems) this.emit('error', detail);
    instance.on('error', (detail) => this.emit('error', detail));
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  fail(e) {
    this.emit('error', e.toJSON ? e.toJSON() : { code: 'internal', message: String(e) });
  }

  render() {
    const { items } = this.personal.rank({ locale: this.locale });
    const heading = this.getAttribute('heading') || 'Picked for you';
    const headingId = `${this.uid}-h`;
    const list = h('ul', { class: 'offers' }, items.map((item, i) => this.card(item, i)));
    this.dataButton = h('button', {
      type: 'button', 'aria-expanded': 'false', 'aria-controls': `${this.uid}-data`,
      text: 'Your data', onclick: () => this.toggleData(),
    });
    this.dataPanel = h('div', { class: 'data', id: `${this.uid}-data`, hidden: true });
    const section = h('section', { 'aria-labelledby': headingId },
      h('h2', { id: headingId, text: heading }), list,
      h('div', { class: 'actions' }, this.dataButton), this.dataPanel);
    this.shadowRoot.replaceChildren(section);
    this.emit('ranked', { ids: items.map((x) => x.id) });
  }

  card(item, index) {
    const whyId = `${this.uid}-why-${index}`;
    const why = h('p', { class: 'why', id: whyId, hidden: true, text: item.why });
    const toggle = h('button', {
      type: 'button', 'aria-expanded': 'false', 'aria-controls': whyId, text: 'Why this?',
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        why.hidden = !open;
      },
    });
    const body = this.fromTemplate(item) ?? this.defaultCard(item);
    body.addEventListener('click', (e) => {
      if (e.target.closest?.('a')) this.personal.clicked(item.id);
    });
    return h('li', { class: 'offer', 'data-offer': item.id }, body, toggle, why);
  }

  defaultCard(item) {
    return h('div', { class: 'body' },
      item.image ? h('img', { src: item.image, alt: '' }) : null,
      h('h3', { class: 'title', text: item.title }),
      item.text ? h('p', { class: 'text', text: item.text }) : null,
      item.url ? h('a', { href: item.url, text: 'See offer', 'aria-label': `See offer: ${item.title}` })
        : null);
  }

  // The merchant's <template>: only textContent and two URL attributes are
  // filled, and URLs were checked by the core (a path or https).
  fromTemplate(item) {
    const tpl = this.querySelector(':scope > template');
    if (!tpl) return null;
    const frag = tpl.content.cloneNode(true);
    const body = h('div', { class: 'body' });
    body.append(frag);
    for (const el of body.querySelectorAll('[data-field]')) {
      const field = el.getAttribute('data-field');
      if (field === 'url') {
        if (item.url) el.setAttribute('href', item.url);
        else el.remove();
      } else if (field === 'image') {
        if (item.image) el.setAttribute('src', item.image);
        else el.remove();
      } else if (field === 'title' || field === 'text' || field === 'why') {
        el.textContent = item[field] ?? '';
      }
    }
    for (const el of body.querySelectorAll('script, [onclick], [onload], [onerror]')) el.remove();
    return body;
  }

  toggleData() {
    const open = this.dataButton.getAttribute('aria-expanded') !== 'true';
    this.dataButton.setAttribute('aria-expanded', String(open));
    this.dataPanel.hidden = !open;
    if (open) this.showData();
  }

  showData(message) {
    const data = this.personal.export();
    const status = h('p', { role: 'status', text: message ?? '' });
    const download = h('button', {
      type: 'button', text: 'Download JSON',
      onclick: () => {
        const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const a = h('a', { href: url, download: 'tessera-my-data.json' });
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    });
    const forget = h('button', {
      type: 'button', text: 'Forget everything',
      onclick: async () => {
        try {
          const after = await this.personal.forget();
          this.emit('forget', {});
          this.render();
          this.toggleData();
          this.showData(after.events.length === 0
            ? 'Done: nothing about you is stored on this device any more.'
            : 'Some data could not be removed.');
          this.dataPanel.querySelector('button')?.focus();
        } catch (e) {
          this.fail(e);
        }
      },
    });
    this.dataPanel.replaceChildren(
      h('h3', { text: 'What this site keeps about you, on this device only' }),
      h('pre', { tabindex: '0', 'aria-label': 'Your stored data', text: readable(data) }),
      h('div', { class: 'actions' }, download, forget), status);
  }
}

if (!customElements.get('tessera-offers')) {
  customElements.define('tessera-offers', TesseraOffersElement);
}
