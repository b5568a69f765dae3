// Recognising cues: reporting verbs in every inflection, and multi-word reporting phrases.
import { CUE_PHRASES, CUE_VERBS, IRREGULAR, NEEDS_COMPLEMENT, NEEDS_VERB_TAG } from './lexicon/cues';
import { has, type Token } from './tokens';

function inflect(base: string): string[] {
  const irregular = IRREGULAR[base];
  if (irregular) return [base, ...irregular];
  const forms = [base];
  const e = base.endsWith('e');
  const consY = /[^aeiou]y$/.test(base);
  const sibilant = /(s|sh|ch|x|z|o)$/.test(base);
  forms.push(consY ? base.slice(0, -1) + 'ies' : sibilant ? base + 'es' : base + 's');
  forms.push(consY ? base.slice(0, -1) + 'ied' : e ? base + 'd' : base + 'ed');
  forms.push(e && !base.endsWith('ee') ? base.slice(0, -1) + 'ing' : base + 'ing');
  return forms;
}

const FORMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const base of CUE_VERBS) for (const f of inflect(base)) if (!m.has(f)) m.set(f, base);
  return m;
})();

/** The base form of a reporting verb ("said" → "say"), or undefined. */
export function cueBase(word: string): string | undefined {
  return FORMS.get(word.toLowerCase());
}

/** Is this token a reporting verb here (ambiguous forms must be tagged as verbs)? */
export function isCueVerb(t: Token, next?: Token, gapAfter = ''): boolean {
  const base = FORMS.get(t.lower);
  if (base === undefined) return false;
  // "Caddell continued:" / "the study notes that": a colon or "that" makes it a verb.
  const colonOrThat = /^\s*:/.test(gapAfter) || (next?.lower === 'that' && /^\s+$/.test(gapAfter));
  if (NEEDS_COMPLEMENT.has(t.lower)) return colonOrThat || /^\s*,?\s*(?:["“„«]|'')$/.test(gapAfter);
  if (NEEDS_VERB_TAG.has(t.lower) && !has(t, 'Verb')) return colonOrThat;
  return true;
}

const PHRASES: readonly string[][] = CUE_PHRASES.map((p) => p.split(' '));

/** Length in tokens of a cue phrase starting at tokens[i], or 0. */
export function cuePhraseAt(tokens: readonly Token[], i: number): number {
  for (const words of PHRASES) {
    let k = 0;
    while (k < words.length && tokens[i + k]?.lower === words[k] && tokens[i + k]!.sent === tokens[i]!.sent) k++;
    if (k === words.length) return k;
  }
  return 0;
}
