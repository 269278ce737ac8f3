import { isAllow, isDeny, type Statement } from '../model/policy.js';
import { statementActions } from './action-set.js';
import { resourceFit, parseArn } from './arn.js';
import { findAction, type ActionInfo } from './catalogue.js';
import { restrictsClause, restrictsStatement } from './conditions.js';
import { selfGrantActions } from './escalation.js';
import { allowsEveryAction, coversAction, isEveryResource, onEveryResource, parseOperator } from './statement.js';
import { matchesAction, matchesResource } from './wildcard.js';

/**
 * Privilege-escalation techniques that need two or more permissions held together, from
 * reference/escalation.md (Rhino Security Labs, Bishop Fox iam-vulnerable, Datadog pathfinding.cloud
 * and pathfinding-labs, PMapper). Single-permission techniques are not here: `escalation.ts` lists
 * the IAM ones, and iam:PassRole alone is passrole-unscoped's.
 */

/**
 * - `new-passrole`: create compute that runs with a role the principal passes to it;
 * - `existing`: take over compute that already runs with a role;
 * - `principal`: become another principal.
 */
export type TechniqueKind = 'new-passrole' | 'existing' | 'principal';

export interface Technique {
  /** Stable identifier. */
  readonly id: string;
  /** The row of reference/escalation.md's table. */
  readonly row: number;
  /** Short name, for messages and docs. */
  readonly name: string;
  readonly kind: TechniqueKind;
  /** Every entry is needed; within an entry, any one action will do (`StartBuild` or `StartBuildBatch`). */
  readonly requires: readonly (readonly string[])[];
  /** The entry of `requires` most specific to the technique: findings point at the statement granting it. */
  readonly anchor: number;
  /** What a principal holding the permissions does, as a verb phrase ("launch an EC2 instance …"). */
  readonly how: string;
  /** Catalogue ids: Rhino n, BishopFox privescN, pathfinding.cloud svc-NNN, pathfinding-labs svc-NNN, PMapper. */
  readonly refs: readonly string[];
}

/**
 * The service principals each technique reaches roles through: those a `new-passrole` technique
 * passes the role to (an iam:PassedToService condition naming one of them does not stop it), and
 * those whose running compute an `existing` technique takes over (the access graph's compute
 * techniques, some of which need one permission only and are not in `techniques`).
 */
export const techniqueServices: Readonly<Record<string, readonly string[]>> = {
  'ec2-instance': ['ec2.amazonaws.com'],
  'lambda-invoke': ['lambda.amazonaws.com'],
  'lambda-add-permission': ['lambda.amazonaws.com'],
  'lambda-event-source': ['lambda.amazonaws.com'],
  'glue-dev-endpoint': ['glue.amazonaws.com'],
  'glue-job': ['glue.amazonaws.com'],
  'glue-session': ['glue.amazonaws.com'],
  'cloudformation-stack': ['cloudformation.amazonaws.com'],
  'cloudformation-stack-set': ['cloudformation.amazonaws.com'],
  'cloudformation-update-stack-set': ['cloudformation.amazonaws.com'],
  'data-pipeline': ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'],
  sagemaker: ['sagemaker.amazonaws.com'],
  'codebuild-project': ['codebuild.amazonaws.com'],
  'ecs-task-definition': ['ecs-tasks.amazonaws.com'],
  'ecs-task-override': ['ecs-tasks.amazonaws.com'],
  'apprunner-service': ['tasks.apprunner.amazonaws.com', 'build.apprunner.amazonaws.com'],
  'agentcore-code-interpreter': ['bedrock-agentcore.amazonaws.com'],
  'autoscaling-launch-configuration': ['ec2.amazonaws.com'],
  'lambda-update-code': ['lambda.amazonaws.com'],
  'cloudformation-change-set': ['cloudformation.amazonaws.com'],
  'sagemaker-lifecycle-config': ['sagemaker.amazonaws.com'],
  'ec2-user-data': ['ec2.amazonaws.com'],
  'ec2-launch-template': ['ec2.amazonaws.com'],
  'ecs-execute-command': ['ecs-tasks.amazonaws.com'],
  'agentcore-session': ['bedrock-agentcore.amazonaws.com'],
  'lambda-update-configuration': ['lambda.amazonaws.com'],
  'glue-update-dev-endpoint': ['glue.amazonaws.com'],
  'cloudformation-update-stack': ['cloudformation.amazonaws.com'],
  'codebuild-start-build': ['codebuild.amazonaws.com'],
  'sagemaker-presigned-url': ['sagemaker.amazonaws.com'],
  'ssm-command': ['ec2.amazonaws.com'],
  'ec2-instance-connect': ['ec2.amazonaws.com'],
  'apprunner-update-service': ['tasks.apprunner.amazonaws.com', 'build.apprunner.amazonaws.com'],
};

