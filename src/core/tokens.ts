// One compromise pass per paragraph: its terms, with tags and offsets into the whole text.
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

interface CompromiseTerm {
  text: string;
  tags: Set<string>;
  offset?: { start: number; length: number };
}

interface CompromiseDoc {
  compute(what: string): void;
  document: CompromiseTerm[][];
}

/** Tokens of the given paragraphs, in order. Sentences never cross a paragraph. */
export function tokenize(text: string, paras: readonly Span[]): Token[] {
  const out: Token[] = [];
  let sent = 0;
  paras.forEach((p, para) => {
    const doc = nlp(text.slice(p.start, p.end)) as unknown as CompromiseDoc;
    doc.compute('offset');
    for (const sentence of doc.document) {
      for (const term of sentence) {
        if (!term.offset || term.offset.length === 0) continue;
        const start = p.start + term.offset.start;
        const end = start + term.offset.length;
        const slice = text.slice(start, end);
        out.push({ text: slice, lower: slice.toLowerCase(), start, end, tags: term.tags, para, sent });
      }
      sent++;
    }
  });
  return out;
}

export function has(t: Token | undefined, tag: string): boolean {
  return t !== undefined && t.tags.has(tag);
}
