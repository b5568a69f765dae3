// One analysis per document version. Requests are debounced while typing and immediate when
// switching editors; a newer request supersedes (cancels) an older one, and a result whose version
// is no longer the document's is dropped, never published. The core is the only parser.
import * as vscode from 'vscode';
import { analyze } from '../core';
import { ArticleView } from '../present/view';

export interface Analyzed {
  document: vscode.TextDocument;
  version: number;
  view: ArticleView;
}

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  cancel: vscode.CancellationTokenSource;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; view: ArticleView }>();
  private readonly pending = new Map<string, Pending>();
  private readonly emitter = new vscode.EventEmitter<Analyzed>();
  /** Fires when a document's current version has been analysed. */
  readonly onDidAnalyze = this.emitter.event;
  /** Analyses run, for tests and the benchmark. */
  runs = 0;
  /** Results dropped because the document had changed meanwhile. */
  dropped = 0;

  /** The analysis of the document's current version, if there is one. */
  get(document: vscode.TextDocument): ArticleView | undefined {
    const hit = this.cache.get(document.uri.toString());
    return hit && hit.version === document.version ? hit.view : undefined;
  }

  /** Analyses after `delay` ms unless a newer request comes first; 0 runs on the next tick. */
  request(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    if (this.get(document)) {
      this.cancel(key);
      this.emitter.fire({ document, version: document.version, view: this.get(document)! });
      return;
    }
    this.cancel(key);
    const cancel = new vscode.CancellationTokenSource();
    const version = document.version;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      if (cancel.token.isCancellationRequested || document.isClosed) return;
      if (document.version !== version) {
        this.dropped++;
        return; // a newer change has its own request
      }
      const view = this.analyzeNow(document);
      cancel.dispose();
      if (document.version !== version || cancel.token.isCancellationRequested) {
        this.dropped++;
        return;
      }
      this.emitter.fire({ document, version, view });
    }, delay);
    this.pending.set(key, { timer, cancel });
  }

  /** Analyses now (or returns the cached analysis of this version). */
  analyzeNow(document: vscode.TextDocument): ArticleView {
    const cached = this.get(document);
    if (cached) return cached;
    const text = document.getText();
    this.runs++;
    const view = new ArticleView(analyze(text), text);
    this.cache.set(document.uri.toString(), { version: document.version, view });
    return view;
  }

  isPending(document: vscode.TextDocument): boolean {
    return this.pending.has(document.uri.toString());
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.cache.delete(key);
  }

  clear(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
    this.cache.clear();
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    p.cancel.cancel();
    p.cancel.dispose();
    this.pending.delete(key);
  }

  dispose(): void {
    this.clear();
    this.emitter.dispose();
  }
}
