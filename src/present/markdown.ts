// The Markdown export of one article: the source summary, then every quote under its source with
// its kind, cue and offsets. All article text is escaped (markdown-text.ts), so the file renders
// as text wherever it is opened.

import type { Analysis } from '../core';
import { escapeMarkdown, escapeMarkdownLine } from './markdown-text';
import { ArticleView, KIND_LABELS, quoteExtent, type SourceGroup } from './view';

export function formatMarkdown(analysis: Analysis, text: string, title = analysis.file ?? 'article'): string {
  const view = new ArticleView(analysis, text);
  const out: string[] = [view.summaryMarkdown(title).trimEnd(), ''];
  const { story, outside } = view.sources();
  const section = (heading: string, groups: SourceGroup[]): void => {
    if (groups.length === 0) return;
    out.push(`## ${heading}`, '');
    for (const g of groups) {
      out.push(`### ${escapeMarkdown(g.label)}`, '');
      for (const q of g.quotes) {
        const extent = quoteExtent(q);
        const facts = [KIND_LABELS[q.kind]];
        if (q.cue) facts.push(`cue “${escapeMarkdown(view.slice(q.cue))}”`);
        if (q.source) facts.push(`source “${escapeMarkdown(view.slice(q.source))}”`);
        facts.push(`offsets ${extent.start}–${extent.end}`);
        out.push(`> ${escapeMarkdownLine(view.quoteText(q))}`, '', `${facts.join(' · ')}`, '');
      }
    }
  };
  section('Quotes in the story', story);
  section('Quotes outside the story', outside);
  return out.join('\n').trimEnd() + '\n';
}
