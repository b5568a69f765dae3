// Hand corrections: what a person changed on top of NewsLens's analysis, kept in a sidecar file
// beside the article and applied to the analysis every time. Pure: no I/O (the editor reads and
// writes the sidecar through workspace.fs, the command line through node:fs).
//
// INTERFACE AGREED BETWEEN HELPERS (coordinator, 2026-11-28). The corrections-core helper owns this
// file and fills in the implementation; the editor helper codes against these names. Changing a
// name here means telling the coordinator.
import type { Analysis, Credit, CreditKind, Entity, EntityType, Mention, MentionVia, Quote, QuoteKind, Span } from './model';
import { mergeSpans } from './text';

/** The sidecar's `format` value and the newest version this build reads and writes. */
export const SIDECAR_FORMAT = 'newslens-corrections' as const;
export const SIDECAR_VERSION = 1 as const;

/** Beside `article.txt` the sidecar is `article.txt.newslens.json`. */
export const SIDECAR_SUFFIX = '.newslens.json';

/**
 * A span of the article pinned by its text and a little context on each side, so that it can be
 * found again after the article is edited (offsets alone go stale).
 */
export interface Anchor {
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

/** Who a corrected quote is by: an entity of the analysis (by its name), or a new name. */
export interface SpeakerRef {
  name: string;
  type?: EntityType;
}

interface Base {
  /** Unique (random), so that two windows' corrections can be merged as a union. */
  id: string;
  /** ISO time the correction was made; orders the log. */
  at: string;
}

export type Correction =
  | (Base & { op: 'speaker'; quote: Anchor; speaker: SpeakerRef | null })
  | (Base & { op: 'add'; kind: QuoteKind; content: Anchor[]; cue: Anchor | null; speaker: SpeakerRef | null })
  | (Base & { op: 'remove'; quote: Anchor })
  /** `speaker`: who the quote was by when confirmed (null: nobody); the confirm holds while it still is. */
  | (Base & { op: 'confirm'; quote: Anchor; speaker: SpeakerRef | null })
  | (Base & { op: 'credit'; span: Anchor; kind: CreditKind })
  | (Base & { op: 'merge'; entities: [string, string] })
  | (Base & { op: 'split'; entities: [string, string] })
  | (Base & { op: 'rename'; entity: string; name: string })
  /** Undoes the correction `target` (the log is append-only so that merging never loses work). */
  | (Base & { op: 'undo'; target: string });

export interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  version: number;
  corrections: Correction[];
}

export type ReviewState = 'unreviewed' | 'confirmed' | 'corrected' | 'added';

export interface Corrected {
  /** The analysis with the corrections applied: still exactly `newslens/1`. */
  analysis: Analysis;
  /** Review state of each quote of `analysis`, by quote id. */
  review: Map<string, ReviewState>;
  /** Corrections that could not be placed in the current text: kept, listed, never dropped. */
  unplaced: Correction[];
  /**
   * Why an unplaced correction does not apply, by correction id, when it is not simply that its
   * words are gone (e.g. a confirm whose quote the analysis now gives another speaker).
   */
  reasons: Map<string, string>;
}

// ───────────────────────────── implementation ─────────────────────────────
// (Below the agreed interface. The sidecar format is documented in README.md, "Corrections file
// (sidecar) format".)

/** A correction before it is given its id and time: the argument of `newCorrection`. */
export type CorrectionInput = Correction extends infer C ? (C extends Correction ? Omit<C, 'id' | 'at'> : never) : never;

export function emptySidecar(): Sidecar {
  return { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, corrections: [] };
}

// ---- reading and writing the sidecar's JSON ----

export type ParsedSidecar =
  | { ok: true; sidecar: Sidecar }
  | { ok: false; reason: 'malformed' | 'newer'; message: string };

class Malformed extends Error {}

const QUOTE_KINDS: readonly QuoteKind[] = ['direct', 'indirect', 'mixed'];
const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place'];
const CREDIT_KINDS: readonly CreditKind[] = ['byline', 'dateline', 'wire', 'source', 'photo', 'contributor'];

/** The keys each operation carries besides id, at and op, in the order they are written. */
const OP_KEYS: Record<Correction['op'], readonly string[]> = {
  speaker: ['quote', 'speaker'],
  add: ['kind', 'content', 'cue', 'speaker'],
  remove: ['quote'],
  confirm: ['quote', 'speaker'],
  credit: ['span', 'kind'],
  merge: ['entities'],
  split: ['entities'],
  rename: ['entity', 'name'],
  undo: ['target'],
};

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(o: Obj, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new Malformed(`${where}: unknown field "${k}"`);
  for (const k of keys) if (!(k in o)) throw new Malformed(`${where}: missing field "${k}"`);
}

function str(v: unknown, where: string, nonEmpty = false): string {
  if (typeof v !== 'string' || (nonEmpty && v.trim() === '')) {
    throw new Malformed(`${where} must be a ${nonEmpty ? 'non-empty ' : ''}string`);
  }
  return v;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], where: string): T {
  const hit = options.find((o) => o === v);
  if (hit === undefined) throw new Malformed(`${where} must be one of ${options.join(', ')}`);
  return hit;
}

function readAnchor(v: unknown, where: string): Anchor {
  if (!isObj(v)) throw new Malformed(`${where} must be an anchor object`);
  exactKeys(v, ['start', 'end', 'text', 'before', 'after'], where);
  const { start, end } = v;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number)) {
    throw new Malformed(`${where}: start and end must be whole numbers with 0 <= start <= end`);
  }
  const text = str(v.text, `${where}.text`);
  if (text.length !== (end as number) - (start as number)) throw new Malformed(`${where}: text must be end - start characters long`);
  return { start: start as number, end: end as number, text, before: str(v.before, `${where}.before`), after: str(v.after, `${where}.after`) };
}

