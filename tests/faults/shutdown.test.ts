// SIGTERM while requests are flowing: everything emitted before shutdown() resolved reaches the agent.
import { afterEach, expect, test } from 'vitest';
import { freePorts, load, settle, startAgent, startApp, type AgentProcess } from './harness.js';
import { CONCURRENCY, REQUESTS } from './scale.js';

let agent: AgentProcess | undefined;
afterEach(async () => {
  await agent?.kill();
  agent = undefined;
});

test('SIGTERM under load: metric and span counts at the agent equal what the app emitted', async () => {
  const ports = await freePorts();
  agent = await startAgent(ports);
  const app = await startApp(ports);

  let stopped: ReturnType<typeof app.stop> | undefined;
  let gone = false;
  // SIGTERM lands after REQUESTS requests; clients keep sending until the app has exited (refused requests are expected then).
  const traffic = await load(app.base, {
    requests: REQUESTS * 10,
    concurrency: CONCURRENCY,
    phase: 'sigterm',
    at: { [REQUESTS]: () => (stopped = app.stop('SIGTERM').finally(() => (gone = true))) },
    until: () => gone,
  });
  const report = await stopped!;

  expect(report.stopped).toBe('SIGTERM');
  expect(report.faults).toEqual({ uncaught: [], unhandled: [] });
  const emitted = report.emitted.sigterm!;
  // Every request sent before the signal, except those still in flight, emitted; each emitting request was answered.
  expect(emitted).toBeGreaterThanOrEqual(REQUESTS - CONCURRENCY);
  expect(traffic.ok).toBeGreaterThanOrEqual(emitted);
  console.log(`[faults] SIGTERM under load: ${traffic.ok} requests served, ${emitted} metrics + spans emitted before shutdown()`);
  expect(await settle(() => agent!.metricCount('faults.work', 'phase:sigterm'), emitted)).toBe(emitted);
  expect(await settle(async () => (await agent!.spans({ name: 'faults.work', resource: 'phase sigterm' })).length, emitted)).toBe(emitted);
});
