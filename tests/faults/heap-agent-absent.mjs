// Heap growth after GC while emitting with no agent listening:
//   node --expose-gc heap-agent-absent.mjs [metrics=1000000] [spans=100000]
// Prints one JSON line. `pnpm chaos` runs the full size; the faults suite runs a smaller one.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { createKennel } from '@kennel/core';
import { metricsPlugin } from '@kennel/metrics';
import { tracingPlugin } from '@kennel/tracing';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const [metricCount = 1_000_000, spanCount = 100_000] = process.argv.slice(2).map(Number);

/** A loopback TCP and UDP port with nothing behind them. */
async function deadPorts() {
  const tcp = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => tcp.once('listening', resolve));
  const udp = createSocket('udp4');
  await new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const ports = { tracePort: tcp.address().port, statsdPort: udp.address().port };
  await new Promise((resolve) => tcp.close(resolve));
  await new Promise((resolve) => udp.close(resolve));
  return ports;
}

const kennel = await createKennel({
  plugins: [tracingPlugin({ warnLateInit: false }), metricsPlugin()],
  config: { service: 'heap-check', env: 'faults', logLevel: 'silent', agent: { host: '127.0.0.1', ...(await deadPorts()) } },
});
const metrics = kennel.get('metrics');
const tracing = kennel.get('tracing');

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Emits `n` metrics and one span per `n / spans` metrics, yielding to the event loop like a busy app. */
async function emit(n, spans) {
  const every = Math.max(1, Math.floor(n / Math.max(1, spans)));
  let sentSpans = 0;
  for (let i = 0; i < n; i++) {
    metrics.increment('heap.check', 1, { shard: String(i % 8) });
    if (i % every === 0 && sentSpans < spans) {
      sentSpans++;
      tracing.withSpan('heap.check', { resource: 'emit' }, (span) => span.setTag('shard', i % 8));
    }
    if (i % 1000 === 999) await tick();
  }
}
async function settledHeap() {
  await Promise.all([metrics.flush(), tracing.flush()]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await tick();
  }
  return process.memoryUsage().heapUsed;
}

await emit(20_000, 2_000); // warm caches, JIT and the clients' buffers
const baseline = await settledHeap();
const started = performance.now();
await emit(metricCount, spanCount);
const seconds = (performance.now() - started) / 1000;
const after = await settledHeap();
const result = {
  metrics: metricCount,
  spans: spanCount,
  seconds: Number(seconds.toFixed(1)),
  heapBaselineBytes: baseline,
  heapAfterBytes: after,
  heapGrowthBytes: after - baseline,
  heapGrowthMB: Number(((after - baseline) / 1024 / 1024).toFixed(2)),
  metricsStats: metrics.stats(),
  tracingStats: tracing.stats(),
};
await kennel.shutdown();
console.log(JSON.stringify(result));
