import { EventEmitter, once } from 'node:events';
import { IncomingMessage } from 'node:http';
import { type AddressInfo, Socket } from 'node:net';
import { Readable, Stream } from 'node:stream';
import express from 'express';
import express4 from 'express4';
import { expect, test } from 'vitest';
import { renderPath, templatize, trackRoute } from './route.js';

test('templatize swaps param values back to :names, leaves the rest', () => {
  expect(templatize('/users/42/posts', { userId: '42' })).toBe('/users/:userId/posts');
  expect(templatize('/a%20b/x', { name: 'a b' })).toBe('/:name/x');
  expect(templatize('/v1/things', {})).toBe('/v1/things');
});

test('renderPath: strings, regexes, wildcards and the array entry that matched', () => {
  expect(renderPath('/files/*splat', '/files/a/b')).toBe('/files/*splat');
  expect(renderPath(/^\/x$/, '/x')).toBe('/^\\/x$/');
  expect(renderPath(['/list', '/all'], '/all')).toBe('/all');
  expect(renderPath(['/a/:id', /^\/b/], '/a/9')).toBe('/a/:id');
  expect(renderPath(['/a/:id', /^\/b/], '/b/9')).toBe('/^\\/b/');
  expect(renderPath(['/a', '/b'], '/c')).toBe('/a|/b');
});

test('trackRoute follows mounts in and out, and never throws on odd values', () => {
  const req: { baseUrl?: string; route?: unknown; params?: Record<string, string>; url?: string } = Object.create({ kind: 'request prototype' });
  req.url = '/7';
  const seen: string[] = [];
  trackRoute(req, seen, (into, t) => into.push(t));
  req.baseUrl = '';
  req.params = { org: 'acme' };
  req.baseUrl = '/orgs/acme';
  req.params = { team: 'red' };
  req.baseUrl = '/orgs/acme/teams/red';
  req.route = { path: '/:member' };
  req.baseUrl = '/orgs/acme'; // leaving the inner router
  req.route = { path: '/settings' };
  req.baseUrl = undefined;
  req.route = { path: Symbol('odd') };
  expect(seen).toEqual(['/orgs/:org/teams/:team/:member', '/orgs/:org/settings', 'Symbol(odd)']);
  expect(req.baseUrl).toBeUndefined();
  expect(Object.hasOwn(req, 'baseUrl')).toBe(false); // accessors on the prototype, not per request
});

test("tracerNamesRoute: only a string route path entered outside every mount, as dd-trace records it", () => {
  const seen: [string, boolean][] = [];
  const track = (url: string) => {
    const req: { baseUrl?: string; route?: unknown; url?: string } = Object.create({});
    req.url = url;
    trackRoute(req, seen, (into, t, tracerNamesRoute) => into.push([t, tracerNamesRoute]));
    req.baseUrl = ''; // the app's router
    return req;
  };
  track('/users/1').route = { path: '/users/:id' };
  track('/x').route = { path: /^\/x$/ };
  track('/a').route = { path: ['/a', '/b'] };
  const mounted = track('/7');
  mounted.baseUrl = '/orgs';
  mounted.route = { path: '/:id' };
  const scoped = track('/s/1'); // a path-scoped middleware ran, then the route
  scoped.baseUrl = '/s/1';
  scoped.baseUrl = '';
  scoped.route = { path: '/s/:id' };
  expect(seen).toEqual([
    ['/users/:id', true],
    ['/^\\/x$/', false],
    ['/a', false],
    ['/orgs/:id', false],
    ['/s/:id', false],
  ]);
});

test('the same route set again at the same place is rendered once; moved or re-entered, again', () => {
  const req: { baseUrl?: string; route?: unknown; url?: string } = Object.create({});
  req.url = '/b';
  const seen: string[] = [];
  trackRoute(req, seen, (into, t) => into.push(t));
  const route = { path: ['/a', '/b'] };
  req.route = route; // the router entering it
  req.route = route; // the route's own dispatch
  expect(seen).toEqual(['/b']);
  req.url = '/a'; // a rewrite between two entries: the array entry that matches changed
  req.route = route;
  req.baseUrl = '/v1'; // the same route object entered under another mount
  req.route = route;
  req.route = undefined;
  req.route = route;
  expect(seen).toEqual(['/b', '/a', '/v1/a', '/v1/a']);
});

