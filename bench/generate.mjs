#!/usr/bin/env node
// Writes a synthetic repository of IAM policy files for benchmarking: identity policies (most),
// resource policies (S3, KMS, SQS, SNS), role trust policies (service, cross-account, GitHub OIDC,
// SAML), spread over teams/<team>/<app>/… folders. Ordinary statements are right, as most written
// by people are: each action on resources of a type it acts on, or on "*" if it has no resource-level
// permissions. About a fifth of the files hold a realistic problem (planted, see `problems`) and one
// in 250 is malformed JSON. Same --seed, same bytes.
//
//   node bench/generate.mjs [--count N] [--out DIR] [--seed S] [--json]
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

function trustPolicy(c) {
  const { r } = c;
  const variant = r.weighted([[50, 'service'], [25, 'crossAccount'], [15, 'github'], [10, 'saml']]);
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

/**
 * Generates `count` policy files under `out`. Returns a summary of what was written.
 */
export function generate({ count, out, seed }) {
  const r = makeRandom(seed);
  const accounts = Array.from({ length: 24 }, () => r.digits(12));
  const apps = new Map(teams.map((team) => [team, r.some(appWords, r.int(6, 14)).map((w) => `${w}-${r.pick(appSuffixes)}`)]));

  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(markerName)) {
      throw new Error(`${out} exists and was not written by bench/generate.mjs (no ${markerName}); choose another --out`);
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });

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

function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      out: { type: 'string', default: defaultOut },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: node bench/generate.mjs [--count N (10000)] [--out DIR (bench/out/policies)] [--seed S (1)] [--json]');
    return;
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, not ${values.count}`);
  const started = process.hrtime.bigint();
  const result = generate({ count, out: resolve(values.out), seed: values.seed });
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
