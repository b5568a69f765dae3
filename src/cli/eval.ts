// Scores NewsLens against a PolNeAR-style gold folder (text/*.txt + attributions/*.ann).
//
// Matching rule (the corpus README's): a system and a gold attribution match when, on content,
// each side covers at least half of the other — overlap in characters of the unions of their
// pieces >= 0.5 x gold length AND >= 0.5 x system length — one to one. Pairs are chosen by a
// maximum bipartite matching seeded greedily by largest overlap, so ties resolve the same way on
// every run. Figures are micro-averaged over all articles.
//
// Optional baseline: compromise's own `.quotations()` as a content-only system, scored on the same
// texts in the same run, and per-article timing of analyze(text) against nlp(text), alternated.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { analyze, type Analysis, type Span } from '../core';
import { applyCorrections } from '../core/corrections';
import { parseBratAttributions, type Attribution } from '../present/brat-read';
import { SidecarError, sidecarPathFor } from '../present/sidecar-file';
import { readSidecarSync } from './sidecar-node';
import {
  fmtPercent,
  halfCovers,
  isQuoted,
  prf,
  rateLine,
  quotesToAttributions,
  rate,
  scoreArticle,
  spansAgree,
  type Agreement,
  type ArticleScore,
  type Counts,
  type Prf,
  type Rate,
} from '../present/compare';

// The matching and scoring moved to src/present/compare.ts, so the editor's comparison with a human
// annotation and `eval` share one implementation; re-exported here for the CLI's callers.
export {
  halfCovers,
  isQuoted,
  matchAttributions,
  overlapLength,
  prf,
  quotesToAttributions,
  scoreArticle,
  spanLength,
  spansAgree,
  type Agreement,
  type ArticleScore,
  type Counts,
  type Pair,
  type Prf,
  type Rate,
} from '../present/compare';

function addCounts(a: Counts, b: Counts): Counts {
  return { gold: a.gold + b.gold, system: a.system + b.system, matched: a.matched + b.matched };
}

function addAgreement(a: Agreement, b: Agreement): Agreement {
  return { agree: a.agree + b.agree, total: a.total + b.total };
}

type Totals = Omit<ArticleScore, 'pairs'>;

function emptyTotals(): Totals {
  const zero = { gold: 0, system: 0, matched: 0 };
  return { all: zero, quoted: zero, unquoted: zero, source: { agree: 0, total: 0 }, cue: { agree: 0, total: 0 } };
}

function addTotals(t: Totals, s: ArticleScore): Totals {
  return {
    all: addCounts(t.all, s.all),
    quoted: addCounts(t.quoted, s.quoted),
    unquoted: addCounts(t.unquoted, s.unquoted),
    source: addAgreement(t.source, s.source),
    cue: addAgreement(t.cue, s.cue),
  };
}

// ───────────────────────────── systems ─────────────────────────────

type CompromiseDoc = ReturnType<typeof nlp>;
type CompromiseTerm = CompromiseDoc['docs'][number][number] & { offset?: { start: number } };

