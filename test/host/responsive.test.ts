// The editor never freezes: a 10 MB article is analysed (in the worker) and drawn while the
// extension host's thread stays free (see BLOCK_LIMIT_MS), and rapid edits, closing a document while it is
// being analysed and switching editors quickly leave no error, no stale decoration and no leak.
// Runs inside a real extension host (code-server here, desktop VS Code through test-electron).
import { strict as assert } from 'node:assert';
import { PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../src/editor/extension';
import type { Node } from '../../src/editor/trees';

const SEED = '000_8f484521c7ff1466.txt';
/**
 * The longest the extension host's thread may be held while a 10 MB article is analysed, drawn,
 * hovered and scrolled: issue 6's 50 ms, counted in CPU time of the host's thread (garbage
 * collection on that thread included; the collector's pauses are logged beside it).
 */
const BLOCK_LIMIT_MS = 50;
// (The test host turns off the built-in Git and merge-conflict extensions, tools/host.ts: they scan
// every document opened in this extension host, 50-60 ms at once for 10 MB, NewsLens or not.)
/** 10 MB as the issue asks; NEWSLENS_BIG_MB sets another size while developing. */
const BIG_CHARS = Number(process.env.NEWSLENS_BIG_MB ?? 10) * 1_000_000;

let api: NewsLensApi;
let folder: vscode.Uri;

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('newslens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The CPU time of this thread (Node 23.9+, as in code-server's extension host), else undefined. */
const threadCpu = (): number | undefined => {
  const usage = (process as unknown as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : undefined;
};

/**
 * Watches the extension host's thread: a timer that should fire every `tick` ms. The time between
 * two firings beyond `tick` is time something held the thread. On a busy machine that wall time
 * also counts waiting for a core, so where Node can tell, the work done on this thread in that gap
 * (its CPU time) is what is measured; the wall time is reported beside it.
 */
function watchThread(tick = 5): {
  phase(p: string): void;
  stop(): { longest: number; wall: number; at: string; samples: number; measure: string; window: [number, number] };
} {
  let last = performance.now();
  let lastCpu = threadCpu();
  let longest = 0;
  let wall = 0;
  let at = '';
  let window: [number, number] = [0, 0];
  let samples = 0;
  let phase = 'start';
  let phaseAtTick = phase;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpu();
    const gap = now - last - tick;
    const held = cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : gap;
    if (held > 20 && process.env.NEWSLENS_TRACE === '1') console.log(`TRACE ${now.toFixed(0)} gap ${held.toFixed(0)} ms cpu, ${gap.toFixed(0)} ms wall, phase ${phase}`);
    if (held > longest) {
      longest = held;
      window = [last, now];
      // The phase the hold began in (the test may have moved on by the time the timer fires).
      at = phaseAtTick === phase ? phase : `${phaseAtTick}, into ${phase}`;
    }
    wall = Math.max(wall, gap);
    samples++;
    last = now;
    lastCpu = cpu;
    phaseAtTick = phase;
  }, tick);
  return {
    phase(p: string) {
      phase = p;
    },
    stop() {
      clearInterval(timer);
      const measure = threadCpu() !== undefined ? 'thread CPU time' : 'wall time';
      return { longest: Math.round(longest), wall: Math.round(wall), at, samples, measure, window };
    },
  };
}

