// What every page of the demo shop does: load Tessera with the shop's site
// config, load the member's signed loyalty grants (the badge in the header
// shows them), feed product clicks into the on-device profile, and show the
// cart's size in the header. No inline script, so the strict CSP holds.
import { Tessera } from '/tessera/tessera.js';
import { readCart } from '/catalog.js';

export { Tessera };

// Product links feed the on-device profile (categories and tags only; the
// profile never leaves this browser).
for (const link of document.querySelectorAll('a[data-categories]')) {
  link.addEventListener('click', () => {
    const categories = link.dataset.categories.split(' ');
    const tags = link.dataset.tags ? link.dataset.tags.split(' ') : [];
    Tessera.personal.record({ type: 'view', categories, tags }).catch(() => {});
  });
}

const count = document.getElementById('cart-count');
if (count) count.textContent = String(readCart().reduce((n, l) => n + l.qty, 0));

export const loaded = Tessera.load({ configUrl: '/config/site-config.json' })
  .then(async (instance) => {
    // The shop's backend would serve this member's signed grants; the demo
    // serves a few made by scripts/demo-loyalty.mjs. The core verifies each.
    const res = await fetch('/config/loyalty-grants.json');
    if (res.ok) await Tessera.loyalty.load({ events: await res.json() });
    return instance;
  });
loaded.catch(() => {});
