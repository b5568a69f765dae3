// The NewsLens views: Sources, Entities and Credits of the article in the active editor. Each
// view's nodes are built once per analysis, so `reveal` and `getParent` see the same objects.
import * as vscode from 'vscode';
import type { Credit, Entity, EntityType, Mention, Quote, Span } from '../core';
import { escapeMarkdown, shorten } from '../present/markdown-text';
import type { Correction } from '../core/corrections';
import { ArticleView, CREDIT_LABELS, KIND_LABELS, REVIEW_LABELS, describeCorrection, quoteExtent, type SourceGroup } from '../present/view';

export interface Article {
  uri: vscode.Uri;
  version: number;
  view: ArticleView;
}

export type Node =
  | { type: 'folder'; id: string; label: string; description: string; children: Node[]; parent?: undefined }
  | { type: 'source'; id: string; group: SourceGroup; children: Node[]; parent?: Node }
  | { type: 'quote'; id: string; quote: Quote; withSource: boolean; parent: Node }
  | { type: 'entityType'; id: string; label: string; entityType: EntityType; children: Node[]; parent?: undefined }
  | { type: 'entity'; id: string; entity: Entity; children: Node[]; parent: Node }
  | { type: 'mention'; id: string; entity: Entity; mention: Mention; parent: Node }
  | { type: 'credit'; id: string; credit: Credit; parent?: undefined }
  | { type: 'unplaced'; id: string; correction: Correction; parent: Node }
  /** "1,234 more…": the rest of a long list, shown a page at a time. */
  | { type: 'more'; id: string; remaining: number; parent: Node; owner: object };

/** Children listed at first under one item (a source of a 10 MB article can have 14,000 quotes). */
export const TREE_PAGE = 500;

/** A quote's tree icon by review state; unreviewed quotes show their kind's icon. */
const REVIEW_ICONS = { confirmed: 'pass', corrected: 'edit', added: 'add' } as const;

/** A source with more quotes than this starts closed in the Sources view. */
const OPEN_GROUPS_UP_TO = 100;

const ENTITY_ICONS: Readonly<Record<EntityType, string>> = { person: 'person', organization: 'organization', place: 'location' };

