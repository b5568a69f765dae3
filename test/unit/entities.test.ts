// Entities and the resolution of sources to them (src/core/entities.ts), through analyze(): short
// names, pronouns, descriptions, unnamed sources, titles, clean names, types. All sentences are
// made up (invented people; real place names only as places); nothing comes from the corpus.
import { strict as assert } from 'node:assert';
import { entitiesSummary, entity, field as check, para, quoteWith, run, summary } from './helpers';

describe('entities and speakers', () => {
  describe('names and their short forms', () => {
    it('a full name and later surname-only mentions are one entity; the surname is an alias', () => {
      const text = para('Ilse Marr has chaired the harbour board since 2019.', 'On Friday, Marr said fares on the night ferry would rise in May.');
      const a = run(text);
      const marrs = a.entities.filter((e) => /Marr/.test(e.name));
      check(marrs.map((e) => e.name), ['Ilse Marr'], 'entities named after Marr', a, text);
      const marr = marrs[0]!;
      const alias = marr.mentions.find((m) => m.text === 'Marr');
      assert.ok(alias, `"Marr" is a mention of Ilse Marr:\n${entitiesSummary(a)}`);
      check(alias.via, 'alias', 'via of the surname-only mention', a, text);
      check(marr.type, 'person', 'type', a, text);
    });

    it('a quote whose source is the surname alone has the full-name entity as speaker', () => {
      const text = para('Tomasz Wilk leads the dockers at the port of Gdynia.', '“We learned about the sale from the radio,” Wilk said.');
      const a = run(text);
      const q = quoteWith(text, 'We learned about the sale', a);
      check(q.source, 'Wilk', 'source', a, text);
      check(q.speaker, 'Tomasz Wilk', 'speaker', a, text);
    });

    it('the canonical name is the longest, even when the surname comes first', () => {
      const text = para('Okafor has piloted ships into the harbour for thirty years.', 'Ruth Okafor said the channel had not been dredged since the war.');
      const a = run(text);
      const okafors = a.entities.filter((e) => /Okafor/.test(e.name));
      check(okafors.map((e) => e.name), ['Ruth Okafor'], 'entities named after Okafor', a, text);
      check(okafors[0]!.mentions.map((m) => m.text), ['Okafor', 'Ruth Okafor'], 'mentions of Ruth Okafor', a, text);
    });

    it('an honorific starts a mention but is not part of the name', () => {
      const text = para('Ms. Ilse Marr chairs the harbour board.', 'Ms. Marr said the board would meet again on Monday.');
      const a = run(text);
      const q = quoteWith(text, 'the board would meet again', a);
      check(q.speaker, 'Ilse Marr', 'speaker (name without "Ms.")', a, text);
    });
  });

  describe('pronouns', () => {
    it('"she" resolves to the woman, even when a man was named after her', () => {
      const text = para('Maria Lindqvist met Peter Novak at the harbour on Monday.', 'She said the talks had failed.');
      const a = run(text);
      const q = quoteWith(text, 'the talks had failed', a);
      check(q.source, 'She', 'source', a, text);
      check(q.speaker, 'Maria Lindqvist', 'speaker of "She"', a, text);
    });

    it('"he" resolves to the man, even when a woman was named after him', () => {
      const text = para('Peter Novak met Maria Lindqvist at the harbour on Monday.', 'He said the union would strike on Friday.');
      const a = run(text);
      const q = quoteWith(text, 'the union would strike', a);
      check(q.source, 'He', 'source', a, text);
      check(q.speaker, 'Peter Novak', 'speaker of "He"', a, text);
    });

    it('with two people of different gender, each pronoun finds its own', () => {
      const text = para(
        'Maria Lindqvist and Peter Novak spent six hours in talks on Monday.',
        'She said the port could not pay more this year. He said the dockers would not wait another year.',
      );
      const a = run(text);
      check(quoteWith(text, 'the port could not pay', a).speaker, 'Maria Lindqvist', 'speaker of "She"', a, text);
      check(quoteWith(text, 'the dockers would not wait', a).speaker, 'Peter Novak', 'speaker of "He"', a, text);
    });

    it('"he" after two men speak resolves to the last speaker', () => {
      const text = para(
        '“We will strike on Friday,” said Peter Novak, who leads the dockers.',
        '“We will not pay a cent more,” said John Harlow, the port’s director.',
        'He added that the port had lost money for three years.',
      );
      const a = run(text);
      const q = quoteWith(text, 'the port had lost money', a);
      check(q.source, 'He', 'source', a, text);
      check(q.speaker, 'John Harlow', 'speaker of "He" (the last man who spoke)', a, text);
    });

    it('a resolved pronoun is added to the entity as a mention via "pronoun"', () => {
      const text = para('Maria Lindqvist met Peter Novak at the harbour on Monday.', 'She said the talks had failed.');
      const a = run(text);
      const maria = entity(a, 'Maria Lindqvist');
      const she = maria.mentions.find((m) => m.text === 'She');
      assert.ok(she, `"She" is a mention of Maria Lindqvist:\n${entitiesSummary(a)}`);
      check(she.via, 'pronoun', 'via of "She"', a, text);
    });
  });

  describe('descriptions', () => {
    it('"the minister" resolves to the person whose title is minister, not to the mayor', () => {
      const text = para('Foreign Minister Anna Kovacs met Mayor Jonas Petraitis in Riga on Monday.', 'The minister said the border would stay open through the winter.');
      const a = run(text);
      const q = quoteWith(text, 'the border would stay open', a);
      check(q.source, 'The minister', 'source', a, text);
      check(q.speaker, 'Anna Kovacs', 'speaker of "The minister"', a, text);
      check(q.anonymous, false, 'anonymous (the minister is named in the article)', a, text);
    });

    it('"the mayor" resolves to the mayor, not to the minister named before', () => {
      const text = para('Mayor Jonas Petraitis met Foreign Minister Anna Kovacs in Riga on Monday.', 'The mayor said the city would open two more shelters.');
      const a = run(text);
      const q = quoteWith(text, 'two more shelters', a);
      check(q.speaker, 'Jonas Petraitis', 'speaker of "The mayor"', a, text);
    });

    it('a resolved description is added to the entity as a mention via "description"', () => {
      const text = para('Foreign Minister Anna Kovacs met Mayor Jonas Petraitis in Riga on Monday.', 'The minister said the border would stay open through the winter.');
      const a = run(text);
      const kovacs = entity(a, 'Anna Kovacs');
      const desc = kovacs.mentions.find((m) => m.text === 'The minister');
      assert.ok(desc, `"The minister" is a mention of Anna Kovacs:\n${entitiesSummary(a)}`);
      check(desc.via, 'description', 'via of "The minister"', a, text);
    });
  });

  describe('unnamed sources', () => {
    it('"a source close to X" is anonymous with no speaker', () => {
      const text = 'A source close to the harbour board said the sale had been agreed in March.';
      const a = run(text);
      const q = quoteWith(text, 'the sale had been agreed', a);
      check(q.source, 'A source close to the harbour board', 'source', a, text);
      check(q.speaker, null, 'speaker', a, text);
      check(q.anonymous, true, 'anonymous', a, text);
    });

    it('"two senior officials" is anonymous with no speaker', () => {
      const text = 'Two senior officials said the border would stay open through the winter.';
      const a = run(text);
      const q = quoteWith(text, 'the border would stay open', a);
      check(q.source, 'Two senior officials', 'source', a, text);
      check(q.speaker, null, 'speaker', a, text);
      check(q.anonymous, true, 'anonymous', a, text);
    });

    it('bare "officials" is anonymous with no speaker', () => {
      const text = 'Officials said the night ferry would run again on Sunday.';
      const a = run(text);
      const q = quoteWith(text, 'the night ferry would run', a);
      check(q.source, 'Officials', 'source', a, text);
      check(q.speaker, null, 'speaker', a, text);
      check(q.anonymous, true, 'anonymous', a, text);
    });

    it('an unnamed source after the content ("..., a diplomat said.") is anonymous', () => {
      const text = 'The talks will resume in Vienna next week, a Western diplomat said.';
      const a = run(text);
      const q = quoteWith(text, 'The talks will resume', a);
      check(q.source, 'a Western diplomat', 'source', a, text);
      check(q.speaker, null, 'speaker', a, text);
      check(q.anonymous, true, 'anonymous', a, text);
    });

    it('a named person is never anonymous', () => {
      const text = 'Ilse Marr said the sale had been agreed in March.';
      const a = run(text);
      const q = quoteWith(text, 'the sale had been agreed', a);
      check(q.anonymous, false, 'anonymous', a, text);
      check(q.speaker, 'Ilse Marr', 'speaker', a, text);
    });
  });

  describe('clean names', () => {
    it('trailing punctuation is never part of a name ("Anton Belov," → "Anton Belov")', () => {
      const text = 'Anton Belov, the Russian foreign minister, said the talks would resume in Vienna.';
      const a = run(text);
      const belov = entity(a, 'Anton Belov');
      check(belov.mentions.map((m) => m.text), ['Anton Belov'], 'mentions of Anton Belov', a, text);
    });

    it("a possessive is never part of a name (\"Ankara's\" → mention \"Ankara\")", () => {
      const text = "Ankara's offer was rejected by the dockers on Tuesday.";
      const a = run(text);
      const texts = a.entities.flatMap((e) => e.mentions.map((m) => m.text));
      assert.ok(texts.includes('Ankara'), `a mention "Ankara" exists:\n${entitiesSummary(a)}`);
      const dirty = a.entities.filter((e) => /['’]s?$/.test(e.name) || e.mentions.some((m) => /['’]s?$/.test(m.text)));
      check(dirty.map((e) => e.name), [], 'entities with a possessive in the name or a mention', a, text);
    });

    it('a curly possessive is never part of a name ("Peter Novak’s" → "Peter Novak")', () => {
      const text = 'Peter Novak’s union said the strike would go on until the port paid its debts.';
      const a = run(text);
      const novak = entity(a, 'Peter Novak');
      check(novak.mentions.map((m) => m.text), ['Peter Novak'], 'mentions of Peter Novak', a, text);
    });
  });

  describe('titles', () => {
    it('"Foreign Minister X" — the title is "Foreign Minister", the name is without it', () => {
      const text = 'Foreign Minister Anna Kovacs said the border would stay open.';
      const a = run(text);
      const kovacs = entity(a, 'Anna Kovacs');
      check(kovacs.title, 'Foreign Minister', 'title', a, text);
      check(quoteWith(text, 'the border would stay open', a).speaker, 'Anna Kovacs', 'speaker', a, text);
    });

    it('"Estonian Foreign Minister X" — a nationality belongs to the title', () => {
      const text = 'The talks ended on Monday. Estonian Foreign Minister Anna Kovacs said the border would stay open.';
      const a = run(text);
      check(entity(a, 'Anna Kovacs').title, 'Estonian Foreign Minister', 'title', a, text);
    });

    it('"X, the Russian foreign minister," — the appositive is the title', () => {
      const text = 'Anton Belov, the Russian foreign minister, said the talks would resume in Vienna.';
      const a = run(text);
      const belov = entity(a, 'Anton Belov');
      assert.ok(belov.title !== null && /^(?:the )?Russian foreign minister$/.test(belov.title), `title is "Russian foreign minister", got ${JSON.stringify(belov.title)}`);
      check(quoteWith(text, 'the talks would resume', a).speaker, 'Anton Belov', 'speaker', a, text);
    });

    it('"his counterpart, X," — the description before the name is the title', () => {
      const text = para('Anton Belov met his Latvian counterpart, Anna Kovacs, in Riga on Monday.', 'Kovacs said the border would stay open.');
      const a = run(text);
      const kovacs = entity(a, 'Anna Kovacs');
      check(kovacs.title, 'Latvian counterpart', 'title', a, text);
    });
  });

  describe('types', () => {
    it('organisations are typed organization', () => {
      const text = 'The Baltic Shipping Company said on Friday it would cut two hundred jobs.';
      const a = run(text);
      const org = a.entities.find((e) => /Baltic Shipping Company/.test(e.name));
      assert.ok(org, `an entity "Baltic Shipping Company":\n${entitiesSummary(a)}`);
      check(org.type, 'organization', 'type of Baltic Shipping Company', a, text);
    });

    it('places are typed place', () => {
      const text = 'The ferry from Tallinn to Helsinki was cancelled on Sunday because of the storm.';
      const a = run(text);
      for (const name of ['Tallinn', 'Helsinki']) {
        const e = a.entities.find((x) => x.name === name);
        assert.ok(e, `an entity "${name}":\n${entitiesSummary(a)}`);
        check(e.type, 'place', `type of ${name}`, a, text);
      }
    });

    it('people are typed person', () => {
      const text = 'Tomasz Wilk said the strike would go on.';
      const a = run(text);
      check(entity(a, 'Tomasz Wilk').type, 'person', 'type of Tomasz Wilk', a, text);
    });

    it('a quote from an organisation has the organisation as speaker', () => {
      const text = 'The European Commission said on Thursday it would review the ferry subsidies.';
      const a = run(text);
      const q = quoteWith(text, 'it would review the ferry subsidies', a);
      assert.ok(q.speaker !== null && /European Commission/.test(q.speaker), `speaker is the European Commission, got ${JSON.stringify(q.speaker)}\n${summary(a, text)}`);
      const e = a.entities.find((x) => x.id === q.quote.speaker)!;
      check(e.type, 'organization', 'type of the speaker', a, text);
      check(q.anonymous, false, 'anonymous', a, text);
    });
  });

  describe('consistency', () => {
    const text = para(
      'Foreign Minister Anna Kovacs met Tomasz Wilk, head of the dockers’ union, in Riga on Monday.',
      '“The border will stay open,” Kovacs said. “Nobody will be turned back.”',
      'Wilk said the union would not strike while talks went on.',
      'Officials said a deal was still far off.',
      'He added that the port owed his members three months of wages.',
    );

    it('every speaker id of a quote is an entity of the analysis', () => {
      const a = run(text);
      const ids = new Set(a.entities.map((e) => e.id));
      const missing = a.quotes.filter((q) => q.speaker !== null && !ids.has(q.speaker));
      check(missing.map((q) => `${q.id}→${q.speaker}`), [], 'quotes whose speaker is not an entity', a, text);
      const named = a.quotes.filter((q) => q.speaker !== null).length;
      assert.ok(named >= 3, `at least three quotes of this text have a speaker, got ${named}\n${summary(a, text)}`);
    });

    it('the source span of a quote with a speaker is one of that speaker\'s mentions', () => {
      const a = run(text);
      const bad: string[] = [];
      for (const q of a.quotes) {
        if (!q.speaker || !q.source) continue;
        const e = a.entities.find((x) => x.id === q.speaker)!;
        const covered = e.mentions.some((m) => m.start >= q.source!.start && m.end <= q.source!.end);
        if (!covered) bad.push(`${q.id} source ${JSON.stringify(q.source.text)} → ${e.name}`);
      }
      check(bad, [], 'quotes whose source holds no mention of their speaker', a, text);
    });

    it('each speaker of this exchange resolves to the right person', () => {
      const a = run(text);
      check(quoteWith(text, 'The border will stay open', a).speaker, 'Anna Kovacs', 'speaker of the border quote', a, text);
      check(quoteWith(text, 'the union would not strike', a).speaker, 'Tomasz Wilk', 'speaker of the strike quote', a, text);
      const deal = quoteWith(text, 'a deal was still far off', a);
      check(deal.anonymous, true, 'the officials are anonymous', a, text);
      check(deal.speaker, null, 'the officials have no speaker', a, text);
      check(quoteWith(text, 'the port owed his members', a).speaker, 'Tomasz Wilk', 'speaker of "He added" (the last named speaker, the officials being unnamed)', a, text);
    });
  });
});
