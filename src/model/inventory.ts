import type { Located, PolicyDocument } from './policy.js';
import type { Span } from './span.js';

// The account model: what the standard AWS CLI exports say about an account, each entity with the
// span of its object in the export (or its row in the credential report), so that every account
// finding has an exact location.

/**
 * A value from an export, or one of the credential report's special tokens. The tokens are kept as
 * such and never turned into dates: `N/A` (no such credential, or never used), `no_information`
 * (a password with no recorded sign-in) and `not_supported` (root's password columns).
 */
export type ReportValue<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'na' }
  | { readonly kind: 'noInformation' }
  | { readonly kind: 'notSupported' }
  /** Text that is neither a value of the column's type nor a known token; the loader reports it. */
  | { readonly kind: 'invalid'; readonly text: string };

/** The value, when there is one. */
export function valueOf<T>(value: ReportValue<T>): T | undefined {
  return value.kind === 'value' ? value.value : undefined;
}

/** The credential report's 22 columns, in their fixed order. */
export const credentialColumns = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
export type CredentialColumn = (typeof credentialColumns)[number];

/** One of a user's two access keys, as the credential report describes it. */
export interface AccessKeyColumns {
  readonly index: 1 | 2;
  /** The key exists and its status is Active. */
  readonly active: ReportValue<boolean>;
  /** Created or last rotated. */
  readonly lastRotated: ReportValue<Date>;
  readonly lastUsedDate: ReportValue<Date>;
  readonly lastUsedRegion: ReportValue<string>;
  readonly lastUsedService: ReportValue<string>;
}

/** One of a user's two X.509 signing certificates. */
export interface CertificateColumns {
  readonly index: 1 | 2;
  readonly active: ReportValue<boolean>;
  readonly lastRotated: ReportValue<Date>;
}

/** One row of the credential report: a user, or the account's root user. */
export interface CredentialRow {
  /** The row (in a raw CSV), else the string that holds the report (the CLI's base64 `Content`). */
  readonly span: Span;
  /** 1-based line of the row in the CSV text (line 1 is the header). */
  readonly line: number;
  /** `<root_account>` for root. */
  readonly user: string;
  readonly arn: string;
  readonly isRoot: boolean;
  readonly userCreationTime: ReportValue<Date>;
  readonly passwordEnabled: ReportValue<boolean>;
  readonly passwordLastUsed: ReportValue<Date>;
  readonly passwordLastChanged: ReportValue<Date>;
  readonly passwordNextRotation: ReportValue<Date>;
  readonly mfaActive: ReportValue<boolean>;
  readonly accessKeys: readonly [AccessKeyColumns, AccessKeyColumns];
  readonly certificates: readonly [CertificateColumns, CertificateColumns];
  /** Where one cell is: exact in a raw CSV; the row's span in the JSON envelope. */
  cell(column: CredentialColumn): Span;
}

export interface CredentialReport {
  /** The whole report: the CSV text, or the envelope's `Content` string. */
  readonly span: Span;
  /** The envelope's `GeneratedTime`; a raw CSV has none. Date rules use it when `--now` is not given. */
  readonly generatedTime: Date | undefined;
  readonly rows: readonly CredentialRow[];
  /** The account of the report's ARNs. */
  readonly accountId: string | undefined;
}

/** `aws iam get-account-summary`: `SummaryMap`, a map of names to integers. */
export interface AccountSummary {
  readonly span: Span;
  readonly values: ReadonlyMap<string, Located<number>>;
}

/** `aws iam get-account-password-policy`, or the record that the account has none. */
export type PasswordPolicyRecord =
  | {
      readonly kind: 'present';
      readonly span: Span;
      readonly minimumPasswordLength: Located<number> | undefined;
      readonly requireSymbols: Located<boolean> | undefined;
      readonly requireNumbers: Located<boolean> | undefined;
      readonly requireUppercaseCharacters: Located<boolean> | undefined;
      readonly requireLowercaseCharacters: Located<boolean> | undefined;
      readonly allowUsersToChangePassword: Located<boolean> | undefined;
      readonly expirePasswords: Located<boolean> | undefined;
      readonly maxPasswordAge: Located<number> | undefined;
      readonly passwordReusePrevention: Located<number> | undefined;
      readonly hardExpiry: Located<boolean> | undefined;
    }
  /** `{"PasswordPolicy": null}`: the export recorded `NoSuchEntity` (the account has no password policy). */
  | { readonly kind: 'absent'; readonly span: Span };

