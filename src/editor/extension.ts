// The VS Code face of NewsLens. It presents the core's newslens/1 analysis (through
// src/present) and never parses text itself. `activate` returns a small API that the
// extension-host tests use to see what was drawn.
import * as vscode from 'vscode';
import type { Analysis } from '../core';
import { BRAT_ANNOTATION_CONF, BRAT_CONF_NAME, formatBrat } from '../present/brat';
import { csvHeader, formatCsvRows } from '../present/csv';
import { formatJson } from '../present/json';
import { formatMarkdown } from '../present/markdown';
import { CATEGORIES, CATEGORY_LABELS, quoteExtent, type ArticleView, type Category } from '../present/view';
import { CATEGORY_SETTINGS } from './config';
import { Controller, type DrawEvent } from './controller';
import { sliced } from './slices';
import { registerHuman, type HumanApi } from './human';
import { registerCorrections, type SidecarPlatform } from './corrections';
import type { AnalysisEngine } from './engine';
import type { Node } from './trees';

export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORTS: Readonly<Record<ExportFormat, { label: string; detail: string; extension: string; filter: string }>> = {
  json: { label: 'JSON', detail: 'The newslens/1 analysis of the text in the editor', extension: '.newslens.json', filter: 'json' },
  csv: { label: 'CSV', detail: 'One row per quote, for spreadsheets', extension: '.newslens.csv', filter: 'csv' },
  markdown: { label: 'Markdown', detail: 'The source summary and every quote under its source', extension: '.newslens.md', filter: 'md' },
  brat: { label: 'brat standoff', detail: "A .ann file with PolNeAR's labels, beside the article's .txt", extension: '.ann', filter: 'ann' },
};

/** What `activate` returns; the extension-host tests read the editor through it. */
export interface NewsLensApi {
  /** Ranges last drawn on an editor, by slot (`speaker1`…`speaker6`, `direct`, `indirect`, …). */
  decorationsOf(editor: vscode.TextEditor): Record<string, vscode.Range[]>;
  /** The analysis of the document's current version, if it is annotated and analysed. */
  analysisOf(document: vscode.TextDocument): Analysis | undefined;
  /** Resolves once the document's current version has been drawn (or cleared). */
  whenDrawn(document: vscode.TextDocument): Promise<DrawEvent>;
  onDidDraw: vscode.Event<DrawEvent>;
  sources: vscode.TreeDataProvider<Node>;
  sourcesView: vscode.TreeView<unknown>;
  entities: vscode.TreeDataProvider<Node>;
  credits: vscode.TreeDataProvider<Node>;
  /** Counters that must not grow with use. */
  stats(): {
    decorationTypes: number;
    listeners: number;
    analyses: number;
    dropped: number;
    failures: number;
    pending: boolean;
    /** Documents with a cached analysis and requests not yet answered (both shrink back when idle). */
    cached: number;
    requests: number;
    /** Where analyses run: analyses finished there, the last one's time (ms), worker restarts, queue. */
    engine: { runs: number; lastMs: number; restarts: number; queued: number };
  };
  /** The status bar text, as shown. */
  statusText(): string | undefined;
  /** Warnings NewsLens has shown, oldest first. */
  notices(): readonly string[];
  /** How long loading the extension's code and activate() took (ms), where the entry measures it. */
  activationMs?: number;
  /** Resolves once the article's corrections file has been read and applied. */
  correctionsReady(document: vscode.TextDocument): Promise<void>;
  /** The human annotation layer: what it drew, its mode, its comparison. */
  human: HumanApi;
}

/**
 * Activation, given where analyses run (a worker thread on the desktop, the web worker host in the
 * browser): the entry files in src/platform/ choose it.
 */
