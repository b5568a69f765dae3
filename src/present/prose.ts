// Whether a text file reads as prose (an article) rather than a log, a table or code, judged on a
// sample of its lines. The editor annotates `.txt` files only when they look like prose, unless
// the user asks for a file explicitly.

export interface ProseVerdict {
  prose: boolean;
  /** Why not, in words, when prose is false. */
  reason: string;
}

/** Characters read from the start of a file to judge it (the editor reads no more of it). */
export const PROSE_SAMPLE = 20000;
const SAMPLE = PROSE_SAMPLE;
const TIMESTAMP = /^\s*(\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\[?\d{2}:\d{2}:\d{2}|\[?(DEBUG|INFO|WARN|WARNING|ERROR|TRACE|FATAL)\b)/;
const CODE_LINE = /^\s*(#include|import\s|from\s\S+\simport|def\s|class\s|function\s|const\s|let\s|var\s|public\s|private\s|return\b|if\s*\(|for\s*\(|\}|\{|<\/?[a-z][\w-]*[\s>])/;

export function looksLikeProse(text: string): ProseVerdict {
  const sample = text.slice(0, SAMPLE);
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim().length > 0);
  if (lines.length === 0) return { prose: false, reason: 'it is empty' };
  const share = (test: (l: string) => boolean): number => lines.filter(test).length / lines.length;

  if (share((l) => TIMESTAMP.test(l)) > 0.3) return { prose: false, reason: 'it looks like a log (lines start with times or levels)' };
  if (share((l) => CODE_LINE.test(l) || /[;{}]\s*$/.test(l)) > 0.3) return { prose: false, reason: 'it looks like code' };
  const separators = lines.map((l) => (l.match(/[,;\t|]/g) ?? []).length);
  const tabular = separators.filter((n, i) => n >= 2 && n === separators[0] && !/[.!?]["”’]?\s*$/.test(lines[i]!)).length;
  if (lines.length >= 3 && tabular / lines.length > 0.6) return { prose: false, reason: 'it looks like a table (CSV or TSV)' };

  const nonSpace = sample.replace(/\s+/g, '');
  if (nonSpace.length === 0) return { prose: false, reason: 'it is empty' };
  const letters = (nonSpace.match(/\p{L}/gu) ?? []).length;
  if (letters / nonSpace.length < 0.6) return { prose: false, reason: 'it is mostly digits and symbols, not words' };
  const words = sample.match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return { prose: false, reason: 'it has too few words to be an article' };
  const sentenceEnds = (sample.match(/[.!?]["”’)]?(\s|$)/g) ?? []).length;
  if (sentenceEnds === 0 && words.length > 40) return { prose: false, reason: 'it has no sentences' };
  return { prose: true, reason: '' };
}
