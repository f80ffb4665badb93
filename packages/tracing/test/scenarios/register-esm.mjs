// An ESM app: fastify is imported statically, before any kennel code runs. Started with
// `node --import @kennel/tracing/register`, its requests must still produce spans.
import Fastify from 'fastify';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

// version set in code only: the tracer register started from the environment cannot take it, and kennel says so.
const kennel = await createKennel({ plugins: [tracingPlugin()], config: { version: '9.9.9' } });
kennel.hooks.on('preTag', (value) => value.replace(/secret-[a-z]+/g, '[scrubbed]'));
const app = Fastify();
app.get('/users/:id', async (request) => ({ id: request.params.id }));
await app.listen({ port: 0, host: '127.0.0.1' });
const response = await fetch(`http://127.0.0.1:${app.server.address().port}/users/42`, { headers: { 'user-agent': 'secret-agent' } });
const body = await response.json();
await app.close();
const tracing = kennel.get('tracing');
await tracing.flush();
await kennel.shutdown();
console.log(JSON.stringify({ status: response.status, body }));
