import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Buffer; readonly identity: string }
  | { readonly ok: false; readonly reason: 'tooLarge'; readonly size: number }
  | { readonly ok: false; readonly reason: 'unreadable'; readonly detail: string };

/**
 * Reads a file unless it is larger than `maxSize`, with the same system calls as readFileSync
 * (open, fstat, read, close). The device and inode from fstat identify the file, so a file reached
 * twice through symbolic links is read once.
 */
export function readInput(path: string, maxSize: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.size > maxSize) return { ok: false, reason: 'tooLarge', size: stats.size };
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const count = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled), identity: `${stats.dev}:${stats.ino}` };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}
