import { describe, expect, it } from 'vitest';
import { findAction } from '../../src/iam/catalogue.js';
import { grantedTechniques, grantsAdministrator, techniques, type Technique } from '../../src/iam/techniques.js';
import { loadPolicyText } from '../helpers/policy.js';

function statements(...bodies: object[]) {
  return loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: bodies.map((body) => ({ Effect: 'Allow', ...('NotResource' in body ? {} : { Resource: '*' }), ...body })) })).statements;
}

function granted(...bodies: object[]): string[] {
  return grantedTechniques(statements(...bodies)).map((found) => found.technique.id);
}

/** Whether holding `b` always means holding `a` too: every entry of `a` includes some entry of `b`. */
function staticallyImplied(a: Technique, b: Technique): boolean {
  return a.requires.every((entryA) => b.requires.some((entryB) => entryB.every((action) => entryA.includes(action))));
}

describe('the technique table', () => {
  it('names only catalogue actions, spelled as AWS spells them', () => {
    for (const technique of techniques) {
      for (const action of technique.requires.flat()) expect(findAction(action)?.id, `${technique.id}: ${action}`).toBe(action);
    }
  });

  it('has techniques of two or more permissions, unique ids, an anchor, references', () => {
    expect(new Set(techniques.map((t) => t.id)).size).toBe(techniques.length);
    for (const technique of techniques) {
      expect(technique.requires.length, technique.id).toBeGreaterThanOrEqual(2);
      expect(technique.requires.every((entry) => entry.length > 0)).toBe(true);
      expect(technique.requires[technique.anchor], technique.id).toBeDefined();
      expect(technique.refs.length, technique.id).toBeGreaterThan(0);
      expect(technique.how).toMatch(/^[a-z]/);
      // iam:PassRole is what makes a technique new-passrole, and it is never the anchor.
      const passes = technique.requires.some((entry) => entry.includes('iam:PassRole'));
      expect(passes, technique.id).toBe(technique.kind === 'new-passrole');
      expect(technique.requires[technique.anchor]?.includes('iam:PassRole')).toBe(false);
    }
  });

  it('has no technique that another of the same kind always comes with', () => {
    for (const a of techniques) {
      for (const b of techniques) {
        if (a !== b && a.kind === b.kind) expect(staticallyImplied(a, b), `${b.id} always comes with ${a.id}`).toBe(false);
      }
    }
  });

  it('covers the multi-permission rows of reference/escalation.md', () => {
    expect([...new Set(techniques.map((t) => t.row))].sort((a, b) => a - b)).toEqual([8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23, 25, 27, 28, 29]);
  });
});

