// Acceptance fixture: a fastify app with kennel, run in its own process by acceptance.test.ts.
// FRAMEWORK_MAJOR=4 runs it on fastify 4 (installed as the `fastify4` alias).
import { createRequire } from 'node:module';
import { fixtureKennel, fixtureLogStream, fixtureOptions, startDownstream } from '../../http/test/serve-child.mjs';
import { serveFastify } from './serve-fastify.mjs';
import { kennelFastify } from '../dist/index.js';

// Required, not imported: dd-trace's require hook knows the alias by its path (…/node_modules/fastify/),
// its import hook only by the name imported, so `import('fastify4')` would run uninstrumented.
const Fastify = process.env.FRAMEWORK_MAJOR === '4' ? createRequire(import.meta.url)('fastify4') : (await import('fastify')).default;
const kennel = await fixtureKennel();
const stream = fixtureLogStream();
const app = Fastify({ forceCloseConnections: true, ...(stream ? { logger: { level: 'info', stream } } : {}) });
await app.register(kennelFastify, fixtureOptions(kennel));

app.get('/health', async () => 'ok');
app.get('/users/:id', async (req, reply) => {
  req.log.info('user lookup');
  reply.header('set-cookie', 'sid=response-secret');
  return { id: req.params.id, requestId: req.kennel?.requestId, traceId: req.kennel?.traceId };
});
app.get('/files/*', async () => 'file');
const downstream = await startDownstream();
app.get('/outbound', async () => ({ status: (await fetch(downstream)).status }));
app.get('/boom', () => {
  throw new Error('sync boom');
});
app.get('/async-boom', async () => {
  throw new Error('async boom');
});
app.get('/unavailable', async (_req, reply) => reply.code(503).send('try later'));
app.get('/slow', async () => {
  await new Promise((r) => setTimeout(r, 400));
  return 'late';
});
app.get('/override', async () => {
  kennel.tryGet('tracing')?.activeSpan()?.setTag('resource.name', 'custom override');
  return 'ok';
});
await app.register(
  async (api) => {
    api.get('/orders/:orderId', async () => 'order');
  },
  { prefix: '/api/v1' },
);

await serveFastify(kennel, app);
