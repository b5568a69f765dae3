// Entry of dist/web/extension.js, the browser's web-worker extension host (vscode.dev,
// code-server's web worker host). That host is itself a worker, off the window's thread; the
// analysis runs there, one request at a time, through the same engine interface.
import type * as vscode from 'vscode';
import { IncrementalAnalyzer } from '../core/incremental';
import type { AnalysisEngine } from '../editor/engine';
import { activateWith, type NewsLensApi } from '../editor/extension';

class InlineEngine implements AnalysisEngine {
  readonly stats = { runs: 0, lastMs: 0, restarts: 0 };
  private readonly latest = new Map<string, number>();
  /** One incremental analyzer per document, as in the desktop's worker. */
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  private tick = 0;
  private waitingCount = 0;
  private disposed = false;

  async analyze(key: string, text: string) {
    const mine = ++this.tick;
    this.latest.set(key, mine);
    // Let newer requests in first: only the newest text of a document is analysed.
    this.waitingCount++;
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.waitingCount--;
    if (this.disposed || this.latest.get(key) !== mine) return undefined;
    const started = Date.now();
    let analyzer = this.analyzers.get(key);
    if (!analyzer) this.analyzers.set(key, (analyzer = new IncrementalAnalyzer()));
    let analysis;
    try {
      analysis = analyzer.update(text);
    } catch (e) {
      this.analyzers.delete(key); // its state may be half-updated
      throw e;
    }
    this.stats.runs++;
    this.stats.lastMs = Date.now() - started;
    return this.latest.get(key) === mine ? { analysis, plan: null } : undefined;
  }

  queued(): number {
    return this.waitingCount;
  }

  forget(key: string): void {
    this.latest.delete(key);
    this.analyzers.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    this.latest.clear();
    this.analyzers.clear();
  }
}

export function activate(context: vscode.ExtensionContext): NewsLensApi {
  return activateWith(context, new InlineEngine());
}

export { deactivate } from '../editor/extension';
