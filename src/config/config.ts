import type { PolicyKind } from '../model/policy.js';
import type { SourceFile } from '../model/source.js';
import type { Span } from '../model/span.js';

export type Level = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'off';

/** A rule's setting as written: a level, with options when given as `[level, options]`. */
export interface RuleSetting {
  readonly level: Level;
  readonly options: Readonly<Record<string, unknown>> | undefined;
  /** Where it was set: in the config file, or on the command line (no span). */
  readonly span: Span | undefined;
}

export interface Override {
  readonly files: readonly string[];
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly kind: PolicyKind | undefined;
}

export interface SuppressEntry {
  readonly rule: string;
  readonly file: string;
  readonly sid: string | undefined;
  readonly subject: string | undefined;
  readonly reason: string;
  readonly span: Span;
}

export interface Config {
  /** The config file, when there is one (its spans locate config errors and unused suppressions). */
  readonly source: SourceFile | undefined;
  /** The folder globs are relative to: the config file's, else the working directory. */
  readonly baseDir: string;
  readonly extends: 'recommended' | 'all';
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly trust: { readonly accounts: readonly string[]; readonly organizationIds: readonly string[] };
  readonly ignore: readonly string[];
  readonly overrides: readonly Override[];
  readonly suppress: readonly SuppressEntry[];
  readonly now: string | undefined;
  readonly maxFileSize: number;
}

/** 64 MiB: room for the authorization details of an account at IAM's quotas (5,000 users: about 25 MB). */
export const defaultMaxFileSize = 64 * 1024 * 1024;

/** A usage or configuration problem: the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
