import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import type { LocalAgent } from '@kennel/local-agent';

export interface ChildApp {
  /** `http://127.0.0.1:<port>` of the app. */
  base: string;
  /** Whether dd-trace was loaded in the child at all. */
  ddTraceLoaded: boolean;
  /** The version of the framework the app runs on, when the script reports it. */
  frameworkVersion: string | undefined;
  /** Asks the child to shut kennel down (flushing traces and metrics) and exit. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/**
 * Starts an app script in a fresh node process (dd-trace loads once per process, before the
 * framework). The script prints `{"port":…, "ddTraceLoaded":…, "frameworkVersion":…}` once listening, and shuts down
 * when its stdin closes. `traced` preloads `@kennel/tracing/register`.
 */
export function startChildApp(script: string, agent: LocalAgent, options: { traced: boolean; env?: Record<string, string> }): Promise<ChildApp> {
  const cwd = dirname(dirname(script)); // the package folder, so its dev dependencies resolve
  const args = options.traced ? ['--import', '@kennel/tracing/register', script] : [script];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DD_SERVICE: 'web-test',
      DD_ENV: 'test',
      DD_TRACE_AGENT_URL: agent.url,
      DD_AGENT_HOST: '127.0.0.1',
      DD_DOGSTATSD_PORT: String(agent.ports.statsd),
      DD_TRACE_ENABLED: String(options.traced),
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      KENNEL_LOG_LEVEL: 'warn',
      KENNEL_METRICS_FLUSH_INTERVAL_MS: '100',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`app did not start within 15 s\nstderr: ${stderr}`));
    }, 15_000);
    child.on('exit', (code) => reject(new Error(`app exited (${code}) before listening\nstderr: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { port: number; ddTraceLoaded: boolean; frameworkVersion?: string };
      resolve({
        base: `http://127.0.0.1:${ready.port}`,
        ddTraceLoaded: ready.ddTraceLoaded,
        frameworkVersion: ready.frameworkVersion,
        stop: () => {
          child.stdin.end();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          return exited.finally(() => clearTimeout(kill));
        },
      });
    });
  });
}

/** Sends a request and destroys it before the response arrives (the route must be slow). */
export function abortedRequest(url: string, afterMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal }).catch(() => resolve());
    setTimeout(() => controller.abort(), afterMs);
  });
}

