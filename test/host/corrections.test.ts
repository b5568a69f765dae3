// Hand corrections in a real extension host: each correction command, driven with arguments (the
// quick picks are the user's way in; the browser test goes through one), and its undo, checked by
// what a user sees: the hover, the Sources and Entities items, the decorated ranges, the sidecar
// file beside the article. Works on its own copy of the seed article, removed afterwards.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { hoverText as hoverAt } from './hovers';
import { makeAnchor, newCorrection, serializeSidecar, type Correction } from '../../src/core/corrections';
import type { NewsLensApi } from '../../src/editor/extension';
import type { Node } from '../../src/editor/trees';

const ARTICLE = 'corrections-article.txt';
const SIDECAR = `${ARTICLE}.newslens.json`;

let api: NewsLensApi;
let folder: vscode.Uri;
let editor: vscode.TextEditor;
let doc: vscode.TextDocument;

const uriOf = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    // not there
  }
}

/** The sidecar's corrections as written on disk. */
async function sidecarLog(name = SIDECAR): Promise<Correction[]> {
  const text = await readText(uriOf(name));
  assert.ok(text, `${name} was written beside the article`);
  const json = JSON.parse(text) as { format: string; version: number; corrections: Correction[] };
  assert.equal(json.format, 'newslens-corrections');
  assert.equal(json.version, 1);
  return json.corrections;
}

