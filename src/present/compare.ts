// NewsLens against a human annotation: the matching and scores `eval` uses (src/cli/eval.ts imports
// them from here, so the editor's comparison and the command line give the same figures), and what
// the editor shows of one article's comparison: each attribution as an agreement, a miss (human
// only) or an extra (NewsLens only), its hover, and a summary with the article's scores.
//
// Matching rule (the corpus README's): a system and a gold attribution match when, on content,
// each side covers at least half of the other — overlap in characters of the unions of their
// pieces >= 0.5 x gold length AND >= 0.5 x system length — one to one. Pairs are chosen by a
// maximum bipartite matching seeded greedily by largest overlap, so ties resolve the same way on
// every run. Pure: no `vscode`, no Node built-ins.

import type { Quote, Span } from '../core';
import { mergeSpans } from '../core/text';
import type { Attribution } from './brat-read';
import { escapeMarkdown, shorten } from './markdown-text';

// ───────────────────────────── spans ─────────────────────────────

/** Characters covered by the union of the pieces. */
export function spanLength(spans: readonly Span[]): number {
  return mergeSpans(spans).reduce((n, s) => n + s.end - s.start, 0);
}

/** Characters covered by both unions. */
export function overlapLength(a: readonly Span[], b: readonly Span[]): number {
  const x = mergeSpans(a);
  const y = mergeSpans(b);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as Span;
    const q = y[j] as Span;
    n += Math.max(0, Math.min(p.end, q.end) - Math.max(p.start, q.start));
    if (p.end <= q.end) i++;
    else j++;
  }
  return n;
}

/** The matching rule: the overlap is at least half of each side (and not empty). */
export function halfCovers(a: readonly Span[], b: readonly Span[]): boolean {
  const overlap = overlapLength(a, b);
  return overlap > 0 && 2 * overlap >= spanLength(a) && 2 * overlap >= spanLength(b);
}

/** Two optional spans agree when both are absent, or both present and half-covering each other. */
export function spansAgree(a: readonly Span[] | null, b: readonly Span[] | null): boolean {
  if (a === null || b === null) return a === b;
  return halfCovers(a, b);
}

const DOUBLE_QUOTE = /["“”]/;

/** A content is "quoted" when its text contains a double quotation mark: " “ ”. Same rule both sides. */
export function isQuoted(text: string, spans: readonly Span[]): boolean {
  return spans.some((s) => DOUBLE_QUOTE.test(text.slice(s.start, s.end)));
}

// ───────────────────────────── matching ─────────────────────────────

export interface Pair {
  gold: number;
  system: number;
  overlap: number;
}

/** One-to-one matching of attributions on content: maximum cardinality, larger overlaps first. */
export function matchAttributions(gold: readonly Attribution[], system: readonly Attribution[]): Pair[] {
  const edges = candidateEdges(gold, system);
  const goldTo = new Array<number>(gold.length).fill(-1);
  const systemTo = new Array<number>(system.length).fill(-1);
  for (const e of edges) {
    if (goldTo[e.gold] === -1 && systemTo[e.system] === -1) {
      goldTo[e.gold] = e.system;
      systemTo[e.system] = e.gold;
    }
  }
  const byGold = groupByGold(edges, gold.length);
  for (let g = 0; g < gold.length; g++) {
    if (goldTo[g] === -1) augment(g, byGold, goldTo, systemTo, new Set());
  }
  const overlapOf = new Map(edges.map((e) => [`${e.gold}:${e.system}`, e.overlap]));
  return goldTo.flatMap((s, g) => (s === -1 ? [] : [{ gold: g, system: s, overlap: overlapOf.get(`${g}:${s}`) ?? 0 }]));
}

function candidateEdges(gold: readonly Attribution[], system: readonly Attribution[]): Pair[] {
  const edges: Pair[] = [];
  gold.forEach((g, gi) => {
    system.forEach((s, si) => {
      if (halfCovers(g.content, s.content)) edges.push({ gold: gi, system: si, overlap: overlapLength(g.content, s.content) });
    });
  });
  return edges.sort((a, b) => b.overlap - a.overlap || a.gold - b.gold || a.system - b.system);
}

function groupByGold(edges: readonly Pair[], n: number): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) out[e.gold]?.push(e.system);
  return out;
}

