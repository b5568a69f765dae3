// Wires the analysis store to what the user sees: decorations on every visible editor of an
// article, the three views, the status bar, hovers and document symbols. All of it presents the
// core's analysis through ArticleView; nothing here reads the text for meaning.
import * as vscode from 'vscode';
import { looksLikeProse, PROSE_SAMPLE } from '../present/prose';
import type { ArticleView } from '../present/view';
import { readSettings, type Settings } from './config';
import { Decorations } from './decorations';
import type { AnalysisEngine } from './engine';
import { AnalysisStore } from './store';
import { CreditsTree, EntitiesTree, SourcesTree, type Article } from './trees';

/** Why a document is or is not annotated. */
export type Eligibility =
  | { annotate: true }
  | { annotate: false; reason: 'disabled' | 'not-included' | 'excluded' | 'not-prose' | 'too-large' | 'scheme'; detail: string };

/** Verdicts that do not depend on the text: an edit cannot change them. */
const FIXED_REASONS = new Set(['disabled', 'not-included', 'excluded', 'scheme']);

const IGNORED_SCHEMES = new Set(['output', 'debug', 'git', 'vscode-scm', 'walkThrough', 'vscode-settings', 'comment', 'newslens']);

/** Quotes above which an analysis is presented in several tasks (see drawDocument). */
const LARGE_ANALYSIS = 2000;

export interface DrawEvent {
  uri: string;
  version: number;
}

export class Controller implements vscode.Disposable {
  readonly store: AnalysisStore;
  readonly decorations = new Decorations();
  readonly sources = new SourcesTree();
  readonly entities = new EntitiesTree();
  readonly credits = new CreditsTree();
  readonly sourcesView: vscode.TreeView<unknown>;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly forced = new Set<string>();
  /** The last verdict per document and the version it was made for. */
  private readonly verdicts = new Map<string, { version: number; verdict: Eligibility }>();
  /** Documents with decorations drawn, which a change of verdict must clear. */
  private readonly annotated = new Set<string>();
  private readonly toldTooLarge = new Set<string>();
  private readonly drawnEmitter = new vscode.EventEmitter<DrawEvent>();
  /** Fires after an analysis has been drawn on the visible editors of its document. */
  readonly onDidDraw = this.drawnEmitter.event;
  /** The version last drawn (or cleared) per document. */
  readonly drawnVersions = new Map<string, number>();
  private statusShown = false;
  /** Messages shown to the user, for the tests: each is shown once. */
  readonly notices: string[] = [];
  settings: Settings = readSettings();
  visible = true;
  listeners = 0;

