import { defineRule } from '../../src/engine/rule.js';
import { defaultSizeLimits, formatCount, measurePolicyText, sizeQuota, type SizeQuota } from '../../src/iam/policy-size.js';
import { subSpan } from '../../src/iam/sub-span.js';
import { policyKinds, type PolicyDocument } from '../../src/model/policy.js';
import type { Span } from '../../src/model/span.js';

const advice: Readonly<Record<SizeQuota['family'], string>> = {
  identity:
    'Split it into several managed policies, merge statements that share Effect, Resource and Condition, and drop optional Sids; a wildcard such as ec2:Describe* is shorter, but check it grants nothing you did not intend.',
  inline: 'Move part of it into customer managed policies (6,144 characters each), merge statements that share Effect, Resource and Condition, and drop optional Sids.',
  trust:
    "Merge statements that trust the same principal, list several values in one condition instead of repeating the statement, or raise the account's Role trust policy length quota in Service Quotas and set this rule's trust option to match.",
  organizations: 'Split it into several policies (up to 10 SCPs or 5 RCPs can be attached to each root, OU and account), merge statements that share Effect, Resource and Condition, and drop optional Sids.',
  resource: 'Merge statements that share Effect, Principal, Resource and Condition, drop optional Sids, and replace long lists of accounts with a condition such as aws:PrincipalOrgID.',
};

const optionSchema = (description: string): object => ({ type: 'integer', minimum: 1, description });

/** The `Statement` key of the document, else the whole document. */
function statementKey(document: PolicyDocument): Span {
  if (!document.has('Statement')) return document.span();
  return subSpan(document.source, document.span('Statement'), 'Statement', 0, 'Statement'.length);
}

export default defineRule({
  id: 'policy-size',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'A policy document must fit the size quota of what holds it, or AWS rejects it.',
    sources: [{ tool: 'access-analyzer', id: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA' }],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        identity: optionSchema('Characters allowed in an identity policy or permissions boundary whose holder is unknown (default 6144, a customer managed policy).'),
        trust: optionSchema("Characters allowed in a role trust policy: the account's Role trust policy length quota (default 2048)."),
        scp: optionSchema('Characters allowed in a service control policy (default 10240).'),
        rcp: optionSchema('Characters allowed in a resource control policy (default 5120).'),
        resource: optionSchema('Characters allowed in a resource policy whose holder is unknown (default 32768, a KMS key policy).'),
      },
    },
  },
  messages: {
    tooLarge: 'This {what} is {size} characters {measure}, over {quota}, and AWS rejects it. {advice}',
    tooLargeAsWritten:
      "This {what} is {size} characters as written, over {quota}: AWS counts it as sent, whitespace included, when it is uploaded as it is (CLI, SDK, Terraform's file()). Without the whitespace between elements it is {minified} characters: upload it minified (jsonencode(), jq -c) or make it smaller.",
  },
  defaultOptions: defaultSizeLimits,
  check: {
    document(context, document) {
      const quota = sizeQuota(document.kind, document.owner, context.options);
      if (!quota) return;
      const whole = document.span();
      // Decoding and counting only shrink the text: a document whose text fits is done.
      if (whole.length <= quota.limit) return;
      const size = measurePolicyText(document.source.text.slice(whole.offset, whole.offset + whole.length));
      const counted = quota.counting === 'withoutWhitespace' ? size.withoutWhitespace : size.minified;
      const common = { what: quota.what, quota: quota.quota };
      if (counted > quota.limit) {
        const measure = quota.counting === 'withoutWhitespace' ? 'without whitespace (IAM does not count it)' : 'even with the whitespace between elements removed';
        context.report({ messageId: 'tooLarge', at: statementKey(document), data: { ...common, size: formatCount(counted), measure, advice: advice[quota.family] } });
      } else if (quota.countsWhitespaceAsSent && size.asWritten > quota.limit) {
        context.report({ messageId: 'tooLargeAsWritten', at: statementKey(document), data: { ...common, size: formatCount(size.asWritten), minified: formatCount(size.minified) } });
      }
    },
  },
});
