// The corrections sidecar through node:fs, for the command line and the tests. The data is flushed
// to the disk (fsync) before the temporary file is renamed over the sidecar.
import { promises as fsp, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseSidecar, type Sidecar } from '../core/corrections';
import { SidecarError, type SidecarFs } from '../present/sidecar-file';

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export const nodeSidecarFs: SidecarFs = {
  async read(path) {
    try {
      return await fsp.readFile(path, 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') return undefined;
      throw error;
    }
  },
  async write(path, data) {
    const file = await fsp.open(path, 'w');
    try {
      await file.writeFile(data, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async remove(path) {
    try {
      await fsp.unlink(path);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
    }
  },
  async tempFiles(path) {
    const dir = dirname(path);
    const name = basename(path);
    const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(name + '.') && n.endsWith('.tmp'));
    const out: { path: string; mtime: number }[] = [];
    for (const n of names) {
      const stat = await fsp.stat(join(dir, n)).catch(() => undefined);
      if (stat?.isFile()) out.push({ path: join(dir, n), mtime: stat.mtimeMs });
    }
    return out;
  },
};

/**
 * The sidecar at `path` read synchronously (the `annotate` command is synchronous), or null when
 * there is none. Throws SidecarError for a malformed or newer one, which is never changed, and for
 * one that cannot be read (a folder, no permission).
 */
export function readSidecarSync(path: string): Sidecar | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return null;
    // Unreadable (a folder of that name, no permission): that article fails, naming the file.
    const why =
      code(error) === 'EISDIR' ? 'it is a folder, not a file' : code(error) === 'EACCES' || code(error) === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new SidecarError(path, 'unreadable', why);
  }
  const parsed = parseSidecar(text);
  if (!parsed.ok) throw new SidecarError(path, parsed.reason, parsed.message);
  return parsed.sidecar;
}
