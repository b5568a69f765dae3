// A report for people at a terminal: the article with its attributions highlighted, then a table
// of who is quoted and the credit lines.
//
// With `color`, categories are ANSI colours (each speaker entity its own colour from a small
// palette). Without it (NO_COLOR, or output not a terminal) the same spans are marked inline:
// [source] <cue> {quote} |credit|. Control characters from the article are never passed through
// to the terminal.

import type { Analysis, Entity, Quote, Span } from '../../core';
import { ArticleView } from '../../present/view';

export interface TerminalOptions {
  color: boolean;
  /** Columns available for the tables (default 80). */
  width?: number;
  /** A line under the counts (annotate: the corrections applied from the sidecar). */
  note?: string;
}

type Category = 'source' | 'cue' | 'content' | 'credit';

const CATEGORY_SGR: Record<Category, string> = {
  source: '1;4', // a source not resolved to an entity: bold underlined
  cue: '1;33',
  content: '32',
  credit: '35',
};
const SPEAKER_PALETTE = ['1;36', '1;34', '1;31', '1;30;46', '1;37;44', '1;37;41'];
const MARKERS: Record<Category, [string, string]> = {
  source: ['[', ']'],
  cue: ['<', '>'],
  content: ['{', '}'],
  credit: ['|', '|'],
};
const KIND_WIDTH = 'contributor'.length;
const RESET = '\x1b[0m';
/** A reset that keeps the text dimmed (SGR 2), for the boilerplate. */
const DIM_AGAIN = '\x1b[0;2m';
const BOILERPLATE_HEADING = "Quoted in boilerplate (not this article's sources)";

/** How one run of text is shown. */
interface Look {
  category: Category;
  sgr: string;
}

class Painter {
  constructor(readonly color: boolean) {}

  paint(s: string, look: Look | null): string {
    if (!look) return s;
    if (!this.color) {
      const [open, close] = MARKERS[look.category];
      return open + s + close;
    }
    // Colour each line on its own so pagers and wrapped lines keep it.
    return s
      .split('\n')
      .map((line) => (line === '' ? line : `\x1b[${look.sgr}m${line}\x1b[0m`))
      .join('\n');
  }

  sgr(s: string, code: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }
}

/** The whole report for one article, ending with a newline. */
export function formatTerminal(analysis: Analysis, text: string, options: TerminalOptions): string {
  const painter = new Painter(options.color);
  const width = Math.max(40, options.width ?? 80);
  const speakerSgr = speakerColours(analysis.quotes);
  const sections = [
    heading(analysis, text, painter) + (options.note ? `\n${clean(options.note)}` : ''),
    legend(painter),
    '',
    highlight(text.slice(0, analysis.body.end), analysis, speakerSgr, painter).replace(/\n+$/, ''),
    ...boilerplate(text, analysis, speakerSgr, painter),
    '',
    sourcesSection(analysis, speakerSgr, painter, width),
    '',
    creditsSection(analysis, painter, width),
  ];
  return sections.join('\n') + '\n';
}

// ---- heading ----

function heading(analysis: Analysis, text: string, painter: Painter): string {
  const title = painter.sgr(`== ${clean(analysis.file ?? 'article')} ==`, '1');
  // The same counts as the editor's status bar and summary: the story's sources and quotes, and
  // apart from them the quotes in the boilerplate after it.
  const c = new ArticleView(analysis, text).counts();
  const summary =
    `${plural(c.sources, 'source')} · ${plural(c.quotes, 'quote')} in the story ` +
    `(${c.direct} direct, ${c.indirect} reported, ${c.mixed} mixed)` +
    (c.outside ? ` · ${c.outside} outside it` : '') +
    ` · ${plural(analysis.credits.length, 'credit line')}`;
  return `${title}\n${summary}`;
}

function legend(painter: Painter): string {
  const look = (category: Category): Look => ({ category, sgr: CATEGORY_SGR[category] });
  if (!painter.color) return 'Legend: [source] <cue> {quote} |credit|';
  const speaker: Look = { category: 'source', sgr: SPEAKER_PALETTE[0] };
  return [
    'Legend:',
    painter.paint('speaker', speaker),
    painter.paint('quote', look('content')),
    painter.paint('cue', look('cue')),
    painter.paint('credit', look('credit')),
  ].join(' ');
}

// ---- the article, highlighted ----

/** One colour per speaker entity, in order of first quote. */
function speakerColours(quotes: readonly Quote[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const q of quotes) {
    if (q.speaker !== null && !colours.has(q.speaker)) {
      colours.set(q.speaker, SPEAKER_PALETTE[colours.size % SPEAKER_PALETTE.length]);
    }
  }
  return colours;
}

/**
 * What follows the story (related articles, "Popular", teasers) is not the article: a rule marks
 * where it starts, and it is printed dimmed, with its own quotes marked as quotes of other stories.
 */
