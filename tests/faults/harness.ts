import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const AGENT_CLI = fileURLToPath(new URL('../../packages/local-agent/dist/cli.js', import.meta.url));

export interface Ports {
  trace: number;
  statsd: number;
}

/** Two loopback ports nobody listens on right now (TCP for traces, UDP for DogStatsD). */
export async function freePorts(): Promise<Ports> {
  const tcp = createServer();
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const ports = { trace: (tcp.address() as { port: number }).port, statsd: udp.address().port };
  await new Promise((resolve) => tcp.close(resolve));
  await new Promise<void>((resolve) => udp.close(resolve));
  return ports;
}

/** A `kennel-agent` in its own process, so it can be SIGKILLed like a crashed Datadog Agent. */
export interface AgentProcess {
  url: string;
  kill(): Promise<void>;
  /** Aggregated count of a metric, optionally for one tag. */
  metricCount(name: string, tag?: string): Promise<number>;
  spans(filter: { name?: string; resource?: string }): Promise<unknown[]>;
}

export async function startAgent(ports: Ports): Promise<AgentProcess> {
  const proc = spawn(process.execPath, [AGENT_CLI, '--port', String(ports.trace), '--statsd-port', String(ports.statsd), '--max-spans', '200000'], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${ports.trace}`;
  const api = async <T>(path: string): Promise<T> => (await fetch(`${url}${path}`)).json() as Promise<T>;
  for (let attempt = 0; ; attempt++) {
    try {
      await api('/info');
      break;
    } catch (error) {
      if (attempt > 100 || proc.exitCode !== null) throw new Error(`agent did not start on ${url}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
    metricCount: async (name, tag) => {
      const series = await api<{ tags: string[]; sum: number }[]>(`/api/metrics/aggregated?name=${encodeURIComponent(name)}`);
      return series.filter((s) => tag === undefined || s.tags.includes(tag)).reduce((total, s) => total + s.sum, 0);
    },
    spans: (filter) => api<unknown[]>(`/api/spans?${new URLSearchParams(filter as Record<string, string>)}`),
  };
}

export interface MemoryReport {
  heapUsed: number;
  rss: number;
  metrics: { sent: number; dropped: number; errors: number };
  tracing: Record<string, number>;
}

export interface StopReport {
  stopped: string;
  /** Custom metrics (and as many spans) emitted per phase before shutdown() was called. */
  emitted: Record<string, number>;
  faults: Faults;
  shutdown: unknown;
}

export interface Faults {
  uncaught: string[];
  unhandled: string[];
}

/** tests/faults/app.mjs in its own process (dd-trace loads once per process), talking over IPC. */
export interface App {
  base: string;
  memory(): Promise<MemoryReport>;
  faults(): Promise<Faults>;
  /** Asks the app to stop (or sends SIGTERM) and resolves with what it emitted. */
  stop(how?: 'ipc' | 'SIGTERM'): Promise<StopReport>;
  stderr(): string;
}

export async function startApp(agent: { trace: number; statsd: number } | { traceUrl: string; statsd: number }, env: Record<string, string> = {}): Promise<App> {
  const proc: ChildProcess = fork(`${HERE}app.mjs`, [], {
    cwd: HERE,
    execArgv: ['--expose-gc', '--import', '@kennel/tracing/register'],
    env: {
      PATH: process.env.PATH ?? '',
      DD_SERVICE: 'faults-app',
      DD_ENV: 'faults',
      DD_TRACE_AGENT_URL: 'traceUrl' in agent ? agent.traceUrl : `http://127.0.0.1:${agent.trace}`,
      DD_AGENT_HOST: '127.0.0.1',
      DD_DOGSTATSD_PORT: String(agent.statsd),
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_TRACE_FLUSH_INTERVAL: '200',
      KENNEL_LOG_LEVEL: 'error',
      KENNEL_METRICS_FLUSH_INTERVAL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`app exited (${code}) while waiting for "${key}"\n${stderr}`));
      proc.on('message', onMessage);
      proc.once('exit', onExit);
    });
  const ready = await next<{ port: number }>('ready');
  return {
    base: `http://127.0.0.1:${ready.port}`,
    memory: async () => {
      const reply = next<{ memory: MemoryReport }>('memory');
      proc.send({ cmd: 'memory' });
      return (await reply).memory;
    },
    faults: async () => {
      const reply = next<{ faults: Faults }>('faults');
      proc.send({ cmd: 'faults' });
      return (await reply).faults;
    },
    stop: async (how = 'ipc') => {
      const reply = next<StopReport>('stopped');
      if (how === 'SIGTERM') proc.kill('SIGTERM');
      else proc.send({ cmd: 'stop' });
      const kill = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      return reply.finally(() => clearTimeout(kill));
    },
    stderr: () => stderr,
  };
}

export interface LoadResult {
  ok: number;
  failed: number;
  /** First few failure messages, for the assertion output. */
  errors: string[];
}

/**
 * `requests` GETs of `/work?phase=…` from `concurrency` clients. `at` runs (without blocking the
 * clients) when the given request number is about to be sent; `until` stops early.
 */
export async function load(
  base: string,
  options: { requests: number; concurrency: number; phase: string; at?: Record<number, () => unknown>; until?: () => boolean },
): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, failed: 0, errors: [] };
  let next = 0;
  const client = async () => {
    while (next < options.requests && !options.until?.()) {
      const n = next++;
      void options.at?.[n]?.();
      try {
        const response = await fetch(`${base}/work?phase=${options.phase}`);
        await response.text();
        if (response.status === 200) result.ok++;
        else throw new Error(`status ${response.status}`);
      } catch (error) {
        result.failed++;
        if (result.errors.length < 5) result.errors.push(String((error as Error).cause ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return result;
}

/** Polls `read` until it returns `expected` (or the time runs out), and returns the last value. */
export async function settle<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
