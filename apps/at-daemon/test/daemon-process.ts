import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI: tests run what users run (`pnpm build` first). */
export const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run "pnpm --filter @kennel/at-daemon build" (or pnpm build) before these tests`);

export const TOKENS = { viewer: 'viewer-token-for-tests-0123', admin: 'admin-token-for-tests-0123' };

export interface DaemonProcess {
  proc: ChildProcess;
  api: string;
  web: string;
  /** The JSON start-up record the daemon printed. */
  startup: Record<string, unknown>;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the daemon CLI on ephemeral ports and waits for its start-up record. */
export function spawnDaemon(args: string[] = [], env: Record<string, string> = {}): Promise<DaemonProcess> {
  const proc = spawn(process.execPath, [mainJs, '--port', '0', '--web-port', '0', ...args], {
    env: {
      PATH: process.env.PATH,
      KENNEL_DAEMON_VIEWER_TOKEN: TOKENS.viewer,
      KENNEL_DAEMON_ADMIN_TOKEN: TOKENS.admin,
      KENNEL_LOG_LEVEL: 'warn',
      // Nothing listens on port 9: the machine's own Ollama (if any) must not change the outcome.
      OLLAMA_HOST: 'http://127.0.0.1:9',
      DD_TRACE_STARTUP_LOGS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('daemon did not start within 15 s')), 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout:\n${out}\nstderr:\n${err}`));
    };
    proc.stderr!.on('data', (d: Buffer) => (err += d));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"msg":"kennel daemon started"'));
      if (!line) return;
      clearTimeout(timer);
      const startup = JSON.parse(line) as Record<string, unknown>;
      resolve({
        proc,
        api: startup.api as string,
        web: startup.web as string,
        startup,
        stdout: () => out,
        stderr: () => err,
        exited,
        stop: (signal = 'SIGTERM') => {
          if (proc.exitCode === null) proc.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => fail(new Error(`daemon exited with ${code} before starting`)));
  });
}

/** Runs the CLI to completion (for config errors). */
export function runDaemon(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [mainJs, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d));
    proc.stderr.on('data', (d: Buffer) => (stderr += d));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
