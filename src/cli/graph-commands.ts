import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type RuleSetting } from '../config/config.js';
import { check } from '../engine/check.js';
import type { AccessGraph } from '../graph/access-graph.js';
import { buildGraph } from '../graph/build.js';
import { paths as findPaths, QueryError, whatCan, whoCan } from '../graph/queries.js';
import type { Inventory } from '../model/inventory.js';
import { formatGraphDot } from '../report/graph-dot.js';
import { formatGraphJson, formatPathsJson, formatWhatCanJson, formatWhoCanJson } from '../report/graph-json.js';
import { formatGraphMermaid } from '../report/graph-mermaid.js';
import { formatPathsText, formatWhatCanText, formatWhoCanText } from '../report/graph-text.js';
import { graphView, type AccessGraphData } from '../report/graph-view.js';
import { checkOptions } from './check-options.js';
import { anyNode, parseAction, parsePrincipal, parseResource, requireNode } from './graph-arguments.js';
import { useColor, type Io } from './io.js';

// `iamlint who-can`, `what-can`, `paths` and `graph`: load the inputs as `iamlint check` does (every
// rule off: only the loading is wanted), build the access graph of the accounts, and answer.

export interface GraphFlags {
  readonly format: string;
  readonly output?: string;
  readonly config?: string;
  readonly now?: string;
  readonly trustedAccount: string[];
  readonly color?: boolean;
  readonly debug?: boolean;
}

export interface PathsFlags extends GraphFlags {
  readonly to: string;
}

interface Loaded {
  readonly graph: AccessGraph;
  readonly data: AccessGraphData;
  /** The date time conditions are judged at. */
  readonly now: Date;
}

/** The date of the exports: the first account's credential report's `GeneratedTime`, as `check` builds the graph for its graph rules. */
function exportDate(inventory: Inventory): Date | undefined {
  return inventory.accounts.find((account) => account.credentialReport?.generatedTime !== undefined)?.credentialReport?.generatedTime;
}

/**
 * `arn:aws:iam::aws:policy/ReadOnlyAccess (held by group/Auditors, role/vendor-monitoring) is not in
 * the exports …`, one line per policy, from the graph's `user/dev: arn:…` entries. A filtered export
 * (`--filter LocalManagedPolicy`) leaves AWS managed policies out, and answers would silently miss
 * what they grant.
 */
/** `a, b, c and 12 more`: a list kept to one readable line. */
function listed(items: readonly string[], shown = 3): string {
  return items.length <= shown + 1 ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

function unresolvedPolicies(entries: readonly string[]): string[] {
  const holders = new Map<string, string[]>();
  for (const entry of entries) {
    const at = entry.indexOf(': ');
    const [holder, policy] = at < 0 ? ['', entry] : [entry.slice(0, at), entry.slice(at + 2)];
    const list = holders.get(policy) ?? [];
    if (holder !== '') list.push(holder);
    holders.set(policy, list);
  }
  return [...holders]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([policy, held]) => `${policy}${held.length === 0 ? '' : ` (held by ${listed(held)})`} is not in the exports: its permissions are not counted`);
}

function loadGraph(paths: readonly string[], flags: GraphFlags, io: Io): Loaded {
  const options = checkOptions({ cwd: io.cwd, paths, config: flags.config, rules: [], trustedAccounts: flags.trustedAccount, now: flags.now });
  const off = new Map(options.rules.map((rule): [string, RuleSetting] => [rule.id, { level: 'off', options: undefined, span: undefined }]));
  const started = performance.now();
  const result = check({ ...options, cliRules: off });
  if (flags.debug) io.error(`iamlint: inputs loaded in ${Math.round(performance.now() - started)} ms\n`);
  for (const note of result.notes) {
    if (note.level === 'warning' || flags.debug) io.error(`iamlint: ${note.path}: ${note.message}\n`);
  }
  // A broken export leaves a hole in the graph: say so, since no finding will.
  for (const file of result.files) {
    const problem = file.problems[0];
    if (problem && (file.kind === 'authorization-details' || file.kind === 'resource-policy-export' || file.kind === 'unreadable')) {
      io.error(`iamlint: ${file.path}:${problem.span.line}:${problem.span.column}: not read completely (${problem.detail}); answers may miss what it holds\n`);
    }
  }
  const inventory = result.inventory;
  if (!inventory.accounts.some((account) => account.authorizationDetails !== undefined)) {
    const where = options.paths.join(', ');
    throw new ConfigError(`no account export (get-account-authorization-details) found in ${where}, see README 'Checking an AWS account'`);
  }
  const now = options.now ?? exportDate(inventory) ?? new Date();
  const graph = buildGraph(inventory, { now, trust: options.config.trust });
  for (const line of unresolvedPolicies(graph.unresolved)) io.error(`iamlint: ${line}\n`);
  if (flags.debug) {
    const { nodes, edges, evaluated, shared, milliseconds } = graph.stats;
    io.error(`iamlint: graph of ${nodes} nodes and ${edges} edges built in ${milliseconds} ms (${evaluated} requests evaluated, ${shared} answered from the cache)\n`);
  }
  return { graph, data: graph.graph, now };
}

