// The entity resolver while typing (src/core/entities.ts under src/core/incremental.ts): what it
// keeps from one version of a text to the next (each paragraph's name runs, with the decisions
// that read only that paragraph) must never make the entities differ from a fresh analysis. These
// cases hit the places where a kept decision could go stale or the position index could be read
// wrongly; their expected entities are worked out by hand from the rules in entities.ts. All
// sentences are made up (invented people; real place names only as places).
import { strict as assert } from 'node:assert';
import { analyze, IncrementalAnalyzer, type Analysis } from '../../src/core';
import { para } from './helpers';

const names = (a: Analysis): string[] => a.entities.map((e) => `${e.name} (${e.type})`);

/** Analyses each version in turn with one IncrementalAnalyzer; each must be a fresh analysis byte for byte. */
function typed(versions: string[]): Analysis[] {
  const inc = new IncrementalAnalyzer();
  return versions.map((text, k) => {
    const got = inc.update(text);
    assert.equal(JSON.stringify(got), JSON.stringify(analyze(text)), `version ${k} differs from a fresh analysis:\n${text}`);
    return got;
  });
}

describe('entities while typing', () => {
  // A lone capitalised word mid-sentence is a surname unless a noun follows it; at the end of a
  // paragraph, the word that follows is the next paragraph's first: the only decision about a
  // run that reads another paragraph, so it is made again on each version.
  const first = 'The talks in Geneva were attended by several rivals, including Haftar';

  it('a lone name at the end of a paragraph is re-decided when only the next paragraph changes', () => {
    const [before, after, back] = typed([
      para(first, 'Officials said the talks had failed.'),
      para(first, 'In Tripoli, the talks failed.'),
      para(first, 'Officials said the talks had failed.'),
    ]);
    // "Officials" is a noun: "Haftar" may modify it, so it names no one.
    assert.deepEqual(names(before!), ['Geneva (place)']);
    // "In" is no noun: "Haftar" stands alone, a person.
    assert.deepEqual(names(after!), ['Geneva (place)', 'Haftar (person)', 'Tripoli (place)']);
    assert.deepEqual(names(back!), ['Geneva (place)']);
  });

  it('a short name in an unchanged paragraph follows the full name an edit changes elsewhere', () => {
    const later = 'On Friday, Marr said fares on the night ferry would rise in May.';
    const [full, renamed] = typed([
      para('Ilse Marr has chaired the harbour board since 2019.', 'The board meets on Mondays.', later),
      para('Ilse Maro has chaired the harbour board since 2019.', 'The board meets on Mondays.', later),
    ]);
    // "Marr" is the surname of "Ilse Marr": one entity, the later mention an alias, and the quote hers.
    const marr = full!.entities.find((e) => e.name === 'Ilse Marr');
    assert.deepEqual(marr?.mentions.map((m) => `${m.text}/${m.via}`), ['Ilse Marr/name', 'Marr/alias']);
    assert.equal(full!.quotes[0]?.speaker, marr!.id);
    // Renamed "Ilse Maro", she no longer has that surname: "Marr", who speaks, is a person of their own.
    assert.deepEqual(names(renamed!).filter((n) => /Mar/.test(n)), ['Ilse Maro (person)', 'Marr (person)']);
    const alone = renamed!.entities.find((e) => e.name === 'Marr');
    assert.equal(renamed!.quotes[0]?.speaker, alone!.id);
  });

  it('"he" and "the minister" find their people after an edit moves every offset before them', () => {
    const story = [
      'Jonas Berg, the transport minister, visited the port on Monday.',
      '“The night ferry will run all winter,” he said.',
      'Asked about fares, the minister said they would not rise.',
    ];
    const [a, b] = typed([para(...story), para(`Updated: ${story[0]}`, story[1]!, story[2]!)]);
    for (const x of [a!, b!]) {
      const berg = x.entities.find((e) => e.name === 'Jonas Berg');
      assert.ok(berg, `Jonas Berg is an entity: ${names(x).join(', ')}`);
      assert.equal(berg.title, 'transport minister');
      assert.deepEqual(x.quotes.map((q) => [q.source?.text, q.speaker]), [['he', berg.id], ['the minister', berg.id]]);
      assert.deepEqual(berg.mentions.map((m) => m.via), ['name', 'pronoun', 'description']);
    }
  });
});