const OPENING_QUOTE = /["'“‘‟‛„⹂‚«‹‵‶‷〝`〟＂]/;
const CLOSING_QUOTE = /["'”’»›′″‴〞´＂]/;

/**
 * compromise's `.quotations()` as content-only attributions. compromise's own `.json({offset})`
 * starts a match after its opening mark but counts the mark in its length, so spans are taken from
 * the terms instead: from the opening mark (in the first term's `pre`) through the closing mark (in
 * the last term's `post`), as the gold contents include their quotation marks.
 */
export function compromiseQuotations(text: string, doc: CompromiseDoc): Attribution[] {
  doc.compute('offset');
  const out: Attribution[] = [];
  for (const terms of doc.quotations().docs) {
    const span = quotationSpan(text, terms as CompromiseTerm[]);
    if (span) out.push({ id: `c${out.length + 1}`, content: [span], source: null, cue: null });
  }
  return out;
}

function quotationSpan(text: string, terms: CompromiseTerm[]): Span | null {
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (!first?.offset || !last?.offset) return null;
  const wordStart = first.offset.start;
  const wordEnd = last.offset.start + last.text.length;
  if (text.slice(wordStart, wordStart + first.text.length) !== first.text) return null; // offsets drifted
  const open = lastIndexMatching(first.pre, OPENING_QUOTE);
  const close = last.post.search(CLOSING_QUOTE);
  return {
    start: open === -1 ? wordStart : wordStart - (first.pre.length - open),
    end: close === -1 ? wordEnd : wordEnd + close + 1,
  };
}

function lastIndexMatching(s: string, re: RegExp): number {
  for (let i = s.length - 1; i >= 0; i--) if (re.test(s.charAt(i))) return i;
  return -1;
}

// ───────────────────────────── the corpus ─────────────────────────────

/** Bad input the user can fix (a missing folder, no articles): reported in one line, exit 2. */
export class EvalInputError extends Error {}

export interface Article {
  name: string;
  text: string;
  /** The .ann file used: the first annotator's, by name; or, for an article gold by its sidecar, the sidecar's name. */
  annFile: string;
  /** Where the gold comes from: an .ann, or the article's corrections sidecar (the corrected article). */
  goldFrom: 'ann' | 'sidecar';
  gold: Attribution[];
  /** .ann lines that could not be read; for a sidecar, corrections that could not be placed. */
  skippedLines: number;
  /**
   * For sidecar gold: the quotes of the corrected article no person reviewed. They are not gold,
   * and a system attribution matching one is left out of the scoring too (only what a person
   * confirmed, corrected, added or removed is scored).
   */
  leftOut?: Attribution[];
}

export interface Corpus {
  articles: Article[];
  /** Articles in text/ with no .ann file in attributions/ and no corrections sidecar (not scored). */
  unannotated: string[];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Read text/<article>.txt and the gold of each article: its first attributions/<article>_<annotator>.ann,
 * or, for an article without one, its corrections sidecar (text/<article>.txt.newslens.json): the
 * corrected article (NewsLens's analysis with the corrections applied) is the gold. attributions/
 * may be absent when some article has a sidecar.
 */
export function readCorpus(goldDir: string): Corpus {
  if (!isDirectory(goldDir)) throw new EvalInputError(`gold folder not found: ${goldDir}`);
  const textDir = join(goldDir, 'text');
  const annDir = join(goldDir, 'attributions');
  const missing = (dir: string): EvalInputError =>
    new EvalInputError(`${goldDir} has no ${dir}/ folder (expected text/*.txt and attributions/*.ann)`);
  if (!isDirectory(textDir)) throw missing('text');
  const names = readdirSync(textDir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort(byCodeUnits);
  const sidecarOf = (name: string): string => sidecarPathFor(join(textDir, `${name}.txt`));
  const hasAnnDir = isDirectory(annDir);
  if (!hasAnnDir && !names.some((n) => existsSync(sidecarOf(n)))) throw missing('attributions');
  const firstAnn = hasAnnDir ? firstAnnotatorFiles(readdirSync(annDir)) : new Map<string, string>();
  if (names.length === 0) throw new EvalInputError(`no articles (*.txt) in ${textDir}`);
  const articles: Article[] = [];
  const unannotated: string[] = [];
  for (const name of names) {
    const annFile = firstAnn.get(name);
    if (annFile !== undefined) {
      articles.push(readArticle(name, join(textDir, `${name}.txt`), join(annDir, annFile), annFile));
      continue;
    }
    const corrected = readCorrectedArticle(name, join(textDir, `${name}.txt`), sidecarOf(name));
    if (corrected) articles.push(corrected);
    else unannotated.push(name);
  }
  return { articles, unannotated };
}

/** An article whose gold is its corrections sidecar applied to the core's analysis; null without one. */
function readCorrectedArticle(name: string, textPath: string, sidecarPath: string): Article | null {
  let sidecar;
  try {
    sidecar = readSidecarSync(sidecarPath);
  } catch (error) {
    if (error instanceof SidecarError) throw new EvalInputError(error.message);
    throw error;
  }
  if (!sidecar) return null;
  const text = readFileSync(textPath, 'utf8');
  const corrected = applyCorrections(analyze(text), text, sidecar);
  const annFile = sidecarPath.split(/[\\/]/).pop() ?? sidecarPath;
  // Only the quotes a person reviewed (confirmed, corrected, added) are gold: the others are
  // NewsLens's own guesses, which would score it against itself.
  const all = quotesToAttributions(corrected.analysis.quotes);
  const reviewed = (i: number): boolean => (corrected.review.get(corrected.analysis.quotes[i]!.id) ?? 'unreviewed') !== 'unreviewed';
  return {
    name,
    text,
    annFile,
    goldFrom: 'sidecar',
    gold: all.filter((_, i) => reviewed(i)),
    skippedLines: corrected.unplaced.length,
    leftOut: all.filter((_, i) => !reviewed(i)),
  };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** article name -> its first .ann file by name; `<article>_<annotator>.ann`, annotator without '_'. */
function firstAnnotatorFiles(files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of [...files].sort(byCodeUnits)) {
    const m = /^(.+)_[^_]+\.ann$/.exec(f);
    if (m?.[1] !== undefined && !out.has(m[1])) out.set(m[1], f);
  }
  return out;
}

function readArticle(name: string, textPath: string, annPath: string, annFile: string): Article {
  const text = readFileSync(textPath, 'utf8');
  const parsed = parseBratAttributions(readFileSync(annPath, 'utf8'));
  return { name, text, annFile, goldFrom: 'ann', gold: parsed.attributions, skippedLines: parsed.skipped.length };
}

// ───────────────────────────── errors for people ─────────────────────────────

export type ErrorWhat = 'miss' | 'extra' | 'source';

export interface ErrorItem {
  /** miss: gold not matched; extra: system not matched; source: matched, but the sources disagree. */
  what: ErrorWhat;
  kind: 'quoted' | 'unquoted';
  /** Gold event id (E12) for miss/source, system quote id for extra. */
  id: string;
  content: Span[];
  contentText: string;
  sourceText: string | null;
  cueText: string | null;
  /** For `source`: the matched system attribution. */
  system?: { id: string; sourceText: string | null; cueText: string | null };
}

export interface ArticleErrors {
  article: string;
  gold: number;
  system: number;
  matched: number;
  items: ErrorItem[];
}

/** Between the pieces of a discontinuous span in the error dump. */
const PIECE_JOINER = ' ‖ ';

function spansText(text: string, spans: readonly Span[] | null): string | null {
  return spans === null ? null : spans.map((s) => text.slice(s.start, s.end)).join(PIECE_JOINER);
}

function describe(text: string, a: Attribution, what: ErrorWhat): ErrorItem {
  return {
    what,
    kind: isQuoted(text, a.content) ? 'quoted' : 'unquoted',
    id: a.id,
    content: a.content,
    contentText: spansText(text, a.content) ?? '',
    sourceText: spansText(text, a.source),
    cueText: spansText(text, a.cue),
  };
}

/** At the same offset, gold before system. */
const WHAT_ORDER: Record<ErrorWhat, number> = { miss: 0, source: 1, extra: 2 };

/** Misses, extras and wrong sources of one article, in text order. */
export function articleErrors(article: string, text: string, gold: readonly Attribution[], system: readonly Attribution[], score: ArticleScore): ArticleErrors {
  const goldMatched = new Set(score.pairs.map((p) => p.gold));
  const systemMatched = new Set(score.pairs.map((p) => p.system));
  const items: ErrorItem[] = [
    ...gold.filter((_, i) => !goldMatched.has(i)).map((a) => describe(text, a, 'miss')),
    ...system.filter((_, i) => !systemMatched.has(i)).map((a) => describe(text, a, 'extra')),
    ...score.pairs.flatMap((p) => wrongSource(text, gold[p.gold], system[p.system])),
  ];
  items.sort((a, b) => (a.content[0]?.start ?? 0) - (b.content[0]?.start ?? 0) || WHAT_ORDER[a.what] - WHAT_ORDER[b.what]);
  return { article, gold: score.all.gold, system: score.all.system, matched: score.all.matched, items };
}

function wrongSource(text: string, gold: Attribution | undefined, system: Attribution | undefined): ErrorItem[] {
  if (!gold || !system || spansAgree(gold.source, system.source)) return [];
  const item = describe(text, gold, 'source');
  item.system = { id: system.id, sourceText: spansText(text, system.source), cueText: spansText(text, system.cue) };
  return [item];
}

// ───────────────────────────── the run ─────────────────────────────

export interface EvalOptions {
  /** Also score compromise's `.quotations()` and time analyze(text) against nlp(text). */
  baseline?: boolean;
  /** The system under test; defaults to the core's analyze(). Tests pass synthetic analyses. */
  analyzer?: (text: string) => Analysis;
  /** Articles run untimed before timing starts (default 5). */
  warmup?: number;
}

export interface SystemFigures {
  all: Prf;
  quoted: Prf;
  unquoted: Prf;
}

export interface Timing {
  /** What each figure measures. */
  note: string;
  articles: number;
  warmup: number;
  analyze: { medianMs: number | null; p95Ms: number | null };
  compromise: { medianMs: number | null; p95Ms: number | null } | null;
  /** median analyze / median nlp. */
  ratioOfMedians: number | null;
}

export interface EvalReport {
  gold: string;
  articles: number;
  goldAttributions: number;
  skippedAnnotationLines: number;
  unannotated: string[];
  /** Articles scored against their corrections sidecar (no .ann). */
  sidecarGold: string[];
  /** For each of them: the reviewed quotes used as gold, and the unreviewed ones left out of the scoring. */
  sidecarReviewed: { name: string; reviewed: number; leftOut: number }[];
  newslens: SystemFigures & { source: Rate; cue: Rate };
  baseline: (SystemFigures & { name: string }) | null;
  timing: Timing;
  /** Per article misses/extras/wrong sources (not part of --json). */
  errors: ArticleErrors[];
}

const TIMING_NOTE = 'milliseconds per article of analyze(text), after a warm-up';
const TIMING_NOTE_BASELINE =
  'milliseconds per article; analyze(text) vs nlp(text) (compromise runs its full default pipeline — tokenise, tag, chunk — when constructed), alternating which runs first, article by article, after a warm-up';

/** Evaluate analyze() (and optionally compromise's .quotations()) on a gold folder. */
export function evaluate(goldDir: string, opts: EvalOptions = {}): EvalReport {
  const analyzer = opts.analyzer ?? ((text: string) => analyze(text));
  const corpus = readCorpus(goldDir);
  const warmup = Math.min(opts.warmup ?? 5, corpus.articles.length);
  for (const a of corpus.articles.slice(0, warmup)) {
    analyzer(a.text);
    if (opts.baseline) nlp(a.text);
  }
  let ours = emptyTotals();
  let theirs = emptyTotals();
  const analyzeMs: number[] = [];
  const nlpMs: number[] = [];
  const errors: ArticleErrors[] = [];
  corpus.articles.forEach((article, i) => {
    const run = withoutLeftOut(article, runArticle(article, analyzer, opts.baseline === true, i % 2 === 1));
    analyzeMs.push(run.analyzeMs);
    const score = scoreArticle(article.text, article.gold, run.system);
    ours = addTotals(ours, score);
    errors.push(articleErrors(article.name, article.text, article.gold, run.system, score));
    if (run.baseline) {
      nlpMs.push(run.nlpMs);
      theirs = addTotals(theirs, scoreArticle(article.text, article.gold, run.baseline));
    }
  });
  return {
    gold: goldDir,
    articles: corpus.articles.length,
    goldAttributions: ours.all.gold,
    skippedAnnotationLines: corpus.articles.reduce((n, a) => n + a.skippedLines, 0),
    unannotated: corpus.unannotated,
    sidecarGold: corpus.articles.filter((a) => a.goldFrom === 'sidecar').map((a) => a.name),
    sidecarReviewed: corpus.articles
      .filter((a) => a.goldFrom === 'sidecar')
      .map((a) => ({ name: a.name, reviewed: a.gold.length, leftOut: a.leftOut?.length ?? 0 })),
    newslens: { ...figures(ours), source: rate(ours.source), cue: rate(ours.cue) },
    baseline: opts.baseline ? { name: 'compromise .quotations() (content only, no source)', ...figures(theirs) } : null,
    timing: timing(analyzeMs, opts.baseline ? nlpMs : null, warmup),
    errors,
  };
}

/** The run without the system attributions that match a quote no person reviewed (sidecar gold). */
function withoutLeftOut(article: Article, run: ArticleRun): ArticleRun {
  const leftOut = article.leftOut;
  if (!leftOut || leftOut.length === 0) return run;
  const keep = (s: Attribution): boolean => !leftOut.some((l) => halfCovers(l.content, s.content));
  return { ...run, system: run.system.filter(keep), baseline: run.baseline && run.baseline.filter(keep) };
}

interface ArticleRun {
  system: Attribution[];
  analyzeMs: number;
  baseline: Attribution[] | null;
  nlpMs: number;
}

/** Run (and time) the system and, with the baseline, compromise; `nlpFirst` alternates the order. */
function runArticle(article: Article, analyzer: (text: string) => Analysis, baseline: boolean, nlpFirst: boolean): ArticleRun {
  let analysis: Analysis | undefined;
  let doc: CompromiseDoc | undefined;
  let analyzeMs = 0;
  let nlpMs = 0;
  const timeAnalyze = (): void => {
    try {
      analyzeMs = timed(() => (analysis = analyzer(article.text)));
    } catch (e) {
      throw new Error(`analyze failed on ${article.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const timeNlp = (): void => {
    nlpMs = timed(() => (doc = nlp(article.text)));
  };
  if (baseline && nlpFirst) timeNlp();
  timeAnalyze();
  if (baseline && !nlpFirst) timeNlp();
  const system = quotesToAttributions(analysis?.quotes ?? []);
  return { system, analyzeMs, baseline: doc ? compromiseQuotations(article.text, doc) : null, nlpMs };
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function figures(t: Totals): SystemFigures {
  return { all: prf(t.all), quoted: prf(t.quoted), unquoted: prf(t.unquoted) };
}

/** Linear-interpolated percentile (p in 0..1) of unsorted values; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (at - lo);
}

function round3(n: number | null): number | null {
  return n === null ? null : Math.round(n * 1000) / 1000;
}

function timing(analyzeMs: number[], nlpMs: number[] | null, warmup: number): Timing {
  const analyzeMedian = percentile(analyzeMs, 0.5);
  const nlpMedian = nlpMs ? percentile(nlpMs, 0.5) : null;
  return {
    note: nlpMs ? TIMING_NOTE_BASELINE : TIMING_NOTE,
    articles: analyzeMs.length,
    warmup,
    analyze: { medianMs: round3(analyzeMedian), p95Ms: round3(percentile(analyzeMs, 0.95)) },
    compromise: nlpMs ? { medianMs: round3(nlpMedian), p95Ms: round3(percentile(nlpMs, 0.95)) } : null,
    ratioOfMedians: analyzeMedian !== null && nlpMedian ? round3(analyzeMedian / nlpMedian) : null,
  };
}

// ───────────────────────────── output ─────────────────────────────

/** The figures only, for --json (per-article errors go to --errors). */
export function reportToJson(report: EvalReport): Omit<EvalReport, 'errors'> {
  const { errors: _errors, ...figuresOnly } = report;
  void _errors;
  return figuresOnly;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function fmtMs(n: number | null): string {
  return n === null ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
}

function prfRows(label: string, f: SystemFigures): string[][] {
  return (['all', 'quoted', 'unquoted'] as const).map((k) => {
    const p = f[k];
    return [`${label} ${k}`, String(p.gold), String(p.system), String(p.matched), fmtPercent(p.precision), fmtPercent(p.recall), fmtPercent(p.f1)];
  });
}

/** The report as a small plain-text table. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`NewsLens evaluation on ${report.gold}`);
  lines.push(
    `${plural(report.articles, 'article')}, ${plural(report.goldAttributions, 'gold attribution')} (first annotator of each article)` +
      (report.skippedAnnotationLines ? `, ${plural(report.skippedAnnotationLines, 'annotation line')} skipped` : '') +
      (report.unannotated.length ? `, ${plural(report.unannotated.length, 'text')} without annotations ignored` : '') +
      (report.sidecarGold.length ? `, ${plural(report.sidecarGold.length, 'article')} scored against ${report.sidecarGold.length === 1 ? 'its' : 'their'} corrections sidecar` : ''),
  );
  for (const s of report.sidecarReviewed) {
    lines.push(
      s.reviewed === 0
        ? `${s.name}: unreviewed (its sidecar confirms, corrects or adds no quote; ${plural(s.leftOut, 'quote')} of NewsLens's left out)`
        : `${s.name}: ${plural(s.reviewed, 'reviewed quote')} used as gold, ${plural(s.leftOut, 'unreviewed quote')} left out of the scoring`,
    );
  }
  lines.push('');
  const header = ['', 'gold', 'system', 'matched', 'P', 'R', 'F1'];
  const body = [...prfRows('newslens', report.newslens), ...(report.baseline ? prfRows('compromise', report.baseline) : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  lines.push(row(header, widths), ...body.map((r) => row(r, widths)));
  lines.push('');
  lines.push(rateLine('source', report.newslens.source), rateLine('cue', report.newslens.cue));
  if (report.baseline) lines.push(`compromise = ${report.baseline.name}`);
  lines.push('', ...formatTiming(report.timing));
  return lines.join('\n') + '\n';
}

function formatTiming(t: Timing): string[] {
  const out = [`timing, ms per article (${plural(t.articles, 'article')} after ${t.warmup} warm-up):`];
  out.push(`  analyze(text)  median ${fmtMs(t.analyze.medianMs)}  p95 ${fmtMs(t.analyze.p95Ms)}`);
  if (t.compromise) {
    out.push(`  nlp(text)      median ${fmtMs(t.compromise.medianMs)}  p95 ${fmtMs(t.compromise.p95Ms)}`);
    out.push(`  ratio of medians analyze/nlp: ${t.ratioOfMedians === null ? '—' : t.ratioOfMedians.toFixed(2)}`);
  }
  return out;
}

const CONTENT_MAX = 200;

/** Collapse whitespace and cut the middle out of long text, keeping both ends (where bounds go wrong). */
export function truncateMiddle(s: string, max = CONTENT_MAX): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = Math.ceil((max - 7) * 0.65);
  return `${flat.slice(0, head)} [...] ${flat.slice(flat.length - (max - 7 - head))}`;
}

/** Text in ⟨ ⟩, brackets news text does not use, so quotation marks at the bounds stay visible. */
function bracket(s: string | null, max: number): string {
  return s === null ? '—' : `⟨${truncateMiddle(s, max)}⟩`;
}

function spansLabel(spans: readonly Span[]): string {
  return spans.map((s) => `${s.start}-${s.end}`).join(';');
}

function formatItem(item: ErrorItem): string[] {
  const where = `${item.kind.padEnd(8)} @${spansLabel(item.content)}`;
  const content = `    content: ${bracket(item.contentText, CONTENT_MAX)}`;
  if (item.what === 'source' && item.system) {
    return [
      `  SOURCE gold ${item.id} ~ system ${item.system.id}  ${where}`,
      `    gold   source: ${bracket(item.sourceText, 80)}  cue: ${bracket(item.cueText, 80)}`,
      `    system source: ${bracket(item.system.sourceText, 80)}  cue: ${bracket(item.system.cueText, 80)}`,
      content,
    ];
  }
  const head = item.what === 'miss' ? `  MISS   gold ${item.id}` : `  EXTRA  system ${item.id}`;
  return [`${head}  ${where}`, `    source: ${bracket(item.sourceText, 80)}  cue: ${bracket(item.cueText, 80)}`, content];
}

/** Per-article misses (gold not matched), extras (system not matched) and wrong sources, readable. */
export function formatErrors(errors: readonly ArticleErrors[]): string {
  const lines = [
    '# NewsLens eval errors: MISS = gold attribution no system attribution matched; EXTRA = system',
    '# attribution that matched no gold one; SOURCE = matched on content, but the sources disagree.',
    '# Items in text order; @start-end are character offsets of the content in the article text;',
    '# text is shown in ⟨ ⟩, pieces of a discontinuous span joined by ‖, long text cut in the middle [...].',
  ];
  for (const e of errors) {
    if (e.items.length === 0) continue;
    const count = (w: ErrorWhat): number => e.items.filter((i) => i.what === w).length;
    lines.push('', `== ${e.article}  gold ${e.gold}, system ${e.system}, matched ${e.matched}: ${count('miss')} missed, ${count('extra')} extra, ${plural(count('source'), 'wrong source')}`);
    for (const item of e.items) lines.push(...formatItem(item));
  }
  return lines.join('\n') + '\n';
}