/** Kuhn's augmenting path: frees a system attribution for gold g if some chain of swaps allows. */
function augment(g: number, byGold: number[][], goldTo: number[], systemTo: number[], seen: Set<number>): boolean {
  for (const s of byGold[g] ?? []) {
    if (seen.has(s)) continue;
    seen.add(s);
    const holder = systemTo[s] ?? -1;
    if (holder === -1 || augment(holder, byGold, goldTo, systemTo, seen)) {
      goldTo[g] = s;
      systemTo[s] = g;
      return true;
    }
  }
  return false;
}

// ───────────────────────────── scoring ─────────────────────────────

export interface Counts {
  gold: number;
  system: number;
  matched: number;
}

export interface Agreement {
  agree: number;
  total: number;
}

export interface ArticleScore {
  all: Counts;
  quoted: Counts;
  unquoted: Counts;
  /** On pairs matched in `all`: sources both absent, or half-covering each other. */
  source: Agreement;
  cue: Agreement;
  pairs: Pair[];
}

/** Score one article's system attributions against its gold ones. */
export function scoreArticle(text: string, gold: readonly Attribution[], system: readonly Attribution[]): ArticleScore {
  const pairs = matchAttributions(gold, system);
  const goldQuoted = gold.map((a) => isQuoted(text, a.content));
  const systemQuoted = system.map((a) => isQuoted(text, a.content));
  const agreement = (role: 'source' | 'cue'): Agreement => ({
    agree: pairs.filter((p) => spansAgree(gold[p.gold]?.[role] ?? null, system[p.system]?.[role] ?? null)).length,
    total: pairs.length,
  });
  return {
    all: { gold: gold.length, system: system.length, matched: pairs.length },
    quoted: subsetCounts(gold, system, goldQuoted, systemQuoted, true),
    unquoted: subsetCounts(gold, system, goldQuoted, systemQuoted, false),
    source: agreement('source'),
    cue: agreement('cue'),
    pairs,
  };
}

function subsetCounts(
  gold: readonly Attribution[],
  system: readonly Attribution[],
  goldQuoted: boolean[],
  systemQuoted: boolean[],
  want: boolean,
): Counts {
  const g = gold.filter((_, i) => goldQuoted[i] === want);
  const s = system.filter((_, i) => systemQuoted[i] === want);
  return { gold: g.length, system: s.length, matched: matchAttributions(g, s).length };
}


/** Figures in percent (0-100, two decimals); null where undefined (nothing to divide by). */
export interface Prf extends Counts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Rate extends Agreement {
  rate: number | null;
}

function percent(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((10000 * n) / d) / 100;
}

export function prf(c: Counts): Prf {
  return {
    ...c,
    precision: percent(c.matched, c.system),
    recall: percent(c.matched, c.gold),
    f1: percent(2 * c.matched, c.gold + c.system),
  };
}

export function rate(a: Agreement): Rate {
  return { ...a, rate: percent(a.agree, a.total) };
}

// ───────────────────────────── systems ─────────────────────────────

/** The core's quotes as scored attributions. */
export function quotesToAttributions(quotes: readonly Quote[]): Attribution[] {
  return quotes.map((q) => ({
    id: q.id,
    content: q.content.map(({ start, end }) => ({ start, end })),
    source: q.source ? [{ start: q.source.start, end: q.source.end }] : null,
    cue: q.cue ? [{ start: q.cue.start, end: q.cue.end }] : null,
  }));
}


/**
 * Attributions as NewsLens quotes (the other way round), for drawing a human annotation and for
 * writing it back with the brat export. A quote has one source span and one cue span: a source or
 * cue of several pieces becomes the span from its first piece's start to its last piece's end, and
 * is listed in `lossy`. Speaker resolution is not in brat: `speaker` is null, `anonymous` false.
 * The kind is read from the content's quotation marks: none, indirect; every piece opening and
 * closing with a double mark, direct; otherwise mixed.
 */
