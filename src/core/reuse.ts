// After an edit that cannot change who said what, the last analysis is the new one, moved.
//
// The incremental analyzer (incremental.ts) reads the edited paragraph again, finds the quotes
// of its segment again and works out the body and credits; what remains, linking every source to
// an entity over the whole text (entities.ts: collect, then resolve), reads nothing of the text
// but what `reuse` compares here. When all of it is the same as in the last version, with each
// offset moved by the edit, the entities and speakers are the last version's, moved: only the
// objects after the edit are made again. Otherwise `reuse` gives null and the entities are found
// afresh. The result is exactly what analyze() gives (test/unit/incremental.test.ts and
// reuse.test.ts check it).
//
// What collect and resolve read, and where it is compared:
// - each paragraph's name runs (RunFacts, from its tokens and text alone): the edited paragraph's
//   are read again and compared (sameRuns); the others' texts did not change;
// - the next paragraph's first token, for a lone name ending a paragraph: the edited paragraph's
//   first token must be the same;
// - credit lines (names in them are no entities): the same, moved;
// - the attributions: the same, moved; each source's words (text and tags) the same;
// - distances: a pronoun looks back 1500 characters (120 for "who"): the recent speakers and the
//   mention that decided its person (EntityResolver.reachCarry) may not cross that reach by the
//   edit's change of length, nor, when none was found, another mention come within it;
// - the 80 characters around a person's mentions, where an appositive states their role: the
//   titles of the people with a mention that near the edit are worked out again and compared.
import type { Analysis, Credit, Entity, Mention, Quote, Span, TextSpan } from './model';
import type { RawAttribution } from './attribution';
import type { Token } from './tokens';
import { assemble, quoteOf, type AnalyzeOptions, type Prepared } from './analyze';
import { APPOSITIVE_REACH, appositiveTitle, EntityResolver, REACH_RELATIVE, sameRuns, type RunFacts, type TitleCarry, type TitleMemo } from './entities';
import { lowerBound } from './text';

/** What the incremental analyzer keeps of one version's analysis, to reuse it after the next edit. */
export interface Carry {
  result: Analysis;
  /** For each quote's attribution, the index of the one it continues, or -1. */
  inherits: Int32Array;
  /**
   * Sorted, what a pronoun may find within its reach (entities.ts: antecedent): for "he" and "she",
   * the starts of people's mentions and the places of attributions that found a person; for "who",
   * the starts of all mentions.
   */
  people: Int32Array;
  mentions: Int32Array;
  titles: TitleCarry;
  /** Of each quote whose source is a pronoun: what decided its person (EntityResolver.reachCarry), 5 numbers a quote. */
  reach: Int32Array;
  /** Where each quote's last span ends, and each entity's last mention (to pass over what lies before an edit unread). */
  quoteEnds: Int32Array;
  entityEnds: Int32Array;
}

/** What a version's analysis leaves for the next (after a full resolve by `resolver`). */
export function carryOf(result: Analysis, raw: readonly RawAttribution[], tokens: readonly Token[], resolver: EntityResolver): Carry {
  const people: number[] = [];
  const mentions: number[] = [];
  const person = new Set<string>();
  for (const e of result.entities) {
    if (e.type === 'person') person.add(e.id);
    for (const m of e.mentions) {
      mentions.push(m.start);
      if (e.type === 'person') people.push(m.start);
    }
  }
  raw.forEach((r, k) => {
    const speaker = result.quotes[k]!.speaker;
    if (speaker !== null && person.has(speaker)) people.push(r.source ? tokens[r.source.a]!.start : r.content[0]!.start);
  });
  const entityEnds = new Int32Array(result.entities.length);
  result.entities.forEach((e, i) => (entityEnds[i] = e.mentions.reduce((x, m) => Math.max(x, m.end), 0)));
  const quoteEnds = new Int32Array(result.quotes.length);
  result.quotes.forEach((q, k) => (quoteEnds[k] = quoteEnd(q)));
  return { result, inherits: inheritsOf(raw), people: Int32Array.from(people).sort(), mentions: Int32Array.from(mentions).sort(), titles: resolver.titleCarry(), reach: resolver.reachCarry(raw), quoteEnds, entityEnds };
}

