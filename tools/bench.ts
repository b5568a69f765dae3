// `npm run bench`: NewsLens's speed figures, printed side by side in one run on the same texts
// (PolNeAR train + dev from ../shared/corpus, or a generated corpus where it is absent). Nothing is
// asserted: the figures are for people, and rerunning this script reproduces them.
//
//   node out/tools/bench.js [--only analysis,edit,batch,host,bundle] [--edits N] [--warmup N] [--runs N]
//
// analysis  per-article analyze(text) against compromise's own nlp(text), interleaved per article
// edit      edit latency: one character typed at a time in the middle of a 1 MB document (in a
//           word, and in a name) and of a 10 KB article, time until the new version's analysis is
//           ready (IncrementalAnalyzer), after --warmup characters typed there first (timed apart)
// batch     `node dist/cli.js annotate` over the whole corpus with 1 job (also pinned to one CPU with
//           taskset where there is one) and with every CPU
// host      the extension's activation time in a real VS Code (code-server, as the host tests)
// bundle    dist/ sizes, and what the extension bundle is made of (esbuild metafile)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nlp from 'compromise';
import { analyze, type Analysis } from '../src/core';

const REPO = resolve(__dirname, '..', '..');
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'polnear');
const PARTS = ['analysis', 'edit', 'batch', 'host', 'bundle'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  only: Set<Part>;
  edits: number;
  warmup: number;
  runs: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { only: new Set(PARTS), edits: 200, warmup: 20, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (name === '--only') {
      const parts = value().split(',').filter(Boolean);
      for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) usage(`unknown part '${p}'`);
      options.only = new Set(parts as Part[]);
    } else if (name === '--edits') options.edits = positive(value(), name);
    else if (name === '--warmup') options.warmup = whole(value(), name);
    else if (name === '--runs') options.runs = positive(value(), name);
    else if (name === '-h' || name === '--help') usage();
    else usage(`unknown option '${name}'`);
  }
  return options;
}

function whole(v: string, name: string): number {
  const n = Number(v);
  if (v === '' || !Number.isInteger(n) || n < 0) usage(`${name} needs a whole number`);
  return n;
}

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`${name} needs a positive whole number`);
  return n;
}

