// Type tests for tessera.d.ts: compiles when the API is used as documented;
// each @ts-expect-error line must fail to compile.
import { Tessera, type TesseraEvents, type Placement } from './tessera';
import { Tessera as Runtime, TesseraError } from './tessera-runtime';

void Tessera.init({ configUrl: '/config/site-config.json' });
const off = Tessera.on('complete', (d) => {
  const key: string = d.idempotencyKey;
  const delivered: boolean = d.delivered;
  void key;
  void delivered;
});
off();
Tessera.on('cancelled', (d) => {
  const reason: 'url' | 'sample' | string = d.reason;
  void reason;
});
Tessera.on('shown', (d) => {
  const p: Placement = d.placement;
  void p;
});
Tessera.on('error', (e) => console.log(e.code, e.path));
Tessera.track('checkout', { total: 12 });
Tessera.setAttributes({ plan: 'pro', seats: 3 });
window.Tessera.track('signup');

const detail: TesseraEvents['pending'] = { surveyId: 'nps', delayMs: 3000 };
void detail;

// @ts-expect-error unknown event type
Tessera.on('opened', () => {});
// @ts-expect-error complete has no `score`
Tessera.on('complete', (d) => d.score);
// @ts-expect-error track needs a name
Tessera.track();
// @ts-expect-error placement values are fixed
const bad: Placement = 'middle';
void bad;

// Loyalty events through the loader and the runtime instance.
Tessera.on('points', (d) => {
  const n: number = d.points;
  const before: number | null = d.previous;
  void n;
  void before;
});
Tessera.on('tier', (d) => console.log(d.tier, d.name, d.previous));
Tessera.on('partial', (d) => console.log(d.surveyId));
Tessera.on('dismiss', (d) => console.log(d.surveyId));

async function runtime() {
  const instance = await Runtime.load({ configUrl: '/config/site-config.json', locale: 'de' });
  instance.on('complete', (d) => console.log(d.answers));
  instance.on('tier', (d) => console.log(d.tier));
  // @ts-expect-error `shown` comes from the loader's triggers, not the instance
  instance.on('shown', () => {});
  const { surveys } = instance.info();
  console.log(surveys[0].id);
  const preview = await Runtime.loyalty.preview({
    orderId: 'cart', currency: 'EUR', lines: [{ sku: 'a', qty: 1, unitPriceMinor: 4500 }] });
  console.log(preview.total);
  // @ts-expect-error prices are integers in minor units, named unitPriceMinor
  await Runtime.loyalty.preview({ orderId: 'c', currency: 'EUR', lines: [{ sku: 'a', qty: 1, price: 45 }] });
  await Runtime.personal.record({ type: 'view', categories: ['running-shoes'] });
  const gpc: boolean = Runtime.privacy.globalPrivacyControl;
  void gpc;
  const survey = document.querySelector('tessera-survey');
  survey?.dismiss();
  const err = new TesseraError('storage_full', 'no room');
  console.log(err.toJSON().path);
}
void runtime;
