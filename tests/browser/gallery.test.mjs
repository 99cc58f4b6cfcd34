// Every question type in Chromium, by keyboard alone: the gallery survey
// (examples/demo) is completed without a mouse, with an axe-core audit on
// every page and state, and the merchant opens exactly what was answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, axe, focused, launch, newPage, startDemo, tabToKey } from './harness.mjs';

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

const pageTitle = (page) => page.locator('tessera-survey .page-title').textContent();
const press = async (page, key, times = 1) => {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
};

test('the gallery survey, every type, by keyboard alone', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/gallery.html');
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  assert.deepEqual(await axe(page), [], 'page 1, initial');

  // Page 1: a low score reveals the recovery questions.
  await tabToKey(page, 'nps:0');
  await press(page, 'ArrowRight', 3);
  await page.locator('tessera-survey [data-question="problem"]').waitFor();
  await tabToKey(page, 'problem:late');
  await press(page, ' ');
  await tabToKey(page, 'problem:other');
  await press(page, ' ');
  await tabToKey(page, 'problem:other-text');
  await page.keyboard.type('box torn');
  await tabToKey(page, 'contact:true');
  await press(page, ' ');
  await page.locator('tessera-survey [data-question="email"]').waitFor();
  await tabToKey(page, 'csat:1');
  await press(page, 'ArrowRight', 3);
  await tabToKey(page, 'ces:1');
  await press(page, 'End');
  assert.deepEqual(await axe(page), [], 'page 1, recovery questions shown');
  await page.screenshot({ path: path.join(artifactsDir, 'gallery-page1.png'), fullPage: true });

  // Next without the required email: the error is announced and focused.
  await page.locator('tessera-survey button[type="submit"]').focus();
  await press(page, 'Enter');
  assert.equal(await page.locator('tessera-survey [data-question="email"] .error').textContent(),
    'This question needs an answer.');
  assert.equal((await focused(page)).key, 'email:input');
  assert.deepEqual(await axe(page), [], 'page 1, with an error');
  await page.keyboard.type('ana@example.org');
  await page.locator('tessera-survey button[type="submit"]').focus();
  await press(page, 'Enter');

  // Page 2: focus starts on the first question.
  await page.waitForFunction(() =>
    document.querySelector('tessera-survey').shadowRoot.querySelector('.page-title')?.textContent === 'Details');
  assert.equal((await focused(page)).key, 'stars:1');
  await press(page, 'ArrowRight', 3);
  // The channel choices are shuffled per respondent: Tab lands on the first.
  const channel = (await tabToKey(page, 'channel:*')).split(':')[1];
  await press(page, ' ');
  await tabToKey(page, 'size:select');
  await press(page, 'ArrowDown', 2);
  await tabToKey(page, 'aspects:price:1');
  await press(page, 'ArrowRight');
  await tabToKey(page, 'aspects:speed:1');
  await press(page, ' ');
  await tabToKey(page, 'aspects:packaging:1');
  await press(page, 'ArrowLeft');  // native radio groups wrap: first -> last
  await tabToKey(page, 'priorities:price:down');
  await press(page, 'Enter');
  assert.equal((await focused(page)).key, 'priorities:price:down', 'focus follows the moved item');
  await press(page, 'Enter');
  const order = await page.locator('tessera-survey .rank-label').allTextContents();
  assert.deepEqual(order, ['Quality', 'Speed', 'Price']);
  assert.deepEqual(await axe(page), [], 'page 2');
  await page.screenshot({ path: path.join(artifactsDir, 'gallery-page2.png'), fullPage: true });
  await page.locator('tessera-survey button[type="submit"]').focus();
  await press(page, 'Enter');

  // Page 3: a pattern, piping, and a consent box.
  await page.waitForFunction(() =>
    document.querySelector('tessera-survey').shadowRoot.querySelector('.page-title')?.textContent === 'Last step');
  assert.equal((await focused(page)).key, 'order:input');
  await page.keyboard.type('12ab');
  assert.match(await page.locator('tessera-survey [data-question="comment"] .q-title').textContent(),
    /You gave us 3 out of 10/);
  await tabToKey(page, 'consent:box');
  await press(page, ' ');
  await page.locator('tessera-survey button[type="submit"]').focus();
  await press(page, 'Enter');
  assert.equal(await page.locator('tessera-survey [data-question="order"] .error').textContent(),
    'Five digits, like 10427');
  assert.deepEqual(await axe(page), [], 'page 3, with an error');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10427');
  const completed = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('tessera-survey').addEventListener('complete', (e) => resolve(e.detail))));
  await page.locator('tessera-survey button[type="submit"]').focus();
  await press(page, 'Enter');
  const detail = await completed;
  assert.equal(detail.delivered, true);
  assert.deepEqual(await axe(page), [], 'thank-you');

  const records = demo.open();
  const final = records.find((r) => r.kind === 'final');
  assert.equal(records.filter((r) => r.kind === 'partial').length, 2, 'one partial per committed page');
  assert.deepEqual(final.answers, {
    nps: 3, problem: ['late', 'other'], 'problem-other': 'box torn', contact: true,
    email: 'ana@example.org', csat: 4, ces: 7, stars: 4, channel, size: 'm',
    aspects: { price: '2', speed: '1', packaging: '4' },
    priorities: ['quality', 'speed', 'price'], order: '10427', consent: true,
  });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a reload resumes where the person left off', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/gallery.html');
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  await page.locator('tessera-survey [data-focus-key="nps:9"]').click();
  await page.locator('tessera-survey button[type="submit"]').click();
  await page.waitForFunction(() =>
    document.querySelector('tessera-survey').shadowRoot.querySelector('.page-title')?.textContent === 'Details');
  await page.locator('tessera-survey [data-focus-key="stars:5"]').click();
  await page.reload();
  await page.locator('tessera-survey [data-focus-key="stars:5"]').waitFor();
  assert.equal(await pageTitle(page), 'Details');
  assert.equal(await page.locator('tessera-survey [data-focus-key="stars:5"]').getAttribute('aria-checked'), 'true');
  await page.locator('tessera-survey button.secondary').click();
  assert.equal(await page.locator('tessera-survey [data-focus-key="nps:9"]').getAttribute('aria-checked'), 'true');
  await page.close();
});
