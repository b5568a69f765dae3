// Everything `annotate` does for one article, in one function: read it, analyse it, apply the
// corrections sidecar beside it, and render the chosen format. With --jobs N a worker thread runs
// it (pool.ts) and posts back only strings; with --jobs 1 the main thread runs the very same
// function, so the output is byte for byte the same. The main thread is left with what needs the
// whole run: input order, separators between articles, the "same name" check, brat's
// annotation.conf, writing, progress and error lines.

import { analyze, type Analysis } from '../core';
import { formatBrat } from '../present/brat';
import { csvHeader, formatCsvRows } from '../present/csv';
import { formatJson, formatJsonArrayItem, formatJsonl, JsonArrayWriter } from '../present/json';
import { formatMarkdown } from '../present/markdown';
import { SidecarError } from '../present/sidecar-file';
import type { Format } from './annotate';
import { formatTerminal } from './formats/terminal';
import { ArticleError, firstLine, readArticle } from './read';
import { applySidecarBeside, correctionsHeading, unplacedLines } from './sidecar-apply';

/** How each article is rendered: the same for every article of a run. */
export interface RenderOptions {
  format: Format;
  /** Files for --out (true) or a chunk of standard output (false). */
  toFolder: boolean;
  /** Several articles to stdout: JSON array items, brat's `# file:` lines. */
  several: boolean;
  /** Apply the sidecar beside the article (false with --no-corrections). */
  corrections: boolean;
  /** Terminal format: colours and width. */
  color: boolean;
  width: number;
}

/** One job: an article on disk (`annotate PATH...`), or a text already read (`annotate -`). */
export type Job =
  | { kind: 'file'; path: string; maxSizeMb: number; file: string; outName: string; render: RenderOptions }
  | { kind: 'text'; text: string; file?: string };

/** An article done: only strings, cheap to post from a worker thread. */
export interface Rendered {
  /**
   * For stdout: the article's chunk, without what depends on its place in the run (the blank line
   * between two Markdown or terminal reports, the JSON array's brackets and commas: see
   * `joinChunk`). For `annotate -`: the analysis as one line of JSON, without a newline.
   */
  stdout?: string;
  /** For --out: [file name relative to the folder, content] pairs, in writing order. */
  files?: Array<[string, string]>;
  /** Lines for stderr (corrections that could not be placed), each ended by a newline. */
  stderr: string[];
}

export type JobResult = Rendered | { error: string };

/**
 * Does one job in the current thread (a worker, or the main thread with --jobs 1). Every failure is
 * the article's own (`{ error }`), the same in both: a bug in a formatter fails that article, named.
 */
export function runJob(job: Job): JobResult {
  try {
    if (job.kind === 'text') return { stdout: JSON.stringify(analyzeOrExplain(job.text, job.file)), stderr: [] };
    const text = readArticle(job.path, job.maxSizeMb);
    return renderArticle(job.file, job.outName, text, analyzeOrExplain(text, job.file), job.render);
  } catch (error) {
    if (error instanceof ArticleError) return { error: error.message };
    return { error: `annotating failed (a NewsLens bug, please report it): ${firstLine(error)}` };
  }
}

function analyzeOrExplain(text: string, file: string | undefined): Analysis {
  try {
    return analyze(text, file === undefined ? {} : { file });
  } catch (error) {
    throw new ArticleError(`analysis failed (a NewsLens bug, please report it): ${firstLine(error)}`);
  }
}

/**
 * The article's output: the sidecar's corrections applied (the terminal heading says how many,
 * those that could not be placed get a stderr line; a malformed or newer sidecar fails the article,
 * left as it is), then the format rendered.
 */
export function renderArticle(file: string, outName: string, text: string, analysis: Analysis, options: RenderOptions): Rendered {
  let note: string | undefined;
  let stderr: string[] = [];
  if (options.corrections) {
    let applied: ReturnType<typeof applySidecarBeside>;
    try {
      applied = applySidecarBeside(file, text, analysis);
    } catch (error) {
      if (!(error instanceof SidecarError)) throw error;
      throw new ArticleError(`${error.message} (--no-corrections annotates without it)`);
    }
    if (applied !== null) {
      stderr = unplacedLines(file, applied);
      analysis = applied.analysis;
      note = correctionsHeading(applied);
    }
  }
  if (options.toFolder) return { files: outputFiles(options.format, outName, file, text, analysis), stderr };
  return { stdout: stdoutChunk(options, file, text, analysis, note), stderr };
}

function stdoutChunk(options: RenderOptions, file: string, text: string, analysis: Analysis, note: string | undefined): string {
  switch (options.format) {
    case 'json':
      // In an array: indented by two, the brackets and commas added by the main thread in order.
      return options.several ? formatJsonArrayItem(analysis) : formatJson(analysis);
    case 'jsonl':
      return formatJsonl(analysis);
    case 'csv':
      return formatCsvRows(analysis, text); // the header once, by the main thread
    case 'markdown':
      return formatMarkdown(analysis, text, file);
    case 'brat':
      return (options.several ? `# file: ${file}\n` : '') + formatBrat(analysis, text);
    case 'terminal':
      return formatTerminal(analysis, text, { color: options.color, width: options.width, note });
  }
}

function outputFiles(format: Format, outName: string, file: string, text: string, analysis: Analysis): Array<[string, string]> {
  switch (format) {
    case 'json':
      return [[`${outName}.json`, formatJson(analysis)]];
    case 'jsonl':
      return [[`${outName}.jsonl`, formatJsonl(analysis)]];
    case 'csv':
      return [[`${outName}.csv`, csvHeader() + formatCsvRows(analysis, text)]];
    case 'markdown':
      return [[`${outName}.md`, formatMarkdown(analysis, text, file)]];
    case 'brat':
      return [
        [`${outName}.ann`, formatBrat(analysis, text)],
        [`${outName}.txt`, text],
      ];
    case 'terminal':
      throw new Error('--format terminal cannot write files'); // refused by parseAnnotateArgs
  }
}

/**
 * Joins the stdout chunks of a run in order, adding what depends on an article's place: the blank
 * line between two Markdown or terminal reports, and for several articles as JSON the array's
 * brackets and commas (JsonArrayWriter's, so the bytes are formatJson's of the whole array).
 */
export class ChunkJoiner {
  private count = 0;
  private readonly array: JsonArrayWriter | null;

  constructor(
    private readonly options: Pick<RenderOptions, 'format' | 'several'>,
    private readonly write: (chunk: string) => void,
  ) {
    this.array = options.format === 'json' && options.several ? new JsonArrayWriter(write) : null;
  }

  /** What comes before the first article (the CSV header). */
  open(): void {
    if (this.options.format === 'csv') this.write(csvHeader());
  }

  add(chunk: string): void {
    const first = this.count++ === 0;
    switch (this.options.format) {
      case 'json':
        if (this.array) this.array.itemText(chunk);
        else this.write(chunk);
        return;
      case 'markdown':
      case 'terminal':
        this.write((first ? '' : '\n') + chunk);
        return;
      default:
        this.write(chunk);
    }
  }

  /** What comes after the last article (the JSON array's end). */
  close(): void {
    this.array?.close();
  }
}
