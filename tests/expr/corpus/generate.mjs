// Builds tests/expr/corpus/surveyjs-corpus.json: expressions with variable
// values and what SurveyJS (survey-core, the npm devDependency) computes for
// them. tests/expr/differential_test.cpp replays every case through Tessera.
//
//   node tests/expr/corpus/generate.mjs      # rewrites the corpus
//
// Hand-written cases cover every operator and function; the rest come from a
// seeded generator, so the file only changes when this script or survey-core
// changes. SurveyJS reads the machine clock and time zone: both are pinned
// here (UTC, NOW_MS) and recorded in the corpus for the C++ side.
process.env.TZ = 'UTC';

import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOW_MS = Date.UTC(2024, 2, 15, 10, 30, 0); // 2024-03-15T10:30:00Z

// survey-core calls `new Date()` for "now": make that the pinned instant.
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length === 0 ? [NOW_MS] : args));
  }
  static now() {
    return NOW_MS;
  }
};

const { ExpressionRunner, ConditionsParser } = await import('survey-core');
const here = dirname(fileURLToPath(import.meta.url));
const surveyCoreVersion = JSON.parse(
  readFileSync(join(here, '../../../node_modules/survey-core/package.json'), 'utf8')).version;

// xorshift32: small, seeded, the same sequence on every Node version.
let seed = 0x7e55e4a;
function random() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

