import { SCHEMA, type Analysis, type Quote, type Span, type TextSpan } from './model';
import { paragraphs } from './text';
import { findQuoteMarks } from './quotes';
import { tokenize } from './tokens';
import { findAttributions } from './attribution';
import { EntityResolver } from './entities';
import { findBody } from './body';
import { findCredits } from './credits';

export interface AnalyzeOptions {
  /** Stored on the result as `file` (the command line passes the path it was given). */
  file?: string;
}

/** Analyse one article. Pure: no I/O, same text gives the same JSON byte for byte. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { body } = findBody(text);
  const paras = paragraphs(text);
  const quotes = findQuoteMarks(text, paras);
  const tokens = tokenize(text, paras);
  const raw = findAttributions({ text, paras, tokens, quotes });
  const resolver = new EntityResolver(text, tokens, body);
  resolver.collect(raw.flatMap((r) => (r.source ? [r.source] : [])));
  const resolved = resolver.resolve(raw);
  const span = (s: Span): TextSpan => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
  const quoteList: Quote[] = raw.map((r, k) => {
    const src = r.source ? span({ start: tokens[r.source.a]!.start, end: tokens[r.source.b - 1]!.end }) : null;
    return {
      id: `q${k + 1}`,
      kind: r.kind,
      content: r.content.map((s) => ({ start: s.start, end: s.end })),
      cue: r.cue ? span(r.cue) : null,
      source: src,
      speaker: resolved[k]!.speaker,
      anonymous: resolved[k]!.anonymous,
      confidence: r.confidence,
    };
  });
  return {
    schema: SCHEMA,
    ...(options.file !== undefined ? { file: options.file } : {}),
    length: text.length,
    body: { start: body.start, end: body.end },
    entities: resolver.entities(),
    quotes: quoteList,
    credits: findCredits(text, body),
  };
}
