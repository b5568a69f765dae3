// `annotate --jobs N` against `--jobs 1` with everything on: every format, to stdout and to --out,
// hand corrections applied from sidecars (one placed, one that cannot be placed, one malformed
// sidecar), bad files among the good ones, and `annotate -` JSON Lines. Worker threads do the
// whole of an article (read, analyse, correct, render: src/cli/render.ts) and post back strings;
// the bytes must not change. Build first: `node esbuild.mjs` (the workers run dist/cli.js). Every
// article below is made up.

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze, type Analysis } from '../../src/core';
import { emptySidecar, makeAnchor, newCorrection, quoteAnchor, serializeSidecar } from '../../src/core/corrections';
import { runJob, type RenderOptions } from '../../src/cli/render';
import { WorkerPool } from '../../src/cli/pool';
import { formatJson } from '../../src/present/json';
import { article, CLI, cli, ROOT, type Run } from './cli-run';

/** Every file under `dir` (relative path → content). */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** The article with corrections: a speaker correction names someone the article names. */
const A03 = article(3) + '\nMark Diaz, a councillor, watched from the gallery.\n';

describe('--jobs N gives the bytes of --jobs 1: every format, corrections on, --out, annotate -', function () {
  this.timeout(300000);
  let dir = '';
  let folder = '';
  let corrected = '';
  let broken = '';
  let goneId = '';

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`node esbuild.mjs\` first`);
    dir = mkdtempSync(join(tmpdir(), 'newslens-jobs-'));
    folder = join(dir, 'in');
    mkdirSync(folder);
    for (let n = 0; n < 12; n++) writeFileSync(join(folder, `a${String(n).padStart(2, '0')}.txt`), n === 3 ? A03 : article(n));
    writeFileSync(join(folder, 'a05b.txt'), Buffer.from([0x41, 0x00, 0x42])); // binary, among the good ones
    // a03: its second quote given to Mark Diaz, and a correction whose words are not in the text.
    corrected = join(folder, 'a03.txt');
    const text = A03;
    const quote = analyze(text).quotes.find((q) => text.slice(q.content[0]!.start, q.content[0]!.end).includes('We cannot wait another year'));
    assert.ok(quote, 'the analyzer finds the quote to correct');
    const speaker = newCorrection({ op: 'speaker', quote: quoteAnchor(text, quote), speaker: { name: 'Mark Diaz', type: 'person' } }, new Date('2026-11-28T10:00:00Z'));
    const elsewhere = 'Residents said the bridge "is a disgrace" on Tuesday.';
    const gone = newCorrection({ op: 'confirm', quote: makeAnchor(elsewhere, 27, 40), speaker: null }, new Date('2026-11-28T10:00:01Z'));
    goneId = gone.id;
    writeFileSync(`${corrected}.newslens.json`, serializeSidecar({ ...emptySidecar(), corrections: [speaker, gone] }));
    // a08: a sidecar that is not JSON fails that article only.
    broken = join(folder, 'a08.txt');
    writeFileSync(`${broken}.newslens.json`, '{ not json');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The stderr lines every run gives, in folder order (worked out from the inputs above). */
  const expectedStderr = (): string[] => [
    `newslens: ${corrected}: correction ${goneId} could not be placed in the current text (kept in ${corrected}.newslens.json): quote “is a disgrace” at 27 confirmed`,
    `newslens: ${join(folder, 'a05b.txt')}: `,
    `newslens: ${broken}: ${broken}.newslens.json`,
    'newslens: 2 of 13 files could not be annotated; the others were written',
  ];

  const checkStderr = (stderr: string): void => {
    const lines = stderr.trimEnd().split('\n');
    const expected = expectedStderr();
    assert.equal(lines.length, expected.length, stderr);
    expected.forEach((start, k) => assert.ok(lines[k]!.startsWith(start), `stderr line ${k + 1}: ${lines[k]}\nexpected to start with ${start}`));
    assert.match(lines[2]!, /--no-corrections annotates without it\)$/);
  };

  for (const format of ['json', 'jsonl', 'csv', 'markdown', 'brat', 'terminal']) {
    it(`--format ${format} to stdout: --jobs 3 writes what --jobs 1 writes, corrections applied`, () => {
      const one = cli(['annotate', '--format', format, '--jobs', '1', folder]);
      const three = cli(['annotate', '--format', format, '--jobs', '3', folder]);
      assert.equal(one.status, 1, one.stderr);
      checkStderr(one.stderr);
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
      assert.equal(three.status, 1);
      // The correction is in the output: the quote is Mark Diaz's (NewsLens alone gives it to Berg).
      if (format === 'terminal') assert.ok(one.stdout.includes(`1 correction applied from ${corrected}.newslens.json, 1 could not be placed (listed on stderr)`));
      if (format === 'json') {
        // Several files: one array, the bytes formatJson gives for the whole array.
        const items = JSON.parse(one.stdout) as Analysis[];
        assert.equal(items.length, 11);
        assert.equal(formatJson(items as unknown as Analysis), one.stdout);
        const a03 = items.find((a) => a.file === corrected)!;
        const q = a03.quotes.find((x) => A03.slice(x.content[0]!.start, x.content[0]!.end).includes('We cannot wait another year'))!;
        assert.equal(a03.entities.find((e) => e.id === q.speaker)?.name, 'Mark Diaz');
      }
      if (format === 'markdown' || format === 'terminal') {
        // One blank line between two reports (each ends with a newline): 11 reports, 10 blank lines.
        const head = format === 'markdown' ? '# Sources: ' : '== ';
        assert.ok(one.stdout.startsWith(head));
        assert.equal(one.stdout.split(`\n\n${head}`).length, 11);
      }
      if (format === 'csv') {
        const rows = one.stdout.split('\r\n');
        assert.equal(rows.filter((l) => l.startsWith('file,')).length, 1, 'one header');
        const row = rows.find((l) => l.startsWith(`${corrected},`) && l.includes('We cannot wait another year'));
        assert.ok(row?.includes(',Mark Diaz,'), row);
      }
    });
  }

  for (const format of ['json', 'jsonl', 'csv', 'markdown', 'brat']) {
    it(`--format ${format} --out: --jobs 2 writes the same files as --jobs 1`, () => {
      const runs = ['1', '2'].map((jobs) => {
        const out = join(dir, `out-${format}-${jobs}`);
        const r = cli(['annotate', '--format', format, '--jobs', jobs, '--out', out, folder]);
        return { r, files: tree(out) };
      });
      const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
      assert.equal(one.r.status, 1);
      checkStderr(one.r.stderr);
      assert.equal(two.r.stderr, one.r.stderr);
      assert.equal(two.r.status, 1);
      assert.equal(one.r.stdout, '');
      const ext = { json: 'json', jsonl: 'jsonl', csv: 'csv', markdown: 'md', brat: 'ann' }[format]!;
      // 12 good articles, a08 failed by its sidecar: 11 outputs (plus .txt copies and annotation.conf for brat).
      assert.equal([...one.files.keys()].filter((n) => n.endsWith(`.${ext}`)).length, 11, [...one.files.keys()].join(' '));
      assert.ok(!one.files.has(`a08.${ext}`));
      if (format === 'brat') assert.ok(one.files.has('annotation.conf'));
      assert.deepEqual([...two.files.keys()], [...one.files.keys()]);
      for (const [name, content] of one.files) assert.equal(two.files.get(name), content, name);
      if (format === 'json' || format === 'jsonl') {
        const a03 = JSON.parse(one.files.get(`a03.${ext}`)!) as Analysis;
        const q = a03.quotes.find((x) => A03.slice(x.content[0]!.start, x.content[0]!.end).includes('We cannot wait another year'))!;
        assert.equal(a03.entities.find((e) => e.id === q.speaker)?.name, 'Mark Diaz');
      }
    });
  }

  it('annotate -: JSON Lines through 2 workers are those of 1 job, and each analysis is analyze(text)', () => {
    const texts = [article(1), article(2) + 'A line\u2028separator said nobody.\n', article(4)];
    const input = [
      JSON.stringify({ id: 'x', text: texts[0] }),
      'not json',
      JSON.stringify({ id: 2, text: texts[1] }),
      JSON.stringify({ id: { doc: 3 }, text: texts[2] }),
    ].join('\n') + '\n';
    const one = cli(['annotate', '--jobs', '1', '-'], input);
    const two = cli(['annotate', '--jobs', '2', '-'], input);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
    assert.equal(two.status, 1);
    const lines = one.stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines, [
      `{"id":"x","analysis":${JSON.stringify(analyze(texts[0]!))}}`,
      `{"id":null,"line":2,"error":${JSON.stringify(one.stderr.split('\n')[0]!.replace('newslens: stdin line 2: ', ''))}}`,
      `{"id":2,"analysis":${JSON.stringify(analyze(texts[1]!))}}`,
      `{"id":{"doc":3},"analysis":${JSON.stringify(analyze(texts[2]!))}}`,
    ]);
  });

  it('a worker on every CPU: the command starts again once with single-threaded GC, same bytes, exit status and stdin', () => {
    // Each Node process of the run (its main thread) writes its options to `record` (a preload, as npm run bench does).
    const record = join(dir, 'processes.jsonl');
    const preload = join(dir, 'record.js');
    writeFileSync(preload, "if (require('worker_threads').isMainThread) require('fs').appendFileSync(process.env.NEWSLENS_TEST_RECORD, JSON.stringify(process.execArgv.filter((a) => a.startsWith('--single'))) + '\\n');\n");
    const run = (args: string[], input?: string): Run & { processes: string[][] } => {
      rmSync(record, { force: true });
      const r = cli(args, input, { nodeArgs: ['--require', preload], env: { NEWSLENS_TEST_RECORD: record } });
      const processes = readFileSync(record, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as string[]);
      return { ...r, processes };
    };
    const cpus = availableParallelism();
    const every = String(Math.max(2, cpus));
    const one = run(['annotate', '--format', 'csv', '--jobs', '1', folder]);
    assert.deepEqual(one.processes, [[]], 'one job: no second process');
    const all = run(['annotate', '--format', 'csv', '--jobs', every, folder]);
    // Started again once (the second process has the flag, and does not start a third).
    assert.deepEqual(all.processes, [[], ['--single-threaded-gc']]);
    assert.equal(all.stdout, one.stdout);
    assert.equal(all.stderr, one.stderr);
    assert.equal(all.status, 1, 'the exit status of the run started again (2 files failed)');
    checkStderr(all.stderr);
    // Standard input reaches the process started again, unread.
    const lines = ['{"id":1,"text":"Ann Lee said the bridge would reopen."}', '{"id":2,"text":"\\"It is done,\\" Tom Okafor told reporters."}'];
    const piped = run(['annotate', '--jobs', every, '-'], lines.join('\n') + '\n');
    assert.deepEqual(piped.processes, [[], ['--single-threaded-gc']]);
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stdout, run(['annotate', '--jobs', '1', '-'], lines.join('\n') + '\n').stdout);
    assert.equal(piped.stdout.split('\n').length, 3);
    // Fewer jobs than CPUs: the parallel collector has idle CPUs to use; no second process.
    if (cpus > 2) assert.deepEqual(run(['annotate', '--format', 'csv', '--jobs', '2', folder]).processes, [[]]);
  });

  it('a worker posts back only strings: the rendered output and its stderr lines', async () => {
    const render: RenderOptions = { format: 'terminal', toFolder: false, several: true, corrections: true, color: false, width: 80 };
    const job = { kind: 'file' as const, path: corrected, maxSizeMb: 10, file: corrected, outName: 'a03', render };
    const here = runJob(job);
    const pool = new WorkerPool(1, join(ROOT, 'out', 'src', 'cli', 'pool.js'));
    try {
      const there = await pool.run(job);
      assert.deepEqual(there, here);
      assert.deepEqual(Object.keys(there).sort(), ['stderr', 'stdout']);
      assert.ok('stdout' in there && typeof there.stdout === 'string' && there.stdout.startsWith(`== ${corrected} ==\n`));
      assert.ok('stderr' in there && there.stderr.length === 1 && there.stderr[0]!.includes(`correction ${goneId} could not be placed`));
    } finally {
      await pool.close();
    }
  });
});
