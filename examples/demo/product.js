// A product page (product.html?p=<id>): the product, what it earns, and
// "Add to cart". Opening it records a view in the on-device profile.
import { Tessera } from '/shop.js';
import { addToCart, formatPrice, loyaltyCart, product } from '/catalog.js';

const p = product(new URLSearchParams(location.search).get('p')) ?? product('trail-shoes');
document.title = `${p.name} · Tessera Outfitters`;
document.getElementById('product-name').textContent = p.name;
document.getElementById('product-price').textContent = formatPrice(p.priceMinor);
document.getElementById('product-text').textContent = p.text;
document.getElementById('product-swatch').classList.add(p.swatch);
document.getElementById('product-points').cart = loyaltyCart([{ id: p.id, qty: 1 }], `product-${p.id}`);
Tessera.personal.record({ type: 'view', categories: p.interests, tags: p.tags }).catch(() => {});

document.getElementById('add-to-cart').addEventListener('click', () => {
  const lines = addToCart(p.id);
  document.getElementById('cart-count').textContent = String(lines.reduce((n, l) => n + l.qty, 0));
  document.getElementById('cart-status').textContent = `${p.name} is in your cart.`;
});
