import { PayloadDecodeError } from './decode-error.js';
import type { LlmObsSpan } from './types.js';


type SpanFields = Omit<LlmObsSpan, 'receivedAt'>;

/**
 * Decodes `POST /evp_proxy/v*\/api/v2/llmobs`: a JSON array (or one object) of
 * `{ event_type: 'span', '_dd.stage', spans: [event, ...] }`.
 */
export function decodeLlmObsSpans(body: Uint8Array): SpanFields[] {
  const payload = parseJson(body);
  const envelopes = Array.isArray(payload) ? payload : [payload];
  return envelopes.flatMap((envelope, i) => {
    if (!isRecord(envelope) || !Array.isArray(envelope.spans)) {
      throw new PayloadDecodeError(`envelope ${i}: expected an object with a "spans" array`);
    }
    return envelope.spans.map((event, s) => {
      if (!isRecord(event)) throw new PayloadDecodeError(`envelope ${i} span ${s}: expected an object`);
      return flatten(event);
    });
  });
}

/** Decodes `POST /evp_proxy/v*\/api/intake/llm-obs/v2/eval-metric`: `{ data: { attributes: { metrics: [...] } } }`. */
export function decodeLlmObsEvaluations(body: Uint8Array): Record<string, unknown>[] {
  const payload = parseJson(body);
  const data = isRecord(payload) && isRecord(payload.data) ? payload.data : undefined;
  const attributes = data && isRecord(data.attributes) ? data.attributes : undefined;
  if (!attributes || !Array.isArray(attributes.metrics)) {
    throw new PayloadDecodeError('expected { data: { attributes: { metrics: [...] } } }');
  }
  return attributes.metrics.filter(isRecord);
}

function flatten(event: Record<string, unknown>): SpanFields {
  const meta = isRecord(event.meta) ? event.meta : {};
  const tags = Array.isArray(event.tags) ? event.tags.filter((t): t is string => typeof t === 'string') : [];
  const mlAppTag = tags.find((t) => t.startsWith('ml_app:'));
  return {
    trace_id: String(event.trace_id ?? ''),
    span_id: String(event.span_id ?? ''),
    parent_id: String(event.parent_id ?? ''),
    name: typeof event.name === 'string' ? event.name : '',
    kind: typeof meta['span.kind'] === 'string' ? meta['span.kind'] : undefined,
    ml_app: typeof event.ml_app === 'string' ? event.ml_app : mlAppTag?.slice('ml_app:'.length),
    status: typeof event.status === 'string' ? event.status : undefined,
    tags,
    meta,
    metrics: isRecord(event.metrics) ? event.metrics : {},
    start_ns: typeof event.start_ns === 'number' ? event.start_ns : 0,
    duration: typeof event.duration === 'number' ? event.duration : 0,
    raw: event,
  };
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    throw new PayloadDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
