import { createKennel } from '@kennel/core';
import { expect, test } from 'vitest';
import { daemonMetricsPlugin, metricsPlugin, startDaemonTelemetry } from '../src/index.js';
import { kennelWithMetrics, recordingLogger } from './helpers.js';

test('startup counter, init duration in ms and µs, startup event with process metadata, uptime gauge', async () => {
  const { kennel, metrics } = await kennelWithMetrics();
  const initStartedAt = performance.now() - 25;
  const telemetry = startDaemonTelemetry(metrics, { initStartedAt });
  telemetry.stop();
  telemetry.stop();
  const lines = metrics.mockBuffer();
  const meta = `arch:${process.arch},platform:${process.platform},node_version:${process.version}`;
  expect(lines[0]).toBe(`daemon.startup:1|c|#service:svc,env:test,version:1.2.3,${meta}`);
  const ms = Number(/^daemon\.init\.duration_ms:([\d.]+)\|g/.exec(lines[1]!)?.[1]);
  const us = Number(/^daemon\.init\.duration_us:(\d+)\|g/.exec(lines[2]!)?.[1]);
  expect(ms).toBeGreaterThanOrEqual(25);
  expect(Math.abs(us - ms * 1000)).toBeLessThan(1);
  expect(lines[3]).toMatch(new RegExp(`^_e\\{14,\\d+\\}:daemon\\.startup\\|pid ${process.pid} on .*\\|#.*pid:${process.pid},hostname:`));
  expect(lines[4]).toMatch(/^daemon\.uptime:[\d.]+\|g\|#/);
  await kennel.shutdown();
});

test('daemonMetricsPlugin stops its interval before metrics closes, and runtime metrics are sent', async () => {
  const { logger } = recordingLogger();
  const kennel = await createKennel({
    plugins: [metricsPlugin({ mock: true }), daemonMetricsPlugin({ intervalMs: 10, runtimeMetrics: true })],
    config: { service: 'svc' },
    env: {},
    logger,
  });
  const metrics = kennel.get('metrics');
  const results = await kennel.shutdown();
  expect(results.every((r) => r.ok)).toBe(true);
  const names = new Set(metrics.mockBuffer().map((l) => l.split(':')[0]));
  expect(names).toContain('daemon.uptime');
  expect(names).toContain('runtime.node.event_loop.delay.p99');
  expect(names).toContain('runtime.node.heap.used');
  expect(metrics.stats().dropped).toBe(0); // no tick after metrics closed
});
