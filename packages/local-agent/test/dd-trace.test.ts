import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startLocalAgent, type LocalAgent, type StoredSpan } from '../src/index.js';
import { runNode } from './run-node.js';

/** Nested spans with tags and an error, created by the real dd-trace in a fresh process. */
const SCRIPT = `
const tracer = require('dd-trace').init({ service: 'checkout', env: 'test', version: '1.2.3', tags: { team: 'kennel' } });
tracer.trace('web.request', { resource: 'GET /cart', type: 'web', tags: { 'http.method': 'GET' } }, () => {
  tracer.trace('db.query', { resource: 'SELECT * FROM carts' }, (span) => span.setTag('db.rows', 3));
  try {
    tracer.trace('payment.charge', { resource: 'charge' }, () => { throw new TypeError('card declined'); });
  } catch {}
});
`;

let agent: LocalAgent;

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
});
afterAll(() => agent.close());
beforeEach(() => agent.store.reset());

describe.each(['0.4', '0.5'])('real dd-trace over v%s', (protocol) => {
  test('nested spans arrive with names, resources, unified tags, parent ids and the error', async () => {
    const run = await runNode(SCRIPT, {
      DD_TRACE_AGENT_URL: agent.url,
      DD_TRACE_AGENT_PROTOCOL_VERSION: protocol,
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    });
    expect(run.code, run.stderr).toBe(0);

    const spans = await agent.store.waitForSpans(3);
    const byName = (name: string) => spans.find((s) => s.name === name) as StoredSpan;
    const root = byName('web.request');
    const query = byName('db.query');
    const charge = byName('payment.charge');

    expect(spans.map((s) => s.version)).toEqual([`v${protocol}`, `v${protocol}`, `v${protocol}`]);
    expect(root).toMatchObject({ resource: 'GET /cart', service: 'checkout', type: 'web', parent_id: '0', error: 0 });
    expect(root.meta).toMatchObject({ env: 'test', version: '1.2.3', team: 'kennel', 'http.method': 'GET' });
    expect(query).toMatchObject({ resource: 'SELECT * FROM carts', service: 'checkout', parent_id: root.span_id, trace_id: root.trace_id });
    expect(query.metrics['db.rows']).toBe(3);
    expect(charge).toMatchObject({ resource: 'charge', parent_id: root.span_id, trace_id: root.trace_id, error: 1 });
    expect(charge.meta).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'card declined' });
    expect(charge.meta['error.stack']).toContain('TypeError: card declined');
    // 64-bit ids as unsigned decimal strings, distinct per span.
    for (const span of spans) expect(span.span_id).toMatch(/^[1-9]\d*$/);
    expect(new Set(spans.map((s) => s.span_id)).size).toBe(3);
    expect(root.duration).toBeGreaterThan(0);
    expect(agent.store.traces()).toHaveLength(1);
    expect(agent.store.counters.malformedPayloads).toBe(0);
  });
});

test("dd-trace's own DogStatsD client reaches the agent through /dogstatsd/v2/proxy", async () => {
  const script = `
const tracer = require('dd-trace').init({ service: 'checkout', env: 'test', version: '1.2.3' });
tracer.dogstatsd.increment('checkout.orders', 3, { region: 'eu' });
tracer.dogstatsd.gauge('checkout.queue', 12);
tracer.dogstatsd.flush();
`;
  const run = await runNode(script, {
    DD_TRACE_AGENT_URL: agent.url,
    DD_TRACE_STARTUP_LOGS: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  });
  expect(run.code, run.stderr).toBe(0);
  const orders = await agent.store.waitForMetric('checkout.orders');
  expect(orders).toMatchObject({ type: 'c', value: 3 });
  expect(orders.tags).toEqual(expect.arrayContaining(['region:eu', 'service:checkout', 'env:test', 'version:1.2.3']));
  await expect(agent.store.waitForMetric('checkout.queue')).resolves.toMatchObject({ type: 'g', value: 12 });
});

test('traces from several processes at once all arrive, each under its own service', async () => {
  const services = ['alpha', 'beta', 'gamma'];
  const runs = await Promise.all(
    services.map((service, i) =>
      runNode(
        `const tracer = require('dd-trace').init({ service: '${service}' });
for (let n = 0; n < 20; n++) tracer.trace('job.run', { resource: 'job-' + n }, () => {});`,
        {
          DD_TRACE_AGENT_URL: agent.url,
          DD_TRACE_AGENT_PROTOCOL_VERSION: i % 2 === 0 ? '0.4' : '0.5',
          DD_TRACE_STARTUP_LOGS: 'false',
          DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
        },
      ),
    ),
  );
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  await agent.store.waitForSpans(60);
  for (const service of services) {
    expect(agent.store.spans({ service }).map((s) => s.resource)).toEqual(Array.from({ length: 20 }, (_, n) => `job-${n}`));
  }
});
