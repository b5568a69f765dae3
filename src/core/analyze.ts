import { SCHEMA, type Analysis, type Credit, type Entity, type Quote, type Span, type TextSpan } from './model';
import { detached, paragraphs, spanAt, type Line } from './text';
import { findQuoteMarks } from './quotes';
import { tokenize, type Token } from './tokens';
import { findAttributions, type RawAttribution } from './attribution';
import { EntityResolver, type Resolution, type RunFacts, type TitleMemo } from './entities';
import { findBody, type KeyTable, type LineFacts } from './body';
import { findCredits, type LineCredits } from './credits';

export interface AnalyzeOptions {
  /** Stored on the result as `file` (the command line passes the path it was given). */
  file?: string;
}

/**
 * What analyzeTokens may remember from one version of a text to the next (the incremental
 * analyzer keeps one): facts worked out from a line's or a paragraph's text alone, kept by the
 * caller for the paragraphs an edit did not change (filled in here where missing).
 */
export interface AnalysisMemo {
  /** By paragraph (the k-th non-blank line): what findBody and the entity resolver worked out from its text alone. */
  lines: Array<LineFacts | undefined>;
  /** The numbers of the repeat keys `lines` holds (see findBody). */
  keys?: KeyTable;
  runs: Array<RunFacts[] | undefined>;
  titles: TitleMemo;
  /** By paragraph: the credits creditsInLine found in it. */
  credits?: Array<LineCredits | undefined>;
  /** lines(text), when the caller has them. */
  textLines?: Line[];
}

/** Analyse one article. Pure: no I/O, same text gives the same JSON byte for byte. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const paras = paragraphs(text);
  return analyzeTokens(text, paras, tokenize(text, paras), options);
}

/**
 * The analysis of a text whose paragraphs and tokens are known (the incremental analyzer keeps
 * the tokens of the paragraphs an edit did not touch): everything after compromise. `attributions`,
 * when given, are what findAttributions gives for these tokens (fresh objects: they are changed).
 */
export function analyzeTokens(text: string, paras: Span[], tokens: readonly Token[], options: AnalyzeOptions = {}, attributions?: RawAttribution[], memo?: AnalysisMemo): Analysis {
  return resolveAll(prepare(text, paras, tokens, attributions, memo), options, memo);
}

/** What the analysis has found before it links sources to entities: the body, credits and attributions. */
export interface Prepared {
  text: string;
  paras: Span[];
  tokens: readonly Token[];
  body: Span;
  credits: Credit[];
  /** The attributions outside credit lines, in the order their quotes get their ids. */
  raw: RawAttribution[];
  /** Those of `raw` that are copies of what was found, cut by a credit line (or relinked to such a copy). */
  cut: ReadonlySet<RawAttribution>;
}

/** The body, credits and attributions of a text whose paragraphs and tokens are known (see analyzeTokens). */
export function prepare(text: string, paras: Span[], tokens: readonly Token[], attributions?: RawAttribution[], memo?: AnalysisMemo): Prepared {
  const { body } = findBody(text, memo?.lines, memo?.textLines, memo?.keys);
  const credits = findCredits(text, body, memo?.credits, memo?.textLines);
  const found = attributions ?? findAttributions({ text, paras, tokens, quotes: findQuoteMarks(text, paras) });
  const cut = new Set<RawAttribution>();
  return { text, paras, tokens, body, credits, raw: outsideCredits(found, credits, text, cut), cut };
}

/**
 * The analysis: each source linked to its entity over the whole text. `resolver`, when given, is
 * handed the resolver once it is done (the incremental analyzer keeps what it needs of it).
 */
export function resolveAll(p: Prepared, options: AnalyzeOptions = {}, memo?: AnalysisMemo, done?: (resolver: EntityResolver) => void): Analysis {
  const { text, tokens, raw } = p;
  const resolver = new EntityResolver(text, tokens, p.credits);
  if (memo) memo.titles.next();
  resolver.collect(raw.flatMap((r) => (r.source ? [r.source] : [])), memo ? { paras: p.paras, runs: memo.runs, titles: memo.titles } : undefined);
  const resolved = resolver.resolve(raw);
  const quoteList = raw.map((r, k) => quoteOf(text, tokens, r, k, resolved[k]!));
  done?.(resolver);
  return assemble(p, options, resolver.entities(), quoteList);
}

/** The analysis object (its keys in the contract's order). */
export function assemble(p: Prepared, options: AnalyzeOptions, entities: Entity[], quotes: Quote[]): Analysis {
  return {
    schema: SCHEMA,
    ...(options.file !== undefined ? { file: options.file } : {}),
    length: p.text.length,
    body: { start: p.body.start, end: p.body.end },
    entities,
    quotes,
    credits: p.credits,
  };
}

/** The quote of an attribution (the k-th in text order) whose source resolved to `res`. */
export function quoteOf(text: string, tokens: readonly Token[], r: RawAttribution, k: number, res: Resolution): Quote {
  const span = (s: Span): TextSpan => ({ start: s.start, end: s.end, text: detached(text.slice(s.start, s.end)) });
  return {
    id: `q${k + 1}`,
    kind: r.kind,
    content: r.content.map((s) => ({ start: s.start, end: s.end })),
    cue: r.cue ? span(r.cue) : null,
    source: r.source ? span({ start: tokens[r.source.a]!.start, end: tokens[r.source.b - 1]!.end }) : null,
    speaker: res.speaker,
    anonymous: res.anonymous,
    confidence: r.confidence,
  };
}

/**
 * Credit lines are not speech: an attribution whose cue lies in one ("Photo: Reuters",
 * "Additional reporting by ...") is dropped, and a content that begins with a dateline
 * ("LONDON (AP) — Rail workers ...") starts after it.
 */
function outsideCredits(raw: RawAttribution[], credits: readonly Credit[], text: string, cut: Set<RawAttribution>): RawAttribution[] {
  if (credits.length === 0) return raw;
  const inCredit = (pos: number): Credit | undefined => spanAt(credits, pos);
  const out: RawAttribution[] = [];
  // The attributions are never changed in place (the incremental analyzer keeps them from one
  // version to the next): one a credit cuts is copied, with what continues it relinked below.
  const copies = new Map<RawAttribution, RawAttribution>();
  for (const r of raw) {
    if (r.cue && inCredit(r.cue.start)) continue;
    if (!r.content.some((piece) => inCredit(piece.start))) {
      out.push(r);
      continue;
    }
    const content: Span[] = [];
    for (const piece of r.content) {
      const credit = inCredit(piece.start);
      if (!credit) { content.push(piece); continue; }
      let start = credit.end;
      while (start < piece.end && /[\s—–\-:,]/.test(text[start]!)) start++;
      if (piece.end - start > 2) content.push({ start, end: piece.end });
    }
    if (content.length > 0) {
      const copy = { ...r, content };
      copies.set(r, copy);
      cut.add(copy);
      out.push(copy);
    }
  }
  if (copies.size === 0) return out;
  // A quotation continues an earlier one (attribution.ts): one pass in text order relinks chains.
  const own = new Set(copies.values());
  return out.map((r) => {
    const to = r.inherits ? copies.get(r.inherits) : undefined;
    if (!to) return r;
    if (own.has(r)) {
      r.inherits = to;
      return r;
    }
    const copy = { ...r, inherits: to };
    copies.set(r, copy);
    own.add(copy);
    cut.add(copy);
    return copy;
  });
}