// ---------------------------------------------------------------- hand-written
const V = {
  n: 5, m: -2.5, z: 0, s: 'abc', S: 'ABC', e: '', ns: '5', nz: '05', t: true, f: false,
  nil: null, arr: [1, 2, 3], sarr: ['a', 'b'], marr: ['1', 2, 'x'], empty: [],
  o: { x: 1, y: { z: [10, 20] } }, d: '2024-01-31', d2: '1990-07-15', ms: 1700000000000,
};
const hand = [
  // literals and variables
  '1', '0', '12.5', "'text'", '"text"', "'it\\'s'", '"a\\"b"', 'true', 'false', 'TRUE', '[1, \'a\', true]', '[]',
  '{n}', '{m}', '{s}', '{ns}', '{nz}', '{missing}', '{o.x}', '{o.y.z[1]}', '{o.y.z[5]}', '{arr[0]}', '{o}', '{arr}',
  // arithmetic
  '1 + 2', '7 - 10', '6 * 7', '7 / 2', '7 % 3', '-7 % 3', '2 ^ 10', '2 ^ -1', '2 ^ 0.5', '-2 ^ 2', '2 ^ 3 ^ 2',
  '1 + 2 * 3 - 4 / 2', '(1 + 2) * 3', '10 - 2 - 3', '0.1 + 0.2', '0.1 * 3', '3 - 2.9', '1.005 * 1000', '1 / 3',
  '{n} / 0', '{n} % 0', '0 / 0', '{n} + 1', '{ns} + 1', "'1' + 1", "1 + '1'", "'a' + 'b'", '{s} + {n}', '{nil} + 1',
  '{missing} * 2', "{missing} + 'a'", '{arr} + {sarr}', '{arr} + 1', "{arr} + 'x'", 'true + 1', "'3' * '2'", "'x' * 2",
  '{m} * 2', '{n} power 2', '{e} + 1', '{e} - 1',
  // comparison
  '1 = 1', '1 == 1', '1 != 2', '1 <> 1', '2 > 1', '2 < 1', '2 >= 2', '2 <= 1', '1 equal 1', '1 notequal 2',
  '3 greater 2', '3 less 2', '3 greaterorequal 3', '3 lessorequal 2', "0 == '000'", "1 = '1'", "'a' = 'A'",
  "' a' = 'a '", '1 = true', '0 = false', "true = 'true'", "{t} = 'TRUE'", '[1, 2] = [2, 1]', '{o} = {o}',
  "{missing} = ''", '{missing} = 0', '{missing} = {nil}', "{e} = ''", "'b' > 'a'", "'B' > 'a'", "'10' > '9'",
  '{ns} > 4', "'abc' > 1", 'true > false', '{missing} > 0', '{missing} < 0', '1 < 2 < 3', '3 > 2 > 1',
  '{d} > \'2024-01-01\'', '{n} >= {ns}', "{s} <= 'abd'",
  // logic
  'true and false', 'true && true', 'false or true', 'false || false', '!true', '!0', "!''", '!{missing}',
  'negate true', '1 = 1 or 1 = 2 and 0 = 1', '(1 = 1 or 1 = 2) and 0 = 1', 'true and 1', '0 or 5', "'' or 'x'",
  '{t} and {n} > 3', '{f} or {missing} empty', '! 1 = 2',
  // empty / notempty
  '{missing} empty', '{e} empty', '{empty} empty', '{arr} empty', '{z} empty', '{f} empty', '{o} empty',
  '{missing} notempty', '{s} notempty', '{empty} notempty', '2 + 3 empty',
  // contains and friends
  "{s} contains 'b'", "{S} contains 'b'", "{s} contains 'x'", '{arr} contains 2', '{arr} contains 5',
  "{marr} contains 1", "{marr} contains 'X'", '{arr} contains [1, 3]', '{arr} contains [1, 9]',
  "{s} notcontains 'b'", "{missing} notcontains 'b'", '{arr} notcontains 9', '{empty} contains 1',
  '{empty} notcontains 1', "{missing} contains 'a'", "123 contains 2", "{s} contain 'a'", "{s} notcontain 'a'",
  "{s} *= 'c'", '{arr} anyof [3, 4]', '{arr} anyof [7, 8]', '{n} anyof [5, 6]', "{s} anyof ['abc', 'x']",
  '{arr} allof [1, 2]', '{arr} allof [1, 9]', '{arr} noneof [7]', '{arr} noneof [1]', '{missing} anyof [1]',
  '{missing} anyof []', '{empty} allof [1]', "{sarr} anyof ['B']", '{arr} anyof 2',
  // functions
  'iif(true, 1, 2)', 'iif(0, 1, 2)', "iif({n} > 3, 'big', 'small')", 'iif({missing}, 1, 2)',
  'sum(1, 2, 3)', 'sum({arr})', 'sum({arr}, 4)', 'sum({marr})', 'sum()', 'sum(0.1, 0.2)', 'sum({missing}, 1)',
  'min(3, 1, 2)', 'min({arr})', 'max(3, 1, 2)', "max(1, '5')", 'max({arr}, 10)', 'avg(1, 2)', 'avg({arr})',
  'avg(1, 2, 4)', 'count({arr})', 'count(1, 2, 3)', 'count({arr}, {sarr})',
  'round(2.5)', 'round(-2.5)', 'round(-1.5)', 'round(2.345, 2)', 'round(1.005, 2)', "round('2.5')", 'round({m})',
  'round(1234.5678, 1)', 'trunc(2.7)', 'trunc(-2.7)', 'trunc(2.789, 2)', 'trunc({m})', 'trunc(5)',
  'substring({s}, 1)', 'substring({s}, 0, 2)', 'substring({s}, 2, 0)', 'substring({s}, -1, 10)', 'substring({s}, 5)',
  "substring('hello', 1, 3)", 'substring({missing}, 1)',
  "age('1990-07-15')", 'age({d2})', "age('2000-03-16')", "age('2000-03-15')",
  "dateDiff('2024-01-01', '2024-03-01')", "dateDiff('2024-03-01', '2024-01-01')",
  "dateDiff('2024-01-31', '2024-02-29', 'months')", "dateDiff('2020-02-29', '2024-02-28', 'years')",
  "dateDiff('2024-01-01', '2025-01-01', 'months')", "dateDiff('2024-01-01T00:00:00Z', '2024-01-01T05:30:00Z', 'hours')",
  "dateDiff('2024-01-01T00:00:00Z', '2024-01-01T05:30:00Z', 'minutes')",
  "dateAdd('2024-01-31', 1, 'months')", "dateAdd('2024-02-29', 1, 'years')", "dateAdd('2024-01-01', 10)",
  "dateAdd('2024-01-01', -1, 'days')", "dateAdd({d}, 2, 'hours')", "dateAdd('2023-12-31', 2, 'months')",
  'today()', 'today(1)', 'today(-7)', 'year()', 'month()', 'day()', 'weekday()',
  "year('2024-01-31')", "month('2024-01-31')", "day('2024-01-31')", "weekday('2024-01-31')", 'year({ms})',
  'month({ms})', 'day({ms})', 'weekday({ms})', "today() > '2024-01-01'", "dateAdd(today(), 1) = today(1)",
  // precedence and mixtures
  '{n} > 3 and {s} = \'abc\' or {f}', 'not {f}', "{n} * 2 + 1 > 10", "iif({arr} contains 2, sum({arr}), 0) * 2",
  "{o.y.z[0]} + {o.x} = 11", "count({arr}) > 2 and {s} notempty",
];

