import type { PolicyKind } from '../model/policy.js';
import { parseArn } from './arn.js';

/*
 * Size quotas of policy documents, by what holds them (checked against AWS documentation; see
 * rules/correctness/policy-size.md for the sources):
 *  - IAM: customer managed policy 6,144 characters; inline policies, all of one identity together:
 *    user 2,048, group 5,120, role 10,240; role trust policy 2,048 by default, adjustable in Service
 *    Quotas. IAM does not count whitespace. AWS managed policies are not bound by these quotas.
 *  - Organizations: SCP 10,240 characters (5,120 until May 2026), RCP 5,120. The console strips
 *    whitespace between elements; the CLI and SDKs store the policy exactly as sent.
 *  - Resource policies: S3 bucket 20 KB, KMS key 32 KB, SQS queue 8,192 bytes, SNS topic 30 KB,
 *    Lambda function 20 KB, Secrets Manager 20,480 characters and ECR repository 10,240 characters
 *    (both API length limits, whitespace included).
 */

/** The limits used when a document does not say what holds it, and the account's trust policy quota. */
export interface SizeLimits {
  /** Identity policies and permissions boundaries of unknown holder: a customer managed policy. */
  readonly identity: number;
  /** Role trust policies: the account's "Role trust policy length" quota. */
  readonly trust: number;
  readonly scp: number;
  readonly rcp: number;
  /** Resource policies of unknown holder. */
  readonly resource: number;
}

export const defaultSizeLimits: SizeLimits = { identity: 6144, trust: 2048, scp: 10240, rcp: 5120, resource: 32768 };

/** How the service measures a document. */
export type SizeCounting =
  /** Every character but whitespace (IAM). */
  | 'withoutWhitespace'
  /** At least the document without the whitespace between JSON elements (what the console or a minifier sends). */
  | 'minified';

