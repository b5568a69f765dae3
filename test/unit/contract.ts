// Shape check of the `newslens/1` Analysis contract (see ARCHITECTURE.md), reusable by any test:
//   assertValidAnalysis(analyze(text), text)
// It collects every violation and fails once, naming each by its JSON path.
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../src/core';

const ENTITY_TYPES = new Set(['person', 'organization', 'place']);
const MENTION_VIA = new Set(['name', 'alias', 'pronoun', 'description']);
const QUOTE_KINDS = new Set(['direct', 'indirect', 'mixed']);
const CREDIT_KINDS = new Set(['byline', 'dateline', 'wire', 'source', 'photo', 'contributor']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/**
 * Fails (one AssertionError listing every problem) unless `a` is a well-formed newslens/1 Analysis of `text`:
 * schema and length; every offset an integer with 0 <= start <= end <= length; every `text` field equal to
 * text.slice(start, end); enum fields in range; ids unique; every quote's speaker an existing entity id;
 * the whole object plain JSON (survives JSON.stringify/parse unchanged).
 */
export function assertValidAnalysis(a: unknown, text: string): asserts a is Analysis {
  const errors: string[] = [];
  const err = (path: string, msg: string): void => {
    errors.push(`${path}: ${msg}`);
  };

  const span = (v: unknown, path: string, opts: { nonEmpty?: boolean; withText?: boolean } = {}): v is Obj => {
    if (!isObj(v)) {
      err(path, `expected {start, end${opts.withText ? ', text' : ''}}, got ${show(v)}`);
      return false;
    }
    const { start, end } = v;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      err(path, `start/end must be integers, got start=${show(start)} end=${show(end)}`);
      return false;
    }
    const s = start as number;
    const e = end as number;
    if (!(0 <= s && s <= e && e <= text.length)) {
      err(path, `offsets out of range: need 0 <= start (${s}) <= end (${e}) <= length (${text.length})`);
      return false;
    }
    if (opts.nonEmpty && s === e) err(path, `empty span at ${s}`);
    if (opts.withText) {
      if (typeof v.text !== 'string') err(path + '.text', `must be a string, got ${show(v.text)}`);
      else if (v.text !== text.slice(s, e))
        err(path + '.text', `${show(v.text)} differs from text.slice(${s}, ${e}) = ${show(text.slice(s, e))}`);
    }
    return true;
  };

  if (!isObj(a)) {
    assert.fail(`Analysis must be a plain object, got ${show(a)}`);
  }
  if (a.schema !== 'newslens/1') err('schema', `must be "newslens/1", got ${show(a.schema)}`);
  if (a.length !== text.length) err('length', `must be the text length ${text.length} (UTF-16 code units), got ${show(a.length)}`);
  if ('file' in a && typeof a.file !== 'string') err('file', `must be a string when present, got ${show(a.file)}`);
  span(a.body, 'body');

  // entities
  const entityIds = new Set<string>();
  if (!Array.isArray(a.entities)) err('entities', `must be an array, got ${show(a.entities)}`);
  else
    a.entities.forEach((en: unknown, i: number) => {
      const p = `entities[${i}]`;
      if (!isObj(en)) return err(p, `must be an object, got ${show(en)}`);
      if (typeof en.id !== 'string' || en.id === '') err(p + '.id', `must be a non-empty string, got ${show(en.id)}`);
      else if (entityIds.has(en.id)) err(p + '.id', `duplicate id ${show(en.id)}`);
      else entityIds.add(en.id);
      if (!ENTITY_TYPES.has(en.type as string)) err(p + '.type', `must be person|organization|place, got ${show(en.type)}`);
      if (typeof en.name !== 'string' || en.name.trim() === '') err(p + '.name', `must be a non-empty string, got ${show(en.name)}`);
      if (en.title !== null && typeof en.title !== 'string') err(p + '.title', `must be a string or null, got ${show(en.title)}`);
      if (!Array.isArray(en.mentions)) return err(p + '.mentions', `must be an array, got ${show(en.mentions)}`);
      en.mentions.forEach((m: unknown, j: number) => {
        const mp = `${p}.mentions[${j}]`;
        if (span(m, mp, { nonEmpty: true, withText: true }) && !MENTION_VIA.has(m.via as string))
          err(mp + '.via', `must be name|alias|pronoun|description, got ${show(m.via)}`);
      });
    });

  // quotes
  const quoteIds = new Set<string>();
  if (!Array.isArray(a.quotes)) err('quotes', `must be an array, got ${show(a.quotes)}`);
  else
    a.quotes.forEach((q: unknown, i: number) => {
      const p = `quotes[${i}]`;
      if (!isObj(q)) return err(p, `must be an object, got ${show(q)}`);
      if (typeof q.id !== 'string' || q.id === '') err(p + '.id', `must be a non-empty string, got ${show(q.id)}`);
      else if (quoteIds.has(q.id)) err(p + '.id', `duplicate id ${show(q.id)}`);
      else quoteIds.add(q.id);
      if (!QUOTE_KINDS.has(q.kind as string)) err(p + '.kind', `must be direct|indirect|mixed, got ${show(q.kind)}`);
      if (!Array.isArray(q.content) || q.content.length === 0) err(p + '.content', `must be a non-empty array of spans, got ${show(q.content)}`);
      else {
        let prevEnd = -1;
        q.content.forEach((c: unknown, j: number) => {
          const cp = `${p}.content[${j}]`;
          if (!span(c, cp, { nonEmpty: true })) return;
          if ((c.start as number) < prevEnd) err(cp, `pieces must be in text order and must not overlap (starts at ${c.start}, previous piece ends at ${prevEnd})`);
          prevEnd = c.end as number;
        });
      }
      if (q.cue !== null) span(q.cue, p + '.cue', { nonEmpty: true, withText: true });
      if (q.source !== null) span(q.source, p + '.source', { nonEmpty: true, withText: true });
      if (q.speaker !== null && typeof q.speaker !== 'string') err(p + '.speaker', `must be an entity id or null, got ${show(q.speaker)}`);
      if (typeof q.anonymous !== 'boolean') err(p + '.anonymous', `must be a boolean, got ${show(q.anonymous)}`);
      if (typeof q.confidence !== 'number' || !(q.confidence >= 0 && q.confidence <= 1))
        err(p + '.confidence', `must be a number in [0, 1], got ${show(q.confidence)}`);
    });
  // speaker ids (after all entities are known)
  if (Array.isArray(a.quotes))
    a.quotes.forEach((q: unknown, i: number) => {
      if (isObj(q) && typeof q.speaker === 'string' && !entityIds.has(q.speaker))
        err(`quotes[${i}].speaker`, `refers to entity ${show(q.speaker)}, which is not in entities`);
    });

  // credits
  if (!Array.isArray(a.credits)) err('credits', `must be an array, got ${show(a.credits)}`);
  else
    a.credits.forEach((c: unknown, i: number) => {
      const p = `credits[${i}]`;
      if (!span(c, p, { nonEmpty: true, withText: true })) return;
      if (!CREDIT_KINDS.has(c.kind as string)) err(p + '.kind', `must be byline|dateline|wire|source|photo|contributor, got ${show(c.kind)}`);
      if (!Array.isArray(c.names) || c.names.some((n: unknown) => typeof n !== 'string'))
        err(p + '.names', `must be an array of strings, got ${show(c.names)}`);
    });

  // plain JSON: no undefined values, NaN, class instances or functions
  try {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), a);
  } catch {
    err('(whole)', 'is not plain JSON: JSON.parse(JSON.stringify(analysis)) differs (undefined values, NaN, Map/class instances?)');
  }

  if (errors.length > 0) {
    const shown = errors.slice(0, 25);
    const more = errors.length > shown.length ? `\n  ... and ${errors.length - shown.length} more` : '';
    assert.fail(`Analysis breaks the newslens/1 contract (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n  ${shown.join('\n  ')}${more}`);
  }
}
