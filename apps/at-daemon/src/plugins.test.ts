import { createLogger, resolveConfig } from '@kennel/core';
import { expect, test } from 'vitest';
import { composeKennel, pluginCatalog } from './plugins.js';

const quiet = createLogger('silent');

test('a package without its factory is reported unavailable; the other plugins still run', async () => {
  const catalog = pluginCatalog.map((entry) => (entry.name === 'metrics' ? { ...entry, factory: 'notThere' } : entry));
  // tracing off: this test is about the registry, not about starting dd-trace in the test process.
  const config = resolveConfig({ service: 'compose-test', plugins: { tracing: false } }, {});
  const { kennel, components } = await composeKennel(config, quiet, catalog);
  const byName = Object.fromEntries(components().map((c) => [c.name, c]));
  expect(byName.metrics).toMatchObject({ state: 'unavailable', reason: '@kennel/metrics does not export notThere() in this build' });
  expect(byName.tracing).toMatchObject({ state: 'disabled', reason: 'disabled by feature flag' });
  expect(byName['pii-filter']).toMatchObject({ state: 'ready' });
  expect(byName['llm-observability']).toMatchObject({ state: 'ready' }); // metrics is optional for it
  expect(byName.fastify).toMatchObject({ state: 'ready' });
  expect(kennel.tryGet('metrics')).toBeUndefined();
  await kennel.shutdown();
});

test('a package that cannot be loaded is unavailable with the loader error', async () => {
  const catalog = [{ name: 'metrics', pkg: '@kennel/does-not-exist', factory: 'metricsPlugin' }];
  const { components } = await composeKennel(resolveConfig({ service: 'compose-test' }, {}), quiet, catalog);
  const metrics = components().find((c) => c.name === 'metrics');
  expect(metrics?.state).toBe('unavailable');
  expect(metrics?.reason).toMatch(/^@kennel\/does-not-exist could not be loaded: /);
});
