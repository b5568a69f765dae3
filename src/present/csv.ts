// CSV output: one row per quote (RFC 4180: comma separated, CRLF line ends, fields holding a
// comma, a double quote or a line break are quoted with inner quotes doubled).
// A cell that a spreadsheet would run as a formula gets a leading apostrophe, so opening the file
// never executes text taken from an article: a cell starting with = + - @, a tab or a CR (OWASP's
// list), or a NUL (OWASP ASVS 5, requirement 1.2.10, adds it).

import type { Analysis, Entity, Quote } from '../core';

export const CSV_COLUMNS = [
  'file',
  'quote',
  'kind',
  'speaker',
  'speaker_title',
  'anonymous',
  'source',
  'cue',
  'content',
  'start',
  'end',
  'confidence',
] as const;

/** Joins the pieces of a discontinuous quote. */
export const PIECE_SEPARATOR = ' … ';

const FORMULA_START = /^[=+\-@\t\r\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function csvHeader(): string {
  return csvLine(CSV_COLUMNS);
}

/** The raw (unquoted) cells of each quote of an article, in CSV_COLUMNS order. */
export function csvRows(analysis: Analysis, text: string): string[][] {
  const entities = new Map(analysis.entities.map((e) => [e.id, e]));
  return analysis.quotes.map((q) => quoteRow(analysis.file ?? '', q, entities, text));
}

/** The rows of one article, without the header. */
export function formatCsvRows(analysis: Analysis, text: string): string {
  return csvRows(analysis, text).map(csvLine).join('');
}

function quoteRow(file: string, q: Quote, entities: Map<string, Entity>, text: string): string[] {
  const speaker = q.speaker === null ? undefined : entities.get(q.speaker);
  const starts = q.content.map((p) => p.start);
  const ends = q.content.map((p) => p.end);
  return [
    file,
    q.id,
    q.kind,
    speaker?.name ?? '',
    speaker?.title ?? '',
    String(q.anonymous),
    q.source?.text ?? '',
    q.cue?.text ?? '',
    q.content.map((p) => text.slice(p.start, p.end)).join(PIECE_SEPARATOR),
    starts.length > 0 ? String(Math.min(...starts)) : '',
    ends.length > 0 ? String(Math.max(...ends)) : '',
    String(q.confidence),
  ];
}
