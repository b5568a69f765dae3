// The `annotate` command: reads articles, runs the core analysis, writes the chosen format.
//
// Text is read exactly as on disk: strict UTF-8 and no newline normalisation. A UTF-8 byte order
// mark is not part of the text (VS Code drops it too), so the command line and the editor give the
// same offsets, byte for byte; brat's copy of the text is written without it. Each file that cannot be annotated gets one line on stderr
// naming it; the others are still written; the exit status is then 1.

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { analyze, type Analysis } from '../core';
import { BRAT_ANNOTATION_CONF, BRAT_CONF_NAME, formatBrat } from '../present/brat';
import { csvHeader, formatCsvRows } from '../present/csv';
import { formatJson, formatJsonl, JsonArrayWriter } from '../present/json';
import { formatMarkdown } from '../present/markdown';
import { formatTerminal } from './formats/terminal';

export const FORMATS = ['terminal', 'json', 'jsonl', 'csv', 'markdown', 'brat'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_MAX_SIZE_MB = 10;
const MB = 1024 * 1024;

export const ANNOTATE_USAGE = `Usage: newslens annotate [options] PATH...

Finds who said what in news articles. PATH is a UTF-8 .txt file or a folder of
them (each .txt in it, sorted by name).

Options:
  -f, --format FORMAT  terminal | json | jsonl | csv | markdown | brat
                       (default: terminal on a terminal, json otherwise)
  -o, --out DIR        write one file per article into DIR (NAME.json,
                       NAME.jsonl, NAME.csv, NAME.md, or NAME.ann + NAME.txt
                       for brat,
                       with brat's annotation.conf once in DIR)
  -r, --recursive      also read .txt files in subfolders
      --max-size MB    refuse files larger than MB megabytes (default: ${DEFAULT_MAX_SIZE_MB})
  -h, --help           show this help

JSON gives one object for one file and an array for several files or a folder.
Offsets count UTF-16 code units of the text as decoded, as VS Code reads it:
a UTF-8 byte order mark is not part of the text. NO_COLOR turns colours off.

Exit status: 0 all files annotated, 1 some file could not be, 2 usage error.
`;

const USAGE_HINT = "Run 'newslens annotate --help' for usage.";

/** Where the command reads its environment and writes its output (the process, or a test). */
export interface CliIo {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
  isTTY: boolean;
  columns: number | undefined;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
  };
}

export class UsageError extends Error {}

/** A problem with one article, reported as one line naming it. */
class ArticleError extends Error {}

export interface AnnotateOptions {
  format: Format | undefined;
  out: string | undefined;
  recursive: boolean;
  maxSizeMb: number;
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

interface Article extends Input {
  text: string;
  analysis: Analysis;
}

interface Sink {
  write(article: Article): void;
  close(): void;
}

// ---- the command ----

export function runAnnotate(argv: readonly string[], io: CliIo = processIo()): number {
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
  const format = options.format ?? defaultFormat(io.isTTY, options.out);
  const report = (f: Failure): void => io.stderr(`newslens: ${f.file}: ${f.message}\n`);
  const notFolder = options.out === undefined ? null : outNotAFolder(options.out);
  if (notFolder !== null) {
    io.stderr(`newslens: ${notFolder}\n`);
    return 2;
  }

  const scan = collectInputs(options.paths, options.recursive);
  let failed = false;
  let sink: Sink;
  try {
    const several = options.paths.length > 1 || scan.sawFolder;
    sink = openSink(format, options.out, several, io);
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    report({ file: options.out ?? '-', message: error.message });
    return 1;
  }
  for (const item of scan.items) {
    try {
      if ('message' in item) throw new ArticleError(item.message);
      sink.write(annotateOne(item, options.maxSizeMb));
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      report({ file: item.file, message: error.message });
      failed = true;
    }
  }
  sink.close();
  return failed ? 1 : 0;
}

/** Terminal for a person at a terminal; JSON for pipes, files and --out. */
export function defaultFormat(isTTY: boolean, out: string | undefined): Format {
  return isTTY && out === undefined ? 'terminal' : 'json';
}

function annotateOne(input: Input, maxSizeMb: number): Article {
  const text = readArticle(input.file, maxSizeMb);
  let analysis: Analysis;
  try {
    analysis = analyze(text, { file: input.file });
  } catch (error) {
    throw new ArticleError(`analysis failed (a NewsLens bug, please report it): ${firstLine(error)}`);
  }
  return { ...input, text, analysis };
}

// ---- arguments ----

export function parseAnnotateArgs(argv: readonly string[]): AnnotateOptions {
  const options: AnnotateOptions = {
    format: undefined,
    out: undefined,
    recursive: false,
    maxSizeMb: DEFAULT_MAX_SIZE_MB,
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
  return options;
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
      scan.items.push({ file: given, message: fsMessage(error) });
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
      } else if (isTxt(name)) {
        if (stats) scan.items.push({ file: path, outName: join(rel, name.slice(0, -4)) });
        else scan.items.push({ file: path, message: 'cannot be read (broken link?)' });
      }
    }
  };
  walk('');
  if (scan.items.length === before) {
    const hint = subfolders > 0 && !recursive ? ' (add --recursive to read its subfolders)' : '';
    scan.items.push({ file: root, message: `folder has no .txt files${hint}` });
  }
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