// ---------------------------------------------------------------- generated
// Typed the way real conditions are (numbers compared with numbers, text
// with text, choices against lists), with a share of missing answers,
// numeric text and nulls: the common subset, not JavaScript coercion trivia.
const numbers = [0, 1, 2, 3, 5, 7, 10, 12, 100, 0.5, 1.5, 2.25, 0.1, 0.2, 0.3, 3.14, 1000, 99, -4, -0.5];
const words = ['a', 'abc', 'ABC', 'b', '', 'yes', 'no', 'Yes', 'hello world', 'x'];
const choices = ['red', 'green', 'blue', 1, 2, 3];
function answerNumber() {
  if (chance(0.1)) return null;
  if (chance(0.2)) return String(pick(numbers));
  return pick(numbers);
}
function answerValues() {
  const v = {};
  for (const name of ['a', 'b', 'c']) if (chance(0.9)) v[name] = answerNumber();
  for (const name of ['s', 't']) if (chance(0.9)) v[name] = chance(0.1) ? null : pick(words);
  if (chance(0.9)) {
    const n = Math.floor(random() * 4);
    v.x = Array.from({ length: n }, () => pick(choices));
  }
  if (chance(0.9)) v.d = pick(['2024-02-29', '2023-01-31', '1999-12-31', '2024-03-15', '1985-06-01', '2024-03-16']);
  if (chance(0.9)) v.ok = chance(0.5);
  return v;
}
const numLiteral = () => String(pick(numbers.filter((n) => n >= 0)));
const strLiteral = () => `'${pick(words)}'`;
const listLiteral = () => `[${Array.from({ length: 1 + Math.floor(random() * 3) },
  () => { const c = pick(choices); return typeof c === 'string' ? `'${c}'` : String(c); }).join(', ')}]`;
