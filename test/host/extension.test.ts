// Runs inside a real extension host (code-server here, desktop VS Code through test-electron).
// Opens the seed article and checks what a user sees: decorations, hovers, the views, symbols,
// commands, the status bar, and that edits never draw a stale analysis.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { hoverText } from './hovers';
import { analyze } from '../../src/core';
import type { NewsLensApi } from '../../src/editor/extension';
import type { Node } from '../../src/editor/trees';

const SEED = 'seeds/000_8f484521c7ff1466.txt';

let api: NewsLensApi;
let folder: vscode.Uri;
let atStart: ReturnType<NewsLensApi['stats']>;

function seedUri(): vscode.Uri {
  return vscode.Uri.joinPath(folder, '000_8f484521c7ff1466.txt');
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenDrawn(doc);
  return editor;
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** The offset range of the n-th occurrence of `needle` in the document. */
function find(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) is not in ${doc.uri.path}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** The slots whose drawn ranges contain `range`. */
function slotsOn(editor: vscode.TextEditor, range: vscode.Range): string[] {
  const drawn = api.decorationsOf(editor);
  return Object.keys(drawn).filter((slot) => drawn[slot]!.some((r) => r.contains(range)));
}

function textsOf(editor: vscode.TextEditor, slot: string): string[] {
  return api.decorationsOf(editor)[slot]!.map((r) => editor.document.getText(r));
}


async function labels(provider: vscode.TreeDataProvider<Node>, node?: Node): Promise<string[]> {
  const children = (await provider.getChildren(node)) ?? [];
  return Promise.all(children.map(async (n) => String((await provider.getTreeItem(n)).label)));
}

async function childNamed(provider: vscode.TreeDataProvider<Node>, label: string, parent?: Node): Promise<Node> {
  for (const n of (await provider.getChildren(parent)) ?? []) {
    if (String((await provider.getTreeItem(n)).label) === label) return n;
  }
  throw new Error(`no tree item "${label}" (have: ${(await labels(provider, parent)).join(', ')})`);
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('newslens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Waits until the status of `doc`'s current version is drawn after an action. */
async function drawnAfter(doc: vscode.TextDocument, action: () => Thenable<unknown> | void): Promise<void> {
  const drawn = new Promise<void>((resolve) => {
    const sub = api.onDidDraw((e) => {
      if (e.uri === doc.uri.toString() && e.version === doc.version) {
        sub.dispose();
        resolve();
      }
    });
  });
  await action();
  await drawn;
}

before(async function () {
  const ext = vscode.extensions.getExtension('newslens.newslens');
  assert.ok(ext, 'the NewsLens extension is loaded');
  api = (await ext.activate()) as NewsLensApi;
  assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder (a copy of seeds/) is open');
  folder = vscode.workspace.workspaceFolders[0]!.uri;
  atStart = api.stats();
});

describe(`the seed article (${SEED}) in the editor`, () => {
  let editor: vscode.TextEditor;
  let doc: vscode.TextDocument;

  before(async () => {
    editor = await open(seedUri());
    doc = editor.document;
  });

  it('is annotated as soon as it opens, with the analysis of its current version', () => {
    const analysis = api.analysisOf(doc);
    assert.ok(analysis, 'analysed');
    assert.equal(analysis.length, doc.getText().length);
  });

  it('marks "Lavrov" in "…," Lavrov said as a speaker, in the same colour as "Sergei Lavrov"', () => {
    const at = find(doc, 'Lavrov said').start;
    const lavrov = slotsOn(editor, new vscode.Range(at, at.translate(0, 6)));
    const speaker = lavrov.filter((s) => s.startsWith('speaker'));
    const near = Object.entries(api.decorationsOf(editor))
      .map(([slot, ranges]) => `${slot}: ${ranges.filter((r) => Math.abs(r.start.line - at.line) < 1).map((r) => doc.getText(r)).join(' | ')}`)
      .join('\n');
    assert.equal(speaker.length, 1, `one speaker slot on "Lavrov" (got ${lavrov.join(', ')}); on its line:\n${near}`);
    const full = slotsOn(editor, find(doc, 'Sergei Lavrov')).filter((s) => s.startsWith('speaker'));
    assert.deepEqual(full, speaker, '"Sergei Lavrov" has the same speaker colour');
    const c = find(doc, 'Cavusoglu said:').start;
    const cavusoglu = slotsOn(editor, new vscode.Range(c, c.translate(0, 'Cavusoglu'.length))).filter((s) => s.startsWith('speaker'));
    assert.equal(cavusoglu.length, 1);
    assert.notEqual(cavusoglu[0], speaker[0], 'Cavusoglu and Lavrov have different colours');
  });

  it('decorates the direct quote of Lavrov whole, and not as reported speech', () => {
    const quote = find(doc, "We welcome Ankara's desire");
    assert.ok(slotsOn(editor, quote).includes('direct'));
    const drawn = api.decorationsOf(editor).direct!.find((r) => r.contains(quote))!;
    // Quotation marks belong to a direct quote's content, as in PolNeAR.
    assert.ok(doc.getText(drawn).startsWith('"We welcome'), doc.getText(drawn).slice(0, 40));
    assert.ok(doc.getText(drawn).endsWith('cease-fire obligations,"'), doc.getText(drawn).slice(-40));
    assert.ok(!slotsOn(editor, quote).includes('indirect'));
  });

  it('decorates reported speech differently from direct quotes', () => {
    const reported = find(doc, 'Turkey and Russia will do their best for sustainable peace');
    assert.ok(slotsOn(editor, reported).includes('indirect'));
    assert.ok(!slotsOn(editor, reported).includes('direct'));
  });

  it('marks the cue "said" after Lavrov, the credit lines, and dims the boilerplate after the story', () => {
    const said = find(doc, 'Lavrov said').end;
    assert.ok(slotsOn(editor, new vscode.Range(said.translate(0, -4), said)).includes('cue'));
    assert.ok(slotsOn(editor, find(doc, 'photo: The Russian and Turkish Foreign Ministers')).includes('credit'));
    assert.ok(slotsOn(editor, find(doc, 'source: commonspace.eu')).includes('credit'));
    const boilerplate = api.decorationsOf(editor).boilerplate!;
    assert.equal(boilerplate.length, 1);
    assert.ok(doc.getText(boilerplate[0]).startsWith('Related articles'));
    assert.ok(!slotsOn(editor, find(doc, 'Cavusoglu said:')).includes('boilerplate'));
  });

  it('hovers a direct quote with its speaker, kind, cue, how the speaker was found and the speaker\'s other quotes', async () => {
    const text = await hoverText(doc, find(doc, 'In particular, within the framework').start);
    assert.match(text, /\*\*Direct quote\*\*/);
    assert.match(text, /\*\*Said by\*\* Sergei Lavrov/);
    assert.match(text, /\*\*Cue\*\* “said”/);
    assert.match(text, /\*\*How we know\*\* the source “Lavrov” is a short form of Sergei Lavrov/);
    assert.match(text, /\*\*Other quotes\*\* \d+ more quotes from Sergei Lavrov \(\d+ direct/);
  });

  it('says, for "He added", which named mention the pronoun resolves to', async () => {
    const text = await hoverText(doc, find(doc, 'We may have our differences with Russia').start);
    assert.match(text, /\*\*Said by\*\* Mevlut Cavusoglu/);
    assert.match(text, /the source “He” refers back to Mevlut Cavusoglu, last named as “Cavusoglu”/);
  });

  it('hovers a speaker mention with the entity, its aliases and its quote counts', async () => {
    const text = await hoverText(doc, find(doc, 'Sergei Lavrov').start.translate(0, 2));
    assert.match(text, /^\*\*Sergei Lavrov\*\* · person/);
    assert.match(text, /\*\*Also called\*\* .*“Lavrov”/);
    assert.match(text, /\*\*Quotes\*\* \d+ \(\d+ direct/);
  });

  it('hovers a credit line with its kind and the names it credits', async () => {
    const text = await hoverText(doc, find(doc, 'picture courtesy of').start);
    assert.match(text, /\*\*Photo credit\*\*/);
    assert.match(text, /“Anadolu News Agency”/);
  });

  it('lists the sources in the Sources view: speakers by number of quotes, then the boilerplate apart', async () => {
    const roots = await labels(api.sources);
    assert.deepEqual(roots.slice(0, 2), ['Mevlut Cavusoglu', 'Sergei Lavrov']);
    assert.equal(roots[roots.length - 1], 'Outside the story');
    const lavrov = await childNamed(api.sources, 'Sergei Lavrov');
    const item = await api.sources.getTreeItem(lavrov);
    assert.match(String(item.description), /\d+ direct, \d+ reported/);
    const quotes = await labels(api.sources, lavrov);
    assert.ok(quotes.some((q) => q.startsWith('"We welcome Ankara\'s desire')), quotes.join('\n'));
    const outside = await childNamed(api.sources, 'Outside the story');
    assert.ok((await labels(api.sources, outside)).includes('Borrell'), 'Borrell is quoted only in the related articles');
  });

  it('reveals the quote\'s range when its tree item is clicked', async () => {
    const lavrov = await childNamed(api.sources, 'Sergei Lavrov');
    const first = (await api.sources.getChildren(lavrov))![0]!;
    const item = await api.sources.getTreeItem(first);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), doc.uri.toString());
    assert.ok(active.document.getText(active.selection).length > 20, 'the quote is selected');
    const selected = active.document.getText(active.selection);
    const quoteLabel = String(item.label).replace(/…$/, '');
    assert.ok(selected.replace(/\s+/g, ' ').startsWith(quoteLabel), `${selected.slice(0, 60)} / ${quoteLabel}`);
  });

  it('lists people, organisations and places in the Entities view, each with its mentions', async () => {
    const groups = await labels(api.entities);
    assert.deepEqual(groups.filter((g) => ['People', 'Organisations', 'Places'].includes(g)), groups);
    const people = await childNamed(api.entities, 'People');
    const names = await labels(api.entities, people);
    assert.ok(names.includes('Sergei Lavrov') && names.includes('Mevlut Cavusoglu'), names.join(', '));
    const places = await labels(api.entities, await childNamed(api.entities, 'Places'));
    assert.ok(places.includes('Armenia') && places.includes('Sochi'), places.join(', '));
    const lavrov = await childNamed(api.entities, 'Sergei Lavrov', people);
    const mentions = await labels(api.entities, lavrov);
    assert.ok(mentions.includes('Sergei Lavrov') && mentions.includes('Lavrov'), mentions.join(', '));
  });

  it('lists the credit lines in the Credits view', async () => {
    assert.deepEqual(await labels(api.credits), ['Source line', 'Photo credit']);
    const [, photo] = (await api.credits.getChildren())!;
    assert.match(String((await api.credits.getTreeItem(photo!)).description), /Anadolu News Agency/);
  });

  it('gives the outline the speaker turns and their quotes, and the breadcrumbs the right speaker', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Mevlut Cavusoglu') && names.includes('Sergei Lavrov'), names.join(', '));
    assert.ok(names.includes('Borrell (outside the story)'), names.join(', '));
    const lavrov = symbols.find((s) => s.name === 'Sergei Lavrov')!;
    assert.ok(lavrov.children.some((c) => c.name.startsWith('"We welcome Ankara')));
    for (const s of symbols) for (const child of s.children) assert.ok(s.range.contains(child.range), `${child.name} inside ${s.name}`);
    // At Lavrov's quote, the one turn that holds the position is Lavrov's.
    const at = find(doc, 'In particular, within the framework').start;
    const holding = symbols.filter((s) => s.range.contains(at));
    assert.deepEqual(holding.map((s) => s.name), ['Sergei Lavrov']);
  });

  it('shows the counts in the status bar, agreeing with the Sources view', async () => {
    const status = api.statusText();
    const m = /^\$\(quote\) (\d+) sources · (\d+) quotes$/.exec(status ?? '');
    assert.ok(m, `status bar: ${status}`);
    const story = (await api.sources.getChildren())!.filter((n) => n.type === 'source');
    // A source is a speaker, or words naming one that matched no one ("Both ministers").
    const sources = story.filter((n) => n.type === 'source' && (n.group.kind === 'speaker' || n.group.kind === 'unresolved'));
    assert.ok(!story.some((n) => n.type === 'source' && n.group.kind === 'anonymous'), 'the seed has no anonymous source');
    assert.equal(Number(m[1]), sources.length);
    assert.ok((await labels(api.sources)).includes('Both ministers'), 'the ministers who speak together are a source of their own');
    const quotes = story.reduce((n, s) => n + ('children' in s ? s.children.length : 0), 0);
    assert.equal(Number(m[2]), quotes);
  });
});

describe('commands', () => {
  let editor: vscode.TextEditor;
  let doc: vscode.TextDocument;

  beforeEach(async () => {
    editor = await open(seedUri());
    doc = editor.document;
  });

  it('Toggle Annotations hides every decoration and shows them again', async () => {
    await vscode.commands.executeCommand('newslens.toggleAnnotations');
    assert.deepEqual(Object.values(api.decorationsOf(editor)).flat(), []);
    await vscode.commands.executeCommand('newslens.toggleAnnotations');
    assert.ok(api.decorationsOf(editor).direct!.length > 0);
  });

  it('a category turned off in the settings disappears alone', async () => {
    await drawnAfter(doc, () => setting('show.cues', false));
    try {
      assert.equal(api.decorationsOf(editor).cue!.length, 0);
      assert.ok(api.decorationsOf(editor).direct!.length > 0);
    } finally {
      await drawnAfter(doc, () => setting('show.cues', undefined));
    }
    assert.ok(api.decorationsOf(editor).cue!.length > 0);
  });

  it('Next Quote and Previous Quote select the quotes in order, wrapping around', async () => {
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('newslens.nextQuote');
    assert.equal(doc.getText(editor.selection), 'it will intensify efforts to normalise relations with Armenia');
    await vscode.commands.executeCommand('newslens.nextQuote');
    assert.ok(doc.getText(editor.selection).startsWith('Turkey and Russia will do their best'));
    await vscode.commands.executeCommand('newslens.previousQuote');
    assert.equal(doc.getText(editor.selection), 'it will intensify efforts to normalise relations with Armenia');
    // From inside the second quote, Previous goes to the first, not to the second's start.
    const inside = find(doc, 'sustainable peace').start;
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand('newslens.previousQuote');
    assert.equal(doc.getText(editor.selection), 'it will intensify efforts to normalise relations with Armenia');
    await vscode.commands.executeCommand('newslens.previousQuote');
    const last = editor.selection.start;
    assert.ok(doc.offsetAt(last) > doc.getText().indexOf('Related articles'), 'wrapped to the last quote');
  });

  it('Copy Quote with Attribution puts the quote and its speaker on the clipboard', async () => {
    const at = find(doc, 'In particular, within the framework').start;
    editor.selection = new vscode.Selection(at, at);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('newslens.copyQuote');
    const copied = await vscode.env.clipboard.readText();
    assert.ok(copied.startsWith("“We welcome Ankara's desire"), copied.slice(0, 60));
    assert.match(copied, /” — Sergei Lavrov/);
  });

  it('Reveal Quote in Sources selects the quote under the cursor in the Sources view', async () => {
    const at = find(doc, 'We may have our differences').start;
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('newslens.revealQuote');
    const selected = api.sourcesView.selection as Node[];
    assert.equal(selected.length, 1);
    const node = selected[0]!;
    assert.equal(node.type, 'quote');
    assert.ok(node.type === 'quote' && node.parent.type === 'source' && node.parent.group.label === 'Mevlut Cavusoglu');
  });

  it('the Sources view follows the cursor from quote to quote while it is visible', async () => {
    // Reveal Quote in Sources has just shown the view; moving the cursor selects the quote there.
    const at = find(doc, 'We have confirmed our mutual intention').start;
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('newslens.revealQuote');
    await vscode.window.showTextDocument(doc, { preview: false });
    const selected = new Promise<Node>((resolve) => {
      const sub = api.sourcesView.onDidChangeSelection((e) => {
        const node = e.selection[0] as Node | undefined;
        if (node?.type === 'quote' && api.analysisOf(doc)!.quotes.includes(node.quote)) {
          const text = doc.getText().slice(node.quote.content[0]!.start, node.quote.content[0]!.end);
          if (text.startsWith('"We talked about')) {
            sub.dispose();
            resolve(node);
          }
        }
      });
    });
    const next = find(doc, 'We talked about how to implement').start;
    vscode.window.activeTextEditor!.selection = new vscode.Selection(next, next);
    const node = await selected;
    assert.ok(node.type === 'quote' && node.parent.type === 'source' && node.parent.group.label === 'Sergei Lavrov');
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the focus stays in the editor');
  });

  for (const [format, check] of [
    ['json', (s: string) => {
      const a = JSON.parse(s);
      assert.equal(a.schema, 'newslens/1');
      assert.deepEqual(a, JSON.parse(JSON.stringify(analyze(doc.getText()))), 'the same analysis as the core gives');
    }],
    ['csv', (s: string) => {
      assert.ok(s.startsWith('file,quote,kind,speaker,speaker_title,anonymous,source,cue,content,start,end,confidence\r\n'));
      assert.match(s, /Sergei Lavrov/);
    }],
    ['markdown', (s: string) => {
      assert.ok(s.startsWith('# Sources: 000\\_8f484521c7ff1466.txt'), s.slice(0, 80));
      assert.match(s, /### Sergei Lavrov/);
    }],
    ['brat', (s: string) => {
      assert.match(s, /^T1\tSource \d+ \d+\t/);
      assert.match(s, /\nE1\tAttribution:T\d+ Source:T\d+ Cue:T\d+ Content:T\d+\n/);
    }],
  ] as const) {
    it(`Export Analysis writes ${format}`, async () => {
      const target = vscode.Uri.joinPath(folder, `export-test.${format}`);
      await vscode.commands.executeCommand('newslens.export', format, target);
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      check(written);
      if (format === 'brat') {
        const conf = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'annotation.conf')));
        assert.match(conf, /\[entities\]\nSource\nCue\nContent\n/, 'brat learns the labels from annotation.conf beside the .ann');
      }
    });
  }

  it('Show Source Summary opens the summary of the sources', async () => {
    await vscode.commands.executeCommand('newslens.showSummary');
    const summary = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'newslens' && d.languageId === 'markdown');
    assert.ok(summary, 'a Markdown summary was opened');
    assert.ok(!summary.isDirty && !summary.isUntitled, 'read-only: nothing to save when it is closed');
    assert.match(summary.getText(), /^# Sources: 000\\_8f484521c7ff1466\.txt/);
    assert.match(summary.getText(), /\| Sergei Lavrov \| /);
  });

  it('Show Analysis as JSON opens the analysis beside the article', async () => {
    await vscode.commands.executeCommand('newslens.showAnalysis');
    const json = vscode.window.activeTextEditor!.document;
    assert.equal(json.languageId, 'json');
    assert.equal(json.uri.scheme, 'newslens');
    assert.ok(!json.isDirty);
    assert.equal(JSON.parse(json.getText()).schema, 'newslens/1');
  });
});

