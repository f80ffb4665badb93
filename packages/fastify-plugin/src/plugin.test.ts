import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import Fastify4 from 'fastify4';
import { describe, expect, test } from 'vitest';
import { FakeLlm, FakeMetrics, type FakeSpan, FakeTracing, fakeKennel, finishOnEnd } from '../../http/test/fakes.js';
import type { RequestState } from '@kennel/http';
import { kennelFastify } from './index.js';

type Options = Omit<Parameters<typeof kennelFastify>[1], 'kennel'>;

function routes(app: FastifyInstance) {
  app.get('/users/:id', async (req) => ({ id: (req.params as { id: string }).id, kennel: req.kennel?.requestId }));
  app.get('/boom', () => {
    throw new Error('sync boom');
  });
  app.get('/async-boom', async () => {
    throw new Error('async boom');
  });
  app.get('/files/*', async () => 'file');
  app.get('/private', { config: { kennel: false } }, async () => 'hidden');
  app.get('/health', async () => 'ok');
  app.register(
    async (api) => {
      api.get('/orders/:orderId', async () => 'order');
    },
    { prefix: '/api/v1' },
  );
}

/** `hooks`: the test's own hooks, added before the app is ready. */
async function setup(options: Options = {}, make: () => FastifyInstance = () => Fastify(), env: Record<string, string> = {}, hooks?: (app: FastifyInstance) => void) {
  const tracing = new FakeTracing();
  const metrics = new FakeMetrics();
  const kennel = await fakeKennel({ tracing, metrics, env });
  const app = make();
  await app.register(kennelFastify, { kennel, ...options });
  app.addHook('onRequest', (request, reply, done) => {
    finishOnEnd((request.kennel as RequestState | undefined)?.span, reply.raw);
    done();
  });
  hooks?.(app);
  routes(app);
  await app.ready();
  return { app, tracing, metrics };
}

const routeOf = (tags: readonly string[]) => tags.find((t) => t.startsWith('route:'));

describe.each([
  ['fastify 5', () => Fastify()],
  ['fastify 4', () => Fastify4() as unknown as FastifyInstance],
])('%s', (_name, make) => {
  test('route templates (params, wildcard, prefix) name the span and tag the metrics', async () => {
    const { app, tracing, metrics } = await setup({}, make);
    for (const url of ['/users/42', '/files/a/b.txt', '/api/v1/orders/7']) expect((await app.inject(url)).statusCode).toBe(200);
    expect(tracing.spans.map((s) => s.tags['resource.name'])).toEqual(['GET /users/:id', 'GET /files/*', 'GET /api/v1/orders/:orderId']);
    expect(metrics.requests().map(routeOf)).toEqual(['route:/users/:id', 'route:/files/*', 'route:/api/v1/orders/:orderId']);
    expect(metrics.requests()[0]).toEqual(['method:GET', 'route:/users/:id', 'status_code:200', 'status_class:2xx', 'error:false']);
  });

  test("the span's http.route is left to its finish (dd-trace records the same template then); one set by then is kept", async () => {
    const whileRouting: unknown[] = [];
    const { app, tracing } = await setup({}, make, {}, (app) =>
      app.addHook('preHandler', (request, _reply, done) => {
        const span = (request.kennel as RequestState).span as FakeSpan;
        whileRouting.push(span.tags['http.route'], span.tags['resource.name']);
        // Stands in for dd-trace's own tag, set as it finishes the span, before kennel's finish-time tags.
        if (request.url.startsWith('/files/')) span.tags['http.route'] = '/files/:rest';
        done();
      }),
    );
    for (const url of ['/users/42', '/files/a/b.txt']) expect((await app.inject(url)).statusCode).toBe(200);
    expect(whileRouting).toEqual([undefined, 'GET /users/:id', undefined, 'GET /files/*']);
    expect(tracing.spans.map((s) => s.tags['http.route'])).toEqual(['/users/:id', '/files/:rest']);
  });

  test('404 → unmatched; sync and async throws → 500 errors with the error on the span', async () => {
    const { app, tracing, metrics } = await setup({}, make);
    expect((await app.inject('/nope')).statusCode).toBe(404);
    expect((await app.inject('/boom')).statusCode).toBe(500);
    expect((await app.inject('/async-boom')).statusCode).toBe(500);
    expect(metrics.requests().map((t) => [routeOf(t), t[2], t[4]])).toEqual([
      ['route:unmatched', 'status_code:404', 'error:false'],
      ['route:/boom', 'status_code:500', 'error:true'],
      ['route:/async-boom', 'status_code:500', 'error:true'],
    ]);
    expect((tracing.spans[1]!.tags.error as Error).message).toBe('sync boom');
    expect((tracing.spans[2]!.tags.error as Error).message).toBe('async boom');
  });

  test('request id is accepted or generated, echoed and exposed on the request', async () => {
    const { app, tracing } = await setup({}, make);
    const given = await app.inject({ url: '/users/1', headers: { 'x-request-id': 'req-1' } });
    expect(given.headers['x-request-id']).toBe('req-1');
    expect(given.json().kennel).toBe('req-1');
    expect(tracing.last().tags['kennel.http.request_id']).toBe('req-1');
    // Traced, a generated id is the 128-bit trace id, so it needs no tag of its own.
    const generated = await app.inject('/users/1');
    expect(generated.headers['x-request-id']).toBe(tracing.last().context().toTraceId(true));
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(tracing.last().tags).not.toHaveProperty('kennel.http.request_id');
  });

  test('route opt-out and ignored paths get nothing', async () => {
    const { app, tracing, metrics } = await setup({}, make);
    expect((await app.inject('/private')).headers['x-request-id']).toBeUndefined();
    expect((await app.inject('/health')).headers['x-request-id']).toBeUndefined();
    expect(metrics.sent).toEqual([]);
    expect(tracing.spans.map((s) => s.tags['manual.drop'])).toEqual([true]);
  });
});