export function attributionsToQuotes(text: string, attributions: readonly Attribution[]): { quotes: Quote[]; lossy: { id: string; role: 'source' | 'cue' }[] } {
  const lossy: { id: string; role: 'source' | 'cue' }[] = [];
  const one = (a: Attribution, role: 'source' | 'cue'): Quote['source'] => {
    const spans = a[role];
    if (!spans || spans.length === 0) return null;
    if (spans.length > 1) lossy.push({ id: a.id, role });
    const start = Math.min(...spans.map((s) => s.start));
    const end = Math.max(...spans.map((s) => s.end));
    return { start, end, text: text.slice(start, end) };
  };
  const quotes = attributions.map((a): Quote => ({
    id: a.id,
    kind: kindOf(text, a.content),
    content: a.content.map(({ start, end }) => ({ start, end })),
    cue: one(a, 'cue'),
    source: one(a, 'source'),
    speaker: null,
    anonymous: false,
    confidence: 1,
  }));
  return { quotes, lossy };
}

const OPENS = /^["“]/;
const CLOSES = /["”][^\w"“”]*$/;

function kindOf(text: string, content: readonly Span[]): Quote['kind'] {
  if (!isQuoted(text, content)) return 'indirect';
  const whole = content.every((s) => {
    const piece = text.slice(s.start, s.end).trim();
    return OPENS.test(piece) && CLOSES.test(piece);
  });
  return whole ? 'direct' : 'mixed';
}

// ───────────────────────────── one article against a human ─────────────────────────────

/** agreement: matched; miss: human only; extra: NewsLens only. */
export type Verdict = 'agreement' | 'miss' | 'extra';

export interface CompareItem {
  verdict: Verdict;
  /** Where it is drawn: NewsLens's content pieces for agreements and extras, the human's for misses. */
  spans: Span[];
  /** The human side (null for an extra). */
  human: Attribution | null;
  /** The NewsLens side (null for a miss). */
  newslens: Attribution | null;
  /** For agreements, by eval's rule (both absent, or half-covering each other); null otherwise. */
  sourceAgrees: boolean | null;
  cueAgrees: boolean | null;
  /** For misses and extras: the other side's attribution overlapping it most, too little to match. */
  nearest: { attribution: Attribution; overlap: number } | null;
}

/** An article's figures, as `eval` prints them for a corpus. */
export interface ArticleFigures {
  all: Prf;
  quoted: Prf;
  unquoted: Prf;
  source: Rate;
  cue: Rate;
}

export interface Comparison {
  figures: ArticleFigures;
  /** Every attribution of both sides once (a matched pair is one item), in text order. */
  items: CompareItem[];
}

export function articleFigures(score: ArticleScore): ArticleFigures {
  return { all: prf(score.all), quoted: prf(score.quoted), unquoted: prf(score.unquoted), source: rate(score.source), cue: rate(score.cue) };
}

/** Compares NewsLens's attributions with a human's on one article, with eval's matching and scores. */
export function compareArticle(text: string, human: readonly Attribution[], newslens: readonly Attribution[]): Comparison {
  const score = scoreArticle(text, human, newslens);
  const humanMatched = new Set(score.pairs.map((p) => p.gold));
  const newslensMatched = new Set(score.pairs.map((p) => p.system));
  const nearest = (a: Attribution, others: readonly Attribution[]): CompareItem['nearest'] => {
    let best: CompareItem['nearest'] = null;
    for (const o of others) {
      const overlap = overlapLength(a.content, o.content);
      if (overlap > 0 && (!best || overlap > best.overlap)) best = { attribution: o, overlap };
    }
    return best;
  };
  const items: CompareItem[] = [
    ...score.pairs.map((p): CompareItem => {
      const h = human[p.gold] as Attribution;
      const n = newslens[p.system] as Attribution;
      return {
        verdict: 'agreement',
        spans: n.content,
        human: h,
        newslens: n,
        sourceAgrees: spansAgree(h.source, n.source),
        cueAgrees: spansAgree(h.cue, n.cue),
        nearest: null,
      };
    }),
    ...human
      .filter((_, i) => !humanMatched.has(i))
      .map((h): CompareItem => ({ verdict: 'miss', spans: h.content, human: h, newslens: null, sourceAgrees: null, cueAgrees: null, nearest: nearest(h, newslens) })),
    ...newslens
      .filter((_, i) => !newslensMatched.has(i))
      .map((n): CompareItem => ({ verdict: 'extra', spans: n.content, human: null, newslens: n, sourceAgrees: null, cueAgrees: null, nearest: nearest(n, human) })),
  ];
  const order: Record<Verdict, number> = { miss: 0, agreement: 1, extra: 2 };
  items.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) || order[a.verdict] - order[b.verdict]);
  return { figures: articleFigures(score), items };
}

