import { fileURLToPath } from 'node:url';
import { acceptanceSuite } from '../../http/test/acceptance-suite.js';

acceptanceSuite({
  framework: 'express',
  app: fileURLToPath(new URL('./app.mjs', import.meta.url)),
  variants: [
    { label: '5 (default preset)', major: '5', env: { EXPRESS: '5', KENNEL_TRACING_PRESET: 'default' } },
    { label: '4 (default preset)', major: '4', env: { EXPRESS: '4', KENNEL_TRACING_PRESET: 'default' } },
    { label: '5 (lean preset)', major: '5', env: { EXPRESS: '5', KENNEL_TRACING_PRESET: 'lean' } },
    { label: '4 (lean preset)', major: '4', env: { EXPRESS: '4', KENNEL_TRACING_PRESET: 'lean' } },
    { label: '5 (instrumentExpress, default preset)', major: '5', env: { EXPRESS: '5', KENNEL_TRACING_PRESET: 'default', KENNEL_EXPRESS_ENTRY: 'app' }, noKennelSpan: true },
    { label: '4 (instrumentExpress, default preset)', major: '4', env: { EXPRESS: '4', KENNEL_TRACING_PRESET: 'default', KENNEL_EXPRESS_ENTRY: 'app' }, noKennelSpan: true },
  ],
  routes: (env) => ({
    wildcard: ['/files/a/b.txt', env.EXPRESS === '4' ? '/files/*' : '/files/*splat'],
    nested: ['/api/orgs/acme/teams/red', '/api/orgs/:orgId/teams/:teamId'],
    // An app that instruments itself, mounted in the instrumented app: tracked once, by the outer kennel.
    mounted: ['/tenants/t1/items/5', '/tenants/:tenant/items/:itemId'],
    // A route that calls next('route'): named by the route that answers, span and metrics alike.
    passed: ['/passed/5', '/passed/:name'],
  }),
});
