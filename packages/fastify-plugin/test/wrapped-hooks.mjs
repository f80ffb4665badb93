// Fixture for wrapped-hooks.test.ts, run under the real dd-trace: counts, per request, the hooks
// dd-trace's fastify integration wraps (its wrapper publishes on this channel when such an
// onRequest hook calls `done`). kennel's hooks should not be among them; a plain hook is.
import { subscribe } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';
import { serveFastify } from './serve-fastify.mjs';
import { kennelFastify } from '../dist/index.js';

// fastify 4 is required, not imported, for dd-trace to instrument the alias (see app.mjs).
const Fastify = process.env.FRAMEWORK_MAJOR === '4' ? createRequire(import.meta.url)('fastify4') : (await import('fastify')).default;

const wrappedCalls = new WeakMap();
subscribe('datadog:fastify:callback:execute', ({ req }) => wrappedCalls.set(req, (wrappedCalls.get(req) ?? 0) + 1));

const kennel = await createKennel({ plugins: [tracingPlugin()] });
const app = Fastify({ forceCloseConnections: true });
await app.register(kennelFastify, { kennel });
const report = async (req) => ({ wrappedHookCalls: wrappedCalls.get(req.raw) ?? 0, requestId: req.kennel?.requestId, traceId: req.kennel?.traceId });
app.get('/kennel', report);
await app.register(async (control) => {
  control.addHook('onRequest', (_req, _reply, done) => done());
  control.get('/control', report);
});

await serveFastify(kennel, app);
