// kennel as the framework benchmarks run it: the tracing and metrics plugins, options from the environment.
import { benchJson } from './env.mjs';

/** A kennel with the tracing and metrics plugins (`BENCH_METRICS_OPTIONS`: the metrics plugin's options, as JSON). */
export async function benchKennel() {
  const [{ createKennel }, { tracingPlugin }, { metricsPlugin }] = await Promise.all([import('@kennel/core'), import('@kennel/tracing'), import('@kennel/metrics')]);
  return createKennel({ plugins: [tracingPlugin(), metricsPlugin(benchJson('BENCH_METRICS_OPTIONS'))] });
}

/** The framework plugin's options (`BENCH_OPTIONS`, as JSON). */
export function benchOptions() {
  return benchJson('BENCH_OPTIONS');
}
