// Loaded by `npm run bench -- --only host` as the extension-tests script of a fresh VS Code
// (code-server) with no text document open: times NewsLens's activation (loading dist/extension.js
// and running its activate()) and prints it for tools/bench.ts to read from the log.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('newslens.newslens');
  if (!extension) throw new Error('NewsLens (newslens.newslens) is not installed in this host');
  const wasActive = extension.isActive;
  const documents = vscode.workspace.textDocuments.map((d) => `${d.uri.scheme}:${d.languageId}`);
  const openDocuments = documents.length;
  console.log(`NEWSLENS_DOCUMENTS ${JSON.stringify(documents)}`);
  const t0 = performance.now();
  const api = (await extension.activate()) as { activationMs?: number } | undefined;
  const ms = performance.now() - t0;
  // The extension's own figure (loading its bundle plus activate()) holds even when the host
  // activated it before this probe ran.
  const own = api?.activationMs;
  console.log(`NEWSLENS_ACTIVATION ${JSON.stringify({ ms, own, wasActive, openDocuments })}`);
}