/** The spans to draw for each verdict. */
export function comparePlan(comparison: Comparison): Record<Verdict, Span[]> {
  const plan: Record<Verdict, Span[]> = { agreement: [], miss: [], extra: [] };
  for (const item of comparison.items) plan[item.verdict].push(...item.spans.map(({ start, end }) => ({ start, end })));
  return plan;
}

const VERDICT_HEADS: Readonly<Record<Verdict, string>> = {
  agreement: '**Agreement**: NewsLens and the human annotation both have this attribution',
  miss: '**Miss** (human only): the human annotation has this attribution, NewsLens does not',
  extra: '**Extra** (NewsLens only): NewsLens found this quote, the human annotation does not have it',
};

/** The hover on a compared attribution: which it is, and both sides' spans and sources. */
export function compareHoverAt(text: string, comparison: Comparison, offset: number): { markdown: string; span: Span } | null {
  const hits = comparison.items.flatMap((item) => {
    const piece = item.spans.find((s) => s.start <= offset && offset < s.end);
    return piece ? [{ item, piece }] : [];
  });
  const first = hits[0];
  if (!first) return null;
  const blocks = hits.map(({ item }) => compareItemMarkdown(text, item));
  return { markdown: blocks.join('\n\n---\n\n'), span: first.piece };
}

function compareItemMarkdown(text: string, item: CompareItem): string {
  const lines = [VERDICT_HEADS[item.verdict]];
  if (item.human) lines.push(`**Human** ${describeAttribution(text, item.human)}`);
  if (item.newslens) lines.push(`**NewsLens** ${describeAttribution(text, item.newslens)}`);
  if (item.verdict === 'agreement') {
    lines.push(`**Source** ${item.sourceAgrees ? 'agrees' : 'differs'} · **cue** ${item.cueAgrees ? 'agrees' : 'differs'}`);
  } else {
    const other = item.verdict === 'miss' ? 'NewsLens quote' : 'human attribution';
    const self = (item.human ?? item.newslens) as Attribution;
    if (item.nearest) {
      const n = item.nearest;
      lines.push(
        `**Closest ${other}** (overlaps ${n.overlap} of its ${spanLength(n.attribution.content)} characters and of this one's ${spanLength(self.content)}; a match needs half of each) ${describeAttribution(text, n.attribution)}`,
      );
    } else {
      lines.push(`No ${other} overlaps it.`);
    }
  }
  return lines.join('  \n');
}

function spansLabel(spans: readonly Span[]): string {
  return spans.map((s) => `${s.start}–${s.end}`).join(', ');
}

function spansQuote(text: string, spans: readonly Span[] | null, max: number): string {
  if (!spans || spans.length === 0) return '(none)';
  return `“${escapeMarkdown(shorten(spans.map((s) => text.slice(s.start, s.end)).join(' … '), max))}”`;
}

/** `E12` · source “…” · cue “…” · content 10–80 “…” */
function describeAttribution(text: string, a: Attribution): string {
  return [
    `\`${escapeMarkdown(a.id).replace(/`/g, '')}\``,
    `source ${spansQuote(text, a.source, 60)}${a.source ? ` (${spansLabel(a.source)})` : ''}`,
    `cue ${spansQuote(text, a.cue, 40)}`,
    `content ${spansLabel(a.content)} ${spansQuote(text, a.content, 140)}`,
  ].join(' · ');
}

/** A percentage as eval prints it (one decimal, a dash when there is nothing to divide). */
export function fmtPercent(n: number | null): string {
  return n === null ? '—' : n.toFixed(1);
}

