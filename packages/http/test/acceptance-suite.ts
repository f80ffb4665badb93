/**
 * The acceptance suite both framework packages run: a real app in a child process (real dd-trace
 * via @kennel/tracing, real hot-shots via @kennel/metrics) sending to a real @kennel/local-agent.
 * Each app serves the same routes; only the paths of the parametrised, wildcard and nested routes
 * differ per framework, and a framework may add routes of its own.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAgent, type LocalAgent, type MetricRecord, type StoredSpan } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { abortedRequest, startChildApp } from './child-app.js';

/** A request path and the route template it must be reported as. */
type Route = readonly [url: string, template: string];

export interface AcceptanceOptions {
  framework: string;
  /** Absolute path of the app script. */
  app: string;
  /** Child environments to run the traced suite with, e.g. presets or framework versions. */
  variants: readonly {
    label: string;
    /** The framework's major version: the app gets it as FRAMEWORK_MAJOR and must report running on it. */
    major: string;
    env: Record<string, string>;
    /** Traced with dd-trace's middleware spans on, kennel must add no span of its own to a request. */
    noKennelSpan?: boolean;
  }[];
  /** The name dd-trace's framework integration gives the web span: where it is on, the app must run instrumented. */
  tracerSpanName: string;
  /**
   * The app logs through the framework's logger (pino) to KENNEL_TEST_LOG_FILE, one JSON line each:
   * a line `user lookup` from the /users/:id handler, and the framework's own lines for each request.
   */
  logs?: boolean;
  /** Per variant (its app's environment): the wildcard route, the nested/prefixed route, and any route the framework adds. */
  routes: (env: Record<string, string>) => { wildcard: Route; nested: Route } & Record<string, Route>;
}

/** The trace an upstream caller propagates (decimal ids, as Datadog headers carry them). */
const UPSTREAM = { traceId: '1234567890123456789', parentId: '987654321' };
/** A JWT sent as the query itself, no parameter name: its payload must never reach the agent. */
const BARE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiYXJlLXRva2VuIn0.c2lnbmF0dXJl';
const tag = (m: MetricRecord, key: string) => m.tags.find((t) => t.startsWith(`${key}:`))?.slice(key.length + 1);
/** A log line's `dd.trace_id` as the agent stores trace ids (the low 64 bits, decimal): dd-trace writes 128-bit ids in hex. */
const logTraceId = (line: LogLine) => {
  const id = line.dd?.trace_id;
  return id !== undefined && /^[0-9a-f]{32}$/.test(id) ? BigInt(`0x${id.slice(16)}`).toString() : id;
};
type LogLine = { msg?: string; reqId?: string; level?: number; req?: { url?: string }; dd?: { trace_id?: string } };
/** @kennel/metrics maps `*` to `_` in tag values, as Datadog does. */
const asMetricTag = (template: string) => template.replaceAll('*', '_');

