// Runs inside a real extension host: a human annotation (brat .ann) beside an article, drawn in the
// editor and compared with NewsLens's quotes. A hand-made article and .ann (written into the test
// workspace here, offsets worked out by hand) always run; a PolNeAR article is copied at run time
// from ../shared/corpus into the test workspace (never into the repository), skipped where absent.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { hoverText as hoverAt } from './hovers';
import { evaluate } from '../../src/cli/eval';
import type { NewsLensApi } from '../../src/editor/extension';
import type { HumanSlot } from '../../src/editor/human';

let api: NewsLensApi;
let folder: vscode.Uri;

async function write(path: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder, ...path.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('newslens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Polls until `ok()` holds (the layer draws after the analysis, asynchronously), or fails saying what. */
async function until(what: string, ok: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The drawn ranges of a slot, as [start, end] offsets. */
function offsets(editor: vscode.TextEditor, slot: HumanSlot): [number, number][] {
  return api.human.rangesOf(editor)[slot].map((r) => [editor.document.offsetAt(r.start), editor.document.offsetAt(r.end)]);
}

function hoverText(doc: vscode.TextDocument, offset: number): Promise<string> {
  return hoverAt(doc, doc.positionAt(offset));
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenDrawn(doc);
  await api.human.settled(doc);
  return editor;
}

/** The summary the compare command opened for an article (a read-only newslens: document). */
function summaryOf(name: string): string {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'newslens' && d.uri.path === `/${name} against human.md`);
  assert.ok(doc, `the summary of ${name} is open (open: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')})`);
  return doc.getText();
}

before(async function () {
  const ext = vscode.extensions.getExtension('newslens.newslens');
  assert.ok(ext, 'the NewsLens extension is loaded');
  api = (await ext.activate()) as NewsLensApi;
  folder = vscode.workspace.workspaceFolders![0]!.uri;
});

// Offsets by hand (UTF-16 code units):
//   "The mayor" 36-45, "said" 46-50, "the budget would pass after a long debate in the chamber" 51-107
//   '"We are ready,"' 109-124, "Jones" 125-130, "told" 131-135
//   "Critics" 158-165, "fear" 166-170, "taxes will rise for most families next year" 176-219
//   (NewsLens's content starts at "that", 171), "A spokesman" 221-232, "the vote is next week" 241-262 (NewsLens only)
//   "In the view of" 265-279, "the treasurer" 280-293, "the reserves are large ... bad year" 295-344
const COUNCIL =
  'Council budget vote set for Monday\n\n' +
  'The mayor said the budget would pass after a long debate in the chamber. "We are ready," Jones told reporters on Friday.\n\n' +
  'Critics fear that taxes will rise for most families next year. A spokesman claimed the vote is next week.\n\n' +
  'In the view of the treasurer, the reserves are large enough to cover a bad year.\n';

// Four attributions; NewsLens finds the first three and misses the treasurer's (E4), and finds the
// spokesman's, which the human left out. Line 17 is malformed.
const COUNCIL_ANN = [
  'T1\tSource 36 45\tThe mayor',
  'T2\tCue 46 50\tsaid',
  'T3\tContent 51 107\tthe budget would pass after a long debate in the chamber',
  'T4\tAttribution 46 50\tsaid',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
  'T5\tContent 109 124\t"We are ready,"',
  'T6\tSource 125 130\tJones',
  'T7\tCue 131 135\ttold',
  'T8\tAttribution 131 135\ttold',
  'E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7',
  'T9\tSource 158 165\tCritics',
  'T10\tCue 166 170\tfear',
  'T11\tContent 176 219\ttaxes will rise for most families next year',
  'T12\tAttribution 166 170\tfear',
  'E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11',
  'T13\tSource 280 293\tthe treasurer',
  'T14\tSource 12 x\tbroken',
  'T15\tCue 265 279\tIn the view of',
  'T16\tContent 295 344\tthe reserves are large enough to cover a bad year',
  'T17\tAttribution 265 279\tIn the view of',
  'E4\tAttribution:T17 Source:T13 Cue:T15 Content:T16',
  '',
].join('\n');

describe('a human annotation beside a hand-made article (human-test/council.txt + council.ann)', () => {
  let editor: vscode.TextEditor;
  let doc: vscode.TextDocument;

  before(async () => {
    await write('human-test/council.ann', COUNCIL_ANN);
    const txt = await write('human-test/council.txt', COUNCIL);
    await setting('human.show', 'annotation');
    editor = await open(txt);
    doc = editor.document;
  });

  after(async () => {
    await setting('human.show', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens with the human annotation drawn (newslens.human.show = annotation): contents, cues and sources apart', async () => {
    await until('the human annotation is drawn', () => api.human.rangesOf(editor).humanContent.length > 0);
    assert.equal(api.human.modeOf(doc), 'annotation');
    assert.deepEqual(offsets(editor, 'humanContent'), [[51, 107], [109, 124], [176, 219], [295, 344]]);
    assert.deepEqual(offsets(editor, 'humanCue'), [[46, 50], [131, 135], [166, 170], [265, 279]]);
    assert.deepEqual(offsets(editor, 'humanSource'), [[36, 45], [125, 130], [158, 165], [280, 293]]);
    assert.deepEqual(offsets(editor, 'agreement'), [], 'no comparison drawn yet');
  });

  it('reports the malformed line with its file and line number, and skips it', () => {
    const notice = api.notices().find((n) => n.includes('council.ann'));
    assert.ok(notice, api.notices().join('\n'));
    assert.match(notice, /skipped 1 unreadable line of human-test\/council\.ann: human-test\/council\.ann:17: unreadable offsets "12 x"/);
  });

  it('hovers a human source with its role and its attribution', async () => {
    const text = await hoverText(doc, 127);
    assert.match(text, /\*\*Human annotation\*\* \(human-test\/council\.ann\), the source of/);
    assert.match(text, /`E2` · source “Jones” \(125–130\) · cue “told”/);
  });

  it('compares: agreements, the miss and the extra each in their own decoration', async () => {
    await vscode.commands.executeCommand('newslens.compareWithHuman');
    assert.equal(api.human.modeOf(doc), 'compare');
    assert.deepEqual(offsets(editor, 'humanContent'), [], 'the human annotation alone gives way to the comparison');
    // NewsLens's spans for agreements and extras, the human's for misses.
    assert.deepEqual(offsets(editor, 'agreement'), [[51, 107], [109, 124], [171, 219]]);
    assert.deepEqual(offsets(editor, 'miss'), [[295, 344]]);
    assert.deepEqual(offsets(editor, 'extra'), [[241, 262]]);
  });

  it('says in the hover which it is and shows the other side', async () => {
    const miss = await hoverText(doc, 300);
    assert.match(miss, /\*\*Miss\*\* \(human only\)/);
    assert.match(miss, /\*\*Human\*\* `E4` · source “the treasurer” \(280–293\) · cue “In the view of”/);
    assert.match(miss, /No NewsLens quote overlaps it\./);
    const extra = await hoverText(doc, 245);
    assert.match(extra, /\*\*Extra\*\* \(NewsLens only\)/);
    assert.match(extra, /\*\*NewsLens\*\* `q\d+` · source “A spokesman” \(221–232\) · cue “claimed”/);
    const agreement = await hoverText(doc, 180);
    assert.match(agreement, /\*\*Agreement\*\*/);
    assert.match(agreement, /\*\*Human\*\* `E3` · source “Critics” \(158–165\) · cue “fear” · content 176–219/);
    assert.match(agreement, /\*\*NewsLens\*\* `q\d+` · source “Critics” \(158–165\) · cue “fear” · content 171–219/);
    assert.match(agreement, /\*\*Source\*\* agrees · \*\*cue\*\* agrees/);
  });

  it('opens a summary with the scores eval gives, worked out by hand', () => {
    // human 4, NewsLens 4, matched 3: P = R = F1 = 75; quoted 1/1/1: 100; unquoted 3/3/2: 66.7;
    // sources and cues agree on all 3 matched pairs.
    const md = summaryOf('council');
    assert.ok(md.includes('| all | 4 | 4 | 3 | 75.0 | 75.0 | 75.0 |'), md);
    assert.ok(md.includes('| quoted | 1 | 1 | 1 | 100.0 | 100.0 | 100.0 |'), md);
    assert.ok(md.includes('| unquoted | 3 | 3 | 2 | 66.7 | 66.7 | 66.7 |'), md);
    assert.ok(md.includes('Source agrees on matched pairs: 100.0% (3 of 3)'), md);
    assert.ok(md.includes('Cue agrees on matched pairs: 100.0% (3 of 3)'), md);
    assert.ok(md.includes('Human annotation: human-test/council.ann (1 unreadable line skipped).'), md);
  });

  it('hides the layer, and says where it looked when an article has no annotation', async () => {
    await vscode.commands.executeCommand('newslens.hideHuman');
    assert.deepEqual(offsets(editor, 'agreement'), []);
    assert.deepEqual(offsets(editor, 'miss'), []);
    const lone = await open(await write('human-test/lone.txt', COUNCIL));
    await vscode.commands.executeCommand('newslens.showHuman');
    assert.deepEqual(offsets(lone, 'humanContent'), []);
    assert.ok(api.notices().some((n) => n.includes('no human annotation found for lone.txt (looked for human-test/lone.ann)')), api.notices().join('\n'));
  });
});

// ───────────── a PolNeAR article ─────────────

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(join(d, 'package.json'))) d = resolve(d, '..');
  return d;
}

const DEV = resolve(findRoot(__dirname), '..', 'shared', 'corpus', 'polnear', 'dev');

describe('a PolNeAR dev article with its human annotation (copied into the test workspace at run time)', () => {
  let name = '';
  let annFiles: string[] = [];
  let editor: vscode.TextEditor;

  before(async function () {
    if (!existsSync(join(DEV, 'text'))) {
      console.log(`      skipped: the corpus is absent (${DEV})`);
      this.skip();
    }
    name = readdirSync(join(DEV, 'text')).filter((f) => f.endsWith('.txt')).sort()[0]!.slice(0, -4);
    annFiles = readdirSync(join(DEV, 'attributions')).filter((f) => f.startsWith(`${name}_`)).sort();
    for (const f of annFiles) await write(`polnear/dev/attributions/${f}`, readFileSync(join(DEV, 'attributions', f), 'utf8'));
    await setting('human.show', 'annotation');
    editor = await open(await write(`polnear/dev/text/${name}.txt`, readFileSync(join(DEV, 'text', `${name}.txt`), 'utf8')));
  });

  after(async () => {
    await setting('human.show', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds attributions/NAME_<annotator>.ann beside text/ and draws every Content record on open', async () => {
    await until('the human annotation is drawn', () => api.human.rangesOf(editor).humanContent.length > 0);
    // The Content records of the first annotator's file, read here with a regular expression.
    const ann = readFileSync(join(DEV, 'attributions', annFiles[0]!), 'utf8');
    const contents = [...ann.matchAll(/^T\d+\tContent ([\d ;]+)\t/gm)].flatMap((m) => m[1]!.split(';').map((p) => p.split(' ').map(Number) as [number, number]));
    const drawn = new Set(offsets(editor, 'humanContent').map(([s, e]) => `${s} ${e}`));
    for (const [s, e] of contents) assert.ok(drawn.has(`${s} ${e}`), `Content ${s}-${e} is drawn`);
    assert.ok(contents.length > 3, `${contents.length} content pieces`);
  });

  it('compares with the same figures as eval on that article', async function () {
    await vscode.commands.executeCommand('newslens.compareWithHuman');
    const dir = mkdtempSync(join(tmpdir(), 'newslens-human-host-'));
    let report: ReturnType<typeof evaluate>;
    try {
      mkdirSync(join(dir, 'text'));
      mkdirSync(join(dir, 'attributions'));
      writeFileSync(join(dir, 'text', `${name}.txt`), readFileSync(join(DEV, 'text', `${name}.txt`)));
      for (const f of annFiles) writeFileSync(join(dir, 'attributions', f), readFileSync(join(DEV, 'attributions', f)));
      report = evaluate(dir, { warmup: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const md = summaryOf(name);
    const one = (n: number | null): string => (n === null ? '—' : n.toFixed(1));
    for (const k of ['all', 'quoted', 'unquoted'] as const) {
      const p = report.newslens[k];
      const row = `| ${k} | ${p.gold} | ${p.system} | ${p.matched} | ${one(p.precision)} | ${one(p.recall)} | ${one(p.f1)} |`;
      assert.ok(md.includes(row), `${row}\n${md.slice(0, 800)}`);
    }
    const s = report.newslens.source;
    assert.ok(md.includes(`Source agrees on matched pairs: ${one(s.rate)}% (${s.agree} of ${s.total})`), md.slice(0, 800));
    const drawn = offsets(editor, 'agreement').length;
    assert.ok(drawn >= report.newslens.all.matched, `${drawn} agreement pieces for ${report.newslens.all.matched} matched pairs`);
    assert.ok(offsets(editor, 'miss').length >= report.newslens.all.gold - report.newslens.all.matched);
    assert.ok(offsets(editor, 'extra').length >= report.newslens.all.system - report.newslens.all.matched);
    // Hovering the first agreement says so.
    const [first] = offsets(editor, 'agreement');
    if (first) assert.match(await hoverText(editor.document, first[0]), /\*\*Agreement\*\*/);
  });
});
