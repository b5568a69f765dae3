// brat standoff with PolNeAR's labels (Source, Cue, Content, and the Attribution trigger), so the
// output opens in brat and compares directly with PolNeAR's gold `.ann` files.
//
//   T<n>\tSource <start> <end>\t<text>
//   T<n>\tCue <start> <end>\t<text>
//   T<n>\tContent <start> <end>[;<start> <end>...]\t<piece texts joined by a space>
//   T<n>\tAttribution <start> <end>\t<text>        (the trigger: the cue, else the first content piece)
//   E<n>\tAttribution:T<a> Source:T<b> Cue:T<c> Content:T<d>
//
// A quote without a source uses the label `Attribution-no-source` for its trigger and event, as
// PolNeAR does. Offsets index the real text; only the copy of the text after the second tab has its
// line breaks replaced by spaces (one for one, so it keeps the length brat checks), since a brat
// record is one line. "Line break" is every character Python's str.splitlines splits at (brat reads
// .ann files in Python, line by line): LF, CR, VT, FF, the separators U+001C-U+001E, NEL, LS and PS.

import type { Analysis, Quote, Span } from '../core';

const LINE_BREAK = /[\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029]/g;

/** The name brat looks for in a data folder (or any folder above it) to learn its labels. */
export const BRAT_CONF_NAME = 'annotation.conf';

/**
 * brat's annotation.conf for the labels formatBrat writes, so an --out folder opens in brat as is.
 * Source, Cue and Content are entities; Attribution and Attribution-no-source are event types,
 * whose trigger spans carry the event's own label. Roles read `Role:Type`; `?` marks an optional
 * role, `+` one that may repeat (PolNeAR's Content2, Content3...). Fields are separated by a tab.
 */
export const BRAT_ANNOTATION_CONF = [
  "# brat annotation configuration written by NewsLens: PolNeAR's attribution labels.",
  '',
  '[entities]',
  'Source',
  'Cue',
  'Content',
  '',
  '[relations]',
  '',
  '[events]',
  'Attribution\tSource?:Source, Cue?:Cue, Content+:Content',
  'Attribution-no-source\tCue?:Cue, Content+:Content',
  '',
  '[attributes]',
  '',
].join('\n');

/** The `.ann` content for one article. */
export function formatBrat(analysis: Analysis, text: string): string {
  const lines: string[] = [];
  const ids = { t: 0, e: 0 };
  const nextT = (): string => `T${++ids.t}`;

  for (const quote of analysis.quotes) {
    if (quote.content.length === 0) continue; // nothing to anchor an attribution on
    const label = quote.source ? 'Attribution' : 'Attribution-no-source';
    const roles: string[] = [];
    const addSpan = (role: string, spans: readonly Span[]): string => {
      const id = nextT();
      lines.push(textBound(id, role, spans, text));
      return id;
    };

    const sourceId = quote.source ? addSpan('Source', [quote.source]) : null;
    const cueId = quote.cue ? addSpan('Cue', [quote.cue]) : null;
    const contentId = addSpan('Content', sortedPieces(quote));
    const triggerId = addSpan(label, [quote.cue ?? sortedPieces(quote)[0]]);

    roles.push(`${label}:${triggerId}`);
    if (sourceId) roles.push(`Source:${sourceId}`);
    if (cueId) roles.push(`Cue:${cueId}`);
    roles.push(`Content:${contentId}`);
    lines.push(`E${++ids.e}\t${roles.join(' ')}`);
  }
  return lines.map((l) => l + '\n').join('');
}

function sortedPieces(quote: Quote): Span[] {
  return [...quote.content].sort((a, b) => a.start - b.start);
}

function textBound(id: string, label: string, spans: readonly Span[], text: string): string {
  const offsets = spans.map((s) => `${s.start} ${s.end}`).join(';');
  const copy = spans
    .map((s) => text.slice(s.start, s.end))
    .join(' ')
    .replace(LINE_BREAK, ' ');
  return `${id}\t${label} ${offsets}\t${copy}`;
}
