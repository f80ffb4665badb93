import { expect, test } from 'vitest';
import { parseStatsdPacket } from './statsd-parser.js';

test('parses extension fields, multi-value lines and CRLF', () => {
  const { metrics, errors } = parseStatsdPacket('lat:1:2.5:3|d|@0.1|#a:b,c|T1700000000|c:ci-123|card:low\r\nhits:-4|c\n\n');
  expect(errors).toEqual([]);
  expect(metrics).toEqual([
    { name: 'lat', type: 'd', value: 1, sampleRate: 0.1, tags: ['a:b', 'c'], timestamp: 1_700_000_000, containerId: 'ci-123' },
    { name: 'lat', type: 'd', value: 2.5, sampleRate: 0.1, tags: ['a:b', 'c'], timestamp: 1_700_000_000, containerId: 'ci-123' },
    { name: 'lat', type: 'd', value: 3, sampleRate: 0.1, tags: ['a:b', 'c'], timestamp: 1_700_000_000, containerId: 'ci-123' },
    { name: 'hits', type: 'c', value: -4, sampleRate: 1, tags: [] },
  ]);
});

test('rejects bad lines with a reason and keeps the good ones', () => {
  const { metrics, errors } = parseStatsdPacket(['ok:1|c', 'noval|c', 'x:abc|g', 'x:1|q', 'x:1|c|@2', 'x:1', '_sc|svc|7', '_e{9,1}:ab|c'].join('\n'));
  expect(metrics.map((m) => m.name)).toEqual(['ok']);
  expect(errors.map((e) => e.reason)).toEqual([
    'expected <name>:<value>|<type>',
    'metric x: value "abc" is not a number',
    'metric x: unknown type "q" (accepted: c, g, h, d, ms, s)',
    'metric x: sample rate "@2" is not a number in [0, 1]',
    'metric x: missing type',
    'service check svc: status "7" is not 0, 1, 2 or 3',
    'event: title/text do not match the declared lengths 9,1',
  ]);
});

test('event lengths are accepted in UTF-8 bytes (protocol) and UTF-16 units (hot-shots)', () => {
  const bytes = parseStatsdPacket('_e{6,2}:héllo|ok|#t');
  const units = parseStatsdPacket('_e{5,2}:héllo|ok|#t');
  expect(bytes.events).toEqual([{ title: 'héllo', text: 'ok', tags: ['t'] }]);
  expect(units.events).toEqual([{ title: 'héllo', text: 'ok', tags: ['t'] }]);
});

test('sets keep non-numeric members; gauges mark signed values as deltas', () => {
  const { metrics } = parseStatsdPacket('users:alice|s\nq:+3|g\nq:3|g');
  expect(metrics).toEqual([
    { name: 'users', type: 's', value: Number.NaN, setValue: 'alice', sampleRate: 1, tags: [] },
    { name: 'q', type: 'g', value: 3, delta: true, sampleRate: 1, tags: [] },
    { name: 'q', type: 'g', value: 3, sampleRate: 1, tags: [] },
  ]);
});