  constructor(engine: AnalysisEngine) {
    this.store = new AnalysisStore(engine);
    this.sourcesView = vscode.window.createTreeView('newslens.sources', { treeDataProvider: this.sources, showCollapseAll: true });
    const entitiesView = vscode.window.createTreeView('newslens.entities', { treeDataProvider: this.entities, showCollapseAll: true });
    const creditsView = vscode.window.createTreeView('newslens.credits', { treeDataProvider: this.credits });
    this.status = vscode.window.createStatusBarItem('newslens.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'NewsLens';
    this.status.command = { command: 'newslens.sources.focus', title: 'Show Sources' };

    const on = <T>(event: vscode.Event<T>, handler: (e: T) => void): void => {
      this.listeners++;
      this.disposables.push(event(handler));
    };
    on(this.store.onDidAnalyze, (e) => this.drawDocument(e.document, e.view));
    on(this.store.onDidFail, (e) => this.tellFailed(e.document, e.message));
    on(vscode.window.onDidChangeActiveTextEditor, () => this.refreshActive(0));
    on(vscode.window.onDidChangeVisibleTextEditors, (editors) => {
      for (const editor of editors) this.update(editor.document, 0);
      // The views follow the articles on screen: with none left, they show their welcome text.
      const shown = this.sources.current?.uri.toString();
      if (shown && !editors.some((e) => e.document.uri.toString() === shown)) this.clearViews();
    });
    on(vscode.workspace.onDidChangeTextDocument, (e) => {
      if (e.contentChanges.length === 0 || !this.isVisible(e.document)) return;
      const previous = this.verdicts.get(e.document.uri.toString())?.verdict;
      if (previous && !previous.annotate && FIXED_REASONS.has(previous.reason)) return; // typing in code, not an article
      this.update(e.document, this.settings.debounce);
    });
    on(vscode.workspace.onDidCloseTextDocument, (doc) => {
      this.store.forget(doc);
      this.forced.delete(doc.uri.toString());
      this.drawnVersions.delete(doc.uri.toString());
      this.verdicts.delete(doc.uri.toString());
      if (this.annotated.delete(doc.uri.toString())) this.publishAnnotated();
      if (this.sources.current?.uri.toString() === doc.uri.toString()) this.clearViews();
    });
    on(vscode.workspace.onDidChangeConfiguration, (e) => {
      if (!e.affectsConfiguration('newslens')) return;
      this.settings = readSettings();
      this.verdicts.clear();
      this.redrawAll();
    });

    on(this.onDidDraw, (e) => this.drawnVersions.set(e.uri, e.version));
    on(vscode.window.onDidChangeTextEditorSelection, (e) => this.followCursor(e.textEditor));
    // A large article is drawn around what is on screen: draw again where the user scrolls to.
    const scrolled = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
    on(vscode.window.onDidChangeTextEditorVisibleRanges, (e) => {
      if (!this.decorations.isWindowed(e.textEditor)) return;
      clearTimeout(scrolled.get(e.textEditor));
      scrolled.set(e.textEditor, setTimeout(() => {
        scrolled.delete(e.textEditor);
        this.decorations.redrawWindow(e.textEditor);
      }, 50));
    });
    this.disposables.push({ dispose: () => scrolled.forEach((t) => clearTimeout(t)) });
    this.disposables.push(this.store, this.decorations, this.sources, this.entities, this.credits);
    this.disposables.push(this.sourcesView, entitiesView, creditsView, this.status, this.drawnEmitter);
    void vscode.commands.executeCommand('setContext', 'newslens.annotationsVisible', true);
    this.redrawAll();
  }

  isVisible(doc: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document === doc);
  }

  eligibility(doc: vscode.TextDocument): Eligibility {
    const key = doc.uri.toString();
    const cached = this.verdicts.get(key);
    if (cached && cached.version === doc.version) return cached.verdict;
    const verdict = this.judge(doc);
    this.verdicts.set(key, { version: doc.version, verdict });
    return verdict;
  }

  private judge(doc: vscode.TextDocument): Eligibility {
    const s = this.settings;
    const forced = this.forced.has(doc.uri.toString());
    if (IGNORED_SCHEMES.has(doc.uri.scheme)) return { annotate: false, reason: 'scheme', detail: `${doc.uri.scheme} documents are not articles` };
    if (!forced) {
      if (!s.enable) return { annotate: false, reason: 'disabled', detail: 'newslens.enable is off' };
      const matches = (patterns: string[]): boolean =>
        patterns.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
      if (!matches(s.include)) return { annotate: false, reason: 'not-included', detail: 'it matches no pattern of newslens.files.include' };
      if (matches(s.exclude)) return { annotate: false, reason: 'excluded', detail: 'it matches newslens.files.exclude' };
    }
    // Prose first (it reads a sample only): a large log must not be told to raise the size limit.
    // Neither reads the whole text: a 10 MB article is judged in well under a millisecond.
    if (!forced && s.detectProse) {
      const verdict = looksLikeProse(doc.getText(new vscode.Range(doc.positionAt(0), doc.positionAt(PROSE_SAMPLE))));
      if (!verdict.prose) return { annotate: false, reason: 'not-prose', detail: verdict.reason };
    }
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (length > s.maxFileSize) {
      return {
        annotate: false,
        reason: 'too-large',
        detail: `it has ${length.toLocaleString('en')} characters, more than the ${s.maxFileSize.toLocaleString('en')} of the setting newslens.maxFileSize`,
      };
    }
    return { annotate: true };
  }

  /** Marks a document as an article whatever the settings say, and annotates it now. */
  force(doc: vscode.TextDocument): Eligibility {
    this.forced.add(doc.uri.toString());
    this.toldTooLarge.delete(doc.uri.toString());
    this.verdicts.delete(doc.uri.toString());
    const verdict = this.eligibility(doc);
    this.update(doc, 0);
    return verdict;
  }