/** Where the last of a quote's spans ends. */
function quoteEnd(q: Quote): number {
  let end = q.cue ? q.cue.end : 0;
  if (q.source && q.source.end > end) end = q.source.end;
  for (const s of q.content) if (s.end > end) end = s.end;
  return end;
}

function inheritsOf(raw: readonly RawAttribution[]): Int32Array {
  const out = new Int32Array(raw.length);
  for (let k = 0; k < raw.length; k++) out[k] = continued(raw, k);
  return out;
}

/** The index of the attribution the k-th continues (most often the one before it), -1 for none, -2 for one not before it. */
function continued(raw: readonly RawAttribution[], k: number): number {
  const to = raw[k]!.inherits;
  if (to === null) return -1;
  for (let j = k - 1; j >= 0; j--) if (raw[j] === to) return j;
  return -2;
}

/** An edit in old offsets: the text [from, to) of the last version became `by` characters longer. */
export interface Edit {
  from: number;
  to: number;
  by: number;
}

/** The edited paragraph: its index, where it starts in each version, its old tokens (relative) and new ones [first, end). */
export interface EditedParagraph {
  index: number;
  oldStart: number;
  newStart: number;
  newEnd: number;
  oldTokens: readonly Token[];
  oldRuns: RunFacts[] | undefined;
  first: number;
  end: number;
}

/**
 * The analysis of the new version from the last one's, or null when the edit may change what the
 * resolver finds. On success `carry` is moved to the new version (changed in place) and the edited
 * paragraph's name runs are stored in `runs`.
 */
