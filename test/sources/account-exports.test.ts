import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/model/input.js';
import type { AccountFragment } from '../../src/model/inventory.js';
import { formatJsonPath, type Span } from '../../src/model/span.js';
import { loadFile } from '../../src/sources/load.js';

function load(text: string, path = 'export.json'): InputFile {
  return loadFile(path, Buffer.from(text, 'utf8'));
}

function textAt(text: string, span: Span | undefined): string {
  return span ? text.slice(span.offset, span.offset + span.length) : '';
}

function fragment<K extends AccountFragment['kind']>(file: InputFile, kind: K): Extract<AccountFragment, { kind: K }> {
  const account = file.account;
  if (account?.kind !== kind) throw new Error(`expected a ${kind} fragment, got ${account?.kind ?? 'none'}`);
  return account as Extract<AccountFragment, { kind: K }>;
}

function problems(file: InputFile): string[] {
  return file.problems.map((p) => `${p.kind} ${formatJsonPath(p.span.path)}: ${p.detail} @ ${textAt(file.source.text, p.span)}`);
}

describe('aws iam get-account-summary', () => {
  const summaryMap = {
    SummaryMap: {
      GroupPolicySizeQuota: 5120,
      InstanceProfilesQuota: 1000,
      Policies: 24,
      GroupsPerUserQuota: 10,
      InstanceProfiles: 8,
      AttachedPoliciesPerUserQuota: 10,
      Users: 18,
      PoliciesQuota: 1500,
      Providers: 1,
      AccountMFAEnabled: 0,
      AccessKeysPerUserQuota: 2,
      AssumeRolePolicySizeQuota: 2048,
      PolicyVersionsInUseQuota: 10000,
      GlobalEndpointTokenVersion: 1,
      VersionsPerPolicyQuota: 5,
      AttachedPoliciesPerGroupQuota: 10,
      PolicySizeQuota: 6144,
      Groups: 8,
      AccountSigningCertificatesPresent: 0,
      UsersQuota: 5000,
      ServerCertificatesQuota: 20,
      MFADevices: 6,
      UserPolicySizeQuota: 2048,
      PolicyVersionsInUse: 27,
      ServerCertificates: 0,
      Roles: 39,
      RolesQuota: 1000,
      SigningCertificatesPerUserQuota: 2,
      MFADevicesInUse: 3,
      RolePolicySizeQuota: 10240,
      AttachedPoliciesPerRoleQuota: 10,
      AccountAccessKeysPresent: 1,
      GroupsQuota: 300,
    },
  };

  it('reads every value with the span of its property, and no account of its own', () => {
    const text = JSON.stringify(summaryMap, null, 4);
    const file = load(text, 'account-summary.json');
    expect(file.kind).toBe('account-summary');
    expect(file.problems).toEqual([]);
    const { accountId, summary } = fragment(file, 'account-summary');
    expect(accountId).toBeUndefined();
    expect(summary.values.size).toBe(Object.keys(summaryMap.SummaryMap).length);
    const keys = summary.values.get('AccountAccessKeysPresent');
    expect(keys?.value).toBe(1);
    expect(textAt(text, keys?.span)).toBe('"AccountAccessKeysPresent": 1');
    expect(formatJsonPath(keys?.span.path ?? [])).toBe('SummaryMap.AccountAccessKeysPresent');
    expect(keys?.span).toMatchObject({ line: 34, column: 9 });
    expect(summary.values.get('AccountMFAEnabled')?.value).toBe(0);
    expect(textAt(text, summary.span).startsWith('{\n        "GroupPolicySizeQuota"')).toBe(true);
    expect(summary.span.path).toEqual(['SummaryMap']);
  });

  it('reports values that are not integers, at the value, and leaves them out', () => {
    const text = '{"SummaryMap": {"Users": "18", "Roles": 1.5, "Groups": null, "AccountMFAEnabled": 1}}';
    const file = load(text);
    expect(problems(file)).toEqual([
      'export SummaryMap.Users: SummaryMap.Users should be an integer, not a string @ "18"',
      'export SummaryMap.Roles: SummaryMap.Roles should be an integer, not 1.5 @ 1.5',
      'export SummaryMap.Groups: SummaryMap.Groups should be an integer, not null @ null',
    ]);
    expect([...fragment(file, 'account-summary').summary.values.keys()]).toEqual(['AccountMFAEnabled']);
  });

  it('reports a SummaryMap that is not an object, and gives no summary', () => {
    const file = load('{"SummaryMap": [1, 2]}');
    expect(file.kind).toBe('account-summary');
    expect(problems(file)).toEqual(['export SummaryMap: SummaryMap should be an object of names to integers, not an array @ [1, 2]']);
    expect(file.account).toBeUndefined();
  });
});

