// <tessera-points-preview> — "You'll earn 120 points" for a cart, with the
// rule-by-rule breakdown behind a button (aria-expanded). Set the cart as a
// property (`el.cart = {lines, currency, orderId}`) or as a JSON `cart`
// attribute; the core's loyalty.preview does the arithmetic. Text comes from
// the core's loyalty.strings for `locale` (default: the browser's language),
// right to left for Arabic and Hebrew.

import { h } from '../dom.js';
import { runtime } from '../runtime.js';
import { loyaltySheet } from './loyalty-styles.js';
import { displayLocale, fill, loyalty } from './loyalty.js';

export class TesseraPointsPreviewElement extends HTMLElement {
  static get observedAttributes() {
    return ['cart', 'locale'];
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [loyaltySheet()];
    this.open = false;
    this.onChange = () => this.refresh();
    document.addEventListener('tessera:loyalty', this.onChange);
    runtime.ready().then(() => this.refresh(), () => { this.hidden = true; });
  }

  disconnectedCallback() {
    document.removeEventListener('tessera:loyalty', this.onChange);
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.refresh();
  }

  set cart(value) {
    this.cartValue = value;
    if (this.shadowRoot) this.refresh();
  }

  get cart() {
    if (this.cartValue) return this.cartValue;
    try {
      return JSON.parse(this.getAttribute('cart') || 'null');
    } catch {
      return null;
    }
  }

  async refresh() {
    const cart = this.cart;
    if (!cart) {
      this.shadowRoot.replaceChildren();
      return;
    }
    try {
      const locale = this.getAttribute('locale') || navigator.language || 'en';
      // A later refresh (a new cart or locale) supersedes this one.
      const turn = (this.turn = (this.turn || 0) + 1);
      const [preview, text] = await Promise.all([loyalty.preview(cart), loyalty.strings(locale)]);
      if (turn === this.turn) this.render(preview, text, locale);
    } catch (e) {
      this.hidden = true;
      const detail = typeof e?.toJSON === 'function' ? e.toJSON() : { code: 'internal', message: String(e) };
      this.dispatchEvent(new CustomEvent('error', { detail, bubbles: true, composed: true }));
    }
  }

  render(preview, text, requested) {
    this.hidden = false;
    this.preview = preview;
    const s = text.strings;
    const locale = displayLocale(requested, text);
    const num = new Intl.NumberFormat(locale);
    const id = 'rules';
    const toggle = h('button', {
      type: 'button',
      'aria-expanded': String(this.open),
      'aria-controls': id,
      text: this.open ? s.hideDetails : s.how,
      // Toggled in place, not re-rendered, so focus stays on the button.
      onclick: () => {
        this.open = !this.open;
        toggle.setAttribute('aria-expanded', String(this.open));
        toggle.textContent = this.open ? s.hideDetails : s.how;
        list.hidden = !this.open;
      },
    });
    const card = h('div', { class: 'card', part: 'card', dir: text.dir, lang: locale },
      h('span', { class: 'total', role: 'status', text: `${fill(s.youllEarn, { n: num.format(preview.total) })} ` }),
      toggle);
    const list = h('ul', { id, class: 'rules' }, preview.rules.map((r) => h('li', {
      text: `${r.rule}: ${r.points > 0 ? '+' + num.format(r.points) : '0'} — ${r.why}`,
    })));
    list.hidden = !this.open;
    card.append(list);
    this.shadowRoot.replaceChildren(card);
  }
}
