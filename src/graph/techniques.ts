import { findAction, type ActionInfo } from '../iam/catalogue.js';
import { techniques as combinationTechniques, techniqueServices } from '../iam/techniques.js';

/*
 * The compute techniques the graph draws (reference/escalation.md rows 10-29): src/iam/techniques.ts's
 * `new-passrole` and `existing` rows — the table `privesc-combination` uses — plus the `existing`
 * techniques that need one permission only, which that table leaves out. Each is tied to the
 * service principals whose roles it reaches. The IAM techniques (rows 1-8) are in escalation.ts:
 * they act on named principals and policies, not on roles by service.
 */

export interface ComputeTechnique {
  readonly id: string;
  readonly kind: 'new-passrole' | 'existing';
  /**
   * Every entry is needed, any one action of an entry will do. For `new-passrole`, iam:PassRole is
   * not among them: it is evaluated on each role, with iam:PassedToService.
   */
  readonly requires: readonly (readonly ActionInfo[])[];
  /** The service principals whose roles the technique reaches (the role must trust one of them). */
  readonly services: readonly string[];
  /** The compute is an EC2 instance: the role must be in an instance profile (or the principal must make one). */
  readonly instanceProfile: boolean;
}


/** Techniques whose compute is an EC2 instance. */
const onInstances = new Set(['ec2-instance', 'autoscaling-launch-configuration', 'ec2-user-data', 'ec2-launch-template', 'ssm-command', 'ec2-instance-connect']);

/** Existing-compute techniques that one permission makes (escalation.md rows 23-29), by id. */
const singlePermission: readonly { readonly id: string; readonly requires: readonly (readonly string[])[] }[] = [
  // Row 23: a malicious layer or environment runs with the function's role at its next invocation.
  { id: 'lambda-update-configuration', requires: [['lambda:UpdateFunctionConfiguration']] },
  // Row 24: a new SSH key on a Glue development endpoint.
  { id: 'glue-update-dev-endpoint', requires: [['glue:UpdateDevEndpoint']] },
  // Row 25: a stack update runs with the stack's service role.
  { id: 'cloudformation-update-stack', requires: [['cloudformation:UpdateStack']] },
  // Row 26: a build with an overridden buildspec runs with the project's role.
  { id: 'codebuild-start-build', requires: [['codebuild:StartBuild', 'codebuild:StartBuildBatch']] },
  // Row 27: a notebook's Jupyter, with its role.
  { id: 'sagemaker-presigned-url', requires: [['sagemaker:CreatePresignedNotebookInstanceUrl']] },
  // Row 28: a shell on an instance, with its instance profile's role.
  { id: 'ssm-command', requires: [['ssm:SendCommand', 'ssm:StartSession']] },
  { id: 'ec2-instance-connect', requires: [['ec2-instance-connect:SendSSHPublicKey']] },
  // Row 29: new code in an App Runner service.
  { id: 'apprunner-update-service', requires: [['apprunner:UpdateService']] },
];

function resolve(id: string): ActionInfo {
  const action = findAction(id);
  // A table naming an action the catalogue lacks is a bug to hear about, not to skip.
  if (!action) throw new Error(`${id} is not in the AWS catalogue`);
  return action;
}

function servicesOf(id: string): readonly string[] {
  const found = techniqueServices[id];
  if (!found) throw new Error(`technique ${id} has no service principal in src/iam/techniques.ts`);
  return found;
}

let table: readonly ComputeTechnique[] | undefined;

/** The compute techniques, in table order (src/iam/techniques.ts's first). */
export function computeTechniques(): readonly ComputeTechnique[] {
  table ??= [
    ...combinationTechniques.flatMap((technique): ComputeTechnique[] => {
      if (technique.kind === 'principal') return [];
      const requires = technique.requires.filter((entry) => !(technique.kind === 'new-passrole' && entry.length === 1 && entry[0] === 'iam:PassRole'));
      return [{ id: technique.id, kind: technique.kind, requires: requires.map((entry) => entry.map(resolve)), services: servicesOf(technique.id), instanceProfile: onInstances.has(technique.id) }];
    }),
    ...singlePermission.map((technique): ComputeTechnique => ({ id: technique.id, kind: 'existing', requires: technique.requires.map((entry) => entry.map(resolve)), services: servicesOf(technique.id), instanceProfile: onInstances.has(technique.id) })),
  ];
  return table;
}
