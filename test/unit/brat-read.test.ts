// The brat reader (src/present/brat-read.ts), shared by `eval` and the editor: malformed lines
// reported and skipped, where an article's .ann is found, and round trips brat -> NewsLens -> brat
// on the PolNeAR corpus (read from ../shared/corpus, never copied; skipped, saying so, where absent).

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Analysis, Span } from '../../src/core';
import { formatBrat } from '../../src/present/brat';
import { annotationPlaces, annotatorFile, parseBratAttributions, readBrat, type Attribution } from '../../src/present/brat-read';
import { attributionsToQuotes } from '../../src/present/compare';

describe('brat-read: reading a hand-written .ann', () => {
  it('reports each malformed line with its number and reason, skips it, and reads the rest', () => {
    const ann = [
      'T1\tSource 0 2\tHe', //                                  1
      'T2\tCue 3 7\tsaid', //                                  2
      'T3\tContent 8 20;25 30\tthe plan was fine', //          3
      'T4\tAttribution 3 7\tsaid', //                          4
      'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3', //     5
      'T5\tSource 9 3\tbackwards', //                          6: ends before it starts
      'T6 Source 1 2 no tabs', //                              7: not a record, continues nothing
      'E2\tAttribution:T4 Content:T7', //                      8: T7 undefined
      'E3\tAttribution:T4 Source:T1', //                       9: no content
      'E4\tAttribution:T4 Content=T3', //                     10: unreadable argument
      'T7\tContent', //                                       11: no offsets
      '',
    ].join('\n');
    const parsed = parseBratAttributions(ann);
    assert.deepEqual(parsed.attributions, [
      { id: 'E1', content: [{ start: 8, end: 20 }, { start: 25, end: 30 }], source: [{ start: 0, end: 2 }], cue: [{ start: 3, end: 7 }] },
    ]);
    assert.deepEqual(
      parsed.skipped.map((s) => [s.line, s.reason]).sort((a, b) => (a[0] as number) - (b[0] as number)),
      [
        [6, 'span ends before it starts "9 3"'],
        [7, 'continuation line with no text record before it'],
        [8, 'E2: Content refers to T7, which is not defined'],
        [9, 'E3: attribution without content'],
        [10, 'unreadable event argument "Content=T3"'],
        [11, 'text record without offsets'],
      ],
    );
  });

  it('joins a repeated role (Content2) and keeps a text record that runs over two lines', () => {
    const ann = ['T1\tContent 0 5\tab', 'cd', 'T2\tContent 10 12\tef', 'T3\tAttribution-no-source 0 5\tab', 'E1\tAttribution-no-source:T3 Content2:T2 Content:T1', ''].join('\n');
    const doc = readBrat(ann);
    assert.equal(doc.textBounds.get('T1')?.text, 'ab\ncd');
    assert.deepEqual(parseBratAttributions(ann).attributions, [
      { id: 'E1', content: [{ start: 0, end: 5 }, { start: 10, end: 12 }], source: null, cue: null },
    ]);
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '\n\n', '\u0000\u0001', 'E1\t', 'T1\t\t', 'E1\tA:T1 '.repeat(1000), 'T1\tX 1 2;3\tq']) {
      const parsed = parseBratAttributions(junk);
      assert.deepEqual(parsed.attributions, []);
    }
  });
});

describe('brat-read: where an article\'s human annotation is', () => {
  it('looks beside the .txt, and in PolNeAR\'s attributions/ folder next to text/', () => {
    assert.deepEqual(annotationPlaces('/w/news/story.txt'), { name: 'story', beside: '/w/news/story.ann', attributions: null });
    assert.deepEqual(annotationPlaces('/c/polnear/dev/text/a_b-c.txt'), {
      name: 'a_b-c',
      beside: '/c/polnear/dev/text/a_b-c.ann',
      attributions: '/c/polnear/dev/attributions/',
    });
    assert.deepEqual(annotationPlaces('text/x.txt'), { name: 'x', beside: 'text/x.ann', attributions: 'attributions/' });
    assert.equal(annotationPlaces('/w/context/x.txt')?.attributions, null, 'a folder merely ending in "text" is not text/');
    assert.equal(annotationPlaces('/w/notes.md'), null);
  });

  it('picks the first annotator by name, as eval does, and only NAME_<annotator>.ann', () => {
    const files = ['art_one_b2.ann', 'art_one_a1.ann', 'art_one.ann', 'art_one_x_y.ann', 'art_two_a1.ann', 'art_one_a0.txt'];
    assert.equal(annotatorFile('art_one', files), 'art_one_a1.ann');
    assert.equal(annotatorFile('art_two', files), 'art_two_a1.ann');
    assert.equal(annotatorFile('art', files), 'art_one.ann', 'annotator "one"; "art_one_a1.ann" is art_one\'s (annotators have no "_")');
    assert.equal(annotatorFile('art_one_x', files), 'art_one_x_y.ann');
  });
});

// ───────────── round trips on the corpus ─────────────

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(join(d, 'package.json'))) d = resolve(d, '..');
  return d;
}

