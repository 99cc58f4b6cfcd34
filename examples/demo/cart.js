// The cart: lines, total, and the points the order will earn — the core
// computes them from the signed loyalty program (<tessera-points-preview>).
import '/shop.js';
import { formatPrice, loyaltyCart, product, readCart, writeCart } from '/catalog.js';

function render() {
  const lines = readCart();
  const body = document.getElementById('cart-lines');
  body.replaceChildren(...lines.map((l) => {
    const p = product(l.id);
    const row = document.createElement('tr');
    const name = document.createElement('td');
    const link = Object.assign(document.createElement('a'), { href: `/product.html?p=${p.id}`, textContent: p.name });
    name.append(link);
    const qty = document.createElement('td');
    const input = Object.assign(document.createElement('input'), { type: 'number', min: '0', max: '9', value: String(l.qty) });
    input.setAttribute('aria-label', `Quantity of ${p.name}`);
    input.addEventListener('change', () => {
      const n = Math.max(0, Math.min(9, Number.parseInt(input.value, 10) || 0));
      writeCart(readCart().map((x) => (x.id === l.id ? { ...x, qty: n } : x)).filter((x) => x.qty > 0));
      render();
    });
    qty.append(input);
    const price = Object.assign(document.createElement('td'), { textContent: formatPrice(p.priceMinor * l.qty) });
    row.append(name, qty, price);
    return row;
  }));
  const total = lines.reduce((s, l) => s + product(l.id).priceMinor * l.qty, 0);
  document.getElementById('cart-total').textContent = formatPrice(total);
  document.getElementById('cart-count').textContent = String(lines.reduce((n, l) => n + l.qty, 0));
  document.getElementById('points-preview').cart = loyaltyCart(lines);
}
render();
