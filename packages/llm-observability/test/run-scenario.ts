import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ScenarioResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed: what the scenario reports about itself. */
  report: Record<string, any>;
}

/**
 * dd-trace initialises once per process, so each scenario is its own Node process talking to the
 * test's local agent and fake LLM servers over real HTTP/UDP.
 */
export function runScenario(file: string, env: Record<string, string>): Promise<ScenarioResult> {
  const path = fileURLToPath(new URL(`./scenarios/${file}`, import.meta.url));
  const child = spawn(process.execPath, [path], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      PATH: process.env.PATH,
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_RUNTIME_METRICS_ENABLED: 'false',
      KENNEL_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let report: Record<string, unknown> = {};
      try {
        report = JSON.parse(last) as Record<string, unknown>;
      } catch {
        // left empty: assertions on it say what is missing, and stderr is in the result
      }
      resolve({ code, stdout, stderr, report });
    });
  });
}
