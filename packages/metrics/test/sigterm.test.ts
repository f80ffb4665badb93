import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/emit-until-sigterm.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
let agent: LocalAgent;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('build @kennel/metrics first (pnpm --filter @kennel/metrics build): the SIGTERM test runs the built package');
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => undefined });
});
afterAll(() => agent.close());

test('SIGTERM while emitting: every line the client accepted reaches the agent', async () => {
  const proc = spawn(process.execPath, [child], { env: { PATH: process.env.PATH ?? '', STATSD_PORT: String(agent.ports.statsd) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

  // Terminate mid-stream: once the agent has seen some of the counters.
  await received(200, 15_000);
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);

  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { emitted: number; sent: number; dropped: number; errors: number };
  expect(report.sent).toBeGreaterThanOrEqual(200);
  expect(report.errors).toBe(0);
  // Lines still arriving: wait until the agent has them all, then check nothing extra came.
  await received(report.sent, 10_000).catch(() => undefined);
  // Counts are aggregated client-side: the summed values, not the lines, must match.
  expect(total()).toBe(report.sent);
  expect(report.sent + report.dropped).toBe(report.emitted);
}, 30_000);

test('a process that never calls shutdown still exits: kennel keeps no socket or timer referenced', async () => {
  const script = `
    import { createKennel } from '@kennel/core';
    import { metricsPlugin, daemonMetricsPlugin } from ${JSON.stringify(dist)};
    const kennel = await createKennel({ plugins: [metricsPlugin(), daemonMetricsPlugin({ intervalMs: 50, runtimeMetrics: true })], config: { service: 'exit-child', logLevel: 'silent', agent: { statsdPort: ${agent.ports.statsd} } }, env: {} });
    kennel.get('metrics').increment('exit.count');
  `;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)), stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  expect(code).toBe(0);
}, 30_000);

const total = () => agent.store.metrics({ name: 'sigterm.count' }).reduce((sum, m) => sum + m.value, 0);

/** Resolves once the sigterm.count values at the agent add up to `count` (or rejects after `timeoutMs`). */
function received(count: number, timeoutMs: number): Promise<void> {
  let seen = total();
  if (seen >= count) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`agent received ${seen} of ${count} sigterm.count samples`))), timeoutMs);
    const stop = agent.store.onRecord((record) => {
      if (record.kind !== 'metric' || record.item.name !== 'sigterm.count' || (seen += record.item.value) < count) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
