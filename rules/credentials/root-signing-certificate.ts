import { defineRule } from '../../src/engine/rule.js';
import { formatReportDay, isTrue, rootRow, rootSubject, summaryFlag } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'root-signing-certificate',
  meta: {
    category: 'credentials',
    severity: 'high',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'The root user must not have an active X.509 signing certificate.',
  },
  messages: {
    activeCertificate:
      "The root user has an active X.509 signing certificate {certificate} (uploaded or last rotated: {rotated}): a long-term credential that signs requests with the root user's unrestricted access, without MFA. Deactivate it, check that nothing needed it, and delete it.",
    certificatesPresent:
      "The account summary says the root user has an X.509 signing certificate (AccountSigningCertificatesPresent is 1): a long-term credential that signs requests with the root user's unrestricted access, without MFA. Deactivate and delete it; the credential report shows which certificate it is.",
  },
  check: {
    account(context, account) {
      const subject = rootSubject(account);
      const row = rootRow(account);
      // The credential report says which certificate is active; the summary would only repeat it, less precisely.
      if (row) {
        for (const certificate of row.certificates) {
          if (!isTrue(certificate.active)) continue;
          context.report({
            messageId: 'activeCertificate',
            at: row.cell(`cert_${certificate.index}_active`),
            ...subject,
            data: { certificate: certificate.index, rotated: formatReportDay(certificate.lastRotated, 'unknown') },
          });
        }
        return;
      }
      const flag = summaryFlag(account, 'AccountSigningCertificatesPresent');
      if (flag?.set) context.report({ messageId: 'certificatesPresent', at: flag.span, ...subject });
    },
  },
});
