// Every article of the PolNeAR corpus (train and dev, 924 real news texts) must give an analysis
// that keeps the newslens/1 contract. The corpus is read from ../shared/corpus beside the checkout
// and never copied into the repository; where it is absent the test says so and skips.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../src/core';
import { assertValidAnalysis } from './contract';

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(join(d, 'package.json'))) d = resolve(d, '..');
  return d;
}

const CORPUS = resolve(findRoot(__dirname), '..', 'shared', 'corpus', 'polnear');

describe('the PolNeAR corpus', function () {
  this.timeout(300_000);

  for (const split of ['dev', 'train']) {
    it(`gives a valid newslens/1 analysis for every ${split} article`, function () {
      const dir = join(CORPUS, split, 'text');
      if (!existsSync(dir)) {
        console.log(`      skipped: the corpus is absent (${dir})`);
        this.skip();
      }
      const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
      const problems: string[] = [];
      for (const f of files) {
        const text = readFileSync(join(dir, f), 'utf8');
        try {
          assertValidAnalysis(analyze(text), text);
        } catch (error) {
          problems.push(`${f}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
        }
      }
      if (problems.length > 0) throw new Error(`${problems.length} of ${files.length} articles:\n${problems.slice(0, 10).join('\n')}`);
    });
  }
});
