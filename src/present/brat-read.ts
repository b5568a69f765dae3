// Reads brat standoff (.ann) as PolNeAR writes it, into gold attributions.
//
//   T<n>\t<Label> <start> <end>[;<start> <end>...]\t<text>     a text span (pieces joined by ';')
//   E<n>\t<Trigger>:T<a> Source:T<b> Cue:T<c> Content:T<d> [Content2:T<e>]   one attribution
//   #...                                                        a note
//
// The text of a T record may run over several lines: only lines starting with `T<n>\t`, `E<n>\t`
// or `#` begin a record; any other line continues the text of the record before it.
// Role order varies, roles may repeat with a number suffix (Content2), and Source is absent for
// `Attribution-no-source`. Malformed lines are skipped and counted, never thrown.

import type { Span } from '../core';

/** One attribution as spans into the article: the shape both gold and system sides are scored in. */
export interface Attribution {
  /** The brat event id ("E12") on the gold side, the quote id on the system side. */
  id: string;
  /** Pieces of the content, sorted by start (repeated roles such as Content2 are concatenated). */
  content: Span[];
  /** Pieces of the source, or null when there is none (Attribution-no-source). */
  source: Span[] | null;
  /** Pieces of the cue, or null when there is none. */
  cue: Span[] | null;
}

/** A gold attribution read from an .ann file; its id is the brat event id ("E12"). */
export type GoldAttribution = Attribution;

/** A T record. */
export interface BratTextBound {
  id: string;
  label: string;
  /** Sorted by start (the file may list the pieces of a discontinuous span out of order). */
  spans: Span[];
  /** The text as written in the .ann file: its pieces joined by a space, in the order listed. */
  text: string;
}

/** An E record: the trigger and its arguments, role names as written ("Content2"). */
export interface BratEvent {
  id: string;
  /** 1-based line number in the .ann file. */
  line: number;
  trigger: { role: string; ref: string };
  args: { role: string; ref: string }[];
}

export interface SkippedLine {
  /** 1-based line number in the .ann file. */
  line: number;
  reason: string;
  text: string;
}

export interface BratDocument {
  textBounds: Map<string, BratTextBound>;
  events: BratEvent[];
  /** Lines that could not be read, and events that could not be resolved to an attribution. */
  skipped: SkippedLine[];
}

export interface BratAttributions {
  attributions: GoldAttribution[];
  textBounds: Map<string, BratTextBound>;
  skipped: SkippedLine[];
}