function boilerplate(text: string, analysis: Analysis, speakerSgr: Map<string, string>, painter: Painter): string[] {
  const rest = text.slice(analysis.body.end).replace(/^\s+/, '');
  if (rest === '') return [];
  const skipped = text.length - analysis.body.end - rest.length;
  const shifted: Analysis = {
    ...analysis,
    quotes: analysis.quotes
      .filter((q) => q.content[0]!.start >= analysis.body.end)
      .map((q) => ({
        ...q,
        content: q.content.map((p) => ({ start: p.start - analysis.body.end - skipped, end: p.end - analysis.body.end - skipped })),
        cue: q.cue && { ...q.cue, start: q.cue.start - analysis.body.end - skipped, end: q.cue.end - analysis.body.end - skipped },
        source: q.source && { ...q.source, start: q.source.start - analysis.body.end - skipped, end: q.source.end - analysis.body.end - skipped },
      })),
    credits: [],
  };
  const rule = painter.sgr('── end of the story; below, the site\'s boilerplate (not this article\'s sources) ──', '2');
  const body = highlight(rest, shifted, speakerSgr, painter).replace(/\n+$/, '');
  return ['', rule, '', painter.color ? body.split('\n').map(dimLine).join('\n') : body];
}

/**
 * Dims one painted line of boilerplate. Its highlighted spans end with a reset (ESC[0m), which
 * would also end the dimming, so each reset inside the line restores it (ESC[0;2m).
 */
function dimLine(line: string): string {
  if (line === '') return line;
  const redimmed = line.replaceAll(RESET, DIM_AGAIN);
  const inner = redimmed.endsWith(DIM_AGAIN) ? redimmed.slice(0, -DIM_AGAIN.length) : redimmed;
  return `\x1b[2m${inner}${RESET}`;
}

/**
 * Paints categories onto a per-character layer, lowest priority first (credit < content < cue <
 * source), so a source inside someone else's quote still shows; then prints runs of equal look.
 */
function highlight(
  text: string,
  analysis: Analysis,
  speakerSgr: Map<string, string>,
  painter: Painter,
): string {
  const looks: Look[] = [];
  const layer = new Uint32Array(text.length); // 0: plain; n: looks[n - 1] (one per span)
  const lay = (span: Span, look: Look): void => {
    looks.push(look);
    const start = Math.max(0, span.start);
    layer.fill(looks.length, start, Math.max(start, Math.min(text.length, span.end)));
  };
  const credit: Look = { category: 'credit', sgr: CATEGORY_SGR.credit };
  const content: Look = { category: 'content', sgr: CATEGORY_SGR.content };
  const cue: Look = { category: 'cue', sgr: CATEGORY_SGR.cue };
  for (const c of analysis.credits) lay(c, credit);
  for (const q of analysis.quotes) for (const piece of q.content) lay(piece, content);
  for (const q of analysis.quotes) if (q.cue) lay(q.cue, cue);
  for (const q of analysis.quotes) {
    if (!q.source) continue;
    const sgr = (q.speaker !== null && speakerSgr.get(q.speaker)) || CATEGORY_SGR.source;
    lay(q.source, { category: 'source', sgr });
  }
  return paintRuns(text, layer, looks, painter);
}

function paintRuns(text: string, layer: Uint32Array, looks: Look[], painter: Painter): string {
  const out: string[] = [];
  let runStart = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && layer[i] === layer[runStart]) continue;
    const look = layer[runStart] === 0 ? null : looks[layer[runStart] - 1];
    let piece = text.slice(runStart, i);
    if (piece.endsWith('\r') && text[i] === '\n') piece = piece.slice(0, -1); // CRLF split by a span
    out.push(painter.paint(clean(piece, true), look));
    runStart = i;
  }
  return out.join('');
}

// ---- the sources table ----

interface SourceRow {
  key: string;
  name: string;
  title: string;
  direct: number;
  reported: number;
  /** 0 named entity, 1 unresolved words, 2 anonymous, 3 no source at all. */
  rank: number;
  sgr: string | null;
}

function sourcesSection(
  analysis: Analysis,
  speakerSgr: Map<string, string>,
  painter: Painter,
  width: number,
): string {
  const inBody = analysis.quotes.filter((q) => contentStart(q) < analysis.body.end);
  const outside = analysis.quotes.filter((q) => contentStart(q) >= analysis.body.end);
  const entities = new Map(analysis.entities.map((e) => [e.id, e]));
  const table = (quotes: Quote[]): string =>
    quotes.length === 0
      ? '  (none found)'
      : sourceTable(sourceRows(quotes, entities, speakerSgr), painter, width);
  const parts = [painter.sgr('Sources', '1'), table(inBody)];
  if (outside.length > 0) parts.push('', painter.sgr(BOILERPLATE_HEADING, '1'), table(outside));
  return parts.join('\n');
}

