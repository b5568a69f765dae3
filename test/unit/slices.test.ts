// A 10 MB article is presented without holding the extension host's thread (issue 6): the work on
// the host is done in steps (ArticleView.prepare, symbolSteps) run a slice per task (sliced), the
// text goes to the worker in pieces, one per task, and what a prepared view shows is exactly what
// an unprepared one shows. The figure itself is measured in the real host (test/host/responsive).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/core';
import { WorkerEngine, type WorkerPort } from '../../src/editor/engine';
import { SLICE_MS, sliced } from '../../src/editor/slices';
import { ArticleView, SYMBOL_QUOTE_LIMIT } from '../../src/present/view';
import { serve } from '../../src/worker/serve';
import { TEXT_PIECE, type FromWorker, type ToWorker } from '../../src/worker/protocol';

const busy = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the work of one step
  }
};

describe('slices: long work on the host runs a slice per task', () => {
  it('runs steps in slices, letting a timer fire between them, and gives their result', async () => {
    let steps = 0;
    const work = function* (): Generator<void, string, void> {
      for (let i = 0; i < 40; i++) {
        busy(1);
        steps++;
        yield;
      }
      return 'done';
    };
    let timerRanAt = -1;
    setTimeout(() => (timerRanAt = steps), 0);
    const result = await sliced(work());
    assert.equal(result, 'done');
    assert.equal(steps, 40);
    // 40 steps of 1 ms are at least 40 / (SLICE_MS + 1) slices: the timer ran before the end.
    assert.ok(timerRanAt > 0 && timerRanAt < 40, `a timer set before the work ran in between (after step ${timerRanAt})`);
    assert.ok(timerRanAt <= SLICE_MS + 2, `the first slice stopped after about ${SLICE_MS} ms (${timerRanAt} steps)`);
  });

  it('ends quick work in the caller\'s task, and stops when told between slices', async () => {
    let ran = 0;
    const quick = function* (): Generator<void, number, void> {
      for (let i = 0; i < 5; i++) yield;
      return 5;
    };
    const p = sliced(quick());
    setTimeout(() => ran++, 0);
    assert.equal(await p, 5);
    assert.equal(ran, 0, 'no task ran before quick work ended');
    let steps = 0;
    const long = function* (): Generator<void, number, void> {
      for (let i = 0; i < 200; i++) {
        busy(1);
        steps++;
        yield;
      }
      return 1;
    };
    assert.equal(await sliced(long(), () => true), undefined);
    assert.ok(steps < 200, `stopped after the first slice (${steps} steps)`);
  });
});

describe('slices: a prepared view shows what an unprepared one shows', function () {
  this.timeout(120000);
  // Enough copies of the seed for a thousand quotes, so that the steps run several times.
  const seed = readFileSync(join(__dirname, '../../../seeds/000_8f484521c7ff1466.txt'), 'utf8').trim();
  const text = Array.from({ length: 30 }, () => seed).join('\n\n') + '\n';
  let analysis: ReturnType<typeof analyze>;
  before(() => {
    analysis = analyze(text);
  });

  it('gives the same sources, counts, outline, targets and hovers, in many small steps', () => {
    assert.ok(analysis.quotes.length > 1000, `a large analysis (${analysis.quotes.length} quotes)`);
    const plain = new ArticleView(analysis, text);
    const prepared = new ArticleView(analysis, text);
    let steps = 0;
    for (const _ of prepared.prepare()) steps++;
    assert.ok(steps > analysis.quotes.length / 1000, `prepared in ${steps} steps`);
    assert.deepEqual(prepared.sources(), plain.sources());
    assert.deepEqual(prepared.counts(), plain.counts());
    assert.deepEqual(prepared.symbols(), plain.symbols());
    let outlineSteps = 0;
    const outline = prepared.symbolSteps();
    let r = outline.next();
    while (!r.done) {
      outlineSteps++;
      r = outline.next();
    }
    assert.deepEqual(r.value, plain.symbols());
    // One step per 100 outline items (view.ts's SYMBOL_STEP), of the quotes the outline lists.
    const listed = Math.min(analysis.quotes.length, SYMBOL_QUOTE_LIMIT);
    assert.ok(listed >= 500 && outlineSteps >= listed / 100, `the outline of ${listed} quotes made in ${outlineSteps} steps`);
    // Every 3rd offset: the same thing under the cursor, and every 30th the same hover text.
    let hovers = 0;
    for (let offset = 0; offset <= text.length; offset += 3) {
      const a = prepared.targetAt(offset);
      const b = plain.targetAt(offset);
      if (a !== b) assert.deepEqual(a, b, `the target at ${offset}`);
      if (offset % 30 === 0) {
        const h = prepared.hoverAt(offset);
        assert.deepEqual(h, plain.hoverAt(offset), `the hover at ${offset}`);
        if (h) hovers++;
      }
    }
    assert.ok(hovers > 500, `hovers compared (${hovers})`);
  });
});

