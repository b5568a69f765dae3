import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boilerplateKind, findBody, normalizeLine } from '../../src/core/body';

// Made-up story paragraphs (never corpus text).
const HEAD = 'Mayor says the bridge will reopen in spring';
const P1 = 'The old river bridge will reopen in April, Mayor Ada Quill told reporters on Monday.';
const P2 = '"We are ahead of schedule and under budget," Quill said at a briefing in the city hall.';
const P3 = 'Engineers said the repairs to the steel deck were finished last week.';
const TEASER = 'Council votes to extend the library opening hours for the summer months';
const TEASER_P = 'The council voted on Thursday to keep the central library open until nine at night.';

function story(...tail: string[]): string {
  return [HEAD, P1, P2, P3, ...tail].join('\n\n') + '\n';
}

/** The body's text, for readable assertions. */
function bodyText(text: string): string {
  const { body } = findBody(text);
  return text.slice(body.start, body.end);
}

describe('findBody', () => {
  describe('the seed article', () => {
    const seed = readFileSync(join(__dirname, '../../../seeds/000_8f484521c7ff1466.txt'), 'utf8');
    const { body, headline } = findBody(seed);

    it('ends the body right after the photo credit, before "Related articles"', () => {
      assert.ok(seed.slice(body.start, body.end).endsWith('Ankara)'));
      assert.ok(seed.indexOf('Related articles') >= body.end);
    });

    it('keeps the source and photo credit lines inside the body', () => {
      const inside = seed.slice(body.start, body.end);
      assert.ok(inside.includes('source: commonspace.eu with Daily Sabah (Ankara) and agencies.'));
      assert.ok(inside.includes('photo: The Russian and Turkish Foreign Ministers'));
    });

    it('starts the body at the headline and finds the headline', () => {
      assert.equal(body.start, 0);
      assert.ok(headline);
      assert.equal(
        seed.slice(headline.start, headline.end),
        'Turkey says it will intensify efforts to normalise relations with Armenia',
      );
    });

    it('also ends the body at the teasers when the headings are gone', () => {
      const bare = seed
        .split('\n')
        .filter((l) => !/^(Related articles|Editor's choice|Popular)$/.test(l.trim()))
        .join('\n');
      const b = findBody(bare).body;
      assert.ok(bare.slice(b.start, b.end).includes('(picture courtesy of Anadolu News Agency, Ankara)'));
      assert.ok(bare.indexOf('Borrell tells the European Parliament') >= b.end);
    });
  });

  describe('section headings end the body', () => {
    const headings = [
      'Related articles',
      'Related',
      'RELATED STORIES',
      "Editor's choice",
      'Editor’s Choice',
      'Popular',
      'Most read',
      'Read more',
      'Recommended',
      'You may also like',
      'You might also like:',
      'More from Reuters',
      'More from The Daily Planet',
      'Comments',
      'Comments (12)',
      'Tags: bridges, city council',
      'Topics:',
      '» Trending now',
    ];
    for (const heading of headings) {
      it(`"${heading}"`, () => {
        const text = story(heading, TEASER, TEASER_P);
        assert.equal(bodyText(text), [HEAD, P1, P2, P3].join('\n\n'));
      });
    }
  });

  describe('closing links end the body', () => {
    for (const closing of ['Read the rest here.', 'Read more at The Daily Planet', 'Read the full story here']) {
      it(`"${closing}"`, () => {
        assert.ok(bodyText(story(closing)).endsWith(P3));
        assert.ok(bodyText(story(closing, TEASER_P)).endsWith(P3));
      });
    }
  });

  describe('prompts that scrapers leave inside stories', () => {
    const prompts = [
      'Advertisement',
      'Share this',
      'Share on Facebook',
      'Click here to subscribe',
      'Subscribe to our newsletter',
      'Sign up for our morning briefing',
      'Follow us on Twitter',
      'Continue reading the main story',
    ];
    for (const prompt of prompts) {
      it(`"${prompt}" is trimmed off the end`, () => {
        assert.ok(bodyText(story(prompt)).endsWith(P3));
        assert.ok(bodyText(story(prompt, 'Related', TEASER)).endsWith(P3));
      });
      it(`"${prompt}" in the middle does not cut the story`, () => {
        const text = [HEAD, P1, prompt, P2, P3].join('\n\n');
        assert.ok(bodyText(text).endsWith(P3));
      });
    }
  });

  describe('headings are whole short lines', () => {
    it('a sentence with "popular" or "related" in it is prose', () => {
      const text = story('Popular opinion is related to the weather, the mayor said.', 'The bridge was popular.');
      assert.ok(bodyText(text).endsWith('The bridge was popular.'));
    });

    it('"More from the briefing:" introduces more story', () => {
      const text = story('More from the briefing:', P2.replace('ahead', 'well ahead'));
      assert.ok(bodyText(text).endsWith(P2.replace('ahead', 'well ahead')));
    });

    it('a heading before any story paragraph does not end the body', () => {
      const text = [HEAD, 'Related', P1, P2].join('\n\n');
      assert.ok(bodyText(text).endsWith(P2));
    });
  });

  describe('repeated paragraphs', () => {
    it('a teaser with its title doubled ends the body before the first copy', () => {
      const text = story('News', TEASER, TEASER, TEASER_P);
      assert.ok(bodyText(text).endsWith('News'));
      assert.ok(text.indexOf(TEASER) >= findBody(text).body.end);
    });

    it('a copied block that fills the rest ends the body at the copy', () => {
      const extra = 'The ferry service that replaced the bridge will stop at the end of April.';
      const text = story(extra, 'Popular', P3, extra);
      // "Popular" already cuts; without it the copied block must cut on its own.
      const bare = story(extra, P3, extra);
      assert.ok(bodyText(text).endsWith(extra));
      assert.ok(bodyText(bare).endsWith(extra));
      assert.equal(findBody(bare).body.end, bare.indexOf(extra) + extra.length);
    });

    it('a live blog that repeats an update and goes on is not cut', () => {
      const more = [
        'Polls closed at eight and the first results came in an hour later.',
        'Turnout in the northern wards was the highest since the vote on the bridge.',
        'The count in the last three wards is expected to finish after midnight.',
        'Quill thanked the volunteers who ran the polling stations across the city.',
      ];
      const text = story(P1, P2, ...more);
      assert.ok(bodyText(text).endsWith(more[3]!));
    });

    it('a headline repeated as the first paragraph is not a repeat', () => {
      const long = 'Mayor says the bridge over the river will reopen in the spring of next year';
      const text = [long, long, P1, P2].join('\n\n');
      assert.ok(bodyText(text).endsWith(P2));
    });

    it('short repeated lines do not count', () => {
      const text = story('***', P1.slice(0, 20), '***', 'The end of the story is here at last, she said.');
      assert.ok(bodyText(text).endsWith('The end of the story is here at last, she said.'));
    });
  });

  describe('credit lines that close a story stay inside', () => {
    it('keeps "Reporting by ..." and a photo credit before the prompts and headings', () => {
      const text = story('Reporting by Nell Farrow; Editing by Tom Aske', 'Photo: Reuters/Iris Vane', 'Share this', 'Related', TEASER);
      assert.ok(bodyText(text).endsWith('Photo: Reuters/Iris Vane'));
    });
  });

  describe('no boilerplate', () => {
    it('the body is the whole text, trimmed', () => {
      const text = '\n\n  ' + [HEAD, P1, P2].join('\n\n') + '\n\n \n';
      const { body } = findBody(text);
      assert.equal(text.slice(body.start, body.end), [HEAD, P1, P2].join('\n\n'));
    });

    it('an empty or blank text has an empty body', () => {
      assert.deepEqual(findBody(''), { body: { start: 0, end: 0 }, headline: null });
      assert.equal(findBody(' \n \n').headline, null);
    });

    it('works with CRLF line ends and no-break spaces', () => {
      const text = [HEAD, P1, P2 + '\u00a0', 'Related', TEASER].join('\r\n\r\n');
      assert.ok(bodyText(text).endsWith(P2));
    });
  });

  describe('headline', () => {
    const headline = (text: string): string | null => {
      const h = findBody(text).headline;
      return h === null ? null : text.slice(h.start, h.end);
    };

    it('is the first non-empty line when short', () => {
      assert.equal(headline('\n' + story()), HEAD);
      assert.equal(headline('Bridge to reopen.\n\n' + P1), 'Bridge to reopen.');
    });

    it('is not a line with a sentence end inside (abbreviations allowed)', () => {
      assert.equal(headline(P1 + ' It will cost less.\n\n' + P2), null);
      assert.equal(headline('U.S. envoy meets Mr. Quill in St. Paul\n\n' + P1), 'U.S. envoy meets Mr. Quill in St. Paul');
      assert.equal(headline('Quill Wins Again. Rivals Say The Count Was Fair\n\n' + P1), 'Quill Wins Again. Rivals Say The Count Was Fair');
    });

    it('is not a long line, a lone line, a byline or a wrapped paragraph', () => {
      assert.equal(headline('x'.repeat(250) + '\n\n' + P1), null);
      assert.equal(headline(HEAD), null);
      assert.equal(headline('By Nell Farrow\n\n' + P1), null);
      assert.equal(headline('The old river bridge will reopen in April, the\nmayor told reporters on Monday.'), null);
    });
  });

  describe('boilerplateKind', () => {
    it('normalises case, apostrophes, bullets and counts', () => {
      assert.equal(normalizeLine('  » EDITOR’S  Choice:  '), "editor's choice");
      assert.equal(boilerplateKind('Comments (3)'), 'section');
      assert.equal(boilerplateKind('Read the rest here.'), 'closing');
      assert.equal(boilerplateKind('ADVERTISEMENT'), 'inline');
      assert.equal(boilerplateKind('___'), 'inline');
      assert.equal(boilerplateKind('Popular support for the bridge is high.'), null);
    });
  });

  it('handles a 1 MB line without newlines in well under a second', () => {
    const line = 'word '.repeat(200_000) + 'Related. ' + 'a'.repeat(10_000) + '.';
    const t0 = Date.now();
    const { body } = findBody(line);
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(body.end, line.length);
  });
});
