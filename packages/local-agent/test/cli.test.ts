import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runAgentCli, startLocalAgent } from '../src/index.js';

function io(stop?: Promise<unknown>) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {}, ...(stop && { stopSignal: stop }) } };
}

test('--help prints usage and exits 0', async () => {
  const run = io();
  expect(await runAgentCli(['--help'], run.io)).toBe(0);
  expect(run.out.join('\n')).toMatch(/Usage: kennel-agent \[options\][\s\S]*--statsd-port <n>/);
});

test('a bad port names the flag, the value and what is accepted', async () => {
  const run = io();
  expect(await runAgentCli(['--port', '70000'], run.io)).toBe(1);
  expect(run.err).toEqual(['kennel-agent: --port="70000" is invalid: expected a port number between 0 and 65535 (0 = ephemeral)']);
  const unknown = io();
  expect(await runAgentCli(['--nope'], unknown.io)).toBe(2);
  expect(unknown.err[0]).toMatch(/^kennel-agent: Unknown option '--nope'/);
});

test('a port already in use is reported with its code and the ports tried', async () => {
  const holder = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  try {
    const error = await startLocalAgent({ tracePort: holder.ports.trace, statsdPort: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KENNEL_ERR_AGENT_LISTEN_FAILED' });
    expect((error as Error).message).toContain(`(tracePort ${holder.ports.trace}, statsdPort 0): listen EADDRINUSE`);
    await expect(startLocalAgent({ tracePort: 1.5 })).rejects.toMatchObject({
      code: 'KENNEL_ERR_AGENT_OPTION_INVALID',
      message: 'local-agent tracePort=1.5 is invalid: expected an integer between 0 and 65535 (0 = ephemeral)',
    });
  } finally {
    await holder.close();
  }
});

test('runs programmatically, prints where it listens, and stops on request', async () => {
  let stop!: () => void;
  const run = io(new Promise<void>((resolve) => (stop = resolve)));
  const done = runAgentCli(['--port', '0', '--statsd-port', '0'], run.io);
  await expect.poll(() => run.out.length).toBeGreaterThan(0);
  const url = /traces, EVP proxy, JSON API\s+(http:\/\/\S+)/.exec(run.out[0] ?? '')?.[1];
  expect((await fetch(`${url}/info`)).status).toBe(200);
  stop();
  expect(await done).toBe(0);
  await expect(fetch(`${url}/info`)).rejects.toThrow();
});

test('the built bin exits cleanly on SIGTERM', async () => {
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0', '--statsd-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), out.includes('summary') && resolve())));
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  expect(out).toContain('kennel-agent: SIGTERM received, closing');
});