function num(depth) {
  const leaf = () => (chance(0.6) ? `{${pick(['a', 'b', 'c'])}}` : numLiteral());
  if (depth <= 0 || chance(0.3)) return leaf();
  const n = () => num(depth - 1);
  switch (Math.floor(random() * 9)) {
    case 0: case 1: case 2: return `${n()} ${pick(['+', '-', '*', '/', '%'])} ${n()}`;
    case 3: return `(${n()} ${pick(['+', '-', '*'])} ${n()})`;
    case 4: return `${pick(['sum', 'min', 'max', 'avg'])}(${n()}, ${n()}${chance(0.4) ? ', ' + n() : ''})`;
    case 5: return `${pick(['round', 'trunc'])}(${n()}${chance(0.5) ? ', ' + pick(['1', '2']) : ''})`;
    case 6: return `iif(${cond(depth - 1)}, ${n()}, ${n()})`;
    case 7: return pick(['count({x})', 'sum({x})', 'max({x})', `${pick(['year', 'month', 'day', 'weekday'])}({d})`,
      `dateDiff({d}, '2024-03-15'${chance(0.5) ? ", '" + pick(['days', 'months', 'years']) + "'" : ''})`, 'age({d})']);
    default: return `${n()} ^ ${pick(['2', '3', '0'])}`;
  }
}
function text(depth) {
  if (depth <= 0 || chance(0.5)) return chance(0.6) ? `{${pick(['s', 't'])}}` : strLiteral();
  switch (Math.floor(random() * 3)) {
    case 0: return `substring(${text(depth - 1)}, ${pick(['0', '1', '2'])}${chance(0.5) ? ', ' + pick(['1', '3']) : ''})`;
    case 1: return `${text(depth - 1)} + ${text(depth - 1)}`;
    default: return `iif(${cond(depth - 1)}, ${text(depth - 1)}, ${text(depth - 1)})`;
  }
}
function cond(depth) {
  const c = () => cond(depth - 1);
  switch (Math.floor(random() * (depth <= 0 ? 6 : 9))) {
    case 0: case 1: return `${num(depth)} ${pick(['=', '!=', '<', '<=', '>', '>=', '==', '<>'])} ${num(depth)}`;
    case 2: return `${text(depth)} ${pick(['=', '!=', 'contains', 'notcontains', '<', '>'])} ${text(depth)}`;
    case 3: return `{${pick(['a', 's', 'x', 'd', 'ok'])}} ${pick(['empty', 'notempty'])}`;
    case 4: return `{x} ${pick(['contains', 'notcontains', 'anyof', 'allof', 'noneof'])} ${chance(0.5) ? listLiteral() : `'${pick(choices)}'`}`;
    case 5: return pick(['{ok}', '{ok} = true', "{d} > '2000-01-01'", `{${pick(['s', 'a'])}} anyof ${listLiteral()}`,
      `dateAdd({d}, ${pick(['1', '-1', '12'])}, '${pick(['days', 'months', 'years'])}') > {d}`]);
    case 6: return `${c()} ${pick(['and', 'or', '&&', '||'])} ${c()}`;
    case 7: return `!(${c()})`;
    default: return `(${c()}) ${pick(['and', 'or'])} ${c()}`;
  }
}
const expr = (depth) => (chance(0.6) ? cond(depth) : chance(0.7) ? num(depth) : text(depth));

function expected(expression, values) {
  const result = new ExpressionRunner(expression).runValues(values);
  // JSON as SurveyJS would store it: Date -> ISO text, NaN/undefined -> null.
  const json = JSON.stringify({ v: result });
  return json === '{}' ? null : JSON.parse(json).v ?? null;
}

const cases = [];
let thrown = 0;
function add(expression, values) {
  if (!new ConditionsParser().parseExpression(expression)) {
    cases.push({ expression, values, expected: null, surveyjs_parse_error: true });
    return;
  }
  try {
    cases.push({ expression, values, expected: expected(expression, values) });
  } catch {
    thrown++; // a SurveyJS crash is not something to agree with
  }
}

const silence = console.warn;
console.warn = () => {};
console.error = () => {};
for (const e of hand) add(e, V);
for (let i = 0; i < 3000; i++) {
  add(expr(1 + Math.floor(random() * 2)), answerValues());
}
console.warn = silence;

const out = join(here, 'surveyjs-corpus.json');
const lines = cases.map((c) => '  ' + JSON.stringify(c));
writeFileSync(out, `{"survey_core": ${JSON.stringify(surveyCoreVersion)}, "now_ms": ${NOW_MS}, ` +
  `"utc_offset_minutes": 0, "hand_written": ${hand.length},\n "cases": [\n${lines.join(',\n')}\n]}\n`);
console.log(`${cases.length} cases (${hand.length} hand-written), ${thrown} skipped (SurveyJS threw) -> ${out}`);
