import { defineRule } from '../../src/engine/rule.js';
import { findAction } from '../../src/iam/catalogue.js';
import { describeList } from '../../src/iam/describe.js';
import { dangerousGrants } from '../../src/iam/grants.js';
import { statementLabel } from '../../src/model/policy.js';

/** Actions whose response carries credentials, keys, tokens or passwords. */
const exposingActions = [
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'sts:GetFederationToken',
  'ecr:GetAuthorizationToken',
  'codeartifact:GetAuthorizationToken',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'ec2:GetPasswordData',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'cognito-identity:GetCredentialsForIdentity',
  'chime:CreateApiKey',
  'gamelift:RequestUploadCredentials',
];

/**
 * Actions that accept only `*` (ecr:GetAuthorizationToken, …) cannot be scoped, and their tokens carry
 * no more than the caller's own permissions: "on every resource" is no finding for them.
 */
function scopable(id: string): boolean {
  return (findAction(id)?.resourceTypes.length ?? 0) > 0;
}

/** The list without those actions, worked out once. */
let scopableActions: readonly string[] | undefined;

export default defineRule({
  id: 'credentials-exposure',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Actions that return credentials or secrets should not be allowed on every resource.',
    sources: [{ tool: 'parliament', id: 'CREDENTIALS_EXPOSURE' }],
  },
  messages: {
    exposure: 'Statement {statement} allows {actions} on every resource: each returns credentials (keys, tokens or passwords) that work outside this policy. Name the resources in Resource.',
  },
  check: {
    statement(context, statement) {
      scopableActions ??= exposingActions.filter(scopable);
      const found = dangerousGrants(statement, scopableActions);
      if (found.length > 0) context.report({ messageId: 'exposure', at: statement.span('Action'), data: { statement: statementLabel(statement), actions: describeList(found) } });
    },
  },
});
