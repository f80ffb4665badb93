import { randomFillSync } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { charCodes, codesToString, writeHexByte } from './hex.js';

/** Bounded and log-safe: no spaces, quotes or control characters from a client reach logs or tags. */
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** True for a bounded, log-safe id (request ids, session ids) from a client header. */
export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && VALID.test(value);
}

/** Keeps a well-formed incoming request id, otherwise generates a UUID. */
export function resolveRequestId(headers: IncomingHttpHeaders, header: string): string {
  return incomingRequestId(headers, header) ?? randomRequestId();
}

/** The request's own well-formed id from `header`, if it came with one. */
export function incomingRequestId(headers: IncomingHttpHeaders, header: string): string | undefined {
  const incoming = headers[header];
  return isWellFormedId(incoming) ? incoming : undefined;
}

/** Where each of the 16 bytes' two hex digits go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
const DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
/** Random bytes for 256 ids, drawn from the system CSPRNG at once and each byte used once. */
const entropy = Buffer.alloc(16 * 256);
let used = entropy.length;
const text = charCodes('00000000-0000-0000-0000-000000000000');

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` makes one, at half its cost: the request id
 * of every untraced request. Node assembles its UUID from 20 small strings (a chain the header
 * write then copies into one); this writes the 36 characters' codes into one array and reads
 * them out as one flat string.
 */
export function randomRequestId(): string {
  if (used === entropy.length) {
    randomFillSync(entropy);
    used = 0;
  }
  for (let i = 0; i < 16; i++) {
    let byte = entropy[used + i]!;
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 9562 variant
    writeHexByte(text, DIGIT_AT[i]!, byte);
  }
  used += 16;
  return codesToString(text);
}
