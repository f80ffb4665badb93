import { createKennel, definePlugin, type KennelOptions } from '@kennel/core';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { metricsPlugin } from '../src/index.js';
import { kennelWithMetrics, recordingLogger } from './helpers.js';

let agent: LocalAgent;
const GLOBAL = ['service:svc', 'env:test', 'version:1.2.3'];

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => undefined });
});
afterAll(() => agent.close());

const toAgent = (extra: KennelOptions = {}): KennelOptions => ({ ...extra, agent: { statsdHost: '127.0.0.1', statsdPort: agent.ports.statsd, ...extra.agent } });

describe('over UDP to the local agent', () => {
  test('hot series are aggregated: summed counts and packed values, one line each per flush', async () => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent());
    const packetsBefore = agent.store.counters.statsdPackets;
    for (let i = 0; i < 500; i++) {
      metrics.increment('agg.requests', 1, ['route:/users/:id']);
      metrics.distribution('agg.duration', i, ['route:/users/:id']);
    }
    await kennel.shutdown();
    const counts = await agent.store.waitForMetric('agg.requests');
    expect(counts).toMatchObject({ type: 'c', value: 500, tags: [...GLOBAL, 'route:/users/:id'] });
    expect(agent.store.metrics({ name: 'agg.requests' })).toHaveLength(1);
    await agent.store.waitForMetric('agg.duration', (m) => m.value === 499);
    const values = agent.store.metrics({ name: 'agg.duration' }).map((m) => m.value);
    expect(values).toEqual(Array.from({ length: 500 }, (_, i) => i));
    // 1000 calls: one line per call would take ≈ 14 full 8 KiB datagrams; packed, 500 values fit in one or two.
    expect(agent.store.counters.statsdPackets - packetsBefore).toBeLessThanOrEqual(3);
  });

  test('a bound series arrives as plain calls would, across flushes and a scrubber registered after binding', async () => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent());
    const tags = Object.freeze(['route:/orders/:id', 'user:ann@example.com']);
    const requests = metrics.series('increment', 'bound.requests', tags);
    const duration = metrics.series('distribution', 'bound.duration', tags);
    for (let i = 0; i < 200; i++) {
      requests.record(1);
      duration.record(i);
      if (i === 99) await metrics.flush(); // the aggregator forgets its series: bound ones find theirs again
    }
    kennel.hooks.on('preTag', (value) => value.replace(/[\w.]+@[\w.]+/g, '[email]'));
    requests.record(1);
    duration.record(200);
    duration.record(Number.NaN); // dropped and counted, as distribution() would
    expect(metrics.stats().dropped).toBe(1);
    await kennel.shutdown();
    requests.record(1); // after shutdown: dropped
    expect(metrics.stats().dropped).toBe(2);

    const raw = [...GLOBAL, 'route:/orders/:id', 'user:ann_example.com']; // '@' is not a tag character
    const scrubbed = [...GLOBAL, 'route:/orders/:id', 'user:_email_'];
    await agent.store.waitForMetric('bound.requests', (m) => m.tags.includes('user:_email_'));
    const counts = agent.store.metrics({ name: 'bound.requests' });
    expect(counts.map((m) => [m.value, m.tags])).toEqual([[100, raw], [100, raw], [1, scrubbed]]);
    await agent.store.waitForMetric('bound.duration', (m) => m.value === 200);
    const values = agent.store.metrics({ name: 'bound.duration' });
    expect(values.map((m) => m.value)).toEqual(Array.from({ length: 201 }, (_, i) => i));
    expect(values.every((m) => m.type === 'd' && m.tags.join() === (m.value === 200 ? scrubbed : raw).join())).toBe(true);
  });

  test('a bound series whose first value is invalid sends nothing for it', async () => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent());
    metrics.series('increment', 'bound.invalid', ['route:/a']).record(Number.NaN);
    metrics.increment('bound.marker', 1); // flushed after it, in the same payload
    await kennel.shutdown();
    await agent.store.waitForMetric('bound.marker');
    expect(metrics.stats().dropped).toBe(1);
    expect(agent.store.metrics({ name: 'bound.invalid' })).toEqual([]); // metrics.increment(name, NaN) sends no 0 either
  });

  test('onFlush listeners record what they hold first: at flush(), at each periodic flush, and at shutdown', async () => {
    const { kennel, metrics, lines } = await kennelWithMetrics({}, toAgent({ metrics: { flushIntervalMs: 50 } }));
    const requests = metrics.series('increment', 'held.requests', ['route:/a']);
    let held = 0;
    const listener = () => {
      if (held > 0) requests.record(held);
      held = 0;
    };
    const remove = metrics.onFlush(listener)!;
    held = 2;
    await metrics.flush();
    expect(held).toBe(0);
    await agent.store.waitForMetric('held.requests', (m) => m.value === 2);
    held = 3; // no call to flush(): the interval's flush takes it
    await agent.store.waitForMetric('held.requests', (m) => m.value === 3);

    remove();
    held = 9;
    await metrics.flush();
    expect(held).toBe(9); // removed: not called

    metrics.onFlush(listener);
    metrics.onFlush(() => {
      throw new Error('listener bug');
    });
    held = 4;
    await kennel.shutdown();
    await agent.store.waitForMetric('held.requests', (m) => m.value === 4);
    expect(lines.filter((l) => l.level === 'warn' && l.message.startsWith('an onFlush listener threw'))).toHaveLength(1);
    expect(metrics.onFlush(listener)).toBeUndefined(); // shut down: record values as they come (they are dropped)
  });

  test('onFlush: a client that holds nothing between flushes takes no listener', async () => {
    for (const options of [{ mock: true }, { aggregate: false }]) {
      const { kennel, metrics } = await kennelWithMetrics(options, toAgent());
      expect(metrics.onFlush(() => undefined)).toBeUndefined();
      await kennel.shutdown();
    }
  });

  test('aggregate: false sends one line per call', async () => {
    const { kennel, metrics } = await kennelWithMetrics({ aggregate: false }, toAgent());
    for (let i = 0; i < 5; i++) metrics.increment('agg.off', 1);
    await kennel.shutdown();
    await agent.store.waitForMetric('agg.off'); // the five lines share one datagram
    expect(agent.store.metrics({ name: 'agg.off' }).map((m) => m.value)).toEqual([1, 1, 1, 1, 1]);
  });

  test('every metric type arrives with its name, value, type, tags and sample rate', async () => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent());
    metrics.increment('wire.count', 2, { route: '/a' });
    metrics.decrement('wire.down', 1);
    metrics.gauge('wire.gauge', 3.5, ['team:core']);
    metrics.histogram('wire.hist', 10);
    metrics.distribution('wire.dist', 11.5);
    metrics.timing('wire.timing', 12);
    metrics.set('wire.set', 'member-1');
    metrics.increment('wire.sampled', 1, undefined, { sampleRate: 0.999999 });
    await metrics.timer('wire.timer', async () => 'done');
    await kennel.shutdown();

    const one = (name: string) => agent.store.waitForMetric(name);
    expect(await one('wire.count')).toMatchObject({ type: 'c', value: 2, sampleRate: 1, tags: [...GLOBAL, 'route:/a'] });
    expect(await one('wire.down')).toMatchObject({ type: 'c', value: -1, tags: GLOBAL });
    expect(await one('wire.gauge')).toMatchObject({ type: 'g', value: 3.5, tags: [...GLOBAL, 'team:core'] });
    expect(await one('wire.hist')).toMatchObject({ type: 'h', value: 10 });
    expect(await one('wire.dist')).toMatchObject({ type: 'd', value: 11.5 });
    expect(await one('wire.timing')).toMatchObject({ type: 'ms', value: 12 });
    expect(await one('wire.set')).toMatchObject({ type: 's', setValue: 'member-1' });
    expect(await one('wire.timer')).toMatchObject({ type: 'd', tags: GLOBAL });
    const sampled = await agent.store.waitForMetric('wire.sampled').catch(() => undefined);
    // Sampled in with probability 0.999999; when it arrives it carries its rate.
    if (sampled) expect(sampled.sampleRate).toBe(0.999999);
    expect(agent.store.counters.malformedStatsdLines).toBe(0);
  });

  test('prefix, DD_TAGS, events and service checks', async () => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent({ metrics: { prefix: 'shop' } }), { DD_TAGS: 'team:pay' });
    metrics.increment('orders', 1, { currency: 'EUR' });
    metrics.event('deploy done', 'v1.2.3\nall good', { alertType: 'success' }, { sha: 'abc' });
    metrics.serviceCheck('db.ok', 1, { message: 'slow' }, ['db:main']);
    await kennel.shutdown();
    expect(await agent.store.waitForMetric('shop.orders')).toMatchObject({ tags: ['team:pay', ...GLOBAL, 'currency:EUR'] });
    const event = await agent.store.waitForEvent('deploy done');
    expect(event).toMatchObject({ alertType: 'success', tags: ['team:pay', ...GLOBAL, 'sha:abc'] });
    expect(event.text).toContain('all good');
    expect(await agent.store.waitForServiceCheck('shop.db.ok')).toMatchObject({ status: 1, message: 'slow', tags: ['team:pay', ...GLOBAL, 'db:main'] });
  });

  test('a preTag scrubber registered by another plugin (pii-filter) applies to metric tag values on the wire', async () => {
    const scrubber = definePlugin({
      name: 'pii-filter',
      setup: (ctx) => {
        ctx.hooks.on('preTag', (value, key) => (key === 'token' ? null : value.replace(/[\w.]+@[\w.]+/g, '[email]')));
        ctx.hooks.on('preText', (value) => value.replace(/[\w.]+@[\w.]+/g, '[email]'));
        return {};
      },
    });
    const kennel = await createKennel({ plugins: [metricsPlugin(), scrubber], config: toAgent({ service: 'svc', env: 'test' }), env: {}, logger: recordingLogger().logger });
    const metrics = kennel.get('metrics');
    metrics.increment('scrubbed.count', 1, { user: 'ann@example.com', token: 'secret', plan: 'pro' });
    metrics.event('scrubbed.event', 'signup by ann@example.com');
    await kennel.shutdown();
    expect((await agent.store.waitForMetric('scrubbed.count')).tags).toEqual(['service:svc', 'env:test', 'user:_email_', 'plan:pro']);
    expect((await agent.store.waitForEvent('scrubbed.event')).text).toBe('signup by [email]');
  });

  test.each([
    ['plugins: { metrics: false }', { plugins: { metrics: false } }, {}],
    ['KENNEL_PLUGIN_METRICS=false', {}, { KENNEL_PLUGIN_METRICS: 'false' }],
    ['KENNEL_METRICS_ENABLED=false', {}, { KENNEL_METRICS_ENABLED: 'false' }],
  ])('disabled by %s: nothing is emitted and the API is a no-op', async (_label, config, env) => {
    const { kennel, metrics } = await kennelWithMetrics({}, toAgent(config), env);
    expect(kennel.status()[0]?.state).toBe('disabled');
    metrics.increment('disabled.count');
    metrics.event('disabled.event', 'x');
    expect(metrics.timer('disabled.timer', () => 7)).toBe(7);
    await metrics.flush();
    expect(metrics.stats()).toMatchObject({ sent: 0, transport: 'none' });
    await kennel.shutdown();
    // A sentinel from an enabled client, sent afterwards, proves the agent was listening.
    const sentinel = await kennelWithMetrics({}, toAgent());
    sentinel.metrics.increment('sentinel.after.disabled');
    await sentinel.kennel.shutdown();
    await agent.store.waitForMetric('sentinel.after.disabled');
    expect(agent.store.metrics().filter((m) => m.name.startsWith('disabled.'))).toEqual([]);
    expect(agent.store.events().filter((e) => e.title.startsWith('disabled.'))).toEqual([]);
  });

  // The fallback is only reachable where hot-shots cannot load unix-dgram (its build is disabled here).
  test.skipIf(unixDgramLoads())('a UDS socket without the native unix-dgram falls back to UDP with a coded warning', async () => {
    const { kennel, metrics, lines } = await kennelWithMetrics({}, toAgent(), { DD_DOGSTATSD_URL: 'unix:///tmp/kennel-no-such-dsd.socket' });
    metrics.increment('uds.fallback');
    await kennel.shutdown();
    expect(metrics.stats().transport).toBe('udp');
    expect(lines.find((l) => l.fields?.code === 'KENNEL_ERR_METRICS_UDS_UNAVAILABLE')?.message).toContain('unix-dgram');
    await agent.store.waitForMetric('uds.fallback');
  });
});

