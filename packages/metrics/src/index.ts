/** Package name, exported so consumers and tests can check which kennel package they loaded. */
export const packageName = '@kennel/metrics';
export { metricsPlugin } from './plugin.js';
export { createMetricsClient, type MetricsClient, type MetricsContext } from './client.js';
export { noopMetrics } from './noop.js';
export { startDaemonTelemetry, daemonMetricsPlugin } from './daemon.js';
export { AGENT_BUFFER_BYTES, REMOTE_UDP_BYTES } from './transport.js';
export type * from './types.js';
