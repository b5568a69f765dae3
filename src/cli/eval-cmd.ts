// `newslens eval --gold DIR [--baseline] [--json] [--errors FILE] [--min-* N]`
// Exit status: 0 all good, 1 a threshold was missed (or the analysis failed), 2 bad usage or input.

import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Analysis } from '../core';
import { EvalInputError, evaluate, formatErrors, formatReport, reportToJson, type EvalReport } from './eval';

export const EVAL_USAGE = `Usage: newslens eval --gold DIR [options]

Scores NewsLens against gold attributions in brat standoff (PolNeAR layout):
DIR/text/<article>.txt and DIR/attributions/<article>_<annotator>.ann (the first annotator by name).
An article with no .ann but a corrections sidecar (DIR/text/<article>.txt.newslens.json) is scored
against the corrected article.
Contents match when each covers at least half of the other, one to one.

Options:
  --gold DIR            the gold folder (also accepted as the only positional argument)
  --baseline            also score compromise's .quotations() and time analyze(text) against nlp(text)
  --json                print the figures as JSON instead of a table
  --errors FILE         write per-article misses, extras and wrong sources to FILE ('-' for stdout)
  --min-all-f1 N        exit 1 when the F1 over all attributions is below N (percent, 0-100)
  --min-quoted-f1 N     exit 1 when the F1 over quoted attributions is below N (percent)
  --min-source N        exit 1 when source agreement on matched pairs is below N (percent)
  -h, --help            show this help

Exit status: 0 the figures were printed and every threshold met, 1 a threshold
was missed (or the analysis failed), 2 usage error, or a gold folder or --errors
FILE that cannot be used.
`;

export interface Thresholds {
  allF1?: number;
  quotedF1?: number;
  source?: number;
}

export interface EvalArgs {
  gold: string;
  baseline: boolean;
  json: boolean;
  errors: string | null;
  thresholds: Thresholds;
}

export interface EvalIO {
  out(s: string): void;
  err(s: string): void;
}

/** Where output goes and what is evaluated; tests replace them. */
export interface EvalEnv extends EvalIO {
  /** The system under test (default: the core's analyze). */
  analyzer?: (text: string) => Analysis;
}

const processEnv: EvalEnv = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

const THRESHOLD_FLAGS: Record<string, keyof Thresholds> = {
  '--min-all-f1': 'allF1',
  '--min-quoted-f1': 'quotedF1',
  '--min-source': 'source',
};

class UsageError extends Error {}

/** Parse the arguments after `eval`; 'help' when help was asked for. Throws UsageError. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs | 'help' {
  const args: Omit<EvalArgs, 'gold'> & { gold: string | null } = { gold: null, baseline: false, json: false, errors: null, thresholds: {} };
  const queue = splitEquals(argv);
  while (queue.length > 0) {
    const arg = queue.shift() as string;
    const value = (): string => {
      const v = queue.shift();
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--baseline') args.baseline = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--gold') args.gold = value();
    else if (arg === '--errors') args.errors = value();
    else if (arg in THRESHOLD_FLAGS) args.thresholds[THRESHOLD_FLAGS[arg] as keyof Thresholds] = percentArg(arg, value());
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (args.gold === null) args.gold = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (args.gold === null) throw new UsageError('--gold DIR is required (the folder with text/ and attributions/)');
  if (args.json && args.errors === '-') {
    throw new UsageError('--json and --errors - would mix JSON and the error list on stdout; give --errors a FILE');
  }
  return { ...args, gold: args.gold };
}

/** `--name=value` becomes `--name value`. */
function splitEquals(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const eq = a.indexOf('=');
    return a.startsWith('--') && eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a];
  });
}

function percentArg(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${flag} takes a percentage from 0 to 100, not "${raw}"`);
  return n;
}

/** The figures that fall below their thresholds, one message each. */
export function missedThresholds(report: EvalReport, t: Thresholds): string[] {
  const checks: [string, number | undefined, number | null][] = [
    ['all-attributions F1', t.allF1, report.newslens.all.f1],
    ['quoted F1', t.quotedF1, report.newslens.quoted.f1],
    ['source agreement on matched pairs', t.source, report.newslens.source.rate],
  ];
  return checks.flatMap(([name, min, got]) =>
    min === undefined || (got !== null && got >= min) ? [] : [`${name} ${got === null ? 'n/a' : got.toFixed(2)} is below the minimum ${min}`],
  );
}

/** Run `newslens eval`; resolves to the exit code. Never throws. */
export async function runEval(argv: string[], io: EvalEnv = processEnv): Promise<number> {
  let args: EvalArgs | 'help';
  try {
    args = parseEvalArgs(argv);
  } catch (e) {
    io.err(`newslens eval: ${message(e)} (see --help)\n`);
    return 2;
  }
  if (args === 'help') {
    io.out(EVAL_USAGE);
    return 0;
  }
  return runParsed(args, io);
}

async function runParsed(args: EvalArgs, io: EvalEnv): Promise<number> {
  const unwritable = args.errors === null || args.errors === '-' ? null : cannotWrite(args.errors);
  if (unwritable !== null) {
    io.err(`newslens eval: cannot write the errors file ${args.errors}: ${unwritable}\n`);
    return 2;
  }
  let report: EvalReport;
  try {
    report = evaluate(args.gold, { baseline: args.baseline, ...(io.analyzer ? { analyzer: io.analyzer } : {}) });
  } catch (e) {
    io.err(`newslens eval: ${message(e)}\n`);
    return e instanceof EvalInputError ? 2 : 1;
  }
  io.out(args.json ? JSON.stringify(reportToJson(report), null, 2) + '\n' : formatReport(report));
  if (args.errors !== null && !writeErrors(args.errors, report, io)) return 2;
  const missed = missedThresholds(report, args.thresholds);
  for (const m of missed) io.err(`newslens eval: ${m}\n`);
  return missed.length > 0 ? 1 : 0;
}

function writeErrors(file: string, report: EvalReport, io: EvalIO): boolean {
  const text = formatErrors(report.errors);
  if (file === '-') {
    io.out(text);
    return true;
  }
  try {
    writeFileSync(file, text);
    return true;
  } catch (e) {
    io.err(`newslens eval: cannot write the errors file ${file}: ${fsReason(e)}\n`);
    return false;
  }
}

/**
 * Why `file` cannot be written, checked before the evaluation runs so a bad --errors path fails
 * at once rather than after minutes of scoring; null when it looks writable.
 */
function cannotWrite(file: string): string | null {
  const folder = dirname(file);
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats?.isDirectory()) return 'it is a folder';
    if (stats) {
      accessSync(file, constants.W_OK);
      return null;
    }
    const parent = statSync(folder, { throwIfNoEntry: false });
    if (!parent) return `no such folder ${folder}`;
    if (!parent.isDirectory()) return `${folder} is not a folder`;
    accessSync(folder, constants.W_OK);
    return null;
  } catch (e) {
    return fsReason(e);
  }
}

function fsReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return message(e).split('\n')[0] ?? '';
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
