import { startOpenAICompatibleServer, type OpenAICompatibleServer } from '@kennel/llm-observability/testing';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnDaemon, TOKENS, type DaemonProcess } from './daemon-process.js';

const viewer = { authorization: `Bearer ${TOKENS.viewer}` };
const admin = { authorization: `Bearer ${TOKENS.admin}` };
const hasTag = (tags: string[], tag: string) => tags.includes(tag);
/** Generous: the whole suite shares 2 cores with other packages' tests. */
const WAIT = { timeoutMs: 15_000 };
const any = () => true;

let agent: LocalAgent;
let llm: OpenAICompatibleServer;
const agentEnv = () => ({ DD_TRACE_AGENT_PORT: String(agent.ports.trace), DD_DOGSTATSD_PORT: String(agent.ports.statsd) });

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  llm = await startOpenAICompatibleServer({ reply: 'canned test reply', models: ['kennel-test-model'] });
});
afterAll(async () => {
  await llm?.close();
  await agent?.close();
});

describe('daemon with the local agent and a local runtime', () => {
  let daemon: DaemonProcess;
  beforeAll(async () => {
    daemon = await spawnDaemon([], { ...agentEnv(), KENNEL_DAEMON_LLM_URL: llm.baseURL, KENNEL_DAEMON_UPTIME_INTERVAL_MS: '200' });
  });
  afterAll(() => daemon?.stop());

  test('start-up metrics, events and the start-up span arrive at the agent', async () => {
    const { store } = agent;
    const startup = await store.waitForMetric('daemon.startup', any, WAIT);
    expect(startup).toMatchObject({ type: 'c', value: 1 });
    expect(hasTag(startup.tags, 'service:kennel-at-daemon')).toBe(true);
    expect(hasTag(startup.tags, `arch:${process.arch}`)).toBe(true);
    expect((await store.waitForMetric('daemon.init.duration_ms', any, WAIT)).type).toBe('g');
    const us = await store.waitForMetric('daemon.init.duration_us', any, WAIT);
    expect(Number.isInteger(us.value) && us.value > 0).toBe(true);
    // The uptime gauge repeats on its interval.
    await store.waitForMetric('daemon.uptime', any, { ...WAIT, count: 2 });

    const bootstrap = await store.waitForMetric('llm.profile.bootstrap', any, WAIT);
    expect(hasTag(bootstrap.tags, 'best_profile:local-runtime')).toBe(true);
    expect((await store.waitForMetric('llm.profile.total_available', any, WAIT)).value).toBe(1);
    expect((await store.waitForEvent('llm_profile_bootstrap', WAIT)).text).toContain('local-runtime');
    const event = await store.waitForEvent('daemon.startup', WAIT);
    expect(event.text).toContain(`pid ${daemon.proc.pid}`);

    const [span] = await store.waitForSpans((s) => s.name === 'daemon.startup', WAIT);
    expect(span).toMatchObject({ service: 'kennel-at-daemon', resource: 'startup' });
    expect(span!.meta.node_version).toBe(process.version);
    expect(daemon.startup).toMatchObject({ msg: 'kennel daemon started', pid: daemon.proc.pid, init_us: expect.any(Number), llm: { chosen: 'local-runtime' } });
  });

  test('/status: every plugin ready, agent reachable, local-runtime chosen', async () => {
    const status = (await (await fetch(`${daemon.api}/status`)).json()) as Record<string, any>;
    expect(status.agent.reachable).toBe(true);
    expect(status.llm.chosen).toBe('local-runtime');
    for (const plugin of status.plugins) expect(plugin, plugin.name).toMatchObject({ state: 'ready' });
  });

  test('POST /llm/chat answers through the instrumented OpenAI SDK', async () => {
    const res = await fetch(`${daemon.api}/llm/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hello there' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, profile: 'local-runtime', model: 'kennel-test-model', reply: 'canned test reply' });
    const calls = await agent.store.waitForMetric('llm.request.count', (m) => hasTag(m.tags, 'profile:local-runtime'), WAIT);
    expect(calls.value).toBe(1);
    await agent.store.waitForSpans((s) => s.name === 'openai.request', WAIT);
    const [llmSpan] = await agent.store.waitForLlmSpans((s) => s.kind === 'llm', WAIT);
    expect(llmSpan!.ml_app).toBe('kennel-at-daemon');
    await agent.store.waitForMetric('daemon.api.requests', (m) => hasTag(m.tags, 'route:/llm/chat'), WAIT);
  });

  test('telemetry endpoints: the viewer reads what the agent holds, the admin resets it', async () => {
    await agent.store.waitForMetric('daemon.uptime', any, WAIT);
    const metrics = (await (await fetch(`${daemon.api}/telemetry/metrics?name=daemon.uptime&limit=1`, { headers: viewer })).json()) as Array<{ name: string }>;
    expect(metrics).toHaveLength(1);
    expect(metrics[0]!.name).toBe('daemon.uptime');
    const spans = (await (await fetch(`${daemon.api}/telemetry/spans?name=daemon.startup`, { headers: viewer })).json()) as Array<{ name: string }>;
    expect(spans.map((s) => s.name)).toEqual(['daemon.startup']);
    const events = (await (await fetch(`${daemon.api}/telemetry/events`, { headers: viewer })).json()) as Array<{ title: string }>;
    expect(events.map((e) => e.title)).toContain('llm_profile_bootstrap');

    expect((await fetch(`${daemon.api}/telemetry/reset`, { method: 'POST', headers: viewer })).status).toBe(403);
    const reset = await fetch(`${daemon.api}/telemetry/reset`, { method: 'POST', headers: admin });
    expect(reset.status).toBe(200);
    expect(agent.store.spans({ name: 'daemon.startup' })).toEqual([]);
  });

  test('the page server relays the agent stream', async () => {
    const res = await fetch(`${daemon.web}/api/stream`, { signal: AbortSignal.timeout(10_000) });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: metric')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: agent\ndata: {"reachable":true}');
  });
});

describe('feature flags', () => {
  test('disabled plugins: the daemon runs and says so', async () => {
    const daemon = await spawnDaemon(['--disable', 'tracing,llm-observability'], agentEnv());
    try {
      const status = (await (await fetch(`${daemon.api}/status`)).json()) as { plugins: Array<{ name: string; state: string; reason?: string }> };
      const byName = Object.fromEntries(status.plugins.map((p) => [p.name, p]));
      expect(byName.tracing).toMatchObject({ state: 'disabled', reason: 'disabled by feature flag' });
      expect(byName['llm-observability']).toMatchObject({ state: 'disabled', reason: 'disabled by feature flag' });
      expect(byName.metrics).toMatchObject({ state: 'ready' });
      const chat = await fetch(`${daemon.api}/llm/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' });
      expect(chat.status).toBe(503);
      expect(((await chat.json()) as { reason: string }).reason).toContain('llm-observability is disabled');
    } finally {
      await daemon.stop();
    }
  });
});

describe('SIGTERM', () => {
  test('flushes buffered telemetry before exiting 0', async () => {
    // A long flush interval: only the shutdown flush can deliver what the daemon buffered.
    const daemon = await spawnDaemon([], { ...agentEnv(), KENNEL_METRICS_FLUSH_INTERVAL_MS: '60000' });
    agent.store.reset();
    expect((await fetch(`${daemon.api}/status`)).status).toBe(200);
    const statusCounts = () => agent.store.metrics({ name: 'daemon.api.requests', tags: ['route:/status'] });
    expect(statusCounts()).toEqual([]);
    expect(await daemon.stop('SIGTERM')).toBe(0);
    await agent.store.waitForMetric('daemon.api.requests', (m) => hasTag(m.tags, 'route:/status'), WAIT);
    expect(statusCounts()).toHaveLength(1);
    await agent.store.waitForSpans((s) => s.name === 'fastify.request' && s.resource === 'GET /status', WAIT);
  });
});
