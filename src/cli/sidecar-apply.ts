// The command line's side of hand corrections: `annotate` applies the sidecar beside an article
// (article.txt.newslens.json) to its analysis unless --no-corrections is given.
import type { Analysis } from '../core';
import { activeCorrections, applyCorrections, describeCorrection, type Correction } from '../core/corrections';
import { sidecarPathFor } from '../present/sidecar-file';
import { readSidecarSync } from './sidecar-node';

export interface SidecarApplied {
  /** The corrected analysis (still newslens/1). */
  analysis: Analysis;
  /** The sidecar's path. */
  sidecar: string;
  /** Corrections in effect and placed. */
  applied: number;
  /** Corrections in effect that could not be placed in the current text. */
  unplaced: Correction[];
  /** Why an unplaced correction does not apply, when its words are there (by correction id). */
  reasons: Map<string, string>;
}

/**
 * The analysis with the corrections of the sidecar beside `file` applied, or null when there is
 * no sidecar. Throws SidecarError (its message names the file) for a malformed or newer one.
 */
export function applySidecarBeside(file: string, text: string, analysis: Analysis): SidecarApplied | null {
  const path = sidecarPathFor(file);
  const sidecar = readSidecarSync(path);
  if (sidecar === null) return null;
  const corrected = applyCorrections(analysis, text, sidecar);
  const active = activeCorrections(sidecar).length;
  return { analysis: corrected.analysis, sidecar: path, applied: active - corrected.unplaced.length, unplaced: corrected.unplaced, reasons: corrected.reasons };
}

/** "3 corrections applied from a.txt.newslens.json, 1 could not be placed (listed on stderr)". */
export function correctionsHeading(r: SidecarApplied): string {
  const n = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;
  const unplaced = r.unplaced.length > 0 ? `, ${r.unplaced.length} could not be placed (listed on stderr)` : '';
  return `${n(r.applied, 'correction')} applied from ${r.sidecar}${unplaced}`;
}

/** One stderr line per correction that could not be placed. */
export function unplacedLines(file: string, r: SidecarApplied): string[] {
  return r.unplaced.map((c) => {
    const reason = r.reasons.get(c.id);
    const why = reason === undefined ? 'could not be placed in the current text' : `no longer applies (${reason})`;
    return `newslens: ${file}: correction ${c.id} ${why} (kept in ${r.sidecar}): ${describeCorrection(c)}\n`;
  });
}
