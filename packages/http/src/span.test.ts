import { expect, test } from 'vitest';
import type { SpanLike } from './internal-types.js';
import { nameSpan, nameUnmatched, tagsOf, traceIdHex } from './span.js';

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

test('ids in a row, as the high half changes and comes back, each come out whole and unchanged by the next', () => {
  const low = Uint8Array.from([0, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0xff]);
  const first = traceIdHex(ddSpan(low, '6b075fe300000000', 'unused').span);
  const second = traceIdHex(ddSpan(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), '6b075fe400000000', 'unused').span);
  const third = traceIdHex(ddSpan(low, '6b075fe300000000', 'unused').span);
  expect([first, second, third]).toEqual(['6b075fe30000000000102030405060ff', '6b075fe4000000000102030405060708', '6b075fe30000000000102030405060ff']);
});

test('a high half built as dd-trace builds it (a concatenated string), and one after a rejected high half, come out whole', () => {
  const low = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const built = Math.floor(1_795_833_501_740 / 1000).toString(16).padStart(8, '0').padEnd(16, '0');
  expect(traceIdHex(ddSpan(low, built, 'unused').span)).toBe(`${built}0102030405060708`);
  // a half that fails on its last digit leaves the first fifteen written: the next id rewrites them
  expect(traceIdHex(ddSpan(low, `${'f'.repeat(15)}g`, 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan(low, '6b075fe300000000', 'unused').span)).toBe('6b075fe3000000000102030405060708');
});

test("any other shape is left to dd-trace's own toTraceId(true)", () => {
  const sixteen = ddSpan(new Uint8Array(16), undefined, 'from-dd-trace');
  expect(traceIdHex(sixteen.span)).toBe('from-dd-trace');
  expect(sixteen.calls).toEqual([true]);
  expect(traceIdHex(ddSpan(new Uint8Array(8), 'not-hex-16', 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan(new Uint8Array(8), 'NOT-HEX-16-CHARS', 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan([0, 1, 2, 3, 4, 5, 6, 256], undefined, 'from-dd-trace').span)).toBe('from-dd-trace');
  expect(traceIdHex(ddSpan('abcdefgh' as unknown as number[], undefined, 'from-dd-trace').span)).toBe('from-dd-trace');
  const plain = { setTag() {}, context: () => ({ toTraceId: () => 'plain', toSpanId: () => '1' }) } as SpanLike;
  expect(traceIdHex(plain)).toBe('plain');
});

/** A span that records its tags and reads them back, as dd-trace's does. */
function taggedSpan(tags: Record<string, unknown> = {}) {
  const context = { getTag: (key: string) => tags[key], toTraceId: () => '1', toSpanId: () => '1' };
  return { span: { setTag: (key: string, value: unknown) => void (tags[key] = value), context: () => context } as SpanLike, tags };
}

test("a request that moves on to another route takes its name, unless someone else named it", () => {
  const { span, tags } = taggedSpan();
  nameSpan(span, 'GET /files/:name', '/files/:name');
  nameSpan(span, 'GET /files/*splat', '/files/*splat', { resource: 'GET /files/:name', route: '/files/:name' });
  expect(tags).toEqual({ 'resource.name': 'GET /files/*splat', 'http.route': '/files/*splat' });
  const named = taggedSpan({ 'resource.name': 'mine', 'http.route': '/mine' });
  nameSpan(named.span, 'GET /files/*splat', '/files/*splat', { resource: 'GET /files/:name', route: '/files/:name' });
  expect(named.tags).toEqual({ 'resource.name': 'mine', 'http.route': '/mine' });
});

test('a route is named once, unless a resource or route was set before', () => {
  const { span, tags } = taggedSpan();
  nameSpan(span, 'GET /r/:id', '/r/:id');
  expect(tags).toEqual({ 'resource.name': 'GET /r/:id', 'http.route': '/r/:id' });
  const named = taggedSpan({ 'resource.name': 'mine', 'http.route': '/mine' });
  nameSpan(named.span, 'GET /r/:id', '/r/:id');
  expect(named.tags).toEqual({ 'resource.name': 'mine', 'http.route': '/mine' });
  const unmatchedRoute = taggedSpan();
  nameSpan(unmatchedRoute.span, 'GET unmatched', undefined);
  expect(unmatchedRoute.tags).toEqual({ 'resource.name': 'GET unmatched' });
  const unmatched = taggedSpan({ 'resource.name': 'DELETE' });
  nameUnmatched(unmatched.span, 'DELETE', 'DELETE unmatched');
  expect(unmatched.tags['resource.name']).toBe('DELETE unmatched');
  const kept = taggedSpan({ 'resource.name': 'custom' });
  nameUnmatched(kept.span, 'DELETE', 'DELETE unmatched');
  expect(kept.tags['resource.name']).toBe('custom');
});

test("dd-trace's tag object is read directly, and any other span through getTag", () => {
  const tags: Record<string, unknown> = { 'resource.name': 'set before' };
  const ddLike = { setTag: (key: string, value: unknown) => void (tags[key] = value), context: () => ({ _tags: tags, toTraceId: () => '1', toSpanId: () => '1' }) } as unknown as SpanLike;
  expect(tagsOf(ddLike)).toBe(tags);
  nameSpan(ddLike, 'GET /r', '/r');
  expect(tags).toEqual({ 'resource.name': 'set before', 'http.route': '/r' });
  expect(tagsOf(taggedSpan().span)).toBeUndefined();
});
