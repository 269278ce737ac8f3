#!/usr/bin/env node
// Writes a synthetic repository of IAM policy files for benchmarking: identity policies (most),
// resource policies (S3, KMS, SQS, SNS), role trust policies (service, cross-account, GitHub OIDC,
// SAML), spread over teams/<team>/<app>/… folders. Ordinary statements are right, as most written
// by people are: each action on resources of a type it acts on, or on "*" if it has no resource-level
// permissions. About a fifth of the files hold a realistic problem (planted, see `problems`) and one
// in 250 is malformed JSON. Same --seed, same bytes.
//
// With --account it writes instead one large AWS account's export folder, as
// examples/export-account.sh does (see "A large AWS account" below): authorization-details.json
// (about 25 MB for the default 5,000 users; --users scales groups, roles and policies with it),
// credential-report.json (the CLI's envelope; --report-csv writes the raw credential-report.csv),
// account-summary.json, password-policy.json, virtual-mfa-devices.json, iamlint-manifest.json.
// What it generated (users, keys, roles by kind, documents …) is printed and kept in the folder's
// .iamlint-bench file. bench/run.mjs --account measures it.
//
//   node bench/generate.mjs [--count N] [--out DIR] [--seed S] [--json]
//   node bench/generate.mjs --account [--users N] [--report-csv] [--out DIR] [--seed S] [--json]
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultOut = join(here, 'out', 'policies');
/** A file (not .json, so no linter reads it) that marks a folder as ours to delete and rewrite. */
export const markerName = '.iamlint-bench';

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers: the seed string is hashed (xmur3) into sfc32's state.

