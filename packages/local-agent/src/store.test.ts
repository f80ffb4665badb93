import { expect, test } from 'vitest';
import { parseStatsdPacket } from './statsd-parser.js';
import { AgentStore } from './store.js';

const span = (id: number, name = `s${id}`) => ({
  trace_id: String(id),
  span_id: String(id),
  parent_id: '0',
  name,
  resource: name,
  service: 'svc',
  type: '',
  error: 0,
  meta: {},
  metrics: {},
  start: 0,
  duration: 1,
});

test('bounded: the oldest spans and metrics are dropped first and counted', () => {
  const store = new AgentStore({ maxSpans: 3, maxMetrics: 2, maxSeries: 1 });
  store.addTraces([[span(1), span(2)], [span(3), span(4), span(5)]], 'v0.4');
  expect(store.spans().map((s) => s.name)).toEqual(['s3', 's4', 's5']);
  store.addStatsd(parseStatsdPacket('a:1|c\nb:1|c\na:2|c'));
  expect(store.metrics().map((m) => `${m.name}${m.value}`)).toEqual(['b1', 'a2']);
  expect(store.aggregatedMetrics()).toEqual([expect.objectContaining({ name: 'a', sum: 3 })]);
  expect(store.counters).toMatchObject({ spansReceived: 5, spansDropped: 2, metricsReceived: 3, metricsDropped: 1, seriesDropped: 1 });
});

test('invalid limits are refused with a code, naming the option, the value and what is accepted', () => {
  expect(() => new AgentStore({ maxSpans: 0 })).toThrow(
    expect.objectContaining({ code: 'KENNEL_ERR_AGENT_OPTION_INVALID', message: 'local-agent limits.maxSpans=0 is invalid: expected a positive integer' }),
  );
});

test('waiters resolve on arrival, by count or predicate', async () => {
  const store = new AgentStore();
  const byCount = store.waitForSpans(2);
  const byPredicate = store.waitForSpans((s) => s.name === 'wanted', { count: 1 });
  store.addTraces([[span(1)]], 'v0.4');
  store.addTraces([[span(2, 'wanted')]], 'v0.5');
  expect((await byCount).map((s) => s.name)).toEqual(['s1', 'wanted']);
  expect((await byPredicate).map((s) => s.version)).toEqual(['v0.5']);
  // Already satisfied: resolves immediately.
  await expect(store.waitForSpans(1)).resolves.toHaveLength(2);
});

test('a timed-out wait lists what did arrive', async () => {
  const store = new AgentStore();
  store.addTraces([[span(1, 'only')]], 'v0.4');
  await expect(store.waitForSpans(3, { timeoutMs: 20 })).rejects.toThrow(
    'local-agent: timed out after 20 ms waiting for 3 span(s); received 1: svc:only(only)',
  );
  await expect(store.waitForEvent('deploy', { timeoutMs: 10 })).rejects.toThrow('waiting for event "deploy"; received nothing');
});

test('reset forgets everything and notifies listeners', () => {
  const store = new AgentStore();
  const kinds: string[] = [];
  const unsubscribe = store.onRecord((record) => kinds.push(record.kind));
  store.addTraces([[span(1)]], 'v0.4');
  store.addStatsd(parseStatsdPacket('m:1|c\nbad'));
  store.reset();
  unsubscribe();
  store.addTraces([[span(2)]], 'v0.4');
  expect(kinds).toEqual(['span', 'metric', 'reset']);
  expect(store.summary()).toMatchObject({ spans: 1, metrics: 0, counters: { malformedStatsdLines: 0, spansReceived: 1 } });
});
