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

Tessera.load({ configUrl: '/config/site-config.json' }).catch(() => {});
