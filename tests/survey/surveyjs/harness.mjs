// Runs the scripted SurveyJS scenarios of this folder through two drivers
// with one interface: SurveyJS itself (survey-core's Model, the npm
// devDependency) and Tessera (the wasm engine, after survey.importSurveyJS).
// Each step's expectations must hold for both, so the expectations written
// in the scenario files are checked against what SurveyJS really does, and
// Tessera must do the same. tests/survey/surveyjs_test.cpp runs the Tessera
// half natively.
//
// Scenario: {"surveyjs": {...}, "steps": [...]} or {"surveyjs", "expectError":
// {"code", "paths": [...]}}. Steps (names and values as SurveyJS has them):
//   {"answer": {name: value, "<name>-Comment": text}}
//   {"expect": {"page", "visible": [names], "choices": {name: [values]},
//               "disabled": [names], "required": [names], "calculated": {name: value}}}
//   {"next": "<page name>" | "complete" | "blocked", "recorded": [names]}
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const scenarioDir = path.dirname(fileURLToPath(import.meta.url));

// A scenario may reuse another's survey: {"surveyjs": {"$ref": "other.json"}}.
export function scenarios() {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(scenarioDir, f), 'utf8'));
  return fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const s = { file: f, ...read(f) };
    if (s.surveyjs?.$ref) s.surveyjs = read(s.surveyjs.$ref).surveyjs;
    return s;
  });
}

const special = new Set(['other', 'none']);
// Regular choices in order, then the special items as a set: SurveyJS puts
// "none" before "other", Tessera "other" before "none"; both keep them last.
function normalizeChoices(values) {
  const list = values.map(String);
  return [...list.filter((v) => !special.has(v)), ...list.filter((v) => special.has(v)).sort()];
}

/** SurveyJS as the reference. */
export class SurveyJsDriver {
  constructor(Model, json) {
    this.survey = new Model(json);
    this.entered = this.survey.currentPage?.name;
    this.calculatedNames = new Set((json.calculatedValues ?? []).map((c) => c.name));
    // Expression questions are calculated values in Tessera (record.calculated).
    this.expressionNames = new Set(this.survey.getAllQuestions()
      .filter((q) => q.getType() === 'expression').map((q) => q.name));
  }

  page() { return this.survey.state === 'completed' ? 'complete' : this.survey.currentPage.name; }

  visibleQuestions() {
    return this.survey.currentPage.questions.filter((q) => q.isVisible && q.isParentVisible &&
      !['html', 'expression'].includes(q.getType()));
  }

  visible() { return this.visibleQuestions().map((q) => q.name); }
  choices(name) {
    const q = this.survey.getQuestionByName(name);
    const list = q.getType() === 'matrix' ? q.visibleRows.map((r) => r.name) : q.visibleChoices.map((c) => c.value);
    return normalizeChoices(list);
  }
  disabled() { return this.visibleQuestions().filter((q) => q.isReadOnly).map((q) => q.name); }
  required() { return this.visibleQuestions().filter((q) => q.isRequired).map((q) => q.name); }

  calculated(name) {
    return this.calculatedNames.has(name) ? this.survey.getVariable(name) : this.survey.getValue(name);
  }

  answer(values) {
    for (const [name, value] of Object.entries(values)) {
      if (name.endsWith('-Comment')) this.survey.setComment(name.slice(0, -8), value);
      else this.survey.setValue(name, value);
    }
  }

  next() {
    // A skip trigger moves SurveyJS as soon as the answer is given; Tessera
    // takes the same jump when the page is left. Either way the step ends
    // on the target page.
    if (this.survey.currentPage.name !== this.entered) {
      this.entered = this.survey.currentPage.name;
      return this.entered;
    }
    const moved = this.survey.isLastPage ? this.survey.completeLastPage() : this.survey.nextPage();
    if (!moved) return 'blocked';
    this.entered = this.page();
    return this.entered;
  }

  recorded(ignore) {
    return Object.keys(this.survey.data)
      .filter((k) => !ignore.has(k) && !this.calculatedNames.has(k) && !this.expressionNames.has(k)).sort();
  }
}

/** Maps SurveyJS names and values to the Tessera ids the importer chose. */
export class NameMap {
  constructor(imported) {
    this.definition = imported.definition;
    this.questions = imported.renamed.questions ?? {};
    this.values = imported.renamed.values ?? {};
    this.pages = imported.renamed.pages ?? {};
    this.byId = new Map();
    for (const p of this.definition.pages) for (const q of p.questions) this.byId.set(q.id, q);
    this.nameOf = new Map();
    for (const [name, id] of Object.entries(this.questions)) this.nameOf.set(id, name);
    this.pageNameOf = new Map(Object.entries(this.pages).map(([n, id]) => [id, n]));
  }

