// Reusing the last analysis while typing (src/core/reuse.ts): after an edit that cannot change
// who said what, IncrementalAnalyzer.update moves the last version's entities and speakers instead
// of finding them again, and tags only the sentences the edit changed (tokens.ts: retokenize).
// Each case says whether the last analysis may be reused (UpdateStats.reused) and checks the
// result against a fresh analyze() byte for byte; the expected speakers and titles are worked out
// by hand from the rules in entities.ts. Sentences are made up (invented people). The claim
// retokenize rests on (compromise tags a sentence alone as it does in its paragraph) is checked on
// every sentence of PolNeAR's dev articles (read from ../shared/corpus; skipped when absent).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, IncrementalAnalyzer, type Analysis } from '../../src/core';
import { retokenize, tokenizeParagraphs, type ParagraphTokens } from '../../src/core/tokens';
import { para } from './helpers';

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(join(d, 'package.json'))) d = resolve(d, '..');
  return d;
}

const CORPUS = resolve(findRoot(__dirname), '..', 'shared', 'corpus', 'polnear', 'dev', 'text');

/** Inserts `s` at `pos`. */
const insert = (text: string, pos: number, s: string): string => text.slice(0, pos) + s + text.slice(pos);

/** One update: the analysis, whether it was reused, and a check that it is exactly a fresh one. */
function step(inc: IncrementalAnalyzer, text: string): { a: Analysis; reused: boolean } {
  const a = inc.update(text);
  assert.equal(JSON.stringify(a), JSON.stringify(analyze(text)), `the update differs from a fresh analysis:\n${text}`);
  return { a, reused: inc.stats.reused };
}

const speakerName = (a: Analysis, q: number): string | null => {
  const id = a.quotes[q]!.speaker;
  return id === null ? null : a.entities.find((e) => e.id === id)!.name;
};

describe('reusing the last analysis after an edit (reuse.ts)', () => {
  const story = para(
    'Jonas Berg, the transport minister, visited the port on Monday.',
    '“The night ferry will run all winter,” he said.',
    'Ilse Marr, who chairs the harbour board, said fares would not rise.',
  );

  it('moves the entities and speakers when a word inside a quote is typed into', () => {
    const inc = new IncrementalAnalyzer();
    const first = step(inc, story).a;
    const at = story.indexOf('ferry');
    const { a, reused } = step(inc, insert(story, at, 'x'));
    assert.equal(reused, true);
    // The same speakers; every mention after the edit one character later, those before it where they were.
    assert.deepEqual(a.quotes.map((_, k) => speakerName(a, k)), ['Jonas Berg', 'Ilse Marr']);
    assert.deepEqual(a.quotes.map((_, k) => speakerName(first, k)), ['Jonas Berg', 'Ilse Marr']);
    const berg = (x: Analysis) => x.entities.find((e) => e.name === 'Jonas Berg')!;
    assert.deepEqual(berg(a).mentions.map((m) => [m.text, m.start]), berg(first).mentions.map((m) => [m.text, m.start < at ? m.start : m.start + 1]));
    assert.equal(berg(a).title, 'transport minister');
    // The quote typed into grew by one character.
    assert.equal(a.quotes[0]!.content[0]!.end, first.quotes[0]!.content[0]!.end + 1);
  });

  it('finds the entities again when a name is typed into', () => {
    const inc = new IncrementalAnalyzer();
    step(inc, story);
    const { a, reused } = step(inc, insert(story, story.indexOf('Marr,') + 4, 'o'));
    assert.equal(reused, false);
    assert.equal(speakerName(a, 1), 'Ilse Marro');
  });

  it('finds the entities again when the edit moves a person out of a pronoun\'s reach', () => {
    // "he" looks back 1500 characters for a person (entities.ts: antecedent). Jonas Berg's name
    // starts 1499 characters before "he": he is found; one character more and he is not.
    const opening = 'Jonas Berg visited the port on Monday.';
    const quote = '“The night ferry will run all winter,” he said.';
    const filler = (n: number): string => 'the crew waited on the quay for the tide to turn and the gulls circled over the harbour wall. '.repeat(40).slice(0, n).trimEnd() + '.';
    let text = '';
    for (let n = 1300; n < 1600; n++) {
      text = para(opening, filler(n), quote);
      if (text.indexOf(' he said') + 1 - text.indexOf('Jonas') === 1499) break;
    }
    assert.equal(text.indexOf(' he said') + 1 - text.indexOf('Jonas'), 1499);
    const inc = new IncrementalAnalyzer();
    assert.equal(speakerName(step(inc, text).a, 0), 'Jonas Berg');
    const inFiller = text.indexOf('gulls') + 2;
    const out = step(inc, insert(text, inFiller, 'x'));
    assert.equal(out.reused, false);
    assert.equal(speakerName(out.a, 0), null);
    const back = step(inc, text);
    assert.equal(back.reused, false);
    assert.equal(speakerName(back.a, 0), 'Jonas Berg');
    // The same when "he" is found as the last speaker: Jonas Berg's reported speech starts 1499
    // characters before "he" (resolve() looks at the last three speakers first).
    const spoke = 'Jonas Berg said the port would open in May.';
    let said = '';
    for (let n = 1300; n < 1600; n++) {
      said = para(spoke, filler(n), quote);
      if (said.indexOf(' he said') + 1 - said.indexOf('Jonas') === 1499) break;
    }
    const inc3 = new IncrementalAnalyzer();
    const was = step(inc3, said).a;
    assert.deepEqual([was.quotes[0]!.source?.text, speakerName(was, 0)], ['Jonas Berg', 'Jonas Berg']);
    assert.equal(speakerName(was, 1), 'Jonas Berg');
    const gone = step(inc3, insert(said, said.indexOf('gulls') + 2, 'x'));
    assert.equal(gone.reused, false);
    assert.equal(speakerName(gone.a, 1), null);
    // Well inside the reach, the same edit cannot change what "he" finds: reused.
    const near = para(opening, filler(600), quote);
    const inc2 = new IncrementalAnalyzer();
    step(inc2, near);
    const moved = step(inc2, insert(near, near.indexOf('gulls') + 2, 'x'));
    assert.equal(moved.reused, true);
    assert.equal(speakerName(moved.a, 0), 'Jonas Berg');
  });

  it('works out again the role an appositive states near the edit', () => {
    const text = para('Sergei Volkov, the Russian foreign minister, met the delegation in Geneva on Monday.', '“We are ready to talk,” Volkov said.');
    const inc = new IncrementalAnalyzer();
    const volkov = (a: Analysis) => a.entities.find((e) => e.name === 'Sergei Volkov')!;
    assert.equal(volkov(step(inc, text).a).title, 'Russian foreign minister');
    // An edit in the 80 characters after the name that leaves the role as it is: reused.
    const same = step(inc, insert(text, text.indexOf('delegation') + 3, 'x'));
    assert.equal(same.reused, true);
    assert.equal(volkov(same.a).title, 'Russian foreign minister');
    // "ministerial" is no role: no title, found again.
    const other = step(inc, insert(text, text.indexOf('minister,') + 8, 'ial'));
    assert.equal(other.reused, false);
    assert.equal(volkov(other.a).title, null);
  });

  it('finds the entities again when the edit is before the paragraph\'s first word, which a lone name ending the paragraph before reads', () => {
    // "drafted by Zentrik" ends a paragraph: whether the lone capitalised word is a name depends
    // on the next paragraph's first word and the text between them (entities.ts: standaloneName):
    // before "Officials" (a noun it may modify) it is none; before "(Officials" it stands alone.
    const text = para('The plan was drafted by Zentrik', 'Officials said the plan would fail.', '“We will fight it,” Zentrik said.');
    const inc = new IncrementalAnalyzer();
    const zentrik = (a: Analysis) => a.entities.find((e) => e.name === 'Zentrik')!.mentions.map((m) => m.start);
    const before = step(inc, text).a;
    assert.deepEqual(zentrik(before), [text.lastIndexOf('Zentrik')]);
    const opened = insert(text, text.indexOf('Officials'), '(');
    const after = step(inc, opened);
    assert.equal(after.reused, false);
    assert.deepEqual(zentrik(after.a), [opened.indexOf('Zentrik'), opened.lastIndexOf('Zentrik')]);
  });

  it('finds the entities again when a credit line or a quote changes', () => {
    const inc = new IncrementalAnalyzer();
    step(inc, story);
    // A new quotation mark opens a quote: the attributions differ.
    const quoted = step(inc, insert(story, story.indexOf('visited'), '“'));
    assert.equal(quoted.reused, false);
    const byline = para('By Anna Holt', story);
    const inc2 = new IncrementalAnalyzer();
    step(inc2, byline);
    const renamed = step(inc2, insert(byline, byline.indexOf('Holt') + 4, 'e'));
    assert.equal(renamed.reused, false);
    assert.equal(renamed.a.credits[0]!.text, 'By Anna Holte');
  });
});

