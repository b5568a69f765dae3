// Shape check of the `newslens/1` Analysis contract (see ARCHITECTURE.md), reusable by any test:
//   assertValidAnalysis(analyze(text), text)
// It collects every violation and fails once, naming each by its JSON path.
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../src/core';

const ENTITY_TYPES = new Set(['person', 'organization', 'place']);
const MENTION_VIA = new Set(['name', 'alias', 'pronoun', 'description']);
const QUOTE_KINDS = new Set(['direct', 'indirect', 'mixed']);
const CREDIT_KINDS = new Set(['byline', 'dateline', 'wire', 'source', 'photo', 'contributor']);

// The keys of each object, in the order docs/newslens-1.md promises ("no other keys are emitted").
const TOP_KEYS = ['schema', 'file', 'length', 'body', 'entities', 'quotes', 'credits'];
const ENTITY_KEYS = ['id', 'type', 'name', 'title', 'mentions'];
const MENTION_KEYS = ['start', 'end', 'text', 'via'];
const QUOTE_KEYS = ['id', 'kind', 'content', 'cue', 'source', 'speaker', 'anonymous', 'confidence'];
const CREDIT_KEYS = ['kind', 'start', 'end', 'text', 'names'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Is `pos` between the two halves of a surrogate pair (so a span boundary there would split a character)? */
export function splitsSurrogatePair(text: string, pos: number): boolean {
  if (pos <= 0 || pos >= text.length) return false;
  const hi = text.charCodeAt(pos - 1);
  const lo = text.charCodeAt(pos);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/**
 * Fails (one AssertionError listing every problem) unless `a` is a well-formed newslens/1 Analysis of `text`:
 * schema and length; every offset an integer with 0 <= start <= end <= length; every `text` field equal to
 * text.slice(start, end); no start or end between the two halves of a surrogate pair; enum fields in
 * range; ids unique, numbered e1, e2, ... (entities in the order of their first mention) and q1, q2, ... in text order; every quote's speaker an existing
 * entity id and anonymous quotes without one; mentions and credits sorted by start; each object's keys
 * exactly those of docs/newslens-1.md, in its order; the whole object plain JSON (survives
 * JSON.stringify/parse unchanged).
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
    if (splitsSurrogatePair(text, s)) err(path + '.start', `${s} splits a surrogate pair (${show(text.slice(s - 1, s + 1))})`);
    if (e !== s && splitsSurrogatePair(text, e)) err(path + '.end', `${e} splits a surrogate pair (${show(text.slice(e - 1, e + 1))})`);
    if (opts.withText) {
      if (typeof v.text !== 'string') err(path + '.text', `must be a string, got ${show(v.text)}`);
      else if (v.text !== text.slice(s, e))
        err(path + '.text', `${show(v.text)} differs from text.slice(${s}, ${e}) = ${show(text.slice(s, e))}`);
    }
    return true;
  };

  /** The object's own keys must be `expected` (in that order), minus optional ones it lacks. */
  const keys = (v: Obj, expected: readonly string[], path: string, optional: readonly string[] = []): void => {
    const want = expected.filter((k) => !optional.includes(k) || k in v);
    const got = Object.keys(v);
    if (got.join(',') !== want.join(','))
      err(path, `keys must be ${want.join(', ')} in that order, got ${got.join(', ')}`);
  };

  if (!isObj(a)) {
    assert.fail(`Analysis must be a plain object, got ${show(a)}`);
  }
  keys(a, TOP_KEYS, '(top level)', ['file']);
  if (a.schema !== 'newslens/1') err('schema', `must be "newslens/1", got ${show(a.schema)}`);
  if (a.length !== text.length) err('length', `must be the text length ${text.length} (UTF-16 code units), got ${show(a.length)}`);
  if ('file' in a && typeof a.file !== 'string') err('file', `must be a string when present, got ${show(a.file)}`);
  if (span(a.body, 'body')) keys(a.body, ['start', 'end'], 'body');

  // entities
  const entityIds = new Set<string>();
  if (!Array.isArray(a.entities)) err('entities', `must be an array, got ${show(a.entities)}`);
  else
    a.entities.forEach((en: unknown, i: number) => {
      const p = `entities[${i}]`;
      if (!isObj(en)) return err(p, `must be an object, got ${show(en)}`);
      keys(en, ENTITY_KEYS, p);
      if (typeof en.id !== 'string' || en.id === '') err(p + '.id', `must be a non-empty string, got ${show(en.id)}`);
      else if (entityIds.has(en.id)) err(p + '.id', `duplicate id ${show(en.id)}`);
      else entityIds.add(en.id);
      if (en.id !== `e${i + 1}`) err(p + '.id', `entities are numbered e1, e2, ... in order: expected "e${i + 1}", got ${show(en.id)}`);
      if (!ENTITY_TYPES.has(en.type as string)) err(p + '.type', `must be person|organization|place, got ${show(en.type)}`);
      if (typeof en.name !== 'string' || en.name.trim() === '') err(p + '.name', `must be a non-empty string, got ${show(en.name)}`);
      if (en.title !== null && typeof en.title !== 'string') err(p + '.title', `must be a string or null, got ${show(en.title)}`);
      if (!Array.isArray(en.mentions)) return err(p + '.mentions', `must be an array, got ${show(en.mentions)}`);
      if (en.mentions.length === 0) err(p + '.mentions', 'an entity is named somewhere: at least one mention');
      let prev: Obj | null = null;
      en.mentions.forEach((m: unknown, j: number) => {
        const mp = `${p}.mentions[${j}]`;
        if (!span(m, mp, { nonEmpty: true, withText: true })) return;
        keys(m, MENTION_KEYS, mp);
        if (!MENTION_VIA.has(m.via as string)) err(mp + '.via', `must be name|alias|pronoun|description, got ${show(m.via)}`);
        if (prev && (m.start as number) < (prev.start as number)) err(mp, `mentions must be sorted by start (${m.start} after ${prev.start})`);
        if (prev && m.start === prev.start && m.end === prev.end) err(mp, `same span as the mention before it (${m.start}-${m.end})`);
        prev = m;
      });
    });

  // entities in the order of their first mention (docs/newslens-1.md)
  if (Array.isArray(a.entities)) {
    const firstMention = (en: unknown): number =>
      isObj(en) && Array.isArray(en.mentions) && en.mentions.length > 0
        ? Math.min(...en.mentions.map((m: unknown) => (isObj(m) && typeof m.start === 'number' ? m.start : Infinity)))
        : NaN;
    for (let i = 1; i < a.entities.length; i++)
      if (firstMention(a.entities[i]) < firstMention(a.entities[i - 1]))
        err(`entities[${i}]`, `entities must be in the order of their first mention (first mention at ${firstMention(a.entities[i])}, after one at ${firstMention(a.entities[i - 1])})`);
  }

  // quotes
  const quoteIds = new Set<string>();
  if (!Array.isArray(a.quotes)) err('quotes', `must be an array, got ${show(a.quotes)}`);
  else
    a.quotes.forEach((q: unknown, i: number) => {
      const p = `quotes[${i}]`;
      if (!isObj(q)) return err(p, `must be an object, got ${show(q)}`);
      keys(q, QUOTE_KEYS, p);
      if (typeof q.id !== 'string' || q.id === '') err(p + '.id', `must be a non-empty string, got ${show(q.id)}`);
      else if (quoteIds.has(q.id)) err(p + '.id', `duplicate id ${show(q.id)}`);
      else quoteIds.add(q.id);
      if (q.id !== `q${i + 1}`) err(p + '.id', `quotes are numbered q1, q2, ... in order: expected "q${i + 1}", got ${show(q.id)}`);
      if (!QUOTE_KINDS.has(q.kind as string)) err(p + '.kind', `must be direct|indirect|mixed, got ${show(q.kind)}`);
      if (!Array.isArray(q.content) || q.content.length === 0) err(p + '.content', `must be a non-empty array of spans, got ${show(q.content)}`);
      else {
        let prevEnd = -1;
        q.content.forEach((c: unknown, j: number) => {
          const cp = `${p}.content[${j}]`;
          if (!span(c, cp, { nonEmpty: true })) return;
          keys(c, ['start', 'end'], cp);
          if ((c.start as number) < prevEnd) err(cp, `pieces must be in text order and must not overlap (starts at ${c.start}, previous piece ends at ${prevEnd})`);
          prevEnd = c.end as number;
        });
      }
      if (q.cue !== null && span(q.cue, p + '.cue', { nonEmpty: true, withText: true })) keys(q.cue, ['start', 'end', 'text'], p + '.cue');
      if (q.source !== null && span(q.source, p + '.source', { nonEmpty: true, withText: true })) keys(q.source, ['start', 'end', 'text'], p + '.source');
      if (q.speaker !== null && typeof q.speaker !== 'string') err(p + '.speaker', `must be an entity id or null, got ${show(q.speaker)}`);
      if (typeof q.anonymous !== 'boolean') err(p + '.anonymous', `must be a boolean, got ${show(q.anonymous)}`);
      else if (q.anonymous && q.speaker !== null) err(p + '.speaker', `an anonymous quote has no speaker, got ${show(q.speaker)}`);
      if (typeof q.confidence !== 'number' || !(q.confidence >= 0 && q.confidence <= 1))
        err(p + '.confidence', `must be a number in [0, 1], got ${show(q.confidence)}`);
    });
  // quotes in the order of their first content piece
  if (Array.isArray(a.quotes)) {
    const firstStart = (q: unknown): number =>
      isObj(q) && Array.isArray(q.content) && isObj(q.content[0]) && typeof q.content[0].start === 'number' ? q.content[0].start : NaN;
    for (let i = 1; i < a.quotes.length; i++)
      if (firstStart(a.quotes[i]) < firstStart(a.quotes[i - 1]))
        err(`quotes[${i}]`, `quotes must be in text order of their first piece (${firstStart(a.quotes[i])} after ${firstStart(a.quotes[i - 1])})`);
  }
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
      keys(c, CREDIT_KEYS, p);
      const before: unknown = (a.credits as unknown[])[i - 1];
      if (isObj(before) && typeof before.start === 'number' && (c.start as number) < before.start)
        err(p, `credits must be sorted by start (${c.start} after ${before.start})`);
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