export function reuse(carry: Carry, p: Prepared, edit: Edit, para: EditedParagraph, fresh: ReadonlySet<RawAttribution>, runs: Array<RunFacts[] | undefined>, titles: TitleMemo, options: AnalyzeOptions): Analysis | null {
  const { from, to, by } = edit;
  const { text, tokens, raw, credits } = p;
  const old = carry.result;
  // Old offsets to new: -1 inside the edit. A start at an insertion point moves with the text
  // after it; an end there stays.
  const start = (o: number): number => (o < from ? o : o >= to ? o + by : -1);
  const end = (o: number): number => (o <= from ? o : o > to ? o + by : -1);
  const unmoved = (s: Span): boolean => s.end <= from;
  const moved = (s: Span): boolean => s.start >= to;

  if (raw.length !== old.quotes.length || !sameCredits(old.credits, credits, start, end)) return null;

  // The edited paragraph's name runs, and its first token (a lone name ending the paragraph
  // before reads it).
  if (!para.oldRuns || para.end <= para.first || para.oldTokens.length === 0) return null;
  if (credits.some((c) => c.start < para.newEnd && c.end > para.newStart)) return null;
  const facts = new EntityResolver(text, tokens, credits).paragraphFacts(para.first, para.end, para.newStart, titles);
  runs[para.index] = facts;
  if (!sameRuns(para.oldRuns, facts, para.oldStart, para.newStart, start, end)) return null;
  // (standaloneName reads that token's tags and the text between it and the word before: the edit
  // must lie after it.)
  const first = tokens[para.first]!;
  if (from < para.oldStart + para.oldTokens[0]!.end || !sameToken(para.oldTokens[0]!, first) || first.start !== para.oldStart + para.oldTokens[0]!.start) return null;

  // The attributions, moved, with the same sources. Those of the segments kept from the last
  // version are (incremental.ts moved them; their text is the same and before or after the edit):
  // only those found again (`fresh`) and the copies a credit line cut are compared, each with the
  // quote at its index (the same number of them is kept before it, with the same credit lines).
  const paraEnd = tokens[para.end - 1]!.end;
  const same = (k: number): boolean => {
    const r = raw[k]!;
    const q = old.quotes[k]!;
    if (r.kind !== q.kind || r.confidence !== q.confidence || r.content.length !== q.content.length) return false;
    if (continued(raw, k) !== carry.inherits[k]) return false;
    for (let i = 0; i < r.content.length; i++) {
      if (r.content[i]!.start !== start(q.content[i]!.start) || r.content[i]!.end !== end(q.content[i]!.end)) return false;
    }
    if ((r.cue === null) !== (q.cue === null) || (r.source === null) !== (q.source === null)) return false;
    if (r.cue && (r.cue.start !== start(q.cue!.start) || r.cue.end !== end(q.cue!.end))) return false;
    if (r.source) {
      const s = q.source!;
      if (!unmoved(s) && !moved(s)) return false;
      if (tokens[r.source.a]!.start !== start(s.start) || tokens[r.source.b - 1]!.end !== end(s.end)) return false;
      // Words in the edited paragraph: the same words with the same tags.
      if (tokens[r.source.b - 1]!.end > para.newStart && tokens[r.source.a]!.start < paraEnd && !sameWords(para, tokens, r.source.a, r.source.b, edit)) return false;
    }
    return true;
  };
  for (let k = 0; k < raw.length; k++) if ((fresh.has(raw[k]!) || p.cut.has(raw[k]!)) && !same(k)) return null;

  // No pronoun after the edit finds or loses someone because the edit moved it across its reach
  // (REACH_PERSONAL or REACH_RELATIVE characters back, entities.ts: antecedent): a distance d from
  // before the edit to after it becomes d + by, and crosses the reach when d is in [lo, hi].
  if (by !== 0) {
    const R = carry.reach;
    for (let k = 0; k < old.quotes.length; k++) {
      const reach = R[k * 5]!;
      const s = old.quotes[k]!.source;
      if (reach === 0 || !s || s.start < to || s.start > to + reach + Math.abs(by)) continue;
      const lo = by > 0 ? reach - by : reach;
      const hi = by > 0 ? reach - 1 : reach - by - 1;
      const crosses = (x: number): boolean => x >= 0 && x < from && s.start - x >= lo && s.start - x <= hi;
      // The recent speakers looked at, and the mention found.
      if (crosses(R[k * 5 + 1]!) || crosses(R[k * 5 + 2]!) || crosses(R[k * 5 + 3]!) || crosses(R[k * 5 + 4]!)) return null;
      // None found: a mention may come within reach (the later of two always wins, so once one
      // is found, those farther away never count).
      if (R[k * 5 + 4] === -1 && by < 0) {
        const P = reach === REACH_RELATIVE ? carry.mentions : carry.people;
        const i = lowerBound32(P, s.start - hi);
        if (i < P.length && P[i]! <= s.start - lo && P[i]! < from) return null;
      }
    }
  }

  // Titles from appositives near the edit: worked out again, the same.
  const t = carry.titles;
  for (let i = 0; i < t.ids.length; i++) {
    let near = false;
    for (let j = t.from[i]!; j < t.from[i + 1]! && !near; j++) near = t.starts[j]! - APPOSITIVE_REACH - 1 <= to && from <= t.ends[j]! + APPOSITIVE_REACH + 1;
    if (!near) continue;
    const mentions: Span[] = [];
    for (let j = t.from[i]!; j < t.from[i + 1]!; j++) {
      const m = { start: start(t.starts[j]!), end: end(t.ends[j]!) };
      if (m.start < 0 || m.end < 0) return null;
      mentions.push(m);
    }
    const e = entityById(old.entities, t.ids[i]!);
    if (!e || (appositiveTitle(text, mentions, titles) ?? t.before[i]!) !== e.title) return null;
  }

  // The entities, their mentions after the edit moved (those wholly before it as they were).
  const entities: Entity[] = [];
  for (let i = 0; i < old.entities.length; i++) {
    const e = old.entities[i]!;
    if (carry.entityEnds[i]! <= from) {
      entities.push(e);
      continue;
    }
    let after = -1;
    for (let j = 0; j < e.mentions.length; j++) {
      const m = e.mentions[j]!;
      if (m.end <= from) continue;
      if (m.start < to) return null;
      if (after < 0) after = j;
    }
    const mentions: Mention[] = e.mentions.slice(0, after);
    for (let j = after; j < e.mentions.length; j++) {
      const m = e.mentions[j]!;
      mentions.push(m.start >= to ? { start: m.start + by, end: m.end + by, text: m.text, via: m.via } : m);
    }
    entities.push({ id: e.id, type: e.type, name: e.name, title: e.title, mentions });
  }

  // The quotes: those wholly before the edit as they were, those found again made again, the
  // others (wholly after it: their segments were kept) moved.
  // (A failure from here on leaves the carry half moved: the caller then makes a new one.)
  const quotes: Quote[] = [];
  for (let k = 0; k < old.quotes.length; k++) {
    const q = old.quotes[k]!;
    if (carry.quoteEnds[k]! <= from) {
      quotes.push(q);
      continue;
    }
    const r = raw[k]!;
    const again = fresh.has(r) || p.cut.has(r);
    if (!again && q.content.some((s) => s.start < to)) return null;
    const made = again ? quoteOf(text, tokens, r, k, q) : movedQuote(q, by);
    carry.quoteEnds[k] = quoteEnd(made);
    quotes.push(made);
  }

  // The carry, moved to this version.
  for (const P of [carry.people, carry.mentions]) for (let i = lowerBound32(P, to); i < P.length; i++) P[i]! += by;
  for (let i = 0; i < carry.entityEnds.length; i++) if (carry.entityEnds[i]! > to) carry.entityEnds[i]! += by;
  for (let i = 0; i < carry.reach.length; i++) if (i % 5 !== 0 && carry.reach[i]! >= to) carry.reach[i]! += by;
  for (let i = 0; i < t.starts.length; i++) {
    if (t.starts[i]! >= to) t.starts[i]! += by;
    if (t.ends[i]! > to) t.ends[i]! += by;
  }
  const result = assemble(p, options, entities, quotes);
  carry.result = result;
  return result;
}

