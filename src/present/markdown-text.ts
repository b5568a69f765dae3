// Article text shown as text in Markdown: hovers, tooltips, the summary and the Markdown export.
// Every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be), so no
// emphasis, link, image, heading, list, table, HTML tag, entity or autolink ("https:", "command:")
// can form from article text; line breaks become spaces so a quote cannot start a new block.

const PUNCTUATION = /[!-/:-@[-`{-~]/g;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** `value` as literal text inside Markdown. */
export function escapeMarkdown(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(PUNCTUATION, '\\$&');
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
