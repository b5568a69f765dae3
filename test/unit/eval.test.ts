// The evaluation: brat reading, the half-coverage matching rule, scoring, the command.
// All texts here are made up for these tests (no corpus text in the repository: licence).

import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Analysis, Quote, Span } from '../../src/core';
import { parseBratAttributions, readBrat, type Attribution } from '../../src/cli/brat-read';
import {
  evaluate,
  formatErrors,
  formatReport,
  halfCovers,
  isQuoted,
  matchAttributions,
  percentile,
  prf,
  reportToJson,
  scoreArticle,
  truncateMiddle,
} from '../../src/cli/eval';
import { missedThresholds, parseEvalArgs, runEval, type EvalEnv } from '../../src/cli/eval-cmd';

// ───────────── helpers ─────────────

/** The span of the n-th occurrence (0-based) of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(needle, start + 1);
    assert.notEqual(start, -1, `"${needle}" not in test text`);
  }
  return { start, end: start + needle.length };
}

function attr(id: string, content: Span[], source: Span[] | null = null, cue: Span[] | null = null): Attribution {
  return { id, content, source, cue };
}

/** A brat T line for `needle` in `text`. */
function tLine(id: string, label: string, text: string, needle: string, nth = 0): string {
  const s = at(text, needle, nth);
  return `${id}\t${label} ${s.start} ${s.end}\t${needle}`;
}

function quote(id: string, text: string, content: string, source: string | null, cue: string | null): Quote {
  const span = (s: string | null) => (s === null ? null : { ...at(text, s), text: s });
  return { id, kind: 'direct', content: [at(text, content)], cue: span(cue), source: span(source), speaker: null, anonymous: false, confidence: 1 };
}

function analysisOf(text: string, quotes: Quote[]): Analysis {
  return { schema: 'newslens/1', length: text.length, body: { start: 0, end: text.length }, entities: [], quotes, credits: [] };
}

/** Captured output; the synthetic system unless `analyzer` is given. */
function captureIO(analyzer: (text: string) => Analysis = fakeAnalyze): EvalEnv & { stdout: string; stderr: string } {
  const io = {
    analyzer,
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
  };
  return io;
}

// ───────────── made-up articles ─────────────

const ARTICLE_A = [
  'Harbor bridge to stay shut until spring',
  '',
  'Mayor Lina Ortez said the harbor bridge would reopen in May.',
  '',
  '“We are not done yet,” Ortez told reporters. “The cables need work.”',
  '',
  'Engineers believe the repairs will cost more than planned.',
  '',
].join('\n');

const ANN_A = [
  tLine('T1', 'Source', ARTICLE_A, 'Mayor Lina Ortez'),
  tLine('T2', 'Cue', ARTICLE_A, 'said'),
  tLine('T3', 'Content', ARTICLE_A, 'the harbor bridge would reopen in May'),
  tLine('T4', 'Attribution', ARTICLE_A, 'said'),
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
  tLine('T5', 'Source', ARTICLE_A, 'Ortez', 1),
  tLine('T6', 'Cue', ARTICLE_A, 'told'),
  tLine('T7', 'Content', ARTICLE_A, '“We are not done yet,”'),
  tLine('T8', 'Content', ARTICLE_A, '“The cables need work.”'),
  tLine('T9', 'Attribution', ARTICLE_A, 'told'),
  'E2\tAttribution:T9 Content:T7 Cue:T6 Source:T5 Content2:T8',
  tLine('T10', 'Source', ARTICLE_A, 'Engineers'),
  tLine('T11', 'Cue', ARTICLE_A, 'believe'),
  tLine('T12', 'Content', ARTICLE_A, 'the repairs will cost more than planned'),
  tLine('T13', 'Attribution', ARTICLE_A, 'believe'),
  'E3\tAttribution:T13 Cue:T11 Content:T12 Source:T10',
  '',
].join('\n');

// ───────────── brat reading ─────────────

