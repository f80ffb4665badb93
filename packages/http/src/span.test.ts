import { expect, test } from 'vitest';
import type { SpanLike } from './internal-types.js';
import { traceIdHex } from './span.js';

/** A span whose context has dd-trace's id fields; `toTraceId` is what the fast path must agree with. */
function ddSpan(low: ArrayLike<number>, tid: string | undefined, slow: string) {
  const calls: boolean[] = [];
  const context = {
    _traceId: { toBuffer: () => low },
    _trace: { tags: tid === undefined ? {} : { '_dd.p.tid': tid } },
    toTraceId: (get128bit?: boolean) => (calls.push(get128bit === true), slow),
    toSpanId: () => '1',
  };
  return { span: { setTag() {}, context: () => context } as SpanLike, calls };
}

test('an 8-byte trace id is hex-encoded behind its _dd.p.tid high half, without asking dd-trace', () => {
  const { span, calls } = ddSpan(Uint8Array.from([0x3f, 0xfc, 0x95, 0xb3, 0xc5, 0x8b, 0x9e, 0x0a]), '6b075fe300000000', 'unused');
  expect(traceIdHex(span)).toBe('6b075fe3000000003ffc95b3c58b9e0a');
  expect(calls).toEqual([]);
});

test('a 64-bit trace (no _dd.p.tid, e.g. continued from an older caller) gets zero high bits, as toTraceId(true) pads it', () => {
  const { span } = ddSpan([0, 0, 0, 0, 0, 0, 1, 255], undefined, 'unused');
  expect(traceIdHex(span)).toBe('000000000000000000000000000001ff');
});

test("any other shape is left to dd-trace's own toTraceId(true)", () => {
  const sixteen = ddSpan(new Uint8Array(16), undefined, 'from-dd-trace');
  expect(traceIdHex(sixteen.span)).toBe('from-dd-trace');
  expect(sixteen.calls).toEqual([true]);
  expect(traceIdHex(ddSpan(new Uint8Array(8), 'not-hex-16', 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan([0, 1, 2, 3, 4, 5, 6, 256], undefined, 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan('abcdefgh' as unknown as number[], undefined, 'from-dd-trace').span)).toBe('from-dd-trace');
  const plain = { setTag() {}, context: () => ({ toTraceId: () => 'plain', toSpanId: () => '1' }) } as SpanLike;
  expect(traceIdHex(plain)).toBe('plain');
});