test.each([
  ['express 5', express],
  ['express 4', express4 as unknown as typeof express],
])('%s: each route a request enters is rendered once, nested routers included', async (_name, make) => {
  const seen: string[] = [];
  const app = make();
  app.use((req, _res, next) => {
    trackRoute(req as never, seen, (into, t) => into.push(t));
    next();
  });
  const items = make.Router({ mergeParams: true });
  items.get('/:itemId', (_req, res) => {
    res.send('item');
  });
  app.use('/shops/:shopId/items', items);
  app.get('/users/:id', (_req, res) => {
    res.send('user');
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ['/users/1', '/shops/2/items/3', '/users/4']) expect((await fetch(base + path)).status).toBe(200);
  } finally {
    server.close();
  }
  expect(seen).toEqual(['/users/:id', '/shops/:shopId/items/:itemId', '/users/:id']);
});

test('requests without tracking keep plain values through the shared accessors', () => {
  const proto = {};
  const tracked: { baseUrl?: string; route?: unknown } = Object.create(proto);
  trackRoute(tracked, null, () => {});
  const untracked: { baseUrl?: string; route?: unknown } = Object.create(proto);
  untracked.baseUrl = '/x';
  untracked.route = { path: '/y' };
  expect(untracked.baseUrl).toBe('/x');
  expect(untracked.route).toEqual({ path: '/y' });
  expect(tracked.baseUrl).toBeUndefined();
  // Tracking that begins after the router wrote them (a middleware inside a route) keeps both values
  // and names the route it began in at once.
  const seen: string[] = [];
  const blind: string[] = [];
  expect(trackRoute(untracked, seen, (into, t) => into.push(t), (path) => blind.push(path))).toBe(true);
  expect(untracked.baseUrl).toBe('/x');
  expect(untracked.route).toEqual({ path: '/y' });
  expect(seen).toEqual(['/x/y']);
  expect(blind).toEqual(['/x']);
  untracked.route = { path: '/z' };
  expect(seen).toEqual(['/x/y', '/x/z']);
});

test('req.kennel reads the tracker\'s owner through the prototype; an assignment of its own wins', () => {
  const proto = {};
  const owner = { requestId: 'r-1' };
  const req: { kennel?: unknown } = Object.create(proto);
  expect(trackRoute(req as never, owner, () => {})).toBe(true);
  expect(req.kennel).toBe(owner);
  expect(Object.hasOwn(req, 'kennel')).toBe(false); // the request's one own property from kennel is the tracker
  const untracked: { kennel?: unknown } = Object.create(proto);
  expect(untracked.kennel).toBeUndefined();
  req.kennel = 'set by the app';
  expect(req.kennel).toBe('set by the app');
  req.kennel = undefined;
  expect(req.kennel).toBeUndefined();
});

test('requests alternating between two apps\' prototypes are each tracked through their own', () => {
  const appA = Object.create({ app: 'a' });
  const appB = Object.create({ app: 'b' });
  const seen: string[] = [];
  for (const [app, path] of [[appA, '/a'], [appB, '/b'], [appA, '/a2'], [appB, '/b2']] as const) {
    const req: { route?: unknown; kennel?: unknown; url?: string } = Object.create(app);
    req.url = path;
    const owner = { path };
    expect(trackRoute(req as never, owner, (o, t) => seen.push(`${o.path} ${t}`))).toBe(true);
    req.route = { path };
    expect(req.kennel).toBe(owner);
  }
  expect(seen).toEqual(['/a /a', '/b /b', '/a2 /a2', '/b2 /b2']);
});

test('a request express has not given its prototype yet is left alone: nothing of node:http is patched', () => {
  const req = new IncomingMessage(new Socket());
  const seen: string[] = [];
  expect(trackRoute(req as never, seen, (into, t) => into.push(t))).toBe(false);
  for (const proto of [IncomingMessage.prototype, Readable.prototype, Stream.prototype, EventEmitter.prototype]) {
    expect(Object.getOwnPropertyDescriptor(proto, 'baseUrl')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(proto, 'route')).toBeUndefined();
  }
  expect(seen).toEqual([]);
});
