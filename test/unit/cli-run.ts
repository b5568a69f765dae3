// Running the built command line (dist/cli.js) as a user would, for the tests of `annotate` at
// scale and with --jobs: its exit status, stdout and stderr, and the made-up articles they read.
// Build first: `node esbuild.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MB = 1024 * 1024;

function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
  }
  throw new Error(`no repository root above ${start}`);
}

export const ROOT = findRoot(__dirname);
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node [nodeArgs] dist/cli.js ARGS` with `input` on stdin, NO_COLOR unset (colours follow the
 * terminal, as for a user), `env` added; a time limit so that a hang fails the test.
 */
export function cli(args: string[], input?: string, options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: ROOT, encoding: 'utf8', env, input, maxBuffer: 256 * MB, timeout: 240000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PEOPLE = ['Ada Klein', 'Omar Diaz', 'Mei Tanaka', 'Lars Berg', 'Ines Moreau', 'Tom Okafor'];
const TITLES = ['Mayor', 'Finance Minister', 'spokeswoman', 'union leader', 'Professor', 'police chief'];
const TOPICS = ['the ferry plan', 'the new budget', 'the bridge repairs', 'the school merger', 'the water tariff'];

/** A short made-up article; `n` varies its speaker, topic and quote shapes. */
export function article(n: number): string {
  const who = PEOPLE[n % PEOPLE.length]!;
  const title = TITLES[(n >> 1) % TITLES.length]!;
  const topic = TOPICS[n % TOPICS.length]!;
  const surname = who.split(' ')[1]!;
  return [
    `Town ${n} debates ${topic}`,
    '',
    `${title} ${who} said on Monday that ${topic} would cost ${n + 3} million.`,
    '',
    `"We cannot wait another year," ${surname} told reporters. "People need answers."`,
    '',
    n % 3 === 0 ? `Officials said the vote on item ${n} was close.` : `According to the council, ${topic} is on track.`,
    '',
  ].join('\n');
}
