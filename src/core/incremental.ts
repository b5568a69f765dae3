// Re-analysis while typing: the text is analysed again after every edit, but only what the edit can
// have changed is computed again.
//
// - compromise (most of the cost) only reads the paragraphs whose text changed: a paragraph's
//   tokens depend on its text alone (tokens.ts).
// - Quotations and attributions are found again only in the *segment* around the edit: the text is
//   cut into runs of paragraphs between which no attribution step can look (see `cuts`), and a
//   segment whose text is unchanged keeps its attributions, moved to its new place.
// - Every step that links the whole text (body and boilerplate, credits, entities, their merging and
//   their e1/e2 ids, pronouns resolving back) runs again over the whole text.
// The result is exactly what a fresh analyze() gives (test/unit/incremental.test.ts checks it
// on every step of random edit sequences).
import type { Analysis, Span } from './model';
import { prepare, resolveAll, type AnalysisMemo, type AnalyzeOptions } from './analyze';
import { carryOf, reuse, type Carry } from './reuse';
import type { EntityResolver } from './entities';
import { TitleMemo } from './entities';
import { KeyTable } from './body';
import { findAttributions, type RawAttribution } from './attribution';
import { findQuoteMarks } from './quotes';
import { BETWEEN_SUBJECT_AND_CUE } from './lexicon/grammar';
import { commonPrefix, commonSuffix, detached, lowerBound, splitLinesFrom, type Line } from './text';
import { retokenize, tokenizeParagraphs, type ParagraphTokens, type Token } from './tokens';

/** What the last update did (for tests and measurements). */
export interface UpdateStats {
  /** Paragraphs in the new text. */
  paragraphs: number;
  /** Paragraphs compromise had to tokenize (their text was not in the previous version). */
  tokenized: number;
  /** Segments (runs of paragraphs attributions never look across) and those read again. */
  segments: number;
  segmentsRead: number;
  /** The table numbering the kept name runs' strings started again (so every paragraph's runs were read again). */
  namesRestarted: boolean;
  /** The entities and speakers were the last version's, moved (reuse.ts), not found again. */
  reused: boolean;
}

/** A paragraph's tokens, and what decides whether the attribution finder may look across its edges. */
interface Paragraph extends ParagraphTokens {
  /** It holds a quotation (a quotation without a cue looks two paragraphs back for its speaker). */
  quoted: boolean;
  /** Its first character is a quotation mark (it may continue the previous paragraph's quotation). */
  opensWithMark: boolean;
  /**
   * Its first tokens may reach into the previous paragraph: "that" after a cue, or "and"/"but"
   * joining a cue to the previous content.
   */
  reachesBack: boolean;
  /** Its last tokens may reach into the next paragraph: a colon after them, or "and"/"but". */
  reachesForward: boolean;
}

/** A segment: paragraphs [a, b) (a is where it is stored), its span in the text and attributions. */
interface Segment {
  b: number;
  start: number;
  end: number;
  /** Its first token's index. */
  tok: number;
  /** Its attributions, at their places in the last version (moved in place when kept). */
  found: RawAttribution[];
}

export class IncrementalAnalyzer {
  private text: string | null = null;
  private result: Analysis | null = null;
  private texts: string[] = [];
  /** The last version's lines, where each starts before trimming, and its paragraphs. */
  private lines: Line[] = [];
  private lineStarts: number[] = [];
  private paras: Span[] = [];
  private parts: Paragraph[] = [];
  /** The last version's paragraph starts, tokens and each paragraph's first token. */
  private starts = new Int32Array(0);
  private tokens: Token[] = [];
  private firstToken = new Int32Array(1);
  /** The last version's index of each paragraph's first sentence. */
  private firstSent = new Int32Array(1);
  /** Facts worked out from a line's or a paragraph's text alone, kept from version to version. */
  private memo: AnalysisMemo = { lines: [], keys: new KeyTable(), runs: [], titles: new TitleMemo(), credits: [] };
  /** How far the name table may grow past twice its size after its last start (tests lower it). */
  static nameTableSlack = 50_000;
  /** How many name strings the table held after it last started again (see reread). */
  private namesAfterReset = 0;
  /** What the last version's analysis leaves for reusing it (reuse.ts). */
  private carry: Carry | null = null;
  /** The last version's segments, by their first paragraph. */
  private segments: Segment[] = [];
  /** What the last call to update() did. */
  stats: UpdateStats = { paragraphs: 0, tokenized: 0, segments: 0, segmentsRead: 0, namesRestarted: false, reused: false };

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /**
   * The analysis of `text` (the whole new text): exactly what `analyze(text, options)` gives. The
   * same text twice gives the same object; treat it as read-only.
   */
  update(text: string): Analysis {
    try {
      return this.reread(text);
    } catch (e) {
      // Token objects are moved in place: after a failure, the next version is read afresh.
      this.text = null;
      this.result = null;
      this.texts = [];
      this.lines = [];
      this.lineStarts = [];
      this.paras = [];
      this.parts = [];
      this.starts = new Int32Array(0);
      this.tokens = [];
      this.firstToken = new Int32Array(1);
      this.firstSent = new Int32Array(1);
      this.segments = [];
      this.carry = null;
      this.memo = { lines: [], keys: new KeyTable(), runs: [], titles: new TitleMemo(), credits: [] };
      throw e;
    }
  }

