import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import Fastify4 from 'fastify4';
import { describe, expect, test } from 'vitest';
import { routeConfigReader } from './route-config.js';

/** For each request: what the reader returns, and whether it is the very object routeOptions hands out. */
async function readAll(app: FastifyInstance) {
  const read = routeConfigReader();
  const seen: { url: string | undefined; kennel: boolean | undefined; same: boolean }[] = [];
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    const config = read(request);
    seen.push({ url: config?.url, kennel: config?.kennel, same: config === request.routeOptions.config });
    done();
  });
  app.get('/users/:id', async () => 'user');
  app.get('/private', { config: { kennel: false } }, async () => 'hidden');
  app.register(async (api) => void api.get('/orders/:orderId', async () => 'order'), { prefix: '/api/v1' });
  for (const url of ['/users/7', '/private', '/api/v1/orders/9', '/nope']) await app.inject({ url });
  return seen;
}

describe.each([
  ['fastify 5', () => Fastify()],
  ['fastify 4', () => Fastify4() as unknown as FastifyInstance],
])('%s: the route config read past the routeOptions getter', (_name, make) => {
  test('is the object routeOptions.config returns, for matched, opted-out, prefixed and unmatched requests', async () => {
    const seen = await readAll(make());
    expect(seen).toEqual([
      { url: '/users/:id', kennel: undefined, same: true },
      { url: '/private', kennel: false, same: true },
      { url: '/api/v1/orders/:orderId', kennel: undefined, same: true },
      { url: undefined, kennel: undefined, same: true },
    ]);
  });

  test('is found under fastify’s route-context key, not through the getter', async () => {
    const app = make();
    let found = false;
    app.addHook('onRequest', (request, _reply, done) => {
      found = Object.getOwnPropertySymbols(request).some((symbol) => symbol.description === 'fastify.context');
      done();
    });
    app.get('/', async () => 'ok');
    await app.inject({ url: '/' });
    // If fastify ever moves it, routeConfigReader falls back to routeOptions (correct, only slower): this says so.
    expect(found).toBe(true);
  });
});

test('without the route-context key, routeOptions.config is read', () => {
  const config = { url: '/a', kennel: false };
  const request = { routeOptions: { config } } as unknown as FastifyRequest;
  expect(routeConfigReader()(request)).toBe(config);
});
