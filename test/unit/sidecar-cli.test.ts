// `newslens annotate` with a corrections sidecar beside the article: applied by default (said in
// the terminal heading, unplaced corrections listed on stderr), left out with --no-corrections,
// and a malformed sidecar failing its article with a line naming it, the file untouched.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../src/core';
import { emptySidecar, makeAnchor, newCorrection, quoteAnchor, serializeSidecar, type Sidecar } from '../../src/core/corrections';
import { runAnnotate, type CliIo } from '../../src/cli/annotate';
import { assertValidAnalysis } from './contract';

const TEXT = [
  'Officials met in Riverton on Monday.',
  '"The road will open next week," said Ann Lee, the city engineer.',
  '"We have waited long enough," he said.',
].join('\n\n') + '\n';

async function annotate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (c) => (out += c), stderr: (c) => (err += c), isTTY: false, columns: 100, env: { NO_COLOR: '1' } };
  const code = await runAnnotate(args, io);
  return { code, out, err };
}

describe('annotate with a corrections sidecar beside the article', () => {
  let dir: string;
  let article: string;
  let sidecar: Sidecar;
  let speakerId: string;
  let goneId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-annotate-sidecar-'));
    article = join(dir, 'road.txt');
    writeFileSync(article, TEXT);
    const quote = analyze(TEXT).quotes.find((q) => TEXT.slice(q.content[0]!.start, q.content[0]!.end).includes('waited long enough'));
    assert.ok(quote, 'the analyzer finds the second quote');
    const speaker = newCorrection({ op: 'speaker', quote: quoteAnchor(TEXT, quote), speaker: { name: 'Mark Diaz', type: 'person' } }, new Date('2026-11-28T10:00:00Z'));
    const elsewhere = 'Residents said the bridge "is a disgrace" on Tuesday.';
    const gone = newCorrection({ op: 'confirm', quote: makeAnchor(elsewhere, 27, 40), speaker: null }, new Date('2026-11-28T10:00:01Z'));
    speakerId = speaker.id;
    goneId = gone.id;
    sidecar = { ...emptySidecar(), corrections: [speaker, gone] };
    writeFileSync(`${article}.newslens.json`, serializeSidecar(sidecar));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const speakerOf = (a: Analysis, words: string): string | null => {
    const q = a.quotes.find((x) => TEXT.slice(x.content[0]!.start, x.content[0]!.end).includes(words));
    assert.ok(q, `a quote with ${words}`);
    return a.entities.find((e) => e.id === q.speaker)?.name ?? null;
  };

  it('JSON is the corrected analysis, still newslens/1; the unplaced correction is listed on stderr', async () => {
    const r = await annotate(['--format', 'json', article]);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out) as Analysis;
    assertValidAnalysis(a, TEXT);
    assert.equal(a.file, article);
    assert.equal(speakerOf(a, 'waited long enough'), 'Mark Diaz');
    assert.equal(speakerOf(a, 'open next week'), 'Ann Lee');
    assert.equal(
      r.err,
      `newslens: ${article}: correction ${goneId} could not be placed in the current text (kept in ${article}.newslens.json): quote “is a disgrace” at 27 confirmed\n`,
    );
  });

  it('the terminal heading says how many corrections were applied and how many could not be placed', async () => {
    const r = await annotate(['--format', 'terminal', article]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], `== ${article} ==`);
    assert.equal(lines[2], `1 correction applied from ${article}.newslens.json, 1 could not be placed (listed on stderr)`);
    assert.match(r.out, /Mark Diaz/);
  });

  it('--no-corrections gives the analysis alone, and says nothing of the sidecar', async () => {
    const r = await annotate(['--no-corrections', '--format', 'json', article]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const raw = analyze(TEXT, { file: article });
    assert.deepEqual(JSON.parse(r.out), raw);
    assert.notEqual(speakerOf(raw, 'waited long enough'), 'Mark Diaz');
    const t = await annotate(['--no-corrections', '--format', 'terminal', article]);
    assert.doesNotMatch(t.out, /correction/);
  });

  it('an undone correction is not applied, and not counted', async () => {
    const undo = newCorrection({ op: 'undo', target: speakerId }, new Date('2026-11-28T10:00:02Z'));
    writeFileSync(`${article}.newslens.json`, serializeSidecar({ ...sidecar, corrections: [...sidecar.corrections, undo] }));
    const r = await annotate(['--format', 'terminal', article]);
    assert.equal(r.out.split('\n')[2], `0 corrections applied from ${article}.newslens.json, 1 could not be placed (listed on stderr)`);
    assert.doesNotMatch(r.out, /Mark Diaz/);
  });

  it('a malformed sidecar fails its article with one line naming it, leaves it as it was, and the other articles are written', async () => {
    const broken = '{"format": "newslens-corrections", "version": 1, "corrections": [\n';
    writeFileSync(`${article}.newslens.json`, broken);
    writeFileSync(join(dir, 'other.txt'), 'The mayor said the road would open soon.\n');
    const r = await annotate(['--format', 'jsonl', dir]);
    assert.equal(r.code, 1);
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 2, r.err);
    assert.equal(lines[1], 'newslens: 1 of 2 files could not be annotated; the others were written');
    assert.ok(lines[0]!.startsWith(`newslens: ${article}: ${article}.newslens.json: is not a valid NewsLens corrections file: not valid JSON`), lines[0]);
    assert.match(lines[0]!, /The file was left as it is.*\(--no-corrections annotates without it\)$/);
    assert.equal(readFileSync(`${article}.newslens.json`, 'utf8'), broken);
    assert.equal(r.out.trim().split('\n').length, 1, 'the other article is written');
    const ok = await annotate(['--no-corrections', '--format', 'jsonl', dir]);
    assert.equal(ok.code, 0, ok.err);
  });

  it('an unreadable sidecar (a folder named like one) fails that article only, naming it; the others are written, exit 1', async () => {
    const other = join(dir, 'zoo.txt');
    writeFileSync(other, TEXT);
    mkdirSync(`${other}.newslens.json`);
    const out = join(dir, 'out');
    const r = await annotate(['--format', 'json', '--out', out, article, other]);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.newslens\\.json: the corrections file cannot be read: it is a folder, not a file`));
    assert.doesNotMatch(r.err, /internal error/);
    assert.match(r.err, /1 of 2 files could not be annotated/);
    const written = JSON.parse(readFileSync(join(out, 'road.json'), 'utf8')) as Analysis;
    assert.equal(speakerOf(written, 'waited long enough'), 'Mark Diaz', 'the other article is written, corrected');
    assert.equal(existsSync(join(out, 'zoo.json')), false);
  });

  it('a confirm whose quote NewsLens now gives to someone else is listed as no longer applying, with why', async () => {
    const quote = analyze(TEXT).quotes.find((q) => TEXT.slice(q.content[0]!.start, q.content[0]!.end).includes('open next week'))!;
    const stale = newCorrection({ op: 'confirm', quote: quoteAnchor(TEXT, quote), speaker: { name: 'Bo Grant' } }, new Date('2026-11-28T10:00:02Z'));
    writeFileSync(`${article}.newslens.json`, serializeSidecar({ ...sidecar, corrections: [...sidecar.corrections, stale] }));
    const r = await annotate(['--format', 'json', article]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      new RegExp(`correction ${stale.id} no longer applies \\(confirmed as said by Bo Grant, but NewsLens now gives it to Ann Lee; review it again\\)`),
    );
  });
});