function readSpeaker(v: unknown, where: string): SpeakerRef | null {
  if (v === null) return null;
  if (!isObj(v)) throw new Malformed(`${where} must be {name, type?} or null`);
  for (const k of Object.keys(v)) if (k !== 'name' && k !== 'type') throw new Malformed(`${where}: unknown field "${k}"`);
  const name = str(v.name, `${where}.name`, true);
  return 'type' in v ? { name, type: oneOf(v.type, ENTITY_TYPES, `${where}.type`) } : { name };
}

function readPair(v: unknown, where: string): [string, string] {
  if (!Array.isArray(v) || v.length !== 2) throw new Malformed(`${where} must be two entity names`);
  return [str(v[0], `${where}[0]`, true), str(v[1], `${where}[1]`, true)];
}

function readCorrection(v: unknown, where: string): Correction {
  if (!isObj(v)) throw new Malformed(`${where} must be an object`);
  const op = oneOf(v.op, Object.keys(OP_KEYS) as Correction['op'][], `${where}.op`);
  exactKeys(v, ['id', 'at', 'op', ...OP_KEYS[op]], where);
  const id = str(v.id, `${where}.id`, true);
  const at = str(v.at, `${where}.at`, true);
  if (Number.isNaN(Date.parse(at))) throw new Malformed(`${where}.at must be an ISO date and time`);
  const base = { id, at };
  switch (op) {
    case 'speaker':
      return { ...base, op, quote: readAnchor(v.quote, `${where}.quote`), speaker: readSpeaker(v.speaker, `${where}.speaker`) };
    case 'add': {
      if (!Array.isArray(v.content) || v.content.length === 0) throw new Malformed(`${where}.content must be a non-empty list of anchors`);
      const content = v.content.map((a, i) => readAnchor(a, `${where}.content[${i}]`));
      const cue = v.cue === null ? null : readAnchor(v.cue, `${where}.cue`);
      return { ...base, op, kind: oneOf(v.kind, QUOTE_KINDS, `${where}.kind`), content, cue, speaker: readSpeaker(v.speaker, `${where}.speaker`) };
    }
    case 'remove':
      return { ...base, op, quote: readAnchor(v.quote, `${where}.quote`) };
    case 'confirm':
      return { ...base, op, quote: readAnchor(v.quote, `${where}.quote`), speaker: readSpeaker(v.speaker, `${where}.speaker`) };
    case 'credit':
      return { ...base, op, span: readAnchor(v.span, `${where}.span`), kind: oneOf(v.kind, CREDIT_KINDS, `${where}.kind`) };
    case 'merge':
    case 'split':
      return { ...base, op, entities: readPair(v.entities, `${where}.entities`) };
    case 'rename':
      return { ...base, op, entity: str(v.entity, `${where}.entity`, true), name: str(v.name, `${where}.name`, true) };
    case 'undo':
      return { ...base, op, target: str(v.target, `${where}.target`, true) };
  }
}

/**
 * Reads a sidecar strictly: any unknown field, missing field or wrong type makes it 'malformed'
 * (so that a file this build does not fully understand is never rewritten, losing what it held);
 * a `version` above SIDECAR_VERSION is 'newer', whatever else it holds.
 */
export function parseSidecar(json: string): ParsedSidecar {
  let data: unknown;
  try {
    data = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObj(data) || data.format !== SIDECAR_FORMAT) {
    return { ok: false, reason: 'malformed', message: `not a NewsLens corrections file (no "format": "${SIDECAR_FORMAT}")` };
  }
  const version = data.version;
  if (!Number.isInteger(version) || (version as number) < 1) {
    return { ok: false, reason: 'malformed', message: '"version" must be a whole number from 1' };
  }
  if ((version as number) > SIDECAR_VERSION) {
    return {
      ok: false,
      reason: 'newer',
      message: `written by a newer NewsLens (format version ${version as number}; this one reads up to ${SIDECAR_VERSION})`,
    };
  }
  try {
    exactKeys(data, ['format', 'version', 'corrections'], 'the file');
    if (!Array.isArray(data.corrections)) throw new Malformed('"corrections" must be a list');
    const corrections = data.corrections.map((c, i) => readCorrection(c, `corrections[${i}]`));
    const ids = new Set<string>();
    for (const c of corrections) {
      if (ids.has(c.id)) throw new Malformed(`two corrections have the id "${c.id}"`);
      ids.add(c.id);
    }
    return { ok: true, sidecar: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, corrections } };
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    return { ok: false, reason: 'malformed', message: error.message };
  }
}

function anchorJson(a: Anchor): Anchor {
  return { start: a.start, end: a.end, text: a.text, before: a.before, after: a.after };
}

function speakerJson(s: SpeakerRef | null): SpeakerRef | null {
  return s === null ? null : s.type === undefined ? { name: s.name } : { name: s.name, type: s.type };
}

/** The correction with its keys in the documented order (id, at, op, then the op's own). */
function correctionJson(c: Correction): Correction {
  const base = { id: c.id, at: c.at };
  switch (c.op) {
    case 'speaker':
      return { ...base, op: c.op, quote: anchorJson(c.quote), speaker: speakerJson(c.speaker) };
    case 'add':
      return { ...base, op: c.op, kind: c.kind, content: c.content.map(anchorJson), cue: c.cue && anchorJson(c.cue), speaker: speakerJson(c.speaker) };
    case 'remove':
      return { ...base, op: c.op, quote: anchorJson(c.quote) };
    case 'confirm':
      return { ...base, op: c.op, quote: anchorJson(c.quote), speaker: speakerJson(c.speaker) };
    case 'credit':
      return { ...base, op: c.op, span: anchorJson(c.span), kind: c.kind };
    case 'merge':
    case 'split':
      return { ...base, op: c.op, entities: [c.entities[0], c.entities[1]] };
    case 'rename':
      return { ...base, op: c.op, entity: c.entity, name: c.name };
    case 'undo':
      return { ...base, op: c.op, target: c.target };
  }
}

