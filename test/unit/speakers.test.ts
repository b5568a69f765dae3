// Who speaks, in the cases a first user and a reviewer tripped over: a name set after a description,
// a quotation followed by a long source, credit lines that look like speech, speakers carried over
// several paragraphs, and text with lone CR line ends. Made-up sentences only.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core';
import { entity, field, para, quoteWith, run, summary } from './helpers';

describe('who speaks', () => {
  describe('a name set after a description', () => {
    it('"Keller\'s lawyer, Anne Burke, said" is Anne Burke, and so is the "she" after it', () => {
      const text = para(
        'Prosecutor Maria Gomez told the court that the defendant, John Keller, had hidden the money abroad.',
        'Keller\'s lawyer, Anne Burke, said her client would appeal. "He is innocent," she said.',
      );
      const a = run(text);
      field(quoteWith(text, 'her client would appeal', a).speaker, 'Anne Burke', 'speaker of the reported speech', a, text);
      field(quoteWith(text, 'He is innocent', a).speaker, 'Anne Burke', 'speaker of "He is innocent"', a, text);
    });

    it('"The chief executive, Marta Ruiz, said" names Marta Ruiz: not anonymous, titled', () => {
      const text = 'The chief executive, Marta Ruiz, said the board would decide next month.';
      const a = run(text);
      const q = quoteWith(text, 'the board would decide', a);
      field(q.speaker, 'Marta Ruiz', 'speaker', a, text);
      field(q.anonymous, false, 'anonymous', a, text);
      field(entity(a, 'Marta Ruiz').title, 'chief executive', 'title', a, text);
    });

    it('"The mayor of Eastbridge, Helen Okafor," gives her the title "mayor of Eastbridge"', () => {
      const text = para('The mayor of Eastbridge, Helen Okafor, defended the tram line on Tuesday.', '"It will be finished," Okafor said.');
      const a = run(text);
      field(entity(a, 'Helen Okafor').title, 'mayor of Eastbridge', 'title', a, text);
      field(quoteWith(text, 'It will be finished', a).speaker, 'Helen Okafor', 'speaker', a, text);
    });
  });

  describe('a quotation followed by its source', () => {
    it('"“...,” Mick Dalton, head of the union, told a rally" — the quotation is his, the rally only listens', () => {
      const text = '"We will not back down," Mick Dalton, head of the rail workers\' union, told a rally outside the station.';
      const a = run(text);
      const q = quoteWith(text, 'We will not back down', a);
      field(q.content, 'We will not back down', 'content', a, text);
      field(q.kind, 'direct', 'kind', a, text);
      field(q.speaker, 'Mick Dalton', 'speaker', a, text);
      assert.ok(q.source?.startsWith('Mick Dalton'), `source starts with the name:\n${summary(a, text)}`);
    });

    it('"“A,” curator Paul Asher said, “B.”" — one quote in two pieces, the role kept in the source', () => {
      const text = '"The collection survived," curator Paul Asher said, "but the building needs another six months of work."';
      const a = run(text);
      const q = quoteWith(text, 'The collection survived', a);
      field(q.pieces, ['The collection survived', 'but the building needs another six months of work.'], 'pieces', a, text);
      field(q.source, 'curator Paul Asher', 'source', a, text);
      field(q.speaker, 'Paul Asher', 'speaker', a, text);
    });

    it('"Rep. Jim Jordan (R-Ohio), an oversight panel member, said" keeps the name, party and role', () => {
      const text = '"They would just go get them," Rep. Jim Jordan (R-Ohio), an oversight panel member, said.';
      const a = run(text);
      const q = quoteWith(text, 'They would just go get them', a);
      field(q.source, 'Rep. Jim Jordan (R-Ohio), an oversight panel member', 'source', a, text);
      field(q.speaker, 'Jim Jordan', 'speaker', a, text);
    });

    it('"The chief executive, Marta Ruiz, said the plan works" — no inversion when a source stands before the cue', () => {
      const text = 'The chief executive, Marta Ruiz, said the plan works.';
      const a = run(text);
      const q = quoteWith(text, 'the plan works', a);
      field(q.speaker, 'Marta Ruiz', 'speaker', a, text);
      field(q.content, 'the plan works', 'content', a, text);
    });

    it('"X, Y, defended the plan on Tuesday" is no inverted "..., said X": the plan does not speak', () => {
      const text = 'The mayor of Eastbridge, Helen Okafor, defended the city\'s new tram line on Tuesday in a speech to the council.';
      const a = run(text);
      for (const q of a.quotes) {
        assert.ok(!q.source?.text.includes('tram line'), `the tram line is no source:\n${summary(a, text)}`);
      }
    });
  });

  describe('credit lines are not speech', () => {
    it('"Photo: ...", "Photograph: ..." and "(Additional reporting by ...)" give no quotes and no people', () => {
      const text = para(
        'Museum to reopen after flood repairs',
        '"The collection survived," curator Paul Asher said.',
        'Photo: Reuters/Iris Vane',
        'Photograph: Alamy',
        '(Reporting by Lena Marsh; Additional reporting by Omar Haddad; Editing by Giles Barton)',
      );
      const a = run(text);
      field(a.quotes.length, 1, 'number of quotes', a, text);
      for (const name of ['Photo', 'Photograph', 'Alamy', 'Additional', 'Reuters/Iris Vane']) {
        assert.ok(!a.entities.some((e) => e.name === name), `no entity "${name}":\n${summary(a, text)}`);
      }
      assert.ok(a.credits.some((c) => c.kind === 'contributor' && c.names.includes('Lena Marsh')), 'the contributor line is a credit');
    });

    it('a quotation after a dateline-trimmed attribution keeps its speaker', () => {
      const text = 'LONDON (AP) — Rail workers will strike next week, union boss Mick Lynch said.\n“It will be a long and hard dispute for everyone.”';
      const a = run(text);
      field(quoteWith(text, 'long and hard dispute', a).speaker, 'Mick Lynch', 'speaker of the uncued quotation', a, text);
    });

    it('a dateline is not part of the reported clause, nor an organisation', () => {
      const text = 'LONDON (AP) — Rail workers walked out on Monday, union leaders said.';
      const a = run(text);
      const q = quoteWith(text, 'Rail workers walked out', a);
      field(q.content, 'Rail workers walked out on Monday', 'content', a, text);
      assert.ok(!a.entities.some((e) => e.name === 'LONDON'), `no entity "LONDON":\n${summary(a, text)}`);
    });

    it('a heading with a colon ("Transcript: ...") is no speaker; a name in capitals is', () => {
      const text = para('Transcript: Interview with Finance Minister Laura Benedetti', 'PRICE: Is the government doing enough?', 'BENEDETTI: We are doing everything we can.');
      const a = run(text);
      field(a.quotes.length, 2, 'number of quotes', a, text);
      field(quoteWith(text, 'We are doing everything', a).speaker, 'Laura Benedetti', 'speaker of the answer', a, text);
    });
  });

  describe('speakers carried over paragraphs', () => {
    it('a quotation with no cue continues the speaker of the paragraph before it, even after later attributions', () => {
      const text = para(
        'Mayor Ilse Marr said that the vote on the harbour would be held in May.',
        '"We have waited a very long time for this," she said.',
        'Council leader Tomas Jones said that the ferries would run every hour.',
        '"Nobody in this town expected it to happen so quickly."',
      );
      const a = run(text);
      field(quoteWith(text, 'Nobody in this town', a).speaker, 'Tomas Jones', 'speaker of the uncued quotation', a, text);
    });

    it('a run of uncued quotation paragraphs keeps its speaker past the second', () => {
      const text = para(
        '"The harbour will reopen next spring," Ilse Marr said.',
        '"We have waited a very long time for this moment."',
        '"Nobody in this town expected it to happen so quickly."',
        '"I want to thank every single volunteer who helped."',
      );
      const a = run(text);
      field(quoteWith(text, 'I want to thank', a).speaker, 'Ilse Marr', 'speaker of the fourth paragraph', a, text);
    });

    it('"X said “...” and added that ..." keeps the quotation whole, closing mark included', () => {
      const text = 'Lavrov said "we will see this through to the end" and added that talks would resume.';
      const a = run(text);
      const q = a.quotes.find((x) => x.content.some((p) => text.slice(p.start, p.end).includes('we will see')));
      assert.ok(q, summary(a, text));
      const piece = text.slice(q.content[0]!.start, q.content[q.content.length - 1]!.end);
      assert.ok(piece.includes('end"'), `the closing mark stays in the content: ${JSON.stringify(piece)}`);
      field(quoteWith(text, 'talks would resume', a).speaker, 'Lavrov', 'speaker of the added clause', a, text);
    });
  });

  describe('British copy', () => {
    it("short single-quoted quotations before their source are found: ‘Go there,’ Smith said", () => {
      for (const text of ['‘Go there,’ Smith said.', "'How many times?' Clinton said."]) {
        const a = run(text);
        field(a.quotes.length, 1, `number of quotes in ${text}`, a, text);
        field(a.quotes[0]!.kind, 'direct', 'kind', a, text);
      }
    });

    it("apostrophes are no quotation: the '90s, the students' union", () => {
      const text = "The '90s were good for the students', he said.";
      const a = run(text);
      for (const q of a.quotes) field(q.kind, 'indirect', 'kind of every quote', a, text);
    });

    it("a quotation in single marks is direct and has its speaker", () => {
      const text = "'We are already running at full capacity,' said Dr Rajesh Kumar, chief executive of Northfield Hospitals Trust.";
      const a = run(text);
      const q = quoteWith(text, 'running at full capacity', a);
      field(q.kind, 'direct', 'kind', a, text);
      field(q.speaker, 'Rajesh Kumar', 'speaker', a, text);
    });
  });

  describe('line ends', () => {
    it('text with lone CR line ends finds the same body end as with LF', () => {
      const lf = para('Mayor backs ferry plan', 'The mayor said the ferries would run again.', 'Related articles', 'Putin said "we will win".');
      const cr = lf.replace(/\n/g, '\r');
      const a = analyze(lf);
      const b = analyze(cr);
      assert.equal(b.body.end, a.body.end);
      assert.ok(lf.slice(a.body.end).includes('Related articles'));
    });
  });
});