  /**
   * The analysis of an annotated document's current version for a provider or a command: the
   * cached one, or the one on its way while the user types (so a hover or the outline never runs a
   * second analysis beside the debounced one), or one made now.
   */
  async analysisFor(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<ArticleView | undefined> {
    const raw = await this.rawAnalysisFor(doc, token);
    return raw && this.present(doc, raw);
  }

  /**
   * The one place where an analysis meets the hand corrections: every view of an article the user
   * sees (decorations, hovers, views, status bar, outline, exports) goes through here. `correct`
   * is set by src/editor/corrections.ts; it caches, so one analysis gives one corrected view.
   */
  correct: (doc: vscode.TextDocument, view: ArticleView) => ArticleView = (_doc, view) => view;

  present(doc: vscode.TextDocument, view: ArticleView): ArticleView {
    return this.correct(doc, view);
  }

  /** The analysis without the corrections. */
  private async rawAnalysisFor(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<ArticleView | undefined> {
    if (!this.eligibility(doc).annotate) return undefined;
    const cached = this.store.get(doc);
    if (cached) return cached;
    const analysis = this.store.analyze(doc);
    if (!token) return analysis;
    return new Promise((resolve) => {
      const sub = token.onCancellationRequested(() => resolve(undefined));
      void analysis.then((view) => {
        sub.dispose();
        resolve(view);
      });
    });
  }

  /** Analyses a document (after `delay` ms) if it is an article; clears it otherwise. */
  update(doc: vscode.TextDocument, delay: number): void {
    const verdict = this.eligibility(doc);
    if (verdict.annotate) {
      this.store.request(doc, delay);
      return;
    }
    this.store.forget(doc);
    if (verdict.reason === 'too-large') this.tellTooLarge(doc, verdict.detail);
    if (this.annotated.delete(doc.uri.toString())) {
      this.publishAnnotated();
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document === doc) this.decorations.draw(editor, null, this.settings.show);
      }
    }
    if (this.sources.current?.uri.toString() === doc.uri.toString()) this.clearViews();
    if (vscode.window.activeTextEditor?.document === doc) this.showInViews(undefined, false);
    this.drawnEmitter.fire({ uri: doc.uri.toString(), version: doc.version });
  }

