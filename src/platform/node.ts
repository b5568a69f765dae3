// Entry of dist/extension.js, the desktop and remote (Node) extension host: analyses run in a
// worker thread (dist/worker.js), so the extension host's thread never runs compromise and the
// bundle it loads on activation does not contain it.
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { WorkerEngine, type AnalysisEngine } from '../editor/engine';
import { activateWith, type NewsLensApi } from '../editor/extension';
import type { FromWorker } from '../worker/protocol';

export function nodeEngine(script = join(__dirname, 'worker.js')): AnalysisEngine {
  return new WorkerEngine(() => {
    const worker = new Worker(script);
    let exited = false;
    const exits: ((reason: string) => void)[] = [];
    const exit = (reason: string): void => {
      if (exited) return;
      exited = true;
      for (const h of exits) h(reason);
    };
    worker.on('error', (e) => exit(e.message));
    worker.on('exit', (code) => exit(`exit code ${code}`));
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (handler) => worker.on('message', (m: FromWorker) => handler(m)),
      onExit: (handler) => exits.push(handler),
      terminate: () => void worker.terminate(),
    };
  });
}

export function activate(context: vscode.ExtensionContext): NewsLensApi {
  // The sidecar's write-aside-then-rename through node:fs: one rename(2), atomic on POSIX, where
  // workspace.fs.rename with overwrite deletes the old file first (a host killed between the two
  // would leave no sidecar at all).
  const started = performance.now();
  const api = activateWith(context, nodeEngine(), { renameAtomic: (from, to) => rename(from.fsPath, to.fsPath) });
  // Loading the bundle (between the banner and the footer esbuild puts around it) plus activate().
  const loading =
    typeof __newslensLoadStart === 'number' && typeof __newslensLoadEnd === 'number' ? __newslensLoadEnd - __newslensLoadStart : 0;
  api.activationMs = loading + (performance.now() - started);
  return api;
}

declare const __newslensLoadStart: number | undefined;
declare const __newslensLoadEnd: number | undefined;

export { deactivate } from '../editor/extension';
