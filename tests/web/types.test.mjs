// The public TypeScript declarations compile, and the type tests in
// web/types/tessera-tests.ts (including each @ts-expect-error) hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('tsc --noEmit -p web/types', () => {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const out = execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'web/types'],
    { cwd: root, encoding: 'utf8' });
  assert.equal(out.trim(), '');
});
