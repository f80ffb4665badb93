import { fileURLToPath } from 'node:url';
import { acceptanceSuite } from '../../http/test/acceptance-suite.js';

acceptanceSuite({
  framework: 'fastify',
  app: fileURLToPath(new URL('./app.mjs', import.meta.url)),
  tracerSpanName: 'fastify.request',
  variants: [
    { major: '5', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '4', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '5', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
    { major: '4', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
    // dd-trace's log injection off: kennel binds the trace ids into fastify's loggers.
    { major: '5', label: '(default preset, kennel binds log ids, @kennel/pii-filter)', env: { KENNEL_TRACING_PRESET: 'default', DD_LOGS_INJECTION: 'false', KENNEL_TEST_PII: '1' } },
    { major: '5', label: '(lean preset, tag sample rate 0)', env: { KENNEL_TRACING_PRESET: 'lean', KENNEL_HTTP_TAG_SAMPLE_RATE: '0' } },
  ],
  logs: true,
  routes: () => ({ wildcard: ['/files/a/b.txt', '/files/*'], nested: ['/api/v1/orders/7', '/api/v1/orders/:orderId'] }),
});
