// The analysis worker's logic, the same in a Node worker thread and a browser Web Worker: one
// analyzer per document key, requests answered in order. Pure: the entry files wire it to a port.
import { IncrementalAnalyzer } from '../core/incremental';
import type { Analysis } from '../core/model';
import { ArticleView, emptyPlan } from '../present/view';
import { PART_SIZE, PLAN_FIELDS, type FromWorker, type PartField, type ToWorker } from './protocol';


interface Analyzer {
  update(text: string): Analysis;
}

/**
 * One incremental analyzer per document: a keystroke re-analyses only the paragraphs it touched,
 * and the result is exactly what a fresh `analyze` gives.
 */
export function serve(post: (message: FromWorker) => void, makeAnalyzer: () => Analyzer = () => new IncrementalAnalyzer()): (message: ToWorker) => void {
  const analyzers = new Map<string, Analyzer>();
  /** The pieces of a large text received so far, by request id (see the `text` message). */
  const pieces = new Map<number, { key: string; list: string[] }>();
  /**
   * Drops the pieces of the document's requests before `id` (all of them without one): a request
   * superseded while its text was on its way never sends its last piece.
   */
  const dropPieces = (key: string, id = Infinity): void => {
    for (const [k, p] of pieces) if (k < id && p.key === key) pieces.delete(k);
  };
  // Parts go one at a time, each after the extension has acknowledged the one before: a port
  // delivers every message waiting on it in one go, so without this a large result would still
  // arrive as one long task on the extension host's thread.
  const outbox: FromWorker[] = [];
  let awaitingAck = false;
  const flush = (): void => {
    while (!awaitingAck && outbox.length > 0) {
      const next = outbox.shift()!;
      post(next);
      if (next.type === 'part') awaitingAck = true;
    }
  };
  post({ type: 'ready' });
  return (message) => {
    if (message.type === 'ack') {
      awaitingAck = false;
      flush();
      return;
    }
    if (message.type === 'forget') {
      analyzers.delete(message.key);
      dropPieces(message.key);
      return;
    }
    if (message.type === 'text') {
      dropPieces(message.key, message.id);
      const p = pieces.get(message.id);
      if (p) p.list.push(message.text);
      else pieces.set(message.id, { key: message.key, list: [message.text] });
      return;
    }
    const before = pieces.get(message.id);
    pieces.delete(message.id);
    dropPieces(message.key, message.id);
    const text = before ? before.list.join('') + message.text : message.text;
    const started = Date.now();
    try {
      let analyzer = analyzers.get(message.key);
      if (!analyzer) analyzers.set(message.key, (analyzer = makeAnalyzer()));
      const analysis = analyzer.update(text);
      const plan = new ArticleView(analysis, text).decorations();
      const ms = Date.now() - started;
      const send = (field: PartField, items: readonly unknown[]): void => {
        for (let i = 0; i < items.length; i += PART_SIZE) outbox.push({ type: 'part', id: message.id, field, items: items.slice(i, i + PART_SIZE) });
      };
      // An entity's mentions go in parts of their own: the speaker of a 10 MB article has 40,000.
      send('entities', analysis.entities.map((e) => ({ ...e, mentions: [] })));
      analysis.entities.forEach((e, k) => {
        for (let i = 0; i < e.mentions.length; i += PART_SIZE) outbox.push({ type: 'part', id: message.id, field: 'mentions', entity: k, items: e.mentions.slice(i, i + PART_SIZE) });
      });
      for (const field of ['quotes', 'credits'] as const) send(field, analysis[field]);
      for (const field of PLAN_FIELDS) send(field, plan[field]);
      plan.speakers.forEach((spans, k) => send(`speakers.${k}`, spans));
      const empty = emptyPlan(plan.speakers.length);
      outbox.push({ type: 'result', id: message.id, analysis: { ...analysis, entities: [], quotes: [], credits: [] }, plan: empty, ms });
    } catch (e) {
      // The analyzer's state may be half-updated: start that document afresh next time.
      analyzers.delete(message.key);
      outbox.push({ type: 'error', id: message.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
    flush();
  };
}
