// The benchmark's fastify app on a free loopback port; with a kennel handle, kennel's plugin comes first.
import Fastify from 'fastify';
import { benchOptions } from '../../http/bench/kennel.mjs';

export async function fastifyApp(kennel) {
  const app = Fastify();
  if (kennel) {
    const { kennelFastify } = await import('../dist/index.js');
    await app.register(kennelFastify, { kennel, ...benchOptions() });
  }
  app.get('/users/:id', async (req) => ({ id: req.params.id, name: 'Ada' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}