describe('brat-read', () => {
  it('reads an attribution with its source, cue and content spans', () => {
    const { attributions, skipped } = parseBratAttributions(ANN_A);
    assert.equal(skipped.length, 0);
    assert.equal(attributions.length, 3);
    const [e1] = attributions;
    assert.deepEqual(e1, {
      id: 'E1',
      content: [at(ARTICLE_A, 'the harbor bridge would reopen in May')],
      source: [at(ARTICLE_A, 'Mayor Lina Ortez')],
      cue: [at(ARTICLE_A, 'said')],
    });
  });

  it('concatenates repeated roles (Content2) in text order, whatever the role order', () => {
    const e2 = parseBratAttributions(ANN_A).attributions[1];
    assert.deepEqual(e2?.content, [at(ARTICLE_A, '“We are not done yet,”'), at(ARTICLE_A, '“The cables need work.”')]);
    assert.deepEqual(e2?.source, [at(ARTICLE_A, 'Ortez', 1)]);
  });

  it('reads discontinuous spans, sorting their pieces', () => {
    const ann = 'T1\tContent 30 40;5 12\tlater piece earlier\nT2\tCue 20 24\tsaid\nE1\tAttribution-no-source:T2 Cue:T2 Content:T1\n';
    const { attributions } = parseBratAttributions(ann);
    assert.deepEqual(attributions[0]?.content, [
      { start: 5, end: 12 },
      { start: 30, end: 40 },
    ]);
  });

  it('gives a null source to Attribution-no-source', () => {
    const ann = 'T1\tCue 0 4\tsaid\nT2\tContent 5 20\tthe plan failed\nT3\tAttribution-no-source 0 4\tsaid\nE1\tAttribution-no-source:T3 Content:T2 Cue:T1\n';
    const [a] = parseBratAttributions(ann).attributions;
    assert.equal(a?.source, null);
    assert.deepEqual(a?.cue, [{ start: 0, end: 4 }]);
  });

  it('keeps text that runs over several lines, blank lines included, with the next record intact', () => {
    const ann = [
      'T1\tContent 0 50\tThe first line of a long quote',
      '',
      'and its second paragraph',
      'T2\tSource 60 63\tAda',
      '# a note that begins a record of its own',
      'E1\tAttribution:T2 Source:T2 Content:T1',
    ].join('\n');
    const doc = readBrat(ann);
    assert.equal(doc.textBounds.get('T1')?.text, 'The first line of a long quote\n\nand its second paragraph');
    assert.equal(doc.textBounds.get('T2')?.text, 'Ada');
    assert.equal(doc.skipped.length, 0);
    assert.equal(parseBratAttributions(ann).attributions.length, 1);
  });

  it('skips and counts malformed lines and unresolvable events, keeping the rest', () => {
    const ann = [
      'stray text before any record',
      'T1\tSource 0 3\tAda',
      'T2\tContent ten 20\tbad offsets',
      'T3\tContent 20 10\tends before it starts',
      'T4\tCue',
      'T5\tContent 10 30\tthe vote was rigged',
      'T6\tCue 5 9\tsaid',
      'E1\tAttribution:T6 Source:T1 Cue:T6 Content:T5',
      'E2\tAttribution:T6 Source:T1 Content:T99',
      'E3\tAttribution:T6 Source:T1 Cue:T6',
      'E4\tAttribution:T6 Content=T5',
      'E5\t',
    ].join('\r\n');
    const { attributions, skipped } = parseBratAttributions(ann);
    assert.deepEqual(attributions.map((a) => a.id), ['E1']);
    assert.equal(skipped.length, 8);
    assert.deepEqual(skipped.map((s) => s.line).sort((a, b) => a - b), [1, 3, 4, 5, 9, 10, 11, 12]);
    assert.match(skipped.find((s) => s.line === 9)?.reason ?? '', /T99/);
  });
});

// ───────────── the matching rule ─────────────

