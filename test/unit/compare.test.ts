// NewsLens against a human annotation (src/present/compare.ts): the verdicts, hovers and summary the
// editor shows, and that its scores are exactly `eval`'s. The hand-made article and .ann below are
// made up for this test, their offsets worked out by hand; corpus articles are read from
// ../shared/corpus (never copied into the repository) and skipped, saying so, where absent.

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, type Analysis, type Quote } from '../../src/core';
import { EvalInputError, evaluate, formatReport } from '../../src/cli/eval';
import { SIDECAR_FORMAT, SIDECAR_VERSION, makeAnchor, newCorrection, quoteAnchor, serializeSidecar } from '../../src/core/corrections';
import { annotatorFile, parseBratAttributions } from '../../src/present/brat-read';
import {
  attributionsToQuotes,
  compareArticle,
  compareHoverAt,
  comparePlan,
  compareSummaryMarkdown,
  humanHoverAt,
  humanPlan,
  quotesToAttributions,
} from '../../src/present/compare';

// ───────────── the hand-made article ─────────────

// Offsets (UTF-16 code units), by hand:
//   0-34 headline, 34-35 blank line
//   "The mayor" 36-45, "said" 46-50, "the budget would pass" 51-72 ("." at 72)
//   '"We are ready,"' 74-89, "Jones" 90-95, "told" 96-100, "reporters" 101-110
//   "Critics" 113-120, "argue" 121-126, "taxes will rise" 132-147 ("Critics argue that taxes" 113-137)
//   "A spokesman" 149-160, "claimed" 161-168, "the vote is next week" 169-190
const TEXT =
  'Council budget vote set for Monday\n\n' +
  'The mayor said the budget would pass. "We are ready," Jones told reporters.\n\n' +
  'Critics argue that taxes will rise. A spokesman claimed the vote is next week.\n';

// The human side: three attributions, then two malformed lines (16 and 17) to be skipped.
const ANN = [
  'T1\tSource 36 45\tThe mayor',
  'T2\tCue 46 50\tsaid',
  'T3\tContent 51 72\tthe budget would pass',
  'T4\tAttribution 46 50\tsaid',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
  'T5\tContent 74 89\t"We are ready,"',
  'T6\tSource 90 95\tJones',
  'T7\tCue 96 100\ttold',
  'T8\tAttribution 96 100\ttold',
  'E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7',
  'T9\tSource 113 120\tCritics',
  'T10\tCue 121 126\targue',
  'T11\tContent 132 147\ttaxes will rise',
  'T12\tAttribution 121 126\targue',
  'E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11',
  'T13\tSource 12 x\tbroken',
  'E4\tAttribution:T12 Content:T99',
  '',
].join('\n');

const span = (start: number, end: number) => ({ start, end, text: TEXT.slice(start, end) });

// The NewsLens side, as quotes of an analysis:
//   q1 = E1 with the full stop (22 vs 21 characters: a match), same source and cue;
//   q2 = E2's words, but with "reporters" as its source (a match whose source differs);
//   q3 = "the vote is next week", which the human did not annotate (an extra, nothing overlaps it);
//   q4 = "Critics argue that taxes": it overlaps E3 by "taxes" only, 5 of 15 and 24 characters, short
//        of half of either (so E3 is a miss and q4 an extra, each the other's closest).
const QUOTES: Quote[] = [
  { id: 'q1', kind: 'indirect', content: [{ start: 51, end: 73 }], cue: span(46, 50), source: span(36, 45), speaker: null, anonymous: false, confidence: 1 },
  { id: 'q2', kind: 'direct', content: [{ start: 74, end: 89 }], cue: span(96, 100), source: span(101, 110), speaker: null, anonymous: false, confidence: 1 },
  { id: 'q3', kind: 'indirect', content: [{ start: 169, end: 190 }], cue: span(161, 168), source: span(149, 160), speaker: null, anonymous: false, confidence: 1 },
  { id: 'q4', kind: 'indirect', content: [{ start: 113, end: 137 }], cue: null, source: null, speaker: null, anonymous: false, confidence: 1 },
];