const passRole = 'iam:PassRole';

/*
 * Left out: CodeStar (Rhino 23-25; the service was discontinued in July 2024 and the catalogue no
 * longer has codestar:CreateProjectFromTemplate); iam:PassRole + ecs:StartTask +
 * ecs:RegisterContainerInstance (whoever holds it holds 'ecs-task-override' too); the
 * pathfinding.cloud variants iam-014 to iam-021, whose first permission escalates on its own.
 */
export const techniques: readonly Technique[] = [
  {
    id: 'update-trust-and-assume',
    row: 8,
    name: "rewrite a role's trust policy and assume the role",
    kind: 'principal',
    requires: [['iam:UpdateAssumeRolePolicy'], ['sts:AssumeRole']],
    anchor: 0,
    how: 'rewrite the trust policy of any role so that it trusts this principal, then assume the role',
    refs: ['Rhino 14', 'BishopFox privesc14', 'pathfinding.cloud iam-012'],
  },
  {
    id: 'ec2-instance',
    row: 10,
    name: 'EC2 instance with a passed role',
    kind: 'new-passrole',
    requires: [[passRole], ['ec2:RunInstances', 'ec2:RequestSpotInstances']],
    anchor: 1,
    how: "launch an EC2 instance whose instance profile holds the role and take the role's credentials from the instance",
    refs: ['Rhino 3', 'BishopFox privesc3', 'pathfinding.cloud ec2-001, ec2-003'],
  },
  {
    id: 'lambda-invoke',
    row: 11,
    name: 'new Lambda function, invoked',
    kind: 'new-passrole',
    requires: [[passRole], ['lambda:CreateFunction'], ['lambda:InvokeFunction']],
    anchor: 2,
    how: 'create a Lambda function that runs its own code with the role, and invoke it',
    refs: ['Rhino 15', 'BishopFox privesc15', 'pathfinding.cloud lambda-001'],
  },
  {
    id: 'lambda-add-permission',
    row: 12,
    name: 'new Lambda function, invoked through its resource policy',
    kind: 'new-passrole',
    requires: [[passRole], ['lambda:CreateFunction'], ['lambda:AddPermission']],
    anchor: 2,
    how: "create a Lambda function that runs its own code with the role, allow itself to invoke it in the function's resource policy, and invoke it",
    refs: ['Rhino 16', 'pathfinding.cloud lambda-006'],
  },
  {
    id: 'lambda-event-source',
    row: 13,
    name: 'new Lambda function, triggered by an event source',
    kind: 'new-passrole',
    requires: [[passRole], ['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping']],
    anchor: 2,
    how: 'create a Lambda function that runs its own code with the role, and have an event source (a DynamoDB stream, a queue) invoke it',
    refs: ['Rhino 17', 'BishopFox privesc16', 'pathfinding.cloud lambda-002'],
  },
  {
    id: 'glue-dev-endpoint',
    row: 14,
    name: 'Glue development endpoint',
    kind: 'new-passrole',
    requires: [[passRole], ['glue:CreateDevEndpoint']],
    anchor: 1,
    how: "create a Glue development endpoint with the role and its own SSH key, log in and use the role's credentials",
    refs: ['Rhino 19', 'BishopFox privesc18', 'pathfinding.cloud glue-001'],
  },
  {
    id: 'glue-job',
    row: 14,
    name: 'Glue job',
    kind: 'new-passrole',
    requires: [[passRole], ['glue:CreateJob', 'glue:UpdateJob'], ['glue:StartJobRun', 'glue:CreateTrigger']],
    anchor: 1,
    how: 'create or update a Glue job that runs its own script with the role, and start it',
    refs: ['pathfinding.cloud glue-003 to glue-006'],
  },
  {
    id: 'glue-session',
    row: 14,
    name: 'Glue interactive session',
    kind: 'new-passrole',
    requires: [[passRole], ['glue:CreateSession'], ['glue:RunStatement']],
    anchor: 1,
    how: 'create a Glue interactive session with the role and run its own code in it',
    refs: ['pathfinding-labs glue-007'],
  },
  {
    id: 'cloudformation-stack',
    row: 15,
    name: 'CloudFormation stack with a service role',
    kind: 'new-passrole',
    requires: [[passRole], ['cloudformation:CreateStack']],
    anchor: 1,
    how: 'create a stack with the role as its service role, from a template that creates whatever it likes (an administrator user, an access key)',
    refs: ['Rhino 21', 'BishopFox privesc20', 'pathfinding.cloud cloudformation-001'],
  },
  {
    id: 'cloudformation-stack-set',
    row: 15,
    name: 'CloudFormation stack set',
    kind: 'new-passrole',
    requires: [[passRole], ['cloudformation:CreateStackSet'], ['cloudformation:CreateStackInstances']],
    anchor: 1,
    how: 'create a stack set with the role as its administration role and deploy stack instances from its own template',
    refs: ['pathfinding.cloud cloudformation-003, cloudformation-004'],
  },
  {
    id: 'cloudformation-update-stack-set',
    row: 15,
    name: 'CloudFormation stack set update',
    kind: 'new-passrole',
    requires: [[passRole], ['cloudformation:UpdateStackSet']],
    anchor: 1,
    how: 'update a stack set so that it deploys its own template with the role',
    refs: ['pathfinding.cloud cloudformation-003, cloudformation-004'],
  },
  {
    id: 'data-pipeline',
    row: 16,
    name: 'Data Pipeline',
    kind: 'new-passrole',
    requires: [[passRole], ['datapipeline:CreatePipeline'], ['datapipeline:PutPipelineDefinition']],
    anchor: 1,
    how: 'create a pipeline that runs with the role and define an activity that runs its own commands',
    refs: ['Rhino 22', 'BishopFox privesc21', 'pathfinding.cloud datapipeline-001'],
  },
  {
    id: 'sagemaker',
    row: 18,
    name: 'SageMaker notebook, training or processing job',
    kind: 'new-passrole',
    requires: [[passRole], ['sagemaker:CreateNotebookInstance', 'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob']],
    anchor: 1,
    how: 'create a SageMaker notebook instance, training job or processing job that runs its own code with the role',
    refs: ['Rhino 27', 'BishopFox sageMaker paths', 'pathfinding.cloud sagemaker-001 to sagemaker-003'],
  },
  {
    id: 'codebuild-project',
    row: 19,
    name: 'CodeBuild project',
    kind: 'new-passrole',
    requires: [[passRole], ['codebuild:CreateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']],
    anchor: 1,
    how: 'create a CodeBuild project with the role as its service role and start a build that runs its own buildspec',
    refs: ['BishopFox codeBuild path', 'pathfinding.cloud codebuild-001, codebuild-004'],
  },
  {
    id: 'ecs-task-definition',
    row: 20,
    name: 'ECS task definition',
    kind: 'new-passrole',
    requires: [[passRole], ['ecs:RegisterTaskDefinition'], ['ecs:RunTask', 'ecs:StartTask', 'ecs:CreateService']],
    anchor: 1,
    how: 'register an ECS task definition with the role as its task role and run its own container as a task or service',
    refs: ['pathfinding.cloud ecs-001 to ecs-005'],
  },
  {
    id: 'ecs-task-override',
    row: 20,
    name: 'ECS task with an overridden role',
    kind: 'new-passrole',
    requires: [[passRole], ['ecs:RunTask', 'ecs:StartTask']],
    anchor: 1,
    how: 'run a task from an existing task definition with the task role and the command overridden',
    refs: ['pathfinding.cloud ecs-001 to ecs-005', 'pathfinding-labs ecs-007 to ecs-009'],
  },
  {
    id: 'apprunner-service',
    row: 21,
    name: 'App Runner service',
    kind: 'new-passrole',
    requires: [[passRole], ['apprunner:CreateService']],
    anchor: 1,
    how: 'create an App Runner service that runs its own code with the role as its instance role',
    refs: ['pathfinding.cloud apprunner-001'],
  },
  {
    id: 'agentcore-code-interpreter',
    row: 21,
    name: 'Bedrock AgentCore code interpreter',
    kind: 'new-passrole',
    requires: [[passRole], ['bedrock-agentcore:CreateCodeInterpreter'], ['bedrock-agentcore:StartCodeInterpreterSession'], ['bedrock-agentcore:InvokeCodeInterpreter']],
    anchor: 1,
    how: 'create a Bedrock AgentCore code interpreter with the role as its execution role, start a session and run its own code in it',
    refs: ['pathfinding.cloud bedrock-001'],
  },
  {
    id: 'autoscaling-launch-configuration',
    row: 22,
    name: 'Auto Scaling group from a new launch configuration',
    kind: 'new-passrole',
    requires: [[passRole], ['autoscaling:CreateLaunchConfiguration'], ['autoscaling:CreateAutoScalingGroup']],
    anchor: 1,
    how: 'create a launch configuration whose instance profile holds the role, and an Auto Scaling group that launches instances from it',
    refs: ['PMapper'],
  },
  {
    id: 'lambda-update-code',
    row: 23,
    name: 'existing Lambda function, new code',
    kind: 'existing',
    requires: [['lambda:UpdateFunctionCode'], ['lambda:InvokeFunction', 'lambda:AddPermission']],
    anchor: 0,
    how: "replace the code of any Lambda function and invoke it (directly, or after allowing itself in the function's resource policy), so that its code runs with the function's execution role",
    refs: ['Rhino 18', 'BishopFox privesc17', 'pathfinding.cloud lambda-004, lambda-005'],
  },
  {
    id: 'cloudformation-change-set',
    row: 25,
    name: 'existing CloudFormation stack, change set',
    kind: 'existing',
    requires: [['cloudformation:CreateChangeSet'], ['cloudformation:ExecuteChangeSet']],
    anchor: 0,
    how: "change any stack through a change set, which CloudFormation carries out with the stack's service role",
    refs: ['pathfinding.cloud cloudformation-002, cloudformation-005'],
  },
  {
    id: 'sagemaker-lifecycle-config',
    row: 27,
    name: 'existing SageMaker notebook, lifecycle configuration',
    kind: 'existing',
    requires: [['sagemaker:CreateNotebookInstanceLifecycleConfig'], ['sagemaker:StopNotebookInstance'], ['sagemaker:UpdateNotebookInstance'], ['sagemaker:StartNotebookInstance']],
    anchor: 0,
    how: "give any notebook instance a lifecycle configuration with its own script and restart it, so that the script runs with the notebook's role",
    refs: ['pathfinding.cloud sagemaker-004, sagemaker-005'],
  },
  {
    id: 'ec2-user-data',
    row: 28,
    name: 'existing EC2 instance, new user data',
    kind: 'existing',
    requires: [['ec2:ModifyInstanceAttribute'], ['ec2:StopInstances'], ['ec2:StartInstances']],
    anchor: 0,
    how: "stop any EC2 instance, replace its user data with its own script and start it again, so that the script runs with the instance profile's role",
    refs: ['pathfinding.cloud ec2-002, ec2-004'],
  },
  {
    id: 'ec2-launch-template',
    row: 28,
    name: 'existing EC2 launch template, new version',
    kind: 'existing',
    requires: [['ec2:CreateLaunchTemplateVersion'], ['ec2:ModifyLaunchTemplate']],
    anchor: 0,
    how: 'add a version with its own user data to any launch template and make it the default, so that instances launched from it run the script with their role',
    refs: ['pathfinding.cloud ec2-002, ec2-004'],
  },
  {
    id: 'ecs-execute-command',
    row: 29,
    name: 'existing ECS task, ECS Exec',
    kind: 'existing',
    requires: [['ecs:ExecuteCommand'], ['ecs:DescribeTasks']],
    anchor: 0,
    how: "open a shell in any running ECS task with ECS Exec and use the task role's credentials",
    refs: ['pathfinding-labs ecs-006'],
  },
  {
    id: 'agentcore-session',
    row: 29,
    name: 'existing Bedrock AgentCore code interpreter',
    kind: 'existing',
    requires: [['bedrock-agentcore:StartCodeInterpreterSession'], ['bedrock-agentcore:InvokeCodeInterpreter']],
    anchor: 0,
    how: "start a session on any Bedrock AgentCore code interpreter and run its own code with the interpreter's execution role",
    refs: ['pathfinding.cloud bedrock-002'],
  },
];