function tooltip(markdown: string): vscode.MarkdownString {
  // Built from escaped article text; never trusted, no HTML, no theme icons.
  const md = new vscode.MarkdownString(markdown, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

abstract class ArticleTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  protected article: Article | undefined;
  protected roots: Node[] = [];
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(article: Article | undefined): void {
    if (
      article &&
      this.article &&
      article.uri.toString() === this.article.uri.toString() &&
      article.version === this.article.version &&
      article.view === this.article.view
    ) {
      return;
    }
    if (article?.uri.toString() !== this.article?.uri.toString()) this.shown.clear();
    this.article = article;
    this.roots = article ? this.build(article) : [];
    this.changed.fire(undefined);
  }

  get current(): Article | undefined {
    return this.article;
  }

  protected abstract build(article: Article): Node[];

  /** How many children each item lists (by node id), when more than a page were asked for. */
  private readonly shown = new Map<string, number>();

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    const all = 'children' in node ? node.children : [];
    const limit = this.shown.get(node.id) ?? TREE_PAGE;
    if (all.length <= limit) return all;
    const more: Node = { type: 'more', id: `${node.id}/more`, remaining: all.length - limit, parent: node, owner: this };
    return [...all.slice(0, limit), more];
  }

  /** Lists another page of a long list (the "more" item's command). */
  showMore(more: Node): void {
    if (more.type !== 'more' || more.owner !== this) return;
    const parent = more.parent;
    this.shown.set(parent.id, (this.shown.get(parent.id) ?? TREE_PAGE) + TREE_PAGE);
    this.changed.fire(parent);
  }

  /** Makes sure a node is listed (not behind a "more" item), so that it can be revealed. */
  protected ensureListed(node: Node): void {
    const parent = node.parent;
    if (!parent || !('children' in parent)) return;
    const index = parent.children.indexOf(node);
    const limit = this.shown.get(parent.id) ?? TREE_PAGE;
    if (index < limit) return;
    this.shown.set(parent.id, Math.ceil((index + 1) / TREE_PAGE) * TREE_PAGE);
    this.changed.fire(parent);
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = node.type === 'more' ? this.moreItem(node) : this.item(node);
    item.id = `${this.article?.uri.toString() ?? ''}#${node.id}`;
    return item;
  }

  protected abstract item(node: Node): vscode.TreeItem;

  private moreItem(node: Extract<Node, { type: 'more' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(`${node.remaining.toLocaleString('en')} more…`, vscode.TreeItemCollapsibleState.None);
    item.description = `show ${Math.min(TREE_PAGE, node.remaining)} more`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: 'newslens.tree.showMore', title: 'Show More', arguments: [node] };
    return item;
  }

  /**
   * Tooltips are made when the user hovers an item, not for every item shown: a 10 MB article has
   * tens of thousands of quotes, and a quote's tooltip is its whole hover.
   */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (item.tooltip === undefined && this.article) {
      const markdown = this.tooltipOf(node, this.article.view);
      if (markdown !== undefined) item.tooltip = tooltip(markdown);
    }
    return item;
  }

  protected tooltipOf(node: Node, view: ArticleView): string | undefined {
    switch (node.type) {
      case 'quote':
        return view.quoteHover(node.quote);
      case 'source': {
        const g = node.group;
        return g.entity ? view.entityHover(g.entity) : `**${escapeMarkdown(g.label)}** · ${escapeMarkdown(g.description)}`;
      }
      case 'entity':
        return view.entityHover(node.entity);
      default:
        return undefined;
    }
  }

  protected reveal(span: Span): vscode.Command {
    return {
      command: 'newslens.reveal',
      title: 'Reveal in Editor',
      arguments: [this.article!.uri, span.start, span.end],
    };
  }

  protected quoteItem(node: Extract<Node, { type: 'quote' }>): vscode.TreeItem {
    const view = this.article!.view;
    const q = node.quote;
    const item = new vscode.TreeItem(view.quoteLabel(q), vscode.TreeItemCollapsibleState.None);
    const state = view.reviewOf(q);
    item.description = view.quoteDescription(q, node.withSource) + (state === 'unreviewed' ? '' : ` · ${REVIEW_LABELS[state].toLowerCase()}`);
    item.iconPath =
      state === 'unreviewed'
        ? new vscode.ThemeIcon(q.kind === 'direct' ? 'quote' : q.kind === 'mixed' ? 'comment-discussion' : 'comment')
        : new vscode.ThemeIcon(REVIEW_ICONS[state], new vscode.ThemeColor(`newslens.review${state[0]!.toUpperCase()}${state.slice(1)}`));
    item.contextValue = 'quote';
    item.accessibilityInformation = { label: `${KIND_LABELS[q.kind]}: ${view.quoteText(q)}` };
    const extent = quoteExtent(q);
    item.command = this.reveal(extent);
    return item;
  }

  /** The node of a quote, if this tree shows it. */
  nodeOfQuote(quote: Quote): Node | undefined {
    const stack = [...this.roots];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'quote' && n.quote === quote) {
        this.ensureListed(n);
        return n;
      }
      if ('children' in n) stack.push(...n.children);
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class SourcesTree extends ArticleTree {
  /** Show only the quotes nobody has reviewed yet (the view title's filter). */
  unreviewedOnly = false;

  setUnreviewedOnly(on: boolean): void {
    this.unreviewedOnly = on;
    const article = this.article;
    this.article = undefined;
    this.show(article);
  }

  protected build(article: Article): Node[] {
    const all = article.view.sources();
    const keep = (groups: SourceGroup[]): SourceGroup[] =>
      this.unreviewedOnly
        ? groups
            .map((g) => ({ ...g, quotes: g.quotes.filter((q) => article.view.reviewOf(q) === 'unreviewed') }))
            .filter((g) => g.quotes.length > 0)
        : groups;
    const story = keep(all.story);
    const outside = keep(all.outside);
    const groupNode = (g: SourceGroup, parent?: Node): Node => {
      const node = { type: 'source', id: g.id, group: g, parent } as Extract<Node, { type: 'source' }>;
      // A source's quote items are made when first asked for (a source of a 10 MB article has
      // thousands, most never opened), then kept: reveal and getParent see the same objects.
      let children: Node[] | undefined;
      Object.defineProperty(node, 'children', {
        enumerable: true,
        get: () => (children ??= g.quotes.map((q) => ({ type: 'quote', id: `${g.id}/${q.id}`, quote: q, withSource: g.kind === 'anonymous', parent: node }))),
        set: (value: Node[]) => (children = value),
      });
      return node;
    };
    const roots: Node[] = story.map((g) => groupNode(g));
    if (outside.length) {
      const folder: Extract<Node, { type: 'folder' }> = {
        type: 'folder',
        id: 'outside',
        label: 'Outside the story',
        description: ((n) => `${n} ${n === 1 ? 'quote' : 'quotes'} in boilerplate`)(outside.reduce((n, g) => n + g.quotes.length, 0)),
        children: [],
      };
      folder.children = outside.map((g) => groupNode(g, folder));
      roots.push(folder);
    }
    const unplaced = article.view.unplaced;
    if (unplaced.length) {
      const folder: Extract<Node, { type: 'folder' }> = {
        type: 'folder',
        id: 'unplaced',
        label: 'Could not be placed',
        description: `${unplaced.length} ${unplaced.length === 1 ? 'correction' : 'corrections'} kept in the sidecar`,
        children: [],
      };
      folder.children = unplaced.map((correction) => ({ type: 'unplaced', id: `unplaced/${correction.id}`, correction, parent: folder }));
      roots.push(folder);
    }
    return roots;
  }

  protected item(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'folder': {
        if (node.id === 'unplaced') {
          const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
          item.description = node.description;
          item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
          item.tooltip = 'Hand corrections whose text is no longer in the article: kept in the sidecar, not applied';
          return item;
        }
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.tooltip = 'Quotes found after the end of the story (related articles, boilerplate)';
        return item;
      }
      case 'unplaced': {
        const { label, description } = describeCorrection(node.correction);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = description;
        item.iconPath = new vscode.ThemeIcon('debug-disconnect');
        item.contextValue = 'unplaced';
        item.tooltip = `${description}, made ${node.correction.at}; its text could not be found in the article`;
        return item;
      }
      case 'source': {
        const g = node.group;
        // Open, unless the source has so many quotes that they would bury the others.
        const state = g.quotes.length <= OPEN_GROUPS_UP_TO ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
        const item = new vscode.TreeItem(g.label, state);
        item.description = g.description;
        item.contextValue = `source.${g.kind}`;
        item.iconPath =
          g.kind === 'speaker'
            ? new vscode.ThemeIcon(
                g.entity?.type === 'person' ? 'person' : g.entity?.type === 'place' ? 'location' : 'organization',
                g.colour === null ? undefined : new vscode.ThemeColor(`newslens.speaker${g.colour + 1}`),
              )
            : new vscode.ThemeIcon(g.kind === 'anonymous' ? 'eye-closed' : 'question');
        const first = g.entity?.mentions[0];
        if (first) item.command = this.reveal(first);
        return item;
      }
      case 'quote':
        return this.quoteItem(node);
      default:
        return new vscode.TreeItem('?');
    }
  }
}