describe('aws iam get-account-password-policy', () => {
  const passwordPolicy = {
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    },
  };

  it('reads every field, located at its property', () => {
    const text = JSON.stringify(passwordPolicy, null, 2);
    const file = load(text, 'password-policy.json');
    expect(file.kind).toBe('password-policy');
    expect(file.problems).toEqual([]);
    const { accountId, passwordPolicy: policy } = fragment(file, 'password-policy');
    expect(accountId).toBeUndefined();
    if (policy.kind !== 'present') throw new Error('expected a present policy');
    expect({
      minimumPasswordLength: policy.minimumPasswordLength?.value,
      requireSymbols: policy.requireSymbols?.value,
      requireNumbers: policy.requireNumbers?.value,
      requireUppercaseCharacters: policy.requireUppercaseCharacters?.value,
      requireLowercaseCharacters: policy.requireLowercaseCharacters?.value,
      allowUsersToChangePassword: policy.allowUsersToChangePassword?.value,
      expirePasswords: policy.expirePasswords?.value,
      maxPasswordAge: policy.maxPasswordAge?.value,
      passwordReusePrevention: policy.passwordReusePrevention?.value,
      hardExpiry: policy.hardExpiry?.value,
    }).toEqual({
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      expirePasswords: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 24,
      hardExpiry: false,
    });
    expect(textAt(text, policy.passwordReusePrevention?.span)).toBe('"PasswordReusePrevention": 24');
    expect(policy.passwordReusePrevention?.span).toMatchObject({ line: 11, column: 5, path: ['PasswordPolicy', 'PasswordReusePrevention'] });
    expect(textAt(text, policy.span)).toBe(text.slice(text.indexOf('{', 1), text.lastIndexOf('}', text.length - 2) + 1));
  });

  it('leaves out fields that are absent (a policy without expiry or reuse prevention)', () => {
    const file = load('{"PasswordPolicy": {"MinimumPasswordLength": 8, "AllowUsersToChangePassword": true, "ExpirePasswords": false}}');
    const { passwordPolicy: policy } = fragment(file, 'password-policy');
    expect(policy.kind === 'present' && [policy.minimumPasswordLength?.value, policy.maxPasswordAge, policy.passwordReusePrevention, policy.hardExpiry]).toEqual([8, undefined, undefined, undefined]);
  });

  it('records {"PasswordPolicy": null} as an account without a password policy (NoSuchEntity)', () => {
    const text = '{\n  "PasswordPolicy": null\n}\n';
    const file = load(text);
    expect(file.kind).toBe('password-policy');
    expect(file.problems).toEqual([]);
    const { passwordPolicy: policy } = fragment(file, 'password-policy');
    expect(policy.kind).toBe('absent');
    expect(textAt(text, policy.span)).toBe('"PasswordPolicy": null');
    expect(policy.span).toMatchObject({ line: 2, column: 3 });
  });

  it('reports fields of the wrong type and leaves them out; unknown fields are ignored', () => {
    const text = '{"PasswordPolicy": {"MinimumPasswordLength": "14", "RequireSymbols": "true", "MaxPasswordAge": 90.5, "RequireNumbers": 1, "HardExpiry": null, "SomeNewField": "x"}}';
    const file = load(text);
    expect(problems(file)).toEqual([
      'export PasswordPolicy.MinimumPasswordLength: PasswordPolicy.MinimumPasswordLength should be an integer, not a string @ "14"',
      'export PasswordPolicy.RequireSymbols: PasswordPolicy.RequireSymbols should be true or false, not a string @ "true"',
      'export PasswordPolicy.MaxPasswordAge: PasswordPolicy.MaxPasswordAge should be an integer, not 90.5 @ 90.5',
      'export PasswordPolicy.RequireNumbers: PasswordPolicy.RequireNumbers should be true or false, not 1 @ 1',
    ]);
    const { passwordPolicy: policy } = fragment(file, 'password-policy');
    expect(policy.kind === 'present' && [policy.minimumPasswordLength, policy.requireSymbols, policy.maxPasswordAge, policy.requireNumbers, policy.hardExpiry]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reports a PasswordPolicy that is neither an object nor null', () => {
    const file = load('{"PasswordPolicy": "none"}');
    expect(problems(file)).toEqual(['export PasswordPolicy: PasswordPolicy should be an object, or null when the account has no password policy, not a string @ "none"']);
    expect(file.account).toBeUndefined();
  });
});

