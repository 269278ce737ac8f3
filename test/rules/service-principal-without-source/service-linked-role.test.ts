/** Behaviour that needs a known owner, which standalone fixtures cannot give. */
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/exposure/service-principal-without-source.js';
import type { PolicyDocument } from '../../../src/model/policy.js';
import { testNow } from '../../helpers/run.js';
import { loadPolicyText } from '../../helpers/policy.js';

const trust = loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));

function messagesFor(owner: string): string[] {
  const document = Object.assign(Object.create(trust) as PolicyDocument, { owner });
  const found: string[] = [];
  const context = { options: rule.defaultOptions, trust: { accounts: [], organizationIds: [] }, now: testNow, report: (r: { messageId: string }) => found.push(r.messageId) };
  for (const statement of document.statements) rule.check.statement?.(context, statement, document);
  return found;
}

describe('service-principal-without-source and the owner', () => {
  it('skips the trust policy of a service-linked role, which cannot be edited', () => {
    expect(messagesFor('arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig')).toEqual([]);
  });

  it('checks the trust policy of an ordinary service role', () => {
    expect(messagesFor('arn:aws:iam::111122223333:role/service-role/config-role')).toEqual(['trustPolicy']);
  });
});