describe('eval matching', () => {
  const s = (start: number, end: number): Span => ({ start, end });

  it('matches when the overlap is exactly half of each side', () => {
    assert.equal(halfCovers([s(0, 10)], [s(5, 15)]), true);
    assert.equal(halfCovers([s(0, 10)], [s(5, 10)]), true);
  });

  it('does not match when the overlap is less than half of either side', () => {
    assert.equal(halfCovers([s(0, 10)], [s(6, 16)]), false, 'less than half of both');
    assert.equal(halfCovers([s(0, 4)], [s(0, 10)]), false, 'all of gold, less than half of system');
    assert.equal(halfCovers([s(0, 10)], [s(10, 20)]), false, 'touching is not overlapping');
    assert.equal(halfCovers([s(3, 3)], [s(3, 3)]), false, 'empty spans never match');
  });

  it('measures the union of the pieces', () => {
    assert.equal(halfCovers([s(0, 5), s(10, 15)], [s(0, 15)]), true, '10 of 10 and 10 of 15');
    assert.equal(halfCovers([s(0, 5), s(3, 8)], [s(0, 8)]), true, 'overlapping pieces count once');
    assert.equal(halfCovers([s(0, 2), s(20, 30)], [s(0, 12)]), false, '2 of 12 and of 12');
  });

  it('is one to one', () => {
    const gold = [attr('E1', [s(0, 10)])];
    const system = [attr('q1', [s(0, 10)]), attr('q2', [s(1, 10)])];
    assert.deepEqual(matchAttributions(gold, system), [{ gold: 0, system: 0, overlap: 10 }]);
  });

  it('finds the most pairs where greedy by overlap would not', () => {
    // X covers A and B equally; greedy takes A-X and strands B; Y only fits A.
    const gold = [attr('A', [s(0, 10)]), attr('B', [s(4, 14)])];
    const system = [attr('X', [s(2, 12)]), attr('Y', [s(0, 6)])];
    const pairs = matchAttributions(gold, system).map((p) => `${gold[p.gold]?.id}-${system[p.system]?.id}`);
    assert.deepEqual(pairs, ['A-Y', 'B-X']);
  });

  it('is deterministic on ties', () => {
    const gold = [attr('A', [s(0, 10)]), attr('B', [s(0, 10)])];
    const system = [attr('X', [s(0, 10)]), attr('Y', [s(0, 10)])];
    assert.deepEqual(matchAttributions(gold, system), matchAttributions(gold, system));
    assert.deepEqual(matchAttributions(gold, system).map((p) => [p.gold, p.system]), [[0, 0], [1, 1]]);
  });
});

// ───────────── scoring ─────────────

