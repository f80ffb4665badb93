import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDaemon, spawnDaemon, TOKENS, type DaemonProcess } from './daemon-process.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('bad config', () => {
  test('exits 2 before listening and lists every problem', async () => {
    const { code, stdout, stderr } = await runDaemon(['--env', 'qa', '--port', '99999', '--tls-key', '/nonexistent/key.pem'], { KENNEL_DAEMON_WEB_PORT: 'web', DD_TRACE_SAMPLE_RATE: '2' });
    expect(code).toBe(2);
    expect(stdout).not.toContain('kennel daemon started');
    expect(stderr).toContain('Invalid kennel configuration (5 problems)');
    for (const source of ['--env="qa"', '--port="99999"', 'KENNEL_DAEMON_WEB_PORT="web"', '--tls-key="/nonexistent/key.pem"', 'DD_TRACE_SAMPLE_RATE="2"']) {
      expect(stderr).toContain(source);
    }
  });

  test('outside dev, missing role tokens are an error', async () => {
    const { code, stderr } = await runDaemon(['--env', 'prod', '--port', '0', '--web-port', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('KENNEL_DAEMON_VIEWER_TOKEN');
    expect(stderr).toContain('KENNEL_DAEMON_ADMIN_TOKEN');
  });
});

test('a port in use: exits 1 naming the port options', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const { code, stderr } = await runDaemon(['--port', String((taken.address() as AddressInfo).port), '--web-port', '0'], { KENNEL_LOG_LEVEL: 'silent', OLLAMA_HOST: 'http://127.0.0.1:9' });
    expect(code).toBe(1);
    expect(stderr).toContain('EADDRINUSE');
    expect(stderr).toContain('--port / KENNEL_DAEMON_PORT');
  } finally {
    taken.close();
  }
});

describe('API without an agent', () => {
  let daemon: DaemonProcess;
  beforeAll(async () => {
    // An agent URL nobody listens on: the daemon must run and say the agent is unreachable.
    daemon = await spawnDaemon(['--agent-api', 'http://127.0.0.1:9'], { DD_TRACE_AGENT_PORT: '9', DD_DOGSTATSD_PORT: '9', DD_API_KEY: 'test-api-key-secret' });
  });
  afterAll(() => daemon?.stop());

  test('reports its bound ports', () => {
    expect(daemon.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(daemon.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(daemon.api).not.toMatch(/:(0|9090)$/);
  });

  test('/health and /status are public; /status lists every plugin and the agent state', async () => {
    expect(await call(`${daemon.api}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    const { status, body } = await call(`${daemon.api}/status`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ state: 'running', env: 'dev', agent: { reachable: false } });
    const plugins = body.plugins as Array<{ name: string; state: string }>;
    expect(plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['tracing', 'metrics', 'pii-filter', 'llm-observability', 'fastify', 'express']));
    expect((body.versions as Record<string, string>)['@kennel/core']).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('role checks: 401 without or with a wrong token, 403 for a viewer on admin routes', async () => {
    expect(await call(`${daemon.api}/config`)).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'missing bearer token' } });
    expect(await call(`${daemon.api}/config`, { headers: bearer('wrong-token') })).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'invalid token' } });
    expect(await call(`${daemon.api}/config`, { headers: { authorization: 'Basic abc' } })).toMatchObject({ status: 401 });
    expect(await call(`${daemon.api}/config`, { headers: bearer(TOKENS.viewer) })).toEqual({
      status: 403,
      body: { error: 'forbidden', reason: 'requires the admin role; this token has the viewer role' },
    });
    expect(await call(`${daemon.api}/telemetry/reset`, { method: 'POST', headers: bearer(TOKENS.viewer) })).toMatchObject({ status: 403 });
    expect(await call(`${daemon.api}/telemetry/metrics`)).toMatchObject({ status: 401 });
  });

  test('admin sees the resolved config with secrets redacted', async () => {
    const { status, body } = await call(`${daemon.api}/config`, { headers: bearer(TOKENS.admin) });
    expect(status).toBe(200);
    const text = JSON.stringify(body);
    expect(text).not.toContain(TOKENS.admin);
    expect(text).not.toContain(TOKENS.viewer);
    expect(text).not.toContain('test-api-key-secret');
    expect(body).toMatchObject({
      daemon: { env: 'dev', tokens: { admin: { token: '[redacted]', source: 'env' } } },
      kennel: { service: 'kennel-at-daemon', preset: 'dev', datadog: { apiKey: '[redacted]' } },
    });
  });

  test('telemetry endpoints answer 502 with a reason when the agent is unreachable', async () => {
    const { status, body } = await call(`${daemon.api}/telemetry/spans`, { headers: bearer(TOKENS.viewer) });
    expect(status).toBe(502);
    expect(body.error).toBe('agent_unreachable');
  });

  test('/llm/chat: 400 on a bad body, 503 with a reason when no profile is usable', async () => {
    const post = (body: unknown) => call(`${daemon.api}/llm/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await post({})).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    const { status, body } = await post({ message: 'hello' });
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: 'no_llm_profile' });
    expect(body.reason).toEqual(expect.any(String));
    const profiles = await call(`${daemon.api}/llm/profiles`);
    expect(profiles).toMatchObject({ status: 200, body: { chosen: null } });
    expect((profiles.body.profiles as Array<{ healthy: boolean }>).every((p) => !p.healthy)).toBe(true);
  });

  test('the page server reports "agent unreachable" data', async () => {
    expect(await call(`${daemon.web}/api/telemetry`)).toMatchObject({ status: 200, body: { agent: { reachable: false } } });
    const page = await fetch(`${daemon.web}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>kennel at-daemon</title>');
  });
});

describe('TLS', () => {
  let dir: string;
  let daemon: DaemonProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kennel-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    daemon = await spawnDaemon(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--agent-api', 'http://127.0.0.1:9']);
  });
  afterAll(async () => {
    await daemon?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the API over HTTPS with the configured certificate', async () => {
    expect(daemon.api).toMatch(/^https:\/\//);
    const ca = readFileSync(join(dir, 'cert.pem'));
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request(`${daemon.api}${path}`, { ca, headers }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        })
          .on('error', reject)
          .end();
      });
    expect(await get('/health')).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect((await get('/config', bearer(TOKENS.admin))).status).toBe(200);
    // Plain HTTP to the TLS port must not work.
    await expect(fetch(daemon.api.replace('https:', 'http:') + '/health')).rejects.toThrow();
  });
});
