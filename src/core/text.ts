// Character-level helpers over the raw text. Offsets are UTF-16 code units, as everywhere.
import type { Span } from './model';
import { ABBREVIATIONS } from './lexicon/boilerplate';

export interface Line extends Span {
  /** Line number, from 0. */
  index: number;
  blank: boolean;
}

/**
 * The text's lines, trimmed of surrounding white space: LF, CRLF and a lone CR all end a line.
 * Linear: one pass. The one line splitter of the core (paragraphs, body and credits use it).
 */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  splitLinesFrom(text, 0, 0, out, [], () => false);
  return out;
}

/**
 * The lines of `text` from `from` (where a line starts), numbered from `index`: each pushed onto
 * `out`, where it starts (before trimming) onto `starts`, until a line would start at a position
 * `stop` accepts. Returns that position, or -1 at the end of the text.
 */
export function splitLinesFrom(text: string, from: number, index: number, out: Line[], starts: number[], stop: (pos: number) => boolean): number {
  const n = text.length;
  // The next CR at or after i (n when none): CRs are rare, so found once and kept.
  let cr = text.indexOf('\r', from);
  if (cr === -1) cr = n;
  let i = from;
  for (; i <= n; index++) {
    if (i > from && stop(i)) return i;
    let j = text.indexOf('\n', i);
    if (j === -1) j = n;
    if (cr < i) {
      cr = text.indexOf('\r', i);
      if (cr === -1) cr = n;
    }
    if (cr < j) j = cr;
    let start = i;
    let end = j;
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    out.push({ index, start, end, blank: start === end });
    starts.push(i);
    i = text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
  }
  return -1;
}

/**
 * Length of the longest common prefix of `a` and `b` (compared a block at a time: the strings
 * are compared natively, not character by character in JavaScript).
 */
export function commonPrefix(a: string, b: string, limit = Math.min(a.length, b.length)): number {
  let p = 0;
  let block = 256;
  while (p < limit) {
    const len = Math.min(block, limit - p);
    if (a.slice(p, p + len) === b.slice(p, p + len)) {
      p += len;
      block *= 2;
    } else if (len <= 16) {
      while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
      return p;
    } else block = len >> 1;
  }
  return p;
}

/**
 * A copy of `s` that holds no reference to the string it was cut from. A piece cut from a long
 * string (slice, or a regular expression's match) can keep the whole of that string alive; what
 * the incremental analyzer keeps from one version to the next (a paragraph's text, the names and
 * titles worked out from it, the texts of quotes and mentions it reuses) would otherwise keep
 * every version of a long text it was cut from.
 */
export function detached(s: string): string {
  // (V8 copies pieces shorter than 13 characters anyway. Concatenating then cutting makes it copy the
  // characters into a new string of the piece's size.)
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** Length of the longest common suffix of `a` and `b`, at most `limit`. */
export function commonSuffix(a: string, b: string, limit = Math.min(a.length, b.length)): number {
  let s = 0;
  let block = 256;
  const an = a.length;
  const bn = b.length;
  while (s < limit) {
    const len = Math.min(block, limit - s);
    if (a.slice(an - s - len, an - s) === b.slice(bn - s - len, bn - s)) {
      s += len;
      block *= 2;
    } else if (len <= 16) {
      while (s < limit && a.charCodeAt(an - 1 - s) === b.charCodeAt(bn - 1 - s)) s++;
      return s;
    } else block = len >> 1;
  }
  return s;
}

/** Each non-blank line: news text puts one paragraph on a line. */
export function paragraphs(text: string): Span[] {
  return lines(text).filter((l) => !l.blank).map((l) => ({ start: l.start, end: l.end }));
}

/** White space, no-break and zero-width spaces, the byte order mark (scraped text carries them). */
export function isSpaceCode(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code === 0xa0 || code === 0x200b || code === 0xfeff || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && isSpaceCode(ch.charCodeAt(0));
}

export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

export const ALL_QUOTES = '"“”„«»';

const ABBREVIATION_SET: ReadonlySet<string> = new Set(ABBREVIATIONS);

/**
 * Is `word` (without its final period) an abbreviation: an initial ("W"), a dotted acronym ("U.S")
 * or a capitalised short form ("Sen", "Calif")? Lower-case words are not, so that "he said no."
 * still ends a sentence.
 */
export function isAbbreviation(word: string): boolean {
  if (/^\p{Lu}$/u.test(word) || /^\p{Lu}(?:\.\p{Lu})+$/u.test(word)) return true;
  return /^\p{Lu}/u.test(word) && ABBREVIATION_SET.has(word.toLowerCase());
}

/** Index of the first item whose key is at least `pos` (items sorted by key): a binary search. */
export function lowerBound<T>(items: readonly T[], pos: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The span covering `pos` in a list of spans sorted by start that never overlap (credit lines). */
export function spanAt<T extends Span>(spans: readonly T[], pos: number): T | undefined {
  const s = spans[lowerBound(spans, pos + 1, (x) => x.end)];
  return s && s.start <= pos ? s : undefined;
}

/** Sorted, non-overlapping copy of the spans (their union); empty spans are dropped. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
