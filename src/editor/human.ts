// A human annotation beside an article, in the editor: a brat `.ann` found beside the `.txt` (or in
// PolNeAR's layout, text/NAME.txt with attributions/NAME[_annotator].ann) is read by the shared brat
// reader (src/present/brat-read.ts) and drawn, or compared with NewsLens's quotes by the scoring
// `eval` uses (src/present/compare.ts). Nothing here reads the article's text for meaning: it
// presents the pure modules' output. Reads go through `workspace.fs`, so it also runs on the web.
import * as vscode from 'vscode';
import type { Analysis, Span } from '../core';
import { annotationPlaces, annotatorFile, parseBratAttributions, type Attribution, type SkippedLine } from '../present/brat-read';
import {
  compareArticle,
  compareHoverAt,
  comparePlan,
  compareSummaryMarkdown,
  humanHoverAt,
  humanPlan,
  quotesToAttributions,
  type Comparison,
} from '../present/compare';

/** What the human layer draws on an article: nothing, the human annotation, or the comparison. */
export type HumanMode = 'off' | 'annotation' | 'compare';
export const HUMAN_MODES: readonly HumanMode[] = ['off', 'annotation', 'compare'];

/** Drawn slots: the human annotation's roles, and the comparison's verdicts. */
export const HUMAN_SLOTS = ['humanContent', 'humanCue', 'humanSource', 'agreement', 'miss', 'extra'] as const;
export type HumanSlot = (typeof HUMAN_SLOTS)[number];

const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(`newslens.${id}`);
const closed = vscode.DecorationRangeBehavior.ClosedClosed;

