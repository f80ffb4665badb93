import { definePlugin } from '@kennel/core';
import { hostname } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { DaemonTelemetry, DaemonTelemetryOptions, MetricsApi } from './types.js';

/**
 * Process-level telemetry for long-running services: `daemon.startup` (counter) and a startup event
 * with the process metadata, init duration (`daemon.init.duration_ms` / `_us` gauges), `daemon.uptime`
 * (gauge, seconds) on an unref'd interval, and optionally `runtime.node.*` (event-loop delay, heap, GC).
 */
export function startDaemonTelemetry(metrics: MetricsApi, options: DaemonTelemetryOptions = {}): DaemonTelemetry {
  const initMs = performance.now() - (options.initStartedAt ?? 0);
  const meta = { arch: process.arch, platform: process.platform, node_version: process.version };
  metrics.increment('daemon.startup', 1, meta);
  metrics.gauge('daemon.init.duration_ms', round(initMs, 3), meta);
  metrics.gauge('daemon.init.duration_us', Math.round(initMs * 1000), meta);
  if (options.startupEvent !== false) {
    const pid = process.pid;
    const host = hostname();
    metrics.event(
      'daemon.startup',
      `pid ${pid} on ${host} (${process.platform}/${process.arch}, node ${process.version}) initialised in ${round(initMs, 3)} ms`,
      { alertType: 'info', sourceTypeName: 'kennel' },
      { ...meta, pid, hostname: host },
    );
  }

  const runtime = options.runtimeMetrics ? startRuntimeMetrics(metrics) : undefined;
  const tick = () => {
    metrics.gauge('daemon.uptime', round(process.uptime(), 3));
    runtime?.sample();
  };
  tick();
  const interval = setInterval(tick, options.intervalMs ?? 10_000);
  interval.unref();

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(interval);
      runtime?.stop();
    },
  };
}

/** `startDaemonTelemetry` as a plugin: starts after `metrics`, stops before it closes. */
export function daemonMetricsPlugin(options: DaemonTelemetryOptions = {}) {
  return definePlugin({
    name: 'daemon-metrics',
    dependsOn: ['metrics'],
    setup: (ctx) => startDaemonTelemetry(ctx.get('metrics'), options),
    shutdown: (telemetry) => telemetry.stop(),
    noop: (): DaemonTelemetry => ({ stop: () => undefined }),
  });
}

function startRuntimeMetrics(metrics: MetricsApi) {
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKinds[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'unknown';
      metrics.distribution('runtime.node.gc.pause', entry.duration, { kind });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return {
    sample() {
      // Histogram values are nanoseconds; reset so each sample covers one interval.
      metrics.gauge('runtime.node.event_loop.delay.p50', loop.percentile(50) / 1e6);
      metrics.gauge('runtime.node.event_loop.delay.p99', loop.percentile(99) / 1e6);
      metrics.gauge('runtime.node.event_loop.delay.max', loop.max / 1e6);
      loop.reset();
      const memory = process.memoryUsage();
      metrics.gauge('runtime.node.heap.used', memory.heapUsed);
      metrics.gauge('runtime.node.heap.total', memory.heapTotal);
      metrics.gauge('runtime.node.rss', memory.rss);
    },
    stop() {
      loop.disable();
      gc.disconnect();
    },
  };
}

const gcKinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
