import { createSocket } from 'node:dgram';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startLocalAgent, type LocalAgent } from '../src/index.js';

let agent: LocalAgent;
const logs: string[] = [];

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, maxBodyBytes: 64 * 1024, log: (m) => logs.push(m) });
});
afterAll(() => agent.close());
beforeEach(() => agent.store.reset());

/** A v0.4 payload with 64-bit ids (bigint on the wire, as dd-trace sends them). */
function v04(spans: { trace: bigint; id: bigint; parent?: bigint; name: string; service?: string; error?: number }[]): Uint8Array {
  return encode(
    [
      spans.map((s) => ({
        trace_id: s.trace,
        span_id: s.id,
        parent_id: s.parent ?? 0n,
        name: s.name,
        resource: `${s.name}-resource`,
        service: s.service ?? 'api',
        type: 'web',
        error: s.error ?? 0,
        meta: { env: 'test' },
        metrics: { _sampling_priority_v1: 1 },
        start: 1_700_000_000_000_000_000n,
        duration: 1_500_000,
      })),
    ],
    { useBigInt64: true },
  );
}

async function put(path: string, body: Uint8Array | string, headers: Record<string, string> = {}) {
  const res = await fetch(agent.url + path, { method: 'PUT', body, headers: { 'content-type': 'application/msgpack', ...headers } });
  return { status: res.status, body: await res.text() };
}

