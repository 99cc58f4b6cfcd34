// Where the bytes of the wasm module go: reads a module linked with
// --profiling-funcs (function names kept, code otherwise identical), sizes
// every function body, and groups them by origin: each src/ module (with the
// std:: and nlohmann template instances made for its types), nlohmann_json,
// libc++, libc (printf, strtod), libsodium, the allocator, the bindings.
//
//   cmake --build build/wasm --target tessera_wasm_profile
//   node bench/wasm-size.mjs [build/wasm/profile/tessera-core.wasm] [--top N]
//
// Prints Markdown tables (sections, origins, largest functions) for
// docs/benchmarks.md. Byte counts are raw (uncompressed) bytes of code.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
const file = args[0] ?? path.join(repoRoot, 'build/wasm/profile/tessera-core.wasm');
const bytes = fs.readFileSync(file);

function leb(at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

const sectionNames = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global',
  'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
const bodies = [];
const names = new Map();
let importedFunctions = 0;
for (let at = 8; at < bytes.length;) {
  const id = bytes[at];
  const [size, start] = leb(at + 1);
  const end = start + size;
  let name = sectionNames[id] ?? `section ${id}`;
  if (id === 0) {
    const [length, p] = leb(start);
    name = `custom "${bytes.toString('utf8', p, p + length)}"`;
    if (name === 'custom "name"') {
      for (let q = p + length; q < end;) {
        const sub = bytes[q];
        const [subSize, subStart] = leb(q + 1);
        if (sub === 1) {
          let [count, r] = leb(subStart);
          while (count-- > 0) {
            let index, n;
            [index, r] = leb(r);
            [n, r] = leb(r);
            names.set(index, bytes.toString('utf8', r, r + n));
            r += n;
          }
        }
        q = subStart + subSize;
      }
    }
  } else if (id === 2) {
    let [count, p] = leb(start);
    while (count-- > 0) {
      let n;
      [n, p] = leb(p);
      p += n;
      [n, p] = leb(p);
      p += n;
      const kind = bytes[p++];
      if (kind === 0) {
        importedFunctions++;
        [, p] = leb(p);
      } else if (kind === 1) {
        p++;
        const [flags, q] = leb(p);
        [, p] = leb(q);
        if (flags & 1) [, p] = leb(p);
      } else if (kind === 2) {
        const [flags, q] = leb(p);
        [, p] = leb(q);
        if (flags & 1) [, p] = leb(p);
      } else {
        p += 2;
      }
    }
  } else if (id === 10) {
    let [count, p] = leb(start);
    while (count-- > 0) {
      const [n, q] = leb(p);
      bodies.push({ index: importedFunctions + bodies.length, size: q - p + n });
      p = q + n;
    }
  }
  sections.push({ name, size });
  at = end;
}

// Template arguments removed, so that "where is this function" is readable.
function bare(name) {
  let s = name;
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(/<[^<>]*>/g, '');
  }
  return s.replace(/\(anonymous namespace\)/g, 'anon');
}

const sodium = /^(crypto_|sodium_|blake2b|ge25519|fe25519|sc25519|SHA512|be64|be32|load_|load64|load32|store64|store32|slide|poly1305|stream_ref|chacha|salsa|hsalsa|randombytes|b64_|_crypto|_sodium|rotl|rotr)/;
const printf = /^(printf_core|fmt_fp|fmt_[oux]|pop_arg|pop_arg_long_double|out|pad|getint|v?s?n?i?printf|vf?i?printf|sn_write|frexpl?|wctomb|wcrtomb|__towrite|__fwritex|fwrite|__stdio_write|__lockfile|__unlockfile|vsniprintf|vsiprintf|siprintf|snprintf|vsnprintf|sprintf)$/;
const strtod = /^(decfloat|hexfloat|scanexp|__floatscan|__shgetc|__shlim|strto[dfl]|strtold|strtox(\.\d+)?|strtoull?|strtoll|__intscan|__uflow|__toread|copysignl|scalbnl|fmodl|__(add|sub|mul|div)tf3|__(eq|ne|lt|le|gt|ge|unord)tf2|__extend\w*tf2|__trunctf\w*|__float\w*tf|__fix\w*tf\w*|__ashlti3|__lshrti3|__multi3)$/;
const libm = /^(pow|exp|exp2|log|log2|log10|log1p|expm1|sqrt|fabs|floor|ceil|round|lround|llround|trunc|fmod|modf|scalbn|ldexp|frexp|sin|cos|tan|atan|atan2|cbrt|hypot|__math_\w+|__rem_pio2\w*|__sin|__cos|__tan)$/;
const alloc = /(emmalloc|malloc|free|realloc|calloc|sbrk|memalign|region|free_list|claim_more_memory|allocate_memory|initialize_emmalloc_heap)/;
const modules = ['engine', 'loyalty', 'survey', 'expr', 'personal', 'trigger', 'privacy', 'score',
  'crypto'];

