// A walk through the demo shop in Chromium under the strict CSP, as a
// shopper would: home (offers, badge in the header), a product page (what it
// earns, add to cart), the cart (lines, total, points preview from the core),
// place the order, the thank-you page with the NPS survey. axe-core on every
// page; no page error, no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, axe, launch, newPage, startDemo } from './harness.mjs';

let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await launch();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const earn = (page, id) => page.locator(`tessera-points-preview#${id} .total`);
const badgePoints = (page) => page.waitForFunction(() =>
  document.querySelector('tessera-badge')?.shadowRoot?.querySelector('.points')?.textContent === '610');

test('home -> product -> cart -> order -> thank-you with NPS', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/');
  await page.locator('tessera-offers li.offer').first().waitFor();
  await badgePoints(page);
  assert.equal(await page.locator('h1').textContent(), 'Gear for long days on the trail');
  await page.screenshot({ path: path.join(artifactsDir, 'shop-home.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'home');

  // A quick look on the home page, then the product page.
  await page.locator('a[data-categories][href="/#trail-shoes"]').click();
  await page.getByRole('link', { name: 'Trail runner 3: product page' }).click();
  await page.waitForURL(/product\.html\?p=trail-shoes$/);
  assert.equal(await page.locator('h1').textContent(), 'Trail runner 3');
  assert.equal(await page.locator('#product-price').textContent(), '€139.00');
  await earn(page, 'product-points').waitFor();
  assert.match(await earn(page, 'product-points').textContent(), /You'll earn \d+ points/);
  await badgePoints(page);
  const before = await page.locator('#cart-count').textContent();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  assert.equal(Number(await page.locator('#cart-count').textContent()), Number(before) + 1);
  assert.equal(await page.locator('#cart-status').textContent(), 'Trail runner 3 is in your cart.');
  await page.screenshot({ path: path.join(artifactsDir, 'shop-product.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'product page');

  // The cart: the three sample items plus the shoes.
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.waitForURL(/cart\.html$/);
  const rows = await page.locator('#cart-lines tr td:first-child').allTextContents();
  assert.deepEqual(rows, ['Merino running tee', 'Trail socks, 3 pairs', 'Softshell vest', 'Trail runner 3']);
  assert.equal(await page.locator('#cart-total').textContent(), '€291.00');
  await earn(page, 'points-preview').waitFor();
  const withShoes = Number((await earn(page, 'points-preview').textContent()).match(/\d+/)[0]);
  assert.ok(withShoes > 210, `more than the bundle alone: ${withShoes}`);
  // Removing the shoes: the core's preview for the three items is 210.
  await page.getByRole('spinbutton', { name: 'Quantity of Trail runner 3' }).fill('0');
  await page.getByRole('spinbutton', { name: 'Quantity of Trail runner 3' }).press('Enter');
  await page.waitForFunction(() => document.querySelector('#cart-total').textContent === '€152.00');
  await page.waitForFunction(() => /210 points/.test(
    document.querySelector('tessera-points-preview#points-preview').shadowRoot.querySelector('.total')?.textContent));
  await page.screenshot({ path: path.join(artifactsDir, 'shop-cart.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'cart');

  await page.getByRole('link', { name: 'Place order' }).click();
  await page.waitForURL(/thank-you\.html$/);
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  assert.equal(await page.locator('#cart-count').textContent(), '0', 'the order emptied the cart');
  await page.locator('tessera-survey [role="radio"]').nth(10).click();
  await page.locator('tessera-survey button[type="submit"]').click();
  await page.locator('tessera-survey .thanks').waitFor();
  await page.waitForFunction(() => /sent, sealed/.test(document.querySelector('#survey-status').textContent));
  await page.waitForFunction(() =>
    document.querySelector('tessera-badge').shadowRoot.querySelector('.claimed') !== null);
  assert.equal(await page.locator('tessera-badge .claimed').textContent(), '+50 awaiting confirmation');
  await page.screenshot({ path: path.join(artifactsDir, 'shop-thank-you.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'thank-you');
  assert.deepEqual(page.problems, []);
  await page.close();
});
