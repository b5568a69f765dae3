// Entities (people, organisations, places) and the resolution of each source to one of them:
// names and their later short forms, pronouns, descriptions ("the minister"), unnamed sources.
import type { Entity, EntityType, Mention, MentionVia, Span } from './model';
import type { RawAttribution } from './attribution';
import { has, type Token } from './tokens';
import { ANONYMOUS_DETERMINERS, ANONYMOUS_HEADS, HONORIFIC_GENDER, NOT_NAME, PERSONAL_PRONOUNS, TITLE_HEADS, TITLE_WORDS } from './lexicon/people';
import { ORG_WORDS } from './lexicon/organizations';
import { PLACE_WORDS } from './lexicon/places';
import { isAbbreviation, lowerBound, spanAt } from './text';

export interface Resolution {
  speaker: string | null;
  anonymous: boolean;
}

interface Draft {
  type: EntityType;
  name: string;
  key: string;
  tokens: string[];
  title: string | null;
  gender: 'male' | 'female' | null;
  mentions: Mention[];
  first: number;
}

/** A mention in the position index, with its entity's rank (its index in `drafts`). */
interface Indexed {
  start: number;
  rank: number;
  d: Draft;
  m: Mention;
}

/** Mentions are indexed in buckets of 2^BUCKET_BITS characters by start. */
const BUCKET_BITS = 8;

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
 * base (the paragraph's first token and first character when memoised, 0 otherwise).
 */
export interface RunFacts {
  run: NameRun;
  /** No entity whatever else the article names (demonyms, a lone organisation word ...). */
  reject: boolean;
  /** The run's words, lower-case, possessive stripped, and joined with spaces. */
  words: string[];
  joined: string;
  single: boolean;
  /** The type the run's own words and tags give (organisation or place), else null. */
  staticType: EntityType | null;
  /** A lone common word ("Officials", "Mayor"): no one. */
  anonSingle: boolean;
  /** Tagged a person, or with a title before it. */
  personTagged: boolean;
  /** Two or three proper nouns that are no place, organisation or title. */
  nameish: boolean;
  /** All nouns (no demonym): an entity only when the article named it already. */
  nounsOnly: boolean;
  name: NameFacts;
}

/** What addName takes from a run alone. */
interface NameFacts {
  start: number;
  end: number;
  words: string[];
  display: string;
  key: string;
  title: string | null;
  gender: 'male' | 'female' | null;
  mentionStart: number;
  mentionText: string;
}

/**
 * Remembers the titles found around mentions (by the text around them), so that re-reading a text
 * after an edit only runs the title expressions on new surroundings. `next()` starts a version and
 * drops what was not used since the one before.
 */
export class TitleMemo {
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

const POSSESSIVE = /['’]s?$/;
/** Tags of a word compromise knows as nothing but a noun (a name's part). */
const NAMEISH: ReadonlySet<string> = new Set(['Noun', 'Singular', 'ProperNoun', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName']);
const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame)\.?$/;

function stripPossessive(s: string): string {
  return s.replace(/['’]s$/u, '').replace(/(?<=s)['’]$/u, '');
}

function capitalised(t: Token): boolean {
  return /^\p{Lu}/u.test(t.text);
}

export class EntityResolver {
  private readonly drafts: Draft[] = [];
  private readonly byKey = new Map<string, Draft>();
  private readonly lastNames = new Map<string, Draft>();
  /**
   * Every mention by position (bucket of its start → mentions sorted by start), so that looking
   * up the entity at a place stays cheap on long texts: mentionAt and lastMentionBefore read it.
   */
  private readonly byStart = new Map<number, Indexed[]>();
  private readonly rank = new Map<Draft, number>();

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
    const speaking = new Set<number>();
    for (const r of sourceRanges) {
      speaking.add(this.headOf(r));
      const named = this.appositiveOf(r);
      if (named) speaking.add(this.headOf(named));
    }
    // Each run's facts, with the token index and offset its indices are counted from.
    const found: { f: RunFacts; tok: number; at: number }[] = [];
    if (memo) {
      this.titles = memo.titles;
      const t = this.tokens;
      let i = 0;
      let c = 0;
      for (let k = 0; k < memo.paras.length; k++) {
        const p = memo.paras[k]!;
        const from = i;
        while (i < t.length && t[i]!.start < p.end) i++;
        if (i === from) continue;
        const to = i;
        // Credits are sorted and never overlap: the first one that ends after the paragraph starts.
        while (c < this.credits.length && this.credits[c]!.end <= p.start) c++;
        const inCredit = c < this.credits.length && this.credits[c]!.start < p.end;
        const make = (): RunFacts[] => this.nameRuns(from, to).map((run) => this.factsOf(run, from, p.start));
        let facts = inCredit ? undefined : memo.runs[k];
        if (!facts) {
          facts = make();
          if (!inCredit) memo.runs[k] = facts;
        }
        for (const f of facts) found.push({ f, tok: from, at: p.start });
      }
    } else {
      for (const run of this.nameRuns(0, this.tokens.length)) found.push({ f: this.factsOf(run, 0, 0), tok: 0, at: 0 });
    }
    // Full names first, so that a later (or earlier) "Cavusoglu" finds "Mevlut Cavusoglu": by
    // length, longest first, then in text order (`found` is in text order).
    const byLength: (typeof found)[] = [];
    for (const x of found) (byLength[x.f.run.b - x.f.run.a] ??= []).push(x);
    for (let n = byLength.length - 1; n > 0; n--) {
      for (const { f, tok, at } of byLength[n] ?? []) {
        const type = this.typeOf(f, tok, speaking);
        if (type) this.addNamed(f.name, f.run, at, type);
      }
    }
    this.appositiveTitles();
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
      if (/[,(]/.test(this.text.slice(this.tokens[k]!.end, next.start)) || has(next, 'Preposition') || /^(close|familiar|who|which|that)$/.test(next.lower)) break;
      k++;
    }
    return k;
  }

  /**
   * "The chief executive, Marta Ruiz," / "Keller's lawyer, Anne Burke,": when the head of a source is
   * a description, a name set after it in commas is who speaks. Returns that name's tokens.
   */
  private appositiveOf(r: { a: number; b: number }): { a: number; b: number } | null {
    const head = this.headOf(r);
    if (capitalised(this.tokens[head]!)) return null;
    let a = head + 1;
    while (a < r.b && !/,/.test(this.text.slice(this.tokens[a - 1]!.end, this.tokens[a]!.start))) a++;
    if (a >= r.b || !capitalised(this.tokens[a]!)) return null;
    let b = a + 1;
    while (b < r.b && !/,/.test(this.text.slice(this.tokens[b - 1]!.end, this.tokens[b]!.start))) b++;
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

  /** What a run gives alone (see RunFacts), its indices and offsets counted from `tok` and `at`. */
  private factsOf(run: NameRun, tok: number, at: number): RunFacts {
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
    const nounsOnly = toks.length >= 2 && toks.every((t) => has(t, 'ProperNoun') || has(t, 'Noun')) && !toks.some((t) => has(t, 'Demonym'));
    const name = this.nameFacts(run);
    name.start -= at;
    name.end -= at;
    name.mentionStart -= at;
    return {
      run: { a: run.a - tok, b: run.b - tok, ta: run.ta - tok },
      reject, words, joined: words.join(' '), single: toks.length === 1,
      staticType, anonSingle, personTagged, nameish, nounsOnly, name,
    };
  }

  private typeOf(f: RunFacts, tok: number, sources: ReadonlySet<number>): EntityType | null {
    if (f.reject) return null;
    // What the article already named decides: "Clinton" after "Hillary Clinton" is her, not the town.
    const known = this.byKey.get(f.joined);
    if (known) return known.type;
    if (f.single && this.lastNames.has(f.words[0]!)) return 'person';
    if (f.staticType) return f.staticType;
    let spoke = false;
    for (let k = f.run.a + tok; k < f.run.b + tok; k++) if (sources.has(k)) spoke = true;
    if (f.anonSingle) return null;
    if (f.personTagged || spoke) return 'person';
    if (f.single && (this.lastNames.has(f.words[0]!) || this.standaloneName(f.run.a + tok))) return 'person';
    if (f.nameish) return 'person';
    if (f.nounsOnly) {
      const again = this.byKey.get(f.joined);
      return again ? again.type : null;
    }
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
    const display = this.text.slice(nameStart, end).replace(/\s+/g, ' ');
    const title = run.ta < run.a ? this.text.slice(this.tokens[run.ta]!.start, this.tokens[run.a - 1]!.end) : null;
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
    return { start, end, words, display, key: display.toLowerCase(), title, gender, mentionStart, mentionText: this.text.slice(mentionStart, end) };
  }

  private addName(run: NameRun, type: EntityType): void {
    this.addNamed(this.nameFacts(run), run, 0, type);
  }

  /** Adds the mention of a name run (its facts' offsets counted from `at`) to its entity. */
  private addNamed(n: NameFacts, run: NameRun, at: number, type: EntityType): void {
    const { words, display, key } = n;
    if (!key) return;
    const start = n.start + at;
    const end = n.end + at;
    let draft = this.byKey.get(key);
    let via: MentionVia = 'name';
    if (!draft && type === 'person' && words.length === 1) {
      draft = this.lastNames.get(key);
      if (draft) via = 'alias';
    }
    if (!draft && type === 'person' && words.length > 1) {
      // "Hillary Clinton" after "Hillary Rodham Clinton": same last name and first name.
      const same = this.lastNames.get(words[words.length - 1]!.toLowerCase());
      if (same && same.tokens[0] === words[0]) { draft = same; via = 'alias'; }
    }
    if (!draft) {
      draft = { type, name: display, key, tokens: words, title: null, gender: null, mentions: [], first: start };
      this.rank.set(draft, this.drafts.length);
      this.drafts.push(draft);
      this.byKey.set(key, draft);
      if (type === 'person' && words.length > 1) {
        const lastName = words[words.length - 1]!.toLowerCase();
        if (!this.lastNames.has(lastName)) this.lastNames.set(lastName, draft);
      }
    }
    if (run.ta < run.a && !draft.title) draft.title = n.title;
    if (!draft.gender) draft.gender = n.gender;
    draft.first = Math.min(draft.first, start);
    this.addMention(draft, { start: n.mentionStart + at, end, text: n.mentionText, via });
  }

  /** "his Russian counterpart, Sergei Lavrov," and "Sergei Lavrov, the Russian foreign minister,". */
  private appositiveTitles(): void {
    for (const d of this.drafts) {
      // A bare honorific ("Dr", "Mrs.") gives way to the role an appositive states.
      if (d.type !== 'person' || d.title && !HONORIFIC.test(d.title)) continue;
      for (const m of d.mentions) {
        // Bounded windows keep these expressions cheap whatever the text's length.
        const before = this.text.slice(Math.max(0, m.start - 80), m.start);
        const after = this.text.slice(m.end, m.end + 80);
        const memo = this.titles;
        const title = memo ? memo.get(`${before}\u0000${after}`, () => this.titleAround(before, after)) : this.titleAround(before, after);
        if (title !== null) { d.title = title; break; }
      }
    }
  }

  /** The role an appositive states right before or right after a mention, else null. */
  private titleAround(before: string, after: string): string | null {
    const pre = /(?:^|[\s(])(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?|\p{Lu}\p{L}+['’]s)\s+((?:[\p{L}.-]+\s+){0,4}?[\p{L}.-]+),\s*$/u.exec(before);
    if (pre && this.isTitlePhrase(pre[1]!)) return pre[1]!;
    const post = /^,\s+(?:(?:the|a|an|his|her)\s+)?((?:[\p{L}.'’-]+\s+){0,7}?[\p{L}.'’-]+)[,.]/u.exec(after);
    if (post && this.isTitlePhrase(post[1]!)) return post[1]!;
    return null;
  }

  /** Does a phrase name a role: "Russian counterpart", "chief executive of Northfield Trust"? */
  private isTitlePhrase(s: string): boolean {
    const words = s.toLowerCase().split(/\s+/);
    const cut = words.findIndex((w, k) => k > 0 && /^(of|at|for|in|to|with|on)$/.test(w));
    const head = words[(cut > 0 ? cut : words.length) - 1]!;
    return TITLE_HEADS.has(head);
  }

  // ---- resolving sources ------------------------------------------------------------------

  private addMention(d: Draft, m: Mention): void {
    d.mentions.push(m);
    const key = m.start >> BUCKET_BITS;
    let bucket = this.byStart.get(key);
    if (!bucket) this.byStart.set(key, (bucket = []));
    bucket.splice(lowerBound(bucket, m.start + 1, (x) => x.start), 0, { start: m.start, rank: this.rank.get(d)!, d, m });
  }

  /**
   * The entity with a mention inside [start, end), covering `at` when given; of several, the first
   * entity found (the lowest rank).
   */
  private mentionAt(start: number, end: number, at?: number): Draft | null {
    const last = at === undefined ? end : at;
    let best: Indexed | null = null;
    for (let key = start >> BUCKET_BITS; key <= last >> BUCKET_BITS; key++) {
      const bucket = this.byStart.get(key);
      if (!bucket) continue;
      for (let i = lowerBound(bucket, start, (x) => x.start); i < bucket.length && bucket[i]!.start <= last; i++) {
        const e = bucket[i]!;
        const ok = at === undefined ? e.m.end <= end : at < e.m.end;
        if (ok && (best === null || e.rank < best.rank)) best = e;
      }
    }
    return best?.d ?? null;
  }

  /**
   * Resolve each attribution's source, in text order, so that "he" can look back at the speakers
   * before it. Adds pronoun and description mentions to the entities they resolve to.
   */
  resolve(attrs: readonly RawAttribution[]): Resolution[] {
    const order = [...attrs].sort((x, y) => this.posOf(x) - this.posOf(y));
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
      if (r.source) res = this.resolveSource(r.source, recent);
      else if (r.inherits !== null) res = found.get(r.inherits) ?? res;
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
    const appositive = this.appositiveOf(src);
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
      this.addMention(described, { start, end, text: this.text.slice(start, end), via: 'description' });
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
    if (kind === 'relative') return this.lastMentionBefore(pos, () => true, 120);
    const fits = (d: Draft): boolean => d.type === 'person' && (d.gender === null || d.gender === kind);
    for (let k = recent.length - 1; k >= 0 && k >= recent.length - 3; k--) {
      const r = recent[k]!;
      if (r.pos < pos && pos - r.pos < 1500 && fits(r.draft)) return r.draft;
    }
    return this.lastMentionBefore(pos, fits, 1500);
  }

  /** The entity of the last mention (by start) before pos and within reach; of several there, the lowest rank. */
  private lastMentionBefore(pos: number, ok: (d: Draft) => boolean, within: number): Draft | null {
    let best: Indexed | null = null;
    for (let key = pos >> BUCKET_BITS; key >= 0 && best === null; key--) {
      if (((key + 1) << BUCKET_BITS) - 1 <= pos - within) break;
      const bucket = this.byStart.get(key);
      if (!bucket) continue;
      for (let i = lowerBound(bucket, pos + 1, (x) => x.start) - 1; i >= 0; i--) {
        const e = bucket[i]!;
        if (pos - e.start >= within || (best !== null && e.start < best.start)) break;
        if (e.m.via === 'pronoun' || e.m.end > pos || !ok(e.d)) continue;
        if (best === null || e.rank < best.rank) best = e;
      }
    }
    return best?.d ?? null;
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

  private ids = new Map<Draft, string>();

  private finish(): void {
    const kept = this.drafts.filter((d) => d.mentions.length > 0);
    kept.sort((x, y) => x.first - y.first);
    kept.forEach((d, k) => this.ids.set(d, `e${k + 1}`));
  }

  private idOf(d: Draft): string {
    return this.ids.get(d)!;
  }

  entities(): Entity[] {
    const out: Entity[] = [];
    for (const [d, id] of this.ids) {
      const mentions = dedupe(d.mentions, this.text.length + 1).sort((x, y) => x.start - y.start);
      out.push({ id, type: d.type, name: d.name, title: d.title, mentions });
    }
    return out.sort((x, y) => Number(x.id.slice(1)) - Number(y.id.slice(1)));
  }
}

/** The first mention of each span (`past`: more than any offset). */
function dedupe(ms: Mention[], past: number): Mention[] {
  const seen = new Set<number | string>();
  // A number is exact while start * past + end stays below 2^53.
  const exact = past < 2 ** 26;
  return ms.filter((m) => {
    const k = exact ? m.start * past + m.end : `${m.start}:${m.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