/** Log order: by time, then by id (so every window sorts a merged log the same way). */
export function compareCorrections(a: Correction, b: Correction): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Stable, pretty JSON ending with a newline: the same sidecar always gives the same bytes. */
export function serializeSidecar(s: Sidecar): string {
  const out = { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, corrections: [...s.corrections].sort(compareCorrections).map(correctionJson) };
  return JSON.stringify(out, null, 2) + '\n';
}

// ---- the log ----

/** Random id: Web Crypto where the host has it (Node 20, browsers), else Math.random. */
function randomId(): string {
  const bytes = new Uint8Array(9);
  const webCrypto = (globalThis as { crypto?: { getRandomValues?(b: Uint8Array): Uint8Array } }).crypto;
  if (webCrypto?.getRandomValues) webCrypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A correction with a fresh random id and the time `now` (default: the current time). */
export function newCorrection(c: CorrectionInput, now: Date = new Date()): Correction {
  return { ...c, id: randomId(), at: now.toISOString() } as Correction;
}

/**
 * The corrections in effect, in log order: every correction but the undos, minus those undone.
 * An undo is itself undone by an undo that targets it (which re-does the first correction).
 */
export function activeCorrections(s: Sidecar): Correction[] {
  const log = [...s.corrections].sort(compareCorrections);
  const undosOf = new Map<string, string[]>();
  for (const c of log) if (c.op === 'undo') undosOf.set(c.target, [...(undosOf.get(c.target) ?? []), c.id]);
  const memo = new Map<string, boolean>();
  const active = (id: string, path: Set<string>): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (path.has(id)) return true; // a cycle of undos (hand-edited file): break it
    path.add(id);
    const result = !(undosOf.get(id) ?? []).some((u) => active(u, path));
    path.delete(id);
    memo.set(id, result);
    return result;
  };
  return log.filter((c) => c.op !== 'undo' && active(c.id, new Set()));
}

/** Union by id: two windows' logs merged lose neither's corrections. On an id in both, `a`'s wins. */
export function mergeSidecars(a: Sidecar, b: Sidecar): Sidecar {
  const byId = new Map<string, Correction>();
  for (const c of b.corrections) byId.set(c.id, c);
  for (const c of a.corrections) byId.set(c.id, c);
  return { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, corrections: [...byId.values()].sort(compareCorrections) };
}

// ---- anchors ----

/** Characters of context kept on each side of an anchored span. */
export const ANCHOR_CONTEXT = 40;

export function makeAnchor(text: string, start: number, end: number): Anchor {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return {
    start: s,
    end: e,
    text: text.slice(s, e),
    before: text.slice(Math.max(0, s - ANCHOR_CONTEXT), s),
    after: text.slice(e, e + ANCHOR_CONTEXT),
  };
}

/** The anchor of a quote: the span from its first piece's start to its last piece's end. */
export function quoteAnchor(text: string, quote: Quote): Anchor {
  const first = quote.content[0];
  const last = quote.content[quote.content.length - 1];
  return makeAnchor(text, first ? first.start : 0, last ? last.end : 0);
}

/**
 * How much of the anchor's context surrounds [start, end) in `text`: the characters of `before`
 * that end right at `start` plus those of `after` that begin at `end`. A context cut short by the
 * start or end of the text counts in full when the span is again that near the text's edge.
 */
function contextScore(text: string, a: Anchor, start: number, end: number): number {
  let b = 0;
  while (b < a.before.length && start - 1 - b >= 0 && text.charCodeAt(start - 1 - b) === a.before.charCodeAt(a.before.length - 1 - b)) b++;
  let f = 0;
  while (f < a.after.length && end + f < text.length && text.charCodeAt(end + f) === a.after.charCodeAt(f)) f++;
  if (b === a.before.length && a.before.length < ANCHOR_CONTEXT && start - b === 0) b = ANCHOR_CONTEXT;
  if (f === a.after.length && a.after.length < ANCHOR_CONTEXT && end + f === text.length) f = ANCHOR_CONTEXT;
  return b + f;
}

/** Context needed to trust an occurrence of the anchor's text away from where it was. */
const MIN_CONTEXT = 12;
/** A span at least this long is distinctive on its own, whatever surrounds it. */
const DISTINCTIVE = 24;
/** A rewritten span is the same span when its text is at least this similar (1 - edits / length). */
const MIN_SIMILARITY = 0.6;
/** At most this many candidate positions on each side are tried for a rewritten span. */
const MAX_CANDIDATES = 40;
/** At most this many pairs of them are compared (nearest the old place first). */
const MAX_COMPARISONS = 60;

/** The occurrences of `name` as whole words ("Ann" not in "Annual" nor in "Joanne"). */
function wordOccurrences(text: string, name: string): number[] {
  const word = /[\p{L}\p{N}_]/u;
  return occurrences(text, name).filter((i) => !word.test(text.charAt(i - 1)) && !word.test(text.charAt(i + name.length)));
}

/**
 * Whether a correction can give a quote the new speaker `name` (one that is not an entity of the
 * analysis) without source words of its own: only when the text says the name somewhere, as whole
 * words. An added quote, or a quote whose source words are a name, needs it.
 */
export function textNames(text: string, name: string): boolean {
  return wordOccurrences(text, name.trim()).length > 0;
}

function occurrences(text: string, needle: string, limit = Infinity): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i !== -1 && out.length < limit; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Where the anchored span is in `text` now, or null when it can no longer be placed:
 * 1. at its old offsets, when its text is still there with some of its context (and half of it, or
 *    more than any other occurrence has);
 * 2. else the occurrence of its text with the most of its context (at least a little), nearest
 *    the old offset on a tie;
 * 3. else, for a span rewritten a little, the stretch between the places its context before and
 *    after are found (each may itself be edited near the span) whose text is most similar to the
 *    old text (at least 60%), nearest the old offset on a tie;
 * 4. else an occurrence of a long (distinctive) text, whatever its context;
 * 5. else, when the context survives on one side only, the old text aligned from that side (at
 *    least 60% similar, ending like the old text did where it can).
 */
