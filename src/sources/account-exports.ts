import type { InputProblem } from '../model/input.js';
import type { AccountFragment, AccountSummary, PasswordPolicyRecord, VirtualMfaDevice } from '../model/inventory.js';
import type { Located } from '../model/policy.js';
import { formatJsonPath, type JsonPath } from '../model/span.js';
import { arnAccount, parseExportDate } from './export-values.js';
import { describeType } from './embedded-policy.js';
import type { ExportReader } from './export-reader.js';
import { propertyValue, type JsonNode, type JsonProperty } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

// The small account-level exports of `aws iam …` (reference: inputs.md 2.4). Each is recognized by
// its one top-level key; what departs from the shape AWS writes is an 'export' problem at the
// value concerned, and is left out of the model rather than guessed at.

function problem(problems: InputProblem[], layer: TextLayer, node: JsonNode, path: JsonPath, detail: string): void {
  problems.push({ kind: 'export', detail: `${formatJsonPath(path)} ${detail}`, span: layerSpan(layer, node.offset, node.length, path) });
}

/** `a string`, or the number itself when a number of the wrong kind is the problem (`1.5`). */
function describeValue(node: JsonNode): string {
  return node.type === 'number' ? String(node.value) : describeType(node);
}

/** A property's value as a Located, spanning the whole property (key and value) as policy elements do. */
function located<T>(layer: TextLayer, property: JsonProperty, path: JsonPath, value: T): Located<T> {
  return { value, span: layerSpan(layer, property.offset, property.length, path) };
}

/** `aws iam get-account-summary`: `{"SummaryMap": {"Users": 12, "AccountMFAEnabled": 1, …}}`. */
export const accountSummaryReader: ExportReader = {
  kind: 'account-summary',
  matches: (root) => propertyValue(root, 'SummaryMap') !== undefined,
  read(layer, root, output): AccountFragment | undefined {
    const map = propertyValue(root, 'SummaryMap');
    if (!map) return undefined;
    if (map.type !== 'object') {
      problem(output.problems, layer, map, ['SummaryMap'], `should be an object of names to integers, not ${describeType(map)}`);
      return undefined;
    }
    const values = new Map<string, Located<number>>();
    for (const property of map.properties) {
      const path = ['SummaryMap', property.key];
      const { value } = property;
      if (value.type === 'number' && Number.isInteger(value.value)) values.set(property.key, located(layer, property, path, value.value));
      else problem(output.problems, layer, value, path, `should be an integer, not ${describeValue(value)}`);
    }
    const summary: AccountSummary = { span: layerSpan(layer, map.offset, map.length, ['SummaryMap']), values };
    return { kind: 'account-summary', accountId: undefined, summary };
  },
};

const integerFields = {
  MinimumPasswordLength: 'minimumPasswordLength',
  MaxPasswordAge: 'maxPasswordAge',
  PasswordReusePrevention: 'passwordReusePrevention',
} as const;

const booleanFields = {
  RequireSymbols: 'requireSymbols',
  RequireNumbers: 'requireNumbers',
  RequireUppercaseCharacters: 'requireUppercaseCharacters',
  RequireLowercaseCharacters: 'requireLowercaseCharacters',
  AllowUsersToChangePassword: 'allowUsersToChangePassword',
  ExpirePasswords: 'expirePasswords',
  HardExpiry: 'hardExpiry',
} as const;

type PresentPasswordPolicy = Extract<PasswordPolicyRecord, { kind: 'present' }>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isKeyOf<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/**
 * `aws iam get-account-password-policy`: `{"PasswordPolicy": {…}}`. The command fails with
 * `NoSuchEntity` when the account has none; an export records that as `{"PasswordPolicy": null}`.
 */
export const passwordPolicyReader: ExportReader = {
  kind: 'password-policy',
  matches: (root) => propertyValue(root, 'PasswordPolicy') !== undefined,
  read(layer, root, output): AccountFragment | undefined {
    const property = root.properties.findLast((p) => p.key === 'PasswordPolicy');
    if (!property) return undefined;
    const node = property.value;
    if (node.type === 'null') {
      // The whole `"PasswordPolicy": null`, so that a finding about the missing policy underlines it all.
      const passwordPolicy: PasswordPolicyRecord = { kind: 'absent', span: layerSpan(layer, property.offset, property.length, ['PasswordPolicy']) };
      return { kind: 'password-policy', accountId: undefined, passwordPolicy };
    }
    if (node.type !== 'object') {
      problem(output.problems, layer, node, ['PasswordPolicy'], `should be an object, or null when the account has no password policy, not ${describeType(node)}`);
      return undefined;
    }
    const policy: Mutable<PresentPasswordPolicy> = {
      kind: 'present',
      span: layerSpan(layer, node.offset, node.length, ['PasswordPolicy']),
      minimumPasswordLength: undefined,
      requireSymbols: undefined,
      requireNumbers: undefined,
      requireUppercaseCharacters: undefined,
      requireLowercaseCharacters: undefined,
      allowUsersToChangePassword: undefined,
      expirePasswords: undefined,
      maxPasswordAge: undefined,
      passwordReusePrevention: undefined,
      hardExpiry: undefined,
    };
    for (const field of node.properties) {
      const { key, value } = field;
      const path = ['PasswordPolicy', key];
      // AWS leaves out what is not set; a dump that writes null for it means the same.
      if (value.type === 'null') continue;
      if (isKeyOf(integerFields, key)) {
        if (value.type === 'number' && Number.isInteger(value.value)) policy[integerFields[key]] = located(layer, field, path, value.value);
        else problem(output.problems, layer, value, path, `should be an integer, not ${describeValue(value)}`);
      } else if (isKeyOf(booleanFields, key)) {
        if (value.type === 'boolean') policy[booleanFields[key]] = located(layer, field, path, value.value);
        else problem(output.problems, layer, value, path, `should be true or false, not ${describeValue(value)}`);
      }
      // Other keys are fields this version of iamlint does not use (AWS may add some): not a problem.
    }
    return { kind: 'password-policy', accountId: undefined, passwordPolicy: policy };
  },
};

