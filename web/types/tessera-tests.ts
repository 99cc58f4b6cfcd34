// Type tests for tessera.d.ts: compiles when the API is used as documented;
// each @ts-expect-error line must fail to compile.
import { Tessera, type TesseraEvents, type Placement, type TesseraModule } from './tessera';

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

// The module API: SurveyJS import and scoring.
declare const mod: TesseraModule;
void mod.surveys.fromSurveyJS({ pages: [] }, { id: 'imported' }).then((r) => {
  const first: string = r.definition.pages[0].questions[0].type;
  const renamed: string | undefined = r.renamed.questions['Favourite Colour'];
  const ignored: string[] = r.ignored;
  void first;
  void renamed;
  void ignored;
});
void mod.score.summarize({ surveyId: 'nps', records: [], by: 'variant' })
  .then((s) => mod.score.merge([s, s]));
Tessera.on('complete', (d) => {
  const points: number | undefined = d.goodwill?.points;
  void points;
});
// @ts-expect-error split by week is not offered
void mod.score.summarize({ surveyId: 'nps', records: [], by: 'week' });
// @ts-expect-error fromSurveyJS needs the survey
void mod.surveys.fromSurveyJS();