function analysisOf(text: string, quotes: Quote[]): Analysis {
  return { schema: 'newslens/1', length: text.length, body: { start: 0, end: text.length }, entities: [], quotes, credits: [] };
}

describe('compare: NewsLens against a hand-made human annotation', () => {
  const human = parseBratAttributions(ANN);
  const cmp = compareArticle(TEXT, human.attributions, quotesToAttributions(QUOTES));

  it('the fixture is what it claims: every T record names the text at its offsets', () => {
    for (const t of human.textBounds.values()) {
      assert.equal(t.spans.map((s) => TEXT.slice(s.start, s.end)).join(' '), t.text, t.id);
    }
  });

  it('reads three attributions and reports the two malformed lines with their line numbers', () => {
    assert.deepEqual(human.attributions.map((a) => a.id), ['E1', 'E2', 'E3']);
    assert.deepEqual(
      human.skipped.map((s) => s.line),
      [16, 17],
    );
    assert.match(human.skipped[0]!.reason, /unreadable offsets/);
    assert.match(human.skipped[1]!.reason, /E4: Content refers to T99, which is not defined/);
  });

  it('sorts agreements, misses and extras as worked out by hand, in text order', () => {
    assert.deepEqual(
      cmp.items.map((i) => `${i.verdict} ${i.human?.id ?? '-'} ${i.newslens?.id ?? '-'}`),
      ['agreement E1 q1', 'agreement E2 q2', 'extra - q4', 'miss E3 -', 'extra - q3'],
    );
    const [e1, e2, q4, e3, q3] = cmp.items;
    assert.equal(e1!.sourceAgrees, true);
    assert.equal(e1!.cueAgrees, true);
    assert.equal(e2!.sourceAgrees, false, '"Jones" against "reporters"');
    assert.equal(e2!.cueAgrees, true);
    assert.deepEqual([e3!.nearest?.attribution.id, e3!.nearest?.overlap], ['q4', 5]);
    assert.deepEqual([q4!.nearest?.attribution.id, q4!.nearest?.overlap], ['E3', 5]);
    assert.equal(q3!.nearest, null);
  });

  it('scores it by hand: all P 50 R 66.67 F1 57.14, quoted 100, unquoted P 33.33 R 50 F1 40, source 50%, cue 100%', () => {
    const f = cmp.figures;
    assert.deepEqual(f.all, { gold: 3, system: 4, matched: 2, precision: 50, recall: 66.67, f1: 57.14 });
    assert.deepEqual(f.quoted, { gold: 1, system: 1, matched: 1, precision: 100, recall: 100, f1: 100 });
    assert.deepEqual(f.unquoted, { gold: 2, system: 3, matched: 1, precision: 33.33, recall: 50, f1: 40 });
    assert.deepEqual(f.source, { agree: 1, total: 2, rate: 50 });
    assert.deepEqual(f.cue, { agree: 2, total: 2, rate: 100 });
  });

  it('gives the same figures as `eval` on the same article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslens-compare-'));
    try {
      mkdirSync(join(dir, 'text'));
      mkdirSync(join(dir, 'attributions'));
      writeFileSync(join(dir, 'text', 'council.txt'), TEXT);
      writeFileSync(join(dir, 'attributions', 'council_hand.ann'), ANN);
      const report = evaluate(dir, { analyzer: (t) => analysisOf(t, QUOTES), warmup: 0 });
      const { source, cue, ...prfs } = report.newslens;
      assert.deepEqual({ ...prfs, source, cue }, cmp.figures);
      assert.equal(report.skippedAnnotationLines, human.skipped.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws NewsLens content for agreements and extras and the human content for misses', () => {
    const plan = comparePlan(cmp);
    assert.deepEqual(plan.agreement, [{ start: 51, end: 73 }, { start: 74, end: 89 }]);
    assert.deepEqual(plan.miss, [{ start: 132, end: 147 }]);
    assert.deepEqual(plan.extra, [{ start: 113, end: 137 }, { start: 169, end: 190 }]);
  });

  it('says in the hover which it is and shows the other side', () => {
    const agree = compareHoverAt(TEXT, cmp, 60)!;
    assert.deepEqual(agree.span, { start: 51, end: 73 });
    assert.match(agree.markdown, /^\*\*Agreement\*\*/);
    assert.match(agree.markdown, /\*\*Human\*\* `E1` · source “The mayor” \(36–45\) · cue “said” · content 51–72/);
    assert.match(agree.markdown, /\*\*NewsLens\*\* `q1` · source “The mayor”/);
    assert.match(agree.markdown, /\*\*Source\*\* agrees · \*\*cue\*\* agrees/);

    const differs = compareHoverAt(TEXT, cmp, 80)!;
    assert.match(differs.markdown, /\*\*Human\*\* `E2` · source “Jones” \(90–95\)/);
    assert.match(differs.markdown, /\*\*NewsLens\*\* `q2` · source “reporters” \(101–110\)/);
    assert.match(differs.markdown, /\*\*Source\*\* differs/);

    // On "taxes": both the miss and the extra that overlaps it.
    const both = compareHoverAt(TEXT, cmp, 133)!;
    assert.match(both.markdown, /\*\*Miss\*\* \(human only\)/);
    assert.match(both.markdown, /\*\*Extra\*\* \(NewsLens only\)/);
    assert.match(both.markdown, /\*\*Closest NewsLens quote\*\* \(overlaps 5 of its 24 characters and of this one's 15/);

    const alone = compareHoverAt(TEXT, cmp, 175)!;
    assert.match(alone.markdown, /^\*\*Extra\*\*/);
    assert.match(alone.markdown, /No human attribution overlaps it\./);

    assert.equal(compareHoverAt(TEXT, cmp, 5), null, 'nothing on the headline');
  });

  it('summarises with the table eval prints, one decimal, then misses and extras', () => {
    const md = compareSummaryMarkdown(TEXT, cmp, 'council.txt', 'council.ann', human.skipped.length);
    assert.ok(md.includes('| all | 3 | 4 | 2 | 50.0 | 66.7 | 57.1 |'), md);
    assert.ok(md.includes('| quoted | 1 | 1 | 1 | 100.0 | 100.0 | 100.0 |'), md);
    assert.ok(md.includes('| unquoted | 2 | 3 | 1 | 33.3 | 50.0 | 40.0 |'), md);
    assert.ok(md.includes('Source agrees on matched pairs: 50.0% (1 of 2)'), md);
    assert.ok(md.includes('Cue agrees on matched pairs: 100.0% (2 of 2)'), md);
    assert.ok(md.includes('(2 unreadable lines skipped)'), md);
    assert.ok(md.includes('## Misses (human only): 1'), md);
    assert.ok(md.includes('## Extras (NewsLens only): 2'), md);
    assert.ok(md.includes('## Agreements whose source differs: 1'), md);
  });

  it('draws the human annotation alone by role, with a hover naming the role', () => {
    const plan = humanPlan(human.attributions);
    assert.deepEqual(plan.content, [{ start: 51, end: 72 }, { start: 74, end: 89 }, { start: 132, end: 147 }]);
    assert.deepEqual(plan.cue, [{ start: 46, end: 50 }, { start: 96, end: 100 }, { start: 121, end: 126 }]);
    assert.deepEqual(plan.source, [{ start: 36, end: 45 }, { start: 90, end: 95 }, { start: 113, end: 120 }]);
    const onJones = humanHoverAt(TEXT, human.attributions, 92, 'council.ann')!;
    assert.deepEqual(onJones.span, { start: 90, end: 95 });
    assert.match(onJones.markdown, /^\*\*Human annotation\*\* \(council\.ann\), the source of/);
    assert.match(onJones.markdown, /`E2` · source “Jones”/);
    assert.equal(humanHoverAt(TEXT, human.attributions, 73, 'council.ann'), null, 'the full stop is no one\'s');
  });

  it('turns attributions into quotes with a kind read from the quotation marks', () => {
    const { quotes, lossy } = attributionsToQuotes(TEXT, human.attributions);
    assert.deepEqual(quotes.map((q) => [q.id, q.kind, q.source?.text, q.cue?.text]), [
      ['E1', 'indirect', 'The mayor', 'said'],
      ['E2', 'direct', 'Jones', 'told'],
      ['E3', 'indirect', 'Critics', 'argue'],
    ]);
    assert.deepEqual(lossy, []);
    const mixedText = 'He said the plan was "a disaster" for all.';
    const mixed = attributionsToQuotes(mixedText, [{ id: 'E1', content: [{ start: 8, end: 41 }], source: [{ start: 0, end: 2 }, { start: 3, end: 7 }], cue: null }]);
    assert.equal(mixed.quotes[0]!.kind, 'mixed');
    assert.deepEqual(mixed.lossy, [{ id: 'E1', role: 'source' }], 'a source of two pieces becomes one span, and says so');
    assert.deepEqual(mixed.quotes[0]!.source, { start: 0, end: 7, text: 'He said' });
  });
});

// ───────────── corpus articles ─────────────

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(join(d, 'package.json'))) d = resolve(d, '..');
  return d;
}

