// The survey gallery page: every question type, loaded like the shop.
import { Tessera } from '/tessera/tessera.js';

const status = document.getElementById('survey-status');
const survey = document.querySelector('tessera-survey');
survey.addEventListener('complete', (e) => {
  status.textContent = e.detail.delivered ? 'Sent, sealed for the shop.' : 'Will be sent later.';
});
survey.addEventListener('error', (e) => {
  status.textContent = `The survey is unavailable (${e.detail.code}).`;
});
Tessera.load({ configUrl: '/config/site-config.json' }).catch(() => {});