// ————————————————————————————————————————————————————————————————— matching

/** The statements of a document that grant one action of a technique. */
export interface ActionGrant {
  readonly action: ActionInfo;
  /** In document order; never empty. */
  readonly statements: readonly Statement[];
}

export interface GrantedTechnique {
  readonly technique: Technique;
  /** Per entry of `technique.requires`, the actions of that entry that are granted (at least one). */
  readonly grants: readonly (readonly ActionGrant[])[];
}

/** A technique's action, with where its bit is in the scratch bitsets of `Index`. */
interface TechniqueAction {
  readonly action: ActionInfo;
  /** Its position in `Index.words`, and its bit in that word. */
  readonly slot: number;
  readonly bit: number;
}

interface Resolved {
  readonly technique: Technique;
  readonly requires: readonly (readonly TechniqueAction[])[];
}

interface Index {
  readonly resolved: readonly Resolved[];
  /** The words of the action bitset that hold some technique action, and the bits of those actions in them. */
  readonly words: readonly number[];
  readonly masks: Uint32Array;
  /** Scratch bitsets over `words`, cleared for each document (the rule runs on one document at a time). */
  readonly allowed: Uint32Array;
  readonly denied: Uint32Array;
}

let index: Index | undefined;

/** The table with its actions looked up in the catalogue (once). */
function techniqueIndex(): Index {
  if (index) return index;
  const actions = techniques.map((technique) =>
    technique.requires.map((entry) =>
      entry.map((id) => {
        const action = findAction(id);
        // A table naming an action the catalogue lacks is a bug to hear about, not to skip.
        if (!action) throw new Error(`${id} is not in the AWS catalogue`);
        return action;
      }),
    ),
  );
  const wordMasks = new Map<number, number>();
  for (const action of actions.flat(2)) wordMasks.set(action.index >>> 5, (wordMasks.get(action.index >>> 5) ?? 0) | (1 << (action.index & 31)));
  const words = [...wordMasks.keys()].sort((a, b) => a - b);
  const slot = (action: ActionInfo): TechniqueAction => ({ action, slot: words.indexOf(action.index >>> 5), bit: 1 << (action.index & 31) });
  index = {
    resolved: techniques.map((technique, i) => ({ technique, requires: (actions[i] ?? []).map((entry) => entry.map(slot)) })),
    words,
    masks: Uint32Array.from(words, (w) => wordMasks.get(w) ?? 0),
    allowed: new Uint32Array(words.length),
    denied: new Uint32Array(words.length),
  };
  return index;
}

