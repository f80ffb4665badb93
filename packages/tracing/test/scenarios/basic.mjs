// One span through the plugin, with whatever config the environment gives.
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const kennel = await createKennel({ plugins: [tracingPlugin()] });
const tracing = kennel.get('tracing');
const trace = tracing.withSpan('basic', (span) => span.context().toTraceId());
await tracing.flush();
await kennel.shutdown();
console.log(JSON.stringify({ trace, stats: tracing.stats(), status: kennel.status() }));
