import { ConfigError } from '../config/config.js';
import type { Env } from './inputs.js';

/** The two commits a pull request compares: its base branch's and its own. */
export interface PullRequest {
  readonly base: string;
  readonly head: string;
}

/** A full commit id: SHA-1, or SHA-256 in repositories that use it. */
const commitId = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The pull request the workflow runs for, from the event the runner saved (`GITHUB_EVENT_PATH`):
 * `pull_request.base.sha` and `pull_request.head.sha`. Undefined on any event but `pull_request`
 * (push, schedule, workflow_dispatch …): there the Action reports every finding. Throws
 * ConfigError when a pull_request event cannot be read, rather than report on the wrong lines.
 */
export function readPullRequest(env: Env, readFile: (path: string) => string): PullRequest | undefined {
  if (env.GITHUB_EVENT_NAME !== 'pull_request') return undefined;
  const path = env.GITHUB_EVENT_PATH;
  if (path === undefined || path === '') throw new ConfigError('GITHUB_EVENT_NAME is pull_request but GITHUB_EVENT_PATH is not set: cannot tell which commits the pull request compares');
  let event: unknown;
  try {
    event = JSON.parse(readFile(path));
  } catch (error) {
    throw new ConfigError(`cannot read the pull_request event ${path}: ${(error as Error).message}`);
  }
  const pullRequest = field(event, 'pull_request');
  const sha = (side: 'base' | 'head'): string => {
    const value = field(field(pullRequest, side), 'sha');
    if (typeof value !== 'string' || !commitId.test(value)) throw new ConfigError(`the pull_request event ${path} has no commit id in pull_request.${side}.sha`);
    return value;
  };
  return { base: sha('base'), head: sha('head') };
}