  private reread(text: string): Analysis {
    if (text === this.text && this.result) {
      this.stats = { ...this.stats, tokenized: 0, segmentsRead: 0, namesRestarted: false, reused: true };
      return this.result;
    }
    const old = this.texts;
    const { textLines, paras, texts, prefix, suffix } = this.split(text);
    // The paragraphs before and after the edit: the longest common run at each end.
    let head = 0;
    while (head < texts.length && head < old.length && texts[head] === old[head]) head++;
    let tail = 0;
    const most = Math.min(texts.length, old.length) - head;
    while (tail < most && texts[texts.length - 1 - tail] === old[old.length - 1 - tail]) tail++;
    const changed = texts.slice(head, texts.length - tail);
    // One paragraph edited: only the sentences the edit changed are tagged again.
    const fresh = (changed.length === 1 && texts.length === old.length ? [retokenize(changed[0]!, old[head]!, this.parts[head]!)] : tokenizeParagraphs(changed)).map((p, k) => describe(changed[k]!, p));
    const parts = this.parts.slice(0, head);
    for (const p of fresh) parts.push(p);
    for (let k = old.length - tail; k < old.length; k++) parts.push(this.parts[k]!);
    // The tokens of the first paragraphs are the last version's while they have not moved.
    let kept = 0;
    while (kept < head && paras[kept]!.start === this.starts[kept]) kept++;
    // The token array is the last version's, changed in place: the first paragraphs' tokens stay
    // where they are, the changed paragraphs' are replaced, the last paragraphs' are moved.
    const tokens = this.tokens;
    const from = this.firstToken[kept]!;
    let sent = 0;
    for (let k = 0; k < kept; k++) sent += parts[k]!.sentences;
    const middle: Token[] = [];
    const tailFrom = Math.max(kept, parts.length - tail);
    for (let k = kept; k < tailFrom; k++) {
      const shift = paras[k]!.start;
      for (const t of parts[k]!.tokens) {
        middle.push({ text: t.text, lower: t.lower, start: t.start + shift, end: t.end + shift, tags: t.tags, para: k, sent: t.sent + sent });
      }
      sent += parts[k]!.sentences;
    }
    const oldFirst = old.length - (parts.length - tailFrom);
    const to = tailFrom < parts.length ? this.firstToken[oldFirst]! : tokens.length;
    replaceRange(tokens, from, to, middle);
    if (tailFrom < parts.length) {
      const by = paras[tailFrom]!.start - this.starts[oldFirst]!;
      const byPara = tailFrom - oldFirst;
      const bySent = sent - this.firstSent[oldFirst]!;
      if (by !== 0 || byPara !== 0 || bySent !== 0) {
        for (let i = from + middle.length; i < tokens.length; i++) {
          const t = tokens[i]!;
          t.start += by;
          t.end += by;
          t.para += byPara;
          t.sent += bySent;
        }
      }
    }

    // Attributions, segment by segment.
    const firstToken = new Int32Array(parts.length + 1);
    for (let k = 0; k < parts.length; k++) firstToken[k + 1] = firstToken[k]! + parts[k]!.tokens.length;
    const segments: Segment[] = [];
    const raw: RawAttribution[] = [];
    /** The attributions of the segments read again. */
    const refound = new Set<RawAttribution>();
    let read = 0;
    let count = 0;
    const moved = texts.length - old.length;
    forEachSegment(parts, (a, b) => {
      count++;
      const start = paras[a]!.start;
      const end = paras[b - 1]!.end;
      // The last version's segment over the same paragraphs (unchanged at the start or the end),
      // when its text is the same: its attributions are the same, moved.
      const was = b <= head ? this.segments[a] : a >= texts.length - tail ? this.segments[a - moved] : undefined;
      // (Its text is the same when it lies in the text's unchanged start or end; else compared.)
      const same = (w: Segment): boolean => end <= prefix || start >= text.length - suffix || this.text!.slice(w.start, w.end) === text.slice(start, end);
      let found = was && was.b === (b <= head ? b : b - moved) && same(was) ? was.found : undefined;
      if (found) {
        // (The kept segment's object, moved: no one else holds it.)
        shift(found, start - was!.start, firstToken[a]! - was!.tok);
        was!.b = b;
        was!.start = start;
        was!.end = end;
        was!.tok = firstToken[a]!;
        segments[a] = was!;
      } else {
        read++;
        const segTokens = tokens.slice(firstToken[a]!, firstToken[b]!);
        const quotes = findQuoteMarks(text, paras.slice(a, b));
        // (Copied: each attribution then has span objects of its own, which shift() moves.)
        found = move(findAttributions({ text, paras, tokens: segTokens, quotes }), 0, firstToken[a]!);
        for (const r of found) refound.add(r);
        segments[a] = { b, start, end, tok: firstToken[a]!, found };
      }
      for (const r of found) raw.push(r);
    });

    // What was worked out from the text of each paragraph the edit did not change.
    const oldRuns = changed.length === 1 ? this.memo.runs[head] : undefined;
    const memo: AnalysisMemo = { lines: keep(this.memo.lines, old.length, head, changed.length, tail), keys: this.memo.keys, runs: keep(this.memo.runs, old.length, head, changed.length, tail), titles: this.memo.titles, credits: keep(this.memo.credits!, old.length, head, changed.length, tail), textLines };
    // The kept name runs hold their strings as numbers from a table that only grows (every name
    // typed adds one): when it has grown well past what the text needs, it starts again, and so do
    // the runs numbered by it (worked out afresh in this update).
    const restart = memo.titles.names.size > 2 * this.namesAfterReset + IncrementalAnalyzer.nameTableSlack;
    if (restart) {
      memo.titles = new TitleMemo();
      memo.runs = memo.runs.map(() => undefined);
    }
    const prepared = prepare(text, paras, tokens, raw, memo);
    // One paragraph edited: the last analysis, moved, when the edit cannot change what the
    // entities and speakers are (reuse.ts); else they are found again.
    let result: Analysis | null = null;
    if (this.carry && !restart && changed.length === 1 && texts.length === old.length) {
      const edit = { from: prefix, to: this.text!.length - suffix, by: text.length - this.text!.length };
      const para = { index: head, oldStart: this.starts[head]!, newStart: paras[head]!.start, newEnd: paras[head]!.end, oldTokens: this.parts[head]!.tokens, oldRuns: oldRuns, first: firstToken[head]!, end: firstToken[head + 1]! };
      result = reuse(this.carry, prepared, edit, para, refound, memo.runs, memo.titles, this.options);
    }
    const reused = result !== null;
    if (result === null) {
      let resolver: EntityResolver | null = null;
      result = resolveAll(prepared, this.options, memo, (r) => (resolver = r));
      this.carry = carryOf(result, prepared.raw, tokens, resolver!);
    }
    if (restart || this.text === null) this.namesAfterReset = memo.titles.names.size;
    const firstSent = new Int32Array(parts.length + 1);
    for (let k = 0; k < parts.length; k++) firstSent[k + 1] = firstSent[k]! + parts[k]!.sentences;
    this.text = text;
    this.texts = texts;
    this.paras = paras;
    this.parts = parts;
    const starts = new Int32Array(paras.length);
    for (let k = 0; k < paras.length; k++) starts[k] = paras[k]!.start;
    this.starts = starts;
    this.tokens = tokens;
    this.firstToken = firstToken;
    this.firstSent = firstSent;
    this.memo = { lines: memo.lines, keys: memo.keys, runs: memo.runs, titles: memo.titles, credits: memo.credits };
    this.segments = segments;
    this.result = result;
    this.stats = { paragraphs: texts.length, tokenized: fresh.length, segments: count, segmentsRead: read, namesRestarted: restart, reused };
    return result;
  }

