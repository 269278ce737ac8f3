import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { rootSubject } from '../../src/iam/credentials.js';
import type { PasswordPolicyRecord } from '../../src/model/inventory.js';
import type { Located } from '../../src/model/policy.js';

interface Options {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
}

type PresentPolicy = Extract<PasswordPolicyRecord, { kind: 'present' }>;

/** The character classes a policy can require: the option, the export's property, and how messages name them. */
const characterClasses = [
  { option: 'requireUppercase', property: 'RequireUppercaseCharacters', field: 'requireUppercaseCharacters', characters: 'an uppercase letter' },
  { option: 'requireLowercase', property: 'RequireLowercaseCharacters', field: 'requireLowercaseCharacters', characters: 'a lowercase letter' },
  { option: 'requireNumbers', property: 'RequireNumbers', field: 'requireNumbers', characters: 'a number' },
  { option: 'requireSymbols', property: 'RequireSymbols', field: 'requireSymbols', characters: 'a symbol' },
] as const satisfies readonly { option: keyof Options; field: keyof PresentPolicy; property: string; characters: string }[];

/** What the options ask of a password policy, in words: `at least 14 characters with …, and that prevents the reuse of the last 24 passwords`. */
function requirements(options: Options): string {
  const classes = characterClasses.filter((c) => options[c.option]).map((c) => c.characters);
  let text = `at least ${options.minimumLength} characters`;
  if (classes.length > 0) text += ` with ${describeList(classes, classes.length)}`;
  if (options.reusePrevention > 0) text += `, and that prevents the reuse of the last ${options.reusePrevention} passwords`;
  return text;
}

/** CIS AWS Foundations 1.8 and 1.9, and Security Hub IAM.11 to IAM.16. */
const defaultOptions: Options = {
  minimumLength: 14,
  reusePrevention: 24,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

const boolOption = (description: string): object => ({ type: 'boolean', description });

export default defineRule({
  id: 'password-policy',
  meta: {
    category: 'credentials',
    severity: 'medium',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: "The account's password policy must require long passwords of every character class and prevent their reuse.",
    sources: [
      { tool: 'cis', id: '1.8' },
      { tool: 'cis', id: '1.9' },
      { tool: 'securityhub', id: 'IAM.7' },
      { tool: 'securityhub', id: 'IAM.11' },
      { tool: 'securityhub', id: 'IAM.12' },
      { tool: 'securityhub', id: 'IAM.13' },
      { tool: 'securityhub', id: 'IAM.14' },
      { tool: 'securityhub', id: 'IAM.15' },
      { tool: 'securityhub', id: 'IAM.16' },
      { tool: 'prowler', id: 'iam_password_policy_minimum_length_14' },
      { tool: 'prowler', id: 'iam_password_policy_reuse_24' },
      { tool: 'prowler', id: 'iam_password_policy_uppercase' },
      { tool: 'prowler', id: 'iam_password_policy_lowercase' },
      { tool: 'prowler', id: 'iam_password_policy_number' },
      { tool: 'prowler', id: 'iam_password_policy_symbol' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minimumLength: { type: 'integer', minimum: 6, maximum: 128, description: 'The shortest MinimumPasswordLength accepted (default 14).' },
        reusePrevention: {
          type: 'integer',
          minimum: 0,
          maximum: 24,
          description: 'The smallest PasswordReusePrevention accepted (default 24); 0 does not check reuse prevention.',
        },
        requireUppercase: boolOption('Require RequireUppercaseCharacters (default true).'),
        requireLowercase: boolOption('Require RequireLowercaseCharacters (default true).'),
        requireNumbers: boolOption('Require RequireNumbers (default true).'),
        requireSymbols: boolOption('Require RequireSymbols (default true).'),
      },
    },
  },
  messages: {
    noPolicy:
      'The account has no password policy, so IAM user passwords follow the AWS default: 8 characters of three kinds, and old passwords may be reused. Set a policy (aws iam update-account-password-policy) that requires {requirements}.',
    lengthNotSet: 'The password policy does not set MinimumPasswordLength. Set it to at least {minimum}.',
    tooShort: 'The password policy accepts passwords of {length} characters (MinimumPasswordLength). Set it to at least {minimum}: length makes a password harder to guess than any other requirement.',
    reuseNotPrevented: 'The password policy lets users reuse their old passwords (PasswordReusePrevention is not set). Set it to {minimum}.',
    reuseTooShort: 'The password policy prevents the reuse of the last {remembered} passwords only (PasswordReusePrevention). Set it to {minimum}.',
    characterNotRequired: 'The password policy does not require {characters} ({property} is {value}). Set it to true.',
  },
  defaultOptions,
  check: {
    account(context, account) {
      // Without the export, nothing is known about the policy: no finding rather than a guess.
      const policy = account.passwordPolicy;
      if (!policy) return;
      const { options } = context;
      const subject = rootSubject(account);
      if (policy.kind === 'absent') {
        context.report({ messageId: 'noPolicy', at: policy.span, ...subject, data: { requirements: requirements(options) } });
        return;
      }

      const length = policy.minimumPasswordLength;
      if (!length) context.report({ messageId: 'lengthNotSet', at: policy.span, ...subject, data: { minimum: options.minimumLength } });
      else if (length.value < options.minimumLength) {
        context.report({ messageId: 'tooShort', at: length.span, ...subject, data: { length: length.value, minimum: options.minimumLength } });
      }

      if (options.reusePrevention > 0) {
        const reuse = policy.passwordReusePrevention;
        if (!reuse) context.report({ messageId: 'reuseNotPrevented', at: policy.span, ...subject, data: { minimum: options.reusePrevention } });
        else if (reuse.value < options.reusePrevention) {
          context.report({ messageId: 'reuseTooShort', at: reuse.span, ...subject, data: { remembered: reuse.value, minimum: options.reusePrevention } });
        }
      }

      for (const { option, property, field, characters } of characterClasses) {
        if (!options[option]) continue;
        const value: Located<boolean> | undefined = policy[field];
        if (value?.value === true) continue;
        context.report({ messageId: 'characterNotRequired', at: value?.span ?? policy.span, ...subject, data: { characters, property, value: value ? 'false' : 'not set' } });
      }
    },
  },
});
