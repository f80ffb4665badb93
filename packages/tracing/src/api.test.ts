import { expect, test, vi } from 'vitest';
import { flushTracer } from './api.js';
import type { DdTracer } from './internal-types.js';

// dd-trace has no public trace flush; these pin kennel's guarding of the private ones it feature-checks.
const tracerWith = (inner: DdTracer['_tracer']) => ({ _tracer: inner }) as DdTracer;

test('prefers flushAll (dd-trace 6) and resolves when it calls back', async () => {
  const flushAll = vi.fn((done: () => void) => done());
  const exporterFlush = vi.fn();
  await flushTracer(tracerWith({ flushAll, _exporter: { flush: exporterFlush } }), 1000);
  expect(flushAll).toHaveBeenCalledOnce();
  expect(exporterFlush).not.toHaveBeenCalled();
});

test("falls back to the exporter's flush (dd-trace 5)", async () => {
  const flush = vi.fn((done: () => void) => done());
  await flushTracer(tracerWith({ _exporter: { flush } }), 1000);
  expect(flush).toHaveBeenCalledOnce();
});

test('resolves when neither exists, when flush throws, and when it never calls back (timeout)', async () => {
  await expect(flushTracer({} as DdTracer, 1000)).resolves.toBeUndefined();
  await expect(flushTracer(tracerWith({ flushAll: () => { throw new Error('private API changed'); } }), 1000)).resolves.toBeUndefined();
  vi.useFakeTimers();
  try {
    const pending = flushTracer(tracerWith({ flushAll: () => {} }), 1000);
    vi.advanceTimersByTime(1000);
    await expect(pending).resolves.toBeUndefined();
  } finally {
    vi.useRealTimers();
  }
});
