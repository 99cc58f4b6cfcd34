// <tessera-badge [expiring-days="30"] [locale="en"]>
//
// The member's loyalty summary, rendered from the core's loyalty.state view:
// spendable points (and pending ones), the tier with a progress bar to the
// next tier, points expiring within `expiring-days` with their dates, and
// badges earned. Claims the merchant has not confirmed are shown apart.
// Text comes from the core's loyalty.strings for `locale` (default: the
// browser's language), the survey widget's ten locales; Arabic and Hebrew
// lay out right to left. Numbers, money and dates are formatted by Intl
// for the same locale. Re-renders on every `tessera:loyalty` document event
// and when `locale` or `expiring-days` change. Events: `error`.

import { h } from '../dom.js';
import { runtime } from '../runtime.js';
import { loyaltySheet } from './loyalty-styles.js';
import { displayLocale, fill, loyalty } from './loyalty.js';

const DAY_MS = 86400000;

function formatDate(ms, locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

export class TesseraBadgeElement extends HTMLElement {
  static get observedAttributes() {
    return ['locale', 'expiring-days'];
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.refresh();
  }

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
      const locale = this.getAttribute('locale') || navigator.language || 'en';
      // A later refresh (a new locale, a new event) supersedes this one.
      const turn = (this.turn = (this.turn || 0) + 1);
      const [state, text] = await Promise.all([loyalty.state(), loyalty.strings(locale)]);
      if (turn === this.turn) this.render(state, text, locale);
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e) {
    this.hidden = true;
    const detail = typeof e?.toJSON === 'function' ? e.toJSON() : { code: 'internal', message: String(e) };
    this.dispatchEvent(new CustomEvent('error', { detail, bubbles: true, composed: true }));
  }

  render(state, text, requested) {
    this.state = state;
    const s = text.strings;
    const locale = displayLocale(requested, text);
    const num = new Intl.NumberFormat(locale);
    const horizon = Number(this.getAttribute('expiring-days') || 30) * DAY_MS;
    const card = h('section', {
      class: 'card', part: 'card', dir: text.dir, lang: locale, 'aria-label': s.cardLabel,
    });
    card.append(h('div', {},
      h('span', { class: 'points', 'data-points': state.points, text: num.format(state.points) }),
      h('span', { class: 'muted points-label', text: ` ${s.points}` })));
    if (state.pending > 0) {
      card.append(h('div', { class: 'muted pending', text: fill(s.pending, { n: num.format(state.pending) }) }));
    }
    if (state.claims.points > 0) {
      card.append(h('div', {
        class: 'muted claimed',
        text: fill(s.awaitingConfirmation, { n: num.format(state.claims.points) }),
      }));
    }
    if (state.tier.enabled) card.append(this.tierBlock(state, s, locale, num));
    const soon = state.expiring.filter((b) => b.expiresAt - state.now <= horizon);
    if (soon.length > 0) {
      card.append(h('div', { class: 'muted', text: s.expiringSoon }),
        h('ul', { class: 'expiring' }, soon.map((b) => h('li', {
          text: fill(s.expiresOn, { n: num.format(b.points), date: formatDate(b.expiresAt, locale) }),
        }))));
    }
    const earned = state.badges.filter((b) => b.earned);
    if (earned.length > 0) {
      card.append(h('ul', { class: 'badges', 'aria-label': s.badgesEarned },
        earned.map((b) => h('li', { class: 'badge', text: b.name || b.id }))));
    }
    this.shadowRoot.replaceChildren(card);
  }

  // "390 points to Gold": the amount still needed, in the tier basis' unit
  // (spend is money, in the program's currency).
  toNextText(state, s, locale, num) {
    const tier = state.tier;
    const next = this.levelName(tier, tier.nextTier);
    let amount = num.format(tier.toNext);
    if (tier.basis === 'spend') {
      const { currency, minorUnits } = state.program;
      amount = new Intl.NumberFormat(locale, { style: 'currency', currency })
        .format(tier.toNext / 10 ** minorUnits);
    }
    const key = { points: 'toNextPoints', spend: 'toNextSpend', purchases: 'toNextPurchases' }[tier.basis]
      || 'toNextScore';
    return fill(s[key], { n: amount, tier: next });
  }

  tierBlock(state, s, locale, num) {
    const tier = state.tier;
    const { min, max, value, top } = tier.progress;
    const name = tier.name || tier.tier;
    const label = top ? fill(s.tierTopTier, { tier: name }) : this.toNextText(state, s, locale, num);
    const filled = h('div', { class: 'fill' });
    // CSSOM, not a style attribute: allowed under a strict style-src.
    filled.style.width = top ? '100%' : `${max > min ? ((value - min) * 100) / (max - min) : 0}%`;
    return h('div', { class: 'tier-block' },
      h('div', { class: 'tier' },
        h('strong', { class: 'tier-name', text: name }),
        h('span', {
          class: 'muted next-tier',
          text: top ? s.topTier : fill(s.nextTier, { tier: this.levelName(tier, tier.nextTier) }),
        })),
      h('div', {
        class: 'bar',
        role: 'progressbar',
        'aria-label': s.progressLabel,
        'aria-valuemin': min,
        'aria-valuemax': top ? min : max,
        'aria-valuenow': value,
        'aria-valuetext': label,
      }, filled),
      h('div', { class: 'muted to-next', text: label }));
  }

  levelName(tier, id) {
    const level = (tier.levels || []).find((l) => l.id === id);
    return level?.name || id;
  }
}