describe('slices: the text goes to the worker in pieces', () => {
  it('sends a large text in pieces, one per task, and the worker analyses the whole text', async () => {
    const seen: string[] = [];
    const sent: ToWorker['type'][] = [];
    let handle!: (m: ToWorker) => void;
    let receive!: (m: FromWorker) => void;
    const port: WorkerPort = {
      post: (m) => {
        sent.push(m.type);
        // Delivered later, as a port does.
        setTimeout(() => handle(m), 0);
      },
      onMessage: (h) => (receive = h),
      onExit: () => {},
      terminate: () => {},
    };
    handle = serve(
      (m) => setTimeout(() => receive(m), 0),
      () => ({
        update: (t: string) => {
          seen.push(t);
          return analyze('“We agree,” Lavrov said.');
        },
      }),
    );
    const engine = new WorkerEngine(() => port);
    const big = 'x'.repeat(2 * TEXT_PIECE) + 'é'.repeat(TEXT_PIECE / 2) + '\n';
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await engine.analyze('big', big);
    clearInterval(timer);
    assert.ok(result, 'the analysis came back');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.length, big.length);
    assert.ok(seen[0] === big, 'the worker analysed exactly the text sent');
    assert.deepEqual(sent.slice(0, 3), ['text', 'text', 'analyze'], 'two pieces, then the request with the last one');
    assert.ok(ticks >= 2, 'other timers ran while the pieces went');
    // A small text goes in one message, and the pieces of one request never reach another.
    await engine.analyze('small', 'short text\n');
    assert.equal(seen[1], 'short text\n');
    engine.dispose();
  });

  it('the worker joins each request\'s own pieces: two documents interleaved, one request superseded mid-way', () => {
    const seen: Array<[string, string]> = [];
    const handle = serve(
      () => {},
      () => {
        const me = seen.length;
        return {
          update: (t: string) => {
            seen.push([String(me), t]);
            return analyze('“We agree,” Lavrov said.');
          },
        };
      },
    );
    // Document a: request 1's first piece, then request 2 supersedes it (its last piece never comes).
    handle({ type: 'text', id: 1, key: 'a', text: 'OLD-' });
    // Document b's request 3 in pieces, interleaved with a's request 2.
    handle({ type: 'text', id: 3, key: 'b', text: 'b1-' });
    handle({ type: 'text', id: 2, key: 'a', text: 'a1-' });
    handle({ type: 'text', id: 3, key: 'b', text: 'b2-' });
    handle({ type: 'analyze', id: 2, key: 'a', text: 'a2' });
    handle({ type: 'analyze', id: 3, key: 'b', text: 'b3' });
    assert.deepEqual(seen.map(([, t]) => t), ['a1-a2', 'b1-b2-b3']);
    // Pieces of a request that never completes are dropped when the document is forgotten.
    handle({ type: 'text', id: 4, key: 'a', text: 'LOST-' });
    handle({ type: 'forget', key: 'a' });
    handle({ type: 'analyze', id: 4, key: 'a', text: 'tail' });
    assert.equal(seen[2]![1], 'tail');
  });
});
