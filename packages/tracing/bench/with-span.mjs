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
const rounds = 11;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each round measures raw and kennel back to back (order flipped every round) and keeps their
 * ratio: on a shared machine the load drifts between rounds, a pair measured together drifts less.
 */
async function compare(list) {
  const ns = new Map();
  const ratios = new Map();
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: 250, warmup: true });
    for (const [label, raw, ours] of list) {
      const pair = [[`raw ${label}`, raw], [`kennel ${label}`, ours]];
      for (const [name, fn] of round % 2 === 0 ? pair : pair.reverse()) bench.add(name, fn);
    }
    await bench.run();
    const mean = (name) => bench.getTask(name).result.latency.mean * 1e6;
    for (const [label] of list) {
      for (const side of ['raw', 'kennel']) ns.set(`${side} ${label}`, [...(ns.get(`${side} ${label}`) ?? []), mean(`${side} ${label}`)]);
      ratios.set(label, [...(ratios.get(label) ?? []), mean(`kennel ${label}`) / mean(`raw ${label}`)]);
    }
  }
  for (const [label] of list) {
    const raw = median(ns.get(`raw ${label}`));
    const ours = median(ns.get(`kennel ${label}`));
    console.log(`  ${label.padEnd(24)} raw ${fmt(raw)}   kennel ${fmt(ours)}   ratio ${median(ratios.get(label)).toFixed(3)}× (median of per-round ratios)`);
  }
}

console.log(`withSpan vs tracer.trace — Node ${process.version}, dd-trace ${createRequire(import.meta.url)('dd-trace/package.json').version}, ${rounds} rounds, median of per-round means (target ≤ 1.10×)`);
await compare(pairs);
// With a preTag scrubber registered (what @kennel/pii-filter does), every finished span's string
// tags go through it — dd-trace's own and raw tracer.trace spans included — and kennel's tags too.
kennel.hooks.on('preTag', (value) => value);
console.log('  with a preTag scrubber registered (identity):');
await compare(pairs.map(([label, raw, ours]) => [`${label} + scrubber`, raw, ours]));
console.log(`  dd-trace payloads dropped during the run (counted by kennel): ${tracing.stats().droppedPayloads}`);
await kennel.shutdown();
await agent.close();