/**
 * The statement grants every action on every resource, as `full-admin` judges it: Allow `*` (or a
 * NotAction that leaves in an action that grants anything) on `*`, without a restricting condition.
 */
export function grantsAdministrator(statement: Statement): boolean {
  if (!isAllow(statement) || !onEveryResource(statement) || restrictsStatement(statement.condition)) return false;
  return allowsEveryAction(statement) || (statement.notAction !== undefined && selfGrantActions.some((action) => coversAction(statement, action)));
}

/** A value no one writes in a resource name: only a wildcard there matches it. */
const probeName = 'iamlint-probe-Zq9';

/** The resource types an action is authorized on: the required ones, else all it lists. */
function resourceFormats(action: ActionInfo): readonly string[] {
  const required = action.resourceTypes.filter((type) => type.required);
  return (required.length > 0 ? required : action.resourceTypes).flatMap((type) => {
    const arn = action.service.resourceTypes.get(type.name)?.arn;
    return arn === undefined ? [] : [arn];
  });
}

const probeCache = new Map<string, readonly string[]>();

/**
 * ARNs of the action's resource types that only a pattern covering every resource of the type
 * matches: names are `probeName`; partition, region and account are taken from `pattern` where it
 * fixes them, so `arn:aws:lambda:us-east-1:111122223333:function:*` counts as every function. An
 * action that takes no resource is probed with `*`.
 */
