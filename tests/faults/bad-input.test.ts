// Bad input never crashes anything and always gets a clear answer: every config env var with invalid
// values, and malformed requests to the demo daemon's API and static page server.
import { connect } from 'node:net';
import { configFields, KennelConfigError, resolveConfig } from '@kennel/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnDaemon, TOKENS, type DaemonProcess } from '../../apps/at-daemon/test/daemon-process.js';

/** Values that are wrong for at least some field type (bool, port, integer ranges, enums, URLs, names, non-empty strings). */
const CANDIDATES = ['   ', 'maybe', '-1', '99999', '1.5', 'abc', 'http://', 'a b c', '9'.repeat(400), '1e400', '0x1F', 'NaN'];

describe('every config env var with invalid values', () => {
  const envFields = configFields.flatMap((field) => field.env.map((name) => ({ field, name })));

  test('the sweep covers every env var core reads', () => {
    expect(envFields.length).toBeGreaterThanOrEqual(25);
  });

  test.each(envFields.map(({ field, name }) => [name, field] as const))('%s: rejected values name the variable, the value and what is accepted', (name, field) => {
    const rejected: string[] = [];
    for (const value of CANDIDATES) {
      let error: unknown;
      try {
        resolveConfig({}, { [name]: value });
      } catch (caught) {
        error = caught;
      }
      if (error === undefined) continue;
      rejected.push(value);
      expect(error, `${name}=${value}`).toBeInstanceOf(KennelConfigError);
      const message = (error as KennelConfigError).message;
      expect(message).toContain(name);
      expect(message).toContain(field.expected);
      expect(message).toContain(JSON.stringify(value));
      expect((error as KennelConfigError).code).toBe('KENNEL_ERR_CONFIG_INVALID');
    }
    expect(rejected.length, `some invalid value is rejected for ${name}`).toBeGreaterThan(0);
  });
});

/** Sends raw bytes (so nothing normalises the path or trims headers) and returns the status and body. */
function raw(base: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    // write, not end: a half-closed socket may be dropped before a slow (static file) answer.
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.setEncoding('latin1');
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk: string) => (data += chunk));
    // The server may reset the connection right after answering an oversized request: keep what arrived.
    socket.on('error', (error) => (data ? undefined : reject(error)));
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}
const get = (path: string, headers = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`;
const post = (path: string, type: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('malformed requests to the demo daemon', () => {
  let daemon: DaemonProcess;
  beforeAll(async () => {
    // No agent on this port: the daemon must still answer everything.
    daemon = await spawnDaemon([], { DD_TRACE_AGENT_URL: 'http://127.0.0.1:9', DD_DOGSTATSD_PORT: '9', DD_TRACE_STARTUP_LOGS: 'false' });
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  const hugeHeader = `X-Huge: ${'a'.repeat(20 * 1024)}\r\n`; // over Node's 16 KiB header limit

  test.each([
    ['huge header', () => get('/health', hugeHeader), [431]],
    ['thousands of headers', () => get('/health', Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('')), [431]],
    ['garbage request line', () => 'NOT HTTP AT ALL\r\n\r\n', [400]],
    ['bad JSON body', () => post('/llm/chat', 'application/json', '{"message":'), [400]],
    ['JSON of the wrong shape', () => post('/llm/chat', 'application/json', '{"message": 42}'), [400]],
    ['wrong content type', () => post('/llm/chat', 'text/plain', 'hello'), [400, 415]],
    ['multipart body', () => post('/llm/chat', 'multipart/form-data; boundary=x', '--x--'), [415]],
    ['body over the limit', () => post('/llm/chat', 'application/json', `{"message":"${'x'.repeat(2 * 1024 * 1024)}"}`), [413]],
    ['bad bearer token', () => get('/config', 'Authorization: Bearer \u00ff\u00fe\r\n'), [401]],
    ['path traversal', () => get('/../../../../etc/passwd'), [404]],
    ['unknown route', () => get('/nope'), [404]],
  ])('API, %s → clear 4xx', async (_name, request, statuses) => {
    const answer = await raw(daemon.api, request());
    expect(statuses).toContain(answer.status);
    if (answer.status !== 431 && answer.body) expect(answer.body, 'fastify answers errors as JSON with a message').toMatch(/"(message|reason)":"[^"]+"/);
    expect(answer.body).not.toMatch(/root:x:0:0/);
  });

  test.each([
    '/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..\\..\\..\\..\\etc\\passwd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/assets/../../package.json',
    '/%00',
    '/%',
  ])('page server, %s → 4xx, never a file outside the page', async (path) => {
    const answer = await raw(daemon.web, get(path));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toMatch(/root:x:0:0|"name":\s*"@kennel/);
  });

  test('page server: huge header → 431', async () => {
    expect((await raw(daemon.web, get('/', hugeHeader))).status).toBe(431);
  });

  test('after all of it the daemon is alive and healthy, with no uncaught error logged', async () => {
    expect(daemon.proc.exitCode).toBeNull();
    const health = await fetch(`${daemon.api}/health`);
    expect(health.status).toBe(200);
    const config = await fetch(`${daemon.api}/config`, { headers: { authorization: `Bearer ${TOKENS.admin}` } });
    expect(config.status).toBe(200);
    expect(daemon.stderr()).not.toMatch(/uncaught|unhandled/i);
  });
});
