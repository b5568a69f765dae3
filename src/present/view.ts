// What the editor shows of one analysis, computed once per analysis and without the VS Code API,
// so the extension only maps it onto decorations, hovers, trees and symbols, and unit tests can
// check every label and hover text directly. Nothing here reads the article's text for meaning:
// it only slices the spans the core returned.

import type { Analysis, Credit, CreditKind, Entity, EntityType, Mention, Quote, QuoteKind, Span } from '../core';
import type { Correction, ReviewState } from '../core/corrections';
import { lowerBound, mergeSpans } from '../core/text';
import { escapeMarkdown, shorten } from './markdown-text';

export type Category = 'speaker' | 'direct' | 'indirect' | 'mixed' | 'cue' | 'credit' | 'anonymous' | 'boilerplate';

/** Every decoration category, in the order of the settings and the toggle menu. */
export const CATEGORIES: readonly Category[] = [
  'speaker',
  'direct',
  'indirect',
  'mixed',
  'cue',
  'credit',
  'anonymous',
  'boilerplate',
];

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  speaker: 'Speaker mentions',
  direct: 'Direct quotes',
  indirect: 'Reported speech',
  mixed: 'Mixed quotes',
  cue: 'Cues',
  credit: 'Credit lines',
  anonymous: 'Anonymous sources',
  boilerplate: 'Boilerplate after the story',
};

/** Speakers are told apart by this many colours, reused in turn when an article has more. */
export const SPEAKER_COLOURS = 6;

/** Quotes the outline lists at most (see ArticleView.symbols). */
export const SYMBOL_QUOTE_LIMIT = 500;

export const KIND_LABELS: Readonly<Record<QuoteKind, string>> = {
  direct: 'Direct quote',
  indirect: 'Reported speech',
  mixed: 'Mixed quote',
};

const KIND_SHORT: Readonly<Record<QuoteKind, string>> = { direct: 'direct', indirect: 'reported', mixed: 'mixed' };

export const CREDIT_LABELS: Readonly<Record<CreditKind, string>> = {
  byline: 'Byline',
  dateline: 'Dateline',
  wire: 'Wire credit',
  source: 'Source line',
  photo: 'Photo credit',
  contributor: 'Contributor line',
};

export const ENTITY_TYPE_LABELS: Readonly<Record<EntityType, string>> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
};

const ENTITY_TYPE_ONE: Readonly<Record<EntityType, string>> = {
  person: 'person',
  organization: 'organisation',
  place: 'place',
};

/** How a quote's review state reads in a hover, a tree item and a decoration's tooltip. */
export const REVIEW_LABELS: Readonly<Record<ReviewState, string>> = {
  unreviewed: 'Not reviewed yet',
  confirmed: 'Reviewed: confirmed',
  corrected: 'Corrected by hand',
  added: 'Added by hand',
};

/** The hand corrections applied to an analysis (src/core/corrections applyCorrections). */
export interface Review {
  review: ReadonlyMap<string, ReviewState>;
  /** Corrections that could not be placed in the current text: listed, never dropped. */
  unplaced: readonly Correction[];
}

/** A decoration plan with nothing in it (filled by ArticleView, or from the worker's parts). */
export function emptyPlan(speakers = SPEAKER_COLOURS): DecorationPlan {
  return {
    reviewed: { confirmed: [], corrected: [], added: [] },
    speakers: Array.from({ length: speakers }, () => []),
    direct: [],
    indirect: [],
    mixed: [],
    cue: [],
    credit: [],
    anonymous: [],
    boilerplate: [],
  };
}

export interface DecorationPlan {
  /** Quote extents by review state (unreviewed quotes are not marked). */
  reviewed: Record<Exclude<ReviewState, 'unreviewed'>, Span[]>;
  /** Speaker mentions by palette slot (SPEAKER_COLOURS slots). */
  speakers: Span[][];
  direct: Span[];
  indirect: Span[];
  mixed: Span[];
  cue: Span[];
  credit: Span[];
  anonymous: Span[];
  boilerplate: Span[];
}

export type SourceKind = 'speaker' | 'unresolved' | 'anonymous' | 'unattributed';

export interface SourceGroup {
  /**
   * Stable within an analysis: `speaker:e3`, `unresolved:both ministers`, `anonymous`,
   * `unattributed`, prefixed `outside/` outside the story.
   */
  id: string;
  kind: SourceKind;
  label: string;
  /** "Russian Foreign Minister · 3 direct, 1 reported" */
  description: string;
  entity: Entity | null;
  /** Palette slot of a named speaker, or null. */
  colour: number | null;
  quotes: Quote[];
}

export interface Counts {
  /** Named speakers quoted in the story, plus distinct unresolved and anonymous sources. */
  sources: number;
  /** Quotes in the story (the body), of every kind. */
  quotes: number;
  direct: number;
  indirect: number;
  mixed: number;
  /** Quotes outside the story (boilerplate, related articles). */
  outside: number;
}

export interface SymbolModel {
  name: string;
  detail: string;
  kind: 'source' | 'quote';
  range: Span;
  selection: Span;
  children: SymbolModel[];
}

