// Article text shown as text in Markdown: hovers, tooltips, the summary and the Markdown export.
// Article text is only ever placed inside a line, never at its start, and line breaks become
// spaces, so no block (heading, list, quote, table row, setext underline) can start from it. Inline,
// the characters that can make something out of text are backslash-escaped (CommonMark lets any
// ASCII punctuation be): emphasis and strike (* _ ~), code (`), links and images ([ ]), HTML tags
// and autolinks (< >), entities (&), table cells (|), math ($), and the ':' of "https:" and
// "command:" links; "www." gets its dot escaped against GFM's bare www autolinks. Other
// punctuation stays as it is, so the Markdown source remains readable.

const PUNCTUATION = /[\\`*_~[\]<>&|$:]/g;
const WWW = /\b(www)\./gi;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** `value` as literal text inside Markdown. */
export function escapeMarkdown(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(PUNCTUATION, '\\$&').replace(WWW, '$1\\.');
}

/**
 * `value` as literal text at the start of a line (after "> "): no heading, list or rule either.
 * (A leading ">" needs nothing more: escapeMarkdown escapes every one.)
 */
export function escapeMarkdownLine(value: string): string {
  return escapeMarkdown(value)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** At most `max` characters of `value` on one line, with an ellipsis when cut. */
export function shorten(value: string, max: number): string {
  const flat = value.replace(LINE_BREAKS, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.lastIndexOf(' ', max - 1);
  if (cut < max * 0.6) cut = max - 1;
  // Never end between the two halves of a surrogate pair.
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return flat.slice(0, cut).trimEnd() + '…';
}
