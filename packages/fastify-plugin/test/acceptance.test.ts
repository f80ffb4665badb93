import { fileURLToPath } from 'node:url';
import { startLocalAgent, type LocalAgent, type MetricRecord, type StoredSpan } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { abortedRequest, startChildApp } from '../../http/test/child-app.js';

const APP = fileURLToPath(new URL('./app.mjs', import.meta.url));
const tag = (m: MetricRecord, key: string) => m.tags.find((t) => t.startsWith(`${key}:`))?.slice(key.length + 1);

let agent: LocalAgent;
beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
});
afterAll(() => agent.close());

/** Every request the suites make; the order is the order of the expectations below. */
async function traffic(base: string) {
  const first = await fetch(`${base}/users/42?token=s3cr3t-value&page=2`, {
    headers: { 'x-request-id': 'req-abc', authorization: 'Bearer top-secret', cookie: 'sid=cookie-secret', 'x-tenant': 'acme' },
  });
  expect(first.headers.get('x-request-id')).toBe('req-abc');
  expect((await fetch(`${base}/files/a/b.txt`)).status).toBe(200);
  expect((await fetch(`${base}/api/v1/orders/7`)).status).toBe(200);
  expect((await fetch(`${base}/nope`)).status).toBe(404);
  expect((await fetch(`${base}/boom`)).status).toBe(500);
  expect((await fetch(`${base}/async-boom`)).status).toBe(500);
  expect((await fetch(`${base}/override`)).status).toBe(200);
  await abortedRequest(`${base}/slow`);
  return first.json() as Promise<{ requestId: string; traceId?: string }>;
}

describe.each(['default', 'lean'])('fastify + real dd-trace (%s preset) + hot-shots → local agent', (preset) => {
  let spans: StoredSpan[];
  let metrics: MetricRecord[];
  let body: { requestId: string; traceId?: string };

  beforeAll(async () => {
    agent.store.reset();
    const app = await startChildApp(APP, agent, { traced: true, env: { KENNEL_TRACING_PRESET: preset } });
    expect(app.ddTraceLoaded).toBe(true);
    body = await traffic(app.base);
    await new Promise((r) => setTimeout(r, 500)); // let the aborted handler finish
    const exit = await app.stop();
    expect(exit.code, exit.stderr).toBe(0);
    spans = (await agent.store.waitForSpans((s) => s.name === 'fastify.request' || s.type === 'web', { count: 8, timeoutMs: 10_000 })).filter((s) => s.parent_id === '0');
    metrics = agent.store.metrics({ name: 'http.server.requests' });
  }, 40_000);

  test('web spans are named by route template (params, wildcard, prefix), 404 fixed, user override wins', () => {
    expect(spans.map((s) => s.resource).sort()).toEqual(
      ['GET /users/:id', 'GET /files/*', 'GET /api/v1/orders/:orderId', 'GET unmatched', 'GET /boom', 'GET /async-boom', 'custom override', 'GET /slow'].sort(),
    );
    const users = spans.find((s) => s.resource === 'GET /users/:id')!;
    expect(users.meta['http.route']).toBe('/users/:id');
    expect(users.meta['kennel.http.request_id']).toBe('req-abc');
    expect(body.requestId).toBe('req-abc');
    expect(body.traceId).toBe(users.trace_id);
  });

  test('errors: thrown sync and async errors are 500s with the error on the span; 404 is not an error', () => {
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

  test('credentials are never tagged; query values are redacted whole; allowlisted headers kept', () => {
    const users = spans.find((s) => s.resource === 'GET /users/:id')!;
    expect(users.meta['http.url']).toMatch(/\/users\/42\?token=<redacted>&page=2$/);
    expect(users.meta['http.request.headers.x-tenant']).toBe('acme');
    const everything = JSON.stringify(agent.store.spans());
    for (const secret of ['top-secret', 'cookie-secret', 'response-secret', 's3cr3t']) expect(everything).not.toContain(secret);
  });

  test('metrics carry route template, status code and class, error flag; aborted is 499', () => {
    const seen = metrics.map((m) => `${tag(m, 'route')} ${tag(m, 'status_code')} ${tag(m, 'status_class')} ${tag(m, 'error')}`).sort();
    expect(seen).toEqual(
      [
        '/users/:id 200 2xx false',
        '/files/_ 200 2xx false', // @kennel/metrics maps `*` to `_` as Datadog does for tags
        '/api/v1/orders/:orderId 200 2xx false',
        'unmatched 404 4xx false',
        '/boom 500 5xx true',
        '/async-boom 500 5xx true',
        '/override 200 2xx false',
        '/slow 499 4xx false',
      ].sort(),
    );
    expect(metrics.every((m) => m.type === 'c' && m.value === 1 && tag(m, 'method') === 'GET')).toBe(true);
    const durations = agent.store.metrics({ name: 'http.server.duration' });
    expect(durations).toHaveLength(8);
    expect(durations.every((m) => m.type === 'd' && m.value >= 0)).toBe(true);
  });
});

test('metrics-only: tracing disabled, dd-trace never loaded, metrics and request ids still work', async () => {
  agent.store.reset();
  const app = await startChildApp(APP, agent, { traced: false });
  expect(app.ddTraceLoaded).toBe(false);
  const res = await fetch(`${app.base}/users/1`);
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(((await res.json()) as { traceId?: string }).traceId).toBeUndefined();
  expect((await fetch(`${app.base}/boom`)).status).toBe(500);
  const exit = await app.stop();
  expect(exit.code, exit.stderr).toBe(0);
  const boom = await agent.store.waitForMetric('http.server.requests', (m) => tag(m, 'route') === '/boom');
  expect(tag(boom, 'status_class')).toBe('5xx');
  expect(agent.store.metrics({ name: 'http.server.requests' })).toHaveLength(2);
  expect(agent.store.spans()).toEqual([]);
}, 30_000);
