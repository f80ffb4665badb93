import { hostname } from 'node:os';
import type { Kennel } from '@kennel/core';
import { startDaemonTelemetry } from '@kennel/metrics';

/** Process facts for the start-up span, log line and /status. */
export function processMetadata() {
  return { pid: process.pid, arch: process.arch, platform: process.platform, node_version: process.version, hostname: hostname() };
}

/**
 * The seed daemon's start-up telemetry through @kennel/metrics: `daemon.startup`, the init
 * duration (ms and µs) from `initStartedAt` (a performance.now() value), a start-up event with
 * the process metadata, then `daemon.uptime` every `intervalMs`. Returns a stop function.
 * Without a ready metrics plugin there is nothing to send.
 */
export function startStartupTelemetry(kennel: Kennel, initStartedAt: number, intervalMs: number): () => void {
  const metrics = kennel.tryGet('metrics');
  if (!metrics) return () => {};
  const telemetry = startDaemonTelemetry(metrics, { initStartedAt, intervalMs });
  return () => telemetry.stop();
}
