import type { StringList } from '../model/policy.js';

/** A short, readable list for messages: `s3:GetObject, s3:PutObject and 3 more`. */
export function describeList(values: readonly string[], max = 3): string {
  if (values.length === 0) return 'nothing';
  if (values.length <= max) return values.length === 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1] ?? ''}`;
  return `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}

export function describeItems(list: StringList | undefined, max = 3): string {
  return describeList(list?.items.map((i) => i.value) ?? [], max);
}
