// The demo shop's only script: load Tessera with the shop's site config and
// show what the widget reports. No inline script, so the strict CSP holds.
import { Tessera } from '/tessera/tessera.js';

const status = document.getElementById('survey-status');
const survey = document.querySelector('tessera-survey');

survey.addEventListener('complete', (e) => {
  status.textContent = e.detail.delivered
    ? 'Your feedback was sent, sealed for the shop.'
    : 'Your feedback will be sent when the connection is back.';
});
survey.addEventListener('error', (e) => {
  status.textContent = `The feedback form is unavailable (${e.detail.code}).`;
});

// Loyalty: the shop's backend would serve this member's signed grants; the
// demo serves a few made by scripts/demo-loyalty.mjs. The core verifies each.
document.getElementById('points-preview').cart = {
  orderId: 'cart', currency: 'EUR',
  lines: [
    { sku: 'tee-merino', category: 'apparel', qty: 1, unitPriceMinor: 4500 },
    { sku: 'socks-3', category: 'trail', qty: 1, unitPriceMinor: 1800 },
    { sku: 'vest-soft', category: 'apparel', qty: 1, unitPriceMinor: 8900 },
  ],
};

// Product links feed the on-device profile (categories and tags only; the
// profile never leaves this browser). Same-page links, so nothing is lost
// to navigation while the sealed profile is saved.
for (const link of document.querySelectorAll('a[data-categories]')) {
  link.addEventListener('click', () => {
    const categories = link.dataset.categories.split(' ');
    const tags = link.dataset.tags ? link.dataset.tags.split(' ') : [];
    Tessera.personal.record({ type: 'view', categories, tags }).catch(() => {});
  });
}


Tessera.load({ configUrl: '/config/site-config.json' })
  .then(async () => {
    const res = await fetch('/config/loyalty-grants.json');
    if (res.ok) await Tessera.loyalty.load({ events: await res.json() });
  })
  .catch(() => {});