/** Boxes (borders all round), so they read apart from NewsLens's own underlines and backgrounds. */
const STYLES: Readonly<Record<HumanSlot, vscode.DecorationRenderOptions>> = {
  humanContent: { rangeBehavior: closed, border: '1px solid', borderColor: color('humanContentBorder') },
  humanCue: { rangeBehavior: closed, border: '1px dotted', borderColor: color('humanCueBorder') },
  humanSource: { rangeBehavior: closed, border: '2px solid', borderColor: color('humanSourceBorder') },
  agreement: {
    rangeBehavior: closed,
    backgroundColor: color('compareAgreementBackground'),
    border: '1px solid',
    borderColor: color('compareAgreementBorder'),
    overviewRulerColor: color('compareAgreementBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  },
  miss: {
    rangeBehavior: closed,
    backgroundColor: color('compareMissBackground'),
    border: '2px dashed',
    borderColor: color('compareMissBorder'),
    overviewRulerColor: color('compareMissBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  },
  extra: {
    rangeBehavior: closed,
    backgroundColor: color('compareExtraBackground'),
    border: '2px dotted',
    borderColor: color('compareExtraBorder'),
    overviewRulerColor: color('compareExtraBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  },
};

/** A human annotation read from disk. */
interface Found {
  uri: vscode.Uri;
  /** The .ann's path relative to the workspace, for messages and the summary. */
  label: string;
  attributions: Attribution[];
  skipped: SkippedLine[];
}

/** What the layer needs of the rest of the extension. */
export interface HumanHost {
  /** NewsLens's analysis of the document as shown (with corrections), or undefined if it is not an article. */
  analysisOf(doc: vscode.TextDocument): Promise<{ analysis: Analysis; text: string } | undefined>;
  /** Fires after NewsLens has drawn a document's analysis. */
  onDidDraw: vscode.Event<{ uri: string; version: number }>;
  /** Opens a read-only Markdown document beside the article. */
  showMarkdown(name: string, markdown: string): Promise<void>;
  /** Records a message shown to the user (the tests read them). */
  notice(message: string): void;
}

/** What the extension-host tests read of the layer. */
export interface HumanApi {
  /** Ranges last drawn on an editor, by slot. */
  rangesOf(editor: vscode.TextEditor): Record<HumanSlot, vscode.Range[]>;
  /** The mode in force for a document. */
  modeOf(doc: vscode.TextDocument): HumanMode;
  /** Resolves once the layer has finished drawing the document. */
  settled(doc: vscode.TextDocument): Promise<void>;
  /** The comparison last drawn on a document. */
  comparisonOf(doc: vscode.TextDocument): Comparison | undefined;
}

export class HumanLayer implements vscode.Disposable, HumanApi {
  private readonly types = new Map<HumanSlot, vscode.TextEditorDecorationType>();
  private readonly drawn = new WeakMap<vscode.TextEditor, Record<HumanSlot, vscode.Range[]>>();
  /** Modes chosen by command, per document; otherwise the setting's. */
  private readonly chosen = new Map<string, HumanMode>();
  /** The annotation found for each document (null: none), until an .ann changes. */
  private readonly found = new Map<string, Promise<Found | null>>();
  private readonly comparisons = new Map<string, { comparison: Comparison; text: string }>();
  /** Drawing in progress per document. */
  private readonly inflight = new Map<string, Promise<void>>();
  /** .ann files (with their content) whose skipped lines were already reported. */
  private readonly reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: HumanHost) {
    for (const slot of HUMAN_SLOTS) this.types.set(slot, vscode.window.createTextEditorDecorationType(STYLES[slot]));
    const refreshVisible = (): void => {
      for (const doc of new Set(vscode.window.visibleTextEditors.map((e) => e.document))) void this.refresh(doc);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.ann');
    const annChanged = (): void => {
      this.found.clear();
      refreshVisible();
      void this.updateContext();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(annChanged),
      watcher.onDidCreate(annChanged),
      watcher.onDidDelete(annChanged),
      vscode.window.onDidChangeVisibleTextEditors(refreshVisible),
      vscode.window.onDidChangeActiveTextEditor(() => void this.updateContext()),
      host.onDidDraw((e) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.uri);
        if (doc && this.modeOf(doc) !== 'off') void this.refresh(doc);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newslens.human')) refreshVisible();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.chosen.delete(key);
        this.found.delete(key);
        this.comparisons.delete(key);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        // A .ann saved in the editor: read it again (the watcher may not see files outside the workspace).
        if (doc.uri.path.endsWith('.ann')) annChanged();
      }),
    );
    refreshVisible();
    void this.updateContext();
  }

  /** `newslens.humanAnnotationFound`: the active editor's article has a human annotation (menus use it). */
  private async updateContext(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const found = doc && doc.uri.scheme !== 'newslens' ? await this.find(doc) : null;
    if (doc && doc !== vscode.window.activeTextEditor?.document) return; // the user moved on
    await vscode.commands.executeCommand('setContext', 'newslens.humanAnnotationFound', !!found);
  }

  modeOf(doc: vscode.TextDocument): HumanMode {
    const chosen = this.chosen.get(doc.uri.toString());
    if (chosen) return chosen;
    const setting = vscode.workspace.getConfiguration('newslens').get<string>('human.show', 'off');
    return HUMAN_MODES.includes(setting as HumanMode) ? (setting as HumanMode) : 'off';
  }

  /** Sets a document's mode (a command), draws it, and says so when there is no annotation to draw. */
  async setMode(doc: vscode.TextDocument, mode: HumanMode): Promise<Found | null> {
    this.chosen.set(doc.uri.toString(), mode);
    await this.refresh(doc);
    if (mode === 'off') return null;
    const found = await this.find(doc);
    if (!found) {
      const places = this.placesOf(doc);
      const message = `NewsLens: no human annotation found for ${baseName(doc.uri)}` + (places.length ? ` (looked for ${places.join(', ')})` : ' (it is not a saved .txt file)') + '.';
      this.host.notice(message);
      void vscode.window.showInformationMessage(message);
    }
    return found;
  }

  async settled(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    for (let p = this.inflight.get(key); p; p = this.inflight.get(key)) {
      await p;
      if (this.inflight.get(key) === p) break;
    }
  }

  comparisonOf(doc: vscode.TextDocument): Comparison | undefined {
    return this.comparisons.get(doc.uri.toString())?.comparison;
  }

  rangesOf(editor: vscode.TextEditor): Record<HumanSlot, vscode.Range[]> {
    const record = this.drawn.get(editor);
    return Object.fromEntries(HUMAN_SLOTS.map((s) => [s, record?.[s] ?? []])) as Record<HumanSlot, vscode.Range[]>;
  }

  /** Draws (or clears) the layer on every visible editor of the document; one run at a time per document. */
  refresh(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const previous = this.inflight.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.draw(doc)).catch((e: unknown) => {
      this.host.notice(`NewsLens: could not draw the human annotation of ${baseName(doc.uri)}: ${e instanceof Error ? e.message : String(e)}`);
    });
    this.inflight.set(key, run);
    void run.then(() => {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    });
    return run;
  }

  private async draw(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const mode = this.modeOf(doc);
    const found = mode === 'off' ? null : await this.find(doc);
    const spans: Partial<Record<HumanSlot, Span[]>> = {};
    this.comparisons.delete(doc.uri.toString());
    if (found && mode === 'annotation') {
      const plan = humanPlan(found.attributions);
      Object.assign(spans, { humanContent: plan.content, humanCue: plan.cue, humanSource: plan.source });
    } else if (found && mode === 'compare') {
      const newslens = await this.host.analysisOf(doc);
      if (newslens) {
        const comparison = compareArticle(newslens.text, found.attributions, quotesToAttributions(newslens.analysis.quotes));
        this.comparisons.set(doc.uri.toString(), { comparison, text: newslens.text });
        Object.assign(spans, comparePlan(comparison));
      }
    }
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== doc) continue;
      const record = {} as Record<HumanSlot, vscode.Range[]>;
      for (const slot of HUMAN_SLOTS) {
        const ranges = (spans[slot] ?? []).map((s) => new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end)));
        record[slot] = ranges;
        editor.setDecorations(this.types.get(slot)!, ranges);
      }
      this.drawn.set(editor, record);
    }
  }

  /** The hover of the layer at a position: the human annotation's, or the comparison's. */
  async hover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const mode = this.modeOf(doc);
    if (mode === 'off') return undefined;
    await this.settled(doc);
    const offset = doc.offsetAt(position);
    let hover: { markdown: string; span: Span } | null = null;
    if (mode === 'annotation') {
      const found = await this.find(doc);
      if (found) hover = humanHoverAt(doc.getText(), found.attributions, offset, found.label);
    } else {
      // On the text the comparison was made for (the analysis's), as its spans are.
      const compared = this.comparisons.get(doc.uri.toString());
      if (compared) hover = compareHoverAt(compared.text, compared.comparison, offset);
    }
    if (!hover) return undefined;
    const md = new vscode.MarkdownString(hover.markdown, false);
    md.isTrusted = false;
    md.supportHtml = false;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(hover.span.start), doc.positionAt(hover.span.end)));
  }

  /** Compares, draws and opens the summary with the article's scores. */
  async compare(doc: vscode.TextDocument): Promise<Comparison | undefined> {
    const found = await this.setMode(doc, 'compare');
    if (!found) return undefined;
    const newslens = await this.host.analysisOf(doc);
    const comparison = this.comparisons.get(doc.uri.toString())?.comparison;
    if (!newslens || !comparison) {
      const message = `NewsLens: ${baseName(doc.uri)} is not annotated, so there is nothing to compare (run "NewsLens: Annotate This File" first).`;
      this.host.notice(message);
      void vscode.window.showInformationMessage(message);
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    await this.host.showMarkdown(
      `${baseName(doc.uri).replace(/\.[^.]*$/, '')} against human.md`,
      compareSummaryMarkdown(newslens.text, comparison, name, found.label, found.skipped.length),
    );
    return comparison;
  }

  /** Where the document's annotation may be, as shown to the user. */
  private placesOf(doc: vscode.TextDocument): string[] {
    if (doc.isUntitled) return [];
    const places = annotationPlaces(doc.uri.path);
    if (!places) return [];
    const shown = (path: string): string => vscode.workspace.asRelativePath(doc.uri.with({ path }), false);
    return [shown(places.beside), ...(places.attributions ? [shown(`${places.attributions}${places.name}.ann`), shown(`${places.attributions}${places.name}_<annotator>.ann`)] : [])];
  }

  private find(doc: vscode.TextDocument): Promise<Found | null> {
    const key = doc.uri.toString();
    let found = this.found.get(key);
    if (!found) {
      found = this.locate(doc).catch(() => null);
      this.found.set(key, found);
    }
    return found;
  }

  private async locate(doc: vscode.TextDocument): Promise<Found | null> {
    if (doc.isUntitled) return null;
    const places = annotationPlaces(doc.uri.path);
    if (!places) return null;
    const at = (path: string): vscode.Uri => doc.uri.with({ path });
    const candidates = [at(places.beside)];
    if (places.attributions) {
      candidates.push(at(`${places.attributions}${places.name}.ann`));
      const listing = await Promise.resolve(vscode.workspace.fs.readDirectory(at(places.attributions))).catch(() => [] as [string, vscode.FileType][]);
      const first = annotatorFile(
        places.name,
        listing.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name),
      );
      if (first) candidates.push(at(`${places.attributions}${first}`));
    }
    for (const uri of candidates) {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      const content = new TextDecoder('utf-8').decode(bytes);
      const parsed = parseBratAttributions(content);
      const found: Found = { uri, label: vscode.workspace.asRelativePath(uri, false), attributions: parsed.attributions, skipped: parsed.skipped };
      this.reportSkipped(found, content);
      return found;
    }
    return null;
  }

  /** Malformed lines are skipped, and said once per file content: file, line and reason. */
  private reportSkipped(found: Found, content: string): void {
    if (found.skipped.length === 0) return;
    const key = `${found.uri.toString()}\n${content.length}:${hash(content)}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const lines = [...found.skipped].sort((a, b) => a.line - b.line);
    const listed = lines.slice(0, 3).map((s) => `${found.label}:${s.line}: ${s.reason}`).join('; ');
    const message =
      `NewsLens skipped ${lines.length} unreadable line${lines.length === 1 ? '' : 's'} of ${found.label}: ${listed}` +
      (lines.length > 3 ? `; and ${lines.length - 3} more` : '') +
      '.';
    this.host.notice(message);
    void vscode.window.showWarningMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}

/** Registers the human layer's commands and hover; returns the layer (its test API). */
export function registerHuman(context: vscode.ExtensionContext, host: HumanHost): HumanLayer {
  const layer = new HumanLayer(host);
  context.subscriptions.push(layer);

  /** The active editor's document; with the focus in the summary beside it, the article on screen. */
  const activeDoc = (): vscode.TextDocument | undefined => {
    const article = (e: vscode.TextEditor | undefined): boolean => !!e && e.document.uri.scheme !== 'newslens' && e.document.uri.scheme !== 'output';
    const active = vscode.window.activeTextEditor;
    const visible = vscode.window.visibleTextEditors.filter(article);
    const doc = (article(active) ? active : (visible.find((e) => layer.modeOf(e.document) !== 'off') ?? visible[0]))?.document;
    if (!doc) void vscode.window.showInformationMessage('NewsLens: open an article first.');
    return doc;
  };
  const docOf = async (uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> =>
    uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri) : activeDoc();

  context.subscriptions.push(
    vscode.commands.registerCommand('newslens.showHuman', async (uri?: vscode.Uri) => {
      const doc = await docOf(uri);
      if (doc) await layer.setMode(doc, 'annotation');
    }),
    vscode.commands.registerCommand('newslens.compareWithHuman', async (uri?: vscode.Uri) => {
      const doc = await docOf(uri);
      if (doc) await layer.compare(doc);
    }),
    vscode.commands.registerCommand('newslens.hideHuman', async (uri?: vscode.Uri) => {
      const doc = await docOf(uri);
      if (doc) await layer.setMode(doc, 'off');
    }),
    vscode.languages.registerHoverProvider([{ pattern: '**' }], {
      provideHover: (document, position) => layer.hover(document, position),
    }),
  );
  return layer;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}

/** A short content fingerprint (FNV-1a), so an edited .ann is reported again. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
