// Credit lines: bylines, datelines, wire and source credits, photo credits, contributor notes.
// Pure: no I/O. Whole-line patterns run only on short lines and lead patterns only on a
// paragraph's first characters, so a 5 MB line costs a few linear scans.

import type { Credit, CreditKind, Span } from './model';
import { boilerplateKind, isAbbreviationBefore, splitLines, type Line } from './body';
import { detached } from './text';
import {
  GENERIC_SOURCES,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NEWS_OUTLETS,
  NOT_DATELINE_PLACES,
  NOT_NAME_STARTS,
  NOT_NAME_WORDS,
  PHOTO_AGENCIES,
  ROLE_WORDS,
  SIGN_OFF_ROLES,
  WIRE_AGENCIES,
} from './lexicon/outlets';

/** Longest line that can be a credit line as a whole ("By ...", "source: ...", "photo: ..."). */
const MAX_CREDIT_LINE = 400;
/** Longest byline. */
const MAX_BYLINE = 160;
/** A dateline or lead wire credit lies within a paragraph's first characters. */
const LEAD_WINDOW = 200;
/** A bare dateline ("WASHINGTON —") is looked for in the body's first lines only. */
const STORY_START_LINES = 6;
/** Longest sentence checked for "X contributed to this report". */
const MAX_CONTRIBUTOR_SENTENCE = 300;
/** Longest parenthetical checked for a photo credit. */
const MAX_PAREN = 160;

// ---------------------------------------------------------------------------------------------
// Names

const WIRE_SET = new Set(WIRE_AGENCIES);
const PHOTO_SET = new Set(PHOTO_AGENCIES);
const OUTLET_SET = new Set([...WIRE_AGENCIES, ...PHOTO_AGENCIES, ...NEWS_OUTLETS]);
const NOT_NAME_SET = new Set(NOT_NAME_WORDS);
const NOT_START_SET = new Set(NOT_NAME_STARTS);
const PARTICLE_SET = new Set(NAME_PARTICLES);
const SUFFIX_SET = new Set(NAME_SUFFIXES);
const ROLE_SET = new Set(ROLE_WORDS);
const SIGN_OFF_ROLE_SET = new Set(SIGN_OFF_ROLES);
const GENERIC_SET = new Set(GENERIC_SOURCES);
const NOT_PLACE_SET = new Set(NOT_DATELINE_PLACES);