describe('the views without an article', () => {
  it('empty (showing their welcome text) once no article is on screen, and fill again when one is', async () => {
    await open(seedUri());
    assert.ok(((await api.sources.getChildren()) ?? []).length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await api.sources.getChildren()) ?? [], []);
    assert.deepEqual((await api.entities.getChildren()) ?? [], []);
    assert.deepEqual((await api.credits.getChildren()) ?? [], []);
    assert.equal(api.statusText(), undefined, 'no counts in the status bar');
    await open(seedUri());
    assert.deepEqual((await labels(api.sources)).slice(0, 2), ['Mevlut Cavusoglu', 'Sergei Lavrov']);
    assert.match(api.statusText() ?? '', /sources · \d+ quotes/);
  });

  it('Refresh analyses the open article again', async () => {
    const editor = await open(seedUri());
    const before = api.stats().analyses;
    await drawnAfter(editor.document, () => vscode.commands.executeCommand('newslens.refresh'));
    assert.equal(api.stats().analyses, before + 1);
    assert.ok(api.decorationsOf(editor).direct!.length > 0);
  });
});

describe('which files are annotated', () => {
  it('leaves a log file with a .txt name alone, until asked with Annotate This File', async () => {
    const log = await write(
      'server-log.txt',
      Array.from({ length: 30 }, (_, i) => `2026-11-28 08:${String(i).padStart(2, '0')}:00 INFO worker said "done" to the queue`).join('\n'),
    );
    const editor = await open(log);
    assert.equal(api.analysisOf(editor.document), undefined);
    assert.deepEqual(Object.values(api.decorationsOf(editor)).flat(), []);
    await drawnAfter(editor.document, () => vscode.commands.executeCommand('newslens.annotateFile'));
    assert.ok(api.analysisOf(editor.document), 'annotated on demand');
  });

  it('does not annotate an article over the size limit, and does again once the limit is raised', async () => {
    const editor = await open(seedUri());
    const before = api.notices().length;
    await drawnAfter(editor.document, () => setting('maxFileSize', 1000));
    try {
      assert.equal(api.analysisOf(editor.document), undefined);
      assert.deepEqual(Object.values(api.decorationsOf(editor)).flat(), []);
      const told = api.notices().slice(before);
      assert.deepEqual(told, [
        `NewsLens did not annotate 000_8f484521c7ff1466.txt: it has ${editor.document.getText().length.toLocaleString('en')} characters, ` +
          'more than the 1,000 of the setting newslens.maxFileSize. Raise the limit in Settings to annotate it.',
      ]);
      await drawnAfter(editor.document, () => editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x')));
      assert.equal(api.notices().length, before + 1, 'told once, not at every edit');
      await vscode.commands.executeCommand('undo');
      await api.whenDrawn(editor.document);
    } finally {
      await drawnAfter(editor.document, () => setting('maxFileSize', undefined));
    }
    assert.ok(api.decorationsOf(editor).direct!.length > 0);
  });

  it('decorates a quote that runs over two paragraphs whole', async () => {
    const uri = await write(
      'two-paragraphs.txt',
      'The mayor spoke at the harbour on Monday.\n\n' +
        'The mayor said: "The ferry will run every hour from May, and the fares will not rise this year.\n\n' +
        '"We will also open a second pier before the summer, so the queues will be shorter."\n\n' +
        'The council meets again next week.\n',
    );
    const editor = await open(uri);
    const doc = editor.document;
    const direct = api.decorationsOf(editor).direct!;
    for (const words of ['The ferry will run every hour', 'the fares will not rise', 'We will also open a second pier', 'the queues will be shorter']) {
      assert.ok(direct.some((r) => r.contains(find(doc, words))), `"${words}" is decorated as a direct quote`);
    }
    assert.ok(!direct.some((r) => r.intersection(find(doc, 'The council meets'))), 'the paragraph after the quote is not');
  });

  it('marks anonymous sources', async () => {
    const uri = await write(
      'anonymous.txt',
      'The talks in Geneva collapsed on Friday, officials said.\n\n' +
        '"Nobody expected this," a senior diplomat said, speaking on condition of anonymity.\n',
    );
    const editor = await open(uri);
    assert.deepEqual(textsOf(editor, 'anonymous'), ['officials', 'a senior diplomat']);
    assert.deepEqual(textsOf(editor, 'speaker1'), [], 'an unnamed source is no speaker');
    const group = await childNamed(api.sources, 'Anonymous sources');
    assert.equal(String((await api.sources.getTreeItem(group)).description), '2 sources · 1 direct, 1 reported');
  });
});

describe('article text never acts in a hover', () => {
  it('shows markdown, HTML and command links from the article as text', async () => {
    const uri = await write(
      'hostile.txt',
      'The minister spoke in Paris on Monday.\n\n' +
        '"Click [here](command:workbench.action.quit) or <img src=x onerror=alert(1)> **now** https://example.com," the minister said.\n',
    );
    const editor = await open(uri);
    const doc = editor.document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, find(doc, 'Click').start);
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && /Direct quote/.test(c.value));
    assert.ok(md, 'a NewsLens hover on the quote');
    assert.ok(!md.isTrusted, 'never trusted');
    assert.ok(!md.supportHtml, 'no HTML');
    assert.ok(md.value.includes('\\[here\\](command\\:workbench.action.quit)'), `the words show, escaped:\n${md.value}`);
    assert.doesNotMatch(md.value, /\]\(command:/);
    assert.doesNotMatch(md.value, /(^|[^\\])<img/);
    assert.doesNotMatch(md.value, /(^|[^\\])\*\*now/);
    assert.doesNotMatch(md.value, /https:\/\//);
  });
});

