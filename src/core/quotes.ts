// Direct quotations: pairs of double quotation marks, straight or curly, within a paragraph, and
// the news convention of a quotation running over several paragraphs (each paragraph opens the
// quotation again and only the last one closes it). Single quotes and apostrophes are left alone:
// inside a quotation they are nested quotes, elsewhere they are apostrophes ("Ankara's", "don't").
import type { Span } from './model';
import { isSpace, lowerBound } from './text';

export interface QuoteMarks {
  /** One piece per paragraph, each from its opening mark to its closing mark (or the paragraph end). */
  pieces: Span[];
  /** True when a piece ended at its paragraph's end without a closing mark and no paragraph continued it. */
  unbalanced: boolean;
}

type Role = 'open' | 'close' | 'either';

const OPENING = '“„«';
const CLOSING = '”»';
const BEFORE_OPEN = '([{—–-/';
const AFTER_CLOSE = ',.;:!?)]}—–-/…';

/** Length of the quotation mark at i: 1, or 2 for the typewriter pair '' that some papers use; 0 if none. */
export function markLength(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === "'") return text[i + 1] === "'" && text[i + 2] !== "'" && text[i - 1] !== "'" ? 2 : 0;
  return isQuoteMark(ch) ? 1 : 0;
}

function roleOf(text: string, i: number, para: Span): Role | null {
  const len = markLength(text, i);
  if (len === 0) return null;
  const ch = len === 2 ? '"' : text[i]!;
  const prev = i > para.start ? text[i - 1] : undefined;
  const next = i + len < para.end ? text[i + len] : undefined;
  const openCtx = prev === undefined || isSpace(prev) || BEFORE_OPEN.includes(prev);
  const closeCtx = next === undefined || isSpace(next) || AFTER_CLOSE.includes(next);
  // Curly marks say which they are, unless the context plainly says the other (scraped text
  // often opens a paragraph with a closing mark).
  if (OPENING.includes(ch)) return closeCtx && !openCtx ? 'close' : 'open';
  if (CLOSING.includes(ch)) return openCtx && !closeCtx ? 'open' : 'close';
  if (openCtx && !closeCtx) return 'open';
  if (closeCtx && !openCtx) return 'close';
  return 'either';
}

function isQuoteMark(ch: string): boolean {
  return ch === '"' || OPENING.includes(ch) || CLOSING.includes(ch);
}

interface ParaScan {
  closed: Span[];
  /** Start of a quotation still open at the paragraph's end, or -1. */
  openFrom: number;
  /** A stray closing mark before any opening one (a quotation carried over without reopening). */
  leadingClose: number;
}

function scanParagraph(text: string, para: Span): ParaScan {
  const closed: Span[] = [];
  let openFrom = -1;
  let leadingClose = -1;
  /** The open quotation's style (straight or curly). */
  let openStraight = false;
  /** 1 while a quotation of the other style is open inside the open one, else 0. */
  let nested = 0;
  let laterMarks: LaterMarks | null = null;
  const later = (): LaterMarks => (laterMarks ??= new LaterMarks(text, para));
  for (let i = para.start; i < para.end; i++) {
    const len = markLength(text, i);
    if (len === 0) continue;
    const ch = len === 2 ? '"' : text[i]!;
    const role = roleOf(text, i, para);
    if (role === null) continue;
    const at = i;
    if (len === 2) i++; // i now stands on the mark's last character
    const straight = ch === '"';
    if (openFrom < 0) {
      if (role === 'close') {
        if (closed.length === 0 && leadingClose < 0) leadingClose = at;
        continue;
      }
      openFrom = at;
      openStraight = straight;
    } else if (straight !== openStraight && nested === 0 && role !== 'close' && later().closesLater(i + 1, openStraight)) {
      // A quotation in the other style inside this one ("... the question: “As you know ...?” ...")
      // is nested in it, as single quotes are, when this one closes after it.
      nested = 1;
    } else if (nested > 0 && straight !== openStraight) {
      // Inside the nested quotation: another curly opening is a typo and keeps it open; any other
      // mark of its style closes it.
      nested = role === 'open' && !straight ? nested : 0;
    } else if (role === 'open' && ch !== '"') {
      // A new curly opening inside an open quotation: the earlier one was never closed.
      // Bound it before this mark rather than letting it swallow what follows.
      openFrom = at;
    } else {
      closed.push({ start: openFrom, end: i + 1 });
      // (for a two-character mark, i already stands on its second character)
      openFrom = -1;
      nested = 0;
    }
  }
  return { closed, openFrom, leadingClose };
}

/**
 * Answers, for positions that only grow, whether an inner quotation opened there closes and the
 * outer one closes after it: amortised linear over a paragraph.
 */
class LaterMarks {
  private readonly lastStraight: number;
  private readonly lastCurly: number;
  private nextStraight = -1;
  private nextCurly = -1;

  constructor(private readonly text: string, private readonly para: Span) {
    this.lastStraight = this.last('"');
    this.lastCurly = this.last('”');
  }

  /** The last `mark` of the paragraph, or -1: the search never leaves the paragraph. */
  private last(mark: string): number {
    for (let k = this.para.end - 1; k >= this.para.start; k--) if (this.text[k] === mark) return k;
    return -1;
  }

  private next(mark: string, from: number, known: number): number {
    if (known >= from || known === Infinity) return known;
    for (let k = Math.max(from, known + 1); k < this.para.end; k++) if (this.text[k] === mark) return k;
    return Infinity;
  }

