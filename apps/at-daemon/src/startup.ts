import { hostname } from 'node:os';
import type { Kennel } from '@kennel/core';
import type { MetricsApi } from '@kennel/metrics';
import type { LlmProfiles } from './llm.js';

/** Process facts sent with the start-up telemetry and shown on /status. */
export function processMetadata() {
  return { pid: process.pid, arch: process.arch, platform: process.platform, node_version: process.version, hostname: hostname() };
}

/**
 * The seed daemon's start-up telemetry: `daemon.startup`, init duration (ms and µs), process
 * metadata as tags and an event, the LLM profile bootstrap, then `daemon.uptime` on an interval.
 * Returns a stop function for the interval. A disabled metrics plugin makes all of it a no-op.
 */
export function emitStartupTelemetry(kennel: Kennel, initMs: number, llm: LlmProfiles, uptimeIntervalMs: number, startedAt: number): () => void {
  const metrics = kennel.tryGet<MetricsApi>('metrics');
  if (!metrics) return () => {};
  const meta = processMetadata();
  const tags = { pid: meta.pid, arch: meta.arch, platform: meta.platform, node_version: meta.node_version };
  metrics.increment('daemon.startup', 1, tags);
  metrics.gauge('daemon.init.duration_ms', initMs, tags);
  metrics.gauge('daemon.init.duration_us', Math.round(initMs * 1000), tags);
  metrics.event('daemon startup', JSON.stringify({ ...meta, init_ms: initMs }), { alertType: 'info' }, tags);

  const available = llm.profiles.filter((p) => p.available);
  const profileTags = { profile: llm.chosen?.name ?? 'none', provider: llm.chosen?.provider ?? 'none' };
  metrics.increment('llm.profile.bootstrap', 1, { ...profileTags, outcome: llm.chosen ? 'chosen' : 'none' });
  metrics.gauge('llm.profile.total_available', available.length);
  metrics.event('llm_profile_bootstrap', JSON.stringify({ chosen: llm.chosen?.name ?? null, available: available.map((p) => p.name), reason: llm.reason }), { alertType: llm.chosen ? 'info' : 'warning' }, profileTags);

  const uptime = () => metrics.gauge('daemon.uptime', (Date.now() - startedAt) / 1000);
  uptime();
  const timer = setInterval(uptime, uptimeIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