function origin(name) {
  const b = bare(name);
  const head = b.split('(')[0].trim().split(' ').pop();
  if (/^emscripten::|embind|_embind/.test(name)) return 'Embind';
  if (head.startsWith('anon::') && !name.includes('tessera::')) return 'wasm bindings';
  if (/^(tessera_|anon::)/.test(head)) return 'wasm bindings';
  if (head.startsWith('tessera::') || head.startsWith('std::') || name.includes('byn$mgfn') ||
      head.startsWith('decltype') || name.startsWith('decltype')) {
    const m = head.match(/^tessera::(\w+)::/);
    if (m) return modules.includes(m[1]) ? `src/${m[1]}` : 'src/common';
    if (head.startsWith('tessera::')) return 'src/common';
    const used = [...name.matchAll(/tessera::(\w+)::/g)].map((x) => x[1]);
    const mod = used.find((x) => modules.includes(x));
    if (mod) return `src/${mod}`;
    if (name.includes('tessera::')) return 'src/common';
    if (name.includes('nlohmann')) return 'nlohmann_json (values, containers)';
    if (head.startsWith('std::') || name.includes('std::')) return 'libc++ (strings, containers)';
  }
  if (head.startsWith('nlohmann::')) {
    if (/::(serializer|dtoa_impl)/.test(head)) return 'nlohmann_json (dump)';
    if (/::(lexer|parser|json_sax|input_adapter|iterator_input_adapter|exception|parse_error)/.test(head)) {
      return 'nlohmann_json (parse)';
    }
    return 'nlohmann_json (values, containers)';
  }
  if (printf.test(name)) return 'libc printf';
  if (strtod.test(name)) return 'libc strtod + 128-bit float emulation';
  if (libm.test(name)) return 'libm';
  if (sodium.test(name)) return 'libsodium';
  if (alloc.test(name)) return 'emmalloc';
  return 'libc, libc++abi, runtime';
}

const total = bodies.reduce((s, f) => s + f.size, 0);
const groups = new Map();
for (const f of bodies) {
  f.name = names.get(f.index) ?? `function ${f.index}`;
  const g = origin(f.name);
  const entry = groups.get(g) ?? { size: 0, count: 0 };
  entry.size += f.size;
  entry.count++;
  groups.set(g, entry);
}

const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
console.log(`Module ${path.relative(repoRoot, file)}: ${bytes.length} bytes with names; ` +
  `${bodies.length} functions, ${total} bytes of code.\n`);
console.log('| section | bytes |\n|---|---:|');
for (const s of sections) console.log(`| ${s.name} | ${s.size} |`);
console.log('\n| origin | functions | code bytes | share |\n|---|---:|---:|---:|');
for (const [g, e] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`| ${g} | ${e.count} | ${e.size} | ${pct(e.size)} |`);
}
console.log(`\n| largest functions | code bytes |\n|---|---:|`);
for (const f of [...bodies].sort((a, b) => b.size - a.size).slice(0, top)) {
  const label = bare(f.name).replace(/\|/g, '\\|').slice(0, 110);
  console.log(`| \`${label}\` | ${f.size} |`);
}
const stripped = zlib.gzipSync(bytes, { level: 9 }).length;
console.log(`\n(gzip -9 of this file with its name section: ${stripped} bytes)`);