/** A copy of a quote wholly after the edit, `by` characters later. */
function movedQuote(q: Quote, by: number): Quote {
  const span = (s: TextSpan): TextSpan => ({ start: s.start + by, end: s.end + by, text: s.text });
  return {
    id: q.id,
    kind: q.kind,
    content: q.content.map((s) => ({ start: s.start + by, end: s.end + by })),
    cue: q.cue ? span(q.cue) : null,
    source: q.source ? span(q.source) : null,
    speaker: q.speaker,
    anonymous: q.anonymous,
    confidence: q.confidence,
  };
}

/** The same credit lines, moved. */
function sameCredits(old: readonly Credit[], now: readonly Credit[], start: (o: number) => number, end: (o: number) => number): boolean {
  if (old.length !== now.length) return false;
  for (let i = 0; i < old.length; i++) if (now[i]!.start !== start(old[i]!.start) || now[i]!.end !== end(old[i]!.end)) return false;
  return true;
}

/** The same word with the same tags. */
function sameToken(t: Token, u: Token): boolean {
  if (t.text !== u.text || t.end - t.start !== u.end - u.start || t.tags.size !== u.tags.size) return false;
  for (const tag of t.tags) if (!u.tags.has(tag)) return false;
  return true;
}

/**
 * Are the tokens [a, b) of the new version, where in the edited paragraph, the old paragraph's
 * words at the same places (moved), one for one?
 */
function sameWords(para: EditedParagraph, tokens: readonly Token[], a: number, b: number, edit: Edit): boolean {
  const old = para.oldTokens;
  let prev = -1;
  for (let i = Math.max(a, para.first); i < Math.min(b, para.end); i++) {
    const u = tokens[i]!;
    const was = u.start < edit.from ? u.start : u.start >= edit.to + edit.by ? u.start - edit.by : -1;
    if (was < 0) return false;
    const k = lowerBound(old, was - para.oldStart, (x) => x.start);
    if (k >= old.length || old[k]!.start !== was - para.oldStart || !sameToken(old[k]!, u)) return false;
    // One old word for each new one: no word of the old version between them.
    if (prev >= 0 && k !== prev + 1) return false;
    prev = k;
  }
  return true;
}

function entityById(entities: readonly Entity[], id: string): Entity | undefined {
  const e = entities[Number(id.slice(1)) - 1];
  return e && e.id === id ? e : entities.find((x) => x.id === id);
}

/** The index of the first of the sorted numbers `xs` that is at least `pos`. */
function lowerBound32(xs: Int32Array, pos: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
