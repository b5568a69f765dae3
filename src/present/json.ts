// JSON and JSON Lines output of the `newslens/1` Analysis, exactly as the core returns it
// (no fields added, none reordered).
//
// JSON.stringify leaves NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) of
// the article's text raw inside strings. They are valid JSON, but line splitters such as Python's
// str.splitlines (and JavaScript before ES2019) end a line there, which would cut a JSON Lines
// record in two. They are written as \u escapes instead: the same JSON once parsed, only ASCII line
// ends left in the bytes.

import type { Analysis } from '../core';

const UNICODE_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

/** JSON.stringify with the Unicode line breaks escaped (they only ever occur inside strings). */
function stringify(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNICODE_LINE_BREAKS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One Analysis, pretty-printed, with a final newline. */
export function formatJson(analysis: Analysis): string {
  return stringify(analysis, 2) + '\n';
}

/** One Analysis on one line (JSON Lines), with a final newline. */
export function formatJsonl(analysis: Analysis): string {
  return stringify(analysis) + '\n';
}

/** One Analysis as an element of JsonArrayWriter's array: pretty-printed, indented by two. */
export function formatJsonArrayItem(analysis: Analysis): string {
  return stringify(analysis, 2).replace(/\n/g, '\n  ');
}

/**
 * Writes a JSON array one element at a time, so a large batch is never held in memory.
 * The bytes equal `formatJson` of the whole array (`JSON.stringify(items, null, 2) + '\n'`, Unicode
 * line breaks escaped).
 */
export class JsonArrayWriter {
  private count = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  item(analysis: Analysis): void {
    this.itemText(formatJsonArrayItem(analysis));
  }

  /** An item already rendered by `formatJsonArrayItem` (in a worker thread of the command line). */
  itemText(rendered: string): void {
    this.write((this.count === 0 ? '[\n  ' : ',\n  ') + rendered);
    this.count++;
  }

  close(): void {
    this.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}