  id(name) {
    if (name.endsWith('-Comment')) {
      const base = this.id(name.slice(0, -8));
      const q = this.byId.get(base);
      return q?.hasOther ? `${base}-other` : `${base}-Comment`;
    }
    return this.questions[name] ?? name;
  }

  name(id) {
    if (id.endsWith('-other')) return `${this.name(id.slice(0, -6))}-Comment`;
    return this.nameOf.get(id) ?? id;
  }

  pageName(id) { return this.pageNameOf.get(id) ?? id; }

  value(name, v) {
    const id = this.id(name);
    const q = this.byId.get(id);
    const renamed = this.values[id] ?? {};
    const one = (x) => renamed[String(x)] ?? String(x);
    if (!q) return v;
    switch (q.type) {
      case 'single': case 'dropdown': return one(v);
      case 'multi': case 'ranking': return v.map(one);
      case 'matrix': return Object.fromEntries(Object.entries(v).map(([r, c]) => [one(r), one(c)]));
      default: return v;
    }
  }

  // A Tessera choice value back to SurveyJS terms (for comparisons).
  valueName(id, value) {
    const renamed = this.values[id] ?? {};
    const back = Object.entries(renamed).find(([, to]) => to === value);
    return back ? back[0] : value;
  }
}

/** Tessera through the engine's JSON calls (wasm in Node, or any `call`). */
export class TesseraDriver {
  constructor(call, imported, surveyId) {
    this.call = call;
    this.map = new NameMap(imported);
    this.comments = new Set();
    for (const p of imported.definition.pages) {
      for (const q of p.questions) if (q.id.endsWith('-Comment')) this.comments.add(q.id);
    }
    const started = call('survey.start', { surveyId, startedAt: 1700000000000, entropy: '00112233445566778899aabbccddeeff' });
    this.session = started.sessionId;
    this.view = started.view;
  }

  page() { return this.view.state === 'completed' ? 'complete' : this.map.pageName(this.view.page.id); }

  visibleQuestions() {
    return this.view.questions.filter((q) => q.type !== 'statement' && !this.comments.has(q.id));
  }

  visible() { return this.visibleQuestions().map((q) => this.map.name(q.id)); }

  choices(name) {
    const id = this.map.id(name);
    const q = this.view.questions.find((x) => x.id === id);
    if (!q) return null;
    return normalizeChoices((q.choices ?? q.items ?? q.rows).map((c) => this.map.valueName(id, c.value)));
  }

  disabled() { return this.visibleQuestions().filter((q) => !q.enabled).map((q) => this.map.name(q.id)); }
  required() { return this.visibleQuestions().filter((q) => q.required).map((q) => this.map.name(q.id)); }

  calculated(name) {
    return this.call('survey.values', { sessionId: this.session }).calculated[this.map.id(name)];
  }

  answer(values) {
    for (const [name, value] of Object.entries(values)) {
      const out = this.call('survey.answer', { sessionId: this.session, questionId: this.map.id(name), value: this.map.value(name, value) });
      if (!out.accepted) throw new Error(`Tessera refused ${name} = ${JSON.stringify(value)}`);
      this.view = out.view;
    }
  }

  next() {
    if (this.view.nav.isLast) {
      const out = this.call('survey.complete', { sessionId: this.session, completedAt: 1700000060000, entropy: '00'.repeat(32) });
      this.view = out.view;
      if (!out.completed) return 'blocked';
      this.record = out.record;
      return 'complete';
    }
    const out = this.call('survey.next', { sessionId: this.session });
    this.view = out.view;
    return out.moved ? this.page() : 'blocked';
  }

  recorded() {
    return Object.keys(this.record.answers).map((id) => this.map.name(id)).sort();
  }
}

const sorted = (a) => [...a].sort();

/** Runs a scenario's steps on a driver; `check(actual, expected, label)` asserts. */
export function runSteps(driver, scenario, check) {
  scenario.steps.forEach((step, i) => {
    const at = `${scenario.file} step ${i + 1}`;
    if (step.answer) driver.answer(step.answer);
    if (step.next) {
      check(driver.next(), step.next, `${at}: next`);
      if (step.recorded) check(sorted(driver.recorded(new Set())), sorted(step.recorded), `${at}: recorded answers`);
    }
    const e = step.expect;
    if (!e) return;
    if (e.page) check(driver.page(), e.page, `${at}: page`);
    if (e.visible) check(driver.visible(), e.visible, `${at}: visible questions`);
    for (const [name, values] of Object.entries(e.choices ?? {})) {
      check(driver.choices(name), normalizeChoices(values), `${at}: choices of ${name}`);
    }
    if (e.disabled) check(driver.disabled(), e.disabled, `${at}: disabled questions`);
    if (e.required) check(driver.required(), e.required, `${at}: required questions`);
    for (const [name, value] of Object.entries(e.calculated ?? {})) {
      check(driver.calculated(name), value, `${at}: calculated ${name}`);
    }
  });
}