describe('eval scoring', () => {
  const gold = parseBratAttributions(ANN_A).attributions;

  it('tells quoted from unquoted contents by double quotation marks only', () => {
    const text = 'She said "yes" and ‘maybe’ and “no” today.';
    assert.equal(isQuoted(text, [at(text, '"yes"')]), true);
    assert.equal(isQuoted(text, [at(text, '“no”')]), true);
    assert.equal(isQuoted(text, [at(text, '“no')]), true, 'one mark is enough');
    assert.equal(isQuoted(text, [at(text, '‘maybe’')]), false, 'single quotes do not count');
    assert.equal(isQuoted(text, [at(text, 'said'), at(text, 'today')]), false);
  });

  it('scores all, quoted and unquoted, each side split by the same rule', () => {
    const system = [
      // the quoted gold E2 without its quotation marks: a match in "all", but unquoted on the system side
      attr('q1', [at(ARTICLE_A, 'We are not done yet,'), at(ARTICLE_A, 'The cables need work.')], [at(ARTICLE_A, 'Ortez', 1)]),
      // E1, exactly
      attr('q2', [at(ARTICLE_A, 'the harbor bridge would reopen in May')], [at(ARTICLE_A, 'Lina Ortez')], [at(ARTICLE_A, 'said')]),
      // quoted, but too small a piece of E2 to match it
      attr('q3', [at(ARTICLE_A, '“We are')]),
    ];
    const score = scoreArticle(ARTICLE_A, gold, system);
    assert.deepEqual(score.all, { gold: 3, system: 3, matched: 2 });
    assert.deepEqual(score.quoted, { gold: 1, system: 1, matched: 0 });
    assert.deepEqual(score.unquoted, { gold: 2, system: 2, matched: 1 });
    const f = prf(score.all);
    assert.equal(f.precision, 66.67);
    assert.equal(f.recall, 66.67);
    assert.equal(f.f1, 66.67);
  });

  it('a quoted gold and an unquoted system attribution match in all, in neither subset', () => {
    const text = 'Ada said “the vote was rigged” on Monday.';
    const g = [attr('E1', [at(text, '“the vote was rigged”')])];
    const sys = [attr('q1', [at(text, 'the vote was rigged')])];
    const score = scoreArticle(text, g, sys);
    assert.equal(score.all.matched, 1);
    assert.deepEqual(score.quoted, { gold: 1, system: 0, matched: 0 });
    assert.deepEqual(score.unquoted, { gold: 0, system: 1, matched: 0 });
  });

  it('measures source and cue agreement on matched pairs', () => {
    const system = [
      attr('q1', gold[0]?.content ?? [], [at(ARTICLE_A, 'Lina Ortez')], [at(ARTICLE_A, 'said')]), // 10 of 16: agrees
      attr('q2', gold[1]?.content ?? [], [at(ARTICLE_A, 'Mayor')], null), // wrong source, no cue
      attr('q3', gold[2]?.content ?? [], null, [at(ARTICLE_A, 'believe')]), // source missing
    ];
    const score = scoreArticle(ARTICLE_A, gold, system);
    assert.deepEqual(score.source, { agree: 1, total: 3 });
    assert.deepEqual(score.cue, { agree: 2, total: 3 });
    const noSource = [attr('E1', [at(ARTICLE_A, 'Engineers')])];
    assert.deepEqual(scoreArticle(ARTICLE_A, noSource, [attr('q', noSource[0]?.content ?? [])]).source, { agree: 1, total: 1 }, 'both absent agree');
  });

  it('has a median and p95 by linear interpolation', () => {
    assert.equal(percentile([], 0.5), null);
    assert.equal(percentile([3, 1, 2], 0.5), 2);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(percentile([...Array(21).keys()], 0.95), 19);
  });

  it('cuts long text in the middle, keeping both ends', () => {
    const long = 'start ' + 'word '.repeat(100) + 'finish';
    const cut = truncateMiddle(long, 60);
    assert.equal(cut.length, 60);
    assert.ok(cut.startsWith('start word') && cut.endsWith('finish') && cut.includes(' [...] '));
    assert.equal(truncateMiddle('two\n\nlines'), 'two lines');
  });
});

// ───────────── the whole run on a made-up gold folder ─────────────

const ARTICLE_B = 'Council votes on the budget\n\nThe council will vote on Friday, a spokesman said.\n';
const ANN_B = [
  tLine('T1', 'Source', ARTICLE_B, 'a spokesman'),
  tLine('T2', 'Cue', ARTICLE_B, 'said'),
  tLine('T3', 'Content', ARTICLE_B, 'The council will vote on Friday'),
  tLine('T4', 'Attribution', ARTICLE_B, 'said'),
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  '',
].join('\n');

/** The synthetic system: finds E1 and the quote of article A (wrong source), adds one extra; misses B. */
function fakeAnalyze(text: string): Analysis {
  if (text !== ARTICLE_A) return analysisOf(text, []);
  return analysisOf(text, [
    quote('q1', text, 'the harbor bridge would reopen in May', 'Mayor Lina Ortez', 'said'),
    quote('q2', text, '“We are not done yet,” Ortez told reporters. “The cables need work.”', 'reporters', 'told'),
    quote('q3', text, 'Harbor bridge to stay shut until spring', null, null),
  ]);
}

