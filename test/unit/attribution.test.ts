// Who said what, through analyze(): the attribution patterns of news writing, each on made-up
// sentences (invented people and places; nothing here comes from the corpus). Each test names one
// behaviour a reader of the annotated article would notice and checks the content text, the cue,
// the source and the kind.
//
// Content is compared by its words: quotation marks around a piece and the comma that hands over
// to the reporting clause ('“...,” she said') are the system's to include or not, so they are
// stripped before comparing. For reported speech a leading complementiser "that" is accepted
// with or without (PolNeAR includes it; the words after it are what the reader checks).
import { strict as assert } from 'node:assert';
import { field, para, quoteWith, reported, run } from './helpers';

describe('attribution', () => {
  describe('reported speech with a verb of saying', () => {
    it('"X said that ..." — content is the reported clause, the subject is the source', () => {
      const text = 'Mayor Dana Whitlock said that the bridge over the Lenna would reopen in June.';
      const a = run(text);
      const q = quoteWith(text, 'the bridge over the Lenna', a);
      field(reported(q.content), 'the bridge over the Lenna would reopen in June', 'content (after an optional "that")', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Mayor Dana Whitlock', 'source', a, text);
      field(q.kind, 'indirect', 'kind', a, text);
    });

    it('"X said ..." without "that" — content starts right after the cue', () => {
      const text = 'The ferry operator said fares would rise by a tenth in May.';
      const a = run(text);
      const q = quoteWith(text, 'fares would rise', a);
      field(q.content, 'fares would rise by a tenth in May', 'content', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'The ferry operator', 'source', a, text);
      field(q.kind, 'indirect', 'kind', a, text);
    });

    it('"..., X said." — the clause before the comma is the content, the name after it the source', () => {
      const text = 'Fares on the night ferry will rise by a tenth in May, Ilse Marr said on Friday.';
      const a = run(text);
      const q = quoteWith(text, 'Fares on the night ferry', a);
      field(q.content, 'Fares on the night ferry will rise by a tenth in May', 'content (without "Ilse Marr said on Friday")', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
      field(q.speaker, 'Ilse Marr', 'speaker', a, text);
      field(q.kind, 'indirect', 'kind', a, text);
    });

    it('"..., said X." — inverted order, the name after the cue is the source', () => {
      const text = 'The strike will end when the port pays its debts, said Tomasz Wilk.';
      const a = run(text);
      const q = quoteWith(text, 'The strike will end', a);
      field(q.content, 'The strike will end when the port pays its debts', 'content', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Tomasz Wilk', 'source', a, text);
      field(q.speaker, 'Tomasz Wilk', 'speaker', a, text);
    });

    it('"..., said X, head of Y." — the speaker is the person, not the appositive', () => {
      const text = 'The strike will go on until the port pays its debts, said Tomasz Wilk, head of the dockers’ union.';
      const a = run(text);
      const q = quoteWith(text, 'The strike will go on', a);
      field(q.content, 'The strike will go on until the port pays its debts', 'content', a, text);
      assert.ok(q.source?.startsWith('Tomasz Wilk'), `source starts with the name "Tomasz Wilk", got ${JSON.stringify(q.source)}`);
      field(q.speaker, 'Tomasz Wilk', 'speaker', a, text);
    });

    it('"..., X said on Tuesday at a news conference." — time and place after the cue are not content', () => {
      const text = 'The pier will reopen in June, Dana Whitlock said on Tuesday at a news conference.';
      const a = run(text);
      const q = quoteWith(text, 'The pier will reopen', a);
      field(q.content, 'The pier will reopen in June', 'content', a, text);
      field(q.source, 'Dana Whitlock', 'source', a, text);
    });

    it('"X told Y that ..." — the listener is neither content nor source', () => {
      const text = 'Ilse Marr told reporters that the board would sell two of its three ferries.';
      const a = run(text);
      const q = quoteWith(text, 'the board would sell', a);
      field(reported(q.content), 'the board would sell two of its three ferries', 'content (after an optional "that")', a, text);
      field(q.cue, 'told', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
      field(q.kind, 'indirect', 'kind', a, text);
    });

    it('"X told Y ..." without "that" — the listener is skipped', () => {
      const text = 'Ilse Marr told the Harbour Gazette the sale of the ferries was final.';
      const a = run(text);
      const q = quoteWith(text, 'the sale of the ferries', a);
      field(q.content, 'the sale of the ferries was final', 'content (without "the Harbour Gazette")', a, text);
      field(q.cue, 'told', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
    });

    it('"X stressed that ..." — other speech verbs are cues too', () => {
      const text = 'Tomasz Wilk stressed that no member of the union would cross the picket line.';
      const a = run(text);
      const q = quoteWith(text, 'no member of the union', a);
      field(reported(q.content), 'no member of the union would cross the picket line', 'content', a, text);
      field(q.cue, 'stressed', 'cue', a, text);
      field(q.source, 'Tomasz Wilk', 'source', a, text);
    });

    it('"X, for his part, said ..." — the aside is not part of the source', () => {
      const text = 'Tomasz Wilk, for his part, said the union had not been consulted about the sale.';
      const a = run(text);
      const q = quoteWith(text, 'the union had not been consulted', a);
      field(q.content, 'the union had not been consulted about the sale', 'content', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Tomasz Wilk', 'source (without ", for his part,")', a, text);
    });

    it('"X said A but added B" — two quotes, each with its own content and cue', () => {
      const text = 'Ilse Marr said the board had sold one ferry but added that the other two would stay in service.';
      const a = run(text);
      const first = quoteWith(text, 'the board had sold one ferry', a);
      const second = quoteWith(text, 'the other two would stay', a);
      field(first.content, 'the board had sold one ferry', 'first content ends before "but added"', a, text);
      field(first.cue, 'said', 'first cue', a, text);
      field(reported(second.content), 'the other two would stay in service', 'second content', a, text);
      field(second.cue, 'added', 'second cue', a, text);
      field(second.speaker, 'Ilse Marr', 'second speaker (the same subject)', a, text);
    });

    it('"..., sources said." — a trailing attribution claims the whole clause before it', () => {
      const text = 'Dana Whitlock expects the pier to reopen in June, two council officials said.';
      const a = run(text);
      const q = quoteWith(text, 'the pier to reopen', a);
      field(q.content, 'Dana Whitlock expects the pier to reopen in June', 'content', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'two council officials', 'source', a, text);
      field(q.anonymous, true, 'anonymous', a, text);
    });

    it('"..., sources said." — a non-speech verb inside the content is not a second quote', () => {
      const text = 'Dana Whitlock expects the pier to reopen in June, sources said.';
      const a = run(text);
      field(a.quotes.length, 1, 'number of quotes ("expects" inside the reported clause is not an attribution of its own)', a, text);
      const q = quoteWith(text, 'the pier to reopen', a);
      field(q.source, 'sources', 'source', a, text);
      field(q.cue, 'said', 'cue', a, text);
    });

    it('"X said A, but officials said B" — the second attribution ends the first content', () => {
      const text = 'Tomasz Wilk said the union would not strike while talks went on, but officials said a deal was far off.';
      const a = run(text);
      const first = quoteWith(text, 'the union would not strike', a);
      field(first.content, 'the union would not strike while talks went on', 'first content (ends before ", but officials said")', a, text);
      field(first.speaker, 'Tomasz Wilk', 'first speaker', a, text);
      const second = quoteWith(text, 'a deal was far off', a);
      field(second.content, 'a deal was far off', 'second content', a, text);
      field(second.source, 'officials', 'second source', a, text);
      field(second.anonymous, true, 'second anonymous', a, text);
    });
  });

  describe('according to', () => {
    it('"According to X, ..." — the clause after the comma is the content', () => {
      const text = 'According to Ilse Marr, the harbour board has run out of money.';
      const a = run(text);
      const q = quoteWith(text, 'the harbour board has run out', a);
      field(q.content, 'the harbour board has run out of money', 'content', a, text);
      field(q.cue, 'According to', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
      field(q.kind, 'indirect', 'kind', a, text);
    });

    it('"..., according to X." — the clause before the comma is the content', () => {
      const text = 'The harbour board has run out of money, according to Ilse Marr.';
      const a = run(text);
      const q = quoteWith(text, 'The harbour board has run out', a);
      field(q.content, 'The harbour board has run out of money', 'content', a, text);
      field(q.cue, 'according to', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
    });
  });

  describe('direct quotations', () => {
    it('"“...,” X said." — direct, content is the quotation', () => {
      const text = '“The pier is safe for now,” Dana Whitlock said.';
      const a = run(text);
      const q = quoteWith(text, 'The pier is safe', a);
      field(q.pieces, ['The pier is safe for now'], 'content pieces', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Dana Whitlock', 'source', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"“...?” asked X." — a question is quoted with its own cue', () => {
      const text = '“Who will pay for the new pier?” asked Tomasz Wilk.';
      const a = run(text);
      const q = quoteWith(text, 'Who will pay', a);
      field(q.pieces, ['Who will pay for the new pier?'], 'content pieces', a, text);
      field(q.cue, 'asked', 'cue', a, text);
      field(q.source, 'Tomasz Wilk', 'source', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"X said: “...”" — a colon introduces the quotation', () => {
      const text = 'Ilse Marr said: “We have no money left for the night ferry.”';
      const a = run(text);
      const q = quoteWith(text, 'We have no money left', a);
      field(q.pieces, ['We have no money left for the night ferry.'], 'content pieces', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"X said:" closing a paragraph introduces the next paragraph\'s quotation', () => {
      const text = para('Asked about the ferries on Friday, Ilse Marr said:', '“We will keep the morning boat and sell the rest.”');
      const a = run(text);
      const q = quoteWith(text, 'We will keep the morning boat', a);
      field(q.pieces, ['We will keep the morning boat and sell the rest.'], 'content pieces', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"..., saying: “...”" — the subject of the clause says the quotation', () => {
      const text = 'Tomasz Wilk rejected the offer on Monday, saying: “This is not a wage, it is an insult.”';
      const a = run(text);
      const q = quoteWith(text, 'This is not a wage', a);
      field(q.pieces, ['This is not a wage, it is an insult.'], 'content pieces', a, text);
      field(q.cue, 'saying', 'cue', a, text);
      field(q.source, 'Tomasz Wilk', 'source', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('a quotation over two paragraphs after "X said:" is one quote with two pieces', () => {
      const text = para(
        'Ruth Okafor, a harbour pilot, said:',
        '“The harbour has silted up for years and nobody has dredged it.',
        '“Now the big ships go to Varna instead.”',
      );
      const a = run(text);
      const q = quoteWith(text, 'The harbour has silted up', a);
      field(q.pieces, ['The harbour has silted up for years and nobody has dredged it.', 'Now the big ships go to Varna instead.'], 'content pieces', a, text);
      field(q.speaker, 'Ruth Okafor', 'speaker', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });
  });

  describe('split quotations', () => {
    it('"“A,” she said. “B.”" — one quote, two content pieces', () => {
      const text = para('Aiko Brandt has run the village school for twenty years.', '“We are not closing the school,” she said. “We are moving it to the old mill.”');
      const a = run(text);
      const q = quoteWith(text, 'We are not closing the school', a);
      field(q.pieces, ['We are not closing the school', 'We are moving it to the old mill.'], 'content pieces', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'she', 'source', a, text);
      field(q.speaker, 'Aiko Brandt', 'speaker', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"“A,” he said, “B.”" — one quote, two content pieces', () => {
      const text = para('Engineer Pavel Rusu inspected the water plant on Tuesday.', '“The water is clean,” he said, “but the pipes under the square are not.”');
      const a = run(text);
      const q = quoteWith(text, 'The water is clean', a);
      field(q.pieces, ['The water is clean', 'but the pipes under the square are not.'], 'content pieces', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'he', 'source', a, text);
      field(q.speaker, 'Pavel Rusu', 'speaker', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"“A,” said X. “B.”" followed by a paragraph that continues is one quote over all its pieces', () => {
      const text = para(
        '“The harbour has silted up,” said Ruth Okafor, a harbour pilot. “Nobody has dredged it since the war.',
        '“Now the big ships go to Varna.”',
      );
      const a = run(text);
      const q = quoteWith(text, 'The harbour has silted up', a);
      field(q.pieces, ['The harbour has silted up', 'Nobody has dredged it since the war.', 'Now the big ships go to Varna.'], 'content pieces', a, text);
      field(q.speaker, 'Ruth Okafor', 'speaker', a, text);
    });
  });

  describe('mixed quotations', () => {
    it('reported speech carrying a quoted fragment is one mixed quote whose content is the reported clause', () => {
      const text = 'Ilse Marr said the night ferry had become “a luxury the town cannot afford” after the fuel tax.';
      const a = run(text);
      const q = quoteWith(text, 'the night ferry had become', a);
      field(q.content, 'the night ferry had become “a luxury the town cannot afford” after the fuel tax', 'content', a, text);
      field(q.kind, 'mixed', 'kind', a, text);
      field(q.cue, 'said', 'cue', a, text);
      field(q.source, 'Ilse Marr', 'source', a, text);
    });

    it('the quoted fragment of a mixed quote is not reported again as a quote of its own', () => {
      const text = 'Tomasz Wilk said the offer was “an insult to every docker in the port” and would be rejected.';
      const a = run(text);
      const q = quoteWith(text, 'an insult to every docker', a);
      field(q.kind, 'mixed', 'kind', a, text);
      field(q.content, 'the offer was “an insult to every docker in the port” and would be rejected', 'content', a, text);
    });
  });

  describe('quotations without a verb', () => {
    it('"“...” ― Name" — a dash signature names the speaker', () => {
      const text = para('Residents of Quay Street met on Sunday.', '“Every family on this street lost something in the flood.” ― Marta Quiroga');
      const a = run(text);
      const q = quoteWith(text, 'Every family on this street', a);
      field(q.pieces, ['Every family on this street lost something in the flood.'], 'content pieces', a, text);
      field(q.source, 'Marta Quiroga', 'source', a, text);
      field(q.speaker, 'Marta Quiroga', 'speaker', a, text);
      field(q.kind, 'direct', 'kind', a, text);
    });

    it('"NAME: ..." transcript lines are quotes of that name', () => {
      const text = para('HOST: What happens to the night ferry now?', 'MARR: We will keep it running until the end of the summer.');
      const a = run(text);
      const host = quoteWith(text, 'What happens to the night ferry', a);
      const marr = quoteWith(text, 'We will keep it running', a);
      field(host.source, 'HOST', 'first line source', a, text);
      field(host.content, 'What happens to the night ferry now?', 'first line content', a, text);
      field(marr.source, 'MARR', 'second line source', a, text);
      field(marr.content, 'We will keep it running until the end of the summer.', 'second line content', a, text);
      field(marr.cue, ':', 'cue is the colon', a, text);
      field(marr.kind, 'direct', 'kind', a, text);
    });

    it('a quotation standing alone after a speaker\'s quote is attributed to that speaker', () => {
      const text = para('“We will rebuild the pier,” Mayor Dana Whitlock said on Monday.', '“It will take two summers, maybe three, and it will cost more than we have.”');
      const a = run(text);
      const q = quoteWith(text, 'It will take two summers', a);
      field(q.speaker, 'Dana Whitlock', 'speaker of the follow-up quotation', a, text);
      field(q.kind, 'direct', 'kind', a, text);
      field(q.pieces, ['It will take two summers, maybe three, and it will cost more than we have.'], 'content pieces', a, text);
    });
  });

  describe('quotation marks that are not speech', () => {
    it('scare quotes ("the so-called “reform”") are not reported', () => {
      const text = 'Critics of the so-called “reform” gathered outside the town hall on Saturday.';
      const a = run(text);
      field(a.quotes.length, 0, 'number of quotes', a, text);
    });

    it('a film title in quotation marks is not reported', () => {
      const text = 'The festival opened with “The Last Ferry to Varna and Back”, a documentary about the harbour.';
      const a = run(text);
      field(a.quotes.length, 0, 'number of quotes', a, text);
    });

    it('a scare-quoted word inside reported speech does not make a quote of its own', () => {
      const text = 'Ilse Marr said the “reform” would close the night ferry for good.';
      const a = run(text);
      field(a.quotes.length, 1, 'number of quotes', a, text);
      const q = quoteWith(text, 'would close the night ferry', a);
      field(q.content, 'the “reform” would close the night ferry for good', 'content', a, text);
    });
  });
});
