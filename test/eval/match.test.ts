import { describe, expect, it } from 'vitest';
import { matchStatement, resourceApplies, statementApplies, type MatchOptions } from '../../src/eval/match.js';
import type { Applies, Request, RequestPrincipal, StatementMatch } from '../../src/eval/types.js';
import type { PolicyDocument, Statement } from '../../src/model/policy.js';
import { ACCOUNT, anonymous, OTHER, policy, request, role, root, service, user } from './build.js';

const alice = user('alice');
const cognito: RequestPrincipal = { kind: 'federated', arn: 'cognito-identity.amazonaws.com', account: undefined };

function first(document: PolicyDocument): Statement {
  const statement = document.statements[0];
  if (!statement) throw new Error('no statement');
  return statement;
}

/** Whether the one statement applies to the request. */
function applies(statement: object, on: Request, options?: MatchOptions, version?: string): Applies {
  const document = policy([statement], options?.principal === true ? 'resource' : 'identity', version);
  return statementApplies(document, first(document), on, options);
}

function match(statement: object, on: Request, options?: MatchOptions): StatementMatch | undefined {
  const document = policy([statement], options?.principal === true ? 'resource' : 'identity');
  return matchStatement(document, first(document), on, options);
}

describe('Action and NotAction', () => {
  it.each([
    ['s3:GetObject', 's3:GetObject', 'yes'],
    ['s3:getobject', 's3:GetObject', 'yes'],
    ['S3:GET*', 's3:GetObjectAcl', 'yes'],
    ['s3:Get*', 's3:PutObject', 'no'],
    ['s*:Get*', 'sqs:GetQueueUrl', 'yes'],
    ['s3:Get?bject', 's3:GetObject', 'yes'],
    ['s3:Get?bject', 's3:GetOObject', 'no'],
    ['*', 'iam:CreateUser', 'yes'],
    [['ec2:*', 's3:*'], 's3:ListBucket', 'yes'],
  ])('Action %j on %s: %s', (pattern, action, expected) => {
    expect(applies({ Effect: 'Allow', Action: pattern, Resource: '*' }, request(alice, action))).toBe(expected);
  });

  it('NotAction applies to every action but those listed, of any service', () => {
    const statement = { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    expect(applies(statement, request(alice, 's3:GetObject'))).toBe('yes');
    expect(applies(statement, request(alice, 'newservice:DoThing'))).toBe('yes');
    expect(applies(statement, request(alice, 'IAM:CreateUser'))).toBe('no');
  });

  it('a statement without Action, or with an effect other than Allow and Deny, applies to nothing', () => {
    expect(applies({ Effect: 'Allow', Resource: '*' }, request(alice, 's3:GetObject'))).toBe('no');
    expect(applies({ Effect: 'allow', Action: '*', Resource: '*' }, request(alice, 's3:GetObject'))).toBe('no');
  });
});

describe('Resource and NotResource', () => {
  const on = (resource: string, principal: RequestPrincipal = alice): Request => request(principal, 's3:GetObject', resource);
  it.each([
    ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/key', 'yes'],
    ['arn:aws:s3:::Bucket/key', 'arn:aws:s3:::bucket/key', 'no'],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', 'yes'],
    ['arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket-logs/x', 'yes'],
    ['arn:aws:iam::*:policy/team-*', 'arn:aws:iam::111122223333:policy/team-a', 'yes'],
    // A wildcard spans the colons of an ARN, unlike in ArnLike.
    ['arn:aws:*', 'arn:aws:s3:::bucket/key', 'yes'],
    ['arn:aws:s3:::bucket/?', 'arn:aws:s3:::bucket/ab', 'no'],
    ['*', 'arn:aws:s3:::bucket/key', 'yes'],
  ])('Resource %s on %s: %s', (pattern, resource, expected) => {
    expect(applies({ Effect: 'Allow', Action: 's3:*', Resource: pattern }, on(resource))).toBe(expected);
  });

  it('a request on `*` (an action without resources) matches only patterns that match `*`', () => {
    expect(applies({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::*' }, request(alice, 's3:ListAllMyBuckets', '*'))).toBe('no');
    expect(applies({ Effect: 'Allow', Action: '*', Resource: '*' }, request(alice, 's3:ListAllMyBuckets', '*'))).toBe('yes');
  });

  it('NotResource applies to every resource but those listed', () => {
    const statement = { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' };
    expect(applies(statement, on('arn:aws:s3:::public/x'))).toBe('yes');
    expect(applies(statement, on('arn:aws:s3:::secret/x'))).toBe('no');
  });

  it('a statement without Resource (a trust policy) applies to any resource', () => {
    expect(applies({ Effect: 'Allow', Action: 's3:*' }, on('arn:aws:s3:::x'))).toBe('yes');
  });

  describe('policy variables', () => {
    const home = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
    it('are resolved from the request', () => {
      expect(applies(home, on('arn:aws:s3:::home/alice/notes'))).toBe('yes');
      expect(applies(home, on('arn:aws:s3:::home/bob/notes'))).toBe('no');
    });

    it('an unknown value makes the statement maybe apply, where some value could match', () => {
      const team = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::teams/${aws:PrincipalTag/team}/*' };
      expect(applies(team, on('arn:aws:s3:::teams/blue/x'))).toBe('maybe');
      expect(applies(team, on('arn:aws:s3:::other/blue/x'))).toBe('no');
      expect(applies(team, on('arn:aws:s3:::teams/blue/x', user('carol', { tags: { team: 'blue' } })))).toBe('yes');
      expect(applies(team, on('arn:aws:s3:::teams/blue/x', user('carol', { tags: { team: 'red' } })))).toBe('no');
    });

    it('a key absent from the request (aws:username for a role) matches nothing', () => {
      expect(applies(home, on('arn:aws:s3:::home/deploy/x', role('deploy')))).toBe('no');
      expect(applies({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::shared/*'] }, on('arn:aws:s3:::shared/x', role('deploy')))).toBe('yes');
    });

    it('a variable that cannot be substituted in NotResource makes the statement apply to nothing', () => {
      const notHome = { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::public/*', 'arn:aws:s3:::home/${aws:username}/*'] };
      expect(applies(notHome, on('arn:aws:s3:::home/deploy/x', role('deploy')))).toBe('no');
      expect(applies(notHome, on('arn:aws:s3:::home/bob/x'))).toBe('yes');
      // An entry that could match no value of the variable is just no match.
      expect(applies(notHome, on('arn:aws:s3:::elsewhere', role('deploy')))).toBe('yes');
    });

    it('are substituted only after the fifth colon, in the resource part of the ARN', () => {
      const account = { Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}' };
      expect(applies(account, on(`arn:aws:iam::${ACCOUNT}:role/alice`))).toBe('no');
      expect(applies(account, on('arn:aws:iam::${aws:PrincipalAccount}:role/alice'))).toBe('yes');
    });

    it('an unknown value in NotResource leaves it open', () => {
      const notTeam = { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::teams/${aws:PrincipalTag/team}/*' };
      expect(applies(notTeam, on('arn:aws:s3:::teams/blue/x'))).toBe('maybe');
      expect(applies(notTeam, on('arn:aws:s3:::elsewhere'))).toBe('yes');
    });

    it('${*} is a literal star', () => {
      const literal = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${*}' };
      expect(applies(literal, on('arn:aws:s3:::b/*'))).toBe('yes');
      expect(applies(literal, on('arn:aws:s3:::b/x'))).toBe('no');
    });

    it('are literal text under Version 2008-10-17', () => {
      expect(applies(home, on('arn:aws:s3:::home/${aws:username}/x'), {}, '2008-10-17')).toBe('yes');
      expect(applies(home, on('arn:aws:s3:::home/alice/x'), {}, '2008-10-17')).toBe('no');
    });

    it('resourceApplies reads the Resource element alone', () => {
      const document = policy([{ ...home, Action: 'ec2:*' }]);
      expect(resourceApplies(document, first(document), on('arn:aws:s3:::home/alice/x'))).toBe('yes');
      expect(resourceApplies(document, first(document), on('arn:aws:s3:::home/bob/x'))).toBe('no');
    });
  });
});

describe('Principal', () => {
  const resource = { principal: true } as const;
  const grant = (principal: unknown): object => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*' });
  const how = (principal: unknown, caller: RequestPrincipal): string => {
    const found = match(grant(principal), request(caller, 's3:GetObject'), resource);
    return found ? `${found.applies}:${found.principal ?? ''}` : 'no';
  };

  it.each([
    [{ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, alice, 'yes:exact'],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, alice, 'no'],
    [{ AWS: ACCOUNT }, alice, 'yes:account'],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, alice, 'yes:account'],
    [{ AWS: OTHER }, alice, 'no'],
    ['*', alice, 'yes:wildcard'],
    [{ AWS: '*' }, alice, 'yes:wildcard'],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:role/deploy` }, role('deploy'), 'yes:role'],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:role/ci/deploy` }, role('deploy', { path: 'ci/' }), 'yes:role'],
    [{ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/session` }, role('deploy'), 'yes:exact'],
    [{ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/other` }, role('deploy'), 'no'],
    [{ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/any` }, role('deploy', { session: null }), 'maybe:exact'],
    [{ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/any` }, role('deploy', { path: 'ci/', session: null }), 'maybe:exact'],
    [{ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/other/any` }, role('deploy', { session: null }), 'no'],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, root(), 'yes:account'],
    [{ AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/alice`] }, alice, 'yes:exact'],
    [{ AWS: ACCOUNT, Service: 'lambda.amazonaws.com' }, service('lambda.amazonaws.com'), 'yes:exact'],
    [{ Service: ['ec2.amazonaws.com'] }, service('lambda.amazonaws.com'), 'no'],
    [{ AWS: ACCOUNT }, service('lambda.amazonaws.com'), 'no'],
    ['*', service('lambda.amazonaws.com'), 'yes:wildcard'],
    [{ Federated: 'cognito-identity.amazonaws.com' }, cognito, 'yes:exact'],
    [{ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, alice, 'no'],
    ['*', anonymous, 'yes:wildcard'],
    [{ AWS: '*' }, anonymous, 'yes:wildcard'],
    [{ AWS: ACCOUNT }, anonymous, 'no'],
    [{ AWS: 'AROAEXAMPLEID1234567' }, role('deploy'), 'no'],
  ])('%j names %o: %s', (principal, caller, expected) => {
    expect(how(principal, caller)).toBe(expected);
  });

  it('is not matched in identity-side policies', () => {
    expect(match(grant({ AWS: OTHER }), request(alice, 's3:GetObject'))?.applies).toBe('yes');
  });

  it('a resource-side statement without Principal or NotPrincipal applies to no one', () => {
    expect(match({ Effect: 'Allow', Action: '*', Resource: '*' }, request(alice, 's3:GetObject'), resource)).toBeUndefined();
  });
});

describe('NotPrincipal', () => {
  const resource = { principal: true } as const;
  const denyAllBut = (notPrincipal: unknown): object => ({ Effect: 'Deny', NotPrincipal: notPrincipal, Action: 's3:*', Resource: '*' });
  const deploy = role('deploy');

  it('leaves out a user only when its account is listed too', () => {
    expect(applies(denyAllBut({ AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`, ACCOUNT] }), request(alice, 's3:GetObject'), resource)).toBe('no');
    expect(applies(denyAllBut({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }), request(alice, 's3:GetObject'), resource)).toBe('yes');
    expect(applies(denyAllBut({ AWS: ACCOUNT }), request(alice, 's3:GetObject'), resource)).toBe('yes');
  });

  it('leaves out a role session only when the session, the role and the account are listed', () => {
    const all = [`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/session`, `arn:aws:iam::${ACCOUNT}:role/deploy`, `arn:aws:iam::${ACCOUNT}:root`];
    expect(applies(denyAllBut({ AWS: all }), request(deploy, 's3:GetObject'), resource)).toBe('no');
    expect(applies(denyAllBut({ AWS: all.slice(1) }), request(deploy, 's3:GetObject'), resource)).toBe('yes');
    expect(applies(denyAllBut({ AWS: all }), request(role('deploy', { session: null }), 's3:GetObject'), resource)).toBe('maybe');
    expect(applies(denyAllBut({ AWS: all }), request(role('other'), 's3:GetObject'), resource)).toBe('yes');
  });

  it('a Deny with NotPrincipal always applies to a principal with a permissions boundary', () => {
    const all = [`arn:aws:iam::${ACCOUNT}:user/alice`, ACCOUNT];
    expect(applies(denyAllBut({ AWS: all }), request(alice, 's3:GetObject'), { principal: true, hasBoundary: true })).toBe('yes');
  });

  it('`*` leaves everyone out; an Allow with NotPrincipal grants everyone else', () => {
    expect(applies(denyAllBut('*'), request(alice, 's3:GetObject'), resource)).toBe('no');
    expect(match({ Effect: 'Allow', NotPrincipal: { AWS: OTHER }, Action: 's3:*', Resource: '*' }, request(alice, 's3:GetObject'), resource)?.principal).toBe('wildcard');
    expect(applies(denyAllBut({ AWS: ACCOUNT }), request(anonymous, 's3:GetObject'), resource)).toBe('yes');
  });
});

describe('Condition', () => {
  const mfa = { Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'aws:username': 'alice' } } };

  it('an open clause makes the statement maybe apply, and is listed', () => {
    const found = match(mfa, request(alice, 'iam:CreateUser'));
    expect(found?.applies).toBe('maybe');
    expect(found?.open.map((open) => open.clause.key.value)).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('a false clause makes it not apply, whatever else is open', () => {
    expect(match(mfa, request(user('bob'), 'iam:CreateUser'))).toBeUndefined();
  });

  it('settled clauses make it apply', () => {
    expect(match(mfa, request(alice, 'iam:CreateUser', '*', { values: { 'aws:multifactorauthpresent': 'true' } }))?.applies).toBe('yes');
  });
});

describe('sharing', () => {
  it('returns one shared object for an unconditional match, and undefined for no match', () => {
    const document = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    const statement = first(document);
    const a = matchStatement(document, statement, request(alice, 's3:GetObject'));
    const b = matchStatement(document, statement, request(user('bob'), 's3:PutObject'));
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(a?.open).toEqual([]);
    expect(matchStatement(document, statement, request(alice, 'ec2:RunInstances'))).toBeUndefined();
  });
});
