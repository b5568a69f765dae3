// Where analyses run. In the desktop (Node) extension host they run in a worker thread, so that
// a large article never blocks the extension host; in the browser's web-worker extension host the
// same code runs in that worker (see engine-web.ts). The extension host's thread only sends text
// and receives the newslens/1 JSON.
import type { Analysis } from '../core/model';
import type { DecorationPlan } from '../present/view';
import { TEXT_PIECE, type FromWorker, type ToWorker } from '../worker/protocol';

/** What the engine returns: the analysis, and its decoration plan when the engine made it. */
export interface EngineResult {
  analysis: Analysis;
  plan: DecorationPlan | null;
}

export interface AnalysisEngine {
  /**
   * The analysis of `text`, the current text of document `key`. While one analysis of a document
   * runs, a newer request replaces any older one still waiting: only the newest text is analysed
   * next, and the superseded promises resolve to `undefined`.
   */
  analyze(key: string, text: string): Promise<EngineResult | undefined>;
  /** The document is closed: its analyzer's state can go. */
  forget(key: string): void;
  /** Analyses the worker has run, how long the last one took (ms), worker restarts. */
  readonly stats: { runs: number; lastMs: number; restarts: number };
  /** Requests sent and not answered, or waiting to be sent. */
  queued(): number;
  dispose(): void;
}

/** The two ends of a worker, whatever kind it is. */
export interface WorkerPort {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  /** The worker died (an exception outside a request, out of memory, terminated). */
  onExit(handler: (reason: string) => void): void;
  terminate(): void;
}

interface Waiting {
  text: string;
  resolve: (a: EngineResult | undefined) => void;
  reject: (e: Error) => void;
}

interface InFlight extends Waiting {
  id: number;
  key: string;
  /** The parts received so far. */
  parts: Map<string, unknown[]>;
}

export class WorkerEngine implements AnalysisEngine {
  private port: WorkerPort | undefined;
  private nextId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  /** Per document: the one request waiting for the document's analysis in flight to finish. */
  private readonly waiting = new Map<string, Waiting>();
  private readonly busy = new Set<string>();
  private disposed = false;
  readonly stats = { runs: 0, lastMs: 0, restarts: 0 };

  constructor(private readonly start: () => WorkerPort) {}

  analyze(key: string, text: string): Promise<EngineResult | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      if (this.busy.has(key)) {
        this.waiting.get(key)?.resolve(undefined); // superseded before it started
        this.waiting.set(key, { text, resolve, reject });
        return;
      }
      this.send(key, { text, resolve, reject });
    });
  }

  queued(): number {
    return this.inFlight.size + this.waiting.size;
  }

  forget(key: string): void {
    this.waiting.get(key)?.resolve(undefined);
    this.waiting.delete(key);
    this.port?.post({ type: 'forget', key });
  }

  private send(key: string, request: Waiting): void {
    const id = this.nextId++;
    this.busy.add(key);
    this.inFlight.set(id, { ...request, id, key, parts: new Map() });
    const fresh = !this.port;
    const port = this.ensurePort();
    const text = request.text;
    // A large text goes in pieces, each copied in a task of its own (see TEXT_PIECE).
    let at = 0;
    const next = (): void => {
      if (this.port !== port || !this.inFlight.has(id)) return; // the worker stopped, or the engine was disposed
      const end = at + TEXT_PIECE;
      if (end >= text.length) {
        port.post({ type: 'analyze', id, key, text: at === 0 ? text : text.slice(at) });
        return;
      }
      port.post({ type: 'text', id, key, text: text.slice(at, end) });
      at = end;
      setTimeout(next, 0);
    };
    // A worker just started (its thread made in this task): the text goes in the next one.
    if (fresh && text.length > TEXT_PIECE) setTimeout(next, 0);
    else next();
  }

  private ensurePort(): WorkerPort {
    if (this.port) return this.port;
    const port = this.start();
    port.onMessage((message) => this.receive(message));
    port.onExit((reason) => {
      if (this.port !== port) return;
      this.port = undefined;
      if (this.disposed) return;
      this.stats.restarts++;
      // Every request in flight fails; the next request starts a new worker.
      const failed = [...this.inFlight.values()];
      this.inFlight.clear();
      for (const f of failed) {
        this.busy.delete(f.key);
        f.reject(new Error(`the NewsLens analysis worker stopped: ${reason}`));
        this.next(f.key);
      }
    });
    this.port = port;
    return port;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') return;
    const request = this.inFlight.get(message.id);
    if (!request) {
      if (message.type === 'part') this.port?.post({ type: 'ack' }); // a result nobody waits for: let the rest come
      return;
    }
    if (message.type === 'part') {
      const field = message.field === 'mentions' ? `mentions.${message.entity}` : message.field;
      let into = request.parts.get(field);
      if (!into) request.parts.set(field, (into = []));
      for (const item of message.items) into.push(item);
      // Acknowledged from a timer, not at once: the next part then waits for a full turn of the
      // event loop, so a large result never keeps the host's timers and other work waiting.
      const port = this.port;
      setTimeout(() => port?.post({ type: 'ack' }), 0);
      return;
    }
    this.inFlight.delete(message.id);
    this.busy.delete(request.key);
    if (message.type === 'result') {
      this.stats.runs++;
      this.stats.lastMs = message.ms;
      const part = <T>(field: string): T[] => (request.parts.get(field) ?? []) as T[];
      // The contract's field order, as `analyze` returns it.
      const { schema, file, length, body } = message.analysis;
      const analysis: Analysis = {
        schema,
        ...(file !== undefined ? { file } : {}),
        length,
        body,
        entities: part('entities'),
        quotes: part('quotes'),
        credits: part('credits'),
      };
      analysis.entities.forEach((e, k) => (e.mentions = part(`mentions.${k}`)));
      const plan = message.plan;
      for (const field of ['direct', 'indirect', 'mixed', 'cue', 'credit', 'anonymous', 'boilerplate'] as const) plan[field] = part(field);
      plan.speakers = plan.speakers.map((_, k) => part(`speakers.${k}`));
      request.resolve({ analysis, plan });
    } else {
      request.reject(new Error(message.message));
    }
    this.next(request.key);
  }

  private next(key: string): void {
    const waiting = this.waiting.get(key);
    if (!waiting || this.disposed) return;
    this.waiting.delete(key);
    this.send(key, waiting);
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.waiting.values()) w.resolve(undefined);
    for (const f of this.inFlight.values()) f.resolve(undefined);
    this.waiting.clear();
    this.inFlight.clear();
    this.busy.clear();
    this.port?.terminate();
    this.port = undefined;
  }
}