describe('tagging only the sentences an edit changed (tokens.ts: retokenize)', () => {
  /** The tokens as comparable rows: text, offsets, sentence and sorted tags. */
  const rows = (p: ParagraphTokens) => ({
    sentences: p.sentences,
    starts: p.starts,
    tokens: p.tokens.map((t) => [t.text, t.lower, t.start, t.end, t.sent, [...t.tags].sort().join(' ')]),
  });
  const was = 'Jonas Berg visited the port. “The ferry will run all winter,” he said. Fares will not rise, officials said.';

  for (const [what, now] of [
    ['a letter in the first sentence', insert(was, 8, 'x')],
    ['a letter in the middle sentence', insert(was, was.indexOf('ferry'), 'big ')],
    ['a letter in the last sentence', was + 'x'],
    ['a sentence split in two', insert(was, was.indexOf(' visited'), '. He')],
    ['two sentences joined', was.replace('port. “', 'port “')],
    ['nothing', was],
    ['everything', 'Officials declined to comment.'],
  ] as const) {
    it(`gives what tagging the whole paragraph gives: ${what}`, () => {
      const old = tokenizeParagraphs([was])[0]!;
      assert.deepEqual(rows(retokenize(now, was, old)), rows(tokenizeParagraphs([now])[0]!));
    });
  }

  it('rests on compromise tagging each sentence alone as it does in its paragraph, on every sentence of PolNeAR dev', function () {
    if (!existsSync(CORPUS)) {
      console.log(`      skipped: the PolNeAR corpus is absent (${CORPUS})`);
      this.skip();
    }
    this.timeout(120_000);
    let sentences = 0;
    for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.txt')).sort()) {
      for (const line of readFileSync(join(CORPUS, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const whole = tokenizeParagraphs([line])[0]!;
        // Each sentence changed in turn (a letter put at its start then taken away): retokenize
        // tags that sentence alone and must give the whole paragraph's tokens.
        for (let s = 0; s < whole.sentences; s++) {
          const at = whole.starts![s]!;
          const edited = insert(line, at, 'x');
          const alone = retokenize(line, edited, retokenize(edited, line, whole));
          assert.deepEqual(rows(alone), rows(whole), `${f}, sentence ${s + 1} of:\n${line}`);
          sentences++;
        }
      }
    }
    assert.ok(sentences > 1000, `${sentences} sentences`);
  });
});
