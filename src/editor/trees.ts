// The NewsLens views: Sources, Entities and Credits of the article in the active editor. Each
// view's nodes are built once per analysis, so `reveal` and `getParent` see the same objects.
import * as vscode from 'vscode';
import type { Credit, Entity, EntityType, Mention, Quote, Span } from '../core';
import { escapeMarkdown, shorten } from '../present/markdown-text';
import { ArticleView, CREDIT_LABELS, KIND_LABELS, quoteExtent, type SourceGroup } from '../present/view';

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
  | { type: 'credit'; id: string; credit: Credit; parent?: undefined };

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
    this.article = article;
    this.roots = article ? this.build(article) : [];
    this.changed.fire(undefined);
  }

  get current(): Article | undefined {
    return this.article;
  }

  protected abstract build(article: Article): Node[];

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    return 'children' in node ? node.children : [];
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.item(node);
    item.id = `${this.article?.uri.toString() ?? ''}#${node.id}`;
    return item;
  }

  protected abstract item(node: Node): vscode.TreeItem;

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
    item.description = view.quoteDescription(q, node.withSource);
    item.tooltip = tooltip(view.quoteHover(q));
    item.iconPath = new vscode.ThemeIcon(q.kind === 'direct' ? 'quote' : q.kind === 'mixed' ? 'comment-discussion' : 'comment');
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
      if (n.type === 'quote' && n.quote === quote) return n;
      if ('children' in n) stack.push(...n.children);
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class SourcesTree extends ArticleTree {
  protected build(article: Article): Node[] {
    const { story, outside } = article.view.sources();
    const groupNode = (g: SourceGroup, parent?: Node): Node => {
      const node: Extract<Node, { type: 'source' }> = { type: 'source', id: g.id, group: g, children: [], parent };
      node.children = g.quotes.map((q) => ({ type: 'quote', id: `${g.id}/${q.id}`, quote: q, withSource: g.kind === 'anonymous', parent: node }));
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
    return roots;
  }

  protected item(node: Node): vscode.TreeItem {
    const view = this.article!.view;
    switch (node.type) {
      case 'folder': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.tooltip = 'Quotes found after the end of the story (related articles, boilerplate)';
        return item;
      }
      case 'source': {
        const g = node.group;
        const item = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = g.description;
        item.contextValue = `source.${g.kind}`;
        item.iconPath =
          g.kind === 'speaker'
            ? new vscode.ThemeIcon(
                g.entity?.type === 'person' ? 'person' : g.entity?.type === 'place' ? 'location' : 'organization',
                g.colour === null ? undefined : new vscode.ThemeColor(`newslens.speaker${g.colour + 1}`),
              )
            : new vscode.ThemeIcon(g.kind === 'anonymous' ? 'eye-closed' : 'question');
        item.tooltip = tooltip(g.entity ? view.entityHover(g.entity) : `**${escapeMarkdown(g.label)}** · ${escapeMarkdown(g.description)}`);
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
  protected build(article: Article): Node[] {
    return article.view.entityGroups().map((g) => {
      const folder: Extract<Node, { type: 'entityType' }> = { type: 'entityType', id: g.type, label: g.label, entityType: g.type, children: [] };
      folder.children = g.entities.map((e) => {
        const node: Extract<Node, { type: 'entity' }> = { type: 'entity', id: `${g.type}/${e.id}`, entity: e, children: [], parent: folder };
        node.children = [...e.mentions]
          .sort((a, b) => a.start - b.start)
          .map((m, i) => ({ type: 'mention', id: `${node.id}/${i}`, entity: e, mention: m, parent: node }));
        return node;
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
        item.tooltip = tooltip(view.entityHover(node.entity));
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
