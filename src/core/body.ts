// Where the story is: its headline, and where the site's boilerplate after it begins.
// Pure: no I/O. Every regular expression here runs in linear time (no nested quantifiers).

import type { Span } from './model';
import { isAbbreviation, lines, type Line } from './text';
import {
  CLOSING_LINES,
  CLOSING_PREFIXES,
  INLINE_LINES,
  INLINE_PREFIXES,
  MAX_HEADING_LENGTH,
  MAX_PROMPT_LENGTH,
  SECTION_HEADINGS,
  SECTION_HEADING_PREFIXES,
} from './lexicon/boilerplate';

export type { Line };

export interface BodyResult {
  body: Span;
  headline: Span | null;
}

/** What a line of boilerplate does to the body around it. */
export type BoilerplateKind = 'section' | 'closing' | 'inline';

/** Longest headline, in characters. */
const MAX_HEADLINE_LENGTH = 200;
/** Shortest line (after normalising) that counts when looking for repeated paragraphs. */
const MIN_REPEAT_LENGTH = 40;
/** A copy right after its original is a teaser's doubled title: the cut goes before the original. */
const TEASER_GAP = 1;


// ---------------------------------------------------------------------------------------------
// Lines

/** The text's lines (LF, CRLF or a lone CR), trimmed: the core's one line splitter. */
export const splitLines = lines;

// ---------------------------------------------------------------------------------------------
// Boilerplate lines

const SECTION_SET = new Set(SECTION_HEADINGS);
const CLOSING_SET = new Set(CLOSING_LINES);
const INLINE_SET = new Set(INLINE_LINES);

const LEADING_JUNK = /^[\s»›•·*#>|~=_–—-]+/;
const TRAILING_JUNK = /[\s:.!»›>|~…\u2026-]+$/;
const TRAILING_COUNT = /\s*[([]?\d{1,6}[)\]]?$/;

/** Trailing junk is looked for in a line's last characters only (keeps the regexes linear). */
const TAIL = 64;

/** Lower-case, straight apostrophes, single spaces, no leading bullets or trailing punctuation. */
export function normalizeLine(line: string): string {
  const s = line
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(LEADING_JUNK, '');
  const cut = Math.max(0, s.length - TAIL);
  const tail = s.slice(cut).replace(TRAILING_JUNK, '').replace(TRAILING_COUNT, '').replace(TRAILING_JUNK, '');
  return s.slice(0, cut) + tail;
}

/** Is this whole line boilerplate, and of which kind? Long lines are prose, never boilerplate. */
export function boilerplateKind(line: string): BoilerplateKind | null {
  if (line.length > MAX_PROMPT_LENGTH) return null;
  const norm = normalizeLine(line);
  if (norm === '') return /[\p{L}\p{N}]/u.test(line) ? null : 'inline'; // "___", "* * *"
  if (line.length <= MAX_HEADING_LENGTH && isSectionHeading(line, norm)) return 'section';
  if (CLOSING_SET.has(norm) || CLOSING_PREFIXES.some((p) => norm.startsWith(p))) return 'closing';
  if (INLINE_SET.has(norm) || INLINE_PREFIXES.some((p) => norm.startsWith(p))) return 'inline';
  return null;
}

function isSectionHeading(line: string, norm: string): boolean {
  if (SECTION_SET.has(norm)) return true;
  const prefix = SECTION_HEADING_PREFIXES.find((p) => norm.startsWith(p));
  if (prefix === undefined) return false;
  // "Tags: a, b" is a heading whatever follows; "More from X" only when X is a name, not the
  // start of more story ("More from the interview:").
  if (prefix.endsWith(':')) return true;
  if (/:\s*$/.test(line)) return false;
  const rest = line.trim().slice(prefix.length).trim();
  return /^[\p{Lu}\d][\p{L}\d.&'’-]*(?: [\p{Lu}\d&][\p{L}\d.&'’-]*){0,5}$/u.test(rest);
}

// ---------------------------------------------------------------------------------------------
// Headline

/** A period (maybe closing a quotation) followed by space and what starts a sentence. */
const SENTENCE_END = /\.["'”’)\]]*\s+(?=["“‘'(]?\p{Lu})/gu;

/** True when a period in the middle of `line` ends a sentence (not "U.S." or "Mr."). */
export function hasInnerSentenceEnd(line: string): boolean {
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(line); m !== null; m = SENTENCE_END.exec(line)) {
    if (!isAbbreviationBefore(line, m.index)) return true;
  }
  return false;
}

/** Is the word that ends at `dot` (the index of a period) an abbreviation or an initial? */
export function isAbbreviationBefore(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && /[\p{L}.]/u.test(text[start - 1] ?? '')) start--;
  const word = text.slice(start, dot);
  if (word === '') return false;
  return word.includes('.') || isAbbreviation(word); // "J. Smith", "U.S.", "D.C.", "Sen."
}

