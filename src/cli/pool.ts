// Worker threads for `annotate --jobs N`: each worker does the whole of an article (render.ts:
// read, analyse, apply its corrections sidecar, render the chosen format) and posts back only
// strings; the main thread hands out jobs, puts the results back in input order and writes them.
//
// The worker script is this module's own file: in the bundle that is dist/cli.js (main.ts does not
// run the command line inside a worker), in out/ it is out/src/cli/pool.js. A worker that dies
// (out of memory on a huge text, a crash) fails only the article it held, and is replaced.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { firstLine } from './read';
import { runJob, type Job, type JobResult } from './render';

const WORKER_MARK = 'newslens-annotate-worker';

/** True inside a worker started by WorkerPool (main.ts then leaves the command line alone). */
export function isAnnotateWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === WORKER_MARK;
}

interface Pending {
  job: Job;
  resolve(result: JobResult): void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker, in the order it answers them; the first is the one it is doing. */
  sent: Pending[];
}

/**
 * Jobs a worker holds: the one it is doing and the next, so that it never waits for the main
 * thread (busy writing, or not scheduled on a loaded machine) between two articles.
 */
const DEPTH = 2;

/** A fixed number of worker threads, started on demand; `run` resolves when a worker is done. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly script: string = __filename,
  ) {}

  run(job: Job): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker (after the last result has been taken). */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      // An idle worker first, then a new one, then a busy one with room for its next job.
      let slot = this.slots.find((s) => s.sent.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.start();
      slot ??= this.slots.find((s) => s.sent.length < DEPTH);
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.sent.push(pending);
      slot.worker.postMessage(pending.job);
    }
  }

  private start(): Slot {
    const worker = new Worker(this.script, { workerData: { mark: WORKER_MARK } });
    const slot: Slot = { worker, sent: [] };
    this.slots.push(slot);
    worker.on('message', (result: JobResult) => {
      slot.sent.shift()?.resolve(result);
      this.dispatch();
    });
    const died = (why: string): void => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return; // already replaced, or closed
      this.slots.splice(index, 1);
      // The job it was doing fails; the ones waiting behind it go to another worker.
      const [doing, ...waiting] = slot.sent.splice(0);
      doing?.resolve({ error: `analysis failed (the worker thread ${why})` });
      this.queue.unshift(...waiting);
      this.dispatch();
    };
    worker.on('error', (error) => died(describeDeath(error)));
    worker.on('exit', (code) => died(`exited with status ${code}`));
    return slot;
  }
}

function describeDeath(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'ran out of memory';
  return `crashed: ${firstLine(error)}`;
}

/**
 * Runs `exec` on each item with at most `window` results outstanding and hands the results to
 * `emit` in input order, as soon as each one's turn comes. Memory is bounded by the window, not by
 * the number of items; items come from an iterable or an async iterable (read only as needed).
 * An `emit` that returns a promise (waiting for a slow reader) holds everything back until then.
 */
export async function runOrdered<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  window: number,
  exec: (item: T) => Promise<R> | R,
  emit: (item: T, result: R) => void | Promise<void>,
): Promise<void> {
  const inFlight: Array<{ item: T; result: Promise<R> }> = [];
  for await (const item of items as AsyncIterable<T>) {
    inFlight.push({ item, result: Promise.resolve(exec(item)) });
    while (inFlight.length >= window) {
      const first = inFlight.shift()!;
      await emit(first.item, await first.result);
    }
  }
  while (inFlight.length > 0) {
    const first = inFlight.shift()!;
    await emit(first.item, await first.result);
  }
}

// ---- inside a worker ----

if (isAnnotateWorker()) {
  parentPort!.on('message', (job: Job) => {
    let result: JobResult;
    try {
      result = runJob(job);
    } catch (error) {
      result = { error: `analysis failed (a NewsLens bug, please report it): ${firstLine(error)}` };
    }
    parentPort!.postMessage(result);
  });
}
