// compromise's terms, with tags and offsets into the whole text. Sentences never cross a
// paragraph: each paragraph is split into sentences on its own, then all the paragraphs'
// sentences are tagged in ONE compromise pass (its tagger works sentence by sentence, so the tags
// are those a pass over each paragraph alone gives, and re-tagging one edited paragraph gives the
// same tokens as the whole pass). Very long paragraphs are cut into bounded pieces first, so no
// compromise call is huge (scraped text with no line break stays linear).
import nlp from 'compromise';
import type { Span } from './model';

export interface Token {
  /** Exact text of the term (compromise's word, without surrounding punctuation). */
  text: string;
  lower: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  /** Paragraph index. */
  para: number;
  /** Sentence index, global across the text. */
  sent: number;
}

/** The tokens of one paragraph, with offsets and sentence indices relative to the paragraph. */
export interface ParagraphTokens {
  tokens: readonly Token[];
  /** compromise's sentences in the paragraph (some may hold no token). */
  sentences: number;
  /**
   * Where each sentence starts in the paragraph (its first word's leading white space included),
   * when the paragraph was read in one piece: retokenize() then tags only the sentences an edit
   * changed.
   */
  starts?: number[];
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

type Document = CompromiseTerm[][];

interface CompromiseWorld {
  hooks: string[];
  methods: { one: { tokenize: { fromString(text: string, world: CompromiseWorld): Document } } };
}

interface CompromiseView {
  compute(what: string[]): void;
  document: Document;
}

type ViewClass = new (document: Document) => CompromiseView;

/** A paragraph longer than this is cut into pieces of at most this many characters. */
export const MAX_PIECE = 16_000;

let engine: { world: CompromiseWorld; View: ViewClass; hooks: string[] } | null = null;

function compromise(): NonNullable<typeof engine> {
  if (engine) return engine;
  const world = nlp.world() as unknown as CompromiseWorld;
  const View = (nlp('') as unknown as { constructor: ViewClass }).constructor;
  // nlp(text) runs every hook; the noun/verb chunker ('chunks') only adds tags the core never reads.
  const hooks = world.hooks.filter((h) => h !== 'chunks');
  engine = { world, View, hooks };
  return engine;
}

/**
 * Where to cut a paragraph longer than MAX_PIECE: after a sentence end (". " before a capital) in
 * the second half of the window, else at the last white space, else at the window's end. Depends
 * on the paragraph's text alone, so an edit elsewhere never moves it.
 */
export function pieceEnds(text: string): number[] {
  const ends: number[] = [];
  let start = 0;
  while (text.length - start > MAX_PIECE) {
    const max = start + MAX_PIECE;
    const min = start + (MAX_PIECE >> 1);
    let cut = -1;
    let space = -1;
    for (let i = max - 1; i > min; i--) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 0xa0) continue;
      if (space < 0) space = i + 1;
      const p = text[i - 1];
      if ((p === '.' || p === '!' || p === '?') && /\p{Lu}/u.test(text[i + 1] ?? '')) { cut = i + 1; break; }
    }
    if (cut < 0) cut = space > 0 ? space : max;
    // never split a surrogate pair
    if (cut === max && (text.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
    ends.push(cut);
    start = cut;
  }
  ends.push(text.length);
  return ends;
}

/**
 * One compromise pass over all the texts; calls `emit` for each token (offsets in its text) and
 * `sentence` at the end of each sentence, text by text, in order.
 */
function parse(texts: readonly string[], emit: (para: number, start: number, end: number, tags: Set<string>) => void, sentence: (para: number, start: number) => void): void {
  const { world, View, hooks } = compromise();
  const fromString = world.methods.one.tokenize.fromString;
  const document: Document = [];
  /** For each piece: its text, its offset in the text and its first sentence. */
  const pieces: { para: number; offset: number; first: number }[] = [];
  texts.forEach((t, para) => {
    let start = 0;
    for (const end of t.length > MAX_PIECE ? pieceEnds(t) : [t.length]) {
      pieces.push({ para, offset: start, first: document.length });
      for (const s of fromString(t.slice(start, end), world)) document.push(s);
      start = end;
    }
  });
  if (document.length > 0) new View(document).compute(hooks);
  pieces.forEach((piece, k) => {
    const stop = k + 1 < pieces.length ? pieces[k + 1]!.first : document.length;
    // The offsets compromise's own compute('offset') gives, counted from the piece's start.
    let elapsed = piece.offset;
    for (let s = piece.first; s < stop; s++) {
      sentence(piece.para, elapsed);
      for (const term of document[s]!) {
        const start = elapsed + term.pre.length;
        const end = start + term.text.length;
        elapsed = end + term.post.length;
        if (end !== start) emit(piece.para, start, end, term.tags);
      }
    }
  });
}

/**
 * Tokens of each paragraph text, in one compromise pass over all of them. Equal, paragraph by
 * paragraph, to what a pass over each text alone gives.
 */
export function tokenizeParagraphs(texts: readonly string[]): ParagraphTokens[] {
  const out = texts.map((t) => ({ tokens: [] as Token[], sentences: 0, ...(t.length > MAX_PIECE ? {} : { starts: [] as number[] }) }));
  parse(
    texts,
    (para, start, end, tags) => {
      const p = out[para]!;
      const slice = texts[para]!.slice(start, end);
      p.tokens.push({ text: slice, lower: slice.toLowerCase(), start, end, tags, para, sent: p.sentences - 1 });
    },
    (para, start) => {
      const p = out[para]!;
      p.sentences++;
      p.starts?.push(start);
    },
  );
  return out;
}

/**
 * The tokens of a paragraph's new text `text` (as tokenizeParagraphs([text]) gives them), from
 * those of its last text `was`: compromise tags each sentence on its own (test/unit/reuse.test.ts
 * checks it on every sentence of PolNeAR dev), so the sentences the edit left as they were, at the
 * start and at the end, keep their tokens, and only those between are tagged.
 */
export function retokenize(text: string, was: string, old: ParagraphTokens): ParagraphTokens {
  if (!old.starts || text.length > MAX_PIECE) return tokenizeParagraphs([text])[0]!;
  const { world, View, hooks } = compromise();
  const document = world.methods.one.tokenize.fromString(text, world);
  const starts: number[] = [];
  let elapsed = 0;
  for (const s of document) {
    starts.push(elapsed);
    for (const term of s) elapsed += term.pre.length + term.text.length + term.post.length;
  }
  const n = document.length;
  const m = old.sentences;
  const os = old.starts;
  const end = (xs: readonly number[], k: number, length: number): number => (k + 1 < xs.length ? xs[k + 1]! : length);
  // The same sentences at the start (same place, same text) ...
  let head = 0;
  while (head < n && head < m && starts[head] === os[head] && end(starts, head, text.length) === end(os, head, was.length) && text.slice(starts[head]!, end(starts, head, text.length)) === was.slice(os[head]!, end(os, head, was.length))) head++;
  // ... and at the end (same text, moved).
  let tail = 0;
  while (tail < n - head && tail < m - head) {
    const j = n - 1 - tail;
    const k = m - 1 - tail;
    const a = text.slice(starts[j]!, end(starts, j, text.length));
    if (a.length !== end(os, k, was.length) - os[k]! || a !== was.slice(os[k]!, end(os, k, was.length))) break;
    tail++;
  }
  const middle = document.slice(head, n - tail);
  if (middle.length > 0) new View(middle).compute(hooks);
  const tokens: Token[] = [];
  let t = 0;
  while (t < old.tokens.length && old.tokens[t]!.sent < head) tokens.push(old.tokens[t++]!);
  for (let j = head; j < n - tail; j++) {
    let at = starts[j]!;
    for (const term of document[j]!) {
      const start = at + term.pre.length;
      const stop = start + term.text.length;
      at = stop + term.post.length;
      if (stop === start) continue;
      const slice = text.slice(start, stop);
      tokens.push({ text: slice, lower: slice.toLowerCase(), start, end: stop, tags: term.tags, para: 0, sent: j });
    }
  }
  const by = text.length - was.length;
  const bySent = n - m;
  while (t < old.tokens.length && old.tokens[t]!.sent < m - tail) t++;
  for (; t < old.tokens.length; t++) {
    const x = old.tokens[t]!;
    tokens.push({ text: x.text, lower: x.lower, start: x.start + by, end: x.end + by, tags: x.tags, para: 0, sent: x.sent + bySent });
  }
  return { tokens, sentences: n, starts };
}

/** Tokens of the given paragraphs, in order. Sentences never cross a paragraph. */
export function tokenize(text: string, paras: readonly Span[]): Token[] {
  const out: Token[] = [];
  let sent = -1;
  parse(
    paras.map((p) => text.slice(p.start, p.end)),
    (para, start, end, tags) => {
      const shift = paras[para]!.start;
      const slice = text.slice(start + shift, end + shift);
      out.push({ text: slice, lower: slice.toLowerCase(), start: start + shift, end: end + shift, tags, para, sent });
    },
    () => sent++,
  );
  return out;
}

export function has(t: Token | undefined, tag: string): boolean {
  return t !== undefined && t.tags.has(tag);
}