/** "source agrees on matched pairs: 87.9% (1006 of 1145)", as eval and the compare summary print it. */
export function rateLine(label: string, r: Rate): string {
  return `${label} agrees on matched pairs: ${fmtPercent(r.rate)}${r.rate === null ? '' : '%'} (${r.agree} of ${r.total})`;
}

/**
 * The comparison as a Markdown summary: the article's scores as `newslens eval` computes them (the
 * same table, one article), then the misses, extras and agreements with a differing source.
 */
export function compareSummaryMarkdown(text: string, comparison: Comparison, article: string, annotation: string, skippedLines: number): string {
  const f = comparison.figures;
  const out = [
    `# NewsLens against the human annotation: ${escapeMarkdown(article)}`,
    '',
    `Human annotation: ${escapeMarkdown(annotation)}` + (skippedLines ? ` (${skippedLines} unreadable line${skippedLines === 1 ? '' : 's'} skipped)` : '') + '.',
    'Matched as `newslens eval` matches: each content covers at least half of the other, one to one.',
    '',
    '| | human | NewsLens | matched | P | R | F1 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const k of ['all', 'quoted', 'unquoted'] as const) {
    const p = f[k];
    out.push(`| ${k} | ${p.gold} | ${p.system} | ${p.matched} | ${fmtPercent(p.precision)} | ${fmtPercent(p.recall)} | ${fmtPercent(p.f1)} |`);
  }
  out.push('', `- ${rateLine('Source', f.source)}`, `- ${rateLine('Cue', f.cue)}`);
  const section = (title: string, items: CompareItem[], side: (i: CompareItem) => Attribution): void => {
    out.push('', `## ${title}: ${items.length}`);
    if (items.length > 0) out.push('');
    for (const item of items) out.push(`- ${describeAttribution(text, side(item))}`);
  };
  section('Misses (human only)', comparison.items.filter((i) => i.verdict === 'miss'), (i) => i.human as Attribution);
  section('Extras (NewsLens only)', comparison.items.filter((i) => i.verdict === 'extra'), (i) => i.newslens as Attribution);
  const wrong = comparison.items.filter((i) => i.verdict === 'agreement' && i.sourceAgrees === false);
  out.push('', `## Agreements whose source differs: ${wrong.length}`);
  if (wrong.length > 0) out.push('');
  for (const item of wrong) {
    out.push(`- human ${describeAttribution(text, item.human as Attribution)}`, `  - NewsLens ${describeAttribution(text, item.newslens as Attribution)}`);
  }
  return out.join('\n') + '\n';
}

// ───────────────────────────── the human annotation alone ─────────────────────────────

export type HumanRole = 'content' | 'cue' | 'source';

/** The spans of a human annotation to draw, by role. */
export function humanPlan(attributions: readonly Attribution[]): Record<HumanRole, Span[]> {
  const plan: Record<HumanRole, Span[]> = { content: [], cue: [], source: [] };
  for (const a of attributions) {
    for (const role of ['content', 'cue', 'source'] as const) plan[role].push(...(a[role] ?? []).map(({ start, end }) => ({ start, end })));
  }
  return plan;
}

const ROLE_NAMES: Readonly<Record<HumanRole, string>> = { content: 'content', cue: 'cue', source: 'source' };

/** The hover on a human annotation's span: the attribution(s) it belongs to, with their roles. */
export function humanHoverAt(text: string, attributions: readonly Attribution[], offset: number, annotation: string): { markdown: string; span: Span } | null {
  let span: Span | null = null;
  const blocks: string[] = [];
  for (const a of attributions) {
    for (const role of ['source', 'cue', 'content'] as const) {
      const piece = (a[role] ?? []).find((s) => s.start <= offset && offset < s.end);
      if (!piece) continue;
      span ??= piece;
      blocks.push(`**Human annotation** (${escapeMarkdown(annotation)}), the ${ROLE_NAMES[role]} of  \n${describeAttribution(text, a)}`);
      break;
    }
  }
  return span ? { markdown: blocks.join('\n\n---\n\n'), span } : null;
}