/** One entry of `aws iam list-virtual-mfa-devices`. */
export interface VirtualMfaDevice {
  readonly span: Span;
  readonly serialNumber: string;
  /** The user it is assigned to (`arn:aws:iam::<account>:root` for root); undefined when unassigned. */
  readonly userArn: string | undefined;
  readonly enableDate: Date | undefined;
}

/** A managed policy's ARN as a user, group or role refers to it. */
export interface PolicyAttachment {
  readonly arn: string;
  readonly name: string | undefined;
  readonly span: Span;
}

export interface InlinePolicy {
  readonly name: string;
  /** The `{PolicyName, PolicyDocument}` object. */
  readonly span: Span;
  /** Undefined when the document could not be read (the loader reports why). */
  readonly document: PolicyDocument | undefined;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

interface IamEntity {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string | undefined;
  readonly createDate: Date | undefined;
  /** The entity's object in the GAAD. */
  readonly span: Span;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyAttachment[];
}

export interface IamUser extends IamEntity {
  readonly type: 'user';
  /** Group names, as GAAD lists them. */
  readonly groups: readonly Located<string>[];
  readonly permissionsBoundary: PolicyAttachment | undefined;
  readonly tags: readonly Tag[];
}

export interface IamGroup extends IamEntity {
  readonly type: 'group';
}

export interface RoleLastUsed {
  /** Undefined: not used within the last 400 days (IAM tracks no further back). */
  readonly date: Date | undefined;
  readonly region: string | undefined;
  readonly span: Span;
}

export interface IamRole extends IamEntity {
  readonly type: 'role';
  readonly trustPolicy: PolicyDocument | undefined;
  readonly permissionsBoundary: PolicyAttachment | undefined;
  /** Undefined when the export has no `RoleLastUsed` (it is not a GAAD of the CLI, or an old one). */
  readonly lastUsed: RoleLastUsed | undefined;
  readonly instanceProfiles: readonly string[];
  readonly tags: readonly Tag[];
}

export type IamPrincipal = IamUser | IamGroup | IamRole;

export interface PolicyVersion {
  readonly versionId: string;
  readonly isDefault: boolean;
  readonly createDate: Date | undefined;
  readonly span: Span;
  readonly document: PolicyDocument | undefined;
}

export interface ManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string | undefined;
  /** `arn:<partition>:iam::aws:policy/…`. */
  readonly awsManaged: boolean;
  readonly span: Span;
  readonly defaultVersionId: string | undefined;
  readonly attachmentCount: number | undefined;
  readonly permissionsBoundaryUsageCount: number | undefined;
  readonly versions: readonly PolicyVersion[];
  /** The version in force: `IsDefaultVersion`, else the one named by `DefaultVersionId`. */
  readonly defaultVersion: PolicyVersion | undefined;
}

/** A resource policy from a service's export (`get-bucket-policy`, `get-key-policy` …). */
export interface ResourcePolicy {
  /** The resource's ARN: from the export, the manifest, or the policy's own `Resource`; else undefined. */
  readonly resourceArn: string | undefined;
  readonly span: Span;
  readonly document: PolicyDocument;
}

/** What one export file says about an account. Several files (GAAD pages, several exports) merge into one Account. */
export type AccountFragment =
  | {
      readonly kind: 'gaad';
      readonly accountId: string | undefined;
      /** The file's `RoleDetailList` property, else its root object: where findings about the account as a whole point. */
      readonly span: Span;
      readonly users: readonly IamUser[];
      readonly groups: readonly IamGroup[];
      readonly roles: readonly IamRole[];
      readonly policies: readonly ManagedPolicy[];
    }
  | { readonly kind: 'credential-report'; readonly accountId: string | undefined; readonly report: CredentialReport }
  | { readonly kind: 'account-summary'; readonly accountId: undefined; readonly summary: AccountSummary }
  | { readonly kind: 'password-policy'; readonly accountId: undefined; readonly passwordPolicy: PasswordPolicyRecord }
  | { readonly kind: 'virtual-mfa-devices'; readonly accountId: string | undefined; readonly devices: readonly VirtualMfaDevice[]; readonly span: Span }
  /** One export file's resource policies (CloudWatch Logs lists several), with the account of the first one's resource. */
  | { readonly kind: 'resource-policy'; readonly accountId: string | undefined; readonly policies: readonly ResourcePolicy[] }
  /**
   * One file's SCPs and RCPs (`aws organizations describe-policy`). They belong to the organization,
   * not to an account: the assembly sets them apart from the account fragments.
   */
  | { readonly kind: 'organization-policy'; readonly accountId: undefined; readonly policies: readonly OrganizationPolicyExport[] }
  /** A manifest's `organization`: where the accounts sit and what is attached where. Set apart like the above. */
  | { readonly kind: 'organization-manifest'; readonly accountId: undefined; readonly layout: OrganizationLayout };

