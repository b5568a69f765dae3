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
function parse(texts: readonly string[], emit: (para: number, start: number, end: number, tags: Set<string>) => void, sentence: (para: number) => void): void {
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
      for (const term of document[s]!) {
        const start = elapsed + term.pre.length;
        const end = start + term.text.length;
        elapsed = end + term.post.length;
        if (end !== start) emit(piece.para, start, end, term.tags);
      }
      sentence(piece.para);
    }
  });
}

/**
 * Tokens of each paragraph text, in one compromise pass over all of them. Equal, paragraph by
 * paragraph, to what a pass over each text alone gives.
 */
export function tokenizeParagraphs(texts: readonly string[]): ParagraphTokens[] {
  const out: { tokens: Token[]; sentences: number }[] = texts.map(() => ({ tokens: [], sentences: 0 }));
  parse(
    texts,
    (para, start, end, tags) => {
      const p = out[para]!;
      const slice = texts[para]!.slice(start, end);
      p.tokens.push({ text: slice, lower: slice.toLowerCase(), start, end, tags, para, sent: p.sentences });
    },
    (para) => out[para]!.sentences++,
  );
  return out;
}

/** Tokens of the given paragraphs, in order. Sentences never cross a paragraph. */
export function tokenize(text: string, paras: readonly Span[]): Token[] {
  const out: Token[] = [];
  let sent = 0;
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
