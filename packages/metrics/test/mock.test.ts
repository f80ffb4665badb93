import { afterEach, describe, expect, test, vi } from 'vitest';
import { kennelWithMetrics } from './helpers.js';

const GLOBAL = 'service:svc,env:test,version:1.2.3';

afterEach(() => vi.restoreAllMocks());

describe('mock mode', () => {
  test('every metric type is formatted as DogStatsD with global and call tags', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    metrics.increment('hits');
    metrics.increment('hits', 3, { route: '/a' });
    metrics.decrement('queue', 2, ['team:core']);
    metrics.gauge('temp', 21.5);
    metrics.histogram('size', 512);
    metrics.distribution('latency', 12.25);
    metrics.timing('db', 7);
    metrics.set('users', 'u-1');
    expect(metrics.mockBuffer()).toEqual([
      `hits:1|c|#${GLOBAL}`,
      `hits:3|c|#${GLOBAL},route:/a`,
      `queue:-2|c|#${GLOBAL},team:core`,
      `temp:21.5|g|#${GLOBAL}`,
      `size:512|h|#${GLOBAL}`,
      `latency:12.25|d|#${GLOBAL}`,
      `db:7|ms|#${GLOBAL}`,
      `users:u-1|s|#${GLOBAL}`,
    ]);
    expect(metrics.stats()).toMatchObject({ sent: 8, dropped: 0, transport: 'mock' });
    await kennel.shutdown();
  });

  test('prefix and config tags (DD_TAGS) are applied once, to every line', async () => {
    const { kennel, metrics } = await kennelWithMetrics({ mock: true }, { metrics: { prefix: 'shop' } }, { DD_TAGS: 'team:core,region:eu' });
    metrics.increment('orders');
    expect(metrics.mockBuffer()).toEqual(['shop.orders:1|c|#team:core,region:eu,service:svc,env:test,version:1.2.3']);
    await kennel.shutdown();
  });

  test('sample rate: sampled-in lines carry |@rate, sampled-out ones are counted', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.1);
    metrics.increment('sampled', 1, undefined, { sampleRate: 0.5 });
    random.mockReturnValue(0.9);
    metrics.increment('sampled', 1, undefined, { sampleRate: 0.5 });
    expect(metrics.mockBuffer()).toEqual([`sampled:1|c|@0.5|#${GLOBAL}`]);
    expect(metrics.stats().sampledOut).toBe(1);
    await kennel.shutdown();
  });

  test('timer records a distribution for sync and async functions and rethrows unchanged', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    expect(metrics.timer('sync', () => 42)).toBe(42);
    await expect(metrics.timer('async', async () => 'ok')).resolves.toBe('ok');
    const boom = new Error('boom');
    expect(() => metrics.timer('throws', () => { throw boom; })).toThrow(boom);
    await expect(metrics.timer('rejects', () => Promise.reject(boom))).rejects.toBe(boom);
    await new Promise((r) => setImmediate(r));
    const names = metrics.mockBuffer().map((l) => l.split(':')[0]);
    expect(names.sort()).toEqual(['async', 'rejects', 'sync', 'throws']);
    for (const line of metrics.mockBuffer()) expect(line).toMatch(/^\w+:\d+(\.\d+)?(e-\d+)?\|d\|#/);
    await kennel.shutdown();
  });

  test('events and service checks carry global tags; text newlines are escaped', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    metrics.event('Deploy', 'line1\nline2', { alertType: 'success', priority: 'low', aggregationKey: 'deploy' }, { sha: 'abc' });
    metrics.serviceCheck('db.up', 2, { message: 'down\nhard', hostname: 'h1' }, ['db:main']);
    const [event, check] = metrics.mockBuffer();
    expect(event).toBe(`_e{6,12}:Deploy|line1\\nline2|k:deploy|p:low|t:success|#${GLOBAL},sha:abc`);
    expect(check).toBe(`_sc|db.up|2|h:h1|#${GLOBAL},db:main|m:down\\nhard`);
    await kennel.shutdown();
  });

  test('event lengths are UTF-8 bytes; long event text is cut to fit the payload cap', async () => {
    const { kennel, metrics } = await kennelWithMetrics({ mock: true, maxPayloadBytes: 1432 });
    metrics.event('Déploiement ✓', 'fini');
    metrics.event('long', 'x'.repeat(10_000));
    const [accented, long] = metrics.mockBuffer();
    expect(accented).toBe(`_e{16,4}:Déploiement ✓|fini|#${GLOBAL}`);
    expect(Buffer.byteLength(long!)).toBeLessThanOrEqual(1432);
    expect(metrics.stats()).toMatchObject({ sent: 2, dropped: 0 });
    await kennel.shutdown();
  });

  test('invalid names and values are dropped and counted, never thrown', async () => {
    const { kennel, metrics, lines } = await kennelWithMetrics();
    metrics.increment('123');
    metrics.gauge('ok', Number.NaN);
    metrics.gauge('ok', Infinity);
    metrics.serviceCheck('check', 7 as never);
    expect(metrics.mockBuffer()).toEqual([]);
    expect(metrics.stats().dropped).toBe(4);
    expect(lines.filter((l) => l.level === 'warn').length).toBeGreaterThan(0);
    await kennel.shutdown();
  });

  test('a line over the payload cap is dropped and counted', async () => {
    const { kennel, metrics } = await kennelWithMetrics({ mock: true, maxPayloadBytes: 1432 });
    metrics.increment('big', 1, { note: 'x'.repeat(190) });
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v'.repeat(150)]));
    metrics.increment('huge', 1, many);
    expect(metrics.mockBuffer()).toHaveLength(1);
    expect(metrics.stats()).toMatchObject({ sent: 1, dropped: 1, maxPayloadBytes: 1432 });
    await kennel.shutdown();
  });

  test('after shutdown the API is inert: lines are dropped and counted', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    await kennel.shutdown();
    metrics.increment('late');
    expect(metrics.mockBuffer()).toEqual([]);
    expect(metrics.stats().dropped).toBe(1);
  });

  test("Datadog-mode origin fields that hot-shots computes (DD_EXTERNAL_ENV → e:) end every line", async () => {
    vi.stubEnv('DD_EXTERNAL_ENV', 'it-false,cn-app');
    try {
      const { kennel, metrics } = await kennelWithMetrics();
      metrics.increment('origin');
      metrics.increment('origin', 1, { k: 'v' });
      metrics.serviceCheck('origin.check', 0, { message: 'ok' });
      // c:<container id> also appears where hot-shots finds one (cgroup); e: and card: follow it.
      const origin = '(\\|c:[^|]+)?\\|e:it-false,cn-app';
      const [plain, tagged, check] = metrics.mockBuffer();
      expect(plain).toMatch(new RegExp(`^origin:1\\|c\\|#${GLOBAL}${origin}$`));
      expect(tagged).toMatch(new RegExp(`^origin:1\\|c\\|#${GLOBAL},k:v${origin}$`));
      expect(check).toMatch(new RegExp(`^_sc\\|origin\\.check\\|0\\|#${GLOBAL}${origin}\\|m:ok$`));
      await kennel.shutdown();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test("kennel's resolved service/env/version are the only unified tags: hot-shots' own DD_* reading is off", async () => {
    vi.stubEnv('DD_SERVICE', 'from-process-env');
    vi.stubEnv('DD_TAGS', 'leak:yes');
    try {
      const { kennel, metrics } = await kennelWithMetrics(); // kennel reads env {} here
      metrics.increment('unified');
      expect(metrics.mockBuffer()[0]).toMatch(new RegExp(`^unified:1\\|c\\|#${GLOBAL}(\\||$)`));
      await kennel.shutdown();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('mockBuffer is bounded', async () => {
    const { kennel, metrics } = await kennelWithMetrics({ mock: true, mockBufferLimit: 10 });
    for (let i = 0; i < 100; i++) metrics.gauge('g', i);
    expect(metrics.mockBuffer()).toHaveLength(10);
    expect(metrics.mockBuffer()[9]).toContain('g:99|g');
    await kennel.shutdown();
  });

  test('a reused frozen tag list is formatted once, and again when a scrubber is registered later', async () => {
    const { kennel, metrics } = await kennelWithMetrics();
    const tags = Object.freeze(['user:u1', 'route:/a']);
    metrics.gauge('g', 1, tags);
    metrics.gauge('g', 2, tags);
    kennel.hooks.on('preTag', (value, key) => (key === 'user' ? 'anon' : value));
    metrics.gauge('g', 3, tags);
    expect(metrics.mockBuffer()).toEqual([`g:1|g|#${GLOBAL},user:u1,route:/a`, `g:2|g|#${GLOBAL},user:u1,route:/a`, `g:3|g|#${GLOBAL},user:anon,route:/a`]);
    await kennel.shutdown();
  });

  test('a bound series writes the line each call would; an unknown kind is reported and dropped', async () => {
    const { kennel, metrics, lines } = await kennelWithMetrics();
    const tags: Record<string, string> = { table: 'users' };
    const query = metrics.series('timing', 'db.query', tags);
    tags.table = 'orders'; // read when bound: later changes to the caller's object do not reach the series
    query.record(12);
    metrics.series('increment', 'jobs').record(2);
    // @ts-expect-error: a kind no series takes
    const gauge = metrics.series('gauge', 'queue.depth');
    gauge.record(5);
    expect(metrics.mockBuffer()).toEqual([`db.query:12|ms|#${GLOBAL},table:users`, `jobs:2|c|#${GLOBAL}`]);
    expect(metrics.stats()).toMatchObject({ sent: 2, dropped: 1 });
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('metrics.series got kind "gauge"'))).toBe(true);
    await kennel.shutdown();
  });
});