export function activateWith(context: vscode.ExtensionContext, engine: AnalysisEngine, platform?: SidecarPlatform): NewsLensApi {
  const c = new Controller(engine);
  context.subscriptions.push(c);
  const corrections = registerCorrections(context, c, platform);
  // Read-only documents for the summary and the JSON: nothing to save, no prompt on closing.
  const views = new ReadOnlyDocuments();
  context.subscriptions.push(views, vscode.workspace.registerTextDocumentContentProvider(ReadOnlyDocuments.scheme, views));
  // A human annotation (.ann) beside the article: drawn, or compared with NewsLens (src/editor/human.ts).
  const human = registerHuman(context, {
    analysisOf: (doc) => c.analysisFor(doc),
    onDidDraw: c.onDidDraw,
    notice: (message) => c.notices.push(message),
    showMarkdown: async (name, markdown) => {
      const doc = await vscode.workspace.openTextDocument(views.put(name, markdown));
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
      } catch {
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      }
    },
  });

  const command = (id: string, run: (...args: any[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  const articleEditor = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (editor && c.eligibility(editor.document).annotate) return editor;
    // From a view's title bar the focus is in the view: use the article the views show.
    const uri = c.sources.current?.uri.toString();
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  };

  const needArticle = (): vscode.TextEditor | undefined => {
    const editor = articleEditor();
    if (!editor) void vscode.window.showInformationMessage('NewsLens: open an article first, or run "NewsLens: Annotate This File" on one.');
    return editor;
  };

  const select = (editor: vscode.TextEditor, start: number, end: number): void => {
    const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  command('newslens.reveal', async (uri: vscode.Uri, start: number, end: number) => {
    const document = await vscode.workspace.openTextDocument(uri);
    // In the group already showing the article, not over whatever is active (a JSON beside it).
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false, viewColumn: shown?.viewColumn });
    select(editor, start, end);
  });

  // The "N more…" item of a long list in a view (not in the Command Palette: it needs the item).
  command('newslens.tree.showMore', (node: Node) => {
    for (const tree of [c.sources, c.entities, c.credits]) tree.showMore(node);
  });
  command('newslens.toggleAnnotations', () => c.setVisible(!c.visible));
  command('newslens.hideAnnotations', () => c.setVisible(false));
  command('newslens.showAnnotations', () => c.setVisible(true));

  command('newslens.toggleCategories', async () => {
    const config = vscode.workspace.getConfiguration('newslens');
    const items = CATEGORIES.map((category) => ({ label: CATEGORY_LABELS[category], category, picked: c.settings.show[category] }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'NewsLens: categories to show' });
    if (!picked) return;
    const on = new Set<Category>(picked.map((p) => p.category));
    for (const category of CATEGORIES) {
      if (on.has(category) === c.settings.show[category]) continue;
      const key = `show.${CATEGORY_SETTINGS[category]}`;
      // Where the value in force is set, so a workspace setting does not hide the change.
      const where = config.inspect(key);
      const target =
        where?.workspaceFolderValue !== undefined
          ? vscode.ConfigurationTarget.WorkspaceFolder
          : where?.workspaceValue !== undefined
            ? vscode.ConfigurationTarget.Workspace
            : vscode.ConfigurationTarget.Global;
      await config.update(key, on.has(category), target);
    }
  });

  command('newslens.annotateFile', (uri?: vscode.Uri) => {
    const editor = uri
      ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())
      : vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('NewsLens: open the file to annotate in an editor first.');
      return;
    }
    const verdict = c.force(editor.document);
    if (!verdict.annotate && verdict.reason !== 'too-large') {
      void vscode.window.showWarningMessage(`NewsLens cannot annotate this file: ${verdict.detail}.`);
    }
  });

  command('newslens.refresh', () => {
    c.store.clear();
    c.redrawAll();
  });

  const step = async (direction: 1 | -1): Promise<void> => {
    const editor = needArticle();
    if (!editor) return;
    const view = await c.analysisFor(editor.document);
    if (!view) return;
    const quotes = view.quotes;
    if (quotes.length === 0) {
      vscode.window.setStatusBarMessage('NewsLens: no quotes in this article', 3000);
      return;
    }
    // From the selection's start, so that with a quote selected the next and previous quotes are its neighbours.
    const here = editor.document.offsetAt(editor.selection.start);
    const starts = quotes.map((q) => quoteExtent(q).start);
    let index: number;
    if (direction === 1) {
      index = starts.findIndex((s) => s > here);
    } else {
      // From inside a quote, the previous one is the one before it, not its own start.
      const inside = quotes.findIndex((q) => {
        const e = quoteExtent(q);
        return e.start < here && here <= e.end;
      });
      index = inside >= 0 ? inside - 1 : starts.map((s) => s < here).lastIndexOf(true);
    }
    if (index < 0) {
      index = direction === 1 ? 0 : quotes.length - 1;
      vscode.window.setStatusBarMessage('NewsLens: wrapped around to the ' + (direction === 1 ? 'first' : 'last') + ' quote', 3000);
    }
    const extent = quoteExtent(quotes[index]!);
    select(editor, extent.start, extent.end);
  };
  command('newslens.nextQuote', () => step(1));
  command('newslens.previousQuote', () => step(-1));

  const quoteAtCursor = (editor: vscode.TextEditor, view: ArticleView) => {
    const offset = editor.document.offsetAt(editor.selection.active);
    const target = view.targetAt(offset);
    if (target?.type === 'quote') return target.quote;
    // The cursor on a quote's edge or its speaker's name: the quote whose extent holds it.
    return view.quotes.find((q) => {
      const e = quoteExtent(q);
      return e.start <= offset && offset <= e.end;
    });
  };

  command('newslens.revealQuote', async () => {
    const editor = needArticle();
    if (!editor) return;
    const view = await c.analysisFor(editor.document);
    const quote = view && quoteAtCursor(editor, view);
    if (!quote) {
      void vscode.window.showInformationMessage('NewsLens: the cursor is not on a quote.');
      return;
    }
    const node = c.sources.nodeOfQuote(quote);
    if (!node) {
      void vscode.window.showInformationMessage('NewsLens: the Sources view shows another article; open this one first.');
      return;
    }
    await c.sourcesView.reveal(node, { select: true, focus: true, expand: true });
  });

  command('newslens.copyQuote', async (node?: Node) => {
    let text: string | undefined;
    let who = '';
    if (node && typeof node === 'object' && 'type' in node && node.type === 'quote') {
      const view = c.sources.current?.view;
      text = view?.citation(node.quote);
      who = view?.speakerOf(node.quote)?.name ?? '';
    } else {
      const editor = needArticle();
      if (!editor) return;
      const view = await c.analysisFor(editor.document);
      const quote = view && quoteAtCursor(editor, view);
      if (!view || !quote) {
        void vscode.window.showInformationMessage('NewsLens: the cursor is not on a quote.');
        return;
      }
      text = view.citation(quote);
      who = view.speakerOf(quote)?.name ?? '';
    }
    if (text === undefined) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`NewsLens: copied the quote${who ? ` of ${who}` : ''}`, 3000);
  });

  command('newslens.export', async (format?: ExportFormat, target?: vscode.Uri) => {
    const editor = needArticle();
    if (!editor) return;
    const doc = editor.document;
    const view = await c.analysisFor(doc);
    if (!view) return;
    if (!format || !EXPORT_FORMATS.includes(format)) {
      const pick = await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: EXPORTS[f].label, detail: EXPORTS[f].detail, format: f })),
        { title: 'NewsLens: export the analysis as' },
      );
      if (!pick) return;
      format = pick.format;
    }
    const spec = EXPORTS[format];
    if (format === 'brat' && doc.isDirty) {
      // brat reads the .txt on disk: offsets of unsaved text would point at the wrong words.
      void vscode.window.showWarningMessage('NewsLens: save the article first; a brat .ann file indexes the text saved beside it.');
      return;
    }
    if (!target) {
      const base = doc.uri.path.replace(/\.[^./]*$/, '');
      target = await vscode.window.showSaveDialog({
        defaultUri: doc.isUntitled ? undefined : doc.uri.with({ path: base + spec.extension }),
        filters: { [spec.label]: [spec.filter] },
        title: `Export NewsLens analysis as ${spec.label}`,
      });
      if (!target) return;
    }
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    const analysis = view.analysis;
    const content =
      format === 'json'
        ? formatJson(analysis)
        : format === 'csv'
          ? csvHeader() + formatCsvRows({ ...analysis, file: name }, view.text)
          : format === 'markdown'
            ? formatMarkdown(analysis, view.text, name)
            : formatBrat(analysis, view.text);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    if (format === 'brat') {
      // brat learns the labels from annotation.conf in the folder (or above): write one if none.
      const conf = vscode.Uri.joinPath(target, '..', BRAT_CONF_NAME);
      const exists = await vscode.workspace.fs.stat(conf).then(
        () => true,
        () => false,
      );
      if (!exists) await vscode.workspace.fs.writeFile(conf, new TextEncoder().encode(BRAT_ANNOTATION_CONF));
    }
    const written = target;
    // Notifications may not pop up (code-server, Do Not Disturb): say it in the status bar too.
    vscode.window.setStatusBarMessage(`NewsLens: exported ${spec.label} to ${vscode.workspace.asRelativePath(written, false)}`, 5000);
    void vscode.window
      .showInformationMessage(`NewsLens: exported ${spec.label} to ${vscode.workspace.asRelativePath(written, false)}.`, 'Open')
      .then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(written);
      });
  });

  command('newslens.showSummary', async () => {
    const editor = needArticle();
    if (!editor) return;
    const view = await c.analysisFor(editor.document);
    if (!view) return;
    const name = vscode.workspace.asRelativePath(editor.document.uri, false);
    const uri = views.put(`${baseName(editor.document.uri)} sources.md`, view.summaryMarkdown(name));
    const doc = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
    } catch {
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  });

  command('newslens.showAnalysis', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('NewsLens: open an article (a text file) first.');
      return;
    }
    const verdict = c.eligibility(editor.document);
    if (!verdict.annotate && verdict.reason === 'too-large') {
      void vscode.window.showWarningMessage(`NewsLens will not analyse this file: ${verdict.detail}.`);
      return;
    }
    const view = await c.analysisFor(editor.document);
    if (!view) return;
    const uri = views.put(`${baseName(editor.document.uri)}.newslens.json`, formatJson(view.analysis));
    const json = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(json, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  });

  const everyDocument: vscode.DocumentSelector = [{ pattern: '**' }, { scheme: 'untitled' }];

  context.subscriptions.push(
    vscode.languages.registerHoverProvider(everyDocument, {
      async provideHover(document, position, token) {
        const view = await c.analysisFor(document, token);
        if (!view) return undefined;
        const hover = view.hoverAt(document.offsetAt(position));
        if (!hover) return undefined;
        const md = new vscode.MarkdownString(hover.markdown, false);
        md.isTrusted = false;
        md.supportHtml = false;
        const range = new vscode.Range(document.positionAt(hover.span.start), document.positionAt(hover.span.end));
        return new vscode.Hover(md, range);
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(
      everyDocument,
      {
        async provideDocumentSymbols(document, token) {
          const view = await c.analysisFor(document, token);
          if (!view) return [];
          const range = (s: { start: number; end: number }) => new vscode.Range(document.positionAt(s.start), document.positionAt(s.end));
          const toSymbol = (m: ReturnType<typeof view.symbols>[number]): vscode.DocumentSymbol => {
            const symbol = new vscode.DocumentSymbol(
              m.name,
              m.detail,
              m.kind === 'source' ? vscode.SymbolKind.Class : vscode.SymbolKind.String,
              range(m.range),
              range(m.selection),
            );
            symbol.children = m.children.map(toSymbol);
            return symbol;
          };
          // In slices: a 10 MB article's outline would otherwise hold the host's thread.
          const cancelled = (): boolean => token.isCancellationRequested;
          const models = (await sliced(view.symbolSteps(), cancelled)) ?? [];
          const symbols = function* (): Generator<void, vscode.DocumentSymbol[], void> {
            const out: vscode.DocumentSymbol[] = [];
            for (const m of models) {
              out.push(toSymbol(m));
              yield;
            }
            return out;
          };
          return (await sliced(symbols(), cancelled)) ?? [];
        },
      },
      { label: 'NewsLens' },
    ),
  );

  return {
    decorationsOf: (editor) => c.decorations.rangesOf(editor),
    analysisOf: (document) => {
      const view = c.store.get(document);
      return view && c.present(document, view).analysis;
    },
    whenDrawn: (document) =>
      new Promise<DrawEvent>((resolve) => {
        const key = document.uri.toString();
        const done = (e: DrawEvent): boolean => e.uri === key && e.version === document.version;
        if (c.drawnVersions.get(key) === document.version) {
          resolve({ uri: key, version: document.version });
          return;
        }
        const sub = c.onDidDraw((e) => {
          if (done(e)) {
            sub.dispose();
            resolve(e);
          }
        });
      }),
    onDidDraw: c.onDidDraw,
    sources: c.sources,
    sourcesView: c.sourcesView,
    entities: c.entities,
    credits: c.credits,
    stats: () => ({
      decorationTypes: c.decorations.created,
      listeners: c.listeners,
      analyses: c.store.runs,
      dropped: c.store.dropped,
      failures: c.store.failures,
      cached: c.store.sizes.cached,
      requests: c.store.sizes.pending,
      engine: { ...c.store.engine.stats, queued: c.store.engine.queued() },
      pending: vscode.window.visibleTextEditors.some((e) => c.store.isPending(e.document)),
    }),
    statusText: () => c.statusText(),
    notices: () => [...c.notices],
    correctionsReady: (document) => corrections.ready(document.uri),
    human,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function baseName(uri: vscode.Uri): string {
  return (uri.path.split('/').pop() ?? 'article').replace(/\.[^.]*$/, '');
}

/** Documents NewsLens shows and the user reads (`newslens:/…`), never saved. */
class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'newslens';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ReadOnlyDocuments.scheme, path: `/${name}` });
    const had = this.contents.has(uri.toString());
    this.contents.set(uri.toString(), content);
    if (had) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
