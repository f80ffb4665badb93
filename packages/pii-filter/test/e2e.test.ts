import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from '@kennel/llm-observability/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

/** The personal data the app leaks into every channel; none of it may reach the agent. */
const planted = {
  email: 'jane.roe@example.org',
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  ssn: '078-05-1120',
  iban: 'DE89 3704 0044 0532 0130 00',
  ip: '203.0.113.77',
  token: 'abcDEF123456ghiJKL789',
  apiKey: 'AKIAIOSFODNN7EXAMPLE',
  // in the fake model's completion
  replyEmail: 'support.agent@example.net',
  replyPhone: '(555) 867-5309',
};

let agent: LocalAgent;
let llmServer: OpenAICompatibleServer;

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  llmServer = await startOpenAICompatibleServer({ reply: `Refund sent. Questions? Mail ${planted.replyEmail} or call ${planted.replyPhone}.` });
});
afterAll(async () => {
  await Promise.all([agent?.close(), llmServer?.close()]);
});

function runScenario(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', '@kennel/tracing/register', fileURLToPath(new URL('./e2e/scenario.mjs', import.meta.url))], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      PATH: process.env.PATH,
      DD_TRACE_STARTUP_LOGS: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      KENNEL_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr }))));
}

test('planted PII in span tags, metric tags, events, URLs and LLM prompts/completions never reaches the agent', async () => {
  const run = await runScenario({
    DD_TRACE_AGENT_URL: agent.url,
    DD_DOGSTATSD_HOST: '127.0.0.1',
    DD_DOGSTATSD_PORT: String(agent.ports.statsd),
    OPENAI_BASE_URL: llmServer.baseURL,
    PLANTED: JSON.stringify(planted),
  });
  expect(run.code, run.stderr).toBe(0);

  // Wait until every channel has delivered, so "not found" means scrubbed, not "not arrived yet".
  const spans = await agent.store.waitForSpans((s) => s.name === 'checkout', { timeoutMs: 15_000 });
  await agent.store.waitForSpans((s) => String(s.meta['http.url'] ?? '').includes('/reset'), { timeoutMs: 15_000 });
  await agent.store.waitForMetric('orders.placed', () => true, { timeoutMs: 15_000 });
  await agent.store.waitForEvent('refund issued', { timeoutMs: 15_000 });
  await agent.store.waitForLlmSpans((s) => s.name === 'lookup-customer', { timeoutMs: 15_000 });
  expect(spans.length).toBeGreaterThan(0);

  // Everything the agent captured: decoded spans, metric lines, events, LLM Observability spans,
  // and the decoded bodies and headers of every intake request.
  const captured = {
    spans: agent.store.spans(),
    metrics: agent.store.metrics(),
    events: agent.store.events(),
    serviceChecks: agent.store.serviceChecks(),
    llmSpans: agent.store.llmSpans(),
    requests: agent.store.requests().map((r) => ({ path: r.path, headers: r.headers, body: r.body })),
  };
  const haystack = JSON.stringify(captured);
  for (const [name, value] of Object.entries(planted)) {
    expect(haystack, `${name} leaked`).not.toContain(value);
    expect(haystack, `${name} leaked (URL-encoded)`).not.toContain(encodeURIComponent(value));
  }

  // The values did flow: the app really sent them (the LLM provider saw the raw prompt), and the
  // agent holds the scrubbed forms in each channel.
  expect(JSON.stringify(llmServer.requests)).toContain(planted.email);
  const checkout = agent.store.spans({ name: 'checkout' })[0]!;
  expect(checkout.meta).toMatchObject({
    'customer.contact': '[EMAIL]',
    'payment.card': 'card [CARD]',
    'customer.iban': '[IBAN]',
    'shipping.note': 'call [PHONE] or from [IP]',
    'http.request.headers.authorization': '[REDACTED]',
  });
  const urlSpans = agent.store.spans().filter((s) => String(s.meta['http.url'] ?? '').includes('/reset'));
  expect(urlSpans.map((s) => s.meta['http.url']).join(' ')).toContain('/reset?email=[EMAIL]&ssn=[SSN]&key=[API_KEY]');
  // (the metrics plugin's tag hygiene turns `[EMAIL]` into `_EMAIL_`)
  expect(agent.store.metrics({ name: 'orders.placed' })[0]?.tags).toEqual(expect.arrayContaining(['customer:_EMAIL_', 'phone:_REDACTED_']));
  expect(agent.store.metrics({ name: 'basket.value' })[0]?.tags).toContain('card:_CARD_');
  expect(JSON.stringify(agent.store.events())).toContain('refund for [EMAIL], ssn [SSN]');
  const llmText = JSON.stringify(agent.store.llmSpans());
  expect(llmText).toContain('[EMAIL]');
  expect(llmText).toContain('Mail [EMAIL] or call [PHONE]');
}, 60_000);
