import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GitResult } from './change.js';

/** What the Action may touch of the outside world; tests pass their own. */
export interface ActionIo {
  readonly cwd: string;
  /** Standard output: the runner reads workflow commands (annotations) from it. */
  write(text: string): void;
  error(text: string): void;
  readFile(path: string): string;
  /** Writes a file, making its folder if needed. */
  writeFile(path: string, text: string): void;
  appendFile(path: string, text: string): void;
  /** Runs git in `cwd` with these arguments. */
  git(cwd: string, args: readonly string[]): GitResult;
}

/** git's output on a large pull request can be big; the default 1 MiB would cut it off. */
const gitOutputLimit = 1024 * 1024 * 1024;

function runGit(cwd: string, args: readonly string[]): GitResult {
  try {
    // An argument array and no shell: nothing in a path or a commit id is ever interpreted.
    const stdout = execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: gitOutputLimit, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status?: number | null; stdout?: string; stderr?: string; message: string };
    // No status: git could not be started (not installed) or was killed; the message says which.
    if (typeof failed.status !== 'number') return { status: -1, stdout: '', stderr: failed.message };
    return { status: failed.status, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export function processActionIo(): ActionIo {
  return {
    cwd: process.cwd(),
    write: (text) => process.stdout.write(text),
    error: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    },
    appendFile: (path, text) => {
      appendFileSync(path, text);
    },
    git: runGit,
  };
}
