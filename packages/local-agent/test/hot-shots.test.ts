import { StatsD } from 'hot-shots';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { startLocalAgent, type LocalAgent } from '../src/index.js';

let agent: LocalAgent;
let client: StatsD;
const clientErrors: Error[] = [];

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
});
afterAll(() => agent.close());
beforeEach(() => {
  agent.store.reset();
  // hot-shots samples client-side with Math.random() < rate; pin it so sampled metrics are always sent.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => client.close(() => resolve()));
});

function newClient(options: ConstructorParameters<typeof StatsD>[0] = {}): StatsD {
  client = new StatsD({
    host: '127.0.0.1',
    port: agent.ports.statsd,
    globalTags: { env: 'test' },
    errorHandler: (error) => clientErrors.push(error),
    ...options,
  });
  return client;
}

test('every metric type arrives parsed with values, tags and sample rates', async () => {
  const statsd = newClient();
  statsd.increment('shop.orders', 2, 0.5, ['region:eu']);
  statsd.decrement('shop.stock', 1, ['sku:a1']);
  statsd.gauge('shop.queue', 7.5, ['queue:main']);
  statsd.gaugeDelta('shop.queue', -2, ['queue:main']);
  statsd.histogram('shop.basket', 42, 0.25, ['currency:eur']);
  statsd.distribution('shop.latency', 12.5, ['route:/cart']);
  statsd.timing('shop.render', 33, ['page:home']);
  statsd.set('shop.visitors', 'user-17', ['site:web']);
  statsd.increment('shop.stamped', 1, { timestamp: new Date(1_700_000_000_000) });

  await agent.store.waitForMetric('shop.stamped');
  const byName = (name: string) => agent.store.metrics({ name });

  expect(byName('shop.orders')).toEqual([
    expect.objectContaining({ type: 'c', value: 2, sampleRate: 0.5, tags: ['env:test', 'region:eu'] }),
  ]);
  expect(byName('shop.stock')).toEqual([expect.objectContaining({ type: 'c', value: -1, sampleRate: 1, tags: ['env:test', 'sku:a1'] })]);
  expect(byName('shop.queue').map((m) => [m.type, m.value, m.delta ?? false])).toEqual([
    ['g', 7.5, false],
    ['g', -2, true],
  ]);
  expect(byName('shop.basket')).toEqual([expect.objectContaining({ type: 'h', value: 42, sampleRate: 0.25, tags: ['env:test', 'currency:eur'] })]);
  expect(byName('shop.latency')).toEqual([expect.objectContaining({ type: 'd', value: 12.5, tags: ['env:test', 'route:/cart'] })]);
  expect(byName('shop.render')).toEqual([expect.objectContaining({ type: 'ms', value: 33, tags: ['env:test', 'page:home'] })]);
  expect(byName('shop.visitors')).toEqual([expect.objectContaining({ type: 's', setValue: 'user-17', tags: ['env:test', 'site:web'] })]);
  expect(byName('shop.stamped')).toEqual([expect.objectContaining({ type: 'c', value: 1, timestamp: 1_700_000_000 })]);

  const queue = agent.store.aggregatedMetrics({ name: 'shop.queue' });
  expect(queue).toEqual([expect.objectContaining({ type: 'g', last: 5.5, count: 2 })]);
  expect(agent.store.counters.malformedStatsdLines).toBe(0);
  expect(clientErrors).toEqual([]);
});

test('buffered clients send multi-metric packets; counters aggregate by name and tags', async () => {
  const statsd = newClient({ maxBufferSize: 8192, bufferFlushInterval: 20 });
  for (let i = 0; i < 5; i++) statsd.increment('jobs.done', 1, ['queue:a']);
  statsd.increment('jobs.done', 10, ['queue:b']);
  for (const value of [3, 9, 6]) statsd.distribution('jobs.duration', value);
  statsd.increment('jobs.flushed');

  await agent.store.waitForMetric('jobs.flushed');
  expect(agent.store.counters.statsdPackets).toBeLessThan(agent.store.counters.metricsReceived);
  expect(agent.store.aggregatedMetrics({ name: 'jobs.done' })).toEqual([
    expect.objectContaining({ tags: ['env:test', 'queue:a'], count: 5, sum: 5 }),
    expect.objectContaining({ tags: ['env:test', 'queue:b'], count: 1, sum: 10 }),
  ]);
  expect(agent.store.aggregatedMetrics({ name: 'jobs.duration' })).toEqual([
    expect.objectContaining({ type: 'd', count: 3, min: 3, max: 9, avg: 6, last: 6 }),
  ]);
});

test('events and service checks arrive with their fields', async () => {
  const statsd = newClient();
  statsd.event('Deploy finished', 'version 1.2.3\nall green', {
    aggregation_key: 'deploys',
    priority: 'low',
    alert_type: 'success',
    source_type_name: 'kennel',
    hostname: 'build-1',
  }, ['team:core']);
  statsd.check('db.reachable', statsd.CHECKS.WARNING, { hostname: 'db-1', message: 'slow | replica lag' }, ['db:main']);

  const event = await agent.store.waitForEvent('Deploy finished');
  expect(event).toMatchObject({
    text: 'version 1.2.3\nall green',
    aggregationKey: 'deploys',
    priority: 'low',
    alertType: 'success',
    sourceTypeName: 'kennel',
    hostname: 'build-1',
    tags: ['env:test', 'team:core'],
  });
  const check = await agent.store.waitForServiceCheck('db.reachable');
  expect(check).toMatchObject({ status: 1, hostname: 'db-1', message: 'slow | replica lag', tags: ['env:test', 'db:main'] });
});

test('waiting for a metric that never comes rejects listing what did arrive', async () => {
  const statsd = newClient();
  statsd.increment('arrived.metric');
  await agent.store.waitForMetric('arrived.metric');
  await expect(agent.store.waitForMetric('missing.metric', undefined, { timeoutMs: 50 })).rejects.toThrow(
    /timed out after 50 ms waiting for metric "missing.metric"; received 1: arrived.metric\|c=1/,
  );
});
