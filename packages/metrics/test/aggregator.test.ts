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
    expect(aggregator.add('req', 'c', '|#route:/a', 1)).toBe(true);
    expect(aggregator.add('dur', 'd', '|#route:/a', i / 2)).toBe(true);
  }
  aggregator.add('req', 'c', '|#route:/b', 1);
  expect(lines).toEqual([]);
  aggregator.flush();
  expect(lines.sort()).toEqual([`dur:${Array.from({ length: 100 }, (_, i) => i / 2).join(':')}|d|#route:/a`, 'req:100|c|#route:/a', 'req:1|c|#route:/b']);
  aggregator.flush();
  expect(lines).toHaveLength(3); // nothing held twice
});

test('a packed line never exceeds the cap: it is handed on and a new one started', () => {
  const { aggregator, lines } = collect(64);
  for (let i = 0; i < 100; i++) aggregator.add('dur', 'd', '|#a:b', 123.25);
  aggregator.flush();
  for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(64);
  expect(lines.flatMap((l) => l.slice(4, l.indexOf('|')).split(':'))).toHaveLength(100);
});

test('values of every width split across lines in order, each as String() prints it', () => {
  const { aggregator, lines } = collect(80);
  const values = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? i / 3 : i % 5 === 0 ? -i * 1e-300 : (i * 1001) / 1000));
  for (const value of values) aggregator.add('dur', 'd', '|#a:b', value);
  aggregator.flush();
  for (const line of lines) {
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^dur:[^|]+\|d\|#a:b$/);
  }
  expect(lines.flatMap((l) => l.slice(4, l.indexOf('|')).split(':'))).toEqual(values.map(String));
});

test('refuses what it cannot hold, so the caller sends it as is', () => {
  const { aggregator } = collect(32);
  expect(aggregator.add('a.very.long.metric.name', 'd', '|#with:a-long-tag', 1)).toBe(false);
  for (let i = 0; i < 4096; i++) aggregator.add(`m${i}`, 'c', '', 1);
  expect(aggregator.add('one.more', 'c', '', 1)).toBe(false);
});

test('a busy series is formatted early, so memory stays bounded between flushes', () => {
  const { aggregator, lines } = collect(8192);
  for (let i = 0; i < 2500; i++) aggregator.add('dur', 'ms', '', 1.5);
  expect(lines.length).toBeGreaterThan(0); // handed on before any flush
  aggregator.flush();
  expect(lines.flatMap((l) => l.slice(4, l.indexOf('|')).split(':'))).toHaveLength(2500);
  expect(lines.every((l) => l.endsWith('|ms'))).toBe(true);
});
