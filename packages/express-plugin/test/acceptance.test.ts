import { fileURLToPath } from 'node:url';
import { acceptanceSuite } from '../../http/test/acceptance-suite.js';

acceptanceSuite({
  framework: 'express',
  app: fileURLToPath(new URL('./app.mjs', import.meta.url)),
  tracerSpanName: 'express.request',
  variants: [
    { major: '5', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '4', label: '(default preset)', env: { KENNEL_TRACING_PRESET: 'default' } },
    { major: '5', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
    { major: '4', label: '(lean preset)', env: { KENNEL_TRACING_PRESET: 'lean' } },
    { major: '5', label: '(instrumentExpress, default preset)', env: { KENNEL_TRACING_PRESET: 'default', KENNEL_EXPRESS_ENTRY: 'app' }, noKennelSpan: true },
    { major: '4', label: '(instrumentExpress, default preset)', env: { KENNEL_TRACING_PRESET: 'default', KENNEL_EXPRESS_ENTRY: 'app' }, noKennelSpan: true },
    { major: '5', label: '(default preset, @kennel/pii-filter)', env: { KENNEL_TRACING_PRESET: 'default', KENNEL_TEST_PII: '1' } },
  ],
  routes: (env) => ({
    wildcard: ['/files/a/b.txt', env.FRAMEWORK_MAJOR === '4' ? '/files/*' : '/files/*splat'],
    nested: ['/api/orgs/acme/teams/red', '/api/orgs/:orgId/teams/:teamId'],
    // An app that instruments itself, mounted in the instrumented app: tracked once, by the outer kennel.
    mounted: ['/tenants/t1/items/5', '/tenants/:tenant/items/:itemId'],
    // A route that calls next('route'): named by the route that answers, span and metrics alike.
    passed: ['/passed/5', '/passed/:name'],
    // Behind a path-scoped middleware whose path is longer: the route that answers names it.
    scoped: ['/scoped/9', '/scoped/:id'],
  }),
});
