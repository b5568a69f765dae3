// JSON and JSON Lines output of the `newslens/1` Analysis, exactly as the core returns it
// (no fields added, none reordered).

import type { Analysis } from '../core';

/** One Analysis, pretty-printed, with a final newline. */
export function formatJson(analysis: Analysis): string {
  return JSON.stringify(analysis, null, 2) + '\n';
}

/** One Analysis on one line (JSON Lines), with a final newline. */
export function formatJsonl(analysis: Analysis): string {
  return JSON.stringify(analysis) + '\n';
}

/**
 * Writes a JSON array one element at a time, so a large batch is never held in memory.
 * The bytes equal `JSON.stringify(items, null, 2) + '\n'`.
 */
export class JsonArrayWriter {
  private count = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  item(analysis: Analysis): void {
    const indented = JSON.stringify(analysis, null, 2).replace(/\n/g, '\n  ');
    this.write((this.count === 0 ? '[\n  ' : ',\n  ') + indented);
    this.count++;
  }

  close(): void {
    this.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}
