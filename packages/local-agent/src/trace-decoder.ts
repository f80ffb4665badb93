import { Decoder } from '@msgpack/msgpack';
import { PayloadDecodeError } from './decode-error.js';
import { keyCache } from './key-cache.js';
import type { StoredSpan } from './types.js';

export type TraceVersion = 'v0.4' | 'v0.5';

type SpanFields = Omit<StoredSpan, 'version' | 'receivedAt'>;

/** Bounds on what the msgpack decoder will allocate for one payload; tag keys decoded once. */
const decoder = new Decoder({ useBigInt64: true, maxStrLength: 16 << 20, maxBinLength: 16 << 20, keyDecoder: keyCache() });

/** Decodes a trace payload into traces (arrays of spans). Throws PayloadDecodeError with a reason. */
export function decodeTraces(body: Uint8Array, version: TraceVersion): SpanFields[][] {
  if (body.length === 0) return [];
  let payload: unknown;
  try {
    payload = decoder.decode(body);
  } catch (error) {
    throw new PayloadDecodeError(`invalid msgpack: ${(error as Error).message}`);
  }
  return version === 'v0.4' ? fromV04(payload) : fromV05(payload);
}

/** v0.4: `[[{trace_id, span_id, ...}, ...], ...]`. */
function fromV04(payload: unknown): SpanFields[][] {
  const traces = expectArray(payload, 'payload');
  return traces.map((trace, t) =>
    expectArray(trace, `trace ${t}`).map((span, s) => {
      if (!isRecord(span)) throw new PayloadDecodeError(`trace ${t} span ${s}: expected a map, got ${kindOf(span)}`);
      return {
        trace_id: toId(span.trace_id),
        span_id: toId(span.span_id),
        parent_id: toId(span.parent_id),
        name: toText(span.name),
        resource: toText(span.resource),
        service: toText(span.service),
        type: toText(span.type),
        error: toNumber(span.error),
        meta: toStringMap(span.meta),
        metrics: toNumberMap(span.metrics),
        start: toNumber(span.start),
        duration: toNumber(span.duration),
      };
    }),
  );
}

/**
 * v0.5: `[strings, traces]`; each span is a 12-tuple
 * `[service, name, resource, trace_id, span_id, parent_id, start, duration, error, meta, metrics, type]`
 * where strings (and meta keys/values, metrics keys) are indexes into `strings`.
 */
function fromV05(payload: unknown): SpanFields[][] {
  const root = expectArray(payload, 'payload');
  if (root.length !== 2) throw new PayloadDecodeError(`payload: expected [strings, traces], got an array of ${root.length}`);
  const strings = expectArray(root[0], 'string table');
  const str = (index: unknown, where: string): string => {
    // Map keys come back as object keys, i.e. numeric strings.
    const i = typeof index === 'bigint' || (typeof index === 'string' && /^\d+$/.test(index)) ? Number(index) : index;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= strings.length) {
      throw new PayloadDecodeError(`${where}: string index ${String(index)} outside the table of ${strings.length}`);
    }
    const value = strings[i];
    if (typeof value !== 'string') throw new PayloadDecodeError(`string table entry ${i} is ${kindOf(value)}, not a string`);
    return value;
  };
  return expectArray(root[1], 'traces').map((trace, t) =>
    expectArray(trace, `trace ${t}`).map((raw, s) => {
      const where = `trace ${t} span ${s}`;
      const span = expectArray(raw, where);
      if (span.length !== 12) throw new PayloadDecodeError(`${where}: expected 12 fields, got ${span.length}`);
      const meta: Record<string, string> = {};
      for (const [k, v] of mapEntries(span[9], `${where} meta`)) meta[str(k, `${where} meta`)] = str(v, `${where} meta`);
      const metrics: Record<string, number> = {};
      for (const [k, v] of mapEntries(span[10], `${where} metrics`)) metrics[str(k, `${where} metrics`)] = toNumber(v);
      return {
        service: str(span[0], where),
        name: str(span[1], where),
        resource: str(span[2], where),
        trace_id: toId(span[3]),
        span_id: toId(span[4]),
        parent_id: toId(span[5]),
        start: toNumber(span[6]),
        duration: toNumber(span[7]),
        error: toNumber(span[8]),
        meta,
        metrics,
        type: str(span[11], where),
      };
    }),
  );
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new PayloadDecodeError(`${where}: expected an array, got ${kindOf(value)}`);
  return value;
}

function mapEntries(value: unknown, where: string): [unknown, unknown][] {
  if (value == null) return [];
  if (value instanceof Map) return [...value.entries()];
  if (isRecord(value)) return Object.entries(value);
  throw new PayloadDecodeError(`${where}: expected a map, got ${kindOf(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function kindOf(value: unknown): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'binary';
  return typeof value;
}

/** Ids are unsigned 64-bit on the wire; msgpack may hand us a bigint, a number or (signed) negative values. */
export function toId(value: unknown): string {
  if (typeof value === 'bigint') return BigInt.asUintN(64, value).toString();
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 0 ? String(value) : BigInt.asUintN(64, BigInt(value)).toString();
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return '0';
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The decoded map itself, any value that is not a string deleted (rarely any). It is a fresh object
 * of this payload's: copying its twenty-odd tags into another (a dictionary-mode object, built key
 * by key) cost more than decoding them.
 */
function toStringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  for (const key in value) if (typeof value[key] !== 'string') delete value[key];
  return value as Record<string, string>;
}

/** As `toStringMap`, for numbers: bigints (large integers) become numbers in place, anything else is dropped. */
function toNumberMap(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  for (const key in value) {
    const v = value[key];
    if (typeof v === 'bigint') value[key] = Number(v);
    else if (typeof v !== 'number') delete value[key];
  }
  return value as Record<string, number>;
}
