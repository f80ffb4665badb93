import { fileURLToPath } from 'node:url';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChildApp, type ChildApp } from '../../http/test/child-app.js';

// See src/hook.ts: kennel registers its hooks past dd-trace's per-call wrapper, which costs more
// than kennel's own work on every request and has nothing to do for kennel's hooks.
describe.each(['5', '4'])('fastify %s', (major) => {
  let agent: LocalAgent;
  let app: ChildApp;
  beforeAll(async () => {
    agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
    app = await startChildApp(fileURLToPath(new URL('./wrapped-hooks.mjs', import.meta.url)), agent, { traced: true, env: { FRAMEWORK_MAJOR: major } });
  });
  afterAll(async () => {
    await app?.stop();
    await agent?.close();
  });

  const get = async (path: string) => (await fetch(`${app.base}${path}`)).json() as Promise<{ wrappedHookCalls: number; requestId?: string; traceId?: string }>;

  test("real dd-trace wraps a plain onRequest hook, and none of kennel's", async () => {
    expect(app.ddTraceLoaded).toBe(true);
    expect(app.frameworkVersion?.split('.')[0]).toBe(major);
    // The control proves the count works: the same app, one plain hook more, one wrapped call.
    expect((await get('/control')).wrappedHookCalls).toBe(1);
    expect((await get('/kennel')).wrappedHookCalls).toBe(0);
  });

  test("unwrapped, kennel's hook still runs in dd-trace's web span: the generated request id is its trace id", async () => {
    const body = await get('/kennel');
    expect(body.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(BigInt(`0x${body.requestId}`) & 0xffff_ffff_ffff_ffffn).toBe(BigInt(body.traceId!));
  });
});
