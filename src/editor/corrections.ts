// Hand corrections in the editor: the commands and code actions that write them, the sidecar file
// beside each article (read and written through workspace.fs only, so it works on any file system
// the workbench has, in the browser too), and applying them to the analysis every time it is shown
// (Controller.present calls `correct`). A sidecar changed on disk (by another window, or by hand)
// is read again and applied again; writes merge with what is on disk (appendCorrections).
import * as vscode from 'vscode';
import type { CreditKind, Entity, QuoteKind, Span } from '../core';
import {
  activeCorrections,
  applyCorrections,
  makeAnchor,
  newCorrection,
  parseSidecar,
  quoteAnchor,
  textNames,
  type Correction,
  type CorrectionInput,
  type Sidecar,
  type SpeakerRef,
} from '../core/corrections';
import { appendCorrections, recoverSidecar, sidecarPathFor, type SidecarFs } from '../present/sidecar-file';
import { ArticleView, CREDIT_LABELS, KIND_LABELS, describeCorrection, quoteExtent } from '../present/view';
import type { Controller } from './controller';
import type { Node } from './trees';

/**
 * What the platform entry gives the editor for sidecar writes (src/editor stays free of Node
 * built-ins: it is also the web bundle). src/platform/node.ts passes a rename through
 * node:fs/promises, atomic on POSIX; without it (the web) workspace.fs.rename is used.
 */
export interface SidecarPlatform {
  renameAtomic(from: vscode.Uri, to: vscode.Uri): Promise<void>;
}

/** SidecarFs over vscode.workspace.fs: paths are the URI paths of `base`'s scheme and authority. */
export class WorkspaceSidecarFs implements SidecarFs {
  constructor(
    private readonly base: vscode.Uri,
    private readonly platform?: SidecarPlatform,
  ) {}

  private uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  async read(path: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri(path)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      // Some file systems report a missing file without the FileSystemError class (remote, web).
      if (/FileNotFound|EntryNotFound|ENOENT/.test(String((error as { code?: unknown }).code ?? error))) return undefined;
      throw error;
    }
  }

  async write(path: string, data: string): Promise<void> {
    await vscode.workspace.fs.writeFile(this.uri(path), new TextEncoder().encode(data));
  }

  async rename(from: string, to: string): Promise<void> {
    // workspace.fs.rename with overwrite deletes the target, then renames (VS Code's file service):
    // not atomic. On a local file the platform's one-call rename is.
    if (this.platform && this.base.scheme === 'file') await this.platform.renameAtomic(this.uri(from), this.uri(to));
    else await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: true });
  }

  async tempFiles(path: string): Promise<{ path: string; mtime: number }[]> {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    const name = path.slice(slash + 1);
    const out: { path: string; mtime: number }[] = [];
    try {
      for (const [n, type] of await vscode.workspace.fs.readDirectory(this.uri(dir || '/'))) {
        if (type !== vscode.FileType.File || !n.startsWith(name + '.') || !n.endsWith('.tmp')) continue;
        const p = `${dir}/${n}`;
        out.push({ path: p, mtime: (await vscode.workspace.fs.stat(this.uri(p))).mtime });
      }
    } catch {
      // cannot list the folder: nothing to recover
    }
    return out;
  }

  async remove(path: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.uri(path));
    } catch {
      // already gone
    }
  }
}

/** What is known of one article's sidecar. */
interface SidecarState {
  /** The parsed sidecar, or null when there is none (or it could not be read). */
  sidecar: Sidecar | null;
  /** Why the sidecar is not applied (malformed, newer format), naming the file; null when fine. */
  error: string | null;
  /** The text last read (undefined: no file), to skip re-applying an unchanged file. */
  raw: string | undefined;
  loaded: boolean;
  /** Bumped at each change, so a cached corrected view is made again. */
  generation: number;
  /** Loads run one after another. */
  queue: Promise<void>;
  watcher: vscode.FileSystemWatcher;
  /** The unplaced corrections last warned about, so the warning is not repeated on every redraw. */
  warnedUnplaced: string;
  /** The last failure to apply the corrections that was shown. */
  warnedFailure: string;
  /**
   * Corrections this window wrote: if another window's racing write drops one within MINE_WINDOW_MS
   * of our write, it is written again. After that a correction missing from the file was removed on
   * purpose (a `git checkout`, a hand edit) and is not brought back.
   */
  mine: Map<string, Correction>;
  /** Until when (Date.now() ms) `mine` is put back when missing. */
  mineUntil: number;
}

/** How long after its own write a window puts back its corrections that a racing write dropped. */
export const MINE_WINDOW_MS = 10_000;

