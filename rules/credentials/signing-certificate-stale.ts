import { defineRule } from '../../src/engine/rule.js';
import { activeCertificates, daysSince, formatDay, formatDaysAgo, isOlderThan, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'signing-certificate-stale',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Active X.509 signing certificates of IAM users should be replaced regularly, by default at least every 90 days.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxAgeDays: { type: 'integer', minimum: 1, description: 'An active signing certificate older than this many whole days is reported (default 90).' },
      },
    },
  },
  messages: {
    stale:
      'Signing certificate {certificate} of user {user} was uploaded or last rotated on {date}, {ago}: more than {maxAgeDays} days. If nothing uses it, deactivate and delete it; otherwise upload a new certificate, switch to it, and delete this one.',
  },
  defaultOptions: { maxAgeDays: 90 },
  check: {
    account(context, account) {
      const { now, options } = context;
      // Root certificates are root-signing-certificate's, whatever their age.
      for (const row of userRows(account)) {
        for (const certificate of activeCertificates(row)) {
          if (certificate.lastRotated.kind !== 'value' || !isOlderThan(now, certificate.lastRotated.value, options.maxAgeDays)) continue;
          const rotated = certificate.lastRotated.value;
          context.report({
            messageId: 'stale',
            at: row.cell(`cert_${certificate.index}_last_rotated`),
            subject: row.arn,
            data: { certificate: certificate.index, user: `'${row.user}'`, date: formatDay(rotated), ago: formatDaysAgo(daysSince(now, rotated)), maxAgeDays: options.maxAgeDays },
          });
        }
      }
    },
  },
});