// ---- reading one article ----

/** Reads and decodes one article; throws ArticleError with a one-line reason. */
function readArticle(path: string, maxSizeMb: number): string {
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new ArticleError('not a regular file');
    checkSize(stats.size, maxSizeMb);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    throw new ArticleError(fsMessage(error));
  }
  checkSize(bytes.length, maxSizeMb); // the file may have grown since stat
  const decoded = decodeArticle(bytes);
  if ('error' in decoded) throw new ArticleError(decoded.error);
  return decoded.text;
}

function checkSize(bytes: number, maxSizeMb: number): void {
  if (bytes <= maxSizeMb * MB) return;
  const size = (bytes / MB).toFixed(1);
  throw new ArticleError(
    `file is ${size} MB, above the ${maxSizeMb} MB size limit (raise it with --max-size ${Math.ceil(bytes / MB)})`,
  );
}

/**
 * Strict UTF-8 decoding of an article's bytes, dropping a byte order mark as VS Code does, so that
 * offsets match the editor's. Returns a one-line reason for text NewsLens cannot annotate.
 */
export function decodeArticle(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { error: 'is UTF-16 text; save it as UTF-8' };
  }
  if (bytes.includes(0)) return { error: 'looks like a binary file (it contains NUL bytes), not a text article' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is not valid UTF-8 text; convert it to UTF-8 first' };
  }
  if (text.trim() === '') return { error: bytes.length === 0 ? 'is empty' : 'is empty (only whitespace)' };
  return { text };
}

// ---- writing ----

type FileFormat = Exclude<Format, 'terminal'>;

function openSink(format: Format, out: string | undefined, several: boolean, io: CliIo): Sink {
  if (out === undefined) return stdoutSink(format, several, io);
  if (format === 'terminal') throw new Error('--format terminal cannot write files'); // refused by parseAnnotateArgs
  return folderSink(format, out, io);
}

function stdoutSink(format: Format, several: boolean, io: CliIo): Sink {
  const write = io.stdout;
  switch (format) {
    case 'json': {
      if (!several) return { write: (a) => write(formatJson(a.analysis)), close: () => {} };
      const array = new JsonArrayWriter(write);
      return { write: (a) => array.item(a.analysis), close: () => array.close() };
    }
    case 'jsonl':
      return { write: (a) => write(formatJsonl(a.analysis)), close: () => {} };
    case 'csv':
      write(csvHeader());
      return { write: (a) => write(formatCsvRows(a.analysis, a.text)), close: () => {} };
    case 'markdown': {
      let count = 0;
      return {
        write: (a) => write((count++ > 0 ? '\n' : '') + formatMarkdown(a.analysis, a.text, a.file)),
        close: () => {},
      };
    }
    case 'brat':
      return {
        write: (a) => write((several ? `# file: ${a.file}\n` : '') + formatBrat(a.analysis, a.text)),
        close: () => {},
      };
    case 'terminal': {
      const color = io.isTTY && !io.env.NO_COLOR;
      const width = Math.min(io.columns || 80, 100);
      let count = 0;
      return {
        write: (a) => write((count++ > 0 ? '\n' : '') + formatTerminal(a.analysis, a.text, { color, width })),
        close: () => {},
      };
    }
  }
}

/** Why an existing --out path cannot be the output folder (null when it can, or does not exist yet). */
function outNotAFolder(out: string): string | null {
  const stats = statOrNull(out);
  if (stats === null || stats.isDirectory()) return null;
  return stats.isFile() ? `--out ${out} is a file, not a folder` : `--out ${out} is not a folder`;
}

/** One file (two for brat, plus brat's annotation.conf once for the folder) per article in `dir`. */
function folderSink(format: FileFormat, dir: string, io: CliIo): Sink {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ArticleError(`cannot create the output folder: ${fsMessage(error)}`);
  }
  if (format === 'brat') writeBratConf(dir, io);
  const claimed = new Map<string, string>();
  return {
    write: (a) => {
      const previous = claimed.get(a.outName);
      if (previous !== undefined) {
        throw new ArticleError(`has the same name as ${previous}; annotate them into different --out folders`);
      }
      claimed.set(a.outName, a.file);
      for (const [name, content] of outputFiles(format, a)) {
        const target = join(dir, name);
        if (!sameFile(target, a.file)) writeOut(target, content);
      }
    },
    close: () => {},
  };
}

function outputFiles(format: FileFormat, a: Article): Array<[string, string]> {
  switch (format) {
    case 'json':
      return [[`${a.outName}.json`, formatJson(a.analysis)]];
    case 'jsonl':
      return [[`${a.outName}.jsonl`, formatJsonl(a.analysis)]];
    case 'csv':
      return [[`${a.outName}.csv`, csvHeader() + formatCsvRows(a.analysis, a.text)]];
    case 'markdown':
      return [[`${a.outName}.md`, formatMarkdown(a.analysis, a.text, a.file)]];
    case 'brat':
      return [
        [`${a.outName}.ann`, formatBrat(a.analysis, a.text)],
        [`${a.outName}.txt`, a.text],
      ];
  }
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

// ---- messages ----

function fsMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return firstLine(error);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