/** The offset range of the first occurrence of `needle` in the document. */
function find(d: vscode.TextDocument, needle: string): vscode.Range {
  const at = d.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${d.uri.path}`);
  return new vscode.Range(d.positionAt(at), d.positionAt(at + needle.length));
}

function offsets(d: vscode.TextDocument, needle: string): { start: number; end: number } {
  const r = find(d, needle);
  return { start: d.offsetAt(r.start), end: d.offsetAt(r.end) };
}

function hoverText(d: vscode.TextDocument, needle: string): Promise<string> {
  return hoverAt(d, find(d, needle).start.translate(0, 2));
}

/** The ranges drawn in a slot that hold the first occurrence of `needle`. */
function drawnOn(slot: string, needle: string): vscode.Range[] {
  const range = find(doc, needle);
  return api.decorationsOf(editor)[slot]!.filter((r) => r.contains(range));
}

async function items(provider: vscode.TreeDataProvider<Node>, node?: Node): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const children = (await provider.getChildren(node)) ?? [];
  return Promise.all(children.map(async (n) => ({ node: n, item: await provider.getTreeItem(n) })));
}

async function sourceGroup(label: string): Promise<{ node: Node; item: vscode.TreeItem } | undefined> {
  return (await items(api.sources)).find((x) => String(x.item.label) === label);
}

/** The Sources items of a speaker's quotes: label and description. */
async function quotesUnder(label: string): Promise<{ label: string; description: string; icon: string }[]> {
  const group = await sourceGroup(label);
  if (!group) return [];
  return (await items(api.sources, group.node)).map(({ item }) => ({
    label: String(item.label),
    description: String(item.description ?? ''),
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
  }));
}

async function entityLabels(): Promise<string[]> {
  const out: string[] = [];
  for (const type of await items(api.entities)) for (const e of await items(api.entities, type.node)) out.push(String(e.item.label));
  return out;
}

/** Runs a correction command and waits until the article is drawn with it. */
async function run<T = Correction>(command: string, args: object): Promise<T> {
  return (await vscode.commands.executeCommand(command, { uri: doc.uri, ...args })) as T;
}

/** The id of the quote whose text starts with `words`. */
function quoteId(words: string): string {
  const analysis = api.analysisOf(doc);
  assert.ok(analysis, 'the article is analysed');
  const text = doc.getText();
  const q = analysis.quotes.find((x) => x.content.some((p) => text.slice(p.start, p.end).startsWith(words)));
  assert.ok(q, `a quote starts with ${words}`);
  return q.id;
}

async function until(what: string, test: () => Promise<boolean> | boolean, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hand corrections (sidecar beside the article)', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension('newslens.newslens');
    assert.ok(ext);
    api = (await ext.activate()) as NewsLensApi;
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    const seed = await readText(uriOf('000_8f484521c7ff1466.txt'));
    assert.ok(seed, 'the seed article is in the workspace');
    await remove(uriOf(SIDECAR));
    await writeText(uriOf(ARTICLE), seed);
    doc = await vscode.workspace.openTextDocument(uriOf(ARTICLE));
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenDrawn(doc);
    await api.correctionsReady(doc);
    // The Sources view shows the active article.
    await until('the Sources view shows the article', async () => (await sourceGroup('Sergei Lavrov')) !== undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('newslens.sources.showAllQuotes');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of [ARTICLE, SIDECAR, 'broken.txt', 'broken.txt.newslens.json', 'newer.txt', 'newer.txt.newslens.json']) await remove(uriOf(name));
  });

  it('without a sidecar, shows the analysis as it is and writes nothing', async () => {
    assert.equal(await readText(uriOf(SIDECAR)), undefined);
    const hover = await hoverText(doc, 'fulfill their obligations');
    assert.match(hover, /\*\*Said by\*\* Sergei Lavrov/);
    assert.doesNotMatch(hover, /Reviewed|by hand|Not reviewed/);
  });

  it('changes a quote’s speaker, and undoes it', async () => {
    const lavrovBefore = await quotesUnder('Sergei Lavrov');
    const cavusogluBefore = await quotesUnder('Mevlut Cavusoglu');
    assert.ok(lavrovBefore.some((q) => q.label.startsWith('"We welcome Ankara')), 'Lavrov’s quote is under him at first');

    const made = await run('newslens.correct.speaker', { quoteId: quoteId('"We welcome Ankara'), speaker: 'Mevlut Cavusoglu' });
    assert.equal(made.op, 'speaker');

    // The hover names the new speaker and says it was corrected.
    const hover = await hoverText(doc, 'fulfill their obligations');
    assert.match(hover, /\*\*Said by\*\* Mevlut Cavusoglu, Turkish Foreign Minister/);
    assert.match(hover, /\*\*Corrected by hand\*\*/);
    // The Sources view moved the quote from one speaker to the other, marked as corrected.
    const lavrov = await quotesUnder('Sergei Lavrov');
    const cavusoglu = await quotesUnder('Mevlut Cavusoglu');
    assert.equal(lavrov.length, lavrovBefore.length - 1);
    assert.equal(cavusoglu.length, cavusogluBefore.length + 1);
    const moved = cavusoglu.find((q) => q.label.startsWith('"We welcome Ankara'));
    assert.ok(moved, 'the quote is under Cavusoglu');
    assert.match(moved.description, /corrected by hand/);
    assert.equal(moved.icon, 'edit');
    // The decoration marks it as corrected; the speaker colour follows the new speaker: the quote's
    // source words are drawn in the colour of Cavusoglu's own name, not only in Lavrov's.
    assert.equal(drawnOn('review.corrected', 'fulfill their obligations').length, 1);
    const slotOf = (range: vscode.Range): string[] =>
      Object.entries(api.decorationsOf(editor))
        .filter(([slot, ranges]) => slot.startsWith('speaker') && ranges.some((r) => r.contains(range)))
        .map(([slot]) => slot);
    const cavusogluSlot = slotOf(find(doc, 'Cavusoglu also referred').with({ end: find(doc, 'Cavusoglu also referred').start.translate(0, 9) }));
    assert.equal(cavusogluSlot.length, 1, 'Cavusoglu has one colour');
    const corrected = api.analysisOf(doc)!.quotes.find((q) => doc.getText().slice(q.content[0]!.start, q.content[0]!.end).startsWith('"We welcome Ankara'))!;
    assert.ok(corrected.source, 'the quote has source words');
    const sourceRange = new vscode.Range(doc.positionAt(corrected.source.start), doc.positionAt(corrected.source.end));
    assert.ok(slotOf(sourceRange).includes(cavusogluSlot[0]!), `the source words are in Cavusoglu's colour (${slotOf(sourceRange).join(', ')})`);
    // The write was atomic and complete: the sidecar parses, and no temporary file is left beside it.
    const leftovers = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).filter((n) => n.startsWith(SIDECAR) && n.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
    // The sidecar holds exactly that correction, anchored by the quote's text.
    const log = await sidecarLog();
    assert.equal(log.length, 1);
    const c = log[0]!;
    assert.ok(c.op === 'speaker');
    assert.deepEqual(c.speaker, { name: 'Mevlut Cavusoglu', type: 'person' });
    assert.ok(c.quote.text.startsWith('"We welcome Ankara'), c.quote.text);
    assert.ok(c.quote.text.endsWith('obligations,"'), c.quote.text);

    await run('newslens.correct.undo', {});
    const after = await hoverText(doc, 'fulfill their obligations');
    assert.match(after, /\*\*Said by\*\* Sergei Lavrov/);
    assert.match(after, /\*\*Not reviewed yet\*\*/);
    assert.ok(!slotOf(sourceRange).includes(cavusogluSlot[0]!), 'back in Lavrov’s colour only');
    assert.deepEqual(await quotesUnder('Sergei Lavrov'), lavrovBefore);
    assert.equal(drawnOn('review.corrected', 'fulfill their obligations').length, 0);
    const undone = await sidecarLog();
    assert.equal(undone.length, 2, 'undo is appended, nothing is erased');
    assert.deepEqual(undone[1], { ...undone[1], op: 'undo', target: c.id });
  });

  it('confirms a quote; the Sources view can show only the unreviewed; undo', async () => {
    const made = await run('newslens.correct.confirm', { quoteId: quoteId('"We greatly value') });
    assert.match(await hoverText(doc, 'We greatly value'), /\*\*Reviewed: confirmed\*\*/);
    assert.equal(drawnOn('review.confirmed', 'We greatly value').length, 1);
    const confirmed = (await quotesUnder('Sergei Lavrov')).find((q) => q.label.startsWith('"We greatly value'));
    assert.ok(confirmed);
    assert.equal(confirmed.icon, 'pass');
    assert.match(confirmed.description, /reviewed: confirmed/);

    const all = await quotesUnder('Sergei Lavrov');
    await vscode.commands.executeCommand('newslens.sources.showUnreviewed');
    const unreviewed = await quotesUnder('Sergei Lavrov');
    assert.equal(unreviewed.length, all.length - 1);
    assert.ok(!unreviewed.some((q) => q.label.startsWith('"We greatly value')), 'the confirmed quote is filtered out');
    await vscode.commands.executeCommand('newslens.sources.showAllQuotes');
    assert.equal((await quotesUnder('Sergei Lavrov')).length, all.length);

    await run('newslens.correct.undo', { target: made.id });
    assert.match(await hoverText(doc, 'We greatly value'), /\*\*Not reviewed yet\*\*/);
    assert.equal(drawnOn('review.confirmed', 'We greatly value').length, 0);
  });

  it('removes a false quote, and undoes it', async () => {
    const words = '"We have legitimate reasons to be there,"';
    assert.equal(drawnOn('direct', words).length, 1, 'drawn as a direct quote at first');
    await run('newslens.correct.remove', { quoteId: quoteId(words) });
    assert.equal(drawnOn('direct', words).length, 0, 'no longer drawn as a quote');
    assert.ok(!(await quotesUnder('Mevlut Cavusoglu')).some((q) => q.label.startsWith(words.slice(0, 20))));
    assert.doesNotMatch(await hoverText(doc, 'legitimate reasons'), /Direct quote/);
    await run('newslens.correct.undo', {});
    assert.equal(drawnOn('direct', words).length, 1);
    assert.ok((await quotesUnder('Mevlut Cavusoglu')).some((q) => q.label.startsWith(words.slice(0, 20))));
  });

  it('marks a selection as reported speech with a speaker and cue, and undoes it', async () => {
    const words = 'This year they met in person three times';
    const sentence = `${words}, took part in a videoconference in the Astana format and conducted nearly two dozen phone conversations`;
    assert.equal(drawnOn('indirect', words).length, 0, 'NewsLens did not find it');
    const span = offsets(doc, sentence);
    await run('newslens.correct.addQuote', { ...span, kind: 'indirect', speaker: 'Sergei Lavrov', cue: 'stressed' });
    // Drawn as reported speech and marked as added; the hover says so, with the cue nearest it.
    assert.equal(drawnOn('indirect', words).length, 1);
    assert.equal(drawnOn('review.added', words).length, 1);
    const hover = await hoverText(doc, words);
    assert.match(hover, /\*\*Reported speech\*\*/);
    assert.match(hover, /\*\*Added by hand\*\*/);
    assert.match(hover, /\*\*Said by\*\* Sergei Lavrov/);
    assert.match(hover, /\*\*Cue\*\* “stressed”/);
    const added = (await quotesUnder('Sergei Lavrov')).find((q) => q.label.startsWith(words));
    assert.ok(added, 'under Lavrov in the Sources view');
    assert.match(added.description, /added by hand/);
    const c = (await sidecarLog()).at(-1)!;
    assert.ok(c.op === 'add');
    assert.equal(c.content[0]!.text, sentence);
    // The cue is the "stressed" of "Lavrov stressed that…", the occurrence nearest the quote.
    const stressed = doc.getText().lastIndexOf('stressed', span.start);
    assert.equal(c.cue?.start, stressed);

    await run('newslens.correct.undo', {});
    assert.equal(drawnOn('indirect', words).length, 0);
    assert.ok(!(await quotesUnder('Sergei Lavrov')).some((q) => q.label.startsWith(words)));
  });

  it('marks a span as a credit line, and undoes it', async () => {
    const line = 'Related articles';
    const before = (await items(api.credits)).length;
    await run('newslens.correct.credit', { ...offsets(doc, line), kind: 'wire' });
    assert.equal(drawnOn('credit', line).length, 1);
    const credits = await items(api.credits);
    assert.equal(credits.length, before + 1);
    assert.ok(credits.some(({ item }) => String(item.label) === 'Wire credit'), credits.map((c) => String(c.item.label)).join(', '));
    await run('newslens.correct.undo', {});
    assert.equal(drawnOn('credit', line).length, 0);
    assert.equal((await items(api.credits)).length, before);
  });

  it('renames an entity, and undoes it', async () => {
    await run('newslens.correct.renameEntity', { entity: 'Sergei Lavrov', name: 'Sergey Lavrov' });
    assert.match(await hoverText(doc, 'fulfill their obligations'), /\*\*Said by\*\* Sergey Lavrov/);
    assert.ok(await sourceGroup('Sergey Lavrov'), 'the Sources view uses the new name');
    assert.ok((await entityLabels()).includes('Sergey Lavrov'));
    await run('newslens.correct.undo', {});
    assert.ok(await sourceGroup('Sergei Lavrov'));
    assert.ok(!(await entityLabels()).includes('Sergey Lavrov'));
  });

  it('merges two entities, splits them again, and undoes the merge', async () => {
    const before = await entityLabels();
    assert.ok(before.includes('European Union') && before.includes('EU'));
    const merge = await run('newslens.correct.mergeEntities', { entities: ['European Union', 'EU'] });
    let labels = await entityLabels();
    assert.equal(labels.length, before.length - 1, labels.join(', '));
    assert.equal(labels.filter((l) => l === 'European Union' || l === 'EU').length, 1);

    await run('newslens.correct.splitEntities', { entities: ['European Union', 'EU'] });
    labels = await entityLabels();
    assert.deepEqual([...labels].sort(), [...before].sort());

    await run('newslens.correct.undo', {}); // the split
    assert.equal((await entityLabels()).length, before.length - 1);
    await run('newslens.correct.undo', { target: merge.id });
    assert.deepEqual([...(await entityLabels())].sort(), [...before].sort());
  });

  it('works on the Sources item it is run from', async () => {
    const lavrov = await sourceGroup('Sergei Lavrov');
    assert.ok(lavrov);
    const quote = (await items(api.sources, lavrov.node)).find(({ item }) => String(item.label).startsWith('"We greatly value'));
    assert.ok(quote);
    assert.equal(quote.item.contextValue, 'quote', 'the item carries the quote menu');
    const confirm = await vscode.commands.executeCommand<Correction>('newslens.correct.confirm', quote.node);
    assert.match(await hoverText(doc, 'We greatly value'), /\*\*Reviewed: confirmed\*\*/);
    assert.equal(confirm.op, 'confirm');
    // The Sources item now shows it, and offers no second confirmation in the lightbulb.
    const after = (await quotesUnder('Sergei Lavrov')).find((q) => q.label.startsWith('"We greatly value'));
    assert.equal(after?.icon, 'pass');
    const lightbulb = async (): Promise<string[]> =>
      (
        await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(find(doc, 'We greatly value').start, find(doc, 'We greatly value').start))
      ).map((a) => a.title);
    const offered = await lightbulb();
    assert.ok(offered.includes('NewsLens: Remove False Quote'), `the lightbulb is there for the quote: ${offered.join(' | ')}`);
    assert.ok(!offered.includes('NewsLens: Confirm Quote as Correct'), `no second confirmation: ${offered.join(' | ')}`);
    await run('newslens.correct.undo', { target: confirm.id });
    assert.match(await hoverText(doc, 'We greatly value'), /\*\*Not reviewed yet\*\*/);
    assert.ok((await lightbulb()).includes('NewsLens: Confirm Quote as Correct'), 'unreviewed again: confirmation offered again');
  });

  it('offers the corrections as code actions at a quote and on a selection', async () => {
    const at = find(doc, 'fulfill their obligations');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at.start, at.start));
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('NewsLens: Change Speaker (now Sergei Lavrov)…'), titles.join(' | '));
    assert.ok(titles.includes('NewsLens: Confirm Quote as Correct'));
    assert.ok(titles.includes('NewsLens: Remove False Quote'));
    const selection = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, find(doc, 'This year they met'));
    assert.ok(selection.some((a) => a.title === 'NewsLens: Mark Selection as Quote…'));
    assert.ok(selection.some((a) => a.title === 'NewsLens: Mark Selection as Credit Line…'));
  });

  it('applies a correction another window wrote to the sidecar, and keeps it when writing', async () => {
    const log = await sidecarLog();
    const text = doc.getText();
    const { start, end } = offsets(doc, '"This statistic alone shows what a rich agenda fills our relations,"');
    const other = newCorrection({ op: 'speaker', quote: makeAnchor(text, start, end), speaker: { name: 'Vladimir Putin', type: 'person' } });
    await writeText(uriOf(SIDECAR), serializeSidecar({ format: 'newslens-corrections', version: 1, corrections: [...log, other] }));
    await until('the other window’s correction is applied', async () => /Said by\*\* Vladimir Putin/.test(await hoverText(doc, 'This statistic alone')));
    // A correction made here now is merged with it: both stay in the file.
    const mine = await run('newslens.correct.confirm', { quoteId: quoteId('"We greatly value') });
    const ids = (await sidecarLog()).map((c) => c.id);
    assert.ok(ids.includes(other.id) && ids.includes(mine.id));
    await run('newslens.correct.undo', {});
    await run('newslens.correct.undo', { target: other.id });
    assert.match(await hoverText(doc, 'This statistic alone'), /Said by\*\* Sergei Lavrov/);
  });

  it('Undo Last Correction undoes this window’s last correction, not a newer one another window made', async () => {
    const mine = await run('newslens.correct.confirm', { quoteId: quoteId('"We greatly value') });
    const log = await sidecarLog();
    const text = doc.getText();
    const { start, end } = offsets(doc, '"This statistic alone shows what a rich agenda fills our relations,"');
    // Made a minute later, elsewhere: the newest correction in the file.
    const other = newCorrection({ op: 'speaker', quote: makeAnchor(text, start, end), speaker: { name: 'Vladimir Putin', type: 'person' } }, new Date(Date.now() + 60_000));
    await writeText(uriOf(SIDECAR), serializeSidecar({ format: 'newslens-corrections', version: 1, corrections: [...log, other] }));
    await until('the other window’s correction is applied', async () => /Said by\*\* Vladimir Putin/.test(await hoverText(doc, 'This statistic alone')));
    await run('newslens.correct.undo', {});
    const undos = (await sidecarLog()).filter((c) => c.op === 'undo').map((c) => (c.op === 'undo' ? c.target : ''));
    assert.equal(undos[undos.length - 1], mine.id, 'our confirm was undone');
    assert.match(await hoverText(doc, 'We greatly value'), /\*\*Not reviewed yet\*\*/);
    assert.match(await hoverText(doc, 'This statistic alone'), /Said by\*\* Vladimir Putin/, 'the other window’s correction stays');
    await run('newslens.correct.undo', { target: other.id });
  });

  it('keeps a correction on its quote while the article is edited above it', async () => {
    const made = await run('newslens.correct.speaker', { quoteId: quoteId('"We welcome Ankara'), speaker: 'Mevlut Cavusoglu' });
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'UPDATED with a new first paragraph.\n\n')));
    await api.whenDrawn(doc);
    const hover = await hoverText(doc, 'fulfill their obligations');
    assert.match(hover, /\*\*Said by\*\* Mevlut Cavusoglu/);
    assert.match(hover, /\*\*Corrected by hand\*\*/);
    assert.equal(drawnOn('review.corrected', 'fulfill their obligations').length, 1, 'the mark moved with the quote');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await api.whenDrawn(doc);
    assert.ok(!doc.isDirty);
    await run('newslens.correct.undo', { target: made.id });
    assert.match(await hoverText(doc, 'fulfill their obligations'), /\*\*Said by\*\* Sergei Lavrov/);
  });

  it('lists a correction that cannot be placed, and warns once', async () => {
    const log = await sidecarLog();
    const lost = newCorrection({
      op: 'confirm',
      quote: { start: 10, end: 37, text: 'Words no longer in the text', before: 'Some context ', after: ' gone away.' },
      speaker: null,
    });
    await writeText(uriOf(SIDECAR), serializeSidecar({ format: 'newslens-corrections', version: 1, corrections: [...log, lost] }));
    await until('the Sources view lists it', async () => (await items(api.sources)).some(({ item }) => String(item.label) === 'Could not be placed'));
    const folderNode = (await items(api.sources)).find(({ item }) => String(item.label) === 'Could not be placed')!;
    const children = await items(api.sources, folderNode.node);
    assert.equal(children.length, 1);
    assert.equal(String(children[0]!.item.label), 'Words no longer in the text');
    assert.equal(String(children[0]!.item.description), 'confirmed as correct');
    const warnings = api.notices().filter((n) => /1 correction in .*corrections-article\.txt\.newslens\.json could not be placed/.test(n));
    assert.equal(warnings.length, 1, api.notices().join('\n'));
    // Kept in the file, never dropped; undoing it empties the list.
    assert.ok((await sidecarLog()).some((c) => c.id === lost.id));
    await run('newslens.correct.undo', { target: lost.id });
    assert.ok(!(await items(api.sources)).some(({ item }) => String(item.label) === 'Could not be placed'));
  });

  for (const [name, content, reason] of [
    ['broken.txt', '{ "format": "newslens-corrections", "version": 1, "corrections": [ ', /is not valid/],
    ['newer.txt', '{"format":"newslens-corrections","version":99,"corrections":[{"op":"future"}]}\n', /was written by a newer version of NewsLens/],
  ] as const) {
    it(`a ${name === 'broken.txt' ? 'malformed' : 'newer-version'} sidecar: says so naming the file, applies nothing, never writes it`, async () => {
      const seed = doc.getText();
      const sidecar = uriOf(`${name}.newslens.json`);
      await writeText(sidecar, content);
      await writeText(uriOf(name), seed);
      const other = await vscode.workspace.openTextDocument(uriOf(name));
      await vscode.window.showTextDocument(other, { preview: false });
      await api.whenDrawn(other);
      await api.correctionsReady(other);
      const message = api.notices().find((n) => n.includes(`${name}.newslens.json`));
      assert.ok(message, api.notices().join('\n'));
      assert.match(message, reason);
      assert.match(message, /stays as it is/);
      // The analysis is shown uncorrected.
      assert.match(await hoverText(other, 'fulfill their obligations'), /\*\*Said by\*\* Sergei Lavrov/);
      // A correction is refused: the file keeps its bytes.
      const before = api.notices().length;
      const analysis = api.analysisOf(other)!;
      const q = analysis.quotes[0]!;
      const result = await vscode.commands.executeCommand('newslens.correct.confirm', { uri: other.uri, quoteId: q.id });
      assert.equal(result, undefined);
      assert.equal(await readText(sidecar), content);
      assert.ok(api.notices().slice(before).some((n) => n.includes(`${name}.newslens.json`)), 'told again why nothing was saved');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.window.showTextDocument(doc, { preview: false });
    });
  }
});