function usage(error?: string): never {
  const text = `Usage: npm run bench -- [--only ${PARTS.join(',')}] [--edits N] [--warmup N] [--runs N]\n`;
  if (error) {
    process.stderr.write(`bench: ${error}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

// ---- the texts ----

interface Corpus {
  name: string;
  /** Folders of .txt files (the CLI batch reads these). */
  folders: string[];
  files: string[];
  cleanup(): void;
}

function loadCorpus(): Corpus {
  const folders = ['train', 'dev'].map((split) => join(CORPUS, split, 'text'));
  if (folders.every((f) => existsSync(f))) {
    const files = folders.flatMap((f) => readdirSync(f).filter((n) => n.endsWith('.txt')).sort().map((n) => join(f, n)));
    return { name: `PolNeAR train + dev (${files.length} articles, ../shared/corpus)`, folders, files, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'newslens-bench-'));
  const files: string[] = [];
  for (let n = 0; n < 300; n++) {
    const path = join(dir, `g${String(n).padStart(3, '0')}.txt`);
    writeFileSync(path, generatedArticle(n));
    files.push(path);
  }
  return {
    name: `a generated corpus (${files.length} made-up articles; PolNeAR is absent from ${CORPUS})`,
    folders: [dir],
    files,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A made-up article of 2 to 8 KB with quotes, reported speech and pronouns. */
function generatedArticle(n: number): string {
  const people = ['Ada Klein', 'Omar Diaz', 'Mei Tanaka', 'Lars Berg', 'Ines Moreau', 'Tom Okafor', 'Ruth Adler'];
  const titles = ['Mayor', 'Finance Minister', 'union leader', 'Professor', 'police chief', 'spokeswoman'];
  const topics = ['the ferry plan', 'the budget', 'the bridge repairs', 'the school merger', 'the water tariff'];
  const paras = [`Council weighs ${topics[n % topics.length]} (${n})`, `By Jane Roe`];
  const count = 6 + (n % 20);
  for (let k = 0; k < count; k++) {
    const who = people[(n + k) % people.length]!;
    const surname = who.split(' ')[1]!;
    const topic = topics[(n + k) % topics.length]!;
    const shapes = [
      `${titles[k % titles.length]} ${who} said on Monday that ${topic} would cost ${k + 2} million dollars and take ${k + 1} years.`,
      `"We cannot wait another year for ${topic}," ${surname} told reporters. "People need answers now."`,
      `According to ${who}, the council has not yet decided how to pay for ${topic}.`,
      `He added that the vote on ${topic} was close, and that officials would meet again next week.`,
      `Officials, who asked not to be named, said the plan for ${topic} was likely to change.`,
    ];
    paras.push(shapes[(n + k) % shapes.length]!);
  }
  return paras.join('\n\n') + '\n';
}

// ---- statistics ----

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const median = (v: readonly number[]): number => quantile(v, 0.5);
const p95 = (v: readonly number[]): number => quantile(v, 0.95);
const sum = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0);
const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function heading(title: string): void {
  process.stdout.write(`\n== ${title} ==\n(load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${availableParallelism()} CPUs)\n`);
}

// ---- 1. analysis against compromise's own parse ----

function benchAnalysis(texts: readonly string[]): void {
  heading(`1. per-article analysis against compromise's own nlp(text), ${texts.length} articles, interleaved`);
  for (const t of texts.slice(0, 10)) {
    analyze(t);
    nlp(t);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  texts.forEach((text, i) => {
    // The order alternates, so a slow moment of the machine falls on both sides alike.
    const runOurs = (): void => {
      const t0 = performance.now();
      analyze(text);
      ours.push(performance.now() - t0);
    };
    const runTheirs = (): void => {
      const t0 = performance.now();
      nlp(text);
      theirs.push(performance.now() - t0);
    };
    if (i % 2 === 0) {
      runOurs();
      runTheirs();
    } else {
      runTheirs();
      runOurs();
    }
  });
  const chars = sum(texts.map((t) => t.length));
  const rate = (times: number[]): string => `${Math.round(chars / (sum(times) / 1000)).toLocaleString('en')} chars/s`;
  process.stdout.write(
    table([
      ['', 'median', 'p95', 'total', 'throughput'],
      ['NewsLens analyze(text)', ms(median(ours)), ms(p95(ours)), `${(sum(ours) / 1000).toFixed(2)} s`, rate(ours)],
      ['compromise nlp(text)', ms(median(theirs)), ms(p95(theirs)), `${(sum(theirs) / 1000).toFixed(2)} s`, rate(theirs)],
    ]) + '\n',
  );
  const perArticle = ours.map((o, i) => o / theirs[i]!);
  process.stdout.write(
    `  ratio analyze / nlp: ${(median(ours) / median(theirs)).toFixed(2)} (medians), ${(sum(ours) / sum(theirs)).toFixed(2)} (totals), ` +
      `${median(perArticle).toFixed(2)} (median of per-article ratios); target at most 1.0\n`,
  );
}

// ---- 2. edit latency ----

interface Analyzer {
  update(text: string): Analysis;
  /** IncrementalAnalyzer's: whether the last update moved the last analysis (reuse.ts). */
  stats?: { reused?: boolean };
}

function loadIncremental(): { make: () => Analyzer; name: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../src/core/incremental') as { IncrementalAnalyzer?: new () => Analyzer };
    if (mod.IncrementalAnalyzer) return { make: () => new mod.IncrementalAnalyzer!(), name: 'IncrementalAnalyzer.update' };
  } catch {
    // not there yet: a full analysis per edit
  }
  return { make: () => ({ update: (t: string) => analyze(t) }), name: 'analyze (full; no src/core/incremental.ts)' };
}

/**
 * Edit latency. Each row types `edits` characters one after another at one place (time from the
 * new text to its analysis), after `warmup` characters typed there first and timed apart: the
 * first updates after a document's first analysis also pay for the JIT compiling the update path
 * and for collecting the garbage of that first analysis.
 */
function benchEdits(texts: readonly string[], edits: number, warmup: number): void {
  const incremental = loadIncremental();
  heading(`2. edit latency: one character typed at a time, ${incremental.name}`);
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += (big ? '\n\n' : '') + texts[i % texts.length]!;
  const small = texts.reduce((best, t) => (Math.abs(t.length - 10_000) < Math.abs(best.length - 10_000) ? t : best), texts[0]!);
  const mb = `1 MB (${big.length.toLocaleString('en')} chars)`;
  const rows: string[][] = [['document', 'typed', 'first analysis', `first ${warmup} (median, max)`, 'median', 'p95', 'max', `p95 with the first ${warmup}`, 'reused', 'same as a fresh analyze']];
  // Not inside a word's surrogate pair or a CRLF: the start of the middle paragraph's next word.
  const wordStart = (doc: string): number => {
    let at = Math.floor(doc.length / 2);
    while (at < doc.length && !/\s/.test(doc[at - 1]!)) at++;
    return at;
  };
  // Inside the first name an entity is mentioned by after the middle: every letter changes a name.
  const inName = (doc: string, a: Analysis): number => {
    const starts = a.entities.flatMap((e) => e.mentions.filter((m) => m.via === 'name' && /^\p{Lu}\p{Ll}{3}/u.test(m.text)).map((m) => m.start));
    return Math.min(...starts.filter((s) => s >= doc.length / 2)) + 2;
  };
  const cases: [string, string, (doc: string, a: Analysis) => number][] = [
    [`${mb}, in a word`, big, wordStart],
    [`${mb}, in a name`, big, inName],
    [`10 KB article (${small.length.toLocaleString('en')} chars), in a word`, small, wordStart],
  ];
  for (const [name, doc, where] of cases) {
    const analyzer = incremental.make();
    let t0 = performance.now();
    const firstResult = analyzer.update(doc);
    const first = performance.now() - t0;
    // A full analysis per keystroke of a 1 MB text takes seconds: fewer edits then, said in the row.
    const full = incremental.name.startsWith('analyze') && doc.length > 100_000;
    const count = full ? Math.min(edits, 5) : edits;
    const before = full ? 0 : warmup;
    let text = doc;
    let cursor = where(doc, firstResult);
    const early: number[] = [];
    const times: number[] = [];
    let reused = 0;
    let last: Analysis | null = null;
    for (let k = 0; k < before + count; k++) {
      text = text.slice(0, cursor) + 'abcdefghij'[k % 10] + text.slice(cursor);
      cursor++;
      t0 = performance.now();
      last = analyzer.update(text);
      const dt = performance.now() - t0;
      if (k < before) early.push(dt);
      else {
        times.push(dt);
        if (analyzer.stats?.reused) reused++;
      }
    }
    const same = last === null ? '-' : JSON.stringify(last) === JSON.stringify(analyze(text)) ? 'yes' : 'NO';
    const warm = early.length > 0 ? `${ms(median(early))}, ${ms(Math.max(...early))}` : '-';
    rows.push([name, String(count), ms(first), warm, ms(median(times)), ms(p95(times)), ms(Math.max(...times)), ms(p95([...early, ...times])), `${reused}/${count}`, same]);
  }
  process.stdout.write(
    table(rows) +
      '\n  target: p95 at most 20 ms on the 1 MB document. "reused": updates that moved the last entities and speakers' +
      '\n  (the edit could not change them, src/core/reuse.ts); the others linked every source to its entity again.\n',
  );
  // What typing keeps alive: 3 characters at each of 100 places, the heap after a full collection.
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const analyzer = incremental.make();
  let text = big;
  analyzer.update(text);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let j = 0; j < 100; j++) {
    let at = Math.floor((text.length * (j + 0.5)) / 100);
    while (at < text.length && !/\s/.test(text[at - 1]!)) at++;
    for (const ch of 'abc') {
      text = text.slice(0, at) + ch + text.slice(at);
      at++;
      analyzer.update(text);
    }
  }
  gc();
  const heapMb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
  process.stdout.write(`  heap while typing in the 1 MB document, 3 characters at each of 100 places: ${heapMb(before)} after its first analysis, ${heapMb(process.memoryUsage().heapUsed)} after the 300 updates (full collections before each figure)\n`);
}

// ---- 3. batch throughput of the command line ----

interface BatchRun {
  seconds: number;
  peakMb: number;
  status: number | null;
  /** CPU time of the whole process: the main thread, the workers, V8's helper threads. */
  cpuSeconds: number;
  /** CPU time of the main thread alone (Linux's /proc), or null where it cannot be read. */
  mainCpuSeconds: number | null;
  /** Node processes: 2 when the command started itself again with single-threaded GC (relaunch.ts). */
  processes: number;
}

/**
 * Runs `node dist/cli.js ARGS` (after `prefix`, e.g. taskset), stdout to /dev/null. NEWSLENS_BENCH_CLI
 * names another build of the command line to time instead (a before/after comparison).
 */
async function runCli(args: string[], preload: string, prefix: string[] = []): Promise<BatchRun> {
  const report = join(preload, '..', `usage-${Date.now()}.json`);
  const cli = process.env.NEWSLENS_BENCH_CLI || join(REPO, 'dist', 'cli.js');
  const command = [...prefix, process.execPath, '--require', preload, cli, ...args];
  const t0 = performance.now();
  const status = await new Promise<number | null>((done) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEWSLENS_BENCH_USAGE: report },
    });
    child.on('close', done);
  });
  const seconds = (performance.now() - t0) / 1000;
  // One line per Node process: the command, and the one it starts again for a batch on every CPU
  // (src/cli/relaunch.ts), which does the work while the first waits. Their figures are added up.
  type Usage = { maxRSS: number; userCPUTime: number; systemCPUTime: number; mainTicks: number | null };
  const usages = readFileSync(report, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Usage);
  const sum = (f: (u: Usage) => number): number => usages.reduce((n, u) => n + f(u), 0);
  return {
    seconds,
    status,
    processes: usages.length,
    peakMb: sum((u) => u.maxRSS) / 1024,
    cpuSeconds: sum((u) => u.userCPUTime + u.systemCPUTime) / 1e6,
    mainCpuSeconds: usages.some((u) => u.mainTicks === null) ? null : sum((u) => u.mainTicks!) / clockTicks(),
  };
}