describe('aws iam list-virtual-mfa-devices', () => {
  const listing = {
    VirtualMFADevices: [
      {
        SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
        User: { Arn: 'arn:aws:iam::111122223333:root', UserId: '111122223333', CreateDate: '2019-03-01T10:00:00+00:00', PasswordLastUsed: '2025-11-02T08:14:00+00:00' },
        EnableDate: '2019-03-01T10:12:44+00:00',
      },
      {
        SerialNumber: 'arn:aws:iam::111122223333:mfa/alice',
        User: { Path: '/', UserName: 'alice', UserId: 'AIDAEXAMPLEALICE0001', Arn: 'arn:aws:iam::111122223333:user/alice', CreateDate: '2021-06-15T09:00:00Z' },
        EnableDate: '2021-06-15T09:20:00Z',
        Tags: [{ Key: 'team', Value: 'platform' }],
      },
      { SerialNumber: 'arn:aws:iam::111122223333:mfa/spare' },
      {
        SerialNumber: 'arn:aws:iam::111122223333:mfa/bob',
        User: { Path: '/', UserName: 'bob', UserId: 'AIDAEXAMPLEBOB000001', Arn: 'arn:aws:iam::111122223333:user/bob', CreateDate: '2022-01-01 12:00:00+00:00' },
        EnableDate: '2022-01-03 08:30:00+00:00',
      },
    ],
    IsTruncated: false,
  };

  it("reads each device, root's included, with its account from the ARNs", () => {
    const text = JSON.stringify(listing, null, 2);
    const file = load(text, 'virtual-mfa-devices.json');
    expect(file.kind).toBe('virtual-mfa-devices');
    expect(file.problems).toEqual([]);
    const { accountId, devices, span } = fragment(file, 'virtual-mfa-devices');
    expect(accountId).toBe('111122223333');
    expect(devices.map((d) => [d.serialNumber, d.userArn, d.enableDate?.toISOString()])).toEqual([
      ['arn:aws:iam::111122223333:mfa/root-account-mfa-device', 'arn:aws:iam::111122223333:root', '2019-03-01T10:12:44.000Z'],
      ['arn:aws:iam::111122223333:mfa/alice', 'arn:aws:iam::111122223333:user/alice', '2021-06-15T09:20:00.000Z'],
      ['arn:aws:iam::111122223333:mfa/spare', undefined, undefined],
      ['arn:aws:iam::111122223333:mfa/bob', 'arn:aws:iam::111122223333:user/bob', '2022-01-03T08:30:00.000Z'],
    ]);
    const spare = devices[2];
    expect(textAt(text, spare?.span)).toBe('{\n      "SerialNumber": "arn:aws:iam::111122223333:mfa/spare"\n    }');
    expect(spare?.span.path).toEqual(['VirtualMFADevices', 2]);
    expect(span.path).toEqual(['VirtualMFADevices']);
    expect(textAt(text, span).startsWith('[')).toBe(true);
  });

  it('takes the account from a user ARN when the serial is not an ARN', () => {
    const file = load(JSON.stringify({ VirtualMFADevices: [{ SerialNumber: 'GAKT12345678', User: { Arn: 'arn:aws:iam::444455556666:user/carol' } }] }));
    expect(fragment(file, 'virtual-mfa-devices').accountId).toBe('444455556666');
  });

  it('has no account when the listing is empty', () => {
    const file = load('{"VirtualMFADevices": [], "IsTruncated": false}');
    expect(fragment(file, 'virtual-mfa-devices')).toMatchObject({ accountId: undefined, devices: [] });
  });

  it('reports devices of the wrong shape, at the value concerned, and keeps the rest', () => {
    const text = JSON.stringify({
      VirtualMFADevices: [
        'arn:aws:iam::111122223333:mfa/a',
        { User: { Arn: 'arn:aws:iam::111122223333:user/b' } },
        { SerialNumber: 42 },
        { SerialNumber: 'arn:aws:iam::111122223333:mfa/c', User: 'c' },
        { SerialNumber: 'arn:aws:iam::111122223333:mfa/d', User: { Arn: 'd' }, EnableDate: 'yesterday' },
        { SerialNumber: 'arn:aws:iam::111122223333:mfa/e', User: { UserName: 'e' }, EnableDate: '2024-02-30T00:00:00Z' },
        { SerialNumber: 'arn:aws:iam::999988887777:mfa/f' },
      ],
    });
    const file = load(text);
    expect(problems(file)).toEqual([
      'export VirtualMFADevices[0]: VirtualMFADevices[0] should be a device object, not a string @ "arn:aws:iam::111122223333:mfa/a"',
      'export VirtualMFADevices[1]: VirtualMFADevices[1] has no SerialNumber @ {"User":{"Arn":"arn:aws:iam::111122223333:user/b"}}',
      'export VirtualMFADevices[2].SerialNumber: VirtualMFADevices[2].SerialNumber should be the device\'s ARN, not a number @ 42',
      'export VirtualMFADevices[3].User: VirtualMFADevices[3].User should be the user object, not a string @ "c"',
      "export VirtualMFADevices[4].User.Arn: VirtualMFADevices[4].User.Arn should be the user's ARN, not 'd' @ \"d\"",
      "export VirtualMFADevices[4].EnableDate: VirtualMFADevices[4].EnableDate should be an ISO 8601 date, not 'yesterday' @ \"yesterday\"",
      'export VirtualMFADevices[5].User: VirtualMFADevices[5].User has no Arn @ {"UserName":"e"}',
      "export VirtualMFADevices[5].EnableDate: VirtualMFADevices[5].EnableDate should be an ISO 8601 date, not '2024-02-30T00:00:00Z' @ \"2024-02-30T00:00:00Z\"",
      'export VirtualMFADevices[6]: VirtualMFADevices[6] is in account 999988887777, but the devices before it are in 111122223333 @ {"SerialNumber":"arn:aws:iam::999988887777:mfa/f"}',
    ]);
    const { accountId, devices } = fragment(file, 'virtual-mfa-devices');
    expect(accountId).toBe('111122223333');
    expect(devices.map((d) => [d.serialNumber.slice(-1), d.userArn, d.enableDate])).toEqual([
      ['c', undefined, undefined],
      ['d', undefined, undefined],
      ['e', undefined, undefined],
      ['f', undefined, undefined],
    ]);
  });

  it('reports a VirtualMFADevices that is not an array', () => {
    const file = load('{"VirtualMFADevices": {"SerialNumber": "arn:aws:iam::111122223333:mfa/a"}}');
    expect(file.kind).toBe('virtual-mfa-devices');
    expect(problems(file)).toEqual(['export VirtualMFADevices: VirtualMFADevices should be an array of devices, not an object @ {"SerialNumber": "arn:aws:iam::111122223333:mfa/a"}']);
    expect(file.account).toBeUndefined();
  });
});

