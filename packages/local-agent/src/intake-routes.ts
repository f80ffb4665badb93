import { decode } from '@msgpack/msgpack';
import { HttpError, flatHeaders, sendJson, toJsonSafe } from './http-utils.js';
import { PayloadDecodeError } from './decode-error.js';
import { decodeLlmObsEvaluations, decodeLlmObsSpans } from './llmobs-decoder.js';
import type { RequestKind } from './request-log.js';
import type { Route, RouteContext } from './router.js';
import { parseStatsdPacket } from './statsd-parser.js';
import { decodeTraces, type TraceVersion } from './trace-decoder.js';
import type { StoredSpan } from './types.js';

const WRITE = ['PUT', 'POST'] as const;

/** What `GET /info` needs to know about the running agent. */
export interface InfoContext {
  version: string;
  statsdPort: () => number;
  tracePort: () => number;
}

/** Endpoints advertised by `/info`; dd-trace picks features (EVP proxy for LLMObs, stats) from this list. */
export const ADVERTISED_ENDPOINTS = [
  '/v0.4/traces',
  '/v0.5/traces',
  '/v0.6/stats',
  '/v0.7/config',
  '/telemetry/proxy/',
  '/evp_proxy/v2/',
  '/evp_proxy/v4/',
  '/profiling/v1/input',
  '/dogstatsd/v2/proxy',
  '/v0.1/pipeline_stats',
  '/tracer_flare/v1',
  '/info',
];

/** The agent's answer to a trace payload: sampling rates per service (everything kept). */
const RATE_BY_SERVICE = { rate_by_service: { 'service:,env:': 1 } };

export function intakeRoutes(info: InfoContext): Route[] {
  return [
    { methods: WRITE, path: '/v0.4/traces', handle: (ctx) => traceIntake(ctx, 'v0.4') },
    { methods: WRITE, path: '/v0.5/traces', handle: (ctx) => traceIntake(ctx, 'v0.5') },
    {
      methods: ['GET'],
      path: '/info',
      handle: ({ res }) =>
        sendJson(res, 200, {
          version: info.version,
          endpoints: ADVERTISED_ENDPOINTS,
          feature_flags: [],
          // false: clients must send every trace, including those sampled out (P0).
          client_drop_p0s: false,
          span_meta_structs: false,
          long_running_spans: false,
          evp_proxy_allowed_headers: ['Content-Type', 'Accept-Encoding', 'Content-Encoding', 'User-Agent', 'DD-CI-PROVIDER-NAME'],
          config: { receiver_port: info.tracePort(), statsd_port: info.statsdPort(), default_env: 'none' },
        }),
    },
    { methods: WRITE, path: '/v0.6/stats', handle: (ctx) => keepRequest(ctx, 'stats', 'msgpack', 200) },
    // `{}` tells dd-trace's remote-config client it is up to date; polls are answered, not logged.
    {
      methods: ['GET', 'POST'],
      path: '/v0.7/config',
      handle: async (ctx) => {
        await ctx.body();
        sendJson(ctx.res, 200, {});
      },
    },
    { methods: WRITE, path: '/telemetry/proxy/', prefix: true, handle: (ctx) => keepRequest(ctx, 'telemetry', 'json', 202) },
    { methods: WRITE, path: '/profiling/', prefix: true, handle: (ctx) => keepRequest(ctx, 'profile', 'none', 200) },
    // dd-trace's own DogStatsD client (runtime metrics, tracer.dogstatsd) posts lines here when given an agent URL.
    {
      methods: ['POST'],
      path: '/dogstatsd/v2/proxy',
      handle: async (ctx) => {
        ctx.store.addStatsd(parseStatsdPacket((await ctx.body()).toString('utf8')));
        sendJson(ctx.res, 200, {});
      },
    },
    // Accepted and logged, not decoded: data streams, tracer flares, dynamic instrumentation.
    ...['/v0.1/pipeline_stats', '/tracer_flare/v1', '/debugger/', '/symdb/'].map(
      (path): Route => ({ methods: WRITE, path, prefix: path.endsWith('/'), handle: (ctx) => keepRequest(ctx, 'other', 'none', 200) }),
    ),
    { methods: WRITE, path: '/evp_proxy/', prefix: true, handle: evpProxy },
  ];
}

async function traceIntake(ctx: RouteContext, version: TraceVersion): Promise<void> {
  const body = await ctx.body();
  const traces = decodeOr400(ctx, () => decodeTraces(body, version), `${version} traces`);
  const spans = ctx.store.addTraces(traces, version);
  logRequest(ctx, 'traces', body, undefined, spans);
  sendJson(ctx.res, 200, RATE_BY_SERVICE);
}

/** `/evp_proxy/v<N>/<intake path>`: LLMObs spans and evaluations are decoded, anything else kept raw. */
async function evpProxy(ctx: RouteContext): Promise<void> {
  const match = /^v(\d+)(\/.*)$/.exec(ctx.rest);
  if (!match) throw new HttpError(404, `unknown EVP proxy path ${ctx.url.pathname}; expected /evp_proxy/v<N>/<intake path>`);
  const intakePath = match[2] as string;
  if (intakePath === '/api/v2/llmobs') {
    const body = await ctx.body();
    const spans = decodeOr400(ctx, () => decodeLlmObsSpans(body), 'LLMObs spans');
    ctx.store.addLlmSpans(spans);
    logRequest(ctx, 'llmobs', body, undefined);
    return sendJson(ctx.res, 202, {});
  }
  if (intakePath === '/api/intake/llm-obs/v2/eval-metric') {
    const body = await ctx.body();
    const metrics = decodeOr400(ctx, () => decodeLlmObsEvaluations(body), 'LLMObs evaluations');
    ctx.store.addLlmEvaluations(metrics);
    logRequest(ctx, 'llmobs', body, undefined);
    return sendJson(ctx.res, 202, {});
  }
  return keepRequest(ctx, 'evp', 'json', 202);
}

/** Runs a decoder; a payload it rejects is counted and answered 400 with the reason. */
function decodeOr400<T>(ctx: RouteContext, decode: () => T, what: string): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof PayloadDecodeError) {
      ctx.store.countFailure('malformedPayloads');
      throw new HttpError(400, `${what}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Accepts and logs a request so tests can inspect it (`store.requests(prefix)`, `/test/session/requests`).
 * The body is decoded best-effort: a body we cannot decode is still accepted and logged without it.
 */
async function keepRequest(ctx: RouteContext, kind: RequestKind, format: 'json' | 'msgpack' | 'none', status: number): Promise<void> {
  const raw = await ctx.body();
  logRequest(ctx, kind, raw, decodeLoosely(raw, format));
  sendJson(ctx.res, status, {});
}

export function logRequest(ctx: RouteContext, kind: RequestKind, raw: Buffer, body: unknown, spans?: StoredSpan[]): void {
  ctx.store.addRequest({
    kind,
    method: ctx.req.method ?? 'POST',
    path: ctx.url.pathname,
    headers: flatHeaders(ctx.req),
    ...(ctx.sessionToken !== undefined && { sessionToken: ctx.sessionToken }),
    body,
    bytes: raw.length,
    receivedAt: Date.now(),
    raw,
    ...(spans && { spans }),
  });
}

function decodeLoosely(raw: Buffer, format: 'json' | 'msgpack' | 'none'): unknown {
  if (format === 'none' || raw.length === 0) return undefined;
  try {
    return format === 'json' ? JSON.parse(raw.toString('utf8')) : toJsonSafe(decode(raw, { useBigInt64: true }));
  } catch {
    return undefined;
  }
}
