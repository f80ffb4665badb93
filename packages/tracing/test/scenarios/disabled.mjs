// DD_TRACE_ENABLED=false: the API still runs callbacks and dd-trace is never loaded.
import { createRequire } from 'node:module';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const kennel = await createKennel({ plugins: [tracingPlugin()], config: { service: 'svc-disabled' } });
const tracing = kennel.get('tracing');
const value = await tracing.withSpan('work', { resource: 'r' }, async (span) => {
  span.setTag('a', 'b');
  return tracing.withSpan('inner', () => 7);
});
await tracing.flush();
await kennel.shutdown();
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('/dd-trace/'));
console.log(JSON.stringify({ value, state: kennel.status()[0].state, ddTraceModulesLoaded: loaded.length, tracer: tracing.tracer === undefined ? 'undefined' : 'set' }));
