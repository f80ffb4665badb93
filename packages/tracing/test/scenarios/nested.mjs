// Nested spans, errors, manual spans, propagation and scrubbing through the plugin API.
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const scrubAllSpans = process.env.SCRUB_ALL_SPANS !== 'false';
const kennel = await createKennel({ plugins: [tracingPlugin({ scrubAllSpans })], config: { version: '1.2.3', tags: { team: 'core' } } });
kennel.hooks.on('preTag', (value, key) => (key === 'user.email' ? '[redacted]' : value === 'drop-me' ? null : value));
const tracing = kennel.get('tracing');
const report = {};

const thrown = new TypeError('card declined');
await tracing.withSpan('checkout', { resource: 'POST /checkout', type: 'web', tags: { 'user.email': 'bob@example.com', cart: 3 } }, async (root) => {
  report.root = root.context().toSpanId();
  report.trace = root.context().toTraceId();
  tracing.setTags({ 'user.email': 'ann@example.com', 'coupon': 'drop-me', 'plan': 'gold' });
  const value = tracing.withSpan('price', (span) => {
    report.price = span.context().toSpanId();
    return 42;
  });
  report.syncValue = value;
  try {
    await tracing.withSpan('charge', { resource: 'stripe.charge' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw thrown;
    });
  } catch (error) {
    report.sameError = error === thrown;
  }
  try {
    tracing.withSpan('validate', () => {
      throw new RangeError('quantity');
    });
  } catch (error) {
    report.syncError = error instanceof RangeError;
  }
  const manual = tracing.startSpan('manual', { resource: 'manual.res', tags: { kind: 'manual' } });
  report.manualParent = tracing.activeSpan()?.context().toSpanId();
  const headers = {};
  tracing.inject(headers, manual);
  manual.finish();
  report.injected = Object.keys(headers).sort();
  const remote = tracing.extract(headers);
  report.extractedTrace = remote?.toTraceId();
  report.manual = manual.context().toSpanId();
  tracing.startSpan('downstream', { childOf: remote }).finish();
});
await tracing.flush();
report.stats = tracing.stats();
await kennel.shutdown();
console.log(JSON.stringify(report));