/**
 * `aws iam list-virtual-mfa-devices`: `{"VirtualMFADevices": [{"SerialNumber", "User": {"Arn", …},
 * "EnableDate"}, …], "IsTruncated", "Marker"}`. Root's device has `User.Arn` `arn:aws:iam::<account>:root`.
 */
export const virtualMfaDevicesReader: ExportReader = {
  kind: 'virtual-mfa-devices',
  matches: (root) => propertyValue(root, 'VirtualMFADevices') !== undefined,
  read(layer, root, output): AccountFragment | undefined {
    const list = propertyValue(root, 'VirtualMFADevices');
    if (!list) return undefined;
    if (list.type !== 'array') {
      problem(output.problems, layer, list, ['VirtualMFADevices'], `should be an array of devices, not ${describeType(list)}`);
      return undefined;
    }
    const devices: VirtualMfaDevice[] = [];
    let accountId: string | undefined;
    list.items.forEach((item, index) => {
      const device = readDevice(layer, item, ['VirtualMFADevices', index], output.problems);
      if (!device) return;
      devices.push(device);
      // One listing describes one account; a device of another one means files were merged by hand.
      const named = [device.serialNumber, device.userArn].map((arn) => (arn === undefined ? undefined : arnAccount(arn))).filter((id) => id !== undefined);
      for (const id of new Set(named)) {
        if (accountId === undefined) accountId = id;
        else if (id !== accountId) problem(output.problems, layer, item, ['VirtualMFADevices', index], `is in account ${id}, but the devices before it are in ${accountId}`);
      }
    });
    return { kind: 'virtual-mfa-devices', accountId, devices, span: layerSpan(layer, list.offset, list.length, ['VirtualMFADevices']) };
  },
};

function readDevice(layer: TextLayer, node: JsonNode, path: JsonPath, problems: InputProblem[]): VirtualMfaDevice | undefined {
  if (node.type !== 'object') {
    problem(problems, layer, node, path, `should be a device object, not ${describeType(node)}`);
    return undefined;
  }
  const serial = propertyValue(node, 'SerialNumber');
  if (serial?.type !== 'string' || serial.value === '') {
    if (serial) problem(problems, layer, serial, [...path, 'SerialNumber'], `should be the device's ARN, not ${serial.type === 'string' ? 'an empty string' : describeType(serial)}`);
    else problem(problems, layer, node, path, 'has no SerialNumber');
    return undefined;
  }
  let userArn: string | undefined;
  const user = propertyValue(node, 'User');
  // An unassigned device has no User (or null in some dumps).
  if (user && user.type !== 'null') {
    const arn = user.type === 'object' ? propertyValue(user, 'Arn') : undefined;
    if (user.type !== 'object') problem(problems, layer, user, [...path, 'User'], `should be the user object, not ${describeType(user)}`);
    else if (arn?.type === 'string' && arn.value.startsWith('arn:')) userArn = arn.value;
    else if (arn) problem(problems, layer, arn, [...path, 'User', 'Arn'], `should be the user's ARN, not ${arn.type === 'string' ? `'${arn.value}'` : describeType(arn)}`);
    else problem(problems, layer, user, [...path, 'User'], 'has no Arn');
  }
  let enableDate: Date | undefined;
  const enabled = propertyValue(node, 'EnableDate');
  if (enabled && enabled.type !== 'null') {
    enableDate = enabled.type === 'string' ? parseExportDate(enabled.value) : undefined;
    if (!enableDate) problem(problems, layer, enabled, [...path, 'EnableDate'], `should be an ISO 8601 date, not ${enabled.type === 'string' ? `'${enabled.value}'` : describeType(enabled)}`);
  }
  return { span: layerSpan(layer, node.offset, node.length, path), serialNumber: serial.value, userArn, enableDate };
}
