// Entities (people, organisations, places) and the resolution of each source to one of them:
// names and their later short forms, pronouns, descriptions ("the minister"), unnamed sources.
import type { Entity, EntityType, Mention, MentionVia, Span } from './model';
import type { RawAttribution } from './attribution';
import { has, type Token } from './tokens';
import { ANONYMOUS_DETERMINERS, ANONYMOUS_HEADS, HONORIFIC_GENDER, NOT_NAME, PERSONAL_PRONOUNS, TITLE_HEADS, TITLE_WORDS } from './lexicon/people';
import { ORG_WORDS } from './lexicon/organizations';
import { PLACE_WORDS } from './lexicon/places';
import { detached, isAbbreviation, spanAt } from './text';

export interface Resolution {
  speaker: string | null;
  anonymous: boolean;
}

interface Draft {
  /** Its index in `drafts` (of two entities found at a place, the lower rank wins). */
  rank: number;
  /** Its id once finish() has numbered the entities with mentions. */
  id: string;
  type: EntityType;
  name: string;
  key: string;
  /** The first word of the name it was found by (its interned number). */
  firstWord: number;
  title: string | null;
  gender: 'male' | 'female' | null;
  mentions: Mention[];
  first: number;
}

/** A mention added while resolving (pronouns, descriptions, unknown names), in the position index. */
interface Indexed {
  start: number;
  end: number;
  d: Draft;
  pronoun: boolean;
}

interface NameRun {
  a: number;
  b: number;
  /** Title tokens before the name, [ta, a). */
  ta: number;
}

/**
 * What collect() works out from one name run alone (its tokens, tags and the text between them),
 * before looking at the other names: the steps of typeOf and addName that do not depend on what
 * the article named elsewhere. Token indices and offsets are from the start of `run` and `start`'s
 * base (the paragraph's first token and first character when memoised, 0 otherwise). Strings that
 * are looked up among the names found so far are also kept as numbers (see Interner), so that the
 * pass over all the runs of a text reads nothing but these fields.
 */
export interface RunFacts extends NameFacts {
  /** The run's first token and its number of tokens. */
  a: number;
  len: number;
  /** No entity whatever else the article names (demonyms, a lone organisation word ...). */
  reject: boolean;
  /** The run's words, lower-case, possessive stripped, and joined with spaces (interned). */
  joined: number;
  /** The first of those words (interned). */
  word0: number;
  single: boolean;
  /** The type the run's own words and tags give (organisation or place), else null. */
  staticType: EntityType | null;
  /** A lone common word ("Officials", "Mayor"): no one. */
  anonSingle: boolean;
  /** Tagged a person, or with a title before it. */
  personTagged: boolean;
  /** Two or three proper nouns that are no place, organisation or title. */
  nameish: boolean;
  /**
   * For a one-word run: standaloneName of its word, or null when that reads the first word of the
   * next paragraph (then it is asked again on each text).
   */
  standalone: boolean | null;
}

/** What addName takes from a run alone. */
interface NameFacts {
  start: number;
  end: number;
  /** The name's words as written (the last without its possessive). */
  nameWords: string[];
  display: string;
  key: string;
  /** Interned: the key, the first word as written and the last word in lower case. */
  keyId: number;
  firstWord: number;
  lastWord: number;
  /** Title tokens before the name: then `title` is their text. */
  titled: boolean;
  title: string | null;
  gender: 'male' | 'female' | null;
  mentionStart: number;
  mentionText: string;
}

/**
 * The facts of a paragraph's name runs, and (once known) how many tokens the paragraph has; with
 * the numbers and mention texts collect() reads for every run packed together (see pack()).
 */
type ParaRuns = RunFacts[] & { tokens?: number; packed?: Int32Array; texts?: string[]; strings?: Interner };

/** A run's numbers in a packed array: STRIDE of them a run, at these places. */
const STRIDE = 12;
const LEN = 0, A = 1, FLAGS = 2, JOINED = 3, WORD0 = 4, KEY = 5, FIRST_WORD = 6, LAST_WORD = 7, WORDS = 8, START = 9, END = 10, MENTION_START = 11;
/** The fields two versions of a run must share, whatever the edit moved (see sameRuns). */
const SAME_FIELDS = [LEN, FLAGS, JOINED, WORD0, KEY, FIRST_WORD, LAST_WORD, WORDS] as const;
/** Bits of FLAGS. */
const REJECT = 1, SINGLE = 2, TITLED = 4, ANON_SINGLE = 8, PERSON_TAGGED = 16, NAMEISH_FLAG = 32, STANDALONE = 64, STANDALONE_UNKNOWN = 128, ORGANIZATION = 256, PLACE = 512, NO_KEY = 1024, MALE = 2048, FEMALE = 4096;

/** The runs' numbers, packed (STRIDE a run). */
function pack(facts: readonly RunFacts[]): Int32Array {
  const out = new Int32Array(facts.length * STRIDE);
  facts.forEach((f, j) => {
    const o = j * STRIDE;
    out[o + LEN] = f.len;
    out[o + A] = f.a;
    out[o + FLAGS] =
      (f.reject ? REJECT : 0) | (f.single ? SINGLE : 0) | (f.titled ? TITLED : 0) | (f.anonSingle ? ANON_SINGLE : 0) |
      (f.personTagged ? PERSON_TAGGED : 0) | (f.nameish ? NAMEISH_FLAG : 0) | (f.standalone === true ? STANDALONE : 0) |
      (f.standalone === null ? STANDALONE_UNKNOWN : 0) | (f.staticType === 'organization' ? ORGANIZATION : 0) |
      (f.staticType === 'place' ? PLACE : 0) | (f.key ? 0 : NO_KEY) | (f.gender === 'male' ? MALE : 0) | (f.gender === 'female' ? FEMALE : 0);
    out[o + JOINED] = f.joined;
    out[o + WORD0] = f.word0;
    out[o + KEY] = f.keyId;
    out[o + FIRST_WORD] = f.firstWord;
    out[o + LAST_WORD] = f.lastWord;
    out[o + WORDS] = f.nameWords.length;
    out[o + START] = f.start;
    out[o + END] = f.end;
    out[o + MENTION_START] = f.mentionStart;
  });
  return out;
}

/** Strings as small numbers: the same number for the same string, kept from one version of a text to the next. */
class Interner {
  private readonly ids = new Map<string, number>();

  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.ids.size;
      this.ids.set(s, k);
    }
    return k;
  }

  get size(): number {
    return this.ids.size;
  }
}

