// What the editor shows of hand corrections (src/present/view.ts): the review line in a quote's
// hover, the review marks in the decoration plan, and the words for a correction that could not be
// placed. A made-up two-quote article with a hand-built analysis; expectations worked out by hand.

import { strict as assert } from 'node:assert';
import { SCHEMA, type Analysis, type Quote } from '../../src/core';
import type { Anchor, Correction, ReviewState } from '../../src/core/corrections';
import { ArticleView, describeCorrection, REVIEW_LABELS } from '../../src/present/view';

const TEXT = '"We are ready," Ada Klein said. The ferry will run in May, Tom Reyes added.';

function span(words: string): { start: number; end: number } {
  const start = TEXT.indexOf(words);
  assert.ok(start >= 0, words);
  return { start, end: start + words.length };
}

function textSpan(words: string) {
  return { ...span(words), text: words };
}

const q1: Quote = {
  id: 'q1',
  kind: 'direct',
  content: [span('"We are ready,"')],
  cue: textSpan('said'),
  source: textSpan('Ada Klein'),
  speaker: 'e1',
  anonymous: false,
  confidence: 0.9,
};
const q2: Quote = {
  id: 'q2',
  kind: 'indirect',
  content: [span('The ferry will run in May')],
  cue: textSpan('added'),
  source: textSpan('Tom Reyes'),
  speaker: 'e2',
  anonymous: false,
  confidence: 0.8,
};
const ANALYSIS: Analysis = {
  schema: SCHEMA,
  length: TEXT.length,
  body: { start: 0, end: TEXT.length },
  entities: [
    { id: 'e1', type: 'person', name: 'Ada Klein', title: null, mentions: [{ ...textSpan('Ada Klein'), via: 'name' }] },
    { id: 'e2', type: 'person', name: 'Tom Reyes', title: null, mentions: [{ ...textSpan('Tom Reyes'), via: 'name' }] },
  ],
  quotes: [q1, q2],
  credits: [],
};

const anchor = (words: string): Anchor => ({ ...span(words), text: words, before: '', after: '' });

describe('review state in the presentation', () => {
  it('without corrections, hovers say nothing about review and nothing is marked', () => {
    const view = new ArticleView(ANALYSIS, TEXT);
    assert.equal(view.reviewOf(q1), 'unreviewed');
    assert.doesNotMatch(view.quoteHover(q1), /review|by hand/i);
    assert.deepEqual(view.decorations().reviewed, { confirmed: [], corrected: [], added: [] });
    assert.deepEqual(view.unplaced, []);
  });

  it('with corrections, each quote’s hover says its state and the plan marks its extent', () => {
    const review = new Map<string, ReviewState>([
      ['q1', 'confirmed'],
      ['q2', 'corrected'],
    ]);
    const view = new ArticleView(ANALYSIS, TEXT, { review, unplaced: [] });
    const h1 = view.quoteHover(q1).split('  \n');
    assert.equal(h1[0], '**Direct quote**');
    assert.equal(h1[1], '**Reviewed: confirmed**');
    assert.equal(view.quoteHover(q2).split('  \n')[1], '**Corrected by hand**');
    const plan = view.decorations();
    // "We are ready," with its marks is characters 0–15; "The ferry will run in May" starts at 32.
    assert.deepEqual(plan.reviewed.confirmed, [{ start: 0, end: 15 }]);
    assert.deepEqual(plan.reviewed.corrected, [{ start: 32, end: 57 }]);
    assert.deepEqual(plan.reviewed.added, []);
  });

  it('a quote missing from the review map reads as not reviewed yet once the article has a sidecar', () => {
    const view = new ArticleView(ANALYSIS, TEXT, { review: new Map(), unplaced: [] });
    assert.equal(view.reviewOf(q2), 'unreviewed');
    assert.equal(view.quoteHover(q2).split('  \n')[1], `**${REVIEW_LABELS.unreviewed}**`);
    assert.equal(REVIEW_LABELS.unreviewed, 'Not reviewed yet');
    assert.equal(REVIEW_LABELS.added, 'Added by hand');
  });

  it('names each kind of correction for the "Could not be placed" list', () => {
    const base = { id: 'x', at: '2026-11-28T10:00:00.000Z' };
    const cases: [Correction, string, string][] = [
      [{ ...base, op: 'speaker', quote: anchor('"We are ready,"'), speaker: { name: 'Tom Reyes' } }, '"We are ready,"', 'speaker set to Tom Reyes'],
      [{ ...base, op: 'speaker', quote: anchor('"We are ready,"'), speaker: null }, '"We are ready,"', 'speaker removed'],
      [
        { ...base, op: 'add', kind: 'indirect', content: [anchor('The ferry will run in May')], cue: null, speaker: { name: 'Tom Reyes' } },
        'The ferry will run in May',
        'added as reported quote by Tom Reyes',
      ],
      [{ ...base, op: 'remove', quote: anchor('"We are ready,"') }, '"We are ready,"', 'removed as a false quote'],
      [{ ...base, op: 'confirm', quote: anchor('"We are ready,"'), speaker: null }, '"We are ready,"', 'confirmed as correct'],
      [{ ...base, op: 'credit', span: anchor('Ada Klein'), kind: 'photo' }, 'Ada Klein', 'marked as a photo credit'],
      [{ ...base, op: 'merge', entities: ['Ada Klein', 'Klein'] }, 'Ada Klein = Klein', 'entities merged'],
      [{ ...base, op: 'split', entities: ['Ada Klein', 'Klein'] }, 'Ada Klein ≠ Klein', 'entities split'],
      [{ ...base, op: 'rename', entity: 'Tom Reyes', name: 'Thomas Reyes' }, 'Tom Reyes → Thomas Reyes', 'entity renamed'],
    ];
    for (const [c, label, description] of cases) assert.deepEqual(describeCorrection(c), { label, description }, c.op);
  });
});