const DEV = resolve(findRoot(__dirname), '..', 'shared', 'corpus', 'polnear', 'dev');

describe('compare on PolNeAR dev articles: the same scores as eval', function () {
  this.timeout(120_000);

  it('equals eval article by article (the first 4 articles by name and each with several annotators)', function () {
    if (!existsSync(join(DEV, 'text'))) {
      console.log(`      skipped: the corpus is absent (${DEV})`);
      this.skip();
    }
    const annFiles = readdirSync(join(DEV, 'attributions'));
    const names = readdirSync(join(DEV, 'text')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    const several = names.filter((n) => annFiles.filter((f) => annotatorFile(n, [f]) !== undefined).length > 1);
    const picked = [...new Set([...names.slice(0, 4), ...several.slice(0, 2)])];
    assert.ok(picked.length >= 4);
    const dir = mkdtempSync(join(tmpdir(), 'newslens-compare-corpus-'));
    try {
      for (const name of picked) {
        // One article per gold folder (a temporary copy outside the repository), so eval's figures are that article's.
        const gold = join(dir, name);
        mkdirSync(join(gold, 'text'), { recursive: true });
        mkdirSync(join(gold, 'attributions'));
        const text = readFileSync(join(DEV, 'text', `${name}.txt`), 'utf8');
        writeFileSync(join(gold, 'text', `${name}.txt`), text);
        for (const f of annFiles.filter((f) => annotatorFile(name, [f]) !== undefined)) {
          writeFileSync(join(gold, 'attributions', f), readFileSync(join(DEV, 'attributions', f)));
        }
        const analysis = analyze(text);
        const report = evaluate(gold, { analyzer: () => analysis, warmup: 0 });
        const ann = annotatorFile(name, annFiles)!;
        const human = parseBratAttributions(readFileSync(join(DEV, 'attributions', ann), 'utf8'));
        const cmp = compareArticle(text, human.attributions, quotesToAttributions(analysis.quotes));
        const { source, cue, ...prfs } = report.newslens;
        assert.deepEqual(cmp.figures, { ...prfs, source, cue }, name);
        const counts = { agreement: 0, miss: 0, extra: 0 };
        for (const i of cmp.items) counts[i.verdict]++;
        assert.deepEqual(counts, {
          agreement: report.newslens.all.matched,
          miss: report.newslens.all.gold - report.newslens.all.matched,
          extra: report.newslens.all.system - report.newslens.all.matched,
        }, name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ───────────── a corrected article as gold ─────────────

// A made-up article (offsets by hand): NewsLens finds the mayor's (51-107), Jones's (109-124), the
// critics' (171-219) and the spokesman's (241-262) attributions, and not the treasurer's (295-344).
const COUNCIL =
  'Council budget vote set for Monday\n\n' +
  'The mayor said the budget would pass after a long debate in the chamber. "We are ready," Jones told reporters on Friday.\n\n' +
  'Critics fear that taxes will rise for most families next year. A spokesman claimed the vote is next week.\n\n' +
  'In the view of the treasurer, the reserves are large enough to cover a bad year.\n';

describe('eval with a corrections sidecar as gold (an article without an .ann)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-sidecar-gold-'));
    mkdirSync(join(dir, 'text'));
    writeFileSync(join(dir, 'text', 'council.txt'), COUNCIL);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scores NewsLens against what a person reviewed: two quotes confirmed, one removed, one added; the critics\' (unreviewed) left out, by hand 66.67', () => {
    const raw = analyze(COUNCIL);
    assert.deepEqual(raw.quotes.map((q) => [q.content[0]!.start, q.content[0]!.end]), [[51, 107], [109, 124], [171, 219], [241, 262]], 'the premise');
    const [mayor, jones, , spokesman] = raw.quotes as [Quote, Quote, Quote, Quote];
    const who = (q: Quote) => (q.speaker === null ? null : { name: raw.entities.find((e) => e.id === q.speaker)!.name });
    const sidecar = {
      format: SIDECAR_FORMAT,
      version: SIDECAR_VERSION,
      corrections: [
        newCorrection({ op: 'confirm', quote: quoteAnchor(COUNCIL, mayor), speaker: who(mayor) }),
        newCorrection({ op: 'confirm', quote: quoteAnchor(COUNCIL, jones), speaker: who(jones) }),
        newCorrection({ op: 'remove', quote: quoteAnchor(COUNCIL, spokesman) }),
        newCorrection({ op: 'add', kind: 'indirect', content: [makeAnchor(COUNCIL, 295, 344)], cue: makeAnchor(COUNCIL, 265, 279), speaker: { name: 'the treasurer' } }),
      ],
    };
    writeFileSync(join(dir, 'text', 'council.txt.newslens.json'), serializeSidecar(sidecar));
    const report = evaluate(dir, { warmup: 0 });
    assert.deepEqual(report.sidecarGold, ['council']);
    assert.deepEqual(report.sidecarReviewed, [{ name: 'council', reviewed: 3, leftOut: 1 }]);
    // Gold: the mayor's, Jones's (confirmed), the treasurer's (added). NewsLens: the mayor's, Jones's,
    // the spokesman's (removed by hand: an extra); the critics' is nobody's gold, left out on both sides.
    assert.deepEqual(report.newslens.all, { gold: 3, system: 3, matched: 2, precision: 66.67, recall: 66.67, f1: 66.67 });
    assert.deepEqual(report.newslens.quoted, { gold: 1, system: 1, matched: 1, precision: 100, recall: 100, f1: 100 });
    assert.deepEqual(report.newslens.unquoted, { gold: 2, system: 2, matched: 1, precision: 50, recall: 50, f1: 50 });
    assert.match(formatReport(report), /1 article, 3 gold attributions \(first annotator of each article\), 1 article scored against its corrections sidecar/);
    assert.match(formatReport(report), /council: 3 reviewed quotes used as gold, 1 unreviewed quote left out of the scoring/);
  });

  it('an empty sidecar is no gold: nothing is scored (no perfect score for nothing), and the article is reported unreviewed', () => {
    writeFileSync(join(dir, 'text', 'council.txt.newslens.json'), serializeSidecar({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION, corrections: [] }));
    const report = evaluate(dir, { warmup: 0 });
    assert.deepEqual([report.newslens.all.gold, report.newslens.all.system, report.newslens.all.matched], [0, 0, 0]);
    assert.notEqual(report.newslens.all.f1, 100);
    assert.match(formatReport(report), /council: unreviewed \(its sidecar confirms, corrects or adds no quote; 4 quotes of NewsLens's left out\)/);
  });

  it('refuses a malformed sidecar with one line naming it, and wants attributions/ when no article has a sidecar', () => {
    writeFileSync(join(dir, 'text', 'council.txt.newslens.json'), '{ not json');
    assert.throws(() => evaluate(dir, { warmup: 0 }), (e: unknown) => e instanceof EvalInputError && e.message.includes('council.txt.newslens.json'));
    rmSync(join(dir, 'text', 'council.txt.newslens.json'));
    assert.throws(() => evaluate(dir, { warmup: 0 }), /has no attributions\/ folder/);
  });
});
