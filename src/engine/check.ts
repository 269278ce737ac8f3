import { relative, resolve, sep } from 'node:path';
import { ConfigError, type Config, type RuleSetting } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import type { AccessGraph } from '../graph/access-graph.js';
import { buildGraph } from '../graph/build.js';
import { nearest } from '../iam/suggest.js';
import type { Directive, InputKind, InputProblem } from '../model/input.js';
import type { Account, Inventory } from '../model/inventory.js';
import type { PolicyKind } from '../model/policy.js';
import type { SourceFile } from '../model/source.js';
import type { Span } from '../model/span.js';
import { anyRule } from '../sources/directives.js';
import { discover, type DiscoveredFile, type Discovery, type DiscoveryNote } from '../sources/discover.js';
import { assembleInventory, type FragmentEntry } from '../sources/inventory.js';
import { loadFile, unreadableFile } from '../sources/load.js';
import { readManifests } from '../sources/manifest.js';
import { readInput } from '../sources/read.js';
import { applyBaseline, type Baseline, type BaselineEntry, type BaselineResult } from './baseline.js';
import { planRules, type RulePlan } from './configure.js';
import { compareFindings, type Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { formatMessage, type AnyRule } from './rule.js';
import { RuleRunner, type ActiveRule, type RuleFailure } from './runner.js';
import { applySuppressions, type UnusedSuppression } from './suppress.js';

/** File endings a folder walk reads; content sniffing then decides what each file is. */
export const inputExtensions = ['.json', '.jsonc', '.csv'];

/** The engine's own rule for suppressions that do nothing; it reports what `applySuppressions` finds. */
export const unusedSuppressionRuleId = 'unused-suppression';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: Config;
  readonly rules: readonly AnyRule[];
  /** `--rule id=level` settings, applied after the config. */
  readonly cliRules: ReadonlyMap<string, RuleSetting>;
  /** `--now` or config `now`. Without it, account rules use the credential report's `GeneratedTime`, else the clock. */
  readonly now: Date | undefined;
  /** The clock, when nothing else gives the date; tests replace it. */
  readonly clock?: () => Date;
  /** `--baseline`: findings it holds are suppressed, and its entries that match nothing are reported. */
  readonly baseline?: Baseline | undefined;
}

/** What is kept of a file once it is checked: its text and model are dropped to keep memory flat. */
export interface CheckedFile {
  readonly path: string;
  readonly kind: InputKind;
  readonly problems: readonly InputProblem[];
  readonly directives: readonly Directive[];
  /** Device and inode, when the file was read: a file reached twice through links counts once. */
  readonly identity: string | undefined;
}

/** The result of checking the files, before they are put together. */
interface PartResult {
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  readonly files: readonly CheckedFile[];
  readonly inventory: Inventory;
}