/** The counters once every request has been answered (closed editors close their documents later). */
async function settle(): Promise<ReturnType<NewsLensApi['stats']>> {
  for (let i = 0; i < 600; i++) {
    const s = api.stats();
    if (s.requests === 0 && s.engine.queued === 0) return s;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return api.stats();
}

/** Lets the event loop turn, so the thread watcher sees the time between awaits. */
const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('responsiveness', function () {
  this.timeout(20 * 60 * 1000);

  before(async () => {
    const ext = vscode.extensions.getExtension<NewsLensApi>('newslens.newslens');
    assert.ok(ext, 'the NewsLens extension is installed');
    api = await ext.activate();
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test opens a folder');
    folder = root.uri;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('survives rapid edits, closing mid-analysis and quick switching: no error, no stale drawing, nothing left behind', async () => {
    const seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, SEED)));
    const before = api.stats();
    const uris = await Promise.all([0, 1, 2].map((k) => write(`churn-${k}.txt`, `${seed}\n\nChurn ${k}, said Lavrov.\n`)));
    try {
      const docs = await Promise.all(uris.map((u) => vscode.workspace.openTextDocument(u)));
      // Switch between the three faster than any analysis finishes, typing in each.
      for (let round = 0; round < 6; round++) {
        for (const doc of docs) {
          const editor = await vscode.window.showTextDocument(doc, { preview: false });
          await editor.edit((b) => b.insert(doc.positionAt(doc.getText().indexOf('Lavrov')), round % 2 ? 'x' : 'Y'), { undoStopBefore: false, undoStopAfter: false });
        }
      }
      // Close one while its newest version is being analysed.
      const closing = docs[1]!;
      await vscode.window.showTextDocument(closing, { preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      const last = docs[2]!;
      const editor = await vscode.window.showTextDocument(last, { preview: false });
      await api.whenDrawn(last);
      // What is drawn is the analysis of the text on screen now, not of an earlier version.
      const shown = api.analysisOf(last);
      assert.ok(shown, 'the article on screen is analysed');
      assert.equal(shown.length, last.getText().length, 'the drawn analysis is of the current text');
      const direct = api.decorationsOf(editor)['direct'] ?? [];
      const firstQuote = shown.quotes.find((q) => q.kind === 'direct');
      assert.ok(firstQuote, 'the article has a direct quote');
      assert.ok(
        direct.some((r) => last.offsetAt(r.start) === firstQuote.content[0]!.start),
        'the first direct quote is drawn where the current analysis has it',
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // Idle again: nothing is waiting, no analysis failed, nothing grew.
      const after = await settle();
      assert.equal(after.failures, before.failures, 'no analysis failed');
      assert.equal(after.requests, 0, 'no request is left pending');
      assert.equal(after.engine.queued, 0, 'no request is left in the worker queue');
      assert.equal(after.engine.restarts, before.engine.restarts, 'the worker never died');
      assert.equal(after.decorationTypes, before.decorationTypes, 'no decoration type was created');
      assert.equal(after.listeners, before.listeners, 'no listener was added');
      for (const doc of docs) {
        if (doc.isClosed) assert.equal(api.analysisOf(doc), undefined, `closed ${doc.uri.path} keeps no analysis`);
      }
    } finally {
      for (const u of uris) await vscode.workspace.fs.delete(u);
    }
  });

  it('lists a source with hundreds of quotes a page at a time, and reveals a quote beyond the first page', async () => {
    const seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, SEED)));
    const copies = 60;
    const uri = await write('long-lists.txt', Array.from({ length: copies }, () => seed.trim()).join('\n\n') + '\n');
    await setting('maxFileSize', 2_000_000);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await api.whenDrawn(doc);
      // The biggest source, wherever it is (the repeats after the first copy read as boilerplate).
      const tree = api.sources;
      const groups: Node[] = [];
      for (const root of (await tree.getChildren()) ?? []) {
        if (root.type === 'source') groups.push(root);
        if (root.type === 'folder') groups.push(...((await tree.getChildren(root)) ?? []).filter((n) => n.type === 'source'));
      }
      assert.ok(api.analysisOf(doc), 'the article is annotated');
      const big = groups.sort((a, b) => ('children' in b ? b.children.length : 0) - ('children' in a ? a.children.length : 0))[0]!;
      const total = 'children' in big ? big.children.length : 0;
      assert.ok(total > 500, `a source with more than a page of quotes (${total})`);
      const bigItem = await tree.getTreeItem(big);
      assert.equal(bigItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a source with hundreds of quotes starts closed');
      const first = (await tree.getChildren(big)) ?? [];
      assert.equal(first.length, 501, 'the first page and a "more" item');
      const more = first[500]!;
      const moreItem = await tree.getTreeItem(more);
      assert.equal(moreItem.label, `${(total - 500).toLocaleString('en')} more…`);
      assert.equal(moreItem.command?.command, 'newslens.tree.showMore');
      await vscode.commands.executeCommand(moreItem.command!.command, ...(moreItem.command!.arguments ?? []));
      const next = (await tree.getChildren(big)) ?? [];
      assert.equal(next.length, Math.min(total, 1000) + (total > 1000 ? 1 : 0), 'one more page');
      // Reveal in Sources on the last quote of that source lists it (past the pages shown).
      const last = 'children' in big ? big.children[total - 1]! : undefined;
      assert.ok(last && last.type === 'quote');
      const q = last.quote;
      editor.selection = new vscode.Selection(doc.positionAt(q.content[0]!.start + 1), doc.positionAt(q.content[0]!.start + 1));
      await vscode.commands.executeCommand('newslens.revealQuote');
      const listed = (await tree.getChildren(big)) ?? [];
      assert.ok(listed.includes(last), 'the revealed quote is listed');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await setting('maxFileSize', undefined);
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('analyses and draws a 10 MB article off the extension host\'s thread, never holding it for long', async () => {
    const seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, SEED)));
    const parts: string[] = [];
    let size = 0;
    while (size < BIG_CHARS) {
      parts.push(seed.trim());
      size += seed.length + 2;
    }
    const text = parts.join('\n\n') + '\n';
    const big = await write('big-10mb.txt', text);
    await setting('maxFileSize', 2 * BIG_CHARS);
    try {
      const doc = await vscode.workspace.openTextDocument(big);
      assert.ok(doc.getText().length >= BIG_CHARS, `the article has ${BIG_CHARS} characters`);
      const watch = watchThread();
      // Garbage collection pauses, to tell the collector's time from ours.
      const gcs: number[] = [];
      const gcSpans: [number, number][] = [];
      const gcObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          gcs.push(e.duration);
          gcSpans.push([e.startTime, e.startTime + e.duration]);
          if (process.env.NEWSLENS_TRACE === '1' && e.duration > 10) console.log(`TRACE ${e.startTime.toFixed(0)} gc kind ${(e as unknown as { detail?: { kind?: number } }).detail?.kind} ${e.duration.toFixed(1)} ms`);
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
      watch.phase('show');
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      watch.phase('analyse and draw');
      const started = performance.now();
      await api.whenDrawn(doc);
      const took = performance.now() - started;
      // The analysis is there, and what a user does next is not slow either.
      // (Found in the text written, not in doc.getText(): copying 10 MB is the test's own work.)
      const position = doc.positionAt(text.lastIndexOf('Lavrov said'));
      watch.phase('hover');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      await turn();
      await turn();
      watch.phase('scroll');
      editor.revealRange(new vscode.Range(doc.lineCount - 5, 0, doc.lineCount - 5, 0));
      await turn();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const result = watch.stop();
      gcObserver.disconnect();
      gcs.sort((a, b) => b - a);
      // The collector's pauses (wall time) within the longest hold.
      const [from, to] = result.window;
      const gcInHold = Math.round(gcSpans.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0));
      console.log(`      garbage collection: ${gcs.length} pauses, longest ${gcs.slice(0, 5).map((d) => d.toFixed(0)).join(', ')} ms; ${gcInHold} ms of pauses within the longest hold`);
      console.log(
        `      ${BIG_CHARS / 1e6} MB: drawn after ${Math.round(took)} ms; longest hold of the host's thread ${result.longest} ms of ${result.measure} (${result.at}); longest gap ${result.wall} ms wall; ${result.samples} ticks`,
      );
      const analysis = api.analysisOf(doc);
      assert.ok(analysis, 'the 10 MB article was analysed');
      const copies = parts.length;
      assert.ok(analysis.quotes.length >= copies * 10, `quotes in every copy of the seed: ${analysis.quotes.length} for ${copies} copies`);
      const drawn = api.decorationsOf(editor);
      assert.ok((drawn['direct'] ?? []).length > 0, 'direct quotes are drawn');
      const hover = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      assert.match(hover, /Lavrov/, 'the hover at the last "Lavrov said" names him');
      assert.ok(
        result.longest <= BLOCK_LIMIT_MS,
        `the extension host was held for ${result.longest} ms of ${result.measure} (${result.at}; garbage collection ${gcInHold} ms of it); at most ${BLOCK_LIMIT_MS} ms`,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await setting('maxFileSize', undefined);
      await vscode.workspace.fs.delete(big);
    }
  });
});
