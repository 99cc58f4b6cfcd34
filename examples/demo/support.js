// The support follow-up page: service recovery with a goodwill offer. The
// offer's points come from the demo loyalty program's "service_recovery"
// rule; completing the survey records them as a claim.
import { Tessera } from '/tessera/tessera.js';

const status = document.getElementById('survey-status');
const survey = document.querySelector('tessera-survey');
survey.addEventListener('complete', (e) => {
  const sent = e.detail.delivered ? 'Sent, sealed for the shop.' : 'Will be sent later.';
  const goodwill = e.detail.goodwill
    ? ` ${e.detail.goodwill.points} goodwill points claimed; they count once the shop confirms.` : '';
  status.textContent = sent + goodwill;
});
survey.addEventListener('error', (e) => {
  status.textContent = `The survey is unavailable (${e.detail.code}).`;
});
Tessera.load({ configUrl: '/config/site-config.json' }).catch(() => {});