export type Target =
  | { type: 'quote'; quote: Quote }
  | { type: 'mention'; entity: Entity; mention: Mention }
  | { type: 'credit'; credit: Credit };

/** One line about a correction, for the list of those that could not be placed (and undo messages). */
export function describeCorrection(c: Correction): { label: string; description: string } {
  const text = (t: string): string => shorten(t.replace(/\s+/g, ' ').trim(), 70);
  switch (c.op) {
    case 'speaker':
      return { label: text(c.quote.text), description: c.speaker ? `speaker set to ${c.speaker.name}` : 'speaker removed' };
    case 'add':
      return {
        label: text(c.content.map((a) => a.text).join(' … ')),
        description: `added as ${KIND_SHORT[c.kind]} quote${c.speaker ? ` by ${c.speaker.name}` : ''}`,
      };
    case 'remove':
      return { label: text(c.quote.text), description: 'removed as a false quote' };
    case 'confirm':
      return { label: text(c.quote.text), description: 'confirmed as correct' };
    case 'credit':
      return { label: text(c.span.text), description: `marked as a ${CREDIT_LABELS[c.kind].toLowerCase()}` };
    case 'merge':
      return { label: `${c.entities[0]} = ${c.entities[1]}`, description: 'entities merged' };
    case 'split':
      return { label: `${c.entities[0]} ≠ ${c.entities[1]}`, description: 'entities split' };
    case 'rename':
      return { label: `${c.entity} → ${c.name}`, description: 'entity renamed' };
    case 'undo':
      return { label: 'undo', description: `undoes ${c.target}` };
  }
}

/** The first and last offsets a quote's pieces cover. */
export function quoteExtent(q: Quote): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const p of q.content) {
    start = Math.min(start, p.start);
    end = Math.max(end, p.end);
  }
  if (start === Infinity) {
    const anchor = q.cue ?? q.source ?? { start: 0, end: 0 };
    return { start: anchor.start, end: anchor.end };
  }
  return { start, end };
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

type Kinds = Record<QuoteKind, number>;

function kindCounts(quotes: readonly Quote[]): string {
  const n = { direct: 0, indirect: 0, mixed: 0 };
  for (const q of quotes) n[q.kind]++;
  return kindText(n);
}

