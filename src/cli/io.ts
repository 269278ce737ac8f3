/** What a command may touch of the outside world; tests can pass their own. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  write(text: string): void;
  error(text: string): void;
}

/**
 * When the reader of stdout goes away (`iamlint rules | head`), stop quietly as other command-line
 * tools do, rather than crash on EPIPE.
 */
function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

export function processIo(): Io {
  process.stdout.on('error', exitOnClosedPipe);
  return {
    cwd: process.cwd(),
    env: process.env,
    // undefined, not false, on a pipe; an undefined would let picocolors guess (it says yes under CI).
    stdoutIsTTY: (process.stdout.isTTY as boolean | undefined) === true,
    write: (text) => process.stdout.write(text),
    error: (text) => process.stderr.write(text),
  };
}

/** `--color` / `--no-color`, then NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.stdoutIsTTY;
}
