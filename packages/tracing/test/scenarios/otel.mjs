// opentelemetry: true — spans made with @opentelemetry/api join kennel's trace.
import { trace } from '@opentelemetry/api';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const kennel = await createKennel({ plugins: [tracingPlugin({ opentelemetry: true })], config: { service: 'svc-otel' } });
const tracing = kennel.get('tracing');
const report = {};
await tracing.withSpan('kennel.parent', async (span) => {
  report.parent = span.context().toSpanId();
  await trace.getTracer('app').startActiveSpan('otel.child', async (otelSpan) => {
    otelSpan.setAttribute('step', 'one');
    tracing.withSpan('kennel.grandchild', () => {});
    otelSpan.end();
  });
});
await tracing.flush();
await kennel.shutdown();
console.log(JSON.stringify(report));