/**
 * Remembers the titles found around mentions (by the text around them), so that re-reading a text
 * after an edit only runs the title expressions on new surroundings. `next()` starts a version and
 * drops what was not used since the one before.
 */
export class TitleMemo {
  /** The numbers of the name strings of the run facts kept with this memo. */
  readonly names = new Interner();
  private last = new Map<string, string | null>();
  private now = new Map<string, string | null>();

  next(): void {
    this.last = this.now;
    this.now = new Map();
  }

  get(key: string, make: () => string | null): string | null {
    let r = this.now.get(key);
    if (r !== undefined) return r;
    r = this.last.get(key);
    if (r === undefined) r = make();
    this.now.set(key, r);
    return r;
  }
}

/**
 * What collect() may take from the last version of a text: `runs[k]`, the facts of paragraph k's
 * name runs when its text is unchanged (filled in here where missing; a paragraph a credit line
 * touches is always read afresh, as credits change what counts as a name), and titles.
 */
export interface NameMemo {
  paras: readonly Span[];
  runs: Array<RunFacts[] | undefined>;
  titles: TitleMemo;
}

/** How far back a personal pronoun ("he", "she") and a relative one ("who") look for their person, in characters. */
export const REACH_PERSONAL = 1500;
export const REACH_RELATIVE = 120;

