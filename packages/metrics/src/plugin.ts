import { definePlugin } from '@kennel/core';
import { createMetricsClient, type MetricsClient } from './client.js';
import { noopMetrics } from './noop.js';
import type { MetricsApi, MetricsOptions } from './types.js';

declare module '@kennel/core' {
  interface KennelPluginApis {
    metrics: MetricsApi;
  }
}

/**
 * DogStatsD metrics over one hot-shots client. Disabled by `plugins: { metrics: false }`,
 * KENNEL_PLUGIN_METRICS=false or KENNEL_METRICS_ENABLED=false: the API becomes a no-op.
 */
export function metricsPlugin(options: MetricsOptions = {}) {
  return definePlugin({
    name: 'metrics',
    // pii-filter registers the preTag/preText scrubbers this plugin applies.
    optionalDependsOn: ['pii-filter'],
    enabled: (config) => config.metrics.enabled,
    setup: (ctx): MetricsApi => createMetricsClient(ctx, options),
    shutdown: (api) => (api as MetricsClient).close(),
    noop: noopMetrics,
  });
}