  closesLater(from: number, outerStraight: boolean): boolean {
    if (outerStraight) {
      this.nextCurly = this.next('”', from, this.nextCurly);
      return this.nextCurly < this.lastStraight;
    }
    this.nextStraight = this.next('"', from, this.nextStraight);
    return this.nextStraight < this.lastCurly;
  }
}

function opensWithQuote(text: string, para: Span): boolean {
  const ch = text[para.start];
  if (markLength(text, para.start) === 2) return true;
  return ch === '"' || ch === '“' || ch === '„' || ch === '«' || (ch === '”' && !isSpace(text[para.start + 1]));
}

/** The style of the mark at i, for matching a continued quotation: straight, or curly. */
export function markStyle(text: string, i: number): string {
  if (markLength(text, i) === 2) return "''";
  return text[i] === '"' ? '"' : '“';
}

/** All direct quotations of the text, in order, given its paragraphs. */
export function findQuoteMarks(text: string, paras: Span[]): QuoteMarks[] {
  const scans = paras.map((p) => scanParagraph(text, p));
  const out: QuoteMarks[] = [];
  let carry: Span[] | null = null;
  for (let k = 0; k < paras.length; k++) {
    const para = paras[k]!;
    const scan = scans[k]!;
    let closed = scan.closed;
    if (carry) {
      // The previous paragraph left a quotation open and this one reopens it: the first closed
      // quotation here (or the whole paragraph, if it stays open) continues it.
      if (closed.length > 0 && closed[0]!.start === para.start) {
        out.push({ pieces: [...carry, closed[0]!], unbalanced: false });
        closed = closed.slice(1);
        carry = null;
      } else if (scan.openFrom === para.start && closed.length === 0) {
        carry.push({ start: para.start, end: para.end });
        if (!continues(text, paras, k, markStyle(text, carry[0]!.start))) {
          out.push({ pieces: carry, unbalanced: true });
          carry = null;
        }
        continue;
      } else {
        out.push({ pieces: carry, unbalanced: true });
        carry = null;
      }
    }
    for (const c of closed) out.push({ pieces: [c], unbalanced: false });
    if (scan.openFrom >= 0) {
      const piece = { start: scan.openFrom, end: para.end };
      if (continues(text, paras, k, markStyle(text, piece.start))) carry = [piece];
      else out.push({ pieces: [piece], unbalanced: true });
    }
  }
  if (carry) out.push({ pieces: carry, unbalanced: true });
  // British style: single quotation marks at the top level, outside every double quotation.
  const covered = out.flatMap((q) => q.pieces).sort((a, b) => a.start - b.start);
  const singles: Span[] = [];
  for (const para of paras) singles.push(...singleQuotations(text, para, covered));
  // A double quotation inside a single one ('He called it "a disgrace",' she said) is nested in it,
  // as British copy nests them, not a quotation of its own: quotations never overlap.
  const nested = (q: QuoteMarks): boolean => {
    const p = q.pieces[0]!;
    const s = singles[lowerBound(singles, p.start + 1, (x) => x.end)];
    return q.pieces.length === 1 && s !== undefined && s.start <= p.start && p.end <= s.end;
  };
  const kept = singles.length > 0 ? out.filter((q) => !nested(q)) : out;
  for (const piece of singles) kept.push({ pieces: [piece], unbalanced: false });
  return kept.sort((a, b) => a.pieces[0]!.start - b.pieces[0]!.start);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Quotations in single marks ('...' or ‘...’) that no double quotation covers: an opening mark
 * after a space and before a letter, a closing one after the quotation's last character and
 * before a space or punctuation, with punctuation on one side of it ('...,' or '...'.), and two
 * words at least inside. Apostrophes (don't, Ankara’s, students’ union) never qualify: they sit
 * between letters, or after a letter and before a plain space.
 */
function singleQuotations(text: string, para: Span, covered: readonly Span[]): Span[] {
  const out: Span[] = [];
  let open = -1;
  let c = lowerBound(covered, para.start + 1, (s) => s.end);
  for (let i = para.start; i < para.end; i++) {
    while (c < covered.length && covered[c]!.end <= i) c++;
    const cov = covered[c];
    if (cov && cov.start <= i) { i = cov.end - 1; continue; }
    const ch = text[i]!;
    if (ch !== '‘' && ch !== '’' && ch !== "'") continue;
    if (text[i + 1] === "'" || text[i - 1] === "'") continue; // a typewriter double mark
    const prev = i > para.start ? text[i - 1]! : ' ';
    const next = i + 1 < para.end ? text[i + 1]! : ' ';
    // Not before a digit: "the '90s" elides a century.
    const opens = ch !== '’' && /[\s(\[—–-]/.test(prev) && WORD_CHAR.test(next) && !/\d/.test(next);
    // After an "s" a straight or curly apostrophe is as likely a plural possessive ("the students',");
    // it closes only a quotation opened by a curly mark.
    const possessive = /s/i.test(prev) && !(open >= 0 && text[open] === '‘');
    const closes = ch !== '‘' && !isSpace(prev) && !WORD_CHAR.test(next) && !possessive && (/[,.!?]/.test(prev) || /[,.;:!?)—–]/.test(next));
    if (open >= 0 && closes) {
      if (/\S\s+\S/.test(text.slice(open, i))) out.push({ start: open, end: i + 1 });
      open = -1;
    } else if (opens) {
      open = i;
    }
  }
  return out;
}

/** Does paragraph k+1 reopen the quotation left open in paragraph k, in the same style of mark? */
function continues(text: string, paras: Span[], k: number, openedWith: string): boolean {
  const next = paras[k + 1];
  if (next === undefined || !opensWithQuote(text, next)) return false;
  return markStyle(text, next.start) === openedWith;
}
