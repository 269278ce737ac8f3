import type { Config, SuppressEntry } from '../config/config.js';
import { compileGlob } from '../config/glob.js';
import type { Directive } from '../model/input.js';
import type { Span } from '../model/span.js';
import { anyRule } from '../sources/directives.js';
import type { Finding } from './finding.js';

/** A suppression that matched nothing, or named a rule that does not exist. */
export interface UnusedSuppression {
  readonly span: Span;
  readonly rule: string;
  readonly origin: 'directive' | 'config';
  readonly unknownRule: boolean;
}

export interface SuppressionResult {
  readonly kept: Finding[];
  readonly suppressed: Finding[];
  readonly unused: UnusedSuppression[];
}

export interface SuppressionScope {
  readonly config: Config;
  readonly files: readonly { readonly path: string; readonly directives: readonly Directive[] }[];
  /** Every rule id iamlint knows. */
  readonly knownRules: ReadonlySet<string>;
  /** Rules that ran: a suppression of a rule that is off cannot be judged unused. */
  readonly activeRules: ReadonlySet<string>;
  /** A finding's file (display path) relative to the config's folder, for `suppress[].file` globs. */
  readonly relativeToConfig: (displayPath: string) => string;
}

/** Applies config `suppress` entries and inline directives, and lists those that did nothing. */
export function applySuppressions(findings: readonly Finding[], scope: SuppressionScope): SuppressionResult {
  const directivesByFile = new Map<string, readonly Directive[]>();
  for (const file of scope.files) if (file.directives.length > 0) directivesByFile.set(file.path, file.directives);
  const used = new Set<string>();
  const keyOf = (directive: Directive, rule: string): string => `${directive.span.file}:${directive.span.offset}:${rule}`;
  const entries = scope.config.suppress.map((entry) => ({ entry, matchFile: compileGlob(entry.file) }));
  const usedEntries = new Set<SuppressEntry>();

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    let hit = false;
    for (const directive of directivesByFile.get(finding.span.file) ?? []) {
      if (directive.line !== finding.span.line) continue;
      const rule = directive.rules.includes(finding.ruleId) ? finding.ruleId : directive.rules.includes(anyRule) ? anyRule : undefined;
      if (rule === undefined) continue;
      used.add(keyOf(directive, rule));
      hit = true;
    }
    for (const { entry, matchFile } of entries) {
      if (entry.rule !== finding.ruleId) continue;
      if (entry.sid !== undefined && entry.sid !== finding.sid) continue;
      if (entry.subject !== undefined && entry.subject !== finding.subject) continue;
      if (!matchFile(scope.relativeToConfig(finding.span.file))) continue;
      usedEntries.add(entry);
      hit = true;
    }
    (hit ? suppressed : kept).push(finding);
  }

  const unused: UnusedSuppression[] = [];
  for (const directives of directivesByFile.values()) {
    for (const directive of directives) {
      for (const rule of directive.rules) {
        const unknownRule = rule !== anyRule && !scope.knownRules.has(rule);
        if (unknownRule || ((rule === anyRule || scope.activeRules.has(rule)) && !used.has(keyOf(directive, rule)))) {
          unused.push({ span: directive.span, rule, origin: 'directive', unknownRule });
        }
      }
    }
  }
  for (const { entry } of entries) {
    if (scope.activeRules.has(entry.rule) && !usedEntries.has(entry)) unused.push({ span: entry.span, rule: entry.rule, origin: 'config', unknownRule: false });
  }
  return { kept, suppressed, unused };
}
