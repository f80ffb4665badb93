// The agent comes and goes: the app keeps serving every request, and telemetry resumes when it is back.
import { afterEach, expect, test } from 'vitest';
import { freePorts, load, MB, settle, startAgent, startApp, type AgentProcess, type App } from './harness.js';
import { CONCURRENCY, HEAP_BOUND_BYTES, REQUESTS } from './scale.js';

let app: App | undefined;
let agent: AgentProcess | undefined;
afterEach(async () => {
  await app?.stop().catch(() => {});
  await agent?.kill();
  app = agent = undefined;
});

test('agent absent at start: every request served, no unhandled errors; agent started later: telemetry resumes', async () => {
  const ports = await freePorts();
  app = await startApp(ports);

  const absent = await load(app.base, { requests: REQUESTS, concurrency: CONCURRENCY, phase: 'absent' });
  expect(absent, absent.errors.join('\n')).toMatchObject({ ok: REQUESTS, failed: 0 });

  agent = await startAgent(ports);
  const back = await load(app.base, { requests: REQUESTS, concurrency: CONCURRENCY, phase: 'back' });
  expect(back, back.errors.join('\n')).toMatchObject({ ok: REQUESTS, failed: 0 });

  const report = await app.stop();
  app = undefined;
  expect(report.faults).toEqual({ uncaught: [], unhandled: [] });
  expect(report.emitted).toEqual({ absent: REQUESTS, back: REQUESTS });
  // Everything emitted once the agent was up arrives: metrics and spans.
  expect(await settle(() => agent!.metricCount('faults.work', 'phase:back'), REQUESTS)).toBe(REQUESTS);
  expect(await settle(async () => (await agent!.spans({ name: 'faults.work', resource: 'phase back' })).length, REQUESTS)).toBe(REQUESTS);
});

test('agent SIGKILLed mid-load and restarted: 0 app errors, telemetry resumes, memory bounded', async () => {
  const ports = await freePorts();
  agent = await startAgent(ports);
  app = await startApp(ports);
  await load(app.base, { requests: 100, concurrency: CONCURRENCY, phase: 'warmup' });
  const before = await app.memory();

  let killed: Promise<void> | undefined;
  const during = await load(app.base, {
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    phase: 'killed',
    at: { [Math.floor(REQUESTS / 4)]: () => (killed = agent!.kill()) },
  });
  await killed;
  expect(during, during.errors.join('\n')).toMatchObject({ ok: REQUESTS, failed: 0 });

  agent = await startAgent(ports);
  const after = await load(app.base, { requests: REQUESTS, concurrency: CONCURRENCY, phase: 'restarted' });
  expect(after, after.errors.join('\n')).toMatchObject({ ok: REQUESTS, failed: 0 });

  const end = await app.memory();
  const growth = end.heapUsed - before.heapUsed;
  console.log(`[faults] agent killed mid-load: ${2 * REQUESTS} requests, heap ${MB(before.heapUsed)} → ${MB(end.heapUsed)} (growth ${MB(growth)}), metrics transport errors ${end.metrics.errors}`);
  expect(growth).toBeLessThan(HEAP_BOUND_BYTES);

  const report = await app.stop();
  app = undefined;
  expect(report.faults).toEqual({ uncaught: [], unhandled: [] });
  expect(await settle(() => agent!.metricCount('faults.work', 'phase:restarted'), REQUESTS)).toBe(REQUESTS);
  expect(await settle(async () => (await agent!.spans({ name: 'faults.work', resource: 'phase restarted' })).length, REQUESTS)).toBe(REQUESTS);
});
