// Checks that every guard of the exports has a test that fails without it: for each guard of
// src/present/{csv,markdown-text,brat,json}.ts, copies the tree to a temporary folder, reverts that
// one guard there (a character dropped from a regular expression, a replace removed), bundles
// test/unit/present.test.ts against the copy and runs it. A guard whose reversion leaves every test
// passing is listed as a survivor, and the exit status is 1.
//
//   node esbuild.mjs && node out/tools/mutate-exports.js
//
// The working tree is never modified.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

interface Mutation {
  file: string;
  from: string;
  to: string;
  what: string;
}

const mutations: Mutation[] = [];
/** One mutation per character of a character class: that character dropped from it. */
function dropEach(file: string, before: string, chars: string[], after: string, what: (c: string) => string): void {
  for (const c of chars) {
    const rest = [...chars];
    rest.splice(chars.indexOf(c), 1);
    mutations.push({ file, from: before + chars.join('') + after, to: before + rest.join('') + after, what: what(c) });
  }
}

const CSV = 'src/present/csv.ts';
dropEach(CSV, 'const FORMULA_START = /^[', ['=', '+', '\\-', '@', '\\t', '\\r', '\\0'], ']/;', (c) => `csv: a cell starting with ${c} not neutralised`);

const MD = 'src/present/markdown-text.ts';
dropEach(MD, 'const PUNCTUATION = /[', ['\\\\', '`', '*', '_', '~', '[', '\\]', '<', '>', '&', '|', '$', ':'], ']/g;', (c) => `markdown: ${c} not escaped`);
mutations.push({ file: MD, from: ".replace(WWW, '$1\\\\.')", to: '', what: 'markdown: www. not escaped' });
dropEach(MD, 'const LINE_BREAKS = /\\r\\n|[', ['\\r', '\\n', '\\u0085', '\\u2028', '\\u2029'], ']/g;', (c) => `markdown: line break ${c} kept`);
dropEach(MD, '.replace(/^(\\s*)([', ['#', '+', '\\-', '='], "])/, '$1\\\\$2')", (c) => `markdown: ${c} at a line start not escaped`);
mutations.push({ file: MD, from: ".replace(/^(\\s*\\d+)([.)])/, '$1\\\\$2')", to: '', what: 'markdown: an ordered list at a line start not escaped' });

const BRAT = 'src/present/brat.ts';
dropEach(BRAT, 'const LINE_BREAK = /[', ['\\n', '\\r', '\\v', '\\f', '\\x1c', '\\x1d', '\\x1e', '\\u0085', '\\u2028', '\\u2029'], ']/g;', (c) => `brat: ${c} kept inside a record`);

const JSON_TS = 'src/present/json.ts';
dropEach(JSON_TS, 'const UNICODE_LINE_BREAKS = /[', ['\\u0085', '\\u2028', '\\u2029'], ']/g;', (c) => `json: ${c} written raw`);

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const work = mkdtempSync(join(tmpdir(), 'newslens-mutate-'));
try {
  for (const d of ['src', 'test', 'seeds']) cpSync(join(ROOT, d), join(work, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(work, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
  mkdirSync(join(work, 'out', 'test', 'unit'), { recursive: true });
  const esbuild = join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild');
  const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const survivors: string[] = [];
  for (const m of mutations) {
    const original = readFileSync(join(ROOT, m.file), 'utf8');
    const count = original.split(m.from).length - 1;
    if (count !== 1) {
      survivors.push(`${m.what} (the guard's code was not found once in ${m.file}: update this tool)`);
      continue;
    }
    writeFileSync(join(work, m.file), original.replace(m.from, m.to));
    const built = run(esbuild, ['test/unit/present.test.ts', '--bundle', '--platform=node', '--external:mocha', '--outfile=out/test/unit/present.test.js', '--log-level=error'], work);
    if (built.status !== 0) {
      survivors.push(`${m.what} (did not build: ${built.out.trim().split('\n')[0]})`);
    } else {
      const tested = run(process.execPath, [mocha, '--no-config', '--reporter', 'dot', 'out/test/unit/present.test.js'], work);
      const failing = /(\d+) failing/.exec(tested.out)?.[1];
      console.log(`${tested.status !== 0 ? 'caught  ' : 'SURVIVED'}  ${m.what}${failing ? ` (${failing} failing)` : ''}`);
      if (tested.status === 0) survivors.push(m.what);
    }
    writeFileSync(join(work, m.file), original);
  }
  console.log(`${mutations.length} guards reverted one at a time; ${mutations.length - survivors.length} caught by a failing test.`);
  if (survivors.length > 0) {
    console.log(`Not caught:\n  ${survivors.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
