// Reading one article from disk, the same way in the main thread and in the worker threads of
// `annotate --jobs N`: strict UTF-8, a byte order mark dropped as VS Code does, no newline
// normalisation. Every problem is an ArticleError with a one-line reason; nothing here can hang on
// a FIFO, a socket or a device, or read a file above the size limit.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export const MB = 1024 * 1024;

/** A problem with one article, reported as one line naming it. */
export class ArticleError extends Error {}

/**
 * Reads and decodes one article; throws ArticleError with a one-line reason. The file is opened
 * non-blocking and checked through its own descriptor before a byte is read, so a FIFO with no
 * writer, a device or a file replaced after the folder was listed is refused, never waited on.
 */
export function readArticle(path: string, maxSizeMb: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ArticleError(fsMessage(error));
  }
  let bytes: Buffer;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ArticleError(notAFile(stats));
    checkSize(stats.size, maxSizeMb);
    bytes = readAll(fd, stats.size, maxSizeMb);
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    throw new ArticleError(fsMessage(error));
  } finally {
    closeSync(fd);
  }
  const decoded = decodeArticle(bytes);
  if ('error' in decoded) throw new ArticleError(decoded.error);
  return decoded.text;
}

/** Reads to the end, refusing a file that grew past the limit since it was measured. */
function readAll(fd: number, expected: number, maxSizeMb: number): Buffer {
  const limit = Math.floor(maxSizeMb * MB);
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(expected, 1), limit + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) checkSize(length, maxSizeMb);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  checkSize(length, maxSizeMb);
  return buffer.subarray(0, length);
}

function notAFile(stats: Stats): string {
  if (stats.isDirectory()) return 'is a folder';
  if (stats.isFIFO()) return 'is a named pipe (FIFO), not a file';
  if (stats.isSocket()) return 'is a socket, not a file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a file';
  return 'not a regular file';
}

export function checkSize(bytes: number, maxSizeMb: number): void {
  if (bytes <= maxSizeMb * MB) return;
  throw new ArticleError(sizeMessage(bytes, maxSizeMb, 'file'));
}

/** "file is 20.0 MB, above the 10 MB size limit (raise it with --max-size 21)". */
export function sizeMessage(bytes: number, maxSizeMb: number, what: string): string {
  const size = (bytes / MB).toFixed(1);
  return `${what} is ${size} MB, above the ${maxSizeMb} MB size limit (raise it with --max-size ${Math.ceil(bytes / MB)})`;
}

/**
 * Strict UTF-8 decoding of an article's bytes, dropping a byte order mark as VS Code does, so that
 * offsets match the editor's. Returns a one-line reason for text NewsLens cannot annotate.
 */
export function decodeArticle(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { error: 'is UTF-16 text; save it as UTF-8' };
  }
  if (bytes.includes(0)) return { error: 'looks like a binary file (it contains NUL bytes), not a text article' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is not valid UTF-8 text; convert it to UTF-8 first' };
  }
  if (text.trim() === '') return { error: bytes.length === 0 ? 'is empty' : 'is empty (only whitespace)' };
  return { text };
}

export function fsMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENXIO':
      return 'is a socket or device that cannot be read as a file';
    default:
      return firstLine(error);
  }
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
