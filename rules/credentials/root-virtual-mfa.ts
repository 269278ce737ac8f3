import { defineRule } from '../../src/engine/rule.js';
import { rootSubject } from '../../src/iam/credentials.js';
import type { VirtualMfaDevice } from '../../src/model/inventory.js';

/** The legacy name of the root user's virtual device: its serial is `arn:aws:iam::<account>:mfa/root-account-mfa-device`. */
const legacyRootDeviceSuffix = ':mfa/root-account-mfa-device';

/**
 * Whether the device is assigned to the root user. A device with no user and no enable date is
 * unassigned: it protects no one, even under root's legacy name.
 */
function isRootDevice(device: VirtualMfaDevice): boolean {
  if (device.userArn === undefined && device.enableDate === undefined) return false;
  return (device.userArn?.endsWith(':root') ?? false) || device.serialNumber.endsWith(legacyRootDeviceSuffix);
}

export default defineRule({
  id: 'root-virtual-mfa',
  meta: {
    category: 'credentials',
    severity: 'medium',
    // CIS level 2: stricter than the baseline the recommended preset follows.
    recommended: false,
    inputs: ['account'],
    kinds: [],
    description: 'The root user should sign in with a hardware or FIDO MFA device, not a virtual one.',
    sources: [
      { tool: 'cis', id: '1.6' },
      { tool: 'securityhub', id: 'IAM.6' },
      { tool: 'prowler', id: 'iam_root_hardware_mfa_enabled' },
    ],
  },
  messages: {
    virtualMfa:
      "Virtual MFA device {serial} is assigned to the root user: an authenticator app whose secret can be copied, backed up or lost with its phone, and any one of root's MFA devices is enough to sign in. Register a FIDO security key or a hardware token for the root user, then deactivate and delete this device.",
  },
  check: {
    account(context, account) {
      for (const device of account.virtualMfaDevices ?? []) {
        if (!isRootDevice(device)) continue;
        const subject = device.userArn?.endsWith(':root') ? { subject: device.userArn } : rootSubject(account);
        context.report({ messageId: 'virtualMfa', at: device.span, ...subject, data: { serial: device.serialNumber } });
      }
    },
  },
});