function xmur3(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

function sfc32(a, b, c, d) {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function makeRandom(seed) {
  const hash = xmur3(String(seed));
  const next = sfc32(hash(), hash(), hash(), hash());
  for (let i = 0; i < 16; i++) next();
  const random = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** `table` is [[weight, value], …]. */
    weighted: (table) => {
      const total = table.reduce((n, [w]) => n + w, 0);
      let r = next() * total;
      for (const [w, value] of table) {
        r -= w;
        if (r < 0) return value;
      }
      return table[table.length - 1][1];
    },
    /** `n` distinct items (fewer if the list is shorter), in list order. */
    some: (list, n) => {
      const chosen = new Set();
      const want = Math.min(n, list.length);
      while (chosen.size < want) chosen.add(Math.floor(next() * list.length));
      return [...chosen].sort((a, b) => a - b).map((i) => list[i]);
    },
    hex: (n) => {
      let out = '';
      for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(next() * 16)];
      return out;
    },
    alnum: (n) => {
      const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      let out = '';
      for (let i = 0; i < n; i++) out += chars[Math.floor(next() * chars.length)];
      return out;
    },
    digits: (n) => {
      let out = String(1 + Math.floor(next() * 9));
      for (let i = 1; i < n; i++) out += String(Math.floor(next() * 10));
      return out;
    },
  };
  return random;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const teams = ['payments', 'platform', 'data', 'identity', 'search', 'mobile', 'web', 'ml', 'security', 'billing', 'growth', 'infra', 'analytics', 'support', 'logistics', 'catalog'];
const appWords = ['orders', 'ledger', 'checkout', 'invoices', 'users', 'sessions', 'reports', 'events', 'ingest', 'export', 'notifications', 'pricing', 'inventory', 'shipping', 'audit', 'etl', 'feature-store', 'recommender', 'gateway', 'scheduler', 'media', 'thumbnails', 'backup', 'metrics'];
const appSuffixes = ['api', 'worker', 'service', 'pipeline', 'jobs', 'consumer', 'app', 'lambda'];
const environments = ['dev', 'staging', 'prod'];
const regions = ['us-east-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const orgId = 'o-a1b2c3d4e5';
const githubOrgs = ['acme-corp', 'acme-platform', 'acme-data'];
const corporateCidrs = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/25', '10.20.0.0/16'];

/**
 * Actions per service, grouped by the resource type they act on (the "Resource types" column of the
 * AWS Service Authorization Reference): `read` and `write` lists and the wildcards people really
 * write, each matching actions of that type. The group `*` holds actions without resource-level
 * permissions, which are only ever granted on "*" (in a statement of their own, as people write
 * them). `shapes` are the resources statements list, as [weight, groups, builder]: a statement
 * takes one shape and only actions of its groups, so each action has a resource it acts on.
 */
const services = {
  s3: {
    groups: {
      bucket: { read: ['ListBucket', 'GetBucketLocation', 'ListBucketVersions', 'GetBucketVersioning', 'GetBucketPolicy', 'ListBucketMultipartUploads'], wildcards: ['Get*', 'List*'] },
      object: { read: ['GetObject', 'GetObjectVersion', 'GetObjectTagging'], write: ['PutObject', 'DeleteObject', 'PutObjectTagging', 'AbortMultipartUpload', 'PutObjectAcl', 'RestoreObject', 'DeleteObjectVersion'], wildcards: ['Get*', 'Put*'] },
      // The console's pair: ListAllMyBuckets has no resource-level permissions, GetBucketLocation fits "*" too.
      '*': { read: ['ListAllMyBuckets', 'GetBucketLocation'] },
    },
    shapes: [
      [3, ['bucket', 'object'], (c) => {
        const bucket = c.bucket();
        return [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
      }],
      [2, ['object'], (c) => [`arn:aws:s3:::${c.bucket()}/${c.r.pick(['incoming', 'exports', 'reports', 'raw', 'processed', 'tmp'])}/*`]],
      [1, ['bucket', 'object'], (c) => {
        const bucket = c.bucket();
        return [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${c.bucket()}/*`];
      }],
      [0.6, ['bucket'], (c) => [`arn:aws:s3:::${c.bucket()}`]],
      [0.4, ['*'], () => ['*']],
    ],
  },
  ec2: {
    groups: {
      '*': { read: ['DescribeInstances', 'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs', 'DescribeImages', 'DescribeVolumes', 'DescribeNetworkInterfaces', 'DescribeTags', 'DescribeSnapshots', 'DescribeInstanceStatus', 'DescribeAddresses'], wildcards: ['Describe*', 'Get*'] },
      instance: { write: ['StartInstances', 'StopInstances', 'TerminateInstances', 'RebootInstances', 'CreateTags'] },
      volume: { write: ['AttachVolume', 'DetachVolume', 'CreateSnapshot', 'ModifyVolume', 'CreateTags'] },
      'security-group': { write: ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'CreateTags'] },
      'network-interface': { write: ['CreateNetworkInterface', 'DeleteNetworkInterface', 'CreateTags'] },
      image: { write: ['RunInstances', 'CreateTags'] },
    },
    shapes: [
      [9, ['*'], () => ['*']],
      [4, ['instance'], (c) => [`arn:aws:ec2:${c.region}:${c.account}:instance/*`]],
      [2, ['instance', 'volume'], (c) => [`arn:aws:ec2:${c.region}:${c.account}:instance/*`, `arn:aws:ec2:${c.region}:${c.account}:volume/*`]],
      [2, ['security-group'], (c) => [`arn:aws:ec2:${c.region}:${c.account}:security-group/sg-${c.r.hex(17)}`]],
      [1.5, ['network-interface'], (c) => [`arn:aws:ec2:${c.region}:${c.account}:network-interface/*`, `arn:aws:ec2:${c.region}:${c.account}:subnet/*`, `arn:aws:ec2:${c.region}:${c.account}:security-group/*`]],
      [1.5, ['image', 'instance'], (c) => [
        `arn:aws:ec2:${c.region}::image/ami-*`,
        ...['instance', 'volume', 'network-interface', 'subnet', 'security-group'].map((type) => `arn:aws:ec2:${c.region}:${c.account}:${type}/*`),
      ]],
    ],
  },
  iam: {
    groups: {
      role: { read: ['GetRole', 'ListAttachedRolePolicies', 'ListRolePolicies', 'GetRolePolicy', 'ListInstanceProfilesForRole'], write: ['TagRole', 'UntagRole', 'UpdateAssumeRolePolicy'], wildcards: ['Get*', 'List*'] },
      policy: { read: ['GetPolicy', 'GetPolicyVersion', 'ListPolicyVersions', 'ListEntitiesForPolicy'], wildcards: ['Get*', 'List*'] },
      user: { read: ['GetUser', 'ListAccessKeys', 'ListUserPolicies', 'ListGroupsForUser', 'ListMFADevices'], write: ['ChangePassword', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'], wildcards: ['Get*', 'List*'] },
      'instance-profile': { read: ['GetInstanceProfile'] },
      '*': { read: ['ListRoles', 'ListPolicies', 'ListUsers', 'ListInstanceProfiles', 'GetAccountSummary', 'ListAccountAliases'], wildcards: ['List*'] },
    },
    shapes: [
      [5, ['role'], (c) => [`arn:aws:iam::${c.account}:role/${c.r.pick(['', 'service-role/', `${c.team}/`])}${c.app}-*`]],
      [2, ['policy'], (c) => [`arn:aws:iam::${c.account}:policy/${c.r.pick(['', `${c.team}/`])}${c.app}-*`]],
      [1.5, ['user'], (c) => [`arn:aws:iam::${c.account}:user/${c.team}/*`]],
      [1, ['role', 'instance-profile'], (c) => [`arn:aws:iam::${c.account}:role/${c.app}-*`, `arn:aws:iam::${c.account}:instance-profile/${c.app}-*`]],
      [2.5, ['*'], () => ['*']],
    ],
  },
  kms: {
    groups: {
      key: { read: ['Decrypt', 'DescribeKey', 'GetKeyPolicy', 'GetKeyRotationStatus'], write: ['Encrypt', 'GenerateDataKey', 'GenerateDataKey*', 'ReEncrypt*', 'CreateGrant', 'GenerateDataKeyWithoutPlaintext'], wildcards: ['Describe*', 'List*'] },
      '*': { read: ['ListAliases', 'ListKeys'], wildcards: ['List*'] },
    },
    shapes: [
      [9, ['key'], (c) => [`arn:aws:kms:${c.region}:${c.account}:key/${c.uuid()}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  lambda: {
    groups: {
      function: { read: ['GetFunction', 'GetFunctionConfiguration', 'ListVersionsByFunction', 'GetAlias', 'ListTags', 'ListAliases', 'GetPolicy'], write: ['InvokeFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration', 'PublishVersion', 'CreateFunction', 'UpdateAlias', 'AddPermission'], wildcards: ['Get*', 'List*'] },
      '*': { read: ['ListFunctions', 'ListEventSourceMappings', 'GetAccountSettings'], wildcards: ['List*'] },
    },
    shapes: [
      [9, ['function'], (c) => [`arn:aws:lambda:${c.region}:${c.account}:function:${c.app}-${c.env}${c.r.chance(0.3) ? ':*' : ''}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  dynamodb: {
    groups: {
      table: { read: ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'DescribeTable', 'ConditionCheckItem'], write: ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'], wildcards: ['Get*', 'Describe*', 'Query', 'BatchGet*'] },
      index: { read: ['Query', 'Scan'] },
      stream: { read: ['DescribeStream', 'GetRecords', 'GetShardIterator'], wildcards: ['Get*', 'Describe*'] },
      '*': { read: ['ListTables', 'ListStreams'], wildcards: ['List*'] },
    },
    shapes: [
      [4, ['table'], (c) => [c.table()]],
      [4, ['table', 'index'], (c) => {
        const table = c.table();
        return [table, `${table}/index/*`];
      }],
      [1.5, ['stream'], (c) => [`${c.table()}/stream/*`]],
      [0.8, ['*'], () => ['*']],
    ],
  },
  sqs: {
    groups: {
      queue: { read: ['ReceiveMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ListDeadLetterSourceQueues'], write: ['SendMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'PurgeQueue', 'SetQueueAttributes'], wildcards: ['Get*', 'List*'] },
      '*': { read: ['ListQueues'] },
    },
    shapes: [
      [9, ['queue'], (c) => [`arn:aws:sqs:${c.region}:${c.account}:${c.app}-${c.r.pick(['queue', 'jobs', 'events', 'dlq'])}${c.r.chance(0.3) ? '.fifo' : ''}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  sns: {
    groups: {
      topic: { read: ['GetTopicAttributes', 'ListSubscriptionsByTopic', 'GetSubscriptionAttributes'], write: ['Publish', 'Subscribe', 'Unsubscribe', 'SetTopicAttributes', 'CreateTopic'], wildcards: ['Get*', 'List*'] },
      '*': { read: ['ListTopics', 'ListSubscriptions'], wildcards: ['List*'] },
    },
    shapes: [
      [9, ['topic'], (c) => [`arn:aws:sns:${c.region}:${c.account}:${c.app}-${c.r.pick(['alerts', 'events', 'notifications'])}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  logs: {
    groups: {
      // `log-group:NAME:*` covers the group and its streams, so both kinds of action fit it.
      'log-group': { read: ['DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents', 'StartQuery', 'GetQueryResults'], write: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'PutRetentionPolicy', 'TagLogGroup'], wildcards: ['Describe*', 'Get*', 'FilterLogEvents'] },
      '*': { read: ['DescribeLogGroups', 'DescribeQueries'], wildcards: ['Describe*'] },
    },
    shapes: [
      [9, ['log-group'], (c) => [`arn:aws:logs:${c.region}:${c.account}:log-group:/aws/${c.r.pick(['lambda', 'ecs', 'codebuild'])}/${c.app}-${c.env}:*`]],
      [1.5, ['*'], () => ['*']],
    ],
  },
  cloudwatch: {
    groups: {
      alarm: { read: ['DescribeAlarms', 'DescribeAlarmHistory'], write: ['PutMetricAlarm', 'DeleteAlarms', 'SetAlarmState', 'EnableAlarmActions', 'DisableAlarmActions'], wildcards: ['Describe*'] },
      // PutMetricData, usually granted on "*", is left out: its optional `dataset` type makes it a
      // write that could name resources, which wildcard-resource reports.
      '*': { read: ['GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'DescribeAlarmsForMetric'], wildcards: ['Get*', 'List*', 'Describe*'] },
    },
    shapes: [
      [5, ['*'], () => ['*']],
      [5, ['alarm'], (c) => [`arn:aws:cloudwatch:${c.region}:${c.account}:alarm:${c.app}-*`]],
    ],
  },
  sts: {
    groups: {
      role: { write: ['AssumeRole', 'TagSession'] },
      '*': { read: ['GetCallerIdentity'] },
    },
    shapes: [
      [5, ['role'], (c) => [`arn:aws:iam::${c.otherAccount()}:role/${c.r.pick(['deploy', 'read-only', 'audit', 'cross-account-access'])}`]],
      [4, ['*'], () => ['*']],
    ],
  },
  secretsmanager: {
    groups: {
      Secret: { read: ['GetSecretValue', 'DescribeSecret', 'ListSecretVersionIds', 'GetResourcePolicy'], write: ['PutSecretValue', 'UpdateSecret', 'RotateSecret', 'TagResource'], wildcards: ['Describe*', 'List*'] },
      '*': { read: ['ListSecrets', 'GetRandomPassword'] },
    },
    shapes: [
      [9, ['Secret'], (c) => [`arn:aws:secretsmanager:${c.region}:${c.account}:secret:${c.team}/${c.app}/${c.r.pick(['db', 'api-key', 'oauth', 'signing'])}-${c.r.chance(0.5) ? c.r.alnum(6) : '*'}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  ssm: {
    groups: {
      parameter: { read: ['GetParameter', 'GetParameters', 'GetParametersByPath', 'GetParameterHistory'], write: ['PutParameter', 'DeleteParameter', 'AddTagsToResource', 'LabelParameterVersion'], wildcards: ['GetParameter*'] },
      // Run Command and Session Manager: on instances and the document they run.
      document: { write: ['SendCommand', 'StartSession'] },
      '*': { read: ['DescribeParameters', 'DescribeInstanceInformation', 'ListCommands', 'GetCommandInvocation'], wildcards: ['Describe*'] },
    },
    shapes: [
      [7, ['parameter'], (c) => [`arn:aws:ssm:${c.region}:${c.account}:parameter/${c.team}/${c.app}/${c.env}/*`]],
      [1.5, ['document'], (c) => [`arn:aws:ec2:${c.region}:${c.account}:instance/*`, `arn:aws:ssm:${c.region}::document/${c.r.pick(['AWS-RunShellScript', 'AWS-RunPowerShellScript', 'SSM-SessionManagerRunShell'])}`]],
      [1.5, ['*'], () => ['*']],
    ],
  },
  ecr: {
    groups: {
      repository: { read: ['BatchCheckLayerAvailability', 'GetDownloadUrlForLayer', 'BatchGetImage', 'DescribeRepositories', 'DescribeImages', 'ListImages'], write: ['PutImage', 'InitiateLayerUpload', 'UploadLayerPart', 'CompleteLayerUpload', 'TagResource'], wildcards: ['Describe*', 'List*', 'BatchGet*'] },
      '*': { read: ['GetAuthorizationToken'] },
    },
    shapes: [
      [9, ['repository'], (c) => [`arn:aws:ecr:${c.region}:${c.account}:repository/${c.team}/${c.app}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  ecs: {
    groups: {
      service: { read: ['DescribeServices', 'ListTagsForResource'], write: ['UpdateService', 'TagResource'], wildcards: ['Describe*'] },
      task: { read: ['DescribeTasks'], write: ['StopTask'] },
      cluster: { read: ['DescribeClusters', 'ListContainerInstances'], wildcards: ['Describe*', 'List*'] },
      'container-instance': { read: ['ListTasks', 'DescribeContainerInstances'] },
      'task-definition': { write: ['RunTask', 'StartTask', 'RegisterTaskDefinition'] },
      '*': { read: ['DescribeTaskDefinition', 'ListServices', 'ListClusters', 'ListTaskDefinitions'], wildcards: ['Describe*', 'List*'] },
    },
    shapes: [
      [3, ['service', 'task'], (c) => [`arn:aws:ecs:${c.region}:${c.account}:service/${c.team}-${c.env}/${c.r.chance(0.5) ? c.app : '*'}`, `arn:aws:ecs:${c.region}:${c.account}:task/${c.team}-${c.env}/*`]],
      [2, ['cluster', 'container-instance'], (c) => [`arn:aws:ecs:${c.region}:${c.account}:cluster/${c.team}-${c.env}`, `arn:aws:ecs:${c.region}:${c.account}:container-instance/${c.team}-${c.env}/*`]],
      [1.5, ['task-definition'], (c) => [`arn:aws:ecs:${c.region}:${c.account}:task-definition/${c.app}-${c.env}:*`]],
      [2, ['*'], () => ['*']],
    ],
  },
  rds: {
    groups: {
      db: { read: ['DescribeDBInstances', 'ListTagsForResource', 'DescribeDBLogFiles'], write: ['StartDBInstance', 'StopDBInstance', 'RebootDBInstance', 'ModifyDBInstance'], wildcards: ['Describe*', 'List*'] },
      snapshot: { read: ['DescribeDBSnapshots'], write: ['CreateDBSnapshot', 'DeleteDBSnapshot', 'CopyDBSnapshot'] },
      cluster: { read: ['DescribeDBClusters', 'ListTagsForResource', 'DescribeDBClusterEndpoints'], write: ['StartDBCluster', 'StopDBCluster', 'RebootDBCluster', 'ModifyDBCluster'], wildcards: ['Describe*', 'List*'] },
      '*': { read: ['DescribeDBEngineVersions', 'DescribeEvents'], wildcards: ['Describe*'] },
    },
    shapes: [
      [3, ['db'], (c) => [`arn:aws:rds:${c.region}:${c.account}:db:${c.app}-${c.env}${c.r.chance(0.3) ? '-*' : ''}`]],
      [2, ['db', 'snapshot'], (c) => [`arn:aws:rds:${c.region}:${c.account}:db:${c.app}-${c.env}`, `arn:aws:rds:${c.region}:${c.account}:snapshot:${c.app}-${c.env}-*`]],
      [2.5, ['cluster'], (c) => [`arn:aws:rds:${c.region}:${c.account}:cluster:${c.app}-${c.env}${c.r.chance(0.3) ? '-*' : ''}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  'rds-db': {
    groups: {
      dbuser: { read: ['connect'] },
    },
    shapes: [[1, ['dbuser'], (c) => [`arn:aws:rds-db:${c.region}:${c.account}:dbuser:db-${c.r.alnum(26).toUpperCase()}/${c.app.replace(/-/g, '_')}`]]],
  },
  states: {
    groups: {
      statemachine: { read: ['DescribeStateMachine', 'ListExecutions'], write: ['StartExecution', 'StartSyncExecution'], wildcards: ['Describe*', 'List*'] },
      execution: { read: ['DescribeExecution', 'GetExecutionHistory'], write: ['StopExecution', 'RedriveExecution'], wildcards: ['Describe*', 'Get*'] },
      '*': { read: ['ListStateMachines', 'ListActivities'], write: ['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat'], wildcards: ['List*', 'SendTask*'] },
    },
    shapes: [
      [3, ['statemachine'], (c) => [`arn:aws:states:${c.region}:${c.account}:stateMachine:${c.app}-${c.env}`]],
      [3, ['statemachine', 'execution'], (c) => [`arn:aws:states:${c.region}:${c.account}:stateMachine:${c.app}-${c.env}`, `arn:aws:states:${c.region}:${c.account}:execution:${c.app}-${c.env}:*`]],
      [1.5, ['*'], () => ['*']],
    ],
  },
  events: {
    groups: {
      rule: { read: ['DescribeRule', 'ListTargetsByRule'], write: ['PutRule', 'PutTargets', 'RemoveTargets', 'EnableRule', 'DisableRule', 'DeleteRule'], wildcards: ['Describe*', 'List*'] },
      'event-bus': { read: ['DescribeEventBus'], write: ['PutEvents'], wildcards: ['Describe*'] },
      '*': { read: ['ListRules', 'ListEventBuses'], wildcards: ['List*'] },
    },
    shapes: [
      [4, ['rule'], (c) => [`arn:aws:events:${c.region}:${c.account}:rule/${c.r.chance(0.6) ? '' : `${c.team}/`}${c.app}-*`]],
      [3, ['event-bus'], (c) => [`arn:aws:events:${c.region}:${c.account}:event-bus/${c.r.pick(['default', c.team])}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  kinesis: {
    groups: {
      stream: { read: ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListShards', 'DescribeStreamSummary'], write: ['PutRecord', 'PutRecords'], wildcards: ['Describe*', 'Get*', 'List*'] },
      '*': { read: ['ListStreams'] },
    },
    shapes: [
      [9, ['stream'], (c) => [`arn:aws:kinesis:${c.region}:${c.account}:stream/${c.app}-${c.env}`]],
      [1, ['*'], () => ['*']],
    ],
  },
  cloudformation: {
    groups: {
      stack: { read: ['DescribeStacks', 'DescribeStackEvents', 'GetTemplate', 'ListStackResources', 'DescribeChangeSet'], write: ['CreateChangeSet', 'ExecuteChangeSet', 'DeleteChangeSet', 'UpdateStack', 'CreateStack'], wildcards: ['Describe*', 'List*', 'Get*'] },
      '*': { read: ['ListStacks', 'ValidateTemplate', 'ListExports'], wildcards: ['List*'] },
    },
    shapes: [
      [9, ['stack'], (c) => [`arn:aws:cloudformation:${c.region}:${c.account}:stack/${c.team}-${c.app}-${c.env}/*`]],
      [1, ['*'], () => ['*']],
    ],
  },
  xray: {
    groups: {
      '*': { read: ['GetSamplingRules', 'GetSamplingTargets'], write: ['PutTraceSegments', 'PutTelemetryRecords'] },
    },
    shapes: [[1, ['*'], () => ['*']]],
  },
  'execute-api': {
    groups: {
      'execute-api-general': { read: ['Invoke'], write: ['ManageConnections'] },
    },
    shapes: [[1, ['execute-api-general'], (c) => [`arn:aws:execute-api:${c.region}:${c.account}:${c.r.alnum(10).toLowerCase()}/${c.env}/${c.r.pick(['GET', 'POST', '*'])}/*`]]],
  },
};
/** Each shape as [weight, { reads, writes, wildcards, resources }]: the actions of its groups, merged once. */
for (const def of Object.values(services)) {
  def.choices = def.shapes.map(([weight, groups, resources]) => {
    const merged = (key) => [...new Set(groups.flatMap((group) => def.groups[group][key] ?? []))];
    return [weight, { reads: merged('read'), writes: merged('write'), wildcards: merged('wildcards'), resources }];
  });
}
const serviceNames = Object.keys(services);
/** How often each service shows up in identity policies (s3, logs and kms are everywhere). */
const serviceWeights = serviceNames.map((name) => [{ s3: 10, logs: 6, kms: 5, dynamodb: 5, sqs: 4, sns: 3, ec2: 4, lambda: 4, secretsmanager: 4, ssm: 4, ecr: 3, cloudwatch: 3, iam: 2, sts: 2, ecs: 2, rds: 1, 'rds-db': 1 }[name] ?? 1, name]);

const statementsPerDocument = [
  [10, 1], [15, 2], [17, 3], [15, 4], [12, 5], [9, 6], [6, 7], [5, 8],
  [2, 9], [2, 10], [1.5, 11], [1.5, 12], [0.8, 13], [0.8, 14], [0.6, 15], [0.5, 16], [0.4, 17], [0.3, 18], [0.3, 19], [0.3, 20],
];

// ---------------------------------------------------------------------------------------------
// Building documents.

function titleCase(text) {
  return text.replace(/(^|[-_/ ])(\w)/g, (_, __, c) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
}

/** A context for one file: team, app, account … and helpers for names. */
function context(r, accounts, team, app) {
  const c = {
    r,
    team,
    app,
    env: r.pick(environments),
    region: r.pick(regions),
    account: r.pick(accounts),
    otherAccount: () => r.pick(accounts),
    bucket: () => `acme-${r.chance(0.6) ? team : r.pick(teams)}-${r.chance(0.6) ? app : r.pick(appWords)}-${r.pick(environments)}${r.chance(0.3) ? `-${r.pick(regions)}` : ''}`,
    table: () => `arn:aws:dynamodb:${c.region}:${c.account}:table/${app}-${r.pick(['items', 'state', 'locks', 'sessions', 'events'])}`,
    uuid: () => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${r.hex(3)}-${r.hex(12)}`,
    sids: new Set(),
  };
  /** A Sid unique in the document, or undefined for statements without one. */
  c.sid = (base) => {
    if (r.chance(0.15)) return undefined;
    let sid = titleCase(base).slice(0, 60) || 'Statement';
    for (let n = 2; c.sids.has(sid); n++) sid = `${titleCase(base)}${n}`;
    c.sids.add(sid);
    return sid;
  };
  return c;
}

/** A string or, as people write it, an array — sometimes even for one item. */
function list(r, items) {
  return items.length === 1 && r.chance(0.6) ? items[0] : items;
}

function statement(sid, fields) {
  const out = {};
  if (sid !== undefined) out.Sid = sid;
  Object.assign(out, fields);
  return out;
}

function conditionFor(c, service, write) {
  const { r } = c;
  return r.weighted([
    [3, () => ({ StringEquals: { 'aws:RequestedRegion': list(r, r.some(regions.slice(1), r.int(1, 2))) } })],
    [2, () => ({ StringEquals: { 'aws:ResourceTag/Team': c.team } })],
    [2, () => ({ StringEquals: { 'aws:PrincipalTag/Team': c.team, 'aws:ResourceTag/Team': c.team } })],
    [2, () => ({ IpAddress: { 'aws:SourceIp': list(r, r.some(corporateCidrs, r.int(1, 3))) } })],
    [write ? 2 : 0, () => ({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })],
    [service === 's3' ? 4 : 0, () => ({ StringLike: { 's3:prefix': [`${c.app}/*`, 'home/${aws:username}/*', ''] } })],
    [service === 'kms' ? 4 : 0, () => ({ StringEquals: { 'kms:ViaService': list(r, [`s3.${c.region}.amazonaws.com`, `secretsmanager.${c.region}.amazonaws.com`].slice(0, r.int(1, 2))) } })],
    [service === 'ec2' && write ? 4 : 0, () => ({ StringEquals: { 'ec2:ResourceTag/Environment': c.env }, StringLike: { 'aws:RequestTag/Owner': `${c.team}-*` } })],
    [service === 'dynamodb' ? 2 : 0, () => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/tenant}*'] } })],
  ])();
}

/** An ordinary Allow statement over one service: one resource shape and actions that act on it. */
function serviceStatement(c) {
  const { r } = c;
  const service = r.weighted(serviceWeights);
  const { reads, writes, wildcards, resources } = r.weighted(services[service].choices);
  const write = writes.length > 0 && (reads.length === 0 || r.chance(0.55));
  const pool = write ? [...reads, ...writes] : reads;
  let actions = r.some(pool, r.weighted([[3, 1], [4, 2], [4, 3], [3, 4], [2, 5], [1, 7], [1, 9]])).map((a) => `${service}:${a}`);
  if (wildcards.length > 0 && r.chance(0.15)) actions = [...new Set([`${service}:${r.pick(wildcards)}`, ...actions.slice(0, r.int(0, 2))])];
  const fields = { Effect: 'Allow', Action: list(r, actions), Resource: list(r, resources(c)) };
  if (r.chance(0.18)) fields.Condition = conditionFor(c, service, write);
  return statement(c.sid(`${write ? 'Write' : 'Read'} ${service} ${c.app}`), fields);
}

/** Statements that recur in real repositories. */
const commonStatements = {
  logs: (c) =>
    statement(c.sid('Logging'), {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [`arn:aws:logs:${c.region}:${c.account}:log-group:/aws/lambda/${c.app}-${c.env}`, `arn:aws:logs:${c.region}:${c.account}:log-group:/aws/lambda/${c.app}-${c.env}:*`],
    }),
  ecrToken: (c) => statement(c.sid('EcrAuth'), { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
  passRole: (c) =>
    statement(c.sid('PassExecutionRole'), {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::${c.account}:role/${c.app}-${c.r.pick(['execution', 'task', 'lambda'])}-role`,
      Condition: { StringEquals: { 'iam:PassedToService': list(c.r, c.r.some(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'ec2.amazonaws.com'], c.r.int(1, 2))) } },
    }),
  denyWithoutMfa: (c) =>
    statement(c.sid('DenyAllExceptListedIfNoMFA'), {
      Effect: 'Deny',
      NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    }),
  denyOutsideBuckets: (c) =>
    statement(c.sid('DenyOtherBuckets'), {
      Effect: 'Deny',
      Action: 's3:*',
      NotResource: [`arn:aws:s3:::${c.bucket()}`, `arn:aws:s3:::${c.bucket()}/*`],
    }),
  denyRegions: (c) =>
    statement(c.sid('DenyOutsideApprovedRegions'), {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*', 'organizations:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': r2(c) } },
    }),
  homeFolder: (c) =>
    statement(c.sid('AllowHomeFolder'), {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `arn:aws:s3:::${c.bucket()}/home/\${aws:username}/*`,
    }),
  orgOnly: (c) =>
    statement(c.sid('ReadSharedArtifacts'), {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::acme-shared-artifacts`, `arn:aws:s3:::acme-shared-artifacts/*`],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } },
    }),
};

function r2(c) {
  return c.r.some(regions.slice(1), 2);
}

function identityDocument(c, size) {
  const { r } = c;
  const statements = [];
  if (r.chance(0.25)) statements.push(commonStatements.logs(c));
  if (r.chance(0.08)) statements.push(commonStatements.ecrToken(c));
  if (r.chance(0.07)) statements.push(commonStatements.passRole(c));
  if (r.chance(0.04)) statements.push(commonStatements.homeFolder(c));
  if (r.chance(0.04)) statements.push(commonStatements.orgOnly(c));
  while (statements.length < size) statements.push(serviceStatement(c));
  if (r.chance(0.03)) statements.push(commonStatements.denyWithoutMfa(c));
  if (r.chance(0.03)) statements.push(commonStatements.denyRegions(c));
  if (r.chance(0.04)) statements.push(commonStatements.denyOutsideBuckets(c));
  return { Version: '2012-10-17', Statement: statements };
}

// Resource policies: who (Principal) may do what on one resource, with conditions.

function accountPrincipal(c) {
  const { r } = c;
  const account = c.otherAccount();
  return r.weighted([
    [3, () => ({ AWS: `arn:aws:iam::${account}:root` })],
    [3, () => ({ AWS: `arn:aws:iam::${account}:role/${r.pick(teams)}-${r.pick(appWords)}-${r.pick(appSuffixes)}` })],
    [1, () => ({ AWS: [`arn:aws:iam::${account}:role/${r.pick(['deploy', 'ci', 'admin'])}`, `arn:aws:iam::${c.otherAccount()}:root`] })],
    [1, () => ({ AWS: account })],
  ])();
}

const bucketActions = new Set(['s3:ListBucket', 's3:GetBucketLocation']);

function bucketPolicy(c, size) {
  const { r } = c;
  const bucket = c.bucket();
  const arn = `arn:aws:s3:::${bucket}`;
  const statements = [];
  if (r.chance(0.6)) {
    statements.push(statement(c.sid('DenyInsecureTransport'), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  }
  const makers = [
    () => {
      const actions = r.some(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetObjectVersion', 's3:PutObjectAcl', 's3:GetBucketLocation'], r.int(1, 4));
      // The bucket for its own actions (ListBucket, GetBucketLocation), its objects for the others.
      const onBucket = actions.some((a) => bucketActions.has(a));
      const onObjects = actions.some((a) => !bucketActions.has(a));
      const resource = onBucket && onObjects ? [arn, `${arn}/*`] : onBucket ? [arn] : r.chance(0.5) ? [`${arn}/*`] : [arn, `${arn}/*`];
      return statement(c.sid(`Allow ${r.pick(['read', 'write', 'replication', 'cross account'])}`), { Effect: 'Allow', Principal: accountPrincipal(c), Action: list(r, actions), Resource: list(r, resource) });
    },
    () => statement(c.sid('AllowOrganizationRead'), { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [arn, `${arn}/*`], Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } }),
    () => statement(c.sid('AllowCloudFrontRead'), { Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `${arn}/*`, Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${c.account}:distribution/E${r.alnum(13).toUpperCase()}` } } }),
    () => statement(c.sid('AllowLogDelivery'), { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/logs/*`, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${c.bucket()}` }, StringEquals: { 'aws:SourceAccount': c.account } } }),
    () => statement(c.sid('AllowFromVpcEndpoint'), { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${arn}/*`, Condition: { StringEquals: { 'aws:SourceVpce': `vpce-${r.hex(17)}` } } }),
    () => statement(c.sid('DenyUnencryptedUploads'), { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }),
  ];
  while (statements.length < size) statements.push(r.pick(makers)());
  return { Version: '2012-10-17', Id: r.chance(0.3) ? `${bucket}-policy` : undefined, Statement: statements };
}

function keyPolicy(c, size) {
  const { r } = c;
  const statements = [statement(c.sid('Enable IAM User Permissions'), { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${c.account}:root` }, Action: 'kms:*', Resource: '*' })];
  const admins = `arn:aws:iam::${c.account}:role/${r.pick(['KeyAdmin', 'platform-admin', 'security-admin'])}`;
  const user = `arn:aws:iam::${c.account}:role/${c.app}-${r.pick(['task', 'lambda', 'execution'])}-role`;
  const makers = [
    () => statement(c.sid('Allow access for Key Administrators'), { Effect: 'Allow', Principal: { AWS: admins }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' }),
    () => statement(c.sid('Allow use of the key'), { Effect: 'Allow', Principal: { AWS: list(r, [user, accountPrincipal(c).AWS].flat().slice(0, r.int(1, 2))) }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' }),
    () => statement(c.sid('Allow attachment of persistent resources'), { Effect: 'Allow', Principal: { AWS: user }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
    () => statement(c.sid('Allow CloudWatch Logs'), { Effect: 'Allow', Principal: { Service: `logs.${c.region}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${c.region}:${c.account}:log-group:*` } } }),
    () => statement(c.sid('Allow use via S3 in the organization'), { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': `s3.${c.region}.amazonaws.com`, 'aws:PrincipalOrgID': orgId } } }),
  ];
  while (statements.length < size) statements.push(r.pick(makers)());
  return { Version: '2012-10-17', Id: r.chance(0.5) ? 'key-consolepolicy-3' : undefined, Statement: statements };
}

function queuePolicy(c, size) {
  const { r } = c;
  const queue = `arn:aws:sqs:${c.region}:${c.account}:${c.app}-${r.pick(['queue', 'events', 'jobs'])}`;
  const makers = [
    () => statement(c.sid('AllowSnsToSend'), { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queue, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${c.region}:${c.account}:${r.pick(appWords)}-events` } } }),
    () => statement(c.sid('AllowEventBridge'), { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queue, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:events:${c.region}:${c.account}:rule/${c.app}-*` } } }),
    () => statement(c.sid('AllowConsumerAccount'), { Effect: 'Allow', Principal: accountPrincipal(c), Action: list(r, r.some(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility', 'sqs:SendMessage'], r.int(1, 4))), Resource: queue }),
    () => statement(c.sid('DenyNonTls'), { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  ];
  const statements = [];
  while (statements.length < size) statements.push(r.pick(makers)());
  return { Version: '2012-10-17', Id: r.chance(0.5) ? `${queue}/SQSDefaultPolicy` : undefined, Statement: statements };
}

function topicPolicy(c, size) {
  const { r } = c;
  const topic = `arn:aws:sns:${c.region}:${c.account}:${c.app}-${r.pick(['alerts', 'events'])}`;
  const legacy = r.chance(0.4);
  const makers = [
    () =>
      statement(legacy ? '__default_statement_ID' : c.sid('OwnerAccess'), {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: topic,
        Condition: { StringEquals: { 'AWS:SourceOwner': c.account } },
      }),
    () => statement(c.sid('AllowCloudWatchAlarms'), { Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${c.region}:${c.account}:alarm:*` } } }),
    () => statement(c.sid('AllowS3Events'), { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { StringEquals: { 'aws:SourceAccount': c.account }, ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${c.bucket()}` } } }),
    () => statement(c.sid('AllowPartnerSubscribe'), { Effect: 'Allow', Principal: accountPrincipal(c), Action: 'sns:Subscribe', Resource: topic }),
  ];
  const statements = [makers[0]()];
  while (statements.length < size) statements.push(r.pick(makers.slice(1))());
  return legacy ? { Version: '2008-10-17', Id: '__default_policy_ID', Statement: statements } : { Version: '2012-10-17', Statement: statements };
}

// Role trust policies.

const servicePrincipals = ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com', 'states.amazonaws.com', 'codebuild.amazonaws.com', 'events.amazonaws.com', 'glue.amazonaws.com', 'sagemaker.amazonaws.com', 'apigateway.amazonaws.com'];

/** `variant` is drawn at random unless given (the account generator picks it by the role's kind). */
function trustPolicy(c, variant = c.r.weighted([[50, 'service'], [25, 'crossAccount'], [15, 'github'], [10, 'saml']])) {
  const { r } = c;
  const statements = [];
  if (variant === 'service') {
    statements.push(statement(c.sid('TrustService'), { Effect: 'Allow', Principal: { Service: list(r, r.some(servicePrincipals, r.weighted([[8, 1], [2, 2]]))) }, Action: 'sts:AssumeRole' }));
    if (r.chance(0.2)) statements[0].Condition = { StringEquals: { 'aws:SourceAccount': c.account } };
  } else if (variant === 'crossAccount') {
    const vendor = r.chance(0.5);
    statements.push(
      statement(c.sid(vendor ? 'TrustVendor' : 'TrustToolingAccount'), {
        Effect: 'Allow',
        Principal: { AWS: vendor ? `arn:aws:iam::${r.digits(12)}:root` : `arn:aws:iam::${c.otherAccount()}:role/${r.pick(['ci-deployer', 'terraform', 'audit-reader'])}` },
        Action: list(r, r.chance(0.3) ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole']),
        Condition: vendor ? { StringEquals: { 'sts:ExternalId': r.alnum(r.int(16, 32)) } } : { StringEquals: { 'aws:PrincipalOrgID': orgId } },
      }),
    );
  } else if (variant === 'github') {
    const repos = r.some(appWords, r.weighted([[6, 1], [3, 2], [1, 4]])).map((w) => `repo:${r.pick(githubOrgs)}/${w}-${r.pick(appSuffixes)}:${r.pick(['ref:refs/heads/main', 'environment:prod', 'pull_request', '*'])}`);
    statements.push(
      statement(c.sid('GitHubActions'), {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${c.account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': list(r, repos) } },
      }),
    );
  } else {
    statements.push(
      statement(c.sid('TrustOkta'), {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${c.account}:saml-provider/${r.pick(['Okta', 'AzureAD', 'Google'])}` },
        Action: list(r, r.chance(0.5) ? ['sts:AssumeRoleWithSAML', 'sts:TagSession'] : ['sts:AssumeRoleWithSAML']),
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }),
    );
  }
  if (r.chance(0.12)) statements.push(statement(c.sid('TrustBreakGlass'), { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${c.account}:role/break-glass` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
  return { Version: '2012-10-17', Statement: statements };
}

// ---------------------------------------------------------------------------------------------
// Problems: what reviewers and iamlint's rules catch in real repositories.

const problems = {
  fullAdmin: (c, doc) => {
    const admin = statement(c.sid('Admin'), { Effect: 'Allow', Action: '*', Resource: '*' });
    if (c.r.chance(0.4)) doc.Statement = [admin];
    else doc.Statement.splice(c.r.int(0, doc.Statement.length), 0, admin);
  },
  passRoleAnywhere: (c, doc) => {
    doc.Statement.splice(c.r.int(0, doc.Statement.length), 0, statement(c.sid('PassRoles'), { Effect: 'Allow', Action: c.r.pick(['iam:PassRole', ['iam:PassRole', 'iam:GetRole'], 'iam:Pass*']), Resource: c.r.pick(['*', `arn:aws:iam::${c.account}:role/*`]) }));
  },
  allowNotAction: (c, doc) => {
    doc.Statement.push(statement(c.sid('EverythingButIam'), { Effect: 'Allow', NotAction: c.r.pick([['iam:*', 'organizations:*'], 'iam:*', ['iam:*', 'sts:*', 'account:*']]), Resource: '*' }));
  },
  publicPrincipal: (c, doc) => {
    const target = doc.Statement.find((s) => s.Effect === 'Allow' && s.Principal !== undefined) ?? doc.Statement[0];
    target.Effect = 'Allow';
    target.Principal = c.r.pick(['*', { AWS: '*' }]);
    delete target.Condition;
  },
  duplicateSid: (c, doc) => {
    const named = doc.Statement.filter((s) => s.Sid !== undefined);
    if (doc.Statement.length < 2 || named.length === 0) {
      // Copy-paste of a whole statement: the classic way duplicate Sids appear.
      const copy = JSON.parse(JSON.stringify(doc.Statement[0]));
      copy.Sid = doc.Statement[0].Sid ?? 'Statement1';
      doc.Statement[0].Sid = copy.Sid;
      doc.Statement.push(copy);
    } else {
      // Two statements, one Sid: the second was copied from the first and edited.
      const other = doc.Statement.find((s) => s !== named[0]);
      const renamed = { Sid: named[0].Sid };
      for (const [key, value] of Object.entries(other)) if (key !== 'Sid') renamed[key] = value;
      doc.Statement[doc.Statement.indexOf(other)] = renamed;
    }
  },
  /** A statement that never applies: its actions act on none of its resources (object vs bucket above all). */
  resourceMismatch: (c, doc) => {
    const { r } = c;
    const bucket = `arn:aws:s3:::${c.bucket()}`;
    const [sid, fields] = r.weighted([
      [5, () => ['BucketAccess', { Action: list(r, r.some(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], r.int(1, 2))), Resource: bucket }]],
      [2, () => ['ListBucket', { Action: 's3:ListBucket', Resource: `${bucket}/*` }]],
      [1, () => ['WriteLogs', { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${c.region}:${c.account}:log-group:/aws/lambda/${c.app}-${c.env}` }]],
      [1, () => ['ReadTableStream', { Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: c.table() }]],
      [1, () => ['DescribeInstances', { Action: 'ec2:DescribeInstances', Resource: `arn:aws:ec2:${c.region}:${c.account}:instance/*` }]],
    ])();
    doc.Statement.splice(r.int(0, doc.Statement.length), 0, statement(c.sid(sid), { Effect: 'Allow', ...fields }));
  },
  missingVersion: (_c, doc) => {
    delete doc.Version;
  },
};

/** Which problems each kind of document can carry, with weights. */
const problemsByKind = {
  identity: [[30, 'fullAdmin'], [25, 'passRoleAnywhere'], [12, 'allowNotAction'], [15, 'duplicateSid'], [18, 'missingVersion'], [8, 'resourceMismatch']],
  resource: [[50, 'publicPrincipal'], [25, 'duplicateSid'], [25, 'missingVersion']],
  trust: [[45, 'publicPrincipal'], [20, 'duplicateSid'], [35, 'missingVersion']],
};

/** Malformed JSON as it happens in real life: a bad merge, a hand edit, a copy from a wiki. */
const corruptions = [
  ['truncated', (r, text) => text.slice(0, Math.floor(text.length * (0.3 + r.next() * 0.6)))],
  ['trailing comma', (_r, text) => text.replace(/("|\]|\})(\n\s*\][\s\S]*$)/, '$1,$2')],
  ['missing comma', (_r, text) => text.replace(/",\n(\s*)"Action"/, '"\n$1"Action"')],
  ['comment', (_r, text) => text.replace(/\{\n(\s*)/, '{\n$1// TODO: tighten this before release\n$1')],
  ['single quotes', (_r, text) => text.replace(/"Effect": "(Allow|Deny)"/, "'Effect': '$1'")],
  ['merge conflict', (_r, text) => text.replace(/\n(\s*)"Statement"/, '\n<<<<<<< HEAD\n$1"Statement"')],
];

// ---------------------------------------------------------------------------------------------
// The repository.

function sizeBuckets(bytes) {
  const sorted = [...bytes].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { min: sorted[0] ?? 0, p10: at(0.1), median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] ?? 0 };
}

/** Empties `out` (only if this script wrote it: it holds the marker) or creates it. */
function prepareOut(out) {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(markerName)) {
      throw new Error(`${out} exists and was not written by bench/generate.mjs (no ${markerName}); choose another --out`);
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/**
 * Generates `count` policy files under `out`. Returns a summary of what was written.
 */
export function generate({ count, out, seed }) {
  const r = makeRandom(seed);
  const accounts = Array.from({ length: 24 }, () => r.digits(12));
  const apps = new Map(teams.map((team) => [team, r.some(appWords, r.int(6, 14)).map((w) => `${w}-${r.pick(appSuffixes)}`)]));

  prepareOut(out);

  const used = new Set();
  const folders = new Set();
  const stats = { files: 0, bytes: 0, kinds: {}, problems: {}, malformed: {}, statements: 0, withProblem: 0 };
  const sizes = [];
  // Which files are malformed (one in 250) and how, from a stream of their own: the count stays
  // the same when the documents change.
  const damage = makeRandom(`${seed}/malformed`);
  const malformedAt = new Set(damage.some(Array.from({ length: count }, (_, i) => i), Math.round(count * 0.004)));

  for (let i = 0; i < count; i++) {
    const team = r.pick(teams);
    const app = r.pick(apps.get(team));
    const c = context(r, accounts, team, app);
    const kind = r.weighted([[64, 'identity'], [8, 's3'], [5, 'kms'], [3, 'sqs'], [2, 'sns'], [18, 'trust']]);
    const size = r.weighted(statementsPerDocument);
    let doc;
    let folder;
    let name;
    if (kind === 'identity') {
      doc = identityDocument(c, size);
      folder = join('teams', team, app, r.pick(['iam', 'iam', 'policies', `iam/${c.env}`]));
      name = `${app}-${r.pick(['read', 'write', 'deploy', 'runtime', 'ci', 'ops', 'access', 'task', 'lambda'])}-${c.env}`;
    } else if (kind === 'trust') {
      doc = trustPolicy(c);
      folder = join('teams', team, app, 'roles');
      name = `${app}-${r.pick(['execution', 'task', 'deploy', 'ci', 'readonly', 'admin', 'vendor'])}-role-trust`;
    } else {
      const build = { s3: bucketPolicy, kms: keyPolicy, sqs: queuePolicy, sns: topicPolicy }[kind];
      doc = build(c, Math.min(size, kind === 's3' ? 8 : 6));
      folder = join('teams', team, app, 'resources', kind);
      name = `${app}-${c.env}-${{ s3: 'bucket-policy', kms: 'key-policy', sqs: 'queue-policy', sns: 'topic-policy' }[kind]}`;
    }
    const policyKind = kind === 'identity' || kind === 'trust' ? kind : 'resource';
    stats.kinds[kind] = (stats.kinds[kind] ?? 0) + 1;

    if (r.chance(0.2)) {
      const problem = r.weighted(problemsByKind[policyKind]);
      problems[problem](c, doc);
      stats.problems[problem] = (stats.problems[problem] ?? 0) + 1;
      stats.withProblem++;
    }
    stats.statements += doc.Statement.length;

    const indent = r.chance(0.7) ? 2 : 4;
    let text = `${JSON.stringify(doc, null, indent)}${r.chance(0.85) ? '\n' : ''}`;
    if (malformedAt.has(i)) {
      const [label, corrupt] = damage.pick(corruptions);
      const broken = corrupt(damage, text);
      // A corruption whose pattern is absent from this file falls back to truncation.
      const key = broken === text ? 'truncated' : label;
      text = broken === text ? text.slice(0, Math.floor(text.length / 2)) : broken;
      stats.malformed[key] = (stats.malformed[key] ?? 0) + 1;
    }

    let file = join(folder, `${name}.json`);
    for (let n = 2; used.has(file); n++) file = join(folder, `${name}-${n}.json`);
    used.add(file);
    if (!folders.has(folder)) {
      mkdirSync(join(out, folder), { recursive: true });
      folders.add(folder);
    }
    writeFileSync(join(out, file), text);
    const bytes = Buffer.byteLength(text);
    sizes.push(bytes);
    stats.files++;
    stats.bytes += bytes;
  }

  writeFileSync(join(out, markerName), `${JSON.stringify({ generator: 'bench/generate.mjs', seed: String(seed), count, ...stats }, null, 2)}\n`);
  return { out, seed: String(seed), folders: folders.size, sizes: sizeBuckets(sizes), ...stats };
}

// ---------------------------------------------------------------------------------------------
// A large AWS account, as examples/export-account.sh exports it: the authorization details (GAAD,
// as the CLI prints it), the credential report (the CLI's JSON envelope), the account summary, the
// password policy, the virtual MFA devices and an iamlint-manifest.json. About as large as IAM lets
// an account be: 5,000 users and 300 groups (the quotas), 1,500 customer managed policies (the
// default quota) and 3,000 roles (a raised one). Policy documents reuse the policy bench's
// statement generators and fit IAM's size quotas; about a tenth carry one of its planted problems.
// A tenth of them are URL-encoded strings, as SDKs other than the CLI write them (a real export is
// all one or all the other; mixing them measures both paths in one run). The report's
// GeneratedTime is fixed, so a seed gives the same findings on any day.

export const defaultAccountOut = join(here, 'out', 'account');

/** The report's GeneratedTime, the date iamlint's date rules compare against: fixed, so a seed gives the same findings on any day. */
const reportTime = Date.UTC(2026, 10, 20, 8, 0, 0);
const accountCreated = Date.UTC(2016, 2, 14, 9, 31, 7);
const dayMs = 86_400_000;

/** `2019-10-28T20:37:09+00:00`, as AWS CLI v2 and the credential report write dates. */
function awsDate(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

function dateBetween(r, from, to) {
  return from + Math.floor(r.next() * Math.max(0, to - from));
}

/** A unique id as IAM writes them: a 4-letter prefix (AIDA user, AGPA group, AROA role, ANPA policy, AIPA instance profile) and 17 characters. */
function awsId(r, prefix) {
  let id = prefix;
  for (let i = 0; i < 17; i++) id += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(r.next() * 32)];
  return id;
}

/** IAM's document encoding as other SDKs return it: RFC 3986 percent-encoding of the stored text. */
function urlEncodePolicy(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Size quotas (characters, whitespace not counted): AWS refuses larger documents, so an export never holds one. */
const sizeQuotas = { managed: 6144, user: 2048, group: 5120, role: 10240, trust: 2048 };

/** Drops trailing statements (never the first) until the document fits its quota. */
function fitToQuota(doc, quota) {
  while (doc.Statement.length > 1 && JSON.stringify(doc).length > quota) doc.Statement.pop();
  return doc;
}

const firstNames = ['james', 'mary', 'robert', 'patricia', 'john', 'jennifer', 'michael', 'linda', 'david', 'elizabeth', 'william', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'chris', 'karen', 'daniel', 'lisa', 'matthew', 'nancy', 'anthony', 'betty', 'mark', 'sandra', 'paul', 'ashley', 'steven', 'kim', 'andrew', 'emily', 'josh', 'donna', 'kevin', 'michelle', 'brian', 'carol', 'george', 'amanda', 'tim', 'melissa', 'ravi', 'priya', 'wei', 'mei', 'hiroshi', 'yuki', 'ahmed', 'fatima', 'olga', 'ivan', 'lucas', 'sofia', 'mateo', 'camila', 'noah', 'emma'];
const lastNames = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores', 'green', 'adams', 'nelson', 'baker', 'hall', 'rivera', 'campbell', 'mitchell', 'carter', 'roberts', 'patel', 'singh', 'kumar', 'chen', 'wang', 'tanaka', 'sato', 'kowalski', 'novak', 'schmidt'];
const emailDomain = 'acme.example';

/**
 * AWS managed policies the account attaches, by name: path, default version and, for a few, the
 * document. GAAD lists an attached AWS managed policy in `Policies`; here only the ones with a
 * document are listed (the others are attached by ARN only), which keeps the export's size about
 * the customer's own policies, as a tool spends its time on those.
 */
const awsManagedPolicies = {
  AdministratorAccess: { path: '/', version: 'v1', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
  AWSSupportAccess: { path: '/', version: 'v1', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }] } },
  IAMUserChangePassword: {
    path: '/',
    version: 'v2',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] }, { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' }] },
  },
  AmazonS3ReadOnlyAccess: { path: '/', version: 'v3', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }] } },
  AWSLambdaBasicExecutionRole: { path: '/service-role/', version: 'v1', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] } },
  AmazonECSTaskExecutionRolePolicy: {
    path: '/service-role/',
    version: 'v1',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] },
  },
  ReadOnlyAccess: { path: '/' },
  PowerUserAccess: { path: '/' },
  SecurityAudit: { path: '/' },
  ViewOnlyAccess: { path: '/job-function/' },
  Billing: { path: '/job-function/' },
  AmazonSSMManagedInstanceCore: { path: '/' },
  CloudWatchAgentServerPolicy: { path: '/' },
  AmazonEC2ContainerRegistryReadOnly: { path: '/' },
  AWSLambdaVPCAccessExecutionRole: { path: '/service-role/' },
  AmazonS3FullAccess: { path: '/' },
  AmazonDynamoDBReadOnlyAccess: { path: '/' },
  CloudWatchReadOnlyAccess: { path: '/' },
};

/** Service-linked roles: [service, role name, its AWS managed policy (under /aws-service-role/)]. */
const serviceLinkedRoles = [
  ['support.amazonaws.com', 'AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'],
  ['trustedadvisor.amazonaws.com', 'AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'],
  ['ecs.amazonaws.com', 'AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'],
  ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing', 'AWSElasticLoadBalancingServiceRolePolicy'],
  ['autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy'],
  ['rds.amazonaws.com', 'AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'],
  ['organizations.amazonaws.com', 'AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'],
  ['sso.amazonaws.com', 'AWSServiceRoleForSSO', 'AWSSSOServiceRolePolicy'],
  ['guardduty.amazonaws.com', 'AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'],
  ['securityhub.amazonaws.com', 'AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'],
  ['config.amazonaws.com', 'AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'],
  ['cloudtrail.amazonaws.com', 'AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'],
  ['access-analyzer.amazonaws.com', 'AWSServiceRoleForAccessAnalyzer', 'AccessAnalyzerServiceRolePolicy'],
  ['ops.apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'],
  ['dynamodb.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable', 'AWSApplicationAutoscalingDynamoDBTablePolicy'],
  ['eks.amazonaws.com', 'AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'],
  ['elasticache.amazonaws.com', 'AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'],
  ['ssm.amazonaws.com', 'AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'],
  ['inspector2.amazonaws.com', 'AWSServiceRoleForAmazonInspector2', 'AmazonInspector2ServiceRolePolicy'],
  ['compute-optimizer.amazonaws.com', 'AWSServiceRoleForComputeOptimizer', 'ComputeOptimizerServiceRolePolicy'],
];

/** IAM Identity Center's permission sets, each a role under /aws-reserved/sso.amazonaws.com/. */
const permissionSets = [
  ['AdministratorAccess', ['AdministratorAccess']],
  ['ReadOnlyAccess', ['ReadOnlyAccess']],
  ['PowerUserAccess', ['PowerUserAccess']],
  ['SecurityAudit', ['SecurityAudit', 'ViewOnlyAccess']],
  ['Billing', ['Billing']],
  ['SupportUser', ['AWSSupportAccess', 'ViewOnlyAccess']],
];

/** Application roles: [weight, kind]. */
const roleKinds = [
  [30, 'lambda'],
  [18, 'ecs'],
  [8, 'ec2'],
  [8, 'service'],
  [10, 'github'],
  [16, 'crossAccount'],
  [6, 'accountRoot'],
  [4, 'saml'],
];
const roleServicePrincipals = { lambda: 'lambda.amazonaws.com', ecs: 'ecs-tasks.amazonaws.com', ec2: 'ec2.amazonaws.com' };
const otherServicePrincipals = ['states.amazonaws.com', 'codebuild.amazonaws.com', 'events.amazonaws.com', 'glue.amazonaws.com', 'sagemaker.amazonaws.com', 'apigateway.amazonaws.com', 'firehose.amazonaws.com', 'scheduler.amazonaws.com'];

const keyServices = ['s3', 's3', 's3', 'sts', 'ec2', 'iam', 'dynamodb', 'lambda', 'sqs', 'ecr', 'logs', 'secretsmanager', 'cloudformation', 'ssm'];

/**
 * Generates the export folder of one large account under `out`. `users` scales the rest: groups
 * 6%, roles 60%, customer managed policies 30% of it. Returns what was generated.
 */
export function generateAccount({ users: userCount, out, seed, reportCsv = false, id, others }) {
  const r = makeRandom(`account/${seed}`);
  const generatedId = r.digits(12);
  const account = id ?? generatedId;
  // The organization's other accounts: cross-account trust and resources. In an organization
  // (--org) they are the other generated accounts, so that trusts between them are real.
  const generatedOthers = Array.from({ length: 24 }, () => r.digits(12));
  const orgAccounts = others ?? generatedOthers;
  const apps = new Map(teams.map((team) => [team, r.some(appWords, r.int(6, 14)).map((w) => `${w}-${r.pick(appSuffixes)}`)]));
  const counts = { groups: Math.max(12, Math.round(userCount * 0.06)), roles: Math.max(40, Math.round(userCount * 0.6)), policies: Math.max(20, Math.round(userCount * 0.3)) };
  const iamArn = (type, path, name) => `arn:aws:iam::${account}:${type}${path}${name}`;
  const stats = {
    account,
    users: { total: 0, human: 0, automation: 0, console: 0, consoleWithoutMfa: 0, mfa: 0, withKeys: { 0: 0, 1: 0, 2: 0 }, activeKeys: 0, keysNeverUsed: 0, keysOlderThan90Days: 0, passwordNeverUsed: 0 },
    groups: 0,
    roles: { total: 0, kinds: {}, unusedIn400Days: 0, instanceProfiles: 0 },
    customerPolicies: { total: 0, versions: 0, unattached: 0, boundaries: 0 },
    awsManaged: { attached: 0, listed: 0 },
    inlinePolicies: { user: 0, group: 0, role: 0 },
    documents: 0,
    statements: 0,
    urlEncoded: 0,
    problems: {},
    files: 0,
    bytes: 0,
  };

  const scope = (team, app) => {
    const c = context(r, orgAccounts, team, app);
    c.account = account;
    return c;
  };
  const randomScope = () => {
    const team = r.pick(teams);
    return scope(team, r.pick(apps.get(team)));
  };
  /** Each document once: counts it, plants a problem now and then, and decides its encoding. */
  const slot = (doc) => {
    stats.documents++;
    stats.statements += doc.Statement.length;
    if (r.chance(0.1)) {
      stats.urlEncoded++;
      // IAM returns the text as it was stored: compact from Terraform and the SDKs, indented from the console.
      return urlEncodePolicy(r.chance(0.6) ? JSON.stringify(doc) : JSON.stringify(doc, null, r.pick([2, 4])));
    }
    return doc;
  };
  const plant = (c, doc, kind, p) => {
    if (!r.chance(p)) return;
    const problem = r.weighted(problemsByKind[kind]);
    problems[problem](c, doc);
    stats.problems[problem] = (stats.problems[problem] ?? 0) + 1;
  };
  const uniqueName = (used, base) => {
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}${n}`;
    used.add(name.toLowerCase());
    return name;
  };

  // Customer managed policies, by team: the ones attachments pick from. A sixth is attached nowhere.
  const policies = [];
  const policyNames = new Set();
  const attachable = new Map(teams.map((team) => [team, []]));
  const boundaries = [];
  for (let i = 0; i < counts.policies; i++) {
    const team = r.pick(teams);
    const app = r.pick(apps.get(team));
    const c = scope(team, app);
    const isBoundary = i < Math.max(1, Math.round(counts.policies / 300));
    const base = isBoundary
      ? `${titleCase(team)}PermissionsBoundary`
      : r.chance(0.7)
        ? `${app}-${c.env}-${r.pick(['access', 'runtime', 'deploy', 'read', 'write', 'ci', 'ops', 'task'])}`
        : `${titleCase(`${team}-${app}`)}${r.pick(['Access', 'ReadOnly', 'Deploy', 'Runtime', 'Policy'])}`;
    const name = uniqueName(policyNames, base);
    const path = r.chance(0.7) ? '/' : `/${team}/`;
    const versionCount = r.weighted([[50, 1], [25, 2], [12, 3], [8, 4], [5, 5]]);
    const created = dateBetween(r, accountCreated, reportTime - 2 * dayMs);
    // The oldest version first; each later one adds, drops or replaces a statement, as edits do.
    let doc = isBoundary ? boundaryDocument(c) : identityDocument(c, r.weighted(statementsPerDocument));
    const docs = [doc];
    for (let v = 1; v < versionCount; v++) {
      doc = JSON.parse(JSON.stringify(doc));
      const edit = doc.Statement.length > 1 ? r.pick(['add', 'drop', 'replace']) : 'add';
      if (edit === 'add') doc.Statement.push(serviceStatement(c));
      else if (edit === 'drop') doc.Statement.splice(r.int(0, doc.Statement.length - 1), 1);
      else doc.Statement[r.int(0, doc.Statement.length - 1)] = serviceStatement(c);
      docs.push(doc);
    }
    // The newest is in force, unless someone rolled back.
    const defaultIndex = versionCount > 1 && r.chance(0.06) ? r.int(0, versionCount - 2) : versionCount - 1;
    if (!isBoundary) plant(c, docs[defaultIndex], 'identity', 0.1);
    const times = [created];
    for (let v = 1; v < versionCount; v++) times.push(dateBetween(r, times[v - 1], reportTime - dayMs));
    const policy = {
      name,
      path,
      team,
      arn: iamArn('policy', path, name),
      id: awsId(r, 'ANPA'),
      description: r.chance(0.3) ? `${titleCase(app)} ${r.pick(['access', 'permissions', 'runtime permissions'])} (${c.env})` : undefined,
      created,
      docs: docs.map((d) => fitToQuota(d, sizeQuotas.managed)),
      times,
      defaultIndex,
      attachments: 0,
      boundaryUses: 0,
    };
    policies.push(policy);
    if (isBoundary) boundaries.push(policy);
    else if (r.chance(5 / 6)) attachable.get(team).push(policy);
  }
  const awsManagedUsed = new Map();
  const attachAws = (name) => {
    const p = awsManagedPolicies[name];
    awsManagedUsed.set(name, (awsManagedUsed.get(name) ?? 0) + 1);
    return { PolicyName: name, PolicyArn: `arn:aws:iam::aws:policy${p.path}${name}` };
  };
  const attachCustomer = (team, n) => {
    const pool = attachable.get(team).length > 0 ? attachable.get(team) : attachable.get(r.pick(teams));
    return r.some(pool, n).map((p) => {
      p.attachments++;
      return { PolicyName: p.name, PolicyArn: p.arn };
    });
  };
  const boundaryFor = () => {
    const p = r.pick(boundaries);
    p.boundaryUses++;
    return { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: p.arn };
  };
  const inline = (c, owner, size) => {
    stats.inlinePolicies[owner]++;
    const doc = identityDocument(c, size);
    plant(c, doc, 'identity', 0.1);
    const name = r.chance(0.5) ? `${c.app}-${r.pick(['access', 's3', 'dynamodb', 'secrets', 'runtime', 'inline'])}` : titleCase(`${c.app} ${r.pick(['Access', 'Policy', 'Permissions'])}`);
    return { PolicyName: name, PolicyDocument: slot(fitToQuota(doc, sizeQuotas[owner])) };
  };

  // Groups: the account-wide ones, then each team's.
  const groups = [];
  const groupNames = new Set();
  const accountGroups = [
    ['Admins', ['AdministratorAccess']],
    ['ReadOnly', ['ReadOnlyAccess']],
    ['PowerUsers', ['PowerUserAccess']],
    ['Auditors', ['SecurityAudit', 'ViewOnlyAccess']],
    ['Billing', ['Billing']],
    ['Support', ['AWSSupportAccess']],
    ['AllUsers', ['IAMUserChangePassword']],
  ];
  const groupFunctions = ['developers', 'admins', 'readonly', 'oncall', 'data-access', 'deployers', 'analysts', 'contractors', 'leads', 'qa'];
  const groupsByTeam = new Map(teams.map((team) => [team, []]));
  for (let i = 0; groups.length < counts.groups; i++) {
    const global = accountGroups[i];
    const team = global ? undefined : teams[i % teams.length];
    const app = team ? r.pick(apps.get(team)) : r.pick(apps.get(r.pick(teams)));
    const c = scope(team ?? r.pick(teams), app);
    const base = global ? global[0] : i < accountGroups.length + teams.length * groupFunctions.length ? `${team}-${groupFunctions[Math.floor((i - accountGroups.length) / teams.length) % groupFunctions.length]}` : `${team}-${app}-${r.pick(['developers', 'oncall', 'readonly'])}`;
    const name = uniqueName(groupNames, base);
    const path = global || r.chance(0.7) ? '/' : `/teams/${team}/`;
    const attached = global ? global[1].map(attachAws) : [];
    if (team) {
      if (r.chance(0.25)) attached.push(attachAws(r.pick(['ReadOnlyAccess', 'ViewOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonDynamoDBReadOnlyAccess'])));
      attached.push(...attachCustomer(team, r.weighted([[2, 0], [4, 1], [3, 2], [1, 3]])));
    }
    const group = {
      Path: path,
      GroupName: name,
      GroupId: awsId(r, 'AGPA'),
      Arn: iamArn('group', path, name),
      CreateDate: awsDate(dateBetween(r, accountCreated, reportTime - 30 * dayMs)),
      GroupPolicyList: team && r.chance(0.15) ? Array.from({ length: r.int(1, 2) }, () => inline(c, 'group', r.int(1, 6))) : [],
      AttachedManagedPolicies: attached,
    };
    groups.push(group);
    if (team) groupsByTeam.get(team).push(name);
  }
  stats.groups = groups.length;
  const globalGroupNames = accountGroups.map(([name]) => name).filter((name) => groupNames.has(name.toLowerCase()));

  // Users: people (most), and automation users with access keys. Each with its credential report row.
  const users = [];
  const rows = [];
  const mfaDevices = [];
  const userNames = new Set();
  for (let i = 0; i < userCount; i++) {
    const human = r.chance(0.82);
    const team = r.pick(teams);
    const app = r.pick(apps.get(team));
    const c = scope(team, app);
    let name;
    let path;
    if (human) {
      const first = r.pick(firstNames);
      const last = r.pick(lastNames);
      name = uniqueName(userNames, r.weighted([[5, `${first}.${last}`], [3, `${first}.${last}@${emailDomain}`], [2, `${first[0]}${last}`]]));
      path = r.weighted([[70, '/'], [20, '/people/'], [10, '/contractors/']]);
    } else {
      name = uniqueName(userNames, r.weighted([[4, `svc-${app}-${c.env}`], [2, `${app}-${c.env}-ci`], [1, `terraform-${team}`], [1, `${app}-${r.pick(['uploader', 'sync', 'backup', 'exporter', 'reporter'])}`]]));
      path = r.pick(['/automation/', '/service-accounts/', '/']);
    }
    const created = dateBetween(r, accountCreated + 30 * dayMs, reportTime - dayMs);
    const groupList = [];
    if (human) {
      if (globalGroupNames.includes('AllUsers') && r.chance(0.8)) groupList.push('AllUsers');
      groupList.push(...r.some(groupsByTeam.get(team), r.weighted([[2, 0], [6, 1], [3, 2], [1, 3]])));
      if (r.chance(0.1)) groupList.push(r.pick(globalGroupNames));
    } else if (r.chance(0.15)) {
      groupList.push(...r.some(groupsByTeam.get(team), 1));
    }
    const attached = [];
    const inlinePolicies = [];
    if (human) {
      if (r.chance(0.06)) attached.push(attachAws(r.pick(['IAMUserChangePassword', 'ReadOnlyAccess', 'ViewOnlyAccess', 'AdministratorAccess', 'AmazonS3ReadOnlyAccess'])));
      if (r.chance(0.04)) attached.push(...attachCustomer(team, 1));
      if (r.chance(0.03)) inlinePolicies.push(inline(c, 'user', r.int(1, 3)));
    } else {
      if (r.chance(0.7)) attached.push(...attachCustomer(team, r.weighted([[3, 1], [1, 2]])));
      if (r.chance(0.05)) attached.push(attachAws(r.pick(['AmazonS3FullAccess', 'AdministratorAccess', 'AmazonEC2ContainerRegistryReadOnly'])));
      if (r.chance(0.45)) inlinePolicies.push(inline(c, 'user', r.int(1, 5)));
    }
    const user = {
      Path: path,
      UserName: name,
      UserId: awsId(r, 'AIDA'),
      Arn: iamArn('user', path, name),
      CreateDate: awsDate(created),
      UserPolicyList: inlinePolicies,
      GroupList: groupList,
      AttachedManagedPolicies: attached,
    };
    if (r.chance(human ? 0.05 : 0.1)) user.PermissionsBoundary = boundaryFor();
    user.Tags = r.chance(human ? 0.5 : 0.3) ? [{ Key: 'team', Value: team }, ...(r.chance(0.5) ? [{ Key: 'cost-center', Value: `CC-${r.digits(4)}` }] : [])] : [];
    users.push(user);
    const credentials = credentialRow(r, user, created, human, path === '/contractors/', stats.users);
    rows.push(credentials.row);
    if (credentials.mfa && human && r.chance(0.85)) {
      const device = r.chance(0.8) ? name.replace(/@.*$/, '') : `${name.replace(/@.*$/, '')}-${r.pick(['iphone', 'android', 'authy', 'phone'])}`;
      const userObject = { Path: path, UserName: name, UserId: user.UserId, Arn: user.Arn, CreateDate: user.CreateDate };
      if (credentials.passwordLastUsed) userObject.PasswordLastUsed = credentials.passwordLastUsed;
      mfaDevices.push({ SerialNumber: `arn:aws:iam::${account}:mfa/${device}`, User: userObject, EnableDate: awsDate(dateBetween(r, created, reportTime - dayMs)) });
    }
    stats.users.total++;
    stats.users[human ? 'human' : 'automation']++;
  }

  // Roles: service-linked, Identity Center's, then the applications' and people's.
  const roles = [];
  const roleNames = new Set();
  const addRole = ({ path, name, created, trust, attached = [], inlinePolicies = [], boundary, tags = [], lastUsed, instanceProfile }) => {
    const roleName = uniqueName(roleNames, name);
    const arn = iamArn('role', path, roleName);
    const id = awsId(r, 'AROA');
    const trustSlot = slot(fitToQuota(trust, sizeQuotas.trust));
    const role = { Path: path, RoleName: roleName, RoleId: id, Arn: arn, CreateDate: awsDate(created), AssumeRolePolicyDocument: trustSlot, InstanceProfileList: [], RolePolicyList: inlinePolicies, AttachedManagedPolicies: attached };
    if (instanceProfile) {
      stats.roles.instanceProfiles++;
      // The CLI nests the role in its instance profile again, trust policy and all.
      role.InstanceProfileList.push({
        Path: path,
        InstanceProfileName: roleName,
        InstanceProfileId: awsId(r, 'AIPA'),
        Arn: iamArn('instance-profile', path, roleName),
        CreateDate: awsDate(created),
        Roles: [{ Path: path, RoleName: roleName, RoleId: id, Arn: arn, CreateDate: awsDate(created), AssumeRolePolicyDocument: trustSlot }],
      });
    }
    if (boundary) role.PermissionsBoundary = boundary;
    role.Tags = tags;
    // RoleLastUsed covers the last 400 days: `{}` for a role not used in them.
    const used = lastUsed ?? r.weighted([[62, 'recent'], [12, 'weeks'], [9, 'months'], [17, 'none']]);
    const from = Math.max(created, reportTime - 400 * dayMs);
    const window = { recent: [Math.max(from, reportTime - 7 * dayMs), reportTime], weeks: [Math.max(from, reportTime - 90 * dayMs), reportTime - 7 * dayMs], months: [from, reportTime - 90 * dayMs] }[used];
    if (window && window[0] < window[1]) role.RoleLastUsed = { LastUsedDate: awsDate(dateBetween(r, window[0], window[1])), Region: r.pick(regions) };
    else {
      role.RoleLastUsed = {};
      stats.roles.unusedIn400Days++;
    }
    roles.push(role);
  };
  const countKind = (kind) => (stats.roles.kinds[kind] = (stats.roles.kinds[kind] ?? 0) + 1);
  for (const [service, name, policy] of serviceLinkedRoles.slice(0, Math.min(serviceLinkedRoles.length, Math.floor(counts.roles / 4)))) {
    countKind('serviceLinked');
    addRole({
      path: `/aws-service-role/${service}/`,
      name,
      created: dateBetween(r, accountCreated, reportTime - 200 * dayMs),
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] },
      attached: [{ PolicyName: policy, PolicyArn: `arn:aws:iam::aws:policy/aws-service-role/${policy}` }],
      lastUsed: r.weighted([[7, 'recent'], [1, 'months'], [2, 'none']]),
    });
  }
  const samlProvider = `arn:aws:iam::${account}:saml-provider/AWSSSO_${r.hex(16)}_DO_NOT_DELETE`;
  for (const [set, managed] of permissionSets.slice(0, Math.min(permissionSets.length, Math.floor(counts.roles / 8)))) {
    countKind('identityCenter');
    addRole({
      path: '/aws-reserved/sso.amazonaws.com/',
      name: `AWSReservedSSO_${set}_${r.hex(16)}`,
      created: dateBetween(r, accountCreated + 1000 * dayMs, reportTime - 300 * dayMs),
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: samlProvider }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] },
      attached: managed.map(attachAws),
      lastUsed: 'recent',
    });
  }
  while (roles.length < counts.roles) {
    const kind = r.weighted(roleKinds);
    countKind(kind);
    const c = randomScope();
    const created = dateBetween(r, accountCreated + 60 * dayMs, reportTime - dayMs);
    const tags = r.chance(0.4) ? [{ Key: 'team', Value: c.team }, { Key: 'env', Value: c.env }] : [];
    const spec = { path: '/', created, tags, attached: [], inlinePolicies: [] };
    const grants = (inlineChance, customer) => {
      if (r.chance(inlineChance)) spec.inlinePolicies.push(...Array.from({ length: r.weighted([[8, 1], [2, 2]]) }, () => inline(c, 'role', r.weighted(statementsPerDocument))));
      spec.attached.push(...attachCustomer(c.team, r.weighted(customer)));
    };
    if (kind === 'lambda' || kind === 'ecs' || kind === 'ec2' || kind === 'service') {
      const principal = roleServicePrincipals[kind] ?? r.pick(otherServicePrincipals);
      spec.trust = { Version: '2012-10-17', Statement: [statement(c.sid('TrustService'), { Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' })] };
      if (r.chance(0.2)) spec.trust.Statement[0].Condition = { StringEquals: { 'aws:SourceAccount': account } };
      const suffix = { lambda: 'lambda-role', ecs: r.pick(['task-role', 'execution-role']), ec2: 'instance-role', service: `${principal.split('.')[0]}-role` }[kind];
      if (kind === 'lambda' && r.chance(0.3)) {
        // What the Lambda console creates.
        spec.path = '/service-role/';
        spec.name = `${c.app}-${c.env}-role-${r.alnum(8).toLowerCase()}`;
      } else spec.name = `${c.app}-${c.env}-${suffix}`;
      if (kind === 'lambda') spec.attached.push(attachAws(r.chance(0.8) ? 'AWSLambdaBasicExecutionRole' : 'AWSLambdaVPCAccessExecutionRole'));
      if (kind === 'ecs' && suffix === 'execution-role') spec.attached.push(attachAws('AmazonECSTaskExecutionRolePolicy'));
      if (kind === 'ec2') {
        spec.attached.push(attachAws('AmazonSSMManagedInstanceCore'));
        if (r.chance(0.5)) spec.attached.push(attachAws('CloudWatchAgentServerPolicy'));
        spec.instanceProfile = true;
      }
      grants(0.45, [[3, 0], [5, 1], [2, 2], [1, 3]]);
      if (r.chance(0.05)) spec.boundary = boundaryFor();
    } else if (kind === 'github') {
      spec.name = `gha-${c.app}-${c.env}-${r.pick(['deploy', 'plan', 'release', 'ecr-push'])}`;
      spec.trust = trustPolicy(c, 'github');
      grants(0.3, [[1, 0], [5, 1], [2, 2]]);
    } else if (kind === 'crossAccount') {
      // Half a vendor's account (with an external id), half the organization's tooling account.
      spec.trust = trustPolicy(c, 'crossAccount');
      const external = 'sts:ExternalId' in (spec.trust.Statement[0].Condition?.StringEquals ?? {});
      if (external && r.chance(0.1)) delete spec.trust.Statement[0].Condition; // a vendor integration set up without one
      spec.name = external ? `${r.pick(['datadog', 'snyk', 'wiz', 'vanta', 'cloudhealth', 'newrelic', 'orca'])}-integration` : `${r.pick(['ci-deployer', 'terraform', 'audit-reader', 'cross-account'])}-${c.team}`;
      if (external) spec.attached.push(attachAws(r.pick(['SecurityAudit', 'ReadOnlyAccess', 'ViewOnlyAccess'])));
      grants(0.25, [[2, 0], [4, 1], [1, 2]]);
    } else if (kind === 'accountRoot') {
      const level = r.pick(['admin', 'readonly', 'operator', 'break-glass', 'support']);
      spec.name = `${c.team}-${level}`;
      const condition = r.chance(0.6) ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : undefined;
      spec.trust = { Version: '2012-10-17', Statement: [statement(c.sid('TrustAccount'), { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) })] };
      spec.attached.push(attachAws({ admin: 'AdministratorAccess', readonly: 'ReadOnlyAccess', operator: 'PowerUserAccess', 'break-glass': 'AdministratorAccess', support: 'AWSSupportAccess' }[level]));
      grants(0.1, [[4, 0], [1, 1]]);
    } else {
      spec.name = `okta-${c.team}-${r.pick(['admin', 'developer', 'readonly', 'oncall'])}`;
      spec.trust = trustPolicy(c, 'saml');
      spec.attached.push(attachAws(r.pick(['ReadOnlyAccess', 'PowerUserAccess', 'ViewOnlyAccess'])));
      grants(0.2, [[2, 0], [3, 1], [1, 2]]);
    }
    plant(c, spec.trust, 'trust', 0.02);
    addRole(spec);
  }

  // Policies: the customer's, with every version, and the AWS managed ones with a document.
  const policyDetails = policies.map((p) => {
    stats.customerPolicies.total++;
    stats.customerPolicies.versions += p.docs.length;
    if (p.attachments === 0 && p.boundaryUses === 0) stats.customerPolicies.unattached++;
    if (p.boundaryUses > 0) stats.customerPolicies.boundaries++;
    const versions = p.docs
      .map((doc, v) => ({ Document: slot(doc), VersionId: `v${v + 1}`, IsDefaultVersion: v === p.defaultIndex, CreateDate: awsDate(p.times[v]) }))
      .reverse();
    const detail = { PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: `v${p.defaultIndex + 1}`, AttachmentCount: p.attachments, PermissionsBoundaryUsageCount: p.boundaryUses, IsAttachable: true };
    if (p.description) detail.Description = p.description;
    return { ...detail, CreateDate: awsDate(p.created), UpdateDate: awsDate(p.times[p.times.length - 1]), PolicyVersionList: versions };
  });
  stats.awsManaged.attached = awsManagedUsed.size;
  for (const [name, attachmentCount] of awsManagedUsed) {
    const p = awsManagedPolicies[name];
    if (!p.document) continue;
    stats.awsManaged.listed++;
    // Fixed ids and dates: they are AWS's, the same in every account.
    const fixed = makeRandom(`aws-managed/${name}`);
    const created = dateBetween(fixed, Date.UTC(2015, 1, 6), Date.UTC(2019, 0, 1));
    policyDetails.push({
      PolicyName: name,
      PolicyId: awsId(fixed, 'ANPA'),
      Arn: `arn:aws:iam::aws:policy${p.path}${name}`,
      Path: p.path,
      DefaultVersionId: p.version,
      AttachmentCount: attachmentCount,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: awsDate(created),
      UpdateDate: awsDate(dateBetween(fixed, created, Date.UTC(2024, 0, 1))),
      PolicyVersionList: [{ Document: p.document, VersionId: p.version, IsDefaultVersion: true, CreateDate: awsDate(created) }],
    });
  }

  const byName = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
  const userOrder = users.map((u, i) => [u, rows[i]]).sort((a, b) => byName('UserName')(a[0], b[0]));
  const gaad = {
    UserDetailList: userOrder.map(([u]) => u),
    GroupDetailList: groups.sort(byName('GroupName')),
    RoleDetailList: roles.sort(byName('RoleName')),
    Policies: policyDetails.sort(byName('PolicyName')),
  };
  stats.roles.total = roles.length;

  // The root user: MFA on, no keys, signed in now and then.
  const rootRow = ['<root_account>', `arn:aws:iam::${account}:root`, awsDate(accountCreated), 'not_supported', awsDate(reportTime - r.int(20, 60) * dayMs), 'not_supported', 'not_supported', 'true', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'];
  const csv = [credentialColumnsHeader, rootRow.join(','), ...userOrder.map(([, row]) => row.join(','))].join('\n') + '\n';
  mfaDevices.sort((a, b) => (a.SerialNumber < b.SerialNumber ? -1 : 1));
  mfaDevices.unshift({ SerialNumber: `arn:aws:iam::${account}:mfa/root-account-mfa-device`, User: { Arn: `arn:aws:iam::${account}:root`, UserId: account, CreateDate: awsDate(accountCreated), PasswordLastUsed: rootRow[4] }, EnableDate: awsDate(accountCreated + 3600_000) });
  // Devices created but never enabled (a user who gave up half-way): listed with --assignment-status Any.
  for (let i = 0; i < Math.round(userCount / 200); i++) mfaDevices.push({ SerialNumber: `arn:aws:iam::${account}:mfa/${r.pick(firstNames)}.${r.pick(lastNames)}-${r.alnum(4).toLowerCase()}` });

  const summary = {
    GroupPolicySizeQuota: 5120,
    InstanceProfilesQuota: 5000,
    Policies: policies.length,
    GroupsPerUserQuota: 10,
    InstanceProfiles: stats.roles.instanceProfiles,
    AttachedPoliciesPerUserQuota: 10,
    Users: users.length,
    PoliciesQuota: Math.max(1500, policies.length),
    Providers: 4,
    AccountMFAEnabled: 1,
    AccessKeysPerUserQuota: 2,
    AssumeRolePolicySizeQuota: 2048,
    PolicyVersionsInUseQuota: 10000,
    GlobalEndpointTokenVersion: 1,
    VersionsPerPolicyQuota: 5,
    AttachedPoliciesPerGroupQuota: 10,
    PolicySizeQuota: 6144,
    Groups: groups.length,
    AccountSigningCertificatesPresent: 0,
    UsersQuota: Math.max(5000, users.length),
    ServerCertificatesQuota: 20,
    MFADevices: mfaDevices.length,
    UserPolicySizeQuota: 2048,
    PolicyVersionsInUse: stats.customerPolicies.versions,
    ServerCertificates: 0,
    Roles: roles.length,
    RolesQuota: Math.max(1000, roles.length),
    SigningCertificatesPerUserQuota: 2,
    MFADevicesInUse: stats.users.mfa + 1,
    RolePolicySizeQuota: 10240,
    AttachedPoliciesPerRoleQuota: 10,
    AccountAccessKeysPresent: 0,
    AccountPasswordPresent: 1,
    GroupsQuota: Math.max(300, groups.length),
  };
  const passwordPolicy = {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: true,
    MaxPasswordAge: 90,
    PasswordReusePrevention: 24,
    HardExpiry: false,
  };

  prepareOut(out);
  const sizes = {};
  // The AWS CLI prints JSON indented by 4 spaces, with a final newline.
  const write = (name, value) => {
    const text = typeof value === 'string' ? value : `${JSON.stringify(value, null, 4)}\n`;
    writeFileSync(join(out, name), text);
    sizes[name] = Buffer.byteLength(text);
    stats.files++;
    stats.bytes += sizes[name];
  };
  write('authorization-details.json', gaad);
  if (reportCsv) write('credential-report.csv', csv);
  else write('credential-report.json', { Content: Buffer.from(csv).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: awsDate(reportTime) });
  write('account-summary.json', { SummaryMap: summary });
  write('password-policy.json', { PasswordPolicy: passwordPolicy });
  write('virtual-mfa-devices.json', { VirtualMFADevices: mfaDevices, IsTruncated: false });
  write('iamlint-manifest.json', `${JSON.stringify({ iamlintManifest: 1, account, resources: {} }, null, 2)}\n`);
  const result = { out, seed: String(seed), ...stats, credentialReportRows: rows.length + 1, virtualMfaDevices: mfaDevices.length, sizes };
  writeFileSync(join(out, markerName), `${JSON.stringify({ generator: 'bench/generate.mjs --account', ...result, out: undefined }, null, 2)}\n`);
  return result;
}

/**
 * An organization of `accounts` large accounts, each in its own folder named by its id, whose
 * cross-account trusts and resource grants name one another: the graph bench's input.
 */
export function generateOrganization({ accounts, users, out, seed }) {
  prepareOut(out);
  const r = makeRandom(`organization/${seed}`);
  const ids = Array.from({ length: accounts }, () => r.digits(12)).sort();
  const results = ids.map((id, i) =>
    generateAccount({ users, out: join(out, id), seed: `${seed}-${i}`, id, others: ids.length > 1 ? ids.filter((other) => other !== id) : undefined }),
  );
  const bytes = results.reduce((sum, a) => sum + a.bytes, 0);
  writeFileSync(join(out, markerName), `${JSON.stringify({ generator: 'bench/generate.mjs --org', seed: String(seed), accounts: ids, users, bytes }, null, 2)}\n`);
  return { out, seed: String(seed), accounts: ids, users, bytes, files: results.reduce((sum, a) => sum + a.files, 0) };
}

const credentialColumnsHeader =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** A permissions boundary: allow broadly, deny what delegated admins must not do. */
function boundaryDocument(c) {
  return {
    Version: '2012-10-17',
    Statement: [
      statement('AllowWithinBoundary', { Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'sns:*', 'lambda:*', 'logs:*', 'cloudwatch:*', 'kms:Decrypt', 'kms:GenerateDataKey', 'secretsmanager:GetSecretValue', 'ssm:GetParameter*', 'xray:*'], Resource: '*' }),
      statement('DenyIamAndOrganizations', { Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'organizations:*', 'account:*'], Resource: '*' }),
      commonStatements.denyRegions(c),
    ],
  };
}

/**
 * One user's credential report row (22 columns), counted into `stats`: console password and MFA
 * for most people, access keys (some old, some never used, some inactive) for automation.
 */
function credentialRow(r, user, created, human, contractor, stats) {
  const row = [user.UserName, user.Arn, awsDate(created)];
  const age = reportTime - created;
  const hasPassword = human ? r.chance(contractor ? 0.97 : 0.92) : r.chance(0.03);
  let passwordLastUsed;
  let mfa;
  if (hasPassword) {
    stats.console++;
    const used = r.weighted([[60, 14], [15, 90], [10, 365], [5, 3000], [10, 'never']]);
    if (used === 'never' || age < dayMs) {
      row.push('true', 'no_information');
      stats.passwordNeverUsed++;
    } else {
      passwordLastUsed = awsDate(dateBetween(r, Math.max(created, reportTime - used * dayMs), reportTime));
      row.push('true', passwordLastUsed);
    }
    // Rotated every 90 days by policy, or not: the next rotation may be past.
    const changed = r.chance(0.7) ? dateBetween(r, Math.max(created, reportTime - 90 * dayMs), reportTime) : created + r.int(5, 600) * 1000;
    row.push(awsDate(changed), awsDate(changed + 90 * dayMs));
    mfa = r.chance(0.78);
    if (!mfa) stats.consoleWithoutMfa++;
  } else {
    row.push('false', 'N/A', 'N/A', 'N/A');
    mfa = r.chance(0.02);
  }
  if (mfa) stats.mfa++;
  row.push(mfa ? 'true' : 'false');
  const keys = r.weighted(human ? [[62, 0], [33, 1], [5, 2]] : [[4, 0], [76, 1], [20, 2]]);
  stats.withKeys[keys]++;
  for (let k = 1; k <= 2; k++) {
    if (k > keys) {
      row.push('false', 'N/A', 'N/A', 'N/A', 'N/A');
      continue;
    }
    const active = r.chance(0.88);
    // Automation users' first key is often made with the user (the console's default); half the
    // others were rotated in the last four months, the rest whenever.
    const rotated =
      k === 1 && !human && r.chance(0.4)
        ? created + r.int(1, 30) * 1000
        : dateBetween(r, r.chance(0.5) ? Math.max(created, reportTime - 120 * dayMs) : created, reportTime - dayMs);
    if (active) stats.activeKeys++;
    if (reportTime - rotated > 90 * dayMs) stats.keysOlderThan90Days++;
    row.push(active ? 'true' : 'false', awsDate(rotated));
    if (r.chance(0.08)) {
      stats.keysNeverUsed++;
      row.push('N/A', 'N/A', 'N/A');
    } else {
      const recent = active && r.chance(0.8);
      const used = recent ? dateBetween(r, Math.max(rotated, reportTime - 14 * dayMs), reportTime) : dateBetween(r, rotated, Math.min(reportTime, rotated + 200 * dayMs));
      const service = r.pick(keyServices);
      const region = service === 's3' && r.chance(0.3) ? 'N/A' : service === 'iam' || service === 'sts' ? 'us-east-1' : r.pick(regions);
      row.push(awsDate(used), region, service);
    }
  }
  if (r.chance(0.004)) row.push('true', awsDate(dateBetween(r, created, reportTime)), 'false', 'N/A');
  else row.push('false', 'N/A', 'false', 'N/A');
  return { row, mfa, passwordLastUsed };
}

function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      account: { type: 'boolean', default: false },
      org: { type: 'string' },
      users: { type: 'string' },
      'report-csv': { type: 'boolean', default: false },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: node bench/generate.mjs [--count N (10000)] [--out DIR (bench/out/policies)] [--seed S (1)] [--json]');
    console.log('       node bench/generate.mjs --account [--users N (5000)] [--report-csv] [--out DIR (bench/out/account)] [--seed S (1)] [--json]');
    console.log('       node bench/generate.mjs --org N [--users N (5000)] [--out DIR (bench/out/org-N)] [--seed S (1)] [--json]');
    return;
  }
  const positive = (name, text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${text}`);
    return n;
  };
  if (values.org !== undefined) {
    if (values.count !== undefined || values['report-csv']) throw new Error('--org takes --users, --out, --seed and --json');
    const users = positive('users', values.users ?? '5000');
    const accounts = positive('org', values.org);
    const started = process.hrtime.bigint();
    const o = generateOrganization({ accounts, users, out: resolve(values.out ?? join(here, 'out', `org-${accounts}`)), seed: values.seed });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (values.json) console.log(JSON.stringify(o, null, 2));
    else console.log(`wrote an organization of ${accounts} accounts of ${users} users each: ${o.files} export files (${(o.bytes / 1e6).toFixed(1)} MB) under ${relative(process.cwd(), o.out) || '.'} (seed ${o.seed}, ${ms.toFixed(0)} ms)`);
    return;
  }
  if (values.account) {
    if (values.count !== undefined) throw new Error('--count is for policy files; an account is sized by --users');
    mainAccount({ users: positive('users', values.users ?? '5000'), out: resolve(values.out ?? defaultAccountOut), seed: values.seed, reportCsv: values['report-csv'], json: values.json });
    return;
  }
  if (values.users !== undefined || values['report-csv']) throw new Error('--users and --report-csv need --account');
  const count = positive('count', values.count ?? '10000');
  const started = process.hrtime.bigint();
  const result = generate({ count, out: resolve(values.out ?? defaultOut), seed: values.seed });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const pct = (n) => `${((100 * n) / result.files).toFixed(1)}%`;
  const pairs = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const malformed = Object.values(result.malformed).reduce((a, b) => a + b, 0);
  console.log(`wrote ${result.files} policy files (${(result.bytes / 1e6).toFixed(2)} MB, ${result.bytes} bytes) in ${result.folders} folders under ${relative(process.cwd(), result.out) || '.'} (seed ${result.seed}, ${ms.toFixed(0)} ms)`);
  console.log(`  kinds:      ${pairs(result.kinds)}`);
  console.log(`  statements: ${result.statements} (${(result.statements / result.files).toFixed(1)} per file)`);
  console.log(`  file size:  min ${result.sizes.min} B, p10 ${result.sizes.p10} B, median ${result.sizes.median} B, p90 ${result.sizes.p90} B, max ${result.sizes.max} B`);
  console.log(`  problems:   ${result.withProblem} files (${pct(result.withProblem)}): ${pairs(result.problems)}`);
  console.log(`  malformed:  ${malformed} files (${pct(malformed)}): ${pairs(result.malformed)}`);
}

function mainAccount({ users, out, seed, reportCsv, json }) {
  const started = process.hrtime.bigint();
  const a = generateAccount({ users, out, seed, reportCsv });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (json) {
    console.log(JSON.stringify(a, null, 2));
    return;
  }
  const n = (x) => x.toLocaleString('en-US');
  const pairs = (o) => Object.entries(o).map(([k, v]) => `${k} ${n(v)}`).join(', ') || 'none';
  const u = a.users;
  console.log(`wrote account ${a.account}: ${a.files} export files (${(a.bytes / 1e6).toFixed(2)} MB) under ${relative(process.cwd(), a.out) || '.'} (seed ${a.seed}, ${ms.toFixed(0)} ms)`);
  console.log(`  files:      ${pairs(a.sizes)} bytes`);
  console.log(`  users:      ${n(u.total)} (${n(u.human)} people, ${n(u.automation)} automation); console password ${n(u.console)} (${n(u.consoleWithoutMfa)} without MFA, ${n(u.passwordNeverUsed)} never signed in); MFA ${n(u.mfa)}`);
  console.log(`  keys:       users with 0/1/2 keys ${n(u.withKeys[0])}/${n(u.withKeys[1])}/${n(u.withKeys[2])}; ${n(u.activeKeys)} active, ${n(u.keysOlderThan90Days)} older than 90 days, ${n(u.keysNeverUsed)} never used`);
  console.log(`  groups:     ${n(a.groups)}`);
  console.log(`  roles:      ${n(a.roles.total)} (${pairs(a.roles.kinds)}); ${n(a.roles.unusedIn400Days)} not used in 400 days; ${n(a.roles.instanceProfiles)} instance profiles`);
  console.log(`  policies:   ${n(a.customerPolicies.total)} customer managed (${n(a.customerPolicies.versions)} versions, ${n(a.customerPolicies.unattached)} attached nowhere, ${n(a.customerPolicies.boundaries)} used as permissions boundaries); ${a.awsManaged.attached} AWS managed attached, ${a.awsManaged.listed} of them listed with their document`);
  console.log(`  inline:     ${pairs(a.inlinePolicies)}`);
  console.log(`  documents:  ${n(a.documents)} policy documents (${n(a.statements)} statements), ${n(a.urlEncoded)} URL-encoded`);
  console.log(`  problems:   ${pairs(a.problems)} (planted as in the policy bench)`);
  console.log(`  report:     ${n(a.credentialReportRows)} credential report rows (root included); ${n(a.virtualMfaDevices)} virtual MFA devices`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
