/**
 * The environment every benchmark child runs with: a clean slate (only PATH and the BENCH_*OPTIONS
 * JSON are inherited), a production Node, dd-trace's default settings, and dd-trace and
 * @kennel/metrics pointed at the bench's local agent.
 * `agent` is `{ url, ports: { statsd } }`, as @kennel/local-agent and rounds.mjs give it.
 */
export function benchEnv(agent) {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DD_SERVICE: 'bench',
    DD_ENV: 'bench',
    // DD_ENV=bench means the prod config preset, whose tracing preset is lean: the benchmarks hold
    // dd-trace at its defaults unless a configuration asks otherwise (rounds.mjs' prod preset).
    KENNEL_TRACING_PRESET: 'default',
    DD_TRACE_AGENT_URL: agent.url,
    DD_AGENT_HOST: '127.0.0.1',
    DD_DOGSTATSD_PORT: String(agent.ports.statsd),
    DD_TRACE_STARTUP_LOGS: 'false',
    KENNEL_LOG_LEVEL: 'error',
    // The framework plugin's and the metrics plugin's options, as JSON (see kennel.mjs).
    ...(process.env.BENCH_OPTIONS ? { BENCH_OPTIONS: process.env.BENCH_OPTIONS } : {}),
    ...(process.env.BENCH_METRICS_OPTIONS ? { BENCH_METRICS_OPTIONS: process.env.BENCH_METRICS_OPTIONS } : {}),
  };
}

/**
 * A numeric knob from the environment: `fallback` when unset or empty, else a whole number of at
 * least `min` (and even, with `even`), or an error naming the variable, its value and what it takes.
 */
export function benchKnob(name, fallback, { min = 1, even = false } = {}) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || (even && value % 2 !== 0)) {
    throw new Error(`${name}=${raw}: expected ${even ? 'an even' : 'a'} whole number of at least ${min}`);
  }
  return value;
}

/** A JSON object from the environment (`{}` when unset or empty), or an error naming the variable and its value. */
export function benchJson(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return {};
  let value;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${name}=${raw}: expected a JSON object (${error.message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${name}=${raw}: expected a JSON object`);
  return value;
}
