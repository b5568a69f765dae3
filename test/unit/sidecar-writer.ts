// A writer process for the kill test in sidecar.test.ts (run by it, not by mocha): appends one
// correction at a time to the sidecar given, for ever, printing "w" just before each write (so the
// test can kill it in the middle of one) and "d" when an append is done.
//   node out/test/unit/sidecar-writer.js PATH            appendCorrections through node:fs
//   node out/test/unit/sidecar-writer.js PATH --naive    control: writes the file in place, in two halves
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mergeSidecars, newCorrection, parseSidecar, serializeSidecar, type Sidecar } from '../../src/core/corrections';
import { appendCorrections, type SidecarFs } from '../../src/present/sidecar-file';
import { nodeSidecarFs } from '../../src/cli/sidecar-node';

const [path, mode] = process.argv.slice(2);
if (!path) throw new Error('usage: sidecar-writer PATH [--naive]');

const marked: SidecarFs = {
  ...nodeSidecarFs,
  write: (p, data) => {
    process.stdout.write('w\n');
    return nodeSidecarFs.write(p, data);
  },
};

let n = 0;
function next() {
  n++;
  return newCorrection({ op: 'rename', entity: `Person ${process.pid}-${n}`, name: `Someone ${n}` });
}

async function naive(): Promise<void> {
  for (;;) {
    const parsed = parseSidecar(readFileSync(path!, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const data = serializeSidecar(mergeSidecars(parsed.sidecar, { ...parsed.sidecar, corrections: [next()] } as Sidecar));
    process.stdout.write('w\n');
    const half = Math.floor(data.length / 2);
    writeFileSync(path!, data.slice(0, half));
    await new Promise((resolve) => setTimeout(resolve, 3));
    appendFileSync(path!, data.slice(half));
  }
}

async function main(): Promise<void> {
  if (mode === '--naive') return naive();
  for (;;) {
    await appendCorrections(marked, path!, [next()]);
    process.stdout.write('d\n');
  }
}

main().catch((error) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error) + '\n');
  process.exit(1);
});
