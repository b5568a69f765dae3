// Direct quotation marks (src/core/quotes.ts): which marks pair up, how a quotation runs over
// paragraphs, and which marks are not quotation marks at all. Every sentence here is made up
// (invented people and places); none comes from the corpus.
//
// findQuoteMarks returns, per quotation, one piece per paragraph from its opening mark to its
// closing mark (both included) or to the paragraph's end when the paragraph leaves it open.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core';
import { findQuoteMarks } from '../../src/core/quotes';
import { paragraphs } from '../../src/core/text';
import { assertValidAnalysis } from './contract';

interface Marked {
  pieces: string[];
  unbalanced: boolean;
}

/** The quotations of `text`, each as the exact text of its pieces. */
function marks(text: string): Marked[] {
  return findQuoteMarks(text, paragraphs(text)).map((q) => ({
    pieces: q.pieces.map((p) => text.slice(p.start, p.end)),
    unbalanced: q.unbalanced,
  }));
}

function show(found: Marked[]): string {
  if (found.length === 0) return '(no quotations)';
  return found.map((q, k) => `  #${k + 1}${q.unbalanced ? ' (unbalanced)' : ''}: ${q.pieces.map((p) => JSON.stringify(p)).join(' + ')}`).join('\n');
}

/** Asserts that `text` holds exactly the quotations `expected` (piece texts, in order). */
function expectQuotes(text: string, expected: string[][], what: string): Marked[] {
  const found = marks(text);
  assert.deepEqual(
    found.map((q) => q.pieces),
    expected,
    `${what}\nexpected:\n${expected.map((p, k) => `  #${k + 1}: ${p.map((s) => JSON.stringify(s)).join(' + ')}`).join('\n') || '  (no quotations)'}\nfound:\n${show(found)}`,
  );
  return found;
}

const para = (...ps: string[]): string => ps.join('\n\n');

