import { createSocket } from 'node:dgram';
import { encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodeTraces, parseStatsdPacket, PayloadDecodeError, startLocalAgent, type LocalAgent } from '../src/index.js';

let agent: LocalAgent;

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, maxBodyBytes: 4096, log: () => {} });
});
afterAll(() => agent.close());

/** The decoder either returns traces or throws PayloadDecodeError; nothing else escapes. */
function decodesOrRejects(bytes: Uint8Array, version: 'v0.4' | 'v0.5'): void {
  try {
    const traces = decodeTraces(bytes, version);
    expect(Array.isArray(traces)).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadDecodeError);
  }
}

test('trace decoders never throw anything but PayloadDecodeError on random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('v0.4' as const, 'v0.5' as const), (bytes, version) => {
      decodesOrRejects(bytes, version);
    }),
    { numRuns: 2000 },
  );
});

test('trace decoders survive structurally plausible but wrong msgpack values', () => {
  const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 })),
  })).node;
  fc.assert(
    fc.property(value, fc.constantFrom('v0.4' as const, 'v0.5' as const), (payload, version) => {
      decodesOrRejects(encode(payload, { useBigInt64: true }), version);
    }),
    { numRuns: 1000 },
  );
});

test('v0.4 spans decode to the tags they were encoded with (long keys, many keys of one length, non-string values dropped)', () => {
  // Keys from 1 to 80 UTF-8 bytes, many sharing a length: the decoder's key cache must never hand back another key.
  // (`__proto__` is refused outright, see below; -0 travels as the integer 0.)
  const key = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }).filter((k) => k !== '__proto__'), fc.integer({ min: 0, max: 200 }).map((n) => `_dd.code_origin.frames.${n}.file`));
  const span = fc.record({
    meta: fc.dictionary(key, fc.oneof(fc.string({ maxLength: 20 }), fc.integer()), { maxKeys: 40 }),
    metrics: fc.dictionary(key, fc.oneof(fc.double({ noNaN: true }).map((v) => (v === 0 ? 0 : v)), fc.bigInt({ min: 0n, max: 2n ** 53n }), fc.string({ maxLength: 3 })), { maxKeys: 10 }),
  });
  fc.assert(
    fc.property(fc.array(span, { minLength: 1, maxLength: 20 }), (spans) => {
      const payload = [spans.map((s) => ({ trace_id: 1n, span_id: 2n, parent_id: 0n, name: 'n', resource: 'r', service: 's', type: 'web', error: 0, start: 1n, duration: 2n, ...s }))];
      const decoded = decodeTraces(encode(payload, { useBigInt64: true }), 'v0.4')[0]!;
      decoded.forEach((got, i) => {
        const sent = spans[i]!;
        expect(got.meta).toEqual(Object.fromEntries(Object.entries(sent.meta).filter(([, v]) => typeof v === 'string')));
        expect(got.metrics).toEqual(Object.fromEntries(Object.entries(sent.metrics).filter(([, v]) => typeof v !== 'string').map(([k, v]) => [k, Number(v)])));
      });
    }),
    { numRuns: 300 },
  );
});

test('a __proto__ tag key is refused as invalid msgpack', () => {
  const payload = encode([[{ trace_id: 1n, span_id: 2n, parent_id: 0n, name: 'n', meta: { ['__proto__']: 'x' } }]], { useBigInt64: true });
  expect(() => decodeTraces(payload, 'v0.4')).toThrow(PayloadDecodeError);
});

test('the statsd parser never throws: each non-empty line is either records or exactly one error', () => {
  const statsdish = fc
    .array(fc.constantFrom('a', ':', '|', '#', '@', ',', '\n', '1', '.', 'c', 'g', 'ms', '_e{', '_sc', '}', 'T', '-', 'é'), { maxLength: 60 })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), statsdish), (packet) => {
      const whole = parseStatsdPacket(packet);
      let errors = 0;
      for (const line of packet.split('\n')) {
        const parsed = parseStatsdPacket(line);
        const records = parsed.metrics.length + parsed.events.length + parsed.serviceChecks.length;
        if (line.replace(/\r$/, '').trim() === '') expect(records + parsed.errors.length).toBe(0);
        else expect(parsed.errors.length === 1 ? records === 0 : parsed.errors.length === 0 && records > 0).toBe(true);
        errors += parsed.errors.length;
      }
      expect(whole.errors).toHaveLength(errors);
    }),
    { numRuns: 3000 },
  );
});

test('random HTTP bodies get 200, 400 or 413 and the server keeps answering', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 6000 }), fc.constantFrom('/v0.4/traces', '/v0.5/traces', '/evp_proxy/v2/api/v2/llmobs'), async (bytes, path) => {
      const res = await fetch(agent.url + path, { method: 'POST', body: bytes });
      expect([200, 202, 400, 413]).toContain(res.status);
      await res.arrayBuffer();
    }),
    { numRuns: 150 },
  );
  expect((await fetch(`${agent.url}/info`)).status).toBe(200);
});

test('random UDP datagrams never stop DogStatsD intake', async () => {
  const socket = createSocket('udp4');
  const send = (data: Uint8Array | string) => new Promise<void>((resolve) => socket.send(data, agent.ports.statsd, '127.0.0.1', () => resolve()));
  const samples = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 1024 }), 200);
  for (const bytes of samples) await send(bytes);
  await send('fuzz.survivor:1|c');
  await expect(agent.store.waitForMetric('fuzz.survivor')).resolves.toMatchObject({ value: 1 });
  socket.close();
});
