import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBody } from '../../src/core/body';
import { findCredits } from '../../src/core/credits';
import type { Credit, CreditKind } from '../../src/core/model';

// Made-up lines (never corpus text): invented people, real agency names.
const HEAD = 'Ferry fares to rise in May';
const P1 = 'Ferry fares across the bay will rise by a tenth in May, the harbour board said on Friday.';
const P2 = '"Fuel has never cost more," board chair Ilse Marr told a meeting of ferry users.';

/** Credits of a text whose body is found the usual way; each credit checked against the text. */
function credits(text: string): Credit[] {
  const found = findCredits(text, findBody(text).body);
  for (const c of found) {
    assert.equal(c.text, text.slice(c.start, c.end), 'text is the exact text of the span');
    for (const name of c.names) {
      assert.ok(c.text.includes(name), `name ${name} is a substring of ${c.text}`);
      assert.equal(name, name.trim());
      assert.ok(!/[.,;:]$/.test(name), `no trailing punctuation: ${name}`);
    }
  }
  const starts = found.map((c) => c.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'sorted by start');
  return found;
}

/** The one credit of `kind` found when `line` closes (or opens) a short story. */
function only(kind: CreditKind, text: string): Credit {
  const found = credits(text).filter((c) => c.kind === kind);
  assert.equal(found.length, 1, `one ${kind} credit in ${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  return found[0]!;
}

const closing = (line: string): string => [HEAD, P1, P2, line].join('\n\n');
const opening = (line: string): string => [HEAD, line, P1, P2].join('\n\n');
const leading = (lead: string): string => [HEAD, `${lead} ${P1}`, P2].join('\n\n');

describe('findCredits', () => {
  describe('the seed article', () => {
    const seed = readFileSync(join(__dirname, '../../../seeds/000_8f484521c7ff1466.txt'), 'utf8');
    const found = credits(seed);

    it('finds the source line with its names, not the generic "agencies" or the place', () => {
      const source = found.find((c) => c.kind === 'source');
      assert.ok(source);
      assert.equal(source.text, 'source: commonspace.eu with Daily Sabah (Ankara) and agencies.');
      assert.deepEqual(source.names, ['commonspace.eu', 'Daily Sabah']);
    });

    it('finds the photo line with the agency it is courtesy of', () => {
      const photo = found.find((c) => c.kind === 'photo');
      assert.ok(photo);
      assert.ok(photo.text.startsWith('photo: The Russian and Turkish Foreign Ministers'));
      assert.ok(photo.text.endsWith('(picture courtesy of Anadolu News Agency, Ankara)'));
      assert.deepEqual(photo.names, ['Anadolu News Agency']);
    });

    it('finds nothing else (no credits in the story or in the teasers)', () => {
      assert.deepEqual(found.map((c) => c.kind), ['source', 'photo']);
    });
  });

  describe('bylines', () => {
    const cases: Array<[string, string[]]> = [
      ['By Nell Farrow', ['Nell Farrow']],
      ['By Nell Farrow and Tom Aske, Reuters', ['Nell Farrow', 'Tom Aske', 'Reuters']],
      ['By NELL FARROW, Associated Press', ['NELL FARROW', 'Associated Press']],
      ['By Nell Farrow, Staff Writer', ['Nell Farrow']],
      ['By Jean-Luc de la Rive & Ama Osei-Bonsu', ['Jean-Luc de la Rive', 'Ama Osei-Bonsu']],
      ['By Nell Farrow in Port Ellen', ['Nell Farrow']],
      ['By Nell Farrow for The Guardian, Updated 10:32 AM', ['Nell Farrow', 'The Guardian']],
      ['By Nell Farrow on March 3, 2024', ['Nell Farrow']],
      ['Nell Farrow | CNN', ['Nell Farrow', 'CNN']],
      ['Follow Nell Farrow on Twitter @nfarrow', ['Nell Farrow']],
      ['On Twitter follow Nell Farrow https://example.com/nfarrow and Tom Aske @taske', ['Nell Farrow', 'Tom Aske']],
      ['— Harbour Correspondent Nell Farrow.', ['Nell Farrow']],
    ];
    for (const [line, names] of cases) {
      it(`"${line}"`, () => {
        const c = only('byline', opening(line));
        assert.equal(c.text, line);
        assert.deepEqual(c.names, names);
      });
    }
  });

  describe('datelines', () => {
    const cases: Array<[string, string[]]> = [
      ['SOCHI, Russia (Reuters) —', ['Reuters']],
      ['WASHINGTON (AP) —', ['AP']],
      ['LONDON, Dec 29 (Reuters) -', ['Reuters']],
      ['PORT ELLEN, Scotland, Sept. 26 (UPI) —', ['UPI']],
      ['SALT LAKE CITY, Utah\u00a0—', []],
      ['BERLIN (dpa) -', ['dpa']],
      ['WASHINGTON —', []],
    ];
    for (const [lead, names] of cases) {
      it(`"${lead}" (the span is the dateline only)`, () => {
        const text = leading(lead);
        const c = only('dateline', text);
        assert.equal(c.text, lead);
        assert.equal(c.start, text.indexOf(lead));
        assert.deepEqual(c.names, names);
      });
    }

    it('is not an all-capital run-in heading further down the story', () => {
      const text = [HEAD, P1, P2, P1, P2, P1, P2, 'HIGHER FARES AHEAD — The board expects more rises.'].join('\n\n');
      assert.deepEqual(credits(text), []);
    });

    it('is not a label, a transcript speaker or a capitalised phrase with a comma', () => {
      for (const lead of ['BREAKING —', 'MARR: We have no choice.', 'FARES RISE, USERS FUME —', 'PORT ELLEN (local ferries) —']) {
        assert.deepEqual(credits(leading(lead)), [], lead);
      }
    });
  });

  describe('wire credits', () => {
    it('"(AP) —" alone at the start of a paragraph', () => {
      const c = only('wire', leading('(AP) —'));
      assert.equal(c.text, '(AP) —');
      assert.deepEqual(c.names, ['AP']);
    });

    const lines: Array<[string, string[]]> = [
      ['Reuters', ['Reuters']],
      ['— The Associated Press', ['The Associated Press']],
      ['- AFP.', ['AFP']],
      ['Copyright 2024 The Associated Press. All rights reserved.', ['The Associated Press']],
      ['This story was provided by The Harbour Courier.', ['The Harbour Courier']],
      ['This article originally appeared on portnews.example.org.', ['portnews.example.org']],
    ];
    for (const [line, names] of lines) {
      it(`"${line}"`, () => {
        const c = only('wire', closing(line));
        assert.equal(c.text, line);
        assert.deepEqual(c.names, names);
      });
    }
  });

  describe('source credits', () => {
    const lines: Array<[string, string[]]> = [
      ['Source: Reuters, AFP', ['Reuters', 'AFP']],
      ['Sources: harbourwatch.example with agencies', ['harbourwatch.example']],
      ['source: Bay Times (Port Ellen) and wire services.', ['Bay Times']],
      ['h/t: The Hill', ['The Hill']],
      ['Source: agencies', []],
    ];
    for (const [line, names] of lines) {
      it(`"${line}"`, () => {
        const c = only('source', closing(line));
        assert.equal(c.text, line);
        assert.deepEqual(c.names, names);
      });
    }
  });

  describe('photo credits', () => {
    const lines: Array<[string, string[]]> = [
      ['Photo: Reuters/Iris Vane', ['Reuters', 'Iris Vane']],
      ['Photograph: Iris Vane/AP', ['Iris Vane', 'AP']],
      ['Getty Images', ['Getty Images']],
      ['Iris Vane/Getty Images.', ['Iris Vane', 'Getty Images']],
      ['photo: The ferry at the pier (picture courtesy of Harbour Board, Port Ellen)', ['Harbour Board']],
      ['Photo: The ferry leaves the pier at dawn', []],
    ];
    for (const [line, names] of lines) {
      it(`"${line}"`, () => {
        const c = only('photo', closing(line));
        assert.equal(c.text, line);
        assert.deepEqual(c.names, names);
      });
    }

    it('a credit in parentheses at the end of a caption is the parenthetical only', () => {
      const caption = 'Ilse Marr speaks to ferry users in Port Ellen. (Photo by Iris Vane/Getty Images)';
      const c = only('photo', closing(caption));
      assert.equal(c.text, '(Photo by Iris Vane/Getty Images)');
      assert.deepEqual(c.names, ['Iris Vane', 'Getty Images']);
      const ap = only('photo', closing('The ferry in a storm last winter. (AP Photo/Iris Vane)'));
      assert.equal(ap.text, '(AP Photo/Iris Vane)');
      assert.deepEqual(ap.names, ['AP', 'Iris Vane']);
    });

    it('is not a story sentence about photographs', () => {
      const text = closing('He was photographed by a passer-by outside the board office (Reuters reported).');
      assert.deepEqual(credits(text), []);
      assert.deepEqual(credits(closing('The photo by Vane went round the island in an hour.')), []);
    });
  });

  describe('contributor credits', () => {
    const lines: Array<[string, string[]]> = [
      ['Reporting by Nell Farrow; Editing by Tom Aske', ['Nell Farrow', 'Tom Aske']],
      [
        '(Additional reporting by Ann Lowe in Paris and Bo Chen in Beijing; Writing by Tom Aske; Editing by Sue Ray and Kit Dunn)',
        ['Ann Lowe', 'Bo Chen', 'Tom Aske', 'Sue Ray', 'Kit Dunn'],
      ],
      ['Nell Farrow contributed to this report.', ['Nell Farrow']],
      ['Nell Farrow and Tom Aske contributed reporting.', ['Nell Farrow', 'Tom Aske']],
      ['The Associated Press contributed to this report.', ['The Associated Press']],
      ['Associated Press writer Bo Chen contributed from Denver.', ['Bo Chen']],
      ['Farrow reported from Port Ellen. Aske contributed from London.', ['Farrow', 'Aske']],
      ['Contributing: Sue Ray, USA TODAY', ['Sue Ray', 'USA TODAY']],
      ['--additional reporting from Kit Dunn.', ['Kit Dunn']],
    ];
    for (const [line, names] of lines) {
      it(`"${line}"`, () => {
        const c = only('contributor', closing(line));
        assert.equal(c.text, line);
        assert.deepEqual(c.names, names);
      });
    }

    it('a note at the end of a story paragraph is the sentence only', () => {
      const para = 'The board meets again in June. Kit Dunn contributed to this report.';
      const c = only('contributor', closing(para));
      assert.equal(c.text, 'Kit Dunn contributed to this report.');
      assert.deepEqual(c.names, ['Kit Dunn']);
    });

    it('is not money contributed or a story sentence with "reported from"', () => {
      for (const line of [
        'Mr. Lowe also contributed $300,000 to a group backing the board.',
        'Ferry users contributed more than $2 million to the fund.',
        'Donors, including Ms. Ray, contributed $2,000 each.',
        'The board reported from its own figures that fares had been flat. Ilse Marr disagreed.',
      ]) {
        assert.deepEqual(credits(closing(line)), [], line);
      }
    });
  });

  describe('not bylines', () => {
    for (const line of [
      'By Tuesday, the talks on the fares had collapsed.',
      'By contrast, the island ferries kept their prices.',
      'By the spring of 2019, the board had sold two boats.',
      'By raising fares, the board hopes to keep the night crossing.',
      'By Ilse Marr’s own count, the board lost money for five years in a row.',
    ]) {
      it(`"${line}"`, () => {
        assert.deepEqual(credits(opening(line)), []);
        assert.deepEqual(credits(closing(line)), []);
      });
    }
  });

  describe('where credits are looked for', () => {
    it('in the lines right after the body, but not in teasers after a heading', () => {
      const text = [HEAD, P1, P2, 'Read the rest here.', 'Follow Nell Farrow on Twitter @nfarrow', 'Related', 'News', 'By Tom Aske'].join('\n\n');
      const found = credits(text);
      assert.deepEqual(found.map((c) => [c.kind, c.names]), [['byline', ['Nell Farrow']]]);
    });

    it('with an explicit body span', () => {
      const text = [HEAD, 'By Nell Farrow', P1, 'Reporting by Tom Aske'].join('\n\n');
      const all = findCredits(text, { start: 0, end: text.length });
      assert.deepEqual(all.map((c) => c.kind), ['byline', 'contributor']);
      const head = findCredits(text, { start: 0, end: text.indexOf(P1) + P1.length });
      assert.deepEqual(head.map((c) => c.kind), ['byline', 'contributor']); // the closing line right after
      const none = findCredits(text, { start: text.indexOf(P1), end: text.indexOf(P1) + P1.length });
      assert.deepEqual(none.map((c) => c.kind), ['contributor']);
    });
  });

  it('handles a 1 MB line without newlines in well under a second', () => {
    const nasty = [
      'By John Smith and '.repeat(60_000),
      'WASHINGTON, '.repeat(90_000),
      '(Photo/'.repeat(150_000),
      'x contributed '.repeat(75_000),
      '. '.repeat(500_000),
      '-'.repeat(1_000_000) + 'x',
    ];
    for (const line of nasty) {
      const t0 = Date.now();
      findCredits(line, findBody(line).body);
      assert.ok(Date.now() - t0 < 1000, `${line.slice(0, 20)}… took ${Date.now() - t0} ms`);
    }
  });
});
