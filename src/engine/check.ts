import { relative, resolve, sep } from 'node:path';
import { ConfigError, type Config, type RuleSetting } from '../config/config.js';
import { compileGlobs } from '../config/glob.js';
import type { InputFile } from '../model/input.js';
import type { PolicyKind } from '../model/policy.js';
import { discover, type DiscoveryNote } from '../sources/discover.js';
import { nearest } from '../iam/suggest.js';
import { anyRule } from '../sources/directives.js';
import { loadFile, unreadableFile } from '../sources/load.js';
import { readInput } from '../sources/read.js';
import { compareFindings, type Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { planRules } from './configure.js';
import { formatMessage, type AnyRule } from './rule.js';
import { RuleRunner, type ActiveRule, type RuleFailure } from './runner.js';
import { applySuppressions, type UnusedSuppression } from './suppress.js';

/** File endings a folder walk reads; content sniffing then decides what each file is. */
export const inputExtensions = ['.json', '.jsonc'];

/** The engine's own rule for suppressions that do nothing; it reports what `applySuppressions` finds. */
export const unusedSuppressionRuleId = 'unused-suppression';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: Config;
  readonly rules: readonly AnyRule[];
  /** `--rule id=level` settings, applied after the config. */
  readonly cliRules: ReadonlyMap<string, RuleSetting>;
  readonly now: Date;
}

/** What is kept of a file once it is checked: its model is dropped to keep memory flat. */
export type CheckedFile = Omit<InputFile, 'documents'>;

export interface CheckResult {
  /** Sorted and not suppressed, including unused suppressions. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly files: readonly CheckedFile[];
  readonly notes: readonly DiscoveryNote[];
  readonly failures: readonly RuleFailure[];
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Discovers, loads and checks the paths. Throws ConfigError for usage and config problems only. */
export function check(options: CheckOptions): CheckResult {
  const { config, cwd } = options;
  const plan = planRules(options.rules, config, options.cliRules);
  const fromConfig = (absolutePath: string): string => toPosix(relative(config.baseDir, absolutePath));
  const ignored = compileGlobs(config.ignore);
  const kindMatchers = config.overrides.map((o) => ({ kind: o.kind, match: compileGlobs(o.files) })).filter((o) => o.kind !== undefined);

  const discovery = discover(options.paths, {
    cwd,
    extensions: inputExtensions,
    isIgnored: (absolutePath) => config.ignore.length > 0 && ignored(fromConfig(absolutePath)),
  });
  if (discovery.missing.length > 0) throw new ConfigError(`no such file or folder: ${discovery.missing.join(', ')}`);

  const readIdentities = new Set<string>();
  const notes = [...discovery.notes];
  const runner = new RuleRunner({ trust: config.trust, now: options.now });
  const files: CheckedFile[] = [];
  for (const discovered of discovery.files) {
    // Paths relative to the config's folder are only needed to match overrides.
    const relativePath = config.overrides.length > 0 ? fromConfig(discovered.absolutePath) : '';
    const read = readInput(discovered.absolutePath, config.maxFileSize);
    let file: InputFile;
    if (read.ok) {
      if (readIdentities.has(read.identity)) {
        notes.push({ path: discovered.path, message: 'skipped: the same file as one already checked (through a link)', level: 'debug' });
        continue;
      }
      readIdentities.add(read.identity);
      let kind: PolicyKind | undefined;
      for (const matcher of kindMatchers) if (matcher.match(relativePath)) kind = matcher.kind;
      file = loadFile(discovered.path, read.bytes, { kind });
    } else if (read.reason === 'tooLarge') {
      file = unreadableFile(discovered.path, 'tooLarge', `the file is ${formatSize(read.size)}, over the ${formatSize(config.maxFileSize)} limit; raise maxFileSize in .iamlint.json, or ignore the file`);
    } else {
      file = unreadableFile(discovered.path, 'unreadable', `cannot read the file: ${read.detail}`);
    }
    runner.run(file, plan.forPath(relativePath));
    files.push({ source: file.source, kind: file.kind, problems: file.problems, directives: file.directives });
  }

  const suppression = applySuppressions(runner.findings, {
    config,
    files,
    knownRules: new Set(options.rules.map((r) => r.id)),
    activeRules: plan.everActive,
    relativeToConfig: (displayPath) => fromConfig(resolve(cwd, displayPath)),
  });

  const unusedRule = plan.forPath('').find((a) => a.rule.id === unusedSuppressionRuleId);
  const unused = unusedRule ? suppression.unused.map((u) => unusedFinding(u, unusedRule, options.rules.map((r) => r.id))) : [];
  const findings = uniqueFingerprints([...suppression.kept, ...unused].sort(compareFindings));
  return { findings, suppressed: suppression.suppressed, files, notes, failures: runner.failures };
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
  return {
    ruleId: active.rule.id,
    messageId,
    message: formatMessage(active.rule.messages[messageId] ?? messageId, data),
    severity: active.severity,
    category: active.rule.meta.category,
    span: unused.span,
    subject: undefined,
    sid: undefined,
    data,
    fingerprint: fingerprint(active.rule.id, messageId, unused.rule, unused.span, undefined),
  };
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
