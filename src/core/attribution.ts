// Attributions: who said what, as spans. For each reporting cue, find its source (the noun phrase
// that speaks) and its content (the reported clause or the quotation), then attach the quotations
// no cue claimed to the speaker of the paragraph before. Speakers are resolved later (entities.ts).
import type { QuoteKind, Span } from './model';
import type { QuoteMarks } from './quotes';
import { cueBase, cuePhraseAt, isCueVerb } from './cues';
import { INVERTING, SPEECH_VERBS, TAKES_LISTENER } from './lexicon/cues';
import { BETWEEN_SUBJECT_AND_CUE, NOT_IN_NOUN_PHRASE, OBJECT_PRONOUNS, RELATIVE_SOURCES, SUBJECT_PRONOUNS } from './lexicon/grammar';
import { ANONYMOUS_HEADS, NOT_SPEAKER_LABELS, TITLE_HEADS, TITLE_WORDS } from './lexicon/people';
import { has, type Token } from './tokens';
import { ALL_QUOTES, isAbbreviation, isSpace, lowerBound } from './text';

export interface RawAttribution {
  kind: QuoteKind;
  content: Span[];
  cue: Span | null;
  /** Token range [a, b) of the source noun phrase, or null. */
  source: { a: number; b: number } | null;
  /** The attribution whose speaker this one continues (a quotation with no cue of its own). */
  inherits: RawAttribution | null;
  confidence: number;
}

interface Cue {
  /** Token range [i, j) of the cue. */
  i: number;
  j: number;
  according: boolean;
  base: string;
}

interface Clause {
  /** Token range [a, b). */
  a: number;
  b: number;
  start: number;
  end: number;
  para: number;
}

export interface AttributionInput {
  text: string;
  paras: readonly Span[];
  tokens: readonly Token[];
  quotes: readonly QuoteMarks[];
}

export function findAttributions(input: AttributionInput): RawAttribution[] {
  return new Finder(input).run();
}

class Finder {
  private readonly text: string;
  private readonly tokens: readonly Token[];
  private readonly quotes: readonly QuoteMarks[];
  private readonly paras: readonly Span[];
  /** Quotation index of each token, or -1. */
  private readonly inQuote: Int32Array;
  private readonly clauses: Clause[];
  private readonly clauseOf: Int32Array;
  private readonly out: RawAttribution[] = [];
  /** Quotations already claimed as content. */
  private readonly claimed = new Set<number>();
  /** Every quotation piece, sorted by start, with its quotation's index. */
  private readonly pieces: { s: Span; q: number }[] = [];
  /** For each clause, the attributions whose content overlaps it: lookups stay within a sentence. */
  private readonly byClause = new Map<number, Set<number>>();

  constructor(input: AttributionInput) {
    this.text = input.text;
    this.tokens = input.tokens;
    this.quotes = input.quotes;
    this.paras = input.paras;
    this.inQuote = this.markQuotes();
    this.clauses = this.buildClauses();
    this.clauseOf = new Int32Array(this.tokens.length);
    this.clauses.forEach((c, k) => this.clauseOf.fill(k, c.a, c.b));
  }

  run(): RawAttribution[] {
    for (const clause of this.clauses) this.clause(clause);
    this.orphanQuotations();
    return this.out.sort((x, y) => x.content[0]!.start - y.content[0]!.start);
  }

  // ---- structure -------------------------------------------------------------------------

  private markQuotes(): Int32Array {
    const marks = new Int32Array(this.tokens.length).fill(-1);
    const pieces = this.pieces;
    this.quotes.forEach((q, k) => q.pieces.forEach((s) => pieces.push({ s, q: k })));
    pieces.sort((x, y) => x.s.start - y.s.start);
    let p = 0;
    this.tokens.forEach((t, i) => {
      while (p < pieces.length && pieces[p]!.s.end <= t.start) p++;
      const piece = pieces[p];
      if (piece && piece.s.start <= t.start && t.end <= piece.s.end) marks[i] = piece.q;
    });
    return marks;
  }

  /** compromise's sentences, merged where a quotation runs across their boundary. */
  private buildClauses(): Clause[] {
    const out: Clause[] = [];
    const toks = this.tokens;
    let a = 0;
    while (a < toks.length) {
      let b = a + 1;
      for (;;) {
        while (b < toks.length && !this.sentenceBreak(b)) b++;
        const next = toks[b];
        if (next && next.para === toks[a]!.para && this.inQuote[b - 1]! >= 0 && this.inQuote[b - 1] === this.inQuote[b]) {
          b++;
          continue;
        }
        break;
      }
      const first = toks[a]!;
      const last = toks[b - 1]!;
      const para = this.paras[first.para]!;
      out.push({ a, b, start: this.extendLeft(first.start, para.start), end: this.extendRight(last.end, para.end), para: first.para });
      a = b;
    }
    return out;
  }