export function locate(text: string, a: Anchor): { start: number; end: number } | null {
  const len = a.text.length;
  const candidates = occurrences(text, a.text).map((start) => ({ start, score: contextScore(text, a, start, start + len) }));
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.start - a.start) - Math.abs(y.start - a.start));
  const best = candidates[0];
  const needed = Math.min(MIN_CONTEXT, a.before.length + a.after.length);
  if (best) {
    const exact = candidates.find((c) => c.start === a.start);
    // At its old place with half its context around it, it has not moved, whatever a copy elsewhere has.
    const half = (a.before.length + a.after.length) / 2;
    if (exact && exact.score >= needed && (exact.score >= best.score || exact.score >= half)) return { start: a.start, end: a.end };
    if (best.score >= needed && (best.score > 0 || len >= DISTINCTIVE)) return { start: best.start, end: best.start + len };
  }
  const between = locateRewritten(text, a, false);
  if (between) return between;
  if (best && a.text.trim().length >= DISTINCTIVE) return { start: best.start, end: best.start + len };
  return locateRewritten(text, a, true);
}

/** Step 3 of `locate`: the span between its two contexts, its own text changed a little. */
function locateRewritten(text: string, a: Anchor, oneSided: boolean): { start: number; end: number } | null {
  const starts = new Set<number>();
  const ends = new Set<number>();
  /** Bounds found by the context right next to the span (not past an edit beside it): exact. */
  const exactBounds = new Set<string>();
  if (a.before === '') (starts.add(0), exactBounds.add('s0'));
  if (a.after === '') (ends.add(text.length), exactBounds.add(`e${text.length}`));
  const KEY = 12;
  // Pieces of the context nearest the span first; further ones survive an edit next to it.
  for (let skip = 0; skip + KEY <= Math.max(a.before.length, KEY) && skip <= 24; skip += 6) {
    const key = a.before.slice(Math.max(0, a.before.length - skip - KEY), a.before.length - skip);
    if (key.length < Math.min(KEY, a.before.length) || key.trim() === '') continue;
    for (const at of occurrences(text, key, 4 * MAX_CANDIDATES)) {
      starts.add(at + key.length + skip);
      if (skip === 0) exactBounds.add(`s${at + key.length}`);
    }
  }
  for (let skip = 0; skip + KEY <= Math.max(a.after.length, KEY) && skip <= 24; skip += 6) {
    const key = a.after.slice(skip, skip + KEY);
    if (key.length < Math.min(KEY, a.after.length) || key.trim() === '') continue;
    for (const at of occurrences(text, key, 4 * MAX_CANDIDATES)) {
      ends.add(at - skip);
      if (skip === 0) exactBounds.add(`e${at}`);
    }
  }
  const nearest = (xs: Set<number>, to: number): number[] =>
    [...xs].filter((x) => x >= 0 && x <= text.length).sort((x, y) => Math.abs(x - to) - Math.abs(y - to)).slice(0, MAX_CANDIDATES);
  const len = a.text.length;
  let found: { start: number; end: number; similarity: number; distance: number } | null = null;
  let budget = MAX_COMPARISONS;
  for (const s of nearest(starts, a.start)) {
    for (const e of nearest(ends, a.end)) {
      const n = e - s;
      if (n <= 0 || n < len * 0.5 || n > len * 2 + 10) continue;
      if (budget-- <= 0) break;
      const similarity = similar(a.text, text.slice(s, e), MIN_SIMILARITY);
      if (similarity < MIN_SIMILARITY) continue;
      const distance = Math.abs(s - a.start);
      if (!found || similarity > found.similarity || (similarity === found.similarity && distance < found.distance)) {
        found = { start: s, end: e, similarity, distance };
      }
    }
  }
  if (found) {
    // A context found a little way from the span (past an edit next to it) gives bounds that can
    // be off by the length of that edit: move each bound to where the text is most like the old.
    let { start, end, similarity: sim } = found;
    const R = len > 1000 ? 0 : 30; // a long span's bounds are left as found (each try costs its length squared)
    const first = a.text.charCodeAt(0);
    const last = a.text.charCodeAt(a.text.length - 1);
    // Only to a bound that starts (ends) with the old first (last) character, and only from one that does not.
    for (const side of ['start', 'end'] as const) {
      const from = side === 'start' ? start : end;
      if (exactBounds.has(side === 'start' ? `s${start}` : `e${end}`)) continue;
      if (side === 'start' ? text.charCodeAt(start) === first : text.charCodeAt(end - 1) === last) continue;
      for (let d = -R; d <= R && sim < 1; d++) {
        const s = side === 'start' ? from + d : start;
        const e = side === 'end' ? from + d : end;
        if (s < 0 || e > text.length || e <= s) continue;
        if (side === 'start' ? text.charCodeAt(s) !== first : text.charCodeAt(e - 1) !== last) continue;
        const v = similar(a.text, text.slice(s, e), MIN_SIMILARITY);
        if (v > sim) ({ start, end, similarity: sim } = { start: s, end: e, similarity: v });
      }
    }
    return { start, end };
  }
  if (!oneSided) return null;
  // Only one side's context left (the other rewritten too): align the old words from that side.
  for (const s of nearest(starts, a.start).slice(0, 3)) {
    const hit = alignFrom(a.text, text.slice(s, s + 2 * len + 10));
    const distance = Math.abs(s - a.start);
    if (hit.similarity >= MIN_SIMILARITY && (!found || hit.similarity > found.similarity || (hit.similarity === found.similarity && distance < found.distance))) {
      found = { start: s, end: s + hit.length, similarity: hit.similarity, distance };
    }
  }
  for (const e of nearest(ends, a.end).slice(0, 3)) {
    const from = Math.max(0, e - 2 * len - 10);
    const hit = alignFrom(reverse(a.text), reverse(text.slice(from, e)));
    const distance = Math.abs(e - a.end);
    if (hit.similarity >= MIN_SIMILARITY && (!found || hit.similarity > found.similarity || (hit.similarity === found.similarity && distance < found.distance))) {
      found = { start: e - hit.length, end: e, similarity: hit.similarity, distance };
    }
  }
  return found && found.end > found.start ? { start: found.start, end: found.end } : null;
}