const POSSESSIVE = /['’]s?$/;
/** Words that end a source's head when they follow it ("a source close to the board"). */
const AFTER_HEAD: ReadonlySet<string> = new Set(['close', 'familiar', 'who', 'which', 'that']);
/** One white-space character, as `\s` in a regular expression. */
const SPACE = /^\s$/;
/** Tags of a word compromise knows as nothing but a noun (a name's part). */
const NAMEISH: ReadonlySet<string> = new Set(['Noun', 'Singular', 'ProperNoun', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName']);
const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame)\.?$/;

function stripPossessive(s: string): string {
  return s.replace(/['’]s$/u, '').replace(/(?<=s)['’]$/u, '');
}

function capitalised(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  // ASCII: only A-Z are upper-case letters.
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(t.text);
}

export class EntityResolver {
  private readonly drafts: Draft[] = [];
  /** Rank + 1 of the entity of each name key, and of the first person with each last name (by interned string; 0: none). */
  private byKey: Int32Array = new Int32Array(0);
  private lastNames: Int32Array = new Int32Array(0);
  private strings = new Interner();
  /**
   * Every mention by position, so that looking up the entity at a place stays cheap on long texts
   * (mentionAt and lastMentionBefore read them, by binary search): the names collect() found, one
   * per name run and so in text order already (starts, ends and entities), and the mentions
   * resolve() adds, kept sorted by start.
   */
  private nameStart = new Int32Array(0);
  private nameEnd = new Int32Array(0);
  /** The rank of the entity of each name. */
  private nameRank = new Int32Array(0);
  /** How many names the index holds. */
  private names = 0;
  private readonly added: Indexed[] = [];

  /**
   * @param credits spans of credit lines: the agencies and photographers they name are credits,
   * not entities of the story, and a dateline's "LONDON" is no organisation.
   */
  constructor(private readonly text: string, private readonly tokens: readonly Token[], private readonly credits: readonly Span[] = []) {}

  /**
   * Finds named entities in the whole text. With a memo and the text's paragraphs, what a paragraph
   * alone gives is taken from the memo when its text was read before.
   */
  collect(sourceRanges: readonly { a: number; b: number }[], memo?: NameMemo): void {
    // The words that speak: a source's head, before any appositive or prepositional phrase
    // ("Peter Morgan" in "Peter Morgan, a lawyer for the Sierra Club,").
    const speaking = new Uint8Array(this.tokens.length);
    for (const r of sourceRanges) {
      const head = this.headOf(r);
      speaking[head] = 1;
      const named = this.appositiveOf(r, head);
      if (named) speaking[this.headOf(named)] = 1;
    }
    // Each paragraph's run facts, with the token index and offset their indices are counted from.
    const lists: RunFacts[][] = [];
    const listTok: number[] = [];
    const listAt: number[] = [];
    let count = 0;
    if (memo) {
      this.titles = memo.titles;
      this.strings = memo.titles.names;
      const t = this.tokens;
      let i = 0;
      let c = 0;
      for (let k = 0; k < memo.paras.length; k++) {
        const p = memo.paras[k]!;
        // Credits are sorted and never overlap: the first one that ends after the paragraph starts.
        while (c < this.credits.length && this.credits[c]!.end <= p.start) c++;
        const inCredit = c < this.credits.length && this.credits[c]!.start < p.end;
        let list: ParaRuns | undefined = inCredit ? undefined : memo.runs[k];
        // (Facts whose strings another interner numbered are read again.)
        if (list && (list as ParaRuns).strings !== this.strings) list = undefined;
        const from = i;
        // A paragraph read before has as many tokens as then (they depend on its text alone).
        if (list && list.tokens !== undefined) i += list.tokens;
        else while (i < t.length && t[i]!.start < p.end) i++;
        if (i === from) continue;
        if (!list) {
          list = this.factsIn(from, i, p.start);
          list.tokens = i - from;
          if (!inCredit) memo.runs[k] = list;
        }
        if (list.length === 0) continue;
        lists.push(list);
        listTok.push(from);
        listAt.push(p.start);
        count += list.length;
      }
    } else {
      const list = this.factsIn(0, this.tokens.length, 0);
      lists.push(list);
      listTok.push(0);
      listAt.push(0);
      count = list.length;
    }
    // The runs in text order: their facts, numbers (packed), mention texts, and the token index
    // and offset they are counted from.
    const facts = new Array<RunFacts>(count);
    const texts = new Array<string>(count);
    const R = new Int32Array(count * STRIDE);
    const tokOf = new Int32Array(count);
    const atOf = new Int32Array(count);
    for (let k = 0, j = 0; k < lists.length; k++) {
      const list = lists[k]! as ParaRuns;
      R.set(list.packed!, j * STRIDE);
      for (let x = 0; x < list.length; x++, j++) {
        facts[j] = list[x]!;
        texts[j] = list.texts![x]!;
        tokOf[j] = listTok[k]!;
        atOf[j] = listAt[k]!;
      }
    }
    let longest = 0;
    for (let o = LEN; o < R.length; o += STRIDE) if (R[o]! > longest) longest = R[o]!;
    // Full names first, so that a later (or earlier) "Cavusoglu" finds "Mevlut Cavusoglu": by
    // length, longest first, then in text order (a counting sort of the runs).
    const slot = new Int32Array(longest + 1);
    this.byKey = new Int32Array(this.strings.size + 64);
    this.lastNames = new Int32Array(this.strings.size + 64);
    for (let o = LEN; o < R.length; o += STRIDE) slot[longest - R[o]!]++;
    for (let q = 0, sum = 0; q <= longest; q++) {
      const n = slot[q]!;
      slot[q] = sum;
      sum += n;
    }
    const order = new Int32Array(count);
    for (let j = 0; j < count; j++) order[slot[longest - R[j * STRIDE + LEN]!]++] = j;
    // Each run's entity, as its rank + 1 (0: none).
    const named = new Int32Array(count);
    for (let q = 0; q < count; q++) {
      const j = order[q]!;
      const o = j * STRIDE;
      const type = this.typeOf(R, o, tokOf[j]!, speaking);
      if (type) {
        const fl = R[o + FLAGS]!;
        if (fl & NO_KEY) continue;
        const d = this.addNamed(R[o + KEY]!, R[o + WORDS]!, R[o + FIRST_WORD]!, R[o + LAST_WORD]!, fl & MALE ? 'male' : fl & FEMALE ? 'female' : null, (fl & TITLED) !== 0,
          R[o + START]! + atOf[j]!, R[o + END]! + atOf[j]!, R[o + MENTION_START]! + atOf[j]!, texts[j]!, facts[j]!, type);
        named[j] = d.rank + 1;
      }
    }
    // The position index of these names: one mention a run, runs in text order.
    this.nameStart = new Int32Array(count);
    this.nameEnd = new Int32Array(count);
    this.nameRank = new Int32Array(count);
    let n = 0;
    let sorted = true;
    for (let j = 0; j < count; j++) {
      if (named[j] === 0) continue;
      const start = R[j * STRIDE + MENTION_START]! + atOf[j]!;
      if (n > 0 && start < this.nameStart[n - 1]!) sorted = false;
      this.nameStart[n] = start;
      this.nameEnd[n] = R[j * STRIDE + END]! + atOf[j]!;
      this.nameRank[n] = named[j]! - 1;
      n++;
    }
    this.names = n;
    if (!sorted) this.sortNames();
    this.appositiveTitles();
  }

  /** Sorts the name index by start (never needed while runs are disjoint and in text order). */
  private sortNames(): void {
    const k = Array.from({ length: this.names }, (_, i) => i).sort((x, y) => this.nameStart[x]! - this.nameStart[y]!);
    const s = k.map((i) => this.nameStart[i]!);
    const e = k.map((i) => this.nameEnd[i]!);
    const d = k.map((i) => this.nameRank[i]!);
    for (let i = 0; i < k.length; i++) {
      this.nameStart[i] = s[i]!;
      this.nameEnd[i] = e[i]!;
      this.nameRank[i] = d[i]!;
    }
  }

  /** The facts of the name runs among the tokens [from, to), a paragraph's or all, counted from `from` and `at`. */
  private factsIn(from: number, to: number, at: number): ParaRuns {
    const list: ParaRuns = this.nameRuns(from, to).map((run) => this.factsOf(run, from, at, to));
    list.packed = pack(list);
    list.strings = this.strings;
    list.texts = list.map((f) => f.mentionText);
    return list;
  }

  private titles: TitleMemo | null = null;

  /**
   * The head word of a source: the last word before an appositive or a modifier ("Morgan" in
   * "Peter Morgan, a lawyer for the club", "source" in "a source close to the board").
   */
  private headOf(r: { a: number; b: number }): number {
    let k = r.a;
    while (k + 1 < r.b) {
      const next = this.tokens[k + 1]!;
      if (this.gapHas(this.tokens[k]!.end, next.start, 44, 40) || has(next, 'Preposition') || AFTER_HEAD.has(next.lower)) break;
      k++;
    }
    return k;
  }

  /** Does the text in [from, to) hold the character `x` or `y` (their UTF-16 codes)? */
  private gapHas(from: number, to: number, x: number, y: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === x || c === y) return true;
    }
    return false;
  }

  /**
   * "The chief executive, Marta Ruiz," / "Keller's lawyer, Anne Burke,": when the head of a source is
   * a description, a name set after it in commas is who speaks. Returns that name's tokens.
   */
  private appositiveOf(r: { a: number; b: number }, head = this.headOf(r)): { a: number; b: number } | null {
    if (capitalised(this.tokens[head]!)) return null;
    let a = head + 1;
    while (a < r.b && !this.gapHas(this.tokens[a - 1]!.end, this.tokens[a]!.start, 44, 44)) a++;
    if (a >= r.b || !capitalised(this.tokens[a]!)) return null;
    let b = a + 1;
    while (b < r.b && !this.gapHas(this.tokens[b - 1]!.end, this.tokens[b]!.start, 44, 44)) b++;
    return { a, b };
  }

  /**
   * Maximal runs of capitalised tokens that can be a name, with any title before them, among the
   * tokens [from, to) (whole paragraphs: a run never crosses one).
   */
  private nameRuns(from: number, to: number): NameRun[] {
    const out: NameRun[] = [];
    const t = this.tokens;
    let i = from;
    while (i < to) {
      if (!this.nameToken(i)) { i++; continue; }
      let b = i + 1;
      for (;;) {
        while (b < to && this.nameToken(b) && this.adjacent(b - 1) && !POSSESSIVE.test(t[b - 1]!.text)) b++;
        // "Department of Health", "University of Chicago", "Bank of America"
        const of = b < to ? t[b] : undefined;
        if (of && of.lower === 'of' && ORG_WORDS.has(t[b - 1]!.lower) && b + 1 < to && this.nameToken(b + 1) && this.adjacent(b - 1) && this.adjacent(b)) {
          b += 2;
          continue;
        }
        break;
      }
      let a = i;
      // Leading title words are the title, not the name: "Turkish Foreign Minister Mevlut Cavusoglu".
      for (let h = b - 2; h >= i; h--) {
        if (TITLE_HEADS.has(t[h]!.lower)) { a = h + 1; break; }
      }
      while (a < b - 1 && TITLE_WORDS.has(t[a]!.lower)) a++;
      // "the Russian Black Sea city": a nationality before a geographic name is no part of it.
      if (a < b - 2 && (has(t[a], 'Demonym') || /^\p{Lu}\p{Ll}+(?:ian|ish|ese|an)$/u.test(t[a]!.text)) && t.slice(a + 1, b).some((x) => PLACE_WORDS.has(x.lower))) a++;
      let ta = i;
      // Lower-case or demonym words before: "Turkish", "presidential nominee".
      while (ta > from && this.adjacent(ta - 1) && t[ta - 1]!.sent === t[i]!.sent && (TITLE_WORDS.has(t[ta - 1]!.lower) || has(t[ta - 1], 'Demonym') || /^(turkish|russian|american|british|french|german|chinese|iranian|israeli|syrian|u\.s\.)$/.test(t[ta - 1]!.lower))) ta--;
      if (a < b) out.push({ a, b, ta });
      i = b;
    }
    return out;
  }

  private inCredit(pos: number): boolean {
    return spanAt(this.credits, pos) !== undefined;
  }

  private nameToken(i: number): boolean {
    const tok = this.tokens[i]!;
    if (this.inCredit(tok.start)) return false;
    if (!capitalised(tok)) return false;
    if (NOT_NAME.has(tok.lower)) return false;
    if (has(tok, 'Pronoun') || has(tok, 'Date') || has(tok, 'Value')) return false;
    // Sentence-initial capital on an ordinary word is no name.
    const first = i === 0 || this.tokens[i - 1]!.sent !== tok.sent;
    if (first && !has(tok, 'ProperNoun') && !has(tok, 'Person') && !has(tok, 'Place') && !has(tok, 'Organization') && (has(tok, 'Verb') || has(tok, 'Adjective') || has(tok, 'Adverb') || has(tok, 'Determiner') || has(tok, 'Preposition') || has(tok, 'Conjunction'))) return false;
    if (has(tok, 'Verb') && !has(tok, 'Noun') && !has(tok, 'ProperNoun')) return false;
    return true;
  }

  private adjacent(i: number): boolean {
    const a = this.tokens[i]!;
    const b = this.tokens[i + 1];
    if (!b || a.para !== b.para) return false;
    const g = this.text.slice(a.end, b.start);
    return g === ' ' || g === '\u00a0' || (g === '. ' && isAbbreviation(a.text)) || g === '-';
  }

  /**
   * What a run gives alone (see RunFacts), its indices and offsets counted from `tok` and `at`;
   * `to` ends its paragraph's tokens.
   */
  private factsOf(run: NameRun, tok: number, at: number, to: number): RunFacts {
    const toks = this.tokens.slice(run.a, run.b);
    const last = toks[toks.length - 1]!;
    const words = toks.map((t) => stripPossessive(t.lower));
    const reject =
      toks.every((t) => has(t, 'Demonym') || has(t, 'Adjective') && !has(t, 'Person') || TITLE_WORDS.has(t.lower) || /^(?:\p{Lu}\p{Ll}+(?:ish|ian|ese|an|i))$/u.test(t.text) && toks.length === 1 && !has(t, 'Place')) ||
      toks.length === 1 && ORG_WORDS.has(words[0]!) && !has(last, 'Organization');
    let staticType: EntityType | null = null;
    const orgWord = toks.length > 1 && words.some((w) => ORG_WORDS.has(w));
    if (orgWord || toks.some((t) => has(t, 'Organization')) && !toks.some((t) => has(t, 'Person'))) staticType = 'organization';
    else if (/^[A-Z]{2,6}$/.test(stripPossessive(last.text)) && toks.length === 1) staticType = 'organization';
    else if (!toks.some((t) => has(t, 'Person')) && words.some((w) => PLACE_WORDS.has(w)) && (toks.length > 1 || PLACE_WORDS.has(words[0]!) && /^(caucasus|balkans|baltics|sahel|levant|arctic|antarctic)$/.test(words[0]!))) staticType = 'place';
    else if (toks.some((t) => has(t, 'Place')) && !toks.some((t) => has(t, 'Person'))) staticType = 'place';
    // "Officials said", "Mayor defends ...", "Trader warns ...": a capital at the start of a
    // sentence or a headline on a common noun names no one.
    const anonSingle = toks.length === 1 && (ANONYMOUS_HEADS.has(words[0]!) || TITLE_WORDS.has(words[0]!) || has(last, 'Actor') && !has(last, 'Person'));
    const personTagged = toks.some((t) => has(t, 'Person')) || run.ta < run.a;
    // "Aiko Brandt": two or three proper nouns that are no place, organisation or title.
    // Only words compromise knows as nothing but a noun: "Middle East" and "Black Sea" are ordinary words.
    const properish = (t: Token, k: number): boolean => [...t.tags].every((tag) => NAMEISH.has(tag)) && (has(t, 'ProperNoun') || k === 0 && has(t, 'Noun'));
    const nameish = toks.length >= 2 && toks.length <= 3 && has(last, 'ProperNoun') && toks.every((t, k) => properish(t, k) && !has(t, 'Place') && !has(t, 'Organization') && !has(t, 'Demonym') && !has(t, 'Date') && !TITLE_WORDS.has(t.lower) && !ORG_WORDS.has(t.lower) && !/^\p{Lu}+$/u.test(t.text));
    // (A run of nouns alone, "nounsOnly", would be an entity only when the article named it
    // already, which typeOf has asked before.)
    const n = this.nameFacts(run);
    return {
      start: n.start - at, end: n.end - at, nameWords: n.nameWords, display: n.display, key: n.key,
      keyId: n.keyId, firstWord: n.firstWord, lastWord: n.lastWord, titled: n.titled, title: n.title,
      gender: n.gender, mentionStart: n.mentionStart - at, mentionText: n.mentionText,
      a: run.a - tok, len: run.b - run.a,
      reject, joined: this.strings.id(words.join(' ')), word0: this.strings.id(words[0]!), single: toks.length === 1,
      staticType, anonSingle, personTagged, nameish,
      standalone: toks.length === 1 && run.a + 1 < to ? this.standaloneName(run.a) : null,
    };
  }

  /** The type of the run at `o` in the packed numbers `R`; `sources`: 1 for each token that is the head of a source. */
  private typeOf(R: Int32Array, o: number, tok: number, sources: Uint8Array): EntityType | null {
    const fl = R[o + FLAGS]!;
    if (fl & REJECT) return null;
    // What the article already named decides: "Clinton" after "Hillary Clinton" is her, not the town.
    const known = this.byKey[R[o + JOINED]!] ?? 0;
    if (known !== 0) return this.drafts[known - 1]!.type;
    if (fl & SINGLE && (this.lastNames[R[o + WORD0]!] ?? 0) !== 0) return 'person';
    if (fl & ORGANIZATION) return 'organization';
    if (fl & PLACE) return 'place';
    if (fl & ANON_SINGLE) return null;
    if (fl & PERSON_TAGGED) return 'person';
    const a = R[o + A]! + tok;
    for (let k = a; k < a + R[o + LEN]!; k++) if (sources[k] === 1) return 'person';
    if (fl & SINGLE && (fl & STANDALONE || fl & STANDALONE_UNKNOWN && this.standaloneName(a))) return 'person';
    if (fl & NAMEISH_FLAG) return 'person';
    // Nouns alone ("nounsOnly") are an entity only when named already: not so, as asked above.
    return null;
  }

  /**
   * An unknown capitalised word that stands alone mid-sentence ("including Haftar, has") is most
   * likely a surname; one that modifies a noun ("the Astana format") or follows "in" is not.
   */
  private standaloneName(i: number): boolean {
    const t = this.tokens[i]!;
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (!has(t, 'ProperNoun') || !prev || prev.sent !== t.sent || /[.!?]\s*$/.test(this.text.slice(prev.end, t.start))) return false;
    if (/^(in|at|from|to|near|into|across|of|on|for|and|the|a|an)$/.test(prev.lower)) return false;
    if (/(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ure|ing)$/.test(t.lower)) return false;
    const gapAfter = next ? this.text.slice(t.end, next.start) : '.';
    if (next && /^\s+$/.test(gapAfter) && (has(next, 'Noun') || has(next, 'Adjective'))) return false;
    return !POSSESSIVE.test(t.text);
  }

  /** What addName takes from a run alone, with offsets in the text. */
  private nameFacts(run: NameRun): NameFacts {
    const toks = this.tokens.slice(run.a, run.b);
    const start = toks[0]!.start;
    // Honorifics start a person's mention but not their name: "Mrs. Clinton".
    const nameToks = toks.filter((t, k) => !(k < toks.length - 1 && HONORIFIC_GENDER[t.lower] && t.lower.endsWith('.')));
    const lastTok = toks[toks.length - 1]!;
    const end = lastTok.start + stripPossessive(lastTok.text).length;
    const words = nameToks.map((t, k) => (k === nameToks.length - 1 ? stripPossessive(t.text) : t.text));
    const nameStart = nameToks[0]!.start;
    const display = detached(this.text.slice(nameStart, end).replace(/\s+/g, ' '));
    const title = run.ta < run.a ? detached(this.text.slice(this.tokens[run.ta]!.start, this.tokens[run.a - 1]!.end)) : null;
    let gender: 'male' | 'female' | null = null;
    // The first one found, as each is set only while none is (a draft keeps the gender it has).
    for (const t of toks) {
      const g = HONORIFIC_GENDER[t.lower];
      if (g && !gender) gender = g;
      if (has(t, 'MaleName') && !gender) gender = 'male';
      if (has(t, 'FemaleName') && !gender) gender = 'female';
    }
    if (run.ta < run.a) {
      const g = HONORIFIC_GENDER[this.tokens[run.a - 1]!.lower];
      if (g && !gender) gender = g;
    }
    const mentionStart = Math.min(start, end);
    const key = display.toLowerCase();
    const strings = this.strings;
    return {
      start, end, nameWords: words, display, key, keyId: strings.id(key), firstWord: strings.id(words[0]!), lastWord: strings.id(words[words.length - 1]!.toLowerCase()),
      titled: run.ta < run.a, title, gender, mentionStart, mentionText: detached(this.text.slice(mentionStart, end)),
    };
  }

  private addName(run: NameRun, type: EntityType): void {
    const n = this.nameFacts(run);
    if (!n.key) return;
    const d = this.addNamed(n.keyId, n.nameWords.length, n.firstWord, n.lastWord, n.gender, n.titled, n.start, n.end, n.mentionStart, n.mentionText, n, type);
    this.index(d, n.mentionStart, n.end, false);
  }

  /**
   * Adds the mention [mentionStart, end) of a name (non-empty; its facts `n`, with offsets in the
   * text given apart) to its entity, and returns that entity. The caller indexes the mention.
   */
  private addNamed(keyId: number, words: number, firstWord: number, lastWord: number, gender: 'male' | 'female' | null, titled: boolean, start: number, end: number, mentionStart: number, text: string, n: NameFacts, type: EntityType): Draft {
    let rank = this.byKey[keyId] ?? 0;
    let via: MentionVia = 'name';
    if (rank === 0 && type === 'person' && words === 1) {
      rank = this.lastNames[keyId] ?? 0;
      if (rank !== 0) via = 'alias';
    }
    if (rank === 0 && type === 'person' && words > 1) {
      // "Hillary Clinton" after "Hillary Rodham Clinton": same last name and first name.
      const same = this.lastNames[lastWord] ?? 0;
      if (same !== 0 && this.drafts[same - 1]!.firstWord === firstWord) { rank = same; via = 'alias'; }
    }
    let draft: Draft;
    if (rank === 0) {
      draft = { rank: this.drafts.length, id: '', type, name: n.display, key: n.key, firstWord, title: null, gender: null, mentions: [], first: start };
      this.drafts.push(draft);
      this.byKey = put(this.byKey, keyId, draft.rank + 1);
      if (type === 'person' && words > 1 && (this.lastNames[lastWord] ?? 0) === 0) this.lastNames = put(this.lastNames, lastWord, draft.rank + 1);
    } else {
      draft = this.drafts[rank - 1]!;
    }
    if (titled && !draft.title) draft.title = n.title;
    if (!draft.gender) draft.gender = gender;
    if (start < draft.first) draft.first = start;
    draft.mentions.push({ start: mentionStart, end, text, via });
    return draft;
  }

  /** "his Russian counterpart, Sergei Lavrov," and "Sergei Lavrov, the Russian foreign minister,". */
  private appositiveTitles(): void {
    this.examined = [];
    for (const d of this.drafts) {
      // A bare honorific ("Dr", "Mrs.") gives way to the role an appositive states.
      if (d.type !== 'person' || d.title && !HONORIFIC.test(d.title)) continue;
      this.examined.push({ d, before: d.title, n: d.mentions.length });
      const title = appositiveTitle(this.text, d.mentions, this.titles);
      if (title !== null) d.title = title;
    }
  }

  /** The drafts appositiveTitles looked at: each with its title before and how many mentions it had. */
  private examined: { d: Draft; before: string | null; n: number }[] = [];

  /**
   * What decides the titles appositives gave (for the incremental analyzer; after resolve()): the
   * entities whose title appositiveTitles looked for, the title each had before, and the mentions
   * it looked at, in the order it did.
   */
  titleCarry(): TitleCarry {
    const ex = this.examined;
    const from = new Int32Array(ex.length + 1);
    for (let i = 0; i < ex.length; i++) from[i + 1] = from[i]! + ex[i]!.n;
    const starts = new Int32Array(from[ex.length]!);
    const ends = new Int32Array(from[ex.length]!);
    ex.forEach((x, i) => {
      for (let j = 0; j < x.n; j++) {
        starts[from[i]! + j] = x.d.mentions[j]!.start;
        ends[from[i]! + j] = x.d.mentions[j]!.end;
      }
    });
    return { ids: ex.map((x) => x.d.id), before: ex.map((x) => x.before), from, starts, ends };
  }

  /** The facts of the name runs of a paragraph, its tokens [from, to) starting at `at` (see RunFacts), numbered by `titles`. */
  paragraphFacts(from: number, to: number, at: number, titles: TitleMemo): ParaRuns {
    this.titles = titles;
    this.strings = titles.names;
    const list = this.factsIn(from, to, at);
    list.tokens = to - from;
    return list;
  }

  // ---- resolving sources ------------------------------------------------------------------

  private addMention(d: Draft, m: Mention): void {
    d.mentions.push(m);
    this.index(d, m.start, m.end, m.via === 'pronoun');
  }

  /** Puts a mention added while resolving into the position index, after those with the same start. */
  private index(d: Draft, start: number, end: number, pronoun: boolean): void {
    const added = this.added;
    let lo = 0;
    let hi = added.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (added[mid]!.start <= start) lo = mid + 1;
      else hi = mid;
    }
    added.splice(lo, 0, { start, end, d, pronoun });
  }

  /**
   * The entity with a mention inside [start, end), covering `at` when given; of several, the first
   * entity found (the lowest rank).
   */
  private mentionAt(start: number, end: number, at?: number): Draft | null {
    const last = at === undefined ? end : at;
    let best: Draft | null = null;
    const starts = this.nameStart;
    for (let i = firstAtLeast(starts, this.names, start); i < this.names && starts[i]! <= last; i++) {
      const e = this.nameEnd[i]!;
      const d = this.drafts[this.nameRank[i]!]!;
      if ((at === undefined ? e <= end : at < e) && (best === null || d.rank < best.rank)) best = d;
    }
    const added = this.added;
    for (let i = firstAddedAtLeast(added, start); i < added.length && added[i]!.start <= last; i++) {
      const x = added[i]!;
      if ((at === undefined ? x.end <= end : at < x.end) && (best === null || x.d.rank < best.rank)) best = x.d;
    }
    return best;
  }

  /**
   * Resolve each attribution's source, in text order, so that "he" can look back at the speakers
   * before it. Adds pronoun and description mentions to the entities they resolve to.
   */
  resolve(attrs: readonly RawAttribution[]): Resolution[] {
    // In text order (a stable sort: of two at one place, the first given first).
    const at = attrs.map((r) => this.posOf(r));
    const order = attrs.map((_, k) => k).sort((x, y) => at[x]! - at[y]!).map((k) => attrs[k]!);
    const found = new Map<RawAttribution, { draft: Draft | null; anonymous: boolean }>();
    const recent: { draft: Draft; pos: number }[] = [];
    // The words of each titled person's title, and the people with a title holding each word:
    // fixed while resolving (a name found now gets no title), so "the minister" can skip texts
    // naming no minister. `recentByWord` holds `recent`'s titled people by those words, in order.
    this.titleWords = new Map();
    this.titledBy = new Map();
    for (const d of this.drafts) {
      if (d.type !== 'person' || d.title === null) continue;
      const words = new Set(d.title.toLowerCase().split(/\s+/));
      this.titleWords.set(d, words);
      for (const w of words) {
        let set = this.titledBy.get(w);
        if (!set) this.titledBy.set(w, (set = new Set()));
        set.add(d);
      }
    }
    this.recentByWord = new Map();
    for (const r of order) {
      let res: { draft: Draft | null; anonymous: boolean } = { draft: null, anonymous: false };
      if (r.source) {
        res = this.resolveSource(r.source, recent);
        if (this.decision) this.decisions.set(r, this.decision);
        this.decision = null;
      } else if (r.inherits !== null) res = found.get(r.inherits) ?? res;
      found.set(r, res);
      if (res.draft) {
        const entry = { draft: res.draft, pos: this.posOf(r) };
        recent.push(entry);
        for (const w of this.titleWords.get(res.draft) ?? []) {
          let list = this.recentByWord.get(w);
          if (!list) this.recentByWord.set(w, (list = []));
          list.push(entry);
        }
      }
    }
    this.finish();
    return attrs.map((r) => {
      const res = found.get(r)!;
      return { speaker: res.draft ? this.idOf(res.draft) : null, anonymous: res.anonymous };
    });
  }

  private posOf(r: RawAttribution): number {
    return r.source ? this.tokens[r.source.a]!.start : r.content[0]!.start;
  }

  private resolveSource(src: { a: number; b: number }, recent: { draft: Draft; pos: number }[]): { draft: Draft | null; anonymous: boolean } {
    const headAt = this.headOf(src);
    const toks = this.tokens.slice(src.a, headAt + 1);
    const start = toks[0]!.start;
    const end = toks[toks.length - 1]!.end;
    // The name must be the head: "a spokeswoman for Hillary Clinton" is not Hillary Clinton.
    const head = toks[toks.length - 1]!;
    // "Armenia and Azerbaijan", "Trump and Pence": a group speaks, no single entity.
    if (toks.some((t, k) => k > 0 && (t.lower === 'and' || t.lower === '&'))) return { draft: null, anonymous: false };
    const appositive = this.appositiveOf(src, headAt);
    if (appositive) {
      const s = this.tokens[appositive.a]!.start;
      const named = this.mentionAt(s, this.tokens[appositive.b - 1]!.end, this.tokens[this.headOf(appositive)]!.start);
      if (named && named.type === 'person') return { draft: named, anonymous: false };
    }
    const named = this.mentionAt(start, end, head.start);
    if (named) return { draft: named, anonymous: false };
    const pron = PERSONAL_PRONOUNS[head.lower];
    if (toks.length === 1 && pron) {
      const d = this.antecedent(pron, start, recent);
      if (d) this.addMention(d, { start: head.start, end: head.end, text: head.text, via: 'pronoun' });
      return { draft: d, anonymous: false };
    }
    const headWord = stripPossessive(head.lower);
    const det = toks[0]!.lower;
    const described = this.described(toks, start);
    if (described) {
      this.addMention(described, { start, end, text: detached(this.text.slice(start, end)), via: 'description' });
      return { draft: described, anonymous: false };
    }
    if (ANONYMOUS_HEADS.has(headWord) && (toks.length === 1 || ANONYMOUS_DETERMINERS.has(det) || !toks.some(capitalised))) {
      return { draft: null, anonymous: true };
    }
    // An unknown capitalised source ("Politifact", "The New York Post") is an entity of its own,
    // when the capital is its head ("current Democratic presidential nominee" names no one).
    const caps = toks.filter((t) => capitalised(t) && !NOT_NAME.has(t.lower));
    const common = toks.length === 1 && (TITLE_WORDS.has(head.lower) || ANONYMOUS_HEADS.has(head.lower) || has(head, 'Actor') && !has(head, 'Person'));
    if (caps.length > 0 && capitalised(head) && !common) {
      const a = src.a + toks.indexOf(caps[0]!);
      const b = src.a + toks.indexOf(caps[caps.length - 1]!) + 1;
      const type: EntityType = caps.some((t) => ORG_WORDS.has(stripPossessive(t.lower))) || /^the$/i.test(toks[0]!.text) ? 'organization' : 'person';
      this.addName({ a, b, ta: a }, type);
      return { draft: this.mentionAt(start, end), anonymous: false };
    }
    return { draft: null, anonymous: false };
  }

  private antecedent(kind: string, pos: number, recent: { draft: Draft; pos: number }[]): Draft | null {
    if (kind !== 'male' && kind !== 'female' && kind !== 'relative') return null;
    // What decided, for reachCarry: the reach, the places of the recent speakers looked at, and
    // the start of the mention found (-1: none; -2: a recent speaker was found first).
    const decision = new Int32Array([kind === 'relative' ? REACH_RELATIVE : REACH_PERSONAL, -1, -1, -1, -1]);
    this.decision = decision;
    if (kind === 'relative') {
      const d = this.lastMentionBefore(pos, () => true, REACH_RELATIVE);
      decision[4] = this.lastAt;
      return d;
    }
    const fits = (d: Draft): boolean => d.type === 'person' && (d.gender === null || d.gender === kind);
    for (let k = recent.length - 1; k >= 0 && k >= recent.length - 3; k--) {
      const r = recent[k]!;
      decision[recent.length - k] = r.pos;
      if (r.pos < pos && pos - r.pos < REACH_PERSONAL && fits(r.draft)) {
        decision[4] = -2;
        return r.draft;
      }
    }
    const d = this.lastMentionBefore(pos, fits, REACH_PERSONAL);
    decision[4] = this.lastAt;
    return d;
  }

  /** The last antecedent() decision, until resolve() files it by its attribution. */
  private decision: Int32Array | null = null;
  private readonly decisions = new Map<RawAttribution, Int32Array>();
  /** The start of the mention the last lastMentionBefore() found, or -1. */
  private lastAt = -1;

  /**
   * For each of `attrs` (after resolve()), five numbers: when its source is a pronoun whose person
   * was looked for within a reach, that reach, the places of the (up to three) recent speakers
   * looked at (-1: none), and the start of the mention found (-1: none; -2: a recent speaker was
   * found first); else zeros. An edit that moves none of these across the reach from the pronoun,
   * nor (when none was found) another mention into it, does not change what it finds (reuse.ts).
   */
  reachCarry(attrs: readonly RawAttribution[]): Int32Array {
    const out = new Int32Array(attrs.length * 5);
    attrs.forEach((r, k) => {
      const d = this.decisions.get(r);
      if (d) out.set(d, k * 5);
    });
    return out;
  }

  /** The entity of the last mention (by start) before pos and within reach; of several there, the lowest rank. */
  private lastMentionBefore(pos: number, ok: (d: Draft) => boolean, within: number): Draft | null {
    // The names collect() found (none is a pronoun) ...
    let best: Draft | null = null;
    let at = -1;
    const starts = this.nameStart;
    for (let i = firstAtLeast(starts, this.names, pos + 1) - 1; i >= 0; i--) {
      const s = starts[i]!;
      if (pos - s >= within || (best !== null && s < at)) break;
      const d = this.drafts[this.nameRank[i]!]!;
      if (this.nameEnd[i]! > pos || !ok(d)) continue;
      if (best === null || d.rank < best.rank) { best = d; at = s; }
    }
    // ... then those resolve() added: the later start wins, and of two at one start, the lower rank.
    const added = this.added;
    for (let i = firstAddedAtLeast(added, pos + 1) - 1; i >= 0; i--) {
      const x = added[i]!;
      if (pos - x.start >= within || (best !== null && x.start < at)) break;
      if (x.pronoun || x.end > pos || !ok(x.d)) continue;
      if (best === null || x.start > at || x.d.rank < best.rank) { best = x.d; at = x.start; }
    }
    this.lastAt = best === null ? -1 : at;
    return best;
  }

  /** "the minister", "his Russian counterpart": the person whose title ends with the same word. */
  private described(toks: Token[], pos: number): Draft | null {
    const det = toks[0]!.lower;
    if (!/^(the|his|her|their)$/.test(det) || toks.length > 5) return null;
    const head = stripPossessive(toks[toks.length - 1]!.lower);
    if (!TITLE_HEADS.has(head)) return null;
    // A person whose title holds the word (see resolve: titles do not change while resolving).
    const titled = this.titledBy.get(head);
    if (!titled) return null;
    const match = (d: Draft): boolean => titled.has(d);
    // The last of `recent` that matches, before pos (recentByWord keeps recent's order).
    const list = this.recentByWord.get(head) ?? [];
    for (let k = list.length - 1; k >= 0; k--) if (list[k]!.pos < pos) return list[k]!.draft;
    return this.lastMentionBefore(pos, match, 1e9);
  }

  private titleWords = new Map<Draft, ReadonlySet<string>>();
  private titledBy = new Map<string, Set<Draft>>();
  private recentByWord = new Map<string, { draft: Draft; pos: number }[]>();

  // ---- output -------------------------------------------------------------------------------

  /** The entities with mentions, in id order. */
  private kept: Draft[] = [];

  private finish(): void {
    const kept = this.drafts.filter((d) => d.mentions.length > 0);
    kept.sort((x, y) => x.first - y.first);
    kept.forEach((d, k) => (d.id = `e${k + 1}`));
    this.kept = kept;
  }

  private idOf(d: Draft): string {
    return d.id;
  }

  entities(): Entity[] {
    return this.kept.map((d) => ({ id: d.id, type: d.type, name: d.name, title: d.title, mentions: byStart(d.mentions) }));
  }
}

