import { fileURLToPath } from 'node:url';
import { acceptanceSuite } from '../../http/test/acceptance-suite.js';

acceptanceSuite({
  framework: 'fastify',
  app: fileURLToPath(new URL('./app.mjs', import.meta.url)),
  variants: [
    { major: '5', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '4', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '5', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
    { major: '4', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
  ],
  routes: () => ({ wildcard: ['/files/a/b.txt', '/files/*'], nested: ['/api/v1/orders/7', '/api/v1/orders/:orderId'] }),
});