export class EntitiesTree extends ArticleTree {
  override getChildren(node?: Node): Node[] {
    if (node?.type === 'entity' && node.children.length === 0 && node.entity.mentions.length > 0) {
      node.children = [...node.entity.mentions]
        .sort((a, b) => a.start - b.start)
        .map((m, i) => ({ type: 'mention', id: `${node.id}/${i}`, entity: node.entity, mention: m, parent: node }));
    }
    return super.getChildren(node);
  }

  protected build(article: Article): Node[] {
    return article.view.entityGroups().map((g) => {
      const folder: Extract<Node, { type: 'entityType' }> = { type: 'entityType', id: g.type, label: g.label, entityType: g.type, children: [] };
      folder.children = g.entities.map((e) => {
        // Its mentions are listed when it is opened (a speaker of a long article has thousands).
        return { type: 'entity', id: `${g.type}/${e.id}`, entity: e, children: [], parent: folder };
      });
      return folder;
    });
  }

  protected item(node: Node): vscode.TreeItem {
    const view = this.article!.view;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.article!.uri.toString());
    switch (node.type) {
      case 'entityType': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(node.children.length);
        item.iconPath = new vscode.ThemeIcon(ENTITY_ICONS[node.entityType]);
        return item;
      }
      case 'entity': {
        const item = new vscode.TreeItem(node.entity.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = view.entityDescription(node.entity);
        const colour = view.colourOf(node.entity.id);
        item.iconPath = new vscode.ThemeIcon(
          ENTITY_ICONS[node.entity.type],
          colour === null ? undefined : new vscode.ThemeColor(`newslens.speaker${colour + 1}`),
        );
        item.contextValue = 'entity';
        return item;
      }
      case 'mention': {
        const m = node.mention;
        const line = doc ? doc.positionAt(m.start).line + 1 : undefined;
        const item = new vscode.TreeItem(shorten(m.text, 60), vscode.TreeItemCollapsibleState.None);
        item.description = [m.via === 'name' ? '' : m.via, line ? `line ${line}` : ''].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('symbol-reference');
        item.command = this.reveal(m);
        item.contextValue = 'mention';
        return item;
      }
      default:
        return new vscode.TreeItem('?');
    }
  }
}

export class CreditsTree extends ArticleTree {
  protected build(article: Article): Node[] {
    return article.view.analysis.credits.map((credit, i) => ({ type: 'credit', id: `credit/${i}`, credit }));
  }

  protected item(node: Node): vscode.TreeItem {
    if (node.type !== 'credit') return new vscode.TreeItem('?');
    const c = node.credit;
    const item = new vscode.TreeItem(CREDIT_LABELS[c.kind], vscode.TreeItemCollapsibleState.None);
    item.description = c.names.length ? c.names.join(', ') : shorten(c.text, 60);
    item.tooltip = tooltip(`${this.article!.view.creditHover(c)}  \n${escapeMarkdown(shorten(c.text, 300))}`);
    item.iconPath = new vscode.ThemeIcon('megaphone');
    item.command = this.reveal(c);
    return item;
  }
}