function contentStart(q: Quote): number {
  return q.content.length === 0 ? Infinity : Math.min(...q.content.map((p) => p.start));
}

function sourceRows(
  quotes: readonly Quote[],
  entities: Map<string, Entity>,
  speakerSgr: Map<string, string>,
): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  for (const q of quotes) {
    const fresh = newRow(q, entities, speakerSgr);
    const row = rows.get(fresh.key) ?? fresh;
    rows.set(row.key, row);
    if (q.kind === 'direct') row.direct++;
    else row.reported++;
  }
  return [...rows.values()]
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.rank - b.row.rank || total(b.row) - total(a.row) || a.index - b.index)
    .map(({ row }) => row);
}

function total(row: SourceRow): number {
  return row.direct + row.reported;
}

function newRow(q: Quote, entities: Map<string, Entity>, speakerSgr: Map<string, string>): SourceRow {
  const words = q.source ? clean(q.source.text).replace(/\s+/g, ' ').trim() : '';
  const base = { title: '', direct: 0, reported: 0, sgr: null };
  const entity = q.speaker === null ? undefined : entities.get(q.speaker);
  if (q.speaker !== null) {
    const name = entity ? clean(entity.name) : words || q.speaker;
    const title = entity?.title ? clean(entity.title) : '';
    return { ...base, key: `e:${q.speaker}`, name, title, rank: 0, sgr: speakerSgr.get(q.speaker) ?? null };
  }
  if (!q.source) return { ...base, key: 'none', name: '(no source)', rank: 3 };
  if (q.anonymous) return { ...base, key: `a:${words.toLowerCase()}`, name: `${words} (anonymous)`, rank: 2 };
  return { ...base, key: `u:${words.toLowerCase()}`, name: `${words} (unresolved)`, rank: 1 };
}

function sourceTable(rows: SourceRow[], painter: Painter, width: number): string {
  const counts = ['Direct', 'Reported'];
  const countsWidth = counts.join('  ').length;
  const room = width - 2 - countsWidth - 4; // indent, counts, two gaps
  const nameNeed = widest(rows.map((r) => r.name), 'Source');
  const titleNeed = widest(rows.map((r) => r.title), 'Title');
  // Names first: titles give way, down to 40% of the room when both are long.
  const titleWidth = Math.min(titleNeed, Math.max(room - nameNeed, Math.floor(room * 0.4)));
  const nameWidth = Math.min(nameNeed, room - titleWidth);
  const line = (name: string, title: string, d: string, r: string, sgr: string | null): string =>
    '  ' +
    colourPadded(fit(name, nameWidth), sgr, painter) +
    '  ' +
    fit(title, titleWidth) +
    '  ' +
    d.padStart(counts[0].length) +
    '  ' +
    r.padStart(counts[1].length);
  const head = painter.sgr(line('Source', 'Title', counts[0], counts[1], null), '2');
  const body = rows.map((r) => line(r.name, r.title, String(r.direct), String(r.reported), r.sgr));
  return [head, ...body].map((l) => l.trimEnd()).join('\n');
}

/** Colours the text of a padded cell, not its padding (which would show with a background). */
function colourPadded(cell: string, sgr: string | null, painter: Painter): string {
  const text = cell.trimEnd();
  return sgr ? painter.sgr(text, sgr) + cell.slice(text.length) : cell;
}

// ---- credits ----

function creditsSection(analysis: Analysis, painter: Painter, width: number): string {
  const lines = analysis.credits.map((c) => {
    const names = c.names.map((n) => clean(n)).join(', ');
    const room = Math.max(20, width - 2 - KIND_WIDTH - 2 - 3 - names.length);
    const text = fit(clean(c.text).replace(/\s+/g, ' ').trim(), room).trimEnd();
    return `  ${c.kind.padEnd(KIND_WIDTH)}  ${text} → ${names || '(no names)'}`;
  });
  return [painter.sgr('Credits', '1'), ...(lines.length > 0 ? lines : ['  (none found)'])].join('\n');
}

// ---- text helpers ----

/**
 * Makes article text safe to print: control characters (which could move the cursor or recolour
 * the terminal) become U+FFFD. With `keepLayout` line breaks and tabs stay (CRLF printed as LF);
 * without it they become spaces, for one-line table cells.
 */
function clean(s: string, keepLayout = false): string {
  const flat = keepLayout ? s.replace(/\r\n/g, '\n').replace(/\r/g, '\n') : s.replace(/[\r\n\t]+/g, ' ');
  return flat.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\uFFFD');
}

function widest(values: string[], header: string): number {
  return Math.max(header.length, ...values.map((v) => v.length));
}

/** Pads or truncates (with an ellipsis) to exactly `width` characters. */
function fit(s: string, width: number): string {
  return s.length <= width ? s.padEnd(width) : s.slice(0, Math.max(0, width - 1)) + '…';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