  /**
   * Does a sentence start at token i? compromise's own sentences miss breaks after a closing quotation
   * mark ("... intelligent.” Clinton said"), so breaks are found here: sentence-final punctuation,
   * maybe closing marks, white space, then a capital, a digit or an opening mark.
   */
  private sentenceBreak(i: number): boolean {
    const t = this.tokens[i]!;
    const prev = this.tokens[i - 1]!;
    if (t.para !== prev.para) return true;
    const g = this.gap(i);
    if (!/[.!?…](?:["”»’')\]]|'')*\s+(?:["“„«‘(\[]|'')*$/.test(g)) return false;
    if (/^\.\s/.test(g) && isAbbreviation(prev.text)) return false;
    if (!/^[\p{Lu}\p{N}]/u.test(t.text)) return false;
    // "“How many times must we see this?” Clinton said.": after a closing quotation mark, a short
    // run that reaches a reporting verb is the quotation's attribution, not a new sentence.
    if (this.quoteEndsBefore(i)) {
      for (let k = i; k < this.tokens.length && k < i + 8 && this.tokens[k]!.para === t.para; k++) {
        if (k > i && /[.!?;]/.test(this.gap(k))) break;
        if (isCueVerb(this.tokens[k]!)) return !this.closesSentence(k + 1);
        if (has(this.tokens[k], 'Verb') && !has(this.tokens[k], 'Noun')) break;
      }
    }
    return true;
  }

  /** Index of the first token starting at or after `pos`, or -1. */
  private tokenFrom(pos: number): number {
    const i = lowerBound(this.tokens, pos, (t) => t.start);
    return i < this.tokens.length ? i : -1;
  }

  /** Quotation pieces overlapping [start, end). Pieces never overlap one another. */
  private piecesIn(start: number, end: number): { s: Span; q: number }[] {
    let i = lowerBound(this.pieces, start, (p) => p.s.end);
    const out: { s: Span; q: number }[] = [];
    while (i < this.pieces.length && this.pieces[i]!.s.start < end) {
      if (this.pieces[i]!.s.end > start) out.push(this.pieces[i]!);
      i++;
    }
    return out;
  }

  private paraIndexOf(pos: number): number {
    const i = lowerBound(this.paras, pos, (p) => p.end);
    return Math.min(i, this.paras.length - 1);
  }

  /** Index of the clause holding `pos` (or the last clause before it). */
  private clauseIndexOf(pos: number): number {
    const i = lowerBound(this.clauses, pos + 1, (c) => c.start);
    return Math.max(0, i - 1);
  }

  /** Attributions whose content overlaps the clauses from `from` to `to`. */
  private contentsNear(from: number, to: number = from): Set<number> {
    const out = new Set<number>();
    for (let k = this.clauseIndexOf(from); k <= this.clauseIndexOf(to); k++) for (const r of this.byClause.get(k) ?? []) out.add(r);
    return out;
  }

  /** Index attribution k by the clauses its content overlaps. */
  private register(k: number): void {
    for (const piece of this.out[k]!.content) {
      for (let c = this.clauseIndexOf(piece.start); c < this.clauses.length && this.clauses[c]!.start < piece.end; c++) {
        const set = this.byClause.get(c) ?? new Set<number>();
        set.add(k);
        this.byClause.set(c, set);
      }
    }
  }

  private push(r: RawAttribution): void {
    this.out.push(r);
    this.register(this.out.length - 1);
  }

  /** Does the sentence end at token j, or after a few modifiers ("said Friday.", "said.")? */
  private closesSentence(j: number): boolean {
    for (let m = j; m < j + 4; m++) {
      const t = this.tokens[m];
      if (!t || t.para !== this.tokens[j - 1]!.para || /[.!?,;]/.test(this.gap(m))) return true;
      if (!(has(t, 'Date') || has(t, 'Adverb') || has(t, 'Preposition') || has(t, 'Value'))) return false;
    }
    return false;
  }

  private extendLeft(pos: number, min: number): number {
    while (pos > min && '"“„«(['.includes(this.text[pos - 1]!) || pos - 1 > min && this.text.startsWith("''", pos - 2)) pos -= this.text.startsWith("''", pos - 2) ? 2 : 1;
    return pos;
  }

  private extendRight(pos: number, max: number): number {
    while (pos < max && !isSpace(this.text[pos]) ) pos++;
    return pos;
  }

  /** Does a quotation (of any style: double, single, typewriter) end just before token k? */
  private quoteEndsBefore(k: number): boolean {
    const prev = this.tokens[k - 1];
    const t = this.tokens[k];
    if (!prev || !t || this.inQuote[k - 1]! < 0) return false;
    return this.quotes[this.inQuote[k - 1]!]!.pieces.some((p) => p.end > prev.end && p.end <= t.start);
  }

  private gap(i: number): string {
    const t = this.tokens[i]!;
    const prev = this.tokens[i - 1];
    return prev ? this.text.slice(prev.end, t.start) : '';
  }

  // ---- noun phrases -------------------------------------------------------------------------

  private isNP(i: number): boolean {
    const t = this.tokens[i];
    if (!t || this.inQuote[i]! >= 0) return false;
    if (NOT_IN_NOUN_PHRASE.has(t.lower) || OBJECT_PRONOUNS.has(t.lower)) return false;
    if (has(t, 'Gerund') && !has(t, 'Noun')) return false;
    if (cueBase(t.lower) && !/^\p{Lu}/u.test(t.text)) return false;
    const capital = /^\p{Lu}/u.test(t.text);
    if (TITLE_WORDS.has(t.lower)) return true;
    if (has(t, 'Verb') && !has(t, 'Noun') && !has(t, 'Adjective') && !capital) return false;
    if (has(t, 'Preposition') || has(t, 'Conjunction') || has(t, 'Adverb') && !capital) return false;
    if (has(t, 'Negative') || has(t, 'QuestionWord') && !RELATIVE_SOURCES.has(t.lower)) return false;
    return true;
  }

  /** May tokens i and i+1 sit in one noun phrase, judging by what lies between them? */
  private joins(i: number): boolean {
    const g = this.gap(i + 1);
    if (/^\s*$/.test(g)) return g.length > 0 || this.tokens[i]!.end === this.tokens[i + 1]!.start;
    if (/^\.\s+$/.test(g)) return isAbbreviation(this.tokens[i]!.text);
    if (/^\s*\(\s*$/.test(g) || /^\s*\)\s*$/.test(g)) return false;
    return /^-$/.test(g);
  }

  private isHead(i: number): boolean {
    const t = this.tokens[i]!;
    if (has(t, 'Adjective') && !has(t, 'Noun') && !/^\p{Lu}/u.test(t.text)) return false;
    if (has(t, 'Determiner')) return false;
    return true;
  }

  /** The noun phrase ending at token b (inclusive), as [a, b+1), within [min, b]. */
  private npEndingAt(b: number, min: number): { a: number; b: number } | null {
    if (b < min || !this.isNP(b) || !this.isHead(b)) return null;
    if (RELATIVE_SOURCES.has(this.tokens[b]!.lower) || SUBJECT_PRONOUNS.has(this.tokens[b]!.lower)) return { a: b, b: b + 1 };
    let a = b;
    while (a - 1 >= min && b - a < 11) {
      const prev = this.tokens[a - 1]!;
      if (this.isNP(a - 1) && this.joins(a - 1) && !SUBJECT_PRONOUNS.has(prev.lower)) { a--; continue; }
      // "the head of the agency", "a spokeswoman for Hillary Clinton", "Mike Pence and Tim Kaine",
      // "developers and supporters"
      const pp = /^(of|for|at|from|with|in|on)$/.test(prev.lower) && has(this.tokens[a - 2], 'Noun') && !has(this.tokens[a - 2], 'Pronoun') && !has(this.tokens[a - 2], 'Date');
      // "a source close to the board", "people familiar with the talks"
      if (/^(to|with)$/.test(prev.lower) && a - 3 >= min && /^(close|familiar|loyal|near|opposed|sympathetic|allied)$/.test(this.tokens[a - 2]!.lower) && this.isNP(a - 3) && this.joins(a - 3) && this.joins(a - 2) && this.joins(a - 1)) {
        a -= 3;
        continue;
      }
      const and = prev.lower === 'and' && (/^\p{Lu}/u.test(this.tokens[a]!.text) || has(this.tokens[a - 2], 'Noun') || has(this.tokens[a - 2], 'Adjective'));
      if ((pp || and) && a - 2 >= min && this.isNP(a - 2) && this.joins(a - 2) && this.joins(a - 1)) {
        a -= 2;
        continue;
      }
      break;
    }
    return this.cutToName({ a, b: b + 1 });
  }

  /**
   * "the editorial board of the Washington Post Trump", "a Bloomberg interview Trump": a noun phrase
   * that runs into a person's name without a title between is an adverbial before the subject.
   */
  private cutToName(np: { a: number; b: number }): { a: number; b: number } {
    let k = np.b - 1;
    while (k > np.a && has(this.tokens[k], 'Person') && !has(this.tokens[k], 'Honorific')) k--;
    if (k === np.b - 1 || k === np.a && has(this.tokens[k], 'Person')) return np;
    const before = this.tokens[k]!;
    // A role ("curator Paul Asher"), a conjunction ("Sarah Lindqvist and David Moreau") or a
    // modifier keeps the whole phrase.
    if (TITLE_WORDS.has(before.lower) || has(before, 'Actor') || has(before, 'Conjunction') || has(before, 'Honorific') || has(before, 'Determiner') || has(before, 'Possessive') || has(before, 'Adjective') || has(before, 'Demonym')) return np;
    if (!/^\p{Lu}/u.test(before.text) && np.b - 1 - k < 2) return np;
    return { a: k + 1, b: np.b };
  }

  /** The noun phrase starting at token a, within [a, max). */
  private npStartingAt(a: number, max: number): { a: number; b: number } | null {
    if (a >= max || !this.isNP(a)) return null;
    if (SUBJECT_PRONOUNS.has(this.tokens[a]!.lower)) return { a, b: a + 1 };
    let b = a + 1;
    while (b < max && b - a < 12 && this.isNP(b) && this.joins(b - 1)) b++;
    while (b - 1 > a && !this.isHead(b - 1)) b--;
    if (!this.isHead(b - 1)) return null;
    return { a, b };
  }

  // ---- per clause ---------------------------------------------------------------------------

  private clause(c: Clause): void {
    const cues = this.cuesOf(c);
    // The last trailing attribution of the clause ("..., sources said.") bounds what comes before it:
    // a cue inside its content is reported speech only when it is a speech verb, and a leading
    // attribution's content stops where the trailing one begins.
    let tail = c.b;
    for (let k = cues.length - 1; k >= 0; k--) {
      const t = this.trailing(c, cues[k]!, c.a);
      if (t) { tail = t.chunk; break; }
    }
    const state = { claimed: c.a, tail };
    for (const cue of cues) {
      if (cue.according) this.accordingTo(c, cue.i, cue.j, state);
      else this.verbCue(c, cue, state);
    }
    this.colonSpeaker(c);
  }

  private cuesOf(c: Clause): Cue[] {
    const out: Cue[] = [];
    for (let i = c.a; i < c.b; i++) {
      if (this.inQuote[i]! >= 0) continue;
      const phrase = cuePhraseAt(this.tokens, i);
      if (phrase > 0) {
        out.push({ i, j: i + phrase, according: this.tokens[i]!.lower === 'according', base: this.tokens[i]!.lower });
        i += phrase - 1;
        continue;
      }
      const t = this.tokens[i]!;
      if (isCueVerb(t, this.tokens[i + 1], i + 1 < this.tokens.length ? this.gap(i + 1) : '')) {
        out.push({ i, j: i + 1, according: false, base: cueBase(t.lower) ?? t.lower });
      }
    }
    return out;
  }

  private cueSpan(a: number, b: number): Span {
    return { start: this.tokens[a]!.start, end: this.tokens[b - 1]!.end };
  }

  /**
   * "X said A, but officials said B": where the next attribution of the clause begins (its source,
   * and a conjunction before it), so that A stops there.
   */
  private nextSource(c: Clause, cue: Cue): number {
    for (const other of this.cuesOf(c)) {
      if (other.i <= cue.j || other.according) continue;
      const src = this.sourceLeft(c, other.i);
      if (!src || src.a <= cue.j + 1) continue;
      let k = src.a;
      while (k - 1 > cue.j && /^(but|and|while|whereas|although|though)$/.test(this.tokens[k - 1]!.lower)) k--;
      if (k === src.a && !/[,;]/.test(this.gap(src.a))) continue;
      return k;
    }
    return c.b;
  }

  /**
   * Is this cue the attribution closing its clause ("“...,” he said", "..., said Lavrov",
   * "..., Cavusoglu said Tuesday in Sochi", "..., according to X")? Returns its source, the first
   * token of the trailing chunk and the token after it.
   */
  private trailing(c: Clause, cue: Cue, from: number): { src: { a: number; b: number }; chunk: number; after: number } | null {
    const { i, j } = cue;
    if (cue.according) {
      if (i <= from || i === c.a) return null;
      const src = this.npStartingAt(j, c.b);
      return src && this.endsClause(c, src.b) && (/[,"”—–(]|''/.test(this.gap(i)) || this.quoteEndsBefore(i)) ? { src, chunk: i, after: src.b } : null;
    }
    const left = this.trailingLeft(c, cue, from);
    if (left) return left;
    // "..., said Lavrov." Only verbs that invert: "X, defended Y on Tuesday" is no inversion.
    // A source before the cue ("The chief executive, Marta Ruiz, said the plan works") rules it out.
    const before = this.sourceLeft(c, i);
    if (i > from && (/[,"”—–]|''/.test(this.gap(i)) || this.quoteEndsBefore(i)) && INVERTING.has(cue.base) && !this.tokens[i]!.lower.endsWith('ing') && !(before && before.a <= from)) {
      const np = this.npStartingAt(j, c.b);
      const src = np ? this.withAppositive(c, np) : null;
      if (src && this.endsClause(c, src.b)) return { src, chunk: i, after: src.b };
    }
    return null;
  }

  /** "“...,” she said" and "..., Cavusoglu said Tuesday": the source before the cue closes the clause. */
  private trailingLeft(c: Clause, cue: Cue, from: number): { src: { a: number; b: number }; chunk: number; after: number } | null {
    const { i, j } = cue;
    const src = this.sourceLeft(c, i);
    if (!src || src.a <= from) return null;
    // "Asked about the ferries, Ilse Marr said:": a colon after the cue introduces what follows.
    const afterCue = this.text.slice(this.tokens[j - 1]!.end, j < c.b ? this.tokens[j]!.start : c.end);
    if (/:/.test(afterCue)) return null;
    const g = this.gap(src.a);
    let after = j;
    if (TAKES_LISTENER.has(cue.base)) {
      const listener = this.npStartingAt(j, c.b);
      if (listener) after = listener.b;
    }
    // "“...,” she said several months later": a quotation just before the source closes it.
    const afterQuote = this.quoteEndsBefore(src.a);
    const colonNext = after < c.b && /:/.test(this.gap(after));
    if (afterQuote && !colonNext) return { src, chunk: src.a, after };
    if ((/[,"”—–:]|''/.test(g) || afterQuote) && this.endsClause(c, after) && this.clauseLike(from, src.a)) return { src, chunk: src.a, after };
    return null;
  }

  /** "According to X, ..." and "..., according to X." */
  private accordingTo(c: Clause, i: number, j: number, state: { claimed: number; tail: number }): void {
    const cue = this.cueSpan(i, j);
    const t = this.trailing(c, { i, j, according: true, base: 'according' }, state.claimed);
    if (t) {
      const before = this.contentBefore(c, state.claimed, i);
      if (before) this.add(before, cue, t.src, 0.85);
      state.claimed = t.after;
      return;
    }
    const src = this.npStartingAt(j, c.b);
    if (!src) return;
    const after = this.contentAfter(c, src.b, false, state.tail);
    if (after) this.add(after, cue, src, 0.85);
    state.claimed = Math.max(state.claimed, src.b);
  }

  private verbCue(c: Clause, cue: Cue, state: { claimed: number; tail: number }): void {
    const { i, j, base } = cue;
    const t = this.tokens[i]!;
    const prev = this.tokens[i - 1];
    if (prev && i > c.a && (prev.lower === 'to' || prev.lower === 'not' || prev.lower === "n't") && this.gap(i).trim() === '') return;
    const nested = this.insideContent(t.start) || (state.tail < c.b && i < state.tail);
    if (nested && !SPEECH_VERBS.has(base)) return;
    const span = this.cueSpan(i, j);
    const trail = this.trailing(c, cue, state.claimed);
    if (trail) {
      const before = this.contentBefore(c, state.claimed, trail.chunk);
      if (before) {
        this.add(before, span, trail.src, 0.9);
        if (!this.midClause(c, trail.after)) this.splitContinuation(c, trail.after);
        state.claimed = trail.after;
        return;
      }
    }
    const src = this.sourceLeft(c, i);
    const colonAfter = /:/.test(this.text.slice(this.tokens[j - 1]!.end, j < c.b ? this.tokens[j]!.start : c.end));
    if (src && !colonAfter && src.a > state.claimed && this.endsClause(c, j) && this.clauseLike(state.claimed, src.a)) {
      // "..., Clinton campaign spokesman Brian Fallon said on Monday.": nothing but modifiers after
      // the cue, so what comes before the source is the content.
      const before = this.contentBefore(c, state.claimed, src.a);
      if (before) {
        this.add(before, span, src, 0.8);
        state.claimed = c.b;
        return;
      }
    }
    if (src) {
      const after = this.contentAfter(c, j, TAKES_LISTENER.has(base), Math.min(state.tail, this.nextSource(c, cue)));
      if (after) this.add(after, span, src, SPEECH_VERBS.has(base) ? 0.85 : 0.6);
      return;
    }
    // "X said A but added B": the same subject, and A ends before the conjunction.
    const conj = this.coordinated(i);
    if (conj !== null) {
      const outer = this.out[conj.outer]!;
      const after = this.contentAfter(c, j, TAKES_LISTENER.has(base), state.tail);
      const last = outer.content.length - 1;
      const piece = outer.content[last]!;
      const end = this.throughClosingMark(this.tokens[conj.at - 1]!.end, this.tokens[conj.at]!.start);
      if (after && outer.source && end > piece.start) {
        outer.content[last] = { start: piece.start, end: Math.min(piece.end, end) };
        outer.kind = this.kindOf(outer.content);
        this.add(after, span, outer.source, 0.75);
        return;
      }
    }
    // "..., saying: “...”": the subject of the clause speaks.
    if (t.lower.endsWith('ing') && /,/.test(this.gap(i)) && !nested) {
      const subject = this.npStartingAt(c.a, c.b);
      const after = this.contentAfter(c, j, TAKES_LISTENER.has(base), state.tail);
      if (subject && after && subject.b <= i) this.add(after, span, subject, 0.7);
    }
  }

  /**
   * "The museum, Mr. Obama said, would make visitors face hard truths.": an attribution set in the
   * middle of the clause; the rest of the clause is a second piece of its content.
   */
  private midClause(c: Clause, after: number): boolean {
    if (after >= c.b || !/^,\s+$/.test(this.gap(after)) || this.inQuote[after]! >= 0) return false;
    const first = this.tokens[after]!;
    if (has(first, 'Preposition') || has(first, 'Gerund') || first.lower.endsWith('ing') || has(first, 'Conjunction') || cueBase(first.lower)) return false;
    let verb = false;
    for (let k = after; k < c.b; k++) {
      if (this.inQuote[k]! >= 0) return false;
      if (has(this.tokens[k], 'Verb') && !has(this.tokens[k], 'Gerund')) verb = true;
    }
    if (!verb || c.b - after < 3) return false;
    let end = c.end;
    while (end > first.start && /[.\s;:!?]/.test(this.text[end - 1]!)) end--;
    const last = this.out[this.out.length - 1]!;
    last.content.push({ start: first.start, end });
    this.register(this.out.length - 1);
    return true;
  }

  /** "but added", "and also said" inside another attribution's content: that attribution and the conjunction. */
  private coordinated(i: number): { outer: number; at: number } | null {
    let k = i - 1;
    while (k >= 0 && BETWEEN_SUBJECT_AND_CUE.has(this.tokens[k]!.lower)) k--;
    const t = this.tokens[k];
    if (!t || (t.lower !== 'and' && t.lower !== 'but')) return null;
    const pos = t.start;
    // The conjunction lies inside the other content, or just after it (where coordinationCut ended it).
    for (const k2 of this.contentsNear(Math.max(0, pos - 3), pos)) {
      const r = this.out[k2]!;
      if (r.cue !== null && r.content.some((s) => s.start <= pos && pos < s.end + 3 && /^[\s,]*$/.test(this.text.slice(Math.min(pos, s.end), pos)))) return { outer: k2, at: k };
    }
    return null;
  }

  /** The source before the cue at i, skipping adverbs, auxiliaries and a parenthetical. */
  private sourceLeft(c: Clause, i: number): { a: number; b: number } | null {
    let b = i - 1;
    while (b >= c.a && (BETWEEN_SUBJECT_AND_CUE.has(this.tokens[b]!.lower) || has(this.tokens[b], 'Date') || /^(last|this|next|on)$/.test(this.tokens[b]!.lower) && has(this.tokens[b + 1], 'Date')) && /^\s+$/.test(this.gap(b + 1))) b--;
    if (b < c.a) return null;
    if (/^\.?\)\s+$/.test(this.gap(b + 1))) return this.npWithParen(b, c.a);
    const g = this.gap(b + 1);
    if (/,/.test(g)) {
      // "Lavrov, for his part, said" / "Sergei Lavrov, the Russian minister, said"
      let k = b;
      while (k > c.a && b - k < 16 && !/,/.test(this.gap(k))) k--;
      if (k <= c.a || !/,/.test(this.gap(k))) return null;
      const first = this.tokens[k]!;
      // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
      const np = /^\.?\)/.test(this.gap(k)) ? this.npWithParen(k - 1, c.a) : this.npEndingAt(k - 1, c.a);
      if (!np) return null;
      // An appositive belongs to the source ("Brian Fallon, the campaign's press secretary,");
      // an aside does not ("Lavrov, for his part,").
      if (this.appositive(k, b + 1)) return { a: np.a, b: b + 1 };
      const aside = has(first, 'Preposition') || has(first, 'Adverb') || has(first, 'Conjunction') || /^(however|though|too|meanwhile|instead)$/.test(first.lower);
      return aside && b - k < 6 ? np : null;
    }
    if (!/^\s+$/.test(g)) return null;
    return this.npEndingAt(b, c.a);
  }

  /**
   * "Rep. Gwen Moore (D-Wis.)": a noun phrase with a short parenthesis after it, where token b is the
   * last one inside the parenthesis.
   */
  private npWithParen(b: number, min: number): { a: number; b: number } | null {
    let k = b;
    while (k > min && b - k < 4 && !/\(\s*$/.test(this.gap(k))) k--;
    if (k <= min || !/\(\s*$/.test(this.gap(k)) || !/^\s+\(/.test(this.gap(k))) return null;
    const np = this.npEndingAt(k - 1, min);
    return np ? { a: np.a, b: b + 1 } : null;
  }

  /** Is [a, b) an appositive: "the Russian minister", "president of the union", "who has four children"? */
  private appositive(a: number, b: number): boolean {
    const first = this.tokens[a]!;
    if (/^(who|whose)$/.test(first.lower)) return true;
    // "The state's campaign chairman, Phil Lovas, said" / "Dianne Feinstein, Democrat of California,"
    if (b - a <= 12 && /^\p{Lu}/u.test(first.text) && !has(first, 'Pronoun')) {
      let verb = false;
      for (let k = a; k < b; k++) if (has(this.tokens[k], 'Verb') && !has(this.tokens[k], 'Noun') || this.inQuote[k]! >= 0) verb = true;
      if (!verb) return true;
    }
    let title = false;
    for (let k = a; k < b; k++) {
      const t = this.tokens[k]!;
      if (this.inQuote[k]! >= 0) return false;
      if (TITLE_HEADS.has(t.lower) || ANONYMOUS_HEADS.has(t.lower)) title = true;
      if (k < a + 3 && has(t, 'Verb') && !has(t, 'Noun') && !has(t, 'Adjective')) return false;
    }
    return title || has(first, 'Determiner') && !has(first, 'Pronoun') || b - a === 1 && has(first, 'Value');
  }

  /** A source after its cue, with its appositive: "said Michael Mulgrew, president of the union." */
  private withAppositive(c: Clause, src: { a: number; b: number }): { a: number; b: number } {
    let out = src;
    // "Peter Morgan, a lawyer for the Sierra Club, who has fought ...": one segment after another.
    while (out.b < c.b && /^,\s+$/.test(this.gap(out.b))) {
      let k = out.b;
      while (k + 1 < c.b && k - out.b < 20 && !/[,;:—–()]/.test(this.gap(k + 1))) k++;
      const end = k + 1;
      if (end !== c.b && !/,/.test(this.gap(end))) break;
      if (!this.appositive(out.b, end)) break;
      out = { a: src.a, b: end };
    }
    return out;
  }

  /** Does nothing but modifiers follow token j to the end of the clause ("said Tuesday in Sochi")? */
  private endsClause(c: Clause, j: number): boolean {
    for (let k = j; k < c.b; k++) {
      const t = this.tokens[k]!;
      const g = this.gap(k);
      if (this.inQuote[k]! >= 0 || t.lower === 'that' || /:/.test(g)) return false;
      // ", adding ...", "; ...": the modifiers ended, another clause follows.
      if (/[,;—–]/.test(g) && (k > j || !/^\s*\(/.test(g))) return true;
      if (k === j && !(has(t, 'Preposition') || has(t, 'Date') || has(t, 'Adverb') || has(t, 'Value') || /^(in|on|at|during|after|before|with|while|when|as|to|from|of|last|this|earlier|later|recently)$/.test(t.lower))) {
        return false;
      }
      if (has(t, 'Verb') && !has(t, 'Noun') && !has(t, 'Gerund') && !has(t, 'Participle')) return false;
    }
    return true;
  }

  /** Is tokens [a, b) a clause worth attributing (a verb or a quotation, at least three words)? */
  private clauseLike(a: number, b: number): boolean {
    if (b - a < 3) return false;
    for (let k = a; k < b; k++) if (has(this.tokens[k], 'Verb') || this.inQuote[k]! >= 0) return true;
    return false;
  }

  private overlapsContent(span: Span): boolean {
    for (const k of this.contentsNear(span.start, span.end)) if (this.out[k]!.content.some((s) => s.start < span.end && span.start < s.end)) return true;
    return false;
  }

  private insideContent(pos: number): boolean {
    for (const k of this.contentsNear(pos)) if (this.out[k]!.content.some((s) => s.start <= pos && pos < s.end)) return true;
    return false;
  }

  // ---- content --------------------------------------------------------------------------------

  /** From `end` (the end of a word), past the punctuation and closing quotation mark before `limit`. */
  private throughClosingMark(end: number, limit: number): number {
    for (const p of this.piecesIn(Math.max(0, end - 1), limit)) if (p.s.end > end && p.s.end <= limit) return p.s.end;
    return end;
  }

  /** Content from the start of the clause (or the last claimed token) up to token i (exclusive). */
  private contentBefore(c: Clause, from: number, i: number): Span[] | null {
    const start = from === c.a ? c.start : this.tokens[from]!.start;
    return this.shape(start, this.throughClosingMark(this.tokens[i - 1]!.end, this.tokens[i]!.start));
  }

  /** Content after token j: skips a listener, time and place, to "that", a colon or a quotation. */
  private contentAfter(c: Clause, j: number, listener: boolean, limit = c.b): Span[] | null {
    let k = j;
    if (listener) {
      const np = this.npStartingAt(k, c.b);
      if (np) {
        // "told the Harbour Gazette the sale was final": a second determiner starts the content.
        k = np.b;
        for (let m = np.a + 1; m < np.b; m++) if (has(this.tokens[m], 'Determiner')) { k = m; break; }
      }
    }
    // Skip a short run of modifiers when "that" or a colon follows it.
    for (let m = k; m < Math.min(c.b, k + 8); m++) {
      const t = this.tokens[m]!;
      if (this.inQuote[m]! >= 0) break;
      if (t.lower === 'that' && m > k) {
        k = m;
        break;
      }
      if (has(t, 'Verb')) break;
    }
    let start = k < c.b ? this.tokens[k]!.start : -1;
    const colon = this.text.slice(this.tokens[j - 1]!.end, start < 0 ? c.end : start);
    if (k < c.b && this.inQuote[k]! >= 0) start = this.quotes[this.inQuote[k]!]!.pieces[0]!.start;
    if (k >= c.b) {
      // "Cavusoglu said:" closing its paragraph: the next paragraph's quotation is the content.
      if (/:\s*$/.test(colon)) return this.nextParagraphQuote(c);
      return null;
    }
    limit = this.coordinationCut(k, Math.min(limit, c.b), j - 1);
    let end = limit < c.b && limit > k ? this.throughClosingMark(this.tokens[limit - 1]!.end, this.tokens[limit]!.start) : c.end;
    while (end > start && /[.\s;:!?,—–]/.test(this.text[end - 1]!) && !ALL_QUOTES.includes(this.text[end - 1]!) && this.text[end - 1] !== "'") end--;
    if (end - start < 3) return null;
    return this.shape(start, end);
  }

  /**
   * "Trump tweeted that Machado was “a con” and encouraged Americans to ...": a second verb in the
   * cue's tense, joined by "and"/"but", is the speaker's next act, not part of what was said.
   */
  private coordinationCut(k: number, limit: number, cue: number): number {
    const tense = has(this.tokens[cue], 'PastTense') ? 'PastTense' : has(this.tokens[cue], 'PresentTense') ? 'PresentTense' : null;
    if (!tense) return limit;
    const lexical = (v: Token): boolean => has(v, tense) && !has(v, 'Auxiliary') && !has(v, 'Copula') && !has(v, 'Noun') && !has(v, 'Gerund') && !has(v, 'Participle');
    for (let m = k + 2; m + 1 < limit; m++) {
      const t = this.tokens[m]!;
      const v = this.tokens[m + 1]!;
      // "said Turkey's support balanced X and showed Y": a verb like the reported clause's own
      // joins that clause; only one unlike it ("was ... and encouraged") returns to the speaker.
      if (this.inQuote[m]! < 0 && lexical(t) && !cueBase(t.lower)) return limit;
      if (this.inQuote[m]! >= 0 || (t.lower !== 'and' && t.lower !== 'but')) continue;
      if (!/^\s+$/.test(this.gap(m + 1))) continue;
      if (lexical(v)) return m;
    }
    return limit;
  }

  private nextParagraphQuote(c: Clause): Span[] | null {
    const next = this.paras[c.para + 1];
    if (!next) return null;
    const first = this.piecesIn(next.start, next.start + 1)[0];
    if (!first || first.s.start !== next.start || this.quotes[first.q]!.pieces[0]!.start !== next.start) return null;
    const q = first.q;
    this.claimed.add(q);
    return this.quotes[q]!.pieces.map((p) => ({ start: p.start, end: p.end }));
  }

  /** Content span(s) for [start, end): whole quotations it touches are taken whole. */
  private shape(start: number, end: number): Span[] | null {
    while (start < end && /[\s,;:—–-]/.test(this.text[start]!)) start++;
    while (end > start && /[\s,;:—–-]/.test(this.text[end - 1]!)) end--;
    if (end - start < 2) return null;
    const touched: number[] = [];
    for (const p of this.piecesIn(start, end)) if (!touched.includes(p.q)) touched.push(p.q);
    if (touched.length === 0) return [{ start, end }];
    let quoted = 0;
    const pieces: Span[] = [];
    for (const k of touched) {
      this.claimed.add(k);
      for (const p of this.quotes[k]!.pieces) {
        quoted += Math.min(p.end, end) - Math.max(p.start, start);
        pieces.push(p);
      }
    }
    if (quoted >= 0.8 * (end - start)) return pieces.map((p) => ({ start: p.start, end: p.end })).sort((x, y) => x.start - y.start);
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    const lo = Math.min(start, first.start >= this.paraOf(start).start ? first.start : start);
    const hi = Math.max(end, last.end <= this.paraOf(start).end ? last.end : end);
    const before = pieces.filter((p) => p.end <= this.paraOf(start).start);
    return [...before, { start: lo, end: hi }];
  }

  private paraOf(pos: number): Span {
    const p = this.paras[this.paraIndexOf(pos)];
    return p && p.start <= pos && pos <= p.end ? p : { start: pos, end: pos };
  }

  /** After "“A,” he said", a quotation that goes on ("“B.”") is a second piece of the same content. */
  private splitContinuation(c: Clause, j: number): void {
    const last = this.out[this.out.length - 1]!;
    // "“A,” he said, “B.”"
    let k = j;
    while (k < c.b && this.inQuote[k]! < 0 && k - j < 3 && has(this.tokens[k], 'Date')) k++;
    while (k < c.b && this.inQuote[k]! < 0) k++;
    let q = k < c.b ? this.inQuote[k]! : -1;
    if (q < 0) {
      // the next clause of the paragraph, when it is all quotation
      const next = this.clauses[this.clauseOf[c.b - 1]! + 1];
      if (!next || next.para !== c.para) return;
      const nq = this.inQuote[next.a]!;
      if (nq < 0 || this.claimed.has(nq)) return;
      const piece = this.quotes[nq]!.pieces[0]!;
      if (piece.start > next.start + 1 || piece.end < next.end - 2) return;
      if (this.hasCue(next)) return;
      q = nq;
    }
    if (this.claimed.has(q) || !last.content.every((s) => s.end <= this.quotes[q]!.pieces[0]!.start)) return;
    this.claimed.add(q);
    last.content.push(...this.quotes[q]!.pieces.map((p) => ({ start: p.start, end: p.end })));
    this.register(this.out.length - 1);
    last.kind = last.kind === 'indirect' ? 'mixed' : last.kind;
  }

  private hasCue(c: Clause): boolean {
    for (let i = c.a; i < c.b; i++) if (this.inQuote[i]! < 0 && isCueVerb(this.tokens[i]!)) return true;
    return false;
  }

  /** Transcripts and interviews: "PENCE: Well, ..." */
  private colonSpeaker(c: Clause): void {
    if (c.start !== this.paras[c.para]!.start && !ALL_QUOTES.includes(this.text[c.start]!) && !this.text.startsWith("''", c.start)) return;
    let b = c.a;
    while (b < Math.min(c.b, c.a + 3) && /^\p{Lu}/u.test(this.tokens[b]!.text) && (b === c.a || /^[ .]+$/.test(this.gap(b)))) b++;
    if (b === c.a || b >= c.b) return;
    const np = { a: c.a, b };
    const g = this.gap(np.b);
    if (!/^:\s/.test(g)) return;
    // A speaker's label is a name ("PENCE:", "Laura Benedetti:"), not a heading ("Photo:", "Update:").
    const label = this.tokens.slice(np.a, np.b);
    if (NOT_SPEAKER_LABELS.has(label.map((t) => t.lower).join(' '))) return;
    if (!label.every((t) => /^[\p{Lu}\p{N}.'’-]+$/u.test(t.text) || has(t, 'Person') || has(t, 'ProperNoun') && !has(t, 'Noun'))) {
      if (!label.some((t) => has(t, 'Person'))) return;
    }
    const start = this.tokens[np.b]!.start;
    const para = this.paras[c.para]!;
    let end = para.end;
    while (end > start && /[\s"”]/.test(this.text[end - 1]!)) end--;
    const colonAt = this.tokens[np.b - 1]!.end + g.indexOf(':');
    if (this.insideContent(start)) return;
    this.push({ kind: 'direct', content: [{ start, end }], cue: { start: colonAt, end: colonAt + 1 }, source: np, inherits: null, confidence: 0.6 });
  }

  private add(content: Span[], cue: Span, source: { a: number; b: number }, confidence: number): void {
    const kind = this.kindOf(content);
    this.push({ kind, content, cue, source, inherits: null, confidence });
  }

  private kindOf(content: Span[]): QuoteKind {
    let quoted = 0;
    let total = 0;
    for (const s of content) {
      total += s.end - s.start;
      for (const p of this.piecesIn(s.start, s.end)) quoted += Math.max(0, Math.min(p.s.end, s.end) - Math.max(p.s.start, s.start));
    }
    if (quoted === 0) return 'indirect';
    return quoted >= 0.8 * total ? 'direct' : 'mixed';
  }

  // ---- quotations no cue claimed -------------------------------------------------------------

  /** "“...” ― Sonya Herridge": a quotation signed with a dash and a name closing its paragraph. */
  private dashSigned(k: number): boolean {
    const q = this.quotes[k]!;
    const last = q.pieces[q.pieces.length - 1]!;
    const para = this.paraOf(last.start);
    const m = /^\s*([―—–-])\s*/.exec(this.text.slice(last.end, para.end));
    if (!m) return false;
    const dash = last.end + m[0].indexOf(m[1]!);
    const a = this.tokenFrom(last.end + m[0].length);
    if (a < 0 || this.tokens[a]!.start !== last.end + m[0].length || !/^\p{Lu}/u.test(this.tokens[a]!.text)) return false;
    let b = a + 1;
    while (b < this.tokens.length && this.tokens[b]!.end <= para.end && /^\p{Lu}/u.test(this.tokens[b]!.text) && this.joins(b - 1)) b++;
    if (b - a > 5) return false;
    let end = b;
    while (end < this.tokens.length && this.tokens[end]!.end <= para.end) end++;
    const src = end > b && /^,/.test(this.gap(b)) ? { a, b: end } : { a, b };
    if (src.b === b && b < this.tokens.length && this.tokens[b]!.end <= para.end) return false;
    this.claimed.add(k);
    this.push({ kind: 'direct', content: q.pieces.map((p) => ({ start: p.start, end: p.end })), cue: { start: dash, end: dash + 1 }, source: src, inherits: null, confidence: 0.75 });
    return true;
  }

  private orphanQuotations(): void {
    this.quotes.forEach((q, k) => {
      if (this.claimed.has(k)) return;
      if (this.dashSigned(k)) return;
      const first = q.pieces[0]!;
      if (q.pieces.some((p) => this.overlapsContent(p))) return;
      const words = q.pieces.reduce((n, p) => n + this.text.slice(p.start, p.end).split(/\s+/).length, 0);
      if (words < 4) return; // scare quotes, titles
      // Must be the bulk of its clause(s): a quotation inside a sentence of the writer's is not speech.
      const tok = this.tokenFrom(first.start);
      if (tok < 0) return;
      const clause = this.clauses[this.clauseOf[tok]!]!;
      const span = Math.max(1, clause.end - clause.start);
      if ((Math.min(first.end, clause.end) - Math.max(first.start, clause.start)) < 0.7 * span && q.pieces.length === 1) return;
      const prev = this.previousSpeaker(first.start, clause.para);
      this.push({ kind: 'direct', content: q.pieces.map((p) => ({ start: p.start, end: p.end })), cue: null, source: null, inherits: prev, confidence: prev === null ? 0.4 : 0.6 });
    });
  }

  /** The attribution that most recently named a source, in this or the two previous paragraphs. */
  private previousSpeaker(pos: number, para: number): RawAttribution | null {
    let best: RawAttribution | null = null;
    for (const k of this.contentsNear(this.paras[Math.max(0, para - 2)]!.start, pos)) {
      const r = this.out[k]!;
      if (!r.source && r.inherits === null) continue;
      const at = r.content[0]!.start;
      if (at >= pos || para - this.paraIndexOf(at) > 2) continue;
      if (best === null || at > best.content[0]!.start) best = r;
    }
    // A quotation continuing a quotation continues its speaker.
    return best !== null && best.source === null ? best.inherits : best;
  }
}
