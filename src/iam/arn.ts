/**
 * ARNs: `arn:partition:service:region:account-id:resource`. The resource part may itself hold
 * colons (`arn:aws:logs:us-east-1:111122223333:log-group:app:*`), so only the first five separate.
 */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The six parts of an ARN, or undefined when the text does not start `arn:` or has fewer than six parts. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  const [partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: text.slice(start) };
}

const accountId = /^\d{12}$/;

export function isAccountId(text: string): boolean {
  return accountId.test(text);
}

/**
 * The account an `AWS` principal belongs to: a bare account ID, or the account part of an IAM or STS
 * ARN (`arn:aws:iam::111122223333:root`, `…:role/x`, `arn:aws:sts::111122223333:assumed-role/x/s`).
 * Undefined for `*`, unique IDs (`AROA…`) and anything else whose account cannot be read.
 */
export function principalAccount(value: string): string | undefined {
  if (isAccountId(value)) return value;
  const arn = parseArn(value);
  if (!arn || (arn.service !== 'iam' && arn.service !== 'sts')) return undefined;
  return isAccountId(arn.account) ? arn.account : undefined;
}
