import { expect, test } from 'vitest';
import { Batcher } from '../src/batcher.js';

test('joins lines into datagrams no larger than the cap, in order, losing none', () => {
  const sent: string[] = [];
  const batcher = new Batcher(100, (payload) => sent.push(payload));
  const lines = Array.from({ length: 50 }, (_, i) => `metric.${i}:${i}|c|#tag:${'é'.repeat(i % 7)}`);
  for (const line of lines) batcher.add(line, Buffer.byteLength(line));
  batcher.flush();
  batcher.flush(); // nothing left: no empty datagram
  for (const payload of sent) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(100);
  expect(sent.flatMap((p) => p.split('\n'))).toEqual(lines);
  expect(sent.length).toBeGreaterThan(10);
});
