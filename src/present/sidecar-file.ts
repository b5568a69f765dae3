// The corrections sidecar on disk: read, merged and written atomically through a small file-system
// interface, so that the same code serves the command line (node:fs, src/cli/sidecar-node.ts) and
// the editor (workspace.fs). Pure: no I/O of its own.
//
// Nothing is lost:
// - a write goes to a temporary file beside the sidecar, then is renamed over it, so a writer
//   killed at any point leaves the old sidecar or the new one, whole (never half a file);
// - each write reads the sidecar and merges (union of the corrections by id), reads it again just
//   before the rename (changed meanwhile: merge again) and once more after it (another window's
//   rename overtook ours and lost our corrections: merge again);
// - a sidecar that is malformed or from a newer format version is never written over: loading it
//   throws a SidecarError naming the file, and the file stays byte for byte as it was.

import {
  emptySidecar,
  mergeSidecars,
  parseSidecar,
  serializeSidecar,
  SIDECAR_SUFFIX,
  type Correction,
  type Sidecar,
} from '../core/corrections';

/** The few file operations the store needs. Paths are whatever the implementation understands. */
export interface SidecarFs {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): Promise<string | undefined>;
  /** Creates or replaces the file with `data` (UTF-8). */
  write(path: string, data: string): Promise<void>;
  /** Renames `from` to `to`, replacing `to` if it exists (atomically where the system can). */
  rename(from: string, to: string): Promise<void>;
  /** Deletes the file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  /** The temporary files of writes beside the sidecar (`<path>.*.tmp`) and their modification times (ms). */
  tempFiles?(path: string): Promise<{ path: string; mtime: number }[]>;
}

/** `article.txt` -> `article.txt.newslens.json`. */
export function sidecarPathFor(articlePath: string): string {
  return articlePath + SIDECAR_SUFFIX;
}

/** A sidecar NewsLens will not read or write over; its message names the file. */
export class SidecarError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'malformed' | 'newer' | 'unreadable',
    detail: string,
  ) {
    super(
      reason === 'newer'
        ? `${path}: ${detail}; update NewsLens to read it. The file was left as it is.`
        : reason === 'unreadable'
          ? `${path}: the corrections file cannot be read: ${detail}`
          : `${path}: is not a valid NewsLens corrections file: ${detail}. The file was left as it is; fix or move it to correct this article again.`,
    );
    this.name = 'SidecarError';
  }
}

/** The sidecar at `path`; an empty one when there is no file. Throws SidecarError when it cannot be read as one. */
export async function loadSidecar(fs: SidecarFs, path: string): Promise<Sidecar> {
  return parsed(path, await fs.read(path));
}

/** How many times the store reads, merges and writes again when another writer keeps changing the file. */
const ATTEMPTS = 8;

let tempCounter = 0;

function tempPathFor(path: string): string {
  const random = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return `${path}.${random}${(tempCounter++).toString(16)}.tmp`;
}

/**
 * Adds `corrections` to the sidecar at `path` (creating it), keeping every correction already
 * there, including those another window wrote meanwhile; returns the sidecar as written. Passing
 * corrections the file already holds is harmless (they are merged by id), so a window may pass all
 * it knows. Throws SidecarError, writing nothing, when the file on disk is malformed or from a newer
 * version.
 *
 * The file is read, merged with `corrections` and written to a temporary file; read again just
 * before the rename (changed meanwhile: merge again); and read once more after it (another
 * writer's rename overtook ours and lost our corrections: merge again). Two writers lose nothing
 * unless one's whole rename and check fall between the other's last read and its rename.
 */
export async function appendCorrections(fs: SidecarFs, path: string, corrections: Correction[]): Promise<Sidecar> {
  const ours: Sidecar = { ...emptySidecar(), corrections };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const before = await fs.read(path);
    const merged = mergeSidecars(parsed(path, before), ours);
    const temp = tempPathFor(path);
    try {
      await fs.write(temp, serializeSidecar(merged));
      if ((await fs.read(path)) !== before) {
        await fs.remove(temp);
        continue; // another writer was quicker: merge with what it wrote
      }
      await fs.rename(temp, path);
    } catch (error) {
      await fs.remove(temp).catch(() => undefined);
      throw error;
    }
    const after = await loadSidecar(fs, path);
    const present = new Set(after.corrections.map((c) => c.id));
    if (corrections.every((c) => present.has(c.id))) return after;
  }
  throw new Error(`${path}: the corrections file kept changing while NewsLens wrote to it; your change was not saved, try again`);
}

/** A temporary file younger than this may be another window's write in progress: left alone. */
export const STALE_TEMP_MS = 10_000;

/**
 * After an interrupted write (a process killed between writing its temporary file and renaming
 * it): when the sidecar at `path` is missing or not valid and a temporary file of a write lies
 * beside it (`<path>.*.tmp`, older than STALE_TEMP_MS), the newest one that is a valid sidecar.
 * A missing sidecar is restored from it (renamed into place, `restored`); a sidecar that is there
 * but not valid is never written over: the temporary file is only named, for the user to look at.
 * Null when there is nothing to recover (or the file system cannot list files).
 */
export async function recoverSidecar(fs: SidecarFs, path: string, now = Date.now()): Promise<{ temp: string; restored: boolean } | null> {
  if (!fs.tempFiles) return null;
  const current = await fs.read(path);
  if (current !== undefined && parseSidecar(current).ok) return null;
  const temps = (await fs.tempFiles(path)).filter((t) => now - t.mtime >= STALE_TEMP_MS).sort((a, b) => b.mtime - a.mtime);
  for (const t of temps) {
    const text = await fs.read(t.path).catch(() => undefined);
    if (text === undefined || !parseSidecar(text).ok) continue;
    if (current !== undefined) return { temp: t.path, restored: false };
    await fs.rename(t.path, path);
    return { temp: t.path, restored: true };
  }
  return null;
}

function parsed(path: string, text: string | undefined): Sidecar {
  if (text === undefined) return emptySidecar();
  const result = parseSidecar(text);
  if (!result.ok) throw new SidecarError(path, result.reason, result.message);
  return result.sidecar;
}
