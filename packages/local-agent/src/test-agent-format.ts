import type { StoredSpan } from './types.js';

/** A span as ddapm-test-agent returns it: v0.4 field names, ids as JSON numbers. */
export interface TestAgentSpan {
  name: string;
  service: string;
  resource: string;
  type: string;
  trace_id: number | string;
  span_id: number | string;
  parent_id: number | string;
  start: number;
  duration: number;
  error: number;
  meta: Record<string, string>;
  metrics: Record<string, number>;
}

/** Marks ids while serialising, so they can be emitted as bare (full-precision) JSON numbers. */
const ID_MARK = '\u0000id:';

/** `markIds`: emit ids as bare numbers through `stringifyWithIds`; otherwise ids stay decimal strings. */
export function toTestAgentSpan(span: StoredSpan, markIds = true): TestAgentSpan {
  const id = (value: string) => (markIds ? ID_MARK + value : value);
  return {
    name: span.name,
    service: span.service,
    resource: span.resource,
    type: span.type,
    trace_id: id(span.trace_id),
    span_id: id(span.span_id),
    parent_id: id(span.parent_id),
    start: span.start,
    duration: span.duration,
    error: span.error,
    meta: span.meta,
    metrics: span.metrics,
  };
}

/**
 * JSON with 64-bit ids as bare numbers, as the Python test agent emits them (JSON.stringify would
 * have to round them through doubles). Clients parsing with doubles lose precision past 2^53.
 */
export function stringifyWithIds(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000id:(\d+)"/g, '$1');
}