  /**
   * The new text's lines, paragraphs and their texts. Only the lines around the edit are split
   * again: the lines before it are the last version's, those after it the last version's moved
   * (changed in place: no one else holds them), their paragraph texts the same strings.
   */
  private split(text: string): { textLines: Line[]; paras: Span[]; texts: string[]; prefix: number; suffix: number } {
    const last = this.text;
    if (last === null || this.lines.length === 0) {
      const textLines: Line[] = [];
      const starts: number[] = [];
      splitLinesFrom(text, 0, 0, textLines, starts, () => false);
      const paras: Span[] = [];
      for (const l of textLines) if (!l.blank) paras.push({ start: l.start, end: l.end });
      this.lines = textLines;
      this.lineStarts = starts;
      return { textLines, paras, texts: paras.map((p) => detached(text.slice(p.start, p.end))), prefix: 0, suffix: 0 };
    }
    // The text before `prefix` and after the last `suffix` characters is what it was.
    const limit = Math.min(last.length, text.length);
    const prefix = commonPrefix(last, text, limit);
    const suffix = commonSuffix(last, text, limit - prefix);
    const by = text.length - last.length;
    const L = this.lines;
    const LS = this.lineStarts;
    // Lines before line m end (terminators included) inside the prefix: kept. Line m starts there
    // too, so it starts at the same place in the new text: split again from there ...
    const m = Math.max(0, lowerBound(LS, prefix, (x) => x) - 1);
    const from = LS[m]!;
    // ... until a line starts inside the suffix where a line of the last version started: the
    // lines from there on are the last version's, moved (lines only depend on the text after their start).
    let j = -1;
    const middle: Line[] = [];
    const middleStarts: number[] = [];
    const stop = splitLinesFrom(text, from, m, middle, middleStarts, (pos) => {
      if (pos < text.length - suffix) return false;
      const k = lowerBound(LS, pos - by, (x) => x);
      if (k < LS.length && LS[k] === pos - by) {
        j = k;
        return true;
      }
      return false;
    });
    if (stop === -1) j = L.length;
    // The paragraphs: those of the kept lines, of the lines split again, of the moved lines.
    const P = this.paras;
    const T = this.texts;
    const headParas = lowerBound(P, from, (p) => p.start);
    const tailParas = j < L.length ? lowerBound(P, LS[j]!, (p) => p.start) : P.length;
    const paras: Span[] = P.slice(0, headParas);
    const texts: string[] = T.slice(0, headParas);
    for (const l of middle) {
      if (l.blank) continue;
      paras.push({ start: l.start, end: l.end });
      texts.push(detached(text.slice(l.start, l.end)));
    }
    for (let k = tailParas; k < P.length; k++) {
      const p = P[k]!;
      p.start += by;
      p.end += by;
      paras.push(p);
      texts.push(T[k]!);
    }
    // The lines, changed in place.
    const byIndex = m + middle.length - j;
    for (let k = j; k < L.length; k++) {
      const l = L[k]!;
      l.start += by;
      l.end += by;
      l.index += byIndex;
      LS[k]! += by;
    }
    replaceRange(L, m, j, middle);
    replaceRange(LS, m, j, middleStarts);
    return { textLines: L, paras, texts, prefix, suffix };
  }
}

