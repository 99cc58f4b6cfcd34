// The home page: offers picked on this device (<tessera-offers>), the
// product grid with quick looks, and what the suggested bundle earns.
import { loaded } from '/shop.js';
import { loyaltyCart } from '/catalog.js';

document.getElementById('points-preview').cart = loyaltyCart(
  [{ id: 'merino-tee', qty: 1 }, { id: 'socks', qty: 1 }, { id: 'vest', qty: 1 }], 'bundle');
void loaded;
