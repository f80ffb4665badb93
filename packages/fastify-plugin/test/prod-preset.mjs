// Fixture for prod-preset.test.ts: a fastify app with kennel, run under the prod config preset
// (DD_ENV=production, no KENNEL_TRACING_PRESET), beside a plain node http server kennel does not serve.
import { createServer } from 'node:http';
import { createKennel } from '@kennel/core';
import { metricsPlugin } from '@kennel/metrics';
import { tracingPlugin } from '@kennel/tracing';
import Fastify from 'fastify';
import { serveFastify } from './serve-fastify.mjs';
import { kennelFastify } from '../dist/index.js';

const kennel = await createKennel({ plugins: [tracingPlugin(), metricsPlugin()] });
const app = Fastify({ forceCloseConnections: true });
await app.register(kennelFastify, { kennel });
app.get('/users/:id', async () => 'user');
app.get('/opted-out', { config: { kennel: false } }, async () => 'out');

const plain = createServer((_req, res) => res.end('plain'));
await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
plain.unref();
const tracing = kennel.get('tracing');
app.get('/plain', async () => ({ url: `http://127.0.0.1:${plain.address().port}/plain`, serverSpans: tracing.serverSpans, watching: tracing.watchingServers }));

await serveFastify(kennel, app);