function reverse(s: string): string {
  return s.split('').reverse().join('');
}

/**
 * The prefix of `segment` most like `pattern` (least edits; the longer on a tie) and its
 * similarity (1 - edits / longer length): an edit distance with a free end in `segment`.
 */
function alignFrom(pattern: string, segment: string): { length: number; similarity: number } {
  const m = pattern.length;
  const n = segment.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = pattern.charCodeAt(i - 1) === segment.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  const similarity = (j: number): number => {
    const longer = Math.max(m, j);
    return longer === 0 ? 0 : 1 - prev[j]! / longer;
  };
  let best = 0;
  for (let j = 1; j <= n; j++) if (similarity(j) >= similarity(best)) best = j;
  // Fewest edits favours stopping short ("…before s" for "…by spring,\""): among ends nearly as
  // good, take one that ends on the old text's last character, at a word boundary.
  const last = pattern.charCodeAt(m - 1);
  let snapped = -1;
  for (let j = 1; j <= n; j++) {
    if (similarity(j) < similarity(best) - 0.1 || segment.charCodeAt(j - 1) !== last) continue;
    if (j < n && /[\p{L}\p{N}]/u.test(segment.charAt(j)) && /[\p{L}\p{N}]/u.test(segment.charAt(j - 1))) continue;
    if (snapped === -1 || similarity(j) > similarity(snapped)) snapped = j;
  }
  const end = snapped === -1 ? best : snapped;
  return { length: end, similarity: similarity(end) };
}

/**
 * 1 - (edit distance / longer length), or 0 once it is sure to fall below `floor`: a Levenshtein
 * distance computed only in the band of the edits that `floor` allows.
 */
export function similar(x: string, y: string, floor = 0): number {
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  const maxEdits = Math.floor((1 - floor) * longer);
  if (Math.abs(x.length - y.length) > maxEdits) return 0;
  const INF = maxEdits + 1;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j <= maxEdits ? j : INF;
  for (let i = 1; i <= x.length; i++) {
    const lo = Math.max(1, i - maxEdits);
    const hi = Math.min(y.length, i + maxEdits);
    cur.fill(INF);
    cur[0] = i <= maxEdits ? i : INF;
    let rowMin = cur[0]!;
    for (let j = lo; j <= hi; j++) {
      const cost = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1, INF);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxEdits) return 0;
    [prev, cur] = [cur, prev];
  }
  const d = prev[y.length]!;
  return d > maxEdits ? 0 : 1 - d / longer;
}

// ---- applying the corrections to an analysis ----

interface WorkQuote extends Quote {
  state: ReviewState;
  /** The speaker the analysis gave it (split uses it to undo a merge). */
  firstSpeaker: string | null;
}

interface WorkMention extends Mention {
  /** The entity of the analysis (or made by a correction) this mention first belonged to. */
  origin: string;
}

interface WorkEntity {
  id: string;
  type: EntityType;
  name: string;
  title: string | null;
  mentions: WorkMention[];
}

const PRONOUN = /^(?:he|she|they|it|him|her|them|we|us|i|me|you|his|hers|their)$/i;

function coveredLength(spans: readonly Span[]): number {
  return mergeSpans(spans).reduce((n, s) => n + s.end - s.start, 0);
}