/** One AWS account, from every export that names it (or sits in its folder). */
export interface Account {
  /** The 12-digit id; undefined when no export names it (a password policy on its own). */
  readonly id: string | undefined;
  /** The export files it comes from, sorted. */
  readonly files: readonly string[];
  /**
   * The first GAAD's `RoleDetailList` (else its root object); undefined without a GAAD, when rules
   * about users, groups and roles have nothing to say.
   */
  readonly authorizationDetails: Span | undefined;
  readonly users: readonly IamUser[];
  readonly groups: readonly IamGroup[];
  readonly roles: readonly IamRole[];
  /** Customer-managed policies and the AWS-managed ones the export lists. */
  readonly policies: readonly ManagedPolicy[];
  readonly credentialReport: CredentialReport | undefined;
  readonly summary: AccountSummary | undefined;
  readonly passwordPolicy: PasswordPolicyRecord | undefined;
  /** Undefined when no `list-virtual-mfa-devices` export was given. */
  readonly virtualMfaDevices: readonly VirtualMfaDevice[] | undefined;
  readonly resourcePolicies: readonly ResourcePolicy[];
}

/** An SCP or RCP from `aws organizations describe-policy`. */
export interface OrganizationPolicy {
  /** `p-…` (`p-FullAWSAccess` for AWS's own). */
  readonly id: string;
  readonly arn: string | undefined;
  readonly name: string;
  readonly type: 'scp' | 'rcp';
  readonly awsManaged: boolean;
  /** The export's `Policy` object. */
  readonly span: Span;
  /** Undefined when `Content` could not be read (the loader reports why). */
  readonly document: PolicyDocument | undefined;
  /** The roots (`r-…`), organizational units (`ou-…`) and accounts it is attached to, from the manifest; empty when it names none. */
  readonly targets: readonly string[];
  /**
   * True for iamlint's own copy of AWS's FullAWSAccess or RCPFullAWSAccess, put in where AWS has the
   * policy attached but the exports do not contain it (its spans point into that copy, not an export).
   */
  readonly builtIn?: boolean | undefined;
}

/** An SCP or RCP as its export gives it, before the manifest says where it is attached. */
export type OrganizationPolicyExport = Omit<OrganizationPolicy, 'targets'>;

/** The `organization` of an `iamlint-manifest.json` (see src/sources/manifest.ts). */
export interface OrganizationLayout {
  readonly managementAccount: string | undefined;
  /** Per account id: the root (`r-…`), then the OUs (`ou-…`) it is in, outermost first; the account itself is not included. */
  readonly accounts: ReadonlyMap<string, readonly string[]>;
  /** Per policy id (`p-…`): the roots, OUs and account ids it is attached to. */
  readonly attachments: ReadonlyMap<string, readonly string[]>;
}

/** The organization the accounts belong to, from SCP/RCP exports and the manifest's `organization`. */
export interface Organization {
  readonly managementAccount: string | undefined;
  /** The exported SCPs and RCPs, sorted by id (the first file in path order wins for an id exported twice). */
  readonly policies: readonly OrganizationPolicy[];
  /**
   * Per account id: the targets from the organization's root down to the account — `r-…`, the
   * `ou-…` it is in (outermost first), then the account id itself. Each level must allow a request.
   * An account the manifest names only as an attachment target has its root (when the manifest
   * names exactly one) and itself. An account not here is not known to be in the organization.
   */
  readonly levels: ReadonlyMap<string, readonly string[]>;
}

export interface Inventory {
  /** Sorted by id (accounts without one last). */
  readonly accounts: readonly Account[];
  /** Undefined when no SCP, RCP or manifest `organization` was given. */
  readonly organization?: Organization | undefined;
}
