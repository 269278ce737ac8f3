import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export interface DiscoveredFile {
  readonly absolutePath: string;
  /** Relative to the working directory, forward slashes. */
  readonly path: string;
}

/** Something discovery passed over that the user should hear about. */
export interface DiscoveryNote {
  readonly path: string;
  readonly message: string;
  /** `warning`s are always printed; `debug` ones only with --debug. */
  readonly level: 'warning' | 'debug';
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly notes: DiscoveryNote[];
  /** Paths given on the command line that do not exist. */
  readonly missing: string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** True for paths excluded by `ignore` (given the absolute path). */
  readonly isIgnored: (absolutePath: string) => boolean;
  /** File name endings a folder walk picks up; files named explicitly are always read. */
  readonly extensions: readonly string[];
}

/** Folders never walked into, like ESLint's defaults. */
const skippedFolders = new Set(['node_modules', '.git']);

export function displayPath(cwd: string, absolutePath: string): string {
  const rel = relative(cwd, absolutePath);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/**
 * Expands files and folders into the input files, sorted. Symbolic links are followed; loops and
 * dangling links are noted, never fatal. Only folders and links are stat'ed: a file reached twice
 * through links is recognised when it is read (by device and inode), which costs no extra call.
 */
export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const files: DiscoveredFile[] = [];
  const notes: DiscoveryNote[] = [];
  const missing: string[] = [];
  const seenFolders = new Set<string>();
  const lowerExtensions = options.extensions.map((e) => e.toLowerCase());

  // A folder is known by device and inode, so a link back to it is not walked again.
  const identity = (stats: Stats): string => `${stats.dev}:${stats.ino}`;

  const addFile = (absolutePath: string, display: string): void => {
    files.push({ absolutePath, path: display });
  };

  /** What an entry is, following a link; undefined for a dangling link. */
  const kindOf = (entry: Dirent, path: string): { folder: Stats } | 'file' | 'other' | undefined => {
    if (entry.isFile()) return 'file';
    if (!entry.isDirectory() && !entry.isSymbolicLink()) return 'other';
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) return { folder: stats };
      return stats.isFile() ? 'file' : 'other';
    } catch {
      return undefined;
    }
  };

  /** `display` is the folder's display path; its entries' paths are built from it, not recomputed. */
  const walk = (folder: string, stats: Stats, display: string): void => {
    if (seenFolders.has(identity(stats))) {
      notes.push({ path: display, message: 'skipped: a symbolic link back to a folder already checked (loop)', level: 'debug' });
      return;
    }
    seenFolders.add(identity(stats));
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      notes.push({ path: display, message: `cannot read folder: ${(error as Error).message}`, level: 'warning' });
      return;
    }
    for (const entry of entries) {
      const { name } = entry;
      const child = join(folder, name);
      if (options.isIgnored(child)) continue;
      const childDisplay = display === '.' ? name : `${display}/${name}`;
      const kind = kindOf(entry, child);
      if (kind === undefined) {
        notes.push({ path: childDisplay, message: 'skipped: a dangling symbolic link or an unreadable entry', level: 'warning' });
      } else if (kind === 'file') {
        const lower = name.toLowerCase();
        if (lowerExtensions.some((e) => lower.endsWith(e))) addFile(child, childDisplay);
        else notes.push({ path: childDisplay, message: 'skipped: not a kind of file iamlint reads', level: 'debug' });
      } else if (kind !== 'other' && !skippedFolders.has(name)) {
        walk(child, kind.folder, childDisplay);
      }
    }
  };

  for (const given of paths) {
    const absolutePath = resolve(options.cwd, given);
    let stats: Stats;
    try {
      stats = statSync(absolutePath);
    } catch {
      missing.push(given);
      continue;
    }
    if (stats.isDirectory()) walk(absolutePath, stats, displayPath(options.cwd, absolutePath));
    else if (options.isIgnored(absolutePath)) notes.push({ path: displayPath(options.cwd, absolutePath), message: 'skipped: matches an ignore pattern', level: 'warning' });
    else addFile(absolutePath, displayPath(options.cwd, absolutePath));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notes, missing };
}