describe('account exports with arbitrary content', () => {
  const keys = ['SummaryMap', 'PasswordPolicy', 'VirtualMFADevices'] as const;
  const kinds = { SummaryMap: 'account-summary', PasswordPolicy: 'password-policy', VirtualMFADevices: 'virtual-mfa-devices' } as const;
  const fieldNames = ['SerialNumber', 'User', 'Arn', 'EnableDate', 'MinimumPasswordLength', 'RequireSymbols', 'HardExpiry', 'Users', 'AccountMFAEnabled'];
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('arn:aws:iam::111122223333:mfa/x', 'arn:aws:iam::111122223333:root', '2024-01-01 00:00:00+00:00'), tie('object'), fc.array(tie('any'), { maxLength: 3 })),
    object: fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 4 })), tie('any'), { maxKeys: 4 }),
  })).any;

  it('never throws, recognizes the export by its key, and places every problem inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), value, fc.constantFrom(0, 2), (key, content, indent) => {
        const text = JSON.stringify({ [key]: content }, null, indent);
        const file = load(text);
        expect(file.kind).toBe(kinds[key]);
        if (file.account) expect(file.account.kind).toBe(kinds[key]);
        for (const p of file.problems) {
          expect(p.kind).toBe('export');
          expect(p.span.offset + p.span.length).toBeLessThanOrEqual(text.length);
          expect(p.span.path[0]).toBe(key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
