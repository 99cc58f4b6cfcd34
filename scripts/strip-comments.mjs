// Drops whole-line comments (// and /** ... */ blocks) and blank lines from
// a JS file, leaving every line of code as written: what scripts/build.sh
// ships as the one-snippet loader, whose budget is 2 KB gzip while its
// source stays commented. Lines that mix code and a comment are kept whole.
//
//   node scripts/strip-comments.mjs web/src/loader.js > build/dist/tessera/loader.js
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function stripComments(text) {
  const out = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (inBlock) {
      if (t.includes('*/')) inBlock = false;
      continue;
    }
    if (t.startsWith('/*')) {
      if (!t.includes('*/')) inBlock = true;
      continue;
    }
    if (t === '' || t.startsWith('//')) continue;
    out.push(line);
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file] = process.argv.slice(2);
  process.stdout.write(`// Tessera loader (web/src/loader.js without its comments)\n${stripComments(fs.readFileSync(file, 'utf8'))}`);
}