/** Clock ticks per second, the unit of /proc's CPU times (100 on Linux unless told otherwise). */
function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}

async function benchBatch(corpus: Corpus): Promise<void> {
  const cpus = availableParallelism();
  const cli = process.env.NEWSLENS_BENCH_CLI || 'dist/cli.js';
  heading(`3. batch: node ${cli} annotate --format jsonl over ${corpus.files.length} articles, output to /dev/null`);
  if (!existsSync(join(REPO, 'dist', 'cli.js'))) {
    process.stdout.write('  dist/cli.js is missing: run `node esbuild.mjs` first\n');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'newslens-bench-rss-'));
  // As the process exits (its main thread; workers load the preload too): its resource usage (peak resident memory and CPU time of the main thread
  // and workers together) and the main thread's own CPU time (utime + stime of its task in /proc,
  // in clock ticks; the main thread's task id is the process id).
  const preload = join(dir, 'usage.js');
  writeFileSync(
    preload,
    [
      "if (require('worker_threads').isMainThread) process.on('exit', () => {",
      '  let mainTicks = null;',
      '  try {',
      "    const stat = require('fs').readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');",
      "    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');",
      '    mainTicks = Number(fields[11]) + Number(fields[12]);',
      '  } catch {}',
      "  require('fs').appendFileSync(process.env.NEWSLENS_BENCH_USAGE, JSON.stringify({ ...process.resourceUsage(), mainTicks }) + '\\n');",
      '});',
      '',
    ].join('\n'),
  );
  const pinned = cpus > 1 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const plans: Array<{ label: string; jobs: number; prefix: string[] }> = [
    { label: '1', jobs: 1, prefix: [] },
    ...(pinned ? [{ label: '1, taskset -c 0', jobs: 1, prefix: ['taskset', '-c', '0'] }] : []),
    { label: String(cpus), jobs: cpus, prefix: [] },
  ];
  const n = corpus.files.length;
  const rows: string[][] = [['jobs', 'load', 'wall time', 'articles/s', 'CPU time', 'CPU/article', 'main thread CPU', 'peak RSS', 'processes', 'exit']];
  const runs = new Map<string, BatchRun>();
  for (const plan of plans) {
    const load = loadavg()[0]!.toFixed(2);
    const r = await runCli(['annotate', '--format', 'jsonl', '--jobs', String(plan.jobs), ...corpus.folders], preload, plan.prefix);
    runs.set(plan.label, r);
    rows.push([
      plan.label, load, `${r.seconds.toFixed(1)} s`, (n / r.seconds).toFixed(1),
      `${r.cpuSeconds.toFixed(1)} s`, ms((1000 * r.cpuSeconds) / n), r.mainCpuSeconds === null ? 'n/a' : `${r.mainCpuSeconds.toFixed(1)} s`,
      `${r.peakMb.toFixed(0)} MB`, String(r.processes), String(r.status),
    ]);
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(table(rows) + '\n');
  const all = runs.get(String(cpus))!;
  const one = runs.get(pinned ? '1, taskset -c 0' : '1')!;
  const speedup = (base: BatchRun): string => (base.seconds / all.seconds).toFixed(2);
  process.stdout.write(
    '  jobs 1: analysis in the main thread (V8 may still use another core for garbage collection);' +
      (pinned ? '\n  "1, taskset -c 0": the same, pinned to one CPU: the 1-core baseline;' : '') +
      `\n  jobs ${cpus}: ${cpus} worker threads each read, analyse, correct and render an article, the main thread writes;` +
      '\n    with a worker on every CPU the command starts itself again with V8\'s single-threaded garbage collection' +
      '\n    (processes: 2; CPU time, main thread CPU and peak RSS are the two processes\' added up).' +
      '\n  load: the 1-minute load average just before the run (other work on the machine lowers the figures).\n' +
      `  ${cpus} jobs / 1 job throughput: ${speedup(runs.get('1')!)}x` +
      (pinned ? `; ${cpus} jobs / 1 job on one CPU: ${speedup(runs.get('1, taskset -c 0')!)}x` : '') +
      ` (target at least 1.8x on 2 cores)\n` +
      // Not a measurement of speed: what the CPU time spent allows when nothing else runs.
      `  ceiling on an idle machine, from the CPU time spent: ${cpus} x ${ms((1000 * one.cpuSeconds) / n)} / ${ms((1000 * all.cpuSeconds) / n)} per article = ` +
      `${((cpus * one.cpuSeconds) / all.cpuSeconds).toFixed(2)}x (the rest is other work taking the CPUs)\n`,
  );
}