describe('eval run', () => {
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-eval-'));
    mkdirSync(join(dir, 'text'));
    mkdirSync(join(dir, 'attributions'));
    writeFileSync(join(dir, 'text', 'alpha_2020-01-01_bridge.txt'), ARTICLE_A);
    writeFileSync(join(dir, 'attributions', 'alpha_2020-01-01_bridge_aa11.ann'), ANN_A);
    // a second annotator, later by name: must be ignored
    writeFileSync(join(dir, 'attributions', 'alpha_2020-01-01_bridge_bb22.ann'), 'T1\tContent 0 10\tHarbor bri\nE1\tAttribution:T1 Content:T1\n');
    writeFileSync(join(dir, 'text', 'beta_2020-01-02_budget.txt'), ARTICLE_B);
    writeFileSync(join(dir, 'attributions', 'beta_2020-01-02_budget_aa11.ann'), ANN_B);
    writeFileSync(join(dir, 'text', 'gamma_unannotated.txt'), 'Nothing here.\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores the first annotator of every article, micro-averaged', () => {
    const report = evaluate(dir, { analyzer: fakeAnalyze, warmup: 0 });
    assert.equal(report.articles, 2);
    assert.deepEqual(report.unannotated, ['gamma_unannotated']);
    assert.equal(report.goldAttributions, 4);
    assert.deepEqual(report.newslens.all, { gold: 4, system: 3, matched: 2, precision: 66.67, recall: 50, f1: 57.14 });
    assert.deepEqual(report.newslens.quoted, { gold: 1, system: 1, matched: 1, precision: 100, recall: 100, f1: 100 });
    assert.equal(report.newslens.source.rate, 50);
    assert.equal(report.baseline, null);
    assert.equal(report.timing.compromise, null);
  });

  it('lists misses, extras and wrong sources per article, readably', () => {
    const report = evaluate(dir, { analyzer: fakeAnalyze, warmup: 0 });
    const [a, b] = report.errors;
    assert.deepEqual(a?.items.map((i) => `${i.what} ${i.id}`), ['extra q3', 'source E2', 'miss E3']);
    assert.deepEqual(b?.items.map((i) => `${i.what} ${i.id} ${i.kind}`), ['miss E1 unquoted']);
    const dump = formatErrors(report.errors);
    assert.match(dump, /== alpha_2020-01-01_bridge {2}gold 3, system 3, matched 2: 1 missed, 1 extra, 1 wrong source/);
    assert.match(dump, /MISS {3}gold E1 {2}unquoted @\d+-\d+\n {4}source: ⟨a spokesman⟩ {2}cue: ⟨said⟩\n {4}content: ⟨The council will vote on Friday⟩/);
    assert.match(dump, /SOURCE gold E2 ~ system q2 {2}quoted/);
    assert.match(dump, /gold {3}source: ⟨Ortez⟩/);
    assert.match(dump, /system source: ⟨reporters⟩/);
    assert.match(dump, /EXTRA {2}system q3 {2}unquoted/);
    assert.ok(!dump.includes('gamma'), 'articles without errors or annotations are left out');
  });

  it('scores compromise as a baseline and times both, with --baseline', () => {
    const report = evaluate(dir, { analyzer: fakeAnalyze, baseline: true, warmup: 1 });
    assert.ok(report.baseline);
    assert.deepEqual(report.baseline.quoted, { gold: 1, system: 2, matched: 1, precision: 50, recall: 100, f1: 66.67 });
    assert.equal(report.timing.articles, report.articles, 'one timing per scored article');
    const nlpTiming = report.timing.compromise;
    assert.ok(nlpTiming && nlpTiming.medianMs !== null && nlpTiming.p95Ms !== null);
    assert.ok(nlpTiming.medianMs > 0, `compromise took ${nlpTiming.medianMs} ms: nothing was timed`);
    assert.ok(nlpTiming.medianMs <= nlpTiming.p95Ms, `median ${nlpTiming.medianMs} above p95 ${nlpTiming.p95Ms}`);
    const table = formatReport(report);
    assert.match(table, /compromise quoted +1 +2 +1 +50\.0 +100\.0 +66\.7/);
    assert.match(table, /\(2 articles after 1 warm-up\)/);
    const shown = /nlp\(text\) +median ([\d.]+) +p95 ([\d.]+)/.exec(table);
    assert.ok(shown, table);
    assert.ok(Math.abs(Number(shown[1]) - nlpTiming.medianMs) < 0.06, `table shows median ${shown[1]}, measured ${nlpTiming.medianMs}`);
    assert.ok(Math.abs(Number(shown[2]) - nlpTiming.p95Ms) < 0.06, `table shows p95 ${shown[2]}, measured ${nlpTiming.p95Ms}`);
    const ratio = /ratio of medians analyze\/nlp: ([\d.]+)/.exec(table);
    assert.ok(ratio && report.timing.analyze.medianMs !== null, table);
    assert.ok(Math.abs(Number(ratio[1]) - report.timing.analyze.medianMs / nlpTiming.medianMs) < 0.01, `ratio ${ratio[1]}`);
    assert.equal('errors' in reportToJson(report), false);
  });

  it('runs as a command: table, JSON, errors file, exit 0', async () => {
    const io = captureIO();
    const errorsFile = join(dir, 'errors.txt');
    assert.equal(await runEval(['--gold', dir, '--json', '--errors', errorsFile], io), 0);
    assert.equal(io.stderr, '');
    const json = JSON.parse(io.stdout) as { articles: number; newslens: { all: { gold: number } } };
    assert.equal(json.articles, 2);
    assert.equal(json.newslens.all.gold, 4);
    assert.match(readFileSync(errorsFile, 'utf8'), /== beta_2020-01-02_budget/);
  });

  it('says "1 article", "1 gold attribution" when there is one', () => {
    const one = mkdtempSync(join(tmpdir(), 'newslens-eval-one-'));
    try {
      mkdirSync(join(one, 'text'));
      mkdirSync(join(one, 'attributions'));
      writeFileSync(join(one, 'text', 'beta_2020-01-02_budget.txt'), ARTICLE_B);
      writeFileSync(join(one, 'attributions', 'beta_2020-01-02_budget_aa11.ann'), ANN_B);
      const table = formatReport(evaluate(one, { analyzer: fakeAnalyze, warmup: 0 }));
      assert.match(table, /^1 article, 1 gold attribution \(/m);
      assert.match(table, /\(1 article after 0 warm-up\)/);
      assert.doesNotMatch(table, /\b1 (articles|gold attributions)\b/);
    } finally {
      rmSync(one, { recursive: true, force: true });
    }
  });

  it('refuses --json with --errors - (both on stdout): exit 2, one line, nothing run', async () => {
    let runs = 0;
    const io = captureIO((text) => (runs++, fakeAnalyze(text)));
    assert.equal(await runEval(['--gold', dir, '--json', '--errors', '-'], io), 2);
    assert.equal(io.stdout, '');
    assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
    assert.match(io.stderr, /^newslens eval: .*--json.*--errors -/);
    assert.equal(runs, 0);
    const alone = captureIO();
    assert.equal(await runEval(['--gold', dir, '--errors', '-'], alone), 0, 'the error list alone on stdout is fine');
    assert.match(alone.stdout, /== beta_2020-01-02_budget/);
  });

  it('fails at once, before the evaluation, on an --errors FILE that cannot be written', async () => {
    const targets = [
      join(dir, 'no-such-folder', 'errors.txt'), // its folder does not exist
      join(dir, 'text'), // a folder, not a file
      join(dir, 'text', 'alpha_2020-01-01_bridge.txt', 'errors.txt'), // under a file
    ];
    for (const target of targets) {
      let runs = 0;
      const io = captureIO((text) => (runs++, fakeAnalyze(text)));
      assert.equal(await runEval(['--gold', dir, '--errors', target], io), 2, target);
      assert.equal(runs, 0, `${target}: the evaluation ran first`);
      assert.equal(io.stdout, '', `${target}: figures printed before the failure`);
      const lines = io.stderr.trim().split('\n');
      assert.equal(lines.length, 1, io.stderr);
      assert.ok(lines[0]?.startsWith(`newslens eval: cannot write the errors file ${target}: `), lines[0]);
      assert.doesNotMatch(io.stderr, /ENOENT|EISDIR|ENOTDIR/);
    }
  });

  it('fails at once on an --errors FILE in a folder it may not write', async function () {
    if (process.getuid?.() === 0) {
      if (this.test) this.test.title += ' (skipped: running as root, which may write anywhere)';
      this.skip();
    }
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const io = captureIO();
      assert.equal(await runEval(['--gold', dir, '--errors', join(locked, 'errors.txt')], io), 2);
      assert.equal(io.stdout, '');
      assert.match(io.stderr, /^newslens eval: cannot write the errors file .*locked.*errors\.txt: permission denied\n$/);
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('states its exit statuses in --help', async () => {
    const io = captureIO();
    assert.equal(await runEval(['--help'], io), 0);
    const status = /Exit status:([\s\S]*)$/.exec(io.stdout)?.[1]?.replace(/\s+/g, ' ');
    assert.ok(status, io.stdout);
    assert.match(status, /\b0 [^,]*threshold met/);
    assert.match(status, /\b1 a threshold/);
    assert.match(status, /\b2 usage error/);
  });

  it('exits 1 when a figure is below its threshold, naming it', async () => {
    const io = captureIO();
    assert.equal(await runEval(['--gold', dir, '--min-all-f1', '60', '--min-quoted-f1', '100'], io), 1);
    assert.equal(io.stderr, 'newslens eval: all-attributions F1 57.14 is below the minimum 60\n');
    const report = evaluate(dir, { analyzer: fakeAnalyze, warmup: 0 });
    assert.deepEqual(missedThresholds(report, { allF1: 57, quotedF1: 100, source: 50 }), []);
    assert.equal(missedThresholds(report, { allF1: 58, source: 51 }).length, 2);
  });

  it('exits 2 with one clear line on bad input, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['--gold', join(dir, 'nowhere')], /gold folder not found: .*nowhere/],
      [['--gold', join(dir, 'text')], /has no text\/ folder/],
      [[], /--gold DIR is required/],
      [['--gold'], /--gold needs a value/],
      [['--gold', dir, '--min-quoted-f1', 'high'], /--min-quoted-f1 takes a percentage/],
      [['--gold', dir, '--frobnicate'], /unknown option --frobnicate/],
    ];
    for (const [argv, message] of cases) {
      const io = captureIO();
      assert.equal(await runEval(argv, io), 2, argv.join(' '));
      assert.match(io.stderr, message);
      assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
      assert.doesNotMatch(io.stderr, /\n\s+at /);
    }
    const empty = mkdtempSync(join(tmpdir(), 'newslens-eval-empty-'));
    mkdirSync(join(empty, 'text'));
    const io = captureIO();
    assert.equal(await runEval(['--gold', empty], io), 2);
    assert.match(io.stderr, /has no attributions\/ folder/);
    rmSync(empty, { recursive: true, force: true });
  });

  it('parses --name=value and a positional folder', () => {
    assert.deepEqual(parseEvalArgs(['--min-source=80', 'dir', '--baseline']), {
      gold: 'dir',
      baseline: true,
      json: false,
      errors: null,
      thresholds: { source: 80 },
    });
    assert.equal(parseEvalArgs(['--help']), 'help');
  });
});

// ───────────── the real corpus, when it is beside the checkout ─────────────

function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return resolve(from, '../../..');
    dir = up;
  }
  return dir;
}

describe('eval on PolNeAR dev', () => {
  it('runs the whole evaluation with the compromise baseline', function () {
    const dev = join(repoRoot(__dirname), '..', 'shared', 'corpus', 'polnear', 'dev');
    if (!existsSync(join(dev, 'text'))) {
      if (this.test) this.test.title += ` (skipped: the PolNeAR corpus is absent at ${dev})`;
      this.skip();
    }
    this.timeout(120000);
    const report = evaluate(dev, { baseline: true });
    assert.ok(report.articles > 50, `articles: ${report.articles}`);
    assert.ok(report.goldAttributions > 1000, `gold: ${report.goldAttributions}`);
    const f1 = report.baseline?.quoted.f1 ?? 0;
    assert.ok(f1 > 45 && f1 < 65, `compromise quoted F1 ${f1}, the issue cites 54.1`);
    assert.ok((report.timing.compromise?.medianMs ?? 0) > 0);
  });
});
