import { fileURLToPath } from 'node:url';
import { acceptanceSuite } from '../../http/test/acceptance-suite.js';

acceptanceSuite({
  framework: 'fastify',
  app: fileURLToPath(new URL('./app.mjs', import.meta.url)),
  variants: [
    { label: '5 (default preset)', major: '5', env: { FASTIFY: '5', KENNEL_TRACING_PRESET: 'default' } },
    { label: '4 (default preset)', major: '4', env: { FASTIFY: '4', KENNEL_TRACING_PRESET: 'default' } },
    { label: '5 (lean preset)', major: '5', env: { FASTIFY: '5', KENNEL_TRACING_PRESET: 'lean' } },
    { label: '4 (lean preset)', major: '4', env: { FASTIFY: '4', KENNEL_TRACING_PRESET: 'lean' } },
  ],
  routes: () => ({ wildcard: ['/files/a/b.txt', '/files/*'], nested: ['/api/v1/orders/7', '/api/v1/orders/:orderId'] }),
});
