// Character-level helpers over the raw text. Offsets are UTF-16 code units, as everywhere.
import type { Span } from './model';

/** Each non-blank line, trimmed of surrounding white space: news text puts one paragraph on a line. */
export function paragraphs(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let i = from;
  while (i < to) {
    let j = i;
    while (j < to && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    const s = trimSpan(text, i, j);
    if (s.end > s.start) out.push(s);
    i = j + 1;
  }
  return out;
}

const SPACE = /[\s\u00a0\u200b\ufeff]/;

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

/** Trim white space and the given punctuation from both ends of a span. */
export function trimPunct(text: string, start: number, end: number, punct = ',;:.—–-'): Span {
  let s = trimSpan(text, start, end);
  for (;;) {
    let { start: a, end: b } = s;
    while (a < b && punct.includes(text[a]!)) a++;
    while (b > a && punct.includes(text[b - 1]!)) b--;
    const t = trimSpan(text, a, b);
    if (t.start === s.start && t.end === s.end) return t;
    s = t;
  }
}

export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}|\p{N}/u.test(ch);
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Lu}/u.test(ch);
}

export function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export const OPEN_QUOTES = '"“„«';
export const CLOSE_QUOTES = '"”»';
export const ALL_QUOTES = '"“”„«»';