function probes(action: ActionInfo, pattern: string | undefined): readonly string[] {
  const key = `${action.id}\u0000${pattern ?? ''}`;
  let found = probeCache.get(key);
  if (found) return found;
  const formats = resourceFormats(action);
  if (formats.length === 0) {
    found = ['*'];
  } else {
    const arn = pattern === undefined ? undefined : parseArn(pattern);
    const fixed = (value: string | undefined): string | undefined => (value !== undefined && !/[*?$]/.test(value) ? value : undefined);
    const partition = fixed(arn?.partition) ?? 'aws';
    const region = fixed(arn?.region) ?? 'us-east-1';
    const account = arn !== undefined && /^\d{12}$/.test(arn.account) ? arn.account : '111122223333';
    found = formats.map((format) =>
      format.replace(/\$\{(\w+)\}/g, (_, name: string) => (name === 'Partition' ? partition : name === 'Region' ? region : name === 'Account' ? account : probeName)),
    );
  }
  probeCache.set(key, found);
  return found;
}

/** The statement's resources include every resource of one of the action's types. */
function onAnyResource(statement: Statement, action: ActionInfo): boolean {
  if (statement.resource) {
    return statement.resource.items.some(({ value }) => isEveryResource(value) || probes(action, value).some((probe) => matchesResource(value, probe)));
  }
  const excluded = statement.notResource?.items;
  if (!excluded) return false;
  return probes(action, undefined).some((probe) => !excluded.some(({ value }) => matchesResource(value, probe)));
}

