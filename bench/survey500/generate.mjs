// A large survey with chains of visibleIf conditions, calculated values and
// piped titles, written twice: as a Tessera definition and as the equivalent
// SurveyJS JSON, so both engines can be timed on the same work. Also returns
// the answers a respondent gives before the measured change (both engines are
// brought to the same state) and the question the benchmark toggles.
//
//   import { generateChainSurvey } from './generate.mjs';
//   const { tessera, surveyjs, prefill, target } = generateChainSurvey();
//   node bench/survey500/generate.mjs build/bench   # writes the three JSON files
//
// Shape (defaults): 500 questions on 10 pages of 50. Questions come in chains
// of 25: the first of a chain is always visible (or depends on a page total),
// each next one is visible only when the one before is answered or above a
// threshold. Each page has a calculated total of its scale answers and the
// survey a grand total; every fifth title pipes the previous answer or a total.
// Seeded (xorshift32): the same arguments always give the same survey.

export function generateChainSurvey({ seed = 0x5eed500, questions = 500, perPage = 50, chain = 25 } = {}) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

  const kinds = [];  // per question: 'rating' | 'nps' | 'single' | 'yesno' | 'text'
  for (let i = 1; i <= questions; i++) {
    const r = random();
    kinds.push(r < 0.5 ? 'rating' : r < 0.6 ? 'nps' : r < 0.8 ? 'single' : r < 0.9 ? 'yesno' : 'text');
  }
  const pages = Math.ceil(questions / perPage);
  // The benchmark toggles a rating question in the middle of the first
  // chain on the middle page; its successor's visibility follows it.
  const targetIndex = Math.floor(pages / 2) * perPage + Math.floor(chain / 2);  // 0-based
  kinds[targetIndex] = 'rating';
  kinds[targetIndex + 1] = 'rating';

  const id = (i) => `q${i + 1}`;
  const pageOf = (i) => Math.floor(i / perPage);
  const isScale = (k) => k === 'rating' || k === 'nps';

  // Conditions, shared by both outputs (the syntax is the common subset).
  const visibleIf = [];
  for (let i = 0; i < questions; i++) {
    const prev = kinds[i - 1];
    if (i % chain === 0) {
      visibleIf.push(i % perPage !== 0 && pageOf(i) > 0 ? `{page${pageOf(i)}_total} >= 0` : '');
    } else if (i === targetIndex + 1) {
      visibleIf.push(`{${id(i - 1)}} >= 3`);
    } else if (isScale(prev)) {
      visibleIf.push(`{${id(i - 1)}} >= ${prev === 'nps' ? int(0, 4) : int(1, 3)}`);
    } else if (prev === 'single') {
      visibleIf.push(`{${id(i - 1)}} <> 'c4'`);
    } else {
      visibleIf.push(`{${id(i - 1)}} notempty`);
    }
  }
  const calculated = [];
  for (let p = 0; p < pages; p++) {
    const scale = [];
    for (let i = p * perPage; i < Math.min(questions, (p + 1) * perPage); i++) {
      if (isScale(kinds[i])) scale.push(`{${id(i)}}`);
    }
    calculated.push({ name: `page${p + 1}_total`, expression: scale.length ? `sum(${scale.join(', ')})` : '0' });
  }
  calculated.push({
    name: 'grand_total',
    expression: `sum(${calculated.map((c) => `{${c.name}}`).join(', ')})`,
  });
  const titles = [];
  for (let i = 0; i < questions; i++) {
    let title = `Question ${i + 1}: how would you rate part ${i + 1} of your visit?`;
    if (i % 5 === 1 && isScale(kinds[i - 1])) title = `You gave ${'{'}${id(i - 1)}} before. And part ${i + 1}?`;
    else if (i % 5 === 3) title = `Your page total so far is {page${pageOf(i) + 1}_total}. Part ${i + 1}?`;
    titles.push(title);
  }

  const choices = [1, 2, 3, 4].map((n) => ({ value: `c${n}`, text: `Choice ${n}` }));
  const tesseraPages = [];
  const surveyjsPages = [];
  for (let p = 0; p < pages; p++) {
    const tq = [];
    const sq = [];
    for (let i = p * perPage; i < Math.min(questions, (p + 1) * perPage); i++) {
      const t = { id: id(i), type: kinds[i], title: titles[i] };
      const s = { name: id(i), title: titles[i] };
      if (visibleIf[i]) { t.visibleIf = visibleIf[i]; s.visibleIf = visibleIf[i]; }
      switch (kinds[i]) {
        case 'rating': Object.assign(t, { min: 1, max: 5 }); Object.assign(s, { type: 'rating', rateMin: 1, rateMax: 5 }); break;
        case 'nps': Object.assign(s, { type: 'rating', rateMin: 0, rateMax: 10 }); break;
        case 'single': t.choices = choices; Object.assign(s, { type: 'radiogroup', choices }); break;
        case 'yesno': s.type = 'boolean'; break;
        case 'text': s.type = 'text'; break;
      }
      tq.push(t);
      sq.push(s);
    }
    tesseraPages.push({ id: `p${p + 1}`, questions: tq });
    surveyjsPages.push({ name: `p${p + 1}`, elements: sq });
  }
  const tessera = {
    id: 'chain500', version: 1, defaultLocale: 'en', title: 'A long survey',
    pages: tesseraPages, calculatedValues: calculated, thankYou: 'Thank you!',
  };
  const surveyjs = {
    title: 'A long survey', pages: surveyjsPages, calculatedValues: calculated,
    // Tessera's default: answers of questions that become hidden are removed.
    clearInvisibleValues: 'onHidden',
  };

  // Answers that keep every chain visible: whole pages before the target's,
  // then the target's page up to (not including) the target.
  const answerFor = (i) => {
    switch (kinds[i]) {
      case 'rating': return int(3, 5);
      case 'nps': return int(5, 10);
      case 'single': return `c${int(1, 3)}`;
      case 'yesno': return random() < 0.5;
      default: return `answer ${i + 1}`;
    }
  };
  const prefill = [];
  for (let i = 0; i < targetIndex; i++) prefill.push({ page: pageOf(i), id: id(i), value: answerFor(i) });
  return {
    tessera, surveyjs, prefill,
    // Alternating these two values shows and hides the next question.
    target: { id: id(targetIndex), page: pageOf(targetIndex), values: [4, 1] },
  };
}

if (typeof process !== 'undefined' && import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const out = process.argv[2] ?? 'build/bench';
  mkdirSync(out, { recursive: true });
  const g = generateChainSurvey();
  writeFileSync(`${out}/survey500.tessera.json`, JSON.stringify(g.tessera));
  writeFileSync(`${out}/survey500.surveyjs.json`, JSON.stringify(g.surveyjs));
  writeFileSync(`${out}/survey500.plan.json`, JSON.stringify({ prefill: g.prefill, target: g.target }));
  console.log(`wrote ${out}/survey500.{tessera,surveyjs,plan}.json`);
}
