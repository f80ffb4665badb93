// kennel withSpan vs raw dd-trace tracer.trace, same tracer, same run. Target: ratio ≤ 1.10.
import { createRequire } from 'node:module';
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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates raw and kennel in each round so machine noise hits both alike. */
async function compare(list) {
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: 700, warmup: true });
    for (const [label, raw, ours] of list) {
      bench.add(`raw ${label}`, raw);
      bench.add(`kennel ${label}`, ours);
    }
    await bench.run();
    for (const task of bench.tasks) results.set(task.name, [...(results.get(task.name) ?? []), task.result.latency.mean * 1e6]);
  }
  for (const [label] of list) {
    const raw = median(results.get(`raw ${label}`));
    const ours = median(results.get(`kennel ${label}`));
    console.log(`  ${label.padEnd(24)} raw ${fmt(raw)}   kennel ${fmt(ours)}   ratio ${(ours / raw).toFixed(3)}×`);
  }
}

console.log(`withSpan vs tracer.trace — Node ${process.version}, dd-trace ${createRequire(import.meta.url)('dd-trace/package.json').version}, ${rounds} rounds, median of means (target ≤ 1.10×)`);
await compare(pairs);
// With a preTag scrubber registered (what @kennel/pii-filter does), every finished span's string
// tags go through it — dd-trace's own and raw tracer.trace spans included — and kennel's tags too.
kennel.hooks.on('preTag', (value) => value);
console.log('  with a preTag scrubber registered (identity):');
await compare(pairs.map(([label, raw, ours]) => [`${label} + scrubber`, raw, ours]));
console.log(`  dd-trace payloads dropped during the run (counted by kennel): ${tracing.stats().droppedPayloads}`);
await kennel.shutdown();
await agent.close();
