import { expect, test } from 'vitest';
import { Aggregator } from '../src/aggregator.js';

const collect = (maxLineBytes: number) => {
  const lines: string[] = [];
  const aggregator = new Aggregator(maxLineBytes, (line, bytes) => {
    expect(bytes).toBe(Buffer.byteLength(line));
    lines.push(line);
  });
  return { aggregator, lines };
};

test('sums counts and packs values per series until flushed', () => {
  const { aggregator, lines } = collect(8192);
  for (let i = 0; i < 100; i++) {
    expect(aggregator.add('req:', 1, '|c|#route:/a', true)).toBe(true);
    expect(aggregator.add('dur:', i / 2, '|d|#route:/a', false)).toBe(true);
  }
  aggregator.add('req:', 1, '|c|#route:/b', true);
  expect(lines).toEqual([]);
  aggregator.flush();
  expect(lines).toEqual(['req:100|c|#route:/a', `dur:${Array.from({ length: 100 }, (_, i) => i / 2).join(':')}|d|#route:/a`, 'req:1|c|#route:/b']);
  aggregator.flush();
  expect(lines).toHaveLength(3); // nothing held twice
});

test('a packed line never exceeds the cap: it is handed on and a new one started', () => {
  const { aggregator, lines } = collect(64);
  for (let i = 0; i < 100; i++) aggregator.add('dur:', 123.25, '|d|#a:b', false);
  aggregator.flush();
  for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(64);
  expect(lines.flatMap((l) => l.slice(4, l.indexOf('|')).split(':'))).toHaveLength(100);
});

test('refuses what it cannot hold, so the caller sends it as is', () => {
  const { aggregator } = collect(32);
  expect(aggregator.add('a.very.long.metric.name:', 1, '|d|#with:a-long-tag', false)).toBe(false);
  for (let i = 0; i < 4096; i++) aggregator.add(`m${i}:`, 1, '|c', true);
  expect(aggregator.add('one.more:', 1, '|c', true)).toBe(false);
});