/** "Bernie Sanders Suffered A Big Blow. Here’s His Plan": most longer words capitalised. */
function isTitleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /^["“‘']?\p{L}{4,}/u.test(w));
  const capitalised = words.filter((w) => /^["“‘']?\p{Lu}/u.test(w)).length;
  return words.length >= 3 && capitalised >= 0.8 * words.length;
}

function findHeadline(text: string, lines: Line[]): Span | null {
  const first = lines.findIndex((l) => !l.blank);
  if (first < 0) return null;
  const line = lines[first]!;
  const next = lines[first + 1];
  let more = false;
  for (let k = first + 1; k < lines.length && !more; k++) more = !lines[k]!.blank;
  if (next === undefined || !more) return null;
  const s = text.slice(line.start, line.end);
  if (s.length >= MAX_HEADLINE_LENGTH || (hasInnerSentenceEnd(s) && !isTitleCase(s))) return null;
  if (/^by\s+\p{Lu}/iu.test(s) && s.split(/\s+/).length <= 8) return null; // a byline
  // A hard-wrapped first paragraph: no blank line, and the next line carries on the sentence.
  if (!next.blank && !/[.!?:"”’']$/.test(s) && /^\p{Ll}/u.test(text.slice(next.start, next.end))) {
    return null;
  }
  return { start: line.start, end: line.end };
}

// ---------------------------------------------------------------------------------------------
// Body end

/** Lines of text as the body finder sees them: non-blank, with their boilerplate kind. */
interface Unit {
  line: Line;
  kind: BoilerplateKind | null;
  /** What a LineMemo knows of this line's text, when findBody was given one. */
  facts?: LineFacts;
}

/**
 * What the body finder works out from a (non-blank) line's text alone. The incremental analyzer
 * keeps them for the lines an edit did not change (see findBody).
 */
export interface LineFacts {
  kind: BoilerplateKind | null;
  /** The line's repeat key (see repeatKey), once asked for. */
  key?: string | null;
  /** The key's number in a KeyTable, and the table's generation it was given in. */
  id?: number;
  generation?: number;
}

/**
 * Numbers for repeat keys, kept with a LineFacts memo from one version of a text to the next, so
 * that finding repeated paragraphs reads numbers, not strings. Every edited paragraph adds a key:
 * when the table holds far more keys than the text has lines, it starts again (a new generation;
 * numbers given before are asked again).
 */
export class KeyTable {
  /** How far the table may grow past twice the text's lines (tests lower it). */
  static slack = 1000;
  ids = new Map<string, number>();
  generation = 0;

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}

/**
 * The article is the whole text (trimmed) up to the first section heading, closing link or
 * repeated paragraph after the story; trailing prompts ("Advertisement", "Share this") are
 * trimmed off. Returns the body and the headline (the first line when it is short).
 * `memo`, when given, holds what was worked out from each non-blank line's text (filled in here
 * where missing): the caller keeps it for the lines whose text did not change, with `keys`.
 * `textLines`, when given, are `splitLines(text)`.
 */
export function findBody(text: string, memo?: Array<LineFacts | undefined>, textLines?: Line[], keys: KeyTable = new KeyTable()): BodyResult {
  const lines = textLines ?? splitLines(text);
  const units: Unit[] = [];
  for (const line of lines) {
    if (line.blank) continue;
    let facts: LineFacts | undefined;
    if (memo) {
      // memo[k]: the facts of the k-th non-blank line (paragraph k), when its text is unchanged.
      facts = memo[units.length];
      if (!facts) memo[units.length] = facts = { kind: boilerplateKind(text.slice(line.start, line.end)) };
    }
    units.push({ line, kind: facts ? facts.kind : boilerplateKind(text.slice(line.start, line.end)), facts });
  }
  const headline = findHeadline(text, lines);
  if (units.length === 0) return { body: { start: 0, end: 0 }, headline: null };
  // The first paragraph of the story proper: not the headline, not boilerplate.
  const firstStory = units.findIndex((u, i) => i >= (headline !== null ? 1 : 0) && u.kind === null);
  if (firstStory < 0) return { body: { start: units[0]!.line.start, end: units[units.length - 1]!.line.end }, headline };
  if (keys.ids.size > 2 * units.length + KeyTable.slack) {
    keys.ids = new Map();
    keys.generation++;
  }
  const cut = Math.min(firstBoilerplateCut(units, firstStory), firstRepeatCut(text, units, firstStory, keys));
  const last = lastStoryUnit(units, cut);
  const start = units[0]!.line.start;
  const end = last >= 0 ? units[last]!.line.end : units[units.length - 1]!.line.end;
  return { body: { start, end }, headline };
}

/** Index of the first section heading or closing link after the story's start; units.length if none. */
function firstBoilerplateCut(units: Unit[], firstStory: number): number {
  for (let i = firstStory + 1; i < units.length; i++) {
    const kind = units[i]!.kind;
    if (kind === 'section' || kind === 'closing') return i;
  }
  return units.length;
}

/**
 * Index where a block of repeated paragraphs begins (a scraped teaser block repeats titles and
 * paragraphs); units.length if none. A copy right after its original is a teaser's doubled
 * title, so the cut goes before the original. A copy far from its original cuts only when it
 * starts a copied block (the next paragraph repeats the original's next one too) and copies make
 * up most of what is left: a live blog that repeats an update and then goes on is not boilerplate.
 */
function firstRepeatCut(text: string, units: Unit[], firstStory: number, table: KeyTable): number {
  const r = repeats(text, units, firstStory, table);
  for (let i = firstStory; i < units.length; i++) {
    const earlier = r.original[i];
    if (earlier === null || earlier === undefined) continue;
    const near = i - earlier <= TEASER_GAP;
    const cut = near ? earlier : i;
    const copied = near || (isCopiedBlock(r, earlier, i) && r.copiesFrom[i]! * 2 >= r.keyedFrom[i]!);
    if (copied && cut > firstStory) return cut;
  }
  return units.length;
}

/** What the repeat finder knows about each unit; every array is indexed like the units. */
interface Repeats {
  /** Normalised text of a paragraph long enough to count as repeated, else null. */
  keys: Array<string | null>;
  /** Index of the first unit with the same key, for a copy; null for the rest. */
  original: Array<number | null>;
  /** Index of the next unit with a key after this one (units.length if none). */
  nextKeyed: number[];
  /** From this unit to the end: how many units have a key, and how many of them are copies. */
  keyedFrom: number[];
  copiesFrom: number[];
}

/** One pass forwards (originals) and one backwards (what follows): linear in the units. */
function repeats(text: string, units: Unit[], firstStory: number, table: KeyTable): Repeats {
  const n = units.length;
  const keys = units.map((u, i) => (i < firstStory ? null : repeatKey(text, u)));
  // Each key's number, and the first unit with each number.
  const ids = keys.map((key, i) => {
    if (key === null) return -1;
    const facts = units[i]!.facts;
    if (!facts) return table.id(key);
    if (facts.generation !== table.generation || facts.id === undefined) {
      facts.id = table.id(key);
      facts.generation = table.generation;
    }
    return facts.id;
  });
  const firstSeen = new Int32Array(table.ids.size).fill(-1);
  const original = ids.map((id, i) => {
    if (id < 0) return null;
    const earlier = firstSeen[id]!;
    if (earlier < 0) firstSeen[id] = i;
    return earlier < 0 ? null : earlier;
  });
  const nextKeyed = new Array<number>(n);
  const keyedFrom = new Array<number>(n + 1).fill(0);
  const copiesFrom = new Array<number>(n + 1).fill(0);
  let next = n;
  for (let i = n - 1; i >= 0; i--) {
    nextKeyed[i] = next;
    if (keys[i] !== null) next = i;
    keyedFrom[i] = keyedFrom[i + 1]! + (keys[i] !== null ? 1 : 0);
    copiesFrom[i] = copiesFrom[i + 1]! + (original[i] !== null ? 1 : 0);
  }
  return { keys, original, nextKeyed, keyedFrom, copiesFrom };
}

/** The normalised text of a paragraph long enough to count as repeated; null for the others. */
function repeatKey(text: string, unit: Unit): string | null {
  if (unit.kind !== null || unit.line.end - unit.line.start < MIN_REPEAT_LENGTH) return null;
  const facts = unit.facts;
  if (facts) return facts.key !== undefined ? facts.key : (facts.key = normalizedKey(text.slice(unit.line.start, unit.line.end)));
  return normalizedKey(text.slice(unit.line.start, unit.line.end));
}

function normalizedKey(text: string): string | null {
  const key = normalizeLine(text);
  return key.length < MIN_REPEAT_LENGTH ? null : key;
}

/** The paragraph after `copy` repeats the one after `original` (which comes before the copy). */
function isCopiedBlock(r: Repeats, original: number, copy: number): boolean {
  const a = r.nextKeyed[original]!;
  const b = r.nextKeyed[copy]!;
  return b < r.keys.length && a < copy && r.keys[a] === r.keys[b];
}

/** The last unit before `cut` that is not boilerplate (prompts at the story's end are trimmed). */
function lastStoryUnit(units: Unit[], cut: number): number {
  for (let i = Math.min(cut, units.length) - 1; i >= 0; i--) if (units[i]!.kind === null) return i;
  return -1;
}