describe('editing', () => {
  it('re-analyses after typing, drawing only the current version, never a stale one', async () => {
    const editor = await open(seedUri());
    const doc = editor.document;
    // No pause: every keystroke schedules an analysis at once, so analyses are in flight while
    // the next edits land.
    await drawnAfter(doc, () => setting('debounce', 0));
    const versions: number[] = [];
    const sub = api.onDidDraw((e) => {
      if (e.uri === doc.uri.toString()) versions.push(e.version);
    });
    const before = api.stats();
    const stale: number[] = [];
    const check = api.onDidDraw((e) => {
      if (e.uri === doc.uri.toString() && e.version !== doc.version) stale.push(e.version);
    });
    try {
      for (const ch of ' :swen gnikaerB') {
        await editor.edit((b) => b.insert(new vscode.Position(0, 0), ch), { undoStopBefore: false, undoStopAfter: false });
      }
      await api.whenDrawn(doc);
    } finally {
      sub.dispose();
      check.dispose();
      await setting('debounce', undefined);
    }
    assert.ok(doc.getText().startsWith('Breaking news: Turkey says'), doc.getText().slice(0, 40));
    // Analyses were asked for while typing and the ones overtaken by newer text were dropped: the
    // analysis runs off the extension host's thread, so keystrokes land while one is in flight.
    const after = api.stats();
    assert.ok(after.analyses - before.analyses >= 2, `analyses were asked for while typing (${after.analyses - before.analyses})`);
    assert.ok(after.dropped > before.dropped, 'results for versions overtaken by typing were dropped');
    assert.ok(versions.length >= 1, 'the current version was drawn');
    assert.deepEqual(stale, [], 'no draw was for an older version');
    assert.equal(versions[versions.length - 1], doc.version);
    const lavrov = api.decorationsOf(editor).direct!.map((r) => doc.getText(r));
    assert.ok(lavrov.some((t) => t.startsWith("\"We welcome Ankara's desire")), 'quotes moved with the text');
    assert.deepEqual(api.analysisOf(doc), analyze(doc.getText()), 'the drawn analysis is the analysis of the edited text');
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 0, 'Breaking news: '.length)));
    await api.whenDrawn(doc);
    assert.ok(doc.getText().startsWith('Turkey says'));
  });

  it('an edit that removes a quote removes its decoration', async () => {
    const editor = await open(seedUri());
    const doc = editor.document;
    const quote = find(doc, "We welcome Ankara's desire");
    const line = doc.lineAt(quote.start.line);
    await editor.edit((b) => b.delete(line.rangeIncludingLineBreak));
    await api.whenDrawn(doc);
    const texts = textsOf(editor, 'direct');
    assert.ok(!texts.some((t) => t.includes('We welcome Ankara')), 'gone');
    await vscode.commands.executeCommand('undo');
    await api.whenDrawn(doc);
    assert.ok(textsOf(editor, 'direct').some((t) => t.includes('We welcome Ankara')), 'back after undo');
  });

  it('created its decoration types once, and added no listeners, over the whole suite', () => {
    const stats = api.stats();
    assert.equal(stats.decorationTypes, 16, '6 speaker colours, 7 categories and 3 review marks');
    assert.equal(stats.decorationTypes, atStart.decorationTypes);
    assert.equal(stats.listeners, atStart.listeners);
    assert.ok(stats.analyses > atStart.analyses + 10, 'the suite did use it');
  });
});
