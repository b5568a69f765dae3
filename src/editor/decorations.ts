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

export const SLOTS: readonly Slot[] = [
  ...Array.from({ length: SPEAKER_COLOURS }, (_, i) => `speaker${i + 1}` as Slot),
  ...CATEGORIES.filter((c): c is Exclude<Category, 'speaker'> => c !== 'speaker'),
];

function categoryOf(slot: Slot): Category {
  return slot.startsWith('speaker') ? 'speaker' : (slot as Category);
}

export class Decorations implements vscode.Disposable {
  private readonly types = new Map<Slot, vscode.TextEditorDecorationType>();
  /** What was last drawn on each editor, for the test API. */
  private readonly drawn = new WeakMap<vscode.TextEditor, Map<Slot, vscode.Range[]>>();
  /** Types created over the extension's life: stays SLOTS.length. */
  created = 0;

  constructor() {
    for (const slot of SLOTS) {
      const style = slot.startsWith('speaker') ? speakerStyle(Number(slot.slice(7)) - 1) : STYLES[slot as Exclude<Category, 'speaker'>];
      this.types.set(slot, vscode.window.createTextEditorDecorationType(style));
      this.created++;
    }
  }

  /** Draws a plan on an editor, leaving out hidden categories; null clears the editor. */
  draw(editor: vscode.TextEditor, plan: DecorationPlan | null, show: Readonly<Record<Category, boolean>>): void {
    const doc = editor.document;
    const toRange = (s: Span): vscode.Range => new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
    const record = new Map<Slot, vscode.Range[]>();
    for (const slot of SLOTS) {
      let spans: Span[] = [];
      if (plan && show[categoryOf(slot)]) {
        spans = slot.startsWith('speaker') ? plan.speakers[Number(slot.slice(7)) - 1]! : plan[slot as Exclude<Category, 'speaker'>];
      }
      const ranges = spans.map(toRange);
      record.set(slot, ranges);
      editor.setDecorations(this.types.get(slot)!, ranges);
    }
    this.drawn.set(editor, record);
  }

  rangesOf(editor: vscode.TextEditor): Record<string, vscode.Range[]> {
    const out: Record<string, vscode.Range[]> = {};
    const record = this.drawn.get(editor);
    for (const slot of SLOTS) out[slot] = record?.get(slot) ?? [];
    return out;
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}