/**
 * Do two versions of a paragraph's name runs give collect() the same names: the same runs with the
 * same facts, each where `start` and `end` (old offset to new, -1 where the text changed) put it?
 * `oldAt` and `newAt` are the paragraph's start in each version. A run whose kind as a lone name
 * reads the next paragraph (STANDALONE_UNKNOWN) reads tokens this does not compare: false then.
 */
export function sameRuns(old: RunFacts[], fresh: RunFacts[], oldAt: number, newAt: number, start: (o: number) => number, end: (o: number) => number): boolean {
  const a = old as ParaRuns;
  const b = fresh as ParaRuns;
  if (a.length !== b.length || a.strings !== b.strings || !a.packed || !b.packed) return false;
  const P = a.packed;
  const Q = b.packed;
  for (let j = 0; j < a.length; j++) {
    const o = j * STRIDE;
    if (P[o + FLAGS]! & SINGLE && P[o + FLAGS]! & STANDALONE_UNKNOWN) return false;
    for (const f of SAME_FIELDS) if (P[o + f] !== Q[o + f]) return false;
    if (Q[o + START]! + newAt !== start(P[o + START]! + oldAt) || Q[o + MENTION_START]! + newAt !== start(P[o + MENTION_START]! + oldAt)) return false;
    if (Q[o + END]! + newAt !== end(P[o + END]! + oldAt)) return false;
    const x = a[j]!;
    const y = b[j]!;
    if (a.texts![j] !== b.texts![j] || x.display !== y.display || x.title !== y.title || x.key !== y.key) return false;
  }
  return true;
}

