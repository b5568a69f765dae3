// Shared helpers for tests that read an analysis the way a user reads the annotated article: find
// the quote with a given phrase, and show the whole analysis when an expectation fails.
import { strict as assert } from 'node:assert';
import { analyze, type Analysis, type Entity, type Quote, type QuoteKind } from '../../src/core';
import { assertValidAnalysis } from './contract';

export interface Found {
  /** Words of each piece, without enclosing quotation marks or the handover comma (see clean()). */
  pieces: string[];
  /** All pieces joined with a space. */
  content: string;
  cue: string | null;
  source: string | null;
  /** The speaker entity's canonical name, or null. */
  speaker: string | null;
  kind: QuoteKind;
  anonymous: boolean;
  quote: Quote;
}

export const para = (...ps: string[]): string => ps.join('\n\n');

/** Analyse and validate against the newslens/1 contract. */
export function run(text: string): Analysis {
  const a = analyze(text);
  assertValidAnalysis(a, text);
  return a;
}

/** A content piece without its enclosing quotation marks, surrounding space and handover comma. */
export function clean(piece: string): string {
  let s = piece.trim();
  for (;;) {
    const before = s;
    s = s.replace(/^(?:''|["“”„«»])/, '').replace(/(?:''|["“”„«»])$/, '').trim();
    s = s.replace(/,$/, '').trim();
    if (s === before) return s;
  }
}

/** Reported speech: the words after an optional "that". */
export function reported(s: string): string {
  return s.replace(/^that\s+/i, '');
}

export function entitiesSummary(a: Analysis): string {
  if (a.entities.length === 0) return '  (no entities)';
  return a.entities
    .map((e) => `  ${e.id} ${e.type} ${JSON.stringify(e.name)} title=${JSON.stringify(e.title)} mentions=[${e.mentions.map((m) => `${JSON.stringify(m.text)}/${m.via}`).join(', ')}]`)
    .join('\n');
}

/** Every quote and entity, one a line: what a failing test shows. */
export function summary(a: Analysis, text: string): string {
  const quotes = a.quotes.length === 0
    ? '  (no quotes)'
    : a.quotes
        .map((q) => {
          const sp = a.entities.find((e) => e.id === q.speaker);
          const content = q.content.map((p) => JSON.stringify(text.slice(p.start, p.end))).join(' + ');
          return `  ${q.id} ${q.kind} content=${content} cue=${JSON.stringify(q.cue?.text ?? null)} source=${JSON.stringify(q.source?.text ?? null)} speaker=${JSON.stringify(sp?.name ?? null)} anonymous=${q.anonymous}`;
        })
        .join('\n');
  return `quotes:\n${quotes}\nentities:\n${entitiesSummary(a)}`;
}

export function found(a: Analysis, text: string, q: Quote): Found {
  const pieces = q.content.map((p) => clean(text.slice(p.start, p.end)));
  return {
    pieces,
    content: pieces.join(' '),
    cue: q.cue?.text ?? null,
    source: q.source?.text ?? null,
    speaker: a.entities.find((e) => e.id === q.speaker)?.name ?? null,
    kind: q.kind,
    anonymous: q.anonymous,
    quote: q,
  };
}

/** The one quote whose content contains `fragment`; fails, listing every quote, if there is none or several. */
export function quoteWith(text: string, fragment: string, a: Analysis = run(text)): Found {
  const hits = a.quotes.filter((q) => q.content.some((p) => text.slice(p.start, p.end).includes(fragment)));
  if (hits.length === 0) assert.fail(`no quote has content containing ${JSON.stringify(fragment)}; the analysis has:\n${summary(a, text)}`);
  if (hits.length > 1) assert.fail(`${hits.length} quotes have content containing ${JSON.stringify(fragment)} (one statement, one quote); the analysis has:\n${summary(a, text)}`);
  return found(a, text, hits[0]!);
}

/** The one entity with this canonical name. */
export function entity(a: Analysis, name: string): Entity {
  const hits = a.entities.filter((e) => e.name === name);
  if (hits.length !== 1) assert.fail(`expected one entity named ${JSON.stringify(name)}, found ${hits.length}; entities:\n${entitiesSummary(a)}`);
  return hits[0]!;
}

/** Assert one field, showing the whole analysis on failure. */
export function field<T>(actual: T, expected: T, what: string, a: Analysis, text: string): void {
  assert.deepEqual(actual, expected, `${what} — want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}\nthe analysis has:\n${summary(a, text)}`);
}
