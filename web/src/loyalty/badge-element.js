// <tessera-badge [expiring-days="30"] [locale="en"]>
//
// The member's loyalty summary, rendered from the core's loyalty.state view:
// spendable points (and pending ones), the tier with a progress bar to the
// next tier, points expiring within `expiring-days` with their dates, and
// badges earned. Claims the merchant has not confirmed are shown apart.
// Re-renders on every `tessera:loyalty` document event. Events: `error`.

import { h } from '../dom.js';
import { runtime } from '../runtime.js';
import { loyaltySheet } from './loyalty-styles.js';
import { loyalty } from './loyalty.js';

const DAY_MS = 86400000;

function formatDate(ms, locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

export class TesseraBadgeElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [loyaltySheet()];
    this.onChange = () => this.refresh();
    document.addEventListener('tessera:loyalty', this.onChange);
    runtime.ready().then(() => this.refresh(), (e) => this.fail(e));
  }

  disconnectedCallback() {
    document.removeEventListener('tessera:loyalty', this.onChange);
  }

  async refresh() {
    try {
      this.render(await loyalty.state());
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e) {
    this.hidden = true;
    const detail = typeof e?.toJSON === 'function' ? e.toJSON() : { code: 'internal', message: String(e) };
    this.dispatchEvent(new CustomEvent('error', { detail, bubbles: true, composed: true }));
  }

  render(state) {
    this.state = state;
    const locale = this.getAttribute('locale') || navigator.language || 'en';
    const num = new Intl.NumberFormat(locale);
    const horizon = Number(this.getAttribute('expiring-days') || 30) * DAY_MS;
    const card = h('section', { class: 'card', part: 'card', 'aria-label': 'Loyalty points' });
    card.append(h('div', {},
      h('span', { class: 'points', 'data-points': state.points, text: num.format(state.points) }),
      h('span', { class: 'muted', text: ' points' })));
    if (state.pending > 0) {
      card.append(h('div', { class: 'muted pending', text: `+${num.format(state.pending)} pending` }));
    }
    if (state.claims.points > 0) {
      card.append(h('div', {
        class: 'muted claimed',
        text: `+${num.format(state.claims.points)} awaiting confirmation`,
      }));
    }
    if (state.tier.enabled) card.append(this.tierBlock(state.tier, num));
    const soon = state.expiring.filter((b) => b.expiresAt - state.now <= horizon);
    if (soon.length > 0) {
      card.append(h('div', { class: 'muted', text: 'Expiring soon:' }),
        h('ul', { class: 'expiring' }, soon.map((b) => h('li', {
          text: `${num.format(b.points)} points on ${formatDate(b.expiresAt, locale)}`,
        }))));
    }
    const earned = state.badges.filter((b) => b.earned);
    if (earned.length > 0) {
      card.append(h('ul', { class: 'badges', 'aria-label': 'Badges earned' },
        earned.map((b) => h('li', { class: 'badge', text: b.name || b.id }))));
    }
    this.shadowRoot.replaceChildren(card);
  }

  tierBlock(tier, num) {
    const { min, max, value, top } = tier.progress;
    const label = top
      ? `${tier.name || tier.tier}: top tier`
      : `${num.format(tier.toNext)} ${tier.basis} to ${this.levelName(tier, tier.nextTier)}`;
    const fill = h('div', { class: 'fill' });
    // CSSOM, not a style attribute: allowed under a strict style-src.
    fill.style.width = top ? '100%' : `${max > min ? ((value - min) * 100) / (max - min) : 0}%`;
    return h('div', { class: 'tier-block' },
      h('div', { class: 'tier' },
        h('strong', { class: 'tier-name', text: tier.name || tier.tier }),
        h('span', { class: 'muted', text: top ? 'top tier' : `next: ${this.levelName(tier, tier.nextTier)}` })),
      h('div', {
        class: 'bar',
        role: 'progressbar',
        'aria-label': 'Progress to the next tier',
        'aria-valuemin': min,
        'aria-valuemax': top ? min : max,
        'aria-valuenow': value,
        'aria-valuetext': label,
      }, fill),
      h('div', { class: 'muted to-next', text: label }));
  }

  levelName(tier, id) {
    const level = (tier.levels || []).find((l) => l.id === id);
    return level?.name || id;
  }
}
