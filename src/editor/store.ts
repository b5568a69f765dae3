// One analysis per document version. Requests are debounced while typing and immediate when
// switching editors; the analysis itself runs in the engine (a worker thread on the desktop), so
// the extension host's thread never waits for it. A newer request supersedes an older one, and a
// result whose version is no longer the document's is dropped, never published. The core is the
// only parser.
import * as vscode from 'vscode';
import { ArticleView } from '../present/view';
import type { AnalysisEngine, EngineResult } from './engine';
import { nextTask, sliced } from './slices';

/** Quotes above which an analysis is presented in several tasks. */
const LARGE = 2000;
/** Lines of a document read in one task (getText() of a 10 MB document joins its 76,000 lines: ~25 ms). */
const READ_LINES = 5_000;

/**
 * The document's text; a long one is read a few thousand lines per task (undefined when it
 * changes or closes meanwhile). Equal to getText(): each piece ends with the line break before the next.
 */
async function readText(document: vscode.TextDocument, stale: () => boolean): Promise<string | undefined> {
  const n = document.lineCount;
  if (n <= READ_LINES) return document.getText();
  const pieces: string[] = [];
  for (let line = 0; line < n; line += READ_LINES) {
    if (line > 0) {
      await nextTask();
      if (stale()) return undefined;
    }
    const end = line + READ_LINES < n ? new vscode.Position(line + READ_LINES, 0) : document.lineAt(n - 1).range.end;
    pieces.push(document.getText(new vscode.Range(new vscode.Position(line, 0), end)));
  }
  return pieces.join('');
}

export interface Analyzed {
  document: vscode.TextDocument;
  version: number;
  view: ArticleView;
}

interface Pending {
  version: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The analysis of `version` on its way, once sent to the engine. */
  promise: Promise<ArticleView | undefined> | undefined;
  cancelled: boolean;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; view: ArticleView }>();
  private readonly pending = new Map<string, Pending>();
  private readonly emitter = new vscode.EventEmitter<Analyzed>();
  /** Fires when a document's current version has been analysed. */
  readonly onDidAnalyze = this.emitter.event;
  /** Analyses asked of the engine, for tests and the benchmark. */
  runs = 0;
  /** Results dropped because the document had changed or closed meanwhile. */
  dropped = 0;
  /** Analyses that failed (an error in the core or the worker), with the last message. */
  failures = 0;
  lastFailure: string | undefined;
  private readonly failed = new vscode.EventEmitter<{ document: vscode.TextDocument; message: string }>();
  readonly onDidFail = this.failed.event;

  constructor(readonly engine: AnalysisEngine) {}

  /** The analysis of the document's current version, if there is one. */
  get(document: vscode.TextDocument): ArticleView | undefined {
    const hit = this.cache.get(document.uri.toString());
    return hit && hit.version === document.version ? hit.view : undefined;
  }

  /** Analyses after `delay` ms unless a newer request comes first; 0 starts in the next task. */
  request(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    const cached = this.get(document);
    if (cached) {
      this.cancel(key);
      this.emitter.fire({ document, version: document.version, view: cached });
      return;
    }
    const current = this.pending.get(key);
    if (current && current.version === document.version && (current.promise || delay > 0)) return; // already on its way
    this.cancel(key);
    const p: Pending = { version: document.version, timer: undefined, promise: undefined, cancelled: false };
    this.pending.set(key, p);
    // Started from a timer even when at once: not in the task of the editor event that asked (for
    // a 10 MB article, copying its text is work of its own), and newer requests still supersede it.
    p.timer = setTimeout(() => this.start(document, p), Math.max(0, delay));
  }

  /** The analysis of the document's current version: cached, on its way, or started now. */
  analyze(document: vscode.TextDocument): Promise<ArticleView | undefined> {
    const cached = this.get(document);
    if (cached) return Promise.resolve(cached);
    const key = document.uri.toString();
    let p = this.pending.get(key);
    if (!p || p.version !== document.version) {
      this.cancel(key);
      p = { version: document.version, timer: undefined, promise: undefined, cancelled: false };
      this.pending.set(key, p);
    }
    if (p.timer !== undefined) clearTimeout(p.timer);
    return this.start(document, p);
  }

  private start(document: vscode.TextDocument, p: Pending): Promise<ArticleView | undefined> {
    p.timer = undefined;
    if (p.promise) return p.promise;
    const key = document.uri.toString();
    const version = p.version;
    const stale = (): boolean => p.cancelled || document.isClosed || document.version !== version;
    if (stale()) {
      this.dropped++;
      return Promise.resolve(undefined);
    }
    this.runs++;
    // An analysis that fails (a bug in the core or the worker) is reported once, with its reason.
    const fail = (e: unknown): undefined => {
      if (this.pending.get(key) === p) this.pending.delete(key);
      this.failures++;
      this.lastFailure = e instanceof Error ? e.message : String(e);
      if (!stale()) this.failed.fire({ document, message: this.lastFailure });
      return undefined;
    };
    p.promise = readText(document, stale).then((text) => {
      if (text === undefined) {
        if (this.pending.get(key) === p) this.pending.delete(key);
        this.dropped++;
        return undefined;
      }
      return this.analyzeText(document, p, key, text, stale, fail);
    }, fail);
    return p.promise;
  }

  private analyzeText(
    document: vscode.TextDocument,
    p: Pending,
    key: string,
    text: string,
    stale: () => boolean,
    fail: (e: unknown) => undefined,
  ): Promise<ArticleView | undefined> {
    const version = p.version;
    return this.engine.analyze(key, text).then(
      async (result: EngineResult | undefined) => {
        // The view is made in a task of its own, not in the one that received the result's last
        // part (the host's thread is never held for both).
        if (result && result.analysis.quotes.length > LARGE) await nextTask();
        // Pending until published (or dropped): a request meanwhile waits for this one.
        const done = (): void => {
          if (this.pending.get(key) === p) this.pending.delete(key);
        };
        if (!result || stale()) {
          done();
          this.dropped++;
          return undefined;
        }
        const view = new ArticleView(result.analysis, text, null, result.plan);
        const large = result.analysis.quotes.length > LARGE;
        if (large) {
          // What the views show (sources, counts) is worked out a slice at a time, each in a task
          // of its own, before anything is presented: nothing is shown half made.
          await nextTask();
          if (!stale()) await sliced(view.prepare(), stale);
          // Drawn in a task of its own too.
          await nextTask();
        }
        done();
        if (stale()) {
          this.dropped++;
          return undefined;
        }
        this.cache.set(key, { version, view });
        this.emitter.fire({ document, version, view });
        // Whoever awaits this analysis (a hover, the outline) goes on in a task of its own, not in
        // the one that drew it.
        if (large) await nextTask();
        return view;
      },
      fail,
    );
  }

  /** Documents with a cached analysis, and requests not yet answered: both must shrink back. */
  get sizes(): { cached: number; pending: number } {
    return { cached: this.cache.size, pending: this.pending.size };
  }

  isPending(document: vscode.TextDocument): boolean {
    return this.pending.has(document.uri.toString());
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.cache.delete(key);
    if (document.isClosed) this.engine.forget(key);
  }

  clear(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
    this.cache.clear();
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    if (p.timer !== undefined) clearTimeout(p.timer);
    p.cancelled = true;
    this.pending.delete(key);
  }

  dispose(): void {
    this.clear();
    this.engine.dispose();
    this.emitter.dispose();
    this.failed.dispose();
  }
}