/**
 * The statement's resources include some resource the action can act on: resource-type-mismatch's
 * test (`resourceFit`), whose answers per resource are cached and shared.
 */
function onSomeResource(statement: Statement, action: ActionInfo): boolean {
  if (resourceFormats(action).length === 0) return onAnyResource(statement, action);
  if (statement.resource) return resourceFit(action.id, statement.resource.items.map((item) => item.value)).kind === 'fits';
  return statement.notResource?.items.every(({ value }) => !isEveryResource(value)) ?? false;
}

/**
 * How broadly a technique needs an action: iam:PassRole on any role, and every action of `existing`
 * and `principal` techniques on any resource of its type; the other actions of `new-passrole`
 * techniques on some resource (the principal creates the resource).
 */
function needsAny(technique: Technique, action: ActionInfo): boolean {
  return technique.kind !== 'new-passrole' || action.id === passRole;
}

/**
 * The services an Allow limits iam:PassRole to, when its only restricting conditions are plain
 * (not negated, not IfExists) StringEquals/StringLike clauses on iam:PassedToService; else undefined.
 */
function passedToServices(statement: Statement): readonly string[] | undefined {
  const clauses = statement.condition?.clauses.filter(restrictsClause) ?? [];
  if (clauses.length === 0) return undefined;
  let services: string[] | undefined;
  for (const clause of clauses) {
    const { set, base, ifExists } = parseOperator(clause.operator.value);
    if (clause.key.value.toLowerCase() !== 'iam:passedtoservice' || ifExists || set === 'ForAllValues' || (base !== 'StringEquals' && base !== 'StringLike')) return undefined;
    const values = clause.values.map((v) => String(v.value));
    // Clauses are ANDed: a service must pass each of them.
    services = services === undefined ? values : services.filter((service) => values.some((value) => matchesAction(value, service)));
  }
  return services;
}

