// No agent at DD_TRACE_AGENT_URL: the app keeps running, nothing unhandled, memory bounded.
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));
process.on('uncaughtException', (error) => unhandled.push(String(error)));
const kennel = await createKennel({ plugins: [tracingPlugin({ flushTimeoutMs: 100 })] });
const tracing = kennel.get('tracing');
const heap = () => {
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external; // payload buffers held for retries are external memory
};
let done = 0;
const spans = Number(process.env.SPANS ?? 50);
const before = heap();
for (let batch = 0; batch < spans / 1000; batch++) {
  for (let i = 0; i < Math.min(spans, 1000); i++) done += await tracing.withSpan('work', { tags: { payload: 'x'.repeat(256) } }, async () => 1);
  await tracing.flush();
}
const growthMb = (heap() - before) / 2 ** 20;
await kennel.shutdown();
console.log(JSON.stringify({ done, unhandled, growthMb, stats: tracing.stats() }));