/** Runs a query; a question about something the graph does not know is a usage error (exit 2). */
function ask<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (error instanceof QueryError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Writes the answer to standard output, or to `--output`. */
function emit(text: string, flags: GraphFlags, io: Io): void {
  if (flags.output === undefined) {
    io.write(text);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, flags.output), text);
  } catch (error) {
    throw new ConfigError(`cannot write ${flags.output}: ${(error as Error).message}`);
  }
}

/** Text is colored on a terminal (or as --color, NO_COLOR, FORCE_COLOR say); in a file only with --color. */
function colored(flags: GraphFlags, io: Io): boolean {
  return flags.output === undefined ? useColor(flags.color, io) : flags.color === true;
}

/** `iamlint who-can ACTION RESOURCE-ARN [paths…]`. */
export function runWhoCan(actionText: string, resourceText: string, paths: readonly string[], flags: GraphFlags, io: Io): number {
  const action = parseAction(actionText);
  const resource = parseResource(resourceText);
  const { graph, data, now } = loadGraph(paths, flags, io);
  const asked = performance.now();
  const result = ask(() => whoCan(graph, action, resource));
  if (flags.debug) io.error(`iamlint: answered in ${(performance.now() - asked).toFixed(1)} ms\n`);
  const view = graphView(data);
  const query = { command: 'who-can', action, resource, now: now.toISOString() } as const;
  emit(flags.format === 'json' ? formatWhoCanJson(query, result, view) : formatWhoCanText(result, { color: colored(flags, io), view }), flags, io);
  return 0;
}

/** `iamlint what-can PRINCIPAL-ARN [paths…]`. */
export function runWhatCan(principalText: string, paths: readonly string[], flags: GraphFlags, io: Io): number {
  const principal = parsePrincipal(principalText, 'PRINCIPAL-ARN');
  const { graph, data, now } = loadGraph(paths, flags, io);
  requireNode(data, principal, 'PRINCIPAL-ARN');
  const result = ask(() => whatCan(graph, principal));
  const view = graphView(data);
  const query = { command: 'what-can', principal, now: now.toISOString() } as const;
  emit(flags.format === 'json' ? formatWhatCanJson(query, result, view) : formatWhatCanText(result, { color: colored(flags, io), view }), flags, io);
  return 0;
}

/** `iamlint paths FROM-ARN [--to admin|ARN] [paths…]`. */
export function runPaths(fromText: string, paths: readonly string[], flags: PathsFlags, io: Io): number {
  const from = parsePrincipal(fromText, 'FROM-ARN');
  const to = flags.to === 'admin' ? 'admin' : parsePrincipal(flags.to, '--to');
  const { graph, data, now } = loadGraph(paths, flags, io);
  requireNode(data, from, 'FROM-ARN');
  if (to !== 'admin') requireNode(data, to, '--to', anyNode);
  const result = ask(() => findPaths(graph, from, to));
  const view = graphView(data);
  const query = { command: 'paths', from, to, now: now.toISOString() } as const;
  emit(flags.format === 'json' ? formatPathsJson(query, result, view) : formatPathsText(result, { color: colored(flags, io), view }), flags, io);
  return 0;
}

/** `iamlint graph [paths…] --format json|dot|mermaid`: the whole graph. */
export function runGraph(paths: readonly string[], flags: GraphFlags, io: Io): number {
  const { data } = loadGraph(paths, flags, io);
  const format = flags.format === 'dot' ? formatGraphDot : flags.format === 'mermaid' ? formatGraphMermaid : formatGraphJson;
  emit(format(data), flags, io);
  return 0;
}
