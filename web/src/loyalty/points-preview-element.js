// <tessera-points-preview> — "You'll earn 120 points" for a cart, with the
// rule-by-rule breakdown behind a button (aria-expanded). Set the cart as a
// property (`el.cart = {lines, currency, orderId}`) or as a JSON `cart`
// attribute; the core's loyalty.preview does the arithmetic.

import { h } from '../dom.js';
import { runtime } from '../runtime.js';
import { loyaltySheet } from './loyalty-styles.js';
import { loyalty } from './loyalty.js';

export class TesseraPointsPreviewElement extends HTMLElement {
  static get observedAttributes() {
    return ['cart'];
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
      this.render(await loyalty.preview(cart));
    } catch (e) {
      this.hidden = true;
      const detail = typeof e?.toJSON === 'function' ? e.toJSON() : { code: 'internal', message: String(e) };
      this.dispatchEvent(new CustomEvent('error', { detail, bubbles: true, composed: true }));
    }
  }

  render(preview) {
    this.hidden = false;
    this.preview = preview;
    const num = new Intl.NumberFormat(navigator.language || 'en');
    const id = 'rules';
    const toggle = h('button', {
      type: 'button',
      'aria-expanded': String(this.open),
      'aria-controls': id,
      text: this.open ? 'Hide details' : 'How?',
      // Toggled in place, not re-rendered, so focus stays on the button.
      onclick: () => {
        this.open = !this.open;
        toggle.setAttribute('aria-expanded', String(this.open));
        toggle.textContent = this.open ? 'Hide details' : 'How?';
        list.hidden = !this.open;
      },
    });
    const card = h('div', { class: 'card', part: 'card' },
      h('span', { class: 'total', role: 'status', text: `You'll earn ${num.format(preview.total)} points ` }),
      toggle);
    const list = h('ul', { id, class: 'rules' }, preview.rules.map((r) => h('li', {
      text: `${r.rule}: ${r.points > 0 ? '+' + num.format(r.points) : '0'} — ${r.why}`,
    })));
    list.hidden = !this.open;
    card.append(list);
    this.shadowRoot.replaceChildren(card);
  }
}
