// The thank-you page: the order is placed (the cart empties), the NPS survey
// placed by the page asks how it went, and the status line says whether the
// sealed answer reached the shop.
import { Tessera } from '/shop.js';
import { writeCart } from '/catalog.js';

writeCart([]);
document.getElementById('cart-count').textContent = '0';
const status = document.getElementById('survey-status');
const survey = document.querySelector('tessera-survey');

survey.addEventListener('complete', (e) => {
  status.textContent = e.detail.delivered
    ? 'Your feedback was sent, sealed for the shop.'
    : 'Your feedback will be sent when the connection is back.';
  // Answering earns points once the shop confirms it; until then it shows
  // as a claim in the badge.
  Tessera.loyalty.claim({ type: 'event', key: `survey-${e.detail.idempotencyKey}`, at: Date.now(),
                          name: 'survey_completed' }).catch(() => {});
});
survey.addEventListener('error', (e) => {
  status.textContent = `The feedback form is unavailable (${e.detail.code}).`;
});
