import type { SourceFile } from '../model/source.js';
import type { JsonPath, Span } from '../model/span.js';

/**
 * A text that is either a file's own text or a policy decoded from a string inside it
 * (JSON-in-a-string, URL-encoded). Offsets in the decoded text map back to the file, so every
 * span of an embedded policy points at the exact characters of the string that holds it.
 */
export interface TextLayer {
  readonly source: SourceFile;
  readonly text: string;
  /** JSON path of the holding string in the file; prefixed to every path inside. */
  readonly prefix: JsonPath;
  toSource(offset: number): number;
}

export function fileLayer(source: SourceFile): TextLayer {
  return { source, text: source.text, prefix: [], toSource: (offset) => offset };
}

export function layerSpan(layer: TextLayer, offset: number, length: number, path: JsonPath): Span {
  const start = layer.toSource(offset);
  const end = layer.toSource(offset + length);
  return layer.source.span(start, end - start, layer.prefix.length === 0 ? path : [...layer.prefix, ...path]);
}

/** Builds a layer from decoded text and, per decoded UTF-16 unit, its offset in the parent layer. */
function derivedLayer(parent: TextLayer, text: string, parentOffsets: number[], prefix: JsonPath): TextLayer {
  return {
    source: parent.source,
    text,
    prefix,
    toSource(offset) {
      const clamped = Math.max(0, Math.min(offset, parentOffsets.length - 1));
      return parent.toSource(parentOffsets[clamped] ?? 0);
    },
  };
}

const simpleEscapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the JSON string literal at `offset` (quotes included) of `parent`, keeping a map back
 * to the literal's characters. Returns undefined if the literal is malformed (the parser reports that).
 */
export function stringLiteralLayer(parent: TextLayer, offset: number, length: number, prefix: JsonPath): TextLayer | undefined {
  const raw = parent.text;
  const end = offset + length - 1; // the closing quote
  let out = '';
  const offsets: number[] = [];
  for (let i = offset + 1; i < end; ) {
    const c = raw.charAt(i);
    if (c !== '\\') {
      out += c;
      offsets.push(i);
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined) return undefined;
    if (e === 'u') {
      const code = Number.parseInt(raw.slice(i + 2, i + 6), 16);
      if (Number.isNaN(code)) return undefined;
      out += String.fromCharCode(code);
      offsets.push(i);
      i += 6;
      continue;
    }
    const decoded = simpleEscapes[e];
    if (decoded === undefined) return undefined;
    out += decoded;
    offsets.push(i);
    i += 2;
  }
  offsets.push(end);
  return derivedLayer(parent, out, offsets, prefix);
}

const hex = /^[0-9A-Fa-f]{2}$/;

/** The number of bytes of a UTF-8 sequence from its lead byte (0 when it is not a lead byte). */
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Percent-decodes the whole text of `parent` (IAM's URL-encoded policy documents). `+` stays `+`,
 * as in RFC 3986. Returns undefined when an escape is malformed.
 */
export function percentDecodedLayer(parent: TextLayer): TextLayer | undefined {
  const raw = parent.text;
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '%') {
      out += raw.charAt(i);
      offsets.push(i);
      i++;
      continue;
    }
    const first = raw.slice(i + 1, i + 3);
    if (!hex.test(first)) return undefined;
    const lead = Number.parseInt(first, 16);
    const count = utf8Length(lead);
    if (count === 0) return undefined;
    const bytes = [lead];
    for (let k = 1; k < count; k++) {
      const part = raw.slice(i + 3 * k, i + 3 * k + 3);
      if (!part.startsWith('%') || !hex.test(part.slice(1))) return undefined;
      bytes.push(Number.parseInt(part.slice(1), 16));
    }
    const decoded = Buffer.from(bytes).toString('utf8');
    if (decoded.includes('\uFFFD')) return undefined;
    // Every UTF-16 unit of the character maps to the start of its %-sequence.
    offsets.push(...new Array<number>(decoded.length).fill(i));
    out += decoded;
    i += 3 * count;
  }
  offsets.push(raw.length);
  return derivedLayer(parent, out, offsets, parent.prefix);
}