const CORPUS = resolve(findRoot(__dirname), '..', 'shared', 'corpus', 'polnear');

const key = (spans: readonly Span[] | null): string => (spans === null ? '-' : spans.map((s) => `${s.start} ${s.end}`).join(';'));

/** What is compared, per attribution, in order: its content pieces, its source and its cue spans. */
function shape(a: Attribution): string {
  return `C ${key(a.content)} | S ${key(a.source)} | Q ${key(a.cue)}`;
}

describe('round trips brat -> NewsLens quotes -> brat (formatBrat) on PolNeAR', function () {
  // What is compared: for every attribution read from a corpus .ann (an E record with a content;
  // the reader's skipped lines take no part), in file order, the spans of its content pieces
  // (Content, Content2... together), of its source and of its cue, which is also how the records
  // are linked (one E record each), and its label (Attribution or Attribution-no-source).
  // What cannot survive, and is not compared: T and E ids (renumbered), T records no event uses
  // (Discard, Discuss, orphans), a T record shared by several events (written once per event),
  // the role numbering (Content2 comes back as pieces of one Content), the trigger's span (NewsLens
  // writes the cue's, or the first content piece's when there is no cue), the text column's line
  // breaks (spaces), and the "#" notes. A source or cue of several pieces becomes one span from its
  // first start to its last end (a quote has one source and one cue): those attributions are
  // counted and checked to be exactly the ones with such a source or cue. The label comes back
  // from the source: Attribution with one, Attribution-no-source without (PolNeAR has a few of each
  // labelled the other way; they are counted).
  this.timeout(120_000);

  for (const split of ['dev', 'train']) {
    it(`gives back every ${split} attribution's spans and links`, function () {
      const dir = join(CORPUS, split);
      if (!existsSync(join(dir, 'attributions'))) {
        console.log(`      skipped: the corpus is absent (${dir})`);
        this.skip();
      }
      let attributions = 0;
      let lossyCount = 0;
      let relabelled = 0;
      for (const f of readdirSync(join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort()) {
        const name = /^(.+)_[^_]+\.ann$/.exec(f)?.[1];
        assert.ok(name, f);
        const text = readFileSync(join(dir, 'text', `${name}.txt`), 'utf8');
        const ann = readFileSync(join(dir, 'attributions', f), 'utf8');
        const original = parseBratAttributions(ann);
        const { quotes, lossy } = attributionsToQuotes(text, original.attributions);
        const analysis: Analysis = { schema: 'newslens/1', length: text.length, body: { start: 0, end: text.length }, entities: [], quotes, credits: [] };
        const written = formatBrat(analysis, text);
        const back = parseBratAttributions(written);
        assert.deepEqual(back.skipped, [], `${f}: the export reads back without a skipped line`);
        assert.equal(back.attributions.length, original.attributions.length, f);

        // Which attributions have a source or cue of several pieces, from the original records alone.
        const doc = readBrat(ann);
        const pieces = new Set<string>();
        const label = new Map<string, string>();
        for (const e of doc.events) {
          label.set(e.id, e.trigger.role);
          for (const a of e.args) {
            const role = a.role.replace(/\d+$/, '');
            if ((role === 'Source' || role === 'Cue') && (doc.textBounds.get(a.ref)?.spans.length ?? 0) > 1) pieces.add(e.id);
          }
        }
        assert.deepEqual([...new Set(lossy.map((l) => l.id))].sort(), [...pieces].sort(), `${f}: the lossy attributions are those with pieces`);

        const backDoc = readBrat(written);
        original.attributions.forEach((a, i) => {
          const b = back.attributions[i]!;
          attributions++;
          if (pieces.has(a.id)) {
            lossyCount++;
            assert.equal(key(b.content), key(a.content), `${f} ${a.id}: content`);
            const cover = (s: Span[] | null) => (s === null ? '-' : `${Math.min(...s.map((x) => x.start))} ${Math.max(...s.map((x) => x.end))}`);
            assert.equal(key(b.source), cover(a.source), `${f} ${a.id}: source as one covering span`);
            assert.equal(key(b.cue), cover(a.cue), `${f} ${a.id}: cue as one covering span`);
          } else {
            assert.equal(shape(b), shape(a), `${f} ${a.id}`);
          }
          const before = label.get(a.id);
          const after = backDoc.events.find((e) => e.id === b.id)?.trigger.role;
          assert.equal(after, a.source ? 'Attribution' : 'Attribution-no-source', `${f} ${a.id}: the label follows the source`);
          if (before !== after) relabelled++;
        });
        // The text column names the text at the offsets (line breaks as spaces).
        for (const t of backDoc.textBounds.values()) {
          assert.equal(t.text, t.spans.map((s) => text.slice(s.start, s.end)).join(' ').replace(/[\r\n\u0085\u2028\u2029]/g, ' '), `${f} ${t.id}`);
        }
      }
      assert.ok(attributions > 1000, `${split}: ${attributions} attributions`);
      console.log(`      ${split}: ${attributions} attributions back with the same spans and links; ${lossyCount} with a source or cue of several pieces (one span now); ${relabelled} labelled against their source, now relabelled`);
    });
  }
});
