// kennel withSpan vs raw dd-trace tracer.trace, same tracer, same run. Target: ratio ≤ 1.10.
import { Bench } from 'tinybench';
import { createKennel } from '@kennel/core';
import { tracingPlugin } from '@kennel/tracing';
import { fmt, startMockAgent } from './mock-agent.mjs';

const agent = await startMockAgent();
const kennel = await createKennel({
  plugins: [tracingPlugin()],
  config: { service: 'bench', agent: { traceUrl: agent.url }, tracing: { sampleRate: 1, startupLogs: false, runtimeMetrics: false } },
});
const tracing = kennel.get('tracing');
const tracer = tracing.tracer;
const options = { resource: 'GET /bench' };
const tagged = { resource: 'GET /bench', tags: { 'user.tier': 'gold', attempt: 1 } };

const pairs = [
  ['no tags', () => tracer.trace('bench', options, () => 1), () => tracing.withSpan('bench', options, () => 1)],
  ['2 tags', () => tracer.trace('bench', tagged, () => 1), () => tracing.withSpan('bench', tagged, () => 1)],
];
const rounds = 3;
const results = new Map();
for (let round = 0; round < rounds; round++) {
  const bench = new Bench({ time: 700, warmup: true });
  for (const [label, raw, ours] of pairs) {
    bench.add(`raw tracer.trace (${label})`, raw);
    bench.add(`kennel withSpan (${label})`, ours);
  }
  await bench.run();
  for (const task of bench.tasks) {
    const list = results.get(task.name) ?? [];
    list.push(task.result.latency.mean * 1e6);
    results.set(task.name, list);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`withSpan vs tracer.trace — Node ${process.version}, ${rounds} rounds, median of means`);
for (const [label] of pairs) {
  const raw = median(results.get(`raw tracer.trace (${label})`));
  const ours = median(results.get(`kennel withSpan (${label})`));
  console.log(`  ${label.padEnd(8)} raw ${fmt(raw)}   kennel ${fmt(ours)}   ratio ${(ours / raw).toFixed(3)}× (target ≤ 1.10×)`);
}
await kennel.shutdown();
await agent.close();
