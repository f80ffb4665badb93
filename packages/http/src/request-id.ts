import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Bounded and log-safe: no spaces, quotes or control characters from a client reach logs or tags. */
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** True for a bounded, log-safe id (request ids, session ids) from a client header. */
export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && VALID.test(value);
}

/** Keeps a well-formed incoming request id, otherwise generates a UUID. */
export function resolveRequestId(headers: IncomingHttpHeaders, header: string): string {
  return incomingRequestId(headers, header) ?? randomUUID();
}

/** The request's own well-formed id from `header`, if it came with one. */
export function incomingRequestId(headers: IncomingHttpHeaders, header: string): string | undefined {
  const incoming = headers[header];
  return isWellFormedId(incoming) ? incoming : undefined;
}