/** Replaces `items[from, to)` by `by`, in place (a splice, without spreading a long list as arguments). */
function replaceRange<T>(items: T[], from: number, to: number, by: readonly T[]): void {
  if (by.length < 10_000 && to - from < 10_000) {
    items.splice(from, to - from, ...by);
    return;
  }
  const tail = items.slice(to);
  items.length = from;
  for (const x of by) items.push(x);
  for (const x of tail) items.push(x);
}

/**
 * The items of the first `head` and last `tail` of `n` paragraphs (`old` may be shorter: missing
 * items are undefined), with `fresh` undefined ones between them. When there are as many
 * paragraphs as before, `old` itself, changed in place (its owner replaces it by the result).
 */
function keep<T>(old: (T | undefined)[], n: number, head: number, fresh: number, tail: number): (T | undefined)[] {
  if (head + fresh + tail === n) {
    for (let k = head; k < head + fresh; k++) old[k] = undefined;
    return old;
  }
  const out: (T | undefined)[] = [];
  for (let k = 0; k < head; k++) out.push(old[k]);
  for (let k = 0; k < fresh; k++) out.push(undefined);
  for (let k = n - tail; k < n; k++) out.push(old[k]);
  return out;
}

const QUOTE_START = /^["“”„«»'‘’]/;

function describe(text: string, p: ParagraphTokens): Paragraph {
  const t = p.tokens;
  const quoted = findQuoteMarks(text, [{ start: 0, end: text.length }]).length > 0;
  // Objects of one shape (cuts() reads these flags of every paragraph on every edit).
  if (t.length === 0) return { tokens: p.tokens, sentences: p.sentences, starts: p.starts, quoted, opensWithMark: true, reachesBack: true, reachesForward: true };
  // A cue at the end of the previous paragraph is a verb when "that" follows it (cues.isCueVerb);
  // "and"/"but" near the start may join a cue here to the previous content (Finder.coordinated).
  // (Finder.coordinated looks 3 characters before the conjunction: before the first token, that
  // can be the previous paragraph's last clause.)
  const reachesBack = t[0]!.lower === 'that' || t.some((x) => x.start < t[0]!.start + 3 && (x.lower === 'and' || x.lower === 'but'));
  // A colon after the last word makes a cue of it whatever follows; "and"/"but" (maybe followed by
  // "also", "then" ...) at the end joins a cue in the next paragraph to a content here.
  let k = t.length - 1;
  while (k >= 0 && BETWEEN_SUBJECT_AND_CUE.has(t[k]!.lower)) k--;
  const reachesForward = text.slice(t[t.length - 1]!.end).includes(':') || k < 0 || t[k]!.lower === 'and' || t[k]!.lower === 'but';
  return { tokens: p.tokens, sentences: p.sentences, starts: p.starts, quoted, opensWithMark: QUOTE_START.test(text), reachesBack, reachesForward };
}

/**
 * Calls `each(a, b)` for the segments in order, as paragraph ranges [a, b): the text is cut
 * between paragraphs k and k+1 when no step of the attribution finder can look across: no
 * quotation runs on or is claimed over the break (k+1 does not open with a quotation mark), no
 * quotation without a cue in k+1 or k+2 looks back for its speaker, and neither side's words reach
 * the other.
 */
function forEachSegment(parts: readonly Paragraph[], each: (a: number, b: number) => void): void {
  let a = 0;
  for (let k = 0; k + 1 < parts.length; k++) {
    const p = parts[k]!;
    const next = parts[k + 1]!;
    const after = parts[k + 2];
    if (p.reachesForward || next.opensWithMark || next.reachesBack || next.quoted || after?.quoted) continue;
    each(a, k + 1);
    a = k + 1;
  }
  if (a < parts.length) each(a, parts.length);
}

/**
 * Moves attributions in place by `by` characters and `tokens` tokens (each has span objects of its
 * own: see move; analyzeTokens never changes them, outsideCredits copies what it cuts).
 */
function shift(found: readonly RawAttribution[], by: number, tokens: number): void {
  if (by === 0 && tokens === 0) return;
  for (const r of found) {
    for (const s of r.content) {
      s.start += by;
      s.end += by;
    }
    if (r.cue) {
      r.cue.start += by;
      r.cue.end += by;
    }
    if (r.source) {
      r.source.a += tokens;
      r.source.b += tokens;
    }
  }
}

/** Copies of attributions with offsets moved by `by` and token indices by `tokens` (links kept). */
function move(raw: readonly RawAttribution[], by: number, tokens: number): RawAttribution[] {
  const copies = new Map<RawAttribution, RawAttribution>();
  const shift = (s: Span): Span => ({ start: s.start + by, end: s.end + by });
  const out = raw.map((r) => {
    const c: RawAttribution = {
      kind: r.kind,
      content: r.content.map(shift),
      cue: r.cue ? shift(r.cue) : null,
      source: r.source ? { a: r.source.a + tokens, b: r.source.b + tokens } : null,
      inherits: null,
      confidence: r.confidence,
    };
    copies.set(r, c);
    return c;
  });
  raw.forEach((r, k) => {
    if (r.inherits) out[k]!.inherits = copies.get(r.inherits) ?? null;
  });
  return out;
}