  private tellTooLarge(doc: vscode.TextDocument, detail: string): void {
    const key = doc.uri.toString();
    if (this.toldTooLarge.has(key)) return;
    this.toldTooLarge.add(key);
    const name = doc.uri.path.split('/').pop() ?? key;
    const message = `NewsLens did not annotate ${name}: ${detail}. Raise the limit in Settings to annotate it.`;
    this.notices.push(message);
    void vscode.window
      .showWarningMessage(message, 'Open Settings')
      .then((choice) => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'newslens.maxFileSize');
      });
  }

  /** An analysis failed (a bug, not the user's doing): said once per document, with the reason. */
  private readonly toldFailed = new Set<string>();
  private tellFailed(doc: vscode.TextDocument, detail: string): void {
    const key = doc.uri.toString();
    if (this.toldFailed.has(key)) return;
    this.toldFailed.add(key);
    const name = doc.uri.path.split('/').pop() ?? key;
    const message = `NewsLens could not analyse ${name}: ${detail.split('\n')[0]}`;
    this.notices.push(message);
    console.error(`NewsLens: analysis of ${key} failed: ${detail}`);
    void vscode.window.showErrorMessage(message);
  }

  private refreshActive(delay: number): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      this.updateContext();
      return;
    }
    this.update(editor.document, delay);
    this.updateContext();
  }

  redrawAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.update(editor.document, 0);
    if (!vscode.window.activeTextEditor) this.updateContext();
  }

  private drawDocument(doc: vscode.TextDocument, raw: ArticleView): void {
    if (doc.isClosed || this.store.get(doc) !== raw) return; // never draw an old version
    const view = this.present(doc, raw);
    const plan = this.visible ? view.decorations() : null;
    if (!this.annotated.has(doc.uri.toString())) {
      this.annotated.add(doc.uri.toString());
      this.publishAnnotated();
    }
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document === doc) this.decorations.draw(editor, plan, this.settings.show);
    }
    const views = (): void => {
      if (doc.isClosed || this.store.get(doc) !== raw) return; // overtaken meanwhile: its own draw follows
      const active = vscode.window.activeTextEditor?.document === doc;
      // The views follow the active article, and stay current when the article they show changes.
      if (active || this.sources.current?.uri.toString() === doc.uri.toString()) {
        this.showInViews({ uri: doc.uri, version: doc.version, view }, active);
      }
      this.drawnEmitter.fire({ uri: doc.uri.toString(), version: doc.version });
    };
    // A large article's views are filled in a task of their own, so that the editor's thread is
    // never held for the decorations and the views together.
    if (view.quotes.length > LARGE_ANALYSIS) setTimeout(views, 0);
    else views();
  }

  /** Points the views and status bar at an article; `undefined` keeps the last article in the views. */
  private showInViews(article: Article | undefined, activeAnnotated: boolean): void {
    if (article) {
      this.sources.show(article);
      this.entities.show(article);
      this.credits.show(article);
      const counts = article.view.counts();
      this.sourcesView.badge = { value: counts.sources, tooltip: article.view.statusText() };
      this.status.text = `$(quote) ${article.view.statusText()}`;
      this.status.tooltip = `NewsLens: ${counts.direct} direct, ${counts.indirect} reported, ${counts.mixed} mixed` +
        (counts.outside ? `; ${counts.outside} more outside the story` : '') + '. Click to show the sources.';
      this.status.accessibilityInformation = { label: `NewsLens: ${article.view.statusText()}` };
    }
    this.showStatus(activeAnnotated && this.settings.statusBar);
    void vscode.commands.executeCommand('setContext', 'newslens.activeEditorAnnotated', activeAnnotated);
    void vscode.commands.executeCommand('setContext', 'newslens.hasArticle', this.sources.current !== undefined);
  }

  private clearViews(): void {
    this.sources.show(undefined);
    this.entities.show(undefined);
    this.credits.show(undefined);
    this.sourcesView.badge = undefined;
    this.showStatus(false);
    void vscode.commands.executeCommand('setContext', 'newslens.hasArticle', false);
  }

  private updateContext(): void {
    const editor = vscode.window.activeTextEditor;
    const annotated = !!editor && this.eligibility(editor.document).annotate;
    if (!annotated) this.showStatus(false);
    void vscode.commands.executeCommand('setContext', 'newslens.activeEditorAnnotated', annotated);
    void vscode.commands.executeCommand('setContext', 'newslens.hasArticle', this.sources.current !== undefined);
  }

  private followTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Like the Outline's "Follow Cursor": the Sources view selects the quote under the cursor, once
   * the cursor rests, when the view is visible; the focus stays in the editor.
   */
  private followCursor(editor: vscode.TextEditor): void {
    if (!this.settings.followCursor || !this.sourcesView.visible) return;
    if (editor !== vscode.window.activeTextEditor) return;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      const raw = this.store.get(editor.document);
      const view = raw && this.present(editor.document, raw);
      if (!view || this.sources.current?.view !== view) return;
      const offset = editor.document.offsetAt(editor.selection.active);
      const target = view.targetAt(offset);
      if (target?.type !== 'quote') return;
      const node = this.sources.nodeOfQuote(target.quote);
      if (!node || this.sourcesView.selection.includes(node)) return;
      void this.sourcesView.reveal(node, { select: true, focus: false, expand: true });
    }, 150);
  }

  /**
   * The annotated documents, for menus shown per editor (`resourcePath in newslens.annotatedPaths`):
   * the workbench's resourcePath is a file's fsPath, or the path of any other URI.
   */
  private publishAnnotated(): void {
    const paths = new Set<string>();
    for (const key of this.annotated) {
      const uri = vscode.Uri.parse(key);
      paths.add(uri.scheme === 'file' ? uri.fsPath : uri.path);
    }
    void vscode.commands.executeCommand('setContext', 'newslens.annotatedPaths', [...paths]);
  }

  private showStatus(shown: boolean): void {
    this.statusShown = shown;
    if (shown) this.status.show();
    else this.status.hide();
  }

  /** The status bar text while it is shown. */
  statusText(): string | undefined {
    return this.statusShown ? this.status.text : undefined;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    void vscode.commands.executeCommand('setContext', 'newslens.annotationsVisible', visible);
    for (const editor of vscode.window.visibleTextEditors) {
      const view = this.store.get(editor.document);
      if (view) this.decorations.draw(editor, visible ? this.present(editor.document, view).decorations() : null, this.settings.show);
    }
  }

  dispose(): void {
    clearTimeout(this.followTimer);
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
