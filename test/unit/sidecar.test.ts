// The sidecar on disk (src/present/sidecar-file.ts over src/cli/sidecar-node.ts): loading, atomic
// appends that merge with what another window wrote, malformed and newer files never overwritten,
// and a writer killed at random points never leaving half a file.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptySidecar, newCorrection, parseSidecar, serializeSidecar, type Correction, type Sidecar } from '../../src/core/corrections';
import { appendCorrections, loadSidecar, recoverSidecar, SidecarError, sidecarPathFor, type SidecarFs } from '../../src/present/sidecar-file';
import { nodeSidecarFs, readSidecarSync } from '../../src/cli/sidecar-node';

let clock = Date.parse('2026-11-28T11:00:00Z');
function correction(name: string): Correction {
  return newCorrection({ op: 'rename', entity: name, name: `${name} (renamed)` }, new Date((clock += 1000)));
}

function ids(s: Sidecar): string[] {
  return s.corrections.map((c) => c.id).sort();
}

/** An in-memory file system whose operations can be held up by hooks, to interleave two windows. */
class MemoryFs {
  readonly files = new Map<string, string>();
}

type Op = 'read' | 'write' | 'rename' | 'remove';

/** One window's view of a MemoryFs: `before`/`after` run around its n-th call of each operation (from 1). */
function windowOn(mem: MemoryFs, hooks: { before?(op: Op, n: number): Promise<void> | void; after?(op: Op, n: number): Promise<void> | void } = {}): SidecarFs {
  const count: Record<Op, number> = { read: 0, write: 0, rename: 0, remove: 0 };
  const around = async <T>(op: Op, fn: () => T): Promise<T> => {
    const n = ++count[op];
    await hooks.before?.(op, n);
    const result = fn();
    await hooks.after?.(op, n);
    return result;
  };
  return {
    read: (p) => around('read', () => mem.files.get(p)),
    write: (p, data) => around('write', () => void mem.files.set(p, data)),
    rename: (from, to) =>
      around('rename', () => {
        const data = mem.files.get(from);
        if (data === undefined) throw new Error(`no such file ${from}`);
        mem.files.set(to, data);
        mem.files.delete(from);
      }),
    remove: (p) => around('remove', () => void mem.files.delete(p)),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('sidecar file: load and append', () => {
  it('is named after the article: article.txt.newslens.json', () => {
    assert.equal(sidecarPathFor('/news/2026/story.txt'), '/news/2026/story.txt.newslens.json');
  });

  it('loads a missing sidecar as an empty one, and creates it on the first append', async () => {
    const mem = new MemoryFs();
    const fs = windowOn(mem);
    assert.deepEqual(await loadSidecar(fs, '/a.txt.newslens.json'), emptySidecar());
    const c = correction('Ann Lee');
    const written = await appendCorrections(fs, '/a.txt.newslens.json', [c]);
    assert.deepEqual(ids(written), [c.id]);
    assert.equal(mem.files.get('/a.txt.newslens.json'), serializeSidecar({ ...emptySidecar(), corrections: [c] }));
    assert.deepEqual([...mem.files.keys()], ['/a.txt.newslens.json'], 'no temporary file left behind');
  });

  it('keeps what is there: a second append adds, and appending a correction again changes nothing', async () => {
    const mem = new MemoryFs();
    const fs = windowOn(mem);
    const [a, b] = [correction('A'), correction('B')];
    await appendCorrections(fs, '/x.json', [a]);
    await appendCorrections(fs, '/x.json', [b]);
    const once = mem.files.get('/x.json');
    await appendCorrections(fs, '/x.json', [a, b]);
    assert.equal(mem.files.get('/x.json'), once);
    assert.deepEqual(ids(await loadSidecar(fs, '/x.json')), [a.id, b.id].sort());
  });

  it('writes to a temporary file beside the sidecar and renames it over the sidecar', async () => {
    const mem = new MemoryFs();
    const seen: string[] = [];
    const fs = windowOn(mem, { before: (op) => void seen.push(op) });
    const inner = fs.rename;
    let renamed: [string, string] | null = null;
    fs.rename = (from, to) => ((renamed = [from, to]), inner(from, to));
    await appendCorrections(fs, '/dir/a.txt.newslens.json', [correction('A')]);
    assert.deepEqual(seen, ['read', 'write', 'read', 'rename', 'read']);
    assert.ok(renamed);
    const [from, to] = renamed as [string, string];
    assert.equal(to, '/dir/a.txt.newslens.json');
    assert.match(from, /^\/dir\/a\.txt\.newslens\.json\.[0-9a-f]+\.tmp$/);
  });

  it('two windows: a write landing between this window\'s read and its rename is merged, not lost', async () => {
    const mem = new MemoryFs();
    const path = '/story.txt.newslens.json';
    const [a, b] = [correction('from window A'), correction('from window B')];
    const windowB = windowOn(mem);
    // A reads, writes its temporary file; then B appends whole; then A checks before renaming.
    const windowA = windowOn(mem, {
      after: async (op, n) => {
        if (op === 'write' && n === 1) await appendCorrections(windowB, path, [b]);
      },
    });
    await appendCorrections(windowA, path, [a]);
    assert.deepEqual(ids(await loadSidecar(windowA, path)), [a.id, b.id].sort());
    assert.deepEqual([...mem.files.keys()], [path], 'the temporary file of the abandoned try is removed');
  });

  it('two windows: when one\'s rename overtakes the other\'s and loses its correction, the other merges again', async () => {
    const mem = new MemoryFs();
    const path = '/story.txt.newslens.json';
    const [a, b] = [correction('from window A'), correction('from window B')];
    const bRenamed = deferred();
    const aRenamed = deferred();
    let bDone: Promise<Sidecar> | null = null;
    // B checks its write only after A's rename, which lands on top of B's.
    let bRenames = 0;
    const windowB = windowOn(mem, {
      after: (op, n) => {
        if (op === 'rename') bRenames = n;
        if (op === 'rename' && n === 1) bRenamed.resolve();
      },
      before: async (op, n) => {
        if (op === 'read' && n === 3) await aRenamed.promise;
      },
    });
    const windowA = windowOn(mem, {
      before: async (op, n) => {
        if (op === 'rename' && n === 1) {
          bDone = appendCorrections(windowB, path, [b]);
          await bRenamed.promise;
        }
      },
      after: (op, n) => {
        if (op === 'rename' && n === 1) aRenamed.resolve();
      },
    });
    await appendCorrections(windowA, path, [a]);
    await bDone;
    assert.equal(bRenames, 2, 'B found its correction missing after A\'s rename and wrote again');
    assert.deepEqual(ids(parseOk(mem.files.get(path))), [a.id, b.id].sort(), 'both corrections are in the sidecar');
  });
});

function parseOk(text: string | undefined): Sidecar {
  assert.ok(text !== undefined, 'the sidecar exists');
  const parsed = parseSidecar(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.sidecar;
}

describe('sidecar file: malformed and newer files are never overwritten (node:fs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-sidecar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, string, RegExp]> = [
    ['malformed (cut short)', '{"format": "newslens-corrections", "version": 1, "corrections": [{"id": "x",', /is not a valid NewsLens corrections file: not valid JSON.*The file was left as it is/],
    ['malformed (a field this version does not know)', '{"format": "newslens-corrections", "version": 1, "corrections": [], "reviewer": "ann"}\n', /unknown field "reviewer".*left as it is/],
    ['from a newer version', '{"format": "newslens-corrections", "version": 2, "corrections": [{"op": "highlight"}]}\n', /newer NewsLens \(format version 2.*update NewsLens.*The file was left as it is/],
  ];
  for (const [what, content, message] of cases) {
    it(`a sidecar ${what}: loading and appending fail with a message naming it, and its bytes stay as they were`, async () => {
      const path = join(dir, 'story.txt.newslens.json');
      writeFileSync(path, content);
      const before = readFileSync(path);
      await assert.rejects(loadSidecar(nodeSidecarFs, path), (e: unknown) => e instanceof SidecarError && e.message.startsWith(path) && message.test(e.message));
      await assert.rejects(appendCorrections(nodeSidecarFs, path, [correction('A')]), (e: unknown) => e instanceof SidecarError && message.test(e.message));
      assert.throws(() => readSidecarSync(path), (e: unknown) => e instanceof SidecarError && message.test(e.message));
      assert.ok(readFileSync(path).equals(before), 'the file is byte for byte as it was');
      assert.deepEqual(readdirSync(dir), ['story.txt.newslens.json'], 'nothing written beside it');
    });
  }

  it('reads and writes through node:fs: a missing file is empty, an append creates it whole', async () => {
    const path = join(dir, 'a.txt.newslens.json');
    assert.equal(readSidecarSync(path), null);
    const c = correction('A');
    await appendCorrections(nodeSidecarFs, path, [c]);
    assert.equal(readFileSync(path, 'utf8'), serializeSidecar({ ...emptySidecar(), corrections: [c] }));
    assert.deepEqual(readSidecarSync(path)?.corrections, [c]);
    assert.deepEqual(readdirSync(dir), ['a.txt.newslens.json']);
  });
});

// ───────────────────────────── killed writers ─────────────────────────────

const WRITER = join(__dirname, 'sidecar-writer.js');

/** Starts the writer on `path`, kills it with SIGKILL when `killAfter` says, resolves when it is dead. */
function runAndKill(path: string, naive: boolean, killAfter: { mark: 'w' | 'd'; marks: number; delayMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, ...(naive ? ['--naive'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let marks = 0;
    let killing = false;
    const kill = (): void => {
      if (!killing) {
        killing = true;
        child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      marks += d.toString().split('\n').filter((l) => l === killAfter.mark).length;
      if (marks >= killAfter.marks && !armed) {
        armed = true;
        setTimeout(kill, killAfter.delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

/** A sidecar of `n` corrections, so that each write takes a while. */
function seed(path: string, n: number): Sidecar {
  const s: Sidecar = { ...emptySidecar(), corrections: Array.from({ length: n }, (_, i) => correction(`Seed person ${i}`)) };
  writeFileSync(path, serializeSidecar(s));
  return s;
}

describe('sidecar file: a writer killed at random points leaves the old or a new sidecar, whole', function () {
  this.timeout(120000);
  let dir: string;
  before(function () {
    if (!existsSync(WRITER)) this.skip(); // built by `node esbuild.mjs` next to this file
    dir = mkdtempSync(join(tmpdir(), 'newslens-kill-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('after each of 20 kills (just after a write starts, or at a random time between appends) the sidecar parses, is whole, and has lost nothing', async () => {
    const path = join(dir, 'story.txt.newslens.json');
    let previous = ids(seed(path, 400));
    let grew = 0;
    const RUNS = 20;
    for (let run = 0; run < RUNS; run++) {
      // Timed from what the writer says it does, as starting Node takes a while (and this machine
      // may be busy): 0-3 ms after the first to third write starts (mid-write), or anywhere in the
      // 40 ms after the first to third append is done.
      const when =
        run % 2 === 0
          ? { mark: 'w' as const, marks: 1 + Math.floor(Math.random() * 3), delayMs: Math.floor(Math.random() * 4) }
          : { mark: 'd' as const, marks: 1 + Math.floor(Math.random() * 3), delayMs: Math.floor(Math.random() * 40) };
      await runAndKill(path, false, when);
      const text = readFileSync(path, 'utf8');
      const parsed = parseSidecar(text);
      assert.ok(parsed.ok, `run ${run}: the sidecar does not parse after the kill: ${parsed.ok ? '' : parsed.message}`);
      assert.equal(text, serializeSidecar(parsed.sidecar), `run ${run}: the sidecar is not one whole version`);
      const now = ids(parsed.sidecar);
      const lost = previous.filter((id) => !now.includes(id));
      assert.deepEqual(lost, [], `run ${run}: corrections lost`);
      if (now.length > previous.length) grew++;
      previous = now;
    }
    assert.ok(grew >= RUNS / 2, `the writer finished a write in only ${grew} of ${RUNS} runs`);
    // Killed writers may leave their temporary files; never anything else.
    for (const name of readdirSync(dir)) assert.match(name, /^story\.txt\.newslens\.json(?:\.[0-9a-f]+\.tmp)?$/);
  });

  it('control: the same check catches a torn file from a writer that writes in place', async () => {
    const path = join(dir, 'naive.txt.newslens.json');
    seed(path, 400);
    let torn = 0;
    for (let run = 0; run < 10 && torn === 0; run++) {
      await runAndKill(path, true, { mark: 'w', marks: 1, delayMs: 1 });
      const text = readFileSync(path, 'utf8');
      const parsed = parseSidecar(text);
      if (!parsed.ok || text !== serializeSidecar(parsed.sidecar)) torn++;
      if (!parsed.ok) seed(path, 400);
    }
    assert.ok(torn > 0, 'killing an in-place writer mid-write should leave a torn file at least once in 10 runs');
  });
});

describe('sidecar: recovering from an interrupted write (a <sidecar>.*.tmp left beside it)', () => {
  let dir = '';
  let path = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-recover-'));
    path = join(dir, 'story.txt.newslens.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A temporary file holding `text`, last modified `ageMs` ago. */
  const temp = (name: string, text: string, ageMs: number): string => {
    const p = `${path}.${name}.tmp`;
    writeFileSync(p, text);
    const t = new Date(Date.now() - ageMs);
    utimesSync(p, t, t);
    return p;
  };
  const sidecarOf = (...names: string[]): string => serializeSidecar({ ...emptySidecar(), corrections: names.map(correction) });

  it('a missing sidecar is restored from the newest complete temporary file; a torn one is skipped', async () => {
    const older = sidecarOf('Ann Lee');
    const newer = sidecarOf('Ann Lee', 'Tom Reed');
    temp('aaaa', older, 60_000);
    const kept = temp('bbbb', newer, 30_000);
    temp('cccc', newer.slice(0, newer.length / 2), 20_000); // the newest, but torn: not a sidecar
    const r = await recoverSidecar(nodeSidecarFs, path);
    assert.deepEqual(r, { temp: kept, restored: true });
    assert.equal(readFileSync(path, 'utf8'), newer);
    assert.equal(existsSync(kept), false, 'renamed into place, not copied');
    assert.equal((await loadSidecar(nodeSidecarFs, path)).corrections.length, 2);
  });

  it('a malformed sidecar is never written over: the temporary file is only named', async () => {
    writeFileSync(path, '{ "format": "newslens-corrections", torn');
    const t = temp('aaaa', sidecarOf('Ann Lee'), 60_000);
    assert.deepEqual(await recoverSidecar(nodeSidecarFs, path), { temp: t, restored: false });
    assert.equal(readFileSync(path, 'utf8'), '{ "format": "newslens-corrections", torn');
    assert.ok(existsSync(t));
  });

  it('leaves alone a valid sidecar, and a temporary file young enough to be another window\'s write in progress', async () => {
    const young = temp('aaaa', sidecarOf('Ann Lee'), 1_000);
    assert.equal(await recoverSidecar(nodeSidecarFs, path), null);
    assert.equal(existsSync(path), false);
    assert.ok(existsSync(young));
    writeFileSync(path, sidecarOf('Tom Reed'));
    temp('bbbb', sidecarOf('Jo Park'), 60_000);
    assert.equal(await recoverSidecar(nodeSidecarFs, path), null);
  });
});
