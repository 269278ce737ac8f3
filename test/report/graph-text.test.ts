import { describe, expect, it } from 'vitest';
import type { PathsResult, WhatCanResult, WhoCanResult } from '../../src/graph/types.js';
import { formatPathsText, formatWhatCanText, formatWhoCanText } from '../../src/report/graph-text.js';
import { emptyView, graphView } from '../../src/report/graph-view.js';
import { adminNode, adminPolicyWrite, joinAdmins, adminRole, assumeBreakGlass, assumeCi, breakGlass, bucket, ci, dev, passToAdmin, reach, sampleGraph, step, vendor } from './graph-fixture.js';

const view = graphView(sampleGraph());
const plain = { color: false, view };
const escape = String.fromCharCode(27);
const ansi = new RegExp(`${escape}\\[[0-9;]*m`, 'g');

const vendorToCi = step('can-assume', vendor, ci, { actions: ['sts:AssumeRole'] });

const whoCan: WhoCanResult = {
  action: 's3:PutObject',
  resource: 'arn:aws:s3:::reports/q3.csv',
  principals: [
    reach(vendor, 'account 444455556666', 'allowed', [vendorToCi, passToAdmin]),
    reach(adminRole, 'role/admin', 'allowed', []),
    reach(dev, 'user/dev', 'conditional', [assumeBreakGlass]),
  ],
};

describe('who-can as text', () => {
  it('shows each principal with its decision and the chain that gets it there, and the conditions under a conditional one', () => {
    expect(formatWhoCanText(whoCan, plain)).toBe(
      [
        'Who can s3:PutObject on arn:aws:s3:::reports/q3.csv: 3 principals (2 allowed, 1 conditional)',
        '',
        '  allowed      account 444455556666 → assumes role/ci → iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (lambda-invoke) → role/admin',
        '  allowed      role/admin',
        '  conditional  user/dev → assumes role/break-glass',
        "                 condition: aws:MultiFactorAuthPresent Bool true in statement 'AdminsWithMFA'",
        '',
      ].join('\n'),
    );
  });

  it('says so when nobody can', () => {
    expect(formatWhoCanText({ action: 's3:PutObject', resource: bucket, principals: [] }, plain)).toBe(
      'No principal can s3:PutObject on arn:aws:s3:::reports, directly or through other principals.\n',
    );
  });

  it('says a conditional principal depends on its final access when no step is conditional', () => {
    const text = formatWhoCanText({ ...whoCan, principals: [reach(adminRole, 'role/admin', 'conditional', [])] }, plain);
    expect(text.split('\n').slice(2, 4)).toEqual(['  conditional  role/admin', '                 condition: on the access itself']);
  });

  it('says which step each condition is for when several steps are conditional', () => {
    const conditionalAssume = { ...assumeCi, status: 'conditional' as const };
    const text = formatWhoCanText({ ...whoCan, principals: [reach(dev, 'user/dev', 'conditional', [conditionalAssume, assumeBreakGlass])] }, plain);
    expect(text.split('\n').slice(2, 5)).toEqual([
      '  conditional  user/dev → assumes role/ci → assumes role/break-glass',
      '                 condition: (not listed) (step: assumes role/ci)',
      "                 condition: aws:MultiFactorAuthPresent Bool true in statement 'AdminsWithMFA' (step: assumes role/break-glass)",
    ]);
  });

  it('labels keys the graph does not know from the keys themselves', () => {
    const text = formatWhoCanText({ ...whoCan, principals: [reach(dev, 'user/dev', 'allowed', [step('can-assume', dev, 'arn:aws:iam::111122223333:role/gone')])] }, { color: false, view: emptyView });
    expect(text).toContain('  allowed      user/dev → assumes role/gone\n');
  });

  it('colors only when asked, and the colors change nothing else', () => {
    const colored = formatWhoCanText(whoCan, { color: true, view });
    expect(colored).toMatch(ansi);
    expect(colored.replace(ansi, '')).toBe(formatWhoCanText(whoCan, plain));
    expect(formatWhoCanText(whoCan, plain)).not.toMatch(ansi);
  });
});

