/*
 * Reading condition values as AWS compares them: numbers, dates, IP addresses and ARNs. Each parser
 * returns undefined for text that is not of its type; the caller then treats the comparison as
 * invalid (it never matches, and a negated operator with such a value does not hold either).
 */

const numberSyntax = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | undefined {
  return numberSyntax.test(text) ? Number(text) : undefined;
}

/**
 * W3C's ISO 8601 profile: YYYY, YYYY-MM, YYYY-MM-DD, then a time to the minute, second or fraction,
 * and an optional zone. A date-time without a zone is read as UTC, so that the answer does not
 * depend on the machine's time zone.
 */
const isoDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/** Milliseconds since the epoch, from an ISO 8601 date or epoch seconds (all digits); undefined otherwise. */
export function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const part = (i: number, fallback: number): number => {
    const found = match[i];
    return found === undefined ? fallback : Number(found);
  };
  const [year, month, day, hour, minute, second] = [part(1, 0), part(2, 1), part(3, 1), part(4, 0), part(5, 0), part(6, 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const fraction = match[7] === undefined ? 0 : Math.round(Number(`0${match[7]}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - zoneOffset(match[8]);
}

/** The zone's offset from UTC in milliseconds: `Z`, `+02`, `-0530`, `+05:30`. */
function zoneOffset(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** An IP address as 16-bit groups: two for IPv4 (so that the families never compare equal), eight for IPv6. */
export interface IpAddress {
  readonly v6: boolean;
  readonly groups: readonly number[];
}

/** A CIDR range: an address and the number of leading bits that must agree. */
export interface IpRange extends IpAddress {
  readonly bits: number;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [(a << 8) | b, (c << 8) | d];
}

function parseIpv6(text: string): number[] | undefined {
  let rest = text;
  const tail: number[] = [];
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.', lastColon)) {
    const v4 = parseIpv4(rest.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push(...v4);
    rest = rest.slice(0, lastColon);
    // `::192.0.2.1`: the colon before the address was half of a `::`.
    if (rest.endsWith(':')) rest += ':';
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const read = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const groups: number[] = [];
    for (const part of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
    return groups;
  };
  const head = read(halves[0]);
  const back = read(halves[1]);
  if (!head || !back) return undefined;
  const known = head.length + back.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...head, ...tail] : undefined;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...back, ...tail];
}

export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4) return { v6: false, groups: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? { v6: true, groups: v6 } : undefined;
}

/** An address or a CIDR range (`203.0.113.0/24`, `2001:db8::/32`); a bare address is a range of one. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const width = address.v6 ? 128 : 32;
  if (slash < 0) return { ...address, bits: width };
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > width) return undefined;
  return { ...address, bits: Number(bits) };
}

export function inRange(address: IpAddress, range: IpRange): boolean {
  if (address.v6 !== range.v6) return false;
  let left = range.bits;
  for (let i = 0; i < range.groups.length && left > 0; i++) {
    const take = Math.min(16, left);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((address.groups[i] ?? 0) & mask) !== ((range.groups[i] ?? 0) & mask)) return false;
    left -= take;
  }
  return true;
}

/**
 * An ARN's six colon-separated parts (`arn`, partition, service, region, account, resource — the
 * resource keeps any further colons), or undefined when there are fewer.
 */
export function arnParts(text: string): readonly string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return undefined;
    parts.push(text.slice(from, colon));
    from = colon + 1;
  }
  parts.push(text.slice(from));
  return parts;
}
