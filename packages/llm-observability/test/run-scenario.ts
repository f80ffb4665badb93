import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ScenarioResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed: what the scenario reports about itself. */
  report: Record<string, any>;
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * dd-trace initialises once per process, so each scenario is its own Node process talking to the
 * test's local agent and fake LLM servers over real HTTP/UDP.
 */
export function runScenario(file: string, env: Record<string, string>): Promise<ScenarioResult> {
  const script = fileURLToPath(new URL(`./scenarios/${file}`, import.meta.url));
  const quiet = { DD_TRACE_STARTUP_LOGS: 'false', DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false', DD_REMOTE_CONFIGURATION_ENABLED: 'false', DD_RUNTIME_METRICS_ENABLED: 'false' };
  const options = { cwd: packageDir, timeout: 30_000, env: { PATH: process.env.PATH, KENNEL_LOG_LEVEL: 'warn', ...quiet, ...env } };
  return new Promise((resolve) => {
    execFile(process.execPath, [script], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, report: lastJsonLine(stdout) });
    });
  });
}

/** Empty when absent: assertions on it then say what is missing, and stderr is in the result. */
function lastJsonLine(stdout: string): Record<string, any> {
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, any>;
  } catch {
    return {};
  }
}
