import { isUtf8 } from 'node:buffer';

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly kind: 'binary' | 'encoding'; readonly detail: string };

const sniffLength = 8000;

/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM — what Windows PowerShell 5 writes
 * for `aws … > file.json` — are accepted; a NUL byte means binary; anything else that is not UTF-8 is
 * an encoding problem.
 */
export function decode(bytes: Buffer): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, sniffLength);
  if (head.includes(0)) {
    return { ok: false, kind: 'binary', detail: 'the file is binary (it contains NUL bytes); if it is UTF-16 text, save it with a byte-order mark or as UTF-8' };
  }
  return utf8(bytes);
}

function utf8(bytes: Buffer): Decoded {
  if (!isUtf8(bytes)) return { ok: false, kind: 'encoding', detail: 'the file is not valid UTF-8; save it as UTF-8' };
  return { ok: true, text: bytes.toString('utf8') };
}