describe('agent absent', () => {
  test('nothing thrown, no unhandled rejection, heap bounded', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const closedPort = await freeUdpPort();
    const { kennel, metrics } = await kennelWithMetrics({}, { agent: { statsdHost: '127.0.0.1', statsdPort: closedPort } });
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 10_000; i++) metrics.increment('absent.count', 1, { shard: i % 10 });
      await metrics.flush();
    }
    const grown = process.memoryUsage().heapUsed - before;
    await kennel.shutdown();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    expect(metrics.stats().sent).toBe(200_000);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  test('an unresolvable agent host: errors are counted, logged once per interval, never thrown', async () => {
    const { logger, lines } = recordingLogger();
    const kennel = await createKennel({
      plugins: [metricsPlugin()],
      config: { service: 'svc', agent: { statsdHost: 'kennel-agent.invalid', statsdPort: 8125 } },
      env: {},
      logger,
    });
    const metrics = kennel.get('metrics');
    for (let round = 0; round < 5; round++) {
      metrics.increment('nowhere.count');
      await metrics.flush();
    }
    await kennel.shutdown();
    expect(metrics.stats().errors).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => l.fields?.code === 'KENNEL_ERR_METRICS_TRANSPORT_ERROR')).toHaveLength(1);
  });
});

function unixDgramLoads(): boolean {
  try {
    createRequire(createRequire(import.meta.url).resolve('hot-shots'))('unix-dgram');
    return true;
  } catch {
    return false;
  }
}

async function freeUdpPort(): Promise<number> {
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