// ---- 4. activation in a real VS Code, and the bundles ----

async function benchHost(runs: number): Promise<void> {
  heading(`4a. activation of the extension in a real VS Code (code-server), ${runs} fresh extension hosts`);
  // Loaded lazily: the real host's tools pull in playwright-core.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openWorkbench, startServer } = require('./host') as typeof import('./host');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureHost } = require('./setup') as typeof import('./setup');
  const host = ensureHost();
  const runDir = join(REPO, '.newslens-tmp', `bench-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const folder = join(runDir, 'empty-workspace');
  mkdirSync(folder);
  const server = await startServer(host, { runDir });
  const times: number[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      let result: { ms: number; own?: number; wasActive: boolean; openDocuments: number } | undefined;
      let resolveExit!: (code: number) => void;
      const exited = new Promise<number>((r) => (resolveExit = r));
      const workbench = await openWorkbench(host, server, {
        folder,
        testsPath: join(REPO, 'out', 'tools', 'bench-activation.js'),
        onLog: (line) => {
          if (line.includes('NEWSLENS_DOCUMENTS')) process.stdout.write(`  ${line.trim()}\n`);
          const m = /NEWSLENS_ACTIVATION (\{.*\})/.exec(line);
          if (m) result = JSON.parse(m[1]!) as typeof result;
        },
        onExit: (code) => resolveExit(code),
      });
      const timer = setTimeout(() => resolveExit(124), 180000);
      const code = await exited;
      clearTimeout(timer);
      await workbench.close();
      if (!result) {
        process.stdout.write(`  run ${k + 1}: no measurement (exit ${code})\n`);
        continue;
      }
      process.stdout.write(
        `  run ${k + 1}: activate() awaited ${ms(result.ms)}${result.wasActive ? ' (already active)' : ''}; ` +
          `the extension's own figure (loading dist/extension.js + activate()) ${result.own === undefined ? 'n/a' : ms(result.own)}; ` +
          `${result.openDocuments} text documents open before\n`,
      );
      if (result.own !== undefined) times.push(result.own);
      else if (!result.wasActive) times.push(result.ms);
    }
  } finally {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
  if (times.length > 0) {
    process.stdout.write(`  median activation: ${ms(median(times))} over ${times.length} runs (target at most 100 ms)\n`);
  }
}

