import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeLlm, FakeMetrics, FakeTracing, fakeKennel, finishOnEnd } from '../../http/test/fakes.js';
import type { RequestState } from '@kennel/http';
import { instrumentExpress, kennelErrorHandler, kennelExpress } from './index.js';

type Express = typeof express;
const finishSpans: express.RequestHandler = (req, res, next) => {
  finishOnEnd((req.kennel as RequestState | undefined)?.span, res);
  next();
};
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** The two ways to install kennel: as the first middleware, or at the app's entry. */
type Entry = 'middleware' | 'instrumentExpress';
function install(app: express.Express, entry: Entry, options: Parameters<typeof kennelExpress>[0]) {
  if (entry === 'middleware') app.use(kennelExpress(options));
  else instrumentExpress(app, options);
}

async function setup(make: Express, entry: Entry, options: Omit<Parameters<typeof kennelExpress>[0], 'kennel'> = {}, withTracing = true) {
  const tracing = withTracing ? new FakeTracing() : undefined;
  const metrics = new FakeMetrics();
  const app = make();
  install(app, entry, { kennel: await fakeKennel({ tracing, metrics }), ...options });
  app.use(finishSpans);

  const posts = make.Router({ mergeParams: true });
  posts.get('/:postId', (req, res) => {
    res.json({ requestId: req.kennel?.requestId, ownProperty: Object.hasOwn(req, 'kennel') });
  });
  const users = make.Router();
  users.use('/:userId/posts', posts);
  users.get(['/list', '/all'], (_req, res) => {
    res.send('list');
  });
  app.use('/api/users', users);
  const sub = make();
  sub.get('/items/:itemId', (_req, res) => {
    res.send('item');
  });
  app.use('/sub', sub);
  app.get(/^\/re(gex)?$/, (_req, res) => {
    res.send('regex');
  });
  app.get('/sync', () => {
    throw new Error('sync boom');
  });
  app.get('/slow', (_req, res) => {
    setTimeout(() => res.end('late'), 200);
  });
  app.use(kennelErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { app, tracing, metrics, base, server };
}

/** The middleware finishes on 'close', which follows the response by a tick. */
const settle = () => new Promise((r) => setTimeout(r, 20));
const routeOf = (tags: readonly string[]) => tags.find((t) => t.startsWith('route:'));

describe.each([
  ['express 5', express, 'middleware'],
  ['express 4', express4 as unknown as Express, 'middleware'],
  ['express 5', express, 'instrumentExpress'],
  ['express 4', express4 as unknown as Express, 'instrumentExpress'],
] as const)('%s, %s', (_name, make, entry) => {
  test('nested routers with parametrised mounts, arrays and regexes yield the full template', async () => {
    const { tracing, metrics, base } = await setup(make, entry);
    const res = await fetch(`${base}/api/users/42/posts/7`, { headers: { 'x-request-id': 'r-1' } });
    expect(res.headers.get('x-request-id')).toBe('r-1');
    // Read through express's request prototype: kennel adds one own property to a request, not two.
    expect(await res.json()).toEqual({ requestId: 'r-1', ownProperty: false });
    await fetch(`${base}/api/users/all`);
    await fetch(`${base}/regex`);
    await fetch(`${base}/sub/items/5`);
    await settle();
    expect(tracing!.spans.map((s) => s.tags['resource.name'])).toEqual(['GET /api/users/:userId/posts/:postId', 'GET /api/users/all', 'GET /^\\/re(gex)?$/', 'GET /sub/items/:itemId']);
    expect(metrics.requests().map(routeOf)).toEqual(['route:/api/users/:userId/posts/:postId', 'route:/api/users/all', 'route:/^\\/re(gex)?$/', 'route:/sub/items/:itemId']);
  });

  test('404 is unmatched, a thrown error is a 500 error with the error on the span', async () => {
    const { tracing, metrics, base } = await setup(make, entry);
    expect((await fetch(`${base}/nope?secret=1`)).status).toBe(404);
    expect((await fetch(`${base}/sync`)).status).toBe(500);
    await settle();
    expect(metrics.requests().map((t) => [routeOf(t), t[2], t[4]])).toEqual([
      ['route:unmatched', 'status_code:404', 'error:false'],
      ['route:/sync', 'status_code:500', 'error:true'],
    ]);
    expect((tracing!.spans[1]!.tags.error as Error).message).toBe('sync boom');
  });

  test('an aborted request is counted once as 499', async () => {
    const { metrics, base } = await setup(make, entry);
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/slow`);
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(metrics.requests()).toEqual([['method:GET', 'route:/slow', 'status_code:499', 'status_class:4xx', 'error:false']]);
  });
});

/** A listening app; its base URL. */
async function serve(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each([
  ['express 5', express],
  ['express 4', express4 as unknown as Express],
] as const)('%s: kennel installed more than once, or inside routes and mounts', (_name, make) => {
  test('an instrumented app mounted in an instrumented app: the outer one tracks the request, once, by its full template', async () => {
    const metrics = new FakeMetrics();
    const kennel = await fakeKennel({ metrics });
    const app = instrumentExpress(make(), { kennel });
    const tenant = instrumentExpress(make(), { kennel });
    tenant.use(kennelExpress({ kennel }));
    tenant.get('/items/:itemId', (req, res) => {
      res.json({ requestId: req.kennel?.requestId });
    });
    app.use('/tenants/:tenant', tenant);
    const base = await serve(app);
    const res = await fetch(`${base}/tenants/t1/items/5`, { headers: { 'x-request-id': 'r-9' } });
    expect(res.headers.get('x-request-id')).toBe('r-9');
    expect(await res.json()).toEqual({ requestId: 'r-9' });
    await settle();
    expect(metrics.requests().map(routeOf)).toEqual(['route:/tenants/:tenant/items/:itemId']);
  });

  test("a route that passes the request on (next('route')): span and metrics name the route that answers", async () => {
    const tracing = new FakeTracing();
    const metrics = new FakeMetrics();
    const app = instrumentExpress(make(), { kennel: await fakeKennel({ tracing, metrics }) });
    app.use(finishSpans);
    app.get('/items/:itemId', (_req, _res, next) => next('route'));
    app.get(/^\/items\/.+$/, (_req, res) => {
      res.send('item');
    });
    const base = await serve(app);
    expect((await fetch(`${base}/items/5`)).status).toBe(200);
    await settle();
    expect(tracing.spans.map((s) => [s.tags['resource.name'], s.tags['http.route']])).toEqual([['GET /^\\/items\\/.+$/', '/^\\/items\\/.+$/']]);
    expect(metrics.requests().map(routeOf)).toEqual(['route:/^\\/items\\/.+$/']);
  });

  test("kennel's middleware among a route's handlers, or in a mounted router, names the route", async () => {
    const metrics = new FakeMetrics();
    const warnings: string[] = [];
    const kennel = await fakeKennel({ metrics });
    const mw = kennelExpress({ kennel: { ...kennel, logger: { ...kennel.logger, warn: (m: string) => warnings.push(m) } } });
    const app = make();
    app.get('/orders/:orderId', mw, (_req, res) => {
      res.send('order');
    });
    const shared = make.Router({ mergeParams: true });
    shared.use(mw);
    shared.get('/teams/:teamId', (_req, res) => {
      res.send('team');
    });
    app.use('/orgs/:orgId', shared);
    const plain = make.Router();
    plain.use(mw);
    plain.get('/teams/:teamId', (_req, res) => {
      res.send('team');
    });
    app.use('/plain/:orgId', plain);
    const base = await serve(app);
    await fetch(`${base}/orders/7`);
    await fetch(`${base}/orgs/acme/teams/3`);
    expect(warnings).toEqual([]);
    await fetch(`${base}/plain/acme/teams/3`);
    await fetch(`${base}/plain/globex/teams/4`);
    await settle();
    // A router that keeps its mount's params to itself leaves nothing to map the mount back with.
    expect(metrics.requests().map(routeOf)).toEqual(['route:/orders/:orderId', 'route:/orgs/:orgId/teams/:teamId', 'route:/plain/acme/teams/:teamId', 'route:/plain/globex/teams/:teamId']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('inside the mount "/plain/acme" (req.baseUrl)');
    expect(warnings[0]).toContain('mergeParams: true');
  });
});

test('express 5 async errors are counted as 500 with the error recorded', async () => {
  const tracing = new FakeTracing();
  const metrics = new FakeMetrics();
  const app = express();
  app.use(kennelExpress({ kennel: await fakeKennel({ tracing, metrics }) }));
  app.use(finishSpans);
  app.get('/async', async () => {
    throw new Error('async boom');
  });
  app.use(kennelErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  expect((await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/async`)).status).toBe(500);
  await settle();
  expect(metrics.requests()[0]).toEqual(['method:GET', 'route:/async', 'status_code:500', 'status_class:5xx', 'error:true']);
  expect((tracing.last().tags.error as Error).message).toBe('async boom');
});

