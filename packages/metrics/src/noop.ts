import type { MetricsApi } from './types.js';

const nothing = () => undefined;

/** The API when metrics are disabled: same shape, sends nothing, still runs `timer` callbacks. */
export function noopMetrics(): MetricsApi {
  return {
    increment: nothing,
    decrement: nothing,
    gauge: nothing,
    histogram: nothing,
    distribution: nothing,
    timing: nothing,
    set: nothing,
    series: () => ({ record: nothing }),
    onFlush: () => undefined,
    timer: (_name, fn) => fn(),
    event: nothing,
    serviceCheck: nothing,
    flush: () => Promise.resolve(),
    stats: () => ({ sent: 0, dropped: 0, sampledOut: 0, errors: 0, transport: 'none', maxPayloadBytes: 0 }),
    mockBuffer: () => [],
  };
}
