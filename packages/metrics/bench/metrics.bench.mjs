// kennel vs raw hot-shots, side by side in one run: `pnpm --filter @kennel/metrics bench`.
// Runs the built package (the bench script builds first through turbo's dependsOn).
// Traffic goes to a UDP receiver on 127.0.0.1 in this process, bounded by tinybench's time budget.
import { createKennel } from '@kennel/core';
import StatsD from 'hot-shots';
import { createSocket } from 'node:dgram';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { metricsPlugin } from '../dist/index.js';

const BATCH = 1000; // calls per measured iteration: amortises the timer, lets unbuffered sends queue as in an app
const TAGS = ['a:b'];
/** A frozen list passed again and again, as @kennel/http passes its per-route tag lists. */
const FROZEN = Object.freeze(['a:b']);
const GLOBAL = ['service:bench', 'env:bench', 'version:1.0.0'];

const receiver = createSocket('udp4');
receiver.on('message', () => undefined); // a sink: the agent's side of the wire is not what is measured
await new Promise((resolve) => receiver.bind(0, '127.0.0.1', resolve));
const port = receiver.address().port;

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const kennelMetrics = async (options, config = {}) => {
  const kennel = await createKennel({
    plugins: [metricsPlugin(options)],
    config: { service: 'bench', env: 'bench', version: '1.0.0', agent: { statsdHost: '127.0.0.1', statsdPort: port }, ...config },
    env: {},
    logger: silent,
  });
  return { kennel, metrics: kennel.get('metrics') };
};
const rawClient = (options) => new StatsD({ host: '127.0.0.1', port, globalTags: GLOBAL, errorHandler: () => {}, ...options });

const raw = {
  buffered: rawClient({ maxBufferSize: 8192 }),
  default: rawClient({}),
  mock: rawClient({ mock: true }),
};
const kennel = {
  default: await kennelMetrics({}),
  lines: await kennelMetrics({ aggregate: false }),
  mock: await kennelMetrics({ mock: true }),
  scrubbed: await kennelMetrics({}),
};
// A registered preTag scrubber (what @kennel/pii-filter adds): applied once per distinct value, then cached.
kennel.scrubbed.kennel.hooks.on('preTag', (value) => value);
// Bound once, as @kennel/http binds its two request metrics per route and status.
const boundCount = kennel.default.metrics.series('increment', 'x', FROZEN);
const boundDistribution = kennel.default.metrics.series('distribution', 'x', FROZEN);

const cases = [
  ['hot-shots  maxBufferSize 8192', () => raw.buffered.increment('x', 1, TAGS)],
  ['kennel     default (8192 on loopback)', () => kennel.default.metrics.increment('x', 1, TAGS)],
  ['kennel     aggregate: false (lines batched)', () => kennel.lines.metrics.increment('x', 1, TAGS)],
  ['kennel     default, distribution', () => kennel.default.metrics.distribution('x', 12.5, TAGS)],
  ['kennel     aggregate: false, distribution', () => kennel.lines.metrics.distribution('x', 12.5, TAGS)],
  ['kennel     default, frozen tag list', () => kennel.default.metrics.increment('x', 1, FROZEN)],
  ['kennel     default, distribution, frozen', () => kennel.default.metrics.distribution('x', 12.5, FROZEN)],
  ['kennel     bound series, increment', () => boundCount.record(1)],
  ['kennel     bound series, distribution', () => boundDistribution.record(12.5)],
  ['kennel     default, object tags', () => kennel.default.metrics.increment('x', 1, { a: 'b' })],
  ['kennel     default + preTag scrubber', () => kennel.scrubbed.metrics.increment('x', 1, TAGS)],
  ['hot-shots  default (unbuffered)', () => raw.default.increment('x', 1, TAGS)],
  ['hot-shots  mock', () => raw.mock.increment('x', 1, TAGS)],
  ['kennel     mock', () => kennel.mock.metrics.increment('x', 1, TAGS)],
];

const bench = new Bench({ time: Number(process.env.BENCH_TIME_MS ?? 1500), warmupTime: 300 });
for (const [name, call] of cases) {
  bench.add(name, () => {
    for (let i = 0; i < BATCH; i++) call();
  }, {
    // Mock buffers grow with every call: empty them between cycles so memory stays flat.
    afterEach: () => {
      raw.mock.mockBuffer.length = 0;
      kennel.mock.metrics.mockBuffer().length = 0;
    },
  });
}
await bench.run();

const nsPerOp = new Map(bench.tasks.map((t) => [t.name, (t.result.latency.mean * 1e6) / BATCH]));
const ns = (name) => nsPerOp.get(cases.find(([n]) => n.startsWith(name))[0]);
console.log(`\n@kennel/metrics bench — Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, increment('x', 1, ['a:b']) with 3 global tags\n`);
console.table(bench.tasks.map((t) => ({ case: t.name, 'ns/op': Math.round(nsPerOp.get(t.name)), 'rme %': t.result.latency.rme.toFixed(1) })));
const ratio = (a, b) => (ns(a) / ns(b)).toFixed(2);
console.log('ratios (target in brackets):');
console.log(`  kennel lines / hot-shots same buffering       ${ratio('kennel     aggregate: false (lines', 'hot-shots  maxBufferSize')}×  [≤ 1.15×]`);
console.log(`  kennel default (aggregated) / hot-shots same  ${ratio('kennel     default (8192', 'hot-shots  maxBufferSize')}×`);
console.log(`  hot-shots default / kennel default            ${ratio('hot-shots  default', 'kennel     default (8192')}×  [≥ 4× faster]`);
console.log(`  kennel mock / hot-shots mock                  ${ratio('kennel     mock', 'hot-shots  mock')}×`);
console.log(`  bound series / frozen tag list, increment     ${ratio('kennel     bound series, increment', 'kennel     default, frozen')}×`);
console.log(`  kennel + preTag / kennel default              ${ratio('kennel     default + preTag', 'kennel     default (8192')}×`);

for (const client of Object.values(raw)) await new Promise((resolve) => client.close(() => resolve()));
for (const { kennel: k } of Object.values(kennel)) await k.shutdown();
receiver.close();