/** The articles' sidecars and the corrected view of each analysis. */
export class Corrections implements vscode.Disposable {
  private readonly states = new Map<string, SidecarState>();
  private readonly cache = new WeakMap<ArticleView, { generation: number; view: ArticleView }>();
  /** The ids of the corrections (not undos) this window made, per article, oldest first: Undo takes the last. */
  private readonly madeHere = new Map<string, string[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly c: Controller,
    private readonly platform?: SidecarPlatform,
  ) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        const state = this.states.get(key);
        if (!state) return;
        state.watcher.dispose();
        this.states.delete(key);
      }),
    );
  }

  /** The sidecar's URI beside an article, or undefined for an article that is not a file yet. */
  sidecarUri(article: vscode.Uri): vscode.Uri | undefined {
    if (article.scheme === 'untitled') return undefined;
    return article.with({ path: sidecarPathFor(article.path) });
  }

  private fsFor(article: vscode.Uri): WorkspaceSidecarFs {
    return new WorkspaceSidecarFs(article, this.platform);
  }

  private name(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  /** The state of an article's sidecar, starting to read it the first time. */
  private stateOf(article: vscode.Uri): SidecarState | undefined {
    const key = article.toString();
    let state = this.states.get(key);
    if (state) return state;
    const sidecar = this.sidecarUri(article);
    if (!sidecar) return undefined;
    // Watch this one file (a relative pattern also works outside the workspace folders).
    const folder = vscode.Uri.joinPath(sidecar, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, sidecar.path.split('/').pop()!));
    state = { sidecar: null, error: null, raw: undefined, loaded: false, generation: 0, queue: Promise.resolve(), watcher, warnedUnplaced: '', warnedFailure: '', mine: new Map(), mineUntil: 0 };
    this.states.set(key, state);
    const reload = (): void => void this.reload(article);
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    void this.reload(article);
    return state;
  }

  /** Resolves once the article's sidecar has been read (and applied, if it changed). */
  async ready(article: vscode.Uri): Promise<void> {
    const state = this.stateOf(article);
    if (state) await state.queue;
  }

  /** Reads the sidecar again; when it changed, the article is drawn again with it. */
  reload(article: vscode.Uri): Promise<void> {
    const state = this.stateOf(article);
    if (!state) return Promise.resolve();
    state.queue = state.queue.then(() => this.load(article, state)).catch(() => undefined);
    return state.queue;
  }

  private async load(article: vscode.Uri, state: SidecarState): Promise<void> {
    const uri = this.sidecarUri(article)!;
    let raw: string | undefined;
    const applied = state.sidecar !== null || state.error !== null;
    try {
      raw = await this.fsFor(article).read(uri.path);
    } catch (error) {
      const message = `NewsLens could not read the corrections file ${this.name(uri)}: ${error instanceof Error ? error.message : String(error)}`;
      if (message !== state.error) this.tell(message, 'error');
      state.error = message;
      state.raw = undefined;
      state.generation++;
      if (applied) await this.redraw(article);
      return;
    }
    // A write interrupted (the host killed between its temporary file and the rename): restore a
    // missing sidecar from the newest complete temporary file; for one that is not valid, name it.
    let recoveredNote = '';
    if (raw === undefined || !parseSidecar(raw).ok) {
      const fs = this.fsFor(article);
      const recovered = await recoverSidecar(fs, uri.path).catch(() => null);
      if (recovered?.restored) {
        raw = await fs.read(uri.path).catch(() => undefined);
        this.tell(`NewsLens restored the corrections file ${this.name(uri)} from ${recovered.temp.split('/').pop()}, left by a write that was interrupted.`, 'warning');
      } else if (recovered) {
        recoveredNote = ` A complete earlier copy, left by an interrupted write, is in ${recovered.temp.split('/').pop()}.`;
      }
    }
    if (state.loaded && raw === state.raw) return;
    state.loaded = true;
    state.raw = raw;
    if (raw === undefined) {
      state.sidecar = null;
      state.error = null;
    } else {
      const parsed = parseSidecar(raw);
      if (parsed.ok) {
        state.sidecar = parsed.sidecar;
        state.error = null;
        // Two windows writing at the same moment: one rename may have dropped what the other
        // wrote. Put this window's own corrections back (the watcher then reads the file again).
        // Only shortly after our own write: later, a correction gone from the file was removed on purpose.
        if (Date.now() > state.mineUntil) state.mine.clear();
        const onDisk = new Set(parsed.sidecar.corrections.map((c) => c.id));
        const lost = [...state.mine.values()].filter((c) => !onDisk.has(c.id));
        if (lost.length > 0) void appendCorrections(this.fsFor(article), uri.path, lost).catch(() => undefined);
      } else {
        state.sidecar = null;
        state.error =
          `NewsLens: the corrections file ${this.name(uri)} ${parsed.reason === 'newer' ? 'was written by a newer version of NewsLens' : 'is not valid'}` +
          ` (${parsed.message}). Its corrections are not applied, and NewsLens will not write to it: it stays as it is.` +
          recoveredNote;
        this.tell(state.error, 'error');
      }
    }
    state.generation++;
    // An article without a sidecar before and after is drawn as it was: no redraw.
    if (applied || state.sidecar !== null || state.error !== null) await this.redraw(article);
  }

  private tell(message: string, level: 'error' | 'warning'): void {
    this.c.notices.push(message);
    if (level === 'error') void vscode.window.showErrorMessage(message);
    else void vscode.window.showWarningMessage(message);
  }

  /** Draws an open article again (with its corrections as they are now); resolves once drawn. */
  private redraw(article: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
    if (!doc || doc.isClosed || !this.c.eligibility(doc).annotate) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const key = article.toString();
      const timer = setTimeout(done, 10000);
      const sub = this.c.onDidDraw((e) => {
        if (e.uri === key) done();
      });
      function done(): void {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
      this.c.update(doc, 0);
    });
  }

  /**
   * The analysis with the article's corrections applied: Controller.present's `correct`. The same
   * analysis and sidecar give the same view object, so the views are not rebuilt for nothing.
   */
  correct(doc: vscode.TextDocument, raw: ArticleView): ArticleView {
    const state = this.stateOf(doc.uri);
    if (!state || !state.sidecar || state.error) return raw;
    const hit = this.cache.get(raw);
    if (hit && hit.generation === state.generation) return hit.view;
    let view: ArticleView;
    try {
      const corrected = applyCorrections(raw.analysis, raw.text, state.sidecar);
      view = new ArticleView(corrected.analysis, raw.text, { review: corrected.review, unplaced: corrected.unplaced });
    } catch (error) {
      // Never lose the article's annotations to a correction that breaks: show them uncorrected.
      const message = `NewsLens could not apply the corrections of ${this.name(this.sidecarUri(doc.uri)!)}: ${error instanceof Error ? error.message : String(error)}`;
      if (state.warnedFailure !== message) {
        state.warnedFailure = message;
        this.tell(message, 'error');
      }
      view = raw;
    }
    this.cache.set(raw, { generation: state.generation, view });
    const unplaced = view.unplaced;
    const signature = unplaced.map((u) => u.id).join(',');
    if (signature !== state.warnedUnplaced && view !== raw) {
      state.warnedUnplaced = signature;
      if (unplaced.length) {
        this.tell(
          `NewsLens: ${unplaced.length} ${unplaced.length === 1 ? 'correction' : 'corrections'} in ${this.name(this.sidecarUri(doc.uri)!)} could not be placed in the current text; ` +
            'they are kept in the file and listed under "Could not be placed" in the Sources view.',
          'warning',
        );
      }
    }
    return view;
  }

  /**
   * The correction "Undo Last Correction" undoes: the last one this window made that is still in
   * effect, else (none made here) the newest in effect in the file.
   */
  lastToUndo(article: vscode.Uri): Correction | undefined {
    const active = this.active(article);
    const mine = this.madeHere.get(article.toString()) ?? [];
    for (let i = mine.length - 1; i >= 0; i--) {
      const hit = active.find((c) => c.id === mine[i]);
      if (hit) return hit;
    }
    return active[active.length - 1];
  }

  /** The active (not undone) corrections of an article, oldest first. */
  active(article: vscode.Uri): Correction[] {
    const state = this.states.get(article.toString());
    return state?.sidecar ? activeCorrections(state.sidecar) : [];
  }

  /**
   * Appends corrections to the article's sidecar (merged with what is on disk) and draws the
   * article again. Refuses, with a message naming the file, when the sidecar cannot be applied.
   */
  async write(doc: vscode.TextDocument, inputs: CorrectionInput[]): Promise<Correction[] | undefined> {
    const uri = this.sidecarUri(doc.uri);
    if (!uri) {
      void vscode.window.showWarningMessage('NewsLens: save the article first; its corrections are kept in a file beside it.');
      return undefined;
    }
    await this.ready(doc.uri);
    const state = this.stateOf(doc.uri)!;
    if (state.error) {
      this.tell(state.error, 'error');
      return undefined;
    }
    const corrections = inputs.map((input) => newCorrection(input));
    try {
      // Everything this window knows goes with the new ones (the merge is a union by id): should
      // another window's write have raced ours and dropped one, this write puts it back.
      await appendCorrections(this.fsFor(doc.uri), uri.path, [...(state.sidecar?.corrections ?? []), ...corrections]);
      if (Date.now() > state.mineUntil) state.mine.clear();
      for (const c of corrections) state.mine.set(c.id, c);
      state.mineUntil = Date.now() + MINE_WINDOW_MS;
      const made = this.madeHere.get(doc.uri.toString()) ?? [];
      made.push(...corrections.filter((c) => c.op !== 'undo').map((c) => c.id));
      this.madeHere.set(doc.uri.toString(), made);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.tell(`NewsLens did not save the correction: ${message}`, 'error');
      await this.reload(doc.uri);
      return undefined;
    }
    await this.reload(doc.uri);
    return corrections;
  }

  dispose(): void {
    for (const state of this.states.values()) state.watcher.dispose();
    this.states.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

// ───────────────────────────── commands ─────────────────────────────

type EntityArg = string | Entity | Node | undefined;

/** The arguments the commands take (tests and code actions pass them; without them the user is asked). */
interface QuoteArgs {
  uri?: vscode.Uri | string;
  quoteId?: string;
  /**
   * The quote by its extent (first piece's start to last piece's end): what code actions and tree
   * items pass, as a quote id can be renumbered by another window's correction meanwhile.
   */
  extent?: Span;
  speaker?: string | null;
}

interface AddArgs {
  uri?: vscode.Uri | string;
  kind?: QuoteKind;
  start?: number;
  end?: number;
  pieces?: Span[];
  speaker?: string | null;
  /** The cue: its offsets, or its words (the occurrence nearest the quote), or null for none. */
  cue?: Span | string | null;
}

interface CreditArgs {
  uri?: vscode.Uri | string;
  start?: number;
  end?: number;
  kind?: CreditKind;
}

interface EntityArgs {
  uri?: vscode.Uri | string;
  entity?: string;
  entities?: [string, string];
  name?: string;
}

/** The refusal of a new speaker the article never names (a correction NewsLens could not place). */
export function newNameMissing(name: string): string {
  return `NewsLens: the article never says “${name}”, so NewsLens cannot tie the quote to them. Pick one of the article’s people, choose “Nobody”, or type the name as the article writes it.`;
}

const isNode = (arg: unknown): arg is Node => typeof arg === 'object' && arg !== null && 'type' in arg && 'id' in arg && typeof (arg as Node).id === 'string';

export function registerCorrections(context: vscode.ExtensionContext, c: Controller, platform?: SidecarPlatform): Corrections {
  const corrections = new Corrections(c, platform);
  context.subscriptions.push(corrections);
  c.correct = (doc, view) => corrections.correct(doc, view);

  const command = (id: string, run: (...args: any[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  /** The article a command works on: the given URI, the active annotated editor, or the one the views show. */
  const articleDoc = async (uri?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> => {
    if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    const editor = vscode.window.activeTextEditor;
    if (editor && c.eligibility(editor.document).annotate) return editor.document;
    const shown = c.sources.current?.uri;
    if (shown) return vscode.workspace.openTextDocument(shown);
    void vscode.window.showInformationMessage('NewsLens: open an article first, or run "NewsLens: Annotate This File" on one.');
    return undefined;
  };

  const editorOf = (doc: vscode.TextDocument): vscode.TextEditor | undefined =>
    vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor : vscode.window.visibleTextEditors.find((e) => e.document === doc);

  /** The quote a command is about: a Sources item, a quote id, or the quote under the cursor. */
  const quoteTarget = async (arg: unknown) => {
    const args = (isNode(arg) ? {} : (arg ?? {})) as QuoteArgs;
    const doc = isNode(arg) && c.sources.current ? await vscode.workspace.openTextDocument(c.sources.current.uri) : await articleDoc(args.uri);
    if (!doc) return undefined;
    const view = await c.analysisFor(doc);
    if (!view) return undefined;
    let quote = undefined as ArticleView['quotes'][number] | undefined;
    const byExtent = (x: Span): ArticleView['quotes'][number] | undefined =>
      view.quotes.find((q) => {
        const e = quoteExtent(q);
        return e.start === x.start && e.end === x.end;
      });
    if (isNode(arg) && arg.type === 'quote') quote = byExtent(quoteExtent(arg.quote)) ?? arg.quote;
    else if (args.extent !== undefined) quote = byExtent(args.extent);
    else if (args.quoteId !== undefined) quote = view.quotes.find((q) => q.id === args.quoteId);
    else {
      const editor = editorOf(doc);
      if (editor) {
        const offset = doc.offsetAt(editor.selection.active);
        const target = view.targetAt(offset);
        quote =
          target?.type === 'quote'
            ? target.quote
            : view.quotes.find((q) => {
                const e = quoteExtent(q);
                return e.start <= offset && offset <= e.end;
              });
      }
    }
    if (!quote) {
      void vscode.window.showInformationMessage(
        args.quoteId !== undefined || args.extent !== undefined
          ? `NewsLens: no quote ${args.quoteId ?? `at ${args.extent!.start}–${args.extent!.end}`} in this article (any more).`
          : 'NewsLens: put the cursor on a quote first.',
      );
      return undefined;
    }
    // The core's own anchor of a quote, so that applyCorrections finds it again.
    return { doc, view, quote, anchor: quoteAnchor(view.text, quote), args };
  };

  /** Asks for a speaker: one of the article's people and organisations, someone new, or nobody. */
  const pickSpeaker = async (view: ArticleView, title: string, current?: string): Promise<SpeakerRef | null | undefined> => {
    type Item = vscode.QuickPickItem & { ref?: SpeakerRef | null; other?: true };
    const entities = view.analysis.entities
      .filter((e) => e.type !== 'place' || view.quotesOf(e.id).length > 0)
      .sort((a, b) => view.quotesOf(b.id).length - view.quotesOf(a.id).length || b.mentions.length - a.mentions.length);
    const items: Item[] = entities.map((e) => ({
      label: e.name,
      description: [e.title, e.id === current ? 'current speaker' : ''].filter(Boolean).join(' · '),
      detail: view.entityDescription(e),
      ref: { name: e.name, type: e.type },
    }));
    items.push({ label: '$(add) Someone else…', description: 'type a name', other: true });
    items.push({ label: '$(circle-slash) Nobody (unattributed)', ref: null });
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Who said it? Type to filter the article’s people and organisations', matchOnDescription: true });
    if (!pick) return undefined;
    if (pick.other) {
      const name = await vscode.window.showInputBox({ title, prompt: 'The speaker’s name', validateInput: (v) => (v.trim() ? null : 'Type a name') });
      return name === undefined ? undefined : { name: name.trim() };
    }
    return pick.ref;
  };

  /** A speaker given as an argument: an entity of the article (by name or id), a new name, or null. */
  const speakerFromArg = (view: ArticleView, speaker: string | null): SpeakerRef | null => {
    if (speaker === null) return null;
    const entity = findEntity(view, speaker);
    return entity ? { name: entity.name, type: entity.type } : { name: speaker.trim() };
  };

  const findEntity = (view: ArticleView, key: string): Entity | undefined =>
    view.entities.get(key) ??
    view.analysis.entities.find((e) => e.name === key) ??
    view.analysis.entities.find((e) => e.name.toLowerCase() === key.trim().toLowerCase()) ??
    view.analysis.entities.find((e) => e.mentions.some((m) => m.via !== 'pronoun' && m.text.toLowerCase() === key.trim().toLowerCase()));

  /** Writes, then tells the user what was done with an Undo button. */
  const commit = async (doc: vscode.TextDocument, input: CorrectionInput, done: string): Promise<Correction | undefined> => {
    const written = await corrections.write(doc, [input]);
    const correction = written?.[0];
    if (!correction) return undefined;
    vscode.window.setStatusBarMessage(`NewsLens: ${done}`, 5000);
    void vscode.window.showInformationMessage(`NewsLens: ${done}.`, 'Undo').then((choice) => {
      if (choice === 'Undo') void vscode.commands.executeCommand('newslens.correct.undo', { uri: doc.uri, target: correction.id });
    });
    return correction;
  };

  command('newslens.correct.speaker', async (arg?: QuoteArgs | Node) => {
    const t = await quoteTarget(arg);
    if (!t) return undefined;
    const speaker =
      t.args.speaker !== undefined ? speakerFromArg(t.view, t.args.speaker) : await pickSpeaker(t.view, 'NewsLens: who said this quote?', t.quote.speaker ?? undefined);
    if (speaker === undefined) return undefined;
    // A new name takes over the quote's source words only when they are a pronoun or a description:
    // otherwise (a name, or none) the article must say the new name somewhere.
    const source = t.quote.source;
    const sourceIsName =
      source === null ||
      t.view.analysis.entities.some((e) => e.mentions.some((m) => (m.via === 'name' || m.via === 'alias') && m.start < source.end && source.start < m.end));
    if (speaker && !findEntity(t.view, speaker.name) && sourceIsName && !textNames(t.view.text, speaker.name)) {
      void vscode.window.showWarningMessage(newNameMissing(speaker.name));
      return undefined;
    }
    return commit(t.doc, { op: 'speaker', quote: t.anchor, speaker }, speaker ? `the quote is now attributed to ${speaker.name}` : 'the quote is now unattributed');
  });

  command('newslens.correct.confirm', async (arg?: QuoteArgs | Node) => {
    const t = await quoteTarget(arg);
    if (!t) return undefined;
    // The speaker goes with the confirm: should the analysis later give the quote to someone else,
    // the confirm no longer holds and the quote is unreviewed again.
    const who = t.quote.speaker === null ? undefined : t.view.entities.get(t.quote.speaker);
    const speaker = who ? { name: who.name, type: who.type } : null;
    return commit(t.doc, { op: 'confirm', quote: t.anchor, speaker }, 'confirmed the quote as correct');
  });

  command('newslens.correct.remove', async (arg?: QuoteArgs | Node) => {
    const t = await quoteTarget(arg);
    if (!t) return undefined;
    return commit(t.doc, { op: 'remove', quote: t.anchor }, 'removed the quote as a false one');
  });

  /** The spans a selection-based command marks: the arguments' offsets, or the editor's selections. */
  const spansOf = (doc: vscode.TextDocument, args: { start?: number; end?: number; pieces?: Span[] }): Span[] => {
    if (args.pieces?.length) return args.pieces;
    if (args.start !== undefined && args.end !== undefined) return [{ start: args.start, end: args.end }];
    const editor = editorOf(doc);
    if (!editor) return [];
    return editor.selections
      .filter((s) => !s.isEmpty)
      .map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) }))
      .sort((a, b) => a.start - b.start);
  };

  command('newslens.correct.addQuote', async (arg?: AddArgs) => {
    const args = arg ?? {};
    const doc = await articleDoc(args.uri);
    if (!doc) return undefined;
    const view = await c.analysisFor(doc);
    if (!view) return undefined;
    const pieces = spansOf(doc, args).filter((p) => p.end > p.start);
    if (!pieces.length) {
      void vscode.window.showInformationMessage('NewsLens: select the quoted words first (several selections for a quote in pieces).');
      return undefined;
    }
    let kind = args.kind;
    if (!kind) {
      const pick = await vscode.window.showQuickPick(
        (['direct', 'indirect', 'mixed'] as const).map((k) => ({
          label: KIND_LABELS[k],
          detail: { direct: 'the speaker’s own words, in quotation marks', indirect: 'what the speaker said, in the reporter’s words', mixed: 'reported speech with quoted words inside' }[k],
          quoteKind: k,
        })),
        { title: 'NewsLens: mark the selection as' },
      );
      if (!pick) return undefined;
      kind = pick.quoteKind;
    }
    const speaker = args.speaker !== undefined ? speakerFromArg(view, args.speaker) : await pickSpeaker(view, `NewsLens: who said this ${KIND_LABELS[kind].toLowerCase()}?`);
    if (speaker === undefined) return undefined;
    if (speaker && !findEntity(view, speaker.name) && !textNames(view.text, speaker.name)) {
      void vscode.window.showWarningMessage(newNameMissing(speaker.name));
      return undefined;
    }
    let cueSpan: Span | null;
    if (args.cue === undefined) {
      const words = await vscode.window.showInputBox({
        title: 'NewsLens: the cue',
        prompt: 'The words that introduce the quote ("said", "according to"), as in the text near it; leave empty for none',
      });
      if (words === undefined) return undefined;
      cueSpan = words.trim() ? nearest(view.text, words.trim(), pieces) : null;
      if (words.trim() && !cueSpan) {
        void vscode.window.showWarningMessage(`NewsLens: "${words.trim()}" is not in the article.`);
        return undefined;
      }
    } else if (typeof args.cue === 'string') {
      cueSpan = nearest(view.text, args.cue, pieces);
      if (!cueSpan) {
        void vscode.window.showWarningMessage(`NewsLens: "${args.cue}" is not in the article.`);
        return undefined;
      }
    } else cueSpan = args.cue;
    const input: CorrectionInput = {
      op: 'add',
      kind,
      content: pieces.map((p) => makeAnchor(view.text, p.start, p.end)),
      cue: cueSpan && makeAnchor(view.text, cueSpan.start, cueSpan.end),
      speaker,
    };
    return commit(doc, input, `marked a ${KIND_LABELS[kind].toLowerCase()}${speaker ? ` by ${speaker.name}` : ''}`);
  });

  command('newslens.correct.credit', async (arg?: CreditArgs) => {
    const args = arg ?? {};
    const doc = await articleDoc(args.uri);
    if (!doc) return undefined;
    const view = await c.analysisFor(doc);
    if (!view) return undefined;
    const span = spansOf(doc, args)[0];
    if (!span || span.end <= span.start) {
      void vscode.window.showInformationMessage('NewsLens: select the credit line first.');
      return undefined;
    }
    let kind = args.kind;
    if (!kind) {
      const pick = await vscode.window.showQuickPick(
        (Object.keys(CREDIT_LABELS) as CreditKind[]).map((k) => ({ label: CREDIT_LABELS[k], creditKind: k })),
        { title: 'NewsLens: mark the selection as a credit line of kind' },
      );
      if (!pick) return undefined;
      kind = pick.creditKind;
    }
    return commit(doc, { op: 'credit', span: makeAnchor(view.text, span.start, span.end), kind }, `marked a ${CREDIT_LABELS[kind].toLowerCase()}`);
  });

  /** An entity given as an argument (name or id), a tree item, or asked for. */
  const entityOf = async (view: ArticleView, arg: EntityArg, title: string, except?: Entity): Promise<Entity | undefined> => {
    if (isNode(arg) && (arg.type === 'entity' || arg.type === 'mention')) return view.entities.get(arg.entity.id) ?? findEntity(view, arg.entity.name);
    if (isNode(arg) && arg.type === 'source' && arg.group.entity) return view.entities.get(arg.group.entity.id) ?? findEntity(view, arg.group.entity.name);
    if (typeof arg === 'string') {
      const entity = findEntity(view, arg);
      if (!entity) void vscode.window.showWarningMessage(`NewsLens: no entity "${arg}" in this article.`);
      return entity;
    }
    const pick = await vscode.window.showQuickPick(
      view.entityGroups().flatMap((g) =>
        g.entities.filter((e) => e !== except).map((e) => ({ label: e.name, description: e.title ?? '', detail: `${g.label.toLowerCase()} · ${view.entityDescription(e)}`, entity: e })),
      ),
      { title, matchOnDescription: true },
    );
    return pick?.entity;
  };

  const entityArgs = (arg: unknown): EntityArgs => (isNode(arg) || typeof arg !== 'object' || arg === null ? {} : (arg as EntityArgs));
  const entityDoc = async (arg: unknown): Promise<vscode.TextDocument | undefined> =>
    isNode(arg) && c.entities.current ? vscode.workspace.openTextDocument(c.entities.current.uri) : articleDoc(entityArgs(arg).uri);

  command('newslens.correct.mergeEntities', async (arg?: EntityArgs | Node) => {
    const args = entityArgs(arg);
    const doc = await entityDoc(arg);
    const view = doc && (await c.analysisFor(doc));
    if (!doc || !view) return undefined;
    const first = await entityOf(view, args.entities?.[0] ?? (isNode(arg) ? arg : undefined), 'NewsLens: merge which entity…');
    if (!first) return undefined;
    const second = await entityOf(view, args.entities?.[1], `NewsLens: …with which other entity (the same ${first.type === 'person' ? 'person' : 'one'} as ${first.name})?`, first);
    if (!second) return undefined;
    if (second.id === first.id) {
      void vscode.window.showInformationMessage(`NewsLens: ${first.name} and ${second.name} are already one entity.`);
      return undefined;
    }
    return commit(doc, { op: 'merge', entities: [first.name, second.name] }, `merged ${second.name} into ${first.name}`);
  });

  command('newslens.correct.splitEntities', async (arg?: EntityArgs | Node) => {
    const args = entityArgs(arg);
    const doc = await entityDoc(arg);
    const view = doc && (await c.analysisFor(doc));
    if (!doc || !view) return undefined;
    let pair = args.entities;
    if (!pair) {
      // What can be split: merges made by hand, and the other names an entity goes by.
      const entity = await entityOf(view, isNode(arg) ? arg : undefined, 'NewsLens: split which entity?');
      if (!entity) return undefined;
      const merged = corrections
        .active(doc.uri)
        .filter((x): x is Extract<Correction, { op: 'merge' }> => x.op === 'merge')
        .filter((x) => x.entities.some((n) => n === entity.name || entity.mentions.some((m) => m.text === n)));
      const aliases = [...new Set(entity.mentions.filter((m) => m.via !== 'pronoun' && m.text !== entity.name).map((m) => m.text))];
      const items = [
        ...merged.map((x) => ({ label: `${x.entities[0]} ≠ ${x.entities[1]}`, description: 'merged by hand', pair: x.entities })),
        ...aliases.map((a) => ({ label: `${entity.name} ≠ ${a}`, description: `“${a}” is someone else`, pair: [entity.name, a] as [string, string] })),
      ];
      if (!items.length) {
        void vscode.window.showInformationMessage(`NewsLens: ${entity.name} goes by no other name; there is nothing to split.`);
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(items, { title: `NewsLens: split ${entity.name} from` });
      if (!pick) return undefined;
      pair = pick.pair;
    }
    return commit(doc, { op: 'split', entities: [pair[0], pair[1]] }, `split ${pair[1]} from ${pair[0]}`);
  });

  command('newslens.correct.renameEntity', async (arg?: EntityArgs | Node) => {
    const args = entityArgs(arg);
    const doc = await entityDoc(arg);
    const view = doc && (await c.analysisFor(doc));
    if (!doc || !view) return undefined;
    const entity = await entityOf(view, args.entity ?? (isNode(arg) ? arg : undefined), 'NewsLens: rename which entity?');
    if (!entity) return undefined;
    const name =
      args.name ??
      (await vscode.window.showInputBox({
        title: `NewsLens: rename ${entity.name}`,
        value: entity.name,
        prompt: 'The name NewsLens shows for this entity',
        validateInput: (v) => (v.trim() ? null : 'Type a name'),
      }));
    if (name === undefined || !name.trim() || name.trim() === entity.name) return undefined;
    return commit(doc, { op: 'rename', entity: entity.name, name: name.trim() }, `renamed ${entity.name} to ${name.trim()}`);
  });

  command('newslens.correct.undo', async (arg?: { uri?: vscode.Uri | string; target?: string }) => {
    const doc = await articleDoc(arg?.uri);
    if (!doc) return undefined;
    await corrections.ready(doc.uri);
    const active = corrections.active(doc.uri);
    // Without a target: this window's last correction (another window's newer one is not ours to undo).
    const target = arg?.target !== undefined ? active.find((x) => x.id === arg.target) : corrections.lastToUndo(doc.uri);
    if (!target) {
      void vscode.window.showInformationMessage(arg?.target !== undefined ? 'NewsLens: that correction is already undone.' : 'NewsLens: this article has no correction to undo.');
      return undefined;
    }
    const written = await corrections.write(doc, [{ op: 'undo', target: target.id }]);
    if (!written) return undefined;
    const { label, description } = describeCorrection(target);
    vscode.window.setStatusBarMessage(`NewsLens: undid "${description}"`, 5000);
    void vscode.window.showInformationMessage(`NewsLens: undid "${description}" (${label}).`);
    return written[0];
  });

  const setUnreviewedOnly = (on: boolean): void => {
    c.sources.setUnreviewedOnly(on);
    void vscode.commands.executeCommand('setContext', 'newslens.unreviewedOnly', on);
  };
  command('newslens.sources.showUnreviewed', () => setUnreviewedOnly(true));
  command('newslens.sources.showAllQuotes', () => setUnreviewedOnly(false));
  void vscode.commands.executeCommand('setContext', 'newslens.unreviewedOnly', false);

  // The lightbulb at a quote, or on a selection.
  const everyDocument: vscode.DocumentSelector = [{ pattern: '**' }, { scheme: 'untitled' }];
  const kind = vscode.CodeActionKind.QuickFix.append('newslens');
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      everyDocument,
      {
        provideCodeActions(doc, range) {
          const raw = c.store.get(doc);
          if (!raw || !c.eligibility(doc).annotate) return [];
          const view = c.present(doc, raw);
          const actions: vscode.CodeAction[] = [];
          const action = (title: string, id: string, args: object): void => {
            const a = new vscode.CodeAction(title, kind);
            a.command = { command: id, title, arguments: [{ uri: doc.uri.toString(), ...args }] };
            actions.push(a);
          };
          if (!range.isEmpty) {
            const span = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
            action('NewsLens: Mark Selection as Quote…', 'newslens.correct.addQuote', span);
            action('NewsLens: Mark Selection as Credit Line…', 'newslens.correct.credit', span);
          }
          const offset = doc.offsetAt(range.start);
          const target = view.targetAt(offset);
          if (target?.type === 'quote') {
            const who = view.speakerOf(target.quote)?.name;
            action(`NewsLens: Change Speaker${who ? ` (now ${who})` : ''}…`, 'newslens.correct.speaker', { extent: quoteExtent(target.quote) });
            if (view.reviewOf(target.quote) === 'unreviewed') action('NewsLens: Confirm Quote as Correct', 'newslens.correct.confirm', { extent: quoteExtent(target.quote) });
            action('NewsLens: Remove False Quote', 'newslens.correct.remove', { extent: quoteExtent(target.quote) });
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [kind] },
    ),
  );

  return corrections;
}

/** The occurrence of `words` in `text` nearest to the pieces of a quote. */
function nearest(text: string, words: string, pieces: Span[]): Span | null {
  const from = Math.min(...pieces.map((p) => p.start));
  const to = Math.max(...pieces.map((p) => p.end));
  let best: Span | null = null;
  let bestDistance = Infinity;
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const end = at + words.length;
    const distance = end <= from ? from - end : at >= to ? at - to : 0;
    if (distance < bestDistance) {
      best = { start: at, end };
      bestDistance = distance;
    }
  }
  return best;
}