function kindText(n: Readonly<Kinds>): string {
  const parts: string[] = [];
  if (n.direct) parts.push(`${n.direct} direct`);
  if (n.indirect) parts.push(`${n.indirect} reported`);
  if (n.mixed) parts.push(`${n.mixed} mixed`);
  return parts.join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const QUOTE_MARKS_AT_START = /^["“”„«»‘’‚‹›']+/;
const QUOTE_MARKS_AT_END = /["“”„«»‘’‚‹›']+$/;

const quoted = (s: string): string => `“${escapeMarkdown(s)}”`;

/**
 * Quotes looked at between two steps of ArticleView.prepare: a step takes well under a
 * millisecond, even before the code is compiled (the first 10 MB article in the extension host).
 */
const PREPARE_STEP = 250;
/** Outline items made between two steps of ArticleView.symbolSteps. */
const SYMBOL_STEP = 100;

/** Runs steps to the end at once (when the result is needed now). */
function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Everything the editor presents of one article's analysis. */
export class ArticleView {
  readonly entities = new Map<string, Entity>();
  /** Quotes in text order. */
  readonly quotes: Quote[];
  /** Speakers by order of first quote, and their quotes: made when first needed (or by prepare). */
  private speakers: { order: string[]; quotes: Map<string, Quote[]> } | undefined;
  private get speakerOrder(): string[] {
    return (this.speakers ??= finish(this.makeSpeakers())).order;
  }
  private get quotesBySpeaker(): Map<string, Quote[]> {
    return (this.speakers ??= finish(this.makeSpeakers())).quotes;
  }
  private *makeSpeakers(): Generator<void, { order: string[]; quotes: Map<string, Quote[]> }, void> {
    const order: string[] = [];
    const quotes = new Map<string, Quote[]>();
    let k = 0;
    for (const q of this.quotes) {
      if (++k % PREPARE_STEP === 0) yield;
      if (q.speaker === null || !this.entities.has(q.speaker)) continue;
      let list = quotes.get(q.speaker);
      if (!list) {
        list = [];
        quotes.set(q.speaker, list);
        order.push(q.speaker);
      }
      list.push(q);
    }
    return { order, quotes };
  }
  /** The mention at an offset: a binary search in each entity's mentions (the core lists them in text order). */
  private mentionAt(offset: number): { entity: Entity; mention: Mention } | undefined {
    let best: { entity: Entity; mention: Mention } | undefined;
    for (const entity of this.analysis.entities) {
      const i = lowerBound(entity.mentions, offset + 1, (m) => m.end);
      const mention = entity.mentions[i];
      if (mention && contains(mention, offset) && (!best || mention.start < best.mention.start)) best = { entity, mention };
    }
    return best;
  }

  constructor(
    readonly analysis: Analysis,
    readonly text: string,
    /** The corrections applied to `analysis`, or null when the article has no sidecar. */
    readonly corrections: Review | null = null,
    /**
     * The decoration plan of this analysis without corrections, when it was made elsewhere (the
     * analysis worker makes it for large articles, off the extension host's thread).
     */
    private plan: DecorationPlan | null = null,
  ) {
    for (const e of analysis.entities) this.entities.set(e.id, e);
    // In text order. The core lists them so already; the sort is for analyses from elsewhere, and
    // each extent is worked out once (a large article has tens of thousands of quotes).
    let sorted = true;
    let previousStart = -Infinity;
    let previousEnd = -Infinity;
    for (const q of analysis.quotes) {
      // quoteExtent(q), without making an object per quote.
      let start = Infinity;
      let end = -Infinity;
      for (const p of q.content) {
        if (p.start < start) start = p.start;
        if (p.end > end) end = p.end;
      }
      if (start === Infinity) {
        const anchor = q.cue ?? q.source;
        start = anchor ? anchor.start : 0;
        end = anchor ? anchor.end : 0;
      }
      if (previousStart > start || (previousStart === start && previousEnd > end)) {
        sorted = false;
        break;
      }
      previousStart = start;
      previousEnd = end;
    }
    this.quotes = sorted
      ? analysis.quotes.slice()
      : analysis.quotes.map((q) => ({ q, e: quoteExtent(q) })).sort((a, b) => byStart(a.e, b.e)).map((x) => x.q);
  }

  /** The text of a span, on one line. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  quoteText(q: Quote): string {
    return q.content
      .slice()
      .sort(byStart)
      .map((p) => this.slice(p))
      .join(' … ');
  }

  inStory(q: Quote): boolean {
    const { body } = this.analysis;
    const at = quoteExtent(q).start;
    return at >= body.start && at < body.end;
  }

  speakerOf(q: Quote): Entity | null {
    return q.speaker === null ? null : (this.entities.get(q.speaker) ?? null);
  }

  quotesOf(entityId: string): readonly Quote[] {
    return this.quotesBySpeaker.get(entityId) ?? [];
  }

  /** Palette slot of a speaker (by order of first quote), or null for someone never quoted. */
  colourOf(entityId: string): number | null {
    const i = this.speakerOrder.indexOf(entityId);
    return i < 0 ? null : i % SPEAKER_COLOURS;
  }

  /** A quote's review state: unreviewed unless a correction confirmed, changed or added it. */
  reviewOf(q: Quote): ReviewState {
    return this.corrections?.review.get(q.id) ?? 'unreviewed';
  }

  /** Corrections that could not be placed in this text. */
  get unplaced(): readonly Correction[] {
    return this.corrections?.unplaced ?? [];
  }

  // ---- decorations ----

  decorations(): DecorationPlan {
    // Made once per view: drawing again (another editor, scrolling, a setting) reuses it.
    return (this.plan ??= this.makePlan());
  }

  private makePlan(): DecorationPlan {
    const plan = emptyPlan();
    for (const q of this.quotes) {
      for (const p of q.content) plan[q.kind].push({ start: p.start, end: p.end });
      if (q.cue) plan.cue.push({ start: q.cue.start, end: q.cue.end });
      if (q.source && q.anonymous && q.speaker === null) plan.anonymous.push({ start: q.source.start, end: q.source.end });
      const state = this.reviewOf(q);
      if (state !== 'unreviewed') plan.reviewed[state].push(quoteExtent(q));
    }
    // A speaker named inside someone's quote is talked about there, not speaking: only mentions
    // outside quoted or reported words carry the speaker's colour.
    // Linear in quotes and mentions (a 10 MB article has tens of thousands of each): the union of
    // the quoted words, searched by binary search.
    const quoted = mergeSpans(this.quotes.flatMap((q) => q.content));
    const quotedText = (m: Span): boolean => {
      const i = lowerBound(quoted, m.start + 1, (p) => p.end);
      const p = quoted[i];
      return p !== undefined && p.start <= m.start && m.end <= p.end;
    };
    for (const id of this.speakerOrder) {
      const entity = this.entities.get(id)!;
      const spans: Span[] = entity.mentions.filter((m) => !quotedText(m)).map((m) => ({ start: m.start, end: m.end }));
      for (const q of this.quotesOf(id)) if (q.source) spans.push({ start: q.source.start, end: q.source.end });
      plan.speakers[this.colourOf(id)!].push(...mergeSpans(spans));
    }
    for (const c of this.analysis.credits) plan.credit.push({ start: c.start, end: c.end });
    const { body, length } = this.analysis;
    const after = this.trimmed({ start: body.end, end: length });
    if (after) plan.boilerplate.push(after);
    for (const key of ['direct', 'indirect', 'mixed', 'cue', 'credit', 'anonymous'] as const) plan[key].sort(byStart);
    for (const slot of plan.speakers) slot.sort(byStart);
    return plan;
  }

  private trimmed(span: Span): Span | null {
    let { start, end } = span;
    while (start < end && /\s/.test(this.text[start]!)) start++;
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return start < end ? { start, end } : null;
  }

  // ---- what is under the cursor ----

  /** The innermost quote piece, then a cue, a mention, an anonymous source, a credit line. */
  targetAt(offset: number): Target | null {
    // Once prepared, only the quotes whose words, cue or source reach the offset are looked at.
    const quotes = this.reach ? this.quotesReaching(offset) : this.quotes;
    let best: { quote: Quote; size: number } | null = null;
    for (const q of quotes) {
      for (const p of q.content) {
        if (contains(p, offset) && (!best || p.end - p.start < best.size)) best = { quote: q, size: p.end - p.start };
      }
    }
    const cue = quotes.find((q) => q.cue && contains(q.cue, offset));
    const mention = this.mentionAt(offset);
    const source = quotes.find((q) => q.source && contains(q.source, offset));
    // Within quoted or reported words the quote comes first, even on a name it mentions
    // (hoverAt adds the name's entity below it).
    if (best) return { type: 'quote', quote: best.quote };
    if (cue) return { type: 'quote', quote: cue };
    if (mention) return { type: 'mention', entity: mention.entity, mention: mention.mention };
    if (source) return { type: 'quote', quote: source };
    const credit = this.analysis.credits.find((c) => contains(c, offset));
    return credit ? { type: 'credit', credit } : null;
  }

  /**
   * Every quote's reach (from the first to the last offset of its words, cue and source), sorted by
   * start, with the greatest end so far: made by `prepare`, for a large article's hovers.
   */
  private reach: { order: Int32Array; start: Float64Array; maxEnd: Float64Array } | undefined;

  private *makeReach(): Generator<void, NonNullable<ArticleView['reach']>, void> {
    const n = this.quotes.length;
    const start = new Float64Array(n);
    const end = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (i % PREPARE_STEP === PREPARE_STEP - 1) yield;
      const q = this.quotes[i]!;
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of q.content) {
        lo = Math.min(lo, p.start);
        hi = Math.max(hi, p.end);
      }
      for (const p of [q.cue, q.source]) {
        if (p) {
          lo = Math.min(lo, p.start);
          hi = Math.max(hi, p.end);
        }
      }
      start[i] = lo;
      end[i] = hi;
    }
    yield;
    // Quotes are in text order, so their reaches mostly are too: sorted only if they are not.
    const order = new Int32Array(n);
    let inOrder = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && start[i]! < start[i - 1]!) inOrder = false;
    }
    if (!inOrder) {
      yield;
      // Nearly in order (a quote's source or cue may come before its words): an insertion sort
      // costs about one pass then, in steps; past a budget of moves, a sort does the rest.
      let moves = 0;
      for (let i = 1; i < n && moves <= 4 * n; i++) {
        if (i % PREPARE_STEP === 0) yield;
        const x = order[i]!;
        let j = i - 1;
        while (j >= 0 && (start[order[j]!]! > start[x]! || (start[order[j]!]! === start[x]! && order[j]! > x))) {
          order[j + 1] = order[j]!;
          j--;
          moves++;
        }
        order[j + 1] = x;
      }
      if (moves > 4 * n) {
        yield;
        order.set(Array.from(order).sort((a, b) => start[a]! - start[b]! || a - b));
      }
    }
    yield;
    const sortedStart = new Float64Array(n);
    const maxEnd = new Float64Array(n);
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      sortedStart[k] = start[order[k]!]!;
      max = Math.max(max, end[order[k]!]!);
      maxEnd[k] = max;
    }
    return { order, start: sortedStart, maxEnd };
  }

  /** The quotes (in text order) whose reach holds `offset`, and maybe a few more around it. */
  private quotesReaching(offset: number): Quote[] {
    const { order, start, maxEnd } = this.reach!;
    let lo = 0;
    let hi = start.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo - 1; k >= 0 && maxEnd[k]! > offset; k--) found.push(order[k]!);
    return found.sort((a, b) => a - b).map((i) => this.quotes[i]!);
  }

  /** The span the hover covers for a target. */
  targetSpan(t: Target): Span {
    if (t.type === 'mention') return t.mention;
    if (t.type === 'credit') return t.credit;
    return quoteExtent(t.quote);
  }

  /** Markdown for a hover on `offset`, or null when nothing NewsLens found is there. */
  hoverAt(offset: number): { markdown: string; span: Span } | null {
    const t = this.targetAt(offset);
    if (!t) return null;
    let markdown =
      t.type === 'quote' ? this.quoteHover(t.quote) : t.type === 'mention' ? this.entityHover(t.entity, t.mention) : this.creditHover(t.credit);
    if (t.type === 'quote') {
      const named = this.mentionAt(offset);
      if (named) markdown += `\n\n---\n\n${this.entityHover(named.entity, named.mention)}`;
    }
    let span = this.targetSpan(t);
    if (t.type === 'quote') {
      const piece = t.quote.content.find((p) => contains(p, offset));
      if (piece) span = piece;
      else if (t.quote.cue && contains(t.quote.cue, offset)) span = t.quote.cue;
      else if (t.quote.source && contains(t.quote.source, offset)) span = t.quote.source;
    }
    return { markdown, span };
  }

  quoteHover(q: Quote): string {
    const lines: string[] = [];
    const speaker = this.speakerOf(q);
    const where = this.inStory(q) ? '' : ' · outside the story';
    lines.push(`**${KIND_LABELS[q.kind]}**${where}`);
    if (this.corrections) lines.push(`**${REVIEW_LABELS[this.reviewOf(q)]}**`);
    if (speaker) {
      lines.push(`**Said by** ${escapeMarkdown(speaker.name)}${speaker.title ? `, ${escapeMarkdown(speaker.title)}` : ''}`);
    } else if (q.anonymous && q.source) {
      lines.push(`**Said by** an unnamed source: ${quoted(this.slice(q.source))}`);
    } else if (q.source) {
      lines.push(`**Said by** ${quoted(this.slice(q.source))}, not matched to anyone named in the article`);
    } else {
      lines.push('**Said by** nobody NewsLens could find');
    }
    lines.push(`**Cue** ${q.cue ? quoted(this.slice(q.cue)) : 'none'}`);
    lines.push(`**How we know** ${this.howFound(q)}`);
    if (speaker) {
      // The speaker's quotes but this one (it is among them: it is a quote of this view's).
      const others = { ...this.kindsOf(speaker.id) };
      others[q.kind]--;
      const total = others.direct + others.indirect + others.mixed;
      lines.push(
        total === 0
          ? `**Other quotes** none from ${escapeMarkdown(speaker.name)}`
          : `**Other quotes** ${plural(total, 'more quote')} from ${escapeMarkdown(speaker.name)} (${kindText(others)})`,
      );
    }
    lines.push(`**Confidence** ${Math.round(q.confidence * 100)}%`);
    // The words themselves: in a tree tooltip they say which quote this is.
    lines.push(`**Quote** ${escapeMarkdown(shorten(this.quoteText(q), 160))}`);
    return lines.join('  \n');
  }

  /** How the speaker was found, in words. */
  howFound(q: Quote): string {
    const speaker = this.speakerOf(q);
    if (q.source === null) {
      if (speaker) return `no source beside it; it carries on from the previous quote of ${escapeMarkdown(speaker.name)}`;
      return 'no source was found near it';
    }
    const source = quoted(this.slice(q.source));
    if (!speaker) {
      return q.anonymous ? `the source ${source} names nobody` : `the source ${source} matched no one named in the article`;
    }
    // Binary searches: the speaker of a long article may have tens of thousands of mentions.
    const mentions = speaker.mentions;
    const at = lowerBound(mentions, q.source.start + 1, (m) => m.end);
    const mention = mentions[at] && overlaps(mentions[at]!, q.source) ? mentions[at] : undefined;
    const name = escapeMarkdown(speaker.name);
    switch (mention?.via) {
      case 'pronoun': {
        let k = lowerBound(mentions, q.source.start + 1, (m) => m.end) - 1;
        while (k >= 0 && mentions[k]!.via !== 'name' && mentions[k]!.via !== 'alias') k--;
        const antecedent = k >= 0 ? mentions[k] : undefined;
        return antecedent
          ? `the source ${source} refers back to ${name}, last named as ${quoted(this.slice(antecedent))}`
          : `the source ${source} refers back to ${name}`;
      }
      case 'alias':
        return `the source ${source} is a short form of ${name}`;
      case 'description':
        return `the source ${source} describes ${name}`;
      default:
        return `the source names ${source}`;
    }
  }

  entityHover(entity: Entity, mention?: Mention): string {
    const lines: string[] = [];
    lines.push(`**${escapeMarkdown(entity.name)}** · ${ENTITY_TYPE_ONE[entity.type]}`);
    if (entity.title) lines.push(`**Title** ${escapeMarkdown(entity.title)}`);
    if (mention && mention.via === 'pronoun') lines.push(`**This mention** ${quoted(mention.text)} refers back to ${escapeMarkdown(entity.name)}`);
    const aliases = this.aliasesOf(entity);
    if (aliases.length > 0) lines.push(`**Also called** ${aliases.map(quoted).join(', ')}`);
    const n = this.kindsOf(entity.id);
    const quoteCount = n.direct + n.indirect + n.mixed;
    lines.push(quoteCount === 0 ? '**Quotes** not quoted' : `**Quotes** ${quoteCount} (${kindText(n)})`);
    lines.push(`**Mentions** ${entity.mentions.length}`);
    return lines.join('  \n');
  }

  creditHover(c: Credit): string {
    const lines = [`**${CREDIT_LABELS[c.kind]}**`];
    lines.push(c.names.length ? `**Credits** ${c.names.map(quoted).join(', ')}` : '**Credits** no name found');
    return lines.join('  \n');
  }

  // ---- sources, entities, credits ----

  /** Sources of the story, and apart from them those quoted only outside it. */
  private sourceGroups: { story: SourceGroup[]; outside: SourceGroup[] } | undefined;

  /** The sources, grouped; made once per view (the tree, the outline and the summary share it). */
  sources(): { story: SourceGroup[]; outside: SourceGroup[] } {
    return (this.sourceGroups ??= finish(this.makeSources()));
  }

  /**
   * Works out what the views show ahead of time, a slice at a time: the caller (the extension's
   * store, for a large article) runs the steps and lets other work run between them, so that a
   * 10 MB article's sources and counts never hold the extension host's thread for long. What it
   * makes is exactly what `sources()` and `counts()` make when asked first.
   */
  *prepare(): Generator<void, void, void> {
    if (!this.speakers) {
      const speakers = yield* this.makeSpeakers();
      this.speakers ??= speakers;
    }
    if (!this.sourceGroups) {
      const groups = yield* this.makeSources();
      this.sourceGroups ??= groups;
    }
    if (!this.countsMade) {
      const counts = yield* this.makeCounts();
      this.countsMade ??= counts;
    }
    if (!this.reach) {
      const reach = yield* this.makeReach();
      this.reach ??= reach;
    }
    // What a hover on a name says: its other names, its quotes by kind.
    for (const entity of this.analysis.entities) {
      yield;
      if (!this.aliases.has(entity)) {
        const list = yield* this.makeAliases(entity);
        if (!this.aliases.has(entity)) this.aliases.set(entity, list);
      }
      if (!this.kinds.has(entity.id)) {
        const n = yield* this.makeKinds(entity.id);
        if (!this.kinds.has(entity.id)) this.kinds.set(entity.id, n);
      }
    }
  }

  private readonly aliases = new WeakMap<Entity, string[]>();

  /** The names an entity goes by in the article, other than its own (made once per entity). */
  private aliasesOf(entity: Entity): string[] {
    let list = this.aliases.get(entity);
    if (!list) this.aliases.set(entity, (list = finish(this.makeAliases(entity))));
    return list;
  }

  private *makeAliases(entity: Entity): Generator<void, string[], void> {
    const names = new Set<string>();
    let k = 0;
    for (const m of entity.mentions) {
      if (++k % PREPARE_STEP === 0) yield;
      if (m.via !== 'pronoun') names.add(m.text);
    }
    return [...names].filter((t) => t !== entity.name);
  }

  private readonly kinds = new Map<string, Kinds>();

  /** How many quotes of each kind an entity has (made once per entity). */
  private kindsOf(entityId: string): Readonly<Kinds> {
    let n = this.kinds.get(entityId);
    if (!n) this.kinds.set(entityId, (n = finish(this.makeKinds(entityId))));
    return n;
  }

  private *makeKinds(entityId: string): Generator<void, Kinds, void> {
    const n = { direct: 0, indirect: 0, mixed: 0 };
    let k = 0;
    for (const q of this.quotesOf(entityId)) {
      if (++k % PREPARE_STEP === 0) yield;
      n[q.kind]++;
    }
    return n;
  }

  private *makeSources(): Generator<void, { story: SourceGroup[]; outside: SourceGroup[] }, void> {
    const self = this;
    function* build(quotes: Quote[], prefix: string): Generator<void, SourceGroup[], void> {
      const named = new Map<string, Quote[]>();
      const unresolved = new Map<string, Quote[]>();
      const anonymous: Quote[] = [];
      const unattributed: Quote[] = [];
      let k = 0;
      for (const q of quotes) {
        if (++k % PREPARE_STEP === 0) yield;
        if (q.speaker !== null && self.entities.has(q.speaker)) {
          const list = named.get(q.speaker) ?? [];
          list.push(q);
          named.set(q.speaker, list);
        } else if (q.anonymous) anonymous.push(q);
        else if (q.source) {
          const key = self.slice(q.source).toLowerCase();
          const list = unresolved.get(key) ?? [];
          list.push(q);
          unresolved.set(key, list);
        } else unattributed.push(q);
      }
      const groups: SourceGroup[] = [];
      const speakers = [...named.entries()].sort((a, b) => b[1].length - a[1].length || byStart(quoteExtent(a[1][0]!), quoteExtent(b[1][0]!)));
      for (const [id, list] of speakers) {
        if (list.length > PREPARE_STEP) yield; // kindCounts reads them all
        const entity = self.entities.get(id)!;
        groups.push({
            id: `${prefix}speaker:${id}`,
            kind: 'speaker',
            label: entity.name,
            description: [entity.title, kindCounts(list)].filter(Boolean).join(' · '),
            entity,
            colour: self.colourOf(id),
            quotes: list,
        });
      }
      for (const [key, list] of unresolved) {
        if (list.length > PREPARE_STEP) yield;
        groups.push({
          id: `${prefix}unresolved:${key}`,
          kind: 'unresolved',
          label: self.slice(list[0]!.source!),
          description: `not matched to a name · ${kindCounts(list)}`,
          entity: null,
          colour: null,
          quotes: list,
        });
      }
      if (anonymous.length) {
        const distinct = new Set<string>();
        for (const q of anonymous) {
          if (++k % PREPARE_STEP === 0) yield;
          distinct.add(q.source ? self.slice(q.source).toLowerCase() : '');
        }
        groups.push({
          id: `${prefix}anonymous`,
          kind: 'anonymous',
          label: 'Anonymous sources',
          description: `${plural(distinct.size, 'source')} · ${kindCounts(anonymous)}`,
          entity: null,
          colour: null,
          quotes: anonymous,
        });
      }
      if (unattributed.length) {
        groups.push({
          id: `${prefix}unattributed`,
          kind: 'unattributed',
          label: 'Unattributed',
          description: kindCounts(unattributed),
          entity: null,
          colour: null,
          quotes: unattributed,
        });
      }
      return groups;
    }
    const inside: Quote[] = [];
    const outside: Quote[] = [];
    let k = 0;
    for (const q of this.quotes) {
      if (++k % PREPARE_STEP === 0) yield;
      (this.inStory(q) ? inside : outside).push(q);
    }
    return { story: yield* build(inside, ''), outside: yield* build(outside, 'outside/') };
  }

  private countsMade: Counts | undefined;

  /** Made once per view (the status bar, the badge and the summary share it). */
  /** The id of the source group a quote is listed under (as makeSources groups them). */
  private sourceIdOf(q: Quote): string {
    const prefix = this.inStory(q) ? '' : 'outside/';
    if (q.speaker !== null && this.entities.has(q.speaker)) return `${prefix}speaker:${q.speaker}`;
    if (q.anonymous) return `${prefix}anonymous`;
    if (q.source) return `${prefix}unresolved:${this.slice(q.source).toLowerCase()}`;
    return `${prefix}unattributed`;
  }

  counts(): Counts {
    return { ...(this.countsMade ??= finish(this.makeCounts())) };
  }

  private *makeCounts(): Generator<void, Counts, void> {
    const story: Quote[] = [];
    let k = 0;
    for (const q of this.quotes) {
      if (++k % PREPARE_STEP === 0) yield;
      if (this.inStory(q)) story.push(q);
    }
    const speakers = new Set<string>();
    const anonymous = new Set<string>();
    const unresolved = new Set<string>();
    const n = { direct: 0, indirect: 0, mixed: 0 };
    for (const q of story) {
      if (++k % PREPARE_STEP === 0) yield;
      n[q.kind]++;
      if (q.speaker !== null && this.entities.has(q.speaker)) speakers.add(q.speaker);
      else if (q.anonymous) anonymous.add(q.source ? this.slice(q.source).toLowerCase() : '');
      else if (q.source) unresolved.add(this.slice(q.source).toLowerCase());
    }
    return {
      sources: speakers.size + unresolved.size + anonymous.size,
      quotes: story.length,
      ...n,
      outside: this.quotes.length - story.length,
    };
  }

  /** "5 sources · 11 quotes" */
  statusText(): string {
    const c = this.counts();
    return `${plural(c.sources, 'source')} · ${plural(c.quotes, 'quote')}`;
  }

  /** A quote's label in the tree: its opening words. */
  quoteLabel(q: Quote): string {
    return shorten(this.quoteText(q), 70);
  }

  /** "direct · said" */
  quoteDescription(q: Quote, withSource = false): string {
    const parts: string[] = [KIND_SHORT[q.kind]];
    if (q.cue) parts.push(shorten(this.slice(q.cue), 30));
    if (withSource && q.source) parts.push(shorten(this.slice(q.source), 40));
    return parts.join(' · ');
  }

  entityGroups(): { type: EntityType; label: string; entities: Entity[] }[] {
    const order: EntityType[] = ['person', 'organization', 'place'];
    return order
      .map((type) => ({
        type,
        label: ENTITY_TYPE_LABELS[type],
        entities: this.analysis.entities
          .filter((e) => e.type === type)
          .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)),
      }))
      .filter((g) => g.entities.length > 0);
  }

  entityDescription(e: Entity): string {
    const quotes = this.quotesOf(e.id).length;
    return [e.title, plural(e.mentions.length, 'mention'), quotes ? plural(quotes, 'quote') : '']
      .filter(Boolean)
      .join(' · ');
  }

  // ---- outline ----

  /**
   * The outline: the article's speaker turns in text order, each a run of consecutive quotes from
   * one source with those quotes inside it. Turns never overlap (unless quotes nest), so the
   * breadcrumbs at any quote name its own speaker.
   */
  /**
   * The article's speaker turns for the outline and breadcrumbs, with at most `limit` quotes in all
   * (a 10 MB scrape has tens of thousands; the outline is for reading, the Sources view lists all).
   * When some are left out, a last item says how many.
   */
  symbols(limit = SYMBOL_QUOTE_LIMIT): SymbolModel[] {
    return finish(this.symbolSteps(limit));
  }

  /** `symbols()` a slice at a time, for a caller that lets other work run between the steps. */
  *symbolSteps(limit = SYMBOL_QUOTE_LIMIT): Generator<void, SymbolModel[], void> {
    // Only the quotes listed are looked up (a 10 MB article has tens of thousands).
    const { story, outside } = this.sources();
    const byId = new Map<string, SourceGroup>();
    for (const g of [...story, ...outside]) byId.set(g.id, g);
    const turns: { group: SourceGroup; quotes: Quote[] }[] = [];
    let listed = 0;
    for (const q of this.quotes) {
      if (listed++ >= limit) break;
      if (listed % SYMBOL_STEP === 0) yield;
      const group = byId.get(this.sourceIdOf(q))!;
      const last = turns[turns.length - 1];
      if (last && last.group === group) last.quotes.push(q);
      else turns.push({ group, quotes: [q] });
    }
    const quoteSymbol = (q: Quote): SymbolModel => {
      const range = quoteExtent(q);
      const pieces = q.content.slice().sort(byStart);
      return {
        name: this.quoteLabel(q) || KIND_LABELS[q.kind],
        detail: this.quoteDescription(q),
        kind: 'quote',
        range,
        selection: pieces[0] ?? range,
        children: [],
      };
    };
    const symbols: SymbolModel[] = [];
    let k = 0;
    for (const { group, quotes } of turns) {
      const children: SymbolModel[] = [];
      for (const q of quotes) {
        if (++k % SYMBOL_STEP === 0) yield;
        children.push(quoteSymbol(q));
      }
      const spans: Span[] = children.map((c) => c.range);
      for (const q of quotes) {
        if (q.source) spans.push(q.source);
        if (q.cue) spans.push(q.cue);
      }
      const range = { start: Math.min(...spans.map((x) => x.start)), end: Math.max(...spans.map((x) => x.end)) };
      const mentions = group.entity?.mentions ?? [];
      const first = mentions[lowerBound(mentions, range.start, (m) => m.start)];
      const named = first && first.end <= range.end ? first : undefined;
      const source = quotes.find((q) => q.source)?.source;
      const selection = named ?? source ?? children[0]!.selection;
      const inside = !group.id.startsWith('outside/');
      symbols.push({
        name: group.label + (inside ? '' : ' (outside the story)'),
        detail: kindCounts(quotes),
        kind: 'source',
        range,
        selection: { start: selection.start, end: selection.end },
        children,
      });
    }
    const rest = this.quotes.length - limit;
    if (rest > 0) {
      const range = { start: quoteExtent(this.quotes[limit]!).start, end: -Infinity };
      for (let i = limit; i < this.quotes.length; i++) {
        if (i % PREPARE_STEP === 0) yield;
        range.end = Math.max(range.end, quoteExtent(this.quotes[i]!).end);
      }
      symbols.push({
        name: `${rest.toLocaleString('en')} more quotes`,
        detail: `the outline lists the first ${limit.toLocaleString('en')}; the Sources view lists them all`,
        kind: 'quote',
        range,
        selection: { start: range.start, end: range.start },
        children: [],
      });
    }
    return symbols;
  }

  // ---- text for the clipboard and the summary ----

  /** A quote with its attribution, ready to paste: `“…” — Sergei Lavrov, Russian Foreign Minister`. */
  citation(q: Quote): string {
    const speaker = this.speakerOf(q);
    const who = speaker
      ? `${speaker.name}${speaker.title ? `, ${speaker.title}` : ''}`
      : q.source
        ? this.slice(q.source)
        : 'unattributed';
    const pieces = q.content
      .slice()
      .sort(byStart)
      .map((p) => this.slice(p).replace(/\s+/g, ' ').trim());
    if (q.kind !== 'direct') {
      // Reported and mixed speech are the reporter's words (with the speaker's inside marks).
      return `${who} (${q.cue ? this.slice(q.cue) : 'reported'}): ${pieces.join(' … ')}`;
    }
    // Each piece loses its own quotation marks and the comma that hands over to the cue
    // ("…,\" he said"), so the citation has one pair of marks around the whole quote.
    const bare = pieces
      .map((p) => p.replace(QUOTE_MARKS_AT_START, '').replace(QUOTE_MARKS_AT_END, '').replace(/,$/, ''))
      .filter((p) => p.length > 0);
    return `“${bare.join(' … ')}” — ${who}`;
  }

  /** The source summary as Markdown: sources, their counts and titles, and the credit lines. */
  summaryMarkdown(title: string): string {
    const c = this.counts();
    const out: string[] = [];
    out.push(`# Sources: ${escapeMarkdown(title)}`, '');
    out.push(
      `${plural(c.sources, 'source')} · ${plural(c.quotes, 'quote')} in the story (${c.direct} direct, ${c.indirect} reported, ${c.mixed} mixed)` +
        (c.outside ? ` · ${plural(c.outside, 'quote')} outside it` : ''),
      '',
    );
    const { story, outside } = this.sources();
    const table = (groups: SourceGroup[]): void => {
      out.push('| Source | Title | Direct | Reported | Mixed | First quote |', '|---|---|---:|---:|---:|---|');
      for (const g of groups) {
        const n = { direct: 0, indirect: 0, mixed: 0 };
        for (const q of g.quotes) n[q.kind]++;
        const cell = (s: string): string => escapeMarkdown(s);
        out.push(
          `| ${cell(g.label)} | ${cell(g.entity?.title ?? '')} | ${n.direct} | ${n.indirect} | ${n.mixed} | ${cell(shorten(this.quoteText(g.quotes[0]!), 80))} |`,
        );
      }
      out.push('');
    };
    if (story.length) table(story);
    else out.push('No quotes found in the story.', '');
    if (outside.length) {
      out.push('## Outside the story', '');
      table(outside);
    }
    if (this.analysis.credits.length) {
      out.push('## Credit lines', '');
      for (const cr of this.analysis.credits) {
        out.push(`- **${CREDIT_LABELS[cr.kind]}**: ${escapeMarkdown(shorten(cr.text, 160))}`);
      }
      out.push('');
    }
    return out.join('\n');
  }
}