const RECORD_START = /^(?:[TE]\d+\t|#)/;
const SPAN_LIST = /^\d+ \d+(?:;\d+ \d+)*$/;
const ROLE_ARG = /^([A-Za-z][\w-]*):([TE]\d+)$/;

/** Parse an .ann string and turn its events into gold attributions. */
export function parseBratAttributions(ann: string): BratAttributions {
  const doc = readBrat(ann);
  const attributions: GoldAttribution[] = [];
  for (const event of doc.events) {
    const resolved = toAttribution(event, doc.textBounds);
    if (typeof resolved === 'string') {
      doc.skipped.push({ line: event.line, reason: `${event.id}: ${resolved}`, text: describeEvent(event) });
    } else {
      attributions.push(resolved);
    }
  }
  return { attributions, textBounds: doc.textBounds, skipped: doc.skipped };
}

/** Read the records of an .ann string, without interpreting the events. */
export function readBrat(ann: string): BratDocument {
  const doc: BratDocument = { textBounds: new Map(), events: [], skipped: [] };
  const lines = ann.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let open: BratTextBound | null = null; // the T record whose text later lines continue
  for (const [i, line] of lines.entries()) {
    const lineNo = i + 1;
    if (!RECORD_START.test(line)) {
      if (open) open.text += '\n' + line;
      else if (line.trim() !== '') doc.skipped.push({ line: lineNo, reason: 'continuation line with no text record before it', text: line });
      continue;
    }
    open = null;
    if (line.startsWith('#')) continue;
    const result = line.startsWith('T') ? readTextBound(line) : readEvent(line, lineNo);
    if (typeof result === 'string') {
      doc.skipped.push({ line: lineNo, reason: result, text: line });
    } else if ('label' in result) {
      if (doc.textBounds.has(result.id)) doc.skipped.push({ line: lineNo, reason: `${result.id} defined twice; the later one is kept`, text: line });
      doc.textBounds.set(result.id, result);
      open = result;
    } else {
      doc.events.push(result);
    }
  }
  return doc;
}

/** `T<n>\t<Label> <start> <end>[;...]\t<text>`; returns a reason string when malformed. */
function readTextBound(line: string): BratTextBound | string {
  const [id = '', middle, ...rest] = line.split('\t');
  if (middle === undefined) return 'text record without a label and offsets';
  const space = middle.indexOf(' ');
  if (space <= 0) return 'text record without offsets';
  const label = middle.slice(0, space);
  const offsets = middle.slice(space + 1).trim();
  if (!SPAN_LIST.test(offsets)) return `unreadable offsets "${offsets}"`;
  const spans = offsets.split(';').map((pair) => {
    const [start = 0, end = 0] = pair.split(' ').map(Number);
    return { start, end };
  });
  if (spans.some((s) => s.end < s.start)) return `span ends before it starts "${offsets}"`;
  return { id, label, spans: sortSpans(spans), text: rest.join('\t') };
}

/** `E<n>\t<Trigger>:T<a> <Role>:T<b> ...`; returns a reason string when malformed. */
function readEvent(line: string, lineNo: number): BratEvent | string {
  const [id = '', body = ''] = line.split('\t');
  const tokens = body.trim().split(/\s+/).filter((t) => t !== '');
  const parsed: { role: string; ref: string }[] = [];
  for (const token of tokens) {
    const m = ROLE_ARG.exec(token);
    if (!m) return `unreadable event argument "${token}"`;
    parsed.push({ role: m[1] ?? '', ref: m[2] ?? '' });
  }
  const [trigger, ...args] = parsed;
  if (!trigger) return 'event without a trigger';
  return { id, line: lineNo, trigger, args };
}

type Role = 'content' | 'source' | 'cue';

/** Role name without its repeat suffix: "Content2" -> "content"; null for roles we do not score. */
function roleOf(name: string): Role | null {
  const base = name.replace(/\d+$/, '').toLowerCase();
  return base === 'content' || base === 'source' || base === 'cue' ? base : null;
}

/** Collect the pieces of each role; returns a reason string when the event cannot be used. */
function toAttribution(event: BratEvent, bounds: Map<string, BratTextBound>): GoldAttribution | string {
  const pieces: Record<Role, Span[] | null> = { content: null, source: null, cue: null };
  for (const arg of event.args) {
    const role = roleOf(arg.role);
    if (!role) continue;
    const bound = bounds.get(arg.ref);
    if (!bound) return `${arg.role} refers to ${arg.ref}, which is not defined`;
    pieces[role] = [...(pieces[role] ?? []), ...bound.spans];
  }
  if (!pieces.content) return 'attribution without content';
  return {
    id: event.id,
    content: sortSpans(pieces.content),
    source: pieces.source && sortSpans(pieces.source),
    cue: pieces.cue && sortSpans(pieces.cue),
  };
}

function sortSpans(spans: Span[]): Span[] {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
}

function describeEvent(event: BratEvent): string {
  const args = [event.trigger, ...event.args].map((a) => `${a.role}:${a.ref}`);
  return `${event.id}\t${args.join(' ')}`;
}

// ───────────────────────────── where an article's .ann is ─────────────────────────────

/**
 * Where the human annotation of an article may be, for a `/`-separated path ending in `.txt`:
 * `NAME.ann` beside it; and, in PolNeAR's layout (`…/text/NAME.txt`), `…/attributions/NAME.ann`,
 * then the first `…/attributions/NAME_<annotator>.ann` by name (see `annotatorFile`). Null for a
 * path that is not a `.txt`.
 */
export function annotationPlaces(txtPath: string): { name: string; beside: string; attributions: string | null } | null {
  const m = /^(.*\/)?([^/]+)\.txt$/i.exec(txtPath);
  if (!m) return null;
  const dir = m[1] ?? '';
  const name = m[2] ?? '';
  const parent = /^(.*\/)?text\/$/.exec(dir);
  return { name, beside: `${dir}${name}.ann`, attributions: parent ? `${parent[1] ?? ''}attributions/` : null };
}

/** The first `NAME_<annotator>.ann` (annotator without '_') of `files` by name, as `eval` picks the gold. */
export function annotatorFile(name: string, files: readonly string[]): string | undefined {
  const prefix = `${name}_`;
  return [...files]
    .filter((f) => f.startsWith(prefix) && f.endsWith('.ann') && /^[^_]+$/.test(f.slice(prefix.length, -4)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
}