/** See EntityResolver.titleCarry. */
export interface TitleCarry {
  ids: string[];
  before: (string | null)[];
  /** The mentions of the i-th entity are [from[i], from[i + 1]) of starts and ends. */
  from: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The role an appositive states next to the first of `mentions` (in their order) that has one, or
 * null: "his Russian counterpart, Sergei Lavrov," and "Sergei Lavrov, the Russian foreign minister,".
 * What it reads is within 80 characters of each mention (see APPOSITIVE_REACH).
 */
export function appositiveTitle(text: string, mentions: readonly Span[], memo: TitleMemo | null): string | null {
  for (const m of mentions) {
    if (!commaAround(text, m)) continue;
    // Bounded windows keep these expressions cheap whatever the text's length.
    const before = text.slice(Math.max(0, m.start - APPOSITIVE_REACH), m.start);
    const after = text.slice(m.end, m.end + APPOSITIVE_REACH);
    const title = memo ? memo.get(detached(`${before}\u0000${after}`), () => titleAround(before, after)) : titleAround(before, after);
    if (title !== null) return title;
  }
  return null;
}

/** How far before and after a mention appositiveTitle reads. */
export const APPOSITIVE_REACH = 80;

/**
 * Whether titleAround may find anything around a mention: its expressions need a comma then
 * white space right after it, or a comma and only white space before it (within the same
 * 80-character window).
 */
function commaAround(text: string, m: Span): boolean {
  if (text.charCodeAt(m.end) === 44 && SPACE.test(text.charAt(m.end + 1))) return true;
  const lo = Math.max(0, m.start - APPOSITIVE_REACH);
  let i = m.start - 1;
  while (i >= lo && SPACE.test(text.charAt(i))) i--;
  return i >= lo && text.charCodeAt(i) === 44;
}

/** The role an appositive states right before or right after a mention, else null. */
function titleAround(before: string, after: string): string | null {
  const pre = /(?:^|[\s(])(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?|\p{Lu}\p{L}+['’]s)\s+((?:[\p{L}.-]+\s+){0,4}?[\p{L}.-]+),\s*$/u.exec(before);
  if (pre && isTitlePhrase(pre[1]!)) return detached(pre[1]!);
  const post = /^,\s+(?:(?:the|a|an|his|her)\s+)?((?:[\p{L}.'’-]+\s+){0,7}?[\p{L}.'’-]+)[,.]/u.exec(after);
  if (post && isTitlePhrase(post[1]!)) return detached(post[1]!);
  return null;
}

/** Does a phrase name a role: "Russian counterpart", "chief executive of Northfield Trust"? */
function isTitlePhrase(s: string): boolean {
  const words = s.toLowerCase().split(/\s+/);
  const cut = words.findIndex((w, k) => k > 0 && /^(of|at|for|in|to|with|on)$/.test(w));
  const head = words[(cut > 0 ? cut : words.length) - 1]!;
  return TITLE_HEADS.has(head);
}

/**
 * The mentions sorted by start (of two at one start, the one added first comes first), with only
 * the first one added of each span: a span's mentions share a start, so they meet in the order
 * they were added.
 */
function byStart(ms: readonly Mention[]): Mention[] {
  let ordered = true;
  for (let i = 1; i < ms.length && ordered; i++) if (ms[i]!.start < ms[i - 1]!.start) ordered = false;
  const sorted = ordered ? ms : ms.slice().sort((x, y) => x.start - y.start);
  const out: Mention[] = [];
  for (const m of sorted) {
    let seen = false;
    for (let j = out.length - 1; j >= 0 && out[j]!.start === m.start && !seen; j--) if (out[j]!.end === m.end) seen = true;
    if (!seen) out.push(m);
  }
  return out;
}

/** Index of the first of the first `n` numbers (sorted) that is at least `pos` (a binary search). */
function firstAtLeast(xs: Int32Array, n: number, pos: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of the mentions (sorted by start) that starts at `pos` or after. */
function firstAddedAtLeast(xs: readonly Indexed[], pos: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sets xs[i] = v, in a longer copy when i is past its end (the table to keep using). */
function put(xs: Int32Array, i: number, v: number): Int32Array {
  if (i >= xs.length) {
    const longer = new Int32Array(Math.max(i + 1, xs.length * 2));
    longer.set(xs);
    xs = longer;
  }
  xs[i] = v;
  return xs;
}
