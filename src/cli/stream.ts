// `annotate --format jsonl -`: JSON Lines in, JSON Lines out, for corpora that run under a
// streaming step of a distributed engine (Hadoop Streaming, Spark's `rdd.pipe`).
//
// Input: one JSON object a line, `{"id": ..., "text": "..."}` (other fields ignored; blank lines
// skipped). Output: one line per input line, in input order, written as soon as its turn comes:
//   {"id":ID,"analysis":{...newslens/1...}}        the article's analysis (without "file")
//   {"id":ID,"line":N,"error":"..."}               a line that could not be annotated (id null
//                                                   when the line has none), also on stderr
// Memory stays constant: lines are read only as fast as they are analysed (at most a few in
// flight), and a line longer than twice --max-size is skipped without being held whole.

import { MB, sizeMessage } from './read';
import { runOrdered } from './pool';
import type { JobResult } from './render';

export interface RawLine {
  /** 1-based line number in the input. */
  line: number;
  bytes: Buffer | null;
  /** Bytes of a line that was too long to keep (bytes is then null). */
  skipped: number;
}

/**
 * Splits a byte stream into lines (LF, a CR before it dropped), holding at most `maxBytes` of one
 * line; a longer line is counted and dropped. Pulls the next chunk only when asked for the next line.
 */
export async function* splitLines(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let skipped = 0;
  let line = 0;
  const finish = (): RawLine => {
    line++;
    let bytes: Buffer | null = null;
    if (skipped === 0) {
      bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, held);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    }
    const out = { line, bytes, skipped: skipped === 0 ? 0 : skipped + held };
    parts = [];
    held = 0;
    skipped = 0;
    return out;
  };
  const keep = (piece: Buffer): void => {
    if (piece.length === 0) return;
    if (skipped > 0 || held + piece.length > maxBytes) {
      skipped += piece.length + (skipped === 0 ? held : 0);
      parts = [];
      held = 0;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };
  for await (const chunk of source) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a)) {
      keep(buffer.subarray(0, nl));
      yield finish();
      buffer = buffer.subarray(nl + 1);
    }
    keep(buffer);
  }
  if (held > 0 || skipped > 0) yield finish();
}

export type LineRecord = { line: number; id: unknown; text: string } | { line: number; id: unknown; error: string };

/** Reads one input line; null for a blank line (skipped). */
export function parseRecord(raw: RawLine, maxSizeMb: number): LineRecord | null {
  const { line } = raw;
  if (raw.bytes === null) {
    return { line, id: null, error: `line is ${(raw.skipped / MB).toFixed(1)} MB, longer than twice the ${maxSizeMb} MB size limit (raise it with --max-size)` };
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(raw.bytes);
  } catch {
    return { line, id: null, error: 'is not valid UTF-8' };
  }
  if (source.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { line, id: null, error: `is not JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, id: null, error: 'is not a JSON object like {"id": ..., "text": "..."}' };
  }
  const record = value as Record<string, unknown>;
  const id = record.id === undefined ? null : record.id;
  if (record.id === undefined) return { line, id, error: 'has no "id"' };
  if (typeof record.text !== 'string') return { line, id, error: 'has no "text" string' };
  const bytes = Buffer.byteLength(record.text, 'utf8');
  if (bytes > maxSizeMb * MB) return { line, id, error: sizeMessage(bytes, maxSizeMb, 'text') };
  if (record.text.trim() === '') return { line, id, error: record.text === '' ? 'text is empty' : 'text is empty (only whitespace)' };
  return { line, id, text: record.text };
}

export interface StreamIo {
  stdin: AsyncIterable<Buffer | string>;
  stdout(chunk: string): void;
  /** One error line (already prefixed and ended). */
  error(line: string): void;
  /** Resolves when stdout can take more (a reader that stops reading stops the input too). */
  drain?(): Promise<void>;
  /** Called after each output line (ok false for an error record). */
  tick?(ok: boolean): void;
}

/**
 * Streams stdin to stdout. `exec` analyses one text (in a worker or in this thread: render.ts's
 * runJob, giving the analysis as one line of JSON); `window` bounds how many lines are in flight.
 * Returns the number of lines that failed.
 */
export async function streamJsonLines(
  io: StreamIo,
  maxSizeMb: number,
  window: number,
  exec: (text: string) => Promise<JobResult> | JobResult,
): Promise<number> {
  let failed = 0;
  const records = async function* (): AsyncGenerator<LineRecord> {
    for await (const raw of splitLines(io.stdin, 2 * maxSizeMb * MB)) {
      const record = parseRecord(raw, maxSizeMb);
      if (record) yield record;
    }
  };
  await runOrdered(
    records(),
    window,
    (record) => ('error' in record ? { error: record.error } : exec(record.text)),
    async (record, result) => {
      if ('error' in result) {
        failed++;
        const id = record.id === null ? '' : ` (id ${truncate(JSON.stringify(record.id))})`;
        io.error(`newslens: stdin line ${record.line}${id}: ${result.error}\n`);
        io.stdout(`{"id":${JSON.stringify(record.id)},"line":${record.line},"error":${JSON.stringify(result.error)}}\n`);
        io.tick?.(false);
      } else {
        // The analysis was turned into JSON where it was made (a worker thread): only a string crossed.
        io.stdout(`{"id":${JSON.stringify(record.id)},"analysis":${result.stdout ?? ''}}\n`);
        io.tick?.(true);
      }
      await io.drain?.();
    },
  );
  return failed;
}

function truncate(s: string): string {
  return s.length <= 60 ? s : s.slice(0, 57) + '...';
}