export interface CheckResult {
  /** Sorted and not suppressed, including unused suppressions and stale baseline entries. */
  readonly findings: readonly Finding[];
  /** Suppressed by the config, an inline directive or the baseline. */
  readonly suppressed: readonly Finding[];
  readonly files: readonly CheckedFile[];
  readonly notes: readonly DiscoveryNote[];
  readonly failures: readonly RuleFailure[];
  /** The accounts the exports describe. */
  readonly inventory: Inventory;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Checks files with the run's rule plan. */
interface Checker {
  readonly plan: RulePlan;
  check(files: readonly DiscoveredFile[]): PartResult;
}

/** Resolves the rules for a run. Throws ConfigError for unknown rules and invalid options. */
function createChecker(options: CheckOptions): Checker {
  const { config } = options;
  const plan = planRules(options.rules, config, options.cliRules);
  const fromConfig = (absolutePath: string): string => toPosix(relative(config.baseDir, absolutePath));
  const kindMatchers = config.overrides.map((o) => ({ kind: o.kind, match: compileGlobs(o.files) })).filter((o) => o.kind !== undefined);

  const clock = options.clock ?? ((): Date => new Date());
  const fileNow = options.now ?? clock();

  return {
    plan,
    check(files) {
      const runner = new RuleRunner({ trust: config.trust, now: fileNow });
      const manifests = readManifests(files);
      const checked: CheckedFile[] = [];
      const fragments: FragmentEntry[] = [];
      const exportSources = new Map<string, { source: SourceFile; relativePath: string }>();
      for (const discovered of files) {
        // Paths relative to the config's folder are only needed to match overrides.
        const relativePath = config.overrides.length > 0 ? fromConfig(discovered.absolutePath) : '';
        const read = readInput(discovered.absolutePath, config.maxFileSize);
        let kind: PolicyKind | undefined;
        for (const matcher of kindMatchers) if (matcher.match(relativePath)) kind = matcher.kind;
        const manifest = manifests.lookup(discovered.absolutePath);
        const file = read.ok
          ? loadFile(discovered.path, read.bytes, { kind, context: { resourceArn: manifest.resourceArn } })
          : read.reason === 'tooLarge'
            ? unreadableFile(discovered.path, 'tooLarge', `the file is ${formatSize(read.size)}, over the ${formatSize(config.maxFileSize)} limit; raise maxFileSize in .iamlint.json, or ignore the file`)
            : unreadableFile(discovered.path, 'unreadable', `cannot read the file: ${read.detail}`);
        runner.run(file, plan.forPath(relativePath));
        if (file.account) {
          fragments.push({ path: file.source.path, fragment: file.account, manifestAccount: manifest.account });
          // Account findings are reported after every file is read: their files' texts are kept for fingerprints.
          exportSources.set(file.source.path, { source: file.source, relativePath });
        }
        checked.push({ path: file.source.path, kind: file.kind, problems: file.problems, directives: file.directives, identity: read.ok ? read.identity : undefined });
      }
      const inventory = assembleInventory(fragments);
      const sourceOf = (path: string): SourceFile | undefined => exportSources.get(path)?.source;
      // Overrides apply to an account as to its first export file.
      const rulesFor = (account: Account): readonly ActiveRule[] => plan.forPath(exportSources.get(account.files[0] ?? '')?.relativePath ?? '');
      for (const account of inventory.accounts) {
        runner.runAccount(account, rulesFor(account), options.now ?? account.credentialReport?.generatedTime ?? fileNow, sourceOf);
      }
      runGraphRules(runner, inventory, rulesFor, { now: options.now ?? firstReportTime(inventory) ?? fileNow, trust: config.trust, sources: sourceOf });
      return { findings: runner.findings, failures: runner.failures, files: checked, inventory };
    },
  };
}

/** The `GeneratedTime` of the first account's credential report that has one: the graph rules' date without --now. */
function firstReportTime(inventory: Inventory): Date | undefined {
  return inventory.accounts.find((account) => account.credentialReport?.generatedTime !== undefined)?.credentialReport?.generatedTime;
}

/**
 * Builds the access graph and runs the graph rules over it, but only when it can be of use: some
 * graph rule is active and some account has authorization details. Building it evaluates many
 * requests, which is slow on large accounts. The rules and their options are those of the first
 * such account's first export (as overrides apply to account rules); a graph that cannot be built is
 * a failure of each graph rule, and the run goes on.
 */
function runGraphRules(
  runner: RuleRunner,
  inventory: Inventory,
  rulesFor: (account: Account) => readonly ActiveRule[],
  settings: { readonly now: Date; readonly trust: Config['trust']; readonly sources: (path: string) => SourceFile | undefined },
): void {
  const analysed = inventory.accounts.find((account) => account.authorizationDetails !== undefined);
  if (!analysed) return;
  const rules = rulesFor(analysed).filter((active) => active.rule.check.graph !== undefined);
  if (rules.length === 0) return;
  const file = analysed.files[0] ?? '';
  let graph: AccessGraph;
  try {
    graph = buildGraph(inventory, { now: settings.now, trust: settings.trust });
  } catch (error) {
    for (const active of rules) runner.fail(active.rule.id, file, error);
    return;
  }
  runner.runGraph(graph, rules, settings.now, settings.sources, file);
}

/** Expands the paths into input files, applying `ignore`. Throws ConfigError for paths that do not exist. */
function discoverInputs(options: CheckOptions): Discovery {
  const { config } = options;
  const ignored = compileGlobs(config.ignore);
  const discovery = discover(options.paths, {
    cwd: options.cwd,
    extensions: inputExtensions,
    isIgnored: (absolutePath) => config.ignore.length > 0 && ignored(toPosix(relative(config.baseDir, absolutePath))),
  });
  if (discovery.missing.length > 0) throw new ConfigError(`no such file or folder: ${discovery.missing.join(', ')}`);
  return discovery;
}

/**
 * Finishes a run, in the order of the files: a file reached again through a link is dropped with its
 * findings, then suppressions apply, then the baseline, and the findings are sorted. The baseline
 * comes last because it was written from what the suppressions left, unused suppressions included.
 */
function combine(options: CheckOptions, plan: RulePlan, discovery: Discovery, part: PartResult): CheckResult {
  const { config, cwd } = options;
  const notes = [...discovery.notes];
  const files: CheckedFile[] = [];
  const dropped = new Set<string>();
  const identities = new Set<string>();
  for (const file of part.files) {
    if (file.identity !== undefined && identities.has(file.identity)) {
      dropped.add(file.path);
      notes.push({ path: file.path, message: 'skipped: the same file as one already checked (through a link)', level: 'debug' });
      continue;
    }
    if (file.identity !== undefined) identities.add(file.identity);
    files.push(file);
  }
  const findings = dropped.size === 0 ? part.findings : part.findings.filter((f) => !dropped.has(f.span.file));

  const fromConfig = (displayPath: string): string => toPosix(relative(config.baseDir, resolve(cwd, displayPath)));
  const suppression = applySuppressions(findings, {
    config,
    files,
    knownRules: new Set(options.rules.map((r) => r.id)),
    activeRules: plan.everActive,
    relativeToConfig: fromConfig,
  });
  const unusedRule = plan.forPath('').find((a) => a.rule.id === unusedSuppressionRuleId);
  const knownRules = options.rules.map((r) => r.id);
  const unused = unusedRule ? suppression.unused.map((u) => unusedFinding(u, unusedRule, knownRules)) : [];
  const remaining = [...suppression.kept, ...unused];
  const baselined: BaselineResult = options.baseline
    ? matchBaseline(remaining, options.baseline, { plan, files, knownRules: new Set(knownRules), relativeToConfig: fromConfig })
    : { kept: remaining, baselined: [], stale: [] };
  const baselinePath = options.baseline?.path ?? '';
  const stale = unusedRule ? baselined.stale.map((entry) => staleFinding(entry, baselinePath, unusedRule)) : [];
  return {
    findings: uniqueFingerprints([...baselined.kept, ...stale].sort(compareFindings)),
    suppressed: [...suppression.suppressed, ...baselined.baselined],
    files,
    notes,
    failures: part.failures,
    inventory: part.inventory,
  };
}

/** Discovers, loads and checks the paths. Throws ConfigError for usage and config problems only. */
export function check(options: CheckOptions): CheckResult {
  const checker = createChecker(options);
  const discovery = discoverInputs(options);
  return combine(options, checker.plan, discovery, checker.check(discovery.files));
}

/** `512 bytes`, `3.4 KiB`, `12.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function unusedFinding(unused: UnusedSuppression, active: ActiveRule, knownRules: readonly string[]): Finding {
  const messageId = unused.unknownRule ? 'unknownRule' : unused.origin === 'directive' ? 'unusedDirective' : 'unusedEntry';
  const suggestion = unused.unknownRule ? nearest(unused.rule, knownRules) : undefined;
  const data = {
    rule: unused.rule === anyRule ? 'iamlint' : unused.rule,
    hint: suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`,
  };
  return engineFinding(active, messageId, data, unused.span, fingerprint(active.rule.id, messageId, unused.rule, unused.span, undefined));
}

/** A finding the engine reports itself, for `unused-suppression`: about no entity and no statement. */
function engineFinding(active: ActiveRule, messageId: string, data: Readonly<Record<string, string>>, span: Span, fingerprintValue: string): Finding {
  return {
    ruleId: active.rule.id,
    messageId,
    message: formatMessage(active.rule.messages[messageId] ?? messageId, data),
    severity: active.severity,
    category: active.rule.meta.category,
    span,
    subject: undefined,
    sid: undefined,
    data,
    fingerprint: fingerprintValue,
  };
}

/**
 * Applies the baseline. An entry that matches nothing is stale only when its finding could have been
 * seen: its file was checked on this run and its rule is on for that file (as suppressions of rules
 * that are off are not judged). An entry naming a rule iamlint does not have can never match.
 */
function matchBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  scope: { readonly plan: RulePlan; readonly files: readonly CheckedFile[]; readonly knownRules: ReadonlySet<string>; readonly relativeToConfig: (displayPath: string) => string },
): BaselineResult {
  const checked = new Set(scope.files.map((f) => f.path));
  return applyBaseline(findings, baseline, (entry) => {
    if (!checked.has(entry.file)) return false;
    if (!scope.knownRules.has(entry.ruleId)) return true;
    return scope.plan.forPath(scope.relativeToConfig(entry.file)).some((active) => active.rule.id === entry.ruleId);
  });
}

function staleFinding(entry: BaselineEntry, baselinePath: string, active: ActiveRule): Finding {
  const messageId = 'staleBaseline';
  const data = { rule: entry.ruleId, file: entry.file, baseline: baselinePath };
  // The entry's own fingerprint, not its index in the file, keeps this one stable as entries come and go.
  return engineFinding(active, messageId, data, entry.span, fingerprint(active.rule.id, messageId, entry.fingerprint, { ...entry.span, path: [] }, undefined));
}

/** Two findings that hash alike (same rule, place and text) get `:2`, `:3` … in output order. */
function uniqueFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    return count === 1 ? finding : { ...finding, fingerprint: `${finding.fingerprint}:${count}` };
  });
}
