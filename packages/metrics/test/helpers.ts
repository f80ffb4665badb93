import { createKennel, type KennelOptions, type Logger } from '@kennel/core';
import { metricsPlugin } from '../src/index.js';
import type { MetricsOptions } from '../src/types.js';

/** A logger that records what it was asked to print. */
export function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

/** A kennel with only the metrics plugin, reading no process env. */
export async function kennelWithMetrics(options: MetricsOptions = { mock: true }, config: KennelOptions = {}, env: Record<string, string> = {}) {
  const { logger, lines } = recordingLogger();
  const kennel = await createKennel({
    plugins: [metricsPlugin(options)],
    config: { service: 'svc', env: 'test', version: '1.2.3', ...config },
    env,
    logger,
  });
  return { kennel, metrics: kennel.get('metrics'), lines };
}