test.each(['middleware', 'instrumentExpress'] as const)('metrics-only mode and ignored health checks (%s)', async (entry) => {
  const { metrics, base } = await setup(express, entry, {}, false);
  await fetch(`${base}/health`);
  await fetch(`${base}/api/users/1/posts/2`);
  await settle();
  expect(metrics.requests().map(routeOf)).toEqual(['route:/api/users/:userId/posts/:postId']);
});

test('a missing kennel handle is a clear error', () => {
  expect(() => kennelExpress({} as never)).toThrow(/options\.kennel=.*expected the handle returned by createKennel\(\)/);
});

test('instrumentExpress takes an express app, once', async () => {
  const kennel = await fakeKennel({});
  expect(() => instrumentExpress({} as never, { kennel })).toThrow(/instrumentExpress\(app\)="object" is invalid: expected an express application, as returned by express\(\)/);
  const app = instrumentExpress(express(), { kennel });
  expect(() => instrumentExpress(app, { kennel })).toThrow(/"an app kennel already instruments" is invalid: expected each app instrumented once/);
});

test.each(['middleware', 'instrumentExpress'] as const)('LLM calls made while serving a request carry its session, through routers and awaits (%s)', async (entry) => {
  const llm = new FakeLlm();
  const app = express();
  install(app, entry, { kennel: await fakeKennel({ llm }), llmContext: (req) => ({ sessionId: req.get('x-session-id'), userId: req.get('x-user') }) });
  const router = express.Router();
  router.post('/chat', express.json(), async (_req, res) => {
    await new Promise((r) => setTimeout(r, 1));
    res.json({ context: llm.current() });
  });
  app.use('/llm', router);
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/llm/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-id': 'sess-9', 'x-user': 'u-1' }, body: '{"q":"hi"}' });
  expect(await res.json()).toEqual({ context: { sessionId: 'sess-9', userId: 'u-1' } });
});