interface Metafile {
  outputs: Record<string, { bytes: number; entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

async function benchBundle(): Promise<void> {
  heading('4b. bundles: size as built, minified as `vsce package` builds them, and what is in them');
  // esbuild.mjs writes each bundle's metafile here when asked (the build npm run bench just did).
  const dir = mkdtempSync(join(tmpdir(), 'newslens-bench-meta-'));
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, env: { ...process.env, NEWSLENS_METAFILE_DIR: dir }, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stdout.write(`  the build failed:\n${build.stderr}\n`);
    return;
  }
  const esbuild = await import('esbuild');
  for (const name of readdirSync(dir).sort()) {
    const meta = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Metafile;
    for (const [outfile, output] of Object.entries(meta.outputs)) {
      if (!outfile.endsWith('.js') || !outfile.startsWith('dist/') || !output.entryPoint) continue;
      const minified = await esbuild.build({
        absWorkingDir: REPO,
        entryPoints: [output.entryPoint],
        bundle: true,
        platform: outfile.includes('/web/') ? 'browser' : 'node',
        target: outfile.includes('/web/') ? 'es2022' : 'node20',
        format: 'cjs',
        external: ['vscode'],
        minify: true,
        write: false,
        logLevel: 'silent',
      });
      const minBytes = minified.outputFiles[0]!.contents.length;
      process.stdout.write(`\n  ${outfile} (from ${output.entryPoint}): ${kb(output.bytes)} as built, ${kb(minBytes)} minified\n`);
      const groups = new Map<string, number>();
      for (const [path, input] of Object.entries(output.inputs)) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
        const key = pkg ? `package ${pkg}` : path.replace(/\/[^/]+$/, '/');
        groups.set(key, (groups.get(key) ?? 0) + input.bytesInOutput);
      }
      const sorted = [...groups.entries()].sort((x, y) => y[1] - x[1]);
      const shown = sorted.slice(0, 8);
      const rest = sum(sorted.slice(8).map(([, v]) => v));
      if (rest > 0) shown.push([`${sorted.length - 8} more`, rest]);
      process.stdout.write(table(shown.map(([k, v]) => [k, kb(v), `${((100 * v) / output.bytes).toFixed(1)}%`])) + '\n');
      if (outfile.includes('extension')) {
        const inputs = Object.keys(output.inputs);
        const cli = inputs.filter((p) => p.startsWith('src/cli/'));
        const compromise = inputs.some((p) => p.includes('node_modules/compromise'));
        process.stdout.write(`  command-line code in it: ${cli.length === 0 ? 'none' : cli.join(', ')}; compromise in it: ${compromise ? 'yes' : 'no'}\n`);
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---- main ----

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const corpus = loadCorpus();
  process.stdout.write(`NewsLens bench on ${corpus.name}; node ${process.version}\n`);
  try {
    const needTexts = options.only.has('analysis') || options.only.has('edit');
    const texts = needTexts ? corpus.files.map((f) => readFileSync(f, 'utf8')) : [];
    if (options.only.has('analysis')) benchAnalysis(texts);
    if (options.only.has('edit')) benchEdits(texts, options.edits, options.warmup);
    if (options.only.has('batch')) await benchBatch(corpus);
    if (options.only.has('host')) await benchHost(options.runs);
    if (options.only.has('bundle')) await benchBundle();
  } finally {
    corpus.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