describe('quotation marks', () => {
  describe('pairs within a paragraph', () => {
    it('pairs straight double quotes', () => {
      expectQuotes(
        'The mayor said "the bridge will reopen in June" at a briefing on Monday.',
        [['"the bridge will reopen in June"']],
        'a straight pair in mid-sentence is one quotation, marks included',
      );
    });

    it('pairs curly double quotes', () => {
      expectQuotes(
        '“We are not moving the market,” said Dana Whitlock.',
        [['“We are not moving the market,”']],
        'a curly pair is one quotation, ending at the closing mark after the comma',
      );
    });

    it('keeps two quotations of one paragraph apart around the reporting clause', () => {
      expectQuotes(
        '"Yes," said the harbour master, "but not before the storm has passed."',
        [['"Yes,"'], ['"but not before the storm has passed."']],
        'a straight closing mark followed by ", said" closes the first quotation; the second opens after the comma',
      );
    });

    it('pairs curly quotes with a question mark inside', () => {
      expectQuotes('“Who will pay for the new pier?” asked Tomasz Wilk.', [['“Who will pay for the new pier?”']], 'the question mark stays inside the quotation');
    });

    it("pairs the typewriter convention of two apostrophes ('') as one quotation mark", () => {
      expectQuotes(
        "''We will appeal the ruling,'' the lawyer for the fishermen said.",
        [["''We will appeal the ruling,''"]],
        "'' ... '' is a double quotation typed with apostrophes",
      );
    });

    it('pairs guillemets', () => {
      expectQuotes('«Nous restons ici», the fishermen shouted at the quay.', [['«Nous restons ici»']], '« » is a pair of quotation marks');
    });
  });

  describe('a quotation running over paragraphs', () => {
    it('joins a paragraph left open to the next paragraph that opens again (curly)', () => {
      const text = para(
        '“The harbour has silted up for years and nobody has dredged it.',
        '“Now the big ships go to Varna instead,” said Ruth Okafor, a harbour pilot.',
      );
      const [q] = expectQuotes(
        text,
        [['“The harbour has silted up for years and nobody has dredged it.', '“Now the big ships go to Varna instead,”']],
        'the first paragraph opens and does not close, the second opens again: one quotation, two pieces',
      );
      assert.equal(q!.unbalanced, false, 'the quotation is closed in the second paragraph, so it is balanced');
    });

    it('runs over three paragraphs, one piece each', () => {
      const text = para(
        '“We lost the night ferry first.',
        '“Then the morning boat went to twice a week.',
        '“Now they want to sell the quay itself,” said Ruth Okafor.',
      );
      expectQuotes(
        text,
        [['“We lost the night ferry first.', '“Then the morning boat went to twice a week.', '“Now they want to sell the quay itself,”']],
        'three paragraphs of one quotation, each reopening it',
      );
    });

    it('follows the same convention with straight quotes', () => {
      const text = para('"The vote was never put to the members.', '"We learned about the sale from the radio," said Tomasz Wilk.');
      expectQuotes(
        text,
        [['"The vote was never put to the members.', '"We learned about the sale from the radio,"']],
        'straight marks: the open paragraph continues into the next one that reopens',
      );
    });

    it("follows the same convention with typewriter '' marks", () => {
      const text = para("''We will appeal.", "''And we will win,'' said the lawyer.");
      expectQuotes(text, [["''We will appeal.", "''And we will win,''"]], "'' marks: one quotation over two paragraphs");
    });

    it('starts a continued quotation mid-paragraph, after the speaker is named', () => {
      const text = para(
        '“The harbour has silted up,” said Ruth Okafor, a harbour pilot. “Nobody has dredged it since the war.',
        '“Now the big ships go to Varna.”',
      );
      expectQuotes(
        text,
        [['“The harbour has silted up,”'], ['“Nobody has dredged it since the war.', '“Now the big ships go to Varna.”']],
        'the second quotation of the first paragraph is left open and continues into the next paragraph',
      );
    });

    it('does not continue a straight-quoted paragraph into a curly-quoted one', () => {
      const text = para('"The shipyard will close in March.', '“That is news to me,” said the union leader.');
      const found = expectQuotes(
        text,
        [['"The shipyard will close in March.'], ['“That is news to me,”']],
        'a paragraph opened with a straight mark is not continued by one opened with a curly mark: two quotations',
      );
      assert.equal(found[0]!.unbalanced, true, 'the straight quotation never closes, so it is unbalanced');
      assert.equal(found[1]!.unbalanced, false, 'the curly quotation is closed');
    });
  });

  describe('double quotations of the other style inside one', () => {
    it('keeps a curly quotation nested inside a straight one that closes after it', () => {
      expectQuotes(
        '"I read the question: “Do you trust the council?” Forty per cent said yes," the pollster said.',
        [['"I read the question: “Do you trust the council?” Forty per cent said yes,"']],
        'the curly question is part of the straight quotation, which closes after it',
      );
    });

    it('starts afresh at a curly quotation when a stray straight mark never closes', () => {
      expectQuotes(
        'He wrote "the 5 inch pipe and then “We will win,” she said.',
        [['“We will win,”']],
        'the stray straight mark does not swallow the real quotation',
      );
    });
  });

  describe('British single quotation marks', () => {
    it("pairs top-level single quotes, straight or curly, as quotations", () => {
      expectQuotes(
        "'We are already running at full capacity,' said Dr Rajesh Kumar. ‘We cannot cope,’ he added.",
        [["'We are already running at full capacity,'"], ['‘We cannot cope,’']],
        'each single-quoted sentence is a quotation',
      );
    });

    it("leaves apostrophes alone next to single quotes: don't, the students’ union", () => {
      expectQuotes(
        "‘We don't know,’ said the head of the students’ union, who met the dean's staff.",
        [['‘We don\'t know,’']],
        "only the quoted sentence is a quotation; don't, students’ and dean's are apostrophes",
      );
    });
  });

  describe('single quotes and apostrophes', () => {
    it('keeps single quotes nested inside a double quotation', () => {
      expectQuotes(
        '"They told us \'wait until spring\' and we waited," the farmer said.',
        [['"They told us \'wait until spring\' and we waited,"']],
        'the single-quoted phrase is part of the one double quotation, not a quotation of its own',
      );
    });

    it('keeps curly single quotes nested inside a curly double quotation', () => {
      expectQuotes(
        '“The inspector wrote ‘no further action’ and left,” said Ruth Okafor.',
        [['“The inspector wrote ‘no further action’ and left,”']],
        'curly single quotes nest inside the curly double quotation',
      );
    });

    it("never treats apostrophes (don't, Ankara's, students') inside a quotation as marks", () => {
      expectQuotes(
        '"We don\'t want Ankara\'s money or the students\' pity," Lale Durmaz said.',
        [['"We don\'t want Ankara\'s money or the students\' pity,"']],
        'apostrophes inside the quotation neither close it nor open another one',
      );
    });

    it('never treats curly apostrophes (don’t, Ankara’s, students’) as marks', () => {
      expectQuotes(
        '“We don’t want Ankara’s money or the students’ pity,” Lale Durmaz said.',
        [['“We don’t want Ankara’s money or the students’ pity,”']],
        'curly apostrophes inside a curly quotation are apostrophes',
      );
    });

    it('finds no quotation in a paragraph that only has apostrophes', () => {
      expectQuotes(
        "The students' union rejected Ankara's offer, and the dean's office didn't comment.",
        [],
        'possessives and contractions are not quotation marks',
      );
    });

    it("does not mistake a plural possessive before a '' quotation for a mark", () => {
      expectQuotes(
        "The dockers' leader called it ''a robbery in daylight'' on Tuesday.",
        [["''a robbery in daylight''"]],
        "the apostrophe of dockers' is not part of the '' pair that follows",
      );
    });
  });

  describe('unbalanced marks', () => {
    it('bounds an unclosed quotation by its own paragraph', () => {
      const text = para(
        'The council called the plan "a disgrace and voted against it.',
        'The vote was seven to two.',
        '"We will try again next year," the mayor said.',
      );
      const found = expectQuotes(
        text,
        [['"a disgrace and voted against it.'], ['"We will try again next year,"']],
        'the stray opening mark runs to the end of its paragraph only; the later quotation stands on its own',
      );
      assert.equal(found[0]!.unbalanced, true, 'the stray quotation is flagged unbalanced');
      assert.equal(found[1]!.unbalanced, false, 'the later quotation is balanced');
    });

    it('never lets an unclosed quotation swallow the next paragraphs in the analysis', () => {
      const text = para(
        'Tomasz Wilk called the offer "an insult to every docker in the port.',
        'The port authority declined to comment on Tuesday.',
        'Talks are expected to resume next week.',
      );
      const a = analyze(text);
      assertValidAnalysis(a, text);
      const firstEnd = text.indexOf('\n\n');
      for (const q of a.quotes) {
        for (const p of q.content) {
          assert.ok(
            p.start >= firstEnd || p.end <= firstEnd,
            `quote ${q.id} content ${JSON.stringify(text.slice(p.start, p.end))} crosses from the first paragraph into the next ones`,
          );
        }
      }
    });

    it('bounds an unclosed curly quotation before the next opening mark of its paragraph', () => {
      const text = '“The vote was rigged, the union leader said on the radio. “We will go to court,” he added.';
      const found = marks(text);
      const court = found.find((q) => q.pieces.some((p) => p.includes('We will go to court')));
      assert.ok(court, `the quotation "We will go to court" is found:\n${show(found)}`);
      assert.deepEqual(court.pieces, ['“We will go to court,”'], `the second curly opening starts a new quotation that does not include the stray first one:\n${show(found)}`);
    });

    it('flags a quotation that never closes as unbalanced', () => {
      const [q] = expectQuotes('Ruth Okafor said "the pier is finished.', [['"the pier is finished.']], 'the piece runs to the end of the paragraph');
      assert.equal(q!.unbalanced, true, 'an opening mark with no closing one is unbalanced');
    });
  });
});
