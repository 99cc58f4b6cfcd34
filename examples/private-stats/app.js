// A shop that asks before it remembers anything: Tessera is loaded with
// requireConsent, so until the person allows it the on-device profile lives
// in memory for this page only and nothing is written to storage. After
// "Allow", the profile is sealed into IndexedDB, and once per visit the shop
// sends one private-statistics report of the person's top interest (the
// core picks it from the profile and randomizes it; it leaves at a random
// later time, without any identifier). "No, thanks" erases what was stored.
import { Tessera } from '/tessera/tessera.js';

const status = document.getElementById('consent-status');

for (const link of document.querySelectorAll('a[data-categories]')) {
  link.addEventListener('click', () => {
    const categories = link.dataset.categories.split(' ');
    const tags = link.dataset.tags ? link.dataset.tags.split(' ') : [];
    Tessera.personal.record({ type: 'view', categories, tags }).catch(() => {});
  });
}

async function reportInterest() {
  try {
    const report = await Tessera.privacy.report('top-interest');
    if (report) status.textContent = 'Thank you. An anonymous statistic will be sent later.';
  } catch (e) {
    // limit_exceeded: this device has used its privacy budget; nothing is sent.
    status.textContent = e.code === 'limit_exceeded' ? 'No more statistics from this device.' : '';
  }
}

document.getElementById('accept').addEventListener('click', async () => {
  localStorage.setItem('shop:consent', 'yes');
  await Tessera.privacy.consent(true);
  status.textContent = 'Saved on this device only.';
  await reportInterest();
});
document.getElementById('decline').addEventListener('click', async () => {
  localStorage.removeItem('shop:consent');
  await Tessera.privacy.consent(false);
  status.textContent = 'Nothing is kept on this device.';
});

await Tessera.load({ configUrl: '/config/site-config.json', requireConsent: true });
// The shop's own memory of the answer (its cookie banner would do this).
if (localStorage.getItem('shop:consent') === 'yes') {
  await Tessera.privacy.consent(true);
  await reportInterest();
}