function loggedApp(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return () => {
    const a = Fastify({ logger: { stream, level: 'info' } });
    a.get('/log', async (req) => {
      req.log.info('handled');
      return 'ok';
    });
    return a;
  };
}

test('trace ids are bound into the request logger (dd.trace_id, dd.span_id) when dd-trace does not inject them', async () => {
  const lines: Record<string, unknown>[] = [];
  const { app, tracing } = await setup({}, loggedApp(lines), { DD_LOGS_INJECTION: 'false' });
  await app.inject('/log');
  const span = tracing.last();
  const bound = { trace_id: `trace-${span.id}`, span_id: span.id };
  expect(lines.find((l) => l.msg === 'handled')!.dd).toEqual(bound);
  // fastify's own line for the request, written through `reply.log`.
  expect(lines.find((l) => l.msg === 'request completed')!.dd).toEqual(bound);
});

test('no second `dd` binding when dd-trace injects trace ids itself (DD_LOGS_INJECTION on)', async () => {
  const lines: Record<string, unknown>[] = [];
  const { app } = await setup({}, loggedApp(lines));
  await app.inject('/log');
  expect(lines.find((l) => l.msg === 'handled')).not.toHaveProperty('dd');
  const forced: Record<string, unknown>[] = [];
  const again = await setup({ logInjection: true }, loggedApp(forced));
  await again.app.inject('/log');
  expect(forced.find((l) => l.msg === 'handled')).toHaveProperty('dd');
});

test('metrics-only: no tracing plugin, no onSend hook, metrics still flow', async () => {
  const metrics = new FakeMetrics();
  const app = Fastify();
  await app.register(kennelFastify, { kennel: await fakeKennel({ metrics }) });
  routes(app);
  await app.ready();
  await app.inject('/users/3');
  expect(metrics.requests().map(routeOf)).toEqual(['route:/users/:id']);
});

test('registering kennelFastify twice, even in a child context, is a clear registration error', async () => {
  const kennel = await fakeKennel({});
  const app = Fastify();
  await app.register(kennelFastify, { kennel });
  app.register(
    async (child) => {
      await child.register(kennelFastify, { kennel });
    },
    { prefix: '/v1' },
  );
  await expect(app.ready()).rejects.toThrow(/app\.register\(kennelFastify\)=.*already have a `kennel` decorator.*expected kennelFastify registered once, on the root instance/);
});

test('a missing kennel handle is a clear registration error', async () => {
  const app = Fastify();
  await expect(app.register(kennelFastify, {} as never).ready()).rejects.toThrow(/options\.kennel=.*expected the handle returned by createKennel\(\)/);
});

test('a throwing user tag function never reaches the app', async () => {
  const { app, metrics } = await setup({
    tags: () => {
      throw new Error('bug');
    },
    metricTags: () => {
      throw new Error('bug');
    },
  });
  expect((await app.inject('/users/1')).statusCode).toBe(200);
  // The request is still counted, without the tags the throwing function would have added.
  expect(metrics.requests()).toEqual([['method:GET', 'route:/users/:id', 'status_code:200', 'status_class:2xx', 'error:false']]);
});

test('LLM calls made while serving a request carry its session: handler after body parsing and awaits', async () => {
  const llm = new FakeLlm();
  const app = Fastify();
  await app.register(kennelFastify, { kennel: await fakeKennel({ llm }) });
  app.post('/chat', async () => {
    await new Promise((r) => setTimeout(r, 1));
    return { context: llm.current() };
  });
  const chat = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/chat', headers, payload: { q: 'hi' } }).then((r) => r.json());
  expect(await chat({ 'x-session-id': 'sess-42' })).toEqual({ context: { sessionId: 'sess-42' } });
  expect(await chat({ 'x-session-id': 'not ok; spaces' })).toEqual({ context: null });
  expect(await chat({})).toEqual({ context: null });
});

test('a custom llmContext supplies the user id; a throwing one leaves the request untouched', async () => {
  const llm = new FakeLlm();
  const app = Fastify();
  await app.register(kennelFastify, {
    kennel: await fakeKennel({ llm }),
    llmContext: (req) => {
      if (req.headers['x-user'] === 'boom') throw new Error('no session store');
      return { userId: String(req.headers['x-user']), sessionId: 's-1' };
    },
  });
  app.get('/who', async () => ({ context: llm.current() }));
  expect((await app.inject({ url: '/who', headers: { 'x-user': 'u-7' } })).json()).toEqual({ context: { userId: 'u-7', sessionId: 's-1' } });
  const failed = await app.inject({ url: '/who', headers: { 'x-user': 'boom' } });
  expect([failed.statusCode, failed.json()]).toEqual([200, { context: null }]);
});
