// Decoration types, created once at activation and disposed with the extension. Each category has
// its own theme colour (package.json `contributes.colors`), closed-closed range behaviour and an
// overview ruler mark; speakers get one of SPEAKER_COLOURS fixed types so two speakers differ.
import * as vscode from 'vscode';
import { CATEGORIES, SPEAKER_COLOURS, type Category, type DecorationPlan } from '../present/view';
import type { Span } from '../core';

/** A drawn slot: a category, with speakers split by palette slot (`speaker1`…`speaker6`). */
export type Slot = Exclude<Category, 'speaker'> | `speaker${number}`;

const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(`newslens.${id}`);
const closed = vscode.DecorationRangeBehavior.ClosedClosed;

function speakerStyle(i: number): vscode.DecorationRenderOptions {
  const c = color(`speaker${i + 1}`);
  return {
    rangeBehavior: closed,
    borderStyle: 'none none solid none',
    borderWidth: '0 0 2px 0',
    borderColor: c,
    fontWeight: '600',
    overviewRulerColor: c,
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  };
}

const STYLES: Readonly<Record<Exclude<Category, 'speaker'>, vscode.DecorationRenderOptions>> = {
  direct: {
    rangeBehavior: closed,
    backgroundColor: color('directQuoteBackground'),
    // High contrast themes draw no backgrounds: there the solid underline carries the category.
    borderStyle: 'none none solid none',
    borderWidth: '0 0 1px 0',
    borderColor: color('directQuoteBorder'),
    overviewRulerColor: color('directQuoteBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  },
  indirect: {
    rangeBehavior: closed,
    borderStyle: 'none none dashed none',
    borderWidth: '0 0 1px 0',
    borderColor: color('reportedSpeechBorder'),
    overviewRulerColor: color('reportedSpeechBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  },
  mixed: {
    rangeBehavior: closed,
    backgroundColor: color('mixedQuoteBackground'),
    borderStyle: 'none none dashed none',
    borderWidth: '0 0 1px 0',
    borderColor: color('mixedQuoteBorder'),
    overviewRulerColor: color('mixedQuoteBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  },
  cue: {
    rangeBehavior: closed,
    color: color('cueForeground'),
    fontStyle: 'italic',
  },
  credit: {
    rangeBehavior: closed,
    color: color('creditForeground'),
    fontStyle: 'italic',
    overviewRulerColor: color('creditForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  },
  anonymous: {
    rangeBehavior: closed,
    borderStyle: 'none none dotted none',
    borderWidth: '0 0 2px 0',
    borderColor: color('anonymousSourceBorder'),
    overviewRulerColor: color('anonymousSourceBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  },
  boilerplate: {
    rangeBehavior: closed,
    opacity: '0.5',
  },
};

/** Review marks: a small sign after each quote a person confirmed, corrected or added by hand. */
export type ReviewSlot = `review.${keyof DecorationPlan['reviewed']}`;

const REVIEW_STYLES: Readonly<Record<keyof DecorationPlan['reviewed'], { sign: string; colour: string }>> = {
  confirmed: { sign: '✓', colour: 'reviewConfirmed' },
  corrected: { sign: '✎', colour: 'reviewCorrected' },
  added: { sign: '+', colour: 'reviewAdded' },
};

function reviewStyle(state: keyof DecorationPlan['reviewed']): vscode.DecorationRenderOptions {
  const { sign, colour } = REVIEW_STYLES[state];
  return {
    rangeBehavior: closed,
    after: { contentText: ` ${sign}`, color: color(colour), fontWeight: '600' },
    overviewRulerColor: color(colour),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  };
}

export const REVIEW_SLOTS: readonly ReviewSlot[] = ['review.confirmed', 'review.corrected', 'review.added'];

export const SLOTS: readonly Slot[] = [
  ...Array.from({ length: SPEAKER_COLOURS }, (_, i) => `speaker${i + 1}` as Slot),
  ...CATEGORIES.filter((c): c is Exclude<Category, 'speaker'> => c !== 'speaker'),
];

function categoryOf(slot: Slot): Category {
  return slot.startsWith('speaker') ? 'speaker' : (slot as Category);
}

/** Above this many spans, an editor is drawn around its visible lines only. */
export const WINDOW_ABOVE = 20_000;
/** Lines drawn above and below the visible ones, so that scrolling rarely shows undrawn text. */
const WINDOW_MARGIN_LINES = 400;

function planSize(plan: DecorationPlan): number {
  let n = plan.direct.length + plan.indirect.length + plan.mixed.length + plan.cue.length + plan.credit.length + plan.anonymous.length;
  for (const slot of plan.speakers) n += slot.length;
  return n;
}

function visibleWindow(editor: vscode.TextEditor): Span {
  const doc = editor.document;
  const ranges = editor.visibleRanges.length > 0 ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
  const first = Math.max(0, ranges[0]!.start.line - WINDOW_MARGIN_LINES);
  const last = Math.min(doc.lineCount - 1, ranges[ranges.length - 1]!.end.line + WINDOW_MARGIN_LINES);
  return { start: doc.offsetAt(new vscode.Position(first, 0)), end: doc.offsetAt(doc.lineAt(last).range.end) };
}

/** The spans (sorted by start) that overlap the window. */
function within(spans: readonly Span[], window: Span): Span[] {
  let lo = 0;
  let hi = spans.length;
  // Spans never nest far: start a little before the first span that ends inside the window.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < window.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  for (let i = Math.max(0, lo - 50); i < spans.length && spans[i]!.start < window.end; i++) {
    if (spans[i]!.end > window.start) out.push(spans[i]!);
  }
  return out;
}

export class Decorations implements vscode.Disposable {
  private readonly types = new Map<Slot | ReviewSlot, vscode.TextEditorDecorationType>();
  /** What was last drawn on each editor, for the test API. */
  private readonly drawn = new WeakMap<vscode.TextEditor, Map<Slot | ReviewSlot, vscode.Range[]>>();
  /** Types created over the extension's life: stays SLOTS.length + REVIEW_SLOTS.length. */
  created = 0;

  constructor() {
    for (const slot of SLOTS) {
      const style = slot.startsWith('speaker') ? speakerStyle(Number(slot.slice(7)) - 1) : STYLES[slot as Exclude<Category, 'speaker'>];
      this.types.set(slot, vscode.window.createTextEditorDecorationType(style));
      this.created++;
    }
    for (const slot of REVIEW_SLOTS) {
      this.types.set(slot, vscode.window.createTextEditorDecorationType(reviewStyle(slot.slice(7) as keyof DecorationPlan['reviewed'])));
      this.created++;
    }
  }

  /** Editors drawn only around what is on screen (a large article), with what to redraw on scrolling. */
  private readonly windowed = new WeakMap<vscode.TextEditor, { plan: DecorationPlan; show: Readonly<Record<Category, boolean>>; version: number }>();

  /** Draws a plan on an editor, leaving out hidden categories; null clears the editor. */
  draw(editor: vscode.TextEditor, plan: DecorationPlan | null, show: Readonly<Record<Category, boolean>>): void {
    const doc = editor.document;
    // A large article (a 10 MB scrape has a hundred thousand spans) is drawn around the visible
    // lines only, and again as the editor scrolls: the cost of a draw stays the same at any size.
    const window = plan && planSize(plan) > WINDOW_ABOVE ? visibleWindow(editor) : null;
    if (plan && window) this.windowed.set(editor, { plan, show, version: doc.version });
    else this.windowed.delete(editor);
    const clip = (spans: readonly Span[]): readonly Span[] => (window ? within(spans, window) : spans);
    const toRange = (s: Span): vscode.Range => new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
    const record = new Map<Slot | ReviewSlot, vscode.Range[]>();
    for (const slot of SLOTS) {
      let spans: Span[] = [];
      if (plan && show[categoryOf(slot)]) {
        spans = slot.startsWith('speaker') ? plan.speakers[Number(slot.slice(7)) - 1]! : plan[slot as Exclude<Category, 'speaker'>];
      }
      const ranges = clip(spans).map(toRange);
      record.set(slot, ranges);
      editor.setDecorations(this.types.get(slot)!, ranges);
    }
    for (const slot of REVIEW_SLOTS) {
      const reviewed = plan ? plan.reviewed[slot.slice(7) as keyof DecorationPlan['reviewed']] : [];
      const ranges = (window ? reviewed.filter((r) => r.end > window.start && r.start < window.end) : reviewed).map(toRange);
      record.set(slot, ranges);
      editor.setDecorations(this.types.get(slot)!, ranges);
    }
    this.drawn.set(editor, record);
  }

  /** After scrolling: redraws an editor drawn around its visible lines. */
  redrawWindow(editor: vscode.TextEditor): boolean {
    const last = this.windowed.get(editor);
    // After an edit the plan's offsets are old: the new analysis draws, not this one.
    if (!last || last.version !== editor.document.version) return false;
    this.draw(editor, last.plan, last.show);
    return true;
  }

  isWindowed(editor: vscode.TextEditor): boolean {
    return this.windowed.has(editor);
  }

  rangesOf(editor: vscode.TextEditor): Record<string, vscode.Range[]> {
    const out: Record<string, vscode.Range[]> = {};
    const record = this.drawn.get(editor);
    for (const slot of [...SLOTS, ...REVIEW_SLOTS]) out[slot] = record?.get(slot) ?? [];
    return out;
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}
