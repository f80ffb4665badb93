import { createKennel, type KennelPluginApis } from '@kennel/core';
import { expect, test } from 'vitest';
import { packageName, tracingPlugin } from './index.js';

test('exports its package name', () => {
  expect(packageName).toBe('@kennel/tracing');
});

test('disabled by DD_TRACE_ENABLED=false: a no-op API that still runs callbacks', async () => {
  const kennel = await createKennel({ plugins: [tracingPlugin()], env: { DD_TRACE_ENABLED: 'false' }, logger: silent });
  const tracing = kennel.get('tracing');
  const augmented: KennelPluginApis['tracing'] = tracing; // core's typed lookup knows this plugin
  expect(augmented).toBe(tracing);
  expect(kennel.status()[0]?.state).toBe('disabled');
  expect(tracing.withSpan('a', () => 41 + 1)).toBe(42);
  await expect(tracing.withSpan('b', { resource: 'r' }, async () => 'async')).resolves.toBe('async');
  expect(() => tracing.withSpan('c', () => { throw new RangeError('x'); })).toThrow(RangeError);
  expect(tracing.activeSpan()).toBeUndefined();
  expect(tracing.extract({ 'x-datadog-trace-id': '1' })).toBeUndefined();
  expect(tracing.tracer).toBeUndefined();
  expect(tracing.stats()).toEqual({ droppedPayloads: 0, exportErrors: 0, droppedTags: 0 });
  await expect(tracing.flush()).resolves.toBeUndefined();
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };
