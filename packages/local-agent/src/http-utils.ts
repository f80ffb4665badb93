import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A request we refuse, with the status and a reason the client can read. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Reads the whole body, refusing (413) anything over `maxBytes` before buffering it,
 * and inflating gzip bodies (bounded by the same limit).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, `body of ${declared} bytes exceeds the ${maxBytes} byte limit (maxBodyBytes)`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new HttpError(413, `body exceeds the ${maxBytes} byte limit (maxBodyBytes)`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks, total);
  if (req.headers['content-encoding'] !== 'gzip') return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new HttpError(400, `invalid or oversized gzip body: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json');
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Makes decoded msgpack JSON-serialisable: bigints become numbers (or strings past 2^53), bytes a length note. */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 64) return '[too deep]';
  if (value instanceof Uint8Array) return { binaryBytes: value.byteLength };
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonSafe(v, depth + 1)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v, depth + 1);
  return out;
}

/** Lower-cased string headers (repeated headers joined), for recording requests. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
