// ESM consumer started with `node --import @kennel/tracing/register`: kennel tracing + fastify plugin.
import { createKennel } from '@kennel/core';
import { kennelFastify } from '@kennel/fastify';
import { tracingPlugin } from '@kennel/tracing';
import Fastify from 'fastify';

const kennel = await createKennel({ plugins: [tracingPlugin()] });
const app = Fastify();
await app.register(kennelFastify, { kennel });
app.get('/hello/:name', async (req) => ({ hello: req.params.name }));

await app.listen({ port: 0, host: '127.0.0.1' });
const response = await fetch(`http://127.0.0.1:${app.server.address().port}/hello/fastify`);
const body = await response.json();
await app.close();
await kennel.shutdown();
console.log(JSON.stringify({ status: response.status, body, ddTraceLoaded: globalThis._ddtrace !== undefined }));
