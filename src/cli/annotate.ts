// The `annotate` command: reads articles, runs the core analysis, writes the chosen format.
//
// Text is read exactly as on disk: strict UTF-8 and no newline normalisation. A UTF-8 byte order
// mark is not part of the text (VS Code drops it too), so the command line and the editor give the
// same offsets, byte for byte; brat's copy of the text is written without it. Each file that cannot be annotated gets one line on stderr
// naming it; the others are still written; the exit status is then 1.
//
// Each article is read, analysed, corrected and rendered by one function (render.ts), in a worker
// thread with --jobs N (default: one per CPU; pool.ts) or in this thread with --jobs 1; the main
// thread only orders the rendered strings and writes them, so the output is byte for byte that of
// --jobs 1, and at most a few results are held at a time. `annotate -` streams JSON Lines (stream.ts).

import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { BRAT_ANNOTATION_CONF, BRAT_CONF_NAME } from '../present/brat';
import { runOrdered, WorkerPool } from './pool';
import { Progress, type ProgressOptions } from './progress';
import { ArticleError, decodeArticle, fsMessage } from './read';
import { ChunkJoiner, runJob, type Job, type JobResult, type Rendered, type RenderOptions } from './render';
import { BATCH_V8_FLAGS, relaunchWith } from './relaunch';
import { streamJsonLines } from './stream';

export { decodeArticle };

export const FORMATS = ['terminal', 'json', 'jsonl', 'csv', 'markdown', 'brat'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_MAX_SIZE_MB = 10;

export const ANNOTATE_USAGE = `Usage: newslens annotate [options] PATH...
       newslens annotate --format jsonl [--jobs N] -

Finds who said what in news articles. PATH is a UTF-8 .txt file or a folder of
them (each .txt in it, sorted by name). A PATH of - reads JSON Lines from
standard input, one {"id": ..., "text": "..."} a line, and writes one line per
input line as it goes: {"id": ..., "analysis": {...}} or, for a line that
cannot be annotated, {"id": ..., "line": N, "error": "..."}.

Options:
  -f, --format FORMAT  terminal | json | jsonl | csv | markdown | brat
                       (default: terminal on a terminal, json otherwise)
  -o, --out DIR        write one file per article into DIR (NAME.json,
                       NAME.jsonl, NAME.csv, NAME.md, or NAME.ann + NAME.txt
                       for brat,
                       with brat's annotation.conf once in DIR)
  -r, --recursive      also read .txt files in subfolders
      --max-size MB    refuse files larger than MB megabytes (default: ${DEFAULT_MAX_SIZE_MB})
      --no-corrections
                       show the analysis alone, without the hand corrections
                       of the sidecar beside an article (NAME.txt.newslens.json),
                       which are applied by default
  -j, --jobs N         analyse N articles at a time in worker threads
                       (default: the number of CPUs, fewer for a handful of
                       files; 1 = in this thread). The output is the same,
                       byte for byte, in the same order.
  -h, --help           show this help

JSON gives one object for one file and an array for several files or a folder.
Offsets count UTF-16 code units of the text as decoded, as VS Code reads it:
a UTF-8 byte order mark is not part of the text. NO_COLOR turns colours off.
When standard error is a terminal and the results go to a file, a pipe or
--out, a progress line shows on standard error during long runs.

Exit status: 0 all files annotated, 1 some file could not be, 2 usage error.
`;

const USAGE_HINT = "Run 'newslens annotate --help' for usage.";

/** Where the command reads its environment and writes its output (the process, or a test). */
export interface CliIo {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
  /** Whether standard output is a terminal. */
  isTTY: boolean;
  columns: number | undefined;
  env: Record<string, string | undefined>;
  /** Whether standard error is a terminal (the progress line); false when absent. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Standard input, for `annotate -`. */
  stdin?: AsyncIterable<Buffer | string>;
  /** Resolves when stdout can take more: output waits for a slow reader instead of piling up. */
  drain?(): Promise<void>;
  /** Timing of the progress line (tests). */
  progress?: Pick<ProgressOptions, 'delayMs' | 'intervalMs' | 'now'>;
  /** The worker threads' script (tests running from out/; the default is pool.ts's own file). */
  workerScript?: string;
  /**
   * Runs the command again in a Node process with these V8 flags (relaunch.ts), resolving with its
   * exit status, or null to go on here. Only the real process has it; tests run in-process.
   */
  relaunch?(flags: readonly string[]): Promise<number | null>;
}

export function processIo(): CliIo {
  return {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    // Not touched until read: a relaunched process (relaunch.ts) must find standard input unread.
    stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
    relaunch: relaunchWith,
    drain: () =>
      process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once('drain', () => r())) : Promise.resolve(),
  };
}

export class UsageError extends Error {}