async function getJson<T = unknown>(path: string): Promise<T> {
  const res = await fetch(agent.url + path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('trace intake', () => {
  test('answers rate_by_service and keeps unsigned 64-bit ids exactly', async () => {
    const res = await put('/v0.4/traces', v04([{ trace: 2n ** 64n - 1n, id: 2n ** 63n + 7n, name: 'root' }]));
    expect(res).toEqual({ status: 200, body: '{"rate_by_service":{"service:,env:":1}}' });
    const [span] = agent.store.spans();
    expect(span).toMatchObject({ trace_id: '18446744073709551615', span_id: '9223372036854775815', parent_id: '0', start: 1.7e18, duration: 1_500_000 });
  });

  test('garbage gets 400 with a reason, is counted, and the server keeps serving', async () => {
    const res = await put('/v0.4/traces', new Uint8Array([0xc1, 0xff, 0x00]));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/^v0\.4 traces: invalid msgpack/);
    const wrongShape = await put('/v0.5/traces', encode({ not: 'an array' }));
    expect(wrongShape.status).toBe(400);
    expect(JSON.parse(wrongShape.body).error).toBe('v0.5 traces: payload: expected an array, got object');
    const badIndex = await put('/v0.5/traces', encode([['svc'], [[[0, 0, 9, 1, 2, 0, 0, 0, 0, {}, {}, 0]]]]));
    expect(JSON.parse(badIndex.body).error).toBe('v0.5 traces: trace 0 span 0: string index 9 outside the table of 1');
    expect(agent.store.counters.malformedPayloads).toBe(3);
    expect((await put('/v0.4/traces', v04([{ trace: 1n, id: 2n, name: 'after' }]))).status).toBe(200);
  });

  test('oversized bodies get 413 (declared and streamed) and are counted', async () => {
    const big = new Uint8Array(64 * 1024 + 1);
    const res = await put('/v0.4/traces', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatch(/exceeds the 65536 byte limit \(maxBodyBytes\)/);

    // Chunked upload without content-length: refused while streaming.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${agent.url}/v0.4/traces`, { method: 'PUT', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(8 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(agent.store.counters.oversizedPayloads).toBe(2);
    expect((await fetch(`${agent.url}/info`)).status).toBe(200);
  });

  test('gzip bodies are inflated within maxBodyBytes; a bomb gets 400', async () => {
    const ok = await put('/v0.4/traces', gzipSync(v04([{ trace: 8n, id: 9n, name: 'zipped' }])), { 'content-encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect(agent.store.spans().map((s) => s.name)).toEqual(['zipped']);
    const bomb = await put('/v0.4/traces', gzipSync(Buffer.alloc(1 << 20)), { 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(400);
    expect(JSON.parse(bomb.body).error).toMatch(/^invalid or oversized gzip body/);
  });

  test('unknown paths and wrong methods are refused with a reason', async () => {
    const missing = await fetch(`${agent.url}/v9/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no such endpoint: GET /v9/nothing' });
    const wrongMethod = await fetch(`${agent.url}/v0.4/traces`);
    expect(wrongMethod.status).toBe(405);
  });
});

describe('other dd-trace endpoints', () => {
  test('/info advertises the served endpoints and the bound ports', async () => {
    const info = await getJson<{ endpoints: string[]; client_drop_p0s: boolean; config: Record<string, number> }>('/info');
    expect(info.endpoints).toEqual(expect.arrayContaining(['/v0.4/traces', '/v0.5/traces', '/v0.6/stats', '/evp_proxy/v2/', '/evp_proxy/v4/']));
    expect(info.client_drop_p0s).toBe(false);
    expect(info.config).toMatchObject({ receiver_port: agent.ports.trace, statsd_port: agent.ports.statsd });
    expect(agent.env).toEqual({
      DD_TRACE_AGENT_URL: `http://127.0.0.1:${agent.ports.trace}`,
      DD_AGENT_HOST: '127.0.0.1',
      DD_TRACE_AGENT_PORT: String(agent.ports.trace),
      DD_DOGSTATSD_HOST: '127.0.0.1',
      DD_DOGSTATSD_PORT: String(agent.ports.statsd),
    });
  });

  test('remote config polls get {}, telemetry and stats are logged decoded', async () => {
    const config = await fetch(`${agent.url}/v0.7/config`, { method: 'POST', body: '{"client":{}}' });
    expect(await config.text()).toBe('{}');
    const telemetry = await fetch(`${agent.url}/telemetry/proxy/api/v2/apmtelemetry`, {
      method: 'POST',
      body: JSON.stringify({ request_type: 'app-started', runtime_id: 'r1' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(telemetry.status).toBe(202);
    await put('/v0.6/stats', encode({ Hostname: 'h', Stats: [{ Start: 2n ** 60n, Duration: 10 }] }, { useBigInt64: true }));
    expect(agent.store.requests('/telemetry/')).toEqual([expect.objectContaining({ body: { request_type: 'app-started', runtime_id: 'r1' } })]);
    expect(agent.store.requests('/v0.6/stats')[0]?.body).toEqual({ Hostname: 'h', Stats: [{ Start: '1152921504606846976', Duration: 10 }] });
    expect(agent.store.requests('/v0.7/config')).toEqual([]);
  });

  test('LLMObs EVP payloads are decoded on v2 and v4; malformed ones get 400', async () => {
    const payload = [{ event_type: 'span', spans: [{ trace_id: 't', span_id: '1', parent_id: 'undefined', name: 'chat', tags: ['ml_app:a'], meta: { 'span.kind': 'llm' } }] }];
    for (const version of ['v2', 'v4']) {
      const res = await fetch(`${agent.url}/evp_proxy/${version}/api/v2/llmobs`, { method: 'POST', body: JSON.stringify(payload) });
      expect(res.status).toBe(202);
    }
    expect(agent.store.llmSpans().map((s) => [s.name, s.kind, s.ml_app])).toEqual([
      ['chat', 'llm', 'a'],
      ['chat', 'llm', 'a'],
    ]);
    const bad = await fetch(`${agent.url}/evp_proxy/v2/api/v2/llmobs`, { method: 'POST', body: '{"spans": 3}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'LLMObs spans: envelope 0: expected an object with a "spans" array' });
  });
});

describe('JSON API', () => {
  test('lists and filters spans and traces, then resets', async () => {
    await put('/v0.4/traces', v04([
      { trace: 10n, id: 1n, name: 'web', service: 'shop' },
      { trace: 10n, id: 2n, parent: 1n, name: 'db', service: 'shop', error: 1 },
      { trace: 11n, id: 3n, name: 'job', service: 'worker' },
    ]));
    expect((await getJson<{ name: string }[]>('/api/spans?service=shop')).map((s) => s.name)).toEqual(['web', 'db']);
    expect((await getJson<{ name: string }[]>('/api/spans?error=true')).map((s) => s.name)).toEqual(['db']);
    expect((await getJson<{ name: string }[][]>('/api/traces?name=db')).map((t) => t.map((s) => s.name))).toEqual([['web', 'db']]);
    const bad = await fetch(`${agent.url}/api/spans?error=maybe`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'query error="maybe" is invalid: expected true or false' });

    const summary = await getJson<{ spans: number; traces: number; services: string[] }>('/api/summary');
    expect(summary).toMatchObject({ spans: 3, traces: 2, services: ['shop', 'worker'] });
    expect((await fetch(`${agent.url}/api/reset`, { method: 'POST' })).status).toBe(200);
    expect(await getJson('/api/spans')).toEqual([]);
  });

  test('metrics raw and aggregated, with name/type/tag filters; events and service checks', async () => {
    const socket = createSocket('udp4');
    const lines = ['hits:1|c|#route:a', 'hits:2|c|#route:a', 'hits:5|c|#route:b', 'temp:20|g', 'temp:22|g', '_e{5,4}:Title|Text', '_sc|up|0', 'done:1|c'];
    await new Promise<void>((resolve) => socket.send(lines.join('\n'), agent.ports.statsd, '127.0.0.1', () => resolve()));
    socket.close();
    await agent.store.waitForMetric('done');

    expect(await getJson<unknown[]>('/api/metrics?name=hits&tag=route:a')).toHaveLength(2);
    expect(await getJson('/api/metrics/aggregated?name=hits')).toEqual([
      expect.objectContaining({ tags: ['route:a'], count: 2, sum: 3 }),
      expect.objectContaining({ tags: ['route:b'], count: 1, sum: 5 }),
    ]);
    expect(await getJson('/api/metrics/aggregated?type=g')).toEqual([expect.objectContaining({ name: 'temp', last: 22, min: 20, max: 22 })]);
    expect(await getJson('/api/events')).toEqual([expect.objectContaining({ title: 'Title', text: 'Text' })]);
    expect(await getJson('/api/service-checks')).toEqual([expect.objectContaining({ name: 'up', status: 0 })]);
    expect((await fetch(`${agent.url}/api/metrics?type=x`)).status).toBe(400);
  });

  test('GET / serves the live page wired to the SSE stream', async () => {
    const res = await fetch(`${agent.url}/`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain("new EventSource('/api/stream')");
  });

  test('the SSE stream sends a summary, then each record as it arrives', async () => {
    const controller = new AbortController();
    const res = await fetch(`${agent.url}/api/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil('event: summary');
    await put('/v0.4/traces', v04([{ trace: 5n, id: 6n, name: 'streamed' }]));
    await readUntil('"name":"streamed"');
    expect(text).toMatch(/event: span\ndata: \{"trace_id":"5","span_id":"6"/);
    controller.abort();
  });
});