describe('grantedTechniques', () => {
  it('finds a technique whose permissions come from several statements', () => {
    expect(granted({ Action: 'iam:PassRole' }, { Action: 'ec2:RunInstances' })).toEqual(['ec2-instance']);
    expect(granted({ Action: 'iam:PassRole' })).toEqual([]);
    expect(granted({ Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'] })).toEqual([]);
  });

  it('counts patterns, any case, and NotAction', () => {
    expect(granted({ Action: 'IAM:pass*' }, { Action: 'EC2:runinstances' })).toEqual(['ec2-instance']);
    expect(granted({ Action: ['iam:PassRole', 'lambda:Create*', 'lambda:Invoke*'] })).toEqual(['lambda-invoke', 'lambda-event-source']);
    expect(granted({ NotAction: ['iam:*', 'organizations:*'] }, { Action: 'iam:PassRole' })).toContain('ec2-instance');
  });

  it('needs iam:PassRole on any role, not on named roles', () => {
    const launch = { Action: 'ec2:RunInstances' };
    for (const resource of ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/*', 'arn:*:iam::*:*', 'arn:aws:iam::111122223333:role*']) {
      expect(granted({ Action: 'iam:PassRole', Resource: resource }, launch), resource).toEqual(['ec2-instance']);
    }
    for (const resource of ['arn:aws:iam::111122223333:role/web', 'arn:aws:iam::111122223333:role/app-*', 'arn:aws:iam::*:role/service-role/*', 'arn:aws:iam::111122223333:role/${aws:username}', 'arn:aws:s3:::*']) {
      expect(granted({ Action: 'iam:PassRole', Resource: resource }, launch), resource).toEqual([]);
    }
    expect(granted({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin' }, launch)).toEqual(['ec2-instance']);
    expect(granted({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/*' }, launch)).toEqual([]);
  });

  it('needs the actions of existing and principal techniques on any resource of their type', () => {
    const deploy = { Action: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'] };
    expect(granted({ ...deploy, Resource: 'arn:aws:lambda:us-east-1:111122223333:function:*' })).toEqual(['lambda-update-code']);
    expect(granted({ ...deploy, Resource: 'arn:aws:lambda:us-east-1:111122223333:function:orders-*' })).toEqual([]);
    expect(granted({ Action: 'iam:UpdateAssumeRolePolicy', Resource: 'arn:aws:iam::111122223333:role/*' }, { Action: 'sts:AssumeRole' })).toEqual(['update-trust-and-assume']);
    expect(granted({ Action: 'iam:UpdateAssumeRolePolicy', Resource: 'arn:aws:iam::111122223333:role/ci' }, { Action: 'sts:AssumeRole' })).toEqual([]);
  });

  it('needs the other actions of new-passrole techniques on a resource they can act on', () => {
    const pass = { Action: 'iam:PassRole' };
    expect(granted(pass, { Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: 'arn:aws:lambda:*:*:function:orders-api' })).toEqual(['lambda-invoke']);
    // Lambda actions on role ARNs grant nothing.
    expect(granted({ Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: 'arn:aws:iam::111122223333:role/*' })).toEqual([]);
    // Actions that take no resource need `*`.
    expect(granted(pass, { Action: 'glue:CreateDevEndpoint', Resource: 'arn:aws:glue:*:*:devEndpoint/x' })).toEqual([]);
    expect(granted(pass, { Action: 'glue:CreateDevEndpoint' })).toEqual(['glue-dev-endpoint']);
  });

  it('does not count statements with a restricting condition', () => {
    const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
    expect(granted({ Action: 'iam:PassRole', ...mfa }, { Action: 'ec2:RunInstances' })).toEqual([]);
    expect(granted({ Action: 'iam:PassRole' }, { Action: 'ec2:RunInstances', ...mfa })).toEqual([]);
    expect(granted({ Action: 'iam:PassRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, { Action: 'ec2:RunInstances' })).toEqual(['ec2-instance']);
  });

  it('counts iam:PassedToService only when it names a service other than the technique\'s', () => {
    const passedTo = (services: string | string[], operator = 'StringEquals') => ({ Action: 'iam:PassRole', Condition: { [operator]: { 'iam:PassedToService': services } } });
    expect(granted(passedTo('ec2.amazonaws.com'), { Action: 'ec2:RunInstances' })).toEqual(['ec2-instance']);
    expect(granted(passedTo(['lambda.amazonaws.com', 'ec2.amazonaws.com']), { Action: 'ec2:RunInstances' })).toEqual(['ec2-instance']);
    expect(granted(passedTo('ec2.*', 'StringLike'), { Action: 'ec2:RunInstances' })).toEqual(['ec2-instance']);
    expect(granted(passedTo('lambda.amazonaws.com'), { Action: 'ec2:RunInstances' })).toEqual([]);
    expect(granted(passedTo('ec2.amazonaws.com', 'StringNotEquals'), { Action: 'ec2:RunInstances' })).toEqual([]);
    expect(granted(passedTo('ec2.amazonaws.com', 'StringEqualsIfExists'), { Action: 'ec2:RunInstances' })).toEqual([]);
  });

  it('takes out actions denied without condition on every resource', () => {
    const allow = { Action: ['iam:PassRole', 'ec2:RunInstances'] };
    expect(granted(allow, { Effect: 'Deny', Action: 'iam:Pass*' })).toEqual([]);
    expect(granted(allow, { Effect: 'Deny', NotAction: 's3:*' })).toEqual([]);
    expect(granted(allow, { Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/admin' })).toEqual(['ec2-instance']);
    expect(granted(allow, { Effect: 'Deny', Action: 'iam:PassRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })).toEqual(['ec2-instance']);
    expect(granted(allow, { Effect: 'Deny', Action: 'iam:PassRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toEqual(['ec2-instance']);
  });

  it('leaves out a technique when a smaller one is granted', () => {
    expect(granted({ Action: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'] })).toEqual(['ecs-task-override']);
    expect(granted({ Action: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:CreateService'] })).toEqual(['ecs-task-definition', 'ecs-task-override']);
    expect(granted({ Action: ['iam:PassRole', 'bedrock-agentcore:*'] })).toEqual(['agentcore-session']);
  });

  it('names the statements that grant each permission', () => {
    const [found] = grantedTechniques(statements({ Sid: 'A', Action: 'iam:PassRole' }, { Sid: 'B', Action: ['ec2:RunInstances', 'ec2:RequestSpotInstances'] }, { Sid: 'C', Action: 'ec2:*' }));
    expect(found?.grants.map((entry) => entry.map((g) => `${g.action.id}: ${g.statements.map((s) => s.sid?.value ?? '').join(',')}`))).toEqual([
      ['iam:PassRole: A'],
      ['ec2:RunInstances: B,C', 'ec2:RequestSpotInstances: B,C'],
    ]);
  });

  it('knows administrator statements as full-admin does', () => {
    const [star, notAction, powerUser, conditional] = statements(
      { Action: '*' },
      { NotAction: 's3:*' },
      { NotAction: ['iam:*', 'organizations:*'] },
      { Action: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
    );
    expect([star, notAction, powerUser, conditional].map((s) => s !== undefined && grantsAdministrator(s))).toEqual([true, true, false, false]);
  });
});