export function acceptanceSuite(options: AcceptanceOptions): void {
  let agent: LocalAgent;
  beforeAll(async () => {
    agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  });
  afterAll(() => agent.close());

  describe.each(options.variants)(`${options.framework} $major $label + real dd-trace + hot-shots → local agent`, ({ env: variantEnv, major, noKennelSpan }) => {
    const logFile = join(tmpdir(), `kennel-acceptance-${process.pid}-${Math.random().toString(36).slice(2)}.jsonl`);
    const env: Record<string, string> = { ...variantEnv, FRAMEWORK_MAJOR: major, ...(options.logs ? { KENNEL_TEST_LOG_FILE: logFile } : {}) };
    /** KENNEL_HTTP_TAG_SAMPLE_RATE=0: no request gets the detailed tags (captured headers, the tag function's). */
    const detailed = env.KENNEL_HTTP_TAG_SAMPLE_RATE !== '0';
    const scrubbed = env.KENNEL_TEST_PII === '1';
    const routes = Object.values(options.routes(env));
    let spans: StoredSpan[];
    let metrics: MetricRecord[];
    let body: { requestId: string; traceId?: string };
    let generatedId: string;
    let generatedBody: { requestId: string; traceId?: string };
    let health: Response;
    let logs: LogLine[];

    beforeAll(async () => {
      agent.store.reset();
      const app = await startChildApp(options.app, agent, { traced: true, env });
      expect(app.ddTraceLoaded).toBe(true);
      expect(app.frameworkVersion?.split('.')[0], `the framework version the app runs on`).toBe(major);
      const base = app.base;
      const first = await fetch(`${base}/users/42?token=s3cr3t-value&page=2&${BARE_TOKEN}`, {
        headers: { 'x-request-id': 'req-abc', authorization: 'Bearer top-secret', cookie: 'sid=cookie-secret', 'x-tenant': 'acme', 'x-contact': 'ops@acme.example' },
      });
      expect(first.headers.get('x-request-id')).toBe('req-abc');
      body = (await first.json()) as typeof body;
      // An upstream service's trace, in Datadog headers: the web span must continue it.
      const continued = await fetch(`${base}/users/5`, { headers: { 'x-datadog-trace-id': UPSTREAM.traceId, 'x-datadog-parent-id': UPSTREAM.parentId, 'x-datadog-sampling-priority': '1' } });
      expect(continued.status).toBe(200);
      // A 64-bit upstream trace id: the generated request id is it in 32 hex digits, high half zero.
      expect(continued.headers.get('x-request-id')).toBe(BigInt(UPSTREAM.traceId).toString(16).padStart(32, '0'));
      const generated = await fetch(`${base}/users/7`);
      generatedId = generated.headers.get('x-request-id') ?? '';
      generatedBody = (await generated.json()) as typeof body;
      health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      for (const [url] of routes) expect((await fetch(`${base}${url}`)).status).toBe(200);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      expect((await fetch(`${base}/boom`)).status).toBe(500);
      expect((await fetch(`${base}/async-boom`)).status).toBe(500);
      expect((await fetch(`${base}/unavailable`)).status).toBe(503);
      expect((await fetch(`${base}/override`)).status).toBe(200);
      expect((await fetch(`${base}/outbound`)).status).toBe(200);
      await abortedRequest(`${base}/slow`);
      await new Promise((r) => setTimeout(r, 500)); // let the aborted handler finish
      const exit = await app.stop();
      expect(exit.code, exit.stderr).toBe(0);
      // dd-trace sends the health check's span too, dropped by its sampling priority: it is looked at on its own.
      const isRequest = (s: StoredSpan) => s.type === 'web' && s.parent_id === '0' && s.metrics['_sampling_priority_v1'] !== -1;
      spans = (await agent.store.waitForSpans(isRequest, { count: 9 + routes.length, timeoutMs: 10_000 })).filter(isRequest);
      metrics = agent.store.metrics({ name: 'http.server.requests' });
      logs = options.logs ? readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LogLine) : [];
      rmSync(logFile, { force: true });
    }, 40_000);

    test('web spans are named by the full route template, 404 by a fixed name, and a user override wins', () => {
      expect(spans.map((s) => s.resource).sort()).toEqual(
        ['GET /users/:id', 'GET /users/:id', ...routes.map(([, template]) => `GET ${template}`), 'GET unmatched', 'GET /boom', 'GET /async-boom', 'GET /unavailable', 'custom override', 'GET /slow', 'GET /outbound'].sort(),
      );
      // Every matched request's http.route is its full template too, the aborted one's included.
      for (const span of spans.filter((s) => s.resource.startsWith('GET /'))) expect(span.meta['http.route'], span.resource).toBe(span.resource.slice(4));
      expect(spans.find((s) => s.resource === 'custom override')!.meta['http.route']).toBe('/override');
      const users = spans.find((s) => s.trace_id === body.traceId)!;
      expect(users.resource).toBe('GET /users/:id');
      expect(users.meta['http.route']).toBe('/users/:id');
      expect(users.meta['kennel.http.request_id']).toBe('req-abc');
      expect(body.requestId).toBe('req-abc');
      expect(body.traceId).toBe(users.trace_id);
    });

    test("dd-trace's framework integration names the web span, or kennel's under the lean preset", () => {
      const lean = env.KENNEL_TRACING_PRESET === 'lean';
      expect(new Set(spans.map((s) => s.name))).toEqual(new Set([lean ? 'web.request' : options.tracerSpanName]));
    });

    test('a generated request id is the 128-bit trace id, and needs no tag of its own', () => {
      const span = spans.find((s) => s.trace_id === generatedBody.traceId)!;
      expect(generatedId).toMatch(/^[0-9a-f]{32}$/);
      expect(generatedBody.requestId).toBe(generatedId);
      expect(generatedId).toBe(`${span.meta['_dd.p.tid']}${BigInt(span.trace_id).toString(16).padStart(16, '0')}`);
      expect(span.meta).not.toHaveProperty('kennel.http.request_id');
    });

    test('an outgoing call the handler makes belongs to the web span (its child, or a middleware span\'s)', () => {
      const outbound = spans.find((s) => s.resource === 'GET /outbound')!;
      const trace = new Map(agent.store.spans().filter((s) => s.trace_id === outbound.trace_id).map((s) => [s.span_id, s]));
      const underWebSpan = (s: StoredSpan): boolean => s.parent_id === outbound.span_id || (trace.has(s.parent_id) && underWebSpan(trace.get(s.parent_id)!));
      // The HTTP client span (its tcp.connect child is a client span too, without a URL).
      const clients = [...trace.values()].filter((s) => s.meta['span.kind'] === 'client' && s.meta['http.url'] !== undefined && underWebSpan(s));
      expect(clients.map((s) => s.meta['http.url'])).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/)]);
    });

    test("the web span continues an upstream caller's trace", () => {
      const span = agent.store.spans().find((s) => s.trace_id === UPSTREAM.traceId && s.type === 'web');
      expect(span).toMatchObject({ parent_id: UPSTREAM.parentId, resource: 'GET /users/:id' });
    });

    test('sending request metrics adds no span to a request trace (no dns.lookup, net or socket spans)', () => {
      // The /outbound handler's own call opens a connection: only the other requests are looked at.
      const roots = spans.filter((s) => s.resource !== 'GET /outbound');
      const traces = new Set(roots.map((s) => s.trace_id));
      const inRequests = agent.store.spans().filter((s) => traces.has(s.trace_id));
      expect(inRequests.length).toBeGreaterThanOrEqual(roots.length);
      expect(inRequests.filter((s) => /^(dns|net|tcp|dgram)\./.test(s.name)).map((s) => s.name)).toEqual([]);
    });

    if (env.KENNEL_TRACING_PRESET === 'lean') {
      test('the lean preset sends trace payload v0.5', () => {
        expect(new Set(spans.map((s) => s.version))).toEqual(new Set(['v0.5']));
      });
    }

    if (noKennelSpan) {
      test('kennel adds no span of its own to a successful request trace', () => {
        const traces = new Set(spans.filter((s) => s.resource === 'GET /users/:id').map((s) => s.trace_id));
        const inRequests = agent.store.spans().filter((s) => traces.has(s.trace_id));
        // dd-trace names a traced middleware span after the function: kennel's would say "kennel".
        expect(inRequests.some((s) => s.name.endsWith('.middleware'))).toBe(true);
        expect(inRequests.filter((s) => /kennel/i.test(s.resource)).map((s) => `${s.name} ${s.resource}`)).toEqual([]);
      });
    }

    test('thrown sync and async errors are 500s with the error on the span; 404 is not an error', () => {
      for (const [resource, message] of [['GET /boom', 'sync boom'], ['GET /async-boom', 'async boom']]) {
        const span = spans.find((s) => s.resource === resource)!;
        expect(span.error).toBe(1);
        expect(span.meta['http.status_code']).toBe('500');
        expect(span.meta['error.message']).toBe(message);
        expect(span.metrics['kennel.http.error']).toBe(1);
      }
      const unmatched = spans.find((s) => s.resource === 'GET unmatched')!;
      expect(unmatched.error).toBe(0);
      expect(unmatched.meta['http.status_code']).toBe('404');
    });

    test('a status errorStatuses leaves out is no error on the span either, though dd-trace counts every 5xx', () => {
      const unavailable = spans.find((s) => s.resource === 'GET /unavailable')!;
      expect(unavailable.meta['http.status_code']).toBe('503');
      expect(unavailable.error).toBe(0);
      expect(unavailable.metrics['kennel.http.error']).toBeUndefined();
    });

    test('an aborted request is 499 on its span, as in its metrics, and not an error', () => {
      const slow = spans.find((s) => s.resource === 'GET /slow')!;
      expect(slow.meta['http.status_code']).toBe('499');
      expect(slow.error).toBe(0);
    });

    test('a health check gets no request id, no metrics, and no kept span', () => {
      expect(health.headers.get('x-request-id')).toBeNull();
      expect(metrics.filter((m) => tag(m, 'route') === '/health')).toEqual([]);
      // dd-trace's span (kennel opens none under the lean preset) goes out marked dropped (USER_REJECT).
      const checks = agent.store.spans().filter((s) => s.type === 'web' && s.parent_id === '0' && s.meta['http.url']?.endsWith('/health'));
      for (const check of checks) expect(check.metrics['_sampling_priority_v1']).toBe(-1);
      expect(checks).toHaveLength(env.KENNEL_TRACING_PRESET === 'lean' ? 0 : 1);
    });

    test(detailed ? 'the tag function and captured headers tag every request' : 'with a tag sample rate of 0 no request gets the detailed tags', () => {
      const matched = spans.filter((s) => s.resource.startsWith('GET /'));
      expect(matched.map((s) => s.meta['app.tier'])).toEqual(matched.map(() => (detailed ? 'gold' : undefined)));
      const users = spans.find((s) => s.meta['kennel.http.request_id'] === 'req-abc')!;
      expect(users.meta['http.request.headers.x-tenant']).toBe(detailed ? 'acme' : undefined);
    });

    test(scrubbed ? 'captured header values go through @kennel/pii-filter' : 'captured header values are sent as they are without @kennel/pii-filter', () => {
      const contact = spans.find((s) => s.meta['kennel.http.request_id'] === 'req-abc')!.meta['http.request.headers.x-contact'];
      if (!detailed) return expect(contact).toBeUndefined();
      if (scrubbed) {
        expect(contact).toBeDefined();
        expect(contact).not.toContain('ops@acme.example');
      } else {
        expect(contact).toBe('ops@acme.example');
      }
    });

    test('credentials are never tagged, even allowlisted; query values are redacted whole', () => {
      const users = spans.find((s) => s.resource === 'GET /users/:id')!;
      // A credential sent as a bare query part (no `=`) goes whole, as dd-trace's own obfuscation would take it.
      expect(users.meta['http.url']).toMatch(/\/users\/42\?token=<redacted>&page=2&<redacted>$/);
      const everything = JSON.stringify(agent.store.spans());
      for (const secret of ['top-secret', 'cookie-secret', 'response-secret', 's3cr3t', BARE_TOKEN.split('.')[1]!]) expect(everything).not.toContain(secret);
    });

    if (options.logs) {
      test("the framework's log lines for a request carry its trace id: the handler's, the error's, and the framework's own", () => {
        const urls = new Map(logs.filter((l) => l.msg === 'incoming request').map((l) => [l.reqId, l.req?.url ?? '']));
        const users = spans.find((s) => s.meta['kennel.http.request_id'] === 'req-abc')!;
        const usersReq = [...urls].find(([, url]) => url.startsWith('/users/42'))![0];
        const lines = logs.filter((l) => l.reqId === usersReq && (l.msg === 'user lookup' || l.msg === 'request completed'));
        expect(lines.map((l) => [l.msg, logTraceId(l)])).toEqual([
          ['user lookup', users.trace_id],
          ['request completed', users.trace_id],
        ]);
        const boom = spans.find((s) => s.resource === 'GET /boom')!;
        const boomReq = [...urls].find(([, url]) => url === '/boom')![0];
        const errorLine = logs.find((l) => l.reqId === boomReq && l.level === 50)!;
        expect(logTraceId(errorLine)).toBe(boom.trace_id);
        // Every request kennel tracks ends in a line its trace joins (the health check is not tracked).
        const completed = logs.filter((l) => l.msg === 'request completed' && !urls.get(l.reqId)?.startsWith('/health'));
        expect(completed.length).toBeGreaterThanOrEqual(spans.length - 1); // the aborted request logs no completion
        const traces = agent.store.spans().filter((s) => s.type === 'web').map((s) => s.trace_id); // the continued upstream trace's too
        for (const line of completed) expect(traces, urls.get(line.reqId)).toContain(logTraceId(line));
      });
    }

    test('metrics carry route template, status code and class, error flag; aborted counts once as 499', () => {
      // The child flushes every 100 ms, so a flush may fall between two requests of one series and
      // its count arrive in two lines: what each series must add up to is what is checked.
      const counts: Record<string, number> = {};
      for (const m of metrics) {
        expect([m.type, tag(m, 'method')]).toEqual(['c', 'GET']);
        const series = `${tag(m, 'route')} ${tag(m, 'status_code')} ${tag(m, 'status_class')} ${tag(m, 'error')}`;
        counts[series] = (counts[series] ?? 0) + m.value;
      }
      // Three requests to /users/:id (with an incoming id, with an upstream trace, with neither), one to each other route.
      expect(counts).toEqual({
        '/users/:id 200 2xx false': 3,
        ...Object.fromEntries(routes.map(([, template]) => [`${asMetricTag(template)} 200 2xx false`, 1])),
        'unmatched 404 4xx false': 1,
        '/boom 500 5xx true': 1,
        '/async-boom 500 5xx true': 1,
        '/unavailable 503 5xx false': 1,
        '/override 200 2xx false': 1,
        '/slow 499 4xx false': 1,
        '/outbound 200 2xx false': 1,
      });
      const durations = agent.store.metrics({ name: 'http.server.duration' });
      expect(durations).toHaveLength(10 + routes.length);
      expect(durations.every((m) => m.type === 'd' && m.value >= 0)).toBe(true);
      // A traced request's duration is its web span's (ms to the microsecond; the span's is in ns).
      for (const route of ['/boom', '/slow']) {
        const span = spans.find((s) => s.resource === `GET ${route}`)!;
        const metric = durations.find((m) => tag(m, 'route') === route)!;
        expect(Math.abs(metric.value - span.duration / 1e6), route).toBeLessThanOrEqual(0.001);
      }
    });
  });

  test.each([
    ['disabled (DD_TRACE_ENABLED=false)', {}],
    ['not installed', { KENNEL_TEST_NO_TRACING: '1' }],
  ])(`${options.framework} metrics-only, tracing %s: dd-trace never loaded, metrics and request ids still work`, async (_label, env) => {
    agent.store.reset();
    const app = await startChildApp(options.app, agent, { traced: false, env });
    expect(app.ddTraceLoaded).toBe(false);
    const res = await fetch(`${app.base}/users/1`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { traceId?: string }).traceId).toBeUndefined();
    expect((await fetch(`${app.base}/boom`)).status).toBe(500);
    expect((await fetch(`${app.base}/nope`)).status).toBe(404);
    expect((await fetch(`${app.base}/health`)).status).toBe(200);
    await abortedRequest(`${app.base}/slow`);
    await new Promise((r) => setTimeout(r, 500)); // let the aborted handler finish
    const exit = await app.stop();
    expect(exit.code, exit.stderr).toBe(0);
    await agent.store.waitForMetric('http.server.requests', (m) => tag(m, 'route') === '/slow');
    const series = agent.store.metrics({ name: 'http.server.requests' }).map((m) => `${tag(m, 'route')} ${tag(m, 'status_code')} ${tag(m, 'status_class')} ${tag(m, 'error')} ${m.value}`);
    expect(series.sort()).toEqual(['/boom 500 5xx true 1', '/slow 499 4xx false 1', '/users/:id 200 2xx false 1', 'unmatched 404 4xx false 1']);
    expect(agent.store.spans()).toEqual([]);
  }, 30_000);
}
