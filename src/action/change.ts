import { ConfigError } from '../config/config.js';
import { parseUnifiedDiff, type Change } from './diff.js';
import type { PullRequest } from './event.js';

/** How a git command ended; `status` is not 0 when it failed (or could not be started). */
export interface GitResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git in the workspace with these arguments (no shell). */
export type Git = (args: readonly string[]) => GitResult;

const fetchAdvice = 'check the repository out with actions/checkout and `fetch-depth: 0`, so that the history of both branches is there';

/**
 * The arguments of the diff, each for a reason: three lines of context around each change and no
 * more (the `diff_context` mode's lines), whatever the user's git config says about color, external
 * diff tools, text conversion, prefixes (diff.noprefix, diff.mnemonicPrefix), context or hunks
 * joined across unchanged lines (diff.interHunkContext); renames followed, so a renamed file's lines
 * are its own; paths relative to the workspace, which is where findings' paths start.
 */
export function diffArguments(from: string, to: string): string[] {
  return ['diff', '--unified=3', '--inter-hunk-context=0', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--relative', '--src-prefix=a/', '--dst-prefix=b/', from, to, '--'];
}

function failure(what: string, result: GitResult): ConfigError {
  const detail = result.stderr.trim().split('\n')[0] ?? '';
  return new ConfigError(`${what}${detail === '' ? '' : `: ${detail}`}`);
}

/** Runs a git command that must succeed; its output, trimmed. */
function ask(git: Git, args: readonly string[]): string {
  const result = git(args);
  if (result.status !== 0) throw failure('cannot run git in the workspace to find what the pull request changed', result);
  return result.stdout.trim();
}

function hasCommit(git: Git, sha: string): boolean {
  const result = git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
  if (result.status === 0) return true;
  // --quiet makes a missing commit exit 1 without a word; anything else (not a repository, no git) says why.
  if (result.status === 1 && result.stderr.trim() === '') return false;
  throw failure('cannot run git in the workspace to find what the pull request changed', result);
}

/**
 * The two commits whose diff is the pull request's change, numbered as in the files the Action
 * analyses (the checkout):
 * - on GitHub's merge commit of the pull request (what actions/checkout checks out on a
 *   pull_request event: parents the base branch and the head), the diff from its first parent:
 *   what merging the pull request changes, in the merged files' lines;
 * - otherwise (the head checked out), the diff from the merge base of base and head to head
 *   (`git diff base...head`), as GitHub's "Files changed" tab shows it.
 * Never the diff from base to head (two dots): it would also count every line the base branch
 * changed after the pull request branched off, and report findings the pull request has nothing to
 * do with.
 */
function diffRange(pullRequest: PullRequest, git: Git): readonly [string, string] {
  const checkout = ask(git, ['rev-parse', 'HEAD']);
  if (checkout !== pullRequest.head) {
    // A shallow clone shows no parents, and falls through to the checks below, which say what to do.
    const parents = ask(git, ['rev-parse', `${checkout}^@`]).split('\n').filter((p) => p !== '');
    const [first, second] = parents;
    if (parents.length === 2 && first !== undefined && second === pullRequest.head) return [first, checkout];
  }
  for (const [side, sha] of [['base', pullRequest.base], ['head', pullRequest.head]] as const) {
    if (!hasCommit(git, sha)) throw new ConfigError(`the pull request's ${side} commit ${sha} is not in the checkout (a shallow clone?): ${fetchAdvice}`);
  }
  const mergeBase = git(['merge-base', pullRequest.base, pullRequest.head]);
  if (mergeBase.status === 1) throw new ConfigError(`the pull request's base ${pullRequest.base} and head ${pullRequest.head} have no common commit in the checkout (a shallow clone?): ${fetchAdvice}`);
  if (mergeBase.status !== 0) throw failure('git merge-base failed', mergeBase);
  return [mergeBase.stdout.trim(), pullRequest.head];
}

/** What the pull request changed, file by file, in the lines of the checked-out files. */
export function readChange(pullRequest: PullRequest, git: Git): Change {
  const [from, to] = diffRange(pullRequest, git);
  const diff = git(diffArguments(from, to));
  if (diff.status !== 0) throw failure('git diff failed', diff);
  return parseUnifiedDiff(diff.stdout);
}
