import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startLocalAgent, type LocalAgent } from '../src/index.js';

let agent: LocalAgent;
let snapshotDir: string;

beforeAll(async () => {
  snapshotDir = await mkdtemp(join(tmpdir(), 'kennel-snapshots-'));
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, snapshotDir, log: () => {} });
});
afterAll(async () => {
  await agent.close();
  await rm(snapshotDir, { recursive: true, force: true });
});
beforeEach(() => agent.store.reset());

function trace(traceId: bigint, names: string[], resource = 'r'): Uint8Array {
  return encode(
    [names.map((name, i) => ({ trace_id: traceId, span_id: traceId * 10n + BigInt(i + 1), parent_id: i === 0 ? 0n : traceId * 10n + 1n, name, resource, service: 'svc', type: '', error: 0, meta: { 'runtime-id': `r${traceId}` }, metrics: {}, start: 1000 + i, duration: 5 }))],
    { useBigInt64: true },
  );
}

async function send(body: Uint8Array, token?: string) {
  const res = await fetch(`${agent.url}/v0.4/traces`, { method: 'PUT', body, headers: token ? { 'X-Datadog-Test-Session-Token': token } : {} });
  expect(res.status).toBe(200);
}

const get = (path: string) => fetch(agent.url + path);

test('traces are scoped to the session started with a token; ids are full-precision JSON numbers', async () => {
  await send(trace(1n, ['before']));
  expect((await get('/test/session/start?test_session_token=t1')).status).toBe(200);
  await send(trace(2n ** 63n + 1n, ['mine']), 't1');
  await send(trace(3n, ['untokened']));
  await send(trace(4n, ['other']), 't2');

  const res = await get('/test/session/traces?test_session_token=t1');
  const text = await res.text();
  expect(text).toContain('"trace_id":9223372036854775809,');
  const traces = JSON.parse(text) as { name: string }[][];
  expect(traces.map((t) => t.map((s) => s.name))).toEqual([['mine'], ['untokened']]);
  expect((await get('/test/session/traces?test_session_token=nope')).status).toBe(404);
});

test('clear drops the session, requests are base64 bodies newest first, stats and telemetry by session', async () => {
  await get('/test/session/start?test_session_token=c');
  const body = trace(7n, ['a']);
  await send(body, 'c');
  await fetch(`${agent.url}/telemetry/proxy/api/v2/apmtelemetry`, { method: 'POST', body: '{"request_type":"app-heartbeat"}', headers: { 'X-Datadog-Test-Session-Token': 'c' } });
  await fetch(`${agent.url}/v0.6/stats`, { method: 'PUT', body: encode({ Env: 'test' }), headers: { 'X-Datadog-Test-Session-Token': 'c' } });

  const requests = (await (await get('/test/session/requests?test_session_token=c')).json()) as { method: string; url: string; body: string }[];
  expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/v0.6/stats', '/telemetry/proxy/api/v2/apmtelemetry', '/v0.4/traces']);
  expect(Buffer.from(requests[2]?.body ?? '', 'base64')).toEqual(Buffer.from(body));
  expect(await (await get('/test/session/apmtelemetry?test_session_token=c')).json()).toEqual([{ request_type: 'app-heartbeat' }]);
  expect(await (await get('/test/session/stats?test_session_token=c')).json()).toEqual([{ Env: 'test' }]);

  expect((await get('/test/session/clear?test_session_token=c')).status).toBe(200);
  expect(await (await get('/test/session/traces?test_session_token=c')).json()).toEqual([]);
});

test('snapshot writes a normalised file, then passes on the same traces and fails on a change', async () => {
  await get('/test/session/start?test_session_token=snap');
  await send(trace(100n, ['root', 'child']), 'snap');
  const first = await get('/test/session/snapshot?test_session_token=snap');
  expect(await first.json()).toMatchObject({ outcome: 'written' });
  const written = JSON.parse(await readFile(join(snapshotDir, 'snap.json'), 'utf8'));
  expect(written).toEqual([[
    expect.objectContaining({ name: 'root', trace_id: 0, span_id: 1, parent_id: 0 }),
    expect.objectContaining({ name: 'child', trace_id: 0, span_id: 2, parent_id: 1 }),
  ]]);

  // Same shape with different ids and runtime-id: still matches.
  await get('/test/session/start?test_session_token=snap');
  await send(trace(200n, ['root', 'child']), 'snap');
  expect(await (await get('/test/session/snapshot?test_session_token=snap')).json()).toMatchObject({ outcome: 'compared' });

  await get('/test/session/start?test_session_token=snap');
  await send(trace(300n, ['root', 'child'], 'changed'), 'snap');
  const failed = await get('/test/session/snapshot?test_session_token=snap');
  expect(failed.status).toBe(400);
  expect(((await failed.json()) as { error: string }).error).toBe("span 'root' at position 1: span mismatch on 'resource': got 'changed' which does not match expected 'r'.");

  await writeFile(join(snapshotDir, 'other.json'), '[]');
  expect((await get(`/test/session/snapshot?file=${encodeURIComponent(join(snapshotDir, 'other'))}&test_session_token=snap`)).status).toBe(400);
});

test('/test/traces returns traces by id', async () => {
  await send(trace(42n, ['x']));
  await send(trace(43n, ['y']));
  const traces = (await (await get('/test/traces?trace_ids=43,99')).json()) as { name: string }[][];
  expect(traces.map((t) => t.map((s) => s.name))).toEqual([['y'], []]);
});