describe('what-can as text', () => {
  const result: WhatCanResult = {
    principal: dev,
    admin: 'conditional',
    principals: [
      reach(adminNode, 'admin (111122223333)', 'allowed', [assumeCi, passToAdmin, adminPolicyWrite]),
      reach(adminRole, 'role/admin', 'allowed', [assumeCi, passToAdmin]),
      reach(breakGlass, 'role/break-glass', 'conditional', [assumeBreakGlass]),
      reach(ci, 'role/ci', 'allowed', [assumeCi]),
    ],
    resources: [{ ...reach(bucket, 's3 bucket reports', 'allowed', [assumeCi, passToAdmin]), actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:PutBucketPolicy'] }],
  };

  it('lists the principals it can become and the resources it reaches, each with its chain', () => {
    expect(formatWhatCanText(result, plain)).toBe(
      [
        'What user/dev can reach (administrator under conditions)',
        '',
        'Principals: 4 principals (3 allowed, 1 conditional)',
        '  allowed      user/dev → assumes role/ci → iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (lambda-invoke) → role/admin → iam:PutRolePolicy (put-role-policy) → admin (111122223333)',
        '  allowed      user/dev → assumes role/ci → iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (lambda-invoke) → role/admin',
        '  conditional  user/dev → assumes role/break-glass',
        "                 condition: aws:MultiFactorAuthPresent Bool true in statement 'AdminsWithMFA'",
        '  allowed      user/dev → assumes role/ci',
        '',
        'Resources with policies: 1 resource (1 allowed, 0 conditional)',
        '  allowed      user/dev → assumes role/ci → iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (lambda-invoke) → role/admin → s3:GetObject, s3:PutObject, s3:DeleteObject +2 more → s3 bucket reports',
        '',
      ].join('\n'),
    );
  });

  it('does not repeat the last hop when the chain already ends at the resource', () => {
    const access = step('can-access', adminRole, bucket, { actions: ['s3:GetObject'] });
    const text = formatWhatCanText({ principal: adminRole, admin: 'unconditional', principals: [], resources: [{ ...reach(bucket, 's3 bucket reports', 'allowed', [access]), actions: ['s3:GetObject'] }] }, plain);
    expect(text).toBe(
      ['What role/admin can reach (administrator)', '', 'Principals: 0 principals', '', 'Resources with policies: 1 resource (1 allowed, 0 conditional)', '  allowed      role/admin → s3:GetObject → s3 bucket reports', ''].join('\n'),
    );
  });

  it('says so when it reaches nothing', () => {
    expect(formatWhatCanText({ principal: dev, admin: 'no', principals: [], resources: [] }, plain)).toBe('What user/dev can reach (not an administrator)\n\nNo other principal, and no resource with a policy.\n');
  });
});

describe('paths as text', () => {
  it('names what a technique acts on when the target does not say', () => {
    const result: PathsResult = { from: dev, to: 'admin', paths: [reach(adminNode, 'admin (111122223333)', 'allowed', [joinAdmins])] };
    expect(formatPathsText(result, plain)).toContain('  allowed      user/dev → iam:AddUserToGroup (add-user-to-group: group/admins) → admin (111122223333)\n');
  });


  it('shows each path to admin', () => {
    const result: PathsResult = { from: dev, to: 'admin', paths: [reach(adminNode, 'admin (111122223333)', 'allowed', [assumeCi, passToAdmin, adminPolicyWrite])] };
    expect(formatPathsText(result, plain)).toBe(
      [
        'Paths from user/dev to admin: 1 path (1 allowed, 0 conditional)',
        '',
        '  allowed      user/dev → assumes role/ci → iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (lambda-invoke) → role/admin → iam:PutRolePolicy (put-role-policy) → admin (111122223333)',
        '',
      ].join('\n'),
    );
  });

  it('names the target by its label, and says so when there is no path', () => {
    expect(formatPathsText({ from: dev, to: adminRole, paths: [] }, plain)).toBe('No path from user/dev to role/admin.\n');
  });
});
