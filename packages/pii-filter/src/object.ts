/** Deep, copy-on-write scrubbing of structured values: the input is never mutated. */

/** Returned by a scrubber to remove the value (the `drop` mode). */
export const DROP: unique symbol = Symbol('kennel.pii.drop');
export type Dropped = typeof DROP;

export interface Walker {
  text(value: string): string | Dropped;
  isSensitiveKey(key: string): boolean;
  sensitiveValue(value: unknown): unknown;
  maxDepth: number;
}

/** Scrubs `value` at any depth; a cycle becomes `[CIRCULAR]`, nesting past `maxDepth` `[TRUNCATED]`. */
export function walk(w: Walker, value: unknown, depth: number, path: Set<object>): unknown {
  if (typeof value === 'string') return w.text(value);
  if (value === null || typeof value !== 'object') return value;
  if (path.has(value)) return '[CIRCULAR]';
  if (depth >= w.maxDepth) return '[TRUNCATED]';
  if (!isRecordLike(value)) return value;
  path.add(value); // the current path only: a shared (non-cyclic) reference is scrubbed each time it appears
  try {
    return Array.isArray(value) ? walkArray(w, value, depth, path) : walkRecord(w, value, depth, path);
  } finally {
    path.delete(value);
  }
}

function walkArray(w: Walker, value: unknown[], depth: number, path: Set<object>): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const next = walk(w, item, depth + 1, path);
    if (next !== item && out === undefined) out = value.slice(0, i);
    if (out !== undefined && next !== DROP) out.push(next);
  }
  return out ?? value;
}

function walkRecord(w: Walker, value: object, depth: number, path: Set<object>): unknown {
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  let out: Record<string, unknown> | undefined = source === value ? undefined : { ...source };
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = source[key];
    const next = w.isSensitiveKey(key) ? (item == null ? item : w.sensitiveValue(item)) : walk(w, item, depth + 1, path);
    if (next === item) continue;
    out ??= { ...source };
    if (next === DROP) delete out[key];
    else out[key] = next;
  }
  return out ?? value;
}

/** Dates, buffers, maps, class-less binary: passed through (they are not where PII hides in telemetry). */
function isRecordLike(value: object): boolean {
  if (Array.isArray(value) || value instanceof Error) return true;
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) return false;
  return true;
}

/** Errors keep message and stack as non-enumerable fields; scrub them as a plain record (pino's `err` shape). */
function errorFields(error: Error): Record<string, unknown> {
  return { type: error.name, message: error.message, stack: error.stack, ...(error as unknown as Record<string, unknown>) };
}