const NAME_TOKEN = /^\p{Lu}[\p{L}'’.-]*$/u;
const DOMAIN = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
const WRAPPING = /^[\s([{"“'‘–—-]+|[\s)\]}"”'’.,;:!?–—-]+$/g;

/** Trim white space, wrapping brackets and quotes, and trailing punctuation. */
export function cleanName(s: string): string {
  return s.replace(WRAPPING, '');
}

/** A known agency or outlet, or a web domain ("commonspace.eu"). */
export function isOutlet(s: string): boolean {
  return OUTLET_SET.has(s) || DOMAIN.test(s);
}

/** A capitalised person's name of 2 to 5 words ("Jill Colvin", "JOHN SMITH", "Ahmed bin Ali"). */
export function isPersonName(s: string, allowSingle = false): boolean {
  const tokens = s.split(/\s+/);
  const n = tokens.length;
  if (n < (allowSingle ? 1 : 2) || n > 5 || s.length > 60) return false;
  const first = tokens[0]!;
  if (NOT_START_SET.has(first.toLowerCase())) return false;
  if (n === 1) return NOT_NAME_SET.has(first.toLowerCase()) ? false : /^\p{Lu}\p{Ll}+[\p{L}'’-]*$/u.test(first);
  if (tokens.every((t) => NOT_NAME_SET.has(t.toLowerCase()))) return false;
  return tokens.every((t, i) => {
    if (i > 0 && SUFFIX_SET.has(t)) return true;
    if (i > 0 && i < n - 1 && PARTICLE_SET.has(t)) return true;
    return NAME_TOKEN.test(t) && /\p{L}/u.test(t) && !ROLE_SET.has(t.toLowerCase());
  });
}

/** A capitalised name of an organisation or publication, as a "source:" line gives it. */
function isOrganisation(s: string): boolean {
  if (isOutlet(s)) return true;
  const words = s.split(/\s+/);
  if (words.length > 8 || !/^[\p{Lu}\d]/u.test(s)) return false;
  return words.every((w) => /^[\p{Lu}\d&]/u.test(w) || /^(?:of|the|for|and|de|on|in|at|la|le|du|des)$/.test(w));
}

/** Split a list of names on the separators given; each piece cleaned, empty pieces dropped. */
function pieces(s: string, separators: RegExp): string[] {
  return s
    .split(separators)
    .map(cleanName)
    .filter((p) => p !== '');
}

const LIST_SEPARATORS = /\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/;
/** " in Boston", " from Washington": where a reporter worked, not part of the name. */
const PLACE_TAIL = /\s+(?:in|from|at)\s+\S.*$/;

/** "Associated Press writer Jill Colvin" → "Jill Colvin" (the words after the last role word). */
function withoutRole(s: string): string {
  const words = s.split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    if (ROLE_SET.has(words[i]!.toLowerCase())) return words.slice(i + 1).join(' ');
  }
  return s;
}

/** A phrase that only describes (a role: "Staff Writer", "Special to X", a date or a place). */
function isDescription(s: string): boolean {
  const words = s.split(/\s+/);
  if (ROLE_SET.has(words[words.length - 1]!.toLowerCase())) return true;
  if (/^(?:special to|in|from|for|at)\s/i.test(s)) return true;
  return /\d{1,2}:\d{2}|\b(?:updated|published|posted|last modified)\b/i.test(s);
}

// ---------------------------------------------------------------------------------------------
// The whole text

/** No credits (shared: never changed). */
const NONE: readonly Credit[] = [];

/**
 * Credit lines in `text`: those inside the body, and those right after it (separated from it by
 * blank lines or boilerplate only). Sorted by start; offsets into text.
 */
export function findCredits(text: string, body: Span, memo?: Array<LineCredits | undefined>, textLines?: readonly Line[]): Credit[] {
  const credits: Credit[] = [];
  const lines = (textLines ?? splitLines(text)).filter((l) => !l.blank);
  // Paragraph k's credits: from the memo when its text is unchanged and it is read the same way.
  const inLine = (k: number, nearStart: boolean): readonly Credit[] => {
    const line = lines[k]!;
    if (!memo) return creditsInLine(text, line, nearStart);
    let m = memo[k];
    if (m === undefined || m.nearStart !== nearStart) {
      const own = detached(text.slice(line.start, line.end));
      m = memo[k] = { nearStart, credits: creditsInLine(own, { index: 0, start: 0, end: own.length, blank: false }, nearStart) };
    }
    if (m.credits.length === 0) return NONE;
    return m.credits.map((c) => ({ kind: c.kind, start: c.start + line.start, end: c.end + line.start, text: c.text, names: c.names.slice() }));
  };
  let ordinal = 0;
  let k = 0;
  for (; k < lines.length && lines[k]!.end <= body.start; k++);
  for (; k < lines.length && lines[k]!.start < body.end; k++) {
    for (const c of inLine(k, ordinal++ < STORY_START_LINES)) credits.push(c);
  }
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    const found = inLine(k, false).filter((c) => c.start === line.start && c.end === line.end);
    if (found.length > 0) credits.push(...found);
    else if (boilerplateKind(text.slice(line.start, line.end)) === null) break;
  }
  return credits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * What creditsInLine found in a paragraph (it reads the paragraph's text and nothing else), with
 * offsets from the paragraph's start: the incremental analyzer keeps them for the paragraphs an
 * edit did not change.
 */
export interface LineCredits {
  nearStart: boolean;
  credits: Credit[];
}

/**
 * Credits found in one line (a paragraph): a lead, a whole-line credit, or credits inside it.
 * `nearStart`: the line is one of the story's first, where a bare "WASHINGTON —" is a dateline.
 */
export function creditsInLine(text: string, line: Line, nearStart: boolean): Credit[] {
  const s = text.slice(line.start, line.end);
  const at = (kind: CreditKind, start: number, end: number, names: string[]): Credit => ({
    kind,
    start: line.start + start,
    end: line.start + end,
    text: s.slice(start, end),
    names,
  });
  const lead = leadCredit(s.slice(0, LEAD_WINDOW), nearStart);
  if (lead !== null) return [at(lead.kind, 0, lead.end, lead.names)];
  if (s.length <= MAX_CREDIT_LINE) {
    const whole = wholeLineCredit(s);
    if (whole !== null) return [at(whole.kind, 0, s.length, whole.names)];
  }
  const found: Credit[] = contributorSentences(s).map((c) => at('contributor', c.start, c.end, c.names));
  if (found.length === 0) found.push(...embeddedPhotoCredits(s).map((c) => at('photo', c.start, c.end, c.names)));
  return found;
}

interface Found {
  kind: CreditKind;
  names: string[];
}
interface FoundSpan extends Span {
  names: string[];
}

// ---------------------------------------------------------------------------------------------
// Datelines and lead wire credits: "SOCHI, Russia (Reuters) —", "(AP) —"

const SP = '[ \\u00a0]'; // a space, or the no-break space scraped text often has before a dash
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.?';
const CAPS_WORD = "\\p{Lu}[\\p{Lu}.'’-]*";
const REGION_WORD = "\\p{Lu}[\\p{L}.'’-]*";
const DASH = '(?:—|–|--|-)(?=\\s|$)';
const DATELINE = new RegExp(
  `^(\\p{Lu}[\\p{Lu}.'’-]+(?:${SP}${CAPS_WORD}){0,3})` + // SOCHI, NEW YORK, MEXICO CITY
    `((?:,${SP}${REGION_WORD}(?:${SP}${REGION_WORD}){0,2}){0,2})` + // , Russia / , N.Y.
    `(?:,?${SP}(${MONTH}${SP}\\d{1,2}(?:,${SP}\\d{4})?))?` + // , Dec 29
    `(?:${SP}?\\(([^()]{1,40})\\))?` + // (Reuters)
    `${SP}?${DASH}`,
  'u',
);
const LEAD_WIRE = new RegExp(`^\\(([^()]{1,40})\\)${SP}?${DASH}`, 'u');

/**
 * A dateline or lead wire credit at the start of a paragraph; `end` is after its dash. A bare
 * place ("WASHINGTON —", no region, date or agency) counts only near the story's start, since
 * capitalised run-in heads ("QUESTIONABLE CLAIMS —") look the same.
 */
function leadCredit(head: string, nearStart: boolean): (Found & { end: number }) | null {
  const wire = LEAD_WIRE.exec(head);
  if (wire !== null) {
    const agency = cleanName(wire[1]!);
    return isOutlet(agency) ? { kind: 'wire', names: [agency], end: wire[0].length } : null;
  }
  const m = DATELINE.exec(head);
  if (m === null) return null;
  const place = m[1]!;
  const agency = m[4] !== undefined ? cleanName(m[4]) : '';
  if (NOT_PLACE_SET.has(place) || !/\p{Lu}{2}/u.test(place)) return null;
  // A region is "Russia", "Mich." or "N.Y.", never a capitalised phrase ("CLINTON LEADS, SANDERS GAINS —").
  if (m[2]!.split(/[,\s]+/).some((w) => w !== '' && !/[\p{Ll}.]/u.test(w))) return null;
  if (agency !== '' && !(/^\p{Lu}/u.test(agency) || isOutlet(agency))) return null; // "(Reuters)", "(dpa)"
  if (m[2] === '' && m[3] === undefined && agency === '' && !nearStart) return null;
  return { kind: 'dateline', names: agency === '' ? [] : [agency], end: m[0].length };
}

// ---------------------------------------------------------------------------------------------
// Whole-line credits

const WHOLE_LINE_PARSERS: ReadonlyArray<(s: string) => Found | null> = [
  byline,
  pipeByline,
  followByline,
  signOff,
  roleContributors,
  contributingList,
  sourceLine,
  photoLine,
  wireLine,
  providedBy,
  photoCreditLine,
];

function wholeLineCredit(s: string): Found | null {
  for (const parse of WHOLE_LINE_PARSERS) {
    const found = parse(s);
    if (found !== null) return found;
  }
  return null;
}

const BYLINE_START = /^(?:by|written by|story by|words by|text by)\s+(?=\S)/i;
const BYLINE_SEPARATORS = /\s*[|,;]\s*|\s+(?:and|&|for)\s+|\s+[—–-]\s+/;
/** "on March 3, 2024", "Updated 10:32 AM": when the byline was written, not who wrote it. */
const DATE_TAIL =
  /(?:\s*[,|]\s*|\s+)(?:(?:updated|published|posted|on)\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$/i;

/** "By John Smith and Jane Doe, Reuters": every piece a name, an outlet or a description. */
function byline(s: string): Found | null {
  if (s.length > MAX_BYLINE) return null;
  const m = BYLINE_START.exec(s);
  if (m === null) return null;
  const names = creditedNames(s.slice(m[0].length).replace(DATE_TAIL, ''), BYLINE_SEPARATORS);
  return names === null ? null : { kind: 'byline', names };
}

/** "John Smith | CNN": a person, then outlets or descriptions after bars. */
function pipeByline(s: string): Found | null {
  if (s.length > MAX_BYLINE || !s.includes('|')) return null;
  const parts = pieces(s, /\s*\|\s*/);
  if (parts.length < 2 || !isPersonName(parts[0]!)) return null;
  if (!parts.slice(1).every((p) => isOutlet(p) || isDescription(p))) return null;
  return { kind: 'byline', names: parts.filter((p) => isPersonName(p) || isOutlet(p)) };
}

const FOLLOW = /^["“]?(?:on (?:twitter|x|facebook|instagram),?\s+)?follow\s+/i;
const SOCIAL_TAIL = /\s+on\s+(?:twitter|x|facebook|instagram|threads)\b.*$|:.*$/i;
const HANDLES = /\s*(?:https?:\/\/\S+|@\w+)/g;

/** "Follow Pam Key on Twitter @pamkeyNEN", "On Twitter follow Ken Thomas https://... and ...". */
function followByline(s: string): Found | null {
  const m = FOLLOW.exec(s);
  if (m === null) return null;
  const list = s.slice(m[0].length).replace(HANDLES, '').replace(SOCIAL_TAIL, '');
  if (list.length > MAX_BYLINE) return null;
  const names = pieces(list, LIST_SEPARATORS);
  return names.length > 0 && names.every((n) => isPersonName(n)) ? { kind: 'byline', names } : null;
}

/** "— White House Correspondent Julie Pace.": a journalist's sign-off under an update. */
function signOff(s: string): Found | null {
  if (s.length > MAX_BYLINE) return null;
  const m = /^[—–-]+\s*(\S.*)$/.exec(s);
  if (m === null) return null;
  const rest = cleanName(m[1]!);
  const words = rest.split(/\s+/);
  const role = words.findIndex((w) => SIGN_OFF_ROLE_SET.has(w.toLowerCase()));
  if (role < 0) return null;
  const name = words.slice(role + 1).join(' ');
  return isPersonName(name) ? { kind: 'byline', names: [name] } : null;
}

/**
 * Pieces of a credit that must all be names, outlets or descriptions; the names, or null when a
 * piece is something else ("By Tuesday, the talks ...").
 */
function creditedNames(list: string, separators: RegExp): string[] | null {
  const names: string[] = [];
  for (const piece of pieces(list, separators)) {
    const name = cleanName(piece.replace(PLACE_TAIL, ''));
    if (isOutlet(name) || isPersonName(name)) names.push(name);
    else if (!isDescription(piece)) return null;
  }
  return names.length > 0 ? names : null;
}

const ROLE_BY =
  /^(?:(?:additional |further |other )?(?:reporting|writing|editing|research|fact[- ]checking|compiled|edited|produced|reported|graphics|video|design)(?: and (?:writing|editing|reporting|research|additional reporting))? by|(?:additional|further) reporting from)\s+/i;

/** "(Reporting by X in Boston; Additional reporting by Y; Editing by Z)". */
function roleContributors(s: string): Found | null {
  const inner = s.replace(/^[\s(\[–—-]+|[\s)\].]+$/g, '');
  if (!ROLE_BY.test(inner)) return null;
  const names: string[] = [];
  for (const clause of inner.split(/\s*;\s*/)) {
    const m = ROLE_BY.exec(clause);
    if (m === null) continue;
    for (const piece of pieces(clause.slice(m[0].length), LIST_SEPARATORS)) {
      const name = cleanName(piece.replace(PLACE_TAIL, ''));
      if (isPersonName(name) || isOutlet(name)) names.push(name);
    }
  }
  return names.length > 0 ? { kind: 'contributor', names } : null;
}

/** "Contributing: Jane Doe, USA TODAY; John Roe". */
function contributingList(s: string): Found | null {
  const m = /^contributing(?: reporters?| writers?)?\s*:\s*/i.exec(s);
  if (m === null) return null;
  const names = pieces(s.slice(m[0].length), LIST_SEPARATORS)
    .map((p) => cleanName(p.replace(PLACE_TAIL, '')))
    .filter((p) => isPersonName(p) || isOutlet(p));
  return names.length > 0 ? { kind: 'contributor', names } : null;
}

const SOURCE_LABEL = /^\(?\s*(?:sources?|via|h\/t|hat tip|ht)\s*:\s*|^\(?\s*(?:h\/t|hat tip)\s+/i;
const SOURCE_SEPARATORS = /\s+with\s+|\s*[,;/&+]\s*|\s+and\s+/;

/** "source: commonspace.eu with Daily Sabah (Ankara) and agencies." → commonspace.eu, Daily Sabah. */
function sourceLine(s: string): Found | null {
  const m = SOURCE_LABEL.exec(s);
  if (m === null) return null;
  const names: string[] = [];
  for (const piece of pieces(withoutParentheses(s.slice(m[0].length)), SOURCE_SEPARATORS)) {
    if (!GENERIC_SET.has(piece.toLowerCase()) && isOrganisation(piece)) names.push(piece);
  }
  return { kind: 'source', names };
}

/** Blank out "(...)" qualifiers (places, dates) so that they split no names and join none. */
function withoutParentheses(s: string): string {
  return s.replace(/\([^()]{0,80}\)/g, ',');
}

const PHOTO_LABEL =
  /^(?:(?:top |main |lead |featured |feature |header |cover )?(?:photo|photos|photograph|photographs|picture|pictures|image|images|pic)(?: credits?)?|(?:image|picture) credits?|credits?|pictured)\s*:\s*|^(?:photos?|photographs?|pictures?|images?) (?:by|courtesy of)\s+/i;

/** "photo: caption (picture courtesy of Anadolu News Agency, Ankara)", "Photo: Reuters/John Smith". */
function photoLine(s: string): Found | null {
  const m = PHOTO_LABEL.exec(s);
  if (m === null) return null;
  return { kind: 'photo', names: photoNames(s.slice(m[0].length)) };
}

/** Credited names in what follows a photo label: a courtesy note, a credit list, or a caption's tail. */
function photoNames(rest: string): string[] {
  const courtesy = /courtesy(?: of)?\s+([^()]{1,120})/i.exec(rest);
  if (courtesy !== null) {
    const parts = pieces(courtesy[1]!, /\s*,\s*/);
    // The first piece is who it is courtesy of; later ones are places unless a known outlet.
    return parts.filter((p, i) => (i === 0 ? /^[\p{Lu}\d]/u.test(p) : isOutlet(p)));
  }
  const whole = creditList(rest);
  if (whole !== null) return whole;
  const paren = /\(([^()]{1,160})\)\W*$/.exec(rest);
  if (paren !== null) {
    const names = creditList(paren[1]!.replace(/^(?:photo|picture|image)s?(?: by)?:?\s+/i, ''));
    if (names !== null) return names;
  }
  const tail = captionTail(rest);
  return tail === null ? [] : tail.names;
}

const CREDIT_LIST_SEPARATORS = /\s*\/\s*|\s*[,;]\s*|\s+via\s+|\s+for\s+/;

/** "Reuters/John Smith", "John Moore/Getty Images", "AP Photo/Evan Vucci": all names, or null. */
function creditList(s: string): string[] | null {
  const parts = pieces(s, CREDIT_LIST_SEPARATORS);
  if (parts.length === 0 || parts.length > 5) return null;
  const names: string[] = [];
  for (const part of parts) {
    const name = part.replace(/\s+(?:Photos?|Images)$/, '');
    if (isOutlet(part)) names.push(part);
    else if (isOutlet(name) || isPersonName(name)) names.push(name);
    else return null;
  }
  return names;
}

/** A credit list is a photo credit when it names a photo agency and has a slash, or is one. */
function isPhotoCredit(s: string, names: string[]): boolean {
  if (!names.some((n) => PHOTO_SET.has(n) || /Getty Images$/.test(n))) return false;
  return s.includes('/') || (names.length === 1 && /Getty|Photo|Images/.test(s));
}

/** A caption that ends in its credit: "Smith speaks in Ohio. John Moore/Getty Images". */
function captionTail(s: string): FoundSpan | null {
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf(' — '), s.lastIndexOf(' | '));
  if (cut < 0) return null;
  const start = s.indexOf(' ', cut) + 1;
  const tail = s.slice(start).replace(/[\s.]+$/, '');
  const names = creditList(tail);
  if (names === null || !isPhotoCredit(tail, names)) return null;
  return { start, end: start + tail.length, names };
}

/** A line that is only a photo credit: "Getty Images", "John Moore/Getty Images.", "(AP Photo/X)". */
function photoCreditLine(s: string): Found | null {
  const inner = s.replace(/^[\s(]+|[\s).]+$/g, '');
  const names = creditList(inner);
  return names !== null && isPhotoCredit(inner, names) ? { kind: 'photo', names } : null;
}

/** "Reuters", "— The Associated Press", "(AP)", "Copyright 2016 The Associated Press." */
function wireLine(s: string): Found | null {
  const inner = cleanName(s.replace(/^(?:copyright|©|\(c\))\s*(?:\d{4}\s+)?/i, '').replace(/\.?\s*all rights reserved\.?$/i, ''));
  return WIRE_SET.has(inner) ? { kind: 'wire', names: [inner] } : null;
}

const PROVIDED_BY =
  /^(?:this|the) (?:story|article|report|piece|post|content|material)(?: was| has been| is)? (?:(?:first|originally) )?(?:provided by|published by|produced by|distributed by|syndicated by|reprinted from|republished from|appeared (?:on|in|at)|published (?:on|in|at))\s+/i;

/** "This story was provided by X.", "This piece first appeared on Global Risk Insights." */
function providedBy(s: string): Found | null {
  const m = PROVIDED_BY.exec(s);
  if (m === null) return null;
  const rest = s.slice(m[0].length);
  const end = rest.search(/[.;,]\s|\s+(?:and|under|with)\s|[.;,]?$/);
  const name = cleanName(rest.slice(0, end < 0 ? rest.length : end));
  return { kind: 'wire', names: isOrganisation(name) ? [name] : [] };
}

// ---------------------------------------------------------------------------------------------
// Credits inside a paragraph

const CONTRIBUTED =
  /^(\S.{0,200}?)\s+(?:also\s+)?contributed(?:\s+(?:additional\s+)?(?:reporting|research|reports?))?(?:\s+to\s+(?:this|the)\s+(?:report|story|article|post|piece))?(?:\s+(?:from|in)\s+\p{Lu}[^;]{0,60}?)?[\s.)]*$/u;
const REPORTED_FROM =
  /^(\S.{0,80}?)\s+reported\s+(?:this story\s+)?from\s+\p{Lu}[^;]{0,60}?(?:;\s+(\p{Lu}[^;,]{0,40}),\s+from\s+\p{Lu}[^;]{0,60}?)*[\s.)]*$/u;

/**
 * "Samantha Lachman contributed reporting." and, on a line made only of such notes,
 * "Ryan Grim reported from Washington, D.C.": contributor credits with their names. A line that
 * is all notes gives one credit over the whole line.
 */
function contributorSentences(s: string): FoundSpan[] {
  if (!/contribut|reported\s+(?:this story\s+)?from/i.test(s)) return [];
  const found: Array<FoundSpan & { contributed: boolean }> = [];
  let allCredits = true;
  for (const span of sentenceSpans(s)) {
    const sentence = s.slice(span.start, span.end);
    const contributed = contributorNames(sentence, CONTRIBUTED);
    const reported = contributed === null ? contributorNames(sentence, REPORTED_FROM) : null;
    if (contributed !== null) found.push({ ...span, names: contributed, contributed: true });
    else if (reported !== null) found.push({ ...span, names: reported, contributed: false });
    else allCredits = false;
  }
  if (found.length === 0) return [];
  if (allCredits) return [{ start: 0, end: s.length, names: found.flatMap((f) => f.names) }];
  return found.filter((f) => f.contributed).map(({ start, end, names }) => ({ start, end, names }));
}

/** The names before "contributed" / "reported from", when they are all names. */
function contributorNames(sentence: string, pattern: RegExp): string[] | null {
  if (sentence.length > MAX_CONTRIBUTOR_SENTENCE) return null;
  const m = pattern.exec(sentence);
  if (m === null) return null;
  const names: string[] = [];
  const subjects = [m[1]!, ...elliptic(sentence)];
  for (const piece of subjects.flatMap((subject) => pieces(subject, LIST_SEPARATORS))) {
    const name = withoutRole(piece);
    if (!(isOutlet(name) || isPersonName(name, true))) return null;
    names.push(name);
  }
  return names.length > 0 ? names : null;
}

/** Subjects of the clauses after the first: "X reported from A; Y, from B." → ["Y"]. */
function elliptic(sentence: string): string[] {
  return sentence
    .split(/;\s+/)
    .slice(1)
    .map((clause) => /^(\p{Lu}[^,]{0,40}),\s+from\s/u.exec(clause)?.[1] ?? '')
    .filter((subject) => subject !== '');
}

/** A period, "!" or "?" (maybe closing a quotation) followed by space and a capital. */
const SENTENCE_BREAK = /[.!?]["'”’)\]]*\s+(?=["“‘(]?\p{Lu})/gu;

/** Sentences of a paragraph, local offsets; periods of abbreviations and initials do not split. */
function sentenceSpans(s: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  SENTENCE_BREAK.lastIndex = 0;
  for (let m = SENTENCE_BREAK.exec(s); m !== null; m = SENTENCE_BREAK.exec(s)) {
    if (s[m.index] === '.' && isAbbreviationBefore(s, m.index)) continue;
    const end = m.index + m[0].trimEnd().length;
    spans.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < s.length) spans.push({ start, end: s.length });
  return spans;
}

const PHOTO_PAREN = new RegExp(`\\(([^()]{2,${MAX_PAREN}})\\)`, 'g');

/** "(Photo by X/Getty Images)", "(AP Photo/Evan Vucci)", "(FABRICE COFFRINI/AFP/Getty Images.)" */
function embeddedPhotoCredits(s: string): FoundSpan[] {
  const found: FoundSpan[] = [];
  PHOTO_PAREN.lastIndex = 0;
  for (let m = PHOTO_PAREN.exec(s); m !== null; m = PHOTO_PAREN.exec(s)) {
    const inner = m[1]!.replace(/[\s.]+$/, '');
    const labelled = /^(?:photo|picture|image|photograph)s? (?:by|courtesy of|credit:?)\s+/i.exec(inner);
    const list = labelled !== null ? inner.slice(labelled[0].length) : inner;
    const names = creditList(list);
    if (names === null || !(labelled !== null || isPhotoCredit(list, names))) continue;
    found.push({ start: m.index, end: m.index + m[0].length, names });
  }
  if (found.length === 0 && s.length <= MAX_CREDIT_LINE) {
    const tail = captionTail(s);
    if (tail !== null) found.push(tail);
  }
  return found;
}