function overlap(a: readonly Span[], b: readonly Span[]): number {
  let n = 0;
  for (const x of mergeSpans(a)) for (const y of mergeSpans(b)) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

/** eval's matching rule: each covers at least half of the other. */
function halfCovers(a: readonly Span[], b: readonly Span[]): boolean {
  const o = overlap(a, b);
  return o > 0 && 2 * o >= coveredLength(a) && 2 * o >= coveredLength(b);
}

class Work {
  readonly quotes: WorkQuote[];
  readonly entities: WorkEntity[];
  credits: Credit[];
  /** Why a correction did not apply, when its words are there (see Corrected.reasons). */
  readonly reasons = new Map<string, string>();
  /** The entities as the analysis gave them, by id: split restores them. */
  private readonly original = new Map<string, { name: string; title: string | null }>();
  private nextEntity: number;

  constructor(private readonly analysis: Analysis, private readonly text: string) {
    this.entities = analysis.entities.map((e) => {
      this.original.set(e.id, { name: e.name, title: e.title });
      return { id: e.id, type: e.type, name: e.name, title: e.title, mentions: e.mentions.map((m) => ({ ...m, origin: e.id })) };
    });
    this.quotes = analysis.quotes.map((q) => ({
      ...q,
      content: q.content.map((s) => ({ start: s.start, end: s.end })),
      cue: q.cue && { ...q.cue },
      source: q.source && { ...q.source },
      state: 'unreviewed',
      firstSpeaker: q.speaker,
    }));
    this.credits = analysis.credits.map((c) => ({ ...c, names: [...c.names] }));
    this.nextEntity = 1 + Math.max(0, ...analysis.entities.map((e) => Number(/^e(\d+)$/.exec(e.id)?.[1] ?? 0)));
  }

  span(s: Span): { start: number; end: number; text: string } {
    return { start: s.start, end: s.end, text: this.text.slice(s.start, s.end) };
  }

  /** The entity called `name`: canonical name, then ignoring case, then a name it is mentioned by. */
  entity(name: string): WorkEntity | undefined {
    const lower = name.toLowerCase();
    const named = (m: Mention): boolean => m.via === 'name' || m.via === 'alias';
    return (
      this.entities.find((e) => e.name === name) ??
      this.entities.find((e) => e.name.toLowerCase() === lower) ??
      this.entities.find((e) => e.mentions.some((m) => named(m) && m.text === name)) ??
      this.entities.find((e) => e.mentions.some((m) => named(m) && m.text.toLowerCase() === lower))
    );
  }

  newEntity(name: string, type: EntityType, title: string | null = null, id?: string): WorkEntity {
    const e: WorkEntity = { id: id ?? `e${this.nextEntity++}`, type, name, title, mentions: [] };
    this.entities.push(e);
    return e;
  }

  /** The source words become a mention of `e` (and of no other entity). */
  claimMention(e: WorkEntity, source: { start: number; end: number; text: string }): void {
    for (const other of this.entities) other.mentions = other.mentions.filter((m) => m.start !== source.start || m.end !== source.end);
    const via: MentionVia =
      source.text === e.name ? 'name' : PRONOUN.test(source.text) ? 'pronoun' : e.name.includes(source.text) ? 'alias' : 'description';
    e.mentions.push({ ...source, via, origin: e.id });
  }

  /**
   * The entity `ref` names, or a new one of its type. A new entity needs words of the text: the
   * source words given, else every place the text says its name; null when it says it nowhere.
   */
  speakerFor(ref: SpeakerRef, source: { start: number; end: number; text: string } | null): WorkEntity | null {
    const known = this.entity(ref.name);
    if (known) return known;
    const named = wordOccurrences(this.text, ref.name).map((i) => this.span({ start: i, end: i + ref.name.length }));
    if (source === null && named.length === 0) return null;
    const e = this.newEntity(ref.name, ref.type ?? 'person');
    for (const n of named) if (!source || n.start !== source.start) e.mentions.push({ ...n, via: 'name', origin: e.id });
    return e;
  }

  /** Whether the words are (or hold) a name or alias mention of some entity, not a pronoun or description. */
  namesSomeone(s: Span): boolean {
    return this.entities.some((e) => e.mentions.some((m) => m.start < s.end && s.start < m.end && (m.via === 'name' || m.via === 'alias')));
  }

  /**
   * The quote that the located span is: the one whose extent (first piece's start to last piece's
   * end, as `quoteAnchor` records it) is exactly the span; else, of those it half-covers, the one
   * with the best overlap over union (so a quote nested in another is told from it), the smallest
   * on a tie.
   */
  quoteAt(span: Span, prefer?: (q: WorkQuote) => boolean): number {
    const extent = (q: WorkQuote): Span => ({ start: q.content[0]!.start, end: q.content[q.content.length - 1]!.end });
    const exact = this.quotes.flatMap((q, i) => {
      const x = extent(q);
      return x.start === span.start && x.end === span.end ? [i] : [];
    });
    // Two quotes of the same words (the analysis gave them different speakers, say): `prefer` picks.
    if (exact.length > 0) return (prefer && exact.find((i) => prefer(this.quotes[i]!))) ?? exact[0]!;
    let best = -1;
    let bestScore = 0;
    let bestSize = Infinity;
    this.quotes.forEach((q, i) => {
      if (!halfCovers([span], q.content)) return;
      const o = overlap([span], q.content);
      const size = coveredLength(q.content);
      const score = o / (span.end - span.start + size - o);
      if (score > bestScore || (score === bestScore && size < bestSize)) {
        best = i;
        bestScore = score;
        bestSize = size;
      }
    });
    return best;
  }

  /** The words naming `e` nearest `at` on the same line, outside `content`; a name found there becomes a mention. */
  sourceNear(e: WorkEntity, at: number, content: readonly Span[]): { start: number; end: number; text: string } | null {
    const fits = this.fitsLine(at, content);
    const byDistance = (x: Span, y: Span): number => Math.abs(x.start - at) - Math.abs(y.start - at);
    const mention = e.mentions.filter(fits).sort(byDistance)[0];
    if (mention) return this.span(mention);
    const names = [e.name, ...e.mentions.filter((m) => m.via === 'name' || m.via === 'alias').map((m) => m.text)];
    const surname = e.type === 'person' ? e.name.split(/\s+/).pop() : undefined;
    if (surname && /^\p{Lu}/u.test(surname)) names.push(surname);
    const hit = [...new Set(names)].flatMap((n) => this.namesOnLine(n, at, content)).sort(byDistance)[0];
    if (!hit) return null;
    const source = this.span(hit);
    this.claimMention(e, source);
    return source;
  }

  /** The name's occurrence on the line of `at`, outside `content`, nearest `at`. */
  nameOnLine(name: string, at: number, content: readonly Span[]): { start: number; end: number; text: string } | null {
    const hit = this.namesOnLine(name, at, content).sort((x, y) => Math.abs(x.start - at) - Math.abs(y.start - at))[0];
    return hit ? this.span(hit) : null;
  }

  private namesOnLine(name: string, at: number, content: readonly Span[]): Span[] {
    return wordOccurrences(this.text, name)
      .map((i) => ({ start: i, end: i + name.length }))
      .filter(this.fitsLine(at, content));
  }

  /** Whether a span is on the line of `at` and outside `content`. */
  private fitsLine(at: number, content: readonly Span[]): (s: Span) => boolean {
    const lineStart = this.text.lastIndexOf('\n', at - 1) + 1;
    const nl = this.text.indexOf('\n', at);
    const lineEnd = nl === -1 ? this.text.length : nl;
    const inside = (s: Span): boolean => content.some((c) => s.start < c.end && c.start < s.end);
    return (s) => s.start >= lineStart && s.end <= lineEnd && !inside(s);
  }

  /** Applies one correction; false when it cannot be placed in this text or applied to this analysis. */
  apply(c: Correction): boolean {
    switch (c.op) {
      case 'speaker': {
        const i = this.locatedQuote(c.quote);
        const q = i === -1 ? undefined : this.quotes[i];
        if (!q) return false;
        // The source words go with the quote to its new speaker (or to nobody) only when they are a
        // pronoun or a description ("he", "the minister"): a name or alias stays its entity's.
        const movable = q.source !== null && !this.namesSomeone(q.source);
        if (c.speaker === null) {
          if (q.source && movable) {
            const source = q.source;
            for (const e of this.entities) e.mentions = e.mentions.filter((m) => m.start !== source.start || m.end !== source.end);
          }
          q.speaker = null;
        } else {
          const e = this.speakerFor(c.speaker, movable ? q.source : null);
          if (!e) {
            this.reasons.set(c.id, `the article never says the new speaker's name "${c.speaker.name}"`);
            return false;
          }
          if (q.source && movable) this.claimMention(e, q.source);
          q.speaker = e.id;
          q.anonymous = false; // a quote with a speaker is not anonymous (newslens/1)
        }
        if (q.state !== 'added') q.state = 'corrected';
        return true;
      }
      case 'confirm': {
        const q = this.quotes[this.locatedQuote(c.quote, (x) => x.state === 'unreviewed' && this.speaks(x, c.speaker))];
        if (!q) return false;
        // Confirmed as by this speaker: when the analysis (after an edit) now says someone else,
        // the confirm no longer holds and the quote is unreviewed again.
        const now = q.speaker === null ? null : (this.entities.find((e) => e.id === q.speaker) ?? null);
        if (!this.speaks(q, c.speaker)) {
          this.reasons.set(
            c.id,
            `confirmed as said by ${c.speaker ? c.speaker.name : 'nobody'}, but NewsLens now gives it to ${now ? now.name : 'nobody'}; review it again`,
          );
          return false;
        }
        if (q.state === 'unreviewed') q.state = 'confirmed';
        return true;
      }
      case 'remove': {
        const span = locate(this.text, c.quote);
        if (!span) return false;
        const i = this.quoteAt(span);
        if (i !== -1) this.quotes.splice(i, 1); // no quote there any more: nothing left to remove
        return true;
      }
      case 'add':
        return this.add(c);
      case 'credit': {
        const span = locate(this.text, c.span);
        if (!span || span.end === span.start) return false;
        const inIt = (s: Span): boolean => s.start >= span.start && s.end <= span.end;
        this.credits = this.credits.filter((k) => k.end <= span.start || k.start >= span.end);
        this.credits.push({ kind: c.kind, ...this.span(span), names: [] });
        this.credits.sort((x, y) => x.start - y.start);
        for (let i = this.quotes.length - 1; i >= 0; i--) {
          const q = this.quotes[i]!;
          const cueIn = q.cue !== null && q.cue.start >= span.start && q.cue.start < span.end;
          if (cueIn || q.content.every(inIt)) this.quotes.splice(i, 1);
        }
        return true;
      }
      case 'merge': {
        const [first, second] = c.entities;
        const a = this.entity(first);
        const b = this.entity(second);
        if (!a || !b) return false;
        if (a !== b) {
          for (const m of b.mentions) a.mentions.push(m.via === 'name' ? { ...m, via: 'alias' } : m);
          for (const q of this.quotes) if (q.speaker === b.id) q.speaker = a.id;
          a.title = a.title ?? b.title;
          this.entities.splice(this.entities.indexOf(b), 1);
        }
        a.name = first;
        return true;
      }
      case 'split':
        return this.split(c.entities[0], c.entities[1]);
      case 'rename': {
        const e = this.entity(c.entity);
        if (!e) return false;
        e.name = c.name;
        return true;
      }
      case 'undo':
        return true; // resolved by activeCorrections
    }
  }

  private locatedQuote(a: Anchor, prefer?: (q: WorkQuote) => boolean): number {
    const span = locate(this.text, a);
    return span ? this.quoteAt(span, prefer) : -1;
  }

  /** Whether the quote is by the speaker named (null: by nobody). */
  private speaks(q: WorkQuote, ref: SpeakerRef | null): boolean {
    if (ref === null) return q.speaker === null;
    const e = this.entity(ref.name);
    return e !== undefined && q.speaker === e.id;
  }

  private add(c: Extract<Correction, { op: 'add' }>): boolean {
    const pieces: Span[] = [];
    for (const a of c.content) {
      const s = locate(this.text, a);
      if (!s || s.end === s.start) return false;
      pieces.push(s);
    }
    const content = mergeSpans(pieces);
    let cue: Quote['cue'] = null;
    if (c.cue !== null) {
      const s = locate(this.text, c.cue);
      if (!s || s.end === s.start) return false;
      cue = this.span(s);
    }
    // It replaces the analysis's quote of the same words (eval's rule: each covers half the other).
    for (let i = this.quotes.length - 1; i >= 0; i--) if (halfCovers(content, this.quotes[i]!.content)) this.quotes.splice(i, 1);
    let e: WorkEntity | null = null;
    let source: Quote['source'] = null;
    if (c.speaker !== null) {
      const at = cue ? cue.start : content[0]!.start;
      const known = this.entity(c.speaker.name);
      // A new name is first looked for on the quote's line, so that its words there are the source.
      const onLine = known ? null : this.nameOnLine(c.speaker.name, at, content);
      e = known ?? this.speakerFor(c.speaker, onLine);
      if (!e) {
        this.reasons.set(c.id, `the article never says the new speaker's name "${c.speaker.name}"`);
        return false;
      }
      source = onLine ?? this.sourceNear(e, at, content);
      if (onLine) this.claimMention(e, onLine);
    }
    this.quotes.push({
      id: '',
      kind: c.kind,
      content,
      cue,
      source,
      speaker: e ? e.id : null,
      anonymous: false,
      confidence: 1,
      state: 'added',
      firstSpeaker: null,
    });
    return true;
  }

  /**
   * Separates `second` from the entity that also goes by `first`: the mentions that came from an
   * entity of the analysis named `second` (a merge undone: it gets its id back), else the mentions
   * that read `second` (two people the analysis took for one), with the quotes they speak.
   */
  private split(first: string, second: string): boolean {
    const e = this.entity(first);
    if (!e) return false;
    if (this.entity(second) !== e) return this.entity(second) !== undefined; // already apart
    const lower = second.toLowerCase();
    const origins = [...new Set(e.mentions.map((m) => m.origin))];
    const origin = origins.find((o) => o !== e.id && this.original.get(o)?.name.toLowerCase() === lower);
    const moving = origin !== undefined ? (m: WorkMention): boolean => m.origin === origin : (m: WorkMention): boolean => m.text.toLowerCase() === lower;
    const moved = e.mentions.filter(moving);
    if (moved.length === 0 || moved.length === e.mentions.length) return false;
    const was = origin !== undefined ? this.original.get(origin) : undefined;
    const other = this.newEntity(was ? was.name : second, e.type, was ? was.title : null, origin);
    other.mentions = moved.map((m) => (was && m.text === was.name ? { ...m, via: 'name' } : m));
    e.mentions = e.mentions.filter((m) => !moving(m));
    if (e.name.toLowerCase() === lower) e.name = first;
    for (const q of this.quotes) {
      if (q.speaker !== e.id) continue;
      const bySource = q.source !== null && moved.some((m) => m.start === q.source!.start && m.end === q.source!.end);
      if (bySource || (origin !== undefined && q.firstSpeaker === origin)) q.speaker = other.id;
    }
    return true;
  }

  result(): { analysis: Analysis; review: Map<string, ReviewState> } {
    const ordered = [...this.quotes].sort(
      (x, y) => x.content[0]!.start - y.content[0]!.start || x.content[x.content.length - 1]!.end - y.content[y.content.length - 1]!.end,
    );
    const review = new Map<string, ReviewState>();
    const quotes: Quote[] = ordered.map((q, k) => {
      const id = `q${k + 1}`;
      review.set(id, q.state);
      return { id, kind: q.kind, content: q.content, cue: q.cue, source: q.source, speaker: q.speaker, anonymous: q.anonymous, confidence: q.confidence };
    });
    // newslens/1 numbers entities e1, e2, ... in the order of their first mention and names each
    // somewhere: an entity left without words (its only mention claimed by another) goes, and the
    // others are ordered by their first mention (ties: the analysis's order) and numbered again.
    const idNumber = (id: string): number => Number(/^e(\d+)$/.exec(id)?.[1] ?? Infinity);
    const firstMention = (e: WorkEntity): number => Math.min(...e.mentions.map((m) => m.start));
    const byId = this.entities
      .filter((e) => e.mentions.length > 0)
      .sort((x, y) => firstMention(x) - firstMention(y) || idNumber(x.id) - idNumber(y.id));
    const newId = new Map(byId.map((e, i) => [e.id, `e${i + 1}`]));
    for (const q of quotes) q.speaker = q.speaker === null ? null : (newId.get(q.speaker) ?? null);
    const entities: Entity[] = byId.map((e) => {
      const seen = new Set<string>();
      const mentions = e.mentions
        .filter((m) => {
          const k = `${m.start}:${m.end}`;
          return seen.has(k) ? false : (seen.add(k), true);
        })
        .sort((x, y) => x.start - y.start || x.end - y.end)
        .map(({ start, end, text, via }) => ({ start, end, text, via }));
      return { id: newId.get(e.id)!, type: e.type, name: e.name, title: e.title, mentions };
    });
    const a = this.analysis;
    const analysis: Analysis = {
      schema: a.schema,
      ...(a.file !== undefined ? { file: a.file } : {}),
      length: a.length,
      body: { start: a.body.start, end: a.body.end },
      entities,
      quotes,
      credits: this.credits,
    };
    return { analysis, review };
  }
}

/**
 * The analysis of `text` with the sidecar's corrections in effect applied in log order. The result
 * is still exactly `newslens/1`: quotes renumbered q1.. in text order; entities in the order of
 * their first mention, numbered e1.. again (so ids change only after an entity that
 * went, merged into another); every speaker an entity of the result. A correction that
 * cannot be placed in this text (or no longer applies: its quote or entity is gone) is returned
 * in `unplaced`, never dropped from the sidecar.
 */
export function applyCorrections(analysis: Analysis, text: string, sidecar: Sidecar): Corrected {
  const work = new Work(analysis, text);
  const unplaced: Correction[] = [];
  for (const c of activeCorrections(sidecar)) if (!work.apply(c)) unplaced.push(c);
  const { analysis: corrected, review } = work.result();
  return { analysis: corrected, review, unplaced, reasons: work.reasons };
}

/** One line naming a correction for people ("speaker of “We greatly value…” → Lavrov"). */
export function describeCorrection(c: Correction): string {
  const words = (a: Anchor): string => {
    const t = a.text.replace(/\s+/g, ' ').trim();
    return `“${t.length > 50 ? t.slice(0, 47) + '…' : t}” at ${a.start}`;
  };
  switch (c.op) {
    case 'speaker':
      return `speaker of ${words(c.quote)} → ${c.speaker ? c.speaker.name : 'nobody'}`;
    case 'add':
      return `${c.kind} quote ${words(c.content[0]!)} added${c.speaker ? ` (by ${c.speaker.name})` : ''}`;
    case 'remove':
      return `quote ${words(c.quote)} removed`;
    case 'confirm':
      return `quote ${words(c.quote)} confirmed`;
    case 'credit':
      return `${c.kind} credit line ${words(c.span)}`;
    case 'merge':
      return `${c.entities[1]} merged into ${c.entities[0]}`;
    case 'split':
      return `${c.entities[1]} split from ${c.entities[0]}`;
    case 'rename':
      return `${c.entity} renamed ${c.name}`;
    case 'undo':
      return `undo of ${c.target}`;
  }
}
