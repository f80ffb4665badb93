// No agent at DD_TRACE_AGENT_URL: the app keeps running, nothing unhandled, failures counted.
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));
process.on('uncaughtException', (error) => unhandled.push(String(error)));
const kennel = await createKennel({ plugins: [tracingPlugin()], config: { service: 'svc-absent' } });
const tracing = kennel.get('tracing');
let done = 0;
for (let i = 0; i < 50; i++) done += await tracing.withSpan('work', async () => 1);
await tracing.flush();
await kennel.shutdown();
console.log(JSON.stringify({ done, unhandled, stats: tracing.stats() }));