/** What a document is measured against, and how to explain it. */
export interface SizeQuota {
  readonly limit: number;
  /** What the document is, for messages: `managed policy`, `role trust policy`, `S3 bucket policy` … */
  readonly what: string;
  /** The quota in words, e.g. `the 6,144-character quota of a customer managed policy`. */
  readonly quota: string;
  readonly counting: SizeCounting;
  /** Whether AWS documents that the document counts as sent, whitespace included. */
  readonly countsWhitespaceAsSent: boolean;
  /** Which advice fits: how such documents are made smaller. */
  readonly family: 'identity' | 'inline' | 'trust' | 'organizations' | 'resource';
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A limit the user set in the rule's options. */
const configured = (limit: number, option: string): string => `the ${formatCount(limit)}-character limit set by the rule's ${option} option`;

const assumedNote = (option: string): string => ` (assumed: the document does not say what holds it; the rule's ${option} option sets another limit)`;

interface ResourceQuota {
  readonly limit: number;
  readonly what: string;
  readonly countsWhitespaceAsSent: boolean;
}

/** Resource policies by the owner ARN's service. */
const resourceQuotas: Readonly<Record<string, ResourceQuota>> = {
  s3: { limit: 20480, what: 'S3 bucket policy', countsWhitespaceAsSent: false },
  kms: { limit: 32768, what: 'KMS key policy', countsWhitespaceAsSent: false },
  sqs: { limit: 8192, what: 'SQS queue policy', countsWhitespaceAsSent: false },
  sns: { limit: 30720, what: 'SNS topic policy', countsWhitespaceAsSent: false },
  lambda: { limit: 20480, what: 'Lambda function policy', countsWhitespaceAsSent: false },
  secretsmanager: { limit: 20480, what: 'Secrets Manager secret policy', countsWhitespaceAsSent: true },
  ecr: { limit: 10240, what: 'ECR repository policy', countsWhitespaceAsSent: true },
};

const inlineQuotas: Readonly<Record<string, { limit: number; holder: string }>> = {
  user: { limit: 2048, holder: 'IAM user' },
  group: { limit: 5120, holder: 'IAM group' },
  role: { limit: 10240, holder: 'IAM role' },
};

function identityQuota(owner: string | undefined, limits: SizeLimits): SizeQuota | undefined {
  if (owner === undefined) {
    return {
      limit: limits.identity,
      what: 'policy',
      quota: limits.identity === defaultSizeLimits.identity ? `the 6,144-character quota of a customer managed policy${assumedNote('identity')}` : configured(limits.identity, 'identity'),
      counting: 'withoutWhitespace',
      countsWhitespaceAsSent: false,
      family: 'identity',
    };
  }
  const arn = parseArn(owner);
  if (arn?.service !== 'iam') return undefined; // held by something whose quota is not known here (an SSO permission set …)
  const type = arn.resource.slice(0, arn.resource.indexOf('/'));
  // AWS managed policies (`arn:aws:iam::aws:policy/…`) are not bound by the customer quota.
  if (type === 'policy') {
    if (arn.account === 'aws') return undefined;
    return { limit: 6144, what: 'managed policy', quota: 'the 6,144-character quota of a customer managed policy', counting: 'withoutWhitespace', countsWhitespaceAsSent: false, family: 'identity' };
  }
  const inline = inlineQuotas[type];
  if (!inline) return undefined;
  return {
    limit: inline.limit,
    what: 'inline policy',
    quota: `the ${formatCount(inline.limit)}-character quota for all inline policies of an ${inline.holder} together`,
    counting: 'withoutWhitespace',
    countsWhitespaceAsSent: false,
    family: 'inline',
  };
}

function organizationsQuota(kind: 'scp' | 'rcp', owner: string | undefined, limits: SizeLimits): SizeQuota | undefined {
  const arn = owner === undefined ? undefined : parseArn(owner);
  // AWS managed policies of Organizations (`arn:aws:organizations::aws:policy/…`, e.g. FullAWSAccess).
  if (arn?.service === 'organizations' && arn.account === 'aws') return undefined;
  const limit = kind === 'scp' ? limits.scp : limits.rcp;
  const what = kind === 'scp' ? 'service control policy' : 'resource control policy';
  const quota = limit === defaultSizeLimits[kind] ? `the ${formatCount(limit)}-character quota of a ${what}` : configured(limit, kind);
  return { limit, what, quota, counting: 'minified', countsWhitespaceAsSent: true, family: 'organizations' };
}

function resourceQuota(owner: string | undefined, limits: SizeLimits): SizeQuota | undefined {
  if (owner === undefined) {
    return {
      limit: limits.resource,
      what: 'resource policy',
      quota: limits.resource === defaultSizeLimits.resource ? `32,768 characters, the largest common resource policy quota (a KMS key policy's)${assumedNote('resource')}` : configured(limits.resource, 'resource'),
      counting: 'minified',
      countsWhitespaceAsSent: false,
      family: 'resource',
    };
  }
  const arn = parseArn(owner);
  const known = arn ? resourceQuotas[arn.service] : undefined;
  // Only bucket ARNs for S3: access points and other S3 resources have policies of their own kind.
  if (!arn || !known || (arn.service === 's3' && (arn.region !== '' || arn.account !== '' || arn.resource.includes('/')))) return undefined;
  return { limit: known.limit, what: known.what, quota: `the ${formatCount(known.limit)}-character quota for ${known.what}s`, counting: 'minified', countsWhitespaceAsSent: known.countsWhitespaceAsSent, family: 'resource' };
}

/**
 * The size quota a document is bound by, from its kind and, when known, the ARN of what holds it.
 * Undefined when none applies (AWS managed policies) or the holder's quota is not known here.
 */
export function sizeQuota(kind: PolicyKind, owner: string | undefined, limits: SizeLimits = defaultSizeLimits): SizeQuota | undefined {
  switch (kind) {
    case 'identity':
    case 'boundary':
      return identityQuota(owner, limits);
    case 'trust':
      return {
        limit: limits.trust,
        what: 'role trust policy',
        quota:
          limits.trust === defaultSizeLimits.trust
            ? "the default role trust policy length quota of 2,048 characters (if your account's quota was raised, set the rule's trust option)"
            : `the role trust policy length of ${formatCount(limits.trust)} characters set by the rule's trust option`,
        counting: 'withoutWhitespace',
        countsWhitespaceAsSent: false,
        family: 'trust',
      };
    case 'scp':
    case 'rcp':
      return organizationsQuota(kind, owner, limits);
    case 'resource':
      return resourceQuota(owner, limits);
  }
}

export interface PolicySize {
  /** Characters of the document as written (after decoding a policy held in a string). */
  readonly asWritten: number;
  /** Without the whitespace between JSON elements. */
  readonly minified: number;
  /** Without any whitespace, inside strings too (IAM's count). */
  readonly withoutWhitespace: number;
}

/** Whether the text of an object is JSON-escaped (`{\"Version\": …`, a policy held in a JSON string). */
function isEscaped(text: string): boolean {
  let i = 1;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '\\' && (text[i + 1] === 'n' || text[i + 1] === 'r' || text[i + 1] === 't')) i += 2;
    else return c === '\\' && text[i + 1] === '"';
  }
}

/** The document's own text, for a policy held in a JSON string or URL-encoded. */
function decoded(text: string): string {
  try {
    if (/^%7B/i.test(text)) return decodeURIComponent(text);
    if (text.startsWith('{') && isEscaped(text)) return JSON.parse(`"${text}"`) as string;
  } catch {
    // Not decodable as a whole: measure it as written, an upper bound.
  }
  return text;
}

/**
 * Measures a policy document from its text (the source range of `document.span()`), in one pass.
 * A policy held in a JSON string or URL-encoded is decoded first.
 */
export function measurePolicyText(text: string): PolicySize {
  const own = decoded(text);
  let outside = 0;
  let inside = 0;
  let inString = false;
  for (let i = 0; i < own.length; i++) {
    const c = own.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      else if (space) inside++;
    } else if (c === 34) inString = true;
    else if (space) outside++;
  }
  return { asWritten: own.length, minified: own.length - outside, withoutWhitespace: own.length - outside - inside };
}
