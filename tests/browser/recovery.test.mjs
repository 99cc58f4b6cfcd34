// Service recovery in Chromium: the demo's support survey (examples/demo/
// support.html). A low score leads to the recovery page, which shows the
// goodwill offer the demo loyalty program decides (its "service_recovery"
// rule: 100 points); completing it records a claim that Tessera.loyalty
// lists apart, and the sealed record tells the merchant which claim to
// confirm. Keyboard and mouse both work; axe-core audits each state. The
// last test uses the module API a page has: Tessera.surveys.fromSurveyJS
// and Tessera.score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, axe, launch, newPage, startDemo, tabToKey } from './harness.mjs';

let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('a detractor sees the goodwill offer, and completing it records a claim', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/support.html');
  await page.locator('tessera-survey [data-focus-key="support_nps:2"]').waitFor();
  await page.locator('tessera-survey [data-focus-key="support_nps:2"]').click();
  await page.locator('tessera-survey button[type="submit"]').click();

  // The recovery page: apology, the merchant's goodwill text, the offer.
  const offer = page.locator('tessera-survey .goodwill');
  await offer.waitFor();
  assert.equal(await offer.getAttribute('data-goodwill-points'), '100');
  assert.equal(await offer.getAttribute('data-goodwill-status'), 'claim');
  assert.equal(await offer.textContent(),
    'As an apology: 100 points, credited once the shop confirms.');
  assert.match(await page.locator('tessera-survey [data-question="recovery_goodwill"]').textContent(),
    /make it up to you/);
  assert.deepEqual(await axe(page), [], 'recovery page with the offer');
  await page.screenshot({ path: path.join(artifactsDir, 'recovery-goodwill.png'), fullPage: true });

  await tabToKey(page, 'recovery_contact:true');
  await page.keyboard.press(' ');
  await page.locator('tessera-survey [data-question="recovery_channel"]').waitFor();
  await tabToKey(page, 'recovery_channel:input');
  await page.keyboard.type('sam@example.org');
  const completed = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('tessera-survey').addEventListener('complete', (e) => resolve(e.detail))));
  await page.locator('tessera-survey button[type="submit"]').focus();
  await page.keyboard.press('Enter');
  const detail = await completed;
  assert.equal(detail.goodwill.points, 100);
  assert.equal(detail.goodwill.status, 'claim');
  assert.equal(detail.goodwill.event.name, 'service_recovery');
  assert.match(await page.locator('#survey-status').textContent(), /100 goodwill points claimed/);

  // The claim is in the member's ledger, apart from confirmed points.
  const state = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    return Tessera.loyalty.state();
  });
  assert.equal(state.claims.points, 100);
  assert.deepEqual(state.claims.events.map((e) => e.key), [detail.goodwill.event.key]);

  // The merchant's record names the claim to confirm.
  const final = demo.open().find((r) => r.kind === 'final' && r.surveyId === 'support');
  assert.equal(final.followUp.needed, true);
  assert.equal(final.followUp.consent, true);
  assert.equal(final.followUp.goodwillPoints, 100);
  assert.equal(final.followUp.goodwillClaim, detail.goodwill.event.key);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a promoter gets no recovery page and no offer', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/support.html');
  await page.locator('tessera-survey [data-focus-key="support_nps:10"]').click();
  const completed = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('tessera-survey').addEventListener('complete', (e) => resolve(e.detail))));
  await page.locator('tessera-survey button[type="submit"]').click();
  const detail = await completed;
  assert.equal(detail.goodwill, undefined);
  assert.equal(await page.locator('tessera-survey .goodwill').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the module API in a page: Tessera.surveys.fromSurveyJS and Tessera.score', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/support.html');
  await page.locator('tessera-survey [data-focus-key="support_nps:0"]').waitFor();
  const out = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    const imported = await Tessera.surveys.fromSurveyJS({
      elements: [{ type: 'rating', name: 'nps', title: 'Would you recommend us?', rateMin: 0, rateMax: 10 },
                 { type: 'comment', name: 'why', visibleIf: '{nps} <= 6' }] }, { id: 'imported' });
    let refused = null;
    try {
      await Tessera.surveys.fromSurveyJS(JSON.stringify({ elements: [{ type: 'file', name: 'f' }] }));
    } catch (e) {
      refused = { name: e.name, code: e.code, path: e.path };
    }
    const record = (id, nps) => ({ kind: 'final', surveyId: 'support', responseId: id,
                                   answers: { support_nps: nps } });
    const a = await Tessera.score.summarize({ surveyId: 'support', records: [record('r1', 10), record('r2', 3)] });
    const b = await Tessera.score.summarize({ surveyId: 'support', records: [record('r3', 9)] });
    const merged = await Tessera.score.merge([a, b]);
    return { def: imported.definition, refused, nps: merged.total.nps.support_nps.display.score };
  });
  assert.deepEqual(out.def.pages[0].questions.map((q) => [q.id, q.type]), [['nps', 'nps'], ['why', 'text']]);
  assert.deepEqual(out.refused, { name: 'TesseraError', code: 'invalid_value', path: '/surveyjs/elements/0' });
  assert.equal(out.nps, 33.3333);  // 2 promoters, 1 detractor of 3
  assert.deepEqual(page.problems, []);
  await page.close();
});
