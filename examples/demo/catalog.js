// The demo shop's own catalog and cart (the host's data, not Tessera's):
// products with their loyalty category (what the points rules match) and
// their interests (what the on-device profile records), and a cart kept in
// localStorage.
export const PRODUCTS = [
  { id: 'trail-shoes', name: 'Trail runner 3', priceMinor: 13900, category: 'running-shoes', interests: ['running-shoes'], tags: ['trail'], swatch: 's1',
    text: 'A grippy, light trail shoe with a rock plate for long days on rough paths.' },
  { id: 'merino-tee', name: 'Merino running tee', priceMinor: 4500, category: 'apparel', interests: ['apparel'], tags: ['merino'], swatch: 's1',
    text: 'Soft merino that stays fresh on multi-day runs.' },
  { id: 'socks', name: 'Trail socks, 3 pairs', priceMinor: 1800, category: 'trail', interests: ['socks'], tags: ['trail'], swatch: 's2',
    text: 'Cushioned, blister-free socks for the trail.' },
  { id: 'vest', name: 'Softshell vest', priceMinor: 8900, category: 'apparel', interests: ['outerwear'], tags: ['trail'], swatch: 's3',
    text: 'Wind-proof and light; packs into its own pocket.' },
];

const CART_KEY = 'outfitters:cart';

/** The three items the demo cart starts with (a full cart to look at). */
const SAMPLE = [{ id: 'merino-tee', qty: 1 }, { id: 'socks', qty: 1 }, { id: 'vest', qty: 1 }];

export const product = (id) => PRODUCTS.find((p) => p.id === id) ?? null;

export function formatPrice(minor) {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(minor / 100);
}

export function readCart() {
  try {
    const lines = JSON.parse(localStorage.getItem(CART_KEY));
    if (Array.isArray(lines)) return lines.filter((l) => product(l.id) && Number.isInteger(l.qty) && l.qty > 0);
  } catch { /* no cart yet */ }
  return SAMPLE.map((l) => ({ ...l }));
}

export function writeCart(lines) {
  try {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
  } catch { /* storage blocked: the cart lives as long as the page */ }
}

export function addToCart(id) {
  const lines = readCart();
  const line = lines.find((l) => l.id === id);
  if (line) line.qty += 1;
  else lines.push({ id, qty: 1 });
  writeCart(lines);
  return lines;
}

/** The cart as the loyalty core wants it: integer minor units. */
export function loyaltyCart(lines, orderId = 'cart') {
  return {
    orderId, currency: 'EUR',
    lines: lines.map((l) => {
      const p = product(l.id);
      return { sku: p.id, category: p.category, qty: l.qty, unitPriceMinor: p.priceMinor };
    }),
  };
}
