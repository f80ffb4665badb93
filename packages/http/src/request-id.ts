import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Bounded and log-safe: no spaces, quotes or control characters from a client reach logs or tags. */
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a well-formed incoming request id, otherwise generates a UUID. */
export function resolveRequestId(headers: IncomingHttpHeaders, header: string): string {
  const incoming = headers[header];
  return typeof incoming === 'string' && VALID.test(incoming) ? incoming : randomUUID();
}