export interface AnnotateOptions {
  format: Format | undefined;
  out: string | undefined;
  recursive: boolean;
  maxSizeMb: number;
  /** Worker threads; undefined: one per CPU. */
  jobs: number | undefined;
  /** Apply the sidecar beside each article (false with --no-corrections). */
  corrections: boolean;
  help: boolean;
  paths: string[];
}

interface Input {
  /** The path as given on the command line, joined with the name for folder members. */
  file: string;
  /** Output name without extension, relative to --out (subfolders kept with --recursive). */
  outName: string;
}

interface Failure {
  file: string;
  message: string;
}

/** Where rendered articles go, in input order: standard output, or files in --out. */
interface Sink {
  write(input: Input, rendered: Rendered): void;
  close(): void;
}

// ---- the command ----

export async function runAnnotate(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let options: AnnotateOptions;
  try {
    options = parseAnnotateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`newslens annotate: ${error.message}\n${USAGE_HINT}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(ANNOTATE_USAGE);
    return 0;
  }
  if (options.paths[0] === '-') return annotateStdin(options, io);
  const format = options.format ?? defaultFormat(io.isTTY, options.out);
  const notFolder = options.out === undefined ? null : outNotAFolder(options.out);
  if (notFolder !== null) {
    io.stderr(`newslens: ${notFolder}\n`);
    return 2;
  }

  const scan = collectInputs(options.paths, options.recursive);
  const render: RenderOptions = {
    format,
    toFolder: options.out !== undefined,
    several: options.paths.length > 1 || scan.sawFolder,
    corrections: options.corrections,
    color: io.isTTY && !io.env.NO_COLOR,
    width: Math.min(io.columns || 80, 100),
  };
  // Starting a worker costs about as much as analysing a few articles: by default, one per 4.
  const articles = scan.items.filter((i) => !('message' in i)).length;
  const jobs = Math.min(options.jobs ?? Math.min(defaultJobs(), Math.floor(articles / 4)), articles);
  // Before anything is written.
  const relaunched = await relaunchForBatch(jobs, io);
  if (relaunched !== null) return relaunched;
  let sink: Sink;
  try {
    sink = openSink(render, options.out, io);
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    io.stderr(`newslens: ${options.out ?? '-'}: ${error.message}\n`);
    return 1;
  }
  const total = scan.items.length;
  const progress = total > 1 && showProgress(io, options.out !== undefined) ? newProgress(io, total) : null;
  const printError = (line: string): void => {
    if (progress) progress.print(line);
    else io.stderr(line);
  };
  const report = (f: Failure): void => printError(`newslens: ${f.file}: ${f.message}\n`);
  const pool = jobs > 1 ? new WorkerPool(jobs, io.workerScript) : null;
  const exec = (item: Input | Failure): Promise<JobResult> | JobResult => {
    if ('message' in item) return { error: item.message };
    const job: Job = { kind: 'file', path: item.file, maxSizeMb: options.maxSizeMb, file: item.file, outName: item.outName, render };
    return pool ? pool.run(job) : runJob(job);
  };
  let failed = 0;
  try {
    await runOrdered(scan.items, pool ? 4 * jobs : 1, exec, async (item, result) => {
      let ok = !('error' in result);
      if ('error' in result) report({ file: item.file, message: result.error });
      else {
        result.stderr.forEach(printError); // corrections that could not be placed
        try {
          sink.write(item as Input, result);
        } catch (error) {
          if (!(error instanceof ArticleError)) throw error;
          report({ file: item.file, message: error.message });
          ok = false;
        }
      }
      if (!ok) failed++;
      progress?.tick(ok);
      await io.drain?.();
    });
  } finally {
    await pool?.close();
    progress?.finish();
  }
  sink.close();
  if (failed > 0 && total > 1) {
    io.stderr(
      failed === total
        ? `newslens: none of the ${total} files could be annotated\n`
        : `newslens: ${failed} of ${total} files could not be annotated; the others were written\n`,
    );
  }
  return failed > 0 ? 1 : 0;
}

/** `annotate -`: JSON Lines from stdin to stdout (see stream.ts). */
async function annotateStdin(options: AnnotateOptions, io: CliIo): Promise<number> {
  if (!io.stdin) throw new Error('no standard input');
  const jobs = options.jobs ?? defaultJobs();
  const relaunched = await relaunchForBatch(jobs, io);
  if (relaunched !== null) return relaunched;
  const pool = jobs > 1 ? new WorkerPool(jobs, io.workerScript) : null;
  const progress = showProgress(io, false) ? newProgress(io, undefined) : null;
  let failed = 0;
  try {
    failed = await streamJsonLines(
      {
        stdin: io.stdin,
        stdout: io.stdout,
        error: (line) => (progress ? progress.print(line) : io.stderr(line)),
        tick: (ok) => progress?.tick(ok),
        drain: io.drain,
      },
      options.maxSizeMb,
      pool ? 4 * jobs : 1,
      (text): Promise<JobResult> | JobResult => (pool ? pool.run({ kind: 'text', text }) : runJob({ kind: 'text', text })),
    );
  } finally {
    await pool?.close();
    progress?.finish();
  }
  if (failed > 0) io.stderr(`newslens: ${failed} ${failed === 1 ? 'line' : 'lines'} of standard input could not be annotated\n`);
  return failed > 0 ? 1 : 0;
}

/**
 * With a worker on every CPU, the command runs again in a process with single-threaded garbage
 * collection (relaunch.ts): its exit status, or null to go on in this process.
 */
function relaunchForBatch(jobs: number, io: CliIo): Promise<number | null> {
  if (jobs > 1 && jobs >= defaultJobs() && io.relaunch) return io.relaunch(BATCH_V8_FLAGS);
  return Promise.resolve(null);
}

/** One per CPU the process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof availableParallelism === 'function' ? availableParallelism() : cpus().length);
}

/** A progress line when stderr is a terminal, unless stdout is that terminal too (the report). */
function showProgress(io: CliIo, toFolder: boolean): boolean {
  return io.stderrIsTTY === true && (toFolder || !io.isTTY);
}

function newProgress(io: CliIo, total: number | undefined): Progress {
  return new Progress(io.stderr, { total, columns: io.stderrColumns, ...io.progress });
}

/** Terminal for a person at a terminal; JSON for pipes, files and --out. */
export function defaultFormat(isTTY: boolean, out: string | undefined): Format {
  return isTTY && out === undefined ? 'terminal' : 'json';
}

// ---- arguments ----

export function parseAnnotateArgs(argv: readonly string[]): AnnotateOptions {
  const options: AnnotateOptions = {
    format: undefined,
    out: undefined,
    recursive: false,
    maxSizeMb: DEFAULT_MAX_SIZE_MB,
    jobs: undefined,
    corrections: true,
    help: false,
    paths: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`option '${name}' needs a value`);
      return v;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`option '${name}' takes no value`);
      return true;
    };
    switch (name) {
      case '-h':
      case '--help':
        options.help = flag();
        break;
      case '-r':
      case '--recursive':
        options.recursive = flag();
        break;
      case '-f':
      case '--format':
        options.format = parseFormat(value());
        break;
      case '-o':
      case '--out':
        options.out = value();
        break;
      case '--max-size':
        options.maxSizeMb = parseMaxSize(value());
        break;
      case '--no-corrections':
        options.corrections = !flag();
        break;
      case '-j':
      case '--jobs':
        options.jobs = parseJobs(value());
        break;
      default:
        throw new UsageError(`unknown option '${name}'`);
    }
  }
  if (options.format === 'terminal' && options.out !== undefined) {
    throw new UsageError('--format terminal prints to the screen; with --out use json, jsonl, csv, markdown or brat');
  }
  if (!options.help && options.paths.length === 0) {
    throw new UsageError('no PATH given (a .txt file or a folder of them)');
  }
  if (options.paths.includes('-')) {
    if (options.paths.length > 1) throw new UsageError("- (JSON Lines on standard input) cannot be combined with other PATHs");
    if (options.format !== undefined && options.format !== 'jsonl') {
      throw new UsageError('- reads and writes JSON Lines: use --format jsonl');
    }
    if (options.out !== undefined) throw new UsageError('- writes to standard output; --out cannot be used with it');
    options.format = 'jsonl';
  }
  return options;
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new UsageError(`--jobs needs a whole number from 1 to 256, not '${value}'`);
  }
  return jobs;
}

function parseFormat(value: string): Format {
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new UsageError(`unknown format '${value}' (choose ${FORMATS.join(', ')})`);
  return format;
}

function parseMaxSize(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new UsageError(`--max-size needs a positive number of megabytes, not '${value}'`);
  }
  return mb;
}

// ---- finding the files ----

interface Scan {
  /** In command-line order, so messages and output follow it. */
  items: Array<Input | Failure>;
  sawFolder: boolean;
}

function collectInputs(paths: readonly string[], recursive: boolean): Scan {
  const scan: Scan = { items: [], sawFolder: false };
  for (const given of paths) {
    let stats: Stats;
    try {
      stats = statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      scan.items.push({ file: given, message: code === 'ENOENT' ? brokenMessage(given) : fsMessage(error) });
      continue;
    }
    if (!stats.isDirectory()) {
      scan.items.push({ file: given, outName: parse(given).name });
      continue;
    }
    scan.sawFolder = true;
    scanFolder(given, recursive, scan);
  }
  return scan;
}

function scanFolder(root: string, recursive: boolean, scan: Scan): void {
  const before = scan.items.length;
  let subfolders = 0;
  const seen = new Set<string>();
  const walk = (rel: string): void => {
    const dir = join(root, rel);
    let names: string[];
    try {
      seen.add(realpathSync(dir));
      names = readdirSync(dir).sort(compareNames);
    } catch (error) {
      scan.items.push({ file: dir, message: fsMessage(error) });
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stats = statOrNull(path);
      if (stats?.isDirectory()) {
        subfolders++;
        if (recursive && !seen.has(realpathOrSelf(path))) walk(join(rel, name));
        else if (!recursive && isTxt(name)) {
          scan.items.push({ file: path, message: 'is a folder, not a file (add --recursive to read the .txt files in it)' });
        }
      } else if (isTxt(name)) {
        if (stats) scan.items.push({ file: path, outName: join(rel, name.slice(0, -4)) });
        else scan.items.push({ file: path, message: brokenMessage(path) });
      }
    }
  };
  walk('');
  if (scan.items.length === before) {
    const hint = subfolders > 0 && !recursive ? ' (add --recursive to read its subfolders)' : '';
    scan.items.push({ file: root, message: `folder has no .txt files${hint}` });
  }
}

/** Why a name listed in a folder cannot be stat'ed: a dangling link, or a race. */
function brokenMessage(path: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) return 'is a broken symbolic link (its target does not exist)';
  } catch (error) {
    return fsMessage(error);
  }
  return 'no such file or folder';
}

function isTxt(name: string): boolean {
  return name.toLowerCase().endsWith('.txt');
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

// ---- writing ----

function openSink(render: RenderOptions, out: string | undefined, io: CliIo): Sink {
  if (out === undefined) return stdoutSink(render, io);
  if (render.format === 'terminal') throw new Error('--format terminal cannot write files'); // refused by parseAnnotateArgs
  return folderSink(render.format, out, io);
}

/** The articles' chunks in order, with the separators, header and brackets around them. */
function stdoutSink(render: RenderOptions, io: CliIo): Sink {
  const joiner = new ChunkJoiner(render, io.stdout);
  joiner.open();
  return { write: (_, r) => joiner.add(r.stdout ?? ''), close: () => joiner.close() };
}

/**
 * Why --out cannot be the output folder: it, or the nearest of its parents that exists, is not a
 * folder (null when it can be, or can be created).
 */
function outNotAFolder(out: string): string | null {
  const stats = statOrNull(out);
  if (stats !== null) {
    if (stats.isDirectory()) return null;
    return stats.isFile() ? `--out ${out} is a file, not a folder` : `--out ${out} is not a folder`;
  }
  for (let parent = dirname(out); ; parent = dirname(parent)) {
    const above = statOrNull(parent);
    if (above !== null) {
      if (above.isDirectory()) return null;
      return `--out ${out}: ${parent} is ${above.isFile() ? 'a file' : 'not a folder'}, so no folder can be made in it`;
    }
    if (parent === dirname(parent)) return null;
  }
}

/** One file (two for brat, plus brat's annotation.conf once for the folder) per article in `dir`. */
function folderSink(format: Format, dir: string, io: CliIo): Sink {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ArticleError(`cannot create the output folder: ${fsMessage(error)}`);
  }
  // brat's labels are declared with the first .ann written: none when every input fails.
  let confPending = format === 'brat';
  const claimed = new Map<string, string>();
  return {
    write: (input, rendered) => {
      const previous = claimed.get(input.outName);
      if (previous !== undefined) {
        throw new ArticleError(`has the same name as ${previous}; annotate them into different --out folders`);
      }
      claimed.set(input.outName, input.file);
      if (confPending) {
        confPending = false;
        writeBratConf(dir, io);
      }
      for (const [name, content] of rendered.files ?? []) {
        const target = join(dir, name);
        if (!sameFile(target, input.file)) writeOut(target, content);
      }
    },
    close: () => {},
  };
}

/**
 * Declares the labels of the .ann files so brat opens `dir` as is. An annotation.conf already
 * there is kept: rewritten never, mentioned in one line when it differs from NewsLens's.
 */
function writeBratConf(dir: string, io: CliIo): void {
  const target = join(dir, BRAT_CONF_NAME);
  if (existsSync(target)) {
    let current: string | null;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = null;
    }
    if (current !== BRAT_ANNOTATION_CONF) {
      io.stderr(`newslens: ${target}: already exists and differs from NewsLens's brat labels; left unchanged\n`);
    }
    return;
  }
  writeOut(target, BRAT_ANNOTATION_CONF);
}

function writeOut(target: string, content: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content, 'utf8');
  } catch (error) {
    throw new ArticleError(`cannot write ${target}: ${fsMessage(error)}`);
  }
}

/** True when `a` and `b` are one file (brat's copy of the text onto itself is skipped). */
function sameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b) || realpathOrSelf(a) === realpathOrSelf(b);
}