/** Whether a statement limited by iam:PassedToService still lets the role go to the technique's service. */
function passesToTechnique(statement: Statement, technique: Technique): boolean {
  const services = passedToServices(statement);
  const targets = techniqueServices[technique.id];
  return targets?.some((target) => services?.some((service) => matchesAction(service, target))) ?? false;
}

/**
 * An Allow statement that applies to the action (resources aside) without a condition that can stop
 * the technique: none that restricts, or for iam:PassRole only iam:PassedToService naming its service.
 */
function allowsAction(statement: Statement, action: ActionInfo, technique: Technique): boolean {
  if (!isAllow(statement) || !(statementActions(statement)?.has(action) ?? false)) return false;
  return !restrictsStatement(statement.condition) || (action.id === passRole && passesToTechnique(statement, technique));
}

/** A Deny without any condition on every resource: it removes its actions whatever the request. */
function deniesAlways(statement: Statement): boolean {
  return isDeny(statement) && (statement.condition?.clauses.length ?? 0) === 0 && onEveryResource(statement);
}

/**
 * Whether `a` being broken breaks `b`: each entry of `a` holds all the granted actions of some entry
 * of `b`, so removing every granted action of any entry of `a` leaves that entry of `b` empty too.
 */
function implies(a: GrantedTechnique, b: GrantedTechnique): boolean {
  return a.grants.every((entryA) => {
    const inA = new Set(entryA.map((g) => g.action));
    return b.grants.some((entryB) => entryB.every((g) => inA.has(g.action)));
  });
}

/**
 * The techniques whose permissions a document's statements grant together (see the rule
 * `privesc-combination` for what counts). A technique is left out when another granted one is
 * smaller: every way of stopping the other stops it too.
 *
 * Cost: one pass over the statements OR-ing only the bitset words that hold technique actions
 * (allowed, and denied without condition on every resource); only techniques all of whose entries
 * survive that test are checked statement by statement.
 */
export function grantedTechniques(statements: readonly Statement[]): GrantedTechnique[] {
  const { resolved, words, masks, allowed, denied } = techniqueIndex();
  allowed.fill(0);
  denied.fill(0);
  for (const statement of statements) {
    // A PassRole limited to services may still serve a technique: techniques check that per statement.
    const allow = isAllow(statement) && (!restrictsStatement(statement.condition) || passedToServices(statement) !== undefined);
    const deny = !isAllow(statement) && deniesAlways(statement);
    if (!allow && !deny) continue;
    const set = statementActions(statement);
    if (!set) continue;
    const target = allow ? allowed : denied;
    for (let i = 0; i < words.length; i++) target[i] = (target[i] ?? 0) | (set.word(words[i] ?? 0) & (masks[i] ?? 0));
  }
  // Most documents allow no technique's action at all.
  if (allowed.every((word) => word === 0)) return [];
  const inUnion = ({ slot, bit }: TechniqueAction): boolean => ((allowed[slot] ?? 0) & bit) !== 0 && ((denied[slot] ?? 0) & bit) === 0;

  const found: GrantedTechnique[] = [];
  for (const { technique, requires } of resolved) {
    if (!requires.every((entry) => entry.some(inUnion))) continue;
    const grants: ActionGrant[][] = [];
    for (const entry of requires) {
      const granted: ActionGrant[] = [];
      for (const known of entry) {
        if (!inUnion(known)) continue;
        const { action } = known;
        const any = needsAny(technique, action);
        const by = statements.filter((s) => allowsAction(s, action, technique) && (any ? onAnyResource(s, action) : onSomeResource(s, action)));
        if (by.length > 0) granted.push({ action, statements: by });
      }
      if (granted.length === 0) break;
      grants.push(granted);
    }
    if (grants.length === requires.length) found.push({ technique, grants });
  }
  return found.filter((b, at) => !found.some((a, other) => other !== at && implies(a, b) && (!implies(b, a) || other < at)));
}
