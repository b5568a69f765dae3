// Messages between the extension and its analysis worker. The worker owns one incremental
// analyzer per document, so a keystroke re-analyses only what it touched; the extension host's
// thread only sends text and receives the newslens/1 JSON.
import type { Analysis } from '../core/model';
import type { DecorationPlan } from '../present/view';

export type ToWorker =
  /** `text` is the article's text, or its last piece after the `text` messages of the same id. */
  | { type: 'analyze'; id: number; key: string; text: string }
  /**
   * A piece of the text of request `id`, sent ahead of its `analyze`: copying a message is a task
   * on the extension host's thread, so a 10 MB text goes in pieces, one per task.
   */
  | { type: 'text'; id: number; key: string; text: string }
  | { type: 'forget'; key: string }
  /** The part just received was taken: send the next. */
  | { type: 'ack' };

/**
 * A result comes in parts: receiving one message is a single task on the extension host's thread,
 * so a large analysis (tens of thousands of quotes) arrives as several small messages, and the
 * host's thread is never held long by one. `result` carries the analysis with its arrays empty,
 * after the `part`s that fill them.
 */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'part'; id: number; field: PartField; items: unknown[] }
  /** Mentions of the `entity`-th entity (entities come without their mentions). */
  | { type: 'part'; id: number; field: 'mentions'; entity: number; items: unknown[] }
  | { type: 'result'; id: number; analysis: Analysis; plan: DecorationPlan; ms: number }
  | { type: 'error'; id: number; message: string };

/**
 * The analysis's arrays, and the decoration plan's (made in the worker too: for a large article it
 * is the biggest piece of work after the analysis). `speakers.N` is palette slot N.
 */
export type PartField = 'entities' | 'quotes' | 'credits' | PlanField;
export type PlanField = Exclude<keyof DecorationPlan, 'speakers' | 'reviewed'> | `speakers.${number}`;
export const PLAN_FIELDS = ['direct', 'indirect', 'mixed', 'cue', 'credit', 'anonymous', 'boilerplate'] as const;

/** Characters per piece of a large text sent to the worker (copied in a few milliseconds). */
export const TEXT_PIECE = 1_000_000;

/** Items per part: small enough that one part is read in a millisecond or two. */
export const PART_SIZE = 2000;
