// The command line at corpus scale: worker threads give the same bytes as one thread, JSON Lines
// stream through standard input in constant memory, the progress line stays on a terminal's
// stderr, and a folder of 1,000 files with binary, unreadable, special and huge ones among them is
// annotated file by file (build first: `node esbuild.mjs`). Every article below is made up.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Analysis } from '../../src/core';
import { runAnnotate, type CliIo } from '../../src/cli/annotate';
import { runOrdered, WorkerPool } from '../../src/cli/pool';
import { Progress } from '../../src/cli/progress';
import { parseRecord, splitLines } from '../../src/cli/stream';
import { article, CLI, cli, MB, ROOT } from './cli-run';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'polnear');
const isRoot = process.getuid?.() === 0;
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

function write(path: string, content: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('cli at scale', function () {
  this.timeout(300000);
  let dir = '';
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`node esbuild.mjs\` first`);
    dir = mkdtempSync(join(tmpdir(), 'newslens-scale-'));
  });
  after(() => {
    // A chmod 000 folder member would stop rmSync for a non-root user.
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('--jobs: worker threads, same bytes as one thread', () => {
    let folder = '';
    before(() => {
      folder = join(dir, 'jobs');
      for (let n = 0; n < 14; n++) write(join(folder, `a${String(n).padStart(2, '0')}.txt`), article(n));
      write(join(folder, 'a03b.txt'), Buffer.from([0x41, 0x00, 0x42])); // binary, among the good ones
      write(join(folder, 'a07b.txt'), Buffer.from('caf\xe9\n', 'latin1'));
    });

    for (const format of ['json', 'jsonl', 'csv', 'markdown', 'brat', 'terminal']) {
      it(`--format ${format}: stdout, stderr and status of --jobs 3 equal --jobs 1`, () => {
        const one = cli(['annotate', '--format', format, '--jobs', '1', folder]);
        const three = cli(['annotate', '--format', format, '--jobs', '3', folder]);
        assert.equal(one.status, 1, one.stderr);
        assert.equal(three.stdout, one.stdout);
        assert.equal(three.stderr, one.stderr);
        assert.equal(three.status, one.status);
        // The order is the folder's: the two bad files are reported in name order.
        assert.deepEqual(
          one.stderr.split('\n').filter((l) => l.startsWith('newslens: /')).map((l) => l.split(': ')[1]),
          [join(folder, 'a03b.txt'), join(folder, 'a07b.txt')],
        );
        assert.ok(one.stdout.length > 1000);
      });
    }

    it('writes the same files with --out', () => {
      const outs = ['1', '2'].map((jobs) => {
        const out = join(dir, `jobs-out-${jobs}`);
        const r = cli(['annotate', '--format', 'brat', '--jobs', jobs, '--out', out, folder]);
        assert.equal(r.status, 1);
        return out;
      });
      const names = readdirSync(outs[0]!).sort();
      assert.equal(names.length, 14 * 2 + 1, names.join(' ')); // .ann + .txt per good article, annotation.conf
      assert.deepEqual(readdirSync(outs[1]!).sort(), names);
      for (const name of names) assert.equal(readFileSync(join(outs[1]!, name), 'utf8'), readFileSync(join(outs[0]!, name), 'utf8'), name);
    });

    it('gives the same JSON Lines on PolNeAR texts with 1 and 2 jobs', function () {
      const texts = join(CORPUS, 'dev', 'text');
      if (!existsSync(texts)) {
        this.skip(); // the corpus is not in the repository: ../shared/corpus/polnear is absent here
      }
      const files = readdirSync(texts).filter((f) => f.endsWith('.txt')).sort().slice(0, 24).map((f) => join(texts, f));
      const one = cli(['annotate', '--format', 'jsonl', '--jobs', '1', ...files]);
      const two = cli(['annotate', '--format', 'jsonl', '--jobs', '2', ...files]);
      assert.equal(one.status, 0, one.stderr);
      assert.equal(two.stdout, one.stdout);
      assert.equal(one.stdout.split('\n').filter(Boolean).length, 24);
    });
  });

  describe('the worker pool', () => {
    it('hands results back in input order whatever order they finish in', async () => {
      const delays = [40, 5, 30, 0, 20, 10, 0, 35];
      const seen: number[] = [];
      let running = 0;
      let most = 0;
      await runOrdered(
        delays.map((d, i) => ({ d, i })),
        3,
        async ({ d, i }) => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, d));
          running--;
          return i * 10;
        },
        ({ i }, result) => {
          assert.equal(result, i * 10);
          seen.push(i);
        },
      );
      assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7]);
      assert.ok(most <= 3, `${most} in flight with a window of 3`);
    });

    it('fails only the article a dying worker held, and goes on with a new worker', async () => {
      const script = write(
        join(dir, 'dying-worker.js'),
        "const { parentPort } = require('node:worker_threads');\n" +
          "parentPort.on('message', (job) => { if (job.text === 'die') process.exit(3); parentPort.postMessage({ text: job.text, analysis: null }); });\n",
      );
      const pool = new WorkerPool(2, script);
      try {
        const results = await Promise.all(['a', 'die', 'b', 'c'].map((text) => pool.run({ kind: 'text', text })));
        assert.deepEqual(results[0], { text: 'a', analysis: null });
        assert.deepEqual(results[1], { error: 'analysis failed (the worker thread exited with status 3)' });
        assert.deepEqual(results.slice(2), [{ text: 'b', analysis: null }, { text: 'c', analysis: null }]);
      } finally {
        await pool.close();
      }
    });

    it('runs the real analysis in workers in-process (out/ build) as in dist/cli.js', async () => {
      const folder = join(dir, 'inproc');
      for (let n = 0; n < 5; n++) write(join(folder, `p${n}.txt`), article(n + 20));
      const runWith = async (jobs: string): Promise<string> => {
        let out = '';
        const io: CliIo = { stdout: (c) => (out += c), stderr: (c) => assert.fail(c), isTTY: false, columns: 80, env: {} };
        assert.equal(await runAnnotate(['--format', 'jsonl', '--jobs', jobs, folder], io), 0);
        return out;
      };
      const one = await runWith('1');
      assert.equal(await runWith('2'), one);
      const lines = one.trimEnd().split('\n').map((l) => JSON.parse(l) as Analysis);
      assert.deepEqual(lines.map((a) => a.file), [0, 1, 2, 3, 4].map((n) => join(folder, `p${n}.txt`)));
      assert.ok(lines.every((a) => a.quotes.some((q) => q.kind === 'direct')));
    });
  });

  describe('JSON Lines on standard input (annotate -)', () => {
    it('reads lines split anywhere in the stream, CRLF or LF, blank lines skipped', async () => {
      const chunks = ['{"id":1,"te', 'xt":"A"}\r\n\n{"id"', ':2,"text":"B"}', '\n{"id":3,"text":"C"}'];
      const lines = [];
      for await (const raw of splitLines((async function* () { yield* chunks; })(), 100)) lines.push(raw);
      assert.deepEqual(lines.map((l) => l.line), [1, 2, 3, 4]);
      assert.deepEqual(lines.map((l) => parseRecord(l, 1)), [
        { line: 1, id: 1, text: 'A' },
        null,
        { line: 3, id: 2, text: 'B' },
        { line: 4, id: 3, text: 'C' },
      ]);
    });

    it('drops a line longer than its limit without holding it, and reads on', async () => {
      const chunks = ['{"id":1,"text":"', 'x'.repeat(50), 'x'.repeat(50), '"}\n{"id":2,"text":"ok"}\n'];
      const lines = [];
      for await (const raw of splitLines((async function* () { yield* chunks; })(), 64)) lines.push(raw);
      assert.equal(lines.length, 2);
      assert.equal(lines[0]!.bytes, null);
      assert.equal(lines[0]!.skipped, 16 + 100 + 2);
      assert.match((parseRecord(lines[0]!, 1) as { error: string }).error, /longer than twice the 1 MB size limit/);
      assert.deepEqual(parseRecord(lines[1]!, 1), { line: 2, id: 2, text: 'ok' });
    });

    it('writes one line per input line in order, an error record for each bad line, exit 1', () => {
      const input = [
        JSON.stringify({ id: 'a', text: article(1) }),
        'not json',
        JSON.stringify({ id: 7, text: article(2), lang: 'en' }),
        JSON.stringify({ text: 'no id here' }),
        '',
        JSON.stringify({ id: 'c', text: '   ' }),
        JSON.stringify({ id: { doc: 9 }, text: article(3) }),
        '[1, 2]',
      ].join('\n') + '\n';
      const r = cli(['annotate', '--jobs', '2', '-'], input);
      assert.equal(r.status, 1, r.stderr);
      const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(out.map((o) => o.id), ['a', null, 7, null, 'c', { doc: 9 }, null]);
      assert.deepEqual(out.map((o) => o.line), [undefined, 2, undefined, 4, 6, undefined, 8]);
      for (const [k, text] of [[0, article(1)], [2, article(2)], [5, article(3)]] as const) {
        const analysis = out[k]!.analysis as Analysis;
        assert.equal(analysis.schema, 'newslens/1');
        assert.equal(analysis.length, text.length);
        assert.equal(analysis.file, undefined, 'the id is on the line, not in the analysis');
        assert.ok(analysis.quotes.length >= 2);
      }
      assert.deepEqual(r.stderr.trimEnd().split('\n'), [
        `newslens: stdin line 2: is not JSON (${(() => { try { JSON.parse('not json'); } catch (e) { return (e as Error).message; } return ''; })()})`,
        'newslens: stdin line 4: has no "id"',
        'newslens: stdin line 6 (id "c"): text is empty (only whitespace)',
        'newslens: stdin line 8: is not a JSON object like {"id": ..., "text": "..."}',
        'newslens: 4 lines of standard input could not be annotated',
      ]);
    });

    it('answers each line before the next is written (it streams, it does not wait for the end)', async () => {
      const child = spawn(process.execPath, [CLI, 'annotate', '--jobs', '1', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let buffered = '';
      const waiters: Array<() => void> = [];
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buffered += d;
        waiters.splice(0).forEach((w) => w());
      });
      const nextLine = async (): Promise<string> => {
        for (;;) {
          const nl = buffered.indexOf('\n');
          if (nl !== -1) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            return line;
          }
          if (child.exitCode !== null) throw new Error('the CLI exited');
          await new Promise<void>((r) => waiters.push(r));
        }
      };
      try {
        for (let n = 0; n < 5; n++) {
          child.stdin.write(JSON.stringify({ id: n, text: article(n) }) + '\n');
          const answer = JSON.parse(await nextLine()) as { id: number; analysis: Analysis };
          assert.equal(answer.id, n);
          assert.equal(answer.analysis.length, article(n).length);
        }
      } finally {
        child.stdin.end();
      }
      const status = await new Promise<number | null>((r) => child.on('close', r));
      assert.equal(status, 0);
      assert.equal(buffered, '');
    });

    it('reads no further ahead than it writes: a reader that stops holds the input back', async () => {
      // The reader never reads stdout: once the pipe is full the CLI must stop taking input, not
      // buffer the rest of it. Lines are 10 KB (a padding field) so 40 MB are offered.
      const child = spawn(process.execPath, [CLI, 'annotate', '--jobs', '1', '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
      child.stdout.pause();
      const pad = 'p'.repeat(10 * 1024);
      let flushed = 0;
      let offered = 0;
      child.stdin.on('error', () => {});
      for (let n = 0; n < 4000; n++) {
        const line = JSON.stringify({ id: n, text: article(n), pad }) + '\n';
        offered += line.length;
        child.stdin.write(line, (error) => {
          if (!error) flushed += line.length;
        });
      }
      // First the CLI must be up and answering (its first answers wait, unread, in our buffer)...
      while (child.stdout.readableLength === 0) {
        assert.equal(child.exitCode, null, 'the CLI exited');
        await new Promise((r) => setTimeout(r, 100));
      }
      // ...then until it has stopped taking input for a while.
      let last = -1;
      for (let stable = 0; stable < 4; ) {
        await new Promise((r) => setTimeout(r, 500));
        stable = flushed === last ? stable + 1 : 0;
        last = flushed;
      }
      const taken = flushed; // (the writes still queued fail, and call back, once the CLI is gone)
      child.kill();
      await new Promise((r) => child.on('close', r));
      assert.ok(offered > 40 * MB);
      // Taken in: the pipes' buffers (64 KB each way: about 100 answers of 1 to 2 KB), the stream
      // buffer and a line in flight, each 10 KB: about 2 MB.
      assert.ok(taken > 0, 'the CLI took no input at all');
      assert.ok(taken < 4 * MB, `the CLI took ${(taken / MB).toFixed(1)} MB of ${(offered / MB).toFixed(1)} MB before any output was read`);
    });

    // With 2 workers each heap grows to its working size over the first thousand or so lines (peak
    // RSS measured on 50 KB lines: 177, 210, 221, 245, 252, 249 MB at 100, 300, 500, 1000, 2000,
    // 4000 lines), so flatness is measured from there, with 10 KB lines to keep the input small.
    const plans = [
      { jobs: '1', padKb: 50, small: 100, large: 1000 },
      { jobs: '2', padKb: 10, small: 1000, large: 4000 },
    ];
    for (const { jobs, padKb, small: few, large: many } of plans) it(`keeps its memory flat with --jobs ${jobs}: ${many / few} times the lines, about the same peak memory`, function () {
      if (!existsSync('/proc/self/status')) this.skip(); // peak memory is read from Linux's /proc
      const peak = (lines: number): number => {
        const pad = 'p'.repeat(padKb * 1024);
        const input = Array.from({ length: lines }, (_, n) => JSON.stringify({ id: n, text: article(n % 7), pad })).join('\n') + '\n';
        // A preload prints the process's own peak resident memory when it exits.
        const preload = write(join(dir, 'peak-rss.js'), "process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
        const r = spawnSync(process.execPath, ['--require', preload, CLI, 'annotate', '--jobs', jobs, '-'], {
          input, encoding: 'utf8', maxBuffer: 512 * MB, timeout: 240000,
        });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.split('\n').filter(Boolean).length, lines);
        const kb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
        assert.ok(kb > 0, r.stderr);
        return kb / 1024;
      };
      const small = peak(few); // 5 or 10 MB of input
      const large = peak(many); // 50 or 40 MB of input
      assert.ok(large - small < 25, `peak memory grew from ${small.toFixed(0)} MB to ${large.toFixed(0)} MB for ${many / few} times the lines`);
    });
  });

  describe('the progress line', () => {
    it('draws a bar with count, percentage, rate and time left, and fits the terminal', () => {
      let t = 0;
      const p = new Progress(() => {}, { total: 924, columns: 100, now: () => t });
      for (let k = 0; k < 462; k++) p.tick(k % 100 !== 0);
      t = 10000;
      // 462 of 924 in 10 s: 46.2 articles/s, half done, 462 / 46.2 = 10 s left; 5 failed.
      assert.equal(p.line(t), '462/924 [###############...............] 50% · 46.2 articles/s · 10 s left · 5 failed');
      const narrow = new Progress(() => {}, { total: 924, columns: 40, now: () => t });
      assert.ok(narrow.line(t).length <= 39);
      const open = new Progress(() => {}, { now: () => 0 });
      for (let k = 0; k < 30; k++) open.tick();
      assert.equal(open.line(2000), '30 articles · 15.0 articles/s');
    });

    const folderOf = (name: string): string => {
      const folder = join(dir, name);
      for (let n = 0; n < 3; n++) write(join(folder, `r${n}.txt`), article(n));
      write(join(folder, 'r1b.txt'), '');
      return folder;
    };

    const runIo = async (args: string[], stdoutTTY: boolean, stderrTTY: boolean): Promise<{ out: string; err: string; code: number }> => {
      let out = '';
      let err = '';
      const io: CliIo = {
        stdout: (c) => (out += c), stderr: (c) => (err += c), isTTY: stdoutTTY, columns: 80, env: { NO_COLOR: '1' },
        stderrIsTTY: stderrTTY, stderrColumns: 80, progress: { delayMs: 0, intervalMs: 0 },
      };
      const code = await runAnnotate(['--jobs', '1', ...args], io);
      return { out, err, code };
    };

    it('shows on a terminal\'s stderr, error lines kept whole, and is erased at the end', async () => {
      const folder = folderOf('progress');
      const { out, err, code } = await runIo(['--format', 'jsonl', folder], false, true);
      assert.equal(code, 1);
      assert.ok(!out.includes('\r') && !out.includes('articles/s'), 'nothing of the bar on stdout');
      const frames = err.split('\r\x1b[K');
      assert.deepEqual(frames.filter((f) => f.startsWith('1/4') || f.startsWith('2/4') || f.startsWith('3/4') || f.startsWith('4/4')).map((f) => f.split(' ')[0]), ['1/4', '2/4', '2/4', '3/4', '4/4']);
      assert.ok(frames.includes(`newslens: ${join(folder, 'r1b.txt')}: is empty\n`), 'the error line is whole, after the bar is cleared');
      assert.ok(err.endsWith('\r\x1b[Knewslens: 1 of 4 files could not be annotated; the others were written\n'), 'the bar is erased before the summary');
    });

    it('is not shown when stderr is not a terminal, nor over a report on the terminal', async () => {
      const folder = folderOf('no-progress');
      const piped = await runIo(['--format', 'jsonl', folder], false, false);
      assert.ok(!piped.err.includes('\r'));
      assert.ok(!piped.err.includes('articles/s'));
      const screen = await runIo(['--format', 'terminal', folder], true, true);
      assert.ok(!screen.err.includes('articles/s'), 'the terminal report is on the same screen');
      const toFolder = await runIo(['--out', join(dir, 'progress-out'), folder], true, true);
      assert.ok(toFolder.err.includes('4/4'), 'with --out the screen is free for the bar');
    });
  });

  describe('a folder of 1,000 files, some bad (issue 6)', () => {
    let folder = '';
    const bad = new Map<string, RegExp>();
    const good: string[] = [];

    before(() => {
      folder = join(dir, 'thousand');
      mkdirSync(folder);
      const name = (n: number): string => `f${String(n).padStart(4, '0')}`;
      const kinds: Array<[string, (path: string) => void, RegExp]> = [
        ['binary', (p) => write(p, Buffer.from([0x47, 0x49, 0x46, 0x38, 0x00, 0x01, 0x02])), /binary/],
        ['latin-1', (p) => write(p, Buffer.from('Caf\xe9 owner said prices rise.\n', 'latin1')), /not valid UTF-8/],
        ['utf-16', (p) => write(p, Buffer.from('\ufeffHello', 'utf16le')), /UTF-16/],
        ['empty', (p) => write(p, ''), /is empty$/],
        ['huge', (p) => write(p, Buffer.alloc(80 * 1024, 'word ')), /0\.1 MB, above the 0\.05 MB size limit/],
        ['folder named .txt', (p) => write(join(p, 'inner.txt'), article(1)), /is a folder, not a file/],
        ['dangling link', (p) => symlinkSync(join(folder, 'nowhere', 'gone.txt'), p), /broken symbolic link/],
      ];
      if (hasMkfifo) kinds.push(['FIFO', (p) => assert.equal(spawnSync('mkfifo', [p]).status, 0), /named pipe/]);
      if (!isRoot) kinds.push(['chmod 000', (p) => { write(p, article(2)); chmodSync(p, 0o000); }, /permission denied/]);
      for (let n = 0; n < 1000; n++) {
        const path = join(folder, `${name(n)}.txt`);
        const kind = n % 37 === 5 ? kinds[Math.floor(n / 37) % kinds.length]! : undefined;
        if (kind) {
          kind[1](path);
          bad.set(path, kind[2]);
        } else {
          write(path, article(n));
          good.push(path);
        }
      }
      write(join(folder, 'notes.md'), 'not an article'); // not a .txt: not read, not reported
    });

    it('writes every good file, names every bad one once on stderr, exits 1 saying how many', () => {
      assert.ok(bad.size >= 27, `${bad.size} bad files`);
      const out = join(dir, 'thousand-out');
      const r = cli(['annotate', '--max-size', '0.05', '--out', out, folder]);
      assert.equal(r.status, 1, r.stderr.slice(0, 2000));
      assert.doesNotMatch(r.stderr, /^\s+at /m);
      assert.ok(!r.stderr.includes('\r'), 'no progress line when stderr is a pipe');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.pop(), `newslens: ${bad.size} of 1000 files could not be annotated; the others were written`);
      assert.equal(lines.length, bad.size, r.stderr.slice(0, 2000));
      const reported = lines.map((l) => {
        const m = /^newslens: (.+?\.txt): (.+)$/.exec(l);
        assert.ok(m, l);
        return [m[1]!, m[2]!] as const;
      });
      assert.deepEqual(reported.map(([f]) => f), [...bad.keys()], 'each bad file once, in name order');
      for (const [file, message] of reported) assert.match(message, bad.get(file)!, file);
      const written = readdirSync(out).sort();
      assert.deepEqual(written, good.map((p) => p.slice(folder.length + 1).replace(/\.txt$/, '.json')));
      for (const path of [good[0]!, good[good.length - 1]!]) {
        const a = JSON.parse(readFileSync(join(out, path.slice(folder.length + 1).replace(/\.txt$/, '.json')), 'utf8')) as Analysis;
        assert.equal(a.file, path);
        assert.equal(a.length, readFileSync(path, 'utf8').length);
      }
    });
  });

  describe('--out problems found last round', () => {
    it('names the file in the way when --out is under a file (out.txt/sub)', () => {
      const file = write(join(dir, 'out.txt'), 'keep me\n');
      const good = write(join(dir, 'ok', 'good.txt'), article(4));
      const r = cli(['annotate', '--out', join(file, 'sub'), good]);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `newslens: --out ${join(file, 'sub')}: ${file} is a file, so no folder can be made in it\n`);
      assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
    });

    it('writes no annotation.conf when every input fails', () => {
      const out = join(dir, 'brat-none');
      const r = cli(['annotate', '--format', 'brat', '--out', out, join(dir, 'missing-1.txt'), join(dir, 'missing-2.txt')]);
      assert.equal(r.status, 1);
      assert.ok(!existsSync(join(out, 'annotation.conf')), 'annotation.conf written though nothing was annotated');
      const one = cli(['annotate', '--format', 'brat', '--out', out, join(dir, 'missing-1.txt'), write(join(dir, 'ok2', 'x.txt'), article(5))]);
      assert.equal(one.status, 1);
      assert.ok(existsSync(join(out, 'annotation.conf')), 'with one article annotated, the labels are declared');
    });
  });
});
