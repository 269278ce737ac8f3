import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complement, patternSet, statementActions } from '../../src/iam/action-set.js';
import { catalogue, findAction, findService } from '../../src/iam/catalogue.js';
import { actionMatcher } from '../../src/iam/wildcard.js';
import { loadPolicyText } from '../helpers/policy.js';

const { actions } = catalogue();

/** The set by brute force: every catalogue action tested against every pattern (unmemoised). */
function bruteForce(patterns: readonly string[]): string[] {
  const matchers = patterns.map(actionMatcher);
  return actions.filter((a) => matchers.some((match) => match(a.id))).map((a) => a.id);
}

describe('the catalogue', () => {
  it('knows the services, actions, access levels, resource types and condition keys', () => {
    expect(catalogue().prefixes.length).toBeGreaterThan(400);
    expect(catalogue().actionCount).toBe(actions.length);
    expect(actions.length).toBeGreaterThan(20_000);
    const getObject = findAction('s3:GetObject');
    expect(getObject?.accessLevels).toEqual(['Read']);
    expect(getObject?.resourceTypes.map((r) => r.name)).toContain('object');
    expect(findAction('iam:PutRolePolicy')?.accessLevels).toEqual(['Write', 'Permissions management']);
    expect(findAction('ec2:DescribeInstances')?.resourceTypes).toEqual([]);
    expect(findService('s3')?.resourceTypes.get('object')?.arn).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    expect(catalogue().globalConditionKeys.get('aws:principalorgid')).toEqual({ key: 'aws:PrincipalOrgID', type: 'String' });
    expect(catalogue().source).toMatch(/^@cloud-copilot\/iam-data@\d/);
  });

  it('finds actions and services whatever their case', () => {
    expect(findAction('S3:getobject')?.id).toBe('s3:GetObject');
    expect(findService('EC2')?.prefix).toBe('ec2');
    expect(findAction('s3:NoSuchAction')).toBeUndefined();
    expect(findAction('GetObject')).toBeUndefined();
    for (const action of actions) expect(findAction(action.id.toUpperCase())).toBe(action);
  });

  it('numbers the actions in order, and finds each by its number', () => {
    actions.forEach((action, i) => {
      expect(action.index).toBe(i);
      expect(catalogue().actionAt(i)).toBe(action);
    });
    expect(catalogue().actionAt(actions.length)).toBeUndefined();
  });
});

describe('action sets', () => {
  it.each([['s3:Get*'], ['*'], ['s3:*Object*'], ['*:Describe*'], ['s?s:Send*'], ['iam:PassRole'], ['IAM:passrole'], ['s3:nope*']])('%s matches what brute force finds', (pattern) => {
    expect(patternSet([pattern]).actions().map((a) => a.id)).toEqual(bruteForce([pattern]));
  });

  it('agrees with brute force for patterns carved out of real action names', () => {
    const carved = fc
      .tuple(fc.nat(actions.length - 1), fc.nat(), fc.nat(), fc.constantFrom('*', '?', '*', ''))
      .map(([i, from, length, wildcard]) => {
        const id = actions[i]?.id ?? 's3:GetObject';
        const start = from % id.length;
        return id.slice(0, start) + wildcard + id.slice(start + (length % 4));
      });
    fc.assert(
      fc.property(fc.array(carved, { minLength: 1, maxLength: 3 }), (patterns) => {
        expect(patternSet(patterns).actions().map((a) => a.id)).toEqual(bruteForce(patterns));
      }),
      { numRuns: 150 },
    );
  });

  it('answers membership action by action for lists that span several services', () => {
    const patterns = ['ec2:Describe*', 's3:GetObject', 'sts:AssumeRole'];
    const set = patternSet(patterns);
    const expected = new Set(bruteForce(patterns));
    expect(actions.filter((a) => set.has(a)).map((a) => a.id)).toEqual([...expected]);
    expect(actions.filter((a) => set.hasIndex(a.index)).map((a) => a.id)).toEqual([...expected]);
    expect(set.size).toBe(expected.size);
    expect(complement(set).size).toBe(actions.length - expected.size);
    expect(patternSet(['s3:NoSuchAction', 'ec2:Nope*']).isEmpty()).toBe(true);
  });

  it('keeps literal actions the catalogue does not know apart', () => {
    expect(patternSet(['s3:GetObject', 's3:GetObjekt', 'ec2:Describe*']).unknown).toEqual(['s3:GetObjekt']);
  });

  it('inverts NotAction lists', () => {
    const statement = loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] })).statements[0];
    const set = statement && statementActions(statement);
    const passRole = findAction('iam:PassRole');
    const getObject = findAction('s3:GetObject');
    expect(passRole && set?.has(passRole)).toBe(false);
    expect(getObject && set?.has(getObject)).toBe(true);
    expect(set?.size).toBe(actions.length - patternSet(['iam:*']).size);
    expect(complement(patternSet(['*'])).isEmpty()).toBe(true);
  });
});
